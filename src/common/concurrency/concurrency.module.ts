import { Global, Module } from '@nestjs/common';
import { HeavyWorkGate } from './heavy-work-gate.js';

/** The instance's one HeavyWorkGate, injectable everywhere. */
@Global()
@Module({
  providers: [{ provide: HeavyWorkGate, useFactory: () => new HeavyWorkGate() }],
  exports: [HeavyWorkGate],
})
export class ConcurrencyModule {}
