import { lineBody, SEEDED } from './support/fixtures.js';
import { type Client, createTestApp, type TestApp } from './support/test-app.js';

interface Line {
  id: string;
  description: string;
  amount: string;
  approvedAmount: string | null;
}
interface Estimate {
  id: string;
  version: number;
  status: string;
  lines: Line[];
}
interface RunLine {
  lineId: string;
  requested: string;
  allocated: string;
  proposedApproved: string;
  note: string | null;
  dicOpinion: string | null;
  dicNote: string | null;
  designAgreed: boolean | null;
  includeReason: string | null;
  explanation: { summary: string } | null;
}
interface Run {
  id: string;
  lines: RunLine[];
}

const YEAR = 2013;
const BIG = '100000000000';

// DIC's opinion reaches the balancing (README "DIC's opinion in balancing"): a run gives nothing to
// lines DIC disagreed with and to projects whose design DIC refused, saying why; DOF and DPI include
// a disagreed line only with a written reason, kept and audited.
describe('DIC’s opinion in balancing (e2e)', () => {
  let t: TestApp;
  let officer: Client, head: Client, dic: Client, dof: Client, dpi: Client;
  let estimate: Estimate;
  const line: Record<string, Line> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [officer, head, dic, dof, dpi] = await Promise.all(['yenphong.officer', 'yenphong.head', 'dic.reviewer', 'dof.officer', 'dpi.officer'].map((u) => t.as(u)));
    estimate = (await officer.post('/estimates').send({ unitId: SEEDED.yenPhong, year: YEAR }).expect(201)).body as Estimate;
    const recurrent = { expenditureTypeCode: 'RECURRENT', activityKindCode: 'TASK_SIMPLE', quantity: '1' };
    const project = { expenditureTypeCode: 'INVESTMENT', activityKindCode: 'PROJECT', quantity: '1' };
    const drafts: [string, Record<string, unknown>][] = [
      ['disagreed', { ...recurrent, unitPrice: '100000000', description: 'Thuê phần mềm trùng lặp' }],
      ['changes', { ...recurrent, unitPrice: '200000000', description: 'Đào tạo kỹ năng' }],
      ['agreed', { ...recurrent, unitPrice: '300000000', description: 'Duy trì cổng thông tin' }],
      ['refused', { ...project, unitPrice: '400000000', description: 'Dự án trung tâm dữ liệu' }],
      ['awaiting', { ...project, unitPrice: '500000000', description: 'Dự án mạng WAN' }],
      ['approvedProject', { ...project, unitPrice: '600000000', description: 'Dự án một cửa điện tử' }],
    ];
    for (const [, fields] of drafts) {
      estimate = (await officer.post(`/estimates/${estimate.id}/lines`).send({ ...lineBody(fields), version: estimate.version }).expect(201)).body as Estimate;
    }
    for (const [key, fields] of drafts) line[key] = estimate.lines.find((l) => l.description === fields.description)!;
    estimate = (await head.post(`/estimates/${estimate.id}/submit`).send({}).expect(200)).body as Estimate;
    estimate = (
      await dic
        .post(`/estimates/${estimate.id}/review`)
        .send({
          version: estimate.version,
          opinions: [
            { lineId: line.disagreed.id, opinion: 'DISAGREE', note: 'Trùng với phần mềm dùng chung của tỉnh' },
            { lineId: line.changes.id, opinion: 'AGREE_WITH_CHANGES', note: 'Giảm số lớp còn 3' },
            { lineId: line.agreed.id, opinion: 'AGREE' },
            { lineId: line.refused.id, opinion: 'DISAGREE', note: 'Thiết kế chưa đạt', designAgreed: false },
            { lineId: line.approvedProject.id, opinion: 'AGREE', designAgreed: true },
          ],
        })
        .expect(200)
    ).body as Estimate;
  }, 30_000);
  afterAll(async () => {
    await t.close();
  });

  const byLine = (run: Run, key: string) => run.lines.find((l) => l.lineId === line[key].id)!;

  it('a recurrent run gives 0 to the line DIC disagreed with and says why; the AGREE_WITH_CHANGES note stays in view', async () => {
    const run = (await dof.post(`/fiscal-years/${YEAR}/balancing-runs`).send({ track: 'RECURRENT', ceiling: BIG }).expect(201)).body as Run;
    const disagreed = byLine(run, 'disagreed');
    expect(disagreed).toMatchObject({ requested: '0', allocated: '0', dicOpinion: 'DISAGREE', dicNote: 'Trùng với phần mềm dùng chung của tỉnh', includeReason: null });
    expect(disagreed.note).toMatch(/^Sở TT&TT không đồng ý .*Trùng với phần mềm dùng chung của tỉnh.*\/ DIC disagreed/);
    // The note goes first in each language.
    expect(disagreed.explanation?.summary.startsWith(disagreed.note!.split(' / ')[0])).toBe(true);
    const changes = byLine(run, 'changes');
    expect(changes).toMatchObject({ allocated: '200000000', dicOpinion: 'AGREE_WITH_CHANGES', dicNote: 'Giảm số lớp còn 3' });
    expect(changes.note).toContain('Giảm số lớp còn 3');
    expect(changes.explanation?.summary).toContain('DIC agreed with changes');
    expect(byLine(run, 'agreed')).toMatchObject({ allocated: '300000000', note: null });
  });

  it('an investment run tells a refused design from one awaited; no reason includes a refused project', async () => {
    const run = (await dpi.post(`/fiscal-years/${YEAR}/balancing-runs`).send({ track: 'INVESTMENT', ceiling: BIG }).expect(201)).body as Run;
    const refused = byLine(run, 'refused');
    const awaiting = byLine(run, 'awaiting');
    expect(refused).toMatchObject({ allocated: '0', designAgreed: false });
    expect(refused.note).toContain('refused');
    expect(refused.note).not.toContain('awaiting');
    expect(awaiting).toMatchObject({ allocated: '0', designAgreed: null });
    expect(awaiting.note).toContain('awaiting');
    expect(byLine(run, 'approvedProject')).toMatchObject({ allocated: '600000000', note: null });

    const include = await dpi
      .post(`/fiscal-years/${YEAR}/balancing-runs`)
      .send({ track: 'INVESTMENT', ceiling: BIG, include: [{ lineId: line.refused.id, reason: 'Cấp bách' }] })
      .expect(409);
    expect(include.body.code).toBe('DESIGN_NOT_AGREED');
    expect(include.body.message).toMatch(/^include\[0\]\.lineId: .* \/ DIC refused/);
    // Manual balancing tells them apart too.
    const manual = await dpi
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: line.awaiting.id, approvedAmount: '1' }] })
      .expect(409);
    expect(manual.body.message).toContain("awaiting DIC's opinion");
    const refusedManual = await dpi
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: line.refused.id, approvedAmount: '1' }] })
      .expect(409);
    expect(refusedManual.body.message).toContain("DIC refused this IT project's preliminary design");
  });

  it('including a disagreed line needs a written reason: a blank or misplaced one is 400 naming it', async () => {
    const blank = await dof
      .post(`/fiscal-years/${YEAR}/balancing-runs`)
      .send({ track: 'RECURRENT', ceiling: BIG, include: [{ lineId: line.disagreed.id, reason: '' }] })
      .expect(400);
    expect(JSON.stringify(blank.body.details)).toContain('include[0].reason');
    const notDisagreed = await dof
      .post(`/fiscal-years/${YEAR}/balancing-runs`)
      .send({ track: 'RECURRENT', ceiling: BIG, include: [{ lineId: line.agreed.id, reason: 'Lý do' }] })
      .expect(400);
    expect(notDisagreed.body.details).toEqual([expect.objectContaining({ field: 'include[0].lineId', code: 'NOT_DISAGREED' })]);
    const foreign = await dof
      .post(`/fiscal-years/${YEAR}/balancing-runs`)
      .send({ track: 'RECURRENT', ceiling: BIG, include: [{ lineId: line.refused.id, reason: 'Lý do' }] })
      .expect(400);
    expect(foreign.body.details).toEqual([expect.objectContaining({ field: 'include[0].lineId', code: 'NOT_IN_RUN' })]);
  });

  it('a run that includes it with a reason keeps the reason, audits it, and adoption passes it to the line’s audit', async () => {
    const reason = 'Nghị quyết HĐND tỉnh số 12 giao nhiệm vụ riêng';
    const run = (
      await dof
        .post(`/fiscal-years/${YEAR}/balancing-runs`)
        .send({ track: 'RECURRENT', ceiling: BIG, include: [{ lineId: line.disagreed.id, reason }] })
        .expect(201)
    ).body as Run;
    const included = byLine(run, 'disagreed');
    expect(included).toMatchObject({ allocated: '100000000', includeReason: reason });
    expect(included.note).toContain(reason);
    const [created] = await t.dataSource.query<{ reason: string; after: { includedDespiteDic: unknown } }[]>(
      `SELECT reason, after FROM audit_events WHERE action = 'balancing_run.create' AND entity_id = $1`,
      [run.id],
    );
    expect(created).toMatchObject({ reason, after: { includedDespiteDic: [{ lineId: line.disagreed.id, reason }] } });

    await dof.post(`/balancing-runs/${run.id}/adopt`).send({}).expect(200);
    const [balanced] = await t.dataSource.query<{ reason: string }[]>(
      `SELECT reason FROM audit_events WHERE action = 'line.balance' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [line.disagreed.id],
    );
    expect(balanced?.reason).toBe(reason);
    estimate = (await dof.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
    expect(estimate.lines.find((l) => l.id === line.disagreed.id)?.approvedAmount).toBe('100000000');
  });

  it('by hand, a disagreed line above 0 needs a reason (400 naming lines[i].reason); 0 needs none', async () => {
    const missing = await dof
      .post(`/estimates/${estimate.id}/balance`)
      .send({ version: estimate.version, lines: [{ lineId: line.disagreed.id, approvedAmount: '50000000' }] })
      .expect(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'lines[0].reason', code: 'REASON_REQUIRED' })]);
    expect(missing.body.message).toMatch(/^lines\[0\]\.reason: Sở TT&TT không đồng ý/);
    estimate = (
      await dof.post(`/estimates/${estimate.id}/balance`).send({ version: estimate.version, lines: [{ lineId: line.disagreed.id, approvedAmount: '0' }] }).expect(200)
    ).body as Estimate;
    estimate = (
      await dof
        .post(`/estimates/${estimate.id}/balance`)
        .send({ version: estimate.version, lines: [{ lineId: line.disagreed.id, approvedAmount: '50000000', reason: 'Chỉ phần duy trì' }] })
        .expect(200)
    ).body as Estimate;
    const [event] = await t.dataSource.query<{ reason: string }[]>(
      `SELECT reason FROM audit_events WHERE action = 'line.balance' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [line.disagreed.id],
    );
    expect(event?.reason).toBe('Chỉ phần duy trì');
  });

  it('a run made before DIC changed its opinion is stale at adoption', async () => {
    const run = (await dof.post(`/fiscal-years/${YEAR}/balancing-runs`).send({ track: 'RECURRENT', ceiling: BIG }).expect(201)).body as Run;
    estimate = (await dic.get(`/estimates/${estimate.id}`).expect(200)).body as Estimate;
    await dic
      .post(`/estimates/${estimate.id}/review`)
      .send({ version: estimate.version, opinions: [{ lineId: line.agreed.id, opinion: 'DISAGREE', note: 'Xem lại' }] })
      .expect(200);
    const stale = await dof.post(`/balancing-runs/${run.id}/adopt`).send({}).expect(409);
    expect(stale.body.code).toBe('RUN_STALE');
  });
});
