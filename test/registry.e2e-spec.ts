import { PLAN_AREAS } from '../seeds/data/catalog.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface UnitView {
  id: string;
  code: string;
  kind: string;
  budgetLevel: string;
  parentId: string | null;
  specialRole: string | null;
}

describe('organisation registry, catalog and fiscal years (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('units', () => {
    it('holds the province, its departments with the special roles, 8 districts and their communes', async () => {
      const units = (await (await t.as('tuson.officer')).get('/units').expect(200)).body as UnitView[];
      const byRole = Object.fromEntries(units.filter((u) => u.specialRole).map((u) => [u.specialRole, u.id]));
      expect(byRole).toEqual({ PPC: UNIT_IDS.ppc, DIC: UNIT_IDS.dic, DOF: UNIT_IDS.dof, DPI: UNIT_IDS.dpi });
      const districts = units.filter((u) => u.kind === 'DISTRICT_COMMITTEE');
      expect(districts).toHaveLength(8);
      expect(districts.every((d) => d.parentId === UNIT_IDS.ppc && d.budgetLevel === 'DISTRICT')).toBe(true);
      const communes = units.filter((u) => u.kind === 'COMMUNE_COMMITTEE');
      const districtIds = new Set(districts.map((d) => d.id));
      expect(communes.length).toBeGreaterThanOrEqual(24);
      expect(communes.every((c) => c.parentId !== null && districtIds.has(c.parentId))).toBe(true);
    });

    it('filters by kind and parent', async () => {
      const communes = (await (await t.as('tuson.officer')).get('/units').query({ parentId: UNIT_IDS.yenPhong }).expect(200)).body as UnitView[];
      expect(communes.length).toBeGreaterThanOrEqual(3);
      expect(communes.every((c) => c.parentId === UNIT_IDS.yenPhong)).toBe(true);
      const departments = (await (await t.as('tuson.officer')).get('/units').query({ kind: 'DEPARTMENT' }).expect(200)).body as UnitView[];
      expect(departments.every((d) => d.kind === 'DEPARTMENT')).toBe(true);
      await (await t.as('tuson.officer')).get('/units').query({ kind: 'EMPIRE' }).expect(400);
    });

    it('shows one unit with its parent and children; 404 when unknown', async () => {
      const district = (await (await t.as('tuson.officer')).get(`/units/${UNIT_IDS.yenPhong}`).expect(200)).body as UnitView & {
        parent: { id: string };
        children: UnitView[];
      };
      expect(district.parent.id).toBe(UNIT_IDS.ppc);
      expect(district.children.length).toBeGreaterThanOrEqual(3);
      await (await t.as('tuson.officer')).get('/units/10000000-0000-4000-8000-999999999999').expect(404);
    });
  });

  describe('catalog', () => {
    it('lists plan areas with the selectable leaves, funding sources, expenditure types and activity kinds', async () => {
      const catalog = (await (await t.as('tuson.officer')).get('/catalog').expect(200)).body as {
        planAreas: { code: string; selectable: boolean }[];
        fundingSources: { code: string }[];
        expenditureTypes: { code: string; balancedBy: string }[];
        activityKinds: { code: string }[];
      };
      expect(catalog.planAreas).toHaveLength(PLAN_AREAS.length);
      const selectable = new Set(catalog.planAreas.filter((a) => a.selectable).map((a) => a.code));
      expect(selectable.has('1.a')).toBe(true);
      expect(selectable.has('1')).toBe(false);
      expect(selectable.has('2.1')).toBe(false);
      expect(catalog.expenditureTypes).toEqual([
        expect.objectContaining({ code: 'RECURRENT', balancedBy: 'DOF' }),
        expect.objectContaining({ code: 'INVESTMENT', balancedBy: 'DPI' }),
      ]);
      expect(catalog.fundingSources.map((s) => s.code)).toEqual(expect.arrayContaining(['PROVINCIAL', 'DISTRICT', 'COMMUNE']));
      expect(catalog.activityKinds.map((k) => k.code)).toEqual(['PROJECT', 'SERVICE_RENTAL', 'TASK_DETAILED', 'TASK_SIMPLE']);
    });
  });

  describe('fiscal years', () => {
    async function yearRow(year: number) {
      const rows = await t.dataSource.query<Record<string, unknown>[]>('SELECT * FROM fiscal_years WHERE year = $1', [year]);
      return rows[0];
    }

    it('holds the plan period 2011–2015 with the floor settings', async () => {
      const years = (await (await t.as('tuson.officer')).get('/fiscal-years').expect(200)).body as { year: number; planPeriod: string }[];
      expect(years.map((y) => y.year)).toEqual([2011, 2012, 2013, 2014, 2015]);
      const year = (await (await t.as('tuson.officer')).get('/fiscal-years/2013').expect(200)).body as Record<string, unknown>;
      expect(year).toMatchObject({ year: 2013, planPeriod: '2011-2015', floorPolicy: 'STOP', floorSources: ['PROVINCIAL', 'DISTRICT', 'COMMUNE'] });
      expect(year.totalLocalExpenditure).toMatch(/^[0-9]+$/);
      expect(year.floorRatio).toBe('0.01');
      await (await t.as('tuson.officer')).get('/fiscal-years/2031').expect(404);
      await (await t.as('tuson.officer')).get('/fiscal-years/abc').expect(400);
    });

    it('changes settings with the current version and refuses a stale one', async () => {
      const current = (await (await t.as('tuson.officer')).get('/fiscal-years/2014').expect(200)).body as { version: number };
      const changed = await (await t.as('dof.officer'))
        .patch('/fiscal-years/2014')
        .send({ totalLocalExpenditure: '9350000000001', floorPolicy: 'WARN', floorRatio: '0.015', reason: 'Số liệu HĐND giao', version: current.version })
        .expect(200);
      expect(changed.body).toMatchObject({ totalLocalExpenditure: '9350000000001', floorPolicy: 'WARN', floorRatio: '0.015', version: current.version + 1 });

      const stale = await (await t.as('dof.officer')).patch('/fiscal-years/2014').send({ floorPolicy: 'STOP', reason: 'Trở lại STOP', version: current.version }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect(await yearRow(2014)).toMatchObject({ floor_policy: 'WARN', version: current.version + 1 });
    });

    it.each([
      ['a fractional total', { totalLocalExpenditure: '1.5' }, 'totalLocalExpenditure'],
      ['a negative total', { totalLocalExpenditure: '-1' }, 'totalLocalExpenditure'],
      ['a ratio above 1', { floorRatio: '1.5' }, 'floorRatio'],
      ['a ratio as a number', { floorRatio: 0.01 }, 'floorRatio'],
      ['an unknown floor source', { floorSources: ['PROVINCIAL', 'MOON'] }, 'floorSources'],
      ['deadlines out of order', { submissionDeadline: '2012-10-01', balancingDeadline: '2012-09-01' }, 'balancingDeadline'],
      ['a date that does not exist', { committeeDeadline: '2012-02-30' }, 'committeeDeadline'],
      ['an unknown policy', { floorPolicy: 'MAYBE' }, 'floorPolicy'],
      ['a missing version', { floorPolicy: 'WARN', version: undefined }, 'version'],
    ])('rejects %s with 400 naming the field and changes nothing', async (_label, body, field) => {
      const before = await yearRow(2015);
      const response = await (await t.as('dof.officer'))
        .patch('/fiscal-years/2015')
        .send({ version: before?.version, ...body })
        .expect(400);
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
      expect(await yearRow(2015)).toEqual(before);
    });

    it('opens a new year once; a second time is 409', async () => {
      const created = await (await t.as('admin'))
        .post('/fiscal-years')
        .send({ year: 2016, planPeriod: '2016-2020', submissionDeadline: '2015-07-20', totalLocalExpenditure: '11000000000000' })
        .expect(201);
      // 2016 is past the plan's floor rule (2011–2015): no floor unless DOF sets one.
      expect(created.body).toMatchObject({ year: 2016, floorRatio: '0', floorPolicy: 'WARN', lateSubmissionPolicy: 'FLAG', version: 1 });
      await (await t.as('admin')).post('/fiscal-years').send({ year: 2016, planPeriod: '2016-2020' }).expect(409);
    });
  });
});
