import GRDB

/// The store's schema: named migrations, applied in order; a file migrated by a newer Triage is refused.
///
/// Migrations are frozen: each is literal SQL as it first shipped, never a list or a function the code may change
/// later (a later change is a new migration). A test compares a new store's schema with `schema.sql` beside the tests,
/// and an old store upgraded step by step with a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tickets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tickets (
                        id TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        description TEXT NOT NULL,
                        category TEXT NOT NULL,
                        priority TEXT NOT NULL,
                        priority_rank INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'closed')),
                        assignee TEXT,
                        escalated INTEGER NOT NULL DEFAULT 0,
                        acknowledged_at REAL,
                        resolution TEXT,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        closed_at REAL,
                        first_response_at REAL,
                        awaiting_agent_since REAL,
                        sla_hours REAL NOT NULL,
                        sla_rule TEXT NOT NULL,
                        cycle_start REAL NOT NULL,
                        cycle INTEGER NOT NULL DEFAULT 1,
                        paused_seconds REAL NOT NULL DEFAULT 0,
                        paused_at REAL,
                        due_at REAL NOT NULL,
                        sla_met INTEGER,
                        queue_rank INTEGER,
                        queue_key REAL
                    ) WITHOUT ROWID;
                    CREATE TABLE messages (
                        id INTEGER PRIMARY KEY,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        author_kind TEXT NOT NULL,
                        author TEXT NOT NULL,
                        body TEXT NOT NULL,
                        internal INTEGER NOT NULL DEFAULT 0,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at REAL NOT NULL,
                        old_value TEXT,
                        new_value TEXT
                    );
                    CREATE TABLE tags (
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        PRIMARY KEY (ticket_id, tag)
                    ) WITHOUT ROWID;
                    CREATE TABLE ratings (
                        ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                        comment TEXT,
                        rated_at REAL NOT NULL
                    );
                    CREATE TABLE day_counts (
                        day INTEGER PRIMARY KEY NOT NULL,
                        opened INTEGER NOT NULL DEFAULT 0,
                        closed INTEGER NOT NULL DEFAULT 0
                    );
                    """)
            try db.execute(
                sql: """
                    CREATE INDEX tickets_queue ON tickets(queue_rank, queue_key, priority_rank, created_at, id)
                        WHERE queue_rank IS NOT NULL;
                    CREATE INDEX tickets_user ON tickets(user_id, queue_rank);
                    CREATE INDEX tickets_created ON tickets(created_at, category);
                    CREATE INDEX tickets_closed ON tickets(closed_at, created_at, sla_hours, sla_met);
                    CREATE INDEX tickets_first_response ON tickets(first_response_at, created_at);
                    CREATE INDEX tickets_due ON tickets(due_at, closed_at);
                    CREATE INDEX tickets_awaiting ON tickets(awaiting_agent_since)
                        WHERE status = 'open' AND awaiting_agent_since IS NOT NULL;
                    CREATE INDEX tickets_assignee ON tickets(assignee, queue_rank) WHERE queue_rank IS NOT NULL;
                    CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
                    CREATE INDEX events_ticket ON events(ticket_id, id);
                    CREATE INDEX ratings_rated ON ratings(rated_at, rating);
                    """)
        }
        migrator.registerMigration("v2-tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE api_tokens (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('user', 'service', 'agent', 'admin')),
                        user_id TEXT,
                        token_hash TEXT NOT NULL UNIQUE,
                        created_at REAL NOT NULL,
                        last_used_at REAL,
                        revoked_at REAL
                    )
                    """)
        }
        migrator.registerMigration("v3-drafts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE drafts (
                        agent TEXT NOT NULL,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
                        body TEXT NOT NULL,
                        updated_at REAL NOT NULL,
                        PRIMARY KEY (agent, ticket_id, kind)
                    ) WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("v4-outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        target TEXT NOT NULL,
                        cause TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL NOT NULL,
                        delivered_at REAL,
                        last_error TEXT,
                        UNIQUE (ticket_id, target, cause)
                    );
                    CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE delivered_at IS NULL;
                    """)
        }
        migrator.registerMigration("v5-ticket-version") { db in
            // A counter that every change to a ticket row bumps (drafts and tokens do not): the console's poller
            // reloads only when tickets changed, not on every draft keystroke.
            try db.execute(
                sql: """
                    CREATE TABLE ticket_version (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                    INSERT INTO ticket_version (id, value) VALUES (1, 0);
                    """)
            // The triggers as they were then (`v10-ticket-changes` replaces them).
            for event in ["insert", "update", "delete"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER IF NOT EXISTS tickets_bump_on_\(event) AFTER \(event.uppercased()) ON tickets
                          BEGIN UPDATE ticket_version SET value = value + 1 WHERE id = 1; END
                        """)
            }
        }
        migrator.registerMigration("v6-automation") { db in
            // The outbox becomes a delivery state machine (a table rebuild: ticket_id may now be NULL for digests).
            // Old rows keep their text in `body`; undelivered ones older than a day are cancelled rather than sent
            // late by the first runner.
            try db.execute(
                sql: """
                    CREATE TABLE outbox_v6 (
                        id INTEGER PRIMARY KEY,
                        dedupe_key TEXT NOT NULL UNIQUE,
                        ticket_id TEXT REFERENCES tickets(id) ON DELETE CASCADE,
                        target TEXT NOT NULL,
                        cause TEXT NOT NULL,
                        kind TEXT,
                        payload TEXT,
                        body TEXT,
                        status TEXT NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'sending', 'delivered', 'dead', 'cancelled')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        created_at REAL NOT NULL,
                        next_attempt_at REAL NOT NULL,
                        expires_at REAL,
                        lease_owner TEXT,
                        lease_until REAL,
                        delivered_at REAL,
                        last_status INTEGER,
                        last_error TEXT,
                        remote_id TEXT,
                        attempt_started_at REAL,
                        possibly_doubled INTEGER NOT NULL DEFAULT 0
                    );
                    INSERT INTO outbox_v6 (id, dedupe_key, ticket_id, target, cause, body, status, attempts, created_at,
                        next_attempt_at, expires_at, delivered_at, last_error)
                    SELECT id, cause || ':' || ticket_id || '|' || target, ticket_id, target, cause, body,
                        CASE WHEN delivered_at IS NOT NULL THEN 'delivered'
                             WHEN created_at < CAST(strftime('%s', 'now') AS REAL) - 86400 THEN 'cancelled'
                             ELSE 'pending' END,
                        attempts, created_at, next_attempt_at, created_at + 86400, delivered_at,
                        CASE WHEN delivered_at IS NULL AND created_at < CAST(strftime('%s', 'now') AS REAL) - 86400
                             THEN 'queued before delivery existed; too old to send' ELSE last_error END
                    FROM outbox;
                    DROP TABLE outbox;
                    ALTER TABLE outbox_v6 RENAME TO outbox;
                    CREATE INDEX outbox_due ON outbox(target, next_attempt_at, id) WHERE status = 'pending';
                    CREATE INDEX outbox_sending ON outbox(target, lease_until) WHERE status = 'sending';
                    CREATE INDEX outbox_ticket ON outbox(ticket_id, kind) WHERE status IN ('pending', 'sending');
                    CREATE INDEX outbox_status ON outbox(status, target) WHERE status IN ('pending', 'sending', 'dead');

                    -- A target paused by a rate limit, or disabled by a 401/403/404 until `triage outbox retry`.
                    CREATE TABLE delivery_targets (
                        target TEXT PRIMARY KEY NOT NULL,
                        paused_until REAL,
                        disabled_reason TEXT,
                        disabled_at REAL
                    ) WITHOUT ROWID;

                    -- Fire-once facts of the automations: one row per (ticket, cycle, kind, n), written with the
                    -- event and the outbox rows it causes, so two runners or a restart can never double one.
                    CREATE TABLE sla_facts (
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        cycle INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'page', 'inactivity_reminder', 'inactivity_close')),
                        n INTEGER NOT NULL DEFAULT 0,
                        at REAL NOT NULL,
                        late REAL,
                        PRIMARY KEY (ticket_id, cycle, kind, n)
                    ) WITHOUT ROWID;

                    -- When each live ticket next needs the runner (a warning, a breach, a page, an inactivity step).
                    -- Every ticket write sets it to "now" (look again); the runner sets the real next instant.
                    CREATE TABLE sla_timers (
                        ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        due_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX sla_timers_due ON sla_timers(due_at);

                    -- Digests sent: one per kind and period (local date, ISO week).
                    CREATE TABLE digests (
                        kind TEXT NOT NULL,
                        period TEXT NOT NULL,
                        at REAL NOT NULL,
                        PRIMARY KEY (kind, period)
                    ) WITHOUT ROWID;

                    -- The SLA policy every process applies, as TOML: the newest version is in force (none: the
                    -- defaults); older rows are the record of who changed it when.
                    CREATE TABLE policy_versions (
                        version INTEGER PRIMARY KEY,
                        toml TEXT NOT NULL,
                        set_at REAL NOT NULL,
                        set_by TEXT NOT NULL
                    );

                    -- Automation runners' health, for on-call: who runs, when the last pass ended.
                    CREATE TABLE runners (
                        owner TEXT PRIMARY KEY NOT NULL,
                        started_at REAL NOT NULL,
                        last_pass_at REAL,
                        stopped_at REAL
                    ) WITHOUT ROWID;

                    -- Live tickets past their due time before automations existed count as breached and escalated
                    -- already (no late flood of pages); every live ticket gets a timer so the runner looks at it.
                    INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                        SELECT id, cycle, 'warning', 0, due_at FROM tickets
                        WHERE status = 'open' AND due_at <= CAST(strftime('%s', 'now') AS REAL) + 6 * 3600;
                    INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                        SELECT id, cycle, 'breach', 0, due_at FROM tickets
                        WHERE status = 'open' AND due_at <= CAST(strftime('%s', 'now') AS REAL);
                    INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                        SELECT id, cycle, 'page', 1 + CAST((CAST(strftime('%s', 'now') AS REAL) - due_at) / 14400 AS INTEGER),
                            due_at FROM tickets
                        WHERE status = 'open' AND due_at <= CAST(strftime('%s', 'now') AS REAL) AND acknowledged_at IS NULL;
                    UPDATE tickets SET escalated = 1
                        WHERE status = 'open' AND due_at <= CAST(strftime('%s', 'now') AS REAL) AND escalated = 0;
                    INSERT INTO sla_timers (ticket_id, due_at)
                        SELECT id, CAST(strftime('%s', 'now') AS REAL) FROM tickets WHERE status != 'closed';
                    """)
        }
        migrator.registerMigration("v7-stats-history") { db in
            // Weekly stats as history (SPEC §5): a past week is read from rows written when things happened, never
            // from the tickets' current columns. `closes` holds one row per SLA cycle that ended with a close, frozen
            // at the close; `day_counts` gains reopens (a reopen no longer takes back its close's day), resolved
            // tickets (a ticket's first close in its ISO week) and the day's changes in the open-ticket KPI counts.
            // The backfill below is best effort from the tickets and their events (see docs/ARCHITECTURE.md).
            try db.execute(
                sql: """
                    CREATE TABLE closes (
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        cycle INTEGER NOT NULL,
                        closed_at REAL NOT NULL,
                        created_at REAL NOT NULL,
                        sla_hours REAL NOT NULL,
                        due_at REAL NOT NULL,
                        met INTEGER NOT NULL,
                        counted INTEGER NOT NULL,
                        PRIMARY KEY (ticket_id, cycle)
                    ) WITHOUT ROWID;
                    ALTER TABLE day_counts ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN unassigned INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN critical INTEGER NOT NULL DEFAULT 0;

                    -- One row per close event. The cycle is 1 + the reopens before it. The ticket's last close, when it
                    -- is still closed, takes the ticket's replayed SLA columns (exact); an earlier cycle's due time is
                    -- estimated as its start + the current budget, without its waiting time.
                    INSERT OR IGNORE INTO closes (ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted)
                    SELECT h.ticket_id, h.cycle, h.at, t.created_at, t.sla_hours,
                        CASE WHEN t.status = 'closed' AND h.is_last THEN t.due_at
                             ELSE COALESCE(h.reopened_at, t.created_at) + t.sla_hours * 3600 END,
                        CASE WHEN t.status = 'closed' AND h.is_last THEN h.at <= t.due_at
                             ELSE h.at <= COALESCE(h.reopened_at, t.created_at) + t.sla_hours * 3600 END,
                        ROW_NUMBER() OVER (
                            PARTITION BY h.ticket_id, CAST((h.at + 259200) / 604800 AS INTEGER) ORDER BY h.at, h.id) = 1
                    FROM (
                        SELECT id, ticket_id, kind, at,
                            1 + SUM(kind = 'reopened') OVER w AS cycle,
                            MAX(CASE WHEN kind = 'reopened' THEN at END) OVER w AS reopened_at,
                            ROW_NUMBER() OVER (PARTITION BY ticket_id ORDER BY id DESC) = 1 AS is_last
                        FROM events WHERE kind IN ('closed', 'reopened')
                        WINDOW w AS (PARTITION BY ticket_id ORDER BY id ROWS UNBOUNDED PRECEDING)
                    ) h JOIN tickets t ON t.id = h.ticket_id
                    WHERE h.kind = 'closed';

                    -- Breaches are `sla_breached` events, one per ticket and cycle (`c<cycle>`). Older events without
                    -- a cycle get the one they fell in; a cycle that closed late, or a ticket still open past its due
                    -- time, without one gets one at its due time.
                    UPDATE events SET new_value = 'c' || (1 + (
                            SELECT COUNT(*) FROM events r WHERE r.ticket_id = events.ticket_id AND r.kind = 'reopened' AND r.id < events.id))
                        WHERE kind = 'sla_breached' AND new_value IS NULL;
                    INSERT INTO events (ticket_id, kind, actor, at, new_value)
                        SELECT c.ticket_id, 'sla_breached', 'triage', c.due_at, 'c' || c.cycle FROM closes c
                        WHERE NOT c.met AND NOT EXISTS (
                            SELECT 1 FROM events e
                            WHERE e.ticket_id = c.ticket_id AND e.kind = 'sla_breached' AND e.new_value = 'c' || c.cycle);
                    INSERT INTO events (ticket_id, kind, actor, at, new_value)
                        SELECT t.id, 'sla_breached', 'triage', t.due_at, 'c' || t.cycle FROM tickets t
                        WHERE t.status = 'open' AND t.due_at < CAST(strftime('%s', 'now') AS REAL) AND NOT EXISTS (
                            SELECT 1 FROM events e
                            WHERE e.ticket_id = t.id AND e.kind = 'sla_breached' AND e.new_value = 'c' || t.cycle);

                    -- Closes, resolved tickets and reopens per day, counted again from the history.
                    UPDATE day_counts SET closed = 0;
                    INSERT INTO day_counts (day, closed, resolved)
                        SELECT CAST(closed_at / 86400 AS INTEGER), COUNT(*), SUM(counted) FROM closes WHERE true GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET closed = excluded.closed, resolved = excluded.resolved;
                    INSERT INTO day_counts (day, reopened)
                        SELECT CAST(at / 86400 AS INTEGER), COUNT(*) FROM events WHERE kind = 'reopened' GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET reopened = excluded.reopened;

                    -- The open-ticket KPI counts (open or waiting with no assignee; open and critical), replayed from
                    -- each ticket's created / assigned / priority_changed / closed / reopened events: after each event,
                    -- whether the ticket is open, its last assignee and its last priority; the changes count on their day.
                    WITH flagged AS (
                        SELECT s.ticket_id, s.id, s.at,
                            s.is_open AND a.new_value IS NULL AS u,
                            s.is_open AND COALESCE(CASE p.kind WHEN 'created' THEN substr(p.new_value, instr(p.new_value, '/') + 1)
                                ELSE p.new_value END, '') = 'critical' AS c
                        FROM (
                            SELECT id, ticket_id, at,
                                1 + SUM(CASE kind WHEN 'reopened' THEN 1 WHEN 'closed' THEN -1 ELSE 0 END) OVER w > 0 AS is_open,
                                MAX(CASE WHEN kind = 'assigned' THEN id END) OVER w AS assign_id,
                                MAX(CASE WHEN kind IN ('created', 'priority_changed') THEN id END) OVER w AS priority_id
                            FROM events WHERE kind IN ('created', 'assigned', 'priority_changed', 'closed', 'reopened')
                            WINDOW w AS (PARTITION BY ticket_id ORDER BY id ROWS UNBOUNDED PRECEDING)
                        ) s
                        LEFT JOIN events a ON a.id = s.assign_id
                        LEFT JOIN events p ON p.id = s.priority_id
                    ),
                    changes AS (
                        SELECT at, u - COALESCE(LAG(u) OVER w, 0) AS du, c - COALESCE(LAG(c) OVER w, 0) AS dc
                        FROM flagged WINDOW w AS (PARTITION BY ticket_id ORDER BY id)
                    )
                    INSERT INTO day_counts (day, unassigned, critical)
                        SELECT CAST(at / 86400 AS INTEGER), SUM(du), SUM(dc) FROM changes WHERE du != 0 OR dc != 0 GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET unassigned = excluded.unassigned, critical = excluded.critical;

                    CREATE INDEX closes_closed ON closes(closed_at, counted, created_at, sla_hours, met);
                    CREATE INDEX events_breached ON events(at) WHERE kind = 'sla_breached';
                    CREATE INDEX events_rated ON events(at, ticket_id, new_value) WHERE kind = 'rated';
                    """)
        }
        migrator.registerMigration("v8-stats-sums") { db in
            // Weekly stats at any volume: a week's figures become sums over its seven `day_counts` rows (tickets
            // opened per category, closes met, resolved time and budget, first responses and their time, ratings per
            // star), and its two medians one indexed look-up each: `closes` and the new `responses` (a ticket's
            // first public agent reply, which never moves) carry their ISO week number ((day + 3) / 7, day 0 being
            // a Thursday) and duration. Backfilled from the rows v7 wrote and the tickets.
            try db.execute(
                sql: """
                    ALTER TABLE closes ADD COLUMN week INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE closes ADD COLUMN seconds REAL NOT NULL DEFAULT 0;
                    UPDATE closes SET week = (CAST(closed_at / 86400 AS INTEGER) + 3) / 7, seconds = closed_at - created_at;
                    CREATE TABLE responses (
                        ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        responded_at REAL NOT NULL,
                        week INTEGER NOT NULL,
                        seconds REAL NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO responses (ticket_id, responded_at, week, seconds)
                        SELECT id, first_response_at, (CAST(first_response_at / 86400 AS INTEGER) + 3) / 7, first_response_at - created_at
                        FROM tickets WHERE first_response_at IS NOT NULL;

                    ALTER TABLE day_counts ADD COLUMN cycles_met INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN resolved_seconds REAL NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN resolved_sla_hours REAL NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN responses INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN response_seconds REAL NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_account INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_billing INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_technical INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_bug_report INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_general INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN opened_suggestion INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN stars_1 INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN stars_2 INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN stars_3 INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN stars_4 INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE day_counts ADD COLUMN stars_5 INTEGER NOT NULL DEFAULT 0;

                    INSERT INTO day_counts (day, opened_account, opened_billing, opened_technical, opened_bug_report, opened_general,
                            opened_suggestion)
                        SELECT CAST(created_at / 86400 AS INTEGER), SUM(category = 'account'), SUM(category = 'billing'),
                            SUM(category = 'technical'), SUM(category = 'bug_report'), SUM(category = 'general'),
                            SUM(category = 'suggestion')
                        FROM tickets WHERE true GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET opened_account = excluded.opened_account,
                            opened_billing = excluded.opened_billing, opened_technical = excluded.opened_technical,
                            opened_bug_report = excluded.opened_bug_report, opened_general = excluded.opened_general,
                            opened_suggestion = excluded.opened_suggestion;
                    INSERT INTO day_counts (day, cycles_met, resolved_seconds, resolved_sla_hours)
                        SELECT CAST(closed_at / 86400 AS INTEGER), SUM(met), SUM(CASE WHEN counted THEN seconds ELSE 0 END),
                            SUM(CASE WHEN counted THEN sla_hours ELSE 0 END)
                        FROM closes WHERE true GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET cycles_met = excluded.cycles_met,
                            resolved_seconds = excluded.resolved_seconds, resolved_sla_hours = excluded.resolved_sla_hours;
                    INSERT INTO day_counts (day, responses, response_seconds)
                        SELECT CAST(responded_at / 86400 AS INTEGER), COUNT(*), SUM(seconds) FROM responses WHERE true GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET responses = excluded.responses, response_seconds = excluded.response_seconds;
                    INSERT INTO day_counts (day, stars_1, stars_2, stars_3, stars_4, stars_5)
                        SELECT CAST(at / 86400 AS INTEGER), SUM(new_value = '1'), SUM(new_value = '2'), SUM(new_value = '3'),
                            SUM(new_value = '4'), SUM(new_value = '5')
                        FROM events WHERE kind = 'rated' GROUP BY 1
                        ON CONFLICT (day) DO UPDATE SET stars_1 = excluded.stars_1, stars_2 = excluded.stars_2,
                            stars_3 = excluded.stars_3, stars_4 = excluded.stars_4, stars_5 = excluded.stars_5;

                    DROP INDEX IF EXISTS closes_closed;
                    DROP INDEX IF EXISTS events_rated;
                    DROP INDEX IF EXISTS events_breached;
                    CREATE INDEX events_breached_at ON events(at, kind) WHERE kind = 'sla_breached';
                    CREATE INDEX closes_counted ON closes(closed_at, counted);
                    CREATE INDEX closes_week ON closes(week, counted, seconds);
                    CREATE INDEX responses_week ON responses(week, seconds);
                    """)
        }
        migrator.registerMigration("v9-requester-names") { db in
            // The requester's Discord display name (SPEC §2) belongs to the user, not to a ticket: one row per user,
            // replaced when a newer name arrives, so every ticket of theirs shows it. Ticket reads join it on its
            // primary key. A store written before has no names: its requesters show as shortened ids until their
            // next ticket brings one.
            try db.execute(
                sql: """
                    CREATE TABLE requesters (
                        user_id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        updated_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v10-ticket-changes") { db in
            // Which tickets changed since a given `ticket_version`: every change to a ticket row files the ticket's
            // id with the counter's new value (one row per ticket, so the table never grows past the tickets), so a
            // console reloads only the tickets that changed, whatever the store's size. A bulk load files `*`
            // (reload everything). The queue index gains `assignee`, so the header counts are read from it alone.
            try db.execute(
                sql: """
                    CREATE TABLE ticket_changes (ticket_id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE INDEX ticket_changes_seq ON ticket_changes(seq);
                    DROP TRIGGER IF EXISTS tickets_bump_on_insert;
                    DROP TRIGGER IF EXISTS tickets_bump_on_update;
                    DROP TRIGGER IF EXISTS tickets_bump_on_delete;
                    DROP INDEX IF EXISTS tickets_queue;
                    CREATE INDEX tickets_queue ON tickets(queue_rank, queue_key, priority_rank, created_at, id, assignee)
                        WHERE queue_rank IS NOT NULL;
                    """)
            // The triggers as they were then (`v11-queue-counts` replaces them).
            for (event, row) in [("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER tickets_bump_on_\(event) AFTER \(event.uppercased()) ON tickets
                        BEGIN
                          UPDATE ticket_version SET value = value + 1 WHERE id = 1;
                          INSERT INTO ticket_changes (ticket_id, seq) VALUES (\(row).id, (SELECT value FROM ticket_version WHERE id = 1))
                            ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
                        END
                        """)
            }
        }
        migrator.registerMigration("v11-queue-counts") { db in
            // The header's counts that do not depend on the time (open, waiting, critical, unassigned), kept by the
            // ticket triggers, so a console refresh reads one row instead of walking the whole queue; breached and
            // warning are short range counts on the queue index (only the tickets past or near their due time).
            try db.execute(
                sql: """
                    CREATE TABLE queue_counts (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        open INTEGER NOT NULL, waiting INTEGER NOT NULL, critical INTEGER NOT NULL, unassigned INTEGER NOT NULL
                    );
                    INSERT INTO queue_counts (id, open, waiting, critical, unassigned) VALUES (1, 0, 0, 0, 0);
                    DROP TRIGGER IF EXISTS tickets_bump_on_insert;
                    DROP TRIGGER IF EXISTS tickets_bump_on_update;
                    DROP TRIGGER IF EXISTS tickets_bump_on_delete;
                    """)
            try db.execute(
                sql: """
                    UPDATE queue_counts SET (open, waiting, critical, unassigned) = (
                        SELECT COALESCE(SUM(queue_rank = 0), 0), COALESCE(SUM(queue_rank = 1), 0), COALESCE(SUM(priority_rank = 0), 0),
                               COALESCE(SUM(assignee IS NULL), 0)
                        FROM tickets WHERE queue_rank IS NOT NULL)
                    WHERE id = 1;
                    CREATE TRIGGER tickets_bump_on_insert AFTER INSERT ON tickets
                    BEGIN
                      UPDATE ticket_version SET value = value + 1 WHERE id = 1;
                      INSERT INTO ticket_changes (ticket_id, seq) VALUES (NEW.id, (SELECT value FROM ticket_version WHERE id = 1))
                        ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
                      UPDATE queue_counts SET open = open + (NEW.queue_rank IS 0), waiting = waiting + (NEW.queue_rank IS 1), critical = critical + (NEW.queue_rank IS NOT NULL AND NEW.priority_rank = 0), unassigned = unassigned + (NEW.queue_rank IS NOT NULL AND NEW.assignee IS NULL) WHERE id = 1;
                    END;
                    CREATE TRIGGER tickets_bump_on_update AFTER UPDATE ON tickets
                    BEGIN
                      UPDATE ticket_version SET value = value + 1 WHERE id = 1;
                      INSERT INTO ticket_changes (ticket_id, seq) VALUES (NEW.id, (SELECT value FROM ticket_version WHERE id = 1))
                        ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
                      UPDATE queue_counts SET open = open + (NEW.queue_rank IS 0) - (OLD.queue_rank IS 0), waiting = waiting + (NEW.queue_rank IS 1) - (OLD.queue_rank IS 1), critical = critical + (NEW.queue_rank IS NOT NULL AND NEW.priority_rank = 0) - (OLD.queue_rank IS NOT NULL AND OLD.priority_rank = 0), unassigned = unassigned + (NEW.queue_rank IS NOT NULL AND NEW.assignee IS NULL) - (OLD.queue_rank IS NOT NULL AND OLD.assignee IS NULL) WHERE id = 1;
                    END;
                    CREATE TRIGGER tickets_bump_on_delete AFTER DELETE ON tickets
                    BEGIN
                      UPDATE ticket_version SET value = value + 1 WHERE id = 1;
                      INSERT INTO ticket_changes (ticket_id, seq) VALUES (OLD.id, (SELECT value FROM ticket_version WHERE id = 1))
                        ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
                      UPDATE queue_counts SET open = open - (OLD.queue_rank IS 0), waiting = waiting - (OLD.queue_rank IS 1), critical = critical - (OLD.queue_rank IS NOT NULL AND OLD.priority_rank = 0), unassigned = unassigned - (OLD.queue_rank IS NOT NULL AND OLD.assignee IS NULL) WHERE id = 1;
                    END;
                    """)
        }
        migrator.registerMigration("v12-agent-views") { db in
            // What each agent has seen of each ticket and where they are now: `seen_at` is the ticket's `updated_at`
            // when the agent last opened it (the queue marks it unread when it moved since); `opened_at` is a
            // heartbeat while the agent has it open, read as presence ("bruno is viewing") while fresh. Typing is
            // read from the drafts, saved as the agent types: `drafts_updated` finds the fresh ones. Writes here do
            // not touch the ticket row, so they never make a console reload the queue.
            try db.execute(
                sql: """
                    CREATE TABLE agent_views (
                        agent TEXT NOT NULL,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                        seen_at REAL,
                        opened_at REAL,
                        PRIMARY KEY (agent, ticket_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX agent_views_opened ON agent_views(opened_at) WHERE opened_at IS NOT NULL;
                    CREATE INDEX drafts_updated ON drafts(updated_at);
                    """)
        }
        migrator.registerMigration("v13-discord-interactions") { db in
            // Discord interactions already answered (or being answered), by interaction id: a redelivery gets the
            // stored first answer, never a second ticket. `response` is NULL while the first delivery is at work.
            try db.execute(
                sql: """
                    CREATE TABLE discord_interactions (
                        id TEXT PRIMARY KEY,
                        response TEXT,
                        created_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX discord_interactions_created ON discord_interactions(created_at);
                    """)
        }
        migrator.registerMigration("v14-idempotency") { db in
            // API writes sent with an `Idempotency-Key`, by caller (token id) and key: the hash of the first request
            // and the answer it got, written in the same transaction as the ticket or message it created.
            try db.execute(
                sql: """
                    CREATE TABLE idempotency_keys (
                        caller INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        request_hash TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        body BLOB NOT NULL,
                        location TEXT,
                        created_at REAL NOT NULL,
                        PRIMARY KEY (caller, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
                    """)
        }
        migrator.registerMigration("v15-outbox-dead-index") { db in
            // Every new outbox row is pending: an index over pending, sending and dead rows cost each notification
            // one more B-tree insert (and each delivery one more delete). Pending and sending rows are counted from
            // their own partial indexes (outbox_due, outbox_sending); only dead rows, which are rare, need this one.
            try db.execute(
                sql: """
                    DROP INDEX outbox_status;
                    CREATE INDEX outbox_dead ON outbox(target) WHERE status = 'dead';
                    """)
        }
        migrator.registerMigration("v16-vocabulary-checks") { db in
            // The database refuses a vocabulary value it does not know (issue 11), whoever writes: a trigger per table
            // (SQLite adds no CHECK to an existing table without rebuilding it). Rows already stored are read
            // strictly instead (StrictColumn). A new value in Core needs a new migration: a test compares these
            // lists with the enums.
            try db.execute(
                sql: """
                    CREATE TRIGGER tickets_vocabulary_insert BEFORE INSERT ON tickets
                    WHEN NEW.category NOT IN ('general', 'billing', 'technical', 'bug_report', 'account', 'suggestion') OR
                          NEW.priority NOT IN ('critical', 'high', 'medium', 'low') OR
                          NEW.sla_rule NOT IN ('category', 'priority', 'both')
                    BEGIN SELECT RAISE(ABORT, 'tickets: category, priority, sla_rule must be one of the values this schema knows'); END;
                    CREATE TRIGGER tickets_vocabulary_update BEFORE UPDATE OF category, priority, sla_rule ON tickets
                    WHEN NEW.category NOT IN ('general', 'billing', 'technical', 'bug_report', 'account', 'suggestion') OR
                          NEW.priority NOT IN ('critical', 'high', 'medium', 'low') OR
                          NEW.sla_rule NOT IN ('category', 'priority', 'both')
                    BEGIN SELECT RAISE(ABORT, 'tickets: category, priority, sla_rule must be one of the values this schema knows'); END;
                    CREATE TRIGGER messages_vocabulary_insert BEFORE INSERT ON messages
                    WHEN NEW.author_kind NOT IN ('user', 'agent', 'system')
                    BEGIN SELECT RAISE(ABORT, 'messages: author_kind must be one of the values this schema knows'); END;
                    CREATE TRIGGER messages_vocabulary_update BEFORE UPDATE OF author_kind ON messages
                    WHEN NEW.author_kind NOT IN ('user', 'agent', 'system')
                    BEGIN SELECT RAISE(ABORT, 'messages: author_kind must be one of the values this schema knows'); END;
                    CREATE TRIGGER events_vocabulary_insert BEFORE INSERT ON events
                    WHEN NEW.kind NOT IN ('created', 'replied', 'note_added', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'tagged', 'sla_warning', 'sla_breached', 'escalated', 'paged', 'acknowledged', 'closed', 'reopened', 'rated')
                    BEGIN SELECT RAISE(ABORT, 'events: kind must be one of the values this schema knows'); END;
                    CREATE TRIGGER events_vocabulary_update BEFORE UPDATE OF kind ON events
                    WHEN NEW.kind NOT IN ('created', 'replied', 'note_added', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'tagged', 'sla_warning', 'sla_breached', 'escalated', 'paged', 'acknowledged', 'closed', 'reopened', 'rated')
                    BEGIN SELECT RAISE(ABORT, 'events: kind must be one of the values this schema knows'); END;
                    CREATE TRIGGER outbox_vocabulary_insert BEFORE INSERT ON outbox
                    WHEN NEW.target NOT IN ('admin-tickets', 'oncall', 'senior', 'user', 'log') OR
                          (NEW.kind IS NOT NULL AND NEW.kind NOT IN ('created', 'replied', 'sla_warning', 'sla_breached', 'page', 'acknowledged', 'closed', 'inactivity_reminder', 'inactivity_closed', 'reminder_digest', 'weekly_report'))
                    BEGIN SELECT RAISE(ABORT, 'outbox: target, kind must be one of the values this schema knows'); END;
                    CREATE TRIGGER outbox_vocabulary_update BEFORE UPDATE OF target, kind ON outbox
                    WHEN NEW.target NOT IN ('admin-tickets', 'oncall', 'senior', 'user', 'log') OR
                          (NEW.kind IS NOT NULL AND NEW.kind NOT IN ('created', 'replied', 'sla_warning', 'sla_breached', 'page', 'acknowledged', 'closed', 'inactivity_reminder', 'inactivity_closed', 'reminder_digest', 'weekly_report'))
                    BEGIN SELECT RAISE(ABORT, 'outbox: target, kind must be one of the values this schema knows'); END;
                    """)
        }
        return migrator
    }
}
