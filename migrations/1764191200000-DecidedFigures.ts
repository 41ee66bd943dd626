import type { MigrationInterface, QueryRunner } from 'typeorm';

// What the chair decided stays what the chair decided: each line keeps its approved amount as at
// the decision (decided_amount), apart from the current one that adjustments change. Every report
// reads the decided figure from here, so the API, the workbook, the dashboard and open data agree.
export class DecidedFigures1764191200000 implements MigrationInterface {
  name = 'DecidedFigures1764191200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE estimate_lines
        ADD COLUMN decided_amount numeric(20,0) CHECK (decided_amount >= 0)`);
    // Lines approved before this column existed: the current amount less the net of the
    // adjustments recorded since the decision.
    await q.query(`
      UPDATE estimate_lines l
         SET decided_amount = l.approved_amount - COALESCE(
               (SELECT SUM(a.after_amount - a.before_amount) FROM line_adjustments a WHERE a.line_id = l.id), 0)
        FROM estimates e
       WHERE e.id = l.estimate_id AND e.status = 'APPROVED' AND l.approved_amount IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estimate_lines DROP COLUMN decided_amount`);
  }
}
