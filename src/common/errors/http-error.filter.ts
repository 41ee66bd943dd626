import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, type DomainErrorKind, type ErrorContext, type FieldProblem } from './domain-error.js';
import { MESSAGES, message, type MessageCode } from './messages.js';

/** The one error shape of the API (DESIGN.md section 8), with machine fields (ErrorContext) where known. */
export interface ErrorBody extends ErrorContext {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: readonly FieldProblem[];
}

const STATUS_BY_KIND: Record<DomainErrorKind, HttpStatus> = {
  INVALID: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNPROCESSABLE: HttpStatus.UNPROCESSABLE_ENTITY,
};

// PostgreSQL errors that a client's request can provoke, and what they mean to the client.
const STATUS_BY_SQLSTATE: Record<string, { status: HttpStatus; code: MessageCode }> = {
  '23505': { status: HttpStatus.CONFLICT, code: 'DUPLICATE_KEY' },
  '23503': { status: HttpStatus.CONFLICT, code: 'REFERENCE_VIOLATION' },
  '40001': { status: HttpStatus.CONFLICT, code: 'CONCURRENT_CHANGE' },
  '40P01': { status: HttpStatus.CONFLICT, code: 'CONCURRENT_CHANGE' },
  '23514': { status: HttpStatus.BAD_REQUEST, code: 'CHECK_VIOLATION' },
  '23502': { status: HttpStatus.BAD_REQUEST, code: 'VALUE_MISSING' },
  '22021': { status: HttpStatus.BAD_REQUEST, code: 'UNSTORABLE_CHARACTER' },
  '22P05': { status: HttpStatus.BAD_REQUEST, code: 'UNSTORABLE_CHARACTER' },
  '22007': { status: HttpStatus.BAD_REQUEST, code: 'INVALID_DATE' },
  '22008': { status: HttpStatus.BAD_REQUEST, code: 'DATE_OUT_OF_RANGE' },
  '22P02': { status: HttpStatus.BAD_REQUEST, code: 'INVALID_DATA_VALUE' },
  '22003': { status: HttpStatus.BAD_REQUEST, code: 'OUT_OF_RANGE' },
};

/** The code of an HTTP error raised by the framework (not by the domain), by status. */
const CODE_BY_STATUS: Partial<Record<number, MessageCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'FILE_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/** What the filter knows of the request: the path parameters, to name the one a pipe refused. */
export interface RequestContext {
  params?: Record<string, string>;
  method?: string;
  url?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A framework HttpException in the catalog's words, with a code. Path pipes (ParseUUIDPipe,
 * ParseIntPipe) say only "Validation failed (uuid is expected)": the refused parameter is the one
 * whose value is not of the expected form, and the answer names it.
 */
function frameworkError(statusCode: number, text: string, request: RequestContext | undefined): { code: string; message: string; details?: FieldProblem[] } {
  const params = Object.entries(request?.params ?? {});
  if (text === 'Validation failed (uuid is expected)') {
    const field = params.find(([, value]) => !UUID.test(value))?.[0] ?? 'id';
    const text = message('INVALID_ID', { property: field });
    return { code: 'INVALID_ID', message: text, details: [{ field, code: 'INVALID_ID', message: text }] };
  }
  if (text === 'Validation failed (numeric string is expected)') {
    const field = params.find(([, value]) => !/^-?\d+$/.test(value))?.[0] ?? 'id';
    const text = message('INVALID_NUMBER_PARAM', { property: field });
    return { code: 'INVALID_NUMBER_PARAM', message: text, details: [{ field, code: 'INVALID_NUMBER_PARAM', message: text }] };
  }
  // A body the JSON parser could not read (Nest passes body-parser's SyntaxError on as a 400).
  if (statusCode === 400 && /JSON|Unexpected (token|end)|Expected .* after/i.test(text)) return { code: 'MALFORMED_BODY', message: message('MALFORMED_BODY') };
  const code = CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST';
  // A text the project wrote is already "vi / en"; the framework's own (e.g. "Cannot GET /x") gets the catalog's.
  if (text.includes(' / ')) return { code, message: text };
  if (code === 'ROUTE_NOT_FOUND') {
    const route = /^Cannot (.*)$/.exec(text)?.[1] ?? `${request?.method ?? ''} ${request?.url ?? ''}`.trim();
    return { code, message: message(code, { route }) };
  }
  return { code, message: `${MESSAGES[code].vi} / ${text}` };
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The error shape of any error: what the API answers, and what a failed job keeps. */
export function errorBody(exception: unknown, request?: RequestContext): ErrorBody {
  // A domain error thrown inside Express middleware (the JSON guard in the body parser) reaches
  // here wrapped by Nest in an HttpException: answer the domain error itself, code and details.
  if (exception instanceof HttpException && exception.cause instanceof DomainError) return errorBody(exception.cause);
  if (exception instanceof DomainError) {
    const statusCode = STATUS_BY_KIND[exception.kind];
    return {
      statusCode,
      error: reasonPhrase(statusCode),
      message: exception.message,
      code: exception.code,
      ...(exception.details ? { details: exception.details } : {}),
      ...exception.context,
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const raw = exception.getResponse();
    const details = typeof raw === 'object' && raw !== null && 'details' in raw ? (raw.details as FieldProblem[]) : undefined;
    const ownCode = typeof raw === 'object' && raw !== null && 'code' in raw && typeof raw.code === 'string' ? raw.code : undefined;
    if (ownCode) return { statusCode, error: reasonPhrase(statusCode), message: exception.message, code: ownCode, ...(details ? { details } : {}) };
    const mapped = frameworkError(statusCode, exception.message, request);
    const allDetails = details ?? mapped.details;
    return {
      statusCode,
      error: reasonPhrase(statusCode),
      message: mapped.message,
      code: mapped.code,
      ...(allDetails ? { details: allDetails } : {}),
    };
  }
  if (exception instanceof QueryFailedError) {
    const sqlState = (exception.driverError as { code?: string } | undefined)?.code;
    const mapped = sqlState ? STATUS_BY_SQLSTATE[sqlState] : undefined;
    if (mapped) return { statusCode: mapped.status, error: reasonPhrase(mapped.status), message: message(mapped.code), code: mapped.code };
  }
  // Body-parser errors (malformed JSON, body too large) arrive as plain errors with a status.
  const status = (exception as { status?: unknown; type?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code: MessageCode = status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'MALFORMED_BODY';
    return { statusCode: status, error: reasonPhrase(status), message: message(code), code };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: message('INTERNAL_ERROR'), code: 'INTERNAL_ERROR' };
}
/** Maps every error to the one error shape; internals of unexpected errors never reach the client. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = errorBody(exception, host.switchToHttp().getRequest<RequestContext>());
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // Any error that knows when to come back (sign-in limits, busy gates) says so in the header.
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    return errorBody(exception);
  }

}
