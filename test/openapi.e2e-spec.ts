import request from 'supertest';
import { DEMO_PASSWORD } from '../seeds/data/users.js';
import { buildOpenApiDocumentOffline } from '../src/openapi/openapi-document.js';
import { lineBody, SEEDED } from './support/fixtures.js';
import { expectMatchesDocument, type OpenApiDocument } from './support/openapi-check.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

// What the typed client of the web app promises is what the API answers: real responses of the
// seeded app, checked against the schema their operation declares.
describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument;
  }, 30_000);
  afterAll(async () => {
    await t.close();
  });

  /** Sends the request, checks the answer against its operation's schema, returns the body. */
  async function call(client: Client, method: 'get' | 'post' | 'patch' | 'delete' | 'put', url: string, template: string, body?: object) {
    const test = client[method](url);
    const response = await (body ? test.send(body) : test);
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    expectMatchesDocument(document, method, template, response);
    return response.body as Record<string, unknown>;
  }

  it('served at /docs-json is the one the typed client is generated from (no database)', async () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocumentOffline())));
  }, 60_000);

  it('sign-in, registry, catalog and years answer what they declare', async () => {
    const login = await request(t.http).post('/auth/login').send({ username: 'yenphong.officer', password: DEMO_PASSWORD }).expect(200);
    expectMatchesDocument(document, 'post', '/auth/login', login);
    const officer = await t.as('yenphong.officer');
    await call(officer, 'get', '/auth/me', '/auth/me');
    await call(await t.as('dof.officer'), 'get', '/auth/me', '/auth/me');
    await call(officer, 'get', '/units', '/units');
    await call(officer, 'get', `/units/${SEEDED.yenPhong}`, '/units/{id}');
    await call(officer, 'get', '/catalog', '/catalog');
    await call(officer, 'get', '/catalog/budget-index?year=2012', '/catalog/budget-index');
    await call(officer, 'get', '/fiscal-years', '/fiscal-years');
    await call(officer, 'get', '/fiscal-years/2012', '/fiscal-years/{year}');
    expectMatchesDocument(document, 'get', '/health', await request(t.http).get('/health'));
  }, 60_000);

  it('an estimate drafted, edited, submitted, and its workbook imported as a job', async () => {
    const officer = await t.as('tuson.officer');
    const head = await t.as('tuson.head');
    let estimate = await call(officer, 'post', '/estimates', '/estimates', { unitId: SEEDED.tuSon, year: 2013 });
    const id = estimate.id as string;
    estimate = await call(officer, 'post', `/estimates/${id}/lines`, '/estimates/{id}/lines', { ...lineBody(), version: estimate.version });
    estimate = await call(officer, 'post', `/estimates/${id}/lines`, '/estimates/{id}/lines', { ...lineBody({ multiYearTotal: '900000000' }), version: estimate.version });
    const [first, second] = estimate.lines as { id: string }[];
    estimate = await call(officer, 'patch', `/estimates/${id}/lines/${first.id}`, '/estimates/{id}/lines/{lineId}', { quantity: '3', version: estimate.version });
    await call(officer, 'delete', `/estimates/${id}/lines/${second.id}?version=${String(estimate.version)}`, '/estimates/{id}/lines/{lineId}');
    await call(officer, 'get', '/estimates?year=2013', '/estimates');
    const current = await call(officer, 'get', `/estimates/${id}`, '/estimates/{id}');
    // The check itself bites: a number where money is a string, a missing field, an unknown status.
    const wrong = (body: object) => () => expectMatchesDocument(document, 'get', '/estimates/{id}', { status: 200, body });
    expect(wrong({ ...current, totals: { ...(current.totals as object), total: 1250 } })).toThrow('$.totals.total: expected a string');
    expect(wrong({ ...current, version: undefined })).toThrow('$.version: required but missing');
    expect(wrong({ ...current, status: 'LOST' })).toThrow('$.status: "LOST" not in');

    const workbook = await officer.get(`/estimates/${id}/workbook`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const queued = await officer.post(`/estimates/${id}/workbook`).set('Prefer', 'respond-async').attach('file', workbook.body as Buffer, 'du-toan.xlsx').expect(202);
    expectMatchesDocument(document, 'post', '/estimates/{id}/workbook', queued);
    const job = queued.body as { id: string };
    await call(officer, 'get', `/jobs/${job.id}`, '/jobs/{id}');

    const submitted = await call(head, 'post', `/estimates/${id}/submit`, '/estimates/{id}/submit', { version: (await call(officer, 'get', `/estimates/${id}`, '/estimates/{id}')).version });
    expect(submitted.status).toBe('SUBMITTED');
    await call(await t.as('dic.reviewer'), 'post', `/estimates/${id}/return`, '/estimates/{id}/return', { comment: 'Bổ sung thuyết minh' });
    await call(officer, 'get', `/estimates/${id}/adjustments`, '/estimates/{id}/adjustments');

    const auditor = await t.as('auditor');
    await call(auditor, 'get', `/audit?entityId=${id}`, '/audit');
    await call(auditor, 'get', '/audit/verify', '/audit/verify');
  }, 60_000);

  it('progress reports, targets, the dashboard, the floor, rules and consolidation answer what they declare', async () => {
    const officer = await t.as('yenphong.officer');
    const dof = await t.as('dof.officer');
    const dic = await t.as('dic.reviewer');
    const report = await call(officer, 'post', '/progress-reports', '/progress-reports', { unitId: SEEDED.yenPhong, year: 2012, half: 1 });
    await call(officer, 'patch', `/progress-reports/${report.id as string}`, '/progress-reports/{id}', { version: report.version, note: 'Ghi chú' });
    await call(officer, 'get', '/progress-reports', '/progress-reports');
    await call(officer, 'get', `/progress-reports/${report.id as string}`, '/progress-reports/{id}');
    await call(officer, 'get', '/plan-periods', '/plan-periods');
    await call(officer, 'get', '/plan-periods/2011-2015', '/plan-periods/{id}');
    await call(officer, 'get', '/plan-periods/2011-2015/targets', '/plan-periods/{id}/targets');
    await call(officer, 'get', '/plan-periods/2011-2015/targets/KEY-DATABASES', '/plan-periods/{id}/targets/{code}');
    await call(dic, 'put', '/plan-periods/2011-2015/targets/KEY-DATABASES/province-values', '/plan-periods/{id}/targets/{code}/province-values', { year: 2012, half: 1, value: '7' });
    await call(officer, 'get', '/plan-periods/2011-2015/targets/KEY-DATABASES/province-values', '/plan-periods/{id}/targets/{code}/province-values');
    await call(officer, 'get', '/fiscal-years/2012/progress-deadlines', '/fiscal-years/{year}/progress-deadlines');
    await call(dof, 'get', '/plan-periods/2011-2015/dashboard?year=2012&half=1', '/plan-periods/{id}/dashboard');
    await call(dof, 'get', '/fiscal-years/2012/floor', '/fiscal-years/{year}/floor');
    await call(dof, 'get', '/fiscal-years/2012/rules', '/fiscal-years/{year}/rules');
    await call(dof, 'get', '/fiscal-years/2012/districts', '/fiscal-years/{year}/districts');
    await call(dof, 'get', '/fiscal-years/2012/consolidation', '/fiscal-years/{year}/consolidation');
    await call(officer, 'get', '/fiscal-years/2012/consolidation', '/fiscal-years/{year}/consolidation');
  }, 60_000);

  it('the budget, balancing runs, support rounds and open data answer what they declare', async () => {
    const dof = await t.as('dof.officer');
    // A submitted estimate of 2014 for the runs to balance.
    const officer = await t.as('yenphong.officer');
    let estimate = await call(officer, 'post', '/estimates', '/estimates', { unitId: SEEDED.yenPhong, year: 2014 });
    estimate = await call(officer, 'post', `/estimates/${estimate.id as string}/lines`, '/estimates/{id}/lines', { ...lineBody(), version: estimate.version });
    await call(await t.as('yenphong.head'), 'post', `/estimates/${estimate.id as string}/submit`, '/estimates/{id}/submit', { version: estimate.version });

    await call(dof, 'get', '/fiscal-years/2014/budget', '/fiscal-years/{year}/budget');
    const dpi = await t.as('dpi.officer');
    const first = await call(dpi, 'post', '/fiscal-years/2014/balancing-runs', '/fiscal-years/{year}/balancing-runs', { track: 'INVESTMENT', ceiling: '100000000' });
    const second = await call(dpi, 'post', '/fiscal-years/2014/balancing-runs', '/fiscal-years/{year}/balancing-runs', { track: 'INVESTMENT', ceiling: '200000000' });
    await call(dpi, 'get', '/fiscal-years/2014/balancing-runs', '/fiscal-years/{year}/balancing-runs');
    await call(dpi, 'get', `/balancing-runs/${first.id as string}`, '/balancing-runs/{id}');
    const compared = await call(dpi, 'get', `/fiscal-years/2014/balancing-runs/compare?ids=${first.id as string}&ids=${second.id as string}`, '/fiscal-years/{year}/balancing-runs/compare');
    // A line compared across runs reads as a person names it, never as a bare id.
    const labels = (compared.byLine as { label: string }[]).map((row) => row.label);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^\S+ — dòng \d+ — \S/);

    const round = await call(dof, 'post', '/fiscal-years/2013/support-rounds', '/fiscal-years/{year}/support-rounds', {
      pools: { PROVINCIAL_SUPPORT: '100000000' },
      candidates: [{ unitId: SEEDED.luongTai, hardshipTier: 1, asked: '60000000' }],
    });
    await call(dof, 'get', '/fiscal-years/2013/support-rounds', '/fiscal-years/{year}/support-rounds');
    await call(dof, 'get', `/fiscal-years/2013/support-rounds/${round.id as string}`, '/fiscal-years/{year}/support-rounds/{id}');
    await call(dof, 'get', '/fiscal-years/2013/support-awards', '/fiscal-years/{year}/support-awards');
    expectMatchesDocument(document, 'get', '/open-data', await request(t.http).get('/open-data'));
  }, 60_000);

  it('every error has a stable code and says it in Vietnamese first, English beside', async () => {
    const officer = await t.as('yenphong.officer');
    const vietnameseFirst = /^[^/]*[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ][^/]* \/ /i;
    /** The answer's error body, checked against the document's error shape. */
    const refused = (response: { status: number; body: unknown }, method: string, path: string) => {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expectMatchesDocument(document, method, path, response);
      const body = response.body as { code: string; message: string; details?: { field: string; code: string; message: string }[] };
      expect(body.message).toMatch(vietnameseFirst);
      for (const detail of body.details ?? []) expect(detail.message).toMatch(vietnameseFirst);
      return body;
    };
    const estimate = await call(officer, 'post', '/estimates', '/estimates', { unitId: SEEDED.yenPhong, year: 2015 });
    const id = estimate.id as string;

    const tooSmall = refused(await officer.post(`/estimates/${id}/lines`).send({ ...lineBody(), version: 0 }), 'post', '/estimates/{id}/lines');
    expect(tooSmall).toMatchObject({ code: 'INVALID_INPUT', message: 'version không được nhỏ hơn 1 / version must not be less than 1' });
    expect(tooSmall.details).toEqual([{ field: 'version', code: 'min', message: 'version không được nhỏ hơn 1 / version must not be less than 1' }]);

    const unknown = refused(await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2016, foo: 1 }), 'post', '/estimates');
    expect(unknown.details).toEqual([expect.objectContaining({ field: 'foo', code: 'whitelistValidation' })]);
    expect(unknown.message).toContain('property foo should not exist');

    const badId = refused(await officer.get('/estimates/not-an-id'), 'get', '/estimates/{id}');
    expect(badId).toMatchObject({ code: 'INVALID_ID', details: [{ field: 'id', code: 'INVALID_ID' }] });
    expect(badId.message).toBe('id: mã định danh không hợp lệ (cần UUID) / id: Validation failed (uuid is expected)');
    const badLine = refused(await officer.patch(`/estimates/${id}/lines/nope`).send({ version: 1 }), 'patch', '/estimates/{id}/lines/{lineId}');
    expect(badLine.details?.[0].field).toBe('lineId');
    const badYear = refused(await officer.get('/fiscal-years/abc'), 'get', '/fiscal-years/{year}');
    expect(badYear).toMatchObject({ code: 'INVALID_NUMBER_PARAM', details: [{ field: 'year' }] });

    const malformed = refused(await officer.post('/estimates').set('Content-Type', 'application/json').send('{"unitId": '), 'post', '/estimates');
    expect(malformed.code).toBe('MALFORMED_BODY');

    const missing = refused(await officer.get('/estimates/00000000-0000-4000-8000-000000000000'), 'get', '/estimates/{id}');
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Dự toán không tồn tại hoặc bạn không có quyền xem / Estimate not found',
      entity: 'Estimate',
      id: '00000000-0000-4000-8000-000000000000',
    });

    const unpublished = refused(await request(t.http).get('/open-data/2013/datapackage.json'), 'get', '/open-data/{year}/datapackage.json');
    expect(unpublished.code).toBe('NOT_PUBLISHED');
    expect(unpublished.message).not.toContain('not found / Không tìm thấy');

    const route = (await officer.get('/no-such-route').expect(404)).body as { code: string; message: string };
    expect(route.code).toBe('ROUTE_NOT_FOUND');
    expect(route.message).toBe('Không có đường dẫn GET /no-such-route / Cannot GET /no-such-route');
  }, 60_000);
});
