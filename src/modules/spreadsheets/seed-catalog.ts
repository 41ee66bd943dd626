// The catalog of the seed data (seeds/data/catalog.ts) in the shape the template and the reader
// take, for the template script, the fixtures, the benchmark and the tests (no database needed).
import { ACTIVITY_KINDS, EXPENDITURE_TYPES, FUNDING_SOURCES, PLAN_AREAS } from '../../../seeds/data/catalog.js';
import { type CatalogCodes, leafCodes } from '../catalog/catalog-codes.js';
import type { TemplateCatalog } from './estimate-template.js';

export function seedCatalog(): TemplateCatalog {
  const leaves = leafCodes(PLAN_AREAS);
  const bySortOrder = <T extends { sortOrder: number }>(items: readonly T[]) => [...items].sort((a, b) => a.sortOrder - b.sortOrder);
  return {
    planAreas: bySortOrder(PLAN_AREAS).map((area) => ({ ...area, selectable: leaves.has(area.code) })),
    fundingSources: bySortOrder(FUNDING_SOURCES),
    expenditureTypes: bySortOrder(EXPENDITURE_TYPES),
    activityKinds: bySortOrder(ACTIVITY_KINDS),
  };
}

/** The codes a line may use, from a catalog (as CatalogService.codes() does from the database). */
export function catalogCodes(catalog: TemplateCatalog): CatalogCodes {
  return {
    planAreas: new Set(catalog.planAreas.filter((area) => area.selectable).map((area) => area.code)),
    fundingSources: new Set(catalog.fundingSources.map((source) => source.code)),
    expenditureTypes: new Set(catalog.expenditureTypes.map((type) => type.code)),
    activityKinds: new Set(catalog.activityKinds.map((kind) => kind.code)),
  };
}
