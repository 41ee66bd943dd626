import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { BUDGET_LINE_HEADER } from '../src/modules/open-data/domain/budget-lines.js';
import { parseCsv } from '../src/modules/open-data/domain/csv.js';
import { validateFiscalDataPackage } from '../src/modules/open-data/domain/validator.js';
import type { FiscalDataPackage } from '../src/modules/open-data/domain/descriptor.js';
import { HeavyWorkGate } from '../src/common/concurrency/heavy-work-gate.js';
import { OpenDataService } from '../src/modules/open-data/open-data.service.js';
import { FIRST_DATA_ROW, REPORT_SHEETS, TOTAL_LABEL } from '../src/modules/spreadsheets/consolidated-report.js';
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, login, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  approvedAmount: string | null;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: Line[];
}
type Row = Record<string, string>;

const YEAR = 2013;
const DESCRIPTION_WITH_QUOTES = 'Thuê đường truyền số liệu chuyên dùng, gói "12 tháng"\r\nkết nối WAN tỉnh';
const DRAFT_ONLY = 'DỰ THẢO KHÔNG CÔNG BỐ: mua sắm máy chủ dự phòng';
// Words typed by people along the cycle: none may reach the open data.
const PRIVATE_WORDS = {
  returnComment: 'Thuyết minh chưa rõ số lượng, liên hệ chị Trần Thị Hoa',
  justification: 'Thuê 10 tháng theo báo giá của anh Nguyễn Văn Bình',
  dicNote: 'Cần điều chỉnh cấu hình máy chủ (ý kiến ông Lê Văn Cường)',
  exclusionReason: 'Chưa nộp dự toán đúng hạn — lý do riêng của đơn vị',
  adjustmentReason: 'Điều chỉnh theo QĐ bổ sung số 99/QĐ-UBND',
};

// The approved budget as open data: nothing before the chair's approval, then a Fiscal Data
// Package whose figures match the API to the đồng, without a person in it, without signing in.
describe('open data: the approved budget as a Fiscal Data Package (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client, chair: Client;
  let estimate: Estimate;
  let draft: Estimate;
  let recurrent: Line, ownLine: Line, project: Line;

  /** No Authorization header on any of these. */
  const anonymous = () => request(t.http);
  const csvOf = async (): Promise<{ text: string; rows: Row[] }> => {
    const response = await anonymous().get(`/open-data/${YEAR}/budget-lines.csv`).expect(200);
    const [header, ...records] = parseCsv(response.text);
    expect(header).toEqual(BUDGET_LINE_HEADER);
    return { text: response.text, rows: records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]]))) };
  };
  const total = (rows: Row[], phase: string) => rows.filter((r) => r.phase === phase).reduce((sum, r) => sum + BigInt(r.amount), 0n);
  const apiTotals = async () =>
    ((await dof.get(`/fiscal-years/${YEAR}/budget`).expect(200)).body as { totals: { requested: string; approved: string; adjusted: string | null; adjustments: number } }).totals;
  /** Σ of the lines' decided and current approved amounts, straight from the table. */
  const lineSums = async () =>
    (
      await t.dataSource.query<[{ decided: string; current: string }]>(
        `SELECT COALESCE(SUM(l.decided_amount), 0)::text AS decided, COALESCE(SUM(l.approved_amount), 0)::text AS current
           FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id WHERE e.year = $1 AND e.status = 'APPROVED'`,
        [YEAR],
      )
    )[0];
  const expectNotPublished = async () => {
    expect((await anonymous().get('/open-data').expect(200)).body).toEqual([]);
    const missing = await anonymous().get(`/open-data/${YEAR}/datapackage.json`).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await anonymous().get(`/open-data/${YEAR}/budget-lines.csv`).expect(404);
  };

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi, chair] = await Promise.all(
      ['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer', 'chair'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes nothing while no year is approved, and needs no sign-in to say so', async () => {
    await expectNotPublished();
    await anonymous().get('/open-data/2100/datapackage.json').expect(404);
    // Outside the years a budget can have (2000–2200): refused as input, naming the year.
    await anonymous().get('/open-data/1999/datapackage.json').expect(400);
    await anonymous().get('/open-data/99999999999/budget-lines.csv').expect(400);
    await anonymous().get('/open-data/abc/datapackage.json').expect(400);
  });

  it('a district estimate goes through the cycle; another unit’s DRAFT is excluded; nothing is published before the chair decides', async () => {
    const add = async (overrides: Record<string, unknown>) => {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
      return estimate.lines[estimate.lines.length - 1];
    };
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    recurrent = await add({
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'SERVICE_RENTAL',
      description: DESCRIPTION_WITH_QUOTES,
      quantity: '12',
      unitPrice: '5000000',
    });
    ownLine = await add({ expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '80000000' });
    project = await add({ expenditureTypeCode: 'INVESTMENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'PROJECT', quantity: '1', unitPrice: '900000000' });
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    estimate = (await dic.post(`/estimates/${estimate.id}/return`).send({ comment: PRIVATE_WORDS.returnComment }).expect(200)).body as Estimate;
    estimate = (
      await officer
        .patch(`/estimates/${estimate.id}/lines/${recurrent.id}`)
        .send({ quantity: '10', justification: PRIVATE_WORDS.justification, version: estimate.version })
        .expect(200)
    ).body as Estimate;
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({
          version: estimate.version,
          opinions: [
            { lineId: recurrent.id, opinion: 'AGREE' },
            { lineId: project.id, opinion: 'AGREE_WITH_CHANGES', note: PRIVATE_WORDS.dicNote, designAgreed: true },
          ],
        })
        .expect(200)
    ).body as Estimate;
    estimate = (await dpi.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '800000000' }] }).expect(200))
      .body as Estimate;
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/balance`)
        .send({
          version: estimate.version,
          lines: [
            { lineId: recurrent.id, approvedAmount: '45000000' },
            { lineId: ownLine.id, approvedAmount: '80000000' },
          ],
        })
        .expect(200)
    ).body as Estimate;
    expect(estimate.status).toBe('BALANCED');
    await expectNotPublished();

    // Từ Sơn drafts a line and never submits: DOF excludes the estimate.
    const tuson = await t.as('tuson.officer');
    draft = (await tuson.post('/estimates').send({ unitId: SEEDED.tuSon, year: YEAR }).expect(201)).body as Estimate;
    draft = (
      await tuson
        .post(`/estimates/${draft.id}/lines`)
        .send({ ...lineBody({ description: DRAFT_ONLY, quantity: '1', unitPrice: '777000000' }), version: draft.version })
        .expect(201)
    ).body as Estimate;
    await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: draft.id, reason: PRIVATE_WORDS.exclusionReason }).expect(201);

    const year = (await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number };
    await dof.patch(`/fiscal-years/${YEAR}`).send({ floorPolicy: 'WARN', reason: 'Cho phép trình khi chưa đạt mức sàn', version: year.version }).expect(200);
    await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    // Submitted to the chair is still not approved.
    await expectNotPublished();

    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: '2345/QĐ-UBND', decisionDate: '2012-12-20' }).expect(200);
    expect((await officer.get(`/estimates/${estimate.id}`).expect(200)).body.status).toBe('APPROVED');
    expect((await (await t.as('tuson.officer')).get(`/estimates/${draft.id}`).expect(200)).body.status).toBe('DRAFT');
  });

  it('lists the approved year, without sign-in', async () => {
    const response = await anonymous().get('/open-data').expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body).toEqual([
      {
        year: YEAR,
        planPeriod: '2011-2015',
        decisionNumber: '2345/QĐ-UBND',
        decisionDate: '2012-12-20',
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        datapackage: `/open-data/${YEAR}/datapackage.json`,
        data: `/open-data/${YEAR}/budget-lines.csv`,
      },
    ]);
  });

  it('serves a package that validates, whose approved total is the API’s to the đồng', async () => {
    const descriptorResponse = await anonymous().get(`/open-data/${YEAR}/datapackage.json`).expect('Content-Type', /application\/json/).expect(200);
    const descriptor = descriptorResponse.body as FiscalDataPackage;
    expect(descriptor).toMatchObject({
      profile: 'tabular-data-package',
      name: 'bn-ppc-it-budget-2013',
      licenses: [{ name: 'CC-BY-4.0' }],
      fiscalPeriod: { start: '2013-01-01', end: '2013-12-31' },
      resources: [{ name: 'budget-lines', path: 'budget-lines.csv', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' }],
      model: { measures: { amount: { currency: 'VND', direction: 'expenditure' } } },
    });
    expect(descriptor.sources[0].title).toContain('2345/QĐ-UBND');
    expect(descriptor.title).toContain('UBND tỉnh Bắc Ninh');

    const csvResponse = await anonymous().get(`/open-data/${YEAR}/budget-lines.csv`).expect(200);
    expect(csvResponse.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csvResponse.headers['content-disposition']).toBe('attachment; filename="2013-budget-lines.csv"');
    expect(validateFiscalDataPackage(descriptor, csvResponse.text)).toEqual({ valid: true, errors: [], records: 6 });

    const { rows } = await csvOf();
    const totals = await apiTotals();
    expect(total(rows, 'approved').toString()).toBe(totals.approved);
    expect(total(rows, 'approved')).toBe(925_000_000n);
    expect(total(rows, 'proposed').toString()).toBe(totals.requested);
    expect(rows.filter((r) => r.phase === 'adjusted')).toEqual([]);
    expect(new Set(rows.map((r) => r.phase))).toEqual(new Set(['proposed', 'approved']));
    // Every published line is the district's, with its classifications, and its text is intact.
    expect(rows.every((r) => r.fiscal_year === '2013' && r.unit_code === 'BN-H-YENPHONG' && r.unit_name === 'UBND huyện Yên Phong')).toBe(true);
    expect(rows.filter((r) => r.line_id === recurrent.id)).toEqual([
      expect.objectContaining({
        phase: 'proposed',
        amount: '50000000',
        description: DESCRIPTION_WITH_QUOTES,
        unit_kind: 'DISTRICT_COMMITTEE',
        unit_budget_level: 'DISTRICT',
        plan_area_code: '1.f',
        expenditure_type_code: 'RECURRENT',
        funding_source_code: 'PROVINCIAL',
        activity_kind_code: 'SERVICE_RENTAL',
      }),
      expect.objectContaining({ phase: 'approved', amount: '45000000' }),
    ]);
  });

  it('never publishes the DRAFT estimate, a person, or what people wrote about the lines', async () => {
    const { text } = await csvOf();
    const descriptor = JSON.stringify((await anonymous().get(`/open-data/${YEAR}/datapackage.json`).expect(200)).body);
    const listing = JSON.stringify((await anonymous().get('/open-data').expect(200)).body);
    const published = [text, descriptor, listing];
    const draftLine = draft.lines[0];
    for (const body of published) {
      expect(body).not.toContain(DRAFT_ONLY);
      expect(body).not.toContain(draft.id);
      expect(body).not.toContain(draftLine.id);
      expect(body).not.toContain('BN-H-TUSON');
      expect(body).not.toContain('777000000');
      for (const words of Object.values(PRIVATE_WORDS)) expect(body).not.toContain(words);
    }
    const users = await t.dataSource.query<{ id: string; username: string; full_name: string }[]>('SELECT id, username, full_name FROM users');
    expect(users.length).toBeGreaterThan(10);
    const cells = new Set(parseCsv(text).flat());
    for (const user of users) {
      for (const body of published) {
        expect(body).not.toContain(user.id);
        expect(body).not.toContain(user.full_name);
        if (user.username.includes('.')) expect(body).not.toContain(user.username);
      }
      expect(cells.has(user.username)).toBe(false);
    }
  });

  it('an adjustment after approval is published as adjusted; approved keeps the decided figure', async () => {
    const before = ((await anonymous().get('/open-data').expect(200)).body as { updatedAt: string }[])[0].updatedAt;
    estimate = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/adjustments`)
        .send({ lineId: recurrent.id, approvedAmount: '40000000', reason: PRIVATE_WORDS.adjustmentReason, version: estimate.version })
        .expect(201)
    ).body as Estimate;
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/adjustments`)
        .send({ lineId: recurrent.id, approvedAmount: '42000000', reason: 'Điều chỉnh lần hai', version: estimate.version })
        .expect(201)
    ).body as Estimate;

    const descriptor = (await anonymous().get(`/open-data/${YEAR}/datapackage.json`).expect(200)).body as Record<string, unknown>;
    const { text, rows } = await csvOf();
    expect(validateFiscalDataPackage(descriptor, text)).toEqual({ valid: true, errors: [], records: 7 });
    expect(rows.filter((r) => r.line_id === recurrent.id).map((r) => [r.phase, r.amount])).toEqual([
      ['proposed', '50000000'],
      ['approved', '45000000'],
      ['adjusted', '42000000'],
    ]);
    expect(rows.filter((r) => r.phase === 'adjusted')).toHaveLength(1);
    // approved: still the chair's decision, in open data and in the API alike; adjusted: the current figures.
    const totals = await apiTotals();
    expect(total(rows, 'approved')).toBe(925_000_000n);
    expect(totals).toMatchObject({ approved: '925000000', adjusted: '922000000', adjustments: 2 });
    expect(await lineSums()).toEqual({ decided: totals.approved, current: totals.adjusted });
    const adjustedIds = new Set(rows.filter((r) => r.phase === 'adjusted').map((r) => r.line_id));
    const current = rows.filter((r) => r.phase === 'adjusted' || (r.phase === 'approved' && !adjustedIds.has(r.line_id)));
    expect(current.reduce((sum, r) => sum + BigInt(r.amount), 0n).toString()).toBe(totals.adjusted);
    // The estimate view says the same per estimate.
    const view = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as { decidedTotal: string; approvedTotal: string; lines: { decidedAmount: string | null }[] };
    expect(view.lines.find((l) => (l as unknown as { id: string }).id === recurrent.id)?.decidedAmount).toBe('45000000');
    expect(BigInt(view.decidedTotal) - BigInt(view.approvedTotal)).toBe(3_000_000n);
    // And the consolidated workbook: approved as decided, adjusted beside it, every adjustment listed.
    const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    };
    const file = (await request(t.http).get(`/fiscal-years/${YEAR}/report.xlsx`).set('Authorization', `Bearer ${await login(t.http, 'dof.officer')}`).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const byUnit = workbook.getWorksheet(REPORT_SHEETS.byUnit)!;
    let totalRow = FIRST_DATA_ROW;
    while (byUnit.getRow(totalRow).getCell(3).value !== TOTAL_LABEL) totalRow++;
    expect([byUnit.getRow(totalRow).getCell(7).value, byUnit.getRow(totalRow).getCell(8).value]).toEqual([925_000_000, 922_000_000]);
    const adjustmentsSheet = workbook.getWorksheet(REPORT_SHEETS.adjustments)!;
    expect([FIRST_DATA_ROW, FIRST_DATA_ROW + 1].map((r) => [5, 6, 7].map((c) => adjustmentsSheet.getRow(r).getCell(c).value))).toEqual([
      [45_000_000, 40_000_000, PRIVATE_WORDS.adjustmentReason],
      [40_000_000, 42_000_000, 'Điều chỉnh lần hai'],
    ]);
    expect(adjustmentsSheet.getRow(FIRST_DATA_ROW).getCell(8).value).toEqual(expect.stringContaining('(dof.officer)'));
    expect(text).not.toContain(PRIVATE_WORDS.adjustmentReason);
    expect(text).not.toContain('Điều chỉnh lần hai');
    const after = ((await anonymous().get('/open-data').expect(200)).body as { updatedAt: string }[])[0].updatedAt;
    expect(after > before).toBe(true);
    expect(descriptor.created).toBe(after);
  });

  it('streams a large year batch after batch from one snapshot, totals still exact', async () => {
    // 2,500 more approved lines (more than two cursor batches), written straight into the database.
    await t.dataSource.query(
      `INSERT INTO estimate_lines (estimate_id, line_no, plan_area_code, expenditure_type_code, funding_source_code, activity_kind_code,
                                   description, measure_unit, quantity, unit_price, amount, approved_amount, decided_amount)
       SELECT $1, 3 + g, '2.1.a', 'RECURRENT', 'PROVINCIAL', 'TASK_SIMPLE', 'Dòng số ' || g || ', "đợt" ' || (g % 7),
              'gói', 1, 1000000 + g, 1000000 + g, 1000000 + g - (g % 3), 1000000 + g - (g % 3)
         FROM generate_series(1, 2500) AS g`,
      [estimate.id],
    );
    const descriptor = (await anonymous().get(`/open-data/${YEAR}/datapackage.json`).expect(200)).body as Record<string, unknown>;
    const { text, rows } = await csvOf();
    expect(validateFiscalDataPackage(descriptor, text)).toEqual({ valid: true, errors: [], records: 7 + 2 * 2500 });
    const totals = await apiTotals();
    expect(total(rows, 'proposed').toString()).toBe(totals.requested);
    const adjustedIds = new Set(rows.filter((r) => r.phase === 'adjusted').map((r) => r.line_id));
    const current = rows.filter((r) => r.phase === 'adjusted' || (r.phase === 'approved' && !adjustedIds.has(r.line_id)));
    expect(current.reduce((sum, r) => sum + BigInt(r.amount), 0n).toString()).toBe(totals.adjusted);
    expect(total(rows, 'approved').toString()).toBe(totals.approved);
    // In line order within the unit.
    const descriptions = rows.filter((r) => r.phase === 'proposed').map((r) => r.description);
    expect(descriptions[3]).toBe('Dòng số 1, "đợt" 1');
    expect(descriptions[descriptions.length - 1]).toBe('Dòng số 2500, "đợt" 1');
  });

  describe('a download holds a database connection, so it is guarded', () => {
    const csvPath = `/open-data/${YEAR}/budget-lines.csv`;
    let service: OpenDataService;
    beforeAll(() => {
      service = t.app.get(OpenDataService);
    });

    it("answers 429 with Retry-After while the instance's heavy-work gate is full, and frees the slots of readers that left", async () => {
      const gate = t.app.get(HeavyWorkGate);
      // The other slots held by other heavy work (uploads, report workbooks): one gate for all.
      const held = Array.from({ length: gate.slots - 1 }, () => gate.enter());
      try {
        const opened = await service.budgetLines(YEAR);
        expect(service.activeDownloads).toBe(1);
        expect(gate.inUse).toBe(gate.slots);
        const busy = await anonymous().get(csvPath).expect(429);
        expect(busy.body).toMatchObject({ statusCode: 429, code: 'SERVER_BUSY' });
        expect(busy.headers['retry-after']).toBe(String(gate.options.retryAfterSeconds));
        // A reader gone before the first byte: nothing is written, the connection and the slot go back.
        const gone = new PassThrough();
        gone.destroy();
        await opened.writeTo(gone);
        expect(service.activeDownloads).toBe(0);
        expect(gate.inUse).toBe(gate.slots - 1);
      } finally {
        for (const release of held) release();
      }
      expect(gate.inUse).toBe(0);
      await anonymous().get(csvPath).expect(200);
    });

    it('cuts off a reader that takes nothing, and frees its connection', async () => {
      service.limits.stallMs = 200;
      try {
        const download = await service.budgetLines(YEAR);
        // A reader that never takes a chunk: the first write fills its buffer.
        const stuck = new Writable({ highWaterMark: 16, write: () => undefined });
        await download.writeTo(stuck);
        expect(stuck.destroyed).toBe(true);
        expect(service.activeDownloads).toBe(0);
      } finally {
        service.limits.stallMs = 30_000;
      }
      await anonymous().get(csvPath).expect(200);
    });

    it('cuts off a reader that drains too slowly to finish in time, and frees its connection', async () => {
      service.limits.totalMs = -1; // the time is up before the first byte
      try {
        const download = await service.budgetLines(YEAR);
        // A reader that takes everything it gets, too late.
        const slow = new Writable({ write: (_chunk, _encoding, done) => done() });
        await download.writeTo(slow);
        expect(slow.destroyed).toBe(true);
        expect(service.activeDownloads).toBe(0);
      } finally {
        service.limits.totalMs = 10 * 60_000;
      }
    });

    it('a year not published takes no slot', async () => {
      await expect(service.budgetLines(2014)).rejects.toThrow(/not approved/);
      expect(service.activeDownloads).toBe(0);
    });
  });
});
