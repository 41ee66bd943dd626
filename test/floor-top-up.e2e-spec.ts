// The floor's top-up proposal is computed in PostgreSQL from per-tier sums (FloorService.floor):
// here it is compared, to the đồng and field by field, with the definition it replaces — the
// allocator over every candidate line in the process (`allocate`) summed by `summariseTopUp` —
// over 3,000 random lines of the demo year (tiers, DIC opinions, designs, appraisals, partly
// approved lines, a source outside the floor, an estimate not being balanced), for shortfalls that
// leave each tier partial, that meet every request, and for rounding units 1, 1,000 and 1,000,000.
import { message } from '../src/common/errors/messages.js';
import { allocate } from '../src/engine/allocation/index.js';
import { summariseTopUp } from '../src/modules/floor/domain/top-up.js';
import { FloorService } from '../src/modules/floor/floor.service.js';
import { DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

const Y = DEMO_YEAR;
const SOURCES = ['PROVINCIAL', 'DISTRICT', 'COMMUNE'];

/** A small deterministic generator (mulberry32): the same lines on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

describe('the floor top-up from per-tier sums equals the allocator over every line (e2e)', () => {
  let t: TestApp;
  let dof: Client;
  let itTotal: bigint;

  beforeAll(async () => {
    t = await createTestApp();
    dof = await t.as('dof.officer');
    const db = t.dataSource;
    const estimates = await db.query<{ id: string }[]>(`SELECT id FROM estimates WHERE year = $1 ORDER BY id`, [Y]);
    expect(estimates.length).toBeGreaterThanOrEqual(3);
    // All but one being balanced (one BALANCED); the last stays a draft, whose lines never count.
    await db.query(`UPDATE estimates SET status = 'SUBMITTED' WHERE year = $1`, [Y]);
    await db.query(`UPDATE estimates SET status = 'BALANCED' WHERE id = $1`, [estimates[0].id]);
    await db.query(`UPDATE estimates SET status = 'DRAFT' WHERE id = $1`, [estimates[estimates.length - 1].id]);
    const next = random(20260511);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
    const rows: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      const estimateId = pick(estimates).id;
      // Few distinct amounts: equal proposals and equal remainders, so every tie-break is used.
      const amount = BigInt(pick([1, 2, 3, 5, 7, 10, 13])) * pick([1_000_000n, 1_234_567n, 999n]);
      const approved = pick([null, null, 0n, amount / 3n, (amount * 9n) / 10n, amount]);
      const appraised = pick([null, null, null, (amount * 4n) / 5n, amount / 4n, amount]);
      const kind = pick(['PROJECT', 'TASK_SIMPLE', 'TASK_DETAILED', 'SERVICE_RENTAL']);
      rows.push([
        estimateId,
        pick(['RECURRENT', 'INVESTMENT']),
        pick([...SOURCES, ...SOURCES, 'CENTRAL']),
        kind,
        `Dòng thử ${i}`,
        amount.toString(),
        approved === null ? null : approved.toString(),
        appraised === null ? null : appraised.toString(),
        pick([1, 1, 2, 3, 4, 7]),
        pick([null, null, 'AGREE', 'AGREE_WITH_CHANGES', 'DISAGREE']),
        pick([null, 'ghi chú của Sở']),
        pick([null, true, true, false]),
      ]);
    }
    // One statement: each line numbered after its estimate's last.
    const column = (i: number) => rows.map((row) => row[i]);
    await db.query(
      `INSERT INTO estimate_lines (estimate_id, line_no, plan_area_code, expenditure_type_code, funding_source_code, activity_kind_code,
                                   description, measure_unit, quantity, unit_price, amount, approved_amount, appraised_amount,
                                   priority_tier, dic_opinion, dic_note, design_agreed)
       SELECT n.estimate_id, COALESCE((SELECT MAX(line_no) FROM estimate_lines x WHERE x.estimate_id = n.estimate_id), 0)
                             + row_number() OVER (PARTITION BY n.estimate_id ORDER BY n.ord),
              '1.a', n.expenditure_type_code, n.funding_source_code, n.activity_kind_code, n.description, 'gói', 1, n.amount, n.amount,
              n.approved_amount, n.appraised_amount, n.priority_tier, n.dic_opinion, n.dic_note, n.design_agreed
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::int[], $10::text[], $11::text[], $12::boolean[])
              WITH ORDINALITY AS n(estimate_id, expenditure_type_code, funding_source_code, activity_kind_code, description, amount,
                                   approved_amount, appraised_amount, priority_tier, dic_opinion, dic_note, design_agreed, ord)`,
      rows[0].map((_v, i) => column(i)),
    );
    const floor = (await dof.get(`/fiscal-years/${Y}/floor`).expect(200)).body as { itTotal: string };
    itTotal = BigInt(floor.itTotal);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The proposal as the allocator over every candidate line gives it (the floor's former way). */
  async function expected(shortfall: bigint, unit: bigint) {
    const service = t.app.get(FloorService);
    const candidates = service.topUpCandidates(await service.balanceableLines(Y, undefined, { sources: SOURCES, unfundedOnly: true }));
    const result = allocate({ ceiling: shortfall, unit, lines: candidates.map((c) => ({ id: c.lineId, requested: c.unfunded, tier: c.tier })) });
    const unfundedTotal = candidates.reduce((sum, c) => sum + c.unfunded, 0n);
    return {
      candidates,
      topUp: {
        ceiling: shortfall,
        allocated: result.allocated,
        unallocated: result.unallocated,
        partialTier: result.partialTier,
        unfundedTotal,
        note: unfundedTotal < shortfall ? message('TOP_UP_SHORT', { unfunded: unfundedTotal, shortfall }) : null,
        ...summariseTopUp(candidates, result.allocations),
      },
    };
  }

  /** Sets the year's total so that the floor is short by exactly `shortfall` (ratio 0.01). */
  async function shortBy(shortfall: bigint): Promise<void> {
    await t.dataSource.query(`UPDATE fiscal_years SET total_local_expenditure = $2, floor_ratio = 0.01, floor_sources = $3 WHERE year = $1`, [
      Y,
      ((itTotal + shortfall) * 100n).toString(),
      SOURCES,
    ]);
  }

  it('agrees for each tier left partial, for every request met, and for each rounding unit', async () => {
    const { candidates } = await expected(1n, 1n);
    const tiers = [...new Set(candidates.map((c) => c.tier))].sort((a, b) => a - b);
    expect(tiers.length).toBeGreaterThanOrEqual(4);
    expect(candidates.length).toBeGreaterThan(1000); // more than the answer lists
    const needBefore = (tier: number) => candidates.filter((c) => c.tier < tier).reduce((sum, c) => sum + c.unfunded, 0n);
    const needOf = (tier: number) => candidates.filter((c) => c.tier === tier).reduce((sum, c) => sum + c.unfunded, 0n);
    const total = candidates.reduce((sum, c) => sum + c.unfunded, 0n);
    const shortfalls = [1n, 7n, ...tiers.map((tier) => needBefore(tier) + (needOf(tier) * 3n) / 7n), needBefore(tiers[2]), total, total + 12_345n];
    let compared = 0;
    for (const shortfall of shortfalls) {
      await shortBy(shortfall);
      for (const unit of [1n, 1000n, 1_000_000n]) {
        const answer = (await dof.get(`/fiscal-years/${Y}/floor`).query({ roundingUnit: unit.toString() }).expect(200)).body as { shortfall: string; topUp: unknown };
        expect(answer.shortfall).toBe(shortfall.toString());
        const { topUp } = await expected(shortfall, unit);
        expect(answer.topUp).toEqual(json(topUp));
        compared++;
      }
    }
    expect(compared).toBe(shortfalls.length * 3);
  });
});
