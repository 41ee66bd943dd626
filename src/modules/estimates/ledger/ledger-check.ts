import type { EntityManager } from 'typeorm';

/** One kept total that differs from the sum of its lines (`kept`/`computed`: "lines requested approved approvedLines minimum"). */
export interface LedgerDifference {
  kind: 'estimate' | 'year';
  key: string;
  kept: string;
  computed: string;
}

export interface LedgerVerification {
  /** Rows of kept totals compared (estimate and year levels together). */
  keptRows: number;
  /** Lines the year-level totals count, and lines in the table: equal when verified. */
  keptLines: bigint;
  lines: bigint;
  differences: LedgerDifference[];
}

/**
 * Compares every kept total (`estimate_totals`, `year_totals`) with the sums of the lines, in one
 * snapshot (the SQL function `ledger_differences()` of the EstimateLedger migration). Read-only.
 */
export async function verifyLedger(manager: EntityManager): Promise<LedgerVerification> {
  return manager.transaction('REPEATABLE READ', async (tx) => {
    const differences = await tx.query<LedgerDifference[]>('SELECT kind, key, kept, computed FROM ledger_differences() LIMIT 1000');
    const [counts] = await tx.query<{ kept_rows: number; kept_lines: string; lines: string }[]>(
      `SELECT (SELECT count(*) FROM estimate_totals)::int + (SELECT count(*) FROM year_totals)::int AS kept_rows,
              (SELECT COALESCE(sum(line_count), 0) FROM year_totals)::text AS kept_lines,
              (SELECT count(*) FROM estimate_lines)::text AS lines`,
    );
    return { keptRows: counts.kept_rows, keptLines: BigInt(counts.kept_lines), lines: BigInt(counts.lines), differences };
  });
}

/**
 * Recomputes every kept total from the lines (`ledger_rebuild()`): after a bulk load with the
 * triggers off, or a restore of the lines alone. Line writers wait while it runs.
 */
export async function rebuildLedger(manager: EntityManager): Promise<void> {
  await manager.query('SELECT ledger_rebuild()');
}

/** One line for a terminal: verified, or how many totals differ and the first of them. */
export function describeVerification(result: LedgerVerification): string {
  if (result.differences.length === 0) {
    return `Kept totals verified: ${result.keptRows} rows agree with ${result.lines} lines.`;
  }
  const shown = result.differences
    .slice(0, 10)
    .map((d) => `  ${d.kind} ${d.key}: kept [${d.kept}] but the lines give [${d.computed}]`)
    .join('\n');
  return (
    `Kept totals DIFFER from the lines in ${result.differences.length}${result.differences.length === 1000 ? '+' : ''} rows ` +
    `(run npm run ledger:rebuild):\n${shown}`
  );
}
