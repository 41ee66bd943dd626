import request from 'supertest';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { lineBody } from './support/fixtures.js';
import { createTestApp, login, type TestApp } from './support/test-app.js';

// One demo user per role; the unit roles are Yên Phong's.
const USER_OF_ROLE = {
  UNIT_OFFICER: 'yenphong.officer',
  UNIT_HEAD: 'yenphong.head',
  DIC_REVIEWER: 'dic.reviewer',
  DOF_OFFICER: 'dof.officer',
  DPI_OFFICER: 'dpi.officer',
  CHAIR: 'chair',
  ADMIN: 'admin',
  AUDITOR: 'auditor',
} as const;
type RoleName = keyof typeof USER_OF_ROLE;
const ALL = Object.keys(USER_OF_ROLE) as RoleName[];
const PROVINCE: RoleName[] = ['DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER', 'CHAIR', 'ADMIN', 'AUDITOR'];

const yenPhongEstimate = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;
const E = yenPhongEstimate.id;
const L = yenPhongEstimate.lines[0].id;
const Y = DEMO_YEAR;

// Every route, and the roles that may use it, written out here independently of the code's table.
const R = '00000000-0000-4000-8000-000000000000';
const ROUTES: { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; allowed: RoleName[] }[] = [
  { method: 'get', path: '/auth/me', allowed: ALL },
  { method: 'get', path: '/units', allowed: ALL },
  { method: 'get', path: `/units/${UNIT_IDS.yenPhong}`, allowed: ALL },
  { method: 'get', path: '/catalog', allowed: ALL },
  { method: 'get', path: '/fiscal-years', allowed: ALL },
  { method: 'get', path: `/fiscal-years/${Y}`, allowed: ALL },
  { method: 'post', path: '/fiscal-years', allowed: ['ADMIN', 'DOF_OFFICER'] },
  { method: 'patch', path: `/fiscal-years/${Y}`, allowed: ['ADMIN', 'DOF_OFFICER'] },
  { method: 'get', path: `/fiscal-years/${Y}/consolidation`, allowed: ALL },
  { method: 'get', path: '/estimates', allowed: ALL },
  { method: 'get', path: `/estimates/${E}`, allowed: ALL },
  { method: 'post', path: '/estimates', allowed: ['UNIT_OFFICER', 'UNIT_HEAD', 'ADMIN'] },
  { method: 'post', path: `/estimates/${E}/lines`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'patch', path: `/estimates/${E}/lines/${L}`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'delete', path: `/estimates/${E}/lines/${L}`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'post', path: `/estimates/${E}/submit`, allowed: ['UNIT_HEAD'] },
  { method: 'post', path: `/estimates/${E}/return`, allowed: ['DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER'] },
  { method: 'post', path: `/estimates/${E}/review`, allowed: ['DIC_REVIEWER'] },
  { method: 'post', path: `/estimates/${E}/appraise`, allowed: ['DIC_REVIEWER'] },
  { method: 'post', path: `/estimates/${E}/balance`, allowed: ['DOF_OFFICER', 'DPI_OFFICER'] },
  { method: 'post', path: `/estimates/${E}/adjustments`, allowed: ['DOF_OFFICER', 'DPI_OFFICER'] },
  { method: 'get', path: `/estimates/${E}/adjustments`, allowed: ALL },
  { method: 'get', path: `/fiscal-years/${Y}/budget`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/districts`, allowed: PROVINCE },
  { method: 'post', path: `/fiscal-years/${Y}/budget/exclusions`, allowed: ['DOF_OFFICER'] },
  { method: 'delete', path: `/fiscal-years/${Y}/budget/exclusions/${E}`, allowed: ['DOF_OFFICER'] },
  { method: 'post', path: `/fiscal-years/${Y}/budget/submit`, allowed: ['DOF_OFFICER'] },
  { method: 'post', path: `/fiscal-years/${Y}/budget/approve`, allowed: ['CHAIR'] },
  { method: 'post', path: `/fiscal-years/${Y}/budget/return`, allowed: ['CHAIR'] },
  { method: 'get', path: `/fiscal-years/${Y}/floor`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/rules`, allowed: PROVINCE },
  { method: 'post', path: `/fiscal-years/${Y}/balancing-runs`, allowed: ['DOF_OFFICER', 'DPI_OFFICER'] },
  { method: 'get', path: `/fiscal-years/${Y}/balancing-runs`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/balancing-runs/compare`, allowed: PROVINCE },
  { method: 'get', path: `/balancing-runs/${R}`, allowed: PROVINCE },
  { method: 'post', path: `/balancing-runs/${R}/adopt`, allowed: ['DOF_OFFICER', 'DPI_OFFICER'] },
  { method: 'post', path: `/fiscal-years/${Y}/support-rounds`, allowed: ['DOF_OFFICER'] },
  { method: 'get', path: `/fiscal-years/${Y}/support-rounds`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/support-rounds/${R}`, allowed: PROVINCE },
  { method: 'put', path: `/fiscal-years/${Y}/support-rounds/${R}/candidates`, allowed: ['DOF_OFFICER'] },
  { method: 'post', path: `/fiscal-years/${Y}/support-rounds/${R}/decide`, allowed: ['CHAIR'] },
  { method: 'get', path: `/fiscal-years/${Y}/support-awards`, allowed: ALL },
  { method: 'get', path: '/plan-periods', allowed: ALL },
  { method: 'get', path: '/plan-periods/2011-2015/targets', allowed: ALL },
  { method: 'put', path: '/plan-periods/2011-2015/targets/X/province-values', allowed: ['ADMIN', 'DIC_REVIEWER'] },
  { method: 'get', path: `/fiscal-years/${Y}/progress-deadlines`, allowed: ALL },
  { method: 'put', path: `/fiscal-years/${Y}/progress-deadlines/1`, allowed: ['ADMIN', 'DIC_REVIEWER'] },
  { method: 'post', path: '/progress-reports', allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'get', path: '/progress-reports', allowed: ALL },
  { method: 'get', path: `/progress-reports/${R}`, allowed: ALL },
  { method: 'patch', path: `/progress-reports/${R}`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'post', path: `/progress-reports/${R}/submit`, allowed: ['UNIT_HEAD'] },
  { method: 'post', path: `/progress-reports/${R}/accept`, allowed: ['DIC_REVIEWER'] },
  { method: 'post', path: `/progress-reports/${R}/return`, allowed: ['DIC_REVIEWER'] },
  { method: 'get', path: `/progress-reports/${R}/workbook`, allowed: ALL },
  { method: 'post', path: `/progress-reports/${R}/workbook`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'get', path: '/plan-periods/2011-2015/dashboard', allowed: PROVINCE },
  { method: 'get', path: '/plan-periods/2011-2015/progress-report.xlsx', allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/report.xlsx`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/treasury-export.csv`, allowed: PROVINCE },
  { method: 'get', path: `/fiscal-years/${Y}/treasury-export.xlsx`, allowed: PROVINCE },
  { method: 'get', path: '/catalog/budget-index', allowed: ALL },
  { method: 'get', path: `/estimates/${E}/workbook`, allowed: ALL },
  { method: 'post', path: `/estimates/${E}/workbook`, allowed: ['UNIT_OFFICER', 'UNIT_HEAD'] },
  { method: 'get', path: `/jobs/${R}`, allowed: ALL },
  { method: 'get', path: '/audit', allowed: ['DOF_OFFICER', 'CHAIR', 'AUDITOR'] },
  { method: 'get', path: '/audit/verify', allowed: ['DOF_OFFICER', 'CHAIR', 'AUDITOR'] },
];

describe('access control (e2e)', () => {
  let t: TestApp;
  const tokens = new Map<RoleName, string>();

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ALL) tokens.set(role, await login(t.http, USER_OF_ROLE[role]));
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(ROUTES)('$method $path', ({ method, path, allowed }) => {
    it('needs a token (401)', async () => {
      const response = await request(t.http)[method](path).send({});
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it.each(ALL)('as %s', async (role) => {
      // Empty bodies: an allowed role gets past the guard (and then usually a 400); others get 403.
      const response = await request(t.http)[method](path).set('Authorization', `Bearer ${tokens.get(role)}`).send({});
      if (allowed.includes(role)) {
        expect([401, 403]).not.toContain(response.status);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
      }
    });
  });

  it('keeps /health and /docs open', async () => {
    await request(t.http).get('/health').expect(200);
    await request(t.http).get('/docs').expect(200);
  });

  describe('a district acts for itself and its communes only', () => {
    it('does not see another district’s estimate (404) and cannot act on it (403)', async () => {
      const tuson = await t.as('tuson.officer');
      const tusonHead = await t.as('tuson.head');
      const versionOf = async () =>
        (await t.dataSource.query<[{ version: number }]>('SELECT version FROM estimates WHERE id = $1', [E]))[0].version;
      const before = await versionOf();
      await tuson.get(`/estimates/${E}`).expect(404);
      await tuson.post(`/estimates/${E}/lines`).send({ ...lineBody(), version: 1 }).expect(403);
      await tuson.patch(`/estimates/${E}/lines/${L}`).send({ description: 'x', version: 1 }).expect(403);
      await tuson.delete(`/estimates/${E}/lines/${L}`).query({ version: 1 }).expect(403);
      await tusonHead.post(`/estimates/${E}/submit`).send({}).expect(403);
      await tuson.post('/estimates').send({ unitId: UNIT_IDS.yenPhong, year: 2014 }).expect(403);
      const list = (await tuson.get('/estimates').query({ year: Y }).expect(200)).body as { items: { unitId: string }[] };
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((item) => item.unitId === UNIT_IDS.tuSon)).toBe(true);
      const consolidation = (await tuson.get(`/fiscal-years/${Y}/consolidation`).expect(200)).body as { byUnit: { unitId: string }[] };
      expect(consolidation.byUnit.map((u) => u.unitId)).toEqual([UNIT_IDS.tuSon]);
      expect(await versionOf()).toBe(before);
    });

    it('sees and drafts for its own communes; a commune sees only itself', async () => {
      const yenphong = await t.as('yenphong.officer');
      const cho = await t.as('cho.officer');
      const communeEstimate = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.choTown)!;
      await yenphong.get(`/estimates/${communeEstimate.id}`).expect(200);
      await cho.get(`/estimates/${communeEstimate.id}`).expect(200);
      await cho.get(`/estimates/${E}`).expect(404);
      const me = (await cho.get('/auth/me').expect(200)).body as { unitScope: string[] };
      expect(me.unitScope).toEqual([UNIT_IDS.choTown]);
    });
  });

  describe('sign-in', () => {
    it('refuses a wrong password with 401, and slows down repeated failures with 429', async () => {
      const attempt = () => request(t.http).post('/auth/login').send({ username: 'auditor', password: 'wrong' });
      for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
      const slowed = await attempt();
      expect(slowed.status).toBe(429);
      expect(slowed.body.code).toBe('LOGIN_BACKOFF');
      // Even the right password waits until the backoff has passed.
      await request(t.http).post('/auth/login').send({ username: 'auditor', password: 'itbudget-demo' }).expect(429);
    });

    it('lets no more than 5 of many parallel wrong attempts reach the password check', async () => {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => request(t.http).post('/auth/login').send({ username: 'dpi.officer', password: 'wrong' })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    });

    it('refuses a forged or malformed token, and a deactivated user', async () => {
      await request(t.http).get('/units').set('Authorization', 'Bearer not.a.token').expect(401);
      await request(t.http).get('/units').set('Authorization', `Basic ${tokens.get('ADMIN')}`).expect(401);
      const token = await login(t.http, 'education.officer');
      await request(t.http).get('/units').set('Authorization', `Bearer ${token}`).expect(200);
      await t.dataSource.query(`UPDATE users SET active = false WHERE username = 'education.officer'`);
      await request(t.http).get('/units').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('rejects unknown fields and empty credentials with 400', async () => {
      await request(t.http).post('/auth/login').send({ username: 'admin' }).expect(400);
      await request(t.http).post('/auth/login').send({ username: 'admin', password: 'x', role: 'ADMIN' }).expect(400);
    });
  });
});
