import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { WebModule } from './web.module.js';

// The web app's files and its routes, served from a stand-in build (no database needed).
describe('WebModule', () => {
  let app: INestApplication<App>;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itbudget-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>itbudget</title>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await NestFactory.create<INestApplication<App>>(WebModule.forRoot(dir), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a built file with a year-long cache', async () => {
    const response = await request(app.getHttpServer()).get('/app/assets/index-abc123.js').expect(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it.each(['/app/assets/missing.js', '/app/assets/old.css', '/app/assets/index.js.map', '/app/favicon.ico', '/app/assets/missing.js?v=2'])(
    'answers 404 for the missing file %s, not the app page',
    async (path) => {
      const response = await request(app.getHttpServer()).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('<title>itbudget</title>');
    },
  );

  it.each(['/app/', '/app/estimate/review', '/app/review/20000000-0000-0000-0000-000000000006'])('answers the app page for the route %s', async (path) => {
    const response = await request(app.getHttpServer()).get(path).expect(200);
    expect(response.text).toContain('<title>itbudget</title>');
  });
});
