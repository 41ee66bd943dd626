import type { MigrationInterface, QueryRunner } from 'typeorm';

// DIC's opinion reaches the balancing: a run keeps, per line, the opinion, note and design verdict
// it was computed with (adoption refuses a run whose opinions changed since), and the written
// reason DOF or DPI gave for including a line DIC disagreed with.
export class DicOpinionInBalancing1764191100000 implements MigrationInterface {
  name = 'DicOpinionInBalancing1764191100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE balancing_run_lines
        ADD COLUMN dic_opinion    varchar(30),
        ADD COLUMN dic_note       text,
        ADD COLUMN design_agreed  boolean,
        ADD COLUMN include_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE balancing_run_lines DROP COLUMN include_reason, DROP COLUMN design_agreed, DROP COLUMN dic_note, DROP COLUMN dic_opinion`);
  }
}
