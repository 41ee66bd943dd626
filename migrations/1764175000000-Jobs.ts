import type { MigrationInterface, QueryRunner } from 'typeorm';

// Long imports and exports run as jobs a client can poll: status, phase and percentage, the
// uploaded workbook in, the produced file or the result out. pg-boss dispatches them (its own
// schema, created by pg-boss); this table is what clients see.
export class Jobs1764175000000 implements MigrationInterface {
  name = 'Jobs1764175000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id           uuid PRIMARY KEY,
        kind         varchar(40) NOT NULL CHECK (kind IN ('WORKBOOK_IMPORT', 'REPORT_EXPORT')),
        status       varchar(20) NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        percent      integer NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        phase        text,
        target       text NOT NULL,
        params       jsonb NOT NULL DEFAULT '{}',
        input        bytea,
        output       bytea,
        output_name  text,
        output_type  text,
        result       jsonb,
        error        jsonb,
        created_by   uuid NOT NULL REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        started_at   timestamptz,
        finished_at  timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_created_by_idx ON jobs (created_by, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE jobs`);
  }
}
