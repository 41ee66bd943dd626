import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '../errors/domain-error.js';
import { forbiddenKeyPaths } from './json-guard.js';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    // Array positions read as in JavaScript: candidates[2].asked.
    const field = /^[0-9]+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code,
      // The root of a request body has an empty property name; messages then start with a space.
      message: message.trim(),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const FORBIDDEN_KEY_MESSAGE = 'Trường $path không được phép / property $path should not exist';

/**
 * The global pipe, which first refuses `__proto__`, `constructor` and `prototype` keys anywhere in
 * a body or query, as it refuses every other unknown field (class-transformer would drop them).
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const paths = forbiddenKeyPaths(value);
      if (paths.length > 0) {
        const details = paths.map((field) => ({ field, code: 'whitelistValidation', message: FORBIDDEN_KEY_MESSAGE.replaceAll('$path', field) }));
        throw new BadRequestException({ message: details.map((d) => d.message).join('; '), details });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Global validation: unknown fields are rejected, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => (d.message.startsWith(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; ');
      return new BadRequestException({ message: message || 'Invalid input', details });
    },
  });
}
