import request from 'supertest';
import { buildOpenApiDocumentOffline } from '../src/openapi/openapi-document.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('served at /docs-json is the one the typed client is generated from (no database)', async () => {
    const served = (await request(t.http).get('/docs-json').expect(200)).body as unknown;
    expect(served).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocumentOffline())));
  });
});
