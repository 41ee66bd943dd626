import { Module } from '@nestjs/common';
import { TreasuryController } from './treasury.controller.js';
import { TreasuryService } from './treasury.service.js';

/** The approved budget of a year as a treasury or an accounting system takes it in. */
@Module({
  controllers: [TreasuryController],
  providers: [TreasuryService],
  exports: [TreasuryService],
})
export class TreasuryModule {}
