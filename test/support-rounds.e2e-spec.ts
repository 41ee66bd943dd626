import { randomUUID } from 'node:crypto';
import { DEMO_ESTIMATES } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { SupportService } from '../src/modules/support/support.service.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

type Amounts = Partial<Record<'CENTRAL_SUPPORT' | 'PROVINCIAL_SUPPORT', string>>;
interface Round {
  id: string;
  year: number;
  status: string;
  version: number;
  roundingUnit: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  pools: {
    fundingSourceCode: 'CENTRAL_SUPPORT' | 'PROVINCIAL_SUPPORT';
    amount: string;
    proposed: string;
    unallocated: string;
    decided: string | null;
    unawarded: string | null;
    explanation: { ceiling: string; unit: string; partialTier: number | null; lines: { id: string; allocated: string; rounding?: string; summary: string }[] };
  }[];
  candidates: {
    unitId: string;
    hardshipTier: number;
    asked: string;
    minimum: string;
    proposed: Amounts;
    proposedTotal: string;
    decided: Amounts | null;
    decidedTotal: string | null;
    changed: boolean | null;
    reason: string | null;
  }[];
  totals: { pools: string; asked: string; minimum: string; proposed: string; unallocated: string; decided: string | null; unawarded: string | null };
}

interface Awards {
  decisions: { roundId: string; decisionNumber: string; decisionDate: string }[];
  items: { unitId: string; fundingSourceCode: string; amount: string }[];
  total: string;
}

const YEAR = 2012;
const M = (millions: number) => `${millions}000000`;
const { luongTai: LT, giaBinh: GB, yenPhong: YP, thuanThanh: TT, queVo: QV } = UNIT_IDS;

const sum = (values: (string | null | undefined)[]) => values.reduce((total, v) => total + BigInt(v ?? '0'), 0n).toString();

/** Every total of the round equals the sum of its lines. */
function expectTotalsAddUp(round: Round): void {
  for (const pool of round.pools) {
    const source = pool.fundingSourceCode;
    expect(pool.proposed).toBe(sum(round.candidates.map((c) => c.proposed[source])));
    expect(pool.unallocated).toBe((BigInt(pool.amount) - BigInt(pool.proposed)).toString());
    expect(pool.explanation.lines.map((l) => l.allocated)).toEqual(round.candidates.map((c) => c.proposed[source]));
    if (pool.decided !== null) {
      expect(pool.decided).toBe(sum(round.candidates.map((c) => c.decided?.[source])));
      expect(BigInt(pool.decided) <= BigInt(pool.amount)).toBe(true);
    }
  }
  for (const c of round.candidates) {
    expect(c.proposedTotal).toBe(sum(Object.values(c.proposed)));
    if (c.decided !== null) expect(c.decidedTotal).toBe(sum(Object.values(c.decided)));
  }
  expect(round.totals.pools).toBe(sum(round.pools.map((p) => p.amount)));
  expect(round.totals.asked).toBe(sum(round.candidates.map((c) => c.asked)));
  expect(round.totals.minimum).toBe(sum(round.candidates.map((c) => c.minimum)));
  expect(round.totals.proposed).toBe(sum(round.candidates.map((c) => c.proposedTotal)));
  expect(round.totals.proposed).toBe(sum(round.pools.map((p) => p.proposed)));
  expect(round.totals.unallocated).toBe(sum(round.pools.map((p) => p.unallocated)));
  if (round.totals.decided !== null) {
    expect(round.totals.decided).toBe(sum(round.candidates.map((c) => c.decidedTotal)));
    expect(round.totals.decided).toBe(sum(round.pools.map((p) => p.decided)));
    expect(round.totals.unawarded).toBe(sum(round.pools.map((p) => p.unawarded)));
  }
}

const proposalOf = (round: Round) => Object.fromEntries(round.candidates.map((c) => [c.unitId, c.proposed]));

describe('support rounds for struggling units (e2e)', () => {
  let t: TestApp;
  let dof: Client, chair: Client, auditor: Client, yenphong: Client, tuson: Client;
  let round: Round;
  const base = `/fiscal-years/${YEAR}/support-rounds`;

  const pools = { CENTRAL_SUPPORT: M(1500), PROVINCIAL_SUPPORT: M(1000) };
  const firstCandidates = [
    { unitId: LT, hardshipTier: 1, asked: M(900), minimum: M(200) },
    { unitId: GB, hardshipTier: 1, asked: M(650) },
    { unitId: YP, hardshipTier: 2, asked: M(800), minimum: M(100) },
    { unitId: TT, hardshipTier: 2, asked: M(500) },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    [dof, chair, auditor, yenphong, tuson] = await Promise.all(['dof.officer', 'chair', 'auditor', 'yenphong.officer', 'tuson.officer'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  describe('opening a round', () => {
    it('is for DOF only (403 for every other role)', async () => {
      for (const username of ['chair', 'dpi.officer', 'dic.reviewer', 'admin', 'auditor', 'yenphong.head', 'yenphong.officer']) {
        const client = await t.as(username);
        const response = await client.post(base).send({ pools, candidates: firstCandidates });
        expect({ username, status: response.status }).toEqual({ username, status: 403 });
      }
      await yenphong.get(base).expect(403);
    });

    it('refuses invalid input with 400 naming the field, and saves nothing', async () => {
      const refuse = async (body: Record<string, unknown>, field: string | RegExp, code?: string) => {
        const response = await dof.post(base).send(body).expect(400);
        const details = response.body.details as { field: string; code: string }[];
        expect(details.map((d) => d.field)).toContainEqual(typeof field === 'string' ? field : expect.stringMatching(field));
        if (code) expect(details.find((d) => d.code === code)).toBeDefined();
        return response;
      };
      const withCandidate = (i: number, change: Record<string, unknown>) => firstCandidates.map((c, j) => (j === i ? { ...c, ...change } : c));

      // Field formats, checked by the DTOs (the pipe names nested fields as candidates.2.asked).
      await refuse({ pools, candidates: withCandidate(2, { asked: '1e9' }) }, /^candidates(\[2\]|\.2)\.asked$/);
      await refuse({ pools, candidates: withCandidate(1, { asked: '-5' }) }, /^candidates(\[1\]|\.1)\.asked$/);
      await refuse({ pools, candidates: withCandidate(0, { hardshipTier: 10 }) }, /^candidates(\[0\]|\.0)\.hardshipTier$/);
      await refuse({ pools, candidates: withCandidate(0, { hardshipTier: 0 }) }, /^candidates(\[0\]|\.0)\.hardshipTier$/);
      await refuse({ pools, candidates: withCandidate(3, { unitId: 'not-a-uuid' }) }, /^candidates(\[3\]|\.3)\.unitId$/);
      await refuse({ pools: { ...pools, DISTRICT: M(1) }, candidates: firstCandidates }, 'pools.DISTRICT');
      await refuse({ pools: { CENTRAL_SUPPORT: 1500 }, candidates: firstCandidates }, 'pools.CENTRAL_SUPPORT');
      await refuse({ pools, candidates: firstCandidates, roundingUnit: '0' }, 'roundingUnit', 'INVALID_UNIT');
      await refuse({ pools, candidates: [] }, 'candidates');
      // Rules across fields, checked by the service with the same naming.
      await refuse({ pools: {}, candidates: firstCandidates }, 'pools', 'NO_POOL');
      await refuse({ pools, candidates: withCandidate(2, { unitId: randomUUID() }) }, 'candidates[2].unitId', 'UNKNOWN_UNIT');
      await refuse({ pools, candidates: [...firstCandidates, { unitId: GB, hardshipTier: 3, asked: M(1) }] }, 'candidates[4].unitId', 'DUPLICATE_UNIT');
      await refuse({ pools, candidates: withCandidate(1, { minimum: M(651) }) }, 'candidates[1].minimum', 'MINIMUM_ABOVE_ASKED');

      expect((await dof.get(base).expect(200)).body).toEqual({ year: YEAR, items: [] });
    });

    it('is 409 naming the excess when the minimums exceed the first pool', async () => {
      // Minimums 200 + 100 = 300 million against a central pool of 250 million: 50 million too many.
      const response = await dof.post(base).send({ pools: { CENTRAL_SUPPORT: M(250), PROVINCIAL_SUPPORT: M(1000) }, candidates: firstCandidates }).expect(409);
      expect(response.body.code).toBe('SUPPORT_INFEASIBLE');
      expect(response.body.message).toContain('CENTRAL_SUPPORT');
      expect(response.body.message).toContain('by 50.000.000');
      expect((await dof.get(base).expect(200)).body.items).toEqual([]);
    });

    it('proposes by the contract: central support first, then provincial over what is still asked', async () => {
      round = (await dof.post(base).send({ pools, candidates: firstCandidates }).expect(201)).body as Round;
      expect(round).toMatchObject({ year: YEAR, status: 'OPEN', version: 1, roundingUnit: '1000000', decisionNumber: null });
      expect(round.pools.map((p) => p.fundingSourceCode)).toEqual(['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT']);
      // Worked by hand, amounts in millions, unit 1 million:
      // CENTRAL 1500: minimums LT 200 + YP 100 = 300, rest 1200. Tier 1 needs (900−200) + 650 = 1350 > 1200,
      //   so tier 1 is partial: LT 1200×700/1350 = 622.22…, GB 1200×650/1350 = 577.77…; floors 622 + 577 = 1199,
      //   the 1 left goes to the larger remainder (GB .77 > LT .22). LT 200+622 = 822, GB 578, YP 100 (minimum), TT 0.
      // PROVINCIAL 1000, no minimums, requested = asked − central: LT 78, GB 72, YP 700, TT 500.
      //   Tier 1 needs 150 (met), rest 850. Tier 2 needs 1200 > 850: YP 850×700/1200 = 495.83…, TT 850×500/1200 = 354.16…;
      //   floors 495 + 354 = 849, the 1 left goes to YP (.83 > .16): YP 496, TT 354.
      expect(proposalOf(round)).toEqual({
        [LT]: { CENTRAL_SUPPORT: M(822), PROVINCIAL_SUPPORT: M(78) },
        [GB]: { CENTRAL_SUPPORT: M(578), PROVINCIAL_SUPPORT: M(72) },
        [YP]: { CENTRAL_SUPPORT: M(100), PROVINCIAL_SUPPORT: M(496) },
        [TT]: { CENTRAL_SUPPORT: '0', PROVINCIAL_SUPPORT: M(354) },
      });
      expect(round.totals).toMatchObject({ pools: M(2500), asked: M(2850), proposed: M(2500), unallocated: '0', decided: null });
      expectTotalsAddUp(round);
      const central = round.pools[0].explanation;
      expect(central).toMatchObject({ ceiling: M(1500), unit: '1000000', partialTier: 1 });
      expect(central.lines.find((l) => l.id === GB)?.rounding).toBe('unit-added');
      expect(central.lines.find((l) => l.id === LT)?.rounding).toBe('outranked');
    });

    it('allows one round a year: a second is 409', async () => {
      const again = await dof.post(base).send({ pools, candidates: firstCandidates }).expect(409);
      expect(again.body.code).toBe('SUPPORT_ROUND_EXISTS');
    });

    it('is shown to the province, in the list and by id', async () => {
      const list = (await auditor.get(base).expect(200)).body as { items: Round[] };
      expect(list.items.map((r) => r.id)).toEqual([round.id]);
      expect((await chair.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
      await chair.get(`${base}/${randomUUID()}`).expect(404);
      await chair.get(`/fiscal-years/2013/support-rounds/${round.id}`).expect(404);
      await chair.get('/fiscal-years/2099/support-rounds').expect(404);
    });
  });

  describe('replacing the candidates while the round is open', () => {
    const finalCandidates = [
      { unitId: LT, hardshipTier: 1, asked: M(900), minimum: M(200) },
      { unitId: GB, hardshipTier: 1, asked: M(650) },
      { unitId: YP, hardshipTier: 2, asked: M(800), minimum: M(100) },
      { unitId: TT, hardshipTier: 2, asked: M(500), minimum: M(50) },
      { unitId: QV, hardshipTier: 3, asked: M(400) },
    ];

    it('is for DOF only, with a current version', async () => {
      await chair.put(`${base}/${round.id}/candidates`).send({ candidates: finalCandidates, version: round.version }).expect(403);
      const stale = await dof.put(`${base}/${round.id}/candidates`).send({ candidates: finalCandidates, version: round.version + 1 }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      await dof.put(`${base}/${randomUUID()}/candidates`).send({ candidates: finalCandidates, version: round.version }).expect(404);
      const duplicate = await dof.put(`${base}/${round.id}/candidates`).send({ candidates: [...finalCandidates, finalCandidates[0]], version: round.version }).expect(400);
      expect(duplicate.body.details).toContainEqual(expect.objectContaining({ field: 'candidates[5].unitId', code: 'DUPLICATE_UNIT' }));
      expect((await dof.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });

    it('needs the round’s version: without it, 400 naming `version` (no last write wins)', async () => {
      const missing = await dof.put(`${base}/${round.id}/candidates`).send({ candidates: finalCandidates }).expect(400);
      expect((missing.body.details as { field: string }[]).map((d) => d.field)).toEqual(['version']);
      const nullVersion = await dof.put(`${base}/${round.id}/candidates`).send({ candidates: finalCandidates, version: null }).expect(400);
      expect((nullVersion.body.details as { field: string }[]).map((d) => d.field)).toEqual(['version']);
      expect((await dof.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });

    it('recomputes the proposal', async () => {
      round = (await dof.put(`${base}/${round.id}/candidates`).send({ candidates: finalCandidates, version: round.version }).expect(200)).body as Round;
      expect(round).toMatchObject({ status: 'OPEN', version: 2 });
      // By hand, in millions:
      // CENTRAL 1500: minimums 200 + 100 + 50 = 350, rest 1150. Tier 1 needs 1350: LT 1150×700/1350 = 596.29…,
      //   GB 1150×650/1350 = 553.70…; floors 596 + 553 = 1149, the 1 left to GB (.70 > .29).
      //   LT 796, GB 554, YP 100, TT 50, QV 0 (tier 3, no minimum).
      // PROVINCIAL 1000, requested LT 104, GB 96, YP 700, TT 450, QV 400. Tier 1 needs 200 (met), rest 800.
      //   Tier 2 needs 1150: YP 800×700/1150 = 486.95…, TT 800×450/1150 = 313.04…; floors 486 + 313 = 799,
      //   the 1 left to YP. YP 487, TT 313, QV 0.
      expect(proposalOf(round)).toEqual({
        [LT]: { CENTRAL_SUPPORT: M(796), PROVINCIAL_SUPPORT: M(104) },
        [GB]: { CENTRAL_SUPPORT: M(554), PROVINCIAL_SUPPORT: M(96) },
        [YP]: { CENTRAL_SUPPORT: M(100), PROVINCIAL_SUPPORT: M(487) },
        [TT]: { CENTRAL_SUPPORT: M(50), PROVINCIAL_SUPPORT: M(313) },
        [QV]: { CENTRAL_SUPPORT: '0', PROVINCIAL_SUPPORT: '0' },
      });
      expect(round.totals).toMatchObject({ pools: M(2500), asked: M(3250), minimum: M(350), proposed: M(2500), unallocated: '0' });
      expectTotalsAddUp(round);
    });
  });

  describe("the chair's decision", () => {
    const decision = (decisions: unknown[], version = round.version) => ({ decisionNumber: '2468/QĐ-UBND', decisionDate: '2011-12-15', version, decisions });
    // Quế Võ gets 50 million of provincial support, taken from Thuận Thành's 313.
    const forQueVo = { unitId: QV, amounts: { PROVINCIAL_SUPPORT: M(50) }, reason: 'Thiệt hại do bão số 5, cần khôi phục mạng LAN' };
    const fromThuanThanh = { unitId: TT, amounts: { PROVINCIAL_SUPPORT: M(263) }, reason: 'Đã được hỗ trợ từ chương trình mục tiêu' };

    it('is for the chair only', async () => {
      await dof.post(`${base}/${round.id}/decide`).send(decision([])).expect(403);
      await auditor.post(`${base}/${round.id}/decide`).send(decision([])).expect(403);
      await yenphong.post(`${base}/${round.id}/decide`).send(decision([])).expect(403);
    });

    it('needs a written reason for each changed figure (400), and saves nothing', async () => {
      const refused = await chair
        .post(`${base}/${round.id}/decide`)
        .send(decision([fromThuanThanh, { unitId: QV, amounts: { PROVINCIAL_SUPPORT: M(50) } }]))
        .expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'decisions[1].reason', code: 'REASON_REQUIRED' })]);
      const blank = await chair.post(`${base}/${round.id}/decide`).send(decision([{ ...forQueVo, reason: '  ' }, fromThuanThanh])).expect(400);
      expect(blank.body.details[0].field).toBe('decisions[0].reason');
      const badAmount = await chair.post(`${base}/${round.id}/decide`).send(decision([{ unitId: QV, amounts: { PROVINCIAL_SUPPORT: '5.5' }, reason: 'x' }])).expect(400);
      expect(badAmount.body.details[0].field).toMatch(/^decisions(\[0\]|\.0)\.amounts\.PROVINCIAL_SUPPORT$/);
      const notCandidate = await chair.post(`${base}/${round.id}/decide`).send(decision([{ unitId: UNIT_IDS.tuSon, amounts: {}, reason: 'x' }])).expect(400);
      expect(notCandidate.body.details[0]).toMatchObject({ field: 'decisions[0].unitId', code: 'NOT_A_CANDIDATE' });
      await chair.post(`${base}/${round.id}/decide`).send({ ...decision([]), decisionDate: '15/12/2011' }).expect(400);
      expect((await dof.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });

    it('treats text with no visible character as blank, and refuses a decision date far from the year (400), saving nothing', async () => {
      // Zero-width space, Mongolian vowel separator, Hangul filler, braille blank, soft hyphen, a lone combining mark, bidi override.
      for (const invisible of ['\u200b', '\u180e', '\u3164', '\u2800', '\u00ad', '\u034f', '\u202e', ' \u115f\u2061\u200e ']) {
        const reason = await chair.post(`${base}/${round.id}/decide`).send(decision([{ ...forQueVo, reason: invisible }, fromThuanThanh])).expect(400);
        expect(reason.body.details[0]).toMatchObject({ field: 'decisions[0].reason', code: 'REASON_REQUIRED' });
        const number = await chair.post(`${base}/${round.id}/decide`).send({ ...decision([]), decisionNumber: invisible }).expect(400);
        expect(number.body.details[0].field).toBe('decisionNumber');
      }
      for (const decisionDate of ['9999-12-31', '2010-12-31', '2014-01-01']) {
        const far = await chair.post(`${base}/${round.id}/decide`).send({ ...decision([]), decisionDate }).expect(400);
        expect(far.body.details).toEqual([expect.objectContaining({ field: 'decisionDate', code: 'DECISION_DATE_OUT_OF_YEAR' })]);
        expect(far.body.message).toMatch(/^decisionDate: ngày quyết định .* \/ the decision date/);
      }
      expect((await dof.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });

    it('keeps the decided totals within each pool (409)', async () => {
      // 104 + 96 + 487 + 313 + 50 = 1050 million of provincial support against a pool of 1000.
      const over = await chair.post(`${base}/${round.id}/decide`).send(decision([forQueVo])).expect(409);
      expect(over.body.code).toBe('SUPPORT_POOL_EXCEEDED');
      expect(over.body.message).toContain('PROVINCIAL_SUPPORT total 1050000000 exceeds the pool of 1000000000 by 50000000');
      expect((await dof.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });

    it('refuses a stale version (409)', async () => {
      const stale = await chair.post(`${base}/${round.id}/decide`).send(decision([forQueVo, fromThuanThanh], round.version - 1)).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    });

    it('decides: changed figures carry their reason, units not listed get the proposal; a retry with the same key applies once', async () => {
      const send = () => chair.post(`${base}/${round.id}/decide`).set('Idempotency-Key', 'support-2012-decision').send(decision([forQueVo, fromThuanThanh]));
      const decided = (await send().expect(200)).body as Round;
      expect(decided).toMatchObject({ status: 'DECIDED', version: round.version + 1, decisionNumber: '2468/QĐ-UBND', decisionDate: '2011-12-15' });
      expect(Object.fromEntries(decided.candidates.map((c) => [c.unitId, [c.decided, c.changed, c.reason]]))).toEqual({
        [LT]: [{ CENTRAL_SUPPORT: M(796), PROVINCIAL_SUPPORT: M(104) }, false, null],
        [GB]: [{ CENTRAL_SUPPORT: M(554), PROVINCIAL_SUPPORT: M(96) }, false, null],
        [YP]: [{ CENTRAL_SUPPORT: M(100), PROVINCIAL_SUPPORT: M(487) }, false, null],
        [TT]: [{ CENTRAL_SUPPORT: M(50), PROVINCIAL_SUPPORT: M(263) }, true, fromThuanThanh.reason],
        [QV]: [{ CENTRAL_SUPPORT: '0', PROVINCIAL_SUPPORT: M(50) }, true, forQueVo.reason],
      });
      // The proposal is kept beside the decision.
      expect(proposalOf(decided)).toEqual(proposalOf(round));
      expect(decided.pools.map((p) => [p.fundingSourceCode, p.decided, p.unawarded])).toEqual([
        ['CENTRAL_SUPPORT', M(1500), '0'],
        ['PROVINCIAL_SUPPORT', M(1000), '0'],
      ]);
      expect(decided.totals).toMatchObject({ proposed: M(2500), decided: M(2500), unawarded: '0' });
      expectTotalsAddUp(decided);

      expect((await send().expect(200)).body).toEqual(JSON.parse(JSON.stringify(decided)));
      round = (await auditor.get(`${base}/${round.id}`).expect(200)).body as Round;
      expect(round).toEqual(decided);
    });

    it('locks the round: any change is 409', async () => {
      const decideAgain = await chair.post(`${base}/${round.id}/decide`).send(decision([], round.version)).expect(409);
      expect(decideAgain.body.code).toBe('ROUND_DECIDED');
      const replace = await dof.put(`${base}/${round.id}/candidates`).send({ candidates: [{ unitId: LT, hardshipTier: 1, asked: M(1) }], version: round.version }).expect(409);
      expect(replace.body.code).toBe('ROUND_DECIDED');
      const reopen = await dof.post(base).send({ pools, candidates: firstCandidates }).expect(409);
      expect(reopen.body.code).toBe('SUPPORT_ROUND_EXISTS');
      expect((await auditor.get(`${base}/${round.id}`).expect(200)).body).toEqual(round);
    });
  });

  describe('the decided support as a funding source of the units', () => {
    it('lists every award for the province, with a total equal to the sum', async () => {
      const awards = (await dof.get(`/fiscal-years/${YEAR}/support-awards`).expect(200)).body as Awards;
      expect(awards.decisions).toEqual([{ roundId: round.id, decisionNumber: '2468/QĐ-UBND', decisionDate: '2011-12-15' }]);
      // Quế Võ's central support is 0 and is left out.
      expect(awards.items).toHaveLength(9);
      expect(awards.total).toBe(sum(awards.items.map((i) => i.amount)));
      expect(awards.total).toBe(M(2500));
      expect(awards.items.filter((i) => i.unitId === QV)).toEqual([expect.objectContaining({ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: M(50) })]);
    });

    it("lets a unit's users read their own awards only", async () => {
      const own = (await yenphong.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: YP }).expect(200)).body as Awards;
      expect(own.items.map((i) => [i.fundingSourceCode, i.amount])).toEqual([
        ['CENTRAL_SUPPORT', M(100)],
        ['PROVINCIAL_SUPPORT', M(487)],
      ]);
      expect(own.total).toBe(M(587));
      const unfiltered = (await yenphong.get(`/fiscal-years/${YEAR}/support-awards`).expect(200)).body as Awards;
      expect(unfiltered.items.length).toBeGreaterThan(0);
      expect(unfiltered.items.every((i) => i.unitId === YP)).toBe(true);
      await yenphong.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: LT }).expect(404);
      await tuson.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: YP }).expect(404);
      expect((await tuson.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: UNIT_IDS.tuSon }).expect(200)).body).toMatchObject({ items: [], total: '0' });
      await dof.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: randomUUID() }).expect(404);
      await dof.get(`/fiscal-years/${YEAR}/support-awards`).query({ unitId: 'nope' }).expect(400);
    });

    it('shows the award on the unit’s estimate and caps its support-funded lines at submission', async () => {
      const estimateId = DEMO_ESTIMATES.find((e) => e.unitId === YP && e.year === YEAR)!.id;
      const head = await t.as('yenphong.head');
      let estimate = (await yenphong.get(`/estimates/${estimateId}`).expect(200)).body as { version: number; supportAwarded: { fundingSourceCode: string; amount: string }[]; lines: { id: string }[] };
      expect(estimate.supportAwarded).toEqual([
        { fundingSourceCode: 'CENTRAL_SUPPORT', amount: M(100) },
        { fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: M(487) },
      ]);
      const support = { planAreaCode: '1.f', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'PROVINCIAL_SUPPORT', activityKindCode: 'TASK_SIMPLE', description: 'Khôi phục mạng LAN', measureUnit: 'gói', quantity: '1' };
      estimate = (await yenphong.post(`/estimates/${estimateId}/lines`).send({ ...support, unitPrice: '487000001', version: estimate.version }).expect(201)).body as typeof estimate;
      const over = await head.post(`/estimates/${estimateId}/submit`).send({}).expect(409);
      expect(over.body.code).toBe('SUPPORT_NOT_AWARDED');
      expect(over.body.message).toContain('487000001');
      const line = estimate.lines[estimate.lines.length - 1];
      await yenphong.patch(`/estimates/${estimateId}/lines/${line.id}`).send({ unitPrice: '487000000', version: estimate.version }).expect(200);
      const submitted = (await head.post(`/estimates/${estimateId}/submit`).send({}).expect(200)).body as { status: string };
      expect(submitted.status).toBe('SUBMITTED');
    });

    it('answers awardedSupport for the estimates module', async () => {
      const support = t.app.get(SupportService);
      expect(await support.awardedSupport(TT, YEAR)).toEqual([
        { fundingSourceCode: 'CENTRAL_SUPPORT', amount: 50_000_000n },
        { fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 263_000_000n },
      ]);
      expect(await support.awardedSupport(QV, YEAR)).toEqual([{ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 50_000_000n }]);
      expect(await support.awardedSupport(UNIT_IDS.tuSon, YEAR)).toEqual([]);
      expect(await support.awardedSupport(YP, 2013)).toEqual([]);
    });
  });

  describe('concurrent attempts', () => {
    const small = { pools: { PROVINCIAL_SUPPORT: M(100) }, candidates: [{ unitId: LT, hardshipTier: 1, asked: M(60) }, { unitId: GB, hardshipTier: 1, asked: M(60) }] };

    it('opens one round when two are opened at once', async () => {
      const statuses = (await Promise.all([dof.post('/fiscal-years/2014/support-rounds').send(small), dof.post('/fiscal-years/2014/support-rounds').send(small)])).map((r) => r.status);
      expect(statuses.sort()).toEqual([201, 409]);
      expect((await dof.get('/fiscal-years/2014/support-rounds').expect(200)).body.items).toHaveLength(1);
    });

    it('takes one decision when two are sent on the same version', async () => {
      const opened = (await dof.post('/fiscal-years/2013/support-rounds').send(small).expect(201)).body as Round;
      // One pool, no minimums: 100 shared pro rata between two equal requests of 60 → 50 each.
      expect(proposalOf(opened)).toEqual({ [LT]: { PROVINCIAL_SUPPORT: M(50) }, [GB]: { PROVINCIAL_SUPPORT: M(50) } });
      const body = (reason: string) => ({
        decisionNumber: '99/QĐ-UBND',
        decisionDate: '2012-12-01',
        version: opened.version,
        decisions: [{ unitId: LT, amounts: { PROVINCIAL_SUPPORT: M(40) }, reason }],
      });
      const responses = await Promise.all([
        chair.post(`/fiscal-years/2013/support-rounds/${opened.id}/decide`).send(body('first')),
        chair.post(`/fiscal-years/2013/support-rounds/${opened.id}/decide`).send(body('second')),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const decided = (await chair.get(`/fiscal-years/2013/support-rounds/${opened.id}`).expect(200)).body as Round;
      expect(decided).toMatchObject({ status: 'DECIDED', version: opened.version + 1, totals: { decided: M(90), unawarded: M(10) } });
      expectTotalsAddUp(decided);
      const events = (await auditor.get('/audit').query({ entityType: 'support_round', entityId: opened.id }).expect(200)).body.items as { action: string }[];
      expect(events.map((e) => e.action)).toEqual(['support_round.open', 'support_round.decide', 'support_round.award', 'support_round.award']);
    });
  });

  it('keeps every change in the audit trail, one decision event per unit', async () => {
    const events = (await auditor.get('/audit').query({ entityType: 'support_round', entityId: round.id }).expect(200)).body.items as {
      action: string;
      actorName: string;
      entityId: string;
      unitId: string | null;
      before: { proposed?: Amounts } | null;
      after: { decided?: Amounts; status?: string } | null;
      reason: string | null;
    }[];
    expect(events.every((e) => e.entityId === round.id)).toBe(true);
    // Refused attempts left nothing behind.
    expect(events.map((e) => `${e.action}:${e.actorName}`)).toEqual([
      'support_round.open:dof.officer',
      'support_round.candidates:dof.officer',
      'support_round.decide:chair',
      ...Array(5).fill('support_round.award:chair'),
    ]);
    expect(events[2].after).toMatchObject({ status: 'DECIDED', decisionNumber: '2468/QĐ-UBND' });
    const awards = events.filter((e) => e.action === 'support_round.award');
    expect(awards.map((e) => e.unitId)).toEqual([LT, GB, YP, TT, QV]);
    expect(awards.find((e) => e.unitId === TT)).toMatchObject({
      before: { proposed: { CENTRAL_SUPPORT: M(50), PROVINCIAL_SUPPORT: M(313) } },
      after: { decided: { CENTRAL_SUPPORT: M(50), PROVINCIAL_SUPPORT: M(263) } },
      reason: 'Đã được hỗ trợ từ chương trình mục tiêu',
    });
    expect(awards.find((e) => e.unitId === LT)).toMatchObject({ before: { proposed: { PROVINCIAL_SUPPORT: M(104) } }, after: { decided: { PROVINCIAL_SUPPORT: M(104) } }, reason: null });
    expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ valid: true });
  });
});
