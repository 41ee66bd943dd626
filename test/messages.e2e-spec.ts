import { DEMO_ESTIMATES, DEMO_YEAR } from '../seeds/data/demo-estimates.js';
import { UNIT_IDS } from '../seeds/data/units.js';
import { VIETNAMESE } from '../src/common/errors/catalog/check.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

/** "vi / en": a Vietnamese first half, an English second half. */
function expectVietnameseFirst(text: unknown, where: string): void {
  expect(typeof text).toBe('string');
  const at = (text as string).indexOf(' / ');
  expect({ where, text, bilingual: at > 0 }).toEqual({ where, text, bilingual: true });
  expect({ where, vi: (text as string).slice(0, at) }).toEqual({ where, vi: expect.stringMatching(VIETNAMESE) as unknown });
}

interface ErrorBody {
  code?: string;
  message: string;
  details?: { message: string }[];
}

function expectOfficialError(body: ErrorBody, code: string, where: string): void {
  expect({ where, code: body.code }).toEqual({ where, code });
  expectVietnameseFirst(body.message, where);
  for (const detail of body.details ?? []) expectVietnameseFirst(detail.message, `${where} (detail)`);
}

// The answers an official meets on common paths: each carries a code and speaks Vietnamese first.
describe('official texts in answers (e2e)', () => {
  let t: TestApp;
  let dof: Client;
  const estimate = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.yenPhong)!;

  beforeAll(async () => {
    t = await createTestApp();
    dof = await t.as('dof.officer');
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a plan period of the wrong form', { planPeriod: '2011', version: 1 }, 'INVALID_INPUT'],
    ['a floor ratio of the wrong form', { floorRatio: '1.5', version: 1 }, 'INVALID_INPUT'],
    ['deadlines out of order', { submissionDeadline: '2011-12-01', balancingDeadline: '2011-11-01', version: 1 }, 'INVALID_INPUT'],
    ['an unknown floor source', { floorSources: ['NOPE'], version: 1 }, 'INVALID_INPUT'],
  ])('year settings: %s', async (label, body, code) => {
    const response = await dof.patch(`/fiscal-years/${DEMO_YEAR}`).send(body).expect(400);
    expectOfficialError(response.body as ErrorBody, code, label);
  });

  it.each([
    ['no ceiling', { track: 'RECURRENT' }],
    ['both kinds of ceiling', { track: 'RECURRENT', ceiling: '1', ceilingsBySource: { PROVINCIAL: '1' } }],
    ['an empty set of ceilings', { track: 'RECURRENT', ceilingsBySource: {} }],
    ['a ceiling of an unknown source', { track: 'RECURRENT', ceilingsBySource: { NOPE: '1' } }],
    ['a top-up with ceilings by source', { track: 'RECURRENT', kind: 'TOP_UP', ceilingsBySource: { PROVINCIAL: '1' } }],
  ])('balancing runs: %s', async (label, body) => {
    const response = await dof.post(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).send(body).expect(400);
    expectOfficialError(response.body as ErrorBody, 'INVALID_INPUT', label);
  });

  it('a fiscal year that exists, a bad Idempotency-Key, a reused one', async () => {
    const exists = await t.as('admin').then((admin) => admin.post('/fiscal-years').send({ year: DEMO_YEAR, planPeriod: '2011-2015' }));
    expect([403, 409]).toContain(exists.status);
    if (exists.status === 409) expectOfficialError(exists.body as ErrorBody, 'YEAR_EXISTS', 'year exists');

    const head = await t.as('yenphong.head');
    const badKey = await head.post(`/estimates/${estimate.id}/submit`).set('Idempotency-Key', 'ä').send({}).expect(400);
    expectOfficialError(badKey.body as ErrorBody, 'INVALID_INPUT', 'bad idempotency key');
  });

  it('the year rules, the budget warnings and the run explanations are Vietnamese first', async () => {
    // Two submitted estimates give a run its lines (one after the other: a year's rules lock it).
    for (const [unitId, head] of [[UNIT_IDS.tuSon, 'tuson.head'], [UNIT_IDS.education, 'education.head']]) {
      const submitted = DEMO_ESTIMATES.find((e) => e.unitId === unitId)!;
      await (await t.as(head)).post(`/estimates/${submitted.id}/submit`).send({}).expect(200);
    }
    const rules = (await dof.get(`/fiscal-years/${DEMO_YEAR}/rules`).expect(200)).body as { results: { message: string; violations: { message: string }[] }[] };
    for (const result of rules.results) {
      expectVietnameseFirst(result.message, 'rule result');
      result.violations.forEach((v) => expectVietnameseFirst(v.message, 'rule violation'));
    }
    const budget = (await dof.get(`/fiscal-years/${DEMO_YEAR}/budget`).expect(200)).body as { warnings: string[] };
    budget.warnings.forEach((w) => expectVietnameseFirst(w, 'budget warning'));

    const run = (await dof.post(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).send({ track: 'RECURRENT', ceiling: '100000000', roundingUnit: '1000' }).expect(201)).body as {
      id: string;
    };
    const detail = (await dof.get(`/balancing-runs/${run.id}`).expect(200)).body as { lines: { explanation: { summary: string } | null }[] };
    expect(detail.lines.length).toBeGreaterThan(0);
    for (const line of detail.lines) {
      expect(line.explanation).not.toBeNull();
      expectVietnameseFirst(line.explanation!.summary, 'explanation');
      // One " / " only: the halves never mix.
      expect(line.explanation!.summary.split(' / ')).toHaveLength(2);
    }
  });

  it.each([
    ['a malformed id', (c: Client) => c.get('/estimates/not-an-id'), 400, 'INVALID_ID'],
    ['an unknown route', (c: Client) => c.get('/no-such-thing'), 404, 'ROUTE_NOT_FOUND'],
    ['an unknown estimate', (c: Client) => c.get('/estimates/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND'],
    ['an unknown property', (c: Client) => c.patch(`/fiscal-years/${DEMO_YEAR}`).send({ foo: 1, version: 1 }), 400, 'INVALID_INPUT'],
    ['a malformed body', (c: Client) => c.patch(`/fiscal-years/${DEMO_YEAR}`).set('Content-Type', 'application/json').send('{"version":'), 400, 'MALFORMED_BODY'],
  ])('framework answers: %s', async (label, send, status, code) => {
    const response = await send(dof).expect(status);
    expectOfficialError(response.body as ErrorBody, code, label);
  });

  // Officials read words, not ids, versions or status codes; clients find those in machine fields.
  it('not found, stale versions and refused steps are worded for officials', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const missing = await dof.get(`/estimates/${unknownId}`).expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: 'Dự toán không tồn tại hoặc bạn không có quyền xem / Estimate not found', entity: 'Estimate', id: unknownId });

    const officer = await t.as('yenphong.officer');
    const current = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as { version: number; status: string };
    const stale = await officer.patch(`/estimates/${estimate.id}/lines/${estimate.lines[0].id}`).send({ description: 'Sửa mô tả', version: current.version + 5 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', entity: 'Estimate', version: current.version + 5 });
    expect(stale.body.message).toBe(
      'Dữ liệu dự toán đã bị người khác thay đổi sau khi bạn mở; hãy tải lại để xem số mới rồi làm lại / The estimate was changed by someone else since you opened it; reload it and try again',
    );

    // A draft cannot be returned: the action and the status in words.
    expect(current.status).toBe('DRAFT');
    const returned = await (await t.as('dic.reviewer')).post(`/estimates/${estimate.id}/return`).send({ comment: 'Bổ sung thuyết minh' }).expect(409);
    expect(returned.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', action: 'return', currentStatus: 'DRAFT' });
    expect(returned.body.message).toBe('Không thể trả lại dự toán đang ở trạng thái “Đang lập” / Cannot return an estimate that is drafted');
    for (const body of [missing.body, stale.body, returned.body]) {
      expectVietnameseFirst(body.message, body.code as string);
      expect(body.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|\b(DRAFT|SUBMITTED|RETURNED)\b|[0-9]/);
      expect((body.message as string).split(' / ')[0]).not.toMatch(/\breturn\b/);
    }
  });

  it('names beside ids: the signed-in user\'s unit, who made a run, the audit trail, the history, the budget', async () => {
    const me = (await (await t.as('yenphong.officer')).get('/auth/me').expect(200)).body as { unitId: string; unitCode: string; unitName: string };
    expect(me).toMatchObject({ unitId: UNIT_IDS.yenPhong, unitName: expect.stringContaining('Yên Phong') as unknown });
    expect(me.unitCode.length).toBeGreaterThan(0);

    const runs = (await dof.get(`/fiscal-years/${DEMO_YEAR}/balancing-runs`).expect(200)).body as { items?: { createdByName: string }[] } | { createdByName: string }[];
    const list = Array.isArray(runs) ? runs : (runs.items ?? []);
    expect(list.length).toBeGreaterThan(0);
    list.forEach((run) => expect(run.createdByName).toBe('Chuyên viên Sở Tài chính'));

    const audit = (await (await t.as('auditor')).get('/audit?entityType=estimate&limit=5').expect(200)).body as {
      items: { actorId: string | null; actorFullName: string | null; unitId: string | null; unitName: string | null }[];
    };
    expect(audit.items.length).toBeGreaterThan(0);
    for (const event of audit.items) {
      if (event.actorId) expect(event.actorFullName).toEqual(expect.any(String));
      if (event.unitId) expect(event.unitName).toEqual(expect.any(String));
    }

    const tuSon = DEMO_ESTIMATES.find((e) => e.unitId === UNIT_IDS.tuSon)!;
    const history = (await (await t.as('tuson.officer')).get(`/estimates/${tuSon.id}/history`).expect(200)).body as { items: { action: string; actorUnitName: string | null }[] };
    const submitted = history.items.find((item) => item.action === 'estimate.submit');
    expect(submitted?.actorUnitName).toContain('Từ Sơn');

    const budget = (await dof.get(`/fiscal-years/${DEMO_YEAR}/budget`).expect(200)).body as { submittedByName: string | null; estimates: { adjustments: number }[] };
    expect(budget.submittedByName).toBeNull();
    expect(budget.estimates.length).toBeGreaterThan(0);
    budget.estimates.forEach((e) => expect(e.adjustments).toBe(0));
  });
});
