import type { MigrationInterface, QueryRunner } from 'typeorm';

// The appraisal round of the official IT-estimate annex (issue 14): between DIC's review and the
// balancing, DIC sets per line the appraised amount (thẩm định) and a note; balancing then starts
// from the appraised figure (0 ≤ approved ≤ appraised ≤ requested).
export class Appraisal1764260000000 implements MigrationInterface {
  name = 'Appraisal1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estimate_lines ADD COLUMN appraised_amount numeric(20,0)
                     CONSTRAINT estimate_lines_appraised_check CHECK (appraised_amount >= 0 AND appraised_amount <= amount)`);
    await q.query(`ALTER TABLE estimate_lines ADD COLUMN appraisal_note text CHECK (length(appraisal_note) <= 4000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estimate_lines DROP COLUMN appraisal_note`);
    await q.query(`ALTER TABLE estimate_lines DROP COLUMN appraised_amount`);
  }
}
