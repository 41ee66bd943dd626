import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface RunLineView {
  lineId: string;
  fundingSourceCode: string;
  estimateId: string;
  requested: string;
  minimum: string;
  allocated: string;
  proposedApproved: string;
  basis: string;
  note: string | null;
  explanation: { summary: string; allocated: string } | null;
}
interface RunView {
  id: string;
  status: string;
  version: number;
  groups: Record<string, { ceiling: string; allocated: string; unallocated: string; partialTier: number | null }>;
  lines: RunLineView[];
}
interface FloorView {
  floorAmount: string;
  itTotal: string;
  requestedTotal: string;
  compliant: boolean;
  shortfall: string;
  topUp: null | {
    ceiling: string;
    allocated: string;
    unallocated: string;
    unfundedTotal: string;
    note: string | null;
    lineCount: number;
    lines: { lineId: string; unitCode: string; proposed: string; unfunded: string }[];
    byUnit: { unitCode: string; lineCount: number; unfunded: string; proposed: string }[];
  };
  districts: { unitCode: string; ownItRequested: string; ownItApproved: string }[];
}

const Y = DEMO_YEAR;
const SUBMITTERS: [string, string][] = [
  [UNIT_IDS.yenPhong, 'yenphong.head'],
  [UNIT_IDS.choTown, 'yenphong.head'],
  [UNIT_IDS.tuSon, 'tuson.head'],
  [UNIT_IDS.education, 'education.head'],
];
const submittedIds = SUBMITTERS.map(([unitId]) => DEMO_ESTIMATES.find((e) => e.unitId === unitId)!.id);

describe('allocation: scenarios, adoption, the floor and its top-up (e2e)', () => {
  let t: TestApp;
  let dic: Client, dof: Client, dpi: Client;
  let runA: RunView, runB: RunView, investment: RunView;
  /** Requests and committed minimums of the submitted lines, per track (projects awaiting DIC count 0). */
  const totals = { RECURRENT: { requested: 0n, minimum: 0n }, INVESTMENT: { requested: 0n, minimum: 0n } };
  /** A ceiling halfway between the minimums and the requests: some tier is always partial. */
  const halfway = (track: 'RECURRENT' | 'INVESTMENT', fraction = 2n) =>
    (totals[track].minimum + (totals[track].requested - totals[track].minimum) / fraction).toString();

  beforeAll(async () => {
    t = await createTestApp();
    [dic, dof, dpi] = await Promise.all(['dic.reviewer', 'dof.officer', 'dpi.officer'].map((u) => t.as(u)));
    for (const [unitId, head] of SUBMITTERS) {
      const estimate = DEMO_ESTIMATES.find((e) => e.unitId === unitId)!;
      await (await t.as(head)).post(`/estimates/${estimate.id}/submit`).send({}).expect(200);
    }
    // DIC agrees to every submitted IT project's design but one, which stays without an opinion.
    let first = true;
    for (const id of submittedIds) {
      const estimate = (await dic.get(`/estimates/${id}`).expect(200)).body as {
        version: number;
        lines: { id: string; expenditureTypeCode: string; activityKindCode: string }[];
      };
      const projects = estimate.lines.filter((l) => l.expenditureTypeCode === 'INVESTMENT' && l.activityKindCode === 'PROJECT');
      const agreed = first ? projects.slice(1) : projects;
      if (projects.length > 0) first = false;
      const full = (await dic.get(`/estimates/${id}`).expect(200)).body as {
        lines: { id: string; expenditureTypeCode: 'RECURRENT' | 'INVESTMENT'; activityKindCode: string; amount: string; committedMinimum: string }[];
      };
      for (const line of full.lines) {
        const awaiting = line.expenditureTypeCode === 'INVESTMENT' && line.activityKindCode === 'PROJECT' && !agreed.some((a) => a.id === line.id);
        if (awaiting) continue;
        totals[line.expenditureTypeCode].requested += BigInt(line.amount);
        totals[line.expenditureTypeCode].minimum += BigInt(line.committedMinimum);
      }
      if (agreed.length === 0) continue;
      await dic
        .post(`/estimates/${id}/review`)
        .send({ version: estimate.version, opinions: agreed.map((l) => ({ lineId: l.id, opinion: 'AGREE', designAgreed: true })) })
        .expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  function checkInvariants(run: RunView) {
    for (const [source, group] of Object.entries(run.groups)) {
      const lines = run.lines.filter((l) => source === '*' || l.fundingSourceCode === source);
      expect(BigInt(group.allocated) + BigInt(group.unallocated)).toBe(BigInt(group.ceiling));
      expect(lines.reduce((sum, l) => sum + BigInt(l.allocated), 0n)).toBe(BigInt(group.allocated));
    }
    for (const line of run.lines) {
      expect(BigInt(line.minimum) <= BigInt(line.allocated) && BigInt(line.allocated) <= BigInt(line.requested)).toBe(true);
      expect(line.explanation?.allocated).toBe(line.allocated);
      expect(line.explanation?.summary.length).toBeGreaterThan(0);
    }
  }

  it('DOF computes two recurrent scenarios under different ceilings; only DOF may', async () => {
    await dpi.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', ceiling: '1000000000' }).expect(403);
    await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT' }).expect(400);
    await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', ceiling: '1.5' }).expect(400);

    runA = (await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', name: 'Phương án 1', ceiling: halfway('RECURRENT'), roundingUnit: '1000000' }).expect(201)).body as RunView;
    runB = (await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', name: 'Phương án 2', ceiling: halfway('RECURRENT', 3n), roundingUnit: '1000000' }).expect(201)).body as RunView;
    expect(runA.lines.length).toBeGreaterThan(0);
    // Only the submitted estimates are drawn.
    expect(new Set(runA.lines.map((l) => l.estimateId))).toEqual(new Set(submittedIds.filter((id) => runA.lines.some((l) => l.estimateId === id))));
    expect(runA.lines.every((l) => submittedIds.includes(l.estimateId))).toBe(true);
    checkInvariants(runA);
    checkInvariants(runB);
    expect(runA.groups['*'].partialTier).not.toBeNull();
    expect(BigInt(runB.groups['*'].allocated)).toBeLessThan(BigInt(runA.groups['*'].allocated));
  });

  it('takes one ceiling per funding source, leaving other sources out', async () => {
    const bySource = (
      await dof
        .post(`/fiscal-years/${Y}/balancing-runs`)
        .send({ track: 'RECURRENT', ceilingsBySource: { PROVINCIAL: '300000000', DISTRICT: '200000000' } })
        .expect(201)
    ).body as RunView;
    expect(Object.keys(bySource.groups).sort()).toEqual(['DISTRICT', 'PROVINCIAL']);
    expect(bySource.lines.every((l) => ['PROVINCIAL', 'DISTRICT'].includes(l.fundingSourceCode))).toBe(true);
    checkInvariants(bySource);
    const unknown = await dof
      .post(`/fiscal-years/${Y}/balancing-runs`)
      .send({ track: 'RECURRENT', ceilingsBySource: { MOON: '1' } })
      .expect(400);
    expect(unknown.body.details[0].field).toBe('ceilingsBySource.MOON');
    await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', ceiling: '1', ceilingsBySource: { PROVINCIAL: '1' } }).expect(400);
  });

  it('compares the scenarios per unit, plan area and line', async () => {
    const compared = (await dof.get(`/fiscal-years/${Y}/balancing-runs/compare`).query({ ids: `${runA.id},${runB.id}` }).expect(200)).body as {
      totals: string[];
      totalDifferences: string[];
      byUnit: { amounts: string[]; differences: string[] }[];
      byLine: { key: string; amounts: string[] }[];
    };
    expect(compared.totals).toEqual([runA.groups['*'].allocated, runB.groups['*'].allocated]);
    expect(BigInt(compared.totalDifferences[1])).toBe(BigInt(compared.totals[1]) - BigInt(compared.totals[0]));
    for (const row of compared.byUnit) expect(BigInt(row.differences[1])).toBe(BigInt(row.amounts[1]) - BigInt(row.amounts[0]));
    expect(compared.byUnit.reduce((sum, row) => sum + BigInt(row.amounts[1]), 0n)).toBe(BigInt(compared.totals[1]));
    expect(compared.byLine.find((row) => row.key === runA.lines[0].lineId)?.amounts[0]).toBe(runA.lines[0].allocated);
    await dof.get(`/fiscal-years/${Y}/balancing-runs/compare`).query({ ids: runA.id }).expect(400);
  });

  it('DPI runs the investment track; a project without DIC’s agreed design asks for nothing', async () => {
    investment = (await dpi.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'INVESTMENT', ceiling: halfway('INVESTMENT') }).expect(201)).body as RunView;
    checkInvariants(investment);
    const awaiting = investment.lines.filter((l) => l.note !== null);
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]).toMatchObject({ requested: '0', allocated: '0' });
  });

  it('adopting a run writes its amounts as approved amounts through the workflow', async () => {
    await dpi.post(`/balancing-runs/${runA.id}/adopt`).expect(403);
    // A run answers its version; adopting at another one is stale and changes nothing.
    expect(runA.version).toBe(1);
    const staleVersion = await dof.post(`/balancing-runs/${runA.id}/adopt`).send({ version: 2 }).expect(409);
    expect(staleVersion.body.code).toBe('STALE_VERSION');
    await dof.post(`/balancing-runs/${runA.id}/adopt`).send({ version: 0 }).expect(400);
    // Two adoptions of the same run at once: exactly one wins, the other gets 409.
    const raced = await Promise.all([1, 2].map(() => dof.post(`/balancing-runs/${runA.id}/adopt`).send({ version: runA.version })));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    const adopted = raced.find((r) => r.status === 200)!.body as RunView;
    expect(raced.find((r) => r.status === 409)!.body.code).toBe('RUN_ADOPTED');
    expect(adopted).toMatchObject({ status: 'ADOPTED', version: 2 });
    expect((await dof.get(`/fiscal-years/${Y}/balancing-runs`).expect(200)).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: runA.id, status: 'ADOPTED', version: 2 })]),
    );
    for (const line of runA.lines.slice(0, 5)) {
      const estimate = (await dof.get(`/estimates/${line.estimateId}`).expect(200)).body as { lines: { id: string; approvedAmount: string }[] };
      expect(estimate.lines.find((l) => l.id === line.lineId)?.approvedAmount).toBe(line.allocated);
    }
    await dof.post(`/balancing-runs/${runA.id}/adopt`).expect(409);
    // Run B was made before A changed the approved amounts: the cycle has overtaken it.
    const stale = await dof.post(`/balancing-runs/${runB.id}/adopt`).expect(409);
    expect(stale.body.code).toBe('RUN_STALE');

    await dpi.post(`/balancing-runs/${investment.id}/adopt`).expect(200);
    const statuses = await t.dataSource.query<{ status: string }[]>('SELECT status FROM estimates WHERE id = ANY($1)', [submittedIds]);
    expect(statuses.every((s) => s.status === 'BALANCED')).toBe(true);
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(`SELECT COUNT(*)::int AS count FROM audit_events WHERE action = 'line.balance'`);
    expect(count).toBe(runA.lines.length + investment.lines.length);
  });

  it('checks the floor live and proposes a top-up; the top-up closes it', async () => {
    const before = (await dof.get(`/fiscal-years/${Y}/floor`).expect(200)).body as FloorView;
    expect(before.compliant).toBe(false);
    expect(BigInt(before.shortfall)).toBe(BigInt(before.floorAmount) - BigInt(before.itTotal));
    // With the seeded total (7,620 billion), the unfunded requests cannot close a 76-billion floor.
    expect(before.topUp?.note).toMatch(/^Các đề nghị chưa được cấp .* \/ the unfunded requests .* cannot close the shortfall/);
    const unfunded = BigInt(before.topUp!.unfundedTotal);
    expect(unfunded).toBeGreaterThan(0n);

    // DOF sets a total that puts the floor between what is approved and what could still be.
    const target = BigInt(before.itTotal) + unfunded / 2n;
    const year = (await dof.get(`/fiscal-years/${Y}`).expect(200)).body as { version: number };
    await dof.patch(`/fiscal-years/${Y}`).send({ totalLocalExpenditure: (target * 100n).toString(), reason: 'Số liệu chi ngân sách địa phương được duyệt', version: year.version }).expect(200);

    const short = (await dof.get(`/fiscal-years/${Y}/floor`).expect(200)).body as FloorView;
    expect(short.floorAmount).toBe(target.toString());
    expect(short.topUp).toMatchObject({ ceiling: short.shortfall, allocated: short.shortfall, unallocated: '0', note: null });
    expect(short.topUp!.lines.reduce((sum, l) => sum + BigInt(l.proposed), 0n)).toBe(BigInt(short.shortfall));
    expect(short.topUp!.lines.every((l) => BigInt(l.proposed) <= BigInt(l.unfunded))).toBe(true);
    // Summed per unit (every unit raised, adding up to the allocation) beside the listed lines.
    expect(short.topUp!.lineCount).toBe(short.topUp!.lines.length);
    expect(short.topUp!.byUnit.reduce((sum, u) => sum + BigInt(u.proposed), 0n)).toBe(BigInt(short.topUp!.allocated));
    expect(short.topUp!.byUnit.map((u) => u.unitCode)).toEqual([...new Set(short.topUp!.lines.map((l) => l.unitCode))].sort());
    expect(short.districts).toHaveLength(8);

    // The rules report the floor as the one blocking failure under STOP.
    const rules = (await dof.get(`/fiscal-years/${Y}/rules`).expect(200)).body as { results: { code: string; passed: boolean; severity: string }[] };
    expect(rules.results.map((r) => r.code)).toEqual(['IT_FLOOR', 'DISTRICT_IT_LINE', 'PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);
    expect(rules.results[0]).toMatchObject({ passed: false, severity: 'BLOCKING' });

    // DOF tops up the recurrent track first, DPI the rest.
    const recurrentTopUp = (await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', kind: 'TOP_UP' }).expect(201)).body as RunView;
    expect(recurrentTopUp.groups['*'].ceiling).toBe(short.shortfall);
    await dof.post(`/balancing-runs/${recurrentTopUp.id}/adopt`).expect(200);
    let now = (await dof.get(`/fiscal-years/${Y}/floor`).expect(200)).body as FloorView;
    if (!now.compliant) {
      const investmentTopUp = (await dpi.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'INVESTMENT', kind: 'TOP_UP' }).expect(201)).body as RunView;
      await dpi.post(`/balancing-runs/${investmentTopUp.id}/adopt`).expect(200);
      now = (await dof.get(`/fiscal-years/${Y}/floor`).expect(200)).body as FloorView;
    }
    expect(now).toMatchObject({ compliant: true, shortfall: '0', topUp: null });
    expect(BigInt(now.itTotal)).toBeGreaterThanOrEqual(BigInt(now.floorAmount));
    await dof.post(`/fiscal-years/${Y}/balancing-runs`).send({ track: 'RECURRENT', kind: 'TOP_UP' }).expect(409);
  });

  it('then the consolidated budget goes to the chair under STOP', async () => {
    const drafts = DEMO_ESTIMATES.filter((e) => !submittedIds.includes(e.id));
    for (const estimate of drafts) {
      await dof.post(`/fiscal-years/${Y}/budget/exclusions`).send({ estimateId: estimate.id, reason: 'Chưa nộp / not submitted' }).expect(201);
    }
    const submitted = (await dof.post(`/fiscal-years/${Y}/budget/submit`).send({}).expect(200)).body as { status: string; warnings: string[] };
    expect(submitted.status).toBe('SUBMITTED');
    expect(submitted.warnings.some((w) => w.includes('mức sàn') || w.includes('floor'))).toBe(false);
  });
});
