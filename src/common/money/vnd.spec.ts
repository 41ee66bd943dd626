import { lineAmount, MoneyFormatError, normaliseDecimal, parseVnd, sumVnd, totalsBy } from './vnd.js';

describe('parseVnd', () => {
  it.each(['0', '1', '1250000000', '999999999999999999'])('accepts the digit string %s', (value) => {
    expect(parseVnd(value).toString()).toBe(value);
  });

  it.each([
    ['negative', '-1'],
    ['fractional', '1.5'],
    ['exponent', '1e9'],
    ['empty', ''],
    ['oversized (10^18)', '1000000000000000000'],
    ['spaces', ' 12'],
    ['thousands separator', '1,000'],
  ])('rejects a %s amount and names the field', (_label, value) => {
    expect(() => parseVnd(value, 'unitPrice')).toThrow(MoneyFormatError);
    expect(() => parseVnd(value, 'unitPrice')).toThrow(/^unitPrice:/);
  });

  it('rejects a JavaScript number even when it is whole', () => {
    expect(() => parseVnd(12, 'ceiling')).toThrow(/ceiling/);
  });
});

describe('lineAmount', () => {
  it('multiplies exactly for large values', () => {
    expect(lineAmount('12345678901234', 99999999999n).toString()).toBe('1234567890111054321098766');
  });

  it('rounds half up to the đồng', () => {
    expect(lineAmount('0.5', 1n)).toBe(1n);
    expect(lineAmount('0.4999', 1n)).toBe(0n);
    expect(lineAmount('2.0001', 5000n)).toBe(10001n); // 10000.5 → 10001
    expect(lineAmount('1.0003', 5000n)).toBe(5002n); // 5001.5 → 5002
    expect(lineAmount('1.0001', 4999n)).toBe(4999n); // 4999.4999 → 4999
  });

  it('keeps whole quantities exact', () => {
    expect(lineAmount('25', 12000000n)).toBe(300000000n);
  });
});

describe('helpers', () => {
  it('sums exactly beyond 2^53', () => {
    expect(sumVnd([9007199254740993n, 1n, 999999999999999999n])).toBe(1009007199254740993n);
  });

  it('normalises numeric(18,4) quantities', () => {
    expect(normaliseDecimal('2.5000')).toBe('2.5');
    expect(normaliseDecimal('3.0000')).toBe('3');
  });

  it('groups totals by key in first-seen order', () => {
    const totals = totalsBy(
      [
        { k: 'b', v: 2n },
        { k: 'a', v: 1n },
        { k: 'b', v: 5n },
      ],
      (x) => x.k,
      (x) => x.v,
    );
    expect([...totals.entries()]).toEqual([
      ['b', 7n],
      ['a', 1n],
    ]);
  });
});
