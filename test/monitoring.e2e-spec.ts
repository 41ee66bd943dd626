import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { cellContent, parseMoney } from '../src/modules/spreadsheets/cell-values.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  lineNo: number;
  amount: string;
  approvedAmount: string | null;
  expenditureTypeCode: string;
  activityKindCode: string;
  planAreaCode: string;
  fundingSourceCode: string;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: Line[];
}
interface Indicator {
  targetCode: string;
  aggregation: string;
  numerator: string | null;
  denominator: string | null;
  achieved: boolean | null;
}
interface Disbursement {
  lineId: string;
  lineNo: number;
  approved: string;
  disbursed: string | null;
  overrun: boolean;
}
interface Report {
  id: string;
  status: string;
  version: number;
  dueDate: string;
  submittedLate: boolean;
  returnComment: string | null;
  note: string | null;
  complete: boolean;
  indicators: Indicator[];
  disbursements: Disbursement[];
  totals: { approved: string; disbursed: string; percent: string | null };
}
interface Money {
  approved: string;
  disbursed: string;
  percent: string | null;
}
interface DashboardTarget {
  code: string;
  target: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  gap: string | null;
  met: boolean | null;
  reportingUnits: number;
  populationUnits: number;
  trend: { year: number; half: number; value: string | null }[];
  furthest: { unitCode: string; value: string | null; reason: string }[];
}
interface Dashboard {
  targets: DashboardTarget[];
  execution: {
    total: Money;
    byUnit: (Money & { unitCode: string; reportStatus: string })[];
    byPlanArea: (Money & { code: string })[];
    byFundingSource: (Money & { code: string })[];
    byExpenditureType: (Money & { code: string })[];
  };
  reporting: { dueDate: string; expected: number; accepted: number; late: { unitCode: string }[]; missing: { unitCode: string; status: string; late: boolean }[] };
}

const YEAR = DEMO_YEAR; // 2012
const PERIOD = '2011-2015';
const demoOf = (unitId: string) => DEMO_ESTIMATES.find((e) => e.unitId === unitId)!.id;
const ESTIMATES = { yenPhong: demoOf(UNIT_IDS.yenPhong), tuSon: demoOf(UNIT_IDS.tuSon), education: demoOf(UNIT_IDS.education) };

/** Collects a binary response body. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
/** A money cell read back through the spreadsheet helper: digits, never a float. */
const moneyCell = (value: ExcelJS.CellValue): string => {
  const parsed = parseMoney(cellContent(value));
  if (!parsed.ok || parsed.value === null) throw new Error(`not an amount: ${JSON.stringify(value)}`);
  return parsed.value;
};
const sum = (values: readonly string[]) => values.reduce((total, v) => total + BigInt(v), 0n).toString();

describe('plan targets, semi-annual progress reports and the dashboard (e2e)', () => {
  let t: TestApp;
  let ypOfficer: Client, ypHead: Client, tsOfficer: Client, tsHead: Client, eduOfficer: Client, eduHead: Client;
  let dic: Client, dof: Client, dpi: Client, chair: Client, auditor: Client;
  const approvedLines = new Map<string, Line[]>();

  beforeAll(async () => {
    t = await createTestApp();
    [ypOfficer, ypHead, tsOfficer, tsHead, eduOfficer, eduHead, dic, dof, dpi, chair, auditor] = await Promise.all(
      ['yenphong.officer', 'yenphong.head', 'tuson.officer', 'tuson.head', 'education.officer', 'education.head', 'dic.reviewer', 'dof.officer', 'dpi.officer', 'chair', 'auditor'].map(
        (u) => t.as(u),
      ),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  /** Approved amount given to a line: its request, less for two lines, so that approved ≠ requested somewhere. */
  const approvedFor = (line: Line): string =>
    line.planAreaCode === '3.e' && line.fundingSourceCode === 'DISTRICT' ? '70000000' : line.planAreaCode === '2.1.c' ? '100000000' : line.amount;

  it('takes three of the 2012 demo estimates through to APPROVED', async () => {
    await ypHead.post(`/estimates/${ESTIMATES.yenPhong}/submit`).send({}).expect(200);
    await tsHead.post(`/estimates/${ESTIMATES.tuSon}/submit`).send({}).expect(200);
    await eduHead.post(`/estimates/${ESTIMATES.education}/submit`).send({}).expect(200);
    for (const e of DEMO_ESTIMATES.filter((d) => !Object.values(ESTIMATES).includes(d.id))) {
      await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: e.id, reason: 'Chưa nộp / not submitted' }).expect(201);
    }
    for (const id of Object.values(ESTIMATES)) {
      let estimate = (await dic.get(`/estimates/${id}`).expect(200)).body as Estimate;
      const projects = estimate.lines.filter((l) => l.expenditureTypeCode === 'INVESTMENT' && l.activityKindCode === 'PROJECT');
      if (projects.length > 0) {
        estimate = (
          await dic
            .post(`/estimates/${id}/review`)
            .send({ version: estimate.version, opinions: projects.map((l) => ({ lineId: l.id, opinion: 'AGREE', designAgreed: true })) })
            .expect(200)
        ).body as Estimate;
      }
      for (const [client, type] of [
        [dpi, 'INVESTMENT'],
        [dof, 'RECURRENT'],
      ] as const) {
        const lines = estimate.lines.filter((l) => l.expenditureTypeCode === type);
        if (lines.length === 0) continue;
        estimate = (
          await client
            .post(`/estimates/${id}/balance`)
            .send({ version: estimate.version, lines: lines.map((l) => ({ lineId: l.id, approvedAmount: approvedFor(l) })) })
            .expect(200)
        ).body as Estimate;
      }
      expect(estimate.status).toBe('BALANCED');
    }
    const year = (await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number };
    await dof.patch(`/fiscal-years/${YEAR}`).send({ floorPolicy: 'WARN', reason: 'Cho phép trình khi chưa đạt mức sàn', version: year.version }).expect(200);
    await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: '2011/QĐ-UBND', decisionDate: '2011-12-20' }).expect(200);
    for (const [name, id] of Object.entries(ESTIMATES)) {
      const estimate = (await dof.get(`/estimates/${id}`).expect(200)).body as Estimate;
      expect(estimate.status).toBe('APPROVED');
      approvedLines.set(name, estimate.lines);
    }
  });

  describe('targets as data', () => {
    it('lists the plan period and its eleven targets, to everyone', async () => {
      const periods = (await ypOfficer.get('/plan-periods').expect(200)).body as { id: string; years: number[]; targetCount: number }[];
      expect(periods).toEqual([expect.objectContaining({ id: PERIOD, firstYear: 2011, lastYear: 2015, years: [2011, 2012, 2013, 2014, 2015], targetCount: 11 })]);
      const targets = (await ypOfficer.get(`/plan-periods/${PERIOD}/targets`).expect(200)).body as { code: string; aggregation: string; targetValue: string; direction: string; unitKinds: string[] }[];
      expect(targets.map((x) => x.code)).toEqual([
        'LAN-WAN',
        'COMPUTERS-PER-OFFICIAL',
        'KEY-DATABASES',
        'DOCS-PUBLISHED',
        'EMAIL-DAILY',
        'ONE-STOP-DISTRICTS',
        'ONE-STOP-DEPARTMENTS',
        'EDOCS-EXCHANGED',
        'LEADERS-TRAINED',
        'OFFICIALS-PROFICIENT',
        'ICT-INDEX-RANK',
      ]);
      expect(targets.find((x) => x.code === 'ONE-STOP-DEPARTMENTS')).toMatchObject({ aggregation: 'SHARE_OF_UNITS', targetValue: '60', unitKinds: ['DEPARTMENT'] });
      expect(targets.find((x) => x.code === 'EMAIL-DAILY')).toMatchObject({ aggregation: 'RATIO_OF_SUMS', targetValue: '100', direction: 'AT_LEAST' });
      expect(targets.find((x) => x.code === 'ICT-INDEX-RANK')).toMatchObject({ aggregation: 'PROVINCE_VALUE', direction: 'RANK_AT_MOST', targetValue: '10' });
      await ypOfficer.get(`/plan-periods/${PERIOD}/targets/EMAIL-DAILY`).expect(200);
      await ypOfficer.get('/plan-periods/2016-2020/targets').expect(404);
      await ypOfficer.get(`/plan-periods/${PERIOD}/targets/NOPE`).expect(404);
    });

    it('DIC records province-level values under the version rule', async () => {
      await ypOfficer.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: YEAR, half: 1, value: '7' }).expect(403);
      const refused = await dic.put(`/plan-periods/${PERIOD}/targets/EMAIL-DAILY/province-values`).send({ year: YEAR, half: 1, value: '7' }).expect(409);
      expect(refused.body.code).toBe('NOT_A_PROVINCE_TARGET');
      await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: YEAR, half: 1, value: '1e3' }).expect(400);
      await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: 2016, half: 1, value: '7' }).expect(400);
      const first = (await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: YEAR, half: 1, value: '6' }).expect(200)).body as { version: number };
      // A value exists: replacing it without saying which version is refused naming `version` (no "stale version" never sent).
      const unversioned = await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: YEAR, half: 1, value: '7' }).expect(400);
      expect(unversioned.body.details).toEqual([expect.objectContaining({ field: 'version', code: 'VERSION_REQUIRED' })]);
      expect(unversioned.body.message).not.toMatch(/stale/);
      await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: YEAR, half: 1, value: '7', version: first.version }).expect(200);
      await dic
        .put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`)
        .send({ year: YEAR, half: 1, value: '8', version: first.version })
        .expect(409);
      await dic.put(`/plan-periods/${PERIOD}/targets/ICT-INDEX-RANK/province-values`).send({ year: YEAR, half: 1, value: '12', note: 'ICT-Index 2012' }).expect(200);
      const values = (await ypOfficer.get(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).expect(200)).body as { value: string; version: number }[];
      expect(values).toEqual([expect.objectContaining({ year: YEAR, half: 1, value: '7', version: 2, recordedBy: 'dic.reviewer' })]);
    });

    // What a value can be follows the target's kind: 13 key databases are listed (0–13, whole), a rank is a whole number from 1.
    it.each([
      ['KEY-DATABASES', '14', 'TOO_BIG'],
      ['KEY-DATABASES', '13.5', 'NOT_WHOLE'],
      ['KEY-DATABASES', '2.5', 'NOT_WHOLE'],
      ['ICT-INDEX-RANK', '0', 'TOO_SMALL'],
      ['ICT-INDEX-RANK', '1.5', 'NOT_WHOLE'],
    ])('refuses %s = %s with 400 naming the value, and records nothing', async (code, value, reason) => {
      const before = (await dic.get(`/plan-periods/${PERIOD}/targets/${code}/province-values`).expect(200)).body as unknown[];
      const refused = await dic.put(`/plan-periods/${PERIOD}/targets/${code}/province-values`).send({ year: YEAR, half: 2, value }).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'value', code: reason })]);
      expect(refused.body.message).toMatch(/^value: chỉ tiêu .* \/ target /);
      expect((await dic.get(`/plan-periods/${PERIOD}/targets/${code}/province-values`).expect(200)).body).toEqual(before);
    });

    it('takes the bounds themselves: 13 key databases, rank 1', async () => {
      await dic.put(`/plan-periods/${PERIOD}/targets/KEY-DATABASES/province-values`).send({ year: 2013, half: 1, value: '13' }).expect(200);
      await dic.put(`/plan-periods/${PERIOD}/targets/ICT-INDEX-RANK/province-values`).send({ year: 2013, half: 1, value: '1.000' }).expect(200);
      const target = (await dic.get(`/plan-periods/${PERIOD}/targets/KEY-DATABASES`).expect(200)).body as { valueMax: string; wholeValues: boolean };
      expect(target).toMatchObject({ valueMax: '13', wholeValues: true });
    });
  });

  describe("Yên Phong's first-half report, by JSON", () => {
    let report: Report;
    const line = (lineNo: number) => report.disbursements.find((d) => d.lineNo === lineNo)!;

    it('the unit opens one report per half-year, for its own units only', async () => {
      await tsOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: YEAR, half: 1 }).expect(403);
      await ypOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: YEAR, half: 3 }).expect(400);
      await ypOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: 1999, half: 1 }).expect(400);
      await dic.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: YEAR, half: 1 }).expect(403);
      report = (await ypOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: YEAR, half: 1 }).expect(201)).body as Report;
      expect(report).toMatchObject({ status: 'DRAFT', version: 1, dueDate: '2012-07-30', complete: false });
      // A district reports the targets of district committees, not the departments' one-stop shop.
      expect(report.indicators.map((i) => i.targetCode)).toEqual([
        'LAN-WAN',
        'COMPUTERS-PER-OFFICIAL',
        'DOCS-PUBLISHED',
        'EMAIL-DAILY',
        'ONE-STOP-DISTRICTS',
        'EDOCS-EXCHANGED',
        'LEADERS-TRAINED',
        'OFFICIALS-PROFICIENT',
      ]);
      // Every line of the approved estimate, with its approved amount.
      const lines = approvedLines.get('yenPhong')!;
      expect(report.disbursements.map((d) => [d.lineId, d.approved, d.disbursed])).toEqual(lines.map((l) => [l.id, l.approvedAmount, null]));
      expect(report.totals.approved).toBe(sum(lines.map((l) => l.approvedAmount!)));

      const again = await ypOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.yenPhong, year: YEAR, half: 1 }).expect(409);
      expect(again.body.code).toBe('PROGRESS_REPORT_EXISTS');
    });

    it('is read by its units and the province, 404 to another district, 403 to act on', async () => {
      await dic.get(`/progress-reports/${report.id}`).expect(200);
      await (await t.as('cho.officer')).get(`/progress-reports/${report.id}`).expect(404);
      await tsOfficer.get(`/progress-reports/${report.id}`).expect(404);
      await tsOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, note: 'x' }).expect(403);
      await tsHead.post(`/progress-reports/${report.id}/submit`).send({}).expect(403);
      const listed = (await tsOfficer.get('/progress-reports').query({ year: YEAR }).expect(200)).body as { items: { id: string }[] };
      expect(listed.items.map((r) => r.id)).not.toContain(report.id);
      const mine = (await ypOfficer.get('/progress-reports').query({ year: YEAR, half: 1 }).expect(200)).body as { items: { id: string }[]; total: number };
      expect(mine.items.map((r) => r.id)).toEqual([report.id]);
    });

    it('refuses disbursed above approved without a reason (400), and stale versions (409)', async () => {
      const l1 = line(1);
      const above = (BigInt(l1.approved) + 1n).toString();
      const refused = await ypOfficer
        .patch(`/progress-reports/${report.id}`)
        .send({ version: report.version, disbursements: [{ lineId: l1.lineId, disbursed: above }] })
        .expect(400);
      expect(refused.body.details[0]).toMatchObject({ field: 'disbursements[0].disbursed', code: 'DISBURSED_ABOVE_APPROVED' });
      await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, disbursements: [{ lineId: l1.lineId, disbursed: '1.5' }] }).expect(400);
      await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, disbursements: [{ lineId: l1.lineId, disbursed: 5 }] }).expect(400);
      const otherLine = approvedLines.get('tuSon')![0].id;
      const foreign = await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, disbursements: [{ lineId: otherLine, disbursed: '1' }] }).expect(400);
      expect(foreign.body.details[0]).toMatchObject({ field: 'disbursements[0].lineId', code: 'UNKNOWN_LINE' });
      const wrongTarget = await ypOfficer
        .patch(`/progress-reports/${report.id}`)
        .send({ version: report.version, indicators: [{ targetCode: 'ONE-STOP-DEPARTMENTS', achieved: true }, { targetCode: 'EMAIL-DAILY', numerator: '101', denominator: '100' }] })
        .expect(400);
      expect((wrongTarget.body.details as { field: string; code: string }[]).map((d) => [d.field, d.code])).toEqual([
        ['indicators[0].targetCode', 'NOT_REPORTED_BY_UNIT'],
        ['indicators[1].numerator', 'NUMERATOR_ABOVE_DENOMINATOR'],
      ]);
      // Nothing of the refused requests was kept.
      expect(((await ypOfficer.get(`/progress-reports/${report.id}`).expect(200)).body as Report).version).toBe(report.version);

      report = (
        await ypOfficer
          .patch(`/progress-reports/${report.id}`)
          .send({
            version: report.version,
            indicators: [
              { targetCode: 'LAN-WAN', achieved: true },
              { targetCode: 'COMPUTERS-PER-OFFICIAL', numerator: '150', denominator: '180' },
              { targetCode: 'EMAIL-DAILY', numerator: '90', denominator: '100', note: 'Hộp thư @bacninh.gov.vn' },
              { targetCode: 'ONE-STOP-DISTRICTS', achieved: true },
            ],
            disbursements: [{ lineId: l1.lineId, disbursed: '500000000' }],
          })
          .expect(200)
      ).body as Report;
      const stale = await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version - 1, note: 'late edit' }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    });

    it('is submitted by the head only once complete; late against 30 July', async () => {
      await ypOfficer.post(`/progress-reports/${report.id}/submit`).send({}).expect(403);
      const incomplete = await ypHead.post(`/progress-reports/${report.id}/submit`).send({}).expect(409);
      expect(incomplete.body.code).toBe('REPORT_INCOMPLETE');
      expect(incomplete.body.message).toContain('DOCS-PUBLISHED');

      const lines = approvedLines.get('yenPhong')!;
      const disbursed: Record<number, string> = { 1: '500000000', 2: '0', 3: '50400000', 4: '70000000' };
      report = (
        await ypOfficer
          .patch(`/progress-reports/${report.id}`)
          .send({
            version: report.version,
            indicators: [
              { targetCode: 'DOCS-PUBLISHED', numerator: '40', denominator: '50' },
              { targetCode: 'EDOCS-EXCHANGED', numerator: '300', denominator: '1000' },
              { targetCode: 'LEADERS-TRAINED', numerator: '8', denominator: '10' },
              { targetCode: 'OFFICIALS-PROFICIENT', numerator: '120', denominator: '180' },
            ],
            disbursements: lines.filter((l) => l.lineNo <= 4).map((l) => ({ lineId: l.id, disbursed: disbursed[l.lineNo] })),
          })
          .expect(200)
      ).body as Report;
      expect(report.complete).toBe(false);
      // The last line: one đồng above the approved amount, with its reason: accepted and flagged.
      report = (
        await ypOfficer
          .patch(`/progress-reports/${report.id}`)
          .send({ version: report.version, disbursements: [{ lineId: line(5).lineId, disbursed: (BigInt(line(5).approved) + 1n).toString(), overrunReason: 'Phí vận chuyển phát sinh' }] })
          .expect(200)
      ).body as Report;
      expect(line(5).overrun).toBe(true);
      expect(report.complete).toBe(true);

      report = (await ypHead.post(`/progress-reports/${report.id}/submit`).send({ version: report.version }).expect(200)).body as Report;
      // 2012-07-30 is long past.
      expect(report).toMatchObject({ status: 'SUBMITTED', submittedLate: true });
      const locked = await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, note: 'x' }).expect(409);
      expect(locked.body.code).toBe('NOT_EDITABLE');
    });

    it('DIC returns it with a comment, the unit resubmits, DIC accepts; ACCEPTED is final', async () => {
      await dic.post(`/progress-reports/${report.id}/return`).send({}).expect(400);
      await ypHead.post(`/progress-reports/${report.id}/return`).send({ comment: 'x' }).expect(403);
      report = (await dic.post(`/progress-reports/${report.id}/return`).send({ comment: 'Kiểm tra lại số máy tính', version: report.version }).expect(200)).body as Report;
      expect(report).toMatchObject({ status: 'RETURNED', returnComment: 'Kiểm tra lại số máy tính' });
      report = (await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, indicators: [{ targetCode: 'COMPUTERS-PER-OFFICIAL', numerator: '150', denominator: '180' }] }).expect(200))
        .body as Report;
      report = (await ypHead.post(`/progress-reports/${report.id}/submit`).send({}).expect(200)).body as Report;
      expect(report).toMatchObject({ status: 'SUBMITTED', submittedLate: true, returnComment: null });
      await ypHead.post(`/progress-reports/${report.id}/accept`).send({}).expect(403);
      const stale = await dic.post(`/progress-reports/${report.id}/accept`).send({ version: report.version - 1 }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      report = (await dic.post(`/progress-reports/${report.id}/accept`).send({ version: report.version }).expect(200)).body as Report;
      expect(report.status).toBe('ACCEPTED');
      const again = await dic.post(`/progress-reports/${report.id}/accept`).send({}).expect(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      await ypOfficer.patch(`/progress-reports/${report.id}`).send({ version: report.version, note: 'x' }).expect(409);
    });

    it('every change is in the audit trail, and the chain verifies', async () => {
      const events = (await auditor.get('/audit').query({ entityType: 'progress_report', entityId: report.id }).expect(200)).body.items as { action: string; actorName: string; reason: string | null }[];
      expect(events.map((e) => `${e.action}:${e.actorName}`)).toEqual([
        'progress.create:yenphong.officer',
        'progress.update:yenphong.officer',
        'progress.update:yenphong.officer',
        'progress.update:yenphong.officer',
        'progress.submit:yenphong.head',
        'progress.return:dic.reviewer',
        // The officer's re-edit after the return restated the stored figures: no change, no event.
        'progress.submit:yenphong.head',
        'progress.accept:dic.reviewer',
      ]);
      expect(events[5].reason).toBe('Kiểm tra lại số máy tính');
      expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ valid: true });
    });
  });

  describe("the Department of Education's report, by workbook", () => {
    let report: Report;
    const upload = (file: Buffer, fields: Record<string, string> = {}, client = eduOfficer) => {
      const req = client.post(`/progress-reports/${report.id}/workbook`);
      for (const [key, value] of Object.entries(fields)) void req.field(key, value);
      return req.attach('file', file, 'bao-cao.xlsx');
    };
    const download = async (): Promise<ExcelJS.Workbook> => {
      const response = await eduOfficer.get(`/progress-reports/${report.id}/workbook`).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      return workbook;
    };
    const rowOf = (sheet: ExcelJS.Worksheet, key: string): ExcelJS.Row => {
      for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).text === key) return sheet.getRow(r);
      throw new Error(`no row ${key}`);
    };
    const FIGURES: Record<string, [string, string] | string> = {
      'LAN-WAN': 'Có',
      'COMPUTERS-PER-OFFICIAL': ['60', '50'],
      'DOCS-PUBLISHED': ['20', '20'],
      'EMAIL-DAILY': ['1', '10'],
      'ONE-STOP-DEPARTMENTS': 'Không',
      'EDOCS-EXCHANGED': ['50', '100'],
      'LEADERS-TRAINED': ['2', '4'],
      'OFFICIALS-PROFICIENT': ['5', '10'],
    };
    const DISBURSED: Record<number, string> = { 1: '192000000', 2: '0', 3: '60000000', 4: '316800000' };
    const fill = (workbook: ExcelJS.Workbook) => {
      const indicators = workbook.getWorksheet('ChiTieu')!;
      for (const [code, figure] of Object.entries(FIGURES)) {
        const row = rowOf(indicators, code);
        if (typeof figure === 'string') row.getCell(6).value = figure;
        else [row.getCell(4).value, row.getCell(5).value] = figure;
      }
      const lines = workbook.getWorksheet('GiaiNgan')!;
      for (const [lineNo, amount] of Object.entries(DISBURSED)) rowOf(lines, lineNo).getCell(7).value = amount;
    };

    it('downloads the workbook, refuses a bad one as a whole (422 with every bad cell), takes a good one', async () => {
      report = (await eduOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.education, year: YEAR, half: 1 }).expect(201)).body as Report;
      const workbook = await download();
      expect(workbook.getWorksheet('ChiTieu')!.getCell('C8').value).toBe(report.version);
      fill(workbook);
      const lines = workbook.getWorksheet('GiaiNgan')!;
      rowOf(workbook.getWorksheet('ChiTieu')!, 'EMAIL-DAILY').getCell(5).value = 'mười';
      rowOf(lines, '4').getCell(7).value = -1;
      const unreadable = await upload(Buffer.from(await workbook.xlsx.writeBuffer())).expect(422);
      expect(unreadable.body.code).toBe('ROWS_INVALID');
      expect((unreadable.body.details as { row: number; column: string; code: string }[]).map((d) => [d.column, d.code])).toEqual([
        ['E', 'EXPECTED_NUMBER'],
        ['G', 'NEGATIVE'],
      ]);
      expect(unreadable.body.details[0]).toEqual(expect.objectContaining({ row: expect.any(Number), column: 'E', code: 'EXPECTED_NUMBER', message: expect.stringMatching(/^ChiTieu!E\d+: /) }));

      // Readable, but against the report's rules: above approved without a reason, an unknown line, a numerator above its denominator.
      rowOf(workbook.getWorksheet('ChiTieu')!, 'EMAIL-DAILY').getCell(5).value = '10';
      rowOf(workbook.getWorksheet('ChiTieu')!, 'LEADERS-TRAINED').getCell(4).value = '5';
      rowOf(lines, '4').getCell(7).value = '316800001';
      const extra = lines.getRow(lines.rowCount + 1);
      extra.getCell(1).value = 99;
      extra.getCell(7).value = '5';
      const invalid = await upload(Buffer.from(await workbook.xlsx.writeBuffer())).expect(422);
      expect((invalid.body.details as { field: string; column: string; code: string }[]).map((d) => [d.field, d.column, d.code])).toEqual([
        ['ChiTieu.numerator', 'D', 'NUMERATOR_ABOVE_DENOMINATOR'],
        ['GiaiNgan.disbursed', 'G', 'DISBURSED_ABOVE_APPROVED'],
        ['GiaiNgan.lineNo', 'A', 'UNKNOWN_LINE'],
      ]);
      const unchanged = (await eduOfficer.get(`/progress-reports/${report.id}`).expect(200)).body as Report;
      expect(unchanged.version).toBe(report.version);
      expect(unchanged.indicators.every((i) => i.numerator === null && i.achieved === null)).toBe(true);

      // Another unit cannot upload; a stale version is 409.
      const good = await download();
      fill(good);
      const file = Buffer.from(await good.xlsx.writeBuffer());
      await upload(file, {}, ypOfficer).expect(403);
      await upload(file, { version: String(report.version + 5) }).expect(409);
      await upload(Buffer.from('not a workbook')).expect(400);

      report = (await upload(file).expect(200)).body as Report;
      expect(report.version).toBe(2);
      expect(report.complete).toBe(true);
      expect(report.indicators.find((i) => i.targetCode === 'EMAIL-DAILY')).toMatchObject({ numerator: '1', denominator: '10' });
      expect(report.indicators.find((i) => i.targetCode === 'ONE-STOP-DEPARTMENTS')).toMatchObject({ achieved: false });
      expect(report.disbursements.map((d) => d.disbursed)).toEqual(['192000000', '0', '60000000', '316800000']);
      // The workbook uploaded again unchanged is stale (it carries version 1).
      await upload(file).expect(409);

      report = (await eduHead.post(`/progress-reports/${report.id}/submit`).send({}).expect(200)).body as Report;
      report = (await dic.post(`/progress-reports/${report.id}/accept`).send({}).expect(200)).body as Report;
      expect(report).toMatchObject({ status: 'ACCEPTED', submittedLate: true });
    });
  });

  describe('the deadline', () => {
    it('is 30 July / 30 January unless the year sets its own; a report before it is not late', async () => {
      const calendar = (await tsOfficer.get(`/fiscal-years/${YEAR}/progress-deadlines`).expect(200)).body as { deadlines: { half: number; dueDate: string; isDefault: boolean }[] };
      expect(calendar.deadlines).toEqual([
        { half: 1, dueDate: '2012-07-30', isDefault: true, version: null },
        { half: 2, dueDate: '2013-01-30', isDefault: true, version: null },
      ]);
      await tsOfficer.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2099-01-30' }).expect(403);
      await dic.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2012-12-01' }).expect(400);
      // A deadline far from its year is a typo (the window of decision dates: 2011–2013 for 2012).
      const far = await dic.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2099-01-30' }).expect(400);
      expect(far.body.details).toEqual([expect.objectContaining({ field: 'dueDate', code: 'DATE_OUT_OF_YEAR' })]);
      const set = (await dic.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2013-12-31' }).expect(200)).body as { version: number };
      expect(set).toMatchObject({ half: 2, dueDate: '2013-12-31', isDefault: false, version: 1 });
      // A deadline exists: a change without the version it replaces is refused naming `version`.
      const unversioned = await dic.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2013-02-28' }).expect(400);
      expect(unversioned.body.details).toEqual([expect.objectContaining({ field: 'version', code: 'VERSION_REQUIRED' })]);
      expect(unversioned.body.message).not.toMatch(/stale/);
      await dic.put(`/fiscal-years/${YEAR}/progress-deadlines/2`).send({ dueDate: '2013-02-28', version: 7 }).expect(409);
      // Every 2012 deadline is past by now: the test moves the stored one ahead, so that a report can come before it.
      await t.dataSource.query(`UPDATE progress_deadlines SET due_date = '2099-01-30' WHERE year = $1 AND half = 2`, [YEAR]);

      // Từ Sơn reports its second half before that deadline; the retried submission applies once.
      let report = (await tsOfficer.post('/progress-reports').send({ unitId: UNIT_IDS.tuSon, year: YEAR, half: 2 }).expect(201)).body as Report;
      expect(report.dueDate).toBe('2099-01-30');
      // Two edits on the same version at once: the claim to edit lets exactly one through, the other is stale.
      const figures = {
        version: report.version,
        indicators: report.indicators.map((i) => (i.aggregation === 'SHARE_OF_UNITS' ? { targetCode: i.targetCode, achieved: true } : { targetCode: i.targetCode, numerator: '1', denominator: '2' })),
        disbursements: report.disbursements.map((d) => ({ lineId: d.lineId, disbursed: d.approved })),
      };
      const edits = await Promise.all(['Lần một', 'Lần hai'].map((note) => tsOfficer.patch(`/progress-reports/${report.id}`).send({ ...figures, note })));
      expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(edits.find((r) => r.status === 409)!.body.code).toBe('STALE_VERSION');
      const won = edits.find((r) => r.status === 200)!.body as Report;
      expect(won.version).toBe(report.version + 1);
      report = (await tsOfficer.get(`/progress-reports/${report.id}`).expect(200)).body as Report;
      expect(report).toMatchObject({ version: won.version, note: won.note });
      const first = await tsHead.post(`/progress-reports/${report.id}/submit`).set('Idempotency-Key', 'ts-2012-2').send({}).expect(200);
      const retry = await tsHead.post(`/progress-reports/${report.id}/submit`).set('Idempotency-Key', 'ts-2012-2').send({}).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(first.body).toMatchObject({ status: 'SUBMITTED', submittedLate: false, version: report.version + 1 });

      // Two reviewers act on the same version at once: exactly one wins, the other gets 409.
      const version = (first.body as Report).version;
      const raced = await Promise.all(
        ['Thiếu số liệu giải ngân', 'Kiểm tra lại'].map((comment) => dic.post(`/progress-reports/${report.id}/return`).send({ comment, version })),
      );
      expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
      const after = (await tsOfficer.get(`/progress-reports/${report.id}`).expect(200)).body as Report;
      expect(after).toMatchObject({ status: 'RETURNED', version: version + 1 });
    });
  });

  describe('the list of reports', () => {
    it('is ordered by year, half-year and unit code, each with its unit as the registry names it, and pages through', async () => {
      type Item = { id: string; unit: { id: string; code: string; name: string; nameEn: string; kind: string } };
      const all = (await dof.get('/progress-reports').query({ limit: 200 }).expect(200)).body as { items: Item[]; total: number };
      // The oracle: the same listing, joined and ordered by the units' codes in SQL.
      const expected = await t.dataSource.query<{ id: string; unit_id: string; code: string; name: string; name_en: string; kind: string }[]>(
        `SELECT r.id, r.unit_id, u.code, u.name, u.name_en, u.kind FROM progress_reports r JOIN units u ON u.id = r.unit_id
          ORDER BY r.year DESC, r.half DESC, u.code, r.id`,
      );
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect(all.total).toBe(expected.length);
      expect(all.items.map((item) => [item.id, item.unit])).toEqual(
        expected.map((row) => [row.id, { id: row.unit_id, code: row.code, name: row.name, nameEn: row.name_en, kind: row.kind }]),
      );
      const paged: Item[] = [];
      for (let offset = 0; offset < expected.length; offset += 2) {
        paged.push(...((await dof.get('/progress-reports').query({ limit: 2, offset }).expect(200)).body as { items: Item[] }).items);
      }
      expect(paged).toEqual(all.items);
    });
  });

  describe('the dashboard and the chair’s workbook', () => {
    let dashboard: Dashboard;
    const target = (code: string) => dashboard.targets.find((x) => x.code === code)!;

    it('is for the province only', async () => {
      await ypOfficer.get(`/plan-periods/${PERIOD}/dashboard`).query({ year: YEAR, half: 1 }).expect(403);
      await ypHead.get(`/plan-periods/${PERIOD}/progress-report.xlsx`).query({ year: YEAR, half: 1 }).expect(403);
      await dof.get(`/plan-periods/${PERIOD}/dashboard`).query({ year: 2016, half: 1 }).expect(400);
      await dof.get(`/plan-periods/${PERIOD}/dashboard`).query({ year: YEAR }).expect(400);
      await dof.get(`/plan-periods/2016-2020/dashboard`).query({ year: 2016, half: 1 }).expect(404);
    });

    it('computes every target from the accepted reports: a ratio of sums, never an average of percentages', async () => {
      dashboard = (await chair.get(`/plan-periods/${PERIOD}/dashboard`).query({ year: YEAR, half: 1 }).expect(200)).body as Dashboard;
      expect(dashboard.targets).toHaveLength(11);
      // Yên Phong 90 of 100, Education 1 of 10: 91 / 110 = 82.7273%, not the 50% an average of percentages gives.
      expect(target('EMAIL-DAILY')).toMatchObject({ value: '82.7273', numerator: '91', denominator: '110', gap: '17.2727', met: false, reportingUnits: 2 });
      expect(target('EMAIL-DAILY').furthest.slice(0, 2).map((u) => [u.unitCode, u.value])).toEqual([
        ['BN-SGDDT', '10'],
        ['BN-H-YENPHONG', '90'],
      ]);
      expect(target('EMAIL-DAILY').trend).toEqual([
        { year: 2011, half: 1, value: null },
        { year: 2011, half: 2, value: null },
        { year: 2012, half: 1, value: '82.7273' },
      ]);
      // Computers per official: (150 + 60) / (180 + 50).
      expect(target('COMPUTERS-PER-OFFICIAL')).toMatchObject({ value: '0.913', numerator: '210', denominator: '230', met: false });
      // Shares of units: of the 8 districts one has a modern one-stop shop; of the departments none.
      expect(target('ONE-STOP-DISTRICTS')).toMatchObject({ value: '12.5', numerator: '1', denominator: '8', met: false, gap: '87.5' });
      expect(target('ONE-STOP-DEPARTMENTS')).toMatchObject({ target: '60', value: '0', numerator: '0', met: false, gap: '60' });
      expect(target('ONE-STOP-DEPARTMENTS').furthest[0]).toMatchObject({ unitCode: 'BN-SGDDT', reason: 'NOT_MET' });
      const units = (await dof.get('/units').expect(200)).body as { kind: string }[];
      const reporting = units.filter((u) => ['DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE'].includes(u.kind)).length;
      expect(target('LAN-WAN')).toMatchObject({ numerator: '2', denominator: String(reporting), populationUnits: reporting, reportingUnits: 2 });
      // Province values recorded by DIC.
      expect(target('KEY-DATABASES')).toMatchObject({ value: '7', target: '13', gap: '6', met: false });
      expect(target('ICT-INDEX-RANK')).toMatchObject({ value: '12', target: '10', gap: '2', met: false });
      // Nothing was accepted for the second half.
      const second = (await chair.get(`/plan-periods/${PERIOD}/dashboard`).query({ year: YEAR, half: 2 }).expect(200)).body as Dashboard;
      expect(second.targets.find((x) => x.code === 'EMAIL-DAILY')).toMatchObject({ value: null, met: null });
      expect(second.targets.find((x) => x.code === 'EMAIL-DAILY')!.trend.map((p) => p.value)).toEqual([null, null, '82.7273', null]);
      expect(second.execution.total.disbursed).toBe('0');
      // A share of units has no figure either where nobody reported (not a false 0%), now or in the trend.
      expect(second.targets.find((x) => x.code === 'ONE-STOP-DISTRICTS')).toMatchObject({ value: null, numerator: null, gap: null, met: null, reportingUnits: 0 });
      expect(target('ONE-STOP-DISTRICTS').trend.map((p) => p.value)).toEqual([null, null, '12.5']);
    });

    it('execution agrees with the approved lines and the accepted reports to the đồng', async () => {
      const allLines = [...approvedLines.values()].flat();
      const approved = sum(allLines.map((l) => l.approvedAmount!));
      const yp = (await dof.get('/progress-reports').query({ year: YEAR, half: 1, unitId: UNIT_IDS.yenPhong }).expect(200)).body.items[0] as { id: string };
      const edu = (await dof.get('/progress-reports').query({ year: YEAR, half: 1, unitId: UNIT_IDS.education }).expect(200)).body.items[0] as { id: string };
      const reports = await Promise.all([yp.id, edu.id].map(async (id) => (await dof.get(`/progress-reports/${id}`).expect(200)).body as Report));
      const disbursed = sum(reports.flatMap((r) => r.disbursements.map((d) => d.disbursed!)));
      expect(disbursed).toBe('1425200001');
      expect(approved).toBe('4991600000');
      // No adjustment in this year: the decided figures are the current ones.
      expect(dashboard.execution.total).toEqual({ approved, decided: approved, disbursed, percent: '28.55' });
      for (const rows of [dashboard.execution.byUnit, dashboard.execution.byPlanArea, dashboard.execution.byFundingSource, dashboard.execution.byExpenditureType]) {
        expect(sum(rows.map((r) => r.approved))).toBe(approved);
        expect(sum(rows.map((r) => (r as unknown as { decided: string }).decided))).toBe(approved);
        expect(sum(rows.map((r) => r.disbursed))).toBe(disbursed);
      }
      expect(dashboard.execution.byUnit.map((u) => [u.unitCode, u.reportStatus, u.approved, u.disbursed, u.percent])).toEqual([
        ['BN-H-TUSON', 'NONE', '1404000000', '0', '0'],
        ['BN-H-YENPHONG', 'ACCEPTED', '1836800000', '856400001', '46.62'],
        ['BN-SGDDT', 'ACCEPTED', '1750800000', '568800000', '32.49'],
      ]);
      const byType = Object.fromEntries(dashboard.execution.byExpenditureType.map((r) => [r.code, r]));
      const investment = allLines.filter((l) => l.expenditureTypeCode === 'INVESTMENT');
      expect(byType.INVESTMENT.approved).toBe(sum(investment.map((l) => l.approvedAmount!)));
      // The reporting picture: two accepted, Từ Sơn's first half missing, both accepted reports late.
      expect(dashboard.reporting.accepted).toBe(2);
      expect(dashboard.reporting.late.map((r) => r.unitCode).sort()).toEqual(['BN-H-YENPHONG', 'BN-SGDDT']);
      expect(dashboard.reporting.missing).toContainEqual(expect.objectContaining({ unitCode: 'BN-H-TUSON', status: 'NONE', late: true }));
      expect(dashboard.reporting.missing).toHaveLength(dashboard.reporting.expected - 2);

      // The open data's executed phase says the same, to the đồng, without sign-in.
      const csv = (await request(t.http).get(`/open-data/${YEAR}/budget-lines.csv`).expect(200)).text;
      const [header, ...records] = csv.trim().split('\r\n');
      const columns = header.split(',');
      const phaseAt = columns.indexOf('phase');
      const amountAt = columns.indexOf('amount');
      // The amount is the last column and never quoted; the phase has no comma before it.
      const executed = records.filter((r) => r.split(',')[phaseAt] === 'executed').map((r) => BigInt(r.split(',').slice(-1)[0]));
      expect(amountAt).toBe(columns.length - 1);
      expect(sum(executed.map((amount) => amount.toString()))).toBe(disbursed);
    });

    it('the chair’s workbook shows the same figures, to the đồng', async () => {
      const response = await chair.get(`/plan-periods/${PERIOD}/progress-report.xlsx`).query({ year: YEAR, half: 1 }).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['TongHop', 'MucTieu', 'TheoDonVi', 'TheoLinhVuc', 'TheoNguon', 'TheoLoaiChi', 'BaoCao']);

      const rows = (name: string) => {
        const sheet = workbook.getWorksheet(name)!;
        const out: ExcelJS.Row[] = [];
        for (let r = 4; r <= sheet.rowCount; r++) out.push(sheet.getRow(r));
        return out;
      };
      const totalRow = (name: string) => rows(name).find((r) => r.getCell(1).value === 'TỔNG CỘNG / TOTAL')!;

      const byUnit = rows('TheoDonVi').filter((r) => r.getCell(1).value !== 'TỔNG CỘNG / TOTAL');
      expect(byUnit.map((r) => [r.getCell(1).value, moneyCell(r.getCell(4).value), moneyCell(r.getCell(5).value), r.getCell(6).value])).toEqual(
        dashboard.execution.byUnit.map((u) => [u.unitCode, u.approved, u.disbursed, u.percent]),
      );
      const unitTotal = totalRow('TheoDonVi');
      expect([moneyCell(unitTotal.getCell(4).value), moneyCell(unitTotal.getCell(5).value), unitTotal.getCell(6).value]).toEqual([
        dashboard.execution.total.approved,
        dashboard.execution.total.disbursed,
        dashboard.execution.total.percent,
      ]);
      for (const [sheet, groups] of [
        ['TheoLinhVuc', dashboard.execution.byPlanArea],
        ['TheoNguon', dashboard.execution.byFundingSource],
        ['TheoLoaiChi', dashboard.execution.byExpenditureType],
      ] as const) {
        const data = rows(sheet).filter((r) => r.getCell(1).value !== 'TỔNG CỘNG / TOTAL');
        expect(data.map((r) => [r.getCell(1).value, moneyCell(r.getCell(3).value), moneyCell(r.getCell(4).value), r.getCell(5).value])).toEqual(
          groups.map((g) => [g.code, g.approved, g.disbursed, g.percent]),
        );
        expect([moneyCell(totalRow(sheet).getCell(3).value), moneyCell(totalRow(sheet).getCell(4).value)]).toEqual([dashboard.execution.total.approved, dashboard.execution.total.disbursed]);
      }

      const targets = rows('MucTieu');
      expect(targets.map((r) => r.getCell(1).value)).toEqual(dashboard.targets.map((x) => x.code));
      const email = targets.find((r) => r.getCell(1).value === 'EMAIL-DAILY')!;
      expect([email.getCell(6).value, moneyCell(email.getCell(7).value), moneyCell(email.getCell(8).value), email.getCell(9).value]).toEqual(['82.7273', '91', '110', '17.2727']);

      const listed = rows('BaoCao').map((r) => [r.getCell(1).value, r.getCell(2).value]);
      expect(listed).toContainEqual(['Chưa được chấp nhận / Not accepted', 'BN-H-TUSON']);
      expect(listed).toContainEqual(['Nộp muộn / Late', 'BN-H-YENPHONG']);
      expect(listed.filter(([kind]) => kind === 'Chưa được chấp nhận / Not accepted')).toHaveLength(dashboard.reporting.missing.length);
    });
  });
});
