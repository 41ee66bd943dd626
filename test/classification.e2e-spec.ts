// Issue 14, step 1: the state budget index as dated data; units with their budget-relationship code
// and chapter; lines classified by Loại-Khoản and Mục-Tiểu mục, checked against the index in force
// for the estimate's year; consolidation grouped by those codes.
import { DEMO_ESTIMATES } from '../seeds/data/demo-estimates.js';
import { lineBody, OFFICER_OF, SEEDED } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Entry {
  code: string;
  amount: string;
  lineCount: number;
}

describe('classification by the state budget index (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the index in force for a year, each code with how far it was verified', async () => {
    const dof = await t.as('dof.officer');
    const y2012 = (await dof.get('/catalog/budget-index?year=2012').expect(200)).body as { code: string; document: string; sectorItems: { code: string; verification: string }[] }[];
    expect(y2012.map((e) => e.document)).toEqual(['Quyết định 33/2008/QĐ-BTC']);
    expect(y2012[0].sectorItems.map((i) => i.code)).toContain('460-463');
    const y2021 = (await dof.get('/catalog/budget-index?year=2021').expect(200)).body as { document: string; sectorItems: { code: string; verification: string; note: string }[] }[];
    expect(y2021.map((e) => e.document)).toEqual(['Thông tư 324/2016/TT-BTC']);
    const it314 = y2021[0].sectorItems.find((i) => i.code === '280-314');
    expect(it314).toMatchObject({ verification: 'UNVERIFIED' });
    expect((await dof.get('/catalog/budget-index').expect(200)).body).toHaveLength(2);
    expect((await dof.get('/catalog/budget-index?year=1999').expect(400)).body).toMatchObject({ statusCode: 400 });
  });

  it('gives units their budget-relationship code and chapter', async () => {
    const unit = (await (await t.as('dof.officer')).get(`/units/${SEEDED.yenPhong}`).expect(200)).body as { budgetRelationCode: string; chapterCode: string };
    expect(unit.budgetRelationCode).toMatch(/^[0-9]{7}$/);
    expect(unit.chapterCode).toBe('605');
  });

  it('keeps the demo lines classified with codes valid in their year', async () => {
    const demo = DEMO_ESTIMATES[0];
    const estimate = (await (await t.as('dof.officer')).get(`/estimates/${demo.id}`).expect(200)).body as { lines: { loaiKhoan: string; mucTieuMuc: string }[] };
    expect(estimate.lines.length).toBe(demo.lines.length);
    for (const line of estimate.lines) {
      expect(line.loaiKhoan).toBe('460-463');
      expect(line.mucTieuMuc).toMatch(/^[0-9]{4}-[0-9]{4}$/);
    }
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(
      `SELECT COUNT(*)::int AS count FROM estimate_lines WHERE loai_khoan IS NULL OR muc_tieu_muc IS NULL`,
    );
    expect(count).toBe(0);
  });

  it('refuses in a 2012 estimate a code valid only from 2018, and in a 2021 estimate one valid only until 2017, saving nothing', async () => {
    const admin = await t.as('admin');
    await admin.post('/fiscal-years').send({ year: 2021, planPeriod: '2021-2025' }).expect(201);
    const officer = await t.as(OFFICER_OF[SEEDED.yenPhong]);

    // Yên Phong's demo estimate for 2012.
    const demoId = DEMO_ESTIMATES.find((e) => e.unitId === SEEDED.yenPhong && e.year === 2012)!.id;
    const e2012 = (await officer.get(`/estimates/${demoId}`).expect(200)).body as { id: string; version: number; lines: unknown[] };
    const refused = await officer
      .post(`/estimates/${e2012.id}/lines`)
      .send({ ...lineBody({ loaiKhoan: '280-314', mucTieuMuc: '9050-9062' }), version: e2012.version })
      .expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'loaiKhoan', code: 'CODE_NOT_IN_FORCE' })] });
    expect(refused.body.message).toContain('280-314');
    expect(refused.body.message).toContain('2012');
    const [{ lines }] = await t.dataSource.query<[{ lines: number }]>(`SELECT COUNT(*)::int AS lines FROM estimate_lines WHERE estimate_id = $1`, [e2012.id]);
    expect(lines).toBe(e2012.lines.length);
    const accepted = await officer
      .post(`/estimates/${e2012.id}/lines`)
      .send({ ...lineBody({ loaiKhoan: '460-463', mucTieuMuc: '9050-9062' }), version: e2012.version })
      .expect(201);
    expect((accepted.body as { lines: object[] }).lines.at(-1)).toMatchObject({ loaiKhoan: '460-463', mucTieuMuc: '9050-9062' });

    const e2021 = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: 2021 }).expect(201)).body as { id: string; version: number };
    const old = await officer
      .post(`/estimates/${e2021.id}/lines`)
      .send({ ...lineBody({ loaiKhoan: '460-463' }), version: e2021.version })
      .expect(400);
    expect(old.body.message).toMatch(/460-463.*2021/);
    const added = await officer
      .post(`/estimates/${e2021.id}/lines`)
      .send({ ...lineBody({ loaiKhoan: '280-314', mucTieuMuc: '9000-9004' }), version: e2021.version })
      .expect(201);
    const lineId = added.body.lines[0].id as string;
    // An edit is checked the same way; null clears a code.
    await officer.patch(`/estimates/${e2021.id}/lines/${lineId}`).send({ mucTieuMuc: '9999-9999', version: added.body.version }).expect(400);
    const cleared = await officer.patch(`/estimates/${e2021.id}/lines/${lineId}`).send({ mucTieuMuc: null, version: added.body.version }).expect(200);
    expect(cleared.body.lines[0]).toMatchObject({ loaiKhoan: '280-314', mucTieuMuc: null });
    await officer.patch(`/estimates/${e2021.id}/lines/${lineId}`).send({ loaiKhoan: 280, version: cleared.body.version }).expect(400);
  });

  it('groups consolidation by chapter, Loại-Khoản and Mục-Tiểu mục, each adding up to the total', async () => {
    // Every 2012 line is of state administration (the line added above too).
    const body = (await (await t.as('dof.officer')).get('/fiscal-years/2012/consolidation').expect(200)).body as {
      total: string;
      byUnit: { budgetRelationCode: string; chapterCode: string }[];
      byChapter: Entry[];
      byLoaiKhoan: Entry[];
      byMucTieuMuc: Entry[];
    };
    const sum = (entries: Entry[]) => entries.reduce((acc, e) => acc + BigInt(e.amount), 0n).toString();
    expect(body.byLoaiKhoan).toEqual([expect.objectContaining({ code: '460-463', amount: body.total })]);
    expect(sum(body.byMucTieuMuc)).toBe(body.total);
    expect(sum(body.byChapter)).toBe(body.total);
    expect(body.byMucTieuMuc.map((e) => e.code)).toEqual(expect.arrayContaining(['9000-9004', '9050-9062']));
    expect(body.byUnit.every((u) => /^[0-9]{7}$/.test(u.budgetRelationCode) && /^[0-9]{3}$/.test(u.chapterCode))).toBe(true);
  });
});
