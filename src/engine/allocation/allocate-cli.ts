// `npm run -s allocate -- [--explain] FILE.json`: the contract's output JSON on stdout and exit 0;
// on invalid or infeasible input one line on stderr, nothing on stdout, exit 2.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocate } from './allocate.js';
import { AllocationError } from './allocation-errors.js';
import { explainAllocation, formatAllocationResult } from './format-allocation-result.js';
import { parseAllocationInput } from './parse-allocation-input.js';

export interface CliOutcome {
  stdout: string;
  stderr: string;
  exitCode: 0 | 2;
}

export interface AllocateCliOptions {
  /** Print the per-line explanation instead of the contract's output. */
  explain?: boolean;
}

const USAGE = 'usage: allocate [--explain] FILE.json';

/** The whole CLI except the file system and the process: text in, outcome out. */
export function runAllocateCli(fileContent: string, options: AllocateCliOptions = {}): CliOutcome {
  let json: unknown;
  try {
    // A byte-order mark is what spreadsheet tools on Windows often put first; it is not JSON.
    json = JSON.parse(fileContent.replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure(`input is not valid JSON: ${messageOf(error)}`);
  }
  try {
    const result = allocate(parseAllocationInput(json));
    const output = options.explain === true ? explainAllocation(result) : formatAllocationResult(result);
    return { stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (error instanceof AllocationError) return failure(error.message);
    throw error; // a bug, not bad input: let it surface with its stack
  }
}

/** Arguments after the script name, e.g. `['--explain', 'input.json']`. */
export function runAllocateCliWithArgs(args: readonly string[], readFile: (path: string) => string): CliOutcome {
  const explain = args.includes('--explain');
  const rest = args.filter((arg) => arg !== '--explain');
  if (rest.length !== 1 || rest[0].startsWith('--')) return failure(USAGE);
  const path = rest[0];
  let content: string;
  try {
    content = readFile(path);
  } catch (error) {
    return failure(`cannot read ${path}: ${messageOf(error)}`);
  }
  return runAllocateCli(content, { explain });
}

function failure(message: string): CliOutcome {
  // Exactly one line, whatever the message carried.
  return { stdout: '', stderr: `${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`, exitCode: 2 };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const outcome = runAllocateCliWithArgs(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  // exitCode rather than exit(): lets a large stdout drain before the process ends.
  process.exitCode = outcome.exitCode;
}
