// `npm run load`: two API instances (the built dist/, different ports) on one PostgreSQL
// (DATABASE_URL's server, in a database of the run's own, or a throwaway embedded one), a year of
// editable estimates, and ≈ 200 simulated officers driven by autocannon for 60 s: line edits carrying
// the version they read (races between two officers of a unit are answered 409, counted apart),
// reads of estimates, and province officers reading the consolidation and the floor. Prints
// throughput, p50/p99 per request kind, status counts; fails (exit 1) on any 5xx, on a lost edit
// (estimates' versions must account for every edit answered 200), when the kept totals differ, or
// when a kind of request got no response at all (it was not measured: too short a run, or blocked).
//
// `npm run load -- --fault`: the fault drills instead — `kill -9` of the instance running a workbook
// import (inside its write transaction) and of the instance running a queued report export; the
// other instance must finish each job, nothing may be half saved, and `ledger:verify` must pass.
//
// Options: --duration S (60), --officers N (200), --units N (100), --lines N (20 per estimate),
// --import-lines N (20,000: the fault drill's workbook).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../seeds/data/users.js';
import { streamEstimateWorkbook } from '../src/modules/spreadsheets/estimate-template.js';
import { seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { insertLines, insertUnits } from './bench-data.js';
import { benchDatabase, type Cleanups, type Instance, rssSampler, signIn, startInstance } from './harness.js';
import { median, mulberry32 } from './measure.js';
import { buildLines } from './spreadsheets.bench.js';

const YEAR = 2014;
const PREFIX = 'LOAD';
const READERS = ['dof.officer', 'dpi.officer', 'dic.reviewer', 'chair'];
/** Share of cycles that are a province officer's reads (consolidation, then floor); the rest are a unit officer's read-then-edit. */
const READER_SHARE = 0.2;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const DURATION_S = option('duration', 60);
const OFFICERS = option('officers', 200);
const UNITS = option('units', 100);
const LINES = option('lines', 20);
const IMPORT_LINES = option('import-lines', 20_000);
const FAULT = process.argv.includes('--fault');

interface Officer {
  token: string;
  estimateId: string;
  lineIds: string[];
}

type Kind = 'estimate read' | 'line edit' | 'consolidation' | 'floor';
const KINDS: readonly Kind[] = ['estimate read', 'line edit', 'consolidation', 'floor'];

/** Per kind: latencies (ms, durations) and status counts. */
class Tally {
  /** Line edits sent: at the end of the run some are still unanswered (the server may have applied them). */
  editsSent = 0;
  readonly latencies = new Map<Kind, number[]>(KINDS.map((kind) => [kind, []]));
  readonly statuses = new Map<Kind, Map<number, number>>(KINDS.map((kind) => [kind, new Map()]));

  record(kind: Kind, status: number, ms: number): void {
    this.latencies.get(kind)!.push(ms);
    const counts = this.statuses.get(kind)!;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }

  count(kind: Kind, test: (status: number) => boolean): number {
    let n = 0;
    for (const [status, count] of this.statuses.get(kind)!) if (test(status)) n += count;
    return n;
  }
}

/** The kinds of request that got no response at all in the run (each must be measured, or the run fails). */
function unmeasuredKinds(tally: Tally): Kind[] {
  return KINDS.filter((kind) => tally.latencies.get(kind)!.length === 0);
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CPU seconds (user + system) a process has used, from /proc; 0 once it has ended. */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 1/100 s (USER_HZ)
  } catch {
    return 0;
  }
}

/** CPU seconds used by the PostgreSQL sessions of this database (the instances' pools and pg-boss). */
async function databaseCpu(db: pg.Client): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return new Map(await Promise.all(rows.map(async (row) => [row.pid, await cpuSeconds(row.pid)] as [number, number])));
}

/** The year's editable estimates and their officers (two per unit, so that edits race), loaded as the owner. */
async function seedYear(db: pg.Client): Promise<{ unitCodes: string[] }> {
  await insertUnits(db, PREFIX, UNITS);
  await db.query(`INSERT INTO estimates (unit_id, year, status) SELECT id, $1, 'DRAFT' FROM units WHERE code LIKE $2 || '-%'`, [YEAR, PREFIX]);
  const estimates = (await db.query<{ id: string }>(`SELECT e.id FROM estimates e JOIN units u ON u.id = e.unit_id WHERE e.year = $1 AND u.code LIKE $2 || '-%'`, [YEAR, PREFIX])).rows;
  await insertLines(
    db,
    estimates.map((e) => e.id),
    LINES,
  );
  const perUnit = Math.max(1, Math.ceil(OFFICERS / UNITS));
  // Every demo user has the demo password: the officers take a demo officer's hash.
  await db.query(
    `INSERT INTO users (id, username, password_hash, full_name, role, unit_id)
     SELECT gen_random_uuid(), 'load.' || lower(u.code) || '.' || k, (SELECT password_hash FROM users WHERE username = 'yenphong.officer'),
            'Cán bộ ' || k || ' ' || u.name, 'UNIT_OFFICER', u.id
       FROM units u CROSS JOIN generate_series(1, $2) k WHERE u.code LIKE $1 || '-%'`,
    [PREFIX, perUnit],
  );
  await db.query('ANALYZE');
  return { unitCodes: (await db.query<{ code: string }>(`SELECT code FROM units WHERE code LIKE $1 || '-%' ORDER BY code`, [PREFIX])).rows.map((r) => r.code) };
}

/** Signs every officer in (alternately through each instance, a few at a time). */
async function signInOfficers(db: pg.Client, instances: readonly Instance[]): Promise<Officer[]> {
  const { rows } = await db.query<{ username: string; estimate_id: string; line_ids: string[] }>(
    `SELECT us.username, e.id AS estimate_id, (SELECT array_agg(l.id ORDER BY l.line_no) FROM estimate_lines l WHERE l.estimate_id = e.id) AS line_ids
       FROM users us JOIN units u ON u.id = us.unit_id JOIN estimates e ON e.unit_id = u.id AND e.year = $1
      WHERE us.username LIKE 'load.%' ORDER BY us.username LIMIT $2`,
    [YEAR, OFFICERS],
  );
  const officers: Officer[] = [];
  for (let i = 0; i < rows.length; i += 8) {
    const batch = rows.slice(i, i + 8);
    const tokens = await Promise.all(batch.map((row, j) => signIn(instances[(i + j) % instances.length].base, row.username, DEMO_PASSWORD)));
    batch.forEach((row, j) => officers.push({ token: tokens[j], estimateId: row.estimate_id, lineIds: row.line_ids }));
  }
  return officers;
}

interface CycleContext {
  officer?: Officer;
  reader?: string;
  version?: number;
  kind?: Kind;
  sentAt?: number;
}

/** One autocannon run against one instance: each connection repeats a cycle of two requests. */
function drive(instance: Instance, connections: number, officers: readonly Officer[], readerTokens: readonly string[], tally: Tally, random: () => number) {
  const first = (req: autocannon.Request, context: CycleContext): autocannon.Request => {
    context.sentAt = performance.now();
    if (random() < READER_SHARE) {
      context.reader = readerTokens[Math.floor(random() * readerTokens.length)];
      context.kind = 'consolidation';
      return { ...req, method: 'GET', path: `/fiscal-years/${YEAR}/consolidation`, headers: { authorization: `Bearer ${context.reader}` } };
    }
    context.officer = officers[Math.floor(random() * officers.length)];
    context.kind = 'estimate read';
    return { ...req, method: 'GET', path: `/estimates/${context.officer.estimateId}`, headers: { authorization: `Bearer ${context.officer.token}` } };
  };
  const second = (req: autocannon.Request, context: CycleContext): autocannon.Request => {
    context.sentAt = performance.now();
    if (context.reader) {
      context.kind = 'floor';
      return { ...req, method: 'GET', path: `/fiscal-years/${YEAR}/floor`, headers: { authorization: `Bearer ${context.reader}` } };
    }
    const officer = context.officer!;
    if (context.version === undefined) {
      // The read failed: read again rather than send an edit without a version.
      context.kind = 'estimate read';
      return { ...req, method: 'GET', path: `/estimates/${officer.estimateId}`, headers: { authorization: `Bearer ${officer.token}` } };
    }
    context.kind = 'line edit';
    tally.editsSent += 1;
    const line = officer.lineIds[Math.floor(random() * officer.lineIds.length)];
    return {
      ...req,
      method: 'PATCH',
      path: `/estimates/${officer.estimateId}/lines/${line}`,
      headers: { authorization: `Bearer ${officer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: context.version, quantity: String(1 + Math.floor(random() * 40)) }),
    };
  };
  const measured = (status: number, context: CycleContext) => {
    if (context.kind && context.sentAt !== undefined) tally.record(context.kind, status, performance.now() - context.sentAt);
  };
  return autocannon({
    url: instance.base,
    connections,
    duration: DURATION_S,
    timeout: 30,
    requests: [
      {
        setupRequest: first,
        onResponse: (status: number, body: string, context: CycleContext) => {
          measured(status, context);
          if (status === 200 && context.officer) context.version = (JSON.parse(body) as { version: number }).version;
        },
      },
      { setupRequest: second, onResponse: (status: number, _body: string, context: CycleContext) => measured(status, context) },
    ],
  });
}

/** `npm run ledger:verify` as an operator runs it (the CLI of dist/), on the run's database. */
async function ledgerVerify(databaseUrl: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/src/cli.js', 'ledger:verify'], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { ok: true, output: (stdout + stderr).trim() };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}`.trim() };
  }
}

async function runLoad(db: pg.Client, instances: readonly Instance[], officers: readonly Officer[], readerTokens: readonly string[]): Promise<boolean> {
  const tally = new Tally();
  // The same officers, choices and edits in every run (mulberry32), as a fraction in [0, 1).
  const next = mulberry32(0x10ad);
  const random = () => next() / 2 ** 32;
  const samplers = instances.map((instance) => rssSampler(instance.process.pid!));
  const perInstance = Math.ceil(OFFICERS / instances.length);
  console.log(
    `load: ${OFFICERS} simulated officers (${perInstance} connections on each of ${instances.length} instances) for ${DURATION_S} s; ` +
      `load average before: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  );
  const cpuBefore = await Promise.all(instances.map((instance) => cpuSeconds(instance.process.pid!)));
  const dbCpuBefore = await databaseCpu(db);
  const started = performance.now();
  const results = await Promise.all(instances.map((instance) => drive(instance, perInstance, officers, readerTokens, tally, random)));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(instances.map((instance) => cpuSeconds(instance.process.pid!)));
  const dbCpuAfter = await databaseCpu(db);
  const peaks = await Promise.all(samplers.map((sampler) => sampler.peak()));
  console.log(`  load average after: ${loadavg()[0].toFixed(1)} (the machine's other work shares its cores with both instances, PostgreSQL and the load generator)`);
  samplers.forEach((sampler) => sampler.stop());

  const total = KINDS.reduce((sum, kind) => sum + tally.latencies.get(kind)!.length, 0);
  console.log(`  ${total.toLocaleString('en')} responses in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} requests/s`);
  results.forEach((result, i) =>
    console.log(
      `  instance ${i + 1} (:${instances[i].port}): ${result.requests.total.toLocaleString('en')} requests, ${(result.throughput.average / 1024).toFixed(0)} KiB/s, ` +
        `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, peak RSS ${peaks[i].toFixed(0)} MB`,
    ),
  );
  console.log(`  ${'kind'.padEnd(14)} ${'count'.padStart(7)} ${'2xx'.padStart(7)} ${'409'.padStart(6)} ${'4xx'.padStart(5)} ${'5xx'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const kind of KINDS) {
    const latencies = tally.latencies.get(kind)!;
    console.log(
      `  ${kind.padEnd(14)} ${String(latencies.length).padStart(7)} ${String(tally.count(kind, (s) => s >= 200 && s < 300)).padStart(7)} ` +
        `${String(tally.count(kind, (s) => s === 409)).padStart(6)} ${String(tally.count(kind, (s) => s >= 400 && s < 500 && s !== 409)).padStart(5)} ` +
        `${String(tally.count(kind, (s) => s >= 500)).padStart(5)} ${median(latencies).toFixed(0).padStart(8)} ${percentile(latencies, 99).toFixed(0).padStart(8)}`,
    );
  }
  // Where the time goes: CPU per request in the instances and in PostgreSQL (the sessions of this
  // database present at the end; a session opened during the run counts from its start).
  const appCpu = cpuAfter.reduce((sum, after, i) => sum + after - cpuBefore[i], 0);
  let dbCpu = 0;
  for (const [pid, after] of dbCpuAfter) dbCpu += after - (dbCpuBefore.get(pid) ?? 0);
  console.log(
    `  CPU used: instances ${appCpu.toFixed(1)} s (${((1000 * appCpu) / total).toFixed(1)} ms a request), ` +
      `PostgreSQL ${dbCpu.toFixed(1)} s (${((1000 * dbCpu) / total).toFixed(1)} ms a request), in ${seconds.toFixed(0)} s of wall time`,
  );
  const serverErrors = KINDS.reduce((sum, kind) => sum + tally.count(kind, (s) => s >= 500), 0);
  const otherClientErrors = KINDS.reduce((sum, kind) => sum + tally.count(kind, (s) => s >= 400 && s < 500 && s !== 409), 0);
  const connectionErrors = results.reduce((sum, result) => sum + result.errors + result.timeouts, 0);

  // No edit lost: every edit answered 200 moved its estimate's version by one (they start at 1);
  // edits still unanswered when the run stopped may have moved it too.
  const edits = tally.count('line edit', (s) => s === 200);
  const unanswered = tally.editsSent - tally.latencies.get('line edit')!.length;
  const [{ moved }] = (
    await db.query<{ moved: string }>(`SELECT COALESCE(sum(e.version - 1), 0)::text AS moved FROM estimates e JOIN units u ON u.id = e.unit_id WHERE e.year = $1 AND u.code LIKE $2 || '-%'`, [YEAR, PREFIX])
  ).rows as [{ moved: string }];
  const noneLost = Number(moved) >= edits && Number(moved) <= edits + unanswered;
  console.log(
    `  edits answered 200: ${edits}, unanswered when the run stopped: ${unanswered}; versions moved: ${moved} ${noneLost ? '(none lost, none extra)' : 'LOST OR EXTRA EDITS'}`,
  );
  console.log(`  5xx: ${serverErrors}; other 4xx: ${otherClientErrors}; connection errors and timeouts: ${connectionErrors}`);
  // A kind that was never answered was never measured: the run proves nothing about it.
  const unmeasured = unmeasuredKinds(tally);
  if (unmeasured.length > 0) {
    console.log(
      `  NO RESPONSES for ${unmeasured.map((kind) => `"${kind}"`).join(', ')} in ${seconds.toFixed(0)} s: ` +
        'that kind of request was not measured (raise --duration or --officers, or look for what blocked it)',
    );
  }
  return serverErrors === 0 && noneLost && connectionErrors === 0 && unmeasured.length === 0;
}

/** Waits (polling every 10 ms) until `ready` answers a value; gives up after `seconds`. */
async function poll<T>(seconds: number, ready: () => Promise<T | undefined>): Promise<T | undefined> {
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const value = await ready();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

interface JobRow {
  status: string;
  attempts: number;
  worker: string | null;
  phase: string | null;
}
const jobRow = async (db: pg.Client, id: string) => (await db.query<JobRow>(`SELECT status, attempts, worker, phase FROM jobs WHERE id = $1`, [id])).rows[0];

/** kill -9 of the instance whose pid a job row names; the instance list keeps the survivor. */
function killWorker(instances: Instance[], worker: string): Instance {
  const pid = Number(worker.split(':').pop());
  const victim = instances.find((instance) => instance.process.pid === pid);
  if (!victim) throw new Error(`no instance of ours runs the job (${worker})`);
  victim.process.kill('SIGKILL');
  instances.splice(instances.indexOf(victim), 1);
  return victim;
}

async function faultImport(db: pg.Client, instances: Instance[], officer: Officer, unitCode: string): Promise<boolean> {
  const lineCount = async () => Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM estimate_lines WHERE estimate_id = $1`, [officer.estimateId])).rows[0].n);
  const version = async () => (await db.query<{ version: number }>(`SELECT version FROM estimates WHERE id = $1`, [officer.estimateId])).rows[0].version;
  const before = { lines: await lineCount(), version: await version() };
  const catalog = seedCatalog();
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await streamEstimateWorkbook(catalog, { unitName: `Đơn vị ${unitCode}`, unitCode, year: YEAR, estimateId: officer.estimateId, version: before.version, lines: buildLines(IMPORT_LINES, catalog) }, sink);
  const file = Buffer.concat(chunks);
  const form = new FormData();
  form.append('file', new Blob([file]), 'du-toan.xlsx');
  const response = await fetch(`${instances[0].base}/estimates/${officer.estimateId}/workbook`, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer.token}`, prefer: 'respond-async' },
    body: form,
  });
  if (response.status !== 202) throw new Error(`import not queued: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  console.log(`fault 1: workbook import of ${IMPORT_LINES.toLocaleString('en')} lines (${(file.length / 1024 / 1024).toFixed(1)} MB) as job ${id}; estimate has ${before.lines} lines, version ${before.version}`);
  // The moment the import's transaction has written (old lines deleted, new ones going in).
  const writing = await poll(120, async () => {
    const row = await jobRow(db, id);
    if (row.status === 'DONE' || row.status === 'FAILED') return { row, inside: false };
    const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND query ILIKE 'INSERT INTO estimate_lines%' AND datname = current_database()`);
    return rows.length > 0 && row.worker ? { row, inside: true } : undefined;
  });
  if (!writing?.inside) {
    console.log(`  the import ended (${writing?.row.status ?? 'timeout'}) before its write was seen: no kill this time (raise --import-lines)`);
    return false;
  }
  const killedAt = performance.now();
  const victim = killWorker(instances, writing.row.worker!);
  console.log(`  kill -9 of instance :${victim.port} (pid ${victim.process.pid}, ${writing.row.worker}) while its transaction inserted the lines`);
  const halfway = { lines: await lineCount(), version: await version() };
  const clean = halfway.lines === before.lines && halfway.version === before.version;
  console.log(`  right after the kill: ${halfway.lines} lines, version ${halfway.version} ${clean ? '(nothing half saved)' : 'HALF SAVED'}`);
  const resumed = await poll(120, async () => {
    const row = await jobRow(db, id);
    return row.attempts > 1 && row.status !== 'QUEUED' ? { row, at: performance.now() } : undefined;
  });
  const finished = await poll(300, async () => {
    const row = await jobRow(db, id);
    return row.status === 'DONE' || row.status === 'FAILED' ? { row, at: performance.now() } : undefined;
  });
  if (!finished) throw new Error('the import was never finished');
  const after = { lines: await lineCount(), version: await version() };
  const ok = clean && finished.row.status === 'DONE' && after.lines === IMPORT_LINES && after.version === before.version + 1;
  console.log(
    `  taken over by ${finished.row.worker} after ${resumed ? ((resumed.at - killedAt) / 1000).toFixed(1) : '?'} s (attempt ${finished.row.attempts}); ` +
      `${finished.row.status} ${((finished.at - killedAt) / 1000).toFixed(1)} s after the kill: ${after.lines} lines, version ${after.version} ${ok ? '(imported once)' : 'WRONG'}`,
  );
  return ok;
}

async function faultExport(db: pg.Client, instances: Instance[], token: string): Promise<boolean> {
  const response = await fetch(`${instances[0].base}/fiscal-years/${YEAR}/report.xlsx`, { headers: { authorization: `Bearer ${token}`, prefer: 'respond-async' } });
  if (response.status !== 202) throw new Error(`export not queued: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  console.log(`fault 2: the year's consolidated workbook as queued job ${id}`);
  const running = await poll(120, async () => {
    const row = await jobRow(db, id);
    return row.status !== 'QUEUED' ? row : undefined;
  });
  if (running?.status !== 'RUNNING') {
    console.log(`  the export ended (${running?.status ?? 'timeout'}) before it was seen running: no kill this time`);
    return false;
  }
  const killedAt = performance.now();
  const victim = killWorker(instances, running.worker!);
  console.log(`  kill -9 of instance :${victim.port} (${running.worker}) while the job ran (phase ${running.phase})`);
  const finished = await poll(300, async () => {
    const row = await jobRow(db, id);
    return row.status === 'DONE' || row.status === 'FAILED' ? { row, at: performance.now() } : undefined;
  });
  if (!finished) throw new Error('the export was never finished');
  const file = await fetch(`${instances[0].base}/jobs/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await file.arrayBuffer());
  const ok = finished.row.status === 'DONE' && file.status === 200 && bytes.subarray(0, 2).toString() === 'PK';
  console.log(
    `  ${finished.row.status} by ${finished.row.worker} (attempt ${finished.row.attempts}) ${((finished.at - killedAt) / 1000).toFixed(1)} s after the kill; ` +
      `its file from the survivor: ${file.status}, ${(bytes.length / 1024).toFixed(0)} KB ${ok ? '(a workbook)' : 'WRONG'}`,
  );
  return ok;
}

async function main(): Promise<void> {
  const cleanups: Cleanups = [];
  let ok: boolean;
  try {
    const databaseUrl = await benchDatabase(cleanups, 'load');
    // Instances that serve one another's clients share the key that signs tokens.
    const env = { JWT_SECRET: randomBytes(32).toString('hex') };
    const instances = [await startInstance(cleanups, databaseUrl, env)];
    instances.push(await startInstance(cleanups, databaseUrl, env));
    console.log(`two instances on one PostgreSQL: :${instances[0].port} (pid ${instances[0].process.pid}), :${instances[1].port} (pid ${instances[1].process.pid})`);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    cleanups.unshift(() => db.end());
    const { unitCodes } = await seedYear(db);
    console.log(`year ${YEAR}: ${UNITS} units × ${LINES} lines in DRAFT, ${Math.ceil(OFFICERS / UNITS)} officers per unit`);
    const officers = await signInOfficers(db, instances);
    const readerTokens = await Promise.all(READERS.map((username, i) => signIn(instances[i % 2].base, username, DEMO_PASSWORD)));

    if (FAULT) {
      const imported = await faultImport(db, instances, officers[0], unitCodes[0]);
      instances.push(await startInstance(cleanups, databaseUrl, env));
      console.log(`  a new instance :${instances.at(-1)!.port} started in its place`);
      const exported = await faultExport(db, instances, readerTokens[0]);
      const health = await Promise.all(instances.map(async (instance) => (await fetch(`${instance.base}/health`)).status));
      console.log(`  surviving instances' /health: ${health.join(', ')}`);
      ok = imported && exported && health.every((status) => status === 200);
    } else {
      ok = await runLoad(db, instances, officers, readerTokens);
    }
    const verified = await ledgerVerify(databaseUrl);
    console.log(`  npm run ledger:verify: ${verified.ok ? 'passed' : 'FAILED'} — ${verified.output.split('\n').at(-1)}`);
    ok &&= verified.ok;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('cleanup:', error));
  }
  console.log(ok ? 'load: OK' : 'load: FAILED');
  process.exitCode = ok ? 0 : 1;
}

await main();
