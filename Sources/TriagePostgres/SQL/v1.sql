-- Triage on PostgreSQL, schema version 1: every table of the SQLite store's frozen schema
-- (Tests/TriageStoreTests/FrozenSchema.swift, migrations v1…v16 of Sources/TriageStore/Schema/Schema.swift), with
-- roles, grants and row-level security (design note postgres.md §3, §4.2, §5).
--
-- Run by a superuser inside ONE transaction, after roles.sql, in the database Triage uses:
--     psql -X -v ON_ERROR_STOP=1 --single-transaction -d DB -f v1.sql
-- The file holds no BEGIN/COMMIT: the caller owns the transaction. The schema is created AUTHORIZATION triage_owner,
-- then everything else runs as triage_owner (SET LOCAL ROLE), so every object belongs to it.
--
-- Translation rules (SQLite → PostgreSQL):
--   * instants stay epoch seconds as double precision (REAL): a Swift Double round-trips bit for bit;
--   * 0/1 flags become boolean; rowid ids become identity columns (the store never supplies one);
--   * the v16 vocabulary triggers become CHECK constraints (<table>_vocabulary) with the same lists;
--   * the SQLite triggers (ticket_version, ticket_changes, queue_counts) become PL/pgSQL triggers, and the history
--     the store wrote from Swift (closes, responses, day_counts: TicketStore+History.swift) is written by triggers on
--     tickets and events, SECURITY DEFINER, so requesters need no privilege on aggregates;
--   * child rows a requester may read (messages, events, tags, ratings, sla_facts, sla_timers) carry the ticket's
--     user_id, kept honest by FOREIGN KEY (ticket_id, user_id) REFERENCES tickets (id, user_id).
--
-- Principals (set per transaction by the server, see rls_helpers.sql act_as):
--   set_config('role', 'triage_requester' | 'triage_staff' | 'triage_worker', true)
--   set_config('app.principal_role', 'user' | 'service' | 'agent' | 'admin' | 'worker', true)
--   set_config('app.user_id', '<discord id>' (requesters only), true)
--   set_config('app.actor', '<actor name>', true)            -- agent/admin name; the user id for requesters
--   set_config('app.caller', '<api token id>' (API requests), true)

CREATE SCHEMA triage AUTHORIZATION triage_owner;
SET LOCAL ROLE triage_owner;
SET LOCAL search_path = triage, pg_temp;

REVOKE ALL ON SCHEMA triage FROM PUBLIC;
GRANT USAGE ON SCHEMA triage TO triage_app, triage_requester, triage_staff, triage_worker;
-- Functions created by triage_owner are not executable by PUBLIC unless granted below (this default is per role,
-- not per schema: PostgreSQL cannot revoke a global default per schema).
ALTER DEFAULT PRIVILEGES FOR ROLE triage_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Identity of the transaction's principal: STABLE, no arguments (so no LEAKPROOF needed), always used in policies as
-- (SELECT triage.uid()) so that it is an InitPlan evaluated once per statement. An unset setting reads as NULL (a
-- setting once set locally reads '' after the transaction ends, hence nullif).
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION triage.uid() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '') $$;
CREATE FUNCTION triage.actor() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.actor', true), '') $$;
CREATE FUNCTION triage.principal_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.principal_role', true), '') $$;
-- The API token a request came with (idempotency keys are per caller).
CREATE FUNCTION triage.caller() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.caller', true), '')::bigint $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Tables (SQLite v1…v16), in dependency order
-- ---------------------------------------------------------------------------------------------------------------

-- tickets (v1, v16). Requesters: their own rows (read, open, write through the guard below); staff: all; worker:
-- read and update (escalation, inactivity close, SLA replay).
CREATE TABLE triage.tickets (
    id text PRIMARY KEY CONSTRAINT tickets_id_format CHECK (id ~ '^TKT[A-Z0-9]{6}$'),
    user_id text NOT NULL CONSTRAINT tickets_user_id_format CHECK (user_id ~ '^[0-9]{1,20}$'),
    subject text NOT NULL,
    description text NOT NULL,
    category text NOT NULL,
    priority text NOT NULL,
    priority_rank integer NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'waiting', 'closed')),
    assignee text,
    escalated boolean NOT NULL DEFAULT false,
    acknowledged_at double precision,
    resolution text,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL,
    closed_at double precision,
    first_response_at double precision,
    awaiting_agent_since double precision,
    sla_hours double precision NOT NULL,
    sla_rule text NOT NULL,
    cycle_start double precision NOT NULL,
    cycle integer NOT NULL DEFAULT 1,
    paused_seconds double precision NOT NULL DEFAULT 0,
    paused_at double precision,
    due_at double precision NOT NULL,
    sla_met boolean,
    queue_rank integer,
    queue_key double precision,
    CONSTRAINT tickets_vocabulary CHECK (
        category IN ('general', 'billing', 'technical', 'bug_report', 'account', 'suggestion') AND
        priority IN ('critical', 'high', 'medium', 'low') AND
        sla_rule IN ('category', 'priority', 'both')),
    -- The target of the children's (ticket_id, user_id) foreign keys.
    CONSTRAINT tickets_id_user_id_key UNIQUE (id, user_id)
);

-- messages (v1, v16). Requesters: read their tickets' public messages, write public user messages; staff: read and
-- write all (internal notes included); worker: none (notices carry their text).
CREATE TABLE triage.messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id text NOT NULL,
    user_id text NOT NULL,
    author_kind text NOT NULL,
    author text NOT NULL,
    body text NOT NULL,
    internal boolean NOT NULL DEFAULT false,
    created_at double precision NOT NULL,
    CONSTRAINT messages_vocabulary CHECK (author_kind IN ('user', 'agent', 'system')),
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- events (v1, v16). Requesters: read their tickets' events except the staff-only kinds (the store's publicView and
-- SLA replay read these), append the kinds a requester's own transitions record; staff: read and append all;
-- worker: read and append (SLA facts, escalation, inactivity close).
CREATE TABLE triage.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id text NOT NULL,
    user_id text NOT NULL,
    kind text NOT NULL,
    actor text NOT NULL,
    at double precision NOT NULL,
    old_value text,
    new_value text,
    CONSTRAINT events_vocabulary CHECK (kind IN ('created', 'replied', 'note_added', 'assigned', 'status_changed',
        'priority_changed', 'category_changed', 'tagged', 'sla_warning', 'sla_breached', 'escalated', 'paged',
        'acknowledged', 'closed', 'reopened', 'rated')),
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- tags (v1). Requesters: read their own (the store reads them, then hides them); staff: read, add, remove; worker:
-- read (ticket decoding).
CREATE TABLE triage.tags (
    ticket_id text NOT NULL,
    user_id text NOT NULL,
    tag text NOT NULL,
    PRIMARY KEY (ticket_id, tag),
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- ratings (v1). Requesters: read and upsert their own (only the requester rates); staff and worker: read (joined on
-- every ticket read).
CREATE TABLE triage.ratings (
    ticket_id text PRIMARY KEY,
    user_id text NOT NULL,
    rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text,
    rated_at double precision NOT NULL,
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- day_counts (v1, v7, v8). Written only by the SECURITY DEFINER history triggers; staff (stats) and worker (weekly
-- report) read it; requesters: none.
CREATE TABLE triage.day_counts (
    day integer PRIMARY KEY,
    opened integer NOT NULL DEFAULT 0,
    closed integer NOT NULL DEFAULT 0,
    reopened integer NOT NULL DEFAULT 0,
    resolved integer NOT NULL DEFAULT 0,
    unassigned integer NOT NULL DEFAULT 0,
    critical integer NOT NULL DEFAULT 0,
    cycles_met integer NOT NULL DEFAULT 0,
    resolved_seconds double precision NOT NULL DEFAULT 0,
    resolved_sla_hours double precision NOT NULL DEFAULT 0,
    responses integer NOT NULL DEFAULT 0,
    response_seconds double precision NOT NULL DEFAULT 0,
    opened_account integer NOT NULL DEFAULT 0,
    opened_billing integer NOT NULL DEFAULT 0,
    opened_technical integer NOT NULL DEFAULT 0,
    opened_bug_report integer NOT NULL DEFAULT 0,
    opened_general integer NOT NULL DEFAULT 0,
    opened_suggestion integer NOT NULL DEFAULT 0,
    stars_1 integer NOT NULL DEFAULT 0,
    stars_2 integer NOT NULL DEFAULT 0,
    stars_3 integer NOT NULL DEFAULT 0,
    stars_4 integer NOT NULL DEFAULT 0,
    stars_5 integer NOT NULL DEFAULT 0
);

-- api_tokens (v2). Admins (staff with app.principal_role = 'admin') manage them; authentication goes through
-- triage.authenticate() (SECURITY DEFINER) before any principal exists; agents read the roster's names through
-- triage.staff_token_names(); requesters and worker: none.
CREATE TABLE triage.api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('user', 'service', 'agent', 'admin')),
    user_id text CONSTRAINT api_tokens_user_id_format CHECK (user_id ~ '^[0-9]{1,20}$'),
    token_hash text NOT NULL UNIQUE,
    created_at double precision NOT NULL,
    last_used_at double precision,
    revoked_at double precision
);

-- drafts (v3). Staff only, each agent their own rows (app.actor); colleagues' typing is read through
-- triage.presence(); requesters and worker: none.
CREATE TABLE triage.drafts (
    agent text NOT NULL,
    ticket_id text NOT NULL REFERENCES triage.tickets (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('reply', 'note')),
    body text NOT NULL,
    updated_at double precision NOT NULL,
    PRIMARY KEY (agent, ticket_id, kind)
);

-- ticket_version (v5, design §4.2): a transactional change counter striped over 16 rows so concurrent writers do not
-- queue on one row; a statement trigger on tickets bumps the writer's stripe (pg_backend_pid() % 16); readers take
-- sum(value). Written only by the trigger; staff (console) and worker (API page cache, bookkeeping) read it.
CREATE TABLE triage.ticket_version (
    stripe smallint PRIMARY KEY CHECK (stripe BETWEEN 0 AND 15),
    value bigint NOT NULL DEFAULT 0
);

-- outbox (v4, v6, v16). Requesters: INSERT only, the notices their own writes cause (created, closed) for their own
-- ticket, as pending rows, written with ON CONFLICT DO NOTHING without an arbiter (needs no SELECT: §3.3); no read.
-- Staff: read, enqueue, cancel, retry; worker: read, enqueue, claim (FOR UPDATE SKIP LOCKED), record outcomes.
-- The bot's pull (GET /api/notifications, leaseUserNotifications) runs as triage_worker once the API has checked the
-- service token: it leases every user's notices, which no requester may read.
CREATE TABLE triage.outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key text NOT NULL UNIQUE,
    ticket_id text REFERENCES triage.tickets (id) ON DELETE CASCADE,
    target text NOT NULL,
    cause text NOT NULL,
    kind text,
    payload text,
    body text,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'delivered', 'dead', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0,
    created_at double precision NOT NULL,
    next_attempt_at double precision NOT NULL,
    expires_at double precision,
    lease_owner text,
    lease_until double precision,
    delivered_at double precision,
    last_status integer,
    last_error text,
    remote_id text,
    attempt_started_at double precision,
    possibly_doubled boolean NOT NULL DEFAULT false,
    CONSTRAINT outbox_vocabulary CHECK (
        target IN ('admin-tickets', 'oncall', 'senior', 'user', 'log') AND
        (kind IS NULL OR kind IN ('created', 'replied', 'sla_warning', 'sla_breached', 'page', 'acknowledged', 'closed',
            'inactivity_reminder', 'inactivity_closed', 'reminder_digest', 'weekly_report')))
);

-- delivery_targets (v6). Worker: read, pause and disable targets; staff: read (automation health, target states),
-- admins delete (retry re-enables a target); requesters: none.
CREATE TABLE triage.delivery_targets (
    target text PRIMARY KEY,
    paused_until double precision,
    disabled_reason text,
    disabled_at double precision
);

-- sla_facts (v6). Fire-once facts of the automations. Worker: read and record (ON CONFLICT DO NOTHING); staff: read
-- (escalations, metrics); requesters: read their own tickets' (every write re-arms the ticket's timer from its
-- facts: TicketStore.armTimer).
CREATE TABLE triage.sla_facts (
    ticket_id text NOT NULL,
    user_id text NOT NULL,
    cycle integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('warning', 'breach', 'page', 'inactivity_reminder', 'inactivity_close')),
    n bigint NOT NULL DEFAULT 0,
    at double precision NOT NULL,
    late double precision,
    PRIMARY KEY (ticket_id, cycle, kind, n),
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- sla_timers (v6). Every ticket write (re)arms its ticket's timer, whoever writes: requesters their own tickets'
-- rows, staff and worker all rows.
CREATE TABLE triage.sla_timers (
    ticket_id text PRIMARY KEY,
    user_id text NOT NULL,
    due_at double precision NOT NULL,
    FOREIGN KEY (ticket_id, user_id) REFERENCES triage.tickets (id, user_id) ON DELETE CASCADE
);

-- digests (v6). Worker only (one digest per kind and period).
CREATE TABLE triage.digests (
    kind text NOT NULL,
    period text NOT NULL,
    at double precision NOT NULL,
    PRIMARY KEY (kind, period)
);

-- policy_versions (v6). Every principal reads the policy in force (every write replays the SLA under it); admins
-- add versions.
CREATE TABLE triage.policy_versions (
    version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    toml text NOT NULL,
    set_at double precision NOT NULL,
    set_by text NOT NULL
);

-- runners (v6). Worker: its own health rows; staff: read (automation health).
CREATE TABLE triage.runners (
    owner text PRIMARY KEY,
    started_at double precision NOT NULL,
    last_pass_at double precision,
    stopped_at double precision
);

-- closes (v7, v8). One row per SLA cycle closed, written only by the history trigger; staff and worker read it
-- (weekly stats); requesters: none (the queue-place estimate goes through triage.first_response_sample()).
CREATE TABLE triage.closes (
    ticket_id text NOT NULL REFERENCES triage.tickets (id) ON DELETE CASCADE,
    cycle integer NOT NULL,
    closed_at double precision NOT NULL,
    created_at double precision NOT NULL,
    sla_hours double precision NOT NULL,
    due_at double precision NOT NULL,
    met boolean NOT NULL,
    counted boolean NOT NULL,
    week integer NOT NULL DEFAULT 0,
    seconds double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, cycle)
);

-- responses (v8). A ticket's first public agent reply, written only by the history trigger; staff and worker read
-- it; requesters through triage.first_response_sample().
CREATE TABLE triage.responses (
    ticket_id text PRIMARY KEY REFERENCES triage.tickets (id) ON DELETE CASCADE,
    responded_at double precision NOT NULL,
    week integer NOT NULL,
    seconds double precision NOT NULL
);

-- requesters (v9). A requester reads and upserts their own name; staff read and write all (a ticket opened by staff
-- may bring a name); worker reads (joined on every ticket read).
CREATE TABLE triage.requesters (
    user_id text PRIMARY KEY CONSTRAINT requesters_user_id_format CHECK (user_id ~ '^[0-9]{1,20}$'),
    name text NOT NULL,
    updated_at double precision NOT NULL
);

-- ticket_changes (v10). Which tickets changed at which counter value, one row per ticket ('*' = reload everything),
-- written only by the statement trigger on tickets; staff (console) and worker read it. `seq` is sum(ticket_version)
-- as the writing statement saw it after its bump (SQLite's meaning when writers are serial). Concurrent writers do
-- not commit in seq order, so a reader that must not miss a change also keeps the xmin of the snapshot it last read
-- (pg_snapshot_xmin(pg_current_snapshot())) and reads `seq > $version OR xact >= $previous_xmin`.
CREATE TABLE triage.ticket_changes (
    ticket_id text PRIMARY KEY CHECK (ticket_id = '*' OR ticket_id ~ '^TKT[A-Z0-9]{6}$'),
    seq bigint NOT NULL,
    xact xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- queue_counts (v11). The console header's open / waiting / critical / unassigned counts, kept by the statement
-- trigger on tickets. Striped like ticket_version (SQLite's single row id = 1 would serialise every ticket write of
-- every server until commit): readers take the sums. Staff and worker read it; requesters: none.
CREATE TABLE triage.queue_counts (
    stripe smallint PRIMARY KEY CHECK (stripe BETWEEN 0 AND 15),
    open integer NOT NULL DEFAULT 0,
    waiting integer NOT NULL DEFAULT 0,
    critical integer NOT NULL DEFAULT 0,
    unassigned integer NOT NULL DEFAULT 0
);

-- agent_views (v12). Staff only, each agent their own rows (seen marks, heartbeat); colleagues' presence through
-- triage.presence().
CREATE TABLE triage.agent_views (
    agent text NOT NULL,
    ticket_id text NOT NULL REFERENCES triage.tickets (id) ON DELETE CASCADE,
    seen_at double precision,
    opened_at double precision,
    PRIMARY KEY (agent, ticket_id)
);

-- discord_interactions (v13). Claimed and answered by the Discord front end in transactions of their own, before and
-- after the ticket work: server-internal bookkeeping, so triage_worker only (an interaction id is not a user's row).
CREATE TABLE triage.discord_interactions (
    id text PRIMARY KEY,
    response text,
    created_at double precision NOT NULL
);

-- idempotency_keys (v14). Stored in the SAME transaction as the ticket or message they guard, so under the
-- requester's (or staff's) own role: each caller (API token id, app.caller) reads, writes and expires only its own
-- keys; the worker sweeps every caller's expired keys.
CREATE TABLE triage.idempotency_keys (
    caller bigint NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status integer NOT NULL,
    body bytea NOT NULL,
    location text,
    created_at double precision NOT NULL,
    PRIMARY KEY (caller, key)
);

-- schema_migrations (replaces GRDB's grdb_migrations): which schema versions were applied. Written by migrations
-- (as triage_owner); every principal may read it (a server checks the version it runs against).
CREATE TABLE triage.schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at double precision NOT NULL
);

INSERT INTO triage.ticket_version (stripe, value) SELECT s, 0 FROM generate_series(0, 15) AS s;
INSERT INTO triage.queue_counts (stripe) SELECT s FROM generate_series(0, 15) AS s;

-- ---------------------------------------------------------------------------------------------------------------
-- Indexes: the frozen schema's, name for name, plus tickets_user_queue (a requester's queue: RLS and order in one)
-- ---------------------------------------------------------------------------------------------------------------

CREATE INDEX agent_views_opened ON triage.agent_views (opened_at) WHERE opened_at IS NOT NULL;
CREATE INDEX closes_counted ON triage.closes (closed_at, counted);
CREATE INDEX closes_week ON triage.closes (week, counted, seconds);
CREATE INDEX discord_interactions_created ON triage.discord_interactions (created_at);
CREATE INDEX drafts_updated ON triage.drafts (updated_at);
CREATE INDEX events_breached_at ON triage.events (at, kind) WHERE kind = 'sla_breached';
CREATE INDEX events_ticket ON triage.events (ticket_id, id);
CREATE INDEX idempotency_keys_created ON triage.idempotency_keys (created_at);
CREATE INDEX messages_ticket ON triage.messages (ticket_id, created_at);
CREATE INDEX outbox_dead ON triage.outbox (target) WHERE status = 'dead';
CREATE INDEX outbox_due ON triage.outbox (target, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_sending ON triage.outbox (target, lease_until) WHERE status = 'sending';
CREATE INDEX outbox_ticket ON triage.outbox (ticket_id, kind) WHERE status IN ('pending', 'sending');
CREATE INDEX ratings_rated ON triage.ratings (rated_at, rating);
CREATE INDEX responses_week ON triage.responses (week, seconds);
CREATE INDEX sla_timers_due ON triage.sla_timers (due_at);
CREATE INDEX ticket_changes_seq ON triage.ticket_changes (seq);
CREATE INDEX tickets_assignee ON triage.tickets (assignee, queue_rank) WHERE queue_rank IS NOT NULL;
CREATE INDEX tickets_awaiting ON triage.tickets (awaiting_agent_since)
    WHERE status = 'open' AND awaiting_agent_since IS NOT NULL;
CREATE INDEX tickets_closed ON triage.tickets (closed_at, created_at, sla_hours, sla_met);
CREATE INDEX tickets_created ON triage.tickets (created_at, category);
CREATE INDEX tickets_due ON triage.tickets (due_at, closed_at);
CREATE INDEX tickets_first_response ON triage.tickets (first_response_at, created_at);
CREATE INDEX tickets_queue ON triage.tickets (queue_rank, queue_key, priority_rank, created_at, id, assignee)
    WHERE queue_rank IS NOT NULL;
CREATE INDEX tickets_user ON triage.tickets (user_id, queue_rank);
CREATE INDEX tickets_user_queue ON triage.tickets (user_id, queue_rank, queue_key, priority_rank, created_at, id);

-- ---------------------------------------------------------------------------------------------------------------
-- Day helpers (TicketStore.day, weekNumber, ISOWeek.start): invoker functions, no grants; the SECURITY DEFINER
-- triggers call them as triage_owner.
-- ---------------------------------------------------------------------------------------------------------------

-- Int((t / 86_400).rounded(.down))
CREATE FUNCTION triage.day_of(t double precision) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT floor(t / 86400)::integer $$;

-- (day + 3) / 7, truncating like Swift's Int division.
CREATE FUNCTION triage.week_of_day(day integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (day + 3) / 7 $$;

-- Monday 00:00 UTC of the ISO week holding t (day 0, 1970-01-01, was a Thursday).
CREATE FUNCTION triage.week_start(t double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (triage.day_of(t) - (((triage.day_of(t) + 3) % 7) + 7) % 7)::double precision * 86400 $$;

CREATE FUNCTION triage.day_zero(p_day integer) RETURNS triage.day_counts LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ROW(p_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)::triage.day_counts $$;

-- d with its opened_<category> counter moved by delta (DayCounts.moveCategory).
CREATE FUNCTION triage.day_category(d triage.day_counts, category text, delta integer) RETURNS triage.day_counts
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    CASE category
        WHEN 'account' THEN d.opened_account := d.opened_account + delta;
        WHEN 'billing' THEN d.opened_billing := d.opened_billing + delta;
        WHEN 'technical' THEN d.opened_technical := d.opened_technical + delta;
        WHEN 'bug_report' THEN d.opened_bug_report := d.opened_bug_report + delta;
        WHEN 'general' THEN d.opened_general := d.opened_general + delta;
        WHEN 'suggestion' THEN d.opened_suggestion := d.opened_suggestion + delta;
    END CASE;
    RETURN d;
END
$$;

-- Adds each day's deltas to its day_counts row (DayCounts.upsertSQL), in day order (a stable lock order), skipping
-- days whose deltas are all zero (addDayCounts' isZero).
CREATE FUNCTION triage.add_day_counts(p triage.day_counts[]) RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO triage.day_counts AS c (day, opened, closed, reopened, resolved, unassigned, critical, cycles_met,
        resolved_seconds, resolved_sla_hours, responses, response_seconds, opened_account, opened_billing,
        opened_technical, opened_bug_report, opened_general, opened_suggestion, stars_1, stars_2, stars_3, stars_4,
        stars_5)
    SELECT day, sum(opened), sum(closed), sum(reopened), sum(resolved), sum(unassigned), sum(critical),
        sum(cycles_met), sum(resolved_seconds), sum(resolved_sla_hours), sum(responses), sum(response_seconds),
        sum(opened_account), sum(opened_billing), sum(opened_technical), sum(opened_bug_report), sum(opened_general),
        sum(opened_suggestion), sum(stars_1), sum(stars_2), sum(stars_3), sum(stars_4), sum(stars_5)
    FROM unnest(p)
    GROUP BY day
    HAVING sum(opened) <> 0 OR sum(closed) <> 0 OR sum(reopened) <> 0 OR sum(resolved) <> 0 OR sum(unassigned) <> 0
        OR sum(critical) <> 0 OR sum(cycles_met) <> 0 OR sum(resolved_seconds) <> 0 OR sum(resolved_sla_hours) <> 0
        OR sum(responses) <> 0 OR sum(response_seconds) <> 0 OR sum(opened_account) <> 0 OR sum(opened_billing) <> 0
        OR sum(opened_technical) <> 0 OR sum(opened_bug_report) <> 0 OR sum(opened_general) <> 0
        OR sum(opened_suggestion) <> 0 OR sum(stars_1) <> 0 OR sum(stars_2) <> 0 OR sum(stars_3) <> 0
        OR sum(stars_4) <> 0 OR sum(stars_5) <> 0
    ORDER BY day
    ON CONFLICT (day) DO UPDATE SET
        opened = c.opened + excluded.opened, closed = c.closed + excluded.closed,
        reopened = c.reopened + excluded.reopened, resolved = c.resolved + excluded.resolved,
        unassigned = c.unassigned + excluded.unassigned, critical = c.critical + excluded.critical,
        cycles_met = c.cycles_met + excluded.cycles_met,
        resolved_seconds = c.resolved_seconds + excluded.resolved_seconds,
        resolved_sla_hours = c.resolved_sla_hours + excluded.resolved_sla_hours,
        responses = c.responses + excluded.responses, response_seconds = c.response_seconds + excluded.response_seconds,
        opened_account = c.opened_account + excluded.opened_account,
        opened_billing = c.opened_billing + excluded.opened_billing,
        opened_technical = c.opened_technical + excluded.opened_technical,
        opened_bug_report = c.opened_bug_report + excluded.opened_bug_report,
        opened_general = c.opened_general + excluded.opened_general,
        opened_suggestion = c.opened_suggestion + excluded.opened_suggestion,
        stars_1 = c.stars_1 + excluded.stars_1, stars_2 = c.stars_2 + excluded.stars_2,
        stars_3 = c.stars_3 + excluded.stars_3, stars_4 = c.stars_4 + excluded.stars_4,
        stars_5 = c.stars_5 + excluded.stars_5
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Triggers on tickets
-- ---------------------------------------------------------------------------------------------------------------

-- Staff fields are staff's (RLS is row-level; column privileges would not fit the store's "UPDATE every column"
-- statement). A requester's own write may only do what TicketTransitions lets a user do: reply (a waiting ticket
-- back to open, awaiting an agent), close (status, closed_at, resolution), reopen (directly or by replying: status,
-- closed_at and resolution cleared, a new cycle whose escalation starts afresh), rate (ratings table), and carry the
-- SLA columns the store replays from the event log (sla_*, cycle*, paused_*, due_at, queue_*, updated_at).
-- Refused: id, user_id, subject, description, category, priority(_rank), assignee, created_at, first_response_at,
-- escalated and acknowledged_at (except their reset by a reopen), status 'waiting', and closed_at/resolution outside
-- a close or reopen. Invoker function: current_user is the statement's role.
CREATE FUNCTION triage.tickets_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    reopening boolean := OLD.status = 'closed' AND NEW.status <> 'closed';
    closing boolean := OLD.status <> 'closed' AND NEW.status = 'closed';
BEGIN
    IF NOT pg_has_role(current_user, 'triage_requester', 'USAGE')
        OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        RETURN NEW;
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.subject IS DISTINCT FROM OLD.subject OR NEW.description IS DISTINCT FROM OLD.description
        OR NEW.category IS DISTINCT FROM OLD.category OR NEW.priority IS DISTINCT FROM OLD.priority
        OR NEW.priority_rank IS DISTINCT FROM OLD.priority_rank OR NEW.assignee IS DISTINCT FROM OLD.assignee
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at
        OR (NEW.escalated IS DISTINCT FROM OLD.escalated AND NOT (reopening AND NOT NEW.escalated))
        OR (NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at AND NOT (reopening AND NEW.acknowledged_at IS NULL))
        OR (NEW.status = 'waiting' AND OLD.status <> 'waiting')
        OR ((NEW.closed_at IS DISTINCT FROM OLD.closed_at OR NEW.resolution IS DISTINCT FROM OLD.resolution)
            AND NOT (closing OR reopening))
    THEN
        RAISE EXCEPTION 'a requester may not change staff fields of %', OLD.id
            USING ERRCODE = '42501', HINT = 'assignee, priority, category, escalation and the like are for staff';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tickets_guard BEFORE UPDATE ON triage.tickets
    FOR EACH ROW EXECUTE FUNCTION triage.tickets_guard();

-- LISTEN/NOTIFY (design §4.2): the ticket id, delivered at commit (never content: notifications bypass RLS).
CREATE FUNCTION triage.tickets_notify() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_notify('triage_tickets', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_notify AFTER INSERT OR UPDATE OR DELETE ON triage.tickets
    FOR EACH ROW EXECUTE FUNCTION triage.tickets_notify();

-- SQLite's tickets_bump_on_insert/update/delete, once per statement (transition tables): bump the writer's
-- ticket_version stripe, file the changed tickets in ticket_changes at the new sum, and move queue_counts by the
-- difference of the rows' flags (open: queue_rank 0; waiting: 1; critical: queued and priority_rank 0; unassigned:
-- queued without assignee). A statement that changed no row changes nothing (SQLite's row triggers did not fire).
CREATE FUNCTION triage.tickets_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = triage, pg_temp AS $$
DECLARE
    my_stripe smallint := (pg_backend_pid() % 16)::smallint;
    ids text[];
    d_open bigint; d_waiting bigint; d_critical bigint; d_unassigned bigint;
    new_seq bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(r.id ORDER BY r.id),
               sum((r.queue_rank = 0)::int), sum((r.queue_rank = 1)::int),
               sum((r.queue_rank IS NOT NULL AND r.priority_rank = 0)::int),
               sum((r.queue_rank IS NOT NULL AND r.assignee IS NULL)::int)
        INTO ids, d_open, d_waiting, d_critical, d_unassigned
        FROM new_rows r;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT r.id ORDER BY r.id),
               sum(r.sign * (r.queue_rank = 0)::int), sum(r.sign * (r.queue_rank = 1)::int),
               sum(r.sign * (r.queue_rank IS NOT NULL AND r.priority_rank = 0)::int),
               sum(r.sign * (r.queue_rank IS NOT NULL AND r.assignee IS NULL)::int)
        INTO ids, d_open, d_waiting, d_critical, d_unassigned
        FROM (SELECT 1 AS sign, n.id, n.queue_rank, n.priority_rank, n.assignee FROM new_rows n
              UNION ALL
              SELECT -1, o.id, o.queue_rank, o.priority_rank, o.assignee FROM old_rows o) r;
    ELSE
        SELECT array_agg(r.id ORDER BY r.id),
               -sum((r.queue_rank = 0)::int), -sum((r.queue_rank = 1)::int),
               -sum((r.queue_rank IS NOT NULL AND r.priority_rank = 0)::int),
               -sum((r.queue_rank IS NOT NULL AND r.assignee IS NULL)::int)
        INTO ids, d_open, d_waiting, d_critical, d_unassigned
        FROM old_rows r;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    UPDATE triage.ticket_version SET value = value + 1 WHERE stripe = my_stripe;
    SELECT sum(value) INTO new_seq FROM triage.ticket_version;
    INSERT INTO triage.ticket_changes AS c (ticket_id, seq, xact)
        SELECT id, new_seq, pg_current_xact_id() FROM unnest(ids) AS id
        ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq, xact = excluded.xact;
    IF coalesce(d_open, 0) <> 0 OR coalesce(d_waiting, 0) <> 0 OR coalesce(d_critical, 0) <> 0
        OR coalesce(d_unassigned, 0) <> 0 THEN
        UPDATE triage.queue_counts
        SET open = open + coalesce(d_open, 0), waiting = waiting + coalesce(d_waiting, 0),
            critical = critical + coalesce(d_critical, 0), unassigned = unassigned + coalesce(d_unassigned, 0)
        WHERE stripe = my_stripe;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_changed_insert AFTER INSERT ON triage.tickets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION triage.tickets_changed();
CREATE TRIGGER tickets_changed_update AFTER UPDATE ON triage.tickets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION triage.tickets_changed();
CREATE TRIGGER tickets_changed_delete AFTER DELETE ON triage.tickets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION triage.tickets_changed();

-- The weekly stats' history (TicketStore.recordHistory, TicketStore+History.swift), per row: the store's `now` is the
-- row's updated_at (every store write sets it to now before saving; writes that leave it, like a policy change or a
-- requester's new name, change none of the facts below).
--   * a new ticket: opened, and opened_<category>, today;
--   * a category change: the ticket moves between categories on its creation day;
--   * a close: a `closes` row (cycle, budget, due time, met, counted = the ticket's first close in its ISO week,
--     week, seconds) and closed / cycles_met (and resolved, resolved_seconds, resolved_sla_hours when counted) on the
--     close's day;
--   * a reopen: reopened today (a reopen no longer takes its close back: v7);
--   * a first response: a `responses` row (kept if one exists) and responses / response_seconds on its day;
--   * the open-ticket KPI flags (OpenTicketFlags: open and unassigned, open and critical): their change, today.
CREATE FUNCTION triage.tickets_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = triage, pg_temp AS $$
DECLARE
    is_new boolean := TG_OP = 'INSERT';
    was_closed boolean := TG_OP = 'UPDATE' AND OLD.status = 'closed';
    today triage.day_counts := triage.day_zero(triage.day_of(NEW.updated_at));
    d triage.day_counts;
    deltas triage.day_counts[] := '{}';
    closed_t double precision;
    closed_before boolean;
    met boolean;
    secs double precision;
    old_unassigned integer := 0;
    old_critical integer := 0;
BEGIN
    IF is_new THEN
        today.opened := 1;
        today := triage.day_category(today, NEW.category, 1);
    ELSIF OLD.category <> NEW.category THEN
        d := triage.day_zero(triage.day_of(NEW.created_at));
        d := triage.day_category(d, OLD.category, -1);
        d := triage.day_category(d, NEW.category, 1);
        deltas := deltas || d;
    END IF;

    IF NEW.status = 'closed' AND NOT was_closed THEN
        closed_t := coalesce(NEW.closed_at, NEW.updated_at);
        closed_before := EXISTS (SELECT 1 FROM triage.closes c
                                 WHERE c.ticket_id = NEW.id AND c.closed_at >= triage.week_start(closed_t));
        met := closed_t <= NEW.due_at;
        secs := closed_t - NEW.created_at;
        INSERT INTO triage.closes (ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted, week, seconds)
        VALUES (NEW.id, NEW.cycle, closed_t, NEW.created_at, NEW.sla_hours, NEW.due_at, met, NOT closed_before,
                triage.week_of_day(triage.day_of(closed_t)), secs);
        d := triage.day_zero(triage.day_of(closed_t));
        d.closed := 1;
        d.cycles_met := CASE WHEN met THEN 1 ELSE 0 END;
        IF NOT closed_before THEN
            d.resolved := 1;
            d.resolved_seconds := secs;
            d.resolved_sla_hours := NEW.sla_hours;
        END IF;
        deltas := deltas || d;
    ELSIF was_closed AND NEW.status <> 'closed' THEN
        today.reopened := 1;
    END IF;

    IF NEW.first_response_at IS NOT NULL AND (is_new OR OLD.first_response_at IS NULL) THEN
        secs := NEW.first_response_at - NEW.created_at;
        INSERT INTO triage.responses (ticket_id, responded_at, week, seconds)
        VALUES (NEW.id, NEW.first_response_at, triage.week_of_day(triage.day_of(NEW.first_response_at)), secs)
        ON CONFLICT DO NOTHING;
        d := triage.day_zero(triage.day_of(NEW.first_response_at));
        d.responses := 1;
        d.response_seconds := secs;
        deltas := deltas || d;
    END IF;

    IF NOT is_new THEN
        old_unassigned := (OLD.status <> 'closed' AND OLD.assignee IS NULL)::integer;
        old_critical := (OLD.status <> 'closed' AND OLD.priority = 'critical')::integer;
    END IF;
    today.unassigned := (NEW.status <> 'closed' AND NEW.assignee IS NULL)::integer - old_unassigned;
    today.critical := (NEW.status <> 'closed' AND NEW.priority = 'critical')::integer - old_critical;

    PERFORM triage.add_day_counts(deltas || today);
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_history_insert AFTER INSERT ON triage.tickets
    FOR EACH ROW EXECUTE FUNCTION triage.tickets_history();
CREATE TRIGGER tickets_history_update AFTER UPDATE ON triage.tickets
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.category IS DISTINCT FROM NEW.category
          OR OLD.assignee IS DISTINCT FROM NEW.assignee OR OLD.priority IS DISTINCT FROM NEW.priority
          OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at)
    EXECUTE FUNCTION triage.tickets_history();

-- A ticket that becomes closed cancels its pending SLA notices (TicketStore.cancelPending(slaNoticeKinds, "the ticket
-- was closed"), which both close paths — close() and the runner's closeTicket — run after the close). Here because a
-- requester closing their own ticket may neither read nor update the outbox; the store may still run its own
-- cancel (it then finds nothing pending).
CREATE FUNCTION triage.tickets_cancel_sla_notices() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = triage, pg_temp AS $$
BEGIN
    UPDATE triage.outbox SET status = 'cancelled', last_error = 'the ticket was closed'
    WHERE ticket_id = NEW.id AND status = 'pending' AND kind IN ('sla_warning', 'sla_breached', 'page');
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_cancel_sla_notices AFTER UPDATE OF status ON triage.tickets
    FOR EACH ROW WHEN (OLD.status <> 'closed' AND NEW.status = 'closed')
    EXECUTE FUNCTION triage.tickets_cancel_sla_notices();

-- Ratings per star count on the day of their `rated` event (DayCounts.rate, from the write's events).
CREATE FUNCTION triage.events_rated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = triage, pg_temp AS $$
DECLARE
    d triage.day_counts := triage.day_zero(triage.day_of(NEW.at));
BEGIN
    CASE NEW.new_value
        WHEN '1' THEN d.stars_1 := 1;
        WHEN '2' THEN d.stars_2 := 1;
        WHEN '3' THEN d.stars_3 := 1;
        WHEN '4' THEN d.stars_4 := 1;
        WHEN '5' THEN d.stars_5 := 1;
        ELSE RETURN NULL;
    END CASE;
    PERFORM triage.add_day_counts(ARRAY[d]);
    RETURN NULL;
END
$$;

CREATE TRIGGER events_rated AFTER INSERT ON triage.events
    FOR EACH ROW WHEN (NEW.kind = 'rated') EXECUTE FUNCTION triage.events_rated();

-- ---------------------------------------------------------------------------------------------------------------
-- SECURITY DEFINER entry points (search_path pinned, EXECUTE only where granted)
-- ---------------------------------------------------------------------------------------------------------------

-- Authentication before any principal exists (TicketStore.authenticate / authenticateRequest): the live token with
-- this hash (the caller compares the hash again in constant time), recording its use at p_now when the recorded one
-- is at least p_min_interval old (0: always, as `authenticate`; lastUseResolution: as `authenticateRequest`; NULL
-- p_now: a pure read). A revoked or unknown token gives no row. Executable by triage_app only.
CREATE FUNCTION triage.authenticate(p_hash text, p_now double precision DEFAULT NULL,
    p_min_interval double precision DEFAULT 0)
RETURNS TABLE (id bigint, name text, role text, user_id text, token_hash text, created_at double precision,
               last_used_at double precision, revoked_at double precision)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = triage, pg_temp AS $$
BEGIN
    IF p_now IS NOT NULL THEN
        UPDATE triage.api_tokens t SET last_used_at = p_now
        WHERE t.token_hash = p_hash AND t.revoked_at IS NULL
          AND (t.last_used_at IS NULL OR (t.last_used_at < p_now AND p_now - t.last_used_at >= p_min_interval));
    END IF;
    RETURN QUERY
        SELECT t.id, t.name, t.role, t.user_id, t.token_hash, t.created_at, t.last_used_at, t.revoked_at
        FROM triage.api_tokens t WHERE t.token_hash = p_hash AND t.revoked_at IS NULL;
END
$$;

-- The agent roster's token names (TicketStore.agentRoster): names of live agent and admin tokens, never hashes.
CREATE FUNCTION triage.staff_token_names() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = triage, pg_temp
AS $$ SELECT t.name FROM triage.api_tokens t WHERE t.role IN ('agent', 'admin') AND t.revoked_at IS NULL $$;

-- Colleagues present on tickets since p_since (TicketStore.presence): every agent but the caller (app.actor), from
-- their heartbeats and their drafts' save times, never a draft's body.
CREATE FUNCTION triage.presence(p_since double precision)
RETURNS TABLE (ticket_id text, agent text, activity text) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = triage, pg_temp AS $$
    SELECT v.ticket_id, v.agent, 'viewing' FROM triage.agent_views v
    WHERE v.opened_at > p_since AND v.agent <> coalesce(triage.actor(), '')
    UNION ALL
    SELECT d.ticket_id, d.agent, CASE d.kind WHEN 'reply' THEN 'replying' ELSE 'noting' END FROM triage.drafts d
    WHERE d.updated_at > p_since AND d.agent <> coalesce(triage.actor(), '')
$$;

-- A ticket's place (TicketStore.place): how many open tickets, of every requester, stand before this queue key.
-- Only a count leaves the function.
CREATE FUNCTION triage.queue_ahead(p_rank integer, p_key double precision, p_priority_rank integer,
    p_created_at double precision, p_id text)
RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = triage, pg_temp AS $$
    SELECT count(*) FROM triage.tickets t
    WHERE t.queue_rank = 0
      AND (t.queue_rank, t.queue_key, t.priority_rank, t.created_at, t.id) < (p_rank, p_key, p_priority_rank, p_created_at, p_id)
$$;

-- The first-response estimate's sample (TicketStore.firstResponseEstimate): how many first responses since week
-- p_since_week (of tickets of priority p_priority, or all when NULL), and the one or two middle durations in seconds
-- (WeekSample.Durations.medianRanks) for the caller to average.
CREATE FUNCTION triage.first_response_sample(p_since_week integer, p_priority text DEFAULT NULL,
    OUT samples bigint, OUT middle double precision[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = triage, pg_temp AS $$
DECLARE
    first_rank bigint;
    rank_count integer;
BEGIN
    IF p_priority IS NULL THEN
        SELECT count(*) INTO samples FROM triage.responses r WHERE r.week >= p_since_week;
    ELSE
        SELECT count(*) INTO samples FROM triage.responses r JOIN triage.tickets t ON t.id = r.ticket_id
        WHERE r.week >= p_since_week AND t.priority = p_priority;
    END IF;
    IF samples = 0 THEN
        middle := '{}';
        RETURN;
    END IF;
    IF samples % 2 = 1 THEN first_rank := samples / 2; rank_count := 1;
    ELSE first_rank := samples / 2 - 1; rank_count := 2;
    END IF;
    IF p_priority IS NULL THEN
        middle := ARRAY(SELECT r.seconds FROM triage.responses r WHERE r.week >= p_since_week
                        ORDER BY r.seconds LIMIT rank_count OFFSET first_rank);
    ELSE
        middle := ARRAY(SELECT r.seconds FROM triage.responses r JOIN triage.tickets t ON t.id = r.ticket_id
                        WHERE r.week >= p_since_week AND t.priority = p_priority
                        ORDER BY r.seconds LIMIT rank_count OFFSET first_rank);
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Row-level security: ENABLE and FORCE on every table (the owner too is bound: its SECURITY DEFINER code sees only
-- what a policy TO triage_owner lets it). Policies are written TO a role; the identity functions are wrapped in
-- (SELECT …) so they run once per statement.
-- ---------------------------------------------------------------------------------------------------------------

DO $rls$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
             WHERE c.relnamespace = 'triage'::regnamespace AND c.relkind = 'r' LOOP
        EXECUTE format('ALTER TABLE triage.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t.relname);
    END LOOP;
END
$rls$;

-- tickets
GRANT SELECT, INSERT, UPDATE ON triage.tickets TO triage_requester, triage_staff;
GRANT SELECT, UPDATE ON triage.tickets TO triage_worker;
-- The source's policy (auth.uid() = user_id), for every command a requester has.
CREATE POLICY tickets_requester_select ON triage.tickets FOR SELECT TO triage_requester
    USING (user_id = (SELECT triage.uid()));
-- A new ticket is the requester's own, open, unassigned, unescalated and unanswered (TicketTransitions.open).
CREATE POLICY tickets_requester_insert ON triage.tickets FOR INSERT TO triage_requester
    WITH CHECK (user_id = (SELECT triage.uid()) AND status = 'open' AND assignee IS NULL AND NOT escalated
                AND acknowledged_at IS NULL AND first_response_at IS NULL AND closed_at IS NULL AND resolution IS NULL);
CREATE POLICY tickets_requester_update ON triage.tickets FOR UPDATE TO triage_requester
    USING (user_id = (SELECT triage.uid())) WITH CHECK (user_id = (SELECT triage.uid()));
CREATE POLICY tickets_staff_select ON triage.tickets FOR SELECT TO triage_staff USING (true);
CREATE POLICY tickets_staff_insert ON triage.tickets FOR INSERT TO triage_staff WITH CHECK (true);
CREATE POLICY tickets_staff_update ON triage.tickets FOR UPDATE TO triage_staff USING (true) WITH CHECK (true);
CREATE POLICY tickets_worker_select ON triage.tickets FOR SELECT TO triage_worker USING (true);
CREATE POLICY tickets_worker_update ON triage.tickets FOR UPDATE TO triage_worker USING (true) WITH CHECK (true);
-- triage.queue_ahead() and triage.first_response_sample() count across requesters.
CREATE POLICY tickets_definer_select ON triage.tickets FOR SELECT TO triage_owner USING (true);

-- messages
GRANT SELECT, INSERT ON triage.messages TO triage_requester, triage_staff;
CREATE POLICY messages_requester_select ON triage.messages FOR SELECT TO triage_requester
    USING (user_id = (SELECT triage.uid()) AND NOT internal);
CREATE POLICY messages_requester_insert ON triage.messages FOR INSERT TO triage_requester
    WITH CHECK (user_id = (SELECT triage.uid()) AND NOT internal AND author_kind = 'user'
                AND author = (SELECT triage.uid()));
CREATE POLICY messages_staff_select ON triage.messages FOR SELECT TO triage_staff USING (true);
CREATE POLICY messages_staff_insert ON triage.messages FOR INSERT TO triage_staff WITH CHECK (true);

-- events
GRANT SELECT, INSERT ON triage.events TO triage_requester, triage_staff, triage_worker;
-- Not the staff-only kinds (TicketStore.staffOnlyEvents): a requester reads what publicView and the SLA replay read.
CREATE POLICY events_requester_select ON triage.events FOR SELECT TO triage_requester
    USING (user_id = (SELECT triage.uid())
           AND kind NOT IN ('note_added', 'tagged', 'sla_warning', 'sla_breached', 'paged', 'acknowledged'));
-- What a requester's own transitions record: open, reply (and the waiting → open it causes), close, reopen, rate.
CREATE POLICY events_requester_insert ON triage.events FOR INSERT TO triage_requester
    WITH CHECK (user_id = (SELECT triage.uid()) AND actor = (SELECT triage.uid())
                AND kind IN ('created', 'replied', 'status_changed', 'closed', 'reopened', 'rated'));
CREATE POLICY events_staff_select ON triage.events FOR SELECT TO triage_staff USING (true);
CREATE POLICY events_staff_insert ON triage.events FOR INSERT TO triage_staff WITH CHECK (true);
CREATE POLICY events_worker_select ON triage.events FOR SELECT TO triage_worker USING (true);
CREATE POLICY events_worker_insert ON triage.events FOR INSERT TO triage_worker WITH CHECK (true);

-- tags
GRANT SELECT ON triage.tags TO triage_requester, triage_worker;
GRANT SELECT, INSERT, DELETE ON triage.tags TO triage_staff;
CREATE POLICY tags_requester_select ON triage.tags FOR SELECT TO triage_requester
    USING (user_id = (SELECT triage.uid()));
CREATE POLICY tags_staff_all ON triage.tags FOR ALL TO triage_staff USING (true) WITH CHECK (true);
CREATE POLICY tags_worker_select ON triage.tags FOR SELECT TO triage_worker USING (true);

-- ratings
GRANT SELECT, INSERT, UPDATE ON triage.ratings TO triage_requester;
GRANT SELECT ON triage.ratings TO triage_staff, triage_worker;
CREATE POLICY ratings_requester_all ON triage.ratings FOR ALL TO triage_requester
    USING (user_id = (SELECT triage.uid())) WITH CHECK (user_id = (SELECT triage.uid()));
CREATE POLICY ratings_staff_select ON triage.ratings FOR SELECT TO triage_staff USING (true);
CREATE POLICY ratings_worker_select ON triage.ratings FOR SELECT TO triage_worker USING (true);

-- day_counts
GRANT SELECT ON triage.day_counts TO triage_staff, triage_worker;
CREATE POLICY day_counts_staff_select ON triage.day_counts FOR SELECT TO triage_staff USING (true);
CREATE POLICY day_counts_worker_select ON triage.day_counts FOR SELECT TO triage_worker USING (true);
CREATE POLICY day_counts_definer_all ON triage.day_counts FOR ALL TO triage_owner USING (true) WITH CHECK (true);

-- api_tokens
GRANT SELECT, INSERT, UPDATE ON triage.api_tokens TO triage_staff;
CREATE POLICY api_tokens_admin_all ON triage.api_tokens FOR ALL TO triage_staff
    USING ((SELECT triage.principal_role()) = 'admin') WITH CHECK ((SELECT triage.principal_role()) = 'admin');
-- The FORCE gotcha (design §3.3): the SECURITY DEFINER functions run as the owner and found nothing without these.
CREATE POLICY api_tokens_definer_select ON triage.api_tokens FOR SELECT TO triage_owner USING (true);
CREATE POLICY api_tokens_definer_update ON triage.api_tokens FOR UPDATE TO triage_owner USING (true) WITH CHECK (true);

-- drafts
GRANT SELECT, INSERT, UPDATE, DELETE ON triage.drafts TO triage_staff;
CREATE POLICY drafts_staff_own ON triage.drafts FOR ALL TO triage_staff
    USING (agent = (SELECT triage.actor())) WITH CHECK (agent = (SELECT triage.actor()));
CREATE POLICY drafts_definer_select ON triage.drafts FOR SELECT TO triage_owner USING (true);

-- ticket_version
GRANT SELECT ON triage.ticket_version TO triage_staff, triage_worker;
CREATE POLICY ticket_version_staff_select ON triage.ticket_version FOR SELECT TO triage_staff USING (true);
CREATE POLICY ticket_version_worker_select ON triage.ticket_version FOR SELECT TO triage_worker USING (true);
CREATE POLICY ticket_version_definer_all ON triage.ticket_version FOR ALL TO triage_owner USING (true) WITH CHECK (true);

-- outbox
GRANT INSERT ON triage.outbox TO triage_requester;
GRANT SELECT, INSERT, UPDATE ON triage.outbox TO triage_staff, triage_worker;
-- A requester enqueues only its own ticket's causes (Automations.created / .closed), as fresh pending rows whose
-- dedupe key is the cause's (OutboxNotification.dedupeKey), so it cannot squat another cause's key. The sub-select
-- runs under tickets' RLS as well.
CREATE POLICY outbox_requester_insert ON triage.outbox FOR INSERT TO triage_requester
    WITH CHECK (
        ticket_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM triage.tickets t WHERE t.id = outbox.ticket_id AND t.user_id = (SELECT triage.uid()))
        AND dedupe_key = cause || '|' || target
        AND ((kind = 'created' AND cause = 'created:' || ticket_id)
             OR (kind = 'closed' AND cause ~ ('^closed:' || ticket_id || ':c[0-9]+$')))
        AND status = 'pending' AND attempts = 0 AND lease_owner IS NULL AND lease_until IS NULL
        AND delivered_at IS NULL AND last_status IS NULL AND last_error IS NULL AND remote_id IS NULL
        AND attempt_started_at IS NULL AND NOT possibly_doubled);
CREATE POLICY outbox_staff_select ON triage.outbox FOR SELECT TO triage_staff USING (true);
CREATE POLICY outbox_staff_insert ON triage.outbox FOR INSERT TO triage_staff WITH CHECK (true);
CREATE POLICY outbox_staff_update ON triage.outbox FOR UPDATE TO triage_staff USING (true) WITH CHECK (true);
CREATE POLICY outbox_worker_select ON triage.outbox FOR SELECT TO triage_worker USING (true);
CREATE POLICY outbox_worker_insert ON triage.outbox FOR INSERT TO triage_worker WITH CHECK (true);
CREATE POLICY outbox_worker_update ON triage.outbox FOR UPDATE TO triage_worker USING (true) WITH CHECK (true);
-- triage.tickets_cancel_sla_notices() (a requester's close).
CREATE POLICY outbox_definer_select ON triage.outbox FOR SELECT TO triage_owner USING (true);
CREATE POLICY outbox_definer_update ON triage.outbox FOR UPDATE TO triage_owner USING (true) WITH CHECK (true);

-- delivery_targets
GRANT SELECT, DELETE ON triage.delivery_targets TO triage_staff;
GRANT SELECT, INSERT, UPDATE ON triage.delivery_targets TO triage_worker;
CREATE POLICY delivery_targets_staff_select ON triage.delivery_targets FOR SELECT TO triage_staff USING (true);
CREATE POLICY delivery_targets_admin_delete ON triage.delivery_targets FOR DELETE TO triage_staff
    USING ((SELECT triage.principal_role()) = 'admin');
CREATE POLICY delivery_targets_worker_all ON triage.delivery_targets FOR ALL TO triage_worker
    USING (true) WITH CHECK (true);

-- sla_facts
GRANT SELECT ON triage.sla_facts TO triage_requester, triage_staff;
GRANT SELECT, INSERT ON triage.sla_facts TO triage_worker;
CREATE POLICY sla_facts_requester_select ON triage.sla_facts FOR SELECT TO triage_requester
    USING (user_id = (SELECT triage.uid()));
CREATE POLICY sla_facts_staff_select ON triage.sla_facts FOR SELECT TO triage_staff USING (true);
CREATE POLICY sla_facts_worker_all ON triage.sla_facts FOR ALL TO triage_worker USING (true) WITH CHECK (true);

-- sla_timers
GRANT SELECT, INSERT, UPDATE, DELETE ON triage.sla_timers TO triage_requester, triage_staff, triage_worker;
CREATE POLICY sla_timers_requester_all ON triage.sla_timers FOR ALL TO triage_requester
    USING (user_id = (SELECT triage.uid())) WITH CHECK (user_id = (SELECT triage.uid()));
CREATE POLICY sla_timers_staff_all ON triage.sla_timers FOR ALL TO triage_staff USING (true) WITH CHECK (true);
CREATE POLICY sla_timers_worker_all ON triage.sla_timers FOR ALL TO triage_worker USING (true) WITH CHECK (true);

-- digests
GRANT SELECT, INSERT ON triage.digests TO triage_worker;
CREATE POLICY digests_worker_all ON triage.digests FOR ALL TO triage_worker USING (true) WITH CHECK (true);

-- policy_versions
GRANT SELECT ON triage.policy_versions TO triage_requester, triage_worker;
GRANT SELECT, INSERT ON triage.policy_versions TO triage_staff;
CREATE POLICY policy_versions_requester_select ON triage.policy_versions FOR SELECT TO triage_requester USING (true);
CREATE POLICY policy_versions_staff_select ON triage.policy_versions FOR SELECT TO triage_staff USING (true);
CREATE POLICY policy_versions_admin_insert ON triage.policy_versions FOR INSERT TO triage_staff
    WITH CHECK ((SELECT triage.principal_role()) = 'admin');
CREATE POLICY policy_versions_worker_select ON triage.policy_versions FOR SELECT TO triage_worker USING (true);

-- runners
GRANT SELECT ON triage.runners TO triage_staff;
GRANT SELECT, INSERT, UPDATE, DELETE ON triage.runners TO triage_worker;
CREATE POLICY runners_staff_select ON triage.runners FOR SELECT TO triage_staff USING (true);
CREATE POLICY runners_worker_all ON triage.runners FOR ALL TO triage_worker USING (true) WITH CHECK (true);

-- closes
GRANT SELECT ON triage.closes TO triage_staff, triage_worker;
CREATE POLICY closes_staff_select ON triage.closes FOR SELECT TO triage_staff USING (true);
CREATE POLICY closes_worker_select ON triage.closes FOR SELECT TO triage_worker USING (true);
CREATE POLICY closes_definer_select ON triage.closes FOR SELECT TO triage_owner USING (true);
CREATE POLICY closes_definer_insert ON triage.closes FOR INSERT TO triage_owner WITH CHECK (true);

-- responses
GRANT SELECT ON triage.responses TO triage_staff, triage_worker;
CREATE POLICY responses_staff_select ON triage.responses FOR SELECT TO triage_staff USING (true);
CREATE POLICY responses_worker_select ON triage.responses FOR SELECT TO triage_worker USING (true);
CREATE POLICY responses_definer_select ON triage.responses FOR SELECT TO triage_owner USING (true);
CREATE POLICY responses_definer_insert ON triage.responses FOR INSERT TO triage_owner WITH CHECK (true);

-- requesters
GRANT SELECT, INSERT, UPDATE ON triage.requesters TO triage_requester, triage_staff;
GRANT SELECT ON triage.requesters TO triage_worker;
CREATE POLICY requesters_requester_all ON triage.requesters FOR ALL TO triage_requester
    USING (user_id = (SELECT triage.uid())) WITH CHECK (user_id = (SELECT triage.uid()));
CREATE POLICY requesters_staff_all ON triage.requesters FOR ALL TO triage_staff USING (true) WITH CHECK (true);
CREATE POLICY requesters_worker_select ON triage.requesters FOR SELECT TO triage_worker USING (true);

-- ticket_changes
GRANT SELECT ON triage.ticket_changes TO triage_staff, triage_worker;
CREATE POLICY ticket_changes_staff_select ON triage.ticket_changes FOR SELECT TO triage_staff USING (true);
CREATE POLICY ticket_changes_worker_select ON triage.ticket_changes FOR SELECT TO triage_worker USING (true);
CREATE POLICY ticket_changes_definer_all ON triage.ticket_changes FOR ALL TO triage_owner USING (true) WITH CHECK (true);

-- queue_counts
GRANT SELECT ON triage.queue_counts TO triage_staff, triage_worker;
CREATE POLICY queue_counts_staff_select ON triage.queue_counts FOR SELECT TO triage_staff USING (true);
CREATE POLICY queue_counts_worker_select ON triage.queue_counts FOR SELECT TO triage_worker USING (true);
CREATE POLICY queue_counts_definer_all ON triage.queue_counts FOR ALL TO triage_owner USING (true) WITH CHECK (true);

-- agent_views
GRANT SELECT, INSERT, UPDATE ON triage.agent_views TO triage_staff;
CREATE POLICY agent_views_staff_own ON triage.agent_views FOR ALL TO triage_staff
    USING (agent = (SELECT triage.actor())) WITH CHECK (agent = (SELECT triage.actor()));
CREATE POLICY agent_views_definer_select ON triage.agent_views FOR SELECT TO triage_owner USING (true);

-- discord_interactions
GRANT SELECT, INSERT, UPDATE, DELETE ON triage.discord_interactions TO triage_worker;
CREATE POLICY discord_interactions_worker_all ON triage.discord_interactions FOR ALL TO triage_worker
    USING (true) WITH CHECK (true);

-- idempotency_keys
GRANT SELECT, INSERT, DELETE ON triage.idempotency_keys TO triage_requester, triage_staff;
GRANT SELECT, DELETE ON triage.idempotency_keys TO triage_worker;
CREATE POLICY idempotency_keys_requester_own ON triage.idempotency_keys FOR ALL TO triage_requester
    USING (caller = (SELECT triage.caller())) WITH CHECK (caller = (SELECT triage.caller()));
CREATE POLICY idempotency_keys_staff_own ON triage.idempotency_keys FOR ALL TO triage_staff
    USING (caller = (SELECT triage.caller())) WITH CHECK (caller = (SELECT triage.caller()));
CREATE POLICY idempotency_keys_worker_sweep ON triage.idempotency_keys FOR ALL TO triage_worker
    USING (true) WITH CHECK (true);

-- schema_migrations
GRANT SELECT ON triage.schema_migrations TO triage_requester, triage_staff, triage_worker;
CREATE POLICY schema_migrations_read ON triage.schema_migrations FOR SELECT
    TO triage_requester, triage_staff, triage_worker USING (true);
CREATE POLICY schema_migrations_owner_all ON triage.schema_migrations FOR ALL TO triage_owner
    USING (true) WITH CHECK (true);

-- ---------------------------------------------------------------------------------------------------------------
-- Function privileges: nothing for PUBLIC; the identity helpers for the principals (policies call them); the entry
-- points for whoever needs them. Trigger functions need no EXECUTE grant to fire.
-- ---------------------------------------------------------------------------------------------------------------

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA triage FROM PUBLIC;
GRANT EXECUTE ON FUNCTION triage.uid(), triage.actor(), triage.principal_role(), triage.caller()
    TO triage_requester, triage_staff, triage_worker;
GRANT EXECUTE ON FUNCTION triage.authenticate(text, double precision, double precision) TO triage_app;
GRANT EXECUTE ON FUNCTION triage.staff_token_names(), triage.presence(double precision) TO triage_staff;
GRANT EXECUTE ON FUNCTION triage.queue_ahead(integer, double precision, integer, double precision, text),
    triage.first_response_sample(integer, text) TO triage_requester, triage_staff, triage_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- Self-checks: every table forced under RLS with at least one policy; the login role owns no privilege of its own
-- ---------------------------------------------------------------------------------------------------------------

DO $check$
DECLARE
    bad text;
BEGIN
    SELECT string_agg(c.relname, ', ') INTO bad FROM pg_catalog.pg_class c
    WHERE c.relnamespace = 'triage'::regnamespace AND c.relkind = 'r'
      AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
           OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid));
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'v1: tables without forced row-level security or without a policy: %', bad;
    END IF;
    SELECT string_agg(table_name || ':' || privilege_type, ', ') INTO bad FROM information_schema.role_table_grants
    WHERE table_schema = 'triage' AND grantee IN ('triage_app', 'PUBLIC');
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'v1: the login role or PUBLIC holds table privileges: %', bad;
    END IF;
END
$check$;

INSERT INTO triage.schema_migrations (version, name, applied_at)
VALUES (1, 'v1', extract(epoch FROM now())::double precision);
