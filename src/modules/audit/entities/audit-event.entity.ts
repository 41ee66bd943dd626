import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One change, append-only (PostgreSQL refuses UPDATE and DELETE on this table). */
@Entity('audit_events')
export class AuditEvent {
  // bigserial; pg returns int8 as a string, kept as one.
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', name: 'actor_name', nullable: true })
  actorName!: string | null;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId!: string | null;

  @Column({ type: 'varchar', name: 'entity_type' })
  entityType!: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId!: string;

  @Column({ type: 'varchar' })
  action!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'char', length: 64, name: 'prev_hash', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  /** Number in the chain: 1, 2, 3 … without gaps. */
  @Column({ type: 'bigint' })
  seq!: string;

  /** HMAC of (seq, hash) with a key the database never holds (see anchor.ts). */
  @Column({ type: 'char', length: 64, nullable: true })
  mac!: string | null;
}
