// Guards the browser pin: Playwright drives Debian's Chromium only when its major version is the
// one this Playwright release expects (playwright-core/browsers.json). Fails with what to bump.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHROMIUM } from '../../playwright.config';

export default function globalSetup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's browser (apt-get install -y --no-install-recommends chromium fonts-noto-core); .ci/run does this`,
    );
  }
  const output = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' });
  const installed = /(\d+)\.\d+\.\d+\.\d+/.exec(output)?.[1];
  const core = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const browsers = JSON.parse(readFileSync(join(core, 'browsers.json'), 'utf8')) as { browsers: { name: string; browserVersion: string }[] };
  const expectedVersion = browsers.browsers.find((b) => b.name === 'chromium')?.browserVersion ?? '?';
  const expected = expectedVersion.split('.')[0];
  if (installed !== expected) {
    const version = (JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { version: string }).version;
    throw new Error(
      `Chromium ${installed ?? '?'} at ${CHROMIUM} but playwright-core ${version} expects Chromium ${expected} (${expectedVersion}): ` +
        `pin @playwright/test and playwright-core to the release made for Chromium ${installed ?? '?'}, or install that Chromium`,
    );
  }
}
