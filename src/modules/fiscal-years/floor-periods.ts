// The years the 1% floor is a rule, and what a new year's floor settings are when none are given.
// The rules registry's IT_FLOOR rule (src/modules/floor/domain/budget-rules.ts) takes its periods
// from here, so that the registry and a new year's defaults read one list; it lives with the
// fiscal years, below the floor module, since the floor reads the years through this module.
import type { FloorPolicy } from './entities/fiscal-year.entity.js';

// Decision 14/2011/QĐ-UBND of Bắc Ninh (30 January 2011): the province's IT plan for 2011–2015.
export const PLAN_2011_2015 = 'Quyết định 14/2011/QĐ-UBND tỉnh Bắc Ninh (Kế hoạch ứng dụng CNTT 2011–2015)';

/** One period of the floor rule (the shape of the registry's RulePeriod). */
export interface FloorRulePeriod {
  fromYear: number;
  toYear: number | null;
  source: { document: string; article: string; verified: boolean; note?: string };
  parameters: { floorRatio: string; floorSources: string };
  policy: 'YEAR_SETTING';
}

/** The budget years the plan sets its 1% floor for ("dành tối thiểu 1% tổng chi ngân sách địa phương cho sự nghiệp CNTT", IV.2). */
export const IT_FLOOR_PERIODS: readonly FloorRulePeriod[] = [
  {
    fromYear: 2011,
    toYear: 2015,
    source: { document: PLAN_2011_2015, article: 'mục IV.2', verified: true },
    // The year's settings carry the ratio and sources (DOF may change them); these are the plan's.
    parameters: { floorRatio: '0.01', floorSources: 'PROVINCIAL,DISTRICT,COMMUNE' },
    policy: 'YEAR_SETTING',
  },
];

/** The floor rule's period that covers a budget year, or null when no rule sets a floor for it. */
export function itFloorPeriodFor(year: number): FloorRulePeriod | null {
  return IT_FLOOR_PERIODS.find((p) => year >= p.fromYear && (p.toYear === null || year <= p.toYear)) ?? null;
}

/** The floor's sources when a year does not name them: the provincial, district and commune budgets. */
export const DEFAULT_FLOOR_SOURCES: readonly string[] = ['PROVINCIAL', 'DISTRICT', 'COMMUNE'];

/**
 * A new year's floor settings where the request gives none: in a year a floor rule covers, the
 * rule's ratio and sources with policy STOP (DESIGN.md section 5); outside every period no floor
 * is required, so the ratio is 0 (a floor of 0 đồng, always met) with policy WARN, until DOF sets a
 * ratio for the year (with a written reason, as any floor setting).
 */
export function floorDefaults(year: number): { floorRatio: string; floorSources: string[]; floorPolicy: FloorPolicy } {
  const period = itFloorPeriodFor(year);
  if (!period) return { floorRatio: '0', floorSources: [...DEFAULT_FLOOR_SOURCES], floorPolicy: 'WARN' };
  return { floorRatio: period.parameters.floorRatio, floorSources: period.parameters.floorSources.split(','), floorPolicy: 'STOP' };
}
