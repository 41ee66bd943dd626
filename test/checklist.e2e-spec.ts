// GET /estimates/{id}/checklist: the rules submit applies, each with its state and in words; a rule
// in state fail is exactly what submit refuses, and the checklist turns ok once it is fixed.
import { lineBody, SEEDED } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Checklist {
  estimateId: string;
  today: string;
  canSubmit: boolean;
  rules: { code: string; state: string; title: string; message: string }[];
}

describe('submission checklist (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails what submit refuses, names it in Vietnamese then English, and clears once fixed', async () => {
    const officer = await t.as('yenphong.officer');
    const head = await t.as('yenphong.head');
    const created = await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2015 }).expect(201);
    const id = created.body.id as string;
    const checklist = async () => (await officer.get(`/estimates/${id}/checklist`).expect(200)).body as Checklist;
    const states = (c: Checklist) => Object.fromEntries(c.rules.map((r) => [r.code, r.state]));

    let list = await checklist();
    expect(list.rules.map((r) => r.code)).toEqual(['HAS_LINES', 'DISTRICT_IT_LINE', 'SUPPORT_CAPS', 'CONTINGENCY', 'DEADLINE']);
    expect(states(list)).toMatchObject({ HAS_LINES: 'fail', DISTRICT_IT_LINE: 'fail', SUPPORT_CAPS: 'na', CONTINGENCY: 'na' });
    expect(list.canSubmit).toBe(false);
    expect(list.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const rule of list.rules) expect(rule.message).toMatch(/^.+ \/ .+$/);
    expect((await head.post(`/estimates/${id}/submit`).send({ version: created.body.version }).expect(409)).body.code).toBe('EMPTY_ESTIMATE');

    let estimate = (
      await officer.post(`/estimates/${id}/lines`).send({ ...lineBody({ fundingSourceCode: 'PROVINCIAL' }), version: created.body.version }).expect(201)
    ).body;
    list = await checklist();
    expect(states(list)).toMatchObject({ HAS_LINES: 'ok', DISTRICT_IT_LINE: 'fail' });
    expect(list.rules[1].message).toMatch(/^UBND cấp huyện phải có ít nhất một dòng từ ngân sách huyện lớn hơn 0\. \/ /);
    expect((await head.post(`/estimates/${id}/submit`).send({ version: estimate.version }).expect(409)).body.code).toBe('DISTRICT_IT_LINE_MISSING');

    estimate = (await officer.post(`/estimates/${id}/lines`).send({ ...lineBody({ fundingSourceCode: 'DISTRICT' }), version: estimate.version }).expect(201)).body;
    list = await checklist();
    expect(states(list)).toMatchObject({ HAS_LINES: 'ok', DISTRICT_IT_LINE: 'ok' });
    const district = (estimate.lines as { fundingSourceCode: string; amount: string }[]).find((l) => l.fundingSourceCode === 'DISTRICT')!;
    const grouped = district.amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(list.rules[1].message).toBe(`Ngân sách huyện: ${grouped} đồng. / District budget: ${grouped} đồng.`);
    // Nothing fails any more (the seeded 2015 flags late submissions rather than refusing them): submit goes through.
    expect(list.rules.filter((r) => r.state === 'fail')).toEqual([]);
    expect(list.canSubmit).toBe(true);
    await head.post(`/estimates/${id}/submit`).send({ version: estimate.version }).expect(200);

    await (await t.as('tuson.officer')).get(`/estimates/${id}/checklist`).expect(404);
  });
});
