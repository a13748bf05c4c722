/// The schema every migration together makes (`MigrationTests`): frozen. It changes only with a new migration.
let frozenSchema = """
-- index agent_views_opened
CREATE INDEX agent_views_opened ON agent_views(opened_at) WHERE opened_at IS NOT NULL;
-- index closes_counted
CREATE INDEX closes_counted ON closes(closed_at, counted);
-- index closes_week
CREATE INDEX closes_week ON closes(week, counted, seconds);
-- index discord_interactions_created
CREATE INDEX discord_interactions_created ON discord_interactions(created_at);
-- index drafts_updated
CREATE INDEX drafts_updated ON drafts(updated_at);
-- index events_breached_at
CREATE INDEX events_breached_at ON events(at, kind) WHERE kind = 'sla_breached';
-- index events_ticket
CREATE INDEX events_ticket ON events(ticket_id, id);
-- index idempotency_keys_created
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
-- index messages_ticket
CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
-- index outbox_dead
CREATE INDEX outbox_dead ON outbox(target) WHERE status = 'dead';
-- index outbox_due
CREATE INDEX outbox_due ON outbox(target, next_attempt_at, id) WHERE status = 'pending';
-- index outbox_sending
CREATE INDEX outbox_sending ON outbox(target, lease_until) WHERE status = 'sending';
-- index outbox_ticket
CREATE INDEX outbox_ticket ON outbox(ticket_id, kind) WHERE status IN ('pending', 'sending');
-- index ratings_rated
CREATE INDEX ratings_rated ON ratings(rated_at, rating);
-- index responses_week
CREATE INDEX responses_week ON responses(week, seconds);
-- index sla_timers_due
CREATE INDEX sla_timers_due ON sla_timers(due_at);
-- index ticket_changes_seq
CREATE INDEX ticket_changes_seq ON ticket_changes(seq);
-- index tickets_assignee
CREATE INDEX tickets_assignee ON tickets(assignee, queue_rank) WHERE queue_rank IS NOT NULL;
-- index tickets_awaiting
CREATE INDEX tickets_awaiting ON tickets(awaiting_agent_since)
    WHERE status = 'open' AND awaiting_agent_since IS NOT NULL;
-- index tickets_closed
CREATE INDEX tickets_closed ON tickets(closed_at, created_at, sla_hours, sla_met);
-- index tickets_created
CREATE INDEX tickets_created ON tickets(created_at, category);
-- index tickets_due
CREATE INDEX tickets_due ON tickets(due_at, closed_at);
-- index tickets_first_response
CREATE INDEX tickets_first_response ON tickets(first_response_at, created_at);
-- index tickets_queue
CREATE INDEX tickets_queue ON tickets(queue_rank, queue_key, priority_rank, created_at, id, assignee)
    WHERE queue_rank IS NOT NULL;
-- index tickets_user
CREATE INDEX tickets_user ON tickets(user_id, queue_rank);
-- table agent_views
CREATE TABLE agent_views (
    agent TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    seen_at REAL,
    opened_at REAL,
    PRIMARY KEY (agent, ticket_id)
) WITHOUT ROWID;
-- table api_tokens
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'service', 'agent', 'admin')),
    user_id TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    last_used_at REAL,
    revoked_at REAL
);
-- table closes
CREATE TABLE closes (
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    closed_at REAL NOT NULL,
    created_at REAL NOT NULL,
    sla_hours REAL NOT NULL,
    due_at REAL NOT NULL,
    met INTEGER NOT NULL,
    counted INTEGER NOT NULL, week INTEGER NOT NULL DEFAULT 0, seconds REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, cycle)
) WITHOUT ROWID;
-- table day_counts
CREATE TABLE day_counts (
    day INTEGER PRIMARY KEY NOT NULL,
    opened INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0
, reopened INTEGER NOT NULL DEFAULT 0, resolved INTEGER NOT NULL DEFAULT 0, unassigned INTEGER NOT NULL DEFAULT 0, critical INTEGER NOT NULL DEFAULT 0, cycles_met INTEGER NOT NULL DEFAULT 0, resolved_seconds REAL NOT NULL DEFAULT 0, resolved_sla_hours REAL NOT NULL DEFAULT 0, responses INTEGER NOT NULL DEFAULT 0, response_seconds REAL NOT NULL DEFAULT 0, opened_account INTEGER NOT NULL DEFAULT 0, opened_billing INTEGER NOT NULL DEFAULT 0, opened_technical INTEGER NOT NULL DEFAULT 0, opened_bug_report INTEGER NOT NULL DEFAULT 0, opened_general INTEGER NOT NULL DEFAULT 0, opened_suggestion INTEGER NOT NULL DEFAULT 0, stars_1 INTEGER NOT NULL DEFAULT 0, stars_2 INTEGER NOT NULL DEFAULT 0, stars_3 INTEGER NOT NULL DEFAULT 0, stars_4 INTEGER NOT NULL DEFAULT 0, stars_5 INTEGER NOT NULL DEFAULT 0);
-- table delivery_targets
CREATE TABLE delivery_targets (
    target TEXT PRIMARY KEY NOT NULL,
    paused_until REAL,
    disabled_reason TEXT,
    disabled_at REAL
) WITHOUT ROWID;
-- table digests
CREATE TABLE digests (
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (kind, period)
) WITHOUT ROWID;
-- table discord_interactions
CREATE TABLE discord_interactions (
    id TEXT PRIMARY KEY,
    response TEXT,
    created_at REAL NOT NULL
) WITHOUT ROWID;
-- table drafts
CREATE TABLE drafts (
    agent TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
    body TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (agent, ticket_id, kind)
) WITHOUT ROWID;
-- table events
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    at REAL NOT NULL,
    old_value TEXT,
    new_value TEXT
);
-- table grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
-- table idempotency_keys
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
-- table messages
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    author_kind TEXT NOT NULL,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);
-- table outbox
CREATE TABLE "outbox" (
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
-- table policy_versions
CREATE TABLE policy_versions (
    version INTEGER PRIMARY KEY,
    toml TEXT NOT NULL,
    set_at REAL NOT NULL,
    set_by TEXT NOT NULL
);
-- table queue_counts
CREATE TABLE queue_counts (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    open INTEGER NOT NULL, waiting INTEGER NOT NULL, critical INTEGER NOT NULL, unassigned INTEGER NOT NULL
);
-- table ratings
CREATE TABLE ratings (
    ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT,
    rated_at REAL NOT NULL
);
-- table requesters
CREATE TABLE requesters (
    user_id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    updated_at REAL NOT NULL
) WITHOUT ROWID;
-- table responses
CREATE TABLE responses (
    ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    responded_at REAL NOT NULL,
    week INTEGER NOT NULL,
    seconds REAL NOT NULL
) WITHOUT ROWID;
-- table runners
CREATE TABLE runners (
    owner TEXT PRIMARY KEY NOT NULL,
    started_at REAL NOT NULL,
    last_pass_at REAL,
    stopped_at REAL
) WITHOUT ROWID;
-- table sla_facts
CREATE TABLE sla_facts (
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'page', 'inactivity_reminder', 'inactivity_close')),
    n INTEGER NOT NULL DEFAULT 0,
    at REAL NOT NULL,
    late REAL,
    PRIMARY KEY (ticket_id, cycle, kind, n)
) WITHOUT ROWID;
-- table sla_timers
CREATE TABLE sla_timers (
    ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    due_at REAL NOT NULL
) WITHOUT ROWID;
-- table tags
CREATE TABLE tags (
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (ticket_id, tag)
) WITHOUT ROWID;
-- table ticket_changes
CREATE TABLE ticket_changes (ticket_id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
-- table ticket_version
CREATE TABLE ticket_version (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
-- table tickets
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
-- trigger events_vocabulary_insert
CREATE TRIGGER events_vocabulary_insert BEFORE INSERT ON events
WHEN NEW.kind NOT IN ('created', 'replied', 'note_added', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'tagged', 'sla_warning', 'sla_breached', 'escalated', 'paged', 'acknowledged', 'closed', 'reopened', 'rated')
BEGIN SELECT RAISE(ABORT, 'events: kind must be one of the values this schema knows'); END;
-- trigger events_vocabulary_update
CREATE TRIGGER events_vocabulary_update BEFORE UPDATE OF kind ON events
WHEN NEW.kind NOT IN ('created', 'replied', 'note_added', 'assigned', 'status_changed', 'priority_changed', 'category_changed', 'tagged', 'sla_warning', 'sla_breached', 'escalated', 'paged', 'acknowledged', 'closed', 'reopened', 'rated')
BEGIN SELECT RAISE(ABORT, 'events: kind must be one of the values this schema knows'); END;
-- trigger messages_vocabulary_insert
CREATE TRIGGER messages_vocabulary_insert BEFORE INSERT ON messages
WHEN NEW.author_kind NOT IN ('user', 'agent', 'system')
BEGIN SELECT RAISE(ABORT, 'messages: author_kind must be one of the values this schema knows'); END;
-- trigger messages_vocabulary_update
CREATE TRIGGER messages_vocabulary_update BEFORE UPDATE OF author_kind ON messages
WHEN NEW.author_kind NOT IN ('user', 'agent', 'system')
BEGIN SELECT RAISE(ABORT, 'messages: author_kind must be one of the values this schema knows'); END;
-- trigger outbox_vocabulary_insert
CREATE TRIGGER outbox_vocabulary_insert BEFORE INSERT ON outbox
WHEN NEW.target NOT IN ('admin-tickets', 'oncall', 'senior', 'user', 'log') OR
      (NEW.kind IS NOT NULL AND NEW.kind NOT IN ('created', 'replied', 'sla_warning', 'sla_breached', 'page', 'acknowledged', 'closed', 'inactivity_reminder', 'inactivity_closed', 'reminder_digest', 'weekly_report'))
BEGIN SELECT RAISE(ABORT, 'outbox: target, kind must be one of the values this schema knows'); END;
-- trigger outbox_vocabulary_update
CREATE TRIGGER outbox_vocabulary_update BEFORE UPDATE OF target, kind ON outbox
WHEN NEW.target NOT IN ('admin-tickets', 'oncall', 'senior', 'user', 'log') OR
      (NEW.kind IS NOT NULL AND NEW.kind NOT IN ('created', 'replied', 'sla_warning', 'sla_breached', 'page', 'acknowledged', 'closed', 'inactivity_reminder', 'inactivity_closed', 'reminder_digest', 'weekly_report'))
BEGIN SELECT RAISE(ABORT, 'outbox: target, kind must be one of the values this schema knows'); END;
-- trigger tickets_bump_on_delete
CREATE TRIGGER tickets_bump_on_delete AFTER DELETE ON tickets
BEGIN
  UPDATE ticket_version SET value = value + 1 WHERE id = 1;
  INSERT INTO ticket_changes (ticket_id, seq) VALUES (OLD.id, (SELECT value FROM ticket_version WHERE id = 1))
    ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
  UPDATE queue_counts SET open = open - (OLD.queue_rank IS 0), waiting = waiting - (OLD.queue_rank IS 1), critical = critical - (OLD.queue_rank IS NOT NULL AND OLD.priority_rank = 0), unassigned = unassigned - (OLD.queue_rank IS NOT NULL AND OLD.assignee IS NULL) WHERE id = 1;
END;
-- trigger tickets_bump_on_insert
CREATE TRIGGER tickets_bump_on_insert AFTER INSERT ON tickets
BEGIN
  UPDATE ticket_version SET value = value + 1 WHERE id = 1;
  INSERT INTO ticket_changes (ticket_id, seq) VALUES (NEW.id, (SELECT value FROM ticket_version WHERE id = 1))
    ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
  UPDATE queue_counts SET open = open + (NEW.queue_rank IS 0), waiting = waiting + (NEW.queue_rank IS 1), critical = critical + (NEW.queue_rank IS NOT NULL AND NEW.priority_rank = 0), unassigned = unassigned + (NEW.queue_rank IS NOT NULL AND NEW.assignee IS NULL) WHERE id = 1;
END;
-- trigger tickets_bump_on_update
CREATE TRIGGER tickets_bump_on_update AFTER UPDATE ON tickets
BEGIN
  UPDATE ticket_version SET value = value + 1 WHERE id = 1;
  INSERT INTO ticket_changes (ticket_id, seq) VALUES (NEW.id, (SELECT value FROM ticket_version WHERE id = 1))
    ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq;
  UPDATE queue_counts SET open = open + (NEW.queue_rank IS 0) - (OLD.queue_rank IS 0), waiting = waiting + (NEW.queue_rank IS 1) - (OLD.queue_rank IS 1), critical = critical + (NEW.queue_rank IS NOT NULL AND NEW.priority_rank = 0) - (OLD.queue_rank IS NOT NULL AND OLD.priority_rank = 0), unassigned = unassigned + (NEW.queue_rank IS NOT NULL AND NEW.assignee IS NULL) - (OLD.queue_rank IS NOT NULL AND OLD.assignee IS NULL) WHERE id = 1;
END;
-- trigger tickets_vocabulary_insert
CREATE TRIGGER tickets_vocabulary_insert BEFORE INSERT ON tickets
WHEN NEW.category NOT IN ('general', 'billing', 'technical', 'bug_report', 'account', 'suggestion') OR
      NEW.priority NOT IN ('critical', 'high', 'medium', 'low') OR
      NEW.sla_rule NOT IN ('category', 'priority', 'both')
BEGIN SELECT RAISE(ABORT, 'tickets: category, priority, sla_rule must be one of the values this schema knows'); END;
-- trigger tickets_vocabulary_update
CREATE TRIGGER tickets_vocabulary_update BEFORE UPDATE OF category, priority, sla_rule ON tickets
WHEN NEW.category NOT IN ('general', 'billing', 'technical', 'bug_report', 'account', 'suggestion') OR
      NEW.priority NOT IN ('critical', 'high', 'medium', 'low') OR
      NEW.sla_rule NOT IN ('category', 'priority', 'both')
BEGIN SELECT RAISE(ABORT, 'tickets: category, priority, sla_rule must be one of the values this schema knows'); END;
"""
