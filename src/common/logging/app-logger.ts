// The application's console logger: Nest's own, minus the start-up chatter that buries what an
// operator needs (≈ 150 "Mapped {/path, GET} route" lines, one "… dependencies initialized" line per
// module). Those come back with LOG_LEVEL=debug or verbose; errors and warnings always pass.
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's contexts whose `log` lines only list routes and modules at start-up. */
export const STARTUP_CHATTER_CONTEXTS: ReadonlySet<string> = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/** The levels a LOG_LEVEL setting enables: it and every level more severe. */
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function levelsUpTo(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

/**
 * Nest's ConsoleLogger at `level` (and every more severe level). The route and module lines of
 * start-up (contexts in STARTUP_CHATTER_CONTEXTS, level `log`) are dropped unless `level` is
 * `debug` or `verbose`.
 */
export class AppLogger extends ConsoleLogger {
  private readonly chatter: boolean;

  constructor(level: LogLevel) {
    super({ logLevels: levelsUpTo(level) });
    this.chatter = level === 'debug' || level === 'verbose';
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (!this.chatter && typeof context === 'string' && STARTUP_CHATTER_CONTEXTS.has(context)) return;
    super.log(message, ...(optionalParams as [string?]));
  }
}
