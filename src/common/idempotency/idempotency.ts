// Retried transitions with the same Idempotency-Key apply once: the first request stores its
// answer in the same transaction as its change; a retry gets that answer back unchanged.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../canonical-json.js';
import { ConflictError } from '../errors/domain-error.js';
import { message } from '../errors/messages.js';

export interface IdempotentCall {
  key: string | undefined;
  action: string;
  target: string;
  /** The request body; a retry must send the same. */
  request?: unknown;
}

const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Runs `work` once per (actor, key); of the actor only the user id is read. Must be called inside
 * a transaction: a concurrent retry waits on the key's unique index until the first commits, then
 * replays its answer. A key reused for another request is 409 `IDEMPOTENCY_KEY_REUSED`.
 */
export async function applyOnce<T>(manager: EntityManager, actor: { userId: string }, call: IdempotentCall, work: () => Promise<T>): Promise<unknown> {
  if (!call.key) return work();
  const requestHash = createHash('sha256').update(canonicalJson(call.request ?? null)).digest('hex');
  const claimed = await manager.query<unknown[]>(
    `INSERT INTO idempotency_keys (user_id, key, action, target, request_hash, response) VALUES ($1, $2, $3, $4, $5, 'null')
     ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
    [actor.userId, call.key, call.action, call.target, requestHash],
  );
  if (claimed.length === 0) {
    const [earlier] = await manager.query<{ action: string; target: string; request_hash: string; response: unknown }[]>(
      'SELECT action, target, request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [actor.userId, call.key],
    );
    if (!earlier || earlier.action !== call.action || earlier.target !== call.target || earlier.request_hash !== requestHash) {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', message('IDEMPOTENCY_KEY_REUSED'));
    }
    return earlier.response;
  }
  const result = await work();
  await manager.query('UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND key = $2', [actor.userId, call.key, toJson(result)]);
  return result;
}
