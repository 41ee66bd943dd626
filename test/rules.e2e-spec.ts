// Issue 14, step 2: rules with a legal source and a period. The rules in force differ between 2012
// and 2021 as the law does; the recurrent-IT thresholds flag a line whose kind its total does not allow.
import { lineBody, OFFICER_OF, SEEDED } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface RuleInForce {
  code: string;
  fromYear: number;
  toYear: number | null;
  source: { document: string; article: string; verified: boolean };
  parameters: Record<string, string>;
  policy: string;
}
interface RuleResult {
  code: string;
  passed: boolean;
  severity: string;
  violations: { subject: string; message: string }[];
  period: RuleInForce;
}
interface RulesView {
  year: number;
  rules: RuleInForce[];
  results: RuleResult[];
}

describe('budget rules by year, with their legal source (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await (await t.as('admin')).post('/fiscal-years').send({ year: 2021, planPeriod: '2021-2025' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers for 2012 and 2021 the rules in force then, each with its source, years and parameters', async () => {
    const dof = await t.as('dof.officer');
    const y2012 = (await dof.get('/fiscal-years/2012/rules').expect(200)).body as RulesView;
    const y2021 = (await dof.get('/fiscal-years/2021/rules').expect(200)).body as RulesView;
    expect(y2012.rules.map((r) => r.code)).toEqual(['IT_FLOOR', 'DISTRICT_IT_LINE', 'PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);
    expect(y2021.rules.map((r) => r.code)).toEqual(['PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);
    for (const rule of [...y2012.rules, ...y2021.rules]) {
      expect(rule.source.document.length).toBeGreaterThan(0);
      expect(typeof rule.source.verified).toBe('boolean');
      expect(rule.fromYear).toBeLessThanOrEqual(2012 + (rule.toYear === null ? 9 : 0));
    }
    const floor = y2012.rules.find((r) => r.code === 'IT_FLOOR')!;
    expect(floor).toMatchObject({ fromYear: 2011, toYear: 2015, source: { document: expect.stringContaining('14/2011/QĐ-UBND'), article: 'mục IV.2' } });
    const thresholds2012 = y2012.rules.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!;
    const thresholds2021 = y2021.rules.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!;
    expect(thresholds2012.source.document).toBe('Nghị định 102/2009/NĐ-CP');
    expect(thresholds2021.source).toMatchObject({ document: 'Nghị định 73/2019/NĐ-CP', article: 'Điều 51' });
    expect(thresholds2021.parameters).toEqual({ simpleMax: '200000000', projectAbove: '15000000000' });
    // Each result names the period it was checked under.
    expect(y2021.results.map((r) => [r.code, r.period.source.document])).toEqual([
      ['PROJECT_CONTINGENCY', expect.any(String)],
      ['RECURRENT_IT_THRESHOLDS', 'Nghị định 73/2019/NĐ-CP'],
    ]);
  });

  it('flags a recurrent line whose kind does not match its total, citing the article of the year', async () => {
    const officer = await t.as(OFFICER_OF[SEEDED.yenPhong]);
    const estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2021 }).expect(201)).body as { id: string; version: number };
    // 300 million for a simple purchase: above 200 million it needs an outline and a detailed estimate.
    const simple = { expenditureTypeCode: 'RECURRENT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '300000000' };
    let view = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(simple), version: estimate.version }).expect(201)).body as { version: number; lines: { id: string }[] };
    // A detailed task at exactly 200 million is allowed (a heavier procedure is no breach); 200 million as a simple purchase too.
    view = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ ...simple, unitPrice: '200000000' }), version: view.version }).expect(201)).body;
    view = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ ...simple, activityKindCode: 'TASK_DETAILED', unitPrice: '200000000' }), version: view.version }).expect(201)).body;
    // The multi-year total decides: 5 billion a year over a 16-billion task must be a project.
    view = (await officer
      .post(`/estimates/${estimate.id}/lines`)
      .send({ ...lineBody({ ...simple, activityKindCode: 'TASK_DETAILED', unitPrice: '5000000000', multiYearTotal: '16000000000' }), version: view.version })
      .expect(201)).body;
    const flaggedIds = [view.lines[0].id, view.lines[3].id];

    const rules = (await (await t.as('dof.officer')).get('/fiscal-years/2021/rules').expect(200)).body as RulesView;
    const thresholds = rules.results.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!;
    expect(thresholds).toMatchObject({ passed: false, severity: 'WARNING' });
    expect(thresholds.violations.map((v) => v.subject)).toEqual(flaggedIds);
    expect(thresholds.violations[0].message).toContain('Nghị định 73/2019/NĐ-CP, Điều 51');
    // Said as officials read it: the unit's name and the line's number, the amount grouped, the kinds in words (no codes).
    expect(thresholds.violations[0].message).toMatch(
      /^UBND huyện Yên Phong, dòng 1: tổng mức 300\.000\.000 đồng phải là nhiệm vụ có đề cương và dự toán chi tiết, đang ghi là mua sắm đơn giản .* \/ Yen Phong district People's Committee, line 1: a total of 300\.000\.000 đồng must be a task with an outline and detailed estimate, not a simple purchase/,
    );
    expect(thresholds.violations[1].message).toMatch(/^UBND huyện Yên Phong, dòng 4: tổng mức 16\.000\.000\.000 đồng phải là dự án đầu tư, đang ghi là nhiệm vụ có đề cương/);
    for (const violation of thresholds.violations) expect(violation.message).not.toMatch(/TASK_|PROJECT|BN-H-/);
  });
  it('has no floor in 2021, past the plan’s floor rule, until DOF sets a ratio for the year; then the year’s policy holds it', async () => {
    const dof = await t.as('dof.officer');
    interface FloorView {
      floorRatio: string;
      floorPolicy: string;
      requirement: { required: boolean; basis: string; source: string | null; message: string };
      floorAmount: string | null;
      compliant: boolean | null;
      shortfall: string | null;
      topUp: unknown;
    }
    const year = (await dof.get('/fiscal-years/2021').expect(200)).body as { version: number; floorRatio: string; floorPolicy: string };
    expect(year).toMatchObject({ floorRatio: '0', floorPolicy: 'WARN' });
    // A total set: the floor is 0 đồng and met, and the answer says why there is none.
    const withTotal = (await dof.patch('/fiscal-years/2021').send({ version: year.version, totalLocalExpenditure: '10000000000000', reason: 'Dự toán chi NSĐP 2021' }).expect(200)).body as { version: number };
    let floor = (await dof.get('/fiscal-years/2021/floor').expect(200)).body as FloorView;
    expect(floor).toMatchObject({ requirement: { required: false, basis: 'NONE', source: null }, floorAmount: '0', compliant: true, shortfall: '0', topUp: null });
    expect(floor.requirement.message).toMatch(/^Năm 2021 ngoài kỳ của quy định mức sàn \(Quyết định 14\/2011\/QĐ-UBND.*2011–2015\).*không có yêu cầu mức sàn \/ 2021 is outside/);
    let rules = (await dof.get('/fiscal-years/2021/rules').expect(200)).body as RulesView;
    expect(rules.rules.map((r) => r.code)).not.toContain('IT_FLOOR');

    // DOF sets 1% under STOP for the year: the floor is the year's setting, blocking when short.
    await dof.patch('/fiscal-years/2021').send({ version: withTotal.version, floorRatio: '0.01', floorPolicy: 'STOP', reason: 'UBND tỉnh giữ mức sàn 1% cho kế hoạch 2021–2025' }).expect(200);
    floor = (await dof.get('/fiscal-years/2021/floor').expect(200)).body as FloorView;
    expect(floor).toMatchObject({ requirement: { required: true, basis: 'YEAR_SETTING', source: null }, floorAmount: '100000000000', compliant: false });
    rules = (await dof.get('/fiscal-years/2021/rules').expect(200)).body as RulesView;
    expect(rules.rules.find((r) => r.code === 'IT_FLOOR')).toMatchObject({ fromYear: 2021, toYear: 2021, policy: 'YEAR_SETTING', parameters: { floorRatio: '0.01' } });
    expect(rules.results.find((r) => r.code === 'IT_FLOOR')).toMatchObject({ passed: false, severity: 'BLOCKING' });
  });
});
