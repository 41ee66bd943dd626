// A district's journey: the officer opens the year's estimate, adds three lines (one funded from
// the district's own budget) and sees the API's totals to the đồng; the head submits.
import { expect, test } from '@playwright/test';
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
  await signIn(page, 'yenphong.officer');
  await expect(page.getByRole('heading', { name: 'Việc của tôi' })).toBeVisible();
  await page.getByRole('button', { name: /Lập dự toán năm/ }).click();
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

test('an officer of another district cannot see it', async ({ page }) => {
  await signIn(page, 'tuson.officer');
  await expect(page.getByRole('button', { name: /Lập dự toán năm 2015/ })).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('itbudget.token'));
  const response = await page.request.get(`/estimates/${estimateId}`, { headers: { Authorization: `Bearer ${token ?? ''}` } });
  expect(response.status()).toBe(404);
  await signOut(page);
});
