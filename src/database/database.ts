// Where the data lives: DATABASE_URL when set, otherwise the embedded server under DATA_DIR.
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase, resolveDataDir, startEmbeddedPostgres } from './embedded-postgres.js';

const APP_DATABASE = 'itbudget';

export interface Database {
  /** The owner's connection: migrations, grants, the sign-in settings. Never the app's pool. */
  url: string;
  /** The app's own connection (APP_DATABASE_URL), or null: the owner sets up `itbudget_app` itself. */
  appUrl: string | null;
  /** Where the data is, for the log (never the password). */
  description: string;
  close(): Promise<void>;
}

/** The connection string with its password replaced by `***` (for logs and messages). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Opens the configured database: the one DATABASE_URL names, or the embedded server (started here). */
export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<Database> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL ?? null, description: redactUrl(config.DATABASE_URL), close: () => Promise.resolve() };
  }
  const dataDir = await resolveDataDir(config.DATA_DIR, log);
  const server = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
  await ensureDatabase(server.urlFor('postgres'), APP_DATABASE);
  const url = server.urlFor(APP_DATABASE);
  return {
    url,
    appUrl: config.APP_DATABASE_URL ?? null,
    description: `embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${server.dataDir} (${redactUrl(url)})`,
    close: () => server.stop(),
  };
}
