import type { MigrationInterface, QueryRunner } from 'typeorm';

// Monitoring the plan (issue 6): the plan period's targets as data, province-level values recorded
// by DIC, the semi-annual reporting calendar, and the units' semi-annual progress reports with their
// indicator figures and the amount disbursed on every approved line.
// A plan period is the fiscal years sharing `fiscal_years.plan_period` ('2011-2015'); no table of its own.
export class Monitoring1764180000000 implements MigrationInterface {
  name = 'Monitoring1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_targets (
        id                     uuid PRIMARY KEY,
        plan_period            varchar(20) NOT NULL,
        code                   varchar(40) NOT NULL CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        position               integer NOT NULL CHECK (position >= 1),
        indicator              text NOT NULL CHECK (length(indicator) BETWEEN 1 AND 1000),
        indicator_en           text NOT NULL CHECK (length(indicator_en) BETWEEN 1 AND 1000),
        measure_unit           varchar(40) NOT NULL,
        target_value           numeric(24,6) NOT NULL CHECK (target_value >= 0),
        direction              varchar(20) NOT NULL CHECK (direction IN ('AT_LEAST', 'AT_MOST', 'RANK_AT_MOST')),
        aggregation            varchar(20) NOT NULL CHECK (aggregation IN ('SHARE_OF_UNITS', 'RATIO_OF_SUMS', 'PROVINCE_VALUE')),
        -- Which kinds of unit report the figure (the population); empty for a province-level value.
        unit_kinds             text[] NOT NULL DEFAULT '{}',
        -- value = scale × Σ numerator / Σ denominator (100 for a percentage, 1 for "per official").
        scale                  integer NOT NULL DEFAULT 1 CHECK (scale >= 1),
        numerator_label        text,
        numerator_label_en     text,
        denominator_label      text,
        denominator_label_en   text,
        -- A unit's numerator cannot exceed its denominator (officials with e-mail ≤ officials).
        numerator_capped       boolean NOT NULL DEFAULT false,
        source                 text NOT NULL DEFAULT '',
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_targets_code_key UNIQUE (plan_period, code),
        CONSTRAINT plan_targets_population CHECK (
          CASE WHEN aggregation = 'PROVINCE_VALUE' THEN cardinality(unit_kinds) = 0
               ELSE cardinality(unit_kinds) > 0
                    AND unit_kinds <@ ARRAY['PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE']::text[] END),
        CONSTRAINT plan_targets_ratio_labels CHECK (
          aggregation <> 'RATIO_OF_SUMS' OR (numerator_label IS NOT NULL AND numerator_label_en IS NOT NULL
                                             AND denominator_label IS NOT NULL AND denominator_label_en IS NOT NULL)),
        CONSTRAINT plan_targets_rank CHECK (direction <> 'RANK_AT_MOST' OR aggregation = 'PROVINCE_VALUE'),
        CONSTRAINT plan_targets_share_scale CHECK (aggregation <> 'SHARE_OF_UNITS' OR scale = 100)
      )`);
    await q.query(`CREATE INDEX plan_targets_period_idx ON plan_targets (plan_period, position)`);

    // Province-level values (key databases built, ICT-Index rank), recorded by DIC per half-year.
    await q.query(`
      CREATE TABLE target_province_values (
        target_id    uuid NOT NULL REFERENCES plan_targets (id),
        year         integer NOT NULL REFERENCES fiscal_years (year),
        half         smallint NOT NULL CHECK (half IN (1, 2)),
        value        numeric(24,6) NOT NULL CHECK (value >= 0),
        note         text NOT NULL DEFAULT '',
        version      integer NOT NULL DEFAULT 1,
        recorded_by  uuid NOT NULL REFERENCES users (id),
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target_id, year, half)
      )`);

    // A year's own deadline for a half-year's reports; without one, 30 July / 30 January.
    await q.query(`
      CREATE TABLE progress_deadlines (
        year        integer NOT NULL REFERENCES fiscal_years (year),
        half        smallint NOT NULL CHECK (half IN (1, 2)),
        due_date    date NOT NULL,
        version     integer NOT NULL DEFAULT 1,
        updated_by  uuid NOT NULL REFERENCES users (id),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, half)
      )`);

    await q.query(`
      CREATE TABLE progress_reports (
        id                  uuid PRIMARY KEY,
        unit_id             uuid NOT NULL REFERENCES units (id),
        year                integer NOT NULL REFERENCES fiscal_years (year),
        half                smallint NOT NULL CHECK (half IN (1, 2)),
        status              varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED')),
        version             integer NOT NULL DEFAULT 1,
        note                text NOT NULL DEFAULT '',
        first_submitted_at  timestamptz,
        submitted_at        timestamptz,
        -- The first submission came after the half-year's deadline (a return does not reset it).
        submitted_late      boolean NOT NULL DEFAULT false,
        due_date            date,
        return_comment      text,
        reviewed_at         timestamptz,
        reviewed_by         uuid REFERENCES users (id),
        created_by          uuid NOT NULL REFERENCES users (id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT progress_reports_unit_half_key UNIQUE (unit_id, year, half)
      )`);
    await q.query(`CREATE INDEX progress_reports_year_half_idx ON progress_reports (year, half, status)`);

    await q.query(`
      CREATE TABLE progress_indicators (
        report_id    uuid NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
        target_id    uuid NOT NULL REFERENCES plan_targets (id),
        numerator    numeric(20,0) CHECK (numerator >= 0),
        denominator  numeric(20,0) CHECK (denominator >= 0),
        achieved     boolean,
        note         text NOT NULL DEFAULT '',
        PRIMARY KEY (report_id, target_id),
        CONSTRAINT progress_indicators_shape CHECK (
          (numerator IS NOT NULL AND denominator IS NOT NULL AND achieved IS NULL)
          OR (numerator IS NULL AND denominator IS NULL AND achieved IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX progress_indicators_target_idx ON progress_indicators (target_id)`);

    await q.query(`
      CREATE TABLE progress_disbursements (
        report_id       uuid NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
        line_id         uuid NOT NULL REFERENCES estimate_lines (id),
        disbursed       numeric(20,0) NOT NULL CHECK (disbursed >= 0 AND disbursed < 1000000000000000000),
        -- Required (by the service) wherever disbursed exceeds the approved amount.
        overrun_reason  text CHECK (length(overrun_reason) > 0),
        PRIMARY KEY (report_id, line_id)
      )`);
    await q.query(`CREATE INDEX progress_disbursements_line_idx ON progress_disbursements (line_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE progress_disbursements`);
    await q.query(`DROP TABLE progress_indicators`);
    await q.query(`DROP TABLE progress_reports`);
    await q.query(`DROP TABLE progress_deadlines`);
    await q.query(`DROP TABLE target_province_values`);
    await q.query(`DROP TABLE plan_targets`);
  }
}
