// A fresh database per test file, migrated by the app itself at start-up, optionally seeded.
// Destructive helpers here refuse to run outside Jest.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request, { type Test } from 'supertest';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../../seeds/data/users.js';
import { seedDatabase } from '../../seeds/seed.js';
import { createApp } from '../../src/app.setup.js';
import { loadConfig } from '../../src/config/app-config.js';

export interface Client {
  get(url: string): Test;
  post(url: string): Test;
  patch(url: string): Test;
  put(url: string): Test;
  delete(url: string): Test;
}

export interface TestApp {
  app: INestApplication;
  http: App;
  dataSource: DataSource;
  /** The owner's connection string (migrations, grants): what an attacker with the owner's powers holds. */
  databaseUrl: string;
  /** The app's own connection string (its login role). */
  appUrl: string;
  /** Requests signed in as a demo user (tokens are cached per file). */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/** Signs in and returns the bearer token. */
export async function login(http: App, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request(http).post('/auth/login').send({ username, password });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { accessToken: string }).accessToken;
}

export function withToken(http: App, token: string): Client {
  const agent = request(http);
  const auth = (test: Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    get: (url) => auth(agent.get(url)),
    post: (url) => auth(agent.post(url)),
    patch: (url) => auth(agent.patch(url)),
    put: (url) => auth(agent.put(url)),
    delete: (url) => auth(agent.delete(url)),
  };
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

/** A booted app on a fresh database; `env` adds settings (e.g. lower sign-in limits). */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', ...options.env });
  const app = await createApp(config, database.url);
  const dataSource = app.get(DataSource);
  if (options.seed ?? true) await seedDatabase(dataSource);
  const http = app.getHttpServer() as App;
  const tokens = new Map<string, Promise<string>>();
  return {
    app,
    http,
    dataSource,
    databaseUrl: database.url,
    appUrl: (dataSource.options as { url: string }).url,
    as: async (username) => {
      if (!tokens.has(username)) tokens.set(username, login(http, username));
      return withToken(http, await tokens.get(username)!);
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
