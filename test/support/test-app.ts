// A fresh database per test file, migrated by the app itself at start-up, optionally seeded.
// Destructive helpers here refuse to run outside Jest.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../../seeds/seed.js';
import { createApp } from '../../src/app.setup.js';
import { loadConfig } from '../../src/config/app-config.js';

export interface TestApp {
  app: INestApplication;
  http: App;
  dataSource: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.ITBUDGET_TEST_ADMIN_URL;
  if (!process.env.JEST_WORKER_ID || !url) throw new Error('Test databases are created only under Jest (npm test).');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server; returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `itbudget_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function createTestApp(options: { seed?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' });
  const app = await createApp(config, database.url);
  const dataSource = app.get(DataSource);
  if (options.seed ?? true) await seedDatabase(dataSource);
  return {
    app,
    http: app.getHttpServer() as App,
    dataSource,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
