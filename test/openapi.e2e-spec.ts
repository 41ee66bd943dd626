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
    if (response.status >= 500) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    expectMatchesDocument(document, method, template, response);
    return response.body as Record<string, unknown>;
  }

  it('served at /docs-json is the one the typed client is generated from (no database)', async () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocumentOffline())));
  });

  it('sign-in, registry, catalog and years answer what they declare', async () => {
    const login = await request(t.http).post('/auth/login').send({ username: 'yenphong.officer', password: DEMO_PASSWORD }).expect(200);
    expectMatchesDocument(document, 'post', '/auth/login', login);
    const officer = await t.as('yenphong.officer');
    await call(officer, 'get', '/auth/me', '/auth/me');
    await call(await t.as('dof.officer'), 'get', '/auth/me', '/auth/me');
    await call(officer, 'get', '/units', '/units');
    await call(officer, 'get', `/units/${SEEDED.yenPhong}`, '/units/{id}');
    await call(officer, 'get', '/catalog', '/catalog');
    await call(officer, 'get', '/fiscal-years', '/fiscal-years');
    await call(officer, 'get', '/fiscal-years/2012', '/fiscal-years/{year}');
    expectMatchesDocument(document, 'get', '/health', await request(t.http).get('/health'));
  });

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
  });
});
