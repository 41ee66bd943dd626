// Two instances on one database (issue 11): a job whose instance dies in the middle of a workbook
// import is retried and completed by the other instance once its lease lapses; the dead attempt
// leaves nothing half saved, the import is applied once, and the ledger's kept totals still verify.
import { hostname } from 'node:os';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import PgBoss from 'pg-boss';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { JOBS_QUEUE, JOBS_SCHEMA } from '../src/database/app-role.js';
import { AuditService } from '../src/modules/audit/audit.service.js';
import { verifyLedger } from '../src/modules/estimates/ledger/ledger-check.js';
import { JobsService } from '../src/modules/jobs/jobs.service.js';
import { writeEstimateWorkbook } from '../src/modules/spreadsheets/estimate-template.js';
import { readEstimateWorkbook } from '../src/modules/spreadsheets/estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { createTestApp, login, type TestApp } from './support/test-app.js';

// Both instances of these tests run in this process, so both name themselves host:pid alike.
const WORKER = `${hostname()}:${process.pid}`;
// A short lease, so that the other instance takes a dead attempt's job over within seconds.
const ENV = { JOB_LEASE_SECONDS: '3' };
const codes = catalogCodes(seedCatalog());

interface JobRow {
  status: string;
  attempts: number;
  phase: string | null;
  result: { version: number; lineCount: number } | null;
}

describe('jobs across two instances: a dead instance’s job is finished by the other (e2e)', () => {
  let a: TestApp;
  let b: INestApplication | undefined;
  const yenPhong = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;

  beforeAll(async () => {
    a = await createTestApp({ env: ENV });
  });
  afterAll(async () => {
    await b?.close();
    await a.close();
  });

  const job = async (id: string) => (await a.dataSource.query<JobRow[]>(`SELECT status, attempts, phase, result FROM jobs WHERE id = $1`, [id]))[0];
  /** Waits until the job's row satisfies `done` (each look is a query; Jest's timeout ends a hang). */
  const until = async (id: string, done: (row: JobRow) => boolean): Promise<JobRow> => {
    for (;;) {
      const row = await job(id);
      if (done(row)) return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const lines = (estimateId: string) =>
    a.dataSource.query<{ line_no: number; description: string; amount: string }[]>(
      `SELECT line_no, description, amount::text FROM estimate_lines WHERE estimate_id = $1 ORDER BY line_no`,
      [estimateId],
    );
  const version = async (estimateId: string) => (await a.dataSource.query<{ version: number }[]>(`SELECT version FROM estimates WHERE id = $1`, [estimateId]))[0].version;
  const verified = async () => {
    const check = await verifyLedger(a.dataSource.manager);
    return check.differences.length === 0 && check.keptLines === check.lines;
  };
  const replaceEvents = async (estimateId: string) =>
    Number((await a.dataSource.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM audit_events WHERE entity_id = $1 AND action = 'lines.replace'`, [estimateId]))[0].n);

  it('survives a kill in the middle of an import: nothing half saved, the other instance completes it once, totals verify', async () => {
    const token = await login(a.http, 'yenphong.officer');
    // The officer's workbook: the estimate's lines twice over, described anew.
    const downloaded = (
      await request(a.http)
        .get(`/estimates/${yenPhong.id}/workbook`)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
    const read = await readEstimateWorkbook(downloaded, codes);
    if (!read.ok) throw new Error('the downloaded workbook does not read back');
    const wanted = [...read.lines, ...read.lines].map((line, i) => ({ ...line, description: `Dòng nhập lại ${i + 1}: ${line.description}` }));
    const file = await writeEstimateWorkbook(seedCatalog(), { unitName: 'UBND huyện Yên Phong', unitCode: 'BN-H-YENPHONG', year: DEMO_YEAR, estimateId: yenPhong.id, version: read.meta.version, lines: wanted });
    const before = await lines(yenPhong.id);
    const versionBefore = await version(yenPhong.id);
    const eventsBefore = await replaceEvents(yenPhong.id);

    // Instance A stops dead inside the import's transaction: the old lines deleted, the new ones
    // inserted, nothing committed.
    const audit = a.app.get(AuditService);
    const record = audit.record.bind(audit);
    let reached!: () => void;
    const inside = new Promise<void>((resolve) => (reached = resolve));
    let release!: (error: Error) => void;
    jest.spyOn(audit, 'record').mockImplementation((manager, event) => {
      if (event.action !== 'lines.replace') return record(manager, event);
      reached();
      return new Promise<void>((_resolve, reject) => (release = reject));
    });
    const queued = await request(a.http)
      .post(`/estimates/${yenPhong.id}/workbook`)
      .set('Authorization', `Bearer ${token}`)
      .set('Prefer', 'respond-async')
      .attach('file', file, 'du-toan.xlsx')
      .expect(202);
    const jobId = (queued.body as { id: string }).id;
    // Reached inside the transaction — or the job ended first, which fails here with its error.
    const ended = await Promise.race([inside.then(() => null), until(jobId, (row) => row.status === 'DONE' || row.status === 'FAILED')]);
    expect(ended).toBeNull();
    expect(await job(jobId)).toMatchObject({ status: 'RUNNING', attempts: 1 });
    // The job's answer says which attempt runs it and where (host:pid), as the jobs table keeps them.
    const running = (await request(a.http).get(`/jobs/${jobId}`).set('Authorization', `Bearer ${token}`).expect(200)).body as { attempts: number; worker: string | null };
    expect(running).toMatchObject({ status: 'RUNNING', attempts: 1, worker: WORKER });

    // The crash: A renews no lease and fetches nothing more, and its connection is cut, so
    // PostgreSQL rolls its transaction back (what `kill -9` does to an instance).
    await a.app.get(JobsService).halt();
    const cut = await a.dataSource.query<unknown[]>(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`,
    );
    expect(cut).toHaveLength(1);
    release(new Error('the instance is gone'));
    // Nothing of the dead attempt is saved.
    expect(await lines(yenPhong.id)).toEqual(before);
    expect(await version(yenPhong.id)).toBe(versionBefore);
    expect(await verified()).toBe(true);

    // Instance B, on the same database, takes the job over once A's lease lapses.
    b = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', ...ENV }), a.databaseUrl);
    const done = await until(jobId, (row) => row.status === 'DONE' || row.status === 'FAILED');
    expect(done).toMatchObject({ status: 'DONE', attempts: 2, result: { version: versionBefore + 1, lineCount: wanted.length } });
    const after = await lines(yenPhong.id);
    expect(after.map((l) => l.description)).toEqual(wanted.map((l) => l.description));
    expect(await version(yenPhong.id)).toBe(versionBefore + 1);
    expect(await replaceEvents(yenPhong.id)).toBe(eventsBefore + 1);
    expect(await verified()).toBe(true);
    // B answers the job to its owner like A would have.
    const bToken = await login(b.getHttpServer() as App, 'yenphong.officer');
    expect((await request(b.getHttpServer() as App).get(`/jobs/${jobId}`).set('Authorization', `Bearer ${bToken}`).expect(200)).body).toMatchObject({ status: 'DONE', percent: 100, attempts: 2, worker: WORKER });

    // Delivered again (as pg-boss would after a crash between the commit and its own bookkeeping):
    // the job is DONE, so the attempt does nothing — no second import, no 409 against itself.
    const boss = new PgBoss({ connectionString: a.databaseUrl, schema: JOBS_SCHEMA, migrate: false, supervise: false, schedule: false, max: 1 });
    await boss.start();
    try {
      const again = await boss.send(JOBS_QUEUE, { jobId });
      for (;;) {
        const state = (await boss.getJobById(JOBS_QUEUE, again!))?.state;
        if (state === 'completed' || state === 'failed') {
          expect(state).toBe('completed');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect(await job(jobId)).toMatchObject({ status: 'DONE', attempts: 2 });
    expect(await version(yenPhong.id)).toBe(versionBefore + 1);
    expect(await replaceEvents(yenPhong.id)).toBe(eventsBefore + 1);
  }, 90_000);

  it('retries an attempt that failed with a server error (5xx), and keeps a client’s error without retrying', async () => {
    // A is halted since the first test; B runs the jobs.
    const http = b!.getHttpServer() as App;
    const token = await login(http, 'yenphong.officer');
    const workbook = (
      await request(http)
        .get(`/estimates/${yenPhong.id}/workbook`)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
    const versionBefore = await version(yenPhong.id);
    const audit = b!.get(AuditService);
    const record = audit.record.bind(audit);
    let failures = 0;
    jest.spyOn(audit, 'record').mockImplementation((manager, event) => {
      if (event.action === 'lines.replace' && failures === 0) {
        failures += 1;
        return Promise.reject(new Error('connection reset by peer'));
      }
      return record(manager, event);
    });
    const queued = await request(http).post(`/estimates/${yenPhong.id}/workbook`).set('Authorization', `Bearer ${token}`).set('Prefer', 'respond-async').attach('file', workbook, 'du-toan.xlsx').expect(202);
    const done = await until((queued.body as { id: string }).id, (row) => row.status === 'DONE' || row.status === 'FAILED');
    expect(failures).toBe(1);
    expect(done).toMatchObject({ status: 'DONE', attempts: 2, result: { version: versionBefore + 1 } });

    // The same workbook again is stale (409): the job's answer on the first attempt, never retried.
    const stale = await request(http).post(`/estimates/${yenPhong.id}/workbook`).set('Authorization', `Bearer ${token}`).set('Prefer', 'respond-async').attach('file', workbook, 'du-toan.xlsx').expect(202);
    const refused = await until((stale.body as { id: string }).id, (row) => row.status === 'DONE' || row.status === 'FAILED');
    expect(refused).toMatchObject({ status: 'FAILED', attempts: 1 });
    const answers = await Promise.all(
      [(queued.body as { id: string }).id, (stale.body as { id: string }).id].map(async (id) => (await request(http).get(`/jobs/${id}`).set('Authorization', `Bearer ${token}`).expect(200)).body as unknown),
    );
    expect(answers).toEqual([
      expect.objectContaining({ status: 'DONE', attempts: 2, worker: WORKER }),
      expect.objectContaining({ status: 'FAILED', attempts: 1, worker: WORKER }),
    ]);
    expect(await version(yenPhong.id)).toBe(versionBefore + 1);
    expect(await verified()).toBe(true);
  }, 60_000);
});
