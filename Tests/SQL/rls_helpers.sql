-- Plain-SQL assertions for the row-level security suite (rls_tests.sql), design note postgres.md §3.6.
-- Installed by a superuser into the test database after v1.sql; executable by triage_app and by the principal roles
-- it switches to. Every function here is SECURITY INVOKER: it runs with the role of the transaction that calls it,
-- so the statements it runs are subject to exactly the policies the store's statements are.
--
-- Each assertion prints `ok   <label>` (RAISE NOTICE) or raises `FAIL …`, which aborts the transaction and, under
-- psql -v ON_ERROR_STOP=1, the run.

DROP SCHEMA IF EXISTS triage_test CASCADE;
CREATE SCHEMA triage_test;
REVOKE ALL ON SCHEMA triage_test FROM PUBLIC;
GRANT USAGE ON SCHEMA triage_test TO triage_app, triage_requester, triage_staff, triage_worker;

-- Becomes a principal for the rest of the transaction, as the store does at the start of each one:
-- kind user|service → triage_requester, agent|admin → triage_staff, worker → triage_worker. `actor` defaults to the
-- user id (what Principal.actorName is for users and the service); `caller` is the API token id (idempotency keys).
CREATE FUNCTION triage_test.act_as(kind text, user_id text, actor text, caller bigint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    target text := CASE kind WHEN 'user' THEN 'triage_requester' WHEN 'service' THEN 'triage_requester'
                             WHEN 'agent' THEN 'triage_staff' WHEN 'admin' THEN 'triage_staff'
                             WHEN 'worker' THEN 'triage_worker' END;
BEGIN
    IF target IS NULL THEN
        RAISE EXCEPTION 'act_as: unknown principal kind %', kind;
    END IF;
    PERFORM set_config('role', target, true),
            set_config('app.principal_role', kind, true),
            set_config('app.user_id', coalesce(user_id, ''), true),
            set_config('app.actor', coalesce(actor, user_id, ''), true),
            set_config('app.caller', coalesce(caller::text, ''), true);
END
$$;

-- `sql` (a query) returns exactly n rows.
CREATE FUNCTION triage_test.expect_count(label text, sql text, n bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    got bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM (%s) AS q', sql) INTO got;
    IF got IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'FAIL %: expected % row(s), got % — %', label, n, got, sql;
    END IF;
    RAISE NOTICE 'ok   %', label;
END
$$;

-- `sql` fails with SQLSTATE `sqlstate` (run in a subtransaction, so the caller's transaction goes on).
CREATE FUNCTION triage_test.expect_error(label text, sql text, sqlstate text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    got_state text;
    got_message text;
BEGIN
    BEGIN
        EXECUTE sql;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_message = MESSAGE_TEXT;
        IF got_state = sqlstate THEN
            RAISE NOTICE 'ok   % (%: %)', label, got_state, got_message;
            RETURN;
        END IF;
        RAISE EXCEPTION 'FAIL %: expected SQLSTATE %, got % (%) — %', label, sqlstate, got_state, got_message, sql;
    END;
    RAISE EXCEPTION 'FAIL %: expected SQLSTATE %, but the statement succeeded — %', label, sqlstate, sql;
END
$$;

-- `sql` (INSERT/UPDATE/DELETE, or SELECT … FOR UPDATE) touches exactly n rows.
CREATE FUNCTION triage_test.expect_affected(label text, sql text, n bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    got bigint;
BEGIN
    EXECUTE sql;
    GET DIAGNOSTICS got = ROW_COUNT;
    IF got IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'FAIL %: expected % row(s) affected, got % — %', label, n, got, sql;
    END IF;
    RAISE NOTICE 'ok   %', label;
END
$$;

-- A ticket row as the store writes one (TicketRow.columns): open, queued, unanswered; nothing is written.
CREATE FUNCTION triage_test.ticket_row(p_id text, p_user text, p_priority text DEFAULT 'medium',
    p_category text DEFAULT 'general', p_now double precision DEFAULT 1800000000, p_assignee text DEFAULT NULL)
RETURNS triage.tickets LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    r triage.tickets;
BEGIN
    r.id := p_id; r.user_id := p_user; r.subject := 'subject of ' || p_id; r.description := 'description of ' || p_id;
    r.category := p_category; r.priority := p_priority;
    r.priority_rank := CASE p_priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END;
    r.status := 'open'; r.assignee := p_assignee; r.escalated := false;
    r.created_at := p_now; r.updated_at := p_now; r.awaiting_agent_since := p_now;
    r.sla_hours := 24; r.sla_rule := 'priority'; r.cycle_start := p_now; r.cycle := 1; r.paused_seconds := 0;
    r.due_at := p_now + 24 * 3600; r.queue_rank := 0; r.queue_key := r.due_at;
    RETURN r;
END
$$;

-- Inserts ticket_row(…); the caller's role decides whether that is allowed.
CREATE FUNCTION triage_test.new_ticket(p_id text, p_user text, p_priority text DEFAULT 'medium',
    p_category text DEFAULT 'general', p_now double precision DEFAULT 1800000000, p_assignee text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO triage.tickets SELECT (triage_test.ticket_row(p_id, p_user, p_priority, p_category, p_now, p_assignee)).*
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA triage_test FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA triage_test TO triage_app, triage_requester, triage_staff, triage_worker;
