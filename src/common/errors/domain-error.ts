// Domain errors carry a kind and a stable code; one HTTP filter maps kinds to statuses.
// Plain TypeScript so that domain rules throw them without importing the framework.
import { entityNameVi, message } from './messages.js';
import { ACTION_WORDS, type CycleRecord, RECORD_WORDS, STATUS_WORDS, wordsOf } from './workflow-words.js';

export type DomainErrorKind = 'INVALID' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'TOO_LARGE' | 'UNPROCESSABLE' | 'TOO_MANY_REQUESTS';

/** One problem with one field of the input (or one cell of a workbook). */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
  row?: number;
}

/**
 * Machine fields of an error beside its words: the record (its English name and id), the version
 * the client sent, the action refused and the status the record is in. Clients that need them read
 * these; the message, which officials read, never carries a raw id, version or status code.
 */
export interface ErrorContext {
  entity?: string;
  id?: string;
  version?: number;
  action?: string;
  currentStatus?: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: readonly FieldProblem[],
    readonly context?: ErrorContext,
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

/**
 * 404: "Dự toán không tồn tại hoặc bạn không có quyền xem / Estimate not found". `entity` is the
 * record's English name (ENTITY_NAMES gives the Vietnamese); `id` goes to the body's `id` field. A
 * year (a number) is a name officials know and stays in the text: "Năm ngân sách 2013 …".
 */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string | number) {
    const named = typeof id === 'number' ? `${entity} ${id}` : entity;
    super('NOT_FOUND', 'NOT_FOUND', message('NOT_FOUND', { Entity: capitalise(entityNameVi(named)), EntityEn: capitalise(named) }), undefined, { entity, id: String(id) });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, context?: ErrorContext) {
    super('CONFLICT', code, message, undefined, context);
  }

  /** 409 STALE_VERSION: someone else changed the record; `expected` (the version sent) goes to the body's `version`. */
  static staleVersion(entity: string, expected: number): ConflictError {
    return new ConflictError('STALE_VERSION', message('STALE_VERSION', { entity: entityNameVi(entity), entityEn: lowerFirst(entity) }), { entity, version: expected });
  }

  /** 409 ILLEGAL_TRANSITION: "Không thể trả lại dự toán đang ở trạng thái “Đã phê duyệt”", action and status in words. */
  static illegalTransition(record: CycleRecord, action: string, current: string): ConflictError {
    const words = RECORD_WORDS[record];
    const act = wordsOf(ACTION_WORDS, action);
    const status = wordsOf(STATUS_WORDS, current);
    return new ConflictError(
      'ILLEGAL_TRANSITION',
      message('ILLEGAL_TRANSITION', { action: act.vi, actionEn: act.en, record: words.vi, recordEn: words.en, status: status.vi, statusEn: status.en }),
      { action, currentStatus: current },
    );
  }

  /** 409 NOT_EDITABLE: the record is not drafted or returned, its status in words. */
  static notEditable(record: CycleRecord, current: string): ConflictError {
    const words = RECORD_WORDS[record];
    const status = wordsOf(STATUS_WORDS, current);
    return new ConflictError(
      'NOT_EDITABLE',
      message('NOT_EDITABLE', { Record: capitalise(words.vi), RecordEn: capitalise(words.en.replace(/^an? /, 'The ')), status: status.vi, statusEn: status.en }),
      { currentStatus: current },
    );
  }
}
