// Money in the browser: whole đồng as digit strings, arithmetic in BigInt, never a JS number
// (DESIGN.md section 2). The same half-up rule as the server's lineAmount (src/common/money/vnd.ts).

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const grouped = new Intl.NumberFormat('vi-VN');

/** `"1250000000"` → `1.250.000.000 ₫` (the space before ₫ is U+00A0). Empty or null → `—`. */
export function formatVnd(amount: string | bigint | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return vnd.format(typeof amount === 'bigint' ? amount : BigInt(amount));
}

/** Digits grouped with dots, no currency sign: `1250000000` → `1.250.000.000`. */
export function groupDigits(amount: string | bigint): string {
  return grouped.format(typeof amount === 'bigint' ? amount : BigInt(amount));
}

/** True for a string the API accepts as an amount: digits only, below 10^18. */
export function isVnd(value: string): boolean {
  return /^\d{1,18}$/.test(value);
}

/** True for a quantity the API accepts: a decimal with at most 4 places. */
export function isQuantity(value: string): boolean {
  return /^\d{1,14}(\.\d{1,4})?$/.test(value);
}

const SCALE = 10_000n;

/**
 * quantity × unit price rounded half-up to the đồng, exactly as the server computes a line's amount.
 * `quantity` is a decimal string with up to 4 places, `unitPrice` a digit string; returns a digit
 * string, or null when either is not valid yet (while the officer is typing).
 */
export function lineAmount(quantity: string, unitPrice: string): string | null {
  if (!isQuantity(quantity) || !isVnd(unitPrice)) return null;
  const [whole, fraction = ''] = quantity.split('.');
  const scaled = BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0'));
  const product = scaled * BigInt(unitPrice);
  return ((product + SCALE / 2n) / SCALE).toString();
}

/** Σ of digit strings, as a digit string. */
export function sumVnd(amounts: Iterable<string | null | undefined>): string {
  let total = 0n;
  for (const amount of amounts) if (amount) total += BigInt(amount);
  return total.toString();
}
