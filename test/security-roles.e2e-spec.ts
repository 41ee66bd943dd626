import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DEMO_PASSWORD } from '../seeds/data/users.js';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { LeastPrivilegeError, privilegeProblems } from '../src/database/app-role.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { createTestApp, createTestDatabase, type TestApp } from './support/test-app.js';

// Issue 10 §1: the app's pool cannot undo its own restrictions with one statement.
describe('least privilege (e2e)', () => {
  let t: TestApp;
  let app: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    app = new pg.Client({ connectionString: t.appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await t.close();
  });

  const owner = () => decodeURIComponent(new URL(t.databaseUrl).username);

  it('logs in as a role that is no superuser, owns nothing and cannot act as the owner', async () => {
    expect(decodeURIComponent(new URL(t.appUrl).username)).not.toBe(owner());
    const [{ who, rolsuper, rolbypassrls, rolcreaterole }] = (
      await app.query<{ who: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
        'SELECT current_user::text AS who, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user',
      )
    ).rows;
    expect({ who, rolsuper, rolbypassrls, rolcreaterole }).toEqual({ who: 'itbudget_app', rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    expect(await privilegeProblems(t.appUrl)).toEqual([]);
  });

  it('gets nothing back from RESET ROLE, and cannot SET ROLE to the owner', async () => {
    await app.query('RESET ROLE');
    expect((await app.query<{ who: string; su: string }>(`SELECT current_user::text AS who, current_setting('is_superuser') AS su`)).rows[0]).toEqual({
      who: 'itbudget_app',
      su: 'off',
    });
    await expect(app.query(`SET ROLE ${pg.escapeIdentifier(owner())}`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`SET SESSION AUTHORIZATION ${pg.escapeIdentifier(owner())}`)).rejects.toThrow(/permission denied/);
  });

  it.each([
    ['disable a trigger', 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change'],
    ['drop a trigger', 'DROP TRIGGER audit_events_no_change ON audit_events'],
    ['drop the truncate guard', 'DROP TRIGGER audit_events_no_truncate ON audit_events'],
    ['replace the guard function', `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`],
    ['alter the table', 'ALTER TABLE audit_events ADD COLUMN note text'],
    ['drop the table', 'DROP TABLE audit_events'],
    ['rename the table', 'ALTER TABLE audit_events RENAME TO audit_events_old'],
    ['change an event', `UPDATE audit_events SET reason = 'x'`],
    ['delete events', 'DELETE FROM audit_events'],
    ['truncate', 'TRUNCATE audit_events'],
    ['create a table', 'CREATE TABLE mine (id int)'],
  ])('cannot %s of the audit trail', async (_label, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|append-only/);
  });

  it('cannot grant itself more (PostgreSQL only warns, and nothing is granted)', async () => {
    await app.query('GRANT UPDATE, DELETE ON audit_events TO itbudget_app');
    const { rows } = await app.query<{ u: boolean; d: boolean; h: boolean }>(
      `SELECT has_table_privilege('audit_events', 'UPDATE') AS u, has_table_privilege('audit_events', 'DELETE') AS d,
              has_column_privilege('users', 'password_hash', 'SELECT') AS h`,
    );
    expect(rows[0]).toEqual({ u: false, d: false, h: false });
  });

  it.each([
    ['the hash column', 'SELECT password_hash FROM users'],
    ['every column', 'SELECT * FROM users'],
    ['a hash through a row value', 'SELECT u FROM users u'],
    ['the sign-in counters', 'SELECT * FROM sign_in_failures'],
    ['the sign-in limits', `UPDATE sign_in_settings SET global_limit = 1000000`],
    ['a hash overwritten', `UPDATE users SET password_hash = 'x'`],
  ])('cannot read or change %s', async (_label, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied/);
  });

  it('still verifies passwords at sign-in, through the throttled function only', async () => {
    await request(t.http).post('/auth/login').send({ username: 'chair', password: DEMO_PASSWORD }).expect(200);
    await request(t.http).post('/auth/login').send({ username: 'chair', password: 'wrong' }).expect(401);
  });

  it('refuses to start in production on a connection with more rights than it needs', async () => {
    const database = await createTestDatabase();
    try {
      const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', JWT_SECRET: randomBytes(32).toString('hex'), AUDIT_KEY: randomBytes(32).toString('hex') });
      // The owner's own connection as the app's: a superuser (CI) or the owner of every table.
      await expect(createApp(config, database.url, database.url)).rejects.toThrow(LeastPrivilegeError);
      await expect(createApp(config, database.url, database.url)).rejects.toThrow(/Refusing to start in production/);
    } finally {
      await database.drop();
    }
  });
});

describe('the embedded server keeps a random superuser password in its folder', () => {
  it('is generated per folder, mode 0600, and never logged', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'itbudget-secret-'));
    await chmod(parent, 0o755);
    const logged: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), persistent: false, log: (m) => logged.push(m) });
    try {
      const file = join(parent, 'data', 'superuser-password');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const password = (await readFile(file, 'utf8')).trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(decodeURIComponent(new URL(server.urlFor('postgres')).password)).toBe(password);
      expect(logged.join('\n')).not.toContain(password);
      const client = new pg.Client({ connectionString: server.urlFor('postgres') });
      await client.connect();
      await client.end();
      const wrong = new URL(server.urlFor('postgres'));
      wrong.password = 'itbudget-local';
      await expect(new pg.Client({ connectionString: wrong.toString() }).connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
