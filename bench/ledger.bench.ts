// A nation-sized year in PostgreSQL (13,000 units × 50 lines = 650,000 lines), then, in the same run:
// the bare GROUPING SETS query over the lines (the baseline), the API's consolidation and floor
// (read from the estimate ledger's kept totals), the app's RSS, the consolidated workbook of that
// year exported through the API, and the cost of keeping totals on 10,000 line writes. The app runs
// as its own process (`node dist/src/main.js`), so its memory is measured alone. Uses DATABASE_URL's
// server when set (a database of its own, dropped after), else a throwaway embedded PostgreSQL.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import pg from 'pg';
import { DEMO_PASSWORD } from '../seeds/data/users.js';
import { insertLines, insertUnits } from './bench-data.js';
import { benchDatabase, type Cleanups, rssSampler, signIn, startInstance } from './harness.js';
import { elapsedMs, formatTimes, median } from './measure.js';

const YEAR = 2014;
const UNIT_COUNT = 13_000;
const LINES_PER_UNIT = 50;
const WRITES = 10_000;
const RUNS = 3;
const TARGET_READ_RATIO = 0.1;
const TARGET_APP_RSS_MB = 300;
const TARGET_EXPORT_RSS_MB = 500;
const TARGET_WRITE_RATIO = 1.3;

/** The consolidation as it was computed before the kept totals: every line of the year, grouped. */
const BARE_QUERY = `
  SELECT l.estimate_id, l.plan_area_code, l.funding_source_code, l.expenditure_type_code,
         GROUPING(l.estimate_id, l.plan_area_code, l.funding_source_code, l.expenditure_type_code) AS grouping,
         COALESCE(SUM(l.amount), 0)::text AS amount, COUNT(*)::int AS line_count
    FROM estimate_lines l
    JOIN estimates e ON e.id = l.estimate_id
   WHERE e.year = $1 AND NOT EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = e.id)
   GROUP BY GROUPING SETS ((l.estimate_id), (l.plan_area_code), (l.funding_source_code), (l.expenditure_type_code), ())`;

export interface LedgerBenchReport {
  lineCount: number;
  loadMs: number;
  bareMs: number;
  consolidationMs: number;
  floorMs: number;
  floorShortMs: number;
  appPeakRssMb: number;
  export: { ms: number; bytes: number; peakRssMb: number };
  writes: { withTotalsMs: number; withoutTotalsMs: number; ratio: number };
  verified: boolean;
}

/** Loads the year: units, estimates (mixed statuses, 100 excluded) and their lines, 50,000 lines a transaction. */
async function loadYear(db: pg.Client): Promise<number> {
  const start = process.hrtime.bigint();
  await insertUnits(db, 'BENCH', UNIT_COUNT);
  // A year in the middle of its cycle: submitted, balanced (every line approved at 90%), a few drafts.
  await db.query(
    `INSERT INTO estimates (unit_id, year, status)
     SELECT id, $1, CASE WHEN n % 10 < 4 THEN 'SUBMITTED' WHEN n % 10 < 9 THEN 'BALANCED' ELSE 'DRAFT' END
       FROM (SELECT id, row_number() OVER (ORDER BY code) AS n FROM units WHERE code LIKE 'BENCH-%') u`,
    [YEAR],
  );
  const estimates = (await db.query<{ id: string }>(`SELECT id FROM estimates WHERE year = $1 ORDER BY id`, [YEAR])).rows.map((r) => r.id);
  await insertLines(db, estimates, LINES_PER_UNIT);
  await db.query(
    `INSERT INTO budget_exclusions (year, estimate_id, reason, created_by)
     SELECT $1, e.id, 'bench: excluded', (SELECT id FROM users ORDER BY username LIMIT 1)
       FROM estimates e WHERE e.year = $1 AND e.status = 'SUBMITTED' ORDER BY e.id LIMIT 100`,
    [YEAR],
  );
  await db.query('ANALYZE');
  return elapsedMs(start);
}

/** Times `run` `runs` times after one warm-up (none when runs = 1); returns the median. */
async function timed(label: string, run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  if (runs > 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(elapsedMs(start));
  }
  console.log(`  ${label.padEnd(44)}: ${median(times).toFixed(0)} ms (runs: ${formatTimes(times)})`);
  return median(times);
}

/**
 * 10,000 line writes as the app makes them (the estimate's versioned update, the line, commit), half
 * with the kept totals' triggers and half with them off, interleaved in rounds of 500 so that the
 * machine's other work weighs on both alike. The lines written without totals are removed with the
 * triggers still off, so the totals stay equal to the lines.
 */
async function writeCost(db: pg.Client): Promise<{ withTotalsMs: number; withoutTotalsMs: number }> {
  const [unit] = (await db.query<{ id: string }>(`SELECT id FROM units WHERE code = 'BENCH-00001'`)).rows;
  const { rows } = await db.query<{ id: string }>(`INSERT INTO estimates (unit_id, year) VALUES ($1, $2) RETURNING id`, [unit.id, YEAR + 1]);
  const estimate = rows[0].id;
  let version = 1;
  let lineNo = 0;
  const write = async () => {
    await db.query('BEGIN');
    const updated = await db.query({ name: 'bench-version', text: 'UPDATE estimates SET version = version + 1 WHERE id = $1 AND version = $2', values: [estimate, version] });
    if (updated.rowCount !== 1) throw new Error('version moved');
    version += 1;
    lineNo += 1;
    await db.query({
      name: 'bench-line',
      text: `INSERT INTO estimate_lines (estimate_id, line_no, plan_area_code, expenditure_type_code, funding_source_code, activity_kind_code,
                                         description, measure_unit, quantity, unit_price, amount)
             VALUES ($1, $2, (SELECT code FROM plan_areas p WHERE NOT EXISTS (SELECT 1 FROM plan_areas c WHERE c.parent_code = p.code) ORDER BY code LIMIT 1), 'RECURRENT', 'PROVINCIAL',
                     (SELECT code FROM activity_kinds ORDER BY code LIMIT 1), 'bench write', 'gói', 1, $3, $3)`,
      values: [estimate, lineNo, String(1_000_000 + lineNo)],
    });
    await db.query('COMMIT');
  };
  const setTriggers = (on: boolean) =>
    db.query(`ALTER TABLE estimate_lines ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER; ALTER TABLE estimates ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
  let withMs = 0;
  let withoutMs = 0;
  const round = WRITES / 2 / 10;
  for (let r = 0; r < 10; r++) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < round; i++) await write();
    withMs += elapsedMs(start);
    await setTriggers(false);
    try {
      const first = lineNo + 1;
      start = process.hrtime.bigint();
      for (let i = 0; i < round; i++) await write();
      withoutMs += elapsedMs(start);
      await db.query('DELETE FROM estimate_lines WHERE estimate_id = $1 AND line_no BETWEEN $2 AND $3', [estimate, first, lineNo]);
    } finally {
      await setTriggers(true);
    }
  }
  return { withTotalsMs: withMs, withoutTotalsMs: withoutMs };
}

export async function benchLedger(): Promise<LedgerBenchReport> {
  const cleanups: Cleanups = [];
  try {
    // The server, and the app as its own process: it migrates and seeds the empty database.
    const databaseUrl = await benchDatabase(cleanups, 'bench');
    const { process: app, base } = await startInstance(cleanups, databaseUrl, { JWT_SECRET: randomBytes(24).toString('hex') });
    const rss = rssSampler(app.pid!);
    cleanups.unshift(() => Promise.resolve(rss.stop()));
    const accessToken = await signIn(base, 'dof.officer', DEMO_PASSWORD);
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return response;
    };

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    cleanups.unshift(() => db.end());

    const loadMs = await loadYear(db);
    const [{ lines }] = (await db.query<{ lines: string }>(`SELECT count(*)::text AS lines FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id WHERE e.year = $1`, [YEAR])).rows as [{ lines: string }];
    console.log(`estimate ledger: ${Number(lines).toLocaleString('en')} lines of ${UNIT_COUNT.toLocaleString('en')} units in ${YEAR}, loaded in ${(loadMs / 1000).toFixed(1)} s (kept totals written by the triggers)`);
    // A floor the year meets (the approved total is 10% above it), so the floor reads no line.
    const [{ approved }] = (await db.query<{ approved: string }>(`SELECT COALESCE(sum(approved), 0)::text AS approved FROM year_totals WHERE year = $1 AND NOT excluded`, [YEAR])).rows as [{ approved: string }];
    await db.query(`UPDATE fiscal_years SET total_local_expenditure = $2, floor_sources = (SELECT array_agg(code) FROM funding_sources) WHERE year = $1`, [YEAR, ((BigInt(approved) * 90n)).toString()]);

    await rss.reset();
    const bareMs = await timed('bare GROUPING SETS query over the lines', () => db.query(BARE_QUERY, [YEAR]));
    const consolidationMs = await timed(`GET /fiscal-years/${YEAR}/consolidation`, async () => (await get(`/fiscal-years/${YEAR}/consolidation`)).json());
    const floorMs = await timed(`GET /fiscal-years/${YEAR}/floor (floor met)`, async () => (await get(`/fiscal-years/${YEAR}/floor`)).json());
    const appPeakRssMb = await rss.peak();
    console.log(
      `  consolidation / bare: ${(consolidationMs / bareMs).toFixed(3)}×, floor / bare: ${(floorMs / bareMs).toFixed(3)}× (aim ≤ ${TARGET_READ_RATIO}×)` +
        (consolidationMs < bareMs && floorMs < bareMs ? '' : '  SLOWER THAN THE BARE QUERY'),
    );
    console.log(`  app peak RSS during these reads: ${appPeakRssMb.toFixed(0)} MB (aim < ${TARGET_APP_RSS_MB} MB)${appPeakRssMb < TARGET_APP_RSS_MB ? '' : '  ABOVE AIM'}`);

    // The consolidated workbook of the year, through the API, from PostgreSQL.
    const folder = await mkdtemp(join(tmpdir(), 'itbudget-ledger-export-'));
    cleanups.unshift(() => rm(folder, { recursive: true, force: true }));
    await rss.reset();
    const exportStart = process.hrtime.bigint();
    const response = await get(`/fiscal-years/${YEAR}/report.xlsx`);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(join(folder, 'report.xlsx')));
    const exportMs = elapsedMs(exportStart);
    const exportBytes = (await stat(join(folder, 'report.xlsx'))).size;
    const exportPeak = await rss.peak();
    console.log(
      `  GET /fiscal-years/${YEAR}/report.xlsx: ${(exportMs / 1000).toFixed(1)} s, ${(exportBytes / 1024 / 1024).toFixed(1)} MB, ` +
        `app peak RSS ${exportPeak.toFixed(0)} MB (aim < ${TARGET_EXPORT_RSS_MB} MB)${exportPeak < TARGET_EXPORT_RSS_MB ? '' : '  ABOVE AIM'}`,
    );

    // Short of the floor, the top-up proposal reads every line still short of its request (here
    // nearly all 650,000) and lists each one's proposed amount: once, last (its memory stays with the process), apart from the aims above.
    await db.query(`UPDATE fiscal_years SET total_local_expenditure = $2 WHERE year = $1`, [YEAR, (BigInt(approved) * 200n).toString()]);
    await rss.reset();
    const floorShortMs = await timed(`GET /fiscal-years/${YEAR}/floor (short: top-up)`, async () => (await get(`/fiscal-years/${YEAR}/floor`)).json(), 1);
    console.log(`  app peak RSS during the top-up proposal: ${(await rss.peak()).toFixed(0)} MB`);
    await db.query(`UPDATE fiscal_years SET total_local_expenditure = $2 WHERE year = $1`, [YEAR, (BigInt(approved) * 90n).toString()]);

    const writes = await writeCost(db);
    const ratio = writes.withTotalsMs / writes.withoutTotalsMs;
    console.log(
      `  ${WRITES.toLocaleString('en')} line writes (versioned update + insert + commit): with kept totals ${(writes.withTotalsMs / 1000).toFixed(1)} s, ` +
        `without ${(writes.withoutTotalsMs / 1000).toFixed(1)} s: ${ratio.toFixed(2)}× (aim ≤ ${TARGET_WRITE_RATIO}×)${ratio <= TARGET_WRITE_RATIO ? '' : '  ABOVE AIM'}`,
    );

    const verifyStart = process.hrtime.bigint();
    const differences = (await db.query(`SELECT * FROM ledger_differences() LIMIT 5`)).rows;
    const verified = differences.length === 0;
    console.log(`  kept totals ${verified ? 'verified equal to the sums of the lines' : `DIFFER: ${JSON.stringify(differences)}`} (check: ${(elapsedMs(verifyStart) / 1000).toFixed(1)} s)`);
    return {
      lineCount: Number(lines),
      loadMs,
      bareMs,
      consolidationMs,
      floorMs,
      floorShortMs,
      appPeakRssMb,
      export: { ms: exportMs, bytes: exportBytes, peakRssMb: exportPeak },
      writes: { ...writes, ratio },
      verified,
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('cleanup:', error));
  }
}
