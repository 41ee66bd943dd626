// Exact rational numbers on bigint, for indicator values and execution rates: Σ numerator / Σ
// denominator is kept as a fraction, compared with the target exactly, and rounded only when shown.
// Plain TypeScript.

const DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export class Fraction {
  /** Always reduced, with a positive denominator. */
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den: bigint = 1n) {
    if (den === 0n) throw new RangeError('Fraction with a zero denominator');
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    this.num = (sign * num) / g;
    this.den = (sign * den) / g;
  }

  /** A non-negative decimal string ("12", "0.6", "82.5"). */
  static fromDecimal(text: string): Fraction {
    const match = DECIMAL.exec(text.trim());
    if (!match) throw new RangeError(`not a non-negative decimal: "${text}"`);
    const decimals = match[2] ?? '';
    return new Fraction(BigInt(match[1] + decimals), 10n ** BigInt(decimals.length));
  }

  /** scale × numerator / denominator; null when the denominator is 0. */
  static ratio(numerator: bigint, denominator: bigint, scale: bigint = 1n): Fraction | null {
    return denominator === 0n ? null : new Fraction(scale * numerator, denominator);
  }

  plus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  /** -1, 0 or 1. */
  compare(other: Fraction): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * The value rounded half away from zero to `places` decimals, without trailing zeros
   * (91/110 × 100 at 4 places is "82.7273"; 100 is "100"; -1/8 at 2 places is "-0.13").
   */
  toDecimal(places = 4): string {
    const factor = 10n ** BigInt(places);
    const scaled = abs(this.num) * factor;
    let q = scaled / this.den;
    if ((scaled % this.den) * 2n >= this.den) q += 1n;
    const negative = this.num < 0n && q !== 0n;
    const digits = q.toString().padStart(places + 1, '0');
    const whole = digits.slice(0, digits.length - places);
    const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }
}
