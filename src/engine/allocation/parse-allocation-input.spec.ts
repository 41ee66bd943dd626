import { AllocationInputError } from './allocation-errors.js';
import { parseAllocationInput } from './parse-allocation-input.js';

function problemOf(json: unknown): AllocationInputError {
  try {
    parseAllocationInput(json);
  } catch (error) {
    if (error instanceof AllocationInputError) return error;
    throw error;
  }
  throw new Error('expected an AllocationInputError');
}

function withLine(fields: Record<string, unknown>): unknown {
  return { ceiling: '1000', lines: [{ id: 'L1', requested: '100' }, { id: 'L2', requested: '400', ...fields }] };
}

describe('parseAllocationInput', () => {
  it('turns the JSON contract into bigints', () => {
    expect(
      parseAllocationInput({
        ceiling: '1000000000',
        unit: '1000',
        lines: [{ id: 'L1', requested: '600000000', minimum: '100000000', tier: 2 }],
      }),
    ).toEqual({
      ceiling: 1_000_000_000n,
      unit: 1000n,
      lines: [{ id: 'L1', requested: 600_000_000n, minimum: 100_000_000n, tier: 2 }],
    });
  });

  it('fills in unit 1, minimum 0 and tier 1 when they are absent', () => {
    expect(parseAllocationInput({ ceiling: '5', lines: [{ id: 'A', requested: '3' }] })).toEqual({
      ceiling: 5n,
      unit: 1n,
      lines: [{ id: 'A', requested: 3n, minimum: 0n, tier: 1 }],
    });
  });

  it('keeps digit strings of any length exact', () => {
    const huge = '123456789012345678901234567890123456789';
    const input = parseAllocationInput({ ceiling: huge, lines: [{ id: 'A', requested: huge }] });
    expect(input.ceiling.toString()).toBe(huge);
  });

  it('accepts an empty list of lines', () => {
    expect(parseAllocationInput({ ceiling: '7', lines: [] }).lines).toEqual([]);
  });

  it.each([
    ['-1', 'a sign'],
    ['1.5', 'a decimal point'],
    ['1e9', 'an exponent'],
    ['', 'nothing'],
    [' 12', 'a space'],
    ['12 ', 'a trailing space'],
    ['0x10', 'hexadecimal'],
    ['١٢', 'non-ASCII digits'],
  ])('rejects the amount %j (%s)', (amount) => {
    const problem = problemOf(withLine({ requested: amount }));
    expect(problem.lineId).toBe('L2');
    expect(problem.lineIndex).toBe(1);
    expect(problem.field).toBe('requested');
    expect(problem.message).toBe(`line "L2": requested must be a string of digits (got ${JSON.stringify(amount)})`);
  });

  it.each([
    ['a JSON number', 400],
    ['null', null],
    ['a boolean', true],
    ['an array', ['400']],
  ])('rejects an amount given as %s', (_name, amount) => {
    const problem = problemOf(withLine({ minimum: amount }));
    expect(problem.field).toBe('minimum');
    expect(problem.lineId).toBe('L2');
  });

  it('names line and both amounts when a minimum exceeds its request', () => {
    const problem = problemOf({ ceiling: '1000', lines: [{ id: 'L3', requested: '400', minimum: '500' }] });
    expect(problem.message).toBe('line "L3": minimum 500 exceeds requested 400');
    expect(problem.field).toBe('minimum');
  });

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['fractional', 1.5],
    ['a string', '2'],
    ['null', null],
    ['beyond safe integers', 2 ** 53],
  ])('rejects a tier that is %s', (_name, tier) => {
    const problem = problemOf(withLine({ tier }));
    expect(problem.field).toBe('tier');
    expect(problem.message).toMatch(/^line "L2": tier must be a positive integer/);
  });

  it('rejects a duplicate id, naming both lines', () => {
    const problem = problemOf({ ceiling: '1', lines: [{ id: 'A', requested: '1' }, { id: 'A', requested: '2' }] });
    expect(problem.field).toBe('id');
    expect(problem.lineId).toBe('A');
    expect(problem.message).toBe('line "A": id is a duplicate of line #1 (this is line #2)');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['a number', 7],
  ])('rejects an id that is %s, naming the line by position', (_name, id) => {
    const problem = problemOf(withLine({ id }));
    expect(problem.field).toBe('id');
    expect(problem.lineId).toBeUndefined();
    expect(problem.message).toMatch(/^line #2: id must be a non-empty string/);
  });

  it('rejects a line without id or request', () => {
    expect(problemOf({ ceiling: '1', lines: [{ requested: '1' }] }).message).toBe('line #1: id is missing');
    expect(problemOf({ ceiling: '1', lines: [{ id: 'A' }] }).message).toBe('line "A": requested is missing');
  });

  it('rejects a unit of 0 and a unit that is not a digit string', () => {
    expect(problemOf({ ceiling: '1', unit: '0', lines: [] }).message).toBe('unit must be at least 1 (got "0")');
    expect(problemOf({ ceiling: '1', unit: '000', lines: [] }).field).toBe('unit');
    expect(problemOf({ ceiling: '1', unit: 1000, lines: [] }).field).toBe('unit');
    expect(problemOf({ ceiling: '1', unit: null, lines: [] }).field).toBe('unit');
  });

  it('rejects a missing or malformed ceiling', () => {
    expect(problemOf({ lines: [] }).message).toBe('ceiling is missing');
    expect(problemOf({ ceiling: 1000, lines: [] }).message).toBe('ceiling must be a string of digits (got 1000)');
    expect(problemOf({ ceiling: '1,000', lines: [] }).field).toBe('ceiling');
  });

  it('rejects absent or malformed lines', () => {
    expect(problemOf({ ceiling: '1' }).message).toBe('lines is missing');
    expect(problemOf({ ceiling: '1', lines: {} }).field).toBe('lines');
    expect(problemOf({ ceiling: '1', lines: ['L1'] }).message).toBe('line #1: must be a JSON object (got "L1")');
  });

  it('rejects unknown fields so that a typo cannot pass silently', () => {
    const problem = problemOf(withLine({ minimun: '50' }));
    expect(problem.field).toBe('minimun');
    expect(problem.message).toBe('line "L2": unknown field "minimun" (expected id, requested, minimum, tier)');
    expect(problemOf({ ceiling: '1', lines: [], Unit: '10' }).field).toBe('Unit');
  });

  it('rejects input that is not an object', () => {
    expect(problemOf([]).field).toBe('input');
    expect(problemOf(null).field).toBe('input');
    expect(problemOf('{}').field).toBe('input');
  });

  it('keeps every message on one line, whatever the id holds', () => {
    const problem = problemOf({ ceiling: '1', lines: [{ id: 'bad\nid', requested: 'x' }] });
    expect(problem.message).toBe('line "bad\\nid": requested must be a string of digits (got "x")');
  });

  it('reports the first problem in input order', () => {
    const problem = problemOf({
      ceiling: '1',
      lines: [{ id: 'A', requested: '1' }, { id: 'B', requested: '1', tier: 0 }, { id: 'A', requested: '1' }],
    });
    expect(problem.lineId).toBe('B');
  });
});
