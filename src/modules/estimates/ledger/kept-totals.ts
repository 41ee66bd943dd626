// Reads of the estimate ledger's kept totals (migration EstimateLedger: `estimate_totals`, and
// `year_totals_live` = committed year totals plus the reading transaction's own changes). Every
// live figure reads these instead of the year's lines; they equal the sums of the lines
// (`npm run ledger:verify`, test/ledger.e2e-spec.ts). Amounts are đồng as bigint. Other modules
// reach them through `EstimateLedger`, never here.
import type { EntityManager } from 'typeorm';
import type { EstimateStatus } from '../domain/estimate-status.js';
import type { KeptDimensions, KeptMeasures } from '../domain/kept-measures.js';

/** One bucket of a year: estimates of one status, excluded or not, one combination of the dimensions. */
export interface YearBucket extends KeptMeasures, KeptDimensions {
  status: EstimateStatus;
  excluded: boolean;
}

/** One estimate's totals, or one part of it (one combination of the dimensions). */
export interface EstimateBucket extends KeptMeasures, KeptDimensions {
  estimateId: string;
}

interface DimensionRow {
  plan_area_code: string;
  funding_source_code: string;
  expenditure_type_code: string;
  loai_khoan: string;
  muc_tieu_muc: string;
}

const DIMENSION_COLUMNS = 'plan_area_code, funding_source_code, expenditure_type_code, loai_khoan, muc_tieu_muc';

const dimensions = (row: DimensionRow): KeptDimensions => ({
  planAreaCode: row.plan_area_code,
  fundingSourceCode: row.funding_source_code,
  expenditureTypeCode: row.expenditure_type_code,
  loaiKhoan: row.loai_khoan,
  mucTieuMuc: row.muc_tieu_muc,
});

interface MeasureRow {
  line_count: string;
  requested: string;
  approved: string;
  approved_lines: string;
  committed_minimum: string;
}

const MEASURE_COLUMNS = 'line_count::text, requested::text, approved::text, approved_lines::text, committed_minimum::text';

const measures = (row: MeasureRow): KeptMeasures => ({
  lineCount: Number(row.line_count),
  requested: BigInt(row.requested),
  approved: BigInt(row.approved),
  approvedLines: Number(row.approved_lines),
  committedMinimum: BigInt(row.committed_minimum),
});

/**
 * The year's buckets (a few thousand rows at most, however many lines), optionally only estimates
 * of some statuses and only included (`excluded: false`) or excluded ones. Empty buckets left out.
 */
export async function yearBuckets(
  manager: EntityManager,
  year: number,
  filter: { statuses?: readonly EstimateStatus[]; excluded?: boolean } = {},
): Promise<YearBucket[]> {
  const params: unknown[] = [year];
  let where = 'year = $1 AND line_count <> 0';
  if (filter.statuses && filter.statuses.length > 0) {
    params.push(filter.statuses);
    where += ` AND status = ANY($${params.length})`;
  }
  if (filter.excluded !== undefined) {
    params.push(filter.excluded);
    where += ` AND excluded = $${params.length}`;
  }
  const rows = await manager.query<(MeasureRow & DimensionRow & { status: EstimateStatus; excluded: boolean })[]>(
    `SELECT status, excluded, ${DIMENSION_COLUMNS}, ${MEASURE_COLUMNS} FROM year_totals_live WHERE ${where}`,
    params,
  );
  return rows.map((row) => ({ status: row.status, excluded: row.excluded, ...dimensions(row), ...measures(row) }));
}

/**
 * Totals of estimates (one row each: `parts: false`), or their parts by the kept dimensions
 * (`parts: true`), for the estimates named or for every estimate of a year.
 * An estimate without lines has no row.
 */
export async function estimateBuckets(
  manager: EntityManager,
  which: { estimateIds: readonly string[] } | { year: number; unitIds?: readonly string[] },
  { parts = false, fundingSource }: { parts?: boolean; fundingSource?: string } = {},
): Promise<EstimateBucket[]> {
  const params: unknown[] = [];
  let where: string;
  if ('estimateIds' in which) {
    params.push(which.estimateIds);
    where = `t.estimate_id = ANY($1)`;
  } else {
    params.push(which.year);
    where = `t.estimate_id IN (SELECT id FROM estimates WHERE year = $1${which.unitIds ? ' AND unit_id = ANY($2)' : ''})`;
    if (which.unitIds) params.push(which.unitIds);
  }
  where += parts ? ` AND t.plan_area_code <> ''` : ` AND t.plan_area_code = ''`;
  if (fundingSource !== undefined) {
    params.push(fundingSource);
    where += ` AND t.funding_source_code = $${params.length}`;
  }
  const rows = await manager.query<(MeasureRow & DimensionRow & { estimate_id: string })[]>(
    `SELECT t.estimate_id, ${DIMENSION_COLUMNS}, ${MEASURE_COLUMNS} FROM estimate_totals t WHERE ${where} AND t.line_count <> 0`,
    params,
  );
  return rows.map((row) => ({ estimateId: row.estimate_id, ...dimensions(row), ...measures(row) }));
}
