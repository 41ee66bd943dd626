import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { prepareDatabase } from './app-role.js';
import { dataSourceOptions } from './data-source-options.js';

/** Applies pending migrations as the owner (the connection given); returns their names. */
export async function migrateDatabase(ownerUrl: string): Promise<string[]> {
  const owner = new DataSource(dataSourceOptions(ownerUrl));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await owner.destroy();
  }
}

/**
 * Everything done as the owner before the app starts: the migrations, the job queue, the app's
 * login role and its rights, the sign-in limits. Returns the app's own connection string; the
 * owner's connections are closed by then. Throws LeastPrivilegeError (see app-role.ts).
 *
 * Instances started together (replicas of one deploy) take turns: the set-up runs under a session
 * advisory lock of the database (advisory locks are per database), so the second one finds the
 * migrations applied instead of applying them again beside the first (which failed on duplicate
 * types and tables).
 */
export async function setUpDatabase(
  config: AppConfig,
  ownerUrl: string,
  appUrl: string | null,
  warn: (message: string) => void = () => undefined,
): Promise<string> {
  const lock = new pg.Client({ connectionString: ownerUrl, application_name: 'itbudget-setup-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [SET_UP_LOCK]);
    return await setUpAsOwner(config, ownerUrl, appUrl, warn);
  } finally {
    // Ending the session releases the lock too; unlocking first says so plainly.
    await lock.query('SELECT pg_advisory_unlock($1)', [SET_UP_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** The key of the set-up's advisory lock (any fixed bigint; this one spells "itbudget"). */
const SET_UP_LOCK = '7598806727616062836';

async function setUpAsOwner(config: AppConfig, ownerUrl: string, appUrl: string | null, warn: (message: string) => void): Promise<string> {
  await migrateDatabase(ownerUrl);
  const prepared = await prepareDatabase(ownerUrl, {
    appUrl,
    production: config.NODE_ENV === 'production',
    signIn: {
      ipLimit: config.SIGN_IN_IP_LIMIT,
      ipWindowSeconds: config.SIGN_IN_IP_WINDOW_SECONDS,
      globalLimit: config.SIGN_IN_GLOBAL_LIMIT,
      globalWindowSeconds: config.SIGN_IN_GLOBAL_WINDOW_SECONDS,
    },
    warn,
  });
  return prepared.appUrl;
}
