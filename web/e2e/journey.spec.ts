// A district's journey: the officer opens the year's estimate, adds three lines (one funded from
// the district's own budget) and sees the API's totals to the đồng; the head submits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addLine, apiGet, expectAccessible, plain, screenshot, signIn, signOut, vnd } from './support/pages';

interface Estimate {
  id: string;
  version: number;
  status: string;
  totals: { total: string; byFundingSource: { code: string; amount: string }[]; byExpenditureType: { code: string; amount: string }[]; byPlanArea: { code: string; amount: string }[] };
}

test.describe.configure({ mode: 'serial' });

let estimateId = '';

test('a district officer opens the year’s estimate and adds three lines; totals equal the API’s', async ({ page }) => {
  // Three lines through the form and two accessibility scans: more than a minute on a busy 2-core machine.
  test.setTimeout(120_000);
  await signIn(page, 'yenphong.officer');
  await expect(page.getByRole('heading', { name: 'Việc của tôi' })).toBeVisible();
  // The year opens on the district's latest estimate (2012 in the demo), not on 2015, still empty: the new one is 2015's.
  await expect(page.getByRole('combobox', { name: 'Năm ngân sách' })).not.toHaveValue('2015');
  await page.getByRole('combobox', { name: 'Năm ngân sách' }).selectOption('2015');
  await page.getByRole('button', { name: /Lập dự toán năm 2015/ }).click();
  await expect(page.getByTestId('status')).toHaveText('Đang lập');
  await expectAccessible(page, 'my work');
  await screenshot(page, 'my-work');
  await page.getByRole('link', { name: 'Mở dự toán' }).click();
  await expect(page.getByRole('heading', { name: /Dự toán CNTT năm/ })).toBeVisible();

  await addLine(page, {
    description: 'Mua máy chủ cho cổng thông tin điện tử huyện',
    planArea: '1.b',
    source: 'Ngân sách huyện',
    kind: 'Dự án ứng dụng CNTT',
    measureUnit: 'bộ',
    quantity: '2',
    unitPrice: '1.250.000.000',
  });
  await addLine(page, {
    description: 'Thuê dịch vụ thư điện tử công vụ',
    planArea: '2.1.a',
    source: 'Ngân sách tỉnh',
    kind: 'Thuê dịch vụ CNTT',
    measureUnit: 'tháng',
    quantity: '12,5',
    unitPrice: '3333333',
  });
  await addLine(page, {
    description: 'Đào tạo kỹ năng ứng dụng CNTT cho cán bộ xã',
    planArea: '3.a',
    source: 'Ngân sách xã',
    kind: 'Nhiệm vụ có đề cương và dự toán chi tiết',
    measureUnit: 'lớp',
    quantity: '3',
    unitPrice: '45.000.000',
  });

  const item = await apiGet<{ items: { id: string }[] }>(page, '/estimates?year=2015');
  estimateId = item.items[0].id;
  const api = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  // 2 × 1.250.000.000 + 12,5 × 3.333.333 (= 41.666.662,5 → 41.666.663, half-up) + 3 × 45.000.000
  expect(api.totals.total).toBe('2676666663');
  expect(plain(await page.getByTestId('total').textContent())).toBe(vnd(api.totals.total));
  for (const row of api.totals.byFundingSource) {
    expect(plain(await page.getByTestId(`total-source-${row.code}`).textContent())).toBe(vnd(row.amount));
  }
  for (const row of api.totals.byExpenditureType) {
    expect(plain(await page.getByTestId(`total-type-${row.code}`).textContent())).toBe(vnd(row.amount));
  }
  for (const row of api.totals.byPlanArea) {
    expect(plain(await page.getByTestId(`total-area-${row.code}`).textContent())).toBe(vnd(row.amount));
  }
  await expectAccessible(page, 'estimate editor');
  await screenshot(page, 'estimate-editor');

  await page.getByRole('button', { name: 'Sửa dòng 1' }).click();
  await expect(page.getByTestId('form-amount')).toHaveText(/2\.500\.000\.000/);
  await expectAccessible(page, 'line form');
  await screenshot(page, 'line-form');
  await page.getByRole('button', { name: 'Hủy' }).click();
});

/** Sets the "Đơn giá" (unit price) cell of one data row of the workbook and saves it as a new file. */
async function withUnitPrice(source: string, row: number, value: string | number, target: string, amount?: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(source);
  const sheet = workbook.getWorksheet('DuToan')!;
  let column = 0;
  sheet.getRow(9).eachCell((cell, index) => {
    if (cell.text.startsWith('Đơn giá')) column = index;
  });
  expect(column).toBeGreaterThan(0);
  sheet.getRow(row).getCell(column).value = value;
  // As Excel would: the amount formula beside it is recalculated (no result when it cannot be).
  const cell = sheet.getRow(row).getCell(column + 1);
  if (cell.formula) cell.value = amount === undefined ? { formula: cell.formula, date1904: false } : { formula: cell.formula, result: amount, date1904: false };
  await workbook.xlsx.writeFile(target);
}

test('the officer downloads the workbook, uploads it with one bad row, sees that row, fixes it and uploads', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  await page.getByRole('navigation').getByRole('link', { name: 'Excel' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp Excel' }).click()]);
  const folder = mkdtempSync(join(tmpdir(), 'itbudget-workbook-'));
  const original = join(folder, 'original.xlsx');
  await download.saveAs(original);

  // Line 2 sits on row 11 (the header is row 9): text where the unit price is due.
  const bad = join(folder, 'bad.xlsx');
  await withUnitPrice(original, 11, 'ba triệu', bad);
  await page.locator('input[type=file]').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('Tệp chưa được nhập');
  // Row 11 is named, with the unit price cell first (its amount cannot be computed either).
  const row = page.getByTestId('error-table').locator('tr[data-row="11"]');
  await expect(row.first()).toContainText('J11 (Đơn giá)');
  await expect(page.getByTestId('error-table').locator('tbody tr:not([data-row="11"])')).toHaveCount(0);
  await expect(row.first()).not.toHaveText(/ \/ /); // the Vietnamese half only
  await expectAccessible(page, 'excel refused');
  await screenshot(page, 'excel-refused');

  const fixed = join(folder, 'fixed.xlsx');
  await withUnitPrice(original, 11, 3500000, fixed, 43750000);
  await page.locator('input[type=file]').setInputFiles(fixed);
  await expect(page.getByRole('status').filter({ hasText: 'Đã nhập tệp' })).toBeVisible();
  await expect(page.getByTestId('error-table')).toHaveCount(0);
  const estimate = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  // 12,5 × 3.500.000 = 43.750.000 replaces 41.666.663.
  expect(estimate.totals.total).toBe('2678750000');
});

/** The officer and the head, each in a browser context of their own, both in the estimate editor. */
async function twoEditors(browser: Browser): Promise<{ a: Page; b: Page; close: () => Promise<void> }> {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, 'yenphong.officer');
  await signIn(b, 'yenphong.head');
  for (const page of [a, b]) await page.getByRole('navigation').getByRole('link', { name: 'Lập dự toán' }).click();
  return { a, b, close: async () => void (await Promise.all([first.close(), second.close()])) };
}

test('two people edit one line: the second sees what changed and keeps what they typed', async ({ browser }) => {
  const { a, b, close } = await twoEditors(browser);
  for (const page of [a, b]) await page.getByRole('button', { name: 'Sửa dòng 1' }).click();
  await b.getByRole('dialog').getByLabel('Số lượng').fill('3');
  await b.getByRole('button', { name: 'Lưu dòng' }).click();
  await expect(b.getByRole('dialog')).toHaveCount(0);

  await a.getByRole('dialog').getByLabel('Đơn giá').fill('1200000000');
  await a.getByRole('button', { name: 'Lưu dòng' }).click();
  const conflict = a.getByRole('dialog', { name: 'Dự toán vừa được người khác thay đổi' });
  await expect(conflict).toBeVisible();
  const quantityRow = conflict.getByTestId('conflict-table').getByRole('row', { name: /Số lượng/ });
  await expect(quantityRow).toContainText('2');
  await expect(quantityRow).toContainText('3');
  await expectAccessible(a, 'conflict dialog');
  await screenshot(a, 'conflict');
  await conflict.getByRole('button', { name: 'Tải lại, giữ những gì tôi đã nhập' }).click();
  await expect(a.getByRole('dialog').getByLabel('Đơn giá')).toHaveValue('1.200.000.000');
  await expect(a.getByRole('dialog').getByLabel('Số lượng')).toHaveValue('3');
  await a.getByRole('button', { name: 'Lưu dòng' }).click();
  await expect(a.getByRole('dialog')).toHaveCount(0);
  // 3 × 1.200.000.000: the head's quantity and the officer's price.
  await expect(a.locator('tr[data-line-no="1"]').getByTestId('line-amount')).toHaveText(/3\.600\.000\.000/);
  await close();
});

test('the officer edits lines in the grid as in a spreadsheet; a refused value stays typed with the server’s message', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  await page.getByRole('navigation').getByRole('link', { name: 'Lập dự toán' }).click();
  const row1 = page.locator('tr[data-line-no="1"]');
  await expect(row1.getByTestId('line-amount')).toHaveText(/3\.600\.000\.000/);

  // Typing into a selected cell replaces its value; Tab saves it and moves right.
  await page.getByRole('gridcell', { name: /^Số lượng, dòng 1:/ }).click();
  await page.keyboard.type('4');
  await expect(page.getByRole('textbox', { name: 'Số lượng, dòng 1' })).toHaveValue('4');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('gridcell', { name: /^Đơn vị tính, dòng 1:/ })).toBeFocused();
  await expect(row1).toHaveAttribute('data-state', 'saved');
  await expect(row1.getByTestId('line-amount')).toHaveText(/4\.800\.000\.000/);
  let api = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  expect(plain(await page.getByTestId('total').textContent())).toBe(vnd(api.totals.total));

  // Escape leaves the cell as it was and saves nothing.
  await page.keyboard.press('Enter');
  await page.keyboard.type('chiếc');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('gridcell', { name: /^Đơn vị tính, dòng 1:/ })).toHaveText('bộ');
  await expect(page.getByRole('gridcell', { name: /^Đơn vị tính, dòng 1:/ })).toBeFocused();
  const unchanged = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  expect(unchanged.version).toBe(api.version);

  // Enter saves and moves down, as in Excel: the unit price of line 2, then line 3's.
  const row2 = page.locator('tr[data-line-no="2"]');
  await page.getByRole('gridcell', { name: /^Đơn giá, dòng 2:/ }).dblclick();
  await page.getByRole('textbox', { name: 'Đơn giá, dòng 2' }).fill('3600000');
  await page.keyboard.press('Enter');
  await expect(row2).toHaveAttribute('data-state', 'saved');
  // 12,5 × 3.600.000 = 45.000.000
  await expect(row2.getByTestId('line-amount')).toHaveText(/45\.000\.000/);
  await expect(page.getByRole('gridcell', { name: /^Đơn giá, dòng 3:/ })).toBeFocused();

  // A value the server refuses stays in its cell, with the server's Vietnamese message on the row.
  // 3 × 999.999.999.999.999.999 is past the 10^18 bound of an amount.
  await page.keyboard.type('999999999999999999');
  await page.keyboard.press('Enter');
  const row3 = page.locator('tr[data-line-no="3"]');
  await expect(row3).toHaveAttribute('data-state', 'error');
  const message = page.locator('tr[data-message-for="3"]').getByRole('alert');
  await expect(message).toContainText('dòng 3');
  await expect(message).not.toContainText(' / ');
  // Said as an official reads it: the field's Vietnamese name, the figure grouped, no 10^18.
  await expect(message).toContainText('thành tiền');
  await expect(message).toContainText('2.999.999.999.999.999.997 đồng');
  await expect(message).not.toContainText('10^18');
  await expect(page.getByRole('gridcell', { name: /^Đơn giá, dòng 3:/ })).toContainText('999.999.999.999.999.999');
  // Said once, without the API's field name in front.
  await expect(message).not.toContainText('amount');
  expect((await message.textContent())?.split('thành tiền').length).toBe(2);
  // The long figures stay inside their cells (cut, whole on hover): the grid is no wider than its frame.
  await expect(row3.getByTestId('line-amount')).toHaveAttribute('title', /2\.999\.999\.999\.999\.999\.997/);
  for (const cell of [row3.getByTestId('line-amount'), page.getByRole('gridcell', { name: /^Đơn giá, dòng 3:/ })]) {
    expect((await cell.boundingBox())!.width).toBeLessThan(200);
  }
  const frame = page.locator('.lines-grid-scroll');
  expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'grid with a refused cell');
  await screenshot(page, 'estimate-grid-refused');
  // Fixing the cell saves the line; the message goes.
  await page.getByRole('gridcell', { name: /^Đơn giá, dòng 3:/ }).dblclick();
  await page.getByRole('textbox', { name: 'Đơn giá, dòng 3' }).fill('46000000');
  await page.keyboard.press('Enter');
  await expect(row3).toHaveAttribute('data-state', 'saved');
  await expect(page.locator('tr[data-message-for="3"]')).toHaveCount(0);
  // 3 × 46.000.000
  await expect(row3.getByTestId('line-amount')).toHaveText(/138\.000\.000/);
  api = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  expect(plain(await page.getByTestId('total').textContent())).toBe(vnd(api.totals.total));
  for (const row of api.totals.byFundingSource) {
    expect(plain(await page.getByTestId(`total-source-${row.code}`).textContent())).toBe(vnd(row.amount));
  }
});

test('two people edit one line in the grid: the second sees what changed and keeps what they typed', async ({ browser }) => {
  const { a, b, close } = await twoEditors(browser);

  await b.getByRole('gridcell', { name: /^Số lượng, dòng 1:/ }).dblclick();
  await b.getByRole('textbox', { name: 'Số lượng, dòng 1' }).fill('5');
  await b.keyboard.press('Enter');
  await expect(b.locator('tr[data-line-no="1"]')).toHaveAttribute('data-state', 'saved');

  await a.getByRole('gridcell', { name: /^Đơn giá, dòng 1:/ }).dblclick();
  await a.getByRole('textbox', { name: 'Đơn giá, dòng 1' }).fill('1100000000');
  await a.keyboard.press('Enter');
  const conflict = a.getByRole('dialog', { name: 'Dự toán vừa được người khác thay đổi' });
  await expect(conflict).toBeVisible();
  const quantityRow = conflict.getByTestId('conflict-table').getByRole('row', { name: /Số lượng/ });
  await expect(quantityRow).toContainText('4');
  await expect(quantityRow).toContainText('5');
  await conflict.getByRole('button', { name: 'Tải lại, giữ những gì tôi đã nhập' }).click();
  // The typed price is still there, over the head's quantity, waiting to be saved.
  const row = a.locator('tr[data-line-no="1"]');
  await expect(row).toHaveAttribute('data-state', 'unsaved');
  await expect(a.getByRole('gridcell', { name: /^Đơn giá, dòng 1:/ })).toHaveText('1.100.000.000');
  await expect(a.getByRole('gridcell', { name: /^Số lượng, dòng 1:/ })).toHaveText('5');
  await expectAccessible(a, 'grid after a conflict');
  await screenshot(a, 'estimate-grid-unsaved');
  await a.getByRole('button', { name: 'Lưu dòng 1' }).click();
  await expect(row).toHaveAttribute('data-state', 'saved');
  // 5 × 1.100.000.000: the head's quantity and the officer's price.
  await expect(row.getByTestId('line-amount')).toHaveText(/5\.500\.000\.000/);
  await close();
});

test('the head reviews the rules and submits; only the head sees Submit', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  await page.getByRole('navigation').getByRole('link', { name: 'Rà soát và trình' }).click();
  await expect(page.getByTestId('rule-list').locator('[data-rule="DISTRICT_IT_LINE"]')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByRole('button', { name: 'Trình dự toán' })).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'yenphong.head');
  await page.getByRole('navigation').getByRole('link', { name: 'Rà soát và trình' }).click();
  await expect(page.getByTestId('history')).toContainText('Nhập các dòng từ tệp Excel');
  await expectAccessible(page, 'review');
  await screenshot(page, 'review');
  await page.getByRole('button', { name: 'Trình dự toán' }).click();
  await expect(page.getByTestId('status')).toHaveText('Đã trình');
  await expect(page.getByTestId('history')).toContainText('Trình dự toán');
  const estimate = await apiGet<Estimate>(page, `/estimates/${estimateId}`);
  expect(estimate.status).toBe('SUBMITTED');
});

test('an officer of another district cannot see it', async ({ page }) => {
  await signIn(page, 'tuson.officer');
  await page.getByRole('combobox', { name: 'Năm ngân sách' }).selectOption('2015');
  await expect(page.getByRole('button', { name: /Lập dự toán năm 2015/ })).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('itbudget.token'));
  const response = await page.request.get(`/estimates/${estimateId}`, { headers: { Authorization: `Bearer ${token ?? ''}` } });
  expect(response.status()).toBe(404);
  await signOut(page);
});
