import { type CallHandler, type ExecutionContext, HttpException, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { bilingual, texts } from '../errors/messages.js';

/** What @nestjs/swagger's `@ApiConsumes` stores on a route (DECORATORS.API_CONSUMES). */
const API_CONSUMES = 'swagger/apiConsumes';
const JSON_TYPE = 'application/json';
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries a body (a length above 0, or chunks). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body sent to a JSON route in another media type (`text/plain`, a form, none at all) is refused
 * with 415 `UNSUPPORTED_MEDIA_TYPE` naming the type expected, instead of reaching the validation pipe
 * as an empty or form-parsed object and failing there with a 400 about missing fields. Routes that
 * declare other media types with `@ApiConsumes` (the multipart workbook uploads) keep their own
 * checks. Runs after the guards (401 and 403 first) and before the pipes.
 */
@Injectable()
export class JsonContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!WITH_BODY.has(request.method) || !hasBody(request)) return next.handle();
    const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [context.getHandler(), context.getClass()]);
    if (consumes && !consumes.includes(JSON_TYPE)) return next.handle();
    const received = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (received === JSON_TYPE) return next.handle();
    const vi = texts('WRONG_CONTENT_TYPE', { expected: JSON_TYPE, received: received || 'một nội dung không ghi kiểu' }).vi;
    const en = texts('WRONG_CONTENT_TYPE', { expected: JSON_TYPE, received: received || 'a body without a type' }).en;
    const text = bilingual({ vi, en });
    throw new HttpException(
      { message: text, code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'Content-Type', code: 'UNSUPPORTED_MEDIA_TYPE', message: text }] },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}
