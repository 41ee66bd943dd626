import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_USERS } from '../seeds/data/users.js';
import { readyLines } from './common/logging/ready-lines.js';
import { isDatabaseEmpty, seedDatabase } from '../seeds/seed.js';
import { createApp } from './app.setup.js';
import { ConfigError, loadConfig } from './config/app-config.js';
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
  const users =
    config.NODE_ENV === 'development'
      ? await dataSource.query<{ username: string; role: string; full_name: string }[]>(
          'SELECT username, role, full_name FROM users WHERE id = ANY($1) AND active ORDER BY role, username',
          [DEMO_USERS.map((user) => user.id)],
        )
      : [];

  await app.listen(config.PORT, config.HOST);
  // Last in the log, where an operator looks: where to go and whom to sign in as.
  for (const line of readyLines(config, users)) logger.log(line);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('itbudget failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
