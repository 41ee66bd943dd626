// What the benchmarks that run the app as its own process share: a database of their own (on
// DATABASE_URL's server, dropped after, or a throwaway embedded PostgreSQL), app instances started
// from the built dist/ and waited for, and their resident memory sampled from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

/** Work to undo, newest first: `cleanups.unshift(...)` for what must go before what came earlier. */
export type Cleanups = (() => Promise<void>)[];

/**
 * A database of the run's own: on DATABASE_URL's server when set (created, and dropped by a
 * cleanup), else on a throwaway embedded PostgreSQL on a free port. Returns the owner's URL.
 */
export async function benchDatabase(cleanups: Cleanups, label: string): Promise<string> {
  const name = `itbudget_${label}_${randomBytes(4).toString('hex')}`;
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(process.env.DATABASE_URL);
    parsed.pathname = `/${name}`;
    cleanups.push(async () => {
      const drop = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    });
    return parsed.toString();
  }
  const parent = await mkdtemp(join(tmpdir(), `itbudget-${label}-`));
  await chmod(parent, 0o755);
  cleanups.push(() => rm(parent, { recursive: true, force: true }));
  // A port of its own (not the app's preferred one, which a running app may hold).
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'pg'), port: await getPort(), persistent: false });
  cleanups.unshift(() => server.stop());
  await ensureDatabase(server.urlFor('postgres'), name);
  return server.urlFor(name);
}

export interface Instance {
  process: ChildProcess;
  base: string;
  port: number;
}

/**
 * Starts one app instance (`node dist/src/main.js`) on a free port against `databaseUrl` and waits
 * for `/health`. `env` adds settings (instances that serve one another's clients share JWT_SECRET).
 * Stopped by a cleanup with SIGTERM, unless it has already ended (a `kill -9` in a fault drill).
 */
export async function startInstance(cleanups: Cleanups, databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await getPort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  cleanups.unshift(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
  await waitForHealth(base, child);
  return { process: child, base, port };
}

export async function waitForHealth(base: string, app: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before answering /health`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the app never answered /health');
}

/** Samples a process's resident memory (Linux /proc) every 100 ms; `peak()` since the last `reset()`. */
export function rssSampler(pid: number) {
  let peak = 0;
  const read = async () => {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // the process has ended
    }
  };
  const timer = setInterval(() => void read(), 100);
  return {
    reset: async () => {
      peak = 0;
      await read();
    },
    peak: async () => {
      await read();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Signs in through the API; returns the bearer token. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
