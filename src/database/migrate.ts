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
 */
export async function setUpDatabase(
  config: AppConfig,
  ownerUrl: string,
  appUrl: string | null,
  warn: (message: string) => void = () => undefined,
): Promise<string> {
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
