import type { MigrationInterface, QueryRunner } from 'typeorm';

// Support rounds for struggling units (DESIGN.md section 6): pools by support source, candidates
// with a hardship tier, the allocator's proposal per candidate and source, and the chair's decision.
export class SupportRounds1764170000000 implements MigrationInterface {
  name = 'SupportRounds1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_rounds (
        id               uuid PRIMARY KEY,
        year             integer NOT NULL REFERENCES fiscal_years (year),
        status           varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DECIDED')),
        version          integer NOT NULL DEFAULT 1,
        rounding_unit    numeric(20,0) NOT NULL CHECK (rounding_unit >= 1 AND rounding_unit < 1000000000000000000),
        created_by       uuid NOT NULL REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        decision_number  varchar(60),
        decision_date    date,
        decided_at       timestamptz,
        decided_by       uuid REFERENCES users (id),
        -- One round a year: the chair decides once a year who gets support and how much.
        CONSTRAINT support_rounds_year_key UNIQUE (year),
        CONSTRAINT support_rounds_decided CHECK (
          (status = 'DECIDED') = (decision_number IS NOT NULL AND decision_date IS NOT NULL AND decided_at IS NOT NULL AND decided_by IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE support_pools (
        round_id             uuid NOT NULL REFERENCES support_rounds (id),
        funding_source_code  varchar(30) NOT NULL REFERENCES funding_sources (code),
        spend_order          smallint NOT NULL CHECK (spend_order >= 1),
        amount               numeric(20,0) NOT NULL CHECK (amount >= 0 AND amount < 1000000000000000000),
        -- The allocator's explanation of the current proposal from this pool.
        explanation          jsonb NOT NULL,
        PRIMARY KEY (round_id, funding_source_code),
        CONSTRAINT support_pools_order_key UNIQUE (round_id, spend_order)
      )`);

    await q.query(`
      CREATE TABLE support_candidates (
        round_id         uuid NOT NULL REFERENCES support_rounds (id),
        unit_id          uuid NOT NULL REFERENCES units (id),
        position         integer NOT NULL CHECK (position >= 1),
        hardship_tier    smallint NOT NULL CHECK (hardship_tier BETWEEN 1 AND 9),
        asked            numeric(20,0) NOT NULL CHECK (asked >= 0 AND asked < 1000000000000000000),
        minimum          numeric(20,0) NOT NULL DEFAULT 0 CHECK (minimum >= 0 AND minimum <= asked),
        decision_reason  text CHECK (length(decision_reason) > 0),
        PRIMARY KEY (round_id, unit_id),
        CONSTRAINT support_candidates_position_key UNIQUE (round_id, position)
      )`);
    await q.query(`CREATE INDEX support_candidates_unit_idx ON support_candidates (unit_id)`);

    await q.query(`
      CREATE TABLE support_allocations (
        round_id             uuid NOT NULL,
        unit_id              uuid NOT NULL,
        funding_source_code  varchar(30) NOT NULL,
        proposed             numeric(20,0) NOT NULL CHECK (proposed >= 0 AND proposed < 1000000000000000000),
        decided              numeric(20,0) CHECK (decided >= 0 AND decided < 1000000000000000000),
        PRIMARY KEY (round_id, unit_id, funding_source_code),
        FOREIGN KEY (round_id, unit_id) REFERENCES support_candidates (round_id, unit_id) ON DELETE CASCADE,
        FOREIGN KEY (round_id, funding_source_code) REFERENCES support_pools (round_id, funding_source_code)
      )`);
    await q.query(`CREATE INDEX support_allocations_unit_idx ON support_allocations (unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support_allocations`);
    await q.query(`DROP TABLE support_candidates`);
    await q.query(`DROP TABLE support_pools`);
    await q.query(`DROP TABLE support_rounds`);
  }
}
