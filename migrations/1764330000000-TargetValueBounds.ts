import type { MigrationInterface, QueryRunner } from 'typeorm';

// What a target's province value can be (issue: a 14th of 13 key databases, a rank of 0 or 1.5 were
// accepted and counted as met). `value_max`: the largest value there can be (13 key databases are
// listed in Appendix 1), null when open; `whole_values`: a count or a rank, never a fraction. Ranks
// start at 1 whatever these say (see domain/targets.ts, valueBounds).
export class TargetValueBounds1764330000000 implements MigrationInterface {
  name = 'TargetValueBounds1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan_targets
        ADD COLUMN value_max    numeric(24,6) CHECK (value_max >= 0),
        ADD COLUMN whole_values boolean NOT NULL DEFAULT false`);
    // A rank is always a whole number (plan_targets_rank keeps ranks to province values).
    await q.query(`UPDATE plan_targets SET whole_values = true WHERE direction = 'RANK_AT_MOST'`);
    await q.query(`ALTER TABLE plan_targets ADD CONSTRAINT plan_targets_rank_whole CHECK (direction <> 'RANK_AT_MOST' OR whole_values)`);
    // The 2011–2015 plan's count of key databases (Appendix 1 lists 13), where already seeded.
    await q.query(`UPDATE plan_targets SET value_max = 13, whole_values = true WHERE plan_period = '2011-2015' AND code = 'KEY-DATABASES'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_targets DROP CONSTRAINT plan_targets_rank_whole, DROP COLUMN whole_values, DROP COLUMN value_max`);
  }
}
