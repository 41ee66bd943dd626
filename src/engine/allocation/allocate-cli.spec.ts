import { runAllocateCli, runAllocateCliWithArgs } from './allocate-cli.js';

const CONTRACT_EXAMPLE = JSON.stringify({
  ceiling: '1000000000',
  unit: '1000',
  lines: [
    { id: 'L1', requested: '600000000', minimum: '100000000', tier: 1 },
    { id: 'L2', requested: '500000000', tier: 2 },
    { id: 'L3', requested: '400000000', tier: 2 },
  ],
});

function expectOneLineFailure(outcome: ReturnType<typeof runAllocateCli>, ...fragments: string[]): void {
  expect(outcome.exitCode).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr.endsWith('\n')).toBe(true);
  expect(outcome.stderr.trimEnd()).not.toContain('\n');
  for (const fragment of fragments) expect(outcome.stderr).toContain(fragment);
}

describe('allocate CLI', () => {
  it('prints the contract output as JSON and exits 0', () => {
    const outcome = runAllocateCli(CONTRACT_EXAMPLE);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stderr).toBe('');
    // Σ minimum 10^8, rest 9 × 10^8; tier 1 needs 5 × 10^8: met, rest 4 × 10^8 for tier 2 (N = 9 × 10^8):
    // L2 222,222,222.2 → 222,222,000 (fraction .222 of a unit), L3 177,777,777.8 → 177,777,000 (.778);
    // leftover 1,000 = one unit → L3.
    expect(JSON.parse(outcome.stdout)).toEqual({
      allocations: [
        { id: 'L1', allocated: '600000000' },
        { id: 'L2', allocated: '222222000' },
        { id: 'L3', allocated: '177778000' },
      ],
      allocated: '1000000000',
      unallocated: '0',
      partialTier: 2,
    });
    // Exactly the contract's keys, in its order.
    expect(Object.keys(JSON.parse(outcome.stdout) as object)).toEqual(['allocations', 'allocated', 'unallocated', 'partialTier']);
  });

  it('prints partialTier null when every request is met', () => {
    const outcome = runAllocateCli('{"ceiling":"10","lines":[{"id":"A","requested":"4"}]}');
    expect(JSON.parse(outcome.stdout)).toEqual({
      allocations: [{ id: 'A', allocated: '4' }],
      allocated: '4',
      unallocated: '6',
      partialTier: null,
    });
  });

  it('prints the explanation with --explain', () => {
    const outcome = runAllocateCli(CONTRACT_EXAMPLE, { explain: true });
    expect(outcome.exitCode).toBe(0);
    const explanation = JSON.parse(outcome.stdout) as { lines: { id: string; exactShare?: string; rounding?: string }[] };
    expect(explanation.lines[2]).toMatchObject({ id: 'L3', exactShare: '1600000000/9', rounding: 'unit-added' });
  });

  it('fails with one line naming line and field on invalid input', () => {
    const outcome = runAllocateCli('{"ceiling":"1000","lines":[{"id":"L3","requested":"400","minimum":"500"}]}');
    expectOneLineFailure(outcome, 'line "L3": minimum 500 exceeds requested 400');
  });

  it('fails with one line naming the excess on infeasible input', () => {
    const outcome = runAllocateCli('{"ceiling":"100","lines":[{"id":"A","requested":"90","minimum":"90"},{"id":"B","requested":"40","minimum":"40"}]}');
    expectOneLineFailure(outcome, 'infeasible', 'exceeds the ceiling 100 by 30');
  });

  it('fails with one line on text that is not JSON', () => {
    expectOneLineFailure(runAllocateCli('{"ceiling": "1",'), 'input is not valid JSON');
    expectOneLineFailure(runAllocateCli(''), 'input is not valid JSON');
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(runAllocateCli('\uFEFF{"ceiling":"1","lines":[]}').exitCode).toBe(0);
  });

  it('fails with one line when the file cannot be read', () => {
    const outcome = runAllocateCliWithArgs(['missing.json'], () => {
      throw new Error("ENOENT: no such file or directory, open 'missing.json'");
    });
    expectOneLineFailure(outcome, 'cannot read missing.json', 'ENOENT');
  });

  it('fails with a usage line without exactly one file', () => {
    expectOneLineFailure(runAllocateCliWithArgs([], () => ''), 'usage:');
    expectOneLineFailure(runAllocateCliWithArgs(['a.json', 'b.json'], () => ''), 'usage:');
    expectOneLineFailure(runAllocateCliWithArgs(['--pretty', 'a.json'], () => ''), 'usage:');
  });

  it('passes the file content and --explain through', () => {
    const read: string[] = [];
    const outcome = runAllocateCliWithArgs(['--explain', 'in.json'], (path) => {
      read.push(path);
      return '{"ceiling":"1","lines":[]}';
    });
    expect(read).toEqual(['in.json']);
    expect(JSON.parse(outcome.stdout)).toHaveProperty('tiers', []);
  });
});
