import type { CatalogCodes } from '../../catalog/catalog-codes.js';
import { codeProblems, computeAmount } from './line-rules.js';
import { estimateTotals } from './totals.js';

const codes: CatalogCodes = {
  planAreas: new Set(['1.a', '2.1.b']),
  fundingSources: new Set(['PROVINCIAL', 'DISTRICT']),
  expenditureTypes: new Set(['RECURRENT', 'INVESTMENT']),
  activityKinds: new Set(['PROJECT']),
};

describe('codeProblems', () => {
  it('accepts known codes', () => {
    expect(
      codeProblems({ planAreaCode: '1.a', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'DISTRICT', activityKindCode: 'PROJECT' }, codes),
    ).toEqual([]);
  });

  it('names every unknown code field', () => {
    const problems = codeProblems(
      { planAreaCode: '9.z', expenditureTypeCode: 'RECURRENT', fundingSourceCode: 'MOON', activityKindCode: 'PROJECT' },
      codes,
    );
    expect(problems.map((p) => p.field)).toEqual(['planAreaCode', 'fundingSourceCode']);
    expect(problems[0]?.message).toContain('"9.z"');
  });
});

describe('computeAmount', () => {
  it('computes quantity × unit price half-up', () => {
    expect(computeAmount({ quantity: '2.5', unitPrice: 3n, committedMinimum: 0n })).toEqual({ ok: true, amount: 8n });
  });

  it('accepts a stated amount that agrees', () => {
    expect(computeAmount({ quantity: '25', unitPrice: 12000000n, committedMinimum: 0n, statedAmount: 300000000n })).toEqual({
      ok: true,
      amount: 300000000n,
    });
  });

  it('rejects a stated amount that disagrees', () => {
    const result = computeAmount({ quantity: '25', unitPrice: 12000000n, committedMinimum: 0n, statedAmount: 300000001n });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual(['AMOUNT_MISMATCH']);
  });

  it('rejects a minimum above the amount', () => {
    const result = computeAmount({ quantity: '1', unitPrice: 100n, committedMinimum: 101n });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.field).toBe('committedMinimum');
  });

  it('rejects a product at or above 10^18', () => {
    const result = computeAmount({ quantity: '10', unitPrice: 100000000000000000n, committedMinimum: 0n });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.code).toBe('AMOUNT_TOO_LARGE');
  });

  it('says the too-large amount in words an official reads: Vietnamese field name, grouped figure, the limit in figures', () => {
    const result = computeAmount({ quantity: '7', unitPrice: 999999999999999999n, committedMinimum: 0n });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.problems[0]?.message ?? '';
    expect(message.startsWith('thành tiền = số lượng × đơn giá = 6.999.999.999.999.999.993 đồng, vượt giới hạn')).toBe(true);
    expect(message).toContain('(1.000.000.000.000.000.000 đồng) / amount');
    expect(message).toContain('6,999,999,999,999,999,993 đồng');
    expect(message).not.toContain('10^18');
  });
});

describe('estimateTotals', () => {
  it('totals by each dimension, and each dimension sums to the grand total', () => {
    const lines = [
      { amount: 900719925474099300n, planAreaCode: '1.a', fundingSourceCode: 'DISTRICT', expenditureTypeCode: 'INVESTMENT' },
      { amount: 7n, planAreaCode: '2.1.b', fundingSourceCode: 'PROVINCIAL', expenditureTypeCode: 'RECURRENT' },
      { amount: 5n, planAreaCode: '1.a', fundingSourceCode: 'PROVINCIAL', expenditureTypeCode: 'RECURRENT' },
    ];
    const totals = estimateTotals(lines);
    expect(totals.total).toBe(900719925474099312n);
    expect(totals.byPlanArea).toEqual([
      { code: '1.a', amount: 900719925474099305n },
      { code: '2.1.b', amount: 7n },
    ]);
    expect(totals.byFundingSource).toEqual([
      { code: 'DISTRICT', amount: 900719925474099300n },
      { code: 'PROVINCIAL', amount: 12n },
    ]);
    for (const dimension of [totals.byPlanArea, totals.byFundingSource, totals.byExpenditureType]) {
      expect(dimension.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(totals.total);
    }
  });
});
