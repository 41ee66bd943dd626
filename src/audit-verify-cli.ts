// npm run audit:verify -- --checkpoint FILE [--public-key FILE]   (see audit-verify.ts)
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigError } from './config/app-config.js';
import { auditVerify } from './audit-verify.js';

if (existsSync('.env')) process.loadEnvFile('.env');
auditVerify(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
