import pg from 'pg';
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

describe('concurrency, idempotency and the audit trail (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, auditor: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, auditor] = await Promise.all(['yenphong.officer', 'yenphong.head', 'auditor'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  async function draftWithOwnLine(year: number): Promise<{ id: string; version: number }> {
    const created = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year }).expect(201)).body as { id: string };
    return (await officer.post(`/estimates/${created.id}/lines`).send({ ...lineBody(), version: 1 }).expect(201)).body as { id: string; version: number };
  }

  const countEvents = async (entityId: string, action: string) => {
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(
      'SELECT COUNT(*)::int AS count FROM audit_events WHERE entity_id = $1 AND action = $2',
      [entityId, action],
    );
    return count;
  };

  it('of 20 concurrent conflicting transitions exactly one wins; the rest get 409', async () => {
    const estimate = await draftWithOwnLine(2014);
    const responses = await Promise.all(Array.from({ length: 20 }, () => head.post(`/estimates/${estimate.id}/submit`).send({})));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => (r.body as { code: string }).code))).toEqual(new Set(['ILLEGAL_TRANSITION']));
    const [row] = await t.dataSource.query<[{ status: string; version: number }]>('SELECT status, version FROM estimates WHERE id = $1', [estimate.id]);
    expect(row).toEqual({ status: 'SUBMITTED', version: estimate.version + 1 });
    expect(await countEvents(estimate.id, 'estimate.submit')).toBe(1);
  });

  it('of 20 concurrent stale edits exactly one wins; the rest get 409', async () => {
    const estimate = await draftWithOwnLine(2015);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: `edit ${i}` }), version: estimate.version }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'STALE_VERSION')).toHaveLength(19);
    const [row] = await t.dataSource.query<[{ version: number; lines: number }]>(
      'SELECT e.version, (SELECT COUNT(*)::int FROM estimate_lines WHERE estimate_id = e.id) AS lines FROM estimates e WHERE id = $1',
      [estimate.id],
    );
    expect(row).toEqual({ version: estimate.version + 1, lines: 2 });
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(
      `SELECT COUNT(*)::int AS count FROM audit_events WHERE action = 'line.create' AND after->>'estimateId' = $1`,
      [estimate.id],
    );
    expect(count).toBe(2);
  });

  it('applies a retried submission with the same Idempotency-Key once, answering each retry the same', async () => {
    const created = (await officer.post('/estimates').send({ unitId: SEEDED.choTown, year: 2014 }).expect(201)).body as { id: string };
    await officer.post(`/estimates/${created.id}/lines`).send({ ...lineBody({ fundingSourceCode: 'COMMUNE' }), version: 1 }).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => head.post(`/estimates/${created.id}/submit`).set('Idempotency-Key', 'submit-cho-2014').send({})),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses[0]?.body.status).toBe('SUBMITTED');
    expect(await countEvents(created.id, 'estimate.submit')).toBe(1);
    // A key already used for another request is refused.
    const dic = await t.as('dic.reviewer');
    await dic.post(`/estimates/${created.id}/return`).set('Idempotency-Key', 'dic-key-1').send({ comment: 'Bổ sung thuyết minh' }).expect(200);
    const reused = await dic
      .post(`/estimates/${created.id}/review`)
      .set('Idempotency-Key', 'dic-key-1')
      .send({ version: 1, opinions: [{ lineId: responses[0]?.body.lines[0].id, opinion: 'AGREE' }] })
      .expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const invalidKey = await head.post(`/estimates/${created.id}/submit`).set('Idempotency-Key', 'spaces are not allowed').send({});
    expect(invalidKey.status).toBe(400);
  });

  describe('the audit trail', () => {
    it('cannot be changed or removed by the application’s database role', async () => {
      const [{ role }] = await t.dataSource.query<[{ role: string }]>('SELECT current_user AS role');
      expect(role).toBe('itbudget_app');
      await expect(t.dataSource.query(`UPDATE audit_events SET reason = 'tampered'`)).rejects.toThrow(/permission denied|append-only/);
      await expect(t.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied|append-only/);
      await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied|append-only/);
      await expect(t.dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change')).rejects.toThrow(/must be owner|permission denied/);
    });

    it('refuses changes even from the owner while its triggers stand', async () => {
      const owner = new pg.Client({ connectionString: t.databaseUrl });
      await owner.connect();
      try {
        await expect(owner.query(`UPDATE audit_events SET reason = 'tampered'`)).rejects.toThrow(/append-only/);
        await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      } finally {
        await owner.end();
      }
    });

    it('reports the first broken link when a row was altered behind its back', async () => {
      expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ valid: true, firstBreak: null });
      const [victim] = await t.dataSource.query<[{ id: string }]>(`SELECT id FROM audit_events WHERE action = 'estimate.submit' ORDER BY id LIMIT 1`);
      // Someone with the owner's powers disables the guard and edits history.
      const owner = new pg.Client({ connectionString: t.databaseUrl });
      await owner.connect();
      try {
        await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
        await owner.query(`UPDATE audit_events SET reason = 'nothing to see' WHERE id = $1`, [victim.id]);
        await owner.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
      } finally {
        await owner.end();
      }
      const verified = (await auditor.get('/audit/verify').expect(200)).body as { valid: boolean; firstBreak: { eventId: string; problem: string } };
      expect(verified.valid).toBe(false);
      expect(verified.firstBreak).toMatchObject({ eventId: victim.id, problem: 'CONTENT_HASH_MISMATCH' });
    });

    it('filters events by unit, actor and time', async () => {
      const [someone] = await t.dataSource.query<[{ id: string }]>(`SELECT id FROM users WHERE username = 'yenphong.head'`);
      const byActor = (await auditor.get('/audit').query({ actorId: someone.id }).expect(200)).body.items as { actorName: string }[];
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor.every((e) => e.actorName === 'yenphong.head')).toBe(true);
      const byUnit = (await auditor.get('/audit').query({ unitId: SEEDED.choTown }).expect(200)).body.items as { unitId: string }[];
      expect(byUnit.length).toBeGreaterThan(0);
      expect(byUnit.every((e) => e.unitId === SEEDED.choTown)).toBe(true);
      const future = (await auditor.get('/audit').query({ from: '2999-01-01T00:00:00Z' }).expect(200)).body.items as unknown[];
      expect(future).toEqual([]);
      await auditor.get('/audit').query({ from: 'yesterday' }).expect(400);
    });
  });
});
