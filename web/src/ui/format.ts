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
