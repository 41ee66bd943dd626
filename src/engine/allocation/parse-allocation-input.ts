// Turns the JSON contract (amounts as digit strings) into the engine's bigint input, naming the
// line and field of the first problem found, in input order.
import { type AllocationInput, type AllocationLineInput, isTier } from './allocate.js';
import { AllocationInputError, describeLine, describeValue, duplicateIdProblem } from './allocation-errors.js';

const DIGITS = /^[0-9]+$/;
const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(['ceiling', 'unit', 'lines']);
const LINE_FIELDS: ReadonlySet<string> = new Set(['id', 'requested', 'minimum', 'tier']);

/**
 * Parses `{ ceiling, unit?, lines: [{ id, requested, minimum?, tier? }] }`.
 * Decisions beyond the contract: `lines` must be present (an empty array is valid and leaves the
 * whole ceiling unallocated); an optional field set to `null` is invalid rather than absent;
 * unknown fields are rejected so that a typo such as `minimun` cannot silently mean 0; ids must be
 * strings that are not blank; leading zeros in digit strings are accepted.
 * @throws AllocationInputError naming the line id (or position) and the field.
 */
export function parseAllocationInput(json: unknown): AllocationInput {
  if (!isPlainObject(json)) {
    throw new AllocationInputError(`input must be a JSON object (got ${describeValue(json)})`, { field: 'input' });
  }
  rejectUnknownFields(json, TOP_LEVEL_FIELDS, '', undefined);

  if (!Object.hasOwn(json, 'ceiling')) throw new AllocationInputError('ceiling is missing', { field: 'ceiling' });
  const ceiling = parseAmount(json.ceiling, 'ceiling', '');
  const unit = Object.hasOwn(json, 'unit') ? parseAmount(json.unit, 'unit', '') : 1n;
  if (unit < 1n) {
    throw new AllocationInputError(`unit must be at least 1 (got ${describeValue(json.unit)})`, { field: 'unit' });
  }

  if (!Object.hasOwn(json, 'lines')) throw new AllocationInputError('lines is missing', { field: 'lines' });
  const rawLines = json.lines;
  if (!Array.isArray(rawLines)) {
    throw new AllocationInputError(`lines must be an array (got ${describeValue(rawLines)})`, { field: 'lines' });
  }

  const seenIds = new Map<string, number>();
  const lines = new Array<AllocationLineInput>(rawLines.length);
  for (let index = 0; index < rawLines.length; index++) {
    lines[index] = parseLine(rawLines[index], index, seenIds);
  }
  return { ceiling, unit, lines };
}

function parseLine(raw: unknown, index: number, seenIds: Map<string, number>): AllocationLineInput {
  if (!isPlainObject(raw)) {
    throw new AllocationInputError(`line #${index + 1}: must be a JSON object (got ${describeValue(raw)})`, {
      field: 'lines',
      lineIndex: index,
    });
  }
  const id = raw.id;
  if (typeof id !== 'string' || id.trim() === '') {
    const problem = Object.hasOwn(raw, 'id') ? `must be a non-empty string (got ${describeValue(id)})` : 'is missing';
    throw new AllocationInputError(`line #${index + 1}: id ${problem}`, { field: 'id', lineIndex: index });
  }
  const where = describeLine(id, index);
  const firstIndex = seenIds.get(id);
  if (firstIndex !== undefined) {
    throw new AllocationInputError(`${where}: ${duplicateIdProblem(firstIndex, index)}`, {
      field: 'id',
      lineId: id,
      lineIndex: index,
    });
  }
  seenIds.set(id, index);
  rejectUnknownFields(raw, LINE_FIELDS, `${where}: `, { lineId: id, lineIndex: index });

  const location = { lineId: id, lineIndex: index };
  if (!Object.hasOwn(raw, 'requested')) {
    throw new AllocationInputError(`${where}: requested is missing`, { field: 'requested', ...location });
  }
  const requested = parseAmount(raw.requested, 'requested', `${where}: `, location);
  const minimum = Object.hasOwn(raw, 'minimum') ? parseAmount(raw.minimum, 'minimum', `${where}: `, location) : 0n;
  if (minimum > requested) {
    throw new AllocationInputError(`${where}: minimum ${minimum} exceeds requested ${requested}`, {
      field: 'minimum',
      ...location,
    });
  }
  let tier = 1;
  if (Object.hasOwn(raw, 'tier')) {
    if (!isTier(raw.tier)) {
      throw new AllocationInputError(`${where}: tier must be a positive integer (got ${describeValue(raw.tier)})`, {
        field: 'tier',
        ...location,
      });
    }
    tier = raw.tier;
  }
  return { id, requested, minimum, tier };
}

// Amounts are strings of ASCII digits only: no sign, no decimal point, no exponent, no spaces,
// and never a JSON number (which would already have lost precision above 2^53).
function parseAmount(
  value: unknown,
  field: string,
  prefix: string,
  location?: { lineId: string; lineIndex: number },
): bigint {
  if (typeof value !== 'string' || !DIGITS.test(value)) {
    throw new AllocationInputError(`${prefix}${field} must be a string of digits (got ${describeValue(value)})`, {
      field,
      ...location,
    });
  }
  return BigInt(value);
}

function rejectUnknownFields(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
  prefix: string,
  location: { lineId: string; lineIndex: number } | undefined,
): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) {
      throw new AllocationInputError(
        `${prefix}unknown field ${describeValue(key)} (expected ${[...known].join(', ')})`,
        { field: key, ...location },
      );
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
