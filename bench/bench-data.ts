// Bulk data for the benchmarks that load a year straight into PostgreSQL (as the owner): units,
// and lines spread over the catalog's codes with deterministic amounts (hash of the estimate and
// the line number), so every run loads the same figures. The ledger's triggers keep the totals.
import type pg from 'pg';

/** Inserts `count` provincial departments coded `${prefix}-00001`…; returns nothing (select them by prefix). */
export async function insertUnits(db: pg.Client, prefix: string, count: number): Promise<void> {
  await db.query(
    `INSERT INTO units (id, code, name, name_en, kind, budget_level)
     SELECT gen_random_uuid(), $2 || '-' || lpad(g::text, 5, '0'), 'Đơn vị dự toán số ' || g, 'Budget unit ' || g, 'DEPARTMENT', 'PROVINCIAL'
       FROM generate_series(1, $1) g`,
    [count, prefix],
  );
}

/**
 * Inserts `perEstimate` lines into each estimate, 1,000 estimates a statement; a BALANCED estimate's
 * lines are approved at 90% of their amount. Amounts are đồng: quantity 1–20 × unit price 1,000–50,001,000.
 */
export async function insertLines(db: pg.Client, estimateIds: readonly string[], perEstimate: number): Promise<void> {
  const codes = async (sql: string) => (await db.query<{ code: string }>(sql)).rows.map((r) => r.code);
  const areas = await codes(`SELECT code FROM plan_areas p WHERE NOT EXISTS (SELECT 1 FROM plan_areas c WHERE c.parent_code = p.code) ORDER BY code`);
  const sources = await codes(`SELECT code FROM funding_sources ORDER BY code`);
  const types = await codes(`SELECT code FROM expenditure_types ORDER BY code`);
  const kinds = await codes(`SELECT code FROM activity_kinds ORDER BY code`);
  const chunk = 1_000;
  for (let i = 0; i < estimateIds.length; i += chunk) {
    await db.query(
      `INSERT INTO estimate_lines (estimate_id, line_no, plan_area_code, expenditure_type_code, funding_source_code, activity_kind_code,
                                   description, measure_unit, quantity, unit_price, amount, approved_amount, priority_tier, committed_minimum)
       SELECT e.id, g, ($2::text[])[1 + abs(hashtext(e.id::text || g)::bigint) % cardinality($2::text[])],
              ($3::text[])[1 + abs(hashtext(g || e.id::text)::bigint) % cardinality($3::text[])],
              ($4::text[])[1 + abs(hashtext(e.id::text || 's' || g)::bigint) % cardinality($4::text[])],
              ($5::text[])[1 + g % cardinality($5::text[])],
              'Nội dung chi số ' || g || ': mua sắm, thuê dịch vụ và triển khai ứng dụng công nghệ thông tin', 'gói', q.qty, q.price, q.qty * q.price,
              CASE WHEN e.status = 'BALANCED' THEN (q.qty * q.price * 9) / 10 END, 1 + g % 3, 0
         FROM estimates e CROSS JOIN generate_series(1, $6) g
         CROSS JOIN LATERAL (SELECT (1 + abs(hashtext(e.id::text || 'q' || g)::bigint) % 20)::numeric AS qty,
                                    (1000 + abs(hashtext(e.id::text || 'p' || g)::bigint) % 50000000)::numeric AS price) q
        WHERE e.id = ANY($1)`,
      [estimateIds.slice(i, i + chunk), areas, types, sources, kinds, perEstimate],
    );
  }
}
