import { sampleLine } from '../testing/sample.js';
import { BUDGET_LINE_FIELDS, BUDGET_LINE_HEADER, decidedAmount, lineRecords, PHASES, phaseAmounts } from './budget-lines.js';

describe('the published phases of a line', () => {
  it('a line never adjusted: proposed (the request) and approved (the decision)', () => {
    expect(phaseAmounts(sampleLine())).toEqual([
      { phase: 'proposed', amount: 60_000_000n },
      { phase: 'approved', amount: 45_000_000n },
    ]);
  });

  it('an adjusted line: approved keeps the decided figure, adjusted carries the figure now', () => {
    // Decided 45,000,000; adjusted to 40,000,000, then to 42,000,000: net −3,000,000.
    const line = sampleLine({ approvedNow: 42_000_000n, adjustmentCount: 2, adjustmentNet: -3_000_000n });
    expect(decidedAmount(line)).toBe(45_000_000n);
    expect(phaseAmounts(line)).toEqual([
      { phase: 'proposed', amount: 60_000_000n },
      { phase: 'approved', amount: 45_000_000n },
      { phase: 'adjusted', amount: 42_000_000n },
    ]);
  });

  it('an adjustment that came back to the decided figure is still published as adjusted', () => {
    const line = sampleLine({ adjustmentCount: 2, adjustmentNet: 0n });
    expect(phaseAmounts(line).map((p) => p.phase)).toEqual(['proposed', 'approved', 'adjusted']);
  });

  it('a line without an approved amount publishes its request only', () => {
    expect(phaseAmounts(sampleLine({ approvedNow: null }))).toEqual([{ phase: 'proposed', amount: 60_000_000n }]);
  });

  it('a line with an accepted progress report also publishes what was executed', () => {
    expect(phaseAmounts(sampleLine({ executed: 30_000_000n }))).toEqual([
      { phase: 'proposed', amount: 60_000_000n },
      { phase: 'approved', amount: 45_000_000n },
      { phase: 'executed', amount: 30_000_000n },
    ]);
  });

  it('publishes the decided figure kept on the line, and refuses adjustments that do not lead from it to the amount now', () => {
    expect(decidedAmount(sampleLine({ approvedNow: 42_000_000n, decided: 45_000_000n, adjustmentCount: 1, adjustmentNet: -3_000_000n }))).toBe(45_000_000n);
    expect(() => decidedAmount(sampleLine({ approvedNow: 1n, decided: 0n, adjustmentCount: 1, adjustmentNet: 2n }))).toThrow(/do not lead/);
    expect(() => decidedAmount(sampleLine({ approvedNow: 1n, decided: 5n }))).toThrow(/do not lead/);
    expect(decidedAmount(sampleLine({ approvedNow: null, decided: null }))).toBeNull();
  });

  it('is exact beyond 2^53', () => {
    const line = sampleLine({ requested: 999_999_999_999_999_999n, approvedNow: 900_000_000_000_000_001n, adjustmentCount: 1, adjustmentNet: 1n });
    expect(lineRecords(2013, line).map((r) => r[r.length - 1])).toEqual(['999999999999999999', '900000000000000000', '900000000000000001']);
  });
});

describe('the CSV records of a line', () => {
  it('have one value per field of the schema, in order, amounts as plain digits', () => {
    const records = lineRecords(2013, sampleLine({ approvedNow: 40_000_000n, adjustmentCount: 1, adjustmentNet: -5_000_000n }));
    expect(records).toHaveLength(3);
    for (const record of records) expect(record).toHaveLength(BUDGET_LINE_HEADER.length);
    const byName = (record: string[]) => Object.fromEntries(BUDGET_LINE_HEADER.map((name, i) => [name, record[i]]));
    expect(records.map(byName)).toEqual([
      expect.objectContaining({ fiscal_year: '2013', phase: 'proposed', unit_code: 'BN-H-YENPHONG', plan_area_code: '1.f', amount: '60000000' }),
      expect.objectContaining({ phase: 'approved', expenditure_type_code: 'RECURRENT', funding_source_code: 'DISTRICT', amount: '45000000' }),
      expect.objectContaining({ phase: 'adjusted', activity_kind_code: 'SERVICE_RENTAL', description: 'Thuê đường truyền, "gói 12 tháng", kết nối WAN', amount: '40000000' }),
    ]);
  });

  it('carry no field that could hold a person or their words', () => {
    expect(BUDGET_LINE_HEADER.join(' ')).not.toMatch(/user|actor|name_of|comment|note|justification|reason|by$/i);
    expect(BUDGET_LINE_FIELDS.find((f) => f.name === 'phase')?.enum).toEqual(PHASES);
  });
});
