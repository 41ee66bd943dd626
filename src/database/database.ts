// Where the data lives: DATABASE_URL when set, otherwise the embedded server under DATA_DIR.
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase, resolveDataDir, startEmbeddedPostgres } from './embedded-postgres.js';

const APP_DATABASE = 'itbudget';

export interface Database {
  url: string;
  /** Where the data is, for the log (never the password). */
  description: string;
  close(): Promise<void>;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export async function openDatabase(config: AppConfig, log: (message: string) => void): Promise<Database> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, description: redactUrl(config.DATABASE_URL), close: () => Promise.resolve() };
  }
  const dataDir = await resolveDataDir(config.DATA_DIR, log);
  const server = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
  await ensureDatabase(server.urlFor('postgres'), APP_DATABASE);
  const url = server.urlFor(APP_DATABASE);
  return {
    url,
    description: `embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${server.dataDir} (${redactUrl(url)})`,
    close: () => server.stop(),
  };
}
