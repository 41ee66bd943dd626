import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  approvedAmount: string | null;
  dicOpinion: string | null;
  designAgreed: boolean | null;
  expenditureTypeCode: string;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: Line[];
}

const YEAR = 2014;

// The less travelled paths of the cycle: withdrawals, returns after balancing, the chair's return,
// re-included estimates, frozen floor settings, and adjustments held to the floor.
describe('the budget cycle’s edges (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client, chair: Client;
  let estimate: Estimate;
  let recurrent: Line, project: Line;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi, chair] = await Promise.all(
      ['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer', 'chair'].map((u) => t.as(u)),
    );
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    for (const overrides of [
      { expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '300000000' },
      { expenditureTypeCode: 'INVESTMENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'PROJECT', quantity: '1', unitPrice: '700000000' },
    ]) {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
    }
    [recurrent, project] = estimate.lines as [Line, Line];
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
  });
  afterAll(async () => {
    await t.close();
  });

  const reload = async () => (estimate = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate);
  const yearVersion = async () => ((await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number }).version;

  it('DIC cannot withdraw its design agreement once DPI funded the project', async () => {
    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({ version: estimate.version, opinions: [{ lineId: project.id, opinion: 'AGREE', designAgreed: true }] })
        .expect(200)
    ).body as Estimate;
    estimate = (await dpi.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '600000000' }] }).expect(200))
      .body as Estimate;
    const withdrawn = await dic
      .post(`/estimates/${estimate.id}/review`)
      .send({ version: estimate.version, opinions: [{ lineId: project.id, opinion: 'DISAGREE', designAgreed: false }] })
      .expect(409);
    expect(withdrawn.body.code).toBe('DESIGN_FUNDED');
    expect((await reload()).lines.find((l) => l.id === project.id)).toMatchObject({ designAgreed: true, approvedAmount: '600000000' });
  });

  it('a return after balancing clears the approved amounts; a changed line loses its review', async () => {
    estimate = (await dof.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '250000000' }] }).expect(200))
      .body as Estimate;
    expect(estimate.status).toBe('BALANCED');
    estimate = (await dof.post(`/estimates/${estimate.id}/return`).send({ comment: 'Cần giảm quy mô' }).expect(200)).body as Estimate;
    expect(estimate.status).toBe('RETURNED');
    expect(estimate.lines.map((l) => l.approvedAmount)).toEqual([null, null]);
    // The DIC opinion on an unchanged line stays; a changed line starts over.
    expect(estimate.lines.find((l) => l.id === project.id)?.designAgreed).toBe(true);
    estimate = (await officer.patch(`/estimates/${estimate.id}/lines/${project.id}`).send({ unitPrice: '650000000', version: estimate.version }).expect(200)).body as Estimate;
    expect(estimate.lines.find((l) => l.id === project.id)).toMatchObject({ dicOpinion: null, designAgreed: null, approvedAmount: null });
    const events = (await (await t.as('auditor')).get('/audit').query({ entityType: 'estimate', entityId: estimate.id }).expect(200)).body.items as { action: string }[];
    expect(events.map((e) => e.action)).toContain('estimate.approved_cleared');
  });

  it('a retry with the same Idempotency-Key but another body is refused', async () => {
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).set('Idempotency-Key', 'yp-2014-submit').send({}).expect(200)).body as Estimate;
    const other = await head.post(`/estimates/${estimate.id}/submit`).set('Idempotency-Key', 'yp-2014-submit').send({ version: 1 }).expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const same = await head.post(`/estimates/${estimate.id}/submit`).set('Idempotency-Key', 'yp-2014-submit').send({}).expect(200);
    expect((same.body as Estimate).version).toBe(estimate.version);
  });

  it('the chair returns the budget; a re-included estimate must be balanced again; floor settings freeze while the chair holds it', async () => {
    estimate = (
      await dic.post(`/estimates/${estimate.id}/review`).send({ version: estimate.version, opinions: [{ lineId: project.id, opinion: 'AGREE', designAgreed: true }] }).expect(200)
    ).body as Estimate;
    estimate = (await dpi.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '650000000' }] }).expect(200))
      .body as Estimate;
    estimate = (await dof.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '250000000' }] }).expect(200))
      .body as Estimate;
    expect(estimate.status).toBe('BALANCED');

    const tuson = (await (await t.as('tuson.officer')).post('/estimates').send({ unitId: SEEDED.tuSon, year: YEAR }).expect(201)).body as Estimate;
    await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: tuson.id, reason: 'Chưa nộp' }).expect(201);
    await dof.delete(`/fiscal-years/${YEAR}/budget/exclusions/${tuson.id}`).expect(200);
    expect((await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(409)).body.code).toBe('BUDGET_NOT_READY');
    await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: tuson.id, reason: 'Chưa nộp' }).expect(201);
    await dof.delete(`/fiscal-years/${YEAR}/budget/exclusions/${estimate.id}`).expect(404);

    // The floor exactly met: 1% of 90,000,000,000 = 900,000,000 = 250,000,000 + 650,000,000.
    await dof.patch(`/fiscal-years/${YEAR}`).send({ totalLocalExpenditure: '90000000000', floorPolicy: 'STOP', reason: 'Số liệu dự toán chi ngân sách địa phương', version: await yearVersion() }).expect(200);
    const submitted = (await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200)).body as { status: string; version: number };
    expect(submitted.status).toBe('SUBMITTED');
    const frozen = await dof.patch(`/fiscal-years/${YEAR}`).send({ totalLocalExpenditure: '1', reason: 'Thử đổi sau khi trình', version: await yearVersion() }).expect(409);
    expect(frozen.body.code).toBe('BUDGET_LOCKED');
    // The calendar is not frozen.
    await dof.patch(`/fiscal-years/${YEAR}`).send({ committeeDeadline: '2013-12-20', version: await yearVersion() }).expect(200);

    await chair.post(`/fiscal-years/${YEAR}/budget/return`).send({}).expect(400);
    const returned = (await chair.post(`/fiscal-years/${YEAR}/budget/return`).send({ comment: 'Bổ sung thuyết minh' }).expect(200)).body as { status: string; returnComment: string };
    expect(returned).toMatchObject({ status: 'RETURNED', returnComment: 'Bổ sung thuyết minh' });
    await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: 'now()', decisionDate: '2013-12-25' }).expect(200);
    const budget = (await dof.get(`/fiscal-years/${YEAR}/budget`).expect(200)).body as { status: string; decisionNumber: string };
    // Text is stored as typed, never taken for SQL.
    expect(budget).toMatchObject({ status: 'APPROVED', decisionNumber: 'now()' });
  });

  it('holds an approved budget to the floor under STOP: an adjustment below it is refused', async () => {
    await reload();
    const consolidation = (await dof.get(`/fiscal-years/${YEAR}/consolidation`).expect(200)).body as { floor: { compliant: boolean; warning: string | null } };
    expect(consolidation.floor).toMatchObject({ compliant: true, warning: null });
    const breach = await dof
      .post(`/estimates/${estimate.id}/adjustments`)
      .send({ lineId: recurrent.id, approvedAmount: '249999999', reason: 'Cắt giảm', version: estimate.version })
      .expect(409);
    expect(breach.body.code).toBe('FLOOR_BREACH');
    expect((await reload()).lines.find((l) => l.id === recurrent.id)?.approvedAmount).toBe('250000000');
    await dof
      .post(`/estimates/${estimate.id}/adjustments`)
      .send({ lineId: recurrent.id, approvedAmount: '260000000', reason: 'Bổ sung', version: estimate.version })
      .expect(201);
  });
});
