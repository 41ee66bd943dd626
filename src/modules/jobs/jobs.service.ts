import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
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
  /** How many attempts have taken the job so far (a retry after a dead instance or a 5xx counts). */
  attempts: number;
  /** The instance running it, or that ran its last attempt (`host:pid`); null before any attempt. */
  worker: string | null;
}

/** What a job's work gets: its row, the actor who started it, and a way to report progress. */
export interface JobContext {
  id: string;
  target: string;
  params: Record<string, unknown>;
  input: Buffer | null;
  actor: Actor;
  /** 1 for the first attempt; more when an earlier attempt's instance died or failed with a 5xx. */
  attempt: number;
  progress: (percent: number, phase: string) => Promise<void>;
  /**
   * Records the outcome inside the caller's own transaction, so that the work and the job's DONE
   * commit together or not at all: an attempt retried after its instance died finds the job DONE
   * and does nothing twice. Throws `JobLeaseLostError` (rolling the caller's transaction back) when
   * this attempt no longer holds the job — its lease lapsed and another attempt took it.
   */
  complete: (manager: EntityManager, outcome: JobOutcome) => Promise<void>;
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
 * Retries of a job whose attempt failed with a 5xx or whose instance died: 3 more attempts, the
 * first after about a second, doubling (pg-boss's backoff, with jitter). A client's error (4xx) is
 * the job's answer and is never retried.
 */
export const JOB_RETRIES = { retryLimit: 3, retryDelay: 1, retryBackoff: true } as const;

/** Raised when an attempt that lost its lease tries to write the job's outcome. */
export class JobLeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId}: another attempt holds it now (this one's lease lapsed)`);
  }
}

/** The pg-boss job a worker was handed (only what the lease needs). */
interface QueuedJob {
  id: string;
  data: { jobId: string };
  retryCount: number;
  retryLimit: number;
}

/** This instance, as a job row names the one running it. */
const WORKER = `${hostname()}:${process.pid}`;

const JOB_SERIAL = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Jobs clients can poll. pg-boss (on PostgreSQL, in its own schema) queues and hands them to a
 * worker on any instance; the `jobs` table holds what clients see: status, phase, percentage,
 * the input and the output.
 *
 * Surviving a dead instance (issue 11). pg-boss 10 expires an active job a fixed time after its
 * start and has no heartbeat of its own, so every attempt holds a *lease*: it is sent with
 * `expireInSeconds` = JOB_LEASE_SECONDS and its worker renews pg-boss's start time (and the row's
 * `heartbeat_at`) every third of that. When the instance dies the renewals stop; pg-boss's
 * maintenance (every third of the lease, on whichever instance runs it first) expires the job
 * and queues a retry (JOB_RETRIES), which any instance picks up and claims anew. Each attempt
 * claims the row with a token of its own and every write of progress or outcome is conditional
 * on it, so an attempt that lost its lease (a stalled instance) can no longer change the job; work
 * that writes (an import) records DONE in its own transaction (`JobContext.complete`).
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly handlers = new Map<JobKind, Handler>();
  private readonly leases = new Set<NodeJS.Timeout>();
  private boss?: PgBoss;
  private halted = false;

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
      // Expired leases are found within a third of the lease (one instance does it per interval).
      maintenanceIntervalSeconds: this.renewSeconds(),
    });
    this.boss.on('error', (error) => this.logger.error(error.message));
    await this.boss.start();
    if (!this.config.JOBS_WORKER) return;
    await this.reapInterrupted();
    await this.boss.work<{ jobId: string }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1, includeMetadata: true }, async ([job]) => {
      if (job) await this.run(job);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // Graceful: a running job gets 10 s to end, then pg-boss fails it, which queues its retry at
    // once (no lease to wait for).
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /**
   * Stops this instance's work at once, writing nothing — what a crash does to the jobs, short of
   * the process: no lease is renewed, no job is fetched, no attempt writes its progress or outcome.
   * Its jobs are retried elsewhere when their leases lapse. For the fault drill and its tests.
   */
  async halt(): Promise<void> {
    this.halted = true;
    for (const timer of this.leases) clearInterval(timer);
    this.leases.clear();
    await this.boss?.offWork(QUEUE);
  }

  /** A halted instance's attempt never answers pg-boss, as a dead process would not: its lease lapses. */
  private silence(): Promise<never> {
    return new Promise<never>(() => undefined);
  }

  private renewSeconds(): number {
    return Math.max(1, Math.floor(this.config.JOB_LEASE_SECONDS / 3));
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
    await this.boss!.send(QUEUE, { jobId: id }, { ...JOB_RETRIES, expireInSeconds: this.config.JOB_LEASE_SECONDS });
    return this.get(id, actor);
  }

  /** A job is seen by the user who started it, and by administrators and auditors. */
  async get(id: string, actor: Actor): Promise<JobView> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, kind, status, percent, phase, target, result, error, output IS NOT NULL AS has_file, created_by, created_at, started_at, finished_at,
              attempts, worker
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
      attempts: row.attempts as number,
      worker: row.worker as string | null,
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
   * Housekeeping, when a worker starts and before each job: a job whose lease nobody has renewed
   * for ten minutes (every retry died too: pg-boss has given up) is failed, so that no client polls
   * it for ever; files older than a week are dropped.
   */
  private async reapInterrupted(): Promise<void> {
    // Produced files are kept a week; the job's status and result stay.
    await this.dataSource.query(
      `UPDATE jobs SET output = NULL, output_name = NULL, output_type = NULL
        WHERE output IS NOT NULL AND finished_at < now() - interval '7 days'`,
    );
    await this.dataSource.query(
      `UPDATE jobs SET status = 'FAILED', phase = 'failed', finished_at = now(), input = NULL, error = $1
        WHERE status = 'RUNNING' AND COALESCE(heartbeat_at, started_at) < now() - interval '10 minutes'`,
      [JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: message('JOB_INTERRUPTED'), code: 'JOB_INTERRUPTED' })],
    );
  }

  /**
   * Runs one attempt of a job. The row is claimed with a fresh token (from QUEUED, or from RUNNING:
   * pg-boss hands an active job to one worker at a time, so a RUNNING row here was left by an
   * attempt whose lease lapsed); a DONE or FAILED row is left alone. A client's error (4xx) is kept
   * as the job's answer; a 5xx is retried while retries remain, then kept.
   */
  private async run(job: QueuedJob): Promise<void> {
    await this.reapInterrupted();
    const id = job.data.jobId;
    const claim = randomUUID();
    // An UPDATE through TypeORM answers [rows, count].
    const [rows] = await this.dataSource.query<[{ kind: JobKind; target: string; params: Record<string, unknown>; input: Buffer | null; created_by: string; attempts: number }[], number]>(
      `UPDATE jobs SET status = 'RUNNING', claim = $2, worker = $3, attempts = attempts + 1, heartbeat_at = now(), started_at = COALESCE(started_at, now()),
                       percent = 0, phase = CASE WHEN attempts = 0 THEN 'started' ELSE 'restarted' END
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')
       RETURNING kind, target, params, input, created_by, attempts`,
      [id, claim, WORKER],
    );
    const row = rows[0];
    if (!row) return;
    const renewal = this.renewLease(id, claim, job.id);
    const handler = this.handlers.get(row.kind);
    const outcomeSql = `UPDATE jobs SET status = 'DONE', percent = 100, phase = 'done', finished_at = now(), input = NULL,
                                        result = $3, output = $4, output_name = $5, output_type = $6
                         WHERE id = $1 AND claim = $2 AND status = 'RUNNING'`;
    const outcomeValues = (outcome: JobOutcome) => [
      id,
      claim,
      JSON.stringify(outcome.result ?? null, JOB_SERIAL),
      outcome.file?.bytes ?? null,
      outcome.file?.name ?? null,
      outcome.file?.type ?? null,
    ];
    try {
      if (!handler) throw new Error(`no worker for ${row.kind}`);
      const actor = await this.auth.actorForUser(row.created_by);
      const outcome = await handler({
        id,
        target: row.target,
        params: row.params,
        input: row.input,
        actor,
        attempt: row.attempts,
        progress: async (percent, phase) => {
          if (this.halted) return;
          await this.dataSource.query(`UPDATE jobs SET percent = $3, phase = $4 WHERE id = $1 AND claim = $2 AND status = 'RUNNING'`, [id, claim, Math.max(0, Math.min(100, Math.floor(percent))), phase]);
        },
        complete: async (manager, done) => {
          if (this.halted) throw new JobLeaseLostError(id);
          const [, count] = await manager.query<[unknown, number]>(outcomeSql, outcomeValues(done));
          if (count !== 1) throw new JobLeaseLostError(id);
        },
      });
      if (this.halted) return this.silence();
      // Nothing when `complete` recorded it already (the row is DONE) or the lease was lost.
      await this.dataSource.query(outcomeSql, outcomeValues(outcome));
    } catch (error) {
      if (this.halted) return this.silence();
      if (error instanceof JobLeaseLostError) {
        // Answered normally: the pg-boss job under this id is the later attempt's now.
        this.logger.warn(`job ${id}: attempt ${row.attempts} gave up its outcome (lease lost)`);
        return;
      }
      const body = errorBody(error);
      if (body.statusCode >= 500) {
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        if (job.retryCount < job.retryLimit) {
          // pg-boss fails this attempt and queues the next; the row stays RUNNING for it to claim.
          await this.dataSource.query(`UPDATE jobs SET phase = 'retrying' WHERE id = $1 AND claim = $2`, [id, claim]);
          throw error;
        }
      }
      await this.dataSource.query(`UPDATE jobs SET status = 'FAILED', phase = 'failed', finished_at = now(), input = NULL, error = $3 WHERE id = $1 AND claim = $2 AND status = 'RUNNING'`, [
        id,
        claim,
        JSON.stringify(body),
      ]);
    } finally {
      clearInterval(renewal);
      this.leases.delete(renewal);
    }
  }

  /**
   * Renews the attempt's lease every third of JOB_LEASE_SECONDS: pg-boss's start time of the active
   * job (pg-boss 10 expires a job a fixed time after `started_on` and has no heartbeat API; the
   * column is part of its schema version, which the start-up checks) and the row's `heartbeat_at`.
   * A renewal that finds neither held stops: the lease is lost.
   */
  private renewLease(id: string, claim: string, bossJobId: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.dataSource
        .query<[unknown, number]>(
          `WITH boss AS (UPDATE ${JOBS_SCHEMA}.job SET started_on = now() WHERE name = $3 AND id = $4 AND state = 'active' RETURNING 1)
           UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND claim = $2 AND status = 'RUNNING' AND EXISTS (SELECT 1 FROM boss)`,
          [id, claim, QUEUE, bossJobId],
        )
        .then(([, count]) => {
          if (count === 0) {
            this.logger.warn(`job ${id}: lease lost`);
            clearInterval(timer);
            this.leases.delete(timer);
          }
        })
        .catch((error: unknown) => this.logger.warn(`job ${id}: lease not renewed: ${String(error)}`));
    }, this.renewSeconds() * 1000);
    this.leases.add(timer);
    return timer;
  }
}
