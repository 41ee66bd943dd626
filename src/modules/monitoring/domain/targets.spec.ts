import { Fraction } from './fraction.js';
import { aggregateTarget, assess, furthestUnits, halvesUpTo, type PopulationUnit, shown, type TargetRule, type UnitFigure } from './targets.js';

const unit = (id: string, kind: string): PopulationUnit => ({ id, code: `U-${id}`, name: `Unit ${id}`, kind });
const ratio = (unitId: string, numerator: bigint, denominator: bigint): UnitFigure => ({ unitId, numerator, denominator, achieved: null });
const flag = (unitId: string, achieved: boolean): UnitFigure => ({ unitId, numerator: null, denominator: null, achieved });

const EMAIL: TargetRule = {
  code: 'EMAIL-DAILY',
  direction: 'AT_LEAST',
  aggregation: 'RATIO_OF_SUMS',
  targetValue: '100',
  scale: 100,
  unitKinds: ['DEPARTMENT', 'DISTRICT_COMMITTEE'],
};
const ONE_STOP_DEPARTMENTS: TargetRule = {
  code: 'ONE-STOP-DEPARTMENTS',
  direction: 'AT_LEAST',
  aggregation: 'SHARE_OF_UNITS',
  targetValue: '60',
  scale: 100,
  unitKinds: ['DEPARTMENT'],
};
const COMPUTERS: TargetRule = { code: 'COMPUTERS', direction: 'AT_LEAST', aggregation: 'RATIO_OF_SUMS', targetValue: '1', scale: 1, unitKinds: ['DEPARTMENT'] };
const ICT_RANK: TargetRule = { code: 'ICT-INDEX-RANK', direction: 'RANK_AT_MOST', aggregation: 'PROVINCE_VALUE', targetValue: '10', scale: 1, unitKinds: [] };
const KEY_DBS: TargetRule = { code: 'KEY-DATABASES', direction: 'AT_LEAST', aggregation: 'PROVINCE_VALUE', targetValue: '13', scale: 1, unitKinds: [] };

const A = unit('a', 'DEPARTMENT');
const B = unit('b', 'DISTRICT_COMMITTEE');
const C = unit('c', 'DEPARTMENT');
const D = unit('d', 'DEPARTMENT');
const E = unit('e', 'DEPARTMENT');
const COMMUNE = unit('x', 'COMMUNE_COMMITTEE');
const POPULATION = [A, B, C, D, E, COMMUNE];

describe('RATIO_OF_SUMS', () => {
  it('is Σ numerator ÷ Σ denominator, not the average of the units’ percentages', () => {
    // Unit A: 90 of 100 officials use e-mail daily (90%); unit B: 1 of 10 (10%).
    const result = aggregateTarget(EMAIL, [ratio('a', 90n, 100n), ratio('b', 1n, 10n)], [A, B]);
    expect(result.numerator).toBe(91n);
    expect(result.denominator).toBe(110n);
    expect(shown(result.value)).toBe('82.7273'); // 91 / 110
    // The average of percentages would say 50%: the engine never does.
    const averageOfPercentages = (90 / 100 + 1 / 10) / 2;
    expect(averageOfPercentages * 100).toBeCloseTo(50);
    expect(result.value!.compare(Fraction.fromDecimal('50'))).toBe(1);
    expect(assess(EMAIL, result.value)).toMatchObject({ met: false });
    expect(shown(assess(EMAIL, result.value).gap)).toBe('17.2727');
  });

  it('counts only the population and the units that reported; Σ denominator 0 has no value', () => {
    const result = aggregateTarget(EMAIL, [ratio('a', 5n, 10n), ratio('x', 1000n, 1000n)], POPULATION);
    expect(result).toMatchObject({ numerator: 5n, denominator: 10n, reportingUnits: 1, populationUnits: 5 });
    expect(shown(result.value)).toBe('50');
    expect(aggregateTarget(EMAIL, [], POPULATION).value).toBeNull();
    expect(aggregateTarget(EMAIL, [ratio('a', 0n, 0n)], POPULATION).value).toBeNull();
  });

  it('keeps a plain ratio (computers per official) on scale 1 and decides "met" exactly', () => {
    const exactlyOne = aggregateTarget(COMPUTERS, [ratio('a', 333n, 1000n), ratio('c', 667n, 1000n)], POPULATION);
    expect(shown(exactlyOne.value)).toBe('0.5');
    // 99,999 computers for 100,000 officials shows as "1" at 4 decimals but is not met.
    const almost = aggregateTarget(COMPUTERS, [ratio('a', 99_999n, 100_000n)], POPULATION);
    expect(shown(almost.value)).toBe('1');
    expect(assess(COMPUTERS, almost.value)).toMatchObject({ met: false });
    expect(shown(assess(COMPUTERS, almost.value).gap)).toBe('0');
    expect(assess(COMPUTERS, aggregateTarget(COMPUTERS, [ratio('a', 5n, 5n)], POPULATION).value).met).toBe(true);
  });
});

describe('SHARE_OF_UNITS', () => {
  it('has no value in a half-year when no unit of the population reported: null, never a false 0%', () => {
    // Only a district reported (outside the departments' population), and a department without the indicator.
    for (const figures of [[], [flag('b', true)], [{ ...flag('a', true), achieved: null }]]) {
      const result = aggregateTarget(ONE_STOP_DEPARTMENTS, figures, POPULATION);
      expect(result).toMatchObject({ value: null, numerator: null, denominator: 4n, reportingUnits: 0, populationUnits: 4 });
      expect(shown(result.value)).toBeNull();
      expect(assess(ONE_STOP_DEPARTMENTS, result.value)).toEqual({ gap: null, met: null });
    }
    // One report saying "no" is data: 0%.
    expect(shown(aggregateTarget(ONE_STOP_DEPARTMENTS, [flag('a', false)], POPULATION).value)).toBe('0');
  });

  it('is the share of the population that meets it; units without a report count as not meeting it', () => {
    // 4 departments; 2 reported yes, 1 no, 1 did not report: 2 / 4 = 50% against 60%.
    const result = aggregateTarget(ONE_STOP_DEPARTMENTS, [flag('a', true), flag('c', true), flag('d', false), flag('b', true)], POPULATION);
    expect(result).toMatchObject({ numerator: 2n, denominator: 4n, reportingUnits: 3, populationUnits: 4 });
    expect(shown(result.value)).toBe('50');
    expect(assess(ONE_STOP_DEPARTMENTS, result.value)).toMatchObject({ met: false });
    const three = aggregateTarget(ONE_STOP_DEPARTMENTS, [flag('a', true), flag('c', true), flag('d', true)], POPULATION);
    expect(shown(three.value)).toBe('75');
    expect(assess(ONE_STOP_DEPARTMENTS, three.value)).toMatchObject({ met: true });
    expect(shown(assess(ONE_STOP_DEPARTMENTS, three.value).gap)).toBe('-15');
  });

  it('has no value without a population', () => {
    expect(aggregateTarget(ONE_STOP_DEPARTMENTS, [], [B]).value).toBeNull();
  });
});

describe('PROVINCE_VALUE', () => {
  it('takes the recorded value; a rank is met at or below the target rank', () => {
    expect(assess(ICT_RANK, aggregateTarget(ICT_RANK, [], POPULATION, '12').value)).toMatchObject({ met: false });
    expect(shown(assess(ICT_RANK, Fraction.fromDecimal('12')).gap)).toBe('2');
    expect(assess(ICT_RANK, Fraction.fromDecimal('10')).met).toBe(true);
    expect(assess(ICT_RANK, Fraction.fromDecimal('3')).met).toBe(true);
    expect(assess(KEY_DBS, Fraction.fromDecimal('7')).met).toBe(false);
    expect(aggregateTarget(KEY_DBS, [], POPULATION, null).value).toBeNull();
    expect(assess(KEY_DBS, null)).toEqual({ gap: null, met: null });
  });
});

describe('furthest units', () => {
  it('ranks a ratio target by each unit’s own gap, then lists units without figures', () => {
    const figures = [ratio('a', 90n, 100n), ratio('b', 1n, 10n), ratio('c', 10n, 10n)];
    const furthest = furthestUnits(EMAIL, figures, POPULATION, 10);
    expect(furthest.map((u) => [u.unitId, shown(u.value), shown(u.gap), u.reason])).toEqual([
      ['b', '10', '90', 'NOT_MET'],
      ['a', '90', '10', 'NOT_MET'],
      ['d', null, null, 'NO_REPORT'],
      ['e', null, null, 'NO_REPORT'],
    ]);
    expect(furthestUnits(EMAIL, figures, POPULATION, 1)).toHaveLength(1);
    expect(furthestUnits(ICT_RANK, [], POPULATION, 5)).toEqual([]);
  });

  it('lists units of a share target that said no, then those without a report', () => {
    const furthest = furthestUnits(ONE_STOP_DEPARTMENTS, [flag('a', true), flag('d', false)], POPULATION, 5);
    expect(furthest.map((u) => [u.unitId, u.reason])).toEqual([
      ['d', 'NOT_MET'],
      ['c', 'NO_REPORT'],
      ['e', 'NO_REPORT'],
    ]);
  });
});

describe('half-years', () => {
  it('lists every half-year of the period up to the one asked', () => {
    expect(halvesUpTo(2011, 2012, 1)).toEqual([
      { year: 2011, half: 1 },
      { year: 2011, half: 2 },
      { year: 2012, half: 1 },
    ]);
    expect(halvesUpTo(2011, 2011, 2)).toHaveLength(2);
  });
});
