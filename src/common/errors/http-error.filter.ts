import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, type DomainErrorKind, type FieldProblem } from './domain-error.js';

/** The one error shape of the API (DESIGN.md section 8). */
export interface ErrorBody {
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
const STATUS_BY_SQLSTATE: Record<string, { status: HttpStatus; message: string }> = {
  '23505': { status: HttpStatus.CONFLICT, message: 'A record with the same key already exists' },
  '23503': { status: HttpStatus.CONFLICT, message: 'A referenced record does not exist or is still in use' },
  '40001': { status: HttpStatus.CONFLICT, message: 'Concurrent change, please retry' },
  '40P01': { status: HttpStatus.CONFLICT, message: 'Concurrent change, please retry' },
  '23514': { status: HttpStatus.BAD_REQUEST, message: 'A value breaks a rule of the data' },
  '23502': { status: HttpStatus.BAD_REQUEST, message: 'A required value is missing' },
  '22021': { status: HttpStatus.BAD_REQUEST, message: 'Text holds a character that cannot be stored (such as NUL)' },
  '22P05': { status: HttpStatus.BAD_REQUEST, message: 'Text holds a character that cannot be stored (such as NUL)' },
  '22007': { status: HttpStatus.BAD_REQUEST, message: 'Invalid date or time' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'Date or time out of range' },
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'Invalid value' },
  '22003': { status: HttpStatus.BAD_REQUEST, message: 'Value out of range' },
};

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
export function errorBody(exception: unknown): ErrorBody {
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
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const raw = exception.getResponse();
    const details = typeof raw === 'object' && raw !== null && 'details' in raw ? (raw.details as FieldProblem[]) : undefined;
    return {
      statusCode,
      error: reasonPhrase(statusCode),
      message: exception.message,
      ...(details ? { details } : {}),
    };
  }
  if (exception instanceof QueryFailedError) {
    const sqlState = (exception.driverError as { code?: string } | undefined)?.code;
    const mapped = sqlState ? STATUS_BY_SQLSTATE[sqlState] : undefined;
    if (mapped) return { statusCode: mapped.status, error: reasonPhrase(mapped.status), message: mapped.message };
  }
  // Body-parser errors (malformed JSON, body too large) arrive as plain errors with a status.
  const status = (exception as { status?: unknown; type?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'Request body too large' : 'Malformed request body';
    return { statusCode: status, error: reasonPhrase(status), message };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
}
/** Maps every error to the one error shape; internals of unexpected errors never reach the client. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
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
