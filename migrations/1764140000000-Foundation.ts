import type { MigrationInterface, QueryRunner } from 'typeorm';

// The foundation schema: organisation registry, plan catalog, fiscal years, estimates and lines.
// Money is numeric(20,0) (whole đồng below 10^18), quantities numeric(18,4).
export class Foundation1764140000000 implements MigrationInterface {
  name = 'Foundation1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id            uuid PRIMARY KEY,
        code          varchar(40) NOT NULL UNIQUE,
        name          text NOT NULL,
        name_en       text NOT NULL,
        kind          varchar(30) NOT NULL
                      CHECK (kind IN ('PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE')),
        budget_level  varchar(20) NOT NULL CHECK (budget_level IN ('PROVINCIAL', 'DISTRICT', 'COMMUNE')),
        parent_id     uuid REFERENCES units (id),
        special_role  varchar(10) UNIQUE CHECK (special_role IN ('PPC', 'DIC', 'DOF', 'DPI')),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX units_parent_idx ON units (parent_id)`);

    await q.query(`
      CREATE TABLE plan_areas (
        code        varchar(20) PRIMARY KEY,
        parent_code varchar(20) REFERENCES plan_areas (code),
        name        text NOT NULL,
        name_en     text NOT NULL,
        sort_order  integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE funding_sources (
        code                             varchar(30) PRIMARY KEY,
        name                             text NOT NULL,
        name_en                          text NOT NULL,
        budget_level                     varchar(20) CHECK (budget_level IN ('PROVINCIAL', 'DISTRICT', 'COMMUNE', 'CENTRAL')),
        is_state_budget                  boolean NOT NULL,
        counts_toward_floor_by_default   boolean NOT NULL,
        sort_order                       integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE expenditure_types (
        code        varchar(20) PRIMARY KEY,
        name        text NOT NULL,
        name_en     text NOT NULL,
        balanced_by varchar(10) NOT NULL CHECK (balanced_by IN ('DOF', 'DPI')),
        sort_order  integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE activity_kinds (
        code       varchar(30) PRIMARY KEY,
        name       text NOT NULL,
        name_en    text NOT NULL,
        sort_order integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE fiscal_years (
        year                      integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
        plan_period               varchar(20) NOT NULL,
        submission_deadline       date,
        balancing_deadline        date,
        committee_deadline        date,
        late_submission_policy    varchar(10) NOT NULL DEFAULT 'FLAG' CHECK (late_submission_policy IN ('FLAG', 'REFUSE')),
        total_local_expenditure   numeric(20,0) CHECK (total_local_expenditure >= 0),
        floor_ratio               numeric(9,6) NOT NULL DEFAULT 0.01 CHECK (floor_ratio >= 0 AND floor_ratio <= 1),
        floor_sources             text[] NOT NULL DEFAULT '{PROVINCIAL,DISTRICT,COMMUNE}',
        floor_policy              varchar(10) NOT NULL DEFAULT 'STOP' CHECK (floor_policy IN ('STOP', 'WARN')),
        illustrative              boolean NOT NULL DEFAULT false,
        version                   integer NOT NULL DEFAULT 1,
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE estimates (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id       uuid NOT NULL REFERENCES units (id),
        year          integer NOT NULL REFERENCES fiscal_years (year),
        status        varchar(20) NOT NULL DEFAULT 'DRAFT'
                      CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'BALANCED', 'APPROVED')),
        illustrative  boolean NOT NULL DEFAULT false,
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT estimates_unit_year_key UNIQUE (unit_id, year)
      )`);
    await q.query(`CREATE INDEX estimates_year_status_idx ON estimates (year, status)`);

    await q.query(`
      CREATE TABLE estimate_lines (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estimate_id           uuid NOT NULL REFERENCES estimates (id) ON DELETE CASCADE,
        line_no               integer NOT NULL CHECK (line_no >= 1),
        is_continuing         boolean NOT NULL DEFAULT false,
        plan_area_code        varchar(20) NOT NULL REFERENCES plan_areas (code),
        expenditure_type_code varchar(20) NOT NULL REFERENCES expenditure_types (code),
        funding_source_code   varchar(30) NOT NULL REFERENCES funding_sources (code),
        activity_kind_code    varchar(30) NOT NULL REFERENCES activity_kinds (code),
        description           text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        measure_unit          varchar(50) NOT NULL,
        quantity              numeric(18,4) NOT NULL CHECK (quantity >= 0),
        unit_price            numeric(20,0) NOT NULL CHECK (unit_price >= 0),
        amount                numeric(20,0) NOT NULL CHECK (amount >= 0 AND amount < 1000000000000000000),
        multi_year_total      numeric(20,0) CHECK (multi_year_total >= 0),
        funded_to_prev2       numeric(20,0) CHECK (funded_to_prev2 >= 0),
        prev_year_estimate    numeric(20,0) CHECK (prev_year_estimate >= 0),
        prev_year_expected    numeric(20,0) CHECK (prev_year_expected >= 0),
        projection_next1      numeric(20,0) CHECK (projection_next1 >= 0),
        projection_next2      numeric(20,0) CHECK (projection_next2 >= 0),
        priority_tier         integer NOT NULL DEFAULT 1 CHECK (priority_tier BETWEEN 1 AND 99),
        committed_minimum     numeric(20,0) NOT NULL DEFAULT 0 CHECK (committed_minimum >= 0 AND committed_minimum <= amount),
        justification         text NOT NULL DEFAULT '',
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        -- Deferred so that renumbering after a deletion can shift line numbers in one statement.
        CONSTRAINT estimate_lines_number_key UNIQUE (estimate_id, line_no) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX estimate_lines_estimate_idx ON estimate_lines (estimate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE estimate_lines`);
    await q.query(`DROP TABLE estimates`);
    await q.query(`DROP TABLE fiscal_years`);
    await q.query(`DROP TABLE activity_kinds`);
    await q.query(`DROP TABLE expenditure_types`);
    await q.query(`DROP TABLE funding_sources`);
    await q.query(`DROP TABLE plan_areas`);
    await q.query(`DROP TABLE units`);
  }
}
