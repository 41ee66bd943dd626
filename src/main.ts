import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from '../seeds/data/users.js';
import { isDatabaseEmpty, seedDatabase } from '../seeds/seed.js';
import { createApp } from './app.setup.js';
import { ConfigError, docsEnabled, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const logger = new Logger('itbudget');

  const database = await openDatabase(config, (message) => logger.log(message));
  logger.log(`Database: ${database.description}`);
  const app = await createApp(config, database.url, database.appUrl);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal}: closing the API and the database`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));

  const dataSource = app.get(DataSource);
  if (config.SEED_ON_EMPTY && (await isDatabaseEmpty(dataSource))) {
    const report = await seedDatabase(dataSource, { demo: config.NODE_ENV !== 'production' });
    logger.log(`Seeded an empty database: ${JSON.stringify(report)}`);
  }
  if (config.NODE_ENV === 'development') {
    const users = await dataSource.query<{ username: string; role: string }[]>(
      'SELECT username, role FROM users WHERE id = ANY($1) AND active ORDER BY role, username',
      [DEMO_USERS.map((user) => user.id)],
    );
    if (users.length > 0) {
      logger.log(`Demo users (development only), password "${DEMO_PASSWORD}": ${users.map((u) => `${u.username} (${u.role})`).join(', ')}`);
    }
  }

  await app.listen(config.PORT, config.HOST);
  const base = `http://localhost:${config.PORT}`;
  logger.log(`itbudget API on ${base} — ${docsEnabled(config) ? `OpenAPI docs on ${base}/docs` : 'OpenAPI docs off (DOCS_ENABLED)'} — health on ${base}/health`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('itbudget failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
