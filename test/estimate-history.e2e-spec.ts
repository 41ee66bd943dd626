// GET /estimates/{id}/history: the estimate's changes for the people who draft it, in order, with
// line numbers and descriptions; another unit's estimate is 404.
import { lineBody, SEEDED } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Entry {
  at: string;
  actorName: string | null;
  action: string;
  lineNo: number | null;
  description: string | null;
  status: string | null;
}

describe('estimate history (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists creation, line changes (a deleted line included) and submission in words the screen can render', async () => {
    const officer = await t.as('yenphong.officer');
    const created = await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2015 }).expect(201);
    const id = created.body.id as string;
    let estimate = (await officer.post(`/estimates/${id}/lines`).send({ ...lineBody(), version: created.body.version }).expect(201)).body;
    estimate = (
      await officer
        .post(`/estimates/${id}/lines`)
        .send({ ...lineBody({ description: 'Phần mềm một cửa', fundingSourceCode: 'PROVINCIAL' }), version: estimate.version })
        .expect(201)
    ).body;
    const second = estimate.lines[1].id as string;
    estimate = (await officer.patch(`/estimates/${id}/lines/${second}`).send({ quantity: '3', version: estimate.version }).expect(200)).body;
    estimate = (await officer.delete(`/estimates/${id}/lines/${second}?version=${estimate.version}`).expect(200)).body;
    const head = await t.as('yenphong.head');
    await head.post(`/estimates/${id}/submit`).send({ version: estimate.version }).expect(200);

    const history = await head.get(`/estimates/${id}/history`).expect(200);
    const items = history.body.items as Entry[];
    expect(items.map((e) => [e.action, e.lineNo, e.description, e.status])).toEqual([
      ['estimate.create', null, null, 'DRAFT'],
      ['line.create', 1, 'Xây dựng mạng LAN kết nối WAN tỉnh', null],
      ['line.create', 2, 'Phần mềm một cửa', null],
      ['line.update', 2, 'Phần mềm một cửa', null],
      ['line.delete', 2, 'Phần mềm một cửa', null],
      ['estimate.submit', null, null, 'SUBMITTED'],
    ]);
    expect(items[0].actorName).toBe('Cán bộ UBND huyện Yên Phong');
    expect(items.at(-1)!.actorName).toBe('Chủ tịch UBND huyện Yên Phong');

    const other = await t.as('tuson.officer');
    await other.get(`/estimates/${id}/history`).expect(404);
  });
});
