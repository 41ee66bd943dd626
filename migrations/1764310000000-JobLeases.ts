import type { MigrationInterface, QueryRunner } from 'typeorm';

// A job's lease (issue 11): which attempt holds the job (`claim`), when it last said it was alive
// (`heartbeat_at`), how many attempts it has had and which instance runs it (`worker`: host:pid).
// A job whose instance died is taken by another attempt once its lease lapses; only the holder of
// the claim may write the job's outcome.
export class JobLeases1764310000000 implements MigrationInterface {
  name = 'JobLeases1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jobs
        ADD COLUMN attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        ADD COLUMN claim        uuid,
        ADD COLUMN heartbeat_at timestamptz,
        ADD COLUMN worker       text`);
    await q.query(`CREATE INDEX jobs_running_idx ON jobs (heartbeat_at) WHERE status = 'RUNNING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX jobs_running_idx`);
    await q.query(`ALTER TABLE jobs DROP COLUMN worker, DROP COLUMN heartbeat_at, DROP COLUMN claim, DROP COLUMN attempts`);
  }
}
