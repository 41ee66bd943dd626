// The dashboards and the auditor's trail. 2013 is taken through the cycle by API (two units, DOF
// balances, the chair approves, Yên Phong reports its first half and DIC accepts), so that it does
// not touch the demo year the other journeys walk. Then the chair reads the charts and their tables
// (figures equal to the API's to the đồng; a period without data shows "—"), and the auditor
// filters the trail and sees the chain's verification.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiGet, DEMO_PASSWORD, expectAccessible, plain, screenshot, signIn, signOut, vnd } from './support/pages';

const YEAR = 2013;
const PERIOD = '2011-2015';
/** Filled by the first test (the registry's ids, never shown on screen). */
const UNITS = { yenPhong: '', education: '' };

interface Line {
  id: string;
  amount: string;
}
interface Estimate {
  id: string;
  version: number;
  lines: Line[];
}
interface Dashboard {
  targets: { code: string; value: string | null; trend: { year: number; half: number; value: string | null }[] }[];
  execution: {
    total: { approved: string; disbursed: string };
    byUnit: { unitCode: string; unitName: string; approved: string; disbursed: string; reportStatus: string }[];
    byPlanArea: { code: string; approved: string; disbursed: string }[];
  };
}
interface YearFloor {
  year: number;
  floorAmount: string | null;
  requestedTotal: string;
  itTotal: string;
  compliant: boolean | null;
  lines: number;
  approvedLines: number;
}
interface TrailPage {
  total: number;
  items: { seq: string }[];
}

async function client(request: APIRequestContext, username: string) {
  const response = await request.post('/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  const headers = { Authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
  const call = async <T>(method: 'get' | 'post' | 'patch', path: string, data?: unknown): Promise<T> => {
    const r = await request[method](path, { headers, ...(data === undefined ? {} : { data }) });
    expect(r.ok(), `${method.toUpperCase()} ${path}: ${r.status()} ${await r.text()}`).toBe(true);
    return (await r.json()) as T;
  };
  return { get: <T>(path: string) => call<T>('get', path), post: <T>(path: string, data: unknown = {}) => call<T>('post', path, data), patch: <T>(path: string, data: unknown) => call<T>('patch', path, data) };
}

const line = (description: string, planAreaCode: string, fundingSourceCode: string, activityKindCode: string, quantity: string, unitPrice: string) => ({
  planAreaCode,
  expenditureTypeCode: 'RECURRENT',
  fundingSourceCode,
  activityKindCode,
  description,
  measureUnit: 'gói',
  quantity,
  unitPrice,
});

async function pickYear(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Năm ngân sách' }).selectOption(String(YEAR));
}

const cell = (page: Page, testId: string) => page.getByTestId(testId);

test.describe.configure({ mode: 'serial' });

test('2013 goes through the cycle by API: two estimates approved, Yên Phong’s first half reported and accepted', async ({ request }) => {
  const dof = await client(request, 'dof.officer');
  const units = await dof.get<{ id: string; code: string; name: string }[]>('/units');
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  UNITS.yenPhong = unitId('UBND huyện Yên Phong');
  UNITS.education = unitId('Sở Giáo dục và Đào tạo');

  const settings = await dof.get<{ version: number }>(`/fiscal-years/${YEAR}`);
  await dof.patch(`/fiscal-years/${YEAR}`, { totalLocalExpenditure: '10000000000', reason: 'Dự toán chi ngân sách địa phương năm 2013 được HĐND tỉnh thông qua', version: settings.version });

  const drafts: [string, string, ReturnType<typeof line>[]][] = [
    ['yenphong', UNITS.yenPhong, [line('Bảo trì mạng LAN huyện', '1.f', 'DISTRICT', 'TASK_SIMPLE', '1', '150000000'), line('Thuê phần mềm một cửa', '2.1.a', 'PROVINCIAL', 'SERVICE_RENTAL', '12', '8500000')]],
    ['education', UNITS.education, [line('Tập huấn CNTT cho giáo viên', '3.a', 'PROVINCIAL', 'TASK_SIMPLE', '1', '90000000'), line('Thuê đường truyền', '1.f', 'CENTRAL', 'SERVICE_RENTAL', '12', '2000000')]],
  ];
  const estimates: Estimate[] = [];
  for (const [prefix, unit, lines] of drafts) {
    const officer = await client(request, `${prefix}.officer`);
    let estimate = await officer.post<Estimate>('/estimates', { unitId: unit, year: YEAR });
    for (const l of lines) estimate = await officer.post<Estimate>(`/estimates/${estimate.id}/lines`, { ...l, version: estimate.version });
    const head = await client(request, `${prefix}.head`);
    estimates.push(await head.post<Estimate>(`/estimates/${estimate.id}/submit`));
  }
  // DOF approves the rental line below its request, so that approved ≠ requested somewhere.
  for (const e of estimates) {
    await dof.post(`/estimates/${e.id}/balance`, { version: e.version, lines: e.lines.map((l) => ({ lineId: l.id, approvedAmount: l.amount === '102000000' ? '90000000' : l.amount })) });
  }
  await dof.post(`/fiscal-years/${YEAR}/budget/submit`);
  const chair = await client(request, 'chair');
  await chair.post(`/fiscal-years/${YEAR}/budget/approve`, { decisionNumber: '1999/QĐ-UBND', decisionDate: '2012-12-20' });

  const officer = await client(request, 'yenphong.officer');
  const report = await officer.post<{
    id: string;
    version: number;
    indicators: { targetCode: string; aggregation: string }[];
    disbursements: { lineId: string; approved: string }[];
  }>('/progress-reports', { unitId: UNITS.yenPhong, year: YEAR, half: 1 });
  await officer.patch(`/progress-reports/${report.id}`, {
    version: report.version,
    indicators: report.indicators.map((i) => (i.aggregation === 'SHARE_OF_UNITS' ? { targetCode: i.targetCode, achieved: true } : { targetCode: i.targetCode, numerator: '7', denominator: '9' })),
    disbursements: report.disbursements.map((d, i) => ({ lineId: d.lineId, disbursed: i === 0 ? '61234567' : '45000000' })),
  });
  await (await client(request, 'yenphong.head')).post(`/progress-reports/${report.id}/submit`);
  await (await client(request, 'dic.reviewer')).post(`/progress-reports/${report.id}/accept`);
});

test('the chair reads the targets per half-year, the floor across the years and execution, each chart beside its table', async ({ page }) => {
  await signIn(page, 'chair');
  await pickYear(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Bảng điều khiển' }).click();
  await expect(page.getByRole('heading', { name: `Bảng điều khiển kế hoạch ${PERIOD}` })).toBeVisible();
  await page.getByTestId('half').getByText(`6 tháng đầu năm ${YEAR}`, { exact: true }).click();

  // Targets: the chart and its table; the half-years before any report show "—".
  const dashboard = await apiGet<Dashboard>(page, `/plan-periods/${PERIOD}/dashboard?year=${YEAR}&half=1`);
  const first = dashboard.targets[0];
  await expect(page.getByTestId('target-trend').locator('svg')).toBeVisible();
  const reported = first.trend.find((p) => p.year === YEAR && p.half === 1)!;
  expect(reported.value).not.toBeNull();
  await expect(cell(page, `target-trend-${YEAR}-1-value`)).toHaveText(reported.value!.replace('.', ','));
  await expect(cell(page, 'target-trend-2012-1-value')).toHaveText('—');
  await expect(cell(page, 'target-trend-2011-2-value')).toHaveText('—');
  for (const target of dashboard.targets) {
    if (target.value === null) await expect(cell(page, `target-${target.code}-value`)).toHaveText('—');
    else await expect(cell(page, `target-${target.code}-value`)).toContainText(target.value.replace('.', ','));
  }
  await expectAccessible(page, 'dashboard: targets');
  await screenshot(page, 'dashboard-targets');

  // The floor across the plan's years: figures to the đồng, "—" for years without data.
  await page.getByRole('tab', { name: 'Mức sàn qua các năm' }).click();
  const floor = await apiGet<{ years: YearFloor[] }>(page, `/plan-periods/${PERIOD}/floor`);
  await expect(page.getByTestId('floor-years').locator('svg')).toBeVisible();
  for (const y of floor.years) {
    // The API gives each year's live figures (0 without lines); the chart leaves a gap there.
    for (const [key, value] of [
      ['floor', y.floorAmount],
      ['requested', y.lines > 0 ? y.requestedTotal : null],
      ['approved', y.approvedLines > 0 ? y.itTotal : null],
    ] as const) {
      const text = plain(await cell(page, `floor-years-${y.year}-${key}`).textContent());
      expect(text, `${y.year} ${key}`).toBe(value === null ? '—' : vnd(value));
    }
  }
  expect(floor.years.find((y) => y.year === 2011)).toMatchObject({ itTotal: '0', compliant: false, approvedLines: 0 });
  await expect(cell(page, 'floor-years-2011-approved')).toHaveText('—');
  await expect(cell(page, 'floor-years-2011-state')).toHaveText('Chưa đạt');
  await expect(cell(page, `floor-years-${YEAR}-state`)).toHaveText('Đạt');
  await expectAccessible(page, 'dashboard: floor across the years');
  await screenshot(page, 'dashboard-floor');

  // Execution by unit and plan area: Yên Phong reported, Education did not ("—", never 0).
  await page.getByRole('tab', { name: 'Giải ngân' }).click();
  await expect(page.getByTestId('execution-units').locator('svg')).toBeVisible();
  for (const u of dashboard.execution.byUnit) {
    expect(plain(await cell(page, `execution-units-${u.unitCode}-approved`).textContent())).toBe(vnd(u.approved));
    const disbursed = plain(await cell(page, `execution-units-${u.unitCode}-disbursed`).textContent());
    expect(disbursed, u.unitName).toBe(u.reportStatus === 'ACCEPTED' ? vnd(u.disbursed) : '—');
  }
  const statuses = dashboard.execution.byUnit.map((u) => u.reportStatus).sort();
  expect(statuses).toEqual(['ACCEPTED', 'NONE']);
  expect(plain(await cell(page, 'execution-units-TOTAL-disbursed').textContent())).toBe(vnd(dashboard.execution.total.disbursed));
  expect(dashboard.execution.total.disbursed).toBe('106234567');
  for (const a of dashboard.execution.byPlanArea) {
    expect(plain(await cell(page, `execution-areas-${a.code}-approved`).textContent())).toBe(vnd(a.approved));
    expect(plain(await cell(page, `execution-areas-${a.code}-disbursed`).textContent())).toBe(vnd(a.disbursed));
  }
  await expectAccessible(page, 'dashboard: execution');
  await screenshot(page, 'dashboard-execution');

  // The second half has no accepted report: no disbursement is drawn or written as 0.
  await page.getByTestId('half').getByText(`Cả năm ${YEAR} (6 tháng cuối)`, { exact: true }).click();
  await expect(page.getByRole('heading', { name: /6 tháng cuối năm 2013/ }).first()).toBeVisible();
  await expect(cell(page, 'execution-units-TOTAL-disbursed')).toHaveText('—');
  for (const a of dashboard.execution.byPlanArea) await expect(cell(page, `execution-areas-${a.code}-disbursed`)).toHaveText('—');

  // The chair's workbook.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải sổ tổng hợp của Chủ tịch (Excel)' }).click();
  expect((await download).suggestedFilename()).toBe(`tien-do-${PERIOD}-${YEAR}-2.xlsx`);
  await signOut(page);
});

test('the auditor sees the chain verified, filters the trail by unit, subject, actor and time, and pages through it', async ({ page }) => {
  await signIn(page, 'auditor');
  await expect(page.getByRole('heading', { name: 'Nhật ký kiểm toán' })).toBeVisible();

  const verify = await apiGet<{ valid: boolean; checked: number; head: { seq: string } }>(page, '/audit/verify');
  expect(verify.valid).toBe(true);
  await expect(page.getByTestId('chain-state')).toContainText(`Chuỗi nguyên vẹn: đã kiểm tra ${verify.checked} sự kiện, đến sự kiện số ${verify.head.seq} lúc`);
  const checkpoints = await apiGet<{ items: { seq: string }[] }>(page, '/audit/checkpoints');
  await expect(page.getByTestId('anchor')).toContainText(`Mốc ký gần nhất: sự kiện số ${checkpoints.items[0].seq}`);

  const all = await apiGet<TrailPage>(page, '/audit?limit=1');
  await expect(page.getByTestId('trail-count')).toHaveText(`Sự kiện 1–${Math.min(20, all.total)} trong ${all.total}`);
  expect(all.total).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByTestId('trail-count')).toHaveText(`Sự kiện 21–${Math.min(40, all.total)} trong ${all.total}`);
  await expect(page.getByTestId('trail')).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await expectAccessible(page, 'audit trail');
  await page.getByRole('button', { name: 'Trang trước' }).click();
  await screenshot(page, 'auditor-trail');

  // By unit and subject: Yên Phong's lines, each named by number and description.
  await page.getByLabel('Đơn vị').selectOption({ label: 'UBND huyện Yên Phong' });
  await page.getByLabel('Đối tượng').selectOption({ label: 'Dòng dự toán' });
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const lines = await apiGet<TrailPage>(page, `/audit?unitId=${UNITS.yenPhong}&entityType=estimate_line&limit=1`);
  await expect(page.getByTestId('trail-count')).toHaveText(`Sự kiện 1–${Math.min(20, lines.total)} trong ${lines.total}`);
  expect(lines.total).toBeLessThan(all.total);
  await expect(page.getByTestId('trail')).toContainText('Thêm dòng 1 «Bảo trì mạng LAN huyện» — dự toán năm 2013 của UBND huyện Yên Phong');
  await expect(page.getByTestId('trail')).toContainText('Cân đối dòng 2 «Thuê phần mềm một cửa»');

  // By actor: the education officer only.
  const actors = await apiGet<{ items: { actorId: string; username: string; fullName: string }[] }>(page, '/audit/actors');
  const edu = actors.items.find((a) => a.username === 'education.officer')!;
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await page.getByLabel('Người thực hiện').selectOption({ label: edu.fullName });
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const byActor = await apiGet<TrailPage>(page, `/audit?actorId=${edu.actorId}&limit=1`);
  await expect(page.getByTestId('trail-count')).toHaveText(`Sự kiện 1–${byActor.total} trong ${byActor.total}`);
  await expect(page.getByTestId('trail')).toContainText('Lập dự toán năm 2013 của Sở Giáo dục và Đào tạo');

  // Year settings: what changed, old → new, money grouped as officials write it, with the reason.
  const yearEvents = await apiGet<{ items: { action: string; before: { totalLocalExpenditure: string | null } }[] }>(page, `/audit?entityType=fiscal_year&entityId=${YEAR}`);
  const update = yearEvents.items.find((e) => e.action === 'year.update')!;
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await page.getByLabel('Đối tượng').selectOption({ label: 'Thiết lập năm' });
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const changed = page.getByTestId('trail').getByRole('row').filter({ hasText: 'Thay đổi thiết lập năm ngân sách 2013' });
  const before = update.before.totalLocalExpenditure;
  await expect(changed.getByTestId('setting-changes')).toHaveText(`Tổng chi ngân sách địa phương: ${before ? vnd(before) : '—'} → ${vnd('10000000000')}`);
  await expect(changed).toContainText('Lý do: Dự toán chi ngân sách địa phương năm 2013 được HĐND tỉnh thông qua');
  await expectAccessible(page, 'audit trail, year settings');
  await screenshot(page, 'auditor-year-settings');

  // By time: a bad date is named; a range in the future holds nothing.
  await page.getByLabel('Từ ngày').fill('31/02/2013');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await expect(page.getByText('Ngày không hợp lệ: viết dd/mm/yyyy.')).toBeVisible();
  await page.getByLabel('Từ ngày').fill('01/01/2999');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await expect(page.getByTestId('trail-empty')).toHaveText('Không có sự kiện nào khớp bộ lọc.');
  await signOut(page);
});
