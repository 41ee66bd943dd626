// Browser tests on Debian's Chromium (/usr/bin/chromium; never a downloaded browser), against the
// built app on a throwaway database (scripts/browser-test-server.ts). Run by `npm test`.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.ITBUDGET_BROWSER_PORT ?? '3590');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: '../.browser-tests/results',
  globalSetup: './e2e/support/global-setup.ts',
  // One worker: the journeys share one database and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM,
      // A closed network: nothing in the background may try to reach out.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: 'node dist/scripts/browser-test-server.js',
    cwd: '..',
    url: `http://127.0.0.1:${port}/health`,
    env: { ITBUDGET_BROWSER_TESTS: '1', PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
