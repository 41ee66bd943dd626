import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { loadAuditKeys } from './audit-keys.js';
import { AuditController } from './audit.controller.js';
import { AUDIT_KEYS, AuditService } from './audit.service.js';

/** Global: every module records its changes here, in the transaction of the change. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, { provide: AUDIT_KEYS, inject: [AppConfig], useFactory: (config: AppConfig) => loadAuditKeys(config) }],
  exports: [AuditService],
})
export class AuditModule {}
