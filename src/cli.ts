// Maintenance commands: npm run migration:run | migration:revert | seed | ledger:verify | ledger:rebuild
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../seeds/seed.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { describeVerification, rebuildLedger, verifyLedger } from './modules/estimates/ledger/ledger-check.js';

const COMMANDS = ['migration:run', 'migration:revert', 'seed', 'ledger:verify', 'ledger:rebuild'] as const;
type Command = (typeof COMMANDS)[number];

async function run(command: Command, dataSource: DataSource): Promise<number> {
  switch (command) {
    case 'migration:run': {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length > 0 ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
      return 0;
    }
    case 'migration:revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
      return 0;
    case 'seed': {
      await dataSource.runMigrations({ transaction: 'each' });
      const report = await seedDatabase(dataSource, { demo: process.env.NODE_ENV !== 'production' });
      console.log(`Seeded (rows new in this run): ${JSON.stringify(report)}`);
      return 0;
    }
    case 'ledger:verify': {
      const result = await verifyLedger(dataSource.manager);
      console.log(describeVerification(result));
      return result.differences.length === 0 ? 0 : 1;
    }
    case 'ledger:rebuild': {
      const started = Date.now();
      await rebuildLedger(dataSource.manager);
      const result = await verifyLedger(dataSource.manager);
      console.log(`Kept totals recomputed from the lines in ${Date.now() - started} ms. ${describeVerification(result)}`);
      return result.differences.length === 0 ? 0 : 1;
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
    return await run(command as Command, dataSource);
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
