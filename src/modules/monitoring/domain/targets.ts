// How the province-wide value of a plan target is computed from the units' figures, and how far it
// is from the target. Plain TypeScript: no framework, no database.
//
//   SHARE_OF_UNITS  scale × (units of the population whose indicator is true) / (units of the population)
//                   — units without an accepted report count as not meeting it; with no report at
//                   all in the half-year there is no value (null), as for the ratios;
//   RATIO_OF_SUMS   scale × Σ numerator / Σ denominator over the units that reported
//                   — never the average of the units' percentages;
//   PROVINCE_VALUE  the province-level figure DIC recorded for the half-year.
import { Fraction } from './fraction.js';

export const DIRECTIONS = ['AT_LEAST', 'AT_MOST', 'RANK_AT_MOST'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const AGGREGATIONS = ['SHARE_OF_UNITS', 'RATIO_OF_SUMS', 'PROVINCE_VALUE'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const REPORTING_UNIT_KINDS = ['PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE'] as const;
export type ReportingUnitKind = (typeof REPORTING_UNIT_KINDS)[number];

/** Decimal places of indicator values and gaps as the API shows them (comparisons are exact). */
export const VALUE_PLACES = 4;

export interface TargetRule {
  code: string;
  direction: Direction;
  aggregation: Aggregation;
  /** Decimal string. */
  targetValue: string;
  /** 100 for a percentage, 1 for a plain ratio ("computers per official"). */
  scale: number;
  /** Kinds of unit that report the figure; empty for a province value. */
  unitKinds: readonly string[];
}

/** A target's own limits on its value, beside those of its kind (see valueBounds). */
export interface TargetLimits {
  /** The largest value there can be (decimal string; 13 key databases are listed), null when open. */
  valueMax: string | null;
  /** A count or a rank: whole numbers only. */
  wholeValues: boolean;
  /** A unit's numerator cannot exceed its denominator. */
  numeratorCapped: boolean;
}

/** What a target's province-wide value can be: min ≤ value ≤ max (max null: open), whole numbers when `whole`. */
export interface ValueBounds {
  min: string;
  max: string | null;
  whole: boolean;
}

/**
 * The bounds of a target's value by its kind: a rank is a whole number from 1; a percentage
 * (scale 100) of units or of a capped ratio lies in 0..100; any other value is ≥ 0. The target's own
 * `valueMax` (13 key databases listed) and `wholeValues` (a count) narrow them.
 */
export function valueBounds(rule: Pick<TargetRule, 'direction' | 'aggregation' | 'scale'> & TargetLimits): ValueBounds {
  const rank = rule.direction === 'RANK_AT_MOST';
  const share = rule.aggregation === 'SHARE_OF_UNITS' || (rule.aggregation === 'RATIO_OF_SUMS' && rule.numeratorCapped);
  const kindMax = share ? String(rule.scale) : null;
  const max = rule.valueMax === null ? kindMax : kindMax === null || Fraction.fromDecimal(rule.valueMax).compare(Fraction.fromDecimal(kindMax)) < 0 ? rule.valueMax : kindMax;
  return { min: rank ? '1' : '0', max, whole: rank || rule.wholeValues };
}

/** Whether a value (decimal string) lies within the bounds; the reason in the bounds' terms when not, else null. */
export function outOfBounds(value: string, bounds: ValueBounds): 'NOT_WHOLE' | 'TOO_SMALL' | 'TOO_BIG' | null {
  const exact = Fraction.fromDecimal(value);
  if (bounds.whole && exact.den !== 1n) return 'NOT_WHOLE';
  if (exact.compare(Fraction.fromDecimal(bounds.min)) < 0) return 'TOO_SMALL';
  if (bounds.max !== null && exact.compare(Fraction.fromDecimal(bounds.max)) > 0) return 'TOO_BIG';
  return null;
}

/** One unit's figure for one target, from an accepted report. */
export interface UnitFigure {
  unitId: string;
  numerator: bigint | null;
  denominator: bigint | null;
  achieved: boolean | null;
}

export interface PopulationUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface TargetAggregate {
  /** The province-wide value, exact; null when nothing can be computed (no units, no figures, Σ denominator 0). */
  value: Fraction | null;
  /** SHARE_OF_UNITS: units meeting it; RATIO_OF_SUMS: Σ numerator; PROVINCE_VALUE: null. */
  numerator: bigint | null;
  /** SHARE_OF_UNITS: units in the population; RATIO_OF_SUMS: Σ denominator; PROVINCE_VALUE: null. */
  denominator: bigint | null;
  /** Units of the population with a figure in an accepted report. */
  reportingUnits: number;
  /** Units of the population (0 for a province value). */
  populationUnits: number;
}

export interface Assessment {
  /** How far the value is from the target, in the direction that matters: > 0 still to go, ≤ 0 met. */
  gap: Fraction | null;
  met: boolean | null;
}

export function inPopulation(rule: Pick<TargetRule, 'aggregation' | 'unitKinds'>, kind: string): boolean {
  return rule.aggregation !== 'PROVINCE_VALUE' && rule.unitKinds.includes(kind);
}

/**
 * The province-wide value of one target from the figures of accepted reports (one per unit at
 * most; figures of units outside the population are ignored), or from DIC's province value.
 */
export function aggregateTarget(
  rule: TargetRule,
  figures: readonly UnitFigure[],
  population: readonly PopulationUnit[],
  provinceValue: string | null = null,
): TargetAggregate {
  const scale = BigInt(rule.scale);
  if (rule.aggregation === 'PROVINCE_VALUE') {
    return { value: provinceValue === null ? null : Fraction.fromDecimal(provinceValue), numerator: null, denominator: null, reportingUnits: 0, populationUnits: 0 };
  }
  const members = new Set(population.filter((unit) => inPopulation(rule, unit.kind)).map((unit) => unit.id));
  const counted = figures.filter((figure) => members.has(figure.unitId));
  if (rule.aggregation === 'SHARE_OF_UNITS') {
    const units = BigInt(members.size);
    // No figure where there is no data: a half-year in which no unit of the population reported
    // on the indicator has no share (null, "—" in workbooks), not a false 0%.
    if (!counted.some((figure) => figure.achieved !== null)) {
      return { value: null, numerator: null, denominator: units, reportingUnits: 0, populationUnits: members.size };
    }
    const meeting = BigInt(counted.filter((figure) => figure.achieved === true).length);
    return { value: Fraction.ratio(meeting, units, scale), numerator: meeting, denominator: units, reportingUnits: counted.length, populationUnits: members.size };
  }
  let numerator = 0n;
  let denominator = 0n;
  let reporting = 0;
  for (const figure of counted) {
    if (figure.numerator === null || figure.denominator === null) continue;
    numerator += figure.numerator;
    denominator += figure.denominator;
    reporting++;
  }
  return {
    value: reporting === 0 ? null : Fraction.ratio(numerator, denominator, scale),
    numerator,
    denominator,
    reportingUnits: reporting,
    populationUnits: members.size,
  };
}

/** Gap and whether the target is met, exactly (no rounding before the comparison). */
export function assess(rule: Pick<TargetRule, 'direction' | 'targetValue'>, value: Fraction | null): Assessment {
  if (value === null) return { gap: null, met: null };
  const target = Fraction.fromDecimal(rule.targetValue);
  const gap = rule.direction === 'AT_LEAST' ? target.minus(value) : value.minus(target);
  return { gap, met: gap.sign() <= 0 };
}

export interface FurthestUnit {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** The unit's own value (scale × numerator / denominator, or 100 / 0 for a share); null without a report. */
  value: Fraction | null;
  gap: Fraction | null;
  /** NOT_MET: reported and short of the target; NO_REPORT: no accepted report with this figure. */
  reason: 'NOT_MET' | 'NO_REPORT';
}

/**
 * The units furthest from the target, furthest first, at most `limit`. RATIO_OF_SUMS: units whose
 * own ratio misses the target, by gap (ties: larger denominator, then code). SHARE_OF_UNITS: units
 * that reported not meeting it, then units without a report (by code). PROVINCE_VALUE: none.
 */
export function furthestUnits(rule: TargetRule, figures: readonly UnitFigure[], population: readonly PopulationUnit[], limit: number): FurthestUnit[] {
  if (rule.aggregation === 'PROVINCE_VALUE' || limit <= 0) return [];
  const members = population.filter((unit) => inPopulation(rule, unit.kind));
  const byUnit = new Map(figures.map((figure) => [figure.unitId, figure]));
  const byCode = (a: PopulationUnit, b: PopulationUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const scale = BigInt(rule.scale);

  if (rule.aggregation === 'SHARE_OF_UNITS') {
    const target = Fraction.fromDecimal(rule.targetValue);
    const notMet = members.filter((unit) => byUnit.get(unit.id)?.achieved === false).sort(byCode);
    const missing = members.filter((unit) => byUnit.get(unit.id)?.achieved == null).sort(byCode);
    const zero = new Fraction(0n);
    return [
      ...notMet.map((unit): FurthestUnit => ({ unitId: unit.id, unitCode: unit.code, unitName: unit.name, value: zero, gap: assess(rule, zero).gap ?? target, reason: 'NOT_MET' })),
      ...missing.map((unit): FurthestUnit => ({ unitId: unit.id, unitCode: unit.code, unitName: unit.name, value: null, gap: null, reason: 'NO_REPORT' })),
    ].slice(0, limit);
  }

  const short: { unit: PopulationUnit; value: Fraction; gap: Fraction; denominator: bigint }[] = [];
  for (const unit of members) {
    const figure = byUnit.get(unit.id);
    if (!figure || figure.numerator === null || figure.denominator === null) continue;
    const value = Fraction.ratio(figure.numerator, figure.denominator, scale);
    if (value === null) continue;
    const { gap, met } = assess(rule, value);
    if (met === false && gap) short.push({ unit, value, gap, denominator: figure.denominator });
  }
  short.sort((a, b) => b.gap.compare(a.gap) || (b.denominator > a.denominator ? 1 : b.denominator < a.denominator ? -1 : 0) || byCode(a.unit, b.unit));
  const missing = members.filter((unit) => byUnit.get(unit.id)?.numerator == null).sort(byCode);
  return [
    ...short.map((s): FurthestUnit => ({ unitId: s.unit.id, unitCode: s.unit.code, unitName: s.unit.name, value: s.value, gap: s.gap, reason: 'NOT_MET' })),
    ...missing.map((unit): FurthestUnit => ({ unitId: unit.id, unitCode: unit.code, unitName: unit.name, value: null, gap: null, reason: 'NO_REPORT' })),
  ].slice(0, limit);
}

export interface HalfYear {
  year: number;
  half: 1 | 2;
}

/** Every half-year from the first half of `firstYear` up to and including (year, half). */
export function halvesUpTo(firstYear: number, year: number, half: 1 | 2): HalfYear[] {
  const halves: HalfYear[] = [];
  for (let y = firstYear; y <= year; y++) {
    halves.push({ year: y, half: 1 });
    if (y < year || half === 2) halves.push({ year: y, half: 2 });
  }
  return halves;
}

/** A fraction as the API shows it: a decimal string, or null. */
export function shown(value: Fraction | null, places = VALUE_PLACES): string | null {
  return value === null ? null : value.toDecimal(places);
}
