// The app as the browser tests see it: the built API and web app on a throwaway, seeded database
// (a fresh database on DATABASE_URL's server, else an embedded server under the system temp folder),
// listening on PORT. Playwright starts it (web/playwright.config.ts) and stops it with SIGTERM;
// everything it made is dropped then. Refuses to start unless ITBUDGET_BROWSER_TESTS=1.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../seeds/seed.js';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/database/embedded-postgres.js';

if (process.env.ITBUDGET_BROWSER_TESTS !== '1') {
  console.error('browser-test-server: this makes and drops databases; it runs only under the browser tests');
  process.exit(2);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const port = Number(process.env.PORT ?? '3590');
let embedded: EmbeddedServer | undefined;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  const parent = await mkdtemp(join(tmpdir(), 'itbudget-browser-'));
  await chmod(parent, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir: join(parent, 'pg'), persistent: false });
  adminUrl = embedded.urlFor('postgres');
}
const name = `itbudget_browser_${randomBytes(6).toString('hex')}`;
await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port) }), databaseUrl);
await seedDatabase(app.get(DataSource));
await app.listen(port, '127.0.0.1');
console.log(`browser-test-server: http://127.0.0.1:${port}/app/ on database ${name}`);

let closing = false;
// Playwright signals the whole process group, so an embedded server may already be going down:
// errors while closing are expected and only logged.
process.on('uncaughtException', (error) => {
  if (!closing) throw error;
  console.error(`browser-test-server (closing): ${error.message}`);
});
const close = async () => {
  if (closing) return;
  closing = true;
  try {
    await app.close();
    // An embedded server deletes its data when stopped; on a shared server the database is dropped.
    if (embedded) await embedded.stop();
    else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (error) {
    console.error(`browser-test-server (closing): ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close());
