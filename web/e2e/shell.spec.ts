// The shell: / redirects to /app, sign-in in Vietnamese with the English switch, navigation by role.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, screenshot, signIn, signOut } from './support/pages';

test('/ leads to the sign-in page; a wrong password is said in Vietnamese', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/app\/login$/);
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');
  await page.getByLabel('Tên đăng nhập').fill('yenphong.officer');
  await page.getByLabel('Mật khẩu').fill('wrong password');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Sai tên đăng nhập hoặc mật khẩu');
});

test('a deep link under /app survives a reload and the sign-in; English on the switch', async ({ page }) => {
  await page.goto('/app/estimate/review');
  await expect(page).toHaveURL(/\/app\/login$/);
  await signIn(page, 'yenphong.officer');
  await expect(page).toHaveURL(/\/app\/estimate\/review$/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByText('VI', { exact: true }).click();
  await signOut(page);
});

test('navigation follows the role: a unit officer drafts, a province reviewer does not', async ({ page }) => {
  await signIn(page, 'yenphong.officer');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Lập dự toán' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Tổng hợp toàn tỉnh' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Báo cáo 6 tháng' }).click();
  await expect(page.getByRole('heading', { name: /Báo cáo tiến độ 6 tháng/ })).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expectAccessible(page, 'semi-annual report');
  await signOut(page);
  await signIn(page, 'dic.reviewer');
  await expect(nav.getByRole('link', { name: 'Thẩm định dự toán' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Lập dự toán' })).toHaveCount(0);
});

/** Signs in on the sign-in page already shown (no reload), as a user does after someone signed out. */
async function signInHere(page: Page, username: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

test("after a sign-out the next user lands on their own home, not the previous user's page", async ({ page }) => {
  await signIn(page, 'yenphong.head');
  await page.getByRole('navigation').getByRole('link', { name: 'Rà soát và trình' }).click();
  await expect(page).toHaveURL(/\/app\/estimate\/review$/);
  await signOut(page);
  await signInHere(page, 'dic.reviewer');
  await expect(page).toHaveURL(/\/app\/?$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Thẩm định dự toán' })).toBeVisible();
  await expect(page.getByText('Không tìm thấy trang này.')).toHaveCount(0);
  await signOut(page);
  // A deep link this role may not open: the remembered address is dropped, the role's home opens.
  await page.goto('/app/estimate/review');
  await expect(page).toHaveURL(/\/app\/login$/);
  await signInHere(page, 'dof.officer');
  await expect(page).toHaveURL(/\/app\/?$/);
});

test('the year opens on the latest year holding estimates, and each user keeps the year they picked', async ({ page }) => {
  const year = page.getByRole('combobox', { name: 'Năm ngân sách' });
  await signIn(page, 'dof.officer');
  // No year is being prepared (every deadline is past) and the current calendar year is not set up:
  // the latest year with an estimate DOF may see, not the latest year set up (2015, empty).
  const token = await page.evaluate(() => sessionStorage.getItem('itbudget.token'));
  const latest = (await (await page.request.get('/estimates?limit=1', { headers: { Authorization: `Bearer ${token ?? ''}` } })).json()) as { items: { year: number }[] };
  const expected = String(latest.items[0].year);
  await expect(year).toHaveValue(expected);
  // The header names the unit once ("Chuyên viên Sở Tài chính" already says it).
  const header = page.getByRole('banner');
  await expect(header).toContainText('Chuyên viên Sở Tài chính');
  await expect(header).not.toContainText('Sở Tài chính · Sở Tài chính');
  await expect(header.getByText('Sở Tài chính', { exact: true })).toHaveCount(0);
  await screenshot(page, 'header-dof');

  const picked = expected === '2014' ? '2011' : '2014';
  await year.selectOption(picked);
  await signOut(page);
  // Another user on the same browser still opens on the default year…
  await page.getByLabel('Tên đăng nhập').fill('dpi.officer');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await expect(year).toHaveValue(expected);
  await signOut(page);
  // …and DOF finds the year they picked, after a reload too.
  await page.getByLabel('Tên đăng nhập').fill('dof.officer');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(year).toHaveValue(picked);
  await page.reload();
  await expect(year).toHaveValue(picked);
  await year.selectOption(expected);
});

test('in English no Vietnamese is left in the targets: their units of measure are said in English', async ({ page }) => {
  await signIn(page, 'chair');
  await page.getByRole('combobox', { name: 'Năm ngân sách' }).selectOption('2014');
  await page.getByRole('navigation').getByRole('link', { name: 'Bảng điều khiển' }).click();
  const table = page.getByTestId('targets-table');
  await expect(table).toContainText('CSDL');
  await page.getByText('EN', { exact: true }).click();
  await expect(table).toContainText('Key databases built');
  await expect(table).toContainText('databases');
  await expect(table).not.toContainText(/CSDL|máy\/người|hạng/);
  await screenshot(page, 'dashboard-targets-en');
  await page.getByText('VI', { exact: true }).click();
});
