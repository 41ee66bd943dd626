import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in limits kept in PostgreSQL, so every instance applies the same ones: a growing wait per
// (username, address) after repeated failures that refused attempts do not extend, a limit per
// address and one for everyone. The tables are the owner's alone: the app reaches them, and a
// user's password hash, only through two SECURITY DEFINER functions, so that even SQL run as
// the app's role gets one hash per counted, throttled sign-in attempt and never a dump of them.
// Users get a token version: raising it revokes every token issued before.
export class SignInLimits1764191000000 implements MigrationInterface {
  name = 'SignInLimits1764191000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }] = (await q.query('SELECT current_schema() AS schema')) as [{ schema: string }];
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 1`);
    await q.query(`DROP TABLE login_failures`);
    await q.query(`
      CREATE TABLE sign_in_settings (
        id                     boolean PRIMARY KEY DEFAULT true CHECK (id),
        free_attempts          integer NOT NULL DEFAULT 5 CHECK (free_attempts >= 1),
        max_wait_seconds       integer NOT NULL DEFAULT 900 CHECK (max_wait_seconds >= 1),
        ip_limit               integer NOT NULL DEFAULT 30 CHECK (ip_limit >= 1),
        ip_window_seconds      integer NOT NULL DEFAULT 300 CHECK (ip_window_seconds >= 1),
        global_limit           integer NOT NULL DEFAULT 600 CHECK (global_limit >= 1),
        global_window_seconds  integer NOT NULL DEFAULT 60 CHECK (global_window_seconds >= 1),
        -- A (username, address) row is forgotten this long after its wait ended.
        retention_seconds      integer NOT NULL DEFAULT 3600 CHECK (retention_seconds >= 0)
      )`);
    await q.query(`INSERT INTO sign_in_settings DEFAULT VALUES`);
    await q.query(`
      CREATE TABLE sign_in_failures (
        username        varchar(60) NOT NULL,
        address         text NOT NULL,
        failures        integer NOT NULL,
        last_failed_at  timestamptz NOT NULL,
        locked_until    timestamptz NOT NULL,
        PRIMARY KEY (username, address)
      )`);
    await q.query(`CREATE INDEX sign_in_failures_locked_idx ON sign_in_failures (locked_until)`);
    // One row per address (scope 'ip') and one for everyone (scope 'global', key '*'): a fixed
    // window that restarts when it has run out.
    await q.query(`
      CREATE TABLE sign_in_windows (
        scope         varchar(10) NOT NULL CHECK (scope IN ('ip', 'global')),
        key           text NOT NULL,
        window_start  timestamptz NOT NULL,
        attempts      integer NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX sign_in_windows_start_idx ON sign_in_windows (window_start)`);

    // Refused: which limit ('ACCOUNT', 'ADDRESS', 'GLOBAL') and the seconds left; otherwise the
    // attempt is counted as a failure until sign_in_end says it succeeded, and the user's id and
    // hash come back (nulls for an unknown or inactive name).
    await q.query(`
      CREATE FUNCTION sign_in_begin(p_username text, p_address text)
      RETURNS TABLE (refused text, retry_after integer, user_id uuid, password_hash text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ${q.connection.driver.escape(schema)} AS $$
      DECLARE
        s sign_in_settings;
        t timestamptz := clock_timestamp();
        w sign_in_windows;
        f sign_in_failures;
        wait_seconds integer;
      BEGIN
        SELECT * INTO s FROM sign_in_settings;
        -- Bounded tables: rows whose wait or window ran out long ago go (unknown names included).
        DELETE FROM sign_in_failures WHERE locked_until < t - make_interval(secs => s.retention_seconds);
        DELETE FROM sign_in_windows WHERE scope = 'ip' AND window_start < t - make_interval(secs => s.ip_window_seconds);

        -- Always in this order (everyone, address, account), so that concurrent attempts never deadlock.
        INSERT INTO sign_in_windows VALUES ('global', '*', t, 0) ON CONFLICT DO NOTHING;
        SELECT * INTO w FROM sign_in_windows WHERE scope = 'global' AND key = '*' FOR UPDATE;
        IF w.window_start + make_interval(secs => s.global_window_seconds) <= t THEN
          UPDATE sign_in_windows SET window_start = t, attempts = 0 WHERE scope = 'global' AND key = '*';
          w.window_start := t; w.attempts := 0;
        END IF;
        IF w.attempts >= s.global_limit THEN
          RETURN QUERY SELECT 'GLOBAL'::text, GREATEST(1, CEIL(EXTRACT(EPOCH FROM w.window_start + make_interval(secs => s.global_window_seconds) - t)))::integer, NULL::uuid, NULL::text;
          RETURN;
        END IF;

        INSERT INTO sign_in_windows VALUES ('ip', p_address, t, 0) ON CONFLICT DO NOTHING;
        SELECT * INTO w FROM sign_in_windows WHERE scope = 'ip' AND key = p_address FOR UPDATE;
        IF w.window_start + make_interval(secs => s.ip_window_seconds) <= t THEN
          UPDATE sign_in_windows SET window_start = t, attempts = 0 WHERE scope = 'ip' AND key = p_address;
          w.window_start := t; w.attempts := 0;
        END IF;
        IF w.attempts >= s.ip_limit THEN
          RETURN QUERY SELECT 'ADDRESS'::text, GREATEST(1, CEIL(EXTRACT(EPOCH FROM w.window_start + make_interval(secs => s.ip_window_seconds) - t)))::integer, NULL::uuid, NULL::text;
          RETURN;
        END IF;

        INSERT INTO sign_in_failures VALUES (p_username, p_address, 0, t, t) ON CONFLICT DO NOTHING;
        SELECT * INTO f FROM sign_in_failures WHERE username = p_username AND address = p_address FOR UPDATE;
        -- Refused during the wait: nothing is counted, so the wait is never extended.
        IF f.locked_until > t THEN
          RETURN QUERY SELECT 'ACCOUNT'::text, GREATEST(1, CEIL(EXTRACT(EPOCH FROM f.locked_until - t)))::integer, NULL::uuid, NULL::text;
          RETURN;
        END IF;

        -- Counted as a failure before the password is checked: parallel attempts see it.
        wait_seconds := CASE WHEN f.failures + 1 < s.free_attempts THEN 0
                             ELSE LEAST(s.max_wait_seconds::numeric, power(2::numeric, LEAST(f.failures + 1 - s.free_attempts, 30)))::integer END;
        UPDATE sign_in_failures SET failures = failures + 1, last_failed_at = t, locked_until = t + make_interval(secs => wait_seconds)
         WHERE username = p_username AND address = p_address;
        UPDATE sign_in_windows SET attempts = attempts + 1 WHERE (scope = 'global' AND key = '*') OR (scope = 'ip' AND key = p_address);

        RETURN QUERY SELECT NULL::text, 0, u.id, u.password_hash
          FROM (SELECT 1) one LEFT JOIN users u ON u.username = p_username AND u.active;
      END $$`);
    // A successful sign-in clears its (username, address) failures and gives its address back the
    // attempt; the global window counts every attempt, successful or not.
    await q.query(`
      CREATE FUNCTION sign_in_end(p_username text, p_address text)
      RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ${q.connection.driver.escape(schema)} AS $$
      BEGIN
        UPDATE sign_in_windows SET attempts = GREATEST(attempts - 1, 0) WHERE scope = 'ip' AND key = p_address;
        DELETE FROM sign_in_failures WHERE username = p_username AND address = p_address;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION sign_in_begin(text, text), sign_in_end(text, text) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sign_in_end(text, text)`);
    await q.query(`DROP FUNCTION sign_in_begin(text, text)`);
    await q.query(`DROP TABLE sign_in_windows`);
    await q.query(`DROP TABLE sign_in_failures`);
    await q.query(`DROP TABLE sign_in_settings`);
    await q.query(`
      CREATE TABLE login_failures (
        username      varchar(60) PRIMARY KEY,
        failures      integer NOT NULL,
        last_failed_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
