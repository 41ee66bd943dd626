// Maintenance commands: npm run migration:run | migration:revert | seed
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../seeds/seed.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { dataSourceOptions } from './database/data-source-options.js';

const COMMANDS = ['migration:run', 'migration:revert', 'seed'] as const;
type Command = (typeof COMMANDS)[number];

async function run(command: Command, dataSource: DataSource): Promise<void> {
  switch (command) {
    case 'migration:run': {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length > 0 ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
      return;
    }
    case 'migration:revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
      return;
    case 'seed': {
      await dataSource.runMigrations({ transaction: 'each' });
      const report = await seedDatabase(dataSource, { demo: process.env.NODE_ENV !== 'production' });
      console.log(`Seeded (rows new in this run): ${JSON.stringify(report)}`);
      return;
    }
  }
}

async function main(): Promise<number> {
  const command = process.argv[2];
  if (!COMMANDS.includes(command as Command)) {
    console.error(`Usage: node dist/src/cli.js <${COMMANDS.join('|')}>`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const database = await openDatabase(config, (message) => console.log(message));
  const dataSource = new DataSource(dataSourceOptions(database.url));
  try {
    await dataSource.initialize();
    await run(command as Command, dataSource);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
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
