import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { ensureSecretFile } from '../../database/embedded-postgres.js';
import { type AuditKeys, auditKeysFrom } from './anchor.js';

/** Name of the development key file inside DATA_DIR. */
export const AUDIT_KEY_FILE = 'audit-key';

/**
 * The audit secret: AUDIT_KEY when set (required in production, where the config refuses to
 * start without it); in tests a random one per start; in development one generated into
 * DATA_DIR/audit-key (mode 0600) and kept, so MACs written yesterday still verify today.
 */
export async function loadAuditKeys(config: AppConfig, log: (message: string) => void = (message) => new Logger('Audit').log(message)): Promise<AuditKeys> {
  if (config.AUDIT_KEY) return auditKeysFrom(config.AUDIT_KEY);
  if (config.NODE_ENV === 'test') return auditKeysFrom(randomBytes(32).toString('base64url'));
  const path = resolve(config.DATA_DIR, AUDIT_KEY_FILE);
  const secret = await ensureSecretFile(path, () => randomBytes(32).toString('base64url'));
  const keys = auditKeysFrom(secret);
  log(`Audit key from ${path} (public key ${keys.keyId}); set AUDIT_KEY in production`);
  return keys;
}
