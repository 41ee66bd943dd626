import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  amount: string;
  approvedAmount: string | null;
  planAreaCode: string;
  dicOpinion: string | null;
  designAgreed: boolean | null;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  submittedLate: boolean;
  returnComment: string | null;
  lines: Line[];
}

const YEAR = 2013;

describe('the budget cycle end to end (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client, chair: Client, auditor: Client;
  let estimate: Estimate;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi, chair, auditor] = await Promise.all(
      ['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer', 'chair', 'auditor'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const reload = async (): Promise<Estimate> => (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
  const addLine = async (overrides: Record<string, unknown>) => {
    estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
    return estimate.lines[estimate.lines.length - 1];
  };

  let recurrent: Line, ownLine: Line, project: Line;

  it('a district drafts, and cannot submit without its own IT line', async () => {
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    recurrent = await addLine({ expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'PROVINCIAL', activityKindCode: 'SERVICE_RENTAL', quantity: '12', unitPrice: '5000000' });

    const refused = await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(409);
    expect(refused.body.code).toBe('DISTRICT_IT_LINE_MISSING');
    expect(refused.body.message).toMatch(/ngân sách huyện/);
    expect(refused.body.message).toMatch(/district's own budget/);
    expect((await reload()).status).toBe('DRAFT');
  });

  it('only the unit head submits; a late submission is flagged', async () => {
    ownLine = await addLine({ expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '80000000' });
    project = await addLine({
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      quantity: '1',
      unitPrice: '900000000',
      committedMinimum: '100000000',
    });
    await officer.post(`/estimates/${estimate.id}/submit`).send({}).expect(403);

    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({ version: estimate.version }).expect(200)).body as Estimate;
    expect(estimate.status).toBe('SUBMITTED');
    // The seeded 2013 deadline (2012-07-20) is long past and the year's policy is FLAG.
    expect(estimate.submittedLate).toBe(true);
    const locked = await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(), version: estimate.version }).expect(409);
    expect(locked.body.code).toBe('NOT_EDITABLE');
  });

  it('a reviewer returns it with a comment; the unit fixes and resubmits', async () => {
    await dic.post(`/estimates/${estimate.id}/return`).send({}).expect(400);
    estimate = (await dic.post(`/estimates/${estimate.id}/return`).send({ comment: 'Thuyết minh chưa rõ số lượng' }).expect(200)).body as Estimate;
    expect(estimate).toMatchObject({ status: 'RETURNED', returnComment: 'Thuyết minh chưa rõ số lượng' });

    estimate = (
      await officer
        .patch(`/estimates/${estimate.id}/lines/${recurrent.id}`)
        .send({ quantity: '10', justification: 'Thuê 10 tháng', version: estimate.version })
        .expect(200)
    ).body as Estimate;
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    expect(estimate).toMatchObject({ status: 'SUBMITTED', returnComment: null });
  });

  it('DIC reviews; DPI may fund a project only after DIC agrees to its preliminary design', async () => {
    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({
          version: estimate.version,
          opinions: [
            { lineId: recurrent.id, opinion: 'AGREE' },
            { lineId: project.id, opinion: 'AGREE_WITH_CHANGES', note: 'Cần điều chỉnh cấu hình máy chủ', designAgreed: false },
          ],
        })
        .expect(200)
    ).body as Estimate;
    expect(estimate.lines.find((l) => l.id === project.id)).toMatchObject({ dicOpinion: 'AGREE_WITH_CHANGES', designAgreed: false });

    const notAProject = await dic
      .post(`/estimates/${estimate.id}/review`)
      .send({ version: estimate.version, opinions: [{ lineId: recurrent.id, opinion: 'AGREE', designAgreed: true }] })
      .expect(400);
    expect(notAProject.body.details[0].field).toBe('opinions[0].designAgreed');

    const early = await dpi
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '800000000' }] })
      .expect(409);
    expect(early.body.code).toBe('DESIGN_NOT_AGREED');
    // DOF balances recurrent lines only.
    await dof
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '0' }] })
      .expect(403);

    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({ version: estimate.version, opinions: [{ lineId: project.id, opinion: 'AGREE', designAgreed: true }] })
        .expect(200)
    ).body as Estimate;
    const above = await dpi
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '900000001' }] })
      .expect(400);
    expect(above.body.details[0]).toMatchObject({ field: 'lines[0].approvedAmount', code: 'APPROVED_ABOVE_REQUEST' });
    estimate = (
      await dpi
        .post(`/estimates/${estimate.id}/balance`)
        .send({ version: estimate.version, lines: [{ lineId: project.id, approvedAmount: '800000000' }] })
        .expect(200)
    ).body as Estimate;
    expect(estimate.status).toBe('SUBMITTED');
  });

  it('DOF balances the recurrent lines and the estimate becomes BALANCED; of two balancings on one version exactly one wins', async () => {
    const version = estimate.version;
    const balancings = await Promise.all(
      [1, 2].map(() =>
        dof.post(`/estimates/${estimate.id}/balance`).send({
          version,
          lines: [
            { lineId: recurrent.id, approvedAmount: '45000000' },
            { lineId: ownLine.id, approvedAmount: '80000000' },
          ],
        }),
      ),
    );
    expect(balancings.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(balancings.find((r) => r.status === 409)!.body.code).toBe('STALE_VERSION');
    estimate = balancings.find((r) => r.status === 200)!.body as Estimate;
    expect(estimate.status).toBe('BALANCED');
    expect(estimate.version).toBeGreaterThan(version);
    expect(estimate.lines.map((l) => l.approvedAmount)).toEqual(['45000000', '80000000', '800000000']);
    // The status change stamped when it became BALANCED, and the stored row is the one answered.
    const [row] = await t.dataSource.query<{ status: string; version: number; balanced: boolean }[]>(
      'SELECT status, version, balanced_at IS NOT NULL AS balanced FROM estimates WHERE id = $1',
      [estimate.id],
    );
    expect(row).toEqual({ status: 'BALANCED', version: estimate.version, balanced: true });
  });

  it('the consolidated budget needs every estimate balanced or excluded with a reason', async () => {
    const tuson = await t.as('tuson.officer');
    const other = (await tuson.post('/estimates').send({ unitId: SEEDED.tuSon, year: YEAR }).expect(201)).body as Estimate;

    const notReady = await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(409);
    expect(notReady.body.code).toBe('BUDGET_NOT_READY');
    expect(notReady.body.message).toContain('BN-H-TUSON');

    await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: other.id }).expect(400);
    await dof.post(`/fiscal-years/${YEAR}/budget/exclusions`).send({ estimateId: other.id, reason: 'Chưa nộp dự toán đúng hạn' }).expect(201);

    // Under STOP the 1% floor blocks the submission, naming the shortfall (IT 925,000,000 against
    // a floor of 1% × 8,410,000,000,000 = 84,100,000,000).
    const short = await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(409);
    expect(short.body.code).toBe('IT_FLOOR');
    expect(short.body.message).toContain('83.175.000.000 đồng');
    const year = (await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number };
    await dof.patch(`/fiscal-years/${YEAR}`).send({ floorPolicy: 'WARN', reason: 'Cho phép trình khi chưa đạt mức sàn', version: year.version }).expect(200);

    const submitted = await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    expect((submitted.body.warnings as string[])[0]).toContain('83.175.000.000 đồng');
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', totals: { requested: '1030000000', approved: '925000000', included: 1, excluded: 1 } });
    // Districts with no estimate are carried as warnings; Từ Sơn's estimate has no own IT line.
    expect(submitted.body.warnings.length).toBeGreaterThanOrEqual(6);
    expect((submitted.body.warnings as string[]).some((w) => w.includes('Từ Sơn') && w.includes('no own IT line'))).toBe(true);

    // While the chair holds it, DOF cannot rebalance.
    const locked = await dof
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '1' }] })
      .expect(409);
    expect(locked.body.code).toBe('BUDGET_LOCKED');
  });

  it('the chair approves with a decision number and date; the estimate is locked', async () => {
    await dof.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: '1/QĐ', decisionDate: '2012-12-20' }).expect(403);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionDate: '2012-12-20' }).expect(400);
    const approved = await chair
      .post(`/fiscal-years/${YEAR}/budget/approve`)
      .send({ decisionNumber: '2345/QĐ-UBND', decisionDate: '2012-12-20' })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decisionNumber: '2345/QĐ-UBND', decisionDate: '2012-12-20' });

    estimate = await reload();
    expect(estimate.status).toBe('APPROVED');
    await officer.patch(`/estimates/${estimate.id}/lines/${recurrent.id}`).send({ quantity: '11', version: estimate.version }).expect(409);
    await dof.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: recurrent.id, approvedAmount: '1' }] }).expect(409);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: 'again', decisionDate: '2012-12-21' }).expect(409);
  });

  it('after approval a figure changes only through a recorded adjustment with a reason', async () => {
    await dof.post(`/estimates/${estimate.id}/adjustments`).send({ lineId: recurrent.id, approvedAmount: '40000000', version: estimate.version }).expect(400);
    await dpi
      .post(`/estimates/${estimate.id}/adjustments`)
      .send({ lineId: recurrent.id, approvedAmount: '40000000', reason: 'x', version: estimate.version })
      .expect(403);
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/adjustments`)
        .send({ lineId: recurrent.id, approvedAmount: '40000000', reason: 'Điều chỉnh theo QĐ bổ sung', version: estimate.version })
        .expect(201)
    ).body as Estimate;
    expect(estimate.lines.find((l) => l.id === recurrent.id)?.approvedAmount).toBe('40000000');
    const adjustments = (await officer.get(`/estimates/${estimate.id}/adjustments`).expect(200)).body as Record<string, string>[];
    expect(adjustments).toEqual([
      expect.objectContaining({ lineId: recurrent.id, beforeAmount: '45000000', afterAmount: '40000000', reason: 'Điều chỉnh theo QĐ bổ sung', actorName: 'dof.officer' }),
    ]);
    // The budget counts it on the estimate's own entry, beside the total, and names who decided.
    const budget = (await dof.get(`/fiscal-years/${YEAR}/budget`).expect(200)).body as {
      approvedByName: string | null;
      totals: { adjustments: number; approved: string; adjusted: string | null };
      estimates: { estimateId: string; adjustments: number }[];
      planAreas: { planAreaCode: string; requested: string; approved: string; adjusted: string | null }[];
    };
    expect(budget.estimates.find((e) => e.estimateId === estimate.id)?.adjustments).toBe(1);
    expect(budget.estimates.reduce((n, e) => n + e.adjustments, 0)).toBe(budget.totals.adjustments);
    // By plan area too, "approved" stays as decided and the adjusted figure is apart: the same
    // two figures as the totals, never one mixed with the other.
    const sum = (values: (string | null)[]) => values.reduce((n, v) => n + BigInt(v ?? '0'), 0n).toString();
    expect(sum(budget.planAreas.map((a) => a.approved))).toBe(budget.totals.approved);
    expect(sum(budget.planAreas.map((a) => a.adjusted))).toBe(budget.totals.adjusted);
    const area = budget.planAreas.find((a) => a.planAreaCode === estimate.lines.find((l) => l.id === recurrent.id)?.planAreaCode);
    expect(BigInt(area!.approved) - BigInt(area!.adjusted!)).toBe(5000000n);
    expect(budget.approvedByName).toEqual(expect.any(String));
  });

  it('every step is in the audit trail, and the chain verifies', async () => {
    const events = (await auditor.get('/audit').query({ entityType: 'estimate', entityId: estimate.id }).expect(200)).body.items as {
      action: string;
      actorName: string;
      reason: string | null;
    }[];
    expect(events.map((e) => `${e.action}:${e.actorName}`)).toEqual([
      'estimate.create:yenphong.officer',
      'estimate.submit:yenphong.head',
      'estimate.return:dic.reviewer',
      'estimate.submit:yenphong.head',
      'estimate.balanced:dof.officer',
      'estimate.approve:chair',
    ]);
    expect(events[2]?.reason).toBe('Thuyết minh chưa rõ số lượng');
    const lineEvents = (await auditor.get('/audit').query({ entityType: 'estimate_line', entityId: recurrent.id }).expect(200)).body.items as {
      action: string;
    }[];
    expect(lineEvents.map((e) => e.action)).toEqual(['line.create', 'line.update', 'line.review', 'line.balance', 'line.adjust']);
    const verified = await auditor.get('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ valid: true, firstBreak: null });
    expect(verified.body.checked).toBeGreaterThan(15);
    // Each budget decision is anchored by a signed checkpoint right after its event.
    const checkpoints = (await auditor.get('/audit/checkpoints').query({ limit: 1000 }).expect(200)).body.items as { reason: string }[];
    expect(checkpoints.map((c) => c.reason)).toEqual(expect.arrayContaining(['budget.submit', 'budget.approve', 'line.adjust']));
  });

  describe('the calendar and the district view', () => {
    const setYear = async (year: number, changes: Record<string, unknown>) => {
      const current = (await dof.get(`/fiscal-years/${year}`).expect(200)).body as { version: number };
      await dof.patch(`/fiscal-years/${year}`).send({ ...changes, version: current.version }).expect(200);
    };
    const draftFor = async (client: Client, unitId: string, year: number) => {
      const created = (await client.post('/estimates').send({ unitId, year }).expect(201)).body as Estimate;
      return (await client.post(`/estimates/${created.id}/lines`).send({ ...lineBody(), version: created.version }).expect(201)).body as Estimate;
    };

    it('refuses a late submission where the year says so, and changes nothing', async () => {
      await setYear(2014, { lateSubmissionPolicy: 'REFUSE' });
      const draft = await draftFor(officer, SEEDED.yenPhong, 2014);
      const refused = await head.post(`/estimates/${draft.id}/submit`).send({}).expect(409);
      expect(refused.body.code).toBe('SUBMISSION_CLOSED');
      expect(refused.body.message).toContain('2013-07-20');
      expect((await officer.get(`/estimates/${draft.id}`).expect(200)).body).toMatchObject({ status: 'DRAFT', version: draft.version });
    });

    it('does not flag a submission made before the deadline', async () => {
      // A deadline still ahead: the API keeps a year's deadlines near the year (2014–2016 for 2015),
      // all past by now, so the test moves the clock's other side, the stored deadlines, directly.
      await t.dataSource.query(`UPDATE fiscal_years SET submission_deadline = '2099-07-20', balancing_deadline = '2099-09-30', committee_deadline = '2099-12-10' WHERE year = 2015`);
      const draft = await draftFor(officer, SEEDED.yenPhong, 2015);
      const submitted = (await head.post(`/estimates/${draft.id}/submit`).send({}).expect(200)).body as Estimate;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedLate: false });
    });

    it('lists the districts with no estimate or no own IT line', async () => {
      const view = (await dof.get(`/fiscal-years/${YEAR}/districts`).expect(200)).body as {
        districts: { unitCode: string; hasEstimate: boolean; hasOwnItLine: boolean; ownItAmount: string }[];
        missingEstimate: string[];
        missingOwnItLine: string[];
      };
      expect(view.districts).toHaveLength(8);
      expect(view.districts.find((d) => d.unitCode === 'BN-H-YENPHONG')).toMatchObject({ hasEstimate: true, hasOwnItLine: true, ownItAmount: '980000000' });
      expect(view.missingOwnItLine).toEqual(['BN-H-TUSON']);
      expect(view.missingEstimate).toHaveLength(6);
      expect(view.missingEstimate).not.toContain('BN-H-YENPHONG');
    });
  });
});
