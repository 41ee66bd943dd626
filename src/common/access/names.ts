// Names beside ids: what a person reads wherever an answer carries a user's or a unit's id
// (createdBy → createdByName, unitId → unitCode and unitName). One definition of how a person is
// named: the full name, else the username.
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** SQL for the name of the user row aliased `alias`: the full name, else the username. */
export const personNameSql = (alias: string): string => `COALESCE(NULLIF(${alias}.full_name, ''), ${alias}.username)`;

/** The names of the given users by id (nulls and unknown ids are left out). */
export async function personNames(manager: Queryable, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await manager.query<{ id: string; name: string }[]>(`SELECT u.id, ${personNameSql('u')} AS name FROM users u WHERE u.id = ANY($1::uuid[])`, [wanted]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The code and name of the given units by id (nulls and unknown ids are left out). */
export async function unitNames(manager: Queryable, ids: readonly (string | null | undefined)[]): Promise<Map<string, { code: string; name: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await manager.query<{ id: string; code: string; name: string }[]>('SELECT id, code, name FROM units WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((row) => [row.id, { code: row.code, name: row.name }]));
}
