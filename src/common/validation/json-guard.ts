// Guards on a JSON body, applied to the raw bytes before JSON.parse and class-transformer see it:
// both recurse per level of nesting, so a 2 MB `[[[…]]]` would take seconds of the event loop
// and end in a stack overflow (a 500). One linear pass over the bytes refuses it first.
// Plain TypeScript.
import { InvalidInputError } from '../errors/domain-error.js';

/** Deepest nesting of arrays and objects a request body may have. Real bodies need fewer than 8. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when the JSON text nests arrays and objects deeper than `limit`. Reads bytes: in UTF-8 the
 * bytes of `"`, `\`, `[`, `{`, `]` and `}` never occur inside other characters, so strings are
 * skipped exactly. Stops at the first level beyond the limit; linear in the length otherwise.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Keys that name JavaScript's prototype machinery: refused wherever they appear in a body or query. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Paths (`lines[2].__proto__`) of every forbidden key in a parsed value. JSON.parse keeps
 * `__proto__` as an own key, which class-transformer then drops without a word; finding it here
 * lets it be refused like any other unknown field.
 */
export function forbiddenKeyPaths(value: unknown, prefix = '', found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => forbiddenKeyPaths(item, `${prefix}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) found.push(path);
      else forbiddenKeyPaths((value as Record<string, unknown>)[key], path, found);
    }
  }
  return found;
}

/**
 * Thrown from the JSON body parser's `verify` hook (before parsing): a 400 naming the body. The
 * `status` makes body-parser pass it on as a 400 rather than its default 403 for verify failures.
 */
export class JsonTooDeepError extends InvalidInputError {
  readonly status = 400;

  constructor(limit: number) {
    super([
      {
        field: 'body',
        code: 'JSON_TOO_DEEP',
        message: `body: JSON lồng nhau quá ${limit} cấp / JSON nested deeper than ${limit} levels`,
      },
    ]);
  }
}

/** body-parser `verify` hook: refuses a JSON body nested deeper than MAX_JSON_DEPTH. */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) throw new JsonTooDeepError(MAX_JSON_DEPTH);
}
