import { lineBody, OFFICER_OF, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface LineView {
  id: string;
  lineNo: number;
  amount: string;
  quantity: string;
  unitPrice: string;
  committedMinimum: string;
  multiYearTotal: string | null;
  fundingSourceCode: string;
}
interface EstimateView {
  id: string;
  version: number;
  status: string;
  lines: LineView[];
  totals: { total: string; lineCount: number; byPlanArea: { code: string; amount: string }[]; byFundingSource: { code: string; amount: string }[] };
}

describe('estimates and their lines (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Everything a rejected request must leave untouched. */
  async function snapshot(estimateId: string) {
    const [row] = await t.dataSource.query<[{ version: number; status: string; lines: string }]>(
      `SELECT e.version, e.status,
              COALESCE(json_agg(l ORDER BY l.line_no) FILTER (WHERE l.id IS NOT NULL), '[]')::text AS lines
         FROM estimates e LEFT JOIN estimate_lines l ON l.estimate_id = e.id
        WHERE e.id = $1 GROUP BY e.id`,
      [estimateId],
    );
    return row;
  }

  /** The officer of a unit, signed in. */
  const officer = (unitId: string): Promise<Client> => t.as(OFFICER_OF[unitId]);

  async function newEstimate(unitId: string, year: number): Promise<EstimateView> {
    const response = await (await officer(unitId)).post('/estimates').send({ unitId, year }).expect(201);
    return response.body as EstimateView;
  }

  it('opens one estimate per unit and year; a second is 409 and adds nothing', async () => {
    const estimate = await newEstimate(SEEDED.education, 2013);
    expect(estimate).toMatchObject({ status: 'DRAFT', version: 1, lines: [], totals: { total: '0', lineCount: 0 } });

    const again = await (await officer(SEEDED.education)).post('/estimates').send({ unitId: SEEDED.education, year: 2013 }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'ESTIMATE_EXISTS' });
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(
      'SELECT COUNT(*)::int AS count FROM estimates WHERE unit_id = $1 AND year = 2013',
      [SEEDED.education],
    );
    expect(count).toBe(1);
  });

  it('names the field for an unknown unit or year', async () => {
    const unknownUnit = await (await officer(SEEDED.education))
      .post('/estimates')
      .send({ unitId: '10000000-0000-4000-8000-999999999999', year: 2013 })
      .expect(400);
    expect(unknownUnit.body.details).toEqual([expect.objectContaining({ field: 'unitId' })]);
    const unknownYear = await (await officer(SEEDED.education)).post('/estimates').send({ unitId: SEEDED.education, year: 2031 }).expect(400);
    expect(unknownYear.body.details).toEqual([expect.objectContaining({ field: 'year' })]);
  });

  it('adds lines with exact amounts and totals, bumping the version', async () => {
    const estimate = await newEstimate(SEEDED.yenPhong, 2014);
    const first = await (await officer(SEEDED.yenPhong))
      .post(`/estimates/${estimate.id}/lines`)
      .send({ ...lineBody({ quantity: '2.5', unitPrice: '120000001', committedMinimum: '100000000' }), version: 1 })
      .expect(201);
    const afterFirst = first.body as EstimateView;
    // 2.5 × 120,000,001 = 300,000,002.5 → half-up → 300,000,003
    expect(afterFirst.lines[0]).toMatchObject({ lineNo: 1, amount: '300000003', quantity: '2.5', unitPrice: '120000001' });
    expect(afterFirst.version).toBe(2);

    const big = await (await officer(SEEDED.yenPhong))
      .post(`/estimates/${estimate.id}/lines`)
      .send({
        ...lineBody({ planAreaCode: '2.1.a', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'PROVINCIAL', quantity: '1', unitPrice: '999999999999999' }),
        multiYearTotal: '1999999999999999',
        version: 2,
      })
      .expect(201);
    const view = big.body as EstimateView;
    expect(view.version).toBe(3);
    expect(view.lines.map((l) => l.lineNo)).toEqual([1, 2]);
    expect(view.lines[1]?.multiYearTotal).toBe('1999999999999999');
    const expectedTotal = view.lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
    expect(view.totals.total).toBe(expectedTotal.toString());
    expect(view.totals.total).toBe('1000000300000002');
    expect(view.totals.byFundingSource).toEqual([
      { code: 'DISTRICT', amount: '300000003' },
      { code: 'PROVINCIAL', amount: '999999999999999' },
    ]);

    const fetched = await (await officer(SEEDED.yenPhong)).get(`/estimates/${estimate.id}`).expect(200);
    expect(fetched.body).toEqual(view);
  });

  it('accepts a stated amount only when it equals quantity × unit price', async () => {
    const estimate = await newEstimate(SEEDED.tuSon, 2014);
    await (await officer(SEEDED.tuSon))
      .post(`/estimates/${estimate.id}/lines`)
      .send({ ...lineBody({ quantity: '3', unitPrice: '1000', amount: '3000' }), version: 1 })
      .expect(201);
    const before = await snapshot(estimate.id);
    const wrong = await (await officer(SEEDED.tuSon))
      .post(`/estimates/${estimate.id}/lines`)
      .send({ ...lineBody({ quantity: '3', unitPrice: '1000', amount: '3001' }), version: 2 })
      .expect(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'amount', code: 'AMOUNT_MISMATCH' })]);
    expect(await snapshot(estimate.id)).toEqual(before);
  });

  describe('bad input is a 400 naming the field, and changes nothing', () => {
    let estimateId: string;
    let before: Awaited<ReturnType<typeof snapshot>>;

    beforeAll(async () => {
      const estimate = await newEstimate(SEEDED.education, 2014);
      estimateId = estimate.id;
      await (await officer(SEEDED.education)).post(`/estimates/${estimateId}/lines`).send({ ...lineBody(), version: 1 }).expect(201);
      before = await snapshot(estimateId);
    });

    it.each([
      ['a negative amount', { unitPrice: '-1' }, 'unitPrice'],
      ['a fractional amount', { unitPrice: '1000.5' }, 'unitPrice'],
      ['an exponent amount', { unitPrice: '1e9' }, 'unitPrice'],
      ['an empty amount', { unitPrice: '' }, 'unitPrice'],
      ['an oversized amount', { unitPrice: '1000000000000000000' }, 'unitPrice'],
      ['an amount given as a JSON number', { unitPrice: 1000 }, 'unitPrice'],
      ['a negative committed minimum', { committedMinimum: '-5' }, 'committedMinimum'],
      ['an oversized optional amount', { projectionNext1: '10000000000000000000' }, 'projectionNext1'],
      ['a quantity with 5 decimals', { quantity: '1.00001' }, 'quantity'],
      ['a negative quantity', { quantity: '-1' }, 'quantity'],
      ['an unknown plan area', { planAreaCode: '9.z' }, 'planAreaCode'],
      ['a plan area that is not a leaf', { planAreaCode: '1' }, 'planAreaCode'],
      ['an unknown funding source', { fundingSourceCode: 'MOON' }, 'fundingSourceCode'],
      ['an unknown expenditure type', { expenditureTypeCode: 'CAPITAL' }, 'expenditureTypeCode'],
      ['an unknown activity kind', { activityKindCode: 'PARTY' }, 'activityKindCode'],
      ['a committed minimum above the amount', { quantity: '1', unitPrice: '100', committedMinimum: '101' }, 'committedMinimum'],
      ['a product at or above 10^18', { quantity: '10', unitPrice: '100000000000000000' }, 'amount'],
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['a missing description', { description: undefined }, 'description'],
      ['a priority tier of 0', { priorityTier: 0 }, 'priorityTier'],
    ])('%s', async (_label, overrides, field) => {
      const response = await (await officer(SEEDED.education))
        .post(`/estimates/${estimateId}/lines`)
        .send({ ...lineBody(overrides), version: before.version })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
      expect(response.body.message).toContain(field);
      expect(await snapshot(estimateId)).toEqual(before);
    });

    it('rejects a bad patch the same way', async () => {
      const [line] = (await (await officer(SEEDED.education)).get(`/estimates/${estimateId}`).expect(200)).body.lines as LineView[];
      const response = await (await officer(SEEDED.education))
        .patch(`/estimates/${estimateId}/lines/${line.id}`)
        .send({ unitPrice: '12.5', version: before.version })
        .expect(400);
      expect(response.body.details[0].field).toBe('unitPrice');
      expect(await snapshot(estimateId)).toEqual(before);
    });

    it('answers malformed JSON with 400', async () => {
      await (await officer(SEEDED.education)).post(`/estimates/${estimateId}/lines`).set('content-type', 'application/json').send('{"version":').expect(400);
      expect(await snapshot(estimateId)).toEqual(before);
    });
  });

  it('gives 404 for unknown ids and 400 for ids that are not uuids', async () => {
    const missing = '20000000-0000-4000-8000-999999999999';
    expect((await (await officer(SEEDED.education)).get(`/estimates/${missing}`).expect(404)).body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await (await officer(SEEDED.education)).post(`/estimates/${missing}/lines`).send({ ...lineBody(), version: 1 }).expect(404);
    await (await officer(SEEDED.education)).get('/estimates/not-a-uuid').expect(400);

    const estimate = await newEstimate(SEEDED.choTown, 2014);
    await (await officer(SEEDED.choTown))
      .patch(`/estimates/${estimate.id}/lines/21000000-0000-4000-8000-999999999999`)
      .send({ description: 'x', version: 1 })
      .expect(404);
    // The failed attempt did not bump the version.
    expect((await snapshot(estimate.id)).version).toBe(1);
  });

  it('updates and deletes lines, keeping line numbers contiguous', async () => {
    const estimate = await newEstimate(SEEDED.choTown, 2015);
    let view = estimate;
    for (const description of ['một', 'hai', 'ba']) {
      view = (await (await officer(SEEDED.choTown)).post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description }), version: view.version }).expect(201))
        .body as EstimateView;
    }
    const [first, second, third] = view.lines;
    view = (
      await (await officer(SEEDED.choTown))
        .patch(`/estimates/${estimate.id}/lines/${second.id}`)
        .send({ quantity: '4', unitPrice: '250000', multiYearTotal: '5000000', version: view.version })
        .expect(200)
    ).body as EstimateView;
    expect(view.lines[1]).toMatchObject({ amount: '1000000', multiYearTotal: '5000000', fundingSourceCode: 'DISTRICT' });

    view = (
      await (await officer(SEEDED.choTown)).patch(`/estimates/${estimate.id}/lines/${second.id}`).send({ multiYearTotal: null, version: view.version }).expect(200)
    ).body as EstimateView;
    expect(view.lines[1]?.multiYearTotal).toBeNull();

    view = (await (await officer(SEEDED.choTown)).delete(`/estimates/${estimate.id}/lines/${first.id}`).query({ version: view.version }).expect(200))
      .body as EstimateView;
    expect(view.lines.map((l) => [l.lineNo, l.id])).toEqual([
      [1, second.id],
      [2, third.id],
    ]);
    expect(view.totals.lineCount).toBe(2);
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const estimate = await newEstimate(SEEDED.tuSon, 2015);
    await (await officer(SEEDED.tuSon)).post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: 'first' }), version: 1 }).expect(201);
    const stale = await (await officer(SEEDED.tuSon))
      .post(`/estimates/${estimate.id}/lines`)
      .send({ ...lineBody({ description: 'based on version 1' }), version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_VERSION' });
    const after = await snapshot(estimate.id);
    expect(after.version).toBe(2);
    expect(JSON.parse(after.lines)).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent edits on the same version win', async () => {
    const estimate = await newEstimate(SEEDED.yenPhong, 2015);
    const api = await officer(SEEDED.yenPhong);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody({ description: `edit ${i}` }), version: 1 }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const after = await snapshot(estimate.id);
    expect(after.version).toBe(2);
    expect(JSON.parse(after.lines)).toHaveLength(1);
  });

  it('refuses line changes once the estimate has left the unit (409)', async () => {
    const estimate = await newEstimate(SEEDED.education, 2015);
    await t.dataSource.query(`UPDATE estimates SET status = 'SUBMITTED' WHERE id = $1`, [estimate.id]);
    const response = await (await officer(SEEDED.education)).post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(), version: 1 }).expect(409);
    expect(response.body.code).toBe('NOT_EDITABLE');
    expect(JSON.parse((await snapshot(estimate.id)).lines)).toHaveLength(0);
  });

  it('lists estimates with filters, totals and paging', async () => {
    const all = await (await t.as('dof.officer')).get('/estimates').query({ year: 2012 }).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(10);
    const page = await (await t.as('dof.officer')).get('/estimates').query({ year: 2012, limit: 3, offset: 0 }).expect(200);
    expect(page.body.items).toHaveLength(3);
    for (const item of page.body.items as { id: string; total: string; lineCount: number }[]) {
      const detail = (await (await t.as('dof.officer')).get(`/estimates/${item.id}`).expect(200)).body as EstimateView;
      expect(item.total).toBe(detail.totals.total);
      expect(item.lineCount).toBe(detail.lines.length);
    }
    const byUnit = await (await t.as('dof.officer')).get('/estimates').query({ unitId: SEEDED.luongTai }).expect(200);
    expect((byUnit.body.items as { unitId: string }[]).every((i) => i.unitId === SEEDED.luongTai)).toBe(true);
    // Ordered by year (latest first), then unit code, each unit as the registry names it; the pages
    // put together are the whole list. The oracle joins and orders by the units' codes in SQL.
    type Item = { id: string; unit: { id: string; code: string; name: string; nameEn: string; kind: string } };
    const whole = (await (await t.as('dof.officer')).get('/estimates').query({ limit: 200 }).expect(200)).body as { items: Item[]; total: number };
    const expected = await t.dataSource.query<{ id: string; unit_id: string; code: string; name: string; name_en: string; kind: string }[]>(
      'SELECT e.id, e.unit_id, u.code, u.name, u.name_en, u.kind FROM estimates e JOIN units u ON u.id = e.unit_id ORDER BY e.year DESC, u.code, e.id',
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThanOrEqual(200);
    expect(whole.total).toBe(expected.length);
    expect(whole.items.map((item) => [item.id, item.unit])).toEqual(
      expected.map((row) => [row.id, { id: row.unit_id, code: row.code, name: row.name, nameEn: row.name_en, kind: row.kind }]),
    );
    const pages: Item[] = [];
    for (let offset = 0; offset < expected.length; offset += 7) {
      pages.push(...((await (await t.as('dof.officer')).get('/estimates').query({ limit: 7, offset }).expect(200)).body as { items: Item[] }).items);
    }
    expect(pages).toEqual(whole.items);
    await (await t.as('dof.officer')).get('/estimates').query({ status: 'LOST' }).expect(400);
    await (await t.as('dof.officer')).get('/estimates').query({ limit: 5000 }).expect(400);
  });
});
