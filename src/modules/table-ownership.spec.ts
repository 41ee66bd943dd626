// Each module owns its tables (DESIGN.md section 1, "ownership"): another module reads or changes
// them only through the owner's exported service. This test reads the sources of src/modules/*
// (SQL written in strings — FROM, JOIN, UPDATE, INTO, DELETE FROM — and TypeORM calls naming an
// entity) and lists every module that names a table of another. Since issue 11 none remains: the
// estimate ledger's tables are reached through EstimateLedger, every other owner's through its
// exported service (or the SQL pieces it exports, written in its own files), so any read found fails.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const MODULES = resolve('src/modules');

/** Which module owns each table (the one whose service writes it). */
const OWNER: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['estimates', 'estimate_lines', 'estimate_totals', 'year_totals', 'year_totals_live', 'ledger_pending', 'budget_exclusions', 'line_adjustments'].map((t) => [t, 'estimates']),
  ),
  consolidated_budgets: 'workflow',
  balancing_runs: 'allocation',
  balancing_run_lines: 'allocation',
  ...Object.fromEntries(['support_rounds', 'support_pools', 'support_candidates', 'support_allocations'].map((t) => [t, 'support'])),
  ...Object.fromEntries(
    ['plan_targets', 'progress_deadlines', 'progress_disbursements', 'progress_indicators', 'progress_reports', 'target_province_values'].map((t) => [t, 'monitoring']),
  ),
  units: 'units',
  ...Object.fromEntries(
    ['plan_areas', 'funding_sources', 'expenditure_types', 'activity_kinds', 'budget_chapters', 'budget_economic_items', 'budget_index_editions', 'budget_sector_items'].map(
      (t) => [t, 'catalog'],
    ),
  ),
  fiscal_years: 'fiscal-years',
  ...Object.fromEntries(['users', 'login_failures', 'sign_in_failures', 'sign_in_settings', 'sign_in_windows'].map((t) => [t, 'auth'])),
  audit_events: 'audit',
  audit_checkpoints: 'audit',
  jobs: 'jobs',
};

/** TypeORM entities and their tables. */
const ENTITY_TABLE: Readonly<Record<string, string>> = {
  Estimate: 'estimates',
  EstimateLine: 'estimate_lines',
  FiscalYear: 'fiscal_years',
  Unit: 'units',
  User: 'users',
  PlanArea: 'plan_areas',
  FundingSource: 'funding_sources',
  ExpenditureType: 'expenditure_types',
  ActivityKind: 'activity_kinds',
  AuditEvent: 'audit_events',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `module -> table` for every table a module names that another module owns, with one file that does. */
function foreignReads(): Map<string, string> {
  const reads = new Map<string, string>();
  const sqlTable = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+([a-z_]+)\b/g;
  const entityCall = new RegExp(
    `\\b(?:findOneByOrFail|findOneBy|findOne|findBy|find|existsBy|exists|count|update|insert|delete|upsert|getRepository|createQueryBuilder)\\(\\s*(${Object.keys(ENTITY_TABLE).join('|')})\\b`,
    'g',
  );
  for (const file of sourceFiles(MODULES)) {
    const module = relative(MODULES, file).split(sep)[0];
    const text = readFileSync(file, 'utf8');
    const tables = [...text.matchAll(sqlTable)].map((m) => m[1]).concat([...text.matchAll(entityCall)].map((m) => ENTITY_TABLE[m[1]]));
    for (const table of tables) {
      const owner = OWNER[table];
      if (owner && owner !== module && !reads.has(`${module} -> ${table}`)) reads.set(`${module} -> ${table}`, relative(process.cwd(), file));
    }
  }
  return reads;
}

describe('tables of src/modules/*', () => {
  const reads = foreignReads();

  it("of another owner are named by no module (they go through the owner's exported service)", () => {
    expect([...reads.entries()].map(([read, file]) => `${read} (in ${file})`)).toEqual([]);
  });

  it('are read: the scan finds the owners’ own reads', () => {
    // A scanner that matched nothing would pass the test above vacuously.
    const own = sourceFiles(join(MODULES, 'estimates')).some((file) => /FROM estimate_lines\b/.test(readFileSync(file, 'utf8')));
    expect(own).toBe(true);
  });
});
