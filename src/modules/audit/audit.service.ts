import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ListAuditQuery } from './dto/list-audit.query.js';
import { AuditEvent } from './entities/audit-event.entity.js';
import { type ChainBreak, type ChainedEventContent, eventHash, findChainBreak, type StoredEvent } from './hash-chain.js';

export interface AuditRecord {
  actor: Actor | null;
  unitId: string | null;
  entityType: string;
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

/** Turns a value into plain JSON (bigint → digit string, Date → ISO string), as jsonb will store it. */
function plainJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an event inside the caller's transaction; it commits or rolls back with the change. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    const [last] = await manager.query<{ hash: string }[]>('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1');
    const prevHash = last?.hash ?? null;
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
    await manager.query(
      `INSERT INTO audit_events (occurred_at, actor_id, actor_name, unit_id, entity_type, entity_id, action, before, after, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
        eventHash(prevHash, content),
      ],
    );
  }

  async list(query: ListAuditQuery): Promise<{ items: AuditEvent[]; limit: number; offset: number }> {
    const builder = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (query.entityType) builder.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.unitId) builder.andWhere('a.unit_id = :unitId', { unitId: query.unitId });
    if (query.actorId) builder.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('a.occurred_at < :to', { to: query.to });
    const items = await builder.orderBy('a.id', 'ASC').skip(query.offset).take(query.limit).getMany();
    return { items, limit: query.limit, offset: query.offset };
  }

  /** Walks the whole chain in batches and reports the first broken link. */
  async verify(): Promise<{ valid: boolean; checked: number; firstBreak: ChainBreak | null }> {
    let previousHash: string | null = null;
    let afterId = '0';
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource.getRepository(AuditEvent)
        .createQueryBuilder('a')
        .where('a.id > :afterId', { afterId })
        .orderBy('a.id', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      if (rows.length === 0) return { valid: true, checked, firstBreak: null };
      const events: StoredEvent[] = rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        unitId: row.unitId,
        entityType: row.entityType,
        entityId: row.entityId,
        action: row.action,
        before: row.before,
        after: row.after,
        reason: row.reason,
        prevHash: row.prevHash,
        hash: row.hash,
      }));
      const result = findChainBreak(events, previousHash);
      if (result.break) return { valid: false, checked: checked + events.findIndex((e) => e.id === result.break?.eventId), firstBreak: result.break };
      checked += events.length;
      previousHash = result.lastHash;
      afterId = rows[rows.length - 1].id;
    }
  }
}
