import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  amount: string;
  approvedAmount: string | null;
  fundingSourceCode: string;
}
interface Estimate {
  id: string;
  unitId: string;
  status: string;
  version: number;
  lines: Line[];
}
interface Response {
  status: number;
  body: { code?: string };
}

const LINE = 100_000_000n;

// A rule read over many rows holds whatever the interleaving of the writes that can change it
// (src/database/year-lock.ts): N writes that each pass alone cannot break it together, the losers
// get the rule's 409 and leave nothing behind.
describe('year-wide rules under concurrent writes (e2e)', () => {
  let t: TestApp;
  let dof: Client, chair: Client;
  const officerOf = new Map<string, Client>();
  const headOf = new Map<string, Client>();
  let unitsYp: string[], unitsTs: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const [ypOfficer, ypHead, tsOfficer, tsHead] = await Promise.all(['yenphong.officer', 'yenphong.head', 'tuson.officer', 'tuson.head'].map((u) => t.as(u)));
    [dof, chair] = await Promise.all(['dof.officer', 'chair'].map((u) => t.as(u)));
    const family = async (district: string) =>
      [district, ...(await t.dataSource.query<{ id: string }[]>('SELECT id FROM units WHERE parent_id = $1 ORDER BY code', [district])).map((r) => r.id)];
    unitsYp = await family(SEEDED.yenPhong);
    unitsTs = await family(SEEDED.tuSon);
    for (const [units, officer, head] of [
      [unitsYp, ypOfficer, ypHead],
      [unitsTs, tsOfficer, tsHead],
    ] as const) {
      for (const id of units) {
        officerOf.set(id, officer);
        headOf.set(id, head);
      }
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const isDistrict = (unitId: string) => unitId === SEEDED.yenPhong || unitId === SEEDED.tuSon;

  /** An estimate of `lines` recurrent lines of 100,000,000 each, submitted and balanced in full by DOF. */
  async function balancedEstimate(unitId: string, year: number, lines: number): Promise<Estimate> {
    const officer = officerOf.get(unitId)!;
    let estimate = (await officer.post('/estimates').send({ unitId, year }).expect(201)).body as Estimate;
    for (let i = 0; i < lines; i++) {
      const body = lineBody({
        expenditureTypeCode: 'RECURRENT',
        activityKindCode: 'TASK_SIMPLE',
        fundingSourceCode: isDistrict(unitId) ? 'DISTRICT' : 'COMMUNE',
        quantity: '1',
        unitPrice: LINE.toString(),
        description: `Duy trì hệ thống ${i + 1}`,
      });
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...body, version: estimate.version }).expect(201)).body as Estimate;
    }
    estimate = (await headOf.get(unitId)!.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    return (
      await dof
        .post(`/estimates/${estimate.id}/balance`)
        .send({ version: estimate.version, lines: estimate.lines.map((l) => ({ lineId: l.id, approvedAmount: l.amount })) })
        .expect(200)
    ).body as Estimate;
  }

  async function setFloor(year: number, changes: Record<string, unknown>): Promise<void> {
    const current = (await dof.get(`/fiscal-years/${year}`).expect(200)).body as { version: number };
    await dof
      .patch(`/fiscal-years/${year}`)
      .send({ ...changes, reason: 'Số liệu kiểm thử / test figures', version: current.version })
      .expect(200);
  }

  const floorOf = async (year: number) =>
    (await dof.get(`/fiscal-years/${year}/floor`).expect(200)).body as { itTotal: string; floorAmount: string; compliant: boolean; floorPolicy: string };
  const budgetOf = async (year: number) => (await dof.get(`/fiscal-years/${year}/budget`).expect(200)).body as { status: string; estimates: { status: string; excluded: boolean }[] };
  const count = async (sql: string, params: unknown[]) => (await t.dataSource.query<[{ n: number }]>(sql, params))[0].n;
  const codes = (responses: readonly Response[]) => responses.filter((r) => r.status !== 200 && r.status !== 201).map((r) => `${r.status} ${r.body.code}`);

  it('20 concurrent adjustment cuts under STOP: the floor still holds, two win, the rest get 409 and leave nothing', async () => {
    const YEAR = 2013;
    const units = [...unitsYp, ...unitsTs];
    expect(units).toHaveLength(10);
    const estimates: Estimate[] = [];
    for (const unitId of units) estimates.push(await balancedEstimate(unitId, YEAR, 2));
    // 20 lines of 100,000,000 approved = 2,000,000,000; the floor 1% of 190,000,000,000 = 1,900,000,000.
    await setFloor(YEAR, { totalLocalExpenditure: '190000000000', floorPolicy: 'STOP' });
    await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(200);
    await chair.post(`/fiscal-years/${YEAR}/budget/approve`).send({ decisionNumber: '101/QĐ-UBND', decisionDate: '2012-12-20' }).expect(200);
    const approved = await Promise.all(estimates.map(async (e) => (await dof.get(`/estimates/${e.id}`).expect(200)).body as Estimate));

    // Each cut takes a line from 100,000,000 to 60,000,000: alone, any of them keeps the floor; only two together do.
    const cuts = approved.flatMap((e) => e.lines.map((l) => ({ estimate: e, line: l })));
    expect(cuts).toHaveLength(20);
    const responses = (await Promise.all(
      cuts.map(({ estimate, line }) =>
        dof
          .post(`/estimates/${estimate.id}/adjustments`)
          .send({ lineId: line.id, approvedAmount: '60000000', reason: 'Cắt giảm theo thực tế', version: estimate.version }),
      ),
    )) as Response[];

    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    // The other cut of a winning estimate is stale; every other cut finds the floor would break.
    expect(codes(responses).sort()).toEqual([...Array<string>(16).fill('409 FLOOR_BREACH'), '409 STALE_VERSION', '409 STALE_VERSION']);
    const floor = await floorOf(YEAR);
    expect(floor).toMatchObject({ compliant: true, floorAmount: '1900000000', itTotal: '1920000000', floorPolicy: 'STOP' });
    // Nothing half-written: one recorded adjustment, one audit event and one cut line per winner.
    const lineIds = cuts.map((c) => c.line.id);
    expect(await count('SELECT COUNT(*)::int AS n FROM line_adjustments WHERE line_id = ANY($1::uuid[])', [lineIds])).toBe(2);
    expect(await count(`SELECT COUNT(*)::int AS n FROM audit_events WHERE action = 'line.adjust' AND entity_id = ANY($1::text[])`, [lineIds])).toBe(2);
    expect(await count(`SELECT COUNT(*)::int AS n FROM estimate_lines WHERE id = ANY($1::uuid[]) AND approved_amount = 60000000`, [lineIds])).toBe(2);
    // Ten estimates drafted, balanced and approved through the API before the race.
  }, 60_000);

  describe('the budget’s submission against the writes that change what it checks', () => {
    const YEAR = 2014;
    let estimate: Estimate;

    beforeAll(async () => {
      estimate = await balancedEstimate(SEEDED.yenPhong, YEAR, 2);
      // The floor exactly met: 1% of 20,000,000,000 = 200,000,000.
      await setFloor(YEAR, { totalLocalExpenditure: '20000000000', floorPolicy: 'STOP' });
    }, 30_000);

    afterEach(async () => {
      // Back to an open budget for the next race, whatever won this one.
      const budget = (await dof.get(`/fiscal-years/${YEAR}/budget`).expect(200)).body as { status: string };
      if (budget.status === 'SUBMITTED') await chair.post(`/fiscal-years/${YEAR}/budget/return`).send({ comment: 'Kiểm thử / test' }).expect(200);
    });

    it('a submission and five floor-raising settings changes: never a submitted budget below its floor', async () => {
      const year = (await dof.get(`/fiscal-years/${YEAR}`).expect(200)).body as { version: number };
      const responses = (await Promise.all([
        dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}),
        ...Array.from({ length: 5 }, (_, i) =>
          dof.patch(`/fiscal-years/${YEAR}`).send({ totalLocalExpenditure: `2100000000${i}`, reason: 'Điều chỉnh số liệu', version: year.version }),
        ),
      ])) as Response[];
      const [submit, ...changes] = responses;
      expect(codes(responses).every((c) => ['409 IT_FLOOR', '409 BUDGET_LOCKED', '409 STALE_VERSION'].includes(c))).toBe(true);
      const budget = await budgetOf(YEAR);
      const floor = await floorOf(YEAR);
      if (submit.status === 200) {
        expect(budget.status).toBe('SUBMITTED');
        expect(floor.compliant).toBe(true);
      } else {
        expect(submit.body.code).toBe('IT_FLOOR');
        expect(changes.filter((r) => r.status === 200)).toHaveLength(1);
        expect(budget.status).not.toBe('SUBMITTED');
      }
      // Put the floor back for the next race.
      if (!floor.compliant) {
        await setFloor(YEAR, { totalLocalExpenditure: '20000000000' });
      }
    });

    it('a submission and a return of an included estimate: a submitted budget holds only balanced estimates', async () => {
      const current = (await dof.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
      const [submit, back] = (await Promise.all([
        dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}),
        dof.post(`/estimates/${estimate.id}/return`).send({ comment: 'Bổ sung thuyết minh', version: current.version }),
      ])) as Response[];
      const budget = await budgetOf(YEAR);
      if (submit.status === 200) {
        expect(back).toMatchObject({ status: 409, body: { code: 'BUDGET_LOCKED' } });
        expect(budget.estimates.filter((e) => !e.excluded).every((e) => e.status === 'BALANCED')).toBe(true);
      } else {
        expect(back.status).toBe(200);
        expect(submit.body.code).toBe('BUDGET_NOT_READY');
        // Balance it again for the next race.
        estimate = (await dof.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
        await headOf.get(SEEDED.yenPhong)!.post(`/estimates/${estimate.id}/submit`).send({}).expect(200);
        estimate = (await dof.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
        await dof
          .post(`/estimates/${estimate.id}/balance`)
          .send({ version: estimate.version, lines: estimate.lines.map((l) => ({ lineId: l.id, approvedAmount: l.amount })) })
          .expect(200);
      }
    });

    it('a submission and the creation of new estimates: no estimate joins a submitted budget unbalanced', async () => {
      const newcomers = unitsTs.slice(0, 4);
      const responses = (await Promise.all([
        dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}),
        ...newcomers.map((unitId) => officerOf.get(unitId)!.post('/estimates').send({ unitId, year: YEAR })),
      ])) as Response[];
      const [submit, ...created] = responses;
      const budget = await budgetOf(YEAR);
      if (submit.status === 200) {
        expect(budget.status).toBe('SUBMITTED');
        expect(budget.estimates.filter((e) => !e.excluded).every((e) => e.status === 'BALANCED')).toBe(true);
        expect(created.every((r) => r.status === 409 && r.body.code === 'BUDGET_LOCKED')).toBe(true);
      } else {
        expect(submit.body.code).toBe('BUDGET_NOT_READY');
        expect(created.some((r) => r.status === 201)).toBe(true);
      }
      // Once submitted, an estimate for the year is refused outright.
      if (submit.status !== 200) await dof.post(`/fiscal-years/${YEAR}/budget/submit`).send({}).expect(409);
    });
  });

  it('a district’s submission and the removal of its own IT line: never a submitted district estimate without one', async () => {
    const YEAR = 2015;
    const officer = officerOf.get(SEEDED.tuSon)!;
    let estimate = (await officer.post('/estimates').send({ unitId: SEEDED.tuSon, year: YEAR }).expect(201)).body as Estimate;
    for (const fundingSourceCode of ['DISTRICT', 'PROVINCIAL']) {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ fundingSourceCode }), version: estimate.version }).expect(201)).body as Estimate;
    }
    const own = estimate.lines.find((l) => l.fundingSourceCode === 'DISTRICT')!;
    const [submit, removal] = (await Promise.all([
      headOf.get(SEEDED.tuSon)!.post(`/estimates/${estimate.id}/submit`).send({}),
      officer.delete(`/estimates/${estimate.id}/lines/${own.id}`).query({ version: estimate.version }),
    ])) as Response[];
    const after = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
    if (submit.status === 200) {
      expect(removal).toMatchObject({ status: 409 });
      expect(after.status).toBe('SUBMITTED');
      expect(after.lines.some((l) => l.fundingSourceCode === 'DISTRICT' && BigInt(l.amount) > 0n)).toBe(true);
    } else {
      expect(removal.status).toBe(200);
      expect(submit.body.code).toBe('DISTRICT_IT_LINE_MISSING');
      expect(after.status).toBe('DRAFT');
    }
  });

  it('a floor settings change needs a reason, kept in the audit trail; the calendar does not', async () => {
    const year = (await dof.get('/fiscal-years/2011').expect(200)).body as { version: number };
    const refused = await dof.patch('/fiscal-years/2011').send({ floorPolicy: 'WARN', version: year.version }).expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'REASON_REQUIRED' })]);
    expect(refused.body.message).toMatch(/^reason: cần lý do/);
    await dof.patch('/fiscal-years/2011').send({ floorPolicy: 'WARN', reason: '   ', version: year.version }).expect(400);
    await dof.patch('/fiscal-years/2011').send({ floorPolicy: 'WARN', reason: 'Theo Nghị quyết HĐND', version: year.version }).expect(200);
    await dof.patch('/fiscal-years/2011').send({ committeeDeadline: '2010-12-15', version: year.version + 1 }).expect(200);
    const [event] = await t.dataSource.query<{ reason: string; after: { floorPolicy: string } }[]>(
      `SELECT reason, after FROM audit_events WHERE action = 'year.update' AND entity_id = '2011' ORDER BY id LIMIT 1`,
    );
    expect(event).toMatchObject({ reason: 'Theo Nghị quyết HĐND', after: { floorPolicy: 'WARN' } });
  });

  it('two settings changes on one version at once: exactly one wins, the other is STALE_VERSION; đồng, ratio and sources are stored as sent', async () => {
    const year = (await dof.get('/fiscal-years/2011').expect(200)).body as { version: number };
    const sent = [
      { totalLocalExpenditure: '7000000000000', floorRatio: '0.015', floorSources: ['PROVINCIAL'], reason: 'Phương án A' },
      { totalLocalExpenditure: '8123456789012', floorRatio: '0.02', floorSources: ['DISTRICT', 'COMMUNE'], reason: 'Phương án B' },
    ];
    const responses = (await Promise.all(sent.map((body) => dof.patch('/fiscal-years/2011').send({ ...body, version: year.version })))) as Response[];
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 409)!.body.code).toBe('STALE_VERSION');
    const { reason, ...won } = sent[responses.findIndex((r) => r.status === 200)];
    expect((await dof.get('/fiscal-years/2011').expect(200)).body).toMatchObject({ ...won, version: year.version + 1 });
    expect(await count(`SELECT COUNT(*)::int AS n FROM audit_events WHERE action = 'year.update' AND entity_id = '2011' AND reason = ANY($1)`, [sent.map((b) => b.reason)])).toBe(1);
    expect(await count(`SELECT COUNT(*)::int AS n FROM audit_events WHERE action = 'year.update' AND entity_id = '2011' AND reason = $1`, [reason])).toBe(1);
  });

  it('ten concurrent creations of one unit’s estimate: one estimate, nine 409 ESTIMATE_EXISTS', async () => {
    const unitId = unitsYp[1];
    const responses = (await Promise.all(Array.from({ length: 10 }, () => officerOf.get(unitId)!.post('/estimates').send({ unitId, year: 2015 })))) as Response[];
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(codes(responses)).toEqual(Array<string>(9).fill('409 ESTIMATE_EXISTS'));
    expect(await count('SELECT COUNT(*)::int AS n FROM estimates WHERE unit_id = $1 AND year = 2015', [unitId])).toBe(1);
  });
});
