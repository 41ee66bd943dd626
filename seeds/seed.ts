// Loads the deterministic seeds: Bắc Ninh's organisation, the plan catalog, the plan period's
// fiscal years and illustrative demo estimates. Fixed ids and ON CONFLICT DO NOTHING make it
// safe to run again: rows already there are left as they are.
import type { DataSource, EntityManager } from 'typeorm';
import { lineAmount } from '../src/common/money/vnd.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { BUDGET_CHAPTERS, BUDGET_ECONOMIC_ITEMS, BUDGET_INDEX_EDITIONS, BUDGET_SECTOR_ITEMS, UNIT_CLASSIFICATION } from './data/budget-index.js';
import { ACTIVITY_KINDS, EXPENDITURE_TYPES, FUNDING_SOURCES, PLAN_AREAS } from './data/catalog.js';
import { DEMO_ESTIMATES } from './data/demo-estimates.js';
import { FISCAL_YEARS } from './data/fiscal-years.js';
import { TARGETS } from './data/targets.js';
import { UNITS } from './data/units.js';
import { DEMO_PASSWORD, DEMO_USERS } from './data/users.js';

export interface SeedReport {
  units: number;
  planAreas: number;
  fundingSources: number;
  fiscalYears: number;
  estimates: number;
  lines: number;
  users: number;
}

/** Inserts rows given as column → value maps; returns how many were new. */
async function insertAll(manager: EntityManager, table: string, rows: readonly Record<string, unknown>[], conflictKey: string): Promise<number> {
  let inserted = 0;
  for (const row of rows) {
    const columns = Object.keys(row);
    const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
    const result = await manager.query<unknown[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (${conflictKey}) DO NOTHING RETURNING 1`,
      columns.map((column) => row[column]),
    );
    inserted += result.length;
  }
  return inserted;
}

export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ count }] = await dataSource.query<[{ count: number }]>('SELECT COUNT(*)::int AS count FROM units');
  return count === 0;
}

/**
 * `demo` (default true): also the illustrative estimates and the demo users with the shared demo
 * password. Never in production: the organisation, catalog and years only.
 */
export async function seedDatabase(dataSource: DataSource, options: { demo?: boolean } = {}): Promise<SeedReport> {
  const demo = options.demo !== false;
  // One hash for the shared demo password: argon2 is slow on purpose.
  const demoHash = demo ? await hashPassword(DEMO_PASSWORD) : null;
  return dataSource.transaction(async (manager) => {
    const units = await insertAll(
      manager,
      'units',
      UNITS.map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        name_en: u.nameEn,
        kind: u.kind,
        budget_level: u.budgetLevel,
        parent_id: u.parentId,
        special_role: u.specialRole,
      })),
      'id',
    );
    // The units' chapter and budget-relationship code: filled where missing, so that a database
    // seeded before they existed gets them too (a code already set is never changed).
    for (const unit of UNIT_CLASSIFICATION) {
      await manager.query(
        `UPDATE units SET chapter_code = COALESCE(chapter_code, $2),
                          budget_relation_code = COALESCE(budget_relation_code, $3)
          WHERE id = $1 AND (chapter_code IS NULL OR budget_relation_code IS NULL)
            AND NOT EXISTS (SELECT 1 FROM units other WHERE other.budget_relation_code = $3 AND other.id <> $1)`,
        [unit.unitId, unit.chapterCode, unit.budgetRelationCode],
      );
    }
    // The state budget index is law, not demo data: seeded everywhere.
    await insertAll(
      manager,
      'budget_index_editions',
      BUDGET_INDEX_EDITIONS.map((e) => ({
        code: e.code,
        document: e.document,
        title: e.title,
        title_en: e.titleEn,
        valid_from_year: e.validFromYear,
        valid_to_year: e.validToYear,
        source: e.source,
      })),
      'code',
    );
    await insertAll(
      manager,
      'budget_chapters',
      BUDGET_CHAPTERS.map((c) => ({ edition_code: c.editionCode, code: c.code, name: c.name, name_en: c.nameEn, verification: c.verification, note: c.note })),
      'edition_code, code',
    );
    await insertAll(
      manager,
      'budget_sector_items',
      BUDGET_SECTOR_ITEMS.map((i) => ({
        edition_code: i.editionCode,
        loai: i.loai,
        khoan: i.khoan,
        loai_name: i.loaiName,
        name: i.name,
        name_en: i.nameEn,
        verification: i.verification,
        note: i.note,
      })),
      'edition_code, khoan',
    );
    await insertAll(
      manager,
      'budget_economic_items',
      BUDGET_ECONOMIC_ITEMS.map((i) => ({
        edition_code: i.editionCode,
        muc: i.muc,
        tieu_muc: i.tieuMuc,
        muc_name: i.mucName,
        name: i.name,
        name_en: i.nameEn,
        verification: i.verification,
        note: i.note,
      })),
      'edition_code, tieu_muc',
    );
    const planAreas = await insertAll(
      manager,
      'plan_areas',
      PLAN_AREAS.map((a) => ({ code: a.code, parent_code: a.parentCode, name: a.name, name_en: a.nameEn, sort_order: a.sortOrder })),
      'code',
    );
    const fundingSources = await insertAll(
      manager,
      'funding_sources',
      FUNDING_SOURCES.map((s) => ({
        code: s.code,
        name: s.name,
        name_en: s.nameEn,
        budget_level: s.budgetLevel,
        is_state_budget: s.isStateBudget,
        counts_toward_floor_by_default: s.countsTowardFloorByDefault,
        sort_order: s.sortOrder,
      })),
      'code',
    );
    await insertAll(
      manager,
      'expenditure_types',
      EXPENDITURE_TYPES.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, balanced_by: t.balancedBy, sort_order: t.sortOrder })),
      'code',
    );
    await insertAll(
      manager,
      'activity_kinds',
      ACTIVITY_KINDS.map((k) => ({ code: k.code, name: k.name, name_en: k.nameEn, sort_order: k.sortOrder })),
      'code',
    );
    const fiscalYears = await insertAll(
      manager,
      'fiscal_years',
      FISCAL_YEARS.map((y) => ({
        year: y.year,
        plan_period: y.planPeriod,
        submission_deadline: y.submissionDeadline,
        balancing_deadline: y.balancingDeadline,
        committee_deadline: y.committeeDeadline,
        late_submission_policy: y.lateSubmissionPolicy,
        total_local_expenditure: y.totalLocalExpenditure,
        floor_ratio: y.floorRatio,
        floor_sources: [...y.floorSources],
        floor_policy: y.floorPolicy,
        illustrative: y.illustrative,
      })),
      'year',
    );
    // The plan's targets are not demo data: seeded everywhere (the report leaves them out, as it does the catalog's other tables).
    await insertAll(
      manager,
      'plan_targets',
      TARGETS.map((t) => ({
        id: t.id,
        plan_period: t.planPeriod,
        code: t.code,
        position: t.position,
        indicator: t.indicator,
        indicator_en: t.indicatorEn,
        measure_unit: t.measureUnit,
        target_value: t.targetValue,
        direction: t.direction,
        aggregation: t.aggregation,
        unit_kinds: [...t.unitKinds],
        scale: t.scale,
        numerator_label: t.numeratorLabel,
        numerator_label_en: t.numeratorLabelEn,
        denominator_label: t.denominatorLabel,
        denominator_label_en: t.denominatorLabelEn,
        numerator_capped: t.numeratorCapped,
        value_max: t.valueMax,
        whole_values: t.wholeValues,
        source: t.source,
      })),
      'plan_period, code',
    );
    const estimates = await insertAll(
      manager,
      'estimates',
      (demo ? DEMO_ESTIMATES : []).map((e) => ({ id: e.id, unit_id: e.unitId, year: e.year, status: 'DRAFT', illustrative: true })),
      'id',
    );
    const lines = await insertAll(
      manager,
      'estimate_lines',
      (demo ? DEMO_ESTIMATES : []).flatMap((e) =>
        e.lines.map((l) => ({
          id: l.id,
          estimate_id: e.id,
          line_no: l.lineNo,
          is_continuing: l.isContinuing,
          plan_area_code: l.planAreaCode,
          expenditure_type_code: l.expenditureTypeCode,
          funding_source_code: l.fundingSourceCode,
          activity_kind_code: l.activityKindCode,
          description: l.description,
          measure_unit: l.measureUnit,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          amount: lineAmount(l.quantity, BigInt(l.unitPrice)).toString(),
          multi_year_total: l.multiYearTotal,
          funded_to_prev2: l.fundedToPrev2,
          prev_year_estimate: l.prevYearEstimate,
          prev_year_expected: l.prevYearExpected,
          projection_next1: l.projectionNext1,
          projection_next2: l.projectionNext2,
          priority_tier: l.priorityTier,
          committed_minimum: l.committedMinimum,
          justification: l.justification,
          loai_khoan: l.loaiKhoan,
          muc_tieu_muc: l.mucTieuMuc,
        })),
      ),
      'id',
    );
    const users = demoHash
      ? await insertAll(
          manager,
          'users',
          DEMO_USERS.map((u) => ({ id: u.id, username: u.username, password_hash: demoHash, full_name: u.fullName, role: u.role, unit_id: u.unitId })),
          'id',
        )
      : 0;
    return { units, planAreas, fundingSources, fiscalYears, estimates, lines, users };
  });
}
