import type { MigrationInterface, QueryRunner } from 'typeorm';

// Balancing runs (scenarios of the allocator over a year's submitted lines) and the project
// contingency that the 10% rule checks.
export class Allocation1764160000000 implements MigrationInterface {
  name = 'Allocation1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE estimate_lines
        ADD COLUMN contingency numeric(20,0),
        ADD CONSTRAINT estimate_lines_contingency_range CHECK (contingency >= 0 AND contingency <= amount)`);

    await q.query(`
      CREATE TABLE balancing_runs (
        id             uuid PRIMARY KEY,
        year           integer NOT NULL REFERENCES fiscal_years (year),
        track          varchar(20) NOT NULL CHECK (track IN ('RECURRENT', 'INVESTMENT')),
        -- BALANCE proposes approved amounts; TOP_UP proposes additions that close the floor's shortfall.
        kind           varchar(20) NOT NULL CHECK (kind IN ('BALANCE', 'TOP_UP')),
        name           text NOT NULL,
        rounding_unit  numeric(20,0) NOT NULL CHECK (rounding_unit >= 1),
        -- One group per ceiling: {"*": "…"} for a single ceiling, or one per funding source.
        ceilings       jsonb NOT NULL,
        groups         jsonb NOT NULL,
        status         varchar(20) NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ADOPTED')),
        created_by     uuid NOT NULL REFERENCES users (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        adopted_by     uuid REFERENCES users (id),
        adopted_at     timestamptz
      )`);
    await q.query(`CREATE INDEX balancing_runs_year_idx ON balancing_runs (year, track)`);
    await q.query(`
      CREATE TABLE balancing_run_lines (
        run_id              uuid NOT NULL REFERENCES balancing_runs (id) ON DELETE CASCADE,
        position            integer NOT NULL,
        -- A snapshot: no foreign keys, so a line deleted later leaves the run whole (and stale).
        line_id             uuid NOT NULL,
        estimate_id         uuid NOT NULL,
        unit_id             uuid NOT NULL REFERENCES units (id),
        plan_area_code      varchar(20) NOT NULL,
        funding_source_code varchar(30) NOT NULL,
        line_amount         numeric(20,0) NOT NULL,
        -- The line's approved amount when the run was made: adoption refuses a run the cycle has overtaken.
        approved_before     numeric(20,0),
        requested           numeric(20,0) NOT NULL,
        minimum             numeric(20,0) NOT NULL,
        tier                integer NOT NULL,
        allocated           numeric(20,0) NOT NULL CHECK (allocated >= minimum AND allocated <= requested),
        basis               varchar(30) NOT NULL,
        note                text,
        PRIMARY KEY (run_id, line_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE balancing_run_lines`);
    await q.query(`DROP TABLE balancing_runs`);
    await q.query(`ALTER TABLE estimate_lines DROP CONSTRAINT estimate_lines_contingency_range, DROP COLUMN contingency`);
  }
}
