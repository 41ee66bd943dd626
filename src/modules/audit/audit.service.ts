import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { Actor } from '../../common/access/actor.js';
import { type AuditKeys, type Checkpoint, checkpointValid, eventMac, macMatches, publicKeyPem, signCheckpoint, type UnsignedCheckpoint } from './anchor.js';
import type { AuditEntityType } from './entity-types.js';
import { type EventRow, eventOfRow } from './event-row.js';
import { type AnchoredBreak, AnchoredChainVerifier, type AnchoredEvent, type ChainedEventContent, eventHash } from './hash-chain.js';

export interface AuditRecord {
  actor: Actor | null;
  unitId: string | null;
  entityType: AuditEntityType;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

// One key for the whole chain: appends are serialised until their transaction ends, so the
// chain order is the commit order and no two events share a predecessor.
const CHAIN_LOCK_KEY = 7_314_002_011;
const VERIFY_BATCH = 5000;

/**
 * Budget decisions: each gets a signed checkpoint of the chain right after its event, so an
 * auditor's copy of the latest one covers every decision so far.
 */
export const BUDGET_DECISIONS: ReadonlySet<string> = new Set([
  'budget.submit',
  'budget.approve',
  'budget.return',
  'support_round.decide',
  'line.adjust',
  'balancing_run.adopt',
]);

/** Injection token of the audit keys (AuditKeys, anchor.ts). */
export const AUDIT_KEYS = Symbol('AUDIT_KEYS');

/** Turns a value into plain JSON (bigint → digit string, Date → ISO string), as jsonb will store it. */
function plainJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
}

/** Which events a page holds: each field narrows (all together). */
export interface AuditEventFilter {
  entityType?: AuditEntityType;
  entityId?: string;
  unitId?: string;
  actorId?: string;
  /** From this instant (inclusive): ISO 8601 with its offset. */
  from?: string;
  /** Until this instant (exclusive): ISO 8601 with its offset. */
  to?: string;
}

/** Runs SQL with positional parameters: a TypeORM DataSource or EntityManager, or a pg client. */
export type SqlRunner = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** An event as PostgreSQL returns it (id and seq as text). */
/** The events numbered after `afterSeq`, in chain order, at most `limit`. */
export async function readAnchoredEvents(sql: SqlRunner, afterSeq: string, limit: number): Promise<AnchoredEvent[]> {
  const rows = (await sql(
    // Ordered by the column, not by its text (the select list's `seq` is text: '9' > '10').
    `SELECT id::text, seq::text, occurred_at, actor_id, actor_name, unit_id, entity_type, entity_id, action, before, after, reason, prev_hash, hash, mac
       FROM audit_events e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
    [afterSeq, limit],
  )) as unknown as EventRow[];
  return rows.map(eventOfRow);
}


/** Every checkpoint kept in the database, oldest first. */
export async function readStoredCheckpoints(sql: SqlRunner, limit?: number): Promise<Checkpoint[]> {
  const rows = await sql(
    `SELECT seq::text, event_id::text, hash, signed_at, reason, key_id, signature FROM audit_checkpoints c ORDER BY c.seq ${limit ? 'DESC LIMIT ' + String(limit) : ''}`,
  );
  const checkpoints = rows.map((row) => ({
    version: 1 as const,
    seq: row.seq as string,
    eventId: row.event_id as string,
    hash: row.hash as string,
    signedAt: (row.signed_at as Date).toISOString(),
    reason: row.reason as string,
    keyId: row.key_id as string,
    signature: row.signature as string,
  }));
  return limit ? checkpoints.reverse() : checkpoints;
}

export interface VerifyOutcome {
  valid: boolean;
  /** Events checked before the first break (all of them when valid). */
  checked: number;
  /** The last intact event: its number and hash. */
  head: { seq: string; hash: string } | null;
  /** Checkpoints the chain was held against (kept in the database and given by the caller). */
  checkpoints: number;
  firstBreak: AnchoredBreak | null;
}

/**
 * Verifies the whole anchored chain against the kept checkpoints and `given` ones (an auditor's
 * copies, already checked for their signature). A kept checkpoint whose signature does not hold
 * (forged in the database) is itself a break. Shared by GET/POST /audit/verify and the CLI.
 */
export async function verifyAnchoredChain(sql: SqlRunner, keys: AuditKeys, given: readonly Checkpoint[] = []): Promise<VerifyOutcome> {
  const stored = await readStoredCheckpoints(sql);
  for (const checkpoint of stored) {
    if (!checkpointValid(checkpoint, keys.publicKey)) {
      return {
        valid: false,
        checked: 0,
        head: null,
        checkpoints: stored.length + given.length,
        firstBreak: {
          eventId: checkpoint.eventId,
          seq: checkpoint.seq,
          problem: 'CHECKPOINT_SIGNATURE_INVALID',
          expected: null,
          found: checkpoint.signature,
          checkpoint: { seq: checkpoint.seq, eventId: checkpoint.eventId, signedAt: checkpoint.signedAt },
        },
      };
    }
  }
  const all = [...stored, ...given];
  const verifier = new AnchoredChainVerifier((seq, hash, mac) => macMatches(keys.macKey, seq, hash, mac), all);
  let afterSeq = '0';
  for (;;) {
    const events = await readAnchoredEvents(sql, afterSeq, VERIFY_BATCH);
    if (events.length === 0) break;
    const broken = verifier.feed(events);
    if (broken) return { valid: false, checked: verifier.checked, head: verifier.head, checkpoints: all.length, firstBreak: broken };
    afterSeq = events[events.length - 1].seq;
  }
  const cut = verifier.finish();
  return { valid: cut === null, checked: verifier.checked, head: verifier.head, checkpoints: all.length, firstBreak: cut };
}

@Injectable()
export class AuditService implements OnModuleInit {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_KEYS) private readonly keys: AuditKeys,
    private readonly config: AppConfig,
  ) {}

  private sql(runner: DataSource | EntityManager): SqlRunner {
    return (query, params) => runner.query<Record<string, unknown>[]>(query, params);
  }

  /**
   * At start: events written before MACs existed are sealed by one signed checkpoint of their
   * head (once; concurrent starts serialise on the chain lock).
   */
  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
      const [legacy] = await manager.query<{ id: string; seq: string; hash: string }[]>(
        'SELECT e.id::text AS id, e.seq::text AS seq, e.hash FROM audit_events e WHERE e.mac IS NULL ORDER BY e.seq DESC LIMIT 1',
      );
      if (!legacy) return;
      const [sealed] = await manager.query<unknown[]>(`SELECT 1 FROM audit_checkpoints WHERE reason = 'seal' AND seq >= $1`, [legacy.seq]);
      if (sealed) return;
      await this.insertCheckpoint(manager, { seq: legacy.seq, eventId: legacy.id, hash: legacy.hash, signedAt: new Date().toISOString(), reason: 'seal' });
      this.logger.warn(`Sealed ${legacy.seq} audit events written before MACs with a signed checkpoint`);
    });
  }

  /** Appends an event inside the caller's transaction; it commits or rolls back with the change. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    const [last] = await manager.query<{ hash: string; seq: string }[]>('SELECT e.hash, e.seq::text AS seq FROM audit_events e ORDER BY e.seq DESC LIMIT 1');
    const prevHash = last?.hash ?? null;
    const seq = (BigInt(last?.seq ?? '0') + 1n).toString();
    const content: ChainedEventContent = {
      occurredAt: new Date().toISOString(),
      actorId: record.actor?.userId ?? null,
      actorName: record.actor?.username ?? null,
      unitId: record.unitId,
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      before: plainJson(record.before),
      after: plainJson(record.after),
      reason: record.reason ?? null,
    };
    const hash = eventHash(prevHash, content);
    const [inserted] = await manager.query<{ id: string }[]>(
      `INSERT INTO audit_events (occurred_at, actor_id, actor_name, unit_id, entity_type, entity_id, action, before, after, reason, prev_hash, hash, seq, mac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id::text`,
      [
        content.occurredAt,
        content.actorId,
        content.actorName,
        content.unitId,
        content.entityType,
        content.entityId,
        content.action,
        JSON.stringify(content.before),
        JSON.stringify(content.after),
        content.reason,
        prevHash,
        hash,
        seq,
        eventMac(this.keys.macKey, seq, hash),
      ],
    );
    const every = BigInt(this.config.AUDIT_CHECKPOINT_EVERY);
    const reason = BUDGET_DECISIONS.has(record.action) ? record.action : BigInt(seq) % every === 0n ? `every-${every}` : null;
    if (reason) await this.insertCheckpoint(manager, { seq, eventId: inserted.id, hash, signedAt: content.occurredAt, reason });
  }

  private async insertCheckpoint(manager: EntityManager, fields: UnsignedCheckpoint): Promise<void> {
    const checkpoint = signCheckpoint(this.keys, fields);
    await manager.query(
      `INSERT INTO audit_checkpoints (seq, event_id, hash, signed_at, reason, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [checkpoint.seq, checkpoint.eventId, checkpoint.hash, checkpoint.signedAt, checkpoint.reason, checkpoint.keyId, checkpoint.signature],
    );
  }

  /**
   * An estimate's events, oldest first: the estimate's own and those of its lines (deleted lines
   * included, found by the `estimateId` their before or after carries), within the unit's events.
   */
  estimateEvents(
    estimateId: string,
    unitId: string,
  ): Promise<{ occurred_at: Date; actor_id: string | null; actor_name: string | null; action: string; entity_type: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; reason: string | null }[]> {
    return this.dataSource.query(
      `SELECT a.occurred_at, a.actor_id, a.actor_name, a.action, a.entity_type, a.before, a.after, a.reason
         FROM audit_events a
        WHERE a.unit_id = $3
          AND ((a.entity_type = 'estimate' AND a.entity_id = $1)
            OR (a.entity_type = 'estimate_line' AND (a.after->>'estimateId' = $2 OR a.before->>'estimateId' = $2)))
        ORDER BY a.occurred_at, a.id`,
      [estimateId, estimateId, unitId],
    );
  }

  /**
   * One page of events matching `filter`, in chain order (`desc`: newest first), and how many match
   * on all pages. The events alone, as recorded: whoever reads them names their subjects through
   * the owners of those (the auditor's trail, src/modules/audit-trail). `from` (inclusive) and `to`
   * (exclusive) are ISO 8601 instants with their offset. `manager` reads in a caller's transaction.
   */
  async page(
    filter: AuditEventFilter,
    { order, limit, offset }: { order: 'asc' | 'desc'; limit: number; offset: number },
    manager: Pick<EntityManager, 'query'> = this.dataSource.manager,
  ): Promise<{ items: AnchoredEvent[]; total: number }> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.entityType !== undefined) add('a.entity_type = ?', filter.entityType);
    if (filter.entityId !== undefined) add('a.entity_id = ?', filter.entityId);
    if (filter.unitId !== undefined) add('a.unit_id = ?', filter.unitId);
    if (filter.actorId !== undefined) add('a.actor_id = ?', filter.actorId);
    if (filter.from !== undefined) add('a.occurred_at >= ?::timestamptz', filter.from);
    if (filter.to !== undefined) add('a.occurred_at < ?::timestamptz', filter.to);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const direction = order === 'desc' ? 'DESC' : 'ASC';
    const [{ total }] = await manager.query<{ total: string }[]>(`SELECT count(*)::text AS total FROM audit_events a ${where}`, params);
    const rows = await manager.query<EventRow[]>(
      `SELECT a.id::text AS id, a.seq::text AS seq, a.occurred_at, a.actor_id, a.actor_name, a.unit_id, a.entity_type, a.entity_id, a.action,
              a.before, a.after, a.reason, a.prev_hash, a.hash, a.mac
         FROM audit_events a ${where}
        ORDER BY a.seq ${direction} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(eventOfRow), total: Number(total) };
  }

  /**
   * Everyone who appears in the trail as an actor: their id and the username their latest event
   * kept, by id.
   */
  async actors(manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<{ actorId: string; actorName: string | null }[]> {
    const rows = await manager.query<{ actor_id: string; actor_name: string | null }[]>(
      `SELECT DISTINCT ON (a.actor_id) a.actor_id, a.actor_name
         FROM audit_events a
        WHERE a.actor_id IS NOT NULL
        ORDER BY a.actor_id, a.seq DESC`,
    );
    return rows.map((row) => ({ actorId: row.actor_id, actorName: row.actor_name }));
  }

  /**
   * Walks the whole chain and reports the first broken event: altered, removed, reordered or
   * inserted events (numbering, links, content hashes, MACs), and events cut off the tail behind
   * the last checkpoint (kept here, or `given` by an auditor: each must carry our signature,
   * else 400 naming it).
   */
  async verify(given: readonly unknown[] = []): Promise<VerifyOutcome> {
    const bad = given.findIndex((checkpoint) => !checkpointValid(checkpoint, this.keys.publicKey));
    if (bad >= 0) {
      throw InvalidInputError.of(
        `checkpoints[${bad}]`,
        'chữ ký không hợp lệ với khoá công khai của nhật ký / the signature does not hold for the audit trail\'s public key',
        'CHECKPOINT_SIGNATURE_INVALID',
      );
    }
    return verifyAnchoredChain(this.sql(this.dataSource), this.keys, given as Checkpoint[]);
  }

  /** The latest checkpoints, newest last: what an auditor saves. */
  async checkpoints(limit: number): Promise<{ publicKeyId: string; items: Checkpoint[] }> {
    return { publicKeyId: this.keys.keyId, items: await readStoredCheckpoints(this.sql(this.dataSource), limit) };
  }

  /** The public key that checks every checkpoint (PEM), and its id. */
  publicKey(): { keyId: string; publicKey: string } {
    return { keyId: this.keys.keyId, publicKey: publicKeyPem(this.keys) };
  }
}
