// A whole fiscal year (2012, the demo year) through the browser alone: a district officer drafts a line
// and the units' heads submit; DIC reviews and agrees a design and returns one estimate; DOF sets the
// year's total local expenditure; DOF and DPI balance with scenarios side by side and adopt one; the
// floor gauge turns compliant; DOF excludes what is not balanced (with reasons) and submits; the chair
// approves after a confirmation restating the figures; DOF opens a support round and the chair decides
// it with one level changed (with a reason); an adjustment afterwards is listed apart from the decided
// figures. Figures on screen are compared with the API's to the đồng; the API is only read.
import { expect, test, type Page } from '@playwright/test';
import { addLine, apiGet, expectAccessible, plain, screenshot, signIn, signOut, vnd } from './support/pages';

const YEAR = '2012';

interface BudgetView {
  status: string;
  totals: { requested: string; approved: string };
  estimates: { estimateId: string; unitName: string; status: string; excluded: boolean; approved: string }[];
}
interface EstimateView {
  id: string;
  status: string;
  lines: { id: string; lineNo: number; expenditureTypeCode: string; amount: string; approvedAmount: string | null; dicOpinion: string | null }[];
}

async function pickYear(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Năm ngân sách' }).selectOption(YEAR);
}

test.describe.configure({ mode: 'serial' });

const YEN_PHONG = '20000000-0000-4000-8000-000000000006';

test('a district officer drafts a line of the 2012 estimate; the totals on screen equal the API’s', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  await pickYear(page);
  // The 2012 card, not the one of the year shown before the pick (a later year another journey opened).
  await expect(page.getByRole('heading', { name: /^Dự toán CNTT năm 2012 — / })).toBeVisible();
  await page.getByRole('link', { name: 'Mở dự toán' }).click();
  await expect(page).toHaveURL(/\/app\/estimate$/);
  await expect(page.getByRole('heading', { name: /Dự toán CNTT năm 2012/ })).toBeVisible();
  await addLine(page, {
    description: 'Thuê phần mềm quản lý văn bản cho 5 xã',
    planArea: '1.b',
    source: 'Ngân sách huyện',
    kind: 'Thuê dịch vụ CNTT',
    measureUnit: 'tháng',
    quantity: '12',
    unitPrice: '2.500.000',
  });
  const estimate = await apiGet<EstimateView & { totals: { total: string } }>(page, `/estimates/${YEN_PHONG}`);
  expect(estimate.lines.at(-1)?.amount).toBe('30000000');
  await expect(page.getByTestId('total')).toHaveText(vnd(estimate.totals.total));
  await signOut(page);
});

test('the heads of three units review the rules and submit their 2012 estimates on screen', async ({ page }) => {
  // Each head's own estimate (the seed's ids: Yên Phong 6, Từ Sơn 7, Education 3).
  for (const [head, n] of [['yenphong.head', 6], ['tuson.head', 7], ['education.head', 3]] as const) {
    await signIn(page, head);
    await pickYear(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Rà soát và trình' }).click();
    await page.getByRole('button', { name: 'Trình dự toán' }).click();
    await expect(page.getByTestId('status')).toHaveText('Đã trình');
    const mine = await apiGet<EstimateView>(page, `/estimates/20000000-0000-4000-8000-00000000000${n}`);
    expect(mine.status).toBe('SUBMITTED');
    await signOut(page);
  }
});

test('DIC reviews Yên Phong line by line, agrees a design, and returns Từ Sơn with a comment', async ({ page }) => {
  await signIn(page, 'dic.reviewer');
  await pickYear(page);
  await expect(page.getByRole('heading', { name: 'Dự toán chờ thẩm định' })).toBeVisible();
  await expect(page.getByTestId('review-queue').getByRole('row')).toHaveCount(4);
  await expectAccessible(page, 'DIC review queue');
  await screenshot(page, 'dic-queue');

  await page.getByRole('link', { name: 'Thẩm định dự toán của UBND huyện Yên Phong' }).click();
  await expect(page.getByRole('heading', { name: /Thẩm định dự toán năm 2012 — UBND huyện Yên Phong/ })).toBeVisible();
  await page.getByLabel('Ý kiến dòng 1').selectOption('AGREE');
  await page.getByLabel('Thống nhất thiết kế sơ bộ dòng 1').check();
  await page.getByLabel('Ý kiến dòng 2').selectOption('AGREE_WITH_CHANGES');
  await page.getByLabel('Ghi chú dòng 2').fill('Giảm số máy trạm theo định mức');
  for (const no of [3, 4, 5, 6]) await page.getByLabel(`Ý kiến dòng ${no}`).selectOption('AGREE');
  await page.getByRole('button', { name: 'Lưu ý kiến' }).click();
  await expect(page.getByText('Đã lưu ý kiến thẩm định.')).toBeVisible();
  await expectAccessible(page, 'DIC line review');
  await screenshot(page, 'dic-review');
  const reviewed = await apiGet<EstimateView & { lines: { designAgreed?: boolean | null }[] }>(page, `/estimates/${YEN_PHONG}`);
  expect(reviewed.lines.map((l) => l.dicOpinion)).toEqual(['AGREE', 'AGREE_WITH_CHANGES', 'AGREE', 'AGREE', 'AGREE', 'AGREE']);
  expect(reviewed.lines[0].designAgreed).toBe(true);

  await page.getByRole('link', { name: 'Dự toán chờ thẩm định' }).click();
  await page.getByRole('link', { name: 'Thẩm định dự toán của UBND thị xã Từ Sơn' }).click();
  await page.getByRole('button', { name: 'Trả lại dự toán' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByText('Cần ghi ý kiến khi trả lại.')).toBeVisible();
  await page.getByLabel('Ý kiến (bắt buộc)').fill('Bổ sung thuyết minh dòng thuê đường truyền');
  await page.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('status')).toHaveText('Bị trả lại');
  await signOut(page);
});

test('DOF sets the year’s total local expenditure with a reason; the gauge shows the floor short', async ({ page }) => {
  await signIn(page, 'dof.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Thiết lập năm' }).click();
  await page.getByLabel('Tổng chi ngân sách địa phương').fill('100.000.000.000');
  await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
  await expect(page.getByText('Cần ghi lý do khi thay đổi mức sàn.')).toBeVisible();
  await page.getByLabel(/Lý do thay đổi/).fill('Số liệu dự toán thu chi ngân sách địa phương được HĐND tỉnh thông qua');
  await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
  await expect(page.getByText('Đã lưu thiết lập năm.')).toBeVisible();
  await expectAccessible(page, 'year settings');
  await screenshot(page, 'year-settings');

  await page.getByRole('link', { name: 'Tổng quan năm' }).click();
  const floor = await apiGet<{ floorAmount: string; itTotal: string; compliant: boolean }>(page, `/fiscal-years/${YEAR}/floor`);
  expect(floor.floorAmount).toBe('1000000000');
  await expect(page.getByTestId('floor-amount')).toHaveText(vnd(floor.floorAmount));
  await expect(page.getByTestId('floor-state')).toHaveText('Chưa đạt mức sàn');
  await signOut(page);
});

test('DOF computes two scenarios, compares them side by side and adopts one; a stale one says why not', async ({ page }) => {
  await signIn(page, 'dof.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Cân đối, phương án' }).click();
  for (const [name, ceiling] of [
    ['Phương án tiết kiệm', '500.000.000'],
    ['Phương án đủ', '2.000.000.000'],
  ]) {
    await page.getByLabel('Tên phương án').fill(name);
    await page.getByLabel('Trần', { exact: true }).last().fill(ceiling);
    await page.getByRole('button', { name: 'Tính phương án' }).click();
    await expect(page.getByTestId('run-result')).toContainText(name);
  }
  await page.getByLabel('Chọn để so sánh: Phương án tiết kiệm').check();
  await page.getByLabel('Chọn để so sánh: Phương án đủ').check();
  await page.getByRole('button', { name: /So sánh các phương án đã chọn/ }).click();
  await expect(page.getByTestId('comparison')).toBeVisible();
  await expect(page.getByTestId('comparison').locator('[data-differs="yes"]').first()).toBeVisible();
  await expectAccessible(page, 'scenarios side by side');
  await screenshot(page, 'scenarios');

  await page.getByRole('button', { name: 'Chọn phương án Phương án đủ' }).click();
  await expect(page.getByText('Đã chọn phương án; số được duyệt của các dòng đã được ghi.')).toBeVisible();
  await page.getByRole('button', { name: 'Chọn phương án Phương án tiết kiệm' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await signOut(page);
});

test('DPI balances investment and cannot touch recurrent lines; the floor gauge turns compliant', async ({ page }) => {
  await signIn(page, 'dpi.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Cân đối dự toán của UBND huyện Yên Phong' }).click();
  const before = await apiGet<EstimateView>(page, `/estimates/${YEN_PHONG}`);
  for (const line of before.lines) {
    const input = page.getByLabel(`Số được duyệt dòng ${line.lineNo}`);
    await expect(input).toHaveCount(line.expenditureTypeCode === 'INVESTMENT' ? 1 : 0);
  }
  await expectAccessible(page, 'balancing an estimate');
  await screenshot(page, 'balance-estimate');

  await page.getByRole('link', { name: 'Cân đối, phương án' }).click();
  await page.getByLabel('Tên phương án').fill('Đầu tư năm 2012');
  await page.getByLabel('Trần', { exact: true }).last().fill('20.000.000.000');
  await page.getByRole('button', { name: 'Tính phương án' }).click();
  await expect(page.getByTestId('run-result')).toContainText('Đầu tư năm 2012');
  await page.getByRole('button', { name: 'Chọn phương án Đầu tư năm 2012' }).click();
  await expect(page.getByText('Đã chọn phương án; số được duyệt của các dòng đã được ghi.')).toBeVisible();

  await page.getByRole('link', { name: 'Tổng quan năm' }).click();
  const floor = await apiGet<{ itTotal: string; compliant: boolean }>(page, `/fiscal-years/${YEAR}/floor`);
  expect(floor.compliant).toBe(true);
  await expect(page.getByTestId('floor-state')).toHaveText('Đạt mức sàn');
  await expect(page.getByTestId('floor-it')).toHaveText(vnd(floor.itTotal));
  await expectAccessible(page, 'year cockpit');
  await screenshot(page, 'cockpit-floor');
  await signOut(page);
});

test('before DOF submits, the chair reads nothing waiting and the budget apart, as not yet submitted, at its requested total', async ({ page }) => {
  await signIn(page, 'chair');
  await pickYear(page);
  const budget = await apiGet<BudgetView>(page, `/fiscal-years/${YEAR}/budget`);
  expect(budget.status).not.toBe('SUBMITTED');
  await expect(page.getByText('Không có việc nào chờ quyết định.')).toBeVisible();
  await expect(page.getByTestId('inbox')).toHaveCount(0);
  const coming = page.getByTestId('inbox-other');
  await expect(coming).toContainText('Dự toán CNTT tổng hợp năm 2012');
  await expect(page.getByTestId('budget-status')).toHaveText('Sở Tài chính chưa trình');
  expect(BigInt(budget.totals.requested) > 0n).toBe(true);
  await expect(page.getByTestId('budget-amount')).toHaveText(vnd(budget.totals.requested));
  await expect(coming.getByRole('link', { name: 'Xem và quyết định' })).toHaveCount(0);
  await expectAccessible(page, 'approval inbox before submission');
  await screenshot(page, 'chair-inbox-coming');
  await signOut(page);
});

test('DOF excludes what is not balanced, with reasons, and submits to the chair; no chair action for DOF', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'dof.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Dự toán tổng hợp' }).click();
  const budget = await apiGet<BudgetView>(page, `/fiscal-years/${YEAR}/budget`);
  // Two "requested" totals, each saying what it counts: every source of every estimate, and the floor's own sources.
  const floorView = await apiGet<{ requestedTotal: string }>(page, `/fiscal-years/${YEAR}/floor`);
  await expect(page.getByText('Tổng đề nghị (mọi nguồn vốn)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('budget-requested')).toHaveText(vnd(budget.totals.requested));
  await expect(page.getByText('Chi CNTT đề nghị từ các nguồn tính mức sàn')).toBeVisible();
  await expect(page.getByTestId('floor-requested')).toHaveText(vnd(floorView.requestedTotal));
  await expect(page.getByTestId('floor-sources')).toContainText('Mức sàn chỉ tính chi từ: Ngân sách tỉnh, Ngân sách huyện, Ngân sách xã');
  // The rules report as officials read it: units by name, amounts grouped, no codes of the API.
  const report = page.getByTestId('rules-report');
  const rules = await apiGet<{ results: { code: string; passed: boolean; violations: { subject: string }[] }[] }>(page, `/fiscal-years/${YEAR}/rules`);
  const lacking = rules.results.find((r) => r.code === 'DISTRICT_IT_LINE')!;
  expect(lacking.violations.length).toBeGreaterThan(0);
  await expect(report).toContainText('UBND huyện Tiên Du: chưa có dự toán CNTT');
  await expect(report).toContainText(/Chi CNTT \d{1,3}(\.\d{3})+ đồng đạt mức sàn \d{1,3}(\.\d{3})+ đồng/);
  await expect(report).not.toContainText(/TASK_|SERVICE_RENTAL|BN-[A-Z]|\d{5}/);
  await report.scrollIntoViewIfNeeded();
  await screenshot(page, 'rules-report');
  // In English: the headings and messages wholly English, the year settings named in English too.
  await page.getByText('EN', { exact: true }).click();
  await expect(report.getByRole('heading')).toHaveText('Checks against the budget rules');
  await expect(report).toContainText('Every district carries its own IT line');
  await expect(report).toContainText("Tien Du district People's Committee: no IT estimate");
  await expect(report).not.toContainText(/Hoạt động|chưa có|Mỗi huyện|Tối thiểu/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Year settings' })).toBeVisible();
  await screenshot(page, 'rules-report-en');
  await page.getByText('VI', { exact: true }).click();
  for (const e of budget.estimates.filter((x) => x.status !== 'BALANCED')) {
    await page.getByLabel('Loại dự toán của').selectOption({ label: e.unitName });
    await page.getByLabel('Lý do loại').fill(e.status === 'RETURNED' ? 'Đang bổ sung theo ý kiến Sở TT&TT' : 'Chưa trình dự toán');
    await page.getByRole('button', { name: 'Loại khỏi tổng hợp' }).click();
    const row = page.getByTestId('budget-estimates').getByRole('row').filter({ hasText: e.unitName });
    await expect(row).toContainText(e.status === 'RETURNED' ? 'Đã loại: Đang bổ sung' : 'Đã loại: Chưa trình');
    await expect(page.getByRole('button', { name: 'Loại khỏi tổng hợp' })).toBeDisabled();
  }
  await expect(page.getByRole('button', { name: 'Phê duyệt' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Trình Chủ tịch' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Trình' }).click();
  await expect(page.getByTestId('budget-status')).toHaveText('Đã trình Chủ tịch');
  await expectAccessible(page, 'consolidated budget');
  await screenshot(page, 'consolidated-budget');
  await signOut(page);
});

test('the chair sees it waiting, reviews the figures and approves after a confirmation restating them', async ({ page }) => {
  await signIn(page, 'chair');
  await pickYear(page);
  await expect(page.getByTestId('inbox')).toContainText('Đã trình Chủ tịch');
  const submitted = await apiGet<BudgetView>(page, `/fiscal-years/${YEAR}/budget`);
  await expect(page.getByTestId('inbox').getByTestId('budget-amount')).toHaveText(vnd(submitted.totals.requested));
  await expect(page.getByText('Không có việc nào chờ quyết định.')).toHaveCount(0);
  await expectAccessible(page, 'approval inbox');
  await screenshot(page, 'chair-inbox');
  await page.getByRole('link', { name: 'Xem và quyết định' }).click();
  const budget = await apiGet<BudgetView>(page, `/fiscal-years/${YEAR}/budget`);
  await expect(page.getByTestId('budget-approved')).toHaveText(vnd(budget.totals.approved));
  await expect(page.getByTestId('chart-by-unit')).toBeVisible();
  // The chart's axis as officials write figures: its unit named, thousands grouped with dots.
  const axis = await page.getByTestId('chart-by-unit').locator('svg text').allTextContents();
  expect(axis.some((text) => /^(triệu|tỷ) đồng$/.test(text))).toBe(true);
  expect(axis.filter((text) => /\d,\d{3}\b/.test(text))).toEqual([]);
  // The decision date: today only when it is a date this year's decision may carry, else empty with the range.
  const today = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  const todayYear = Number(today.slice(-4));
  const dateField = page.getByLabel(/Ngày quyết định/);
  await expect(dateField).toHaveValue(todayYear >= 2011 && todayYear <= 2013 ? today : '');
  await expect(page.getByText('ngày/tháng/năm, từ 01/01/2011 đến 31/12/2013')).toBeVisible();
  await page.getByLabel(/Số quyết định/).fill('2345/QĐ-UBND');
  await dateField.fill('20/12/2014');
  await page.getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(page.getByText('Quyết định về dự toán năm 2012 phải ghi ngày từ 01/01/2011 đến 31/12/2013.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await dateField.fill('20/12/2011');
  await expectAccessible(page, 'budget review');
  await screenshot(page, 'chair-review');
  await page.getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(page.getByTestId('confirm-approved')).toHaveText(vnd(budget.totals.approved));
  await screenshot(page, 'chair-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(page.getByTestId('decision')).toContainText('Quyết định số 2345/QĐ-UBND ngày 20/12/2011');
  const approved = await apiGet<BudgetView & { decisionNumber: string; decisionDate: string }>(page, `/fiscal-years/${YEAR}/budget`);
  expect(approved.status).toBe('APPROVED');
  expect(approved.decisionDate).toBe('2011-12-20');
  await signOut(page);
});

interface RoundView {
  status: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  pools: { fundingSourceCode: string; amount: string; proposed: string; decided: string | null }[];
  candidates: { unitCode: string; proposed: Record<string, string>; decided: Record<string, string> | null; decidedTotal: string | null; reason: string | null }[];
  totals: { proposed: string; decided: string | null };
}

// README's worked example (amounts in millions): pools central 1,500 and provincial 1,000.
const CANDIDATES = [
  { unit: 'UBND huyện Lương Tài', code: 'BN-H-LUONGTAI', tier: '1', asked: '900.000.000', minimum: '200.000.000', central: '822000000', provincial: '78000000' },
  { unit: 'UBND huyện Gia Bình', code: 'BN-H-GIABINH', tier: '1', asked: '650.000.000', minimum: '', central: '578000000', provincial: '72000000' },
  { unit: 'UBND huyện Yên Phong', code: 'BN-H-YENPHONG', tier: '2', asked: '800.000.000', minimum: '100.000.000', central: '100000000', provincial: '496000000' },
  { unit: 'UBND huyện Thuận Thành', code: 'BN-H-THUANTHANH', tier: '2', asked: '500.000.000', minimum: '', central: '0', provincial: '354000000' },
];

test('DOF opens the support round: pools, candidates, and the allocator’s proposal per pool equal to the API’s', async ({ page }) => {
  await signIn(page, 'dof.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Đợt hỗ trợ' }).click();
  await expect(page.getByRole('heading', { name: 'Hỗ trợ đơn vị khó khăn năm 2012' })).toBeVisible();
  await page.getByRole('button', { name: 'Tính đề xuất và mở đợt' }).click();
  await expect(page.getByRole('alert')).toContainText('Cần ghi số tiền của ít nhất một quỹ.');
  await expect(page.getByRole('alert')).toContainText('Dòng 1: chưa chọn đơn vị.');

  await page.getByLabel('Hỗ trợ của Trung ương').fill('1.500.000.000');
  await page.getByLabel('Hỗ trợ của tỉnh').fill('1.000.000.000');
  for (const [i, c] of CANDIDATES.entries()) {
    const no = i + 1;
    if (i > 0) await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.getByLabel(`Đơn vị dòng ${no}`).selectOption({ label: c.unit });
    await page.getByLabel(`Mức khó khăn dòng ${no}`).selectOption(c.tier);
    await page.getByLabel(`Số đề nghị dòng ${no}`).fill(c.asked);
    if (c.minimum) await page.getByLabel(`Mức tối thiểu dòng ${no}`).fill(c.minimum);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'support round form');
  await screenshot(page, 'support-open');
  await page.getByRole('button', { name: 'Tính đề xuất và mở đợt' }).click();
  await expect(page.getByText('Đã mở đợt hỗ trợ; đề xuất đã được tính.')).toBeVisible();
  await expect(page.getByTestId('round-status')).toHaveText('Chờ Chủ tịch quyết định');

  const { items } = await apiGet<{ items: (RoundView & { id: string })[] }>(page, `/fiscal-years/${YEAR}/support-rounds`);
  const round = items[0];
  for (const c of CANDIDATES) {
    const api = round.candidates.find((x) => x.unitCode === c.code)!;
    expect(api.proposed).toEqual({ CENTRAL_SUPPORT: c.central, PROVINCIAL_SUPPORT: c.provincial });
    for (const pool of ['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT']) {
      await expect(page.getByTestId(`proposed-${c.code}-${pool}`)).toContainText(vnd(api.proposed[pool]));
    }
  }
  for (const pool of round.pools) await expect(page.getByTestId(`pool-proposed-${pool.fundingSourceCode}`)).toHaveText(vnd(pool.proposed));
  await expect(page.getByTestId('total-proposed')).toHaveText(vnd(round.totals.proposed));
  await expect(page.getByRole('button', { name: 'Quyết định hỗ trợ' })).toHaveCount(0);
  await expectAccessible(page, 'support round proposal');
  await screenshot(page, 'support-proposal');
  await signOut(page);

  // DPI reads the round but cannot change it.
  await signIn(page, 'dpi.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Đợt hỗ trợ' }).click();
  await expect(page.getByTestId('total-proposed')).toHaveText(vnd(round.totals.proposed));
  await expect(page.getByRole('button', { name: 'Sửa danh sách đơn vị' })).toHaveCount(0);
  await signOut(page);
});

test('the chair sees the round waiting, changes one level with a reason, watches the pool totals and decides', async ({ page }) => {
  // Two dialogs, two accessibility scans and a dozen live totals: past a minute on a busy 2-core machine.
  test.setTimeout(120_000);
  await signIn(page, 'chair');
  await pickYear(page);
  const inboxRow = page.getByTestId('inbox').getByRole('row').filter({ hasText: 'Hỗ trợ đơn vị khó khăn năm 2012' });
  await expect(inboxRow).toContainText('Chờ Chủ tịch quyết định');
  // The approved budget no longer waits: it is listed apart, at its approved total.
  await expect(page.getByTestId('inbox').getByTestId('budget-status')).toHaveCount(0);
  await expect(page.getByTestId('inbox-other').getByTestId('budget-status')).toHaveText('Đã phê duyệt');
  await expect(inboxRow).toContainText('10/12/2011');
  await expectAccessible(page, 'approval inbox with a support round');
  await screenshot(page, 'chair-inbox-support');
  await inboxRow.getByRole('link', { name: 'Xem và quyết định' }).click();
  await expect(page.getByRole('heading', { name: 'Quyết định hỗ trợ năm 2012' })).toBeVisible();
  for (const c of CANDIDATES) {
    await expect(page.getByTestId(`proposal-${c.code}-PROVINCIAL_SUPPORT`)).toHaveText(`Đề xuất: ${vnd(c.provincial)}`);
  }
  await expect(page.getByTestId('live-decided-PROVINCIAL_SUPPORT')).toHaveText(vnd('1000000000'));

  // Over the pool: the total says so at once; back within it.
  const giaBinh = page.getByLabel('Mức quyết định Hỗ trợ của Trung ương cho UBND huyện Gia Bình');
  await giaBinh.fill('700.000.000');
  await expect(page.getByTestId('live-remaining-CENTRAL_SUPPORT')).toHaveText(`Vượt quỹ ${vnd('122000000')}`);
  await giaBinh.fill('578.000.000');
  await expect(page.getByTestId('live-remaining-CENTRAL_SUPPORT')).toHaveText(vnd('0'));

  await page.getByLabel('Mức quyết định Hỗ trợ của tỉnh cho UBND huyện Thuận Thành').fill('300.000.000');
  await expect(page.getByTestId('live-decided-PROVINCIAL_SUPPORT')).toHaveText(vnd('946000000'));
  await expect(page.getByTestId('live-remaining-PROVINCIAL_SUPPORT')).toHaveText(vnd('54000000'));
  await expect(page.getByTestId('level-total-BN-H-THUANTHANH')).toHaveText(vnd('300000000'));
  await expect(page.getByTestId('live-decided-total')).toHaveText(vnd('2446000000'));
  await page.getByRole('button', { name: 'Quyết định hỗ trợ' }).click();
  await expect(page.getByText('Cần ghi số quyết định.')).toBeVisible();
  await expect(page.getByText('Cần ghi lý do vì mức quyết định khác đề xuất.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByLabel('Lý do cho UBND huyện Thuận Thành').fill('Huyện đã bố trí thêm từ ngân sách huyện');
  await page.getByLabel(/Số quyết định/).fill('2346/QĐ-UBND');
  await page.getByLabel(/Ngày quyết định/).fill('22/12/2011');
  await expectAccessible(page, 'support decision');
  await screenshot(page, 'chair-support');
  await page.getByRole('button', { name: 'Quyết định hỗ trợ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-decided-CENTRAL_SUPPORT')).toHaveText(vnd('1500000000'));
  await expect(dialog.getByTestId('confirm-decided-PROVINCIAL_SUPPORT')).toHaveText(vnd('946000000'));
  await expect(dialog.getByTestId('confirm-decided-total')).toHaveText(vnd('2446000000'));
  await expect(dialog.getByTestId('confirm-changes')).toContainText('Huyện đã bố trí thêm từ ngân sách huyện');
  await expect(dialog.getByTestId('confirm-decision-ref')).toContainText('2346/QĐ-UBND');
  await expectAccessible(page, 'support decision confirmation');
  await screenshot(page, 'chair-support-confirm');
  await dialog.getByRole('button', { name: 'Quyết định', exact: true }).click();
  await expect(page.getByTestId('support-decision')).toContainText('Quyết định số 2346/QĐ-UBND ngày 22/12/2011');

  const { items } = await apiGet<{ items: RoundView[] }>(page, `/fiscal-years/${YEAR}/support-rounds`);
  const round = items[0];
  expect(round.status).toBe('DECIDED');
  expect(round.decisionDate).toBe('2011-12-22');
  const thuanThanh = round.candidates.find((c) => c.unitCode === 'BN-H-THUANTHANH')!;
  expect(thuanThanh.decided).toEqual({ CENTRAL_SUPPORT: '0', PROVINCIAL_SUPPORT: '300000000' });
  expect(thuanThanh.reason).toBe('Huyện đã bố trí thêm từ ngân sách huyện');
  expect(round.totals.decided).toBe('2446000000');
  for (const c of round.candidates) await expect(page.getByTestId(`decided-${c.unitCode}`)).toHaveText(vnd(c.decidedTotal!));
  await expect(page.getByTestId('total-decided')).toHaveText(vnd(round.totals.decided!));
  await expect(page.getByTestId('decided-BN-H-THUANTHANH-PROVINCIAL_SUPPORT')).toHaveText(`${vnd('300000000')}Đề xuất: ${vnd('354000000')}`);
  await page.getByRole('heading', { name: 'Quyết định hỗ trợ năm 2012' }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('button', { name: 'Quyết định hỗ trợ' })).toHaveCount(0);
  await expectAccessible(page, 'support decided');
  await screenshot(page, 'support-decided');
  await signOut(page);

  // The decision reaches the unit: Yên Phong's officer sees the support decided for it.
  await signIn(page, 'yenphong.officer');
  await pickYear(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Việc của tôi' }).click();
  const yenPhong = round.candidates.find((c) => c.unitCode === 'BN-H-YENPHONG')!;
  await expect(page.getByText(`Hỗ trợ của Trung ương: ${vnd(yenPhong.decided!.CENTRAL_SUPPORT)}`)).toBeVisible();
  await expect(page.getByText(`Hỗ trợ của tỉnh: ${vnd(yenPhong.decided!.PROVINCIAL_SUPPORT)}`)).toBeVisible();
  await signOut(page);
});

test('an adjustment after approval is listed apart from the decided figures', async ({ page }) => {
  await signIn(page, 'dof.officer');
  await pickYear(page);
  await page.getByRole('link', { name: 'Dự toán tổng hợp' }).click();
  const decided = await apiGet<BudgetView>(page, `/fiscal-years/${YEAR}/budget`);
  await page.getByRole('link', { name: 'UBND huyện Yên Phong' }).click();
  const estimate = await apiGet<EstimateView>(page, `/estimates/${YEN_PHONG}`);
  const line = estimate.lines.find((l) => l.expenditureTypeCode === 'RECURRENT')!;
  await page.getByLabel('Dòng', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Số được duyệt mới').fill('50.000.000');
  await page.getByLabel('Lý do', { exact: true }).fill('Giảm theo Quyết định điều chỉnh');
  await page.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
  await expect(page.getByText('Đã lưu số được duyệt.')).toBeVisible();
  expect(line.approvedAmount).not.toBeNull();

  await page.getByRole('link', { name: 'Dự toán tổng hợp' }).click();
  await expect(page.getByTestId('adjustments')).toContainText('Giảm theo Quyết định điều chỉnh');
  await expect(page.getByTestId('adjustments')).toContainText(vnd('50000000'));
  await expect(page.getByTestId('decision')).toContainText('2345/QĐ-UBND');
  expect(plain(await page.getByTestId('budget-requested').textContent())).toBe(vnd(decided.totals.requested));
  const after = await apiGet<BudgetView & { totals: { adjusted: string } }>(page, `/fiscal-years/${YEAR}/budget`);
  expect(after.totals.approved).toBe(decided.totals.approved);
  expect(after.totals.adjusted).not.toBe(after.totals.approved);
  await expect(page.getByTestId('budget-approved')).toHaveText(vnd(after.totals.approved));
  await expect(page.getByTestId('budget-adjusted')).toHaveText(vnd(after.totals.adjusted));
  await expectAccessible(page, 'adjustments');
  await screenshot(page, 'adjustments');
  await signOut(page);

  // The chair reads the same: the decided figure, the adjusted one beside it, the adjustment listed.
  await signIn(page, 'chair');
  await pickYear(page);
  await page.getByRole('link', { name: 'Dự toán tổng hợp' }).click();
  await expect(page.getByTestId('budget-approved')).toHaveText(vnd(after.totals.approved));
  await expect(page.getByTestId('budget-adjusted')).toHaveText(vnd(after.totals.adjusted));
  await expect(page.getByTestId('budget-adjustment-count')).toHaveText('1 điều chỉnh sau phê duyệt');
  await expect(page.getByTestId('adjustments')).toContainText('Giảm theo Quyết định điều chỉnh');
  await expect(page.getByRole('button', { name: 'Phê duyệt' })).toHaveCount(0);
  await page.getByTestId('adjustments').scrollIntoViewIfNeeded();
  await screenshot(page, 'chair-adjusted');
});

interface ReportView {
  id: string;
  indicators: { targetCode: string; indicator: string; aggregation: string; denominatorLabel: string | null; numerator: string | null; denominator: string | null; achieved: boolean | null }[];
  disbursements: { lineNo: number; approved: string; disbursed: string | null; overrunReason: string | null }[];
  totals: { approved: string; disbursed: string };
}

test('the Yên Phong officer reports the approved year’s first half: figures per target, disbursed per line, a reason where over', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  await pickYear(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo 6 tháng' }).click();
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  const lines = page.getByTestId('report-disbursements');
  await expect(lines).toBeVisible();
  const me = await apiGet<{ unitId: string }>(page, '/auth/me');
  const list = await apiGet<{ items: { id: string }[] }>(page, `/progress-reports?year=${YEAR}&half=1&unitId=${me.unitId}`);
  const opened = await apiGet<ReportView>(page, `/progress-reports/${list.items[0].id}`);
  expect(opened.indicators.length).toBeGreaterThan(0);
  expect(opened.disbursements.length).toBeGreaterThan(1);

  // Figures per target: counts where the target counts, "achieved" where it is a share of units.
  const targets = page.getByTestId('report-indicators');
  const figures = new Map<string, { numerator?: string; denominator?: string; achieved?: boolean }>();
  for (const [i, indicator] of opened.indicators.entries()) {
    const row = targets.getByRole('row').filter({ hasText: indicator.indicator });
    if (indicator.aggregation === 'SHARE_OF_UNITS') {
      await row.getByRole('checkbox').check();
      figures.set(indicator.targetCode, { achieved: true });
    } else {
      const figure = { numerator: String(7 + i), ...(indicator.denominatorLabel !== null && { denominator: String(12 + i) }) };
      await row.getByRole('textbox').first().fill(figure.numerator);
      if (figure.denominator) await row.getByRole('textbox').nth(1).fill(figure.denominator);
      figures.set(indicator.targetCode, figure);
    }
  }

  // Disbursed per line: line 1 one đồng over its approved amount (a reason is then asked), the others half.
  const typed = new Map<number, bigint>();
  for (const line of opened.disbursements) {
    const amount = line.lineNo === 1 ? BigInt(line.approved) + 1n : BigInt(line.approved) / 2n;
    typed.set(line.lineNo, amount);
    await page.getByLabel(`Đã giải ngân dòng ${line.lineNo}`, { exact: true }).fill(amount.toString());
  }
  await expect(page.getByLabel('Lý do vượt dòng 2', { exact: true })).toHaveCount(0);
  await page.getByLabel('Lý do vượt dòng 1', { exact: true }).fill('Trượt giá thiết bị theo thông báo giá quý II');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu báo cáo.' })).toBeVisible();

  // What the API keeps is what was typed, to the đồng; the screen's totals are the API's.
  const saved = await apiGet<ReportView>(page, `/progress-reports/${opened.id}`);
  for (const line of saved.disbursements) expect(line.disbursed).toBe(typed.get(line.lineNo)!.toString());
  expect(saved.disbursements.find((l) => l.lineNo === 1)!.overrunReason).toBe('Trượt giá thiết bị theo thông báo giá quý II');
  const total = [...typed.values()].reduce((sum, amount) => sum + amount, 0n);
  expect(saved.totals.disbursed).toBe(total.toString());
  await expect(page.getByTestId('report-disbursed-total')).toHaveText(vnd(saved.totals.disbursed));
  await expect(page.getByTestId('report-approved-total')).toHaveText(vnd(saved.totals.approved));
  for (const indicator of saved.indicators) {
    const figure = figures.get(indicator.targetCode)!;
    if (figure.achieved !== undefined) expect(indicator.achieved).toBe(true);
    else expect([indicator.numerator, indicator.denominator ?? undefined]).toEqual([figure.numerator, figure.denominator]);
  }
  for (const line of saved.disbursements) {
    await expect(lines.locator(`tr[data-line-no="${line.lineNo}"]`).getByRole('textbox').first()).toHaveValue(
      new Intl.NumberFormat('vi-VN').format(BigInt(line.disbursed!)),
    );
  }
  await expectAccessible(page, 'semi-annual report');
  await screenshot(page, 'progress-report');
});
