import type { MigrationInterface, QueryRunner } from 'typeorm';

// The audit trail anchored outside the database (src/modules/audit/anchor.ts): every event gets
// its number in the chain (1, 2, 3 … without gaps, so a removed event shows) and a MAC keyed with
// a secret the database never holds; signed checkpoints of the chain head are kept here too (an
// auditor keeps copies elsewhere). Events written before this migration are numbered in order and
// keep no MAC: the app seals them with a signed checkpoint at its next start.
export class AuditAnchor1764192000000 implements MigrationInterface {
  name = 'AuditAnchor1764192000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN mac char(64)`);
    // The owner numbers the existing events once, with the append-only guard lifted for that only.
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`);
    await q.query(`UPDATE audit_events e SET seq = n.seq FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_events) n WHERE n.id = e.id`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN seq SET NOT NULL`);
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_seq_key UNIQUE (seq)`);

    await q.query(`
      CREATE TABLE audit_checkpoints (
        seq         bigint PRIMARY KEY,
        event_id    bigint NOT NULL,
        hash        char(64) NOT NULL,
        signed_at   timestamptz NOT NULL,
        reason      varchar(60) NOT NULL,
        key_id      varchar(32) NOT NULL,
        signature   text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_checkpoints`);
    await q.query(`DROP FUNCTION audit_checkpoints_append_only()`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_seq_key`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN mac, DROP COLUMN seq`);
  }
}
