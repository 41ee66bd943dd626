import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { REPORT_SHEETS, TOTAL_LABEL } from '../src/modules/spreadsheets/consolidated-report.js';
import { type Client, createTestApp, login, type TestApp } from './support/test-app.js';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A money cell back to bigint exactly (a whole number, or text digits above 15 digits). */
function money(cell: ExcelJS.Cell): bigint {
  const value = cell.value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value);
  throw new Error(`${cell.address}: ${JSON.stringify(value)} is not money`);
}

/** Column whose header (Vietnamese, then English beneath) mentions `word`. */
function columnOf(sheet: ExcelJS.Worksheet, word: RegExp): number {
  const header = sheet.getRow(3);
  for (let c = 1; c <= sheet.columnCount; c++) if (word.test(header.getCell(c).text)) return c;
  throw new Error(`${sheet.name}: no column ${String(word)}`);
}

function totalRow(sheet: ExcelJS.Worksheet): ExcelJS.Row {
  for (let r = 4; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.values && (row.values as unknown[]).some((v) => typeof v === 'string' && v.startsWith(TOTAL_LABEL))) return row;
  }
  throw new Error(`${sheet.name}: no total row`);
}

describe('the consolidated workbook (e2e)', () => {
  let t: TestApp;
  let dof: Client;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    dof = await t.as('dof.officer');
    token = await login(t.http, 'dof.officer');
    // Some figures approved, one estimate excluded: the workbook must agree with the API on both.
    const yenPhong = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;
    const submitted = (await (await t.as('yenphong.head')).post(`/estimates/${yenPhong.id}/submit`).send({}).expect(200)).body as {
      version: number;
      lines: { id: string; amount: string; expenditureTypeCode: string }[];
    };
    const recurrent = submitted.lines.filter((l) => l.expenditureTypeCode === 'RECURRENT');
    await dof
      .post(`/estimates/${yenPhong.id}/balance`)
      .send({ version: submitted.version, lines: recurrent.map((l) => ({ lineId: l.id, approvedAmount: (BigInt(l.amount) - 1000n).toString() })) })
      .expect(200);
    const education = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.education)!;
    await dof.post(`/fiscal-years/${DEMO_YEAR}/budget/exclusions`).send({ estimateId: education.id, reason: 'Chưa nộp' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  async function checkAgainstApi(file: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const budget = (await dof.get(`/fiscal-years/${DEMO_YEAR}/budget`).expect(200)).body as {
      totals: { requested: string; approved: string };
      estimates: { unitCode: string; requested: string; approved: string }[];
    };
    const consolidation = (await dof.get(`/fiscal-years/${DEMO_YEAR}/consolidation`).expect(200)).body as {
      byPlanArea: { code: string; amount: string }[];
      byFundingSource: { code: string; amount: string }[];
    };

    const byUnit = workbook.getWorksheet(REPORT_SHEETS.byUnit)!;
    const unitRequested = columnOf(byUnit, /requested/i);
    const unitApproved = columnOf(byUnit, /approved/i);
    expect(money(totalRow(byUnit).getCell(unitRequested))).toBe(BigInt(budget.totals.requested));
    expect(money(totalRow(byUnit).getCell(unitApproved))).toBe(BigInt(budget.totals.approved));
    expect(BigInt(budget.totals.approved)).toBeGreaterThan(0n);
    for (let r = 4; r < totalRow(byUnit).number; r++) {
      const row = byUnit.getRow(r);
      const entry = budget.estimates.find((e) => e.unitCode === row.getCell(2).value);
      expect(entry).toBeDefined();
      expect(money(row.getCell(unitRequested))).toBe(BigInt(entry!.requested));
      expect(money(row.getCell(unitApproved))).toBe(BigInt(entry!.approved));
    }

    for (const [sheetName, entries] of [
      [REPORT_SHEETS.byPlanArea, consolidation.byPlanArea],
      [REPORT_SHEETS.byFundingSource, consolidation.byFundingSource],
    ] as const) {
      const sheet = workbook.getWorksheet(sheetName)!;
      const requested = columnOf(sheet, /requested/i);
      const approved = columnOf(sheet, /approved/i);
      expect(money(totalRow(sheet).getCell(requested))).toBe(BigInt(budget.totals.requested));
      expect(money(totalRow(sheet).getCell(approved))).toBe(BigInt(budget.totals.approved));
      for (const entry of entries) {
        let found = false;
        sheet.eachRow((row) => {
          if (row.getCell(2).value === entry.code) {
            found = true;
            expect(money(row.getCell(requested))).toBe(BigInt(entry.amount));
          }
        });
        expect(found).toBe(true);
      }
    }

    const lines = workbook.getWorksheet(REPORT_SHEETS.lines)!;
    expect(money(totalRow(lines).getCell(columnOf(lines, /requested|amount/i)))).toBe(BigInt(budget.totals.requested));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(REPORT_SHEETS));
    expect(byUnit.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
  }

  it('matches the API to the đồng, sheet by sheet', async () => {
    const response = await request(t.http).get(`/fiscal-years/${DEMO_YEAR}/report.xlsx`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    await checkAgainstApi(response.body as Buffer);
  });

  it('refuses an unknown year with a JSON 404, and unit users with 403', async () => {
    const missing = await dof.get('/fiscal-years/2031/report.xlsx').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
    await (await t.as('yenphong.officer')).get(`/fiscal-years/${DEMO_YEAR}/report.xlsx`).expect(403);
  });

  it('runs as a job with progress, the file then downloadable', async () => {
    const queued = await dof.get(`/fiscal-years/${DEMO_YEAR}/report.xlsx`).set('Prefer', 'respond-async').expect(202);
    let job = queued.body as { id: string; status: string; percent: number; hasFile: boolean };
    for (let i = 0; i < 100 && job.status !== 'DONE' && job.status !== 'FAILED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await dof.get(`/jobs/${job.id}`).expect(200)).body as typeof job;
    }
    expect(job).toMatchObject({ status: 'DONE', percent: 100, hasFile: true });
    const file = await request(t.http).get(`/jobs/${job.id}/file`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary).expect(200);
    await checkAgainstApi(file.body as Buffer);
  });
});
