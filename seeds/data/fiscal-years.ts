// Fiscal years of the 2011–2015 plan period. Estimates for year N are prepared in
// the middle of year N-1, so every deadline falls in the year before the fiscal
// year. Total local budget expenditure figures are ILLUSTRATIVE (plausible orders
// of magnitude for Bắc Ninh), not official figures.

export interface FiscalYearSeed {
  year: number;
  planPeriod: string;
  submissionDeadline: string;
  balancingDeadline: string;
  committeeDeadline: string;
  lateSubmissionPolicy: 'FLAG' | 'REFUSE';
  totalLocalExpenditure: string;
  floorRatio: string;
  floorSources: readonly string[];
  floorPolicy: 'STOP' | 'WARN';
  illustrative: boolean;
}

const PLAN_PERIOD = '2011-2015';
const FLOOR_SOURCES: readonly string[] = ['PROVINCIAL', 'DISTRICT', 'COMMUNE'];

const year = (y: number, totalLocalExpenditure: string): FiscalYearSeed => ({
  year: y,
  planPeriod: PLAN_PERIOD,
  submissionDeadline: `${(y - 1).toString()}-07-20`,
  balancingDeadline: `${(y - 1).toString()}-09-30`,
  committeeDeadline: `${(y - 1).toString()}-12-10`,
  lateSubmissionPolicy: 'FLAG',
  totalLocalExpenditure,
  floorRatio: '0.01',
  floorSources: FLOOR_SOURCES,
  floorPolicy: 'STOP',
  illustrative: true,
});

export const FISCAL_YEARS: readonly FiscalYearSeed[] = [
  year(2011, '6850000000000'),
  year(2012, '7620000000000'),
  year(2013, '8410000000000'),
  year(2014, '9350000000000'),
  year(2015, '10480000000000'),
];
