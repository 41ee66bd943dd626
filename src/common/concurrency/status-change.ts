// The one versioned, conditional status change that every state machine uses (estimates, the
// consolidated budget, support rounds, balancing runs, progress reports, a year's settings): a single
// UPDATE that moves the status and the version together, only from the allowed statuses and only at
// the version the client saw. Of two concurrent attempts the second waits for the first's row lock,
// then matches no row and gets 409 — which 409 is told by reading the row again.
import type { EntityManager } from 'typeorm';
import { ConflictError, type DomainError, NotFoundError } from '../errors/domain-error.js';

/** SQL written by the code (never by a client) for a column's new value, e.g. `now()`. */
export class SqlText {
  constructor(readonly sql: string) {}
}

/** A column set to the database's `now()`, never confused with text a user typed. */
export const NOW = new SqlText('now()');

export interface StatusChange {
  /** The table; an identifier written in the code, never one a client sent. */
  table: string;
  /** The row, by column (snake_case) and value, e.g. `{ id }` or `{ year }`. */
  where: Readonly<Record<string, unknown>>;
  /**
   * The statuses the change may start from; absent, any (the table then needs no `status` column:
   * a versioned record without a life cycle of its own, such as a year's settings).
   */
  from?: readonly string[];
  /** The status it leads to; absent, the status stays (the version still moves on). */
  to?: string;
  /** The version the client based the change on; absent, any version. */
  version?: number;
  /** Other columns to set (snake_case): a value (a parameter), or `SqlText` such as `NOW`. */
  set?: Readonly<Record<string, unknown>>;
  /** Whether the table has an `updated_at` column to set to now() (default true). */
  touch?: boolean;
}

export interface StatusChangeErrors {
  /** How the record is named in a 404 and a stale-version 409, e.g. `Estimate`. */
  name: string;
  /** The 409 for a row found in a status the change cannot start from; required with `from`. */
  illegal?: (current: string) => DomainError;
  /** The error for no such row; by default 404 naming `name`. */
  missing?: () => DomainError;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const identifier = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  return name;
};

/**
 * Applies the change as one conditional UPDATE (status, version + 1, the columns in `set`) and
 * answers the changed row's new version. Errors: 404 `NotFoundError` when no such row; 409 from
 * `errors.illegal` when its status is not in `from` (given); 409 `STALE_VERSION` when the version moved.
 * Call it inside the transaction that holds whatever lock the state machine takes first.
 */
export async function changeStatus(manager: EntityManager, change: StatusChange, errors: StatusChangeErrors): Promise<number> {
  const { from } = change;
  const { illegal } = errors;
  if (from && !illegal) throw new Error(`changeStatus on ${change.table}: a change with 'from' needs errors.illegal`);
  const params: unknown[] = [];
  const value = (v: unknown): string => {
    if (v instanceof SqlText) return v.sql;
    params.push(v);
    return `$${params.length}`;
  };
  const sets = ['version = version + 1'];
  if (change.touch !== false) sets.push('updated_at = now()');
  if (change.to !== undefined) sets.push(`status = ${value(change.to)}`);
  for (const [column, v] of Object.entries(change.set ?? {})) sets.push(`${identifier(column)} = ${value(v)}`);
  const keys = Object.entries(change.where).map(([column, v]) => `${identifier(column)} = ${value(v)}`);
  const conditions = [...keys, ...(from ? [`status = ANY(${value([...from])})`] : [])];
  if (change.version !== undefined) conditions.push(`version = ${value(change.version)}`);
  // An UPDATE through TypeORM answers [rows, count].
  const [rows] = await manager.query<[{ version: number }[], number]>(
    `UPDATE ${identifier(change.table)} SET ${sets.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING version`,
    params,
  );
  if (rows.length === 1) return rows[0].version;
  const keyParams = Object.values(change.where);
  const [current] = await manager.query<{ status?: string; version: number }[]>(
    `SELECT ${from ? 'status, ' : ''}version FROM ${identifier(change.table)} WHERE ${Object.keys(change.where)
      .map((column, i) => `${identifier(column)} = $${i + 1}`)
      .join(' AND ')}`,
    keyParams,
  );
  if (!current) throw errors.missing?.() ?? new NotFoundError(errors.name, String(keyParams[0]));
  if (from && illegal && current.status !== undefined && !from.includes(current.status)) throw illegal(current.status);
  throw ConflictError.staleVersion(errors.name, change.version ?? current.version);
}
