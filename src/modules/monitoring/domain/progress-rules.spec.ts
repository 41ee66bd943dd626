import { executionPercent, executionTotal } from './execution.js';
import { defaultDueDate, disbursementProblems, figureProblems, isPastDue, PROGRESS_CYCLE } from './progress-rules.js';

describe('the progress report cycle', () => {
  it('goes DRAFT → SUBMITTED → ACCEPTED | RETURNED → SUBMITTED, and ACCEPTED is final', () => {
    expect(PROGRESS_CYCLE.submit).toEqual({ from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' });
    expect(PROGRESS_CYCLE.accept).toEqual({ from: ['SUBMITTED'], to: 'ACCEPTED' });
    expect(PROGRESS_CYCLE.return).toEqual({ from: ['SUBMITTED'], to: 'RETURNED' });
    expect(Object.values(PROGRESS_CYCLE).some((rule) => rule.from.includes('ACCEPTED'))).toBe(false);
  });

  it('is due 30 days after the half-year ends: 30 July, then 30 January of the next year', () => {
    expect(defaultDueDate(2012, 1)).toBe('2012-07-30');
    expect(defaultDueDate(2012, 2)).toBe('2013-01-30');
    expect(isPastDue('2012-07-30', '2012-07-30')).toBe(false);
    expect(isPastDue('2012-07-31', '2012-07-30')).toBe(true);
  });
});

describe('figures', () => {
  const ratio = { aggregation: 'RATIO_OF_SUMS' as const, numeratorCapped: true };
  const share = { aggregation: 'SHARE_OF_UNITS' as const, numeratorCapped: false };

  it('a ratio needs both numbers, the numerator within the denominator when capped', () => {
    expect(figureProblems(ratio, { numerator: 90n, denominator: 100n })).toEqual([]);
    expect(figureProblems(ratio, { numerator: 101n, denominator: 100n }).map((p) => p.code)).toEqual(['NUMERATOR_ABOVE_DENOMINATOR']);
    expect(figureProblems({ ...ratio, numeratorCapped: false }, { numerator: 130n, denominator: 100n })).toEqual([]);
    expect(figureProblems(ratio, { numerator: 1n }).map((p) => [p.column, p.code])).toEqual([['denominator', 'REQUIRED']]);
    expect(figureProblems(ratio, { numerator: 1n, denominator: 2n, achieved: true }).map((p) => p.code)).toEqual(['NOT_APPLICABLE']);
    expect(figureProblems({ ...ratio, numeratorCapped: false }, { numerator: 3n, denominator: 0n }).map((p) => p.code)).toEqual(['ZERO_DENOMINATOR']);
  });

  it('a share needs yes or no, and nothing else', () => {
    expect(figureProblems(share, { achieved: false })).toEqual([]);
    expect(figureProblems(share, {}).map((p) => p.code)).toEqual(['REQUIRED']);
    expect(figureProblems(share, { achieved: true, numerator: 1n }).map((p) => [p.column, p.code])).toEqual([['numerator', 'NOT_APPLICABLE']]);
  });

  it('a province value is not reported by units', () => {
    expect(figureProblems({ aggregation: 'PROVINCE_VALUE', numeratorCapped: false }, {}).map((p) => p.code)).toEqual(['PROVINCE_TARGET']);
  });

  it('disbursed above the approved amount needs a reason', () => {
    expect(disbursementProblems(100n, 100n, null)).toEqual([]);
    expect(disbursementProblems(100n, 101n, null).map((p) => p.code)).toEqual(['DISBURSED_ABOVE_APPROVED']);
    expect(disbursementProblems(100n, 101n, '   ').map((p) => p.code)).toEqual(['DISBURSED_ABOVE_APPROVED']);
    expect(disbursementProblems(100n, 101n, 'Bổ sung theo QĐ 12')).toEqual([]);
  });
});

describe('execution', () => {
  it('is Σ disbursed ÷ Σ approved from exact sums, never an average of the units’ rates', () => {
    const rows = [
      { approved: 1_000_000_000n, disbursed: 900_000_000n }, // 90%
      { approved: 10_000_000n, disbursed: 1_000_000n }, // 10%
    ];
    expect(rows.map((r) => executionPercent(r.disbursed, r.approved))).toEqual(['90', '10']);
    expect(executionTotal(rows)).toEqual({ approved: 1_010_000_000n, disbursed: 901_000_000n, percent: '89.21' });
    expect(executionPercent(1n, 0n)).toBeNull();
  });

  it('stays exact past 2^53', () => {
    const big = { approved: 999_999_999_999_999_999n, disbursed: 333_333_333_333_333_333n };
    expect(executionTotal([big, big])).toEqual({ approved: 1_999_999_999_999_999_998n, disbursed: 666_666_666_666_666_666n, percent: '33.33' });
  });
});
