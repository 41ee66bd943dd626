// Helpers per screen, written as a person uses the screen: labels and visible text, no timers.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'itbudget-demo';
export const SCREENSHOTS = process.env.ITBUDGET_SCREENSHOTS ?? '.browser-tests/screenshots';

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
}

/** No serious or critical accessibility finding on the page as it stands. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}

export interface LineInput {
  description: string;
  planArea: string;
  source: string;
  type?: string;
  kind: string;
  measureUnit: string;
  quantity: string;
  unitPrice: string;
}

/** Picks an option of a Mantine select by its visible label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Fills the line form (already open) as an officer would and saves it. */
export async function fillLine(page: Page, line: LineInput): Promise<void> {
  const form = page.getByRole('dialog');
  await form.getByLabel('Nội dung').fill(line.description);
  await choose(page, /Lĩnh vực/, new RegExp(`^${line.planArea.replace('.', '\\.')} —`));
  await choose(page, /Nguồn vốn/, line.source);
  if (line.type) await choose(page, /Loại chi/, line.type);
  await choose(page, /Loại hoạt động/, line.kind);
  await form.getByLabel('Đơn vị tính').fill(line.measureUnit);
  await form.getByLabel('Số lượng').fill(line.quantity);
  await form.getByLabel('Đơn giá').fill(line.unitPrice);
}

export async function addLine(page: Page, line: LineInput): Promise<void> {
  await page.getByRole('button', { name: 'Thêm dòng' }).click();
  await fillLine(page, line);
  await page.getByRole('button', { name: 'Lưu dòng' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('lines-grid')).toContainText(line.description);
}

/** The API as the signed-in page sees it (its token), for comparing figures to the đồng. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const token = await page.evaluate(() => sessionStorage.getItem('itbudget.token'));
  const response = await page.request.get(path, { headers: { Authorization: `Bearer ${token ?? ''}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** `1.250.000.000 ₫` with the no-break space made plain. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ').trim();
}

export function vnd(digits: string): string {
  return plain(new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(BigInt(digits)));
}
