import { checkRules, type RuleLine, type YearPicture } from './budget-rules.js';
import { floorAmount, floorFigures } from './floor.js';

describe('floorAmount', () => {
  it('is ceil(total × ratio) to the đồng', () => {
    expect(floorAmount(7_620_000_000_000n, '0.01')).toBe(76_200_000_000n);
    expect(floorAmount(101n, '0.01')).toBe(2n); // 1.01 → 2
    expect(floorAmount(100n, '0.01')).toBe(1n); // exact
    expect(floorAmount(3n, '0.333333')).toBe(1n); // 0.999999 → 1
    expect(floorAmount(999_999_999_999_999_999n, '1')).toBe(999_999_999_999_999_999n);
    expect(floorAmount(0n, '0.01')).toBe(0n);
  });
});

describe('floorFigures', () => {
  const settings = { totalLocalExpenditure: 100_000n, floorRatio: '0.01', floorSources: ['PROVINCIAL', 'DISTRICT'] };

  it('counts approved amounts of the floor sources only, and the requests beside them', () => {
    const figures = floorFigures(settings, [
      { amount: 600n, approvedAmount: 500n, fundingSourceCode: 'PROVINCIAL' },
      { amount: 300n, approvedAmount: null, fundingSourceCode: 'DISTRICT' },
      { amount: 9_000n, approvedAmount: 9_000n, fundingSourceCode: 'CENTRAL' },
    ]);
    expect(figures).toEqual({ floorAmount: 1_000n, itTotal: 500n, requestedTotal: 900n, compliant: false, shortfall: 500n });
  });

  it('is compliant at exactly the floor', () => {
    const figures = floorFigures(settings, [{ amount: 1_000n, approvedAmount: 1_000n, fundingSourceCode: 'DISTRICT' }]);
    expect(figures).toMatchObject({ compliant: true, shortfall: 0n });
  });

  it('cannot say without a total local expenditure', () => {
    expect(floorFigures({ ...settings, totalLocalExpenditure: null }, [])).toMatchObject({ floorAmount: null, compliant: null, shortfall: null });
  });
});

describe('checkRules', () => {
  const line = (overrides: Partial<RuleLine>): RuleLine => ({
    lineId: 'L',
    estimateId: 'E',
    unitCode: 'U',
    activityKindCode: 'PROJECT',
    expenditureTypeCode: 'INVESTMENT',
    contingency: null,
    multiYearTotal: null,
    amount: 1_000n,
    approvedAmount: 1_000n,
    fundingSourceCode: 'PROVINCIAL',
    ...overrides,
  });
  // The kept totals of a picture are its lines' sums: here, the lines themselves unless given.
  const picture = (overrides: Partial<YearPicture>): YearPicture => ({
    year: 2012,
    settings: { totalLocalExpenditure: 100_000n, floorRatio: '0.01', floorSources: ['PROVINCIAL'], floorPolicy: 'STOP' },
    lines: [line({})],
    districts: [{ unitCode: 'D1', unitName: 'Huyện 1', hasEstimate: true, ownItAmount: 5n }],
    ...overrides,
    sourceTotals: overrides.sourceTotals ?? overrides.lines ?? [line({})],
  });

  it('reports every rule, passing', () => {
    const results = checkRules(picture({}));
    expect(results.map((r) => [r.code, r.passed])).toEqual([
      ['IT_FLOOR', true],
      ['DISTRICT_IT_LINE', true],
      ['PROJECT_CONTINGENCY', true],
      ['RECURRENT_IT_THRESHOLDS', true],
    ]);
  });

  it('makes the floor blocking under STOP and a warning under WARN', () => {
    const short = picture({ lines: [line({ approvedAmount: 10n })] });
    expect(checkRules(short)[0]).toMatchObject({ passed: false, severity: 'BLOCKING', figures: { shortfall: '990' } });
    const warned = picture({ lines: [line({ approvedAmount: 10n })], settings: { ...short.settings, floorPolicy: 'WARN' } });
    expect(checkRules(warned)[0]).toMatchObject({ passed: false, severity: 'WARNING' });
    expect(checkRules(short)[0]?.message).toContain('990');
  });

  it('names districts without an estimate or own IT line', () => {
    const results = checkRules(
      picture({
        districts: [
          { unitCode: 'D1', unitName: 'Huyện 1', hasEstimate: false, ownItAmount: 0n },
          { unitCode: 'D2', unitName: 'Huyện 2', hasEstimate: true, ownItAmount: 0n },
          { unitCode: 'D3', unitName: 'Huyện 3', hasEstimate: true, ownItAmount: 1n },
        ],
      }),
    );
    expect(results[1]?.violations.map((v) => v.subject)).toEqual(['D1', 'D2']);
  });

  it('holds a project contingency to 10% of its cost, the multi-year total when there is one', () => {
    const results = checkRules(
      picture({
        lines: [
          line({ lineId: 'ok', contingency: 100n }), // 10% of 1,000
          line({ lineId: 'over', contingency: 101n }),
          line({ lineId: 'multi-year', contingency: 150n, multiYearTotal: 1_500n }),
          line({ lineId: 'not-a-project', activityKindCode: 'TASK_SIMPLE', contingency: 900n }),
        ],
      }),
    );
    expect(results[2]?.violations.map((v) => v.subject)).toEqual(['over']);
  });

  it("says a line finding with the unit's name, the line's number and grouped amounts, never a code", () => {
    const results = checkRules(
      picture({
        lines: [line({ lineId: 'over', unitCode: 'BN-H-X', unitName: 'UBND huyện X', unitNameEn: 'X district', lineNo: 3, amount: 1_000_000n, contingency: 150_000n })],
      }),
    );
    expect(results[2]?.violations[0]?.message).toBe(
      'UBND huyện X, dòng 3: dự phòng 150.000 đồng vượt 10% chi phí 1.000.000 đồng / X district, line 3: a contingency of 150.000 đồng is above 10% of the cost of 1.000.000 đồng',
    );
  });

  it("groups the floor's amounts in its message", () => {
    const met = checkRules(picture({ settings: { totalLocalExpenditure: 100_000_000n, floorRatio: '0.01', floorSources: ['PROVINCIAL'], floorPolicy: 'STOP' }, lines: [line({ amount: 2_000_000n, approvedAmount: 2_000_000n })] }));
    expect(met[0]?.message).toBe('Chi CNTT 2.000.000 đồng đạt mức sàn 1.000.000 đồng / IT spending of 2.000.000 đồng meets the floor of 1.000.000 đồng');
  });
});
