import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { lineBody } from './support/fixtures.js';
import { type Client, createTestApp, createTestDatabase, type TestApp } from './support/test-app.js';

// What a client sends never ends in a 500, and a refused request changes nothing.
describe('bad input hardening (e2e)', () => {
  let t: TestApp;
  let officer: Client, dof: Client, auditor: Client, dic: Client;
  const estimate = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, dof, auditor, dic] = await Promise.all(['yenphong.officer', 'dof.officer', 'auditor', 'dic.reviewer'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  const fingerprint = async () =>
    t.dataSource.query<unknown[]>(
      `SELECT (SELECT row_to_json(e) FROM estimates e WHERE id = $1) AS estimate,
              (SELECT json_agg(l ORDER BY line_no) FROM estimate_lines l WHERE estimate_id = $1) AS lines,
              (SELECT row_to_json(y) FROM fiscal_years y WHERE year = $2) AS year,
              (SELECT COUNT(*) FROM balancing_runs) AS runs,
              (SELECT COUNT(*) FROM budget_exclusions) AS exclusions,
              (SELECT COUNT(*) FROM audit_events) AS events`,
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

  // A typo in the year must never address another year: `+value` read all of these as 2012.
  it.each(['0x7dc', '0b11111011100', '%202012', '2012%20', '2012.0', '+2012', '1e3', '2012abc', '99999999999999999999'])(
    'refuses the year %s in a path with 400 naming it, instead of reading another number',
    async (year) => {
      const response = await dof.get(`/fiscal-years/${year}/floor`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_NUMBER_PARAM', details: [{ field: 'year', code: 'INVALID_NUMBER_PARAM' }] });
      expect(response.body.message).toMatch(/^year: cần một số nguyên \/ /);
    },
  );

  // The same for every number in a query: class-transformer's Number() read all of these.
  describe('numbers in the query', () => {
    const lineId = () => estimate.lines[0].id;
    it.each([
      ['a page size in exponent form', () => officer.get('/estimates?limit=1e2'), 'limit'],
      ['a page offset in hexadecimal', () => auditor.get('/audit?offset=0x10'), 'offset'],
      ['a page size with a plus sign', () => officer.get('/estimates?limit=%2B5'), 'limit'],
      ['a page size after a space (a plus in a URL)', () => officer.get('/estimates?limit=+5'), 'limit'],
      ['a page size with a decimal point', () => officer.get('/estimates?limit=5.0'), 'limit'],
      ['an empty page size', () => officer.get('/estimates?limit='), 'limit'],
      ['a page size given twice', () => officer.get('/estimates?limit=5&limit=6'), 'limit'],
      ['a year filter in exponent form', () => officer.get('/estimates?year=2.012e3'), 'year'],
      ['the year of the budget index', () => dof.get('/catalog/budget-index?year=0x7dc'), 'year'],
      ['how many checkpoints', () => auditor.get('/audit/checkpoints?limit=1.0'), 'limit'],
      ['the half of a progress-report list', () => dof.get('/progress-reports?half=1.0'), 'half'],
      ['the version of a line deletion', () => officer.delete(`/estimates/${estimate.id}/lines/${lineId()}?version=1e0`), 'version'],
    ])('refuses %s with 400 INVALID_NUMBER_PARAM naming it, and changes nothing', async (_label, send, field) => {
      const before = await fingerprint();
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_NUMBER_PARAM', details: [{ field, code: 'INVALID_NUMBER_PARAM' }] });
      expect(response.body.message).toBe(`${field}: cần một số nguyên / ${field}: Validation failed (numeric string is expected)`);
      expect(await fingerprint()).toEqual(before);
    });

    it('takes numbers written in decimal digits', async () => {
      const page = await officer.get('/estimates?limit=5&offset=0').expect(200);
      expect(page.body).toMatchObject({ limit: 5, offset: 0 });
      await auditor.get('/audit/checkpoints?limit=2').expect(200);
      await dof.get('/catalog/budget-index?year=2012').expect(200);
    });
  });

  it('still takes a year written in decimal digits', async () => {
    const response = await dof.get(`/fiscal-years/${DEMO_YEAR}/floor`).expect(200);
    expect(response.body.year).toBe(DEMO_YEAR);
  });

  it('refuses impossible dates in the audit filter with 400', async () => {
    await auditor.get('/audit').query({ from: '2026-02-30' }).expect(400);
    await auditor.get('/audit').query({ to: '0000-01-01' }).expect((r) => expect(r.status).toBeLessThan(500));
  });

  // Issue 10 §5: nesting, prototype keys, blank required text, security headers.
  const json = (test: request.Test, text: string) => test.set('Content-Type', 'application/json').send(text);

  describe('deeply nested JSON', () => {
    it('is refused with 400 before parsing, without a token and without a stack trace', async () => {
      const deep = `{"username":${'['.repeat(3000)}${']'.repeat(3000)},"password":"x"}`;
      const response = await json(request(t.http).post('/auth/login'), deep).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT', details: [{ field: 'body', code: 'JSON_TOO_DEEP' }] });
      expect(JSON.stringify(response.body)).not.toMatch(/RangeError|Maximum call stack| at /);
    });

    it('refuses a 2 MB [[[…]]] the same way, answering other requests meanwhile', async () => {
      const huge = '['.repeat(1024 * 1024) + ']'.repeat(1024 * 1024 - 16);
      const [refused, health] = await Promise.all([json(request(t.http).post('/auth/login'), huge), request(t.http).get('/health')]);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].code).toBe('JSON_TOO_DEEP');
      expect(health.status).toBe(200);
    });

    it('takes nesting a real body has, and brackets inside strings do not count', async () => {
      const inStrings = JSON.stringify({ username: '['.repeat(5000), password: '{'.repeat(100) });
      await json(request(t.http).post('/auth/login'), inStrings).expect(400); // too long a username: a field error, not JSON_TOO_DEEP
      const answered = await json(request(t.http).post('/auth/login'), inStrings);
      expect(answered.body.details[0].field).toBe('username');
    });
  });

  describe('prototype keys', () => {
    it.each([
      ['__proto__ at the top', '{"username":"admin","password":"x","__proto__":{"role":"ADMIN"}}', '__proto__'],
      ['constructor at the top', '{"username":"admin","password":"x","constructor":{"prototype":{"a":1}}}', 'constructor'],
      ['prototype at the top', '{"username":"admin","password":"x","prototype":1}', 'prototype'],
    ])('refuses %s of a sign-in with 400 naming it, as any unknown field', async (_label, body, field) => {
      const response = await json(request(t.http).post('/auth/login'), body).expect(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field, code: 'whitelistValidation' })]);
    });

    it('refuses them nested in a change, and nothing is saved', async () => {
      const before = await fingerprint();
      const body = JSON.stringify({ ...lineBody(), version: 1 }).replace(/}$/, ',"__proto__":{"approvedAmount":"1"}}');
      const response = await json(officer.post(`/estimates/${estimate.id}/lines`), body).expect(400);
      expect(response.body.details[0].field).toBe('__proto__');
      const review = `{"version":1,"opinions":[{"lineId":"${estimate.lines[0].id}","opinion":"AGREE","constructor":{}}]}`;
      const nested = await json(dic.post(`/estimates/${estimate.id}/review`), review).expect(400);
      expect(nested.body.details[0].field).toBe('opinions[0].constructor');
      expect(await fingerprint()).toEqual(before);
    });

    it('refuses them in a query string', async () => {
      const response = await dof.get('/audit').query({ constructor: 'x' }).expect(400);
      expect(response.body.details[0].field).toBe('constructor');
    });
  });

  describe('required text made of spaces', () => {
    it.each([
      ['a line description', () => officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: '   ' }), version: 1 }), 'description'],
      ['a line description of no-break and zero-width spaces', () => officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: '\u00a0\u200b\t' }), version: 1 }), 'description'],
      ['a measure unit', () => officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ measureUnit: ' ' }), version: 1 }), 'measureUnit'],
      ['a changed description', () => officer.patch(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}`).send({ description: '\n\n', version: 1 }), 'description'],
      ['a return comment', () => dic.post(`/estimates/${estimate.id}/return`).send({ comment: '  ' }), 'comment'],
      ['an exclusion reason', () => dof.post(`/fiscal-years/${DEMO_YEAR}/budget/exclusions`).send({ estimateId: estimate.id, reason: ' \t ' }), 'reason'],
      ['a username', () => request(t.http).post('/auth/login').send({ username: '   ', password: 'x' }), 'username'],
    ])('refuses %s with 400 naming the field, and saves nothing', async (_label, send, field) => {
      const before = await fingerprint();
      const response = await send();
      expect(response.status).toBe(400);
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
      expect(await fingerprint()).toEqual(before);
    });
  });

  // Numbers beyond a PostgreSQL integer and malformed uuids are refused by validation, naming the
  // parameter, not by the database with a bare OUT_OF_RANGE / INVALID_DATA_VALUE.
  describe('numbers and ids the database cannot take', () => {
    const big = '2147483648';
    it.each([
      ['a year in the path', () => dof.get(`/fiscal-years/${big}`), 'year'],
      ['a year in a nested path', () => dof.get(`/fiscal-years/${big}/floor`), 'year'],
      ['a year before the system', () => dof.get('/fiscal-years/1999/progress-deadlines'), 'year'],
      ['a half in the path', () => dic.put(`/fiscal-years/${DEMO_YEAR}/progress-deadlines/${big}`).send({ dueDate: '2012-12-31' }), 'half'],
      ['a year in the query', () => officer.get(`/estimates?year=${big}`), 'year'],
      ['a page offset', () => officer.get(`/estimates?offset=${big}`), 'offset'],
      ['a version in the query', () => officer.delete(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}?version=${big}`), 'version'],
      ['a version in the body', () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ version: Number(big), lateSubmissionPolicy: 'FLAG' }), 'version'],
      ['a version of a line', () => officer.patch(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}`).send({ version: Number(big), description: 'x' }), 'version'],
      ['run ids made of dashes', () => dof.get(`/fiscal-years/${DEMO_YEAR}/balancing-runs/compare?ids=${'-'.repeat(36)},${'a'.repeat(36)}`), 'ids'],
    ])('refuses %s with 400 naming it, and changes nothing', async (_label, send, field) => {
      const before = await fingerprint();
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.body.code).not.toMatch(/OUT_OF_RANGE|INVALID_DATA_VALUE/);
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
      expect(await fingerprint()).toEqual(before);
    });
  });

  describe("a year's plan period and dates", () => {
    const yearVersion = async () => ((await dof.get(`/fiscal-years/${DEMO_YEAR}`).expect(200)).body as { version: number }).version;
    it.each([
      ['a plan period not containing the year', async () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ version: await yearVersion(), planPeriod: '2016-2020' }), 'planPeriod', 'PLAN_PERIOD_OUTSIDE_YEAR'],
      ['a plan period written backwards', async () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ version: await yearVersion(), planPeriod: '2015-2011' }), 'planPeriod', 'PLAN_PERIOD_ORDER'],
      ['a new year outside its plan period', () => dof.post('/fiscal-years').send({ year: 2030, planPeriod: '2011-2015' }), 'planPeriod', 'PLAN_PERIOD_OUTSIDE_YEAR'],
      ['a new year with a backwards plan period', () => dof.post('/fiscal-years').send({ year: 2030, planPeriod: '2035-2030' }), 'planPeriod', 'PLAN_PERIOD_ORDER'],
      ['a submission deadline a century early', async () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ version: await yearVersion(), submissionDeadline: '1900-01-01' }), 'submissionDeadline', 'DATE_OUT_OF_YEAR'],
      ['a committee deadline far ahead', async () => dof.patch(`/fiscal-years/${DEMO_YEAR}`).send({ version: await yearVersion(), committeeDeadline: '2099-12-31' }), 'committeeDeadline', 'DATE_OUT_OF_YEAR'],
      ['a new year with a deadline years before it', () => dof.post('/fiscal-years').send({ year: 2030, planPeriod: '2026-2030', submissionDeadline: '2020-07-20' }), 'submissionDeadline', 'DATE_OUT_OF_YEAR'],
      ['a report deadline far ahead', () => dic.put(`/fiscal-years/${DEMO_YEAR}/progress-deadlines/1`).send({ dueDate: '2099-12-31' }), 'dueDate', 'DATE_OUT_OF_YEAR'],
    ])('refuses %s with 400 naming the field, and saves nothing', async (_label, send, field, code) => {
      const before = await fingerprint();
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field, code })]);
      expect(response.body.message).toMatch(new RegExp(`^${field}[: ].* / `));
      expect(await fingerprint()).toEqual(before);
      await dof.get('/fiscal-years/2030').expect(404);
    });

    it('takes a plan period of one year and dates from the year before to the year after', async () => {
      await dof.post('/fiscal-years').send({ year: 2031, planPeriod: '2031-2031', submissionDeadline: '2030-01-01', committeeDeadline: '2032-12-31' }).expect(201);
      const decided = (await dof.patch('/fiscal-years/2031').send({ version: 1, balancingDeadline: '2031-06-30' }).expect(200)).body as { planPeriod: string; version: number };
      expect(decided).toMatchObject({ planPeriod: '2031-2031', version: 2 });
    });
  });

  // A JSON route refuses another media type with 415 naming application/json, before any field check.
  describe('the content type of a body', () => {
    const wrongType = (response: request.Response) => {
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'Content-Type', code: 'UNSUPPORTED_MEDIA_TYPE' }] });
      expect(response.body.message).toMatch(/^Nội dung yêu cầu phải gửi dạng application\/json \(tiêu đề Content-Type\), không phải .+ \/ The request body must be sent as application\/json/);
    };

    it.each([
      ['text/plain', 'text/plain', '{"username":"admin","password":"x"}'],
      ['a form', 'application/x-www-form-urlencoded', 'username=admin&password=x'],
      ['XML', 'application/xml', '<login/>'],
    ])('answers 415 to a sign-in sent as %s, naming the type it got', async (_label, type, body) => {
      const response = await request(t.http).post('/auth/login').set('Content-Type', type).send(body);
      wrongType(response);
      expect(response.body.message).toContain(type);
    });

    it('answers 415 to a change sent as a form, and changes nothing', async () => {
      const before = await fingerprint();
      wrongType(await dof.patch(`/fiscal-years/${DEMO_YEAR}`).set('Content-Type', 'application/x-www-form-urlencoded').send('version=1&floorPolicy=WARN'));
      wrongType(await officer.post(`/estimates/${estimate.id}/lines`).set('Content-Type', 'text/plain').send(JSON.stringify({ ...lineBody(), version: 1 })));
      expect(await fingerprint()).toEqual(before);
    });

    it('takes application/json with a charset, and a step without a body', async () => {
      const response = await request(t.http).post('/auth/login').set('Content-Type', 'application/json; charset=utf-8').send('{"username":"admin","password":"wrong"}');
      expect(response.status).toBe(401);
      const preview = await dof.post(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).set('Content-Type', 'text/plain');
      expect(preview.status).not.toBe(415);
    });

    it('leaves the workbook upload (multipart) its own answer', async () => {
      const response = await officer.post(`/estimates/${estimate.id}/workbook`).set('Content-Type', 'application/json').send('{"version":1}');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(String(response.body.message)).not.toContain('application/json (tiêu đề Content-Type)');
    });
  });

  describe('security headers', () => {
    it('sends helmet’s headers and no X-Powered-By, on the API and on errors', async () => {
      for (const response of [await request(t.http).get('/health'), await request(t.http).get('/nowhere'), await request(t.http).post('/auth/login').send({})]) {
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
        expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
        expect(response.headers['referrer-policy']).toBe('no-referrer');
      }
    });

    it('serves /docs in development and tests', async () => {
      const docs = await request(t.http).get('/docs/').expect(200);
      expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
      // Swagger UI runs from its own files: no inline script the CSP would block.
      expect(docs.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    });
  });
});

describe('/docs in production', () => {
  const production = async (env: Record<string, string>, work: (http: App) => Promise<void>) => {
    const database = await createTestDatabase();
    let app: INestApplication | undefined;
    try {
      const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', JWT_SECRET: randomBytes(32).toString('hex'), AUDIT_KEY: randomBytes(32).toString('hex'), JOBS_WORKER: 'false', ...env });
      app = await createApp(config, database.url);
      await work(app.getHttpServer() as App);
    } finally {
      await app?.close();
      await database.drop();
    }
  };

  it('is not served unless DOCS_ENABLED says so', async () => {
    await production({}, async (http) => {
      await request(http).get('/docs/').expect(404);
      await request(http).get('/docs-json').expect(404);
      await request(http).get('/health').expect(200);
    });
    await production({ DOCS_ENABLED: 'true' }, async (http) => {
      await request(http).get('/docs/').expect(200);
    });
  });
});
