import { Fraction } from './fraction.js';

describe('Fraction', () => {
  it('reduces and keeps the denominator positive', () => {
    const f = new Fraction(10n, -4n);
    expect([f.num, f.den]).toEqual([-5n, 2n]);
    expect(new Fraction(0n, 7n).den).toBe(1n);
    expect(() => new Fraction(1n, 0n)).toThrow(RangeError);
  });

  it('reads decimal strings exactly', () => {
    expect(Fraction.fromDecimal('82.5').compare(new Fraction(165n, 2n))).toBe(0);
    expect(Fraction.fromDecimal('0.000001').compare(new Fraction(1n, 1_000_000n))).toBe(0);
    expect(Fraction.fromDecimal('100').toDecimal()).toBe('100');
    expect(() => Fraction.fromDecimal('-1')).toThrow(RangeError);
    expect(() => Fraction.fromDecimal('1e3')).toThrow(RangeError);
  });

  it('rounds half away from zero only when shown, without trailing zeros', () => {
    expect(new Fraction(9100n, 110n).toDecimal(4)).toBe('82.7273');
    expect(new Fraction(1n, 8n).toDecimal(2)).toBe('0.13');
    expect(new Fraction(-1n, 8n).toDecimal(2)).toBe('-0.13');
    expect(new Fraction(1n, 3n).toDecimal(0)).toBe('0');
    expect(new Fraction(-1n, 1000n).toDecimal(2)).toBe('0');
    expect(new Fraction(5n, 2n).toDecimal(4)).toBe('2.5');
    expect(new Fraction(123456789012345678901234567890n, 1n).toDecimal(2)).toBe('123456789012345678901234567890');
  });

  it('compares and subtracts exactly, where floating point would not', () => {
    // 0.1 + 0.2 = 0.3 exactly.
    expect(Fraction.fromDecimal('0.1').plus(Fraction.fromDecimal('0.2')).compare(Fraction.fromDecimal('0.3'))).toBe(0);
    // 2/3 × 100 is below 66.6667 and above 66.6666.
    const twoThirds = Fraction.ratio(2n, 3n, 100n)!;
    expect(twoThirds.compare(Fraction.fromDecimal('66.6667'))).toBe(-1);
    expect(twoThirds.compare(Fraction.fromDecimal('66.6666'))).toBe(1);
    expect(Fraction.fromDecimal('100').minus(twoThirds).toDecimal(4)).toBe('33.3333');
    expect(Fraction.ratio(1n, 0n)).toBeNull();
  });
});
