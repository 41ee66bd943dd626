import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { HeavyWorkGate } from '../src/common/concurrency/heavy-work-gate.js';
import { ForbiddenError } from '../src/common/access/actor.js';
import { AuthService } from '../src/modules/auth/auth.service.js';
import { writeEstimateWorkbook } from '../src/modules/spreadsheets/estimate-template.js';
import { readEstimateWorkbook } from '../src/modules/spreadsheets/estimate-workbook-reader.js';
import { SpreadsheetsService } from '../src/modules/spreadsheets/spreadsheets.service.js';
import { catalogCodes, seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { EXPECTED_OK_LINES, FIXTURE_META } from '../src/modules/spreadsheets/testing/fixture-data.js';
import { type Client, createTestApp, login, type TestApp } from './support/test-app.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/xlsx');
const codes = catalogCodes(seedCatalog());

interface Line {
  id: string;
  lineNo: number;
  description: string;
  amount: string;
  unitPrice: string;
  quantity: string;
  fundingSourceCode: string;
}
interface Estimate {
  id: string;
  version: number;
  status: string;
  lines: Line[];
  totals: { total: string };
}

/** Collects a binary response body. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('estimate workbooks: download, fill in, upload (e2e)', () => {
  let t: TestApp;
  let officer: Client;
  let token: string;
  const yenPhong = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.as('yenphong.officer');
    token = await login(t.http, 'yenphong.officer');
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (estimateId: string, file: Buffer, fields: Record<string, string> = {}, as = token) => {
    const req = request(t.http).post(`/estimates/${estimateId}/workbook`).set('Authorization', `Bearer ${as}`);
    for (const [key, value] of Object.entries(fields)) void req.field(key, value);
    return req.attach('file', file, 'du-toan.xlsx');
  };
  const snapshot = async (estimateId: string) =>
    t.dataSource.query<unknown[]>(
      `SELECT e.version, e.status, (SELECT json_agg(l ORDER BY line_no) FROM estimate_lines l WHERE estimate_id = e.id) AS lines FROM estimates e WHERE id = $1`,
      [estimateId],
    );

  let downloaded: Buffer;

  it('downloads the template filled with the estimate’s lines, exact to the đồng', async () => {
    const response = await request(t.http).get(`/estimates/${yenPhong.id}/workbook`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    downloaded = response.body as Buffer;
    const read = await readEstimateWorkbook(downloaded, codes);
    if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
    const estimate = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
    expect(read.meta).toMatchObject({ estimateId: yenPhong.id, year: DEMO_YEAR, version: estimate.version });
    expect(read.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.amount])).toEqual(estimate.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.amount]));
    // Another district's users cannot read it.
    await (await t.as('tuson.officer')).get(`/estimates/${yenPhong.id}/workbook`).expect(404);
  });

  it('uploads it back: the lines are replaced in one step and the version moves on', async () => {
    const before = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
    const after = (await upload(yenPhong.id, downloaded).expect(201)).body as Estimate;
    expect(after.version).toBe(before.version + 1);
    expect(after.totals.total).toBe(before.totals.total);
    expect(after.lines.map((l) => [l.lineNo, l.description, l.amount])).toEqual(before.lines.map((l) => [l.lineNo, l.description, l.amount]));
    // The same file again is based on a version that is gone: 409, nothing changed.
    const unchanged = await snapshot(yenPhong.id);
    expect((await upload(yenPhong.id, downloaded).expect(409)).body.code).toBe('STALE_VERSION');
    expect(await snapshot(yenPhong.id)).toEqual(unchanged);
  });

  it('refuses an import by a role that does not draft, whatever the way in (the CLI and jobs call the service)', async () => {
    const auditor = await t.app.get(AuthService).actorForUser(((await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE username = 'auditor'`))[0]).id);
    await expect(t.app.get(SpreadsheetsService).importEstimateWorkbook(yenPhong.id, downloaded, undefined, auditor)).rejects.toThrow(ForbiddenError);
  });

  it('refuses another unit’s estimate (403), a missing file (400), and a workbook of another estimate (400)', async () => {
    const tusonToken = await login(t.http, 'tuson.officer');
    await upload(yenPhong.id, downloaded, {}, tusonToken).expect(403);
    await request(t.http).post(`/estimates/${yenPhong.id}/workbook`).set('Authorization', `Bearer ${token}`).field('version', '1').expect(400);
    const cho = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.choTown)!;
    const other = await upload(cho.id, downloaded, { version: '1' }).expect(400);
    expect(other.body.details[0].code).toBe('OTHER_ESTIMATE');
  });

  it('keeps DIC’s review of the lines that come back unchanged, and only of those', async () => {
    const tuSon = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.tuSon)!;
    const tusonOfficer = await t.as('tuson.officer');
    const tusonToken = await login(t.http, 'tuson.officer');
    const estimate = (await (await t.as('tuson.head')).post(`/estimates/${tuSon.id}/submit`).send({}).expect(200)).body as Estimate;
    const dic = await t.as('dic.reviewer');
    await dic
      .post(`/estimates/${tuSon.id}/review`)
      .send({ version: estimate.version, opinions: estimate.lines.map((l) => ({ lineId: l.id, opinion: 'AGREE_WITH_CHANGES', note: 'Xem lại đơn giá' })) })
      .expect(200);
    await dic.post(`/estimates/${tuSon.id}/return`).send({ comment: 'Bổ sung' }).expect(200);
    const file = (await request(t.http).get(`/estimates/${tuSon.id}/workbook`).set('Authorization', `Bearer ${tusonToken}`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const read = await readEstimateWorkbook(file, codes);
    if (!read.ok) throw new Error('the downloaded workbook does not read back');
    // Change the first line's unit price; the others come back as they were.
    const changed = read.lines.map((line, i) => (i === 0 ? { ...line, unitPrice: (BigInt(line.unitPrice) + 1n).toString(), amount: undefined } : line));
    const edited = await writeEstimateWorkbook(seedCatalog(), { unitName: 'UBND thị xã Từ Sơn', unitCode: 'BN-H-TUSON', year: DEMO_YEAR, estimateId: tuSon.id, version: read.meta.version, lines: changed });
    const after = (await upload(tuSon.id, edited, {}, tusonToken).expect(201)).body as { lines: { dicOpinion: string | null; dicNote: string | null }[] };
    expect(after.lines.map((l) => l.dicOpinion)).toEqual([null, ...read.lines.slice(1).map(() => 'AGREE_WITH_CHANGES')]);
    expect(after.lines[1]?.dicNote).toBe('Xem lại đơn giá');
    expect((await tusonOfficer.get(`/estimates/${tuSon.id}`).expect(200)).body.lines).toHaveLength(read.lines.length);
  });

  describe('as a job the client polls (Prefer: respond-async)', () => {
    const poll = async (jobId: string, as: Client) => {
      for (let i = 0; i < 100; i++) {
        const job = (await as.get(`/jobs/${jobId}`).expect(200)).body as { status: string; percent: number; result: unknown; error: { code: string; details: unknown[] } | null };
        if (job.status === 'DONE' || job.status === 'FAILED') return job;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('job did not finish');
    };

    it('imports in the background and reports status, percentage and result', async () => {
      const current = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
      const response = await upload(yenPhong.id, downloaded, { version: String(current.version) }).set('Prefer', 'respond-async').expect(202);
      expect(response.headers.location).toBe(`/jobs/${response.body.id}`);
      expect(response.body).toMatchObject({ kind: 'WORKBOOK_IMPORT', status: 'QUEUED', percent: 0 });
      const job = await poll(response.body.id as string, officer);
      expect(job).toMatchObject({ status: 'DONE', percent: 100, result: { estimateId: yenPhong.id, version: current.version + 1, lineCount: current.lines.length, total: current.totals.total } });
      // Only its owner (and administrators, auditors) see a job.
      await (await t.as('tuson.officer')).get(`/jobs/${response.body.id}`).expect(404);
      await (await t.as('auditor')).get(`/jobs/${response.body.id}`).expect(200);
    });

    it('keeps a refused import’s errors on the job, and saves nothing', async () => {
      const before = await snapshot(yenPhong.id);
      const { version } = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
      const response = await upload(yenPhong.id, readFileSync(join(FIXTURES, 'bad', 'unknown-codes.xlsx')), { version: String(version) })
        .set('Prefer', 'respond-async')
        .expect(202);
      const job = await poll(response.body.id as string, officer);
      expect(job.status).toBe('FAILED');
      expect(job.error).toMatchObject({ statusCode: 422, code: 'ROWS_INVALID' });
      expect(job.error!.details.length).toBeGreaterThan(0);
      expect(await snapshot(yenPhong.id)).toEqual(before);
    });
  });

  describe('bad workbooks: a clear 4xx and nothing saved', () => {
    const bad = readdirSync(join(FIXTURES, 'bad')).filter((name) => name.endsWith('.xlsx'));
    const expected: Record<string, [number, string]> = {
      'random-bytes.xlsx': [400, 'NOT_A_WORKBOOK'],
      'zip-bomb-declared.xlsx': [413, 'UNZIPPED_TOO_LARGE'],
      'zip-bomb-lying.xlsx': [413, 'UNZIPPED_TOO_LARGE'],
      'too-many-rows.xlsx': [413, 'TOO_MANY_ROWS'],
      'sheet-missing.xlsx': [422, 'SHEET_MISSING'],
      'columns-reordered.xlsx': [422, 'HEADER_MISMATCH'],
      'text-in-number.xlsx': [422, 'ROWS_INVALID'],
      'unknown-codes.xlsx': [422, 'ROWS_INVALID'],
      'amount-mismatch.xlsx': [422, 'ROWS_INVALID'],
      'merged-cells.xlsx': [422, 'ROWS_INVALID'],
      'date-in-number.xlsx': [422, 'ROWS_INVALID'],
      'shared-strings-13-million.xlsx': [413, 'TOO_MANY_ITEMS'],
      'corrupt-xml.xlsx': [422, 'MALFORMED_WORKBOOK'],
    };

    it.each(bad)('%s', async (name) => {
      const before = await snapshot(yenPhong.id);
      const { version } = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
      const response = await upload(yenPhong.id, readFileSync(join(FIXTURES, 'bad', name)), { version: String(version) });
      expect([400, 413, 422]).toContain(response.status);
      expect(response.body).toMatchObject({ statusCode: response.status });
      if (expected[name]) expect([response.status, response.body.code]).toEqual(expected[name]);
      if (response.body.code === 'ROWS_INVALID') {
        const details = response.body.details as { row: number; column: string; code: string; message: string }[];
        expect(details.length).toBeGreaterThan(0);
        for (const d of details) expect(d).toEqual(expect.objectContaining({ row: expect.any(Number), column: expect.any(String), code: expect.any(String) }));
        expect(details[0].message).toMatch(/\//); // Vietnamese / English
      }
      expect(await snapshot(yenPhong.id)).toEqual(before);
    });

    it('checks rights, status and version before reading a byte of the file (sync and job)', async () => {
      const garbage = readFileSync(join(FIXTURES, 'bad', 'random-bytes.xlsx'));
      const { version } = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
      // A stale version: 409, not the 400 the file would earn.
      for (const prefer of [undefined, 'respond-async']) {
        const stale = upload(yenPhong.id, garbage, { version: String(version - 1) });
        const answer = prefer ? await stale.set('Prefer', prefer) : await stale;
        expect([answer.status, answer.body.code]).toEqual([409, 'STALE_VERSION']);
      }
      // Another unit's officer: 403 before the file.
      const tusonToken = await login(t.http, 'tuson.officer');
      expect((await upload(yenPhong.id, garbage, { version: String(version) }, tusonToken)).status).toBe(403);
      // An estimate that is not editable: 409 NOT_EDITABLE before the file.
      const education = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.education)!;
      await t.dataSource.query(`UPDATE estimates SET status = 'SUBMITTED' WHERE id = $1`, [education.id]);
      try {
        const edToken = await login(t.http, 'education.officer');
        const answer = await upload(education.id, garbage, {}, edToken);
        expect([answer.status, answer.body.code]).toEqual([409, 'NOT_EDITABLE']);
      } finally {
        await t.dataSource.query(`UPDATE estimates SET status = 'DRAFT' WHERE id = $1`, [education.id]);
      }
    });

    it("answers 429 with Retry-After while the instance's heavy-work gate is full, and imports once a slot is free", async () => {
      const gate = t.app.get(HeavyWorkGate);
      const { version } = (await officer.get(`/estimates/${yenPhong.id}`).expect(200)).body as Estimate;
      const held = Array.from({ length: gate.slots }, () => gate.enter()); // other heavy work holds every slot
      try {
        const busy = await upload(yenPhong.id, downloaded, { version: String(version) });
        expect([busy.status, busy.body.code]).toEqual([429, 'SERVER_BUSY']);
        expect(busy.headers['retry-after']).toBe(String(gate.options.retryAfterSeconds));
        expect(busy.body.message).toMatch(/thử lại sau .* \/ .*retry in/);
      } finally {
        for (const release of held) release();
      }
      expect(gate.inUse).toBe(0);
      await upload(yenPhong.id, downloaded, { version: String(version) }).expect(201);
      expect(gate.inUse).toBe(0); // the import gave its slot back
    });

    it('a file above the size limit is 413', async () => {
      const response = await upload(yenPhong.id, Buffer.alloc(21 * 1024 * 1024, 1), { version: '1' });
      expect(response.status).toBe(413);
    });
  });

  describe('workbooks saved by exceljs and by LibreOffice both import', () => {
    // The fixtures were made for estimate FIXTURE_META.estimateId at version 4: stand one up.
    beforeAll(async () => {
      const cho = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.choTown)!;
      await t.dataSource.query('DELETE FROM estimates WHERE id = $1', [cho.id]);
      await t.dataSource.query(`INSERT INTO estimates (id, unit_id, year, status, illustrative, version) VALUES ($1, $2, $3, 'DRAFT', false, $4)`, [
        FIXTURE_META.estimateId,
        UNIT_IDS.choTown,
        FIXTURE_META.year,
        FIXTURE_META.version,
      ]);
    });

    it.each(['exceljs-saved.xlsx', 'libreoffice-saved.xlsx'])('%s', async (name) => {
      const current = (await officer.get(`/estimates/${FIXTURE_META.estimateId}`).expect(200)).body as Estimate;
      const saved = (await upload(FIXTURE_META.estimateId, readFileSync(join(FIXTURES, 'ok', name)), { version: String(current.version) }).expect(201)).body as Estimate;
      expect(saved.lines.map((l) => [l.description, l.amount])).toEqual(EXPECTED_OK_LINES.map((l) => [l.description, l.amount]));
      expect(saved.totals.total).toBe(EXPECTED_OK_LINES.reduce((sum, l) => sum + BigInt(l.amount), 0n).toString());
    });
  });
});
