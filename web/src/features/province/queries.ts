// The year-wide figures the province's screens read (DIC, DOF/DPI, the chair), through react-query.
// Shapes follow the API's responses; money is a digit string.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { EstimateListItem, EstimateStatus } from '../../api/types';
import { useSession } from '../../app/session';
import type { FloorView } from '../../ui/charts';

export interface BudgetEstimate {
  estimateId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  status: EstimateStatus;
  submittedLate: boolean;
  requested: string;
  approved: string;
  /** Once the chair has decided: the current figure after adjustments (`approved` stays the decided one). */
  adjusted: string | null;
  excluded: boolean;
  exclusionReason: string | null;
}

export interface BudgetView {
  year: number;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';
  version: number;
  submittedAt: string | null;
  returnComment: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  approvedAt: string | null;
  warnings: string[];
  /** `approved` is the decided figure once approved; `adjusted` (then) the current one, with the number of adjustments. */
  totals: { requested: string; approved: string; adjusted: string | null; adjustments: number; included: number; excluded: number; pending: number };
  estimates: BudgetEstimate[];
  /** The same figures by plan area: `approved` decided once approved, `adjusted` (then) the current one. */
  planAreas: { planAreaCode: string; requested: string; approved: string; adjusted: string | null }[];
}

export interface RuleResult {
  code: string;
  title: string;
  severity: 'BLOCKING' | 'WARNING';
  passed: boolean;
  message: string;
  violations?: { subject: string; message: string }[];
}

/** Every key a province screen reads for a year: invalidated together after any action. */
export const yearKeys = (year: number | null) => ['province', year] as const;

export function useYearQuery<T>(name: string, load: (year: number) => Promise<unknown>) {
  const { year } = useSession();
  return useQuery({
    queryKey: [...yearKeys(year), name],
    enabled: year !== null,
    queryFn: async () => (await load(year!)) as T,
  });
}

const inYear = (year: number) => ({ params: { path: { year } } });
export const useFloor = () => useYearQuery<FloorView>('floor', (y) => ok(api.GET('/fiscal-years/{year}/floor', inYear(y))));
export const useBudget = () => useYearQuery<BudgetView>('budget', (y) => ok(api.GET('/fiscal-years/{year}/budget', inYear(y))));
export const useRules = () => useYearQuery<{ results: RuleResult[] }>('rules', (y) => ok(api.GET('/fiscal-years/{year}/rules', inYear(y))));

/** All estimates of the year the signed-in official may read. */
export function useYearEstimates(status?: EstimateStatus) {
  const { year } = useSession();
  return useQuery({
    queryKey: [...yearKeys(year), 'estimates', status ?? 'all'],
    enabled: year !== null,
    queryFn: async () => {
      const page = (await ok(
        api.GET('/estimates', { params: { query: { year: year!, ...(status ? { status } : {}) } } }),
      )) as unknown as { items: EstimateListItem[] };
      return page.items;
    },
  });
}
