// npm run import -- FILE.xlsx --estimate ID [--as USERNAME] [--version N]
// Imports an estimate workbook straight into the database, as the given user, with a progress bar.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import cliProgress from 'cli-progress';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { errorBody } from './common/errors/http-error.filter.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { setUpDatabase } from './database/migrate.js';
import { AuthService } from './modules/auth/auth.service.js';
import { SpreadsheetsService } from './modules/spreadsheets/spreadsheets.service.js';

const USAGE = 'Usage: npm run import -- FILE.xlsx --estimate ESTIMATE_ID [--as USERNAME] [--version N]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { estimate: { type: 'string' }, as: { type: 'string', default: process.env.USER_NAME ?? '' }, version: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || !values.estimate || !values.as) {
    console.error(`${USAGE}\n(--as names the user the import is made as and audited for)`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  // This process imports one file and leaves: it takes no queued jobs.
  const config = loadConfig({ ...process.env, JOBS_WORKER: 'false' });
  const database = await openDatabase(config, (message) => console.error(message));
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  try {
    const appUrl = await setUpDatabase(config, database.url, database.appUrl, (message) => console.error(message));
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config, appUrl), { logger: ['error'] });
  } catch (error) {
    await database.close();
    throw error;
  }
  const bar = new cliProgress.SingleBar({ format: 'Đang đọc / reading |{bar}| {percentage}% {value}/{total} rows', stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  try {
    const [user] = await app.get(DataSource).query<{ id: string }[]>('SELECT id FROM users WHERE username = $1', [values.as]);
    if (!user) {
      console.error(`--as ${values.as}: no such user`);
      return 2;
    }
    const actor = await app.get(AuthService).actorForUser(user.id);
    const estimate = await app
      .get(SpreadsheetsService)
      .importEstimateWorkbook(values.estimate, readFileSync(file), values.version ? Number(values.version) : undefined, actor, (read, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(read);
      });
    if (started) {
      bar.update(bar.getTotal());
      bar.stop();
    }
    console.log(`Saved ${estimate.lines.length} lines, total ${estimate.totals.total.toString()} đồng; the estimate is now at version ${estimate.version}.`);
    return 0;
  } catch (error) {
    if (started) bar.stop();
    const body = errorBody(error);
    if (body.statusCode >= 500) throw error;
    console.error(`${body.statusCode} ${body.code ?? body.error}: ${body.message}`);
    for (const detail of (body.details ?? []).slice(0, 50)) {
      console.error(`  ${'row' in detail && detail.row !== undefined ? `row ${detail.row} ` : ''}${detail.field}: ${detail.message}`);
    }
    return 1;
  } finally {
    await app.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
