import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidInputError } from '../errors/domain-error.js';
import { message } from '../errors/messages.js';

/** The optional Idempotency-Key header: 1–200 visible characters. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new InvalidInputError([{ field: 'Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY', message: message('INVALID_IDEMPOTENCY_KEY') }]);
  }
  return value;
});
