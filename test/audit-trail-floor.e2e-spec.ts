// The reads the dashboards and the auditor's screen stand on: the audit trail with names instead of
// ids (GET /audit, GET /audit/actors) and the floor across the plan's years (GET /plan-periods/{id}/floor),
// where a year without data has no figure rather than a 0.
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface TrailEvent {
  seq: string;
  action: string;
  actorName: string | null;
  actorFullName: string | null;
  unitName: string | null;
  entityType: string;
  subject: { year: number | null; half: number | null; lineNo: number | null; description: string | null; name: string | null };
}
interface TrailPage {
  items: TrailEvent[];
  total: number;
  limit: number;
  offset: number;
}
interface YearFloor {
  year: number;
  floorAmount: string | null;
  requestedTotal: string;
  itTotal: string;
  compliant: boolean | null;
  shortfall: string | null;
  lines: number;
  approvedLines: number;
}

describe('the audit trail with names, and the floor across the plan’s years (e2e)', () => {
  let t: TestApp;
  let officer: Client, auditor: Client, dof: Client;
  let estimateId: string;
  let lineAmount: string;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, auditor, dof] = await Promise.all(['yenphong.officer', 'auditor', 'dof.officer'].map((u) => t.as(u)));
    const created = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2013 }).expect(201)).body as { id: string };
    estimateId = created.id;
    const withLine = (await officer.post(`/estimates/${estimateId}/lines`).send({ ...lineBody({ description: 'Mạng LAN huyện' }), version: 1 }).expect(201)).body as {
      lines: { amount: string }[];
    };
    lineAmount = withLine.lines[0].amount;
    // A line of another source (not the floor's), so that the trail holds a few events.
    await officer.post(`/estimates/${estimateId}/lines`).send({ ...lineBody({ description: 'Thuê dịch vụ', fundingSourceCode: 'CENTRAL' }), version: 2 }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('names who acted, for which unit and on what: the estimate’s year, the line’s number and description', async () => {
    const page = (await auditor.get('/audit').query({ unitId: SEEDED.yenPhong, entityId: estimateId }).expect(200)).body as TrailPage;
    expect(page.total).toBe(1);
    const [created] = page.items;
    const [user] = await t.dataSource.query<{ full_name: string }[]>(`SELECT full_name FROM users WHERE username = 'yenphong.officer'`);
    expect(created).toMatchObject({
      action: 'estimate.create',
      actorName: 'yenphong.officer',
      actorFullName: user.full_name,
      unitName: 'UBND huyện Yên Phong',
      subject: { year: 2013, half: null, lineNo: null, description: null, name: null },
    });

    const lines = (await auditor.get('/audit').query({ entityType: 'estimate_line', unitId: SEEDED.yenPhong, from: '2000-01-01T00:00:00Z' }).expect(200)).body as TrailPage;
    const added = lines.items.find((e) => e.subject.description === 'Mạng LAN huyện');
    expect(added).toMatchObject({ action: 'line.create', subject: { year: 2013, lineNo: 1 } });
  });

  it('pages newest first with the number of matching events, and lists the actors by name', async () => {
    const all = (await auditor.get('/audit').query({ limit: 1000 }).expect(200)).body as TrailPage;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(2);
    const newest = (await auditor.get('/audit').query({ order: 'desc', limit: 2, offset: 1 }).expect(200)).body as TrailPage;
    expect(newest.total).toBe(all.total);
    expect(newest.items.map((e) => e.seq)).toEqual([all.items[all.total - 2].seq, all.items[all.total - 3].seq]);
    await auditor.get('/audit').query({ order: 'sideways' }).expect(400);

    const actors = (await auditor.get('/audit/actors').expect(200)).body as { items: { actorId: string; username: string; fullName: string }[] };
    expect(actors.items.map((a) => a.username)).toContain('yenphong.officer');
    expect(actors.items.every((a) => a.fullName !== null)).toBe(true);
    await officer.get('/audit/actors').expect(403);
  });

  it('gives the floor of every year of the plan as each year\'s live check gives it: a year without lines is short, not blank', async () => {
    const { planPeriod, years } = (await dof.get('/plan-periods/2011-2015/floor').expect(200)).body as { planPeriod: string; years: YearFloor[] };
    expect(planPeriod).toBe('2011-2015');
    expect(years.map((y) => y.year)).toEqual([2011, 2012, 2013, 2014, 2015]);

    // Every year says what GET /fiscal-years/{year}/floor says, figure for figure (one code path).
    for (const year of years) {
      const live = (await dof.get(`/fiscal-years/${year.year}/floor`).expect(200)).body as Record<string, unknown>;
      const figures = ['year', 'totalLocalExpenditure', 'floorRatio', 'floorAmount', 'requestedTotal', 'itTotal', 'compliant', 'shortfall'] as const;
      expect(Object.fromEntries(figures.map((key) => [key, (year as unknown as Record<string, unknown>)[key]]))).toEqual(Object.fromEntries(figures.map((key) => [key, live[key]])));
    }

    // 2011: no line. Its IT total is 0 and, with its total local expenditure set, it is short by the whole floor.
    const empty = years.find((y) => y.year === 2011)!;
    expect(empty.floorAmount).not.toBeNull();
    expect(empty).toMatchObject({ requestedTotal: '0', itTotal: '0', compliant: false, shortfall: empty.floorAmount, lines: 0, approvedLines: 0 });

    // 2013: one line of the district's budget (a floor source), not yet approved.
    const drafted = years.find((y) => y.year === 2013)!;
    expect(drafted).toMatchObject({ requestedTotal: lineAmount, itTotal: '0', lines: 1, approvedLines: 0 });

    // The demo year agrees with the year's own live check to the đồng.
    const live = (await dof.get('/fiscal-years/2012/floor').expect(200)).body as { floorAmount: string; requestedTotal: string };
    const demo = years.find((y) => y.year === 2012)!;
    expect(demo.floorAmount).toBe(live.floorAmount);
    expect(demo.requestedTotal).toBe(live.requestedTotal);

    await dof.get('/plan-periods/1990-1995/floor').expect(404);
    await dof.get('/plan-periods/bad%20id/floor').expect(400);
    await officer.get('/plan-periods/2011-2015/floor').expect(403);
  });
});
