import GRDB

/// The store's schema: named migrations, applied in order; a file migrated by a newer Triage is refused.
enum Schema {
    /// Secondary indexes, kept apart so the seeder can build them after a bulk load.
    static let indexes: [String] = [
        // The queue: open then waiting, by urgency. Partial: closed tickets are not in it.
        """
        CREATE INDEX IF NOT EXISTS tickets_queue ON tickets(queue_rank, queue_key, priority_rank, created_at, id)
        WHERE queue_rank IS NOT NULL
        """,
        "CREATE INDEX IF NOT EXISTS tickets_user ON tickets(user_id, queue_rank)",
        "CREATE INDEX IF NOT EXISTS tickets_created ON tickets(created_at, category)",
        "CREATE INDEX IF NOT EXISTS tickets_closed ON tickets(closed_at, created_at, sla_hours, sla_met)",
        "CREATE INDEX IF NOT EXISTS tickets_first_response ON tickets(first_response_at, created_at)",
        "CREATE INDEX IF NOT EXISTS tickets_due ON tickets(due_at, closed_at)",
        """
        CREATE INDEX IF NOT EXISTS tickets_awaiting ON tickets(awaiting_agent_since)
        WHERE status = 'open' AND awaiting_agent_since IS NOT NULL
        """,
        "CREATE INDEX IF NOT EXISTS tickets_assignee ON tickets(assignee, queue_rank) WHERE queue_rank IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS messages_ticket ON messages(ticket_id, created_at)",
        "CREATE INDEX IF NOT EXISTS events_ticket ON events(ticket_id, id)",
        "CREATE INDEX IF NOT EXISTS ratings_rated ON ratings(rated_at, rating)",
    ]

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
            for index in indexes { try db.execute(sql: index) }
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
            try TicketStore.setCounterTriggers(db, enabled: true)
        }
        return migrator
    }
}
