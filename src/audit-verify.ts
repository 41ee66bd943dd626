// npm run audit:verify -- --checkpoint FILE [--public-key FILE]
// An auditor's check of the audit trail against a checkpoint they saved: signatures first (with
// their own copy of the public key when given), then the whole chain: numbering, links, content
// hashes, MACs, and every event up to the checkpoint present. Exit 0 intact, 1 broken, 2 misuse.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { type Checkpoint, checkpointValid, publicKeyId } from './modules/audit/anchor.js';
import { loadAuditKeys } from './modules/audit/audit-keys.js';
import { verifyAnchoredChain } from './modules/audit/audit.service.js';

export const AUDIT_VERIFY_USAGE = 'Usage: npm run audit:verify -- --checkpoint FILE [--public-key FILE]';

/**
 * The checkpoints in a file as an auditor saves them: the answer of GET /audit/checkpoints
 * (`{ items: [...] }`), one checkpoint, an array of them, or one JSON checkpoint per line.
 */
export function parseCheckpointFile(text: string): unknown[] {
  const trimmed = text.trim();
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (Array.isArray(parsed)) return parsed;
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)) return (parsed as { items: unknown[] }).items;
    return [parsed];
  } catch {
    return trimmed.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
  }
}

/**
 * Runs the check; `print` gets the result (JSON) and `warn` the problems. Reads the database as
 * its owner (DATABASE_URL, or the embedded server), read-only; the MAC key from AUDIT_KEY (or the
 * development key file). Returns the exit code.
 */
export async function auditVerify(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void, warn: (line: string) => void): Promise<number> {
  let values: { checkpoint?: string; 'public-key'?: string };
  try {
    ({ values } = parseArgs({ args, options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } } }));
  } catch (error) {
    warn(`${error instanceof Error ? error.message : String(error)}\n${AUDIT_VERIFY_USAGE}`);
    return 2;
  }
  if (!values.checkpoint || !existsSync(values.checkpoint)) {
    warn(values.checkpoint ? `${values.checkpoint}: no such file` : AUDIT_VERIFY_USAGE);
    return 2;
  }
  let checkpoints: unknown[];
  try {
    checkpoints = parseCheckpointFile(readFileSync(values.checkpoint, 'utf8'));
  } catch {
    warn(`${values.checkpoint}: not a checkpoint file (JSON as GET /audit/checkpoints gives it)`);
    return 2;
  }
  const config = loadConfig(env);
  const keys = await loadAuditKeys(config, warn);
  let trusted: KeyObject = keys.publicKey;
  if (values['public-key']) {
    trusted = createPublicKey(readFileSync(values['public-key'], 'utf8'));
    if (publicKeyId(trusted) !== keys.keyId) {
      warn(`The audit key configured here (public key ${keys.keyId}) is not the one you keep (${publicKeyId(trusted)}): the MACs cannot be trusted.`);
      return 1;
    }
  }
  const forged = checkpoints.findIndex((checkpoint) => !checkpointValid(checkpoint, trusted));
  if (forged >= 0) {
    warn(`Checkpoint ${forged + 1} of ${values.checkpoint} is not signed by the audit key ${publicKeyId(trusted)}.`);
    return 1;
  }

  const database = await openDatabase(config, warn);
  const client = new pg.Client({ connectionString: database.url, application_name: 'itbudget-audit-verify' });
  try {
    await client.connect();
    await client.query('SET default_transaction_read_only = on');
    const outcome = await verifyAnchoredChain((sql, params) => client.query(sql, params).then((result) => result.rows as Record<string, unknown>[]), keys, checkpoints as Checkpoint[]);
    print(JSON.stringify(outcome, null, 2));
    return outcome.valid ? 0 : 1;
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
}
