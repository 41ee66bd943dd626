// Domain errors carry a kind and a stable code; one HTTP filter maps kinds to statuses.
// Plain TypeScript so that domain rules throw them without importing the framework.
import { entityNameVi, message } from './messages.js';

export type DomainErrorKind = 'INVALID' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'TOO_LARGE' | 'UNPROCESSABLE' | 'TOO_MANY_REQUESTS';

/** One problem with one field of the input (or one cell of a workbook). */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
  row?: number;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  /** The message repeats each problem, so that a client showing only the message still names the field. */
  constructor(details: readonly FieldProblem[]) {
    super('INVALID', 'INVALID_INPUT', details.map((d) => (d.message.startsWith(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; '), details);
  }

  static of(field: string, message: string, code = 'INVALID'): InvalidInputError {
    return new InvalidInputError([{ field, code, message: `${field}: ${message}` }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string | number) {
    super('NOT_FOUND', 'NOT_FOUND', message('NOT_FOUND', { entity: entityNameVi(entity), entityEn: entity, id }));
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('CONFLICT', code, message);
  }

  static staleVersion(entity: string, expected: number): ConflictError {
    return new ConflictError('STALE_VERSION', message('STALE_VERSION', { entity: entityNameVi(entity), entityEn: entity, expected }));
  }
}
