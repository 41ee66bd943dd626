import { DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { ConsolidationService } from '../src/modules/consolidation/consolidation.service.js';
import { consolidationBody } from '../src/modules/consolidation/dto/consolidation.response.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Entry {
  code: string;
  amount: string;
  lineCount: number;
}
interface Consolidation {
  total: string;
  lineCount: number;
  estimateCount: number;
  byUnit: { unitId: string; unitName: string; estimateId: string; status: string; amount: string; lineCount: number }[];
  byPlanArea: Entry[];
  byFundingSource: Entry[];
  byExpenditureType: Entry[];
}
interface Line {
  amount: string;
  planAreaCode: string;
  fundingSourceCode: string;
  expenditureTypeCode: string;
}

describe('year-wide consolidation (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every line of the year, read through the estimates API rather than the consolidation. */
  async function linesOfYear(statuses?: string[]): Promise<{ estimateId: string; line: Line }[]> {
    const list = (await (await t.as('dof.officer')).get('/estimates').query({ year: DEMO_YEAR, limit: 1000 }).expect(200)).body as {
      items: { id: string; status: string }[];
    };
    const result: { estimateId: string; line: Line }[] = [];
    for (const item of list.items.filter((i) => !statuses || statuses.includes(i.status))) {
      const estimate = (await (await t.as('dof.officer')).get(`/estimates/${item.id}`).expect(200)).body as { lines: Line[] };
      result.push(...estimate.lines.map((line) => ({ estimateId: item.id, line })));
    }
    return result;
  }

  function sumBy(lines: { line: Line }[], key: (line: Line) => string): Map<string, bigint> {
    const totals = new Map<string, bigint>();
    for (const { line } of lines) totals.set(key(line), (totals.get(key(line)) ?? 0n) + BigInt(line.amount));
    return totals;
  }

  const asMap = (entries: Entry[]) => new Map(entries.map((e) => [e.code, BigInt(e.amount)]));

  it('totals every dimension exactly as the sum of the lines', async () => {
    const consolidation = (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).expect(200)).body as Consolidation;
    const lines = await linesOfYear();
    const grand = lines.reduce((sum, { line }) => sum + BigInt(line.amount), 0n);
    expect(lines.length).toBeGreaterThan(0);
    expect(consolidation.total).toBe(grand.toString());
    expect(consolidation.lineCount).toBe(lines.length);
    expect(asMap(consolidation.byPlanArea)).toEqual(sumBy(lines, (l) => l.planAreaCode));
    expect(asMap(consolidation.byFundingSource)).toEqual(sumBy(lines, (l) => l.fundingSourceCode));
    expect(asMap(consolidation.byExpenditureType)).toEqual(sumBy(lines, (l) => l.expenditureTypeCode));
    const perEstimate = new Map<string, bigint>();
    for (const { estimateId, line } of lines) perEstimate.set(estimateId, (perEstimate.get(estimateId) ?? 0n) + BigInt(line.amount));
    expect(new Map(consolidation.byUnit.filter((u) => u.lineCount > 0).map((u) => [u.estimateId, BigInt(u.amount)]))).toEqual(perEstimate);
    for (const dimension of [consolidation.byUnit, consolidation.byPlanArea, consolidation.byFundingSource, consolidation.byExpenditureType]) {
      expect(dimension.reduce((sum, e) => sum + BigInt(e.amount), 0n)).toBe(grand);
    }
  });

  it('filters by estimate status and lists estimates without lines at 0', async () => {
    const [some] = await t.dataSource.query<[{ id: string }]>('SELECT id FROM estimates WHERE year = $1 ORDER BY id LIMIT 1', [DEMO_YEAR]);
    await t.dataSource.query(`UPDATE estimates SET status = 'SUBMITTED' WHERE id = $1`, [some.id]);
    const submitted = (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).query({ status: 'SUBMITTED' }).expect(200))
      .body as Consolidation;
    const lines = await linesOfYear(['SUBMITTED']);
    expect(submitted.estimateCount).toBe(1);
    expect(submitted.total).toBe(lines.reduce((sum, { line }) => sum + BigInt(line.amount), 0n).toString());

    const empty = (await (await t.as('dof.officer')).get('/fiscal-years/2015/consolidation').expect(200)).body as Consolidation;
    expect(empty).toMatchObject({ total: '0', lineCount: 0, byPlanArea: [] });
    await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).query({ status: 'LOST' }).expect(400);

    // An estimate excluded from the consolidated budget leaves every total and is listed apart.
    const before = (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).expect(200)).body as Consolidation & { excluded: { estimateId: string; reason: string }[] };
    const dropped = before.byUnit[0];
    await (await t.as('dof.officer')).post(`/fiscal-years/${DEMO_YEAR}/budget/exclusions`).send({ estimateId: dropped.estimateId, reason: 'Chưa nộp' }).expect(201);
    const after = (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).expect(200)).body as typeof before;
    expect(BigInt(after.total)).toBe(BigInt(before.total) - BigInt(dropped.amount));
    expect(after.byUnit.map((u) => u.estimateId)).not.toContain(dropped.estimateId);
    expect(after.excluded).toEqual([expect.objectContaining({ estimateId: dropped.estimateId, reason: 'Chưa nộp' })]);
    expect(after.byPlanArea.reduce((sum, e) => sum + BigInt(e.amount), 0n)).toBe(BigInt(after.total));
    await (await t.as('dof.officer')).get('/fiscal-years/2031/consolidation').expect(404);
  });

  it('serves no stale list of units after writes this instance never saw (another instance, a script)', async () => {
    // The province-wide list is kept per instance while the rows it was made from are unchanged;
    // writes straight in SQL are what another instance's writes look like to this one.
    const get = async (query: Record<string, string> = {}) =>
      (await (await t.as('dof.officer')).get(`/fiscal-years/${DEMO_YEAR}/consolidation`).query(query).expect(200)).body as Consolidation;
    // Each answer is the one built without the cache, in the same shape and order.
    const uncached = async (statuses?: ('DRAFT' | 'SUBMITTED' | 'RETURNED' | 'BALANCED' | 'APPROVED')[]) =>
      JSON.parse(JSON.stringify(consolidationBody(await t.app.get(ConsolidationService).consolidate(DEMO_YEAR, { statuses })))) as Consolidation;
    const first = await get();
    expect(await get()).toEqual(first);
    expect(first).toEqual(await uncached());
    const unit = first.byUnit.find((u) => u.lineCount > 0)!;

    const [line] = await t.dataSource.query<[{ id: string }]>('SELECT id FROM estimate_lines WHERE estimate_id = $1 ORDER BY line_no LIMIT 1', [unit.estimateId]);
    await t.dataSource.query('UPDATE estimate_lines SET amount = amount + 1000 WHERE id = $1', [line.id]);
    const afterLine = await get();
    expect(BigInt(afterLine.total)).toBe(BigInt(first.total) + 1000n);
    expect(afterLine.byUnit.find((u) => u.estimateId === unit.estimateId)!.amount).toBe((BigInt(unit.amount) + 1000n).toString());
    expect(afterLine).toEqual(await uncached());

    await t.dataSource.query('UPDATE units SET name = $2 WHERE id = $1', [unit.unitId, 'Đơn vị đổi tên']);
    const afterRename = await get();
    expect(afterRename.byUnit.find((u) => u.unitId === unit.unitId)!.unitName).toBe('Đơn vị đổi tên');
    expect(afterRename).toEqual(await uncached());

    const status = unit.status === 'RETURNED' ? 'SUBMITTED' : 'RETURNED';
    await t.dataSource.query('UPDATE estimates SET status = $2 WHERE id = $1', [unit.estimateId, status]);
    const afterStatus = await get();
    expect(afterStatus.byUnit.find((u) => u.estimateId === unit.estimateId)!.status).toBe(status);
    expect(afterStatus).toEqual(await uncached());
    // A status filter is kept apart from the whole list.
    const filtered = await get({ status });
    expect(filtered.byUnit.map((u) => u.estimateId)).toContain(unit.estimateId);
    expect(filtered).toEqual(await uncached([status]));

    await t.dataSource.query('DELETE FROM estimate_lines WHERE id = $1', [line.id]);
    const afterDelete = await get();
    expect(afterDelete.byUnit.find((u) => u.estimateId === unit.estimateId)!.lineCount).toBe(unit.lineCount - 1);
    expect(afterDelete).toEqual(await uncached());
  });
});
