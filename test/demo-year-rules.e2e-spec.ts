// The demo data keeps its own rules: the seeded demo year (`npm run seed`), as it is right after
// seeding, breaches no rule about its lines — no recurrent line's activity kind is lighter than its
// multi-year total requires (the recurrent-IT thresholds), no project's contingency is above 10%.
// The two year-wide rules report only where the cycle stands, not a fault of the data: nothing is
// approved yet (the floor counts approved amounts), and the districts the demo leaves without an
// estimate have none; every district estimate that is seeded carries its own IT line.
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNITS } from '../seeds/data/units.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface RuleResult {
  code: string;
  passed: boolean;
  violations: { subject: string; message: string }[];
  figures?: { itTotal: string; floorAmount: string; shortfall: string | null };
}

describe('the seeded demo year keeps its own rules (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no breach of a rule about its lines, and the year-wide rules report only the cycle not yet done', async () => {
    const rules = (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/rules`).expect(200)).body as { results: RuleResult[] };
    const result = (code: string) => rules.results.find((r) => r.code === code)!;
    expect(rules.results.map((r) => r.code)).toEqual(['IT_FLOOR', 'DISTRICT_IT_LINE', 'PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);

    for (const code of ['RECURRENT_IT_THRESHOLDS', 'PROJECT_CONTINGENCY']) {
      expect({ code, passed: result(code).passed, violations: result(code).violations.map((v) => v.message) }).toEqual({ code, passed: true, violations: [] });
    }

    // Nothing is approved in the seeded year: the floor's shortfall is the whole floor.
    expect(result('IT_FLOOR').figures).toMatchObject({ itTotal: '0' });
    expect(result('IT_FLOOR').figures!.shortfall).toBe(result('IT_FLOOR').figures!.floorAmount);

    // Only the districts without a demo estimate are named, each for having no estimate at all.
    const withEstimate = new Set(DEMO_ESTIMATES.filter((e) => e.year === DEMO_YEAR).map((e) => e.unitId));
    const without = UNITS.filter((u) => u.kind === 'DISTRICT_COMMITTEE' && !withEstimate.has(u.id)).map((u) => u.code);
    expect(without.length).toBeGreaterThan(0);
    const districts = result('DISTRICT_IT_LINE').violations;
    expect(districts.map((v) => v.subject).sort()).toEqual([...without].sort());
    expect(districts.every((v) => v.message.endsWith(': no IT estimate') && v.message.includes('chưa có dự toán CNTT'))).toBe(true);
  });
});
