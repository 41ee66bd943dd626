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

  it('names a line deleted since from what its events kept: the year, its number and description', async () => {
    const { version } = (await officer.get(`/estimates/${estimateId}`).expect(200)).body as { version: number };
    const added = (await officer.post(`/estimates/${estimateId}/lines`).send({ ...lineBody({ description: 'Dòng sẽ xoá' }), version }).expect(201)).body as {
      version: number;
      lines: { id: string; lineNo: number; description: string }[];
    };
    const line = added.lines.find((l) => l.description === 'Dòng sẽ xoá')!;
    await officer.delete(`/estimates/${estimateId}/lines/${line.id}`).query({ version: added.version }).expect(200);
    const page = (await auditor.get('/audit').query({ entityType: 'estimate_line', entityId: line.id }).expect(200)).body as TrailPage;
    expect(page.items.map((e) => [e.action, e.subject])).toEqual([
      ['line.create', { year: 2013, half: null, lineNo: line.lineNo, description: 'Dòng sẽ xoá', name: null }],
      ['line.delete', { year: 2013, half: null, lineNo: line.lineNo, description: 'Dòng sẽ xoá', name: null }],
    ]);
  });

  describe('the time filter, on Vietnam’s clock', () => {
    /** The instant on Vietnam's wall clock, without an offset: 2013-05-01T08:30:15.123. */
    const vietnamWall = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + 7 * 3600_000 + plusMs).toISOString().replace('Z', '');
    const created = async () =>
      ((await auditor.get('/audit').query({ entityId: estimateId, entityType: 'estimate' }).expect(200)).body as TrailPage & { items: { occurredAt: string }[] }).items[0];
    const count = async (query: Record<string, string>) => ((await auditor.get('/audit').query({ entityId: estimateId, entityType: 'estimate', ...query }).expect(200)).body as TrailPage).total;

    it('reads a time without an offset as Vietnam time, `from` inclusive and `to` exclusive', async () => {
      const event = await created();
      const wall = vietnamWall(event.occurredAt);
      // Read as UTC, this wall-clock time would be seven hours after the event and leave it out.
      expect(await count({ from: wall })).toBe(1);
      expect(await count({ to: wall })).toBe(0);
      expect(await count({ to: vietnamWall(event.occurredAt, 1) })).toBe(1);
      expect(await count({ from: vietnamWall(event.occurredAt, 1) })).toBe(0);
      // An offset written is honoured.
      expect(await count({ from: event.occurredAt })).toBe(1);
      expect(await count({ to: event.occurredAt })).toBe(0);
    });

    it('reads a date alone as the start of that day in Vietnam', async () => {
      const event = await created();
      const day = vietnamWall(event.occurredAt).slice(0, 10);
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(await count({ from: day, to: next })).toBe(1);
      expect(await count({ to: day })).toBe(0);
      expect(await count({ from: next })).toBe(0);
    });

    it.each([['2012'], ['2012-01'], ['2012-W01-1'], ['2012-032'], ['2012-01-01 08:00'], ['2013-02-29'], ['2012-01-01T25:00']])(
      'refuses %s as from and as to with 400 naming the field, Vietnamese first',
      async (text) => {
        for (const field of ['from', 'to']) {
          const response = await auditor.get('/audit').query({ [field]: text }).expect(400);
          const details = response.body.details as { field: string; message: string }[];
          expect(details.map((d) => d.field)).toEqual([field]);
          expect(details[0].message).toMatch(new RegExp(`^${field} phải là ngày có thật .* / ${field} must be a real date`));
        }
      },
    );

    it('refuses `from` later than `to` with 400 naming both', async () => {
      const response = await auditor.get('/audit').query({ from: '2013-05-02', to: '2013-05-01T23:59' }).expect(400);
      const details = response.body.details as { field: string; code: string; message: string }[];
      expect(details.map((d) => d.field)).toEqual(['from', 'to']);
      expect(details[0].message).toMatch(/^from: from \(2013-05-02\) phải không muộn hơn to \(2013-05-01T23:59\) \/ from .* must not be later than to/);
      // The same instant written two ways is no contradiction; an empty range answers nothing.
      expect(await count({ from: '2013-05-01T07:00', to: '2013-05-01T00:00:00Z' })).toBe(0);
    });
  });

  it('refuses an empty or unknown entity type with 400 listing the known ones', async () => {
    for (const entityType of ['', 'estimates', 'unit']) {
      const response = await auditor.get('/audit').query({ entityType }).expect(400);
      const details = response.body.details as { field: string; message: string }[];
      expect(details.map((d) => d.field)).toEqual(['entityType']);
      expect(details[0].message).toMatch(/^entityType phải là một trong các giá trị: estimate, estimate_line, budget, fiscal_year, .*user \/ entityType must be one of/);
    }
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
