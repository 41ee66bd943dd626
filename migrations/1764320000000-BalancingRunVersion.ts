import type { MigrationInterface, QueryRunner } from 'typeorm';

// A balancing run's version (issue 11): its one transition (PROPOSED → ADOPTED) goes through the
// versioned conditional status change every state machine uses, so a client may base the adoption
// on the version it saw (stale: 409) and of two concurrent adoptions exactly one wins.
export class BalancingRunVersion1764320000000 implements MigrationInterface {
  name = 'BalancingRunVersion1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE balancing_runs ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE balancing_runs DROP COLUMN version`);
  }
}
