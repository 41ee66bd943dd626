// The one versioned conditional status change (src/common/concurrency/status-change.ts) on real
// PostgreSQL, over a table of its own: it moves status and version together, only from the allowed
// statuses and at the client's version; each refusal is the 409 (or 404) that says why; and of two
// concurrent changes at the same version exactly one wins.
import { DataSource } from 'typeorm';
import { changeStatus, NOW, SqlText, type StatusChangeErrors } from '../src/common/concurrency/status-change.js';
import { ConflictError, DomainError } from '../src/common/errors/domain-error.js';
import { createTestDatabase } from './support/test-app.js';

const errors: StatusChangeErrors = {
  name: 'Probe',
  illegal: (current) => new ConflictError('ILLEGAL_TRANSITION', `probe is ${current}`),
};

describe('changeStatus', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    await dataSource.query(`
      CREATE TABLE probes (
        id integer PRIMARY KEY, status text NOT NULL, version integer NOT NULL DEFAULT 1,
        note text, stamped_at timestamptz, first_at timestamptz, updated_at timestamptz
      )`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM probes');
    await dataSource.query(`INSERT INTO probes (id, status, version) VALUES (1, 'OPEN', 3)`);
  });

  const row = async () => (await dataSource.query<{ status: string; version: number; note: string | null; stamped: boolean; touched: boolean }[]>(
    'SELECT status, version, note, stamped_at IS NOT NULL AS stamped, updated_at IS NOT NULL AS touched FROM probes WHERE id = 1',
  ))[0];

  const refusal = async (work: Promise<unknown>): Promise<DomainError> => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  it('moves status and version together and sets the other columns, values as parameters and SQL as written', async () => {
    const version = await changeStatus(
      dataSource.manager,
      { table: 'probes', where: { id: 1 }, from: ['OPEN'], to: 'CLOSED', version: 3, set: { note: "it's; DROP TABLE probes", stamped_at: NOW, first_at: new SqlText('COALESCE(first_at, now())') } },
      errors,
    );
    expect(version).toBe(4);
    expect(await row()).toEqual({ status: 'CLOSED', version: 4, note: "it's; DROP TABLE probes", stamped: true, touched: true });
  });

  it('without a target status keeps the status and still moves the version (a claim to edit); without a version takes any', async () => {
    expect(await changeStatus(dataSource.manager, { table: 'probes', where: { id: 1 }, from: ['OPEN'], touch: false }, errors)).toBe(4);
    expect(await row()).toMatchObject({ status: 'OPEN', version: 4, touched: false });
  });

  it('refuses a row in another status with the caller’s 409, and changes nothing', async () => {
    const error = await refusal(changeStatus(dataSource.manager, { table: 'probes', where: { id: 1 }, from: ['CLOSED'], to: 'OPEN', version: 3 }, errors));
    expect([error.kind, error.code, error.message]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION', 'probe is OPEN']);
    expect(await row()).toMatchObject({ status: 'OPEN', version: 3 });
  });

  it('refuses a stale version with STALE_VERSION naming the version sent, and a missing row with 404 (or the caller’s error)', async () => {
    const stale = await refusal(changeStatus(dataSource.manager, { table: 'probes', where: { id: 1 }, from: ['OPEN'], to: 'CLOSED', version: 2 }, errors));
    expect([stale.kind, stale.code]).toEqual(['CONFLICT', 'STALE_VERSION']);
    expect(stale.context).toMatchObject({ version: 2 });
    expect(stale.message).not.toMatch(/[0-9]/);
    const missing = await refusal(changeStatus(dataSource.manager, { table: 'probes', where: { id: 9 }, from: ['OPEN'] }, errors));
    expect([missing.kind, missing.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const own = await refusal(
      changeStatus(dataSource.manager, { table: 'probes', where: { id: 9 }, from: ['OPEN'] }, { ...errors, missing: () => new ConflictError('GONE', 'gone') }),
    );
    expect(own.code).toBe('GONE');
    expect(await row()).toMatchObject({ status: 'OPEN', version: 3 });
  });

  it('without `from` changes a versioned record that has no status column (a year\'s settings): version only, 404 and STALE_VERSION as before', async () => {
    await dataSource.query('CREATE TABLE IF NOT EXISTS settings_probes (id integer PRIMARY KEY, version integer NOT NULL DEFAULT 1, note text, updated_at timestamptz)');
    await dataSource.query(`DELETE FROM settings_probes; INSERT INTO settings_probes (id, version) VALUES (1, 5)`);
    const versioned = { name: 'Settings' };
    expect(await changeStatus(dataSource.manager, { table: 'settings_probes', where: { id: 1 }, version: 5, set: { note: 'a' } }, versioned)).toBe(6);
    const stale = await refusal(changeStatus(dataSource.manager, { table: 'settings_probes', where: { id: 1 }, version: 5, set: { note: 'b' } }, versioned));
    expect(stale.code).toBe('STALE_VERSION');
    const missing = await refusal(changeStatus(dataSource.manager, { table: 'settings_probes', where: { id: 2 }, version: 1 }, versioned));
    expect(missing.kind).toBe('NOT_FOUND');
    expect(await dataSource.query('SELECT version, note FROM settings_probes')).toEqual([{ version: 6, note: 'a' }]);
    // A change that names the statuses it starts from must say how to refuse the others.
    await expect(changeStatus(dataSource.manager, { table: 'probes', where: { id: 1 }, from: ['OPEN'] }, versioned)).rejects.toThrow('needs errors.illegal');
  });

  it('refuses identifiers that are not plain SQL names', async () => {
    await expect(changeStatus(dataSource.manager, { table: 'probes; --', where: { id: 1 }, from: ['OPEN'] }, errors)).rejects.toThrow('not an SQL identifier');
    await expect(changeStatus(dataSource.manager, { table: 'probes', where: { id: 1 }, from: ['OPEN'], set: { 'note = 1, status': 'x' } }, errors)).rejects.toThrow(
      'not an SQL identifier',
    );
  });

  it('of two concurrent changes at the same version, exactly one wins and the other gets STALE_VERSION', async () => {
    // The first holds its row lock until it commits; the second waits for it, then matches no row.
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstChanged!: () => void;
    const firstDone = new Promise<void>((resolve) => (firstChanged = resolve));
    const first = dataSource.transaction(async (manager) => {
      await changeStatus(manager, { table: 'probes', where: { id: 1 }, from: ['OPEN'], to: 'CLOSED', version: 3 }, errors);
      firstChanged();
      await firstHolds;
    });
    await firstDone;
    const second = dataSource.transaction((manager) => changeStatus(manager, { table: 'probes', where: { id: 1 }, from: ['OPEN', 'CLOSED'], to: 'OPEN', version: 3 }, errors));
    // The second is waiting on the row: wait until PostgreSQL says so, then let the first commit.
    for (;;) {
      const [{ waiting }] = await dataSource.query<{ waiting: number }[]>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseFirst();
    await first;
    const error = await refusal(second);
    expect(error.code).toBe('STALE_VERSION');
    expect(await row()).toMatchObject({ status: 'CLOSED', version: 4 });
  });
});
