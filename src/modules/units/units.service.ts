import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { type BudgetLevel, type SpecialRole, Unit, type UnitKind } from './entities/unit.entity.js';
import type { ListUnitsQuery } from './dto/list-units.query.js';

export interface UnitDetail extends Unit {
  parent: Pick<Unit, 'id' | 'code' | 'name' | 'nameEn'> | null;
  children: Unit[];
}

/** What other modules read of a unit: its names and codes (the registry's public face). */
export interface UnitName {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  /** The budget level the unit's spending belongs to. */
  budgetLevel: BudgetLevel;
  parentId: string | null;
  /** Mã số ĐVQHNS (7 digits); null until registered. */
  budgetRelationCode: string | null;
  /** Chương of the budget index (3 digits); null until registered. */
  chapterCode: string | null;
}

/** Something that runs SQL: the data source's manager or a transaction's (to read in its snapshot). */
type Reader = Pick<EntityManager, 'query'>;

const NAME_COLUMNS = `id, code, name, name_en AS "nameEn", kind, budget_level AS "budgetLevel", parent_id AS "parentId",
  budget_relation_code AS "budgetRelationCode", chapter_code AS "chapterCode"`;

/**
 * The unit registry. Owns `units`; other modules read it only through this service (DESIGN.md
 * section 1, "ownership"): names by id, the units of a kind, a unit's scope. Each read takes an
 * optional `manager` so that a caller inside a transaction reads in its snapshot, on its connection.
 */
@Injectable()
export class UnitsService {
  constructor(@InjectRepository(Unit) private readonly units: Repository<Unit>) {}

  list(query: ListUnitsQuery): Promise<Unit[]> {
    const where: FindOptionsWhere<Unit> = {};
    if (query.kind) where.kind = query.kind;
    if (query.budgetLevel) where.budgetLevel = query.budgetLevel;
    if (query.parentId) where.parentId = query.parentId;
    return this.units.find({ where, order: { code: 'ASC' } });
  }

  async get(id: string): Promise<UnitDetail> {
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw new NotFoundError('Unit', id);
    const [parent, children] = await Promise.all([
      unit.parentId ? this.units.findOneBy({ id: unit.parentId }) : Promise.resolve(null),
      this.units.find({ where: { parentId: id }, order: { code: 'ASC' } }),
    ]);
    return {
      ...unit,
      parent: parent && { id: parent.id, code: parent.code, name: parent.name, nameEn: parent.nameEn },
      children,
    };
  }

  async exists(id: string, manager: Reader = this.units.manager): Promise<boolean> {
    return (await this.existing([id], manager)).has(id);
  }

  /** Which of `ids` are registered units (a set of ids; malformed ids are simply absent). */
  async existing(ids: readonly string[], manager: Reader = this.units.manager): Promise<Set<string>> {
    return new Set((await this.namesOf(ids, manager)).keys());
  }

  /** Names and codes by unit id; ids of unknown units are absent. */
  async namesOf(ids: readonly string[], manager: Reader = this.units.manager): Promise<Map<string, UnitName>> {
    const unique = [...new Set(ids)].filter(isUuid);
    if (unique.length === 0) return new Map();
    const rows = await manager.query<UnitName[]>(`SELECT ${NAME_COLUMNS} FROM units WHERE id = ANY($1::uuid[])`, [unique]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Names and codes of the units of `ids`, ordered by code as SQL orders it (to list them as the registry does); unknown ids are absent. */
  async namesByCode(ids: readonly string[], manager: Reader = this.units.manager): Promise<UnitName[]> {
    const unique = [...new Set(ids)].filter(isUuid);
    if (unique.length === 0) return [];
    return manager.query<UnitName[]>(`SELECT ${NAME_COLUMNS} FROM units WHERE id = ANY($1::uuid[]) ORDER BY code, id`, [unique]);
  }

  /** One unit's names and codes, or null when there is no such unit. */
  async nameOf(id: string, manager: Reader = this.units.manager): Promise<UnitName | null> {
    return (await this.namesOf([id], manager)).get(id) ?? null;
  }

  /** The unit holding a special role (PPC, DIC, DOF, DPI: at most one each), or null when none holds it. */
  async withRole(role: SpecialRole, manager: Reader = this.units.manager): Promise<UnitName | null> {
    const [unit] = await manager.query<UnitName[]>(`SELECT ${NAME_COLUMNS} FROM units WHERE special_role = $1`, [role]);
    return unit ?? null;
  }

  /** Every unit (or every unit of `kind`), by code: 13,000 rows at national scale, a few MB. */
  async directory(kind?: UnitKind, manager: Reader = this.units.manager): Promise<UnitName[]> {
    return kind === undefined
      ? manager.query<UnitName[]>(`SELECT ${NAME_COLUMNS} FROM units ORDER BY code, id`)
      : manager.query<UnitName[]>(`SELECT ${NAME_COLUMNS} FROM units WHERE kind = $1 ORDER BY code, id`, [kind]);
  }

  /**
   * A fingerprint of the whole registry: every unit by id and row version (`xmin`), hashed (64 bits)
   * and summed, with the count. Any insert, update or delete of a unit changes it (but for a 2^-64
   * chance of two changes cancelling out); read in the same snapshot as an answer built from
   * `directory()` or `namesOf()`, it tells whether that answer still holds.
   */
  async fingerprint(manager: Reader = this.units.manager): Promise<string> {
    const [{ fingerprint }] = await manager.query<[{ fingerprint: string }]>(
      `SELECT count(*)::text || ':' || COALESCE(sum(hashtextextended(id::text || '/' || xmin::text, 0)), 0)::text AS fingerprint FROM units`,
    );
    return fingerprint;
  }

  /** A unit and every unit under it (a district and its communes), as ids; empty for an unknown unit. */
  async scopeOf(unitId: string, manager: Reader = this.units.manager): Promise<string[]> {
    if (!isUuid(unitId)) return [];
    const rows = await manager.query<{ id: string }[]>(
      `WITH RECURSIVE scope AS (
         SELECT id FROM units WHERE id = $1
         UNION ALL SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id)
       SELECT id FROM scope`,
      [unitId],
    );
    return rows.map((row) => row.id);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL refuses a malformed uuid with an error; such an id names no unit. */
function isUuid(id: string): boolean {
  return UUID.test(id);
}
