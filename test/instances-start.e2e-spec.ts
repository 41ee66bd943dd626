// Two instances started at the same moment on one empty database (a deploy of two replicas): the
// set-up as the owner (migrations, the job queue, the app role and its rights) runs once at a time
// under an advisory lock, so both come up on the same schema and neither fails on the other's work.
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app-config.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createTestDatabase } from './support/test-app.js';

describe('two instances starting at once on an empty database (e2e)', () => {
  const apps: INestApplication[] = [];
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop?.();
  });

  it('both start, and every migration is applied once', async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' });
    const started = await Promise.allSettled([createApp(config, database.url), createApp(config, database.url)]);
    for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
    const applied = await apps[0].get(DataSource).query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
  });
});
