import request from 'supertest';
import { DataSource } from 'typeorm';
import { isDatabaseEmpty, seedDatabase } from '../seeds/seed.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { createTestApp, createTestDatabase, type TestApp } from './support/test-app.js';

describe('health, docs, migrations and seeds (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database readiness on /health', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document with the contract paths', async () => {
    await request(t.http).get('/docs').expect(200);
    const document = (await request(t.http).get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/units', '/units/{id}', '/catalog', '/fiscal-years/{year}', '/estimates', '/estimates/{id}', '/estimates/{id}/lines', '/estimates/{id}/lines/{lineId}', '/health']),
    );
  });

  it('answers a body above the limit with 413', async () => {
    const admin = await t.as('admin');
    const response = await admin.post('/fiscal-years').send({ planPeriod: 'x'.repeat(3 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413 });
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await (await t.as('admin')).get('/nowhere').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('seeds again without duplicating anything', async () => {
    const count = async () =>
      t.dataSource.query<[Record<string, number>]>(
        `SELECT (SELECT COUNT(*)::int FROM units) AS units, (SELECT COUNT(*)::int FROM estimate_lines) AS lines,
                (SELECT COUNT(*)::int FROM fiscal_years) AS years`,
      );
    const before = await count();
    const report = await seedDatabase(t.dataSource);
    expect(report).toEqual({ units: 0, planAreas: 0, fundingSources: 0, fiscalYears: 0, estimates: 0, lines: 0, users: 0 });
    expect(await count()).toEqual(before);
    expect(await isDatabaseEmpty(t.dataSource)).toBe(false);
  });

  it('runs every migration down and up again', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(database.url));
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const [{ count }] = await dataSource.query<[{ count: number }]>(
        `SELECT COUNT(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(count).toBe(0);
      expect(await dataSource.runMigrations()).toHaveLength(applied.length);
      expect(await isDatabaseEmpty(dataSource)).toBe(true);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
