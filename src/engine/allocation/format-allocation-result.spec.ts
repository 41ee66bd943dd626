import { allocate } from './allocate.js';
import { explainAllocation, formatAllocationResult, formatFraction } from './format-allocation-result.js';

// Σ minimum 150, rest 850; tier 1 met (500), rest 350 shared by tier 2 (N = 900) in units of 10:
// B 1750/9 = 194 4/9 → 190, C 1400/9 = 155 5/9 → 150, leftover 10 → C. D (tier 3) keeps 50.
const result = allocate({
  ceiling: 1000n,
  unit: 10n,
  lines: [
    { id: 'A', requested: 600n, minimum: 100n, tier: 1 },
    { id: 'B', requested: 500n, tier: 2 },
    { id: 'C', requested: 400n, tier: 2 },
    { id: 'D', requested: 300n, minimum: 50n, tier: 3 },
  ],
});

describe('formatAllocationResult', () => {
  it('produces the contract shape with digit strings, lines in input order', () => {
    expect(formatAllocationResult(result)).toEqual({
      allocations: [
        { id: 'A', allocated: '600' },
        { id: 'B', allocated: '190' },
        { id: 'C', allocated: '160' },
        { id: 'D', allocated: '50' },
      ],
      allocated: '1000',
      unallocated: '0',
      partialTier: 2,
    });
  });
});

describe('explainAllocation', () => {
  const explanation = explainAllocation(result);

  it('says which rule gave each line what', () => {
    expect(explanation.lines.map((line) => [line.id, line.steps])).toEqual([
      ['A', [{ rule: 'minimum', amount: '100' }, { rule: 'full-request', amount: '500' }]],
      ['B', [{ rule: 'minimum', amount: '0' }, { rule: 'partial-share-floor', amount: '190' }]],
      [
        'C',
        [
          { rule: 'minimum', amount: '0' },
          { rule: 'partial-share-floor', amount: '150' },
          { rule: 'largest-remainder-unit', amount: '10' },
        ],
      ],
      ['D', [{ rule: 'minimum', amount: '50' }]],
    ]);
  });

  it('gives the exact share as a reduced fraction and the remainder that ranked the line', () => {
    expect(explanation.lines[1]).toMatchObject({ exactShare: '1750/9', remainderOfUnit: '4/9', rounding: 'outranked' });
    expect(explanation.lines[2]).toMatchObject({ exactShare: '1400/9', remainderOfUnit: '5/9', rounding: 'unit-added' });
    expect(explanation.lines[0].exactShare).toBeUndefined();
  });

  it('writes a sentence per line for people, Vietnamese first', () => {
    expect(explanation.lines.map((line) => line.summary)).toEqual([
      'mức tối thiểu 100 + 500 cho đủ đề nghị, vì nhóm ưu tiên 1 được đáp ứng đủ = 600 / minimum 100 + 500 to its full request, as tier 1 fitted = 600',
      'mức tối thiểu 0 + phần chia 350 × 500 ÷ 900 = 194 + 4/9, làm tròn xuống bội số của 10: 190 (không thêm đơn vị: phần dư 4/9 đơn vị xếp sau các đơn vị còn lại) = 190 / ' +
        'minimum 0 + share 350 × 500 ÷ 900 = 194 + 4/9, floored to units of 10: 190 (no extra unit: its remainder of 4/9 unit ranked after the units left) = 190',
      'mức tối thiểu 0 + phần chia 350 × 400 ÷ 900 = 155 + 5/9, làm tròn xuống bội số của 10: 150 + một đơn vị 10 cho phần dư 5/9 đơn vị = 160 / ' +
        'minimum 0 + share 350 × 400 ÷ 900 = 155 + 5/9, floored to units of 10: 150 + one unit 10 for its remainder of 5/9 unit = 160',
      'chỉ mức tối thiểu 50: nhóm ưu tiên 3 đứng sau nhóm được chia một phần (2) / minimum 50 only: tier 3 comes after the partial tier 2',
    ]);
  });

  it('summarises the tiers and the partial tier', () => {
    expect(explanation.tiers).toEqual([
      { tier: 1, lineCount: 1, need: '500', restBefore: '850', outcome: 'met' },
      { tier: 2, lineCount: 2, need: '900', restBefore: '350', outcome: 'partial' },
      { tier: 3, lineCount: 1, need: '250', restBefore: '0', outcome: 'minimum-only' },
    ]);
    expect(explanation.partial).toMatchObject({ tier: 2, rest: '350', need: '900', floorTotal: '340', leftover: '10', unitsAdded: '1' });
  });

  it('explains a line capped by its request', () => {
    const capped = explainAllocation(allocate({ ceiling: 100n, unit: 10n, lines: [{ id: 'A', requested: 19n }, { id: 'B', requested: 100n }] }));
    expect(capped.lines[0].rounding).toBe('capped-by-request');
    expect(capped.lines[0].summary).toContain('no extra unit: it would exceed the request');
  });
});

describe('formatFraction', () => {
  it('reduces, and writes whole numbers plainly', () => {
    expect(formatFraction(6n, 4n)).toBe('3/2');
    expect(formatFraction(8n, 4n)).toBe('2');
    expect(formatFraction(0n, 7n)).toBe('0');
  });
});
