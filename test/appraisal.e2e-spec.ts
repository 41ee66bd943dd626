// Issue 14, step 3: the appraisal round of the annex. Between DIC's review and the balancing, DIC
// sets per line the appraised amount and a note; the variance shows in the API and in both
// workbooks; balancing starts from the appraised figure.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { HEADER_ROW as REPORT_HEADER_ROW, REPORT_SHEETS } from '../src/modules/spreadsheets/consolidated-report.js';
import { ESTIMATE_SHEET, FIRST_DATA_ROW, column } from '../src/modules/spreadsheets/estimate-layout.js';
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, login, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  amount: string;
  appraisedAmount: string | null;
  appraisalNote: string | null;
  appraisalVariance: string | null;
  approvedAmount: string | null;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: Line[];
}

const YEAR = 2015;
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the appraisal round (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client;
  let estimate: Estimate;
  let recurrent: Line, project: Line;

  const download = async (path: string, username: string): Promise<ExcelJS.Workbook> => {
    const file = (await request(t.http).get(path).set('Authorization', `Bearer ${await login(t.http, username)}`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    return workbook;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi] = await Promise.all(['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer'].map((u) => t.as(u)));
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    const add = async (overrides: Record<string, unknown>) => {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
      return estimate.lines[estimate.lines.length - 1];
    };
    recurrent = await add({ expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_DETAILED', quantity: '1', unitPrice: '300000000' });
    project = await add({ expenditureTypeCode: 'INVESTMENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'PROJECT', quantity: '1', unitPrice: '900000000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused before submission and to anyone but DIC', async () => {
    const body = { version: estimate.version, lines: [{ lineId: recurrent.id, appraisedAmount: '250000000' }] };
    const early = await dic.post(`/estimates/${estimate.id}/appraise`).send(body).expect(409);
    expect(early.body.code).toBe('ILLEGAL_TRANSITION');
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    await officer.post(`/estimates/${estimate.id}/appraise`).send({ ...body, version: estimate.version }).expect(403);
    await dof.post(`/estimates/${estimate.id}/appraise`).send({ ...body, version: estimate.version }).expect(403);
  });

  it('DIC appraises after its review: amount and note per line, the variance shown; above the request is 400, a stale version 409', async () => {
    estimate = (await dic
      .post(`/estimates/${estimate.id}/review`)
      .send({ version: estimate.version, opinions: [{ lineId: recurrent.id, opinion: 'AGREE_WITH_CHANGES' }, { lineId: project.id, opinion: 'AGREE', designAgreed: true }] })
      .expect(200)).body as Estimate;
    const above = await dic
      .post(`/estimates/${estimate.id}/appraise`)
      .send({ version: estimate.version, lines: [{ lineId: recurrent.id, appraisedAmount: '300000001' }] })
      .expect(400);
    expect(above.body.details).toEqual([expect.objectContaining({ field: 'lines[0].appraisedAmount', code: 'APPRAISED_ABOVE_REQUEST' })]);
    await dic.post(`/estimates/${estimate.id}/appraise`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, appraisedAmount: '-1' }] }).expect(400);
    await dic.post(`/estimates/${estimate.id}/appraise`).send({ version: estimate.version - 1, lines: [{ lineId: recurrent.id, appraisedAmount: '1' }] }).expect(409);

    estimate = (await dic
      .post(`/estimates/${estimate.id}/appraise`)
      .send({
        version: estimate.version,
        lines: [
          { lineId: recurrent.id, appraisedAmount: '250000000', note: 'Giảm đơn giá theo báo giá thẩm định' },
          { lineId: project.id, appraisedAmount: '900000000' },
        ],
      })
      .expect(200)).body as Estimate;
    const line = estimate.lines.find((l) => l.id === recurrent.id)!;
    expect(line).toMatchObject({ amount: '300000000', appraisedAmount: '250000000', appraisalVariance: '-50000000', appraisalNote: 'Giảm đơn giá theo báo giá thẩm định' });
    expect(estimate.lines.find((l) => l.id === project.id)).toMatchObject({ appraisedAmount: '900000000', appraisalVariance: '0' });
    const trail = await t.dataSource.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM audit_events WHERE action = 'line.appraise'`);
    expect(trail[0].count).toBe(2);
  });

  it('balancing starts from the appraised figure: above it is 400, up to it is accepted', async () => {
    const over = await dof
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '260000000' }] })
      .expect(400);
    expect(over.body.details[0]).toMatchObject({ code: 'APPROVED_ABOVE_APPRAISAL' });
    estimate = (await dof.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '250000000' }] }).expect(200))
      .body as Estimate;
    estimate = (await dpi.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '800000000' }] }).expect(200))
      .body as Estimate;
    expect(estimate.status).toBe('BALANCED');
    // Once balanced the appraisal round is over.
    await dic.post(`/estimates/${estimate.id}/appraise`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, appraisedAmount: '250000000' }] }).expect(409);
  });

  it('lays the appraisal out in the estimate workbook and in the consolidated workbook', async () => {
    const own = await download(`/estimates/${estimate.id}/workbook`, 'yenphong.officer');
    const sheet = own.getWorksheet(ESTIMATE_SHEET)!;
    const row = sheet.getRow(FIRST_DATA_ROW);
    expect(row.getCell(column('appraisedAmount').index).value).toBe(250000000);
    expect(row.getCell(column('appraisalVariance').index).value).toBe(-50000000);

    const report = await download(`/fiscal-years/${YEAR}/report.xlsx`, 'dof.officer');
    const detail = report.getWorksheet(REPORT_SHEETS.lines)!;
    const headers = (detail.getRow(REPORT_HEADER_ROW).values as unknown[]).map((v) => (typeof v === 'string' ? v.split('\n')[0] : ''));
    const appraisedAt = headers.indexOf('Thẩm định (đồng)');
    const varianceAt = headers.indexOf('Chênh lệch thẩm định (đồng)');
    expect(appraisedAt).toBeGreaterThan(0);
    const values: [unknown, unknown][] = [];
    detail.eachRow((r, n) => {
      if (n > REPORT_HEADER_ROW) values.push([r.getCell(appraisedAt).value, r.getCell(varianceAt).value]);
    });
    expect(values).toEqual([
      [250000000, -50000000],
      [900000000, 0],
      [1150000000, -50000000],
    ]);
  });
});
