import type { MigrationInterface, QueryRunner } from 'typeorm';

// The estimate ledger's kept totals: what every live figure (consolidation, the floor, district IT
// lines, a run's ceiling gap, the budget, the dashboard) reads instead of the year's lines.
//
// Two tables, both kept by PostgreSQL itself in the transaction of the write that changes them:
//   estimate_totals  per estimate × plan area × funding source × expenditure type, plus one row per
//                    estimate with the three codes '' (the estimate's own totals);
//   year_totals      per year × estimate status × excluded × plan area × funding source ×
//                    expenditure type: a few thousand rows however many lines a year holds.
// Measures: line count, requested (Σ amount), approved (Σ approved amount, none = 0), lines with
// an approved amount, committed minimum. "Adjusted" is the approved amount after recorded
// adjustments (an adjustment rewrites the line's approved amount), so it is the approved column.
//
// Why triggers and not the ledger service: lines are written by the API, workbook imports (one
// statement of up to 100,000 rows), balancing-run adoption, adjustments, the import CLI, seeds and
// bulk loads in plain SQL (the benchmark, a restore). Triggers see every one of them, in the same
// transaction, and nothing can forget them. They are statement-level with transition tables, so a
// 100,000-line import costs one aggregate per statement, not one upsert per row.
//
// Why year_totals is written at commit (a deferred constraint trigger on ledger_pending): its rows
// are shared by every estimate of a year. Written mid-transaction, two transactions that touch two
// buckets in opposite orders would deadlock; written by one sorted statement at commit, every
// transaction takes them in one order and holds them only for the commit.
//
// Consistency with status moves and exclusions: a line write locks its estimates' rows FOR SHARE
// before reading their status and exclusion; a status change (an UPDATE of the estimate) and an
// exclusion (which locks the estimate FOR NO KEY UPDATE) therefore wait for those writes to commit,
// and read the estimate's breakdown after them.
//
// Readers of the year level use the view year_totals_live (committed totals plus the reading
// transaction's own queued changes). Rights: the functions are SECURITY DEFINER (they run as the
// tables' owner), and the app's role gets SELECT only on the totals: they change through the triggers, `ledger_rebuild()`, or not at
// all. `ledger_differences()` and `ledger_rebuild()` back `npm run ledger:verify | ledger:rebuild`.
const MEASURES = `
        line_count        bigint  NOT NULL DEFAULT 0,
        requested         numeric NOT NULL DEFAULT 0,
        approved          numeric NOT NULL DEFAULT 0,
        approved_lines    bigint  NOT NULL DEFAULT 0,
        committed_minimum numeric NOT NULL DEFAULT 0`;
const ADD = (t: string, x: string) =>
  `line_count = ${t}.line_count + ${x}.line_count, requested = ${t}.requested + ${x}.requested,
   approved = ${t}.approved + ${x}.approved, approved_lines = ${t}.approved_lines + ${x}.approved_lines,
   committed_minimum = ${t}.committed_minimum + ${x}.committed_minimum`;
const SUMS = (p: string) =>
  `sum(${p}line_count), sum(${p}requested), sum(${p}approved), sum(${p}approved_lines), sum(${p}committed_minimum)`;
const NEG = (p: string) => `-${p}line_count, -${p}requested, -${p}approved, -${p}approved_lines, -${p}committed_minimum`;
const POS = (p: string) => `${p}line_count, ${p}requested, ${p}approved, ${p}approved_lines, ${p}committed_minimum`;
const COLS = 'line_count, requested, approved, approved_lines, committed_minimum';
const DIMS = 'plan_area_code, funding_source_code, expenditure_type_code, loai_khoan, muc_tieu_muc';
const DIMS_OF = (t: string) => DIMS.split(', ').map((d) => `${t}.${d}`).join(', ');
/** A line's contribution: one line, its amount, its approved amount (none = 0). */
const LINE = (l: string) =>
  `${l}.estimate_id, ${l}.plan_area_code, ${l}.funding_source_code, ${l}.expenditure_type_code, COALESCE(${l}.loai_khoan, ''), COALESCE(${l}.muc_tieu_muc, '')`;
const LINE_MEASURES = (l: string, sign: '' | '-') =>
  `${sign}count(*), ${sign}sum(${l}.amount), ${sign}sum(COALESCE(${l}.approved_amount, 0)),
   ${sign}count(${l}.approved_amount), ${sign}sum(${l}.committed_minimum)`;
const COUNTED = (l: string) =>
  `(${l}.estimate_id, ${l}.plan_area_code, ${l}.funding_source_code, ${l}.expenditure_type_code, ${l}.loai_khoan, ${l}.muc_tieu_muc,
    ${l}.amount, ${l}.approved_amount, ${l}.committed_minimum)`;
const DEFINER = 'SECURITY DEFINER SET search_path FROM CURRENT';

export class EstimateLedger1764300000000 implements MigrationInterface {
  name = 'EstimateLedger1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE estimate_totals (
        estimate_id           uuid NOT NULL REFERENCES estimates (id) ON DELETE CASCADE,
        plan_area_code        varchar(20) NOT NULL,
        funding_source_code   varchar(30) NOT NULL,
        expenditure_type_code varchar(20) NOT NULL,
        loai_khoan            varchar(7) NOT NULL,
        muc_tieu_muc          varchar(9) NOT NULL,${MEASURES},
        PRIMARY KEY (estimate_id, ${DIMS})
      )`);
    // Each estimate's own row, found without reading its parts (the estimate list, the budget, byUnit).
    await q.query(`CREATE INDEX estimate_totals_whole_idx ON estimate_totals (estimate_id) INCLUDE (line_count, requested, approved) WHERE plan_area_code = ''`);
    // The lines the budget rules check one by one (IT projects with a contingency), without a scan.
    await q.query(`CREATE INDEX estimate_lines_contingency_idx ON estimate_lines (estimate_id) WHERE activity_kind_code = 'PROJECT' AND contingency IS NOT NULL`);
    await q.query(`
      CREATE TABLE year_totals (
        year                  integer NOT NULL,
        status                varchar(20) NOT NULL,
        excluded              boolean NOT NULL,
        plan_area_code        varchar(20) NOT NULL,
        funding_source_code   varchar(30) NOT NULL,
        expenditure_type_code varchar(20) NOT NULL,
        loai_khoan            varchar(7) NOT NULL,
        muc_tieu_muc          varchar(9) NOT NULL,${MEASURES},
        PRIMARY KEY (year, status, excluded, ${DIMS})
      )`);
    // Changes to year_totals waiting for their transaction's commit (see above).
    await q.query(`
      CREATE TABLE ledger_pending (
        tx                    xid8 NOT NULL DEFAULT pg_current_xact_id(),
        year                  integer NOT NULL,
        status                varchar(20) NOT NULL,
        excluded              boolean NOT NULL,
        plan_area_code        varchar(20) NOT NULL,
        funding_source_code   varchar(30) NOT NULL,
        expenditure_type_code varchar(20) NOT NULL,
        loai_khoan            varchar(7) NOT NULL,
        muc_tieu_muc          varchar(9) NOT NULL,${MEASURES}
      )`);
    await q.query(`CREATE INDEX ledger_pending_tx_idx ON ledger_pending (tx)`);
    await q.query(`
      CREATE TYPE ledger_delta AS (
        estimate_id uuid, plan_area_code varchar, funding_source_code varchar, expenditure_type_code varchar,
        loai_khoan varchar, muc_tieu_muc varchar,
        line_count bigint, requested numeric, approved numeric, approved_lines bigint, committed_minimum numeric)`);

    // Applies lines' deltas to their estimates' totals and queues them for the year's.
    await q.query(`
      CREATE FUNCTION ledger_apply(deltas ledger_delta[]) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        IF cardinality(deltas) = 0 THEN RETURN; END IF;
        -- Status moves and exclusions wait for this transaction (they lock the estimate harder).
        PERFORM 1 FROM estimates WHERE id IN (SELECT DISTINCT d.estimate_id FROM unnest(deltas) d) ORDER BY id FOR SHARE;
        -- Lines of an estimate being deleted are gone with its totals (see ledger_estimate_deleted).
        INSERT INTO estimate_totals AS t (estimate_id, ${DIMS}, ${COLS})
        SELECT d.estimate_id, COALESCE(d.plan_area_code, ''), COALESCE(d.funding_source_code, ''), COALESCE(d.expenditure_type_code, ''),
               COALESCE(d.loai_khoan, ''), COALESCE(d.muc_tieu_muc, ''), ${SUMS('d.')}
          FROM unnest(deltas) d JOIN estimates e ON e.id = d.estimate_id
         GROUP BY GROUPING SETS ((d.estimate_id, ${DIMS_OF('d')}), (d.estimate_id))
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (estimate_id, ${DIMS}) DO UPDATE SET ${ADD('t', 'EXCLUDED')};
        -- Summed per year bucket: a statement of 50,000 lines queues a few thousand rows at most.
        INSERT INTO ledger_pending (year, status, excluded, ${DIMS}, ${COLS})
        SELECT e.year, e.status, x.estimate_id IS NOT NULL, ${DIMS_OF('d')}, ${SUMS('d.')}
          FROM unnest(deltas) d JOIN estimates e ON e.id = d.estimate_id
          LEFT JOIN budget_exclusions x ON x.estimate_id = e.id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
      END $$`);

    // At commit: the transaction's queued year deltas, summed, in key order.
    await q.query(`
      CREATE FUNCTION ledger_flush() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        WITH moved AS (DELETE FROM ledger_pending WHERE tx = pg_current_xact_id() RETURNING *)
        INSERT INTO year_totals AS t (year, status, excluded, ${DIMS}, ${COLS})
        SELECT year, status, excluded, ${DIMS}, ${SUMS('')}
          FROM moved GROUP BY year, status, excluded, ${DIMS}
         ORDER BY year, status, excluded, ${DIMS}
        ON CONFLICT (year, status, excluded, ${DIMS}) DO UPDATE SET ${ADD('t', 'EXCLUDED')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ledger_flush AFTER INSERT ON ledger_pending
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_flush()`);

    // Lines: inserted, updated (only changes that move a figure), deleted.
    await q.query(`
      CREATE FUNCTION ledger_lines_inserted() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM ledger_apply(ARRAY(
          SELECT ROW(${LINE('n')}, ${LINE_MEASURES('n', '')})::ledger_delta
            FROM ledger_new_lines n GROUP BY ${LINE('n')}));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION ledger_lines_deleted() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM ledger_apply(ARRAY(
          SELECT ROW(${LINE('o')}, ${LINE_MEASURES('o', '-')})::ledger_delta
            FROM ledger_old_lines o GROUP BY ${LINE('o')}));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION ledger_lines_updated() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        PERFORM ledger_apply(ARRAY(
          SELECT ROW(${LINE('c')}, ${SUMS('c.')})::ledger_delta FROM (
            SELECT ${LINE('n')}, ${LINE_MEASURES('n', '')}
              FROM ledger_new_lines n JOIN ledger_old_lines o ON o.id = n.id
             WHERE ${COUNTED('o')} IS DISTINCT FROM ${COUNTED('n')}
             GROUP BY ${LINE('n')}
            UNION ALL
            SELECT ${LINE('o')}, ${LINE_MEASURES('o', '-')}
              FROM ledger_old_lines o JOIN ledger_new_lines n ON n.id = o.id
             WHERE ${COUNTED('o')} IS DISTINCT FROM ${COUNTED('n')}
             GROUP BY ${LINE('o')}
          ) AS c (estimate_id, ${DIMS}, ${COLS})
          GROUP BY ${LINE('c')}));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_lines_inserted AFTER INSERT ON estimate_lines
        REFERENCING NEW TABLE AS ledger_new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_inserted()`);
    await q.query(`
      CREATE TRIGGER ledger_lines_updated AFTER UPDATE ON estimate_lines
        REFERENCING OLD TABLE AS ledger_old_lines NEW TABLE AS ledger_new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_updated()`);
    await q.query(`
      CREATE TRIGGER ledger_lines_deleted AFTER DELETE ON estimate_lines
        REFERENCING OLD TABLE AS ledger_old_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_deleted()`);

    // An estimate changing status (or year) moves its breakdown between the year's buckets.
    await q.query(`
      CREATE FUNCTION ledger_estimates_updated() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        -- Summed per year bucket: approving a year moves thousands of estimates in one statement.
        INSERT INTO ledger_pending (year, status, excluded, ${DIMS}, ${COLS})
        SELECT m.year, m.status, m.excluded, ${DIMS_OF('t')},
               sum(m.sign * t.line_count), sum(m.sign * t.requested), sum(m.sign * t.approved),
               sum(m.sign * t.approved_lines), sum(m.sign * t.committed_minimum)
          FROM (SELECT o.id, o.year, o.status, -1 AS sign, EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = o.id) AS excluded
                  FROM ledger_old_estimates o JOIN ledger_new_estimates n ON n.id = o.id
                 WHERE (o.year, o.status) IS DISTINCT FROM (n.year, n.status)
                UNION ALL
                SELECT n.id, n.year, n.status, 1, EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = n.id)
                  FROM ledger_old_estimates o JOIN ledger_new_estimates n ON n.id = o.id
                 WHERE (o.year, o.status) IS DISTINCT FROM (n.year, n.status)) m
          JOIN estimate_totals t ON t.estimate_id = m.id AND t.plan_area_code <> ''
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_estimates_updated AFTER UPDATE ON estimates
        REFERENCING OLD TABLE AS ledger_old_estimates NEW TABLE AS ledger_new_estimates
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_estimates_updated()`);
    // A deleted estimate takes its totals out of its year (its own rows go by the foreign key).
    await q.query(`
      CREATE FUNCTION ledger_estimate_deleted() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        INSERT INTO ledger_pending (year, status, excluded, ${DIMS}, ${COLS})
        SELECT OLD.year, OLD.status, EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = OLD.id),
               ${DIMS_OF('t')}, ${NEG('t.')}
          FROM estimate_totals t WHERE t.estimate_id = OLD.id AND t.plan_area_code <> '';
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_estimate_deleted BEFORE DELETE ON estimates
        FOR EACH ROW EXECUTE FUNCTION ledger_estimate_deleted()`);

    // An exclusion moves the estimate's breakdown between excluded and included.
    await q.query(`
      CREATE FUNCTION ledger_exclusion_changed() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.estimate_id ELSE OLD.estimate_id END;
        now_excluded boolean := TG_OP = 'INSERT';
      BEGIN
        -- Lines being written to this estimate commit first, so its breakdown read below is whole.
        PERFORM 1 FROM estimates WHERE id = target FOR NO KEY UPDATE;
        INSERT INTO ledger_pending (year, status, excluded, ${DIMS}, ${COLS})
        SELECT e.year, e.status, NOT now_excluded, ${DIMS_OF('t')}, ${NEG('t.')}
          FROM estimates e JOIN estimate_totals t ON t.estimate_id = e.id AND t.plan_area_code <> '' WHERE e.id = target
        UNION ALL
        SELECT e.year, e.status, now_excluded, ${DIMS_OF('t')}, ${POS('t.')}
          FROM estimates e JOIN estimate_totals t ON t.estimate_id = e.id AND t.plan_area_code <> '' WHERE e.id = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_exclusion_changed AFTER INSERT OR DELETE ON budget_exclusions
        FOR EACH ROW EXECUTE FUNCTION ledger_exclusion_changed()`);

    // The totals recomputed from the lines, as the triggers would keep them.
    await q.query(`
      CREATE FUNCTION ledger_computed_estimate_totals() RETURNS TABLE (
        estimate_id uuid, plan_area_code varchar, funding_source_code varchar, expenditure_type_code varchar,
        loai_khoan varchar, muc_tieu_muc varchar,
        line_count bigint, requested numeric, approved numeric, approved_lines bigint, committed_minimum numeric)
      LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT l.estimate_id, COALESCE(l.plan_area_code, ''), COALESCE(l.funding_source_code, ''), COALESCE(l.expenditure_type_code, ''),
               COALESCE(l.loai_khoan, ''), COALESCE(l.muc_tieu_muc, ''),
               count(*), sum(l.amount), sum(COALESCE(l.approved_amount, 0)), count(l.approved_amount), sum(l.committed_minimum)
          FROM (SELECT estimate_id, plan_area_code, funding_source_code, expenditure_type_code,
                       COALESCE(loai_khoan, '') AS loai_khoan, COALESCE(muc_tieu_muc, '') AS muc_tieu_muc,
                       amount, approved_amount, committed_minimum FROM estimate_lines) l
         GROUP BY GROUPING SETS ((l.estimate_id, ${DIMS_OF('l')}), (l.estimate_id))
      $$`);
    await q.query(`
      CREATE FUNCTION ledger_computed_year_totals() RETURNS TABLE (
        year integer, status varchar, excluded boolean, plan_area_code varchar, funding_source_code varchar, expenditure_type_code varchar,
        loai_khoan varchar, muc_tieu_muc varchar,
        line_count bigint, requested numeric, approved numeric, approved_lines bigint, committed_minimum numeric)
      LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT e.year, e.status, x.estimate_id IS NOT NULL, l.plan_area_code, l.funding_source_code, l.expenditure_type_code,
               COALESCE(l.loai_khoan, ''), COALESCE(l.muc_tieu_muc, ''),
               count(*), sum(l.amount), sum(COALESCE(l.approved_amount, 0)), count(l.approved_amount), sum(l.committed_minimum)
          FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
          LEFT JOIN budget_exclusions x ON x.estimate_id = e.id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      $$`);
    // Kept totals that differ from the lines (rows of only zeros count as absent). Empty = verified.
    await q.query(`
      CREATE FUNCTION ledger_differences() RETURNS TABLE (kind text, key text, kept text, computed text)
      LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT 'estimate', concat_ws('/', estimate_id, ${DIMS}),
               concat_ws(' ', k.line_count, k.requested, k.approved, k.approved_lines, k.committed_minimum),
               concat_ws(' ', c.line_count, c.requested, c.approved, c.approved_lines, c.committed_minimum)
          FROM (SELECT * FROM estimate_totals
                 WHERE (line_count, requested, approved, approved_lines, committed_minimum) <> (0, 0, 0, 0, 0)) k
          FULL JOIN ledger_computed_estimate_totals() c USING (estimate_id, ${DIMS})
         WHERE (k.line_count, k.requested, k.approved, k.approved_lines, k.committed_minimum)
               IS DISTINCT FROM (c.line_count, c.requested, c.approved, c.approved_lines, c.committed_minimum)
        UNION ALL
        SELECT 'year', concat_ws('/', year, status, excluded, ${DIMS}),
               concat_ws(' ', k.line_count, k.requested, k.approved, k.approved_lines, k.committed_minimum),
               concat_ws(' ', c.line_count, c.requested, c.approved, c.approved_lines, c.committed_minimum)
          FROM (SELECT * FROM year_totals
                 WHERE (line_count, requested, approved, approved_lines, committed_minimum) <> (0, 0, 0, 0, 0)) k
          FULL JOIN ledger_computed_year_totals() c USING (year, status, excluded, ${DIMS})
         WHERE (k.line_count, k.requested, k.approved, k.approved_lines, k.committed_minimum)
               IS DISTINCT FROM (c.line_count, c.requested, c.approved, c.approved_lines, c.committed_minimum)
      $$`);
    // Recomputes every kept total from the lines (after a bulk load in SQL or a restore). Writers
    // wait while it runs; readers do not.
    await q.query(`
      CREATE FUNCTION ledger_rebuild() RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
      BEGIN
        LOCK TABLE estimate_lines, estimates, budget_exclusions IN SHARE MODE;
        DELETE FROM ledger_pending;
        DELETE FROM estimate_totals;
        DELETE FROM year_totals;
        INSERT INTO estimate_totals SELECT * FROM ledger_computed_estimate_totals();
        INSERT INTO year_totals SELECT * FROM ledger_computed_year_totals();
      END $$`);

    // What readers use: the committed year totals plus this transaction's own queued changes (the
    // only rows of ledger_pending a transaction can see are its own), so that a rule checked before
    // commit (the floor after an adjustment) sees the write it is checking.
    await q.query(`
      CREATE VIEW year_totals_live AS
      SELECT year, status, excluded, ${DIMS},
             sum(line_count)::bigint AS line_count, sum(requested) AS requested, sum(approved) AS approved,
             sum(approved_lines)::bigint AS approved_lines, sum(committed_minimum) AS committed_minimum
        FROM (SELECT year, status, excluded, ${DIMS}, ${COLS} FROM year_totals
              UNION ALL
              SELECT year, status, excluded, ${DIMS}, ${COLS} FROM ledger_pending) AS kept
       GROUP BY year, status, excluded, ${DIMS}`);

    // What exists already (seeds, a database migrated before this).
    await q.query(`SELECT ledger_rebuild()`);

    // The app reads the totals; only the functions above write them.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'itbudget_app') THEN
          REVOKE ALL ON estimate_totals, year_totals, ledger_pending FROM itbudget_app;
          GRANT SELECT ON estimate_totals, year_totals, year_totals_live TO itbudget_app;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_exclusion_changed ON budget_exclusions`);
    await q.query(`DROP TRIGGER ledger_estimate_deleted ON estimates`);
    await q.query(`DROP TRIGGER ledger_estimates_updated ON estimates`);
    await q.query(`DROP TRIGGER ledger_lines_deleted ON estimate_lines`);
    await q.query(`DROP TRIGGER ledger_lines_updated ON estimate_lines`);
    await q.query(`DROP TRIGGER ledger_lines_inserted ON estimate_lines`);
    await q.query(`DROP VIEW year_totals_live`);
    await q.query(`DROP FUNCTION ledger_rebuild()`);
    await q.query(`DROP FUNCTION ledger_differences()`);
    await q.query(`DROP FUNCTION ledger_computed_year_totals()`);
    await q.query(`DROP FUNCTION ledger_computed_estimate_totals()`);
    await q.query(`DROP FUNCTION ledger_exclusion_changed()`);
    await q.query(`DROP FUNCTION ledger_estimate_deleted()`);
    await q.query(`DROP FUNCTION ledger_estimates_updated()`);
    await q.query(`DROP FUNCTION ledger_lines_updated()`);
    await q.query(`DROP FUNCTION ledger_lines_deleted()`);
    await q.query(`DROP FUNCTION ledger_lines_inserted()`);
    await q.query(`DROP TABLE ledger_pending`);
    await q.query(`DROP FUNCTION ledger_flush()`);
    await q.query(`DROP FUNCTION ledger_apply(ledger_delta[])`);
    await q.query(`DROP TYPE ledger_delta`);
    await q.query(`DROP TABLE year_totals`);
    await q.query(`DROP INDEX estimate_lines_contingency_idx`);
    await q.query(`DROP TABLE estimate_totals`);
  }
}
