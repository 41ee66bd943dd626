import type { MigrationInterface, QueryRunner } from 'typeorm';

// Users and roles, the estimate workflow (reviews, approved amounts, adjustments), the consolidated
// provincial budget, idempotency keys, and the append-only, hash-chained audit trail.
export class BudgetCycle1764150000000 implements MigrationInterface {
  name = 'BudgetCycle1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id             uuid PRIMARY KEY,
        username       varchar(60) NOT NULL UNIQUE,
        password_hash  text NOT NULL,
        full_name      text NOT NULL,
        role           varchar(20) NOT NULL CHECK (role IN
                         ('UNIT_OFFICER', 'UNIT_HEAD', 'DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER', 'CHAIR', 'ADMIN', 'AUDITOR')),
        unit_id        uuid NOT NULL REFERENCES units (id),
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE login_failures (
        username      varchar(60) PRIMARY KEY,
        failures      integer NOT NULL,
        last_failed_at timestamptz NOT NULL
      )`);

    await q.query(`
      ALTER TABLE estimates
        ADD COLUMN submitted_at   timestamptz,
        ADD COLUMN submitted_late boolean NOT NULL DEFAULT false,
        ADD COLUMN return_comment text,
        ADD COLUMN balanced_at    timestamptz,
        ADD COLUMN approved_at    timestamptz`);
    await q.query(`
      ALTER TABLE estimate_lines
        ADD COLUMN approved_amount numeric(20,0),
        ADD COLUMN dic_opinion     varchar(30) CHECK (dic_opinion IN ('AGREE', 'AGREE_WITH_CHANGES', 'DISAGREE')),
        ADD COLUMN dic_note        text,
        ADD COLUMN design_agreed   boolean,
        ADD CONSTRAINT estimate_lines_approved_range CHECK (approved_amount >= 0 AND approved_amount <= amount)`);

    await q.query(`
      CREATE TABLE line_adjustments (
        id             uuid PRIMARY KEY,
        line_id        uuid NOT NULL REFERENCES estimate_lines (id),
        estimate_id    uuid NOT NULL REFERENCES estimates (id),
        before_amount  numeric(20,0) NOT NULL,
        after_amount   numeric(20,0) NOT NULL CHECK (after_amount >= 0),
        reason         text NOT NULL CHECK (length(reason) > 0),
        actor_id       uuid NOT NULL REFERENCES users (id),
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE consolidated_budgets (
        year             integer PRIMARY KEY REFERENCES fiscal_years (year),
        status           varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        version          integer NOT NULL DEFAULT 1,
        submitted_at     timestamptz,
        submitted_by     uuid REFERENCES users (id),
        warnings         jsonb NOT NULL DEFAULT '[]',
        return_comment   text,
        decision_number  varchar(60),
        decision_date    date,
        approved_at      timestamptz,
        approved_by      uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE budget_exclusions (
        year        integer NOT NULL REFERENCES fiscal_years (year),
        estimate_id uuid NOT NULL UNIQUE REFERENCES estimates (id),
        reason      text NOT NULL CHECK (length(reason) > 0),
        created_by  uuid NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, estimate_id)
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id      uuid NOT NULL REFERENCES users (id),
        key          varchar(200) NOT NULL,
        action       varchar(100) NOT NULL,
        target       text NOT NULL,
        -- sha-256 of the request body: the same key with another body is refused.
        request_hash char(64) NOT NULL,
        -- json, not jsonb: a replay answers byte for byte what the first request answered.
        response     json NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE audit_events (
        id           bigserial PRIMARY KEY,
        occurred_at  timestamptz NOT NULL,
        actor_id     uuid,
        actor_name   text,
        unit_id      uuid,
        entity_type  varchar(40) NOT NULL,
        entity_id    text NOT NULL,
        action       varchar(60) NOT NULL,
        before       jsonb,
        after        jsonb,
        reason       text,
        prev_hash    char(64),
        hash         char(64) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_events_unit_idx ON audit_events (unit_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at)`);
    // Append-only whoever connects: rows can be added, never changed or removed.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    // The role the application works as: every right on the data except changing the audit
    // trail. It does not own the tables, so it cannot drop the triggers either. Created only
    // where the migrating user may create roles; roles are cluster-wide, so it may exist already.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'itbudget_app')
           AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
          BEGIN
            CREATE ROLE itbudget_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'itbudget_app') THEN
          EXECUTE format('GRANT USAGE ON SCHEMA %I TO itbudget_app', current_schema());
          EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO itbudget_app', current_schema());
          EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO itbudget_app', current_schema());
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO itbudget_app', current_schema());
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO itbudget_app', current_schema());
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM itbudget_app;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'itbudget_app') THEN
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM itbudget_app', current_schema());
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM itbudget_app', current_schema());
          EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM itbudget_app', current_schema());
          EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM itbudget_app', current_schema());
          EXECUTE format('REVOKE ALL ON SCHEMA %I FROM itbudget_app', current_schema());
        END IF;
      END $$`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE budget_exclusions`);
    await q.query(`DROP TABLE consolidated_budgets`);
    await q.query(`DROP TABLE line_adjustments`);
    await q.query(`
      ALTER TABLE estimate_lines
        DROP CONSTRAINT estimate_lines_approved_range,
        DROP COLUMN design_agreed, DROP COLUMN dic_note, DROP COLUMN dic_opinion, DROP COLUMN approved_amount`);
    await q.query(`
      ALTER TABLE estimates
        DROP COLUMN approved_at, DROP COLUMN balanced_at, DROP COLUMN return_comment,
        DROP COLUMN submitted_late, DROP COLUMN submitted_at`);
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE users`);
  }
}
