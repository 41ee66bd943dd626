// What `npm start` says last, where an operator looks: the web app's address, the API, and whom to
// sign in as (development only).
import { DEMO_PASSWORD } from '../../../seeds/data/users.js';
import { type AppConfig, docsEnabled } from '../../config/app-config.js';

/**
 * The start-up log's closing lines: the web app's address first, the API, docs and health, then the
 * demo users (development only) one a line with their role and name.
 */
export function readyLines(config: AppConfig, users: readonly { username: string; role: string; full_name: string }[]): string[] {
  const base = `http://localhost:${config.PORT}`;
  const lines = [
    `Ready. Officials' web app: ${base}/app`,
    `API on ${base} — ${docsEnabled(config) ? `OpenAPI docs on ${base}/docs` : 'OpenAPI docs off (DOCS_ENABLED)'} — health on ${base}/health`,
  ];
  if (users.length > 0) {
    const width = Math.max(...users.map((u) => u.username.length));
    lines.push(`Demo users (development only), password "${DEMO_PASSWORD}":`);
    for (const u of users) lines.push(`  ${u.username.padEnd(width)}  ${u.role.padEnd(12)}  ${u.full_name}`);
  }
  return lines;
}
