// Dates as officials write them: dd/mm/yyyy, times in Vietnam's time.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2011-07-20` → `20/07/2011`. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO instant → `20/07/2011 14:05` in Vietnam's time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  // en-GB writes `30/11/2026, 05:10`; officials write the date first without the comma.
  return dateTime.format(new Date(instant)).replace(',', '');
}

/**
 * A decimal string as officials read it (`"82.7273"` → `82,7273`, `"1250.5"` → `1.250,5`), by text
 * only: no float ever rounds it. Null or empty → `—`.
 */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const negative = value.startsWith('-');
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** `20/12/2011` (as officials write it) → `2011-12-20`, or null when it is not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today in Vietnam's time as dd/mm/yyyy. */
export function todayVn(now = new Date()): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(now);
}

/**
 * The dates a decision on a budget year may carry, as the API checks them (src/common/time/decision-date.ts):
 * from 1 January of the year before to 31 December of the year after, as ISO dates.
 */
export function decisionDateRange(year: number): { from: string; to: string } {
  return { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
}

/** The decision date to pre-fill for a budget year: today (dd/mm/yyyy) when the API accepts it, else empty (the hint gives the range). */
export function defaultDecisionDate(year: number | null, now = new Date()): string {
  if (year === null) return '';
  const today = todayVn(now);
  const iso = parseVnDate(today);
  const { from, to } = decisionDateRange(year);
  return iso !== null && iso >= from && iso <= to ? today : '';
}

/** True when a typed dd/mm/yyyy date lies in the range a decision on `year` may carry. */
export function isDecisionDateOfYear(text: string, year: number): boolean {
  const iso = parseVnDate(text);
  const { from, to } = decisionDateRange(year);
  return iso !== null && iso >= from && iso <= to;
}
