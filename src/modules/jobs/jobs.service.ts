import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { errorBody } from '../../common/errors/http-error.filter.js';
import { JOBS_QUEUE, JOBS_SCHEMA } from '../../database/app-role.js';
import { DATABASE_URL } from '../../database/data-source-options.js';
import { AppConfig } from '../../config/app-config.js';
import type { Actor } from '../../common/access/actor.js';
import { AuthService } from '../auth/auth.service.js';
import { message } from '../../common/errors/messages.js';

export type JobKind = 'WORKBOOK_IMPORT' | 'REPORT_EXPORT';

export interface JobView {
  id: string;
  kind: JobKind;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  percent: number;
  phase: string | null;
  target: string;
  result: unknown;
  error: unknown;
  hasFile: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a job's work gets: its row, the actor who started it, and a way to report progress. */
export interface JobContext {
  id: string;
  target: string;
  params: Record<string, unknown>;
  input: Buffer | null;
  actor: Actor;
  progress: (percent: number, phase: string) => Promise<void>;
}

export interface JobOutcome {
  result?: unknown;
  file?: { bytes: Buffer; name: string; type: string };
}

type Handler = (context: JobContext) => Promise<JobOutcome>;

/**
 * Progress reported from synchronous callbacks: the writes are chained so they land in order, a
 * failed write is logged and never fails the job, and `settled()` is awaited before the job ends
 * so no write lands after its final status.
 */
export class ProgressChain {
  private chain = Promise.resolve();
  private readonly logger = new Logger('JobProgress');

  constructor(private readonly write: (percent: number, phase: string) => Promise<void>) {}

  report(percent: number, phase: string): void {
    this.chain = this.chain.then(() => this.write(percent, phase)).catch((error: unknown) => this.logger.warn(`progress not recorded: ${String(error)}`));
  }

  settled(): Promise<void> {
    return this.chain;
  }
}

const QUEUE = JOBS_QUEUE;

/**
 * Jobs clients can poll. pg-boss (on PostgreSQL, in its own schema) queues and hands them to a
 * worker on any instance; the `jobs` table holds what clients see: status, phase, percentage,
 * the input and the output.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly handlers = new Map<JobKind, Handler>();
  private boss?: PgBoss;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Each module registers the work of its own job kinds. */
  register(kind: JobKind, handler: Handler): void {
    this.handlers.set(kind, handler);
  }

  async onModuleInit(): Promise<void> {
    // pg-boss connects as the app's role: the owner installed its schema and queue before the
    // start (src/database/app-role.ts), so it neither migrates nor creates tables (no cron either).
    this.boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'itbudget-jobs',
      max: 3,
      migrate: false,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.error(error.message));
    await this.boss.start();
    if (!this.config.JOBS_WORKER) return;
    await this.reapInterrupted();
    await this.boss.work<{ jobId: string }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
      if (job) await this.run(job.data.jobId);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async enqueue(kind: JobKind, target: string, actor: Actor, params: Record<string, unknown>, input?: Buffer): Promise<JobView> {
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO jobs (id, kind, target, params, input, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      kind,
      target,
      JSON.stringify(params),
      input ?? null,
      actor.userId,
    ]);
    await this.boss!.send(QUEUE, { jobId: id }, { retryLimit: 0 });
    return this.get(id, actor);
  }

  /** A job is seen by the user who started it, and by administrators and auditors. */
  async get(id: string, actor: Actor): Promise<JobView> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, kind, status, percent, phase, target, result, error, output IS NOT NULL AS has_file, created_by, created_at, started_at, finished_at
         FROM jobs WHERE id = $1`,
      [id],
    );
    if (!row || (row.created_by !== actor.userId && actor.role !== 'ADMIN' && actor.role !== 'AUDITOR')) throw new NotFoundError('Job', id);
    return {
      id: row.id as string,
      kind: row.kind as JobKind,
      status: row.status as JobView['status'],
      percent: row.percent as number,
      phase: row.phase as string | null,
      target: row.target as string,
      result: row.result,
      error: row.error,
      hasFile: row.has_file as boolean,
      createdAt: row.created_at as Date,
      startedAt: row.started_at as Date | null,
      finishedAt: row.finished_at as Date | null,
    };
  }

  async file(id: string, actor: Actor): Promise<{ bytes: Buffer; name: string; type: string }> {
    const job = await this.get(id, actor);
    if (!job.hasFile) throw new NotFoundError('File of job', id);
    const [row] = await this.dataSource.query<{ output: Buffer; output_name: string; output_type: string }[]>(
      'SELECT output, output_name, output_type FROM jobs WHERE id = $1',
      [id],
    );
    return { bytes: row.output, name: row.output_name, type: row.output_type };
  }

  /**
   * Housekeeping, when a worker starts and before each job: a job left RUNNING by a process that
   * stopped (a crash, a deploy) is failed after an hour, so that no client polls it for ever; files
   * older than a week are dropped.
   */
  private async reapInterrupted(): Promise<void> {
    // Produced files are kept a week; the job's status and result stay.
    await this.dataSource.query(
      `UPDATE jobs SET output = NULL, output_name = NULL, output_type = NULL
        WHERE output IS NOT NULL AND finished_at < now() - interval '7 days'`,
    );
    await this.dataSource.query(
      `UPDATE jobs SET status = 'FAILED', phase = 'failed', finished_at = now(), input = NULL, error = $1
        WHERE status = 'RUNNING' AND started_at < now() - interval '1 hour'`,
      [JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: message('JOB_INTERRUPTED'), code: 'JOB_INTERRUPTED' })],
    );
  }

  /** Runs one job; whatever it throws is kept in the error shape the API would have answered. */
  private async run(id: string): Promise<void> {
    await this.reapInterrupted();
    // Claimed once: an UPDATE through TypeORM answers [rows, count].
    const [rows] = await this.dataSource.query<[{ kind: JobKind; target: string; params: Record<string, unknown>; input: Buffer | null; created_by: string }[], number]>(
      `UPDATE jobs SET status = 'RUNNING', started_at = now(), phase = 'started' WHERE id = $1 AND status = 'QUEUED'
       RETURNING kind, target, params, input, created_by`,
      [id],
    );
    const row = rows[0];
    if (!row) return;
    const handler = this.handlers.get(row.kind);
    try {
      if (!handler) throw new Error(`no worker for ${row.kind}`);
      const actor = await this.auth.actorForUser(row.created_by);
      const outcome = await handler({
        id,
        target: row.target,
        params: row.params,
        input: row.input,
        actor,
        progress: async (percent, phase) => {
          await this.dataSource.query('UPDATE jobs SET percent = $2, phase = $3 WHERE id = $1', [id, Math.max(0, Math.min(100, Math.floor(percent))), phase]);
        },
      });
      await this.dataSource.query(
        `UPDATE jobs SET status = 'DONE', percent = 100, phase = 'done', finished_at = now(), input = NULL,
                         result = $2, output = $3, output_name = $4, output_type = $5 WHERE id = $1`,
        [id, JSON.stringify(outcome.result ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), outcome.file?.bytes ?? null, outcome.file?.name ?? null, outcome.file?.type ?? null],
      );
    } catch (error) {
      const body = errorBody(error);
      if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      await this.dataSource.query(`UPDATE jobs SET status = 'FAILED', phase = 'failed', finished_at = now(), input = NULL, error = $2 WHERE id = $1`, [
        id,
        JSON.stringify(body),
      ]);
    }
  }
}
