// Issue 14, step 4: the approved estimates of a year for the treasury, by unit (budget-relationship
// code), chapter, Loại-Khoản, Mục-Tiểu mục and funding source, as CSV and a workbook, totals equal
// to the approved budget to the đồng.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { parseCsv } from '../src/modules/open-data/domain/csv.js';
import { TREASURY_COLUMNS } from '../src/modules/treasury/domain/treasury-rows.js';
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, login, type TestApp } from './support/test-app.js';

interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: { id: string }[];
}

const YEAR = 2014;
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the treasury export (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client, chair: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi, chair] = await Promise.all(
      ['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer', 'chair'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused until the chair approves the year (409), and is 404 for an unknown year; only province roles read it', async () => {
    await dof.get(`/fiscal-years/${YEAR}/treasury-export.csv`).expect(409);
    await dof.get('/fiscal-years/2099/treasury-export.xlsx').expect(404);
    await officer.get(`/fiscal-years/${YEAR}/treasury-export.csv`).expect(403);
  });

  it('after approval, groups the approved amounts by the codes, totals equal to the budget to the đồng', async () => {
    let estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    const add = async (overrides: Record<string, unknown>) => {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
      return estimate.lines[estimate.lines.length - 1].id;
    };
    const code = { loaiKhoan: '460-463' };
    const rental = await add({ ...code, mucTieuMuc: '6600-6605', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'SERVICE_RENTAL', quantity: '12', unitPrice: '4166667' });
    const pcs = await add({ ...code, mucTieuMuc: '9050-9062', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_DETAILED', quantity: '15', unitPrice: '13333333' });
    const pcs2 = await add({ ...code, mucTieuMuc: '9050-9062', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '99999999' });
    const unclassified = await add({ expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'PROVINCIAL', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '7000001' });
    const project = await add({ ...code, mucTieuMuc: '9000-9004', expenditureTypeCode: 'INVESTMENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'PROJECT', quantity: '1', unitPrice: '900000000' });
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    estimate = (await dic.post(`/estimates/${estimate.id}/review`).send({ version: estimate.version, opinions: [{ lineId: project, opinion: 'AGREE', designAgreed: true }] }).expect(200)).body as Estimate;
    estimate = (await dpi.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: project, approvedAmount: '812345679' }] }).expect(200)).body as Estimate;
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/balance`)
        .send({
          version: estimate.version,
          lines: [
            { lineId: rental, approvedAmount: '50000003' },
            { lineId: pcs, approvedAmount: '199999995' },
            { lineId: pcs2, approvedAmount: '99999999' },
            { lineId: unclassified, approvedAmount: '7000001' },
          ],
        })
        .expect(200)
    ).body as Estimate;
    expect(estimate.status).toBe('BALANCED');
    const year = (await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number };
    await dof.patch(`/fiscal-years/${YEAR}`).send({ floorPolicy: 'WARN', reason: 'Thử xuất số liệu Kho bạc', version: year.version }).expect(200);
    await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: '1234/QĐ-UBND', decisionDate: '2013-12-20' }).expect(200);
    const budget = (await dof.get(`/fiscal-years/${YEAR}/budget`).expect(200)).body as { totals: { approved: string } };

    const csv = await dof.get(`/fiscal-years/${YEAR}/treasury-export.csv`).expect(200).expect('Content-Type', /text\/csv/);
    const [header, ...records] = parseCsv(csv.text);
    expect(header).toEqual(TREASURY_COLUMNS.map((c) => c.csv));
    const rows = records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
    expect(rows.reduce((sum, r) => sum + BigInt(r.so_tien), 0n).toString()).toBe(budget.totals.approved);
    expect(budget.totals.approved).toBe((812345679n + 50000003n + 199999995n + 99999999n + 7000001n).toString());
    // The two equipment lines share their codes: one row of two lines.
    const equipment = rows.find((r) => r.muc_tieu_muc === '9050-9062')!;
    expect(equipment).toMatchObject({ chuong: '605', loai_khoan: '460-463', nguon_von: 'DISTRICT', cap_ngan_sach: '3', so_dong: '2', so_tien: '299999994' });
    expect(equipment.ma_dvqhns).toMatch(/^[0-9]{7}$/);
    // A line not classified is still exported (empty codes), so that the totals hold.
    expect(rows.find((r) => r.nguon_von === 'PROVINCIAL')).toMatchObject({ loai_khoan: '', muc_tieu_muc: '', cap_ngan_sach: '2', so_tien: '7000001' });
    expect(rows).toHaveLength(4);

    const file = (await request(t.http).get(`/fiscal-years/${YEAR}/treasury-export.xlsx`).set('Authorization', `Bearer ${await login(t.http, 'dof.officer')}`).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('KhoBac')!;
    const amountColumn = TREASURY_COLUMNS.findIndex((c) => c.key === 'amount') + 1;
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 4) cells.push(row.getCell(amountColumn).text.replace(/[^0-9]/g, ""));
    });
    const totalRow = cells.pop()!;
    expect(cells).toHaveLength(4);
    expect(totalRow).toBe(budget.totals.approved);
    expect(cells.reduce((sum, v) => sum + BigInt(v), 0n).toString()).toBe(budget.totals.approved);
    expect(sheet.getRow(sheet.rowCount).getCell(1).text).toContain('TOTAL');

    // Open data carries the same classification columns.
    const open = parseCsv((await request(t.http).get(`/open-data/${YEAR}/budget-lines.csv`).expect(200)).text);
    const published = open.slice(1).map((r) => Object.fromEntries(open[0].map((name, i) => [name, r[i]])));
    const approvedEquipment = published.filter((r) => r.phase === 'approved' && r.muc_tieu_muc === '9050-9062');
    expect(approvedEquipment.map((r) => [r.loai_khoan, r.chapter_code, r.amount])).toEqual([
      ['460-463', '605', '199999995'],
      ['460-463', '605', '99999999'],
    ]);
    expect(approvedEquipment[0].unit_budget_relation_code).toBe(equipment.ma_dvqhns);
  });
});
