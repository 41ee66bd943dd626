// The one money helper: Vietnamese đồng as whole numbers. Amounts travel as digit strings,
// live in code as bigint, and are numeric(20,0) in PostgreSQL. No JavaScript number ever holds money.
import { Decimal } from 'decimal.js';

/** Exclusive upper bound of any amount: 10^18 đồng. */
export const VND_LIMIT = 10n ** 18n;
/** A digit string the API accepts as an amount: 1–18 digits, so always below 10^18. */
export const VND_PATTERN = /^[0-9]{1,18}$/;
/** A quantity: up to 14 integer digits and at most 4 decimals. */
export const QUANTITY_PATTERN = /^[0-9]{1,14}(\.[0-9]{1,4})?$/;

// Enough significant digits for 10^14 × 10^18 with 4 decimals, so products are exact before rounding.
const ExactDecimal = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

export class MoneyFormatError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: "${String(value)}" is not a whole, non-negative amount of đồng below 10^18`);
  }
}

export function isVnd(value: unknown): value is string {
  return typeof value === 'string' && VND_PATTERN.test(value);
}

/** Parses an amount given as a digit string; throws MoneyFormatError naming the field otherwise. */
export function parseVnd(value: unknown, field = 'amount'): bigint {
  if (!isVnd(value)) throw new MoneyFormatError(field, value);
  return BigInt(value);
}

export function formatVnd(amount: bigint): string {
  return amount.toString();
}

/**
 * An amount for a sentence an official reads: thousands grouped with `separator` ('.' Vietnamese,
 * ',' English). `1234567n` → `"1.234.567"`. Negative amounts keep their sign.
 */
export function groupDigits(amount: bigint, separator: '.' | ',' = '.'): string {
  return amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export function isQuantity(value: unknown): value is string {
  return typeof value === 'string' && QUANTITY_PATTERN.test(value);
}

/** quantity × unit price, rounded half-up to the đồng (quantities are never negative). */
export function lineAmount(quantity: string, unitPrice: bigint): bigint {
  const product = new ExactDecimal(quantity).times(unitPrice.toString());
  return BigInt(product.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

export function sumVnd(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

export function isWithinLimit(amount: bigint): boolean {
  return amount >= 0n && amount < VND_LIMIT;
}

/** Normalises a decimal string as PostgreSQL numeric(p,s) returns it ("2.5000" → "2.5"). */
export function normaliseDecimal(value: string): string {
  return new ExactDecimal(value).toFixed();
}

/** Totals of amounts grouped by a key, in first-seen order, kept exact. */
export function totalsBy<T>(items: Iterable<T>, key: (item: T) => string, amount: (item: T) => bigint): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const item of items) {
    const k = key(item);
    totals.set(k, (totals.get(k) ?? 0n) + amount(item));
  }
  return totals;
}
