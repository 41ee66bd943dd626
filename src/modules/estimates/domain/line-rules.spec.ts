import { fundedBefore, multiYearProblems } from './line-rules.js';

describe('a line’s multi-year total', () => {
  const line = { multiYearTotal: 3_200_000_000n, fundedToPrev2: 400_000_000n, prevYearEstimate: 1_200_000_000n, prevYearExpected: 1_150_000_000n };

  it('counts what earlier years funded: up to N-2 plus N-1’s expected execution (else its assigned estimate)', () => {
    expect(fundedBefore(line)).toBe(1_550_000_000n);
    expect(fundedBefore({ ...line, prevYearExpected: null })).toBe(1_600_000_000n);
    expect(fundedBefore({ multiYearTotal: null, fundedToPrev2: null, prevYearEstimate: null, prevYearExpected: null })).toBe(0n);
  });

  it('takes a total at or above it, and a line without a total', () => {
    expect(multiYearProblems(line)).toEqual([]);
    expect(multiYearProblems({ ...line, multiYearTotal: 1_550_000_000n })).toEqual([]);
    expect(multiYearProblems({ ...line, multiYearTotal: null })).toEqual([]);
  });

  it('refuses a total below it, naming the field and both amounts grouped', () => {
    expect(multiYearProblems({ ...line, multiYearTotal: 1_000_000_000n })).toEqual([
      {
        field: 'multiYearTotal',
        code: 'MULTI_YEAR_TOTAL_BELOW_FUNDED',
        message:
          'multiYearTotal: tổng mức dự toán 1.000.000.000 đồng nhỏ hơn số các năm trước đã bố trí 1.550.000.000 đồng (lũy kế đến năm N-2 cộng năm N-1)' +
          ' / the multi-year total 1,000,000,000 đồng is below what earlier years funded, 1,550,000,000 đồng (up to N-2 plus N-1)',
      },
    ]);
  });
});
