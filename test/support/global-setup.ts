// One PostgreSQL per test run: the server named by DATABASE_URL, or a throwaway embedded server
// under the system temp folder (reachable by the `postgres` user when running as root).
// Each test file then creates its own database on it (see test-app.ts).
import { chmod, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Embedded from '../../src/database/embedded-postgres.js';
import type { EmbeddedServer } from '../../src/database/embedded-postgres.js';

// Jest loads global setup outside its module mapper (which maps our `.js` imports to `.ts`), so the
// source is required by its real name and compiled by Jest's transform hook.
const loadEmbedded = () =>
  createRequire(join(process.cwd(), 'package.json'))(join(process.cwd(), 'src/database/embedded-postgres.ts')) as typeof Embedded;

declare global {
  var __itbudgetTestServer: EmbeddedServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.ITBUDGET_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = loadEmbedded();
  const parent = await mkdtemp(join(tmpdir(), 'itbudget-test-'));
  await chmod(parent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'pg'), persistent: false });
  globalThis.__itbudgetTestServer = server;
  process.env.ITBUDGET_TEST_ADMIN_URL = server.urlFor('postgres');
}
