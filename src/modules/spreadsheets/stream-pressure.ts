// Back-pressure for exceljs's streaming workbook writer, which has none of its own.
//
// `row.commit()` is synchronous. Each sheet writes into an exceljs StreamBuf that pushes every chunk on
// without looking at `write()`'s answer; archiver wraps it in a PassThrough (StreamBuf has no
// `_readableState`), and only from that PassThrough on is the chain (deflate → zip → output) piped with
// back-pressure. So when the output is slow (a slow client) or deflate is behind, the sheet's XML piles
// up in that PassThrough without bound. The writer therefore asks, every so often, how much is waiting
// there and in the output, and waits until it has drained below a limit. The same pause yields to the
// event loop, so a long export does not keep an HTTP server from serving other requests.
import { type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';

/** Uncompressed sheet XML allowed to wait between the writer and deflate. */
export const DEFAULT_BACKLOG_LIMIT = 8 * 1024 * 1024;
/** Longest single wait before the figures are looked at again (a missed event cannot stall the export). */
const POLL_MS = 50;

// archiver's PassThrough comes from readable-stream 2.x, which has no writableLength/readableLength:
// the byte counts are in its _writableState/_readableState.
type Buffered = {
  writableLength?: unknown;
  readableLength?: unknown;
  _writableState?: { length?: unknown } | null;
  _readableState?: { length?: unknown } | null;
} & Partial<EventEmitter>;

/** Bytes of a streaming sheet waiting to be compressed; 0 when exceljs's internals are not as expected. */
export function sheetBacklog(sheet: unknown): number {
  let total = 0;
  for (const pipe of sheetPipes(sheet)) {
    total += lengthOf(pipe.writableLength ?? pipe._writableState?.length) + lengthOf(pipe.readableLength ?? pipe._readableState?.length);
  }
  return total;
}

function sheetPipes(sheet: unknown): Buffered[] {
  // WorksheetWriter#stream (a StreamBuf, opened when the sheet was added) and its `pipes` array.
  const stream = (sheet as { stream?: { pipes?: unknown } } | null)?.stream;
  const pipes = stream?.pipes;
  return Array.isArray(pipes) ? (pipes.filter((pipe) => typeof pipe === 'object' && pipe !== null) as Buffered[]) : [];
}

const lengthOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The output closed or failed before the workbook was complete. */
/** How long the output may stay full before the writing gives up. */
const STALL_MS = 60_000;

export class OutputClosedError extends Error {
  constructor(cause?: unknown) {
    super('the output closed before the workbook was complete / luồng ghi bị đóng trước khi ghi xong bảng tính', cause === undefined ? undefined : { cause });
    this.name = 'OutputClosedError';
  }
}

/**
 * Watches one output (and the zip feeding it) for errors and early closing while a workbook is
 * written, and paces the writer. `dispose()` when done.
 */
export class StreamPressure {
  private failure: unknown;
  private closed = false;
  private rejectBroken: ((error: unknown) => void) | undefined;
  private readonly onError = (error: unknown) => {
    this.failure ??= error;
    this.rejectBroken?.(error);
  };
  private readonly onClose = () => {
    this.closed = true;
    // A file or socket closes after 'finish' when all went well; before it, the workbook is incomplete.
    if (!this.output.writableFinished) this.rejectBroken?.(new OutputClosedError());
  };

  constructor(
    private readonly output: Writable,
    private readonly zip: EventEmitter | undefined,
    private readonly backlogLimit = DEFAULT_BACKLOG_LIMIT,
  ) {
    output.on('error', this.onError);
    output.on('close', this.onClose);
    zip?.on('error', this.onError);
  }

  /** Throws when the output has failed or was closed (destroyed, ended, 'close' emitted) by someone else. */
  check(): void {
    if (this.failure !== undefined) throw this.failure instanceof Error ? this.failure : new OutputClosedError(this.failure);
    if (this.closed || this.output.destroyed || this.output.writableEnded) throw new OutputClosedError();
  }

  /**
   * Rejects when the output fails or closes before it has finished; never resolves. Race the final
   * commit with it: exceljs waits for the output's 'finish', which a destroyed output never emits.
   */
  untilBroken(): Promise<never> {
    const broken = new Promise<never>((_, reject) => {
      this.rejectBroken = reject;
    });
    broken.catch(() => undefined); // only the race reports it
    try {
      this.check();
    } catch (error) {
      this.rejectBroken?.(error);
    }
    return broken;
  }

  /** Yields to the event loop, then waits while the sheet's backlog or the output is over its limit. */
  async relieve(sheet: unknown): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const since = Date.now();
    for (;;) {
      this.check();
      const outputFull = this.output.writableNeedDrain;
      if (!outputFull && sheetBacklog(sheet) <= this.backlogLimit) return;
      // A reader that takes nothing for this long is gone in all but name: stop holding the
      // database snapshot and the connection for it.
      if (outputFull && Date.now() - since > STALL_MS) throw new OutputClosedError(new Error(`the reader took nothing for ${STALL_MS / 1000} s`));
      await this.nextEvent(outputFull ? [this.output] : sheetPipes(sheet));
    }
  }

  dispose(): void {
    this.rejectBroken = undefined;
    this.output.off('error', this.onError);
    this.output.off('close', this.onClose);
    this.zip?.off('error', this.onError);
  }

  /** Resolves on the first drain/data movement of the given streams, an output failure, or after POLL_MS. */
  private nextEvent(emitters: readonly Partial<EventEmitter>[]): Promise<void> {
    return new Promise<void>((resolve) => {
      const watched: [Partial<EventEmitter>, string][] = [];
      const done = () => {
        clearTimeout(timer);
        for (const [emitter, event] of watched) emitter.off?.(event, done);
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      const watch = (emitter: Partial<EventEmitter>, event: string) => {
        if (typeof emitter.once !== 'function') return;
        emitter.once(event, done);
        watched.push([emitter, event]);
      };
      for (const emitter of emitters) watch(emitter, 'drain');
      watch(this.output, 'close');
      watch(this.output, 'error');
    });
  }
}
