import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  dicOpinion: string | null;
  dicNote: string | null;
  unitPrice: string;
  quantity: string;
  description: string;
}
interface Estimate {
  id: string;
  status: string;
  version: number;
  lines: Line[];
}

const YEAR = 2014;

// An edit that changes nothing is no edit (it must not wipe DIC's review), and text with no
// visible character is blank wherever an official would read it.
describe('unchanged edits and invisible text (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, auditor: Client;
  let estimate: Estimate;
  let line: Line;

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, auditor] = await Promise.all(['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'auditor'].map((u) => t.as(u)));
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    const overrides = { expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'TASK_SIMPLE', quantity: '1', unitPrice: '11800000' };
    estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(overrides), version: estimate.version }).expect(201)).body as Estimate;
    line = estimate.lines[0];
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({ version: estimate.version, opinions: [{ lineId: line.id, opinion: 'AGREE', note: 'Hợp lý' }] })
        .expect(200)
    ).body as Estimate;
  });
  afterAll(async () => {
    await t.close();
  });

  const lineEvents = async () => ((await auditor.get('/audit').query({ entityType: 'estimate_line', entityId: line.id }).expect(200)).body.items as unknown[]).length;

  it('refuses a return comment with no visible character (400), the estimate stays as it was', async () => {
    for (const comment of ['\u180e', '\u2800', '\u3164', '\u00ad', '\u034f', '\u115f', '\u2061', '\u200e', '\u202e', ' \u200b\ufeff ']) {
      const refused = await dof.post(`/estimates/${estimate.id}/return`).send({ comment }).expect(400);
      expect(refused.body.details[0]).toMatchObject({ field: 'comment' });
      expect(refused.body.message).toContain(' / ');
    }
    expect(((await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate).status).toBe(estimate.status);
    estimate = (await dof.post(`/estimates/${estimate.id}/return`).send({ comment: 'Cần bổ sung thuyết minh' }).expect(200)).body as Estimate;
    expect(estimate.status).toBe('RETURNED');
  });

  it('keeps DIC’s review, the version and the audit trail when a line edit changes nothing', async () => {
    expect(estimate.lines[0]).toMatchObject({ dicOpinion: 'AGREE', dicNote: 'Hợp lý' });
    const eventsBefore = await lineEvents();
    // Nothing but the version; the same price in another spelling; the same figures and text restated.
    const restated = { unitPrice: line.unitPrice, quantity: '1.0000', description: line.description };
    for (const body of [{}, { unitPrice: '011800000' }, restated]) {
      const same = (await officer.patch(`/estimates/${estimate.id}/lines/${line.id}`).send({ ...body, version: estimate.version }).expect(200)).body as Estimate;
      expect(same.version).toBe(estimate.version);
      expect(same.lines[0]).toMatchObject({ dicOpinion: 'AGREE', dicNote: 'Hợp lý', unitPrice: '11800000' });
    }
    expect(await lineEvents()).toBe(eventsBefore);
    // A stale version is still refused, changed or not.
    expect((await officer.patch(`/estimates/${estimate.id}/lines/${line.id}`).send({ version: estimate.version - 1 }).expect(409)).body.code).toBeDefined();
  });

  it('refuses a line description with no visible character (400), saving nothing', async () => {
    for (const description of ['\u180e', '\u2800', '\u3164', '\u00ad', '\u034f', '\u115f', '\u2061', '\u200e', '\u202e']) {
      const refused = await officer.patch(`/estimates/${estimate.id}/lines/${line.id}`).send({ description, version: estimate.version }).expect(400);
      expect(refused.body.details[0]).toMatchObject({ field: 'description' });
    }
    const after = (await officer.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
    expect(after.version).toBe(estimate.version);
    expect(after.lines[0]).toMatchObject({ description: line.description, dicOpinion: 'AGREE' });
  });

  it('a real change of the amount starts DIC’s review over, once', async () => {
    const eventsBefore = await lineEvents();
    const changed = (await officer.patch(`/estimates/${estimate.id}/lines/${line.id}`).send({ unitPrice: '12000000', version: estimate.version }).expect(200)).body as Estimate;
    expect(changed.version).toBe(estimate.version + 1);
    expect(changed.lines[0]).toMatchObject({ unitPrice: '12000000', dicOpinion: null, dicNote: null });
    expect(await lineEvents()).toBe(eventsBefore + 1);
  });

  it('names at most 50 problems of a body with thousands of unknown keys, and counts the rest', async () => {
    const body: Record<string, unknown> = { unitId: SEEDED.yenPhong, year: YEAR };
    for (let i = 0; i < 5000; i++) body[`junk${i}`] = i;
    const refused = await officer.post('/estimates').send(body).expect(400);
    expect(refused.body.code).toBe('INVALID_INPUT');
    expect(refused.body.details).toHaveLength(50);
    expect(refused.body.details[0]).toMatchObject({ field: 'junk0', code: 'whitelistValidation' });
    expect(refused.body.message).toContain('và 4950 lỗi khác / and 4950 more problems');
  });
});
