/**
 * Thrown inside an edit's transaction once the edit has passed every check (who, state, version)
 * and turned out to change nothing: it rolls the transaction back, so there is no version bump and
 * no audit event, and whatever a change would reset (DIC's review of a line) is kept. The caller
 * catches it outside the transaction (see `unlessNothingChanged`) and answers with the record as it is.
 */
export class NothingChanged extends Error {
  constructor() {
    super('nothing changed');
  }
}

/**
 * Runs an edit; when it throws NothingChanged, answers `current()` instead (read after the rollback).
 * @param edit the transaction doing the edit
 * @param current reads the record as stored
 */
export async function unlessNothingChanged<T>(edit: () => Promise<T>, current: () => Promise<T>): Promise<T> {
  try {
    return await edit();
  } catch (error) {
    if (error instanceof NothingChanged) return current();
    throw error;
  }
}
