import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError } from '../../common/errors/domain-error.js';
import { normaliseDecimal } from '../../common/money/vnd.js';
import { message } from '../../common/errors/messages.js';
import { dateNearYearProblem } from '../../common/time/decision-date.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import type { Actor } from '../../common/access/actor.js';
import { HALVES, type Half } from './domain/progress-rules.js';
import type { ProgressDeadlineDto, ProvinceValueDto } from './dto/monitoring.dto.js';
import {
  assertYearInPeriod,
  type Deadline,
  deadlineOf,
  type PlanPeriod,
  planPeriod,
  planPeriods,
  periodTargets,
  targetByCode,
  type TargetView,
} from './monitoring-data.js';
import { outOfBounds, valueBounds } from './domain/targets.js';

/** 400 naming `version`: a value exists (at version `current`) and the request did not say which it replaces. */
function versionRequired(current: number): InvalidInputError {
  return new InvalidInputError([{ field: 'version', code: 'VERSION_REQUIRED', message: message('VERSION_REQUIRED', { current }) }]);
}

/**
 * 400 naming `value` when a province value is outside what the target's value can be (valueBounds:
 * a rank is a whole number from 1, a count of the 13 listed key databases 0..13): such a value
 * would be counted as met. Codes NOT_WHOLE, TOO_SMALL, TOO_BIG.
 */
function assertWithinBounds(target: TargetView, value: string): void {
  const bounds = valueBounds(target);
  const problem = outOfBounds(value, bounds);
  if (problem === null) return;
  const range = bounds.max === null ? `≥ ${bounds.min}` : `${bounds.min}–${bounds.max}`;
  const kind = bounds.whole ? { vi: 'số nguyên ', en: 'whole number ' } : { vi: 'số ', en: 'number ' };
  throw InvalidInputError.of(
    'value',
    `chỉ tiêu ${target.code} nhận ${kind.vi}${range}, không nhận ${value} / target ${target.code} takes a ${kind.en}${range}, not ${value}`,
    problem,
  );
}

export interface ProvinceValueView {
  targetId: string;
  targetCode: string;
  year: number;
  half: Half;
  value: string;
  note: string;
  version: number;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Date;
}

/** Plan periods, their targets, DIC's province-level values and the reporting calendar. */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly fiscalYears: FiscalYearsService,
  ) {}

  async periods(): Promise<(PlanPeriod & { targetCount: number })[]> {
    const periods = await planPeriods(this.fiscalYears, this.dataSource.manager);
    const counts = await this.dataSource.query<{ plan_period: string; count: number }[]>(
      'SELECT plan_period, COUNT(*)::int AS count FROM plan_targets GROUP BY plan_period',
    );
    const countOf = new Map(counts.map((row) => [row.plan_period, row.count]));
    return periods.map((period) => ({ ...period, targetCount: countOf.get(period.id) ?? 0 }));
  }

  async period(id: string): Promise<PlanPeriod & { targets: TargetView[] }> {
    const period = await planPeriod(this.fiscalYears, this.dataSource.manager, id);
    return { ...period, targets: await periodTargets(this.dataSource.manager, id) };
  }

  async targets(periodId: string): Promise<TargetView[]> {
    await planPeriod(this.fiscalYears, this.dataSource.manager, periodId);
    return periodTargets(this.dataSource.manager, periodId);
  }

  async target(periodId: string, code: string): Promise<TargetView & { provinceValues: ProvinceValueView[] }> {
    const target = await targetByCode(this.dataSource.manager, periodId, code);
    return { ...target, provinceValues: await this.provinceValues(periodId, code) };
  }

  async provinceValues(periodId: string, code: string): Promise<ProvinceValueView[]> {
    const target = await targetByCode(this.dataSource.manager, periodId, code);
    const values = await this.dataSource.query<{ year: number; half: Half; value: string; note: string; version: number; recorded_by: string; recorded_at: Date }[]>(
      `SELECT v.year, v.half, v.value::text AS value, v.note, v.version, v.recorded_by, v.recorded_at
         FROM target_province_values v
        WHERE v.target_id = $1 ORDER BY v.year, v.half`,
      [target.id],
    );
    // Who recorded each value (a foreign key to a user): the username, from the auth module.
    const people = await this.auth.people(values.map((row) => row.recorded_by));
    const rows = values.flatMap((row) => {
      const person = people.get(row.recorded_by);
      // Named as everywhere: the full name, else the username (common/access/names.ts).
      return person ? [{ ...row, username: person.username, recorded_by_name: person.fullName || person.username }] : [];
    });
    return rows.map((row) => ({
      targetId: target.id,
      targetCode: target.code,
      year: row.year,
      half: row.half,
      value: normaliseDecimal(row.value),
      note: row.note,
      version: row.version,
      recordedBy: row.username,
      recordedByName: row.recorded_by_name,
      recordedAt: row.recorded_at,
    }));
  }

  /**
   * DIC records a province-level value (key databases built, ICT-Index rank) for a half-year. A new
   * value is given without `version`; replacing one needs the version it replaces (stale: 409).
   */
  async recordProvinceValue(periodId: string, code: string, dto: ProvinceValueDto, actor: Actor): Promise<ProvinceValueView> {
    const period = await planPeriod(this.fiscalYears, this.dataSource.manager, periodId);
    const target = await targetByCode(this.dataSource.manager, periodId, code);
    if (target.aggregation !== 'PROVINCE_VALUE') {
      throw new ConflictError(
        'NOT_A_PROVINCE_TARGET',
        `Chỉ tiêu ${code} được tính từ báo cáo của các đơn vị / target ${code} is computed from the units' reports, not recorded for the province`,
      );
    }
    assertYearInPeriod(period, dto.year);
    assertWithinBounds(target, dto.value);
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query<{ value: string; version: number }[]>(
        'SELECT value::text AS value, version FROM target_province_values WHERE target_id = $1 AND year = $2 AND half = $3 FOR UPDATE',
        [target.id, dto.year, dto.half],
      );
      if (dto.version === undefined) {
        if (before) throw versionRequired(before.version);
        await manager.query('INSERT INTO target_province_values (target_id, year, half, value, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)', [
          target.id,
          dto.year,
          dto.half,
          dto.value,
          dto.note ?? '',
          actor.userId,
        ]);
      } else {
        const [updated] = await manager.query<[unknown[], number]>(
          `UPDATE target_province_values SET value = $4, note = $5, recorded_by = $6, recorded_at = now(), version = version + 1
            WHERE target_id = $1 AND year = $2 AND half = $3 AND version = $7 RETURNING 1`,
          [target.id, dto.year, dto.half, dto.value, dto.note ?? '', actor.userId, dto.version],
        );
        if (updated.length !== 1) throw ConflictError.staleVersion('Province value', dto.version);
      }
      await this.audit.record(manager, {
        actor,
        unitId: null,
        entityType: 'plan_target',
        entityId: target.id,
        action: 'target.province_value',
        before: before ? { year: dto.year, half: dto.half, value: normaliseDecimal(before.value) } : null,
        after: { year: dto.year, half: dto.half, value: normaliseDecimal(dto.value), note: dto.note ?? '' },
      });
    });
    const values = await this.provinceValues(periodId, code);
    return values.find((v) => v.year === dto.year && v.half === dto.half)!;
  }

  async deadlines(year: number): Promise<{ year: number; deadlines: Deadline[] }> {
    await this.fiscalYears.assertExists(year);
    return { year, deadlines: await Promise.all(HALVES.map((half) => deadlineOf(this.dataSource.manager, year, half))) };
  }

  /**
   * A year's own deadline for a half-year's reports (DIC guides the reporting). Flags already set
   * at submission stay as they were.
   */
  async setDeadline(year: number, half: Half, dto: ProgressDeadlineDto, actor: Actor): Promise<Deadline> {
    await this.fiscalYears.assertExists(year);
    if (!(HALVES as readonly number[]).includes(half)) throw InvalidInputError.of('half', 'phải là 1 hoặc 2 / must be 1 or 2', 'INVALID_HALF');
    const floor = `${year}-${half === 1 ? '06-30' : '12-31'}`;
    if (dto.dueDate <= floor) {
      throw InvalidInputError.of('dueDate', `phải sau ngày kết thúc kỳ báo cáo (${floor}) / must fall after the half-year ends (${floor})`, 'DEADLINE_TOO_EARLY');
    }
    // Near the year, as every date of a year (2099-12-31 is a typo).
    const far = dateNearYearProblem('dueDate', dto.dueDate, year);
    if (far) throw new InvalidInputError([far]);
    await this.dataSource.transaction(async (manager) => {
      const before = await deadlineOf(manager, year, half);
      if (dto.version === undefined) {
        if (before.version !== null) throw versionRequired(before.version);
        const inserted = await manager.query<unknown[]>(
          'INSERT INTO progress_deadlines (year, half, due_date, updated_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
          [year, half, dto.dueDate, actor.userId],
        );
        // Another deadline was set meanwhile: the change must now name the version it replaces.
        if (inserted.length !== 1) throw new ConflictError('VERSION_REQUIRED', message('VERSION_REQUIRED', { current: 1 }));
      } else {
        const [updated] = await manager.query<[unknown[], number]>(
          `UPDATE progress_deadlines SET due_date = $3, updated_by = $4, updated_at = now(), version = version + 1
            WHERE year = $1 AND half = $2 AND version = $5 RETURNING 1`,
          [year, half, dto.dueDate, actor.userId, dto.version],
        );
        if (updated.length !== 1) throw ConflictError.staleVersion('Progress deadline', dto.version);
      }
      await this.audit.record(manager, {
        actor,
        unitId: null,
        entityType: 'progress_deadline',
        entityId: `${year}-${half}`,
        action: 'progress.deadline',
        before: { dueDate: before.dueDate, isDefault: before.isDefault },
        after: { dueDate: dto.dueDate },
      });
    });
    return deadlineOf(this.dataSource.manager, year, half);
  }

  /** The code and indicator (Vietnamese) of each plan target, by id (uuids); unknown ids are absent. */
  async labelsOf(ids: readonly string[], manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<Map<string, { code: string; indicator: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; code: string; indicator: string }[]>('SELECT id, code, indicator FROM plan_targets WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, { code: row.code, indicator: row.indicator }]));
  }
}
