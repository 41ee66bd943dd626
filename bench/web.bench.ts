// The web app in Debian's Chromium, against the built app on a throwaway database
// (scripts/browser-test-server.ts): JavaScript shipped for the sign-in page (gzip), a 200-line
// estimate rendered (against the same screen with no line, measured in the same run), and a line
// edit's round trip in the grid and through the full line form (against the bare API PATCH, same run). Run alone with
// `node dist/bench/web.bench.js` after `npm run build`; part of `npm run bench`.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const PORT = Number(process.env.ITBUDGET_BENCH_PORT ?? '3595');
const BASE = `http://127.0.0.1:${PORT}`;
const LINES = 200;
const EDITS = 20;

/** A page signed in as `token`, looking at `year` (what the sign-in and year selector store). */
const signedIn = (token: string, year: number) => ({
  content: `sessionStorage.setItem('itbudget.token', ${JSON.stringify(token)}); localStorage.setItem('itbudget.year', '${year}');`,
});

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

async function json<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(BASE + path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function startServer(): Promise<() => void> {
  const child = spawn(process.execPath, ['dist/scripts/browser-test-server.js'], {
    env: { ...process.env, ITBUDGET_BROWSER_TESTS: '1', PORT: String(PORT) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return () => process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the app did not start');
}

/** Time from navigation to the grid showing `lines` rows (0: the empty-estimate notice), ms. */
async function renderTime(page: Page, lines: number): Promise<number> {
  await page.goto(`${BASE}/app/estimate`);
  await page.waitForSelector(lines > 0 ? `tr[data-line-no="${lines}"]` : 'text=Chưa có dòng nào');
  return page.evaluate(() => performance.now());
}

export async function benchWeb(): Promise<void> {
  const stop = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'],
  });
  try {
    // 1. JavaScript the sign-in page loads, gzip.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    let js = 0;
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') void response.body().then((body) => (js += gzipSync(body).length));
    });
    await page.goto(`${BASE}/app/login`, { waitUntil: 'networkidle' });
    console.log(`sign-in page JavaScript: ${(js / 1024).toFixed(0)} KB gzip (aim ≤ 300 KB)`);

    // 2. An estimate of 200 lines against an empty one, same screen, same run.
    const officer = await json<{ accessToken: string; user: { unitId: string } }>('/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'yenphong.officer', password: 'itbudget-demo' }),
    });
    const token = officer.accessToken;
    const empty = await json<{ id: string; version: number }>('/estimates', { method: 'POST', token, body: JSON.stringify({ unitId: officer.user.unitId, year: 2014 }) });
    let full = await json<{ id: string; version: number; lines: { id: string }[] }>('/estimates', {
      method: 'POST',
      token,
      body: JSON.stringify({ unitId: officer.user.unitId, year: 2015 }),
    });
    for (let i = 1; i <= LINES; i++) {
      full = await json(`/estimates/${full.id}/lines`, {
        method: 'POST',
        token,
        body: JSON.stringify({
          version: full.version,
          planAreaCode: ['1.b', '2.1.a', '3.a'][i % 3],
          expenditureTypeCode: 'RECURRENT',
          fundingSourceCode: ['DISTRICT', 'PROVINCIAL', 'COMMUNE'][i % 3],
          activityKindCode: 'TASK_DETAILED',
          description: `Dòng thử số ${i}: mua sắm, thuê dịch vụ và đào tạo`,
          measureUnit: 'bộ',
          quantity: String(1 + (i % 7)),
          unitPrice: String(1_000_000 + i * 12_345),
          isContinuing: i % 4 === 0,
        }),
      });
    }
    void empty;
    const runs = 3;
    const emptyTimes: number[] = [];
    const fullTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      const p1 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await p1.addInitScript(signedIn(token, 2014));
      emptyTimes.push(await renderTime(p1, 0));
      await p1.close();
      const p2 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await p2.addInitScript(signedIn(token, 2015));
      fullTimes.push(await renderTime(p2, LINES));
      await p2.close();
    }
    const median = (v: number[]) => percentile(v, 50);
    console.log(
      `estimate of ${LINES} lines rendered: ${median(fullTimes).toFixed(0)} ms from navigation (empty estimate, same screen: ${median(emptyTimes).toFixed(0)} ms; ratio ${(median(fullTimes) / median(emptyTimes)).toFixed(2)}×; aim ≤ 1 s)`,
    );

    // 3. A line edit through the screen (open, type, save, the grid shows the new amount) against the bare API PATCH.
    const editor = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await editor.addInitScript(signedIn(token, 2015));
    await renderTime(editor, LINES);
    const screen: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const quantity = String(2 + (i % 5));
      await editor.getByRole('button', { name: 'Sửa dòng 1', exact: true }).click();
      await editor.getByRole('dialog').getByLabel('Số lượng').fill(quantity);
      const started = performance.now();
      await editor.getByRole('button', { name: 'Lưu dòng' }).click();
      await editor.getByRole('dialog').waitFor({ state: 'detached' });
      screen.push(performance.now() - started);
    }
    // 4. The same edit in the grid: a quantity typed into line 1's cell, Enter, until the row shows the
    // server's amount as saved (each quantity differs from the one before, so every Enter saves).
    const grid: number[] = [];
    const unitPrice = 1_000_000n + 12_345n; // line 1's, as created above
    for (let i = 0; i < EDITS; i++) {
      const quantity = 3 + (i % 5);
      await editor.locator('tr[data-line-no="1"] td[data-field="quantity"]').click();
      await editor.keyboard.type(String(quantity));
      const started = performance.now();
      await editor.keyboard.press('Enter');
      const amount = new Intl.NumberFormat('vi-VN').format(BigInt(quantity) * unitPrice);
      await editor.locator('tr[data-line-no="1"][data-state="saved"] [data-testid="line-amount"]', { hasText: amount }).waitFor();
      grid.push(performance.now() - started);
    }
    const current = await json<{ version: number; lines: { id: string; lineNo: number }[] }>(`/estimates/${full.id}`, { token });
    let version = current.version;
    const lineId = current.lines.find((l) => l.lineNo === 2)!.id;
    const bare: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const started = performance.now();
      const answer = await json<{ version: number }>(`/estimates/${full.id}/lines/${lineId}`, {
        method: 'PATCH',
        token,
        body: JSON.stringify({ version, quantity: String(2 + (i % 5)) }),
      });
      bare.push(performance.now() - started);
      version = answer.version;
    }
    const p95 = (v: number[]) => percentile(v, 95);
    console.log(
      `line edit round trip in the grid (Enter to the row saved with the server's amount), p95 of ${EDITS}: ${p95(grid).toFixed(0)} ms (bare API PATCH p95: ${p95(bare).toFixed(0)} ms; ratio ${(p95(grid) / p95(bare)).toFixed(2)}×; aim ≤ 150 ms)`,
    );
    console.log(`line edit through the full line form (save to form closed), p95 of ${EDITS}: ${p95(screen).toFixed(0)} ms`);
  } finally {
    await browser.close();
    stop();
  }
}

if (process.argv[1]?.endsWith('web.bench.js')) await benchWeb();
