import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '../errors/domain-error.js';
import { message, type MessageCode } from '../errors/messages.js';
import { forbiddenKeyPaths } from './json-guard.js';
import { INT4_MAX, INTEGER_TEXT_CONSTRAINT, YEAR_MAX, YEAR_MIN } from './validators.js';

// class-validator's own messages are English only; each constraint has a catalog entry instead,
// with the limits read from the English text ("must not be less than 1"). Messages the project's
// validators set themselves are already "vi / en" and are kept.
const CONSTRAINT_CODES: Readonly<Record<string, MessageCode>> = {
  whitelistValidation: 'UNKNOWN_PROPERTY',
  min: 'TOO_SMALL',
  max: 'TOO_BIG',
  isInt: 'NOT_INTEGER',
  isNumber: 'NOT_NUMBER',
  isPositive: 'TOO_SMALL',
  isString: 'NOT_STRING',
  isBoolean: 'NOT_BOOLEAN',
  isArray: 'NOT_ARRAY',
  isObject: 'NOT_OBJECT',
  nestedValidation: 'NOT_OBJECT',
  isNotEmpty: 'REQUIRED',
  isDefined: 'REQUIRED',
  arrayNotEmpty: 'TOO_FEW_ITEMS',
  isUuid: 'NOT_UUID',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  arrayMinSize: 'TOO_FEW_ITEMS',
};

/**
 * Which failed constraint of a field speaks for it: presence first, then the kind of value, then its
 * form, then everything else (ranges, lengths, the project's own rules). class-validator runs a
 * field's constraints in the order their decorators were registered (bottom-up for stacked
 * decorators, top-down inside `applyDecorators`), so with `stopAtFirstError` a missing `version`
 * read "không được nhỏ hơn 1" and the text "2013" for a year read "không được lớn hơn 2200". The
 * pipe gathers every failed constraint and picks by this rank instead, whatever the decorator order.
 */
const RANK: Readonly<Record<string, number>> = {
  whitelistValidation: 0,
  isDefined: 0,
  isString: 1,
  isInt: 1,
  isNumber: 1,
  isBoolean: 1,
  isArray: 1,
  isObject: 1,
  nestedValidation: 1,
  [INTEGER_TEXT_CONSTRAINT]: 1,
  isUuid: 2,
  isIn: 2,
  isEnum: 2,
  matches: 2,
  isIso8601: 2,
  isDateString: 2,
  isNotEmpty: 2,
  isNotEmptyObject: 2,
};
const OTHER_RANK = 3;

/** The constraint that speaks for a field: the lowest rank, the first registered among equals. */
export function leadingConstraint(constraints: Readonly<Record<string, string>>): [string, string] | undefined {
  let best: [string, string] | undefined;
  for (const entry of Object.entries(constraints)) {
    if (!best || (RANK[entry[0]] ?? OTHER_RANK) < (RANK[best[0]] ?? OTHER_RANK)) best = entry;
  }
  return best;
}

/** The problem of one failed constraint, in the catalog's words when class-validator wrote it. */
function problem(field: string, constraint: string, text: string): FieldProblem {
  const raw = text.trim();
  const code = CONSTRAINT_CODES[constraint];
  if (!code || raw.includes(' / ')) return { field, code: constraint, message: raw };
  const limit = /(?:less than|greater than|or equal to|no more than|at least) (\S+?)(?: characters| elements)?$/.exec(raw)?.[1] ?? (constraint === 'isPositive' ? '0' : '');
  const values = /following values: (.*)$/.exec(raw)?.[1] ?? '';
  const property = field || 'body';
  // The detail keeps class-validator's constraint name as its code (clients already key on it); the text is the catalog's.
  return { field, code: constraint, message: message(code, { property, limit, values }) };
}

/** A required field the request left out: `version không được để trống`, code `isDefined`. */
function missing(field: string): FieldProblem {
  return { field, code: 'isDefined', message: message('REQUIRED', { property: field || 'body' }) };
}

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    // Array positions read as in JavaScript: candidates[2].asked.
    const field = /^[0-9]+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    // One problem per field. A field left out whose kind of value was checked is named as missing (a
    // rule of the project's own, e.g. "either ceiling or ceilingsBySource", keeps its words). The base
    // pipe deletes `value` from errors with children: only a value present as undefined is missing.
    const leading = leadingConstraint(error.constraints ?? {});
    const left = Object.hasOwn(error, 'value') && error.value === undefined && leading !== undefined && (RANK[leading[0]] ?? OTHER_RANK) <= 2 && leading[0] !== 'whitelistValidation';
    const own = !leading ? [] : left ? [missing(field)] : [problem(field, leading[0], leading[1])];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** At most this many problems are listed in one 400 answer; its message counts the rest. */
export const MAX_REPORTED = 50;

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
        const details = paths.slice(0, MAX_REPORTED).map((field) => ({ field, code: 'whitelistValidation', message: FORBIDDEN_KEY_MESSAGE.replaceAll('$path', field) }));
        throw new BadRequestException({ message: details.map((d) => d.message).join('; '), code: 'INVALID_INPUT', details });
      }
    }
    return super.transform(value, metadata);
  }

  /**
   * A number named in the path or the query (`/fiscal-years/{year}`) is written in decimal digits
   * only. The base pipe converts with `+value`, which reads `0x7dc`, ` 2012`, `2012.0` and `1e3` as
   * numbers, so a client's typo would silently address another year: 400 `INVALID_NUMBER_PARAM` naming
   * the parameter instead.
   */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.metatype === Number && metadata.data && typeof value === 'string' && (metadata.type === 'param' || metadata.type === 'query')) {
      if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        // The same answer as ParseIntPipe's refusals get (see http-error.filter.ts).
        const field = metadata.data;
        const text = message('INVALID_NUMBER_PARAM', { property: field });
        throw new BadRequestException({ message: text, code: 'INVALID_NUMBER_PARAM', details: [{ field, code: 'INVALID_NUMBER_PARAM', message: text }] });
      }
      // Every number a path or query names lands in a PostgreSQL `integer` column; a year is one the
      // system takes (2000–2200). Beyond that, 400 naming the parameter rather than the database's
      // bare OUT_OF_RANGE.
      const [min, max] = metadata.data === 'year' ? [YEAR_MIN, YEAR_MAX] : [-INT4_MAX - 1, INT4_MAX];
      const number = Number(value);
      if (number < min || number > max) {
        const field = metadata.data;
        const below = number < min;
        const constraint = below ? 'min' : 'max';
        const text = message(below ? 'TOO_SMALL' : 'TOO_BIG', { property: field, limit: String(below ? min : max) });
        throw new BadRequestException({ message: text, code: 'INVALID_INPUT', details: [{ field, code: constraint, message: text }] });
      }
    }
    return super.transformPrimitive(value, metadata);
  }
}

/** Global validation: unknown fields are rejected, and every problem names its field, "vi / en", with a code. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Every failed constraint is gathered, and the pipe picks the one that speaks (leadingConstraint).
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const all = flatten(errors);
      // A body with thousands of bad keys must not be echoed back whole (megabytes, seconds of
      // work): the first MAX_REPORTED problems are named, and the message says how many more there were.
      const details = all.slice(0, MAX_REPORTED);
      const text = details.map((d) => (d.message.startsWith(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; ');
      const more = all.length > MAX_REPORTED ? `; ${message('MORE_PROBLEMS', { count: String(all.length - MAX_REPORTED) })}` : '';
      // Numbers written otherwise than in decimal digits (query, form fields) answer as the path's do.
      const code = details.length > 0 && details.every((d) => d.code === INTEGER_TEXT_CONSTRAINT) ? 'INVALID_NUMBER_PARAM' : 'INVALID_INPUT';
      return new BadRequestException({ message: (text || message('INVALID_INPUT')) + more, code, details });
    },
  });
}
