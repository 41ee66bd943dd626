import { JwtService } from '@nestjs/jwt';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DEMO_PASSWORD } from '../seeds/data/users.js';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { createTestApp, login, type TestApp, withToken } from './support/test-app.js';

// Issue 10 §4: sign-in protects accounts without locking their owners out; tokens can be ended.
const LIMITS = { TRUST_PROXY: '1', SIGN_IN_IP_LIMIT: '12', SIGN_IN_GLOBAL_LIMIT: '100000' };

async function ownerQuery<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const attempt = (http: App, from: string, username: string, password: string) =>
  request(http).post('/auth/login').set('X-Forwarded-For', from).send({ username, password });

describe('sign-in limits (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: LIMITS });
  });
  afterAll(async () => {
    await t.close();
  });

  const failureRow = async (username: string, address: string) =>
    (
      await ownerQuery<{ failures: number; locked_until: Date }>(t.databaseUrl, 'SELECT failures, locked_until FROM sign_in_failures WHERE username = $1 AND address = $2', [
        username,
        address,
      ])
    )[0];

  // Time passing, without sleeping: the current wait of (username, address) runs out.
  const waitRunsOut = (username: string, address: string) =>
    ownerQuery(t.databaseUrl, `UPDATE sign_in_failures SET locked_until = now() - interval '1 millisecond' WHERE username = $1 AND address = $2`, [username, address]);

  it('does not extend the earned wait for attempts refused during it, says when to retry, and lets the owner in after it', async () => {
    const from = '10.1.0.1';
    // Ten failures, each after the previous wait ran out: the wait earned is 2^(10-5) = 32 s.
    for (let i = 0; i < 10; i++) {
      await attempt(t.http, from, 'chair', 'wrong').expect(401);
      await waitRunsOut('chair', from);
    }
    await attempt(t.http, from, 'chair', 'wrong').expect(401);
    const earned = await failureRow('chair', from);
    expect(earned.failures).toBe(11);

    // Thirty more, wrong and right: all refused, none counted, the wait unchanged.
    const retryAfter: number[] = [];
    for (let i = 0; i < 30; i++) {
      const refused = await attempt(t.http, from, 'chair', i % 2 ? 'wrong' : DEMO_PASSWORD).expect(429);
      expect(refused.body.code).toBe('LOGIN_BACKOFF');
      retryAfter.push(Number(refused.headers['retry-after']));
    }
    expect(Math.max(...retryAfter)).toBeLessThanOrEqual(64);
    expect(Math.min(...retryAfter)).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toEqual([...retryAfter].sort((a, b) => b - a)); // counts down, never up
    expect(await failureRow('chair', from)).toEqual(earned);

    // The earned wait is over: the owner's correct password works at once.
    await waitRunsOut('chair', from);
    await attempt(t.http, from, 'chair', DEMO_PASSWORD).expect(200);
    expect(await failureRow('chair', from)).toBeUndefined();
  });

  it('keeps a wait earned from one address away from the owner at another', async () => {
    for (let i = 0; i < 6; i++) await attempt(t.http, '10.1.0.2', 'admin', 'wrong');
    await attempt(t.http, '10.1.0.2', 'admin', DEMO_PASSWORD).expect(429);
    await attempt(t.http, '10.1.0.3', 'admin', DEMO_PASSWORD).expect(200);
  });

  it('limits failures per address (a password spray over many names), with Retry-After; other addresses are unaffected', async () => {
    const spray = '10.2.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(t.http, spray, `spray.user.${i}`, 'Winter2026!')).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(statuses.slice(12)).toEqual(Array(8).fill(429));
    const refused = await attempt(t.http, spray, 'dof.officer', DEMO_PASSWORD).expect(429);
    expect(refused.body.code).toBe('LOGIN_ADDRESS_LIMIT');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(t.http, '10.2.0.2', 'dof.officer', DEMO_PASSWORD).expect(200);
  });

  it('does not count successful sign-ins of an office behind one address against it', async () => {
    for (let i = 0; i < 20; i++) await attempt(t.http, '10.3.0.1', 'auditor', DEMO_PASSWORD).expect(200);
  });

  it('forgets failures of unknown names once their wait is long over, so a spray cannot grow the table for ever', async () => {
    for (let i = 0; i < 10; i++) await attempt(t.http, `10.4.0.${i}`, `nobody.${i}`, 'x').expect(401);
    const count = async () => (await ownerQuery<{ n: number }>(t.databaseUrl, `SELECT COUNT(*)::int AS n FROM sign_in_failures WHERE username LIKE 'nobody.%'`))[0].n;
    expect(await count()).toBe(10);
    // Time passes beyond the retention (an hour after each wait ended): the next attempt prunes them.
    await ownerQuery(t.databaseUrl, `UPDATE sign_in_failures SET locked_until = locked_until - interval '2 hours', last_failed_at = last_failed_at - interval '2 hours'`);
    await ownerQuery(t.databaseUrl, `UPDATE sign_in_windows SET window_start = window_start - interval '2 hours' WHERE scope = 'ip'`);
    await attempt(t.http, '10.4.1.1', 'nobody.else', 'x').expect(401);
    expect(await count()).toBe(1);
    const [{ windows }] = await ownerQuery<{ windows: number }>(t.databaseUrl, `SELECT COUNT(*)::int AS windows FROM sign_in_windows WHERE key LIKE '10.4.%'`);
    expect(windows).toBe(1);
  });
});

describe('the global sign-in limit is shared by every instance (e2e)', () => {
  let t: TestApp;
  let second: INestApplication;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1', SIGN_IN_GLOBAL_LIMIT: '10' } });
    // A second instance on the same database.
    second = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', TRUST_PROXY: '1', SIGN_IN_GLOBAL_LIMIT: '10' }), t.databaseUrl);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('refuses with 429 and Retry-After once all instances together took the limit', async () => {
    const instances = [t.http, second.getHttpServer() as App];
    for (let i = 0; i < 10; i++) await attempt(instances[i % 2], `10.9.0.${i}`, `user.${i}`, 'x').expect(401);
    for (const http of instances) {
      const refused = await attempt(http, '10.9.1.1', 'chair', DEMO_PASSWORD).expect(429);
      expect(refused.body.code).toBe('LOGIN_GLOBAL_LIMIT');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});

describe('tokens (e2e)', () => {
  let t: TestApp;
  let jwt: JwtService;

  beforeAll(async () => {
    t = await createTestApp();
    jwt = t.app.get(JwtService);
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => request(t.http).get('/auth/me').set('Authorization', `Bearer ${token}`);
  const chairId = async () => (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE username = 'chair'`))[0].id;

  it.each([
    ['without sub', async () => jwt.signAsync({ username: 'chair', role: 'CHAIR', ver: 1 }, { expiresIn: 600 })],
    ['with a sub that is no user id', async () => jwt.signAsync({ sub: 'chair', ver: 1 }, { expiresIn: 600 })],
    ['with a sub of no user', async () => jwt.signAsync({ sub: '00000000-0000-4000-8000-000000000000', ver: 1 }, { expiresIn: 600 })],
    ['without exp (it would never expire)', async () => jwt.signAsync({ sub: await chairId(), ver: 1 })],
    ['without a token version', async () => jwt.signAsync({ sub: await chairId() }, { expiresIn: 600 })],
    ['expired', async () => jwt.signAsync({ sub: await chairId(), ver: 1, exp: Math.floor(Date.now() / 1000) - 10 })],
    ['unsigned (alg none)', async () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: await chairId(), ver: 1, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    }],
  ])('refuses a token %s with 401, never a 500', async (_label, make) => {
    const response = await me(await make());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('signs out: every token of the user issued so far stops working, a new sign-in works', async () => {
    const first = await login(t.http, 'dic.reviewer');
    const second = await login(t.http, 'dic.reviewer');
    await me(first).expect(200);
    await withToken(t.http, first).post('/auth/logout').expect(200);
    await me(first).expect(401);
    await me(second).expect(401);
    await me(await login(t.http, 'dic.reviewer')).expect(200);
  });

  it('lets an administrator revoke a user’s tokens, with a reason kept in the audit trail; no one else', async () => {
    const chairToken = await login(t.http, 'chair');
    const admin = withToken(t.http, await login(t.http, 'admin'));
    const id = await chairId();
    await withToken(t.http, chairToken).post(`/auth/users/${id}/revoke-tokens`).send({ reason: 'x' }).expect(403);
    await admin.post(`/auth/users/${id}/revoke-tokens`).send({ reason: '   ' }).expect(400);
    await admin.post(`/auth/users/00000000-0000-4000-8000-000000000000/revoke-tokens`).send({ reason: 'Mất máy' }).expect(404);
    await admin.post(`/auth/users/${id}/revoke-tokens`).send({ reason: 'Mất máy tính / Lost laptop' }).expect(200);
    await me(chairToken).expect(401);
    const [event] = await t.dataSource.query<{ action: string; reason: string }[]>(
      `SELECT action, reason FROM audit_events WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(event).toEqual({ action: 'auth.revoke-tokens', reason: 'Mất máy tính / Lost laptop' });
  });
});
