// The codes a line may use, as plain sets, so that domain rules check them without a database.
import type { YearClassification } from './budget-index.js';

export interface CatalogCodes {
  /** Plan areas a line may be booked to: the leaves of the plan-area tree. */
  planAreas: ReadonlySet<string>;
  fundingSources: ReadonlySet<string>;
  expenditureTypes: ReadonlySet<string>;
  activityKinds: ReadonlySet<string>;
  /** The state budget index in force for the estimate's year, when the caller knows the year. */
  classification?: YearClassification;
}

/** Leaves of a tree given as (code, parentCode) pairs. */
export function leafCodes(nodes: readonly { code: string; parentCode: string | null }[]): Set<string> {
  const parents = new Set(nodes.map((node) => node.parentCode).filter((code): code is string => code !== null));
  return new Set(nodes.map((node) => node.code).filter((code) => !parents.has(code)));
}
