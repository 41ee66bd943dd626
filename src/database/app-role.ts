// Least privilege: the app's pool logs in as a role that owns nothing and holds only the rights
// it needs; everything else (migrations, grants, the job queue's schema, the sign-in settings) is
// done here once per start through the owner's connection, which is then closed.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { redactUrl } from './database.js';

/** The group role every right is granted to; the app logs in as it or as a member of it. */
export const APP_ROLE = 'itbudget_app';
/** The job queue (pg-boss) in its own schema, created by the owner. */
export const JOBS_SCHEMA = 'pgboss';
export const JOBS_QUEUE = 'itbudget-jobs';

/** Columns of `users` the app may read: everything but the password hash. */
const USER_COLUMNS_READ = ['id', 'username', 'full_name', 'role', 'unit_id', 'active', 'created_at', 'token_version'];
/** Columns of `users` the app may change: never the hash (a new user's hash is written by INSERT). */
const USER_COLUMNS_UPDATE = ['full_name', 'role', 'unit_id', 'active', 'token_version'];
/** Tables only the owner and the SECURITY DEFINER functions touch. */
const OWNER_ONLY_TABLES = ['sign_in_settings', 'sign_in_failures', 'sign_in_windows', 'ledger_pending'];
/** The estimate ledger's kept totals: read by the app, written only by its triggers (SECURITY DEFINER). */
const READ_ONLY_TABLES = ['estimate_totals', 'year_totals'];
/** Append-only tables: the app adds rows and reads them, nothing else. */
const APPEND_ONLY_TABLES = ['audit_events', 'audit_checkpoints'];

export class LeastPrivilegeError extends Error {}

export interface SignInLimits {
  ipLimit: number;
  ipWindowSeconds: number;
  globalLimit: number;
  globalWindowSeconds: number;
}

const ident = (name: string) => pg.escapeIdentifier(name);

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'itbudget-setup' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The password of the `itbudget_app` login role the owner creates when no APP_DATABASE_URL is
 * given: derived from the owner's password (HMAC), so every instance and every test worker on
 * one server computes the same one without storing it, and only whoever holds the owner's
 * password can. An owner URL without a password (trust or peer authentication) gives none.
 */
export function derivedAppPassword(ownerUrl: string): string | null {
  const password = decodeURIComponent(new URL(ownerUrl).password);
  if (!password) return null;
  return createHmac('sha256', password).update(`itbudget: login of ${APP_ROLE}`).digest('base64url');
}

/** The owner's URL with the app role's credentials instead. */
function appUrlFrom(ownerUrl: string, password: string | null): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

// Roles are cluster-wide: concurrent starts (test workers) may create or alter it at once, and
// PostgreSQL then answers "tuple concurrently updated" or a duplicate; the next round sees it.
const RACE_CODES = new Set(['XX000', '42710', '23505']);

/** Creates (or enables login for) `itbudget_app` with the derived password. */
async function ensureLoginRole(owner: pg.Client, password: string | null): Promise<void> {
  const secret = password === null ? 'NULL' : pg.escapeLiteral(password);
  for (let round = 0; ; round++) {
    try {
      const { rows } = await owner.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
      if (rows.length === 0) {
        await owner.query(`CREATE ROLE ${ident(APP_ROLE)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION PASSWORD ${secret}`);
      } else if (!rows[0].rolcanlogin) {
        await owner.query(`ALTER ROLE ${ident(APP_ROLE)} LOGIN PASSWORD ${secret}`);
      }
      return;
    } catch (error) {
      if (round >= 5 || !RACE_CODES.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

/**
 * With APP_DATABASE_URL: `itbudget_app` is the group role the rights go to, and the app's login
 * role must be a member of it (made one here when the owner may).
 */
async function ensureGroupRole(owner: pg.Client, loginRole: string, mayCreate: boolean): Promise<void> {
  const exists = async () => (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])).rowCount === 1;
  if (!(await exists())) {
    if (!mayCreate) throw new LeastPrivilegeError(`The role ${APP_ROLE} does not exist: create it (NOLOGIN) and make the app's login role a member of it.`);
    await owner.query(`CREATE ROLE ${ident(APP_ROLE)} NOLOGIN`).catch((error: { code?: string }) => {
      if (!RACE_CODES.has(error.code ?? '')) throw error;
    });
  }
  if (loginRole === APP_ROLE) return;
  const { rows } = await owner.query<{ member: boolean }>(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [loginRole, APP_ROLE]);
  if (rows[0].member) return;
  if (!mayCreate) throw new LeastPrivilegeError(`${loginRole} (APP_DATABASE_URL) is not a member of ${APP_ROLE}: GRANT ${APP_ROLE} TO ${loginRole}.`);
  await owner.query(`GRANT ${ident(APP_ROLE)} TO ${ident(loginRole)}`);
}

async function canCreateRoles(owner: pg.Client): Promise<boolean> {
  const { rows } = await owner.query<{ can: boolean }>('SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user');
  return rows[0]?.can ?? false;
}

/**
 * Grants `itbudget_app` what the app needs, again at every start (tables added by later
 * migrations included): read and write the data, add to the audit trail but never change it,
 * read users without their password hashes, reach the sign-in tables only through their
 * functions, use the job queue.
 */
async function grantAppRights(owner: pg.Client): Promise<void> {
  const {
    rows: [{ schema }],
  } = await owner.query<{ schema: string }>('SELECT current_schema() AS schema');
  const app = ident(APP_ROLE);
  const statements = [
    `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${ident(schema)} TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${app}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${app}`,
    ...APPEND_ONLY_TABLES.map((table) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${app}`),
    ...OWNER_ONLY_TABLES.map((table) => `REVOKE ALL ON ${ident(table)} FROM ${app}`),
    ...READ_ONLY_TABLES.map((table) => `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${app}`),
    `REVOKE ALL ON users FROM ${app}`,
    `GRANT SELECT (${USER_COLUMNS_READ.join(', ')}), UPDATE (${USER_COLUMNS_UPDATE.join(', ')}), INSERT ON users TO ${app}`,
    `GRANT EXECUTE ON FUNCTION sign_in_begin(text, text), sign_in_end(text, text) TO ${app}`,
    `GRANT USAGE ON SCHEMA ${ident(JOBS_SCHEMA)} TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${app}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${app}`,
  ];
  // One transaction: no moment where the app holds the blanket grant without the revocations.
  await owner.query('BEGIN');
  try {
    for (const statement of statements) await owner.query(statement);
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
}

// The schema version of the installed pg-boss (its own package says which it expects).
const JOBS_SCHEMA_VERSION = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }).schema;

/** True when the job queue's schema is at the installed pg-boss's version and holds our queue. */
async function jobQueueReady(owner: pg.Client): Promise<boolean> {
  const { rows } = await owner.query<{ ready: boolean }>(`SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ready`, [
    `${JOBS_SCHEMA}.version`,
    `${JOBS_SCHEMA}.queue`,
  ]);
  if (!rows[0].ready) return false;
  const version = await owner.query<{ version: number }>(`SELECT version FROM ${ident(JOBS_SCHEMA)}.version`);
  const queue = await owner.query(`SELECT 1 FROM ${ident(JOBS_SCHEMA)}.queue WHERE name = $1`, [JOBS_QUEUE]);
  return Number(version.rows[0]?.version) === JOBS_SCHEMA_VERSION && queue.rowCount === 1;
}

/** The job queue's schema and queue, created (or migrated) by the owner; the app only uses them. */
async function installJobQueue(ownerUrl: string): Promise<void> {
  if (await withClient(ownerUrl, jobQueueReady)) return;
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOBS_SCHEMA, application_name: 'itbudget-setup', max: 1, supervise: false, schedule: false });
  await boss.start();
  try {
    await boss.createQueue(JOBS_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** What the app's connection may do that it must not: each entry names one problem. */
export async function privilegeProblems(appUrl: string): Promise<string[]> {
  return withClient(appUrl, async (client) => {
    const { rows } = await client.query<{
      who: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      owned: number;
      owner_roles: string[];
    }>(
      `SELECT current_user::text AS who, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
              (SELECT COUNT(*)::int FROM pg_class WHERE relowner = r.oid)
              + (SELECT COUNT(*)::int FROM pg_namespace WHERE nspowner = r.oid)
              + (SELECT COUNT(*)::int FROM pg_proc WHERE proowner = r.oid) AS owned,
              ARRAY(SELECT DISTINCT o.rolname::text FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner
                     WHERE c.relnamespace = current_schema()::regnamespace AND o.oid <> r.oid
                       AND pg_has_role(r.oid, o.oid, 'MEMBER')) AS owner_roles
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const me = rows[0];
    const problems: string[] = [];
    if (me.rolsuper) problems.push(`${me.who} is a superuser`);
    if (me.rolbypassrls) problems.push(`${me.who} bypasses row-level security`);
    if (me.rolcreaterole) problems.push(`${me.who} may create roles`);
    if (me.owned > 0) problems.push(`${me.who} owns ${me.owned} tables, schemas or functions`);
    if (me.owner_roles.length > 0) problems.push(`${me.who} may act as the owner (${me.owner_roles.join(', ')})`);
    return problems;
  });
}

export interface PreparedDatabase {
  /** The app's connection string: APP_DATABASE_URL, or `itbudget_app` on the owner's server. */
  appUrl: string;
}

/**
 * Run as the owner after the migrations: installs the job queue, makes sure the app has a login
 * role (the given APP_DATABASE_URL, else `itbudget_app` created here), grants its rights, writes
 * the sign-in limits, and checks the app's connection holds no more than it should. In production
 * a connection that is a superuser, owns anything, bypasses row security, creates roles or may
 * act as the owner stops the start (LeastPrivilegeError); elsewhere the problems are logged.
 */
export async function prepareDatabase(
  ownerUrl: string,
  options: { appUrl: string | null; production: boolean; signIn: SignInLimits; warn: (message: string) => void },
): Promise<PreparedDatabase> {
  await installJobQueue(ownerUrl);
  const appUrl = await withClient(ownerUrl, async (owner) => {
    let url = options.appUrl;
    const mayCreate = await canCreateRoles(owner);
    if (!url) {
      if (!mayCreate) {
        throw new LeastPrivilegeError(
          `The owner's connection (${redactUrl(ownerUrl)}) may not create the login role ${APP_ROLE}: set APP_DATABASE_URL to a role ` +
            `that is a member of ${APP_ROLE} and owns nothing (see the README, "Security").`,
        );
      }
      const password = derivedAppPassword(ownerUrl);
      await ensureLoginRole(owner, password);
      url = appUrlFrom(ownerUrl, password);
    }
    else await ensureGroupRole(owner, decodeURIComponent(new URL(url).username), mayCreate);
    await grantAppRights(owner);
    await owner.query(
      `UPDATE sign_in_settings SET ip_limit = $1, ip_window_seconds = $2, global_limit = $3, global_window_seconds = $4`,
      [options.signIn.ipLimit, options.signIn.ipWindowSeconds, options.signIn.globalLimit, options.signIn.globalWindowSeconds],
    );
    return url;
  });
  const problems = await privilegeProblems(appUrl);
  if (problems.length > 0) {
    const message = `The app's database connection (${redactUrl(appUrl)}) has more rights than it needs: ${problems.join('; ')}.`;
    if (options.production) throw new LeastPrivilegeError(`${message} Refusing to start in production: give APP_DATABASE_URL a role that owns nothing.`);
    options.warn(message);
  }
  return { appUrl };
}
