import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { SupportModule } from '../support/support.module.js';
import { UnitsModule } from '../units/units.module.js';
import { AuditTrailController } from './audit-trail.controller.js';
import { AuditTrailService } from './audit-trail.service.js';

/**
 * The auditor's trail, a read model above the modules: it imports the owners of every subject an
 * event names, and nothing imports it (the audit module, below every module, keeps the events).
 */
@Module({
  imports: [AuthModule, UnitsModule, EstimatesModule, AllocationModule, SupportModule, MonitoringModule],
  controllers: [AuditTrailController],
  providers: [AuditTrailService],
})
export class AuditTrailModule {}
