// The one concurrency gate of an instance for heavy work: parsing an uploaded workbook (estimate or
// progress report), writing the consolidated report workbook, streaming an open-data download.
// Each holds megabytes of memory or a database connection for seconds; the gate bounds how many run
// at once, so that a flood of them (16 hostile uploads at once, issue 10) cannot exhaust the
// server's memory or starve /health. A request beyond it is refused at once with 429 and
// `Retry-After`; background jobs wait for a slot instead (they are already queued).
import { cpus } from 'node:os';
import { DomainError } from '../errors/domain-error.js';

/** 429: every slot of the gate is taken; `retryAfterSeconds` goes out as the Retry-After header. */
export class BusyError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      'SERVER_BUSY',
      `Máy chủ đang xử lý nhiều tệp hoặc báo cáo lớn, vui lòng thử lại sau ${retryAfterSeconds} giây / ` +
        `The server is busy with other large files or reports; retry in ${retryAfterSeconds} s (or ask for a job: Prefer: respond-async, where offered)`,
    );
  }
}

/** What the gate is set up with; HEAVY_WORK_SLOTS overrides the slot count per instance. */
export interface GateOptions {
  /** Heavy requests at once (default: the CPU count, at least 2). */
  slots: number;
  /** What a refused client is told to wait, in seconds. */
  retryAfterSeconds: number;
}

export function defaultGateOptions(env: NodeJS.ProcessEnv = process.env): GateOptions {
  const configured = Number(env.HEAVY_WORK_SLOTS);
  const slots = Number.isInteger(configured) && configured > 0 ? configured : Math.max(2, cpus().length);
  return { slots, retryAfterSeconds: 5 };
}

/**
 * A counting semaphore. `enter()` takes a slot or throws BusyError; `wait()` resolves with a slot
 * when one is free (first come, first served). Both return the release function, which frees the
 * slot once however often it is called.
 */
export class HeavyWorkGate {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly options: GateOptions = defaultGateOptions()) {}

  /** Slots taken now. */
  get inUse(): number {
    return this.held;
  }

  get slots(): number {
    return this.options.slots;
  }

  /** Takes a slot now, or throws BusyError (429 with Retry-After). */
  enter(): () => void {
    if (this.held >= this.options.slots || this.waiting.length > 0) throw new BusyError(this.options.retryAfterSeconds);
    this.held++;
    return this.releaser();
  }

  /** Takes a slot when one is free (for queued jobs, which have nobody to answer 429 to). */
  wait(): Promise<() => void> {
    if (this.held < this.options.slots && this.waiting.length === 0) {
      this.held++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  /** Runs `work` in a slot taken now (BusyError when none is free); the slot is freed when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = this.enter();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the first waiter
      else this.held--;
    };
  }
}
