import { DataSource } from 'typeorm';
import { APP_ROLE, dataSourceOptions } from './data-source-options.js';

export interface MigrationOutcome {
  applied: string[];
  /** The restricted role the app should work as, when the connecting user may take it. */
  appRole: string | null;
}

/**
 * Applies pending migrations as the connecting (owning) user, then tells whether the app can
 * work as the restricted role the migrations grant rights to (no UPDATE/DELETE on the audit trail).
 */
export async function migrateDatabase(url: string): Promise<MigrationOutcome> {
  const owner = new DataSource(dataSourceOptions(url));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    const [{ usable }] = await owner.query<[{ usable: boolean }]>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS usable`,
      [APP_ROLE],
    );
    return { applied: applied.map((migration) => migration.name), appRole: usable ? APP_ROLE : null };
  } finally {
    await owner.destroy();
  }
}
