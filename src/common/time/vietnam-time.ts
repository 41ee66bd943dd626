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

/** An instant read from a person's text: ISO 8601 with an explicit offset, and its microseconds since 1970. */
export interface VietnamInstant {
  /** `YYYY-MM-DDTHH:mm:ss[.ffffff]±HH:MM`, the offset always written (PostgreSQL reads it as is). */
  iso: string;
  /** Microseconds since 1970-01-01T00:00:00Z, to compare two instants exactly. */
  epochMicros: bigint;
}

/** What `parseVietnamInstant` accepts, for messages and API descriptions. */
export const VIETNAM_INSTANT_FORMATS = 'YYYY-MM-DD, YYYY-MM-DDTHH:mm, YYYY-MM-DDTHH:mm:ss[.ffffff], each with an optional Z or ±HH:MM';

const INSTANT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

/**
 * Reads a date or a date and time as an official means it: on Vietnam's clock unless the text names
 * its own offset (`Z`, `+07:00`, `-05:00`). A date alone is the start of that day in Vietnam
 * (`2012-04-01` → 2012-03-31T17:00:00Z). Years 0001–9999; the day must exist (no 30 February), hours
 * 00–23, offsets up to ±14:00. A year alone (`2012`), a month (`2012-04`), week or ordinal dates and
 * a space for the `T` are not accepted: they are ambiguous as the end of a range. Returns null for
 * anything else (the caller answers 400 naming its field).
 */
export function parseVietnamInstant(text: string): VietnamInstant | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map(Number);
  const fraction = (m[7] ?? '').padEnd(6, '0');
  const offset = m[8] === undefined ? '+07:00' : m[8] === 'Z' ? '+00:00' : m[8];
  const offsetMinutes = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (Math.abs(offsetMinutes) > 14 * 60 || Number(offset.slice(4, 6)) > 59) return null;
  // Date.UTC reads years 0–99 as 1900–1999: set the full year apart.
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  local.setUTCFullYear(year);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return null;
  const epochMicros = (BigInt(local.getTime()) - BigInt(offsetMinutes) * 60_000n) * 1000n + BigInt(fraction);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${two(hour)}:${two(minute)}:${two(second)}${m[7] ? `.${fraction}` : ''}${offset}`;
  return { iso, epochMicros };
}
