import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../src/app.setup.js';
import { auditVerify } from '../src/audit-verify.js';
import { loadConfig } from '../src/config/app-config.js';
import { readAnchoredEvents } from '../src/modules/audit/audit.service.js';
import { eventHash } from '../src/modules/audit/hash-chain.js';
import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

// Issue 10 §2: an audit trail that even the database superuser cannot rewrite unseen. The attacker
// here holds the owner's connection (on CI the superuser itself): lifts the guard, rewrites
// rows and recomputes every SHA-256 link as the chain defines them. What they lack is the audit
// key, which the database never holds.
const AUDIT_KEY = randomBytes(32).toString('base64url');
const EVENTS = 42;

describe('the audit trail anchored outside the database (e2e)', () => {
  let t: TestApp;
  let auditor: Client;
  let owner: pg.Client;
  let workDir: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUDIT_KEY, AUDIT_CHECKPOINT_EVERY: '10' } });
    auditor = await t.as('auditor');
    const officer = await t.as('yenphong.officer');
    const estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2014 }).expect(201)).body as { id: string; version: number };
    let version = estimate.version;
    while ((await count()) < EVENTS) {
      version = ((await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: `Dòng ${version}` }), version }).expect(201)).body as { version: number })
        .version;
    }
    owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    // What the rows were, so that each attack starts from the intact trail.
    await owner.query('CREATE TABLE audit_events_saved AS SELECT * FROM audit_events');
    await owner.query('CREATE TABLE audit_checkpoints_saved AS SELECT * FROM audit_checkpoints');
    workDir = await mkdtemp(join(tmpdir(), 'itbudget-audit-'));
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
    await rm(workDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await asOwnerUnguarded(async () => {
      await owner.query('DELETE FROM audit_events');
      await owner.query('INSERT INTO audit_events SELECT * FROM audit_events_saved');
      await owner.query('DELETE FROM audit_checkpoints');
      await owner.query('INSERT INTO audit_checkpoints SELECT * FROM audit_checkpoints_saved');
    });
  });

  async function count(): Promise<number> {
    return (await t.dataSource.query<[{ n: number }]>('SELECT COUNT(*)::int AS n FROM audit_events'))[0].n;
  }

  /** The attacker's powers: the append-only triggers lifted while they work. */
  async function asOwnerUnguarded(work: () => Promise<void>): Promise<void> {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await owner.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER');
    await work();
    await owner.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    await owner.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER USER');
    await owner.query('COMMIT');
  }

  const sql = (query: string, params?: unknown[]) => owner.query(query, params).then((r) => r.rows as Record<string, unknown>[]);
  const idAt = async (seq: number) => (await owner.query<{ id: string }>('SELECT id::text FROM audit_events WHERE seq = $1', [seq])).rows[0].id;

  /** Recomputes every plain hash link from event `fromSeq` on, as the chain's own code does. */
  async function relinkFrom(fromSeq: number): Promise<void> {
    const events = await readAnchoredEvents(sql, '0', 100_000);
    let prev: string | null = null;
    for (const event of events) {
      if (Number(event.seq) >= fromSeq) {
        const hash = eventHash(prev, event);
        await owner.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE id = $1', [event.id, prev, hash]);
        prev = hash;
      } else {
        prev = event.hash;
      }
    }
  }

  const verify = async () => (await auditor.get('/audit/verify').expect(200)).body as { valid: boolean; checked: number; firstBreak: Record<string, unknown> | null };

  it('verifies the intact trail, with checkpoints every 10 events', async () => {
    expect(await verify()).toMatchObject({ valid: true, checked: EVENTS, firstBreak: null });
    const latest = (await auditor.get('/audit/checkpoints').expect(200)).body as { items: { seq: string; reason: string }[] };
    expect(latest.items).toEqual([expect.objectContaining({ seq: '40', reason: 'every-10' })]);
    const key = (await auditor.get('/audit/public-key').expect(200)).body as { publicKey: string };
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('names the first rewritten event when every later plain hash was recomputed', async () => {
    const victim = await idAt(30);
    await asOwnerUnguarded(async () => {
      await owner.query(`UPDATE audit_events SET after = jsonb_set(after, '{description}', '"nothing to see"') WHERE seq = 30`);
      await relinkFrom(30);
    });
    expect((await verify()).firstBreak).toMatchObject({ eventId: victim, seq: '30', problem: 'MAC_MISMATCH' });
  });

  it('names the first reordered event', async () => {
    const [at20, at21] = [await idAt(20), await idAt(21)];
    await asOwnerUnguarded(async () => {
      await owner.query('UPDATE audit_events SET seq = -seq WHERE seq IN (20, 21)');
      await owner.query('UPDATE audit_events SET seq = 21 WHERE seq = -20');
      await owner.query('UPDATE audit_events SET seq = 20 WHERE seq = -21');
      await relinkFrom(20);
    });
    expect((await verify()).firstBreak).toMatchObject({ eventId: at21, seq: '20', problem: 'MAC_MISMATCH' });
    expect(at20).not.toBe(at21);
  });

  it('names an inserted event', async () => {
    let forged = '';
    await asOwnerUnguarded(async () => {
      await owner.query('UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 25');
      await owner.query('UPDATE audit_events SET seq = seq - 999999 WHERE seq >= 1000000');
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO audit_events (occurred_at, actor_name, entity_type, entity_id, action, after, reason, hash, seq, mac)
         SELECT occurred_at, 'dof.officer', 'estimate_line', entity_id, 'line.update', '{"amount":"1"}', 'backdated', repeat('0', 64), 25, encode(sha256('guess'), 'hex')
           FROM audit_events WHERE seq = 24 RETURNING id::text`,
      );
      forged = rows[0].id;
      await relinkFrom(25);
    });
    expect((await verify()).firstBreak).toMatchObject({ eventId: forged, seq: '25', problem: 'MAC_MISMATCH' });
  });

  it('names a removed event even when the links around it were recomputed', async () => {
    const next = await idAt(16);
    await asOwnerUnguarded(async () => {
      await owner.query('DELETE FROM audit_events WHERE seq = 15');
      await relinkFrom(16);
    });
    expect((await verify()).firstBreak).toMatchObject({ eventId: next, seq: '16', problem: 'SEQUENCE_GAP' });
  });

  describe('a cut tail', () => {
    it('is found against the checkpoints the database still holds', async () => {
      await asOwnerUnguarded(async () => {
        await owner.query('DELETE FROM audit_events WHERE seq > 35');
      });
      expect(await verify()).toMatchObject({ valid: false, firstBreak: { eventId: null, seq: '36', problem: 'MISSING_EVENTS', checkpoint: { seq: '40' } } });
    });

    it('is found against the auditor’s saved checkpoint when the checkpoints were cut too, by the API and by npm run audit:verify', async () => {
      const saved = (await auditor.get('/audit/checkpoints').expect(200)).body as { items: unknown[] };
      const file = join(workDir, 'checkpoint.json');
      await writeFile(file, JSON.stringify(saved));
      const keyFile = join(workDir, 'audit-public-key.pem');
      await writeFile(keyFile, ((await auditor.get('/audit/public-key').expect(200)).body as { publicKey: string }).publicKey);
      const cli = async () => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await auditVerify(['--checkpoint', file, '--public-key', keyFile], { DATABASE_URL: t.databaseUrl, AUDIT_KEY, NODE_ENV: 'test' }, (l) => out.push(l), (l) => err.push(l));
        return { code, outcome: out.length ? (JSON.parse(out.join('\n')) as { valid: boolean; firstBreak: unknown }) : null, err };
      };
      expect(await cli()).toMatchObject({ code: 0, outcome: { valid: true } });

      await asOwnerUnguarded(async () => {
        await owner.query('DELETE FROM audit_events WHERE seq > 35');
        await owner.query('DELETE FROM audit_checkpoints WHERE seq > 35');
      });
      // The database alone now looks intact …
      expect((await verify()).valid).toBe(true);
      // … but not against what the auditor kept.
      const against = (await auditor.post('/audit/verify').send({ checkpoints: saved.items }).expect(200)).body as { firstBreak: unknown };
      expect(against.firstBreak).toMatchObject({ eventId: null, seq: '36', problem: 'MISSING_EVENTS', checkpoint: { seq: '40' } });
      expect(await cli()).toMatchObject({ code: 1, outcome: { valid: false, firstBreak: { seq: '36', problem: 'MISSING_EVENTS' } } });
    });
  });

  it('refuses a checkpoint the key did not sign: 400 from the API, exit 1 from the CLI; a forged one in the database is a break', async () => {
    const saved = (await auditor.get('/audit/checkpoints').expect(200)).body as { items: Record<string, string>[] };
    const forged = { ...saved.items[0], seq: '41' };
    const refused = await auditor.post('/audit/verify').send({ checkpoints: [forged] }).expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'checkpoints[0]', code: 'CHECKPOINT_SIGNATURE_INVALID' });
    await auditor.post('/audit/verify').send({ checkpoints: 'x' }).expect(400);
    await auditor.post('/audit/verify').send({ checkpoints: [1] }).expect(400);

    const file = join(workDir, 'forged.json');
    await writeFile(file, JSON.stringify(forged));
    const err: string[] = [];
    expect(await auditVerify(['--checkpoint', file], { DATABASE_URL: t.databaseUrl, AUDIT_KEY, NODE_ENV: 'test' }, () => undefined, (l) => err.push(l))).toBe(1);
    expect(err.join('\n')).toMatch(/not signed/);

    await asOwnerUnguarded(async () => {
      await owner.query(`INSERT INTO audit_checkpoints (seq, event_id, hash, signed_at, reason, key_id, signature)
                         SELECT 42, id, hash, now(), 'every-10', 'x', 'AAAA' FROM audit_events WHERE seq = 42`);
    });
    expect((await verify()).firstBreak).toMatchObject({ seq: '42', problem: 'CHECKPOINT_SIGNATURE_INVALID' });
  });
});

describe('events written before the anchor (e2e)', () => {
  let t: TestApp;
  let owner: pg.Client;
  const key = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    t = await createTestApp({ env: { AUDIT_KEY: key } });
    owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('are sealed by a signed checkpoint at the next start, then held like the rest', async () => {
    // Three events as an earlier version wrote them: plain SHA-256 links, numbered by the
    // migration, no MAC.
    let prev: string | null = null;
    for (let i = 1; i <= 3; i++) {
      const content = {
        occurredAt: `2025-0${i}-01T00:00:00.000Z`,
        actorId: null,
        actorName: 'dof.officer',
        unitId: null,
        entityType: 'fiscal_year',
        entityId: '2012',
        action: 'year.update',
        before: null,
        after: { step: i },
        reason: null,
      };
      const hash = eventHash(prev, content);
      await owner.query(
        `INSERT INTO audit_events (occurred_at, actor_name, entity_type, entity_id, action, after, prev_hash, hash, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [content.occurredAt, content.actorName, content.entityType, content.entityId, content.action, JSON.stringify(content.after), prev, hash, i],
      );
      prev = hash;
    }
    const auditor = await t.as('auditor');
    expect((await auditor.get('/audit/verify').expect(200)).body.firstBreak).toMatchObject({ seq: '1', problem: 'MAC_MISSING' });

    // The next start (another instance on the same database) seals them.
    const restarted = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', AUDIT_KEY: key, JOBS_WORKER: 'false' }), t.databaseUrl);
    await restarted.close();
    expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ valid: true, checked: 3 });
    const { items } = (await auditor.get('/audit/checkpoints').expect(200)).body as { items: { seq: string; reason: string }[] };
    expect(items).toEqual([expect.objectContaining({ seq: '3', reason: 'seal' })]);

    // New events continue the chain with MACs; a sealed event rewritten behind the seal shows.
    const dof = await t.as('dof.officer');
    const year = (await dof.get('/fiscal-years/2013').expect(200)).body as { version: number };
    await dof.patch('/fiscal-years/2013').send({ lateSubmissionPolicy: 'REFUSE', version: year.version }).expect(200);
    expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ valid: true, checked: 4 });
    await owner.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await owner.query(`UPDATE audit_events SET after = '{"step":9}' WHERE seq = 1`);
    await owner.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    expect((await auditor.get('/audit/verify').expect(200)).body.firstBreak).toMatchObject({ seq: '1', problem: 'CONTENT_HASH_MISMATCH' });
  });
});
