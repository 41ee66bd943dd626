import request from 'supertest';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { lineBody } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

// What a client sends never ends in a 500, and a refused request changes nothing.
describe('bad input hardening (e2e)', () => {
  let t: TestApp;
  let officer: Client, dof: Client, auditor: Client;
  const estimate = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, dof, auditor] = await Promise.all(['yenphong.officer', 'dof.officer', 'auditor'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  const fingerprint = async () =>
    t.dataSource.query<unknown[]>(
      `SELECT (SELECT row_to_json(e) FROM estimates e WHERE id = $1) AS estimate,
              (SELECT json_agg(l ORDER BY line_no) FROM estimate_lines l WHERE estimate_id = $1) AS lines,
              (SELECT row_to_json(y) FROM fiscal_years y WHERE year = $2) AS year,
              (SELECT COUNT(*) FROM balancing_runs) AS runs`,
      [estimate.id, DEMO_YEAR],
    );

  it.each([
    ['a null amount on a new line', () => officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ amount: null }), version: 1 }), 'amount'],
    ['a null unit price on a patch', () => officer.patch(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}`).send({ unitPrice: null, version: 1 }), 'unitPrice'],
    ['a null quantity on a patch', () => officer.patch(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}`).send({ quantity: null, version: 1 }), 'quantity'],
    ['null floor sources', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ floorSources: null, version: 1 }), 'floorSources'],
    ['no floor sources at all', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ floorSources: [], version: 1 }), 'floorSources'],
    ['a null floor policy', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ floorPolicy: null, version: 1 }), 'floorPolicy'],
    ['a null floor ratio', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ floorRatio: null, version: 1 }), 'floorRatio'],
    ['a null plan period', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ planPeriod: null, version: 1 }), 'planPeriod'],
    ['a null run ceiling', () => dof.post(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).send({ track: 'RECURRENT', ceiling: null }), 'ceiling'],
    ['null ceilings by source', () => dof.post(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).send({ track: 'RECURRENT', ceilingsBySource: null }), 'ceilingsBySource'],
  ])('refuses %s with 400 naming the field', async (_label, send, field) => {
    const before = await fingerprint();
    const response = await send();
    expect(response.status).toBe(400);
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses text that PostgreSQL cannot store (NUL) with 400', async () => {
    const before = await fingerprint();
    await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: 'LAN\u0000' }), version: 1 }).expect(400);
    await request(t.http).post('/auth/login').send({ username: 'ad\u0000min', password: 'x' }).expect(400);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses impossible dates in the audit filter with 400', async () => {
    await auditor.get('/audit').query({ from: '2026-02-30' }).expect(400);
    await auditor.get('/audit').query({ to: '0000-01-01' }).expect((r) => expect(r.status).toBeLessThan(500));
  });
});
