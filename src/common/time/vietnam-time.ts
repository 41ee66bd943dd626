// Times as officials read them: Vietnam's clock (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight
// saving since 1975), written dd/MM/yyyy HH:mm as on Vietnamese administrative documents. JSON
// keeps ISO 8601 instants; only what a person reads (workbooks, history in words) uses this.

/** Vietnam's offset from UTC, in milliseconds (fixed: ICT, no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant on Vietnam's clock, `dd/MM/yyyy HH:mm` (e.g. 2012-03-31T17:30:00Z → "01/04/2012 00:30").
 * Takes a Date or an ISO 8601 string; throws RangeError for an invalid one (a programming error:
 * the instants come from the database or the clock).
 */
export function formatVietnamTime(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}
