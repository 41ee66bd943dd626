// Names beside ids: what a person reads wherever an answer carries a user's id (createdBy →
// createdByName). The users table is the auth module's: the names come from its `people()`, passed
// in as a lookup, and one rule says how a person is named — the full name, else the username.

/** Users by id as the auth module answers them (`AuthService.people`). */
export type People = ReadonlyMap<string, { username: string; fullName: string }>;
export type PeopleLookup = (userIds: readonly string[]) => Promise<People>;

/** The name a person is shown by: the full name, else the username; null for no one or an unknown id. */
export function personName(people: People, userId: string | null | undefined): string | null {
  const person = userId ? people.get(userId) : undefined;
  return person ? person.fullName || person.username : null;
}

/**
 * The rows with `<column>_name` beside each user-id column named (null where the id is null or
 * unknown), in one lookup for all rows.
 */
export async function withPersonNames<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[], people: PeopleLookup): Promise<T[]> {
  const idOf = (row: T, column: keyof T & string) => row[column] as unknown;
  const ids = rows.flatMap((row) => columns.map((column) => idOf(row, column)).filter((id): id is string => typeof id === 'string'));
  const found = ids.length > 0 ? await people(ids) : new Map();
  return rows.map((row) => ({ ...row, ...Object.fromEntries(columns.map((column) => [`${column}_name`, personName(found, idOf(row, column) as string | null)])) }));
}
