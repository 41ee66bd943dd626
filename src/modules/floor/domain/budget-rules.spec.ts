import { BUDGET_RULES, checkRules, citation, floorRequirement, floorRule, periodFor, requiredKind, type RuleLine, rulesInForce, type YearPicture } from './budget-rules.js';

const line = (overrides: Partial<RuleLine>): RuleLine => ({
  lineId: 'L',
  estimateId: 'E',
  unitCode: 'U',
  activityKindCode: 'TASK_SIMPLE',
  expenditureTypeCode: 'RECURRENT',
  contingency: null,
  multiYearTotal: null,
  amount: 1_000n,
  approvedAmount: null,
  fundingSourceCode: 'PROVINCIAL',
  ...overrides,
});
const picture = (year: number, lines: RuleLine[], settings: Partial<YearPicture['settings']> = {}): YearPicture => ({
  year,
  settings: { totalLocalExpenditure: 1n, floorRatio: '0.01', floorSources: ['PROVINCIAL'], floorPolicy: 'STOP', ...settings },
  lines,
  // The kept totals of a picture are its lines' sums: here, the lines themselves.
  sourceTotals: lines,
  districts: [],
});
const thresholds = (year: number, lines: RuleLine[]) => checkRules(picture(year, lines)).find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!;

describe('the rules registry by year', () => {
  it('gives every rule periods that do not overlap, each with a source document and parameters', () => {
    for (const rule of BUDGET_RULES) {
      expect(rule.periods.length).toBeGreaterThan(0);
      const sorted = [...rule.periods].sort((a, b) => a.fromYear - b.fromYear);
      sorted.forEach((period, i) => {
        expect(period.source.document.length).toBeGreaterThan(0);
        if (period.toYear !== null) expect(period.toYear).toBeGreaterThanOrEqual(period.fromYear);
        const next = sorted[i + 1];
        if (next) expect(period.toYear !== null && period.toYear < next.fromYear).toBe(true);
      });
    }
  });

  it('answers different rules for 2012 and 2021, as the law changed', () => {
    const y2012 = rulesInForce(2012);
    const y2021 = rulesInForce(2021);
    expect(y2012.map((r) => r.code)).toEqual(['IT_FLOOR', 'DISTRICT_IT_LINE', 'PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);
    expect(y2021.map((r) => r.code)).toEqual(['PROJECT_CONTINGENCY', 'RECURRENT_IT_THRESHOLDS']);
    expect(y2012.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')?.source.document).toBe('Nghị định 102/2009/NĐ-CP');
    expect(citation(y2021.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!.source)).toBe('Nghị định 73/2019/NĐ-CP, Điều 51');
    // The decrees' switch: 2019 is the last year of 102/2009, 2020 the first of 73/2019.
    const rule = BUDGET_RULES.find((r) => r.code === 'RECURRENT_IT_THRESHOLDS')!;
    expect(periodFor(rule, 2019)?.source.document).toBe('Nghị định 102/2009/NĐ-CP');
    expect(periodFor(rule, 2020)?.source.document).toBe('Nghị định 73/2019/NĐ-CP');
    expect(periodFor(rule, 2009)).toBeNull();
  });

  it('reports only the rules in force, each with the period it was checked under', () => {
    const results = checkRules(picture(2021, [], { floorRatio: '0', floorPolicy: 'WARN' }));
    expect(results.map((r) => [r.code, r.period.fromYear])).toEqual([
      ['PROJECT_CONTINGENCY', 2011],
      ['RECURRENT_IT_THRESHOLDS', 2020],
    ]);
  });
});

describe('the floor outside the plan rule’s years (2011–2015)', () => {
  it('is the plan’s rule inside its years, whatever the ratio DOF set', () => {
    expect(floorRequirement(2013, { floorRatio: '0.01' })).toMatchObject({ required: true, basis: 'PLAN_RULE', source: 'Quyết định 14/2011/QĐ-UBND tỉnh Bắc Ninh (Kế hoạch ứng dụng CNTT 2011–2015), mục IV.2' });
    expect(floorRequirement(2015, { floorRatio: '0' })).toMatchObject({ required: true, basis: 'PLAN_RULE' });
    expect(checkRules(picture(2013, [])).find((r) => r.code === 'IT_FLOOR')?.period.fromYear).toBe(2011);
  });

  it('is no requirement in a year outside them with no ratio set, and says why', () => {
    for (const year of [2010, 2016, 2021]) {
      const requirement = floorRequirement(year, { floorRatio: '0.000000' });
      expect(requirement).toMatchObject({ required: false, basis: 'NONE', source: null });
      expect(requirement.message).toMatch(new RegExp(`^Năm ${year} ngoài kỳ của quy định mức sàn \\(Quyết định 14/2011/QĐ-UBND.*, 2011–2015\\).*: không có yêu cầu mức sàn / ${year} is outside`));
      expect(checkRules(picture(year, [], { floorRatio: '0' })).map((r) => r.code)).not.toContain('IT_FLOOR');
      expect(rulesInForce(year, undefined, picture(year, [], { floorRatio: '0' }).settings).map((r) => r.code)).not.toContain('IT_FLOOR');
    }
  });

  it('is the ratio DOF set for such a year, checked under the year’s policy like the plan’s floor', () => {
    expect(floorRequirement(2016, { floorRatio: '0.015' })).toMatchObject({ required: true, basis: 'YEAR_SETTING', source: null });
    // Total 1 000 đồng, ratio 1%: a floor of 10 đồng, and no line: short, blocking under STOP.
    const stop = checkRules(picture(2016, [], { totalLocalExpenditure: 1_000n })).find((r) => r.code === 'IT_FLOOR')!;
    expect(stop).toMatchObject({ passed: false, severity: 'BLOCKING', period: { fromYear: 2016, toYear: 2016, policy: 'YEAR_SETTING', parameters: { floorRatio: '0.01' } } });
    expect(stop.period.source.document).toContain('Sở Tài chính');
    const warn = checkRules(picture(2016, [], { totalLocalExpenditure: 1_000n, floorPolicy: 'WARN' }), [floorRule]);
    expect(warn.map((r) => [r.code, r.passed, r.severity])).toEqual([['IT_FLOOR', false, 'WARNING']]);
  });
});

describe('the recurrent-IT thresholds', () => {
  it('sizes by the total: ≤ 200 million simple, ≤ 15 billion outline and detailed estimate, above a project', () => {
    expect(requiredKind(200_000_000n, 200_000_000n, 15_000_000_000n)).toBe('TASK_SIMPLE');
    expect(requiredKind(200_000_001n, 200_000_000n, 15_000_000_000n)).toBe('TASK_DETAILED');
    expect(requiredKind(15_000_000_000n, 200_000_000n, 15_000_000_000n)).toBe('TASK_DETAILED');
    expect(requiredKind(15_000_000_001n, 200_000_000n, 15_000_000_000n)).toBe('PROJECT');
  });

  it('flags a recurrent line lighter than its total requires, by its multi-year total when it has one', () => {
    const result = thresholds(2021, [
      line({ lineId: 'simple-ok', amount: 200_000_000n }),
      line({ lineId: 'simple-over', amount: 200_000_001n }),
      line({ lineId: 'detailed-ok', activityKindCode: 'TASK_DETAILED', amount: 15_000_000_000n }),
      line({ lineId: 'detailed-over-multi-year', activityKindCode: 'TASK_DETAILED', amount: 1_000n, multiYearTotal: 15_000_000_001n }),
      line({ lineId: 'heavier-is-fine', activityKindCode: 'PROJECT', amount: 1_000n }),
      line({ lineId: 'rental', activityKindCode: 'SERVICE_RENTAL', amount: 90_000_000_000n }),
      line({ lineId: 'investment', expenditureTypeCode: 'INVESTMENT', amount: 90_000_000_000n }),
    ]);
    expect(result).toMatchObject({ passed: false, severity: 'WARNING' });
    expect(result.violations.map((v) => v.subject)).toEqual(['simple-over', 'detailed-over-multi-year']);
    expect(result.violations[0].message).toContain('(Nghị định 73/2019/NĐ-CP, Điều 51) /');
    expect(result.violations[1].message).toContain('dự án đầu tư');
  });

  it('cites the decree of the year', () => {
    const result = thresholds(2012, [line({ amount: 300_000_000n })]);
    expect(result.violations[0].message).toContain('Nghị định 102/2009/NĐ-CP');
    expect(result.period.parameters).toEqual({ simpleMax: '200000000', projectAbove: '15000000000' });
  });
});
