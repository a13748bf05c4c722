-- Row-level security and invariant assertions for schema triage v1 (design note postgres.md §3.4, §3.6, §4.2, §5).
--
-- Run AS triage_app, the login role of every Triage process, never as a superuser or the owner:
--     psql -X -q -At -v ON_ERROR_STOP=1 -U triage_app -d triage_rls -f Tests/SQL/rls_tests.sql
-- after roles.sql, v1.sql and rls_helpers.sql (Tests/SQL/run-rls.sh does all of it on a throwaway server). Each
-- block is one transaction that first chooses its principal, as the store runs them. Every assertion prints
-- `ok   <label>`; a failure raises and stops the run. What needs more than one session or more data lives in
-- run-rls.sh: the LISTEN output (the notifications this file provokes), two concurrent outbox claimers, and the
-- index plans below.
--
-- People: users 111 and 222 (requesters), 333; agents alice and bruno; admin root; the runner (worker).
-- Times are epoch seconds around t0 = 1800000000 (2027-01-15, day 20833).

\set t0 1800000000

-- ---------------------------------------------------------------------------------------------------------------
-- Fixture, written the way the store would: staff open tickets for users, write threads and events; the worker
-- records facts; each requester its idempotency keys.
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
SELECT triage_test.new_ticket('TKTAAAAA1', '111', 'medium');
SELECT triage_test.new_ticket('TKTAAAAA2', '111', 'critical');
SELECT triage_test.new_ticket('TKTBBBBB1', '222', 'high');
SELECT triage_test.new_ticket('TKTBBBBB2', '222', 'low', 'billing');
SELECT triage_test.new_ticket('TKTCCCCC1', '333', 'low');
INSERT INTO triage.requesters (user_id, name, updated_at) VALUES ('111', 'ana', :t0), ('222', 'bob', :t0);
INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at) VALUES
    ('TKTAAAAA1', '111', 'user', '111', 'my printer is on fire', false, :t0),
    ('TKTAAAAA1', '111', 'agent', 'alice', 'internal: user is a VIP', true, :t0 + 60),
    ('TKTAAAAA1', '111', 'agent', 'alice', 'please unplug it', false, :t0 + 120),
    ('TKTBBBBB1', '222', 'user', '222', 'billing question', false, :t0);
INSERT INTO triage.events (ticket_id, user_id, kind, actor, at, old_value, new_value) VALUES
    ('TKTAAAAA1', '111', 'created', '111', :t0, NULL, 'general/medium'),
    ('TKTAAAAA1', '111', 'note_added', 'alice', :t0 + 60, NULL, '2'),
    ('TKTAAAAA1', '111', 'assigned', 'alice', :t0 + 90, NULL, 'alice'),
    ('TKTAAAAA1', '111', 'replied', 'alice', :t0 + 120, NULL, '3'),
    ('TKTAAAAA1', '111', 'sla_breached', 'triage', :t0 + 200, NULL, 'c1'),
    ('TKTAAAAA2', '111', 'created', '111', :t0, NULL, 'general/critical'),
    ('TKTBBBBB1', '222', 'created', '222', :t0, NULL, 'general/high'),
    ('TKTBBBBB2', '222', 'created', '222', :t0, NULL, 'billing/low');
INSERT INTO triage.tags (ticket_id, user_id, tag) VALUES ('TKTAAAAA1', '111', 'vip'), ('TKTBBBBB1', '222', 'billing');
INSERT INTO triage.sla_timers (ticket_id, user_id, due_at) VALUES ('TKTAAAAA1', '111', :t0 + 3600),
    ('TKTBBBBB1', '222', :t0 + 3600);
INSERT INTO triage.drafts (agent, ticket_id, kind, body, updated_at) VALUES ('alice', 'TKTAAAAA1', 'reply', 'draft…', :t0);
INSERT INTO triage.agent_views (agent, ticket_id, seen_at, opened_at) VALUES ('alice', 'TKTAAAAA1', :t0, :t0);
INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
    VALUES ('reply:TKTBBBBB1:4|user', 'TKTBBBBB1', 'user', 'reply:TKTBBBBB1:4', 'replied', '{}', :t0, :t0);
UPDATE triage.tickets SET assignee = 'alice' WHERE id = 'TKTAAAAA1';
COMMIT;

BEGIN;
SELECT triage_test.act_as('agent', NULL, 'bruno');
INSERT INTO triage.drafts (agent, ticket_id, kind, body, updated_at) VALUES ('bruno', 'TKTBBBBB1', 'note', 'secret note', :t0 + 5);
INSERT INTO triage.agent_views (agent, ticket_id, seen_at, opened_at) VALUES ('bruno', 'TKTBBBBB1', :t0, :t0 + 5);
COMMIT;

BEGIN;
SELECT triage_test.act_as('admin', NULL, 'root');
INSERT INTO triage.api_tokens (name, role, user_id, token_hash, created_at) VALUES
    ('alice', 'agent', NULL, 'hash-alice', :t0),
    ('bot', 'service', NULL, 'hash-bot', :t0),
    ('old', 'agent', NULL, 'hash-old', :t0);
UPDATE triage.api_tokens SET revoked_at = :t0 WHERE name = 'old';
INSERT INTO triage.policy_versions (toml, set_at, set_by) VALUES ('[sla]', :t0, 'root');
COMMIT;

BEGIN;
SELECT triage_test.act_as('worker', NULL, 'triage');
INSERT INTO triage.sla_facts (ticket_id, user_id, cycle, kind, n, at) VALUES ('TKTAAAAA1', '111', 1, 'breach', 0, :t0 + 200),
    ('TKTBBBBB1', '222', 1, 'warning', 0, :t0 + 100);
INSERT INTO triage.runners (owner, started_at) VALUES ('runner-1', :t0);
INSERT INTO triage.digests (kind, period, at) VALUES ('weekly', '2027-W02', :t0);
INSERT INTO triage.delivery_targets (target, paused_until) VALUES ('oncall', :t0 + 60);
INSERT INTO triage.discord_interactions (id, response, created_at) VALUES ('9000', NULL, :t0);
COMMIT;

BEGIN;
SELECT triage_test.act_as('user', '111', NULL, 7);
INSERT INTO triage.idempotency_keys (caller, key, request_hash, status, body, created_at)
    VALUES (7, 'k1', 'h', 201, '\x7b7d', :t0);
COMMIT;
BEGIN;
SELECT triage_test.act_as('service', '222', NULL, 8);
INSERT INTO triage.idempotency_keys (caller, key, request_hash, status, body, created_at)
    VALUES (8, 'k1', 'h', 201, '\x7b7d', :t0);
COMMIT;

-- ---------------------------------------------------------------------------------------------------------------
-- No principal: the login role alone can do nothing
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.expect_error('no principal: SELECT tickets is refused', 'SELECT * FROM triage.tickets', '42501');
SELECT triage_test.expect_error('no principal: INSERT into outbox is refused',
    $q$INSERT INTO triage.outbox (dedupe_key, target, cause, created_at, next_attempt_at) VALUES ('x', 'log', 'x', 0, 0)$q$, '42501');
SELECT triage_test.expect_error('no principal: SELECT api_tokens is refused', 'SELECT * FROM triage.api_tokens', '42501');
SELECT triage_test.expect_error('the login role cannot become the owner',
    $q$SELECT set_config('role', 'triage_owner', true)$q$, '42501');
SELECT triage_test.expect_count('no principal: authenticate(hash) finds a live token',
    $q$SELECT * FROM triage.authenticate('hash-alice', 1800000100, 0) WHERE name = 'alice' AND last_used_at = 1800000100$q$, 1);
SELECT triage_test.expect_count('no principal: authenticate() of a revoked or unknown hash finds nothing',
    $q$SELECT * FROM triage.authenticate('hash-old', 1800000100) UNION ALL SELECT * FROM triage.authenticate('nope')$q$, 0);
SELECT triage_test.expect_count('authenticate() skips recording a use newer than the resolution',
    $q$SELECT * FROM triage.authenticate('hash-alice', 1800000130, 60) WHERE last_used_at = 1800000100$q$, 1);
COMMIT;

-- ---------------------------------------------------------------------------------------------------------------
-- User 111 (a requester): their own rows only
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_count('user sees only their own tickets', 'SELECT 1 FROM triage.tickets', 2);
SELECT triage_test.expect_count('a foreign ticket looks missing',
    $q$SELECT 1 FROM triage.tickets WHERE id = 'TKTBBBBB1'$q$, 0);
SELECT triage_test.expect_count('thread without internal notes',
    $q$SELECT 1 FROM triage.messages WHERE ticket_id = 'TKTAAAAA1'$q$, 2);
SELECT triage_test.expect_count('no foreign messages', $q$SELECT 1 FROM triage.messages WHERE user_id <> '111'$q$, 0);
SELECT triage_test.expect_count('events without the staff-only kinds (note_added, sla_breached…)',
    $q$SELECT 1 FROM triage.events WHERE kind IN ('note_added', 'tagged', 'sla_warning', 'sla_breached', 'paged', 'acknowledged')$q$, 0);
SELECT triage_test.expect_count('the public events publicView reads (created, assigned, replied)',
    $q$SELECT 1 FROM triage.events WHERE ticket_id = 'TKTAAAAA1'$q$, 3);
SELECT triage_test.expect_count('no foreign events', $q$SELECT 1 FROM triage.events WHERE user_id <> '111'$q$, 0);
SELECT triage_test.expect_count('own tags only', 'SELECT 1 FROM triage.tags', 1);
SELECT triage_test.expect_count('own requester name only', 'SELECT 1 FROM triage.requesters', 1);
SELECT triage_test.expect_count('own sla_facts only (armTimer reads them)', 'SELECT 1 FROM triage.sla_facts', 1);
SELECT triage_test.expect_count('own sla_timers only', 'SELECT 1 FROM triage.sla_timers', 1);
SELECT triage_test.expect_count('the policy in force is readable', 'SELECT 1 FROM triage.policy_versions', 1);
SELECT triage_test.expect_affected('FOR UPDATE on a foreign ticket finds nothing',
    $q$SELECT 1 FROM triage.tickets WHERE id = 'TKTBBBBB1' FOR UPDATE$q$, 0);
SELECT triage_test.expect_affected('FOR UPDATE on an own ticket locks it',
    $q$SELECT 1 FROM triage.tickets WHERE id = 'TKTAAAAA1' FOR UPDATE$q$, 1);
SELECT triage_test.expect_affected('UPDATE of a foreign ticket touches nothing',
    $q$UPDATE triage.tickets SET updated_at = updated_at WHERE id = 'TKTBBBBB1'$q$, 0);
SELECT triage_test.expect_affected('DELETE of a ticket is not a requester''s (no grant; nothing touched)',
    $q$SELECT 1 WHERE NOT has_table_privilege('triage.tickets', 'DELETE')$q$, 1);
COMMIT;

BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_error('cannot write an internal note',
    $q$INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
       VALUES ('TKTAAAAA1', '111', 'user', '111', 'x', true, 1800000300)$q$, '42501');
SELECT triage_test.expect_error('cannot write as an agent',
    $q$INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
       VALUES ('TKTAAAAA1', '111', 'agent', 'alice', 'x', false, 1800000300)$q$, '42501');
SELECT triage_test.expect_error('cannot post into a foreign thread (lying about the owner: FK)',
    $q$INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
       VALUES ('TKTBBBBB1', '111', 'user', '111', 'x', false, 1800000300)$q$, '23503');
SELECT triage_test.expect_error('cannot post into a foreign thread (naming its owner: RLS)',
    $q$INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
       VALUES ('TKTBBBBB1', '222', 'user', '222', 'x', false, 1800000300)$q$, '42501');
SELECT triage_test.expect_affected('a public reply to an own ticket is written',
    $q$INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
       VALUES ('TKTAAAAA1', '111', 'user', '111', 'still burning', false, 1800000300) RETURNING id$q$, 1);
SELECT triage_test.expect_error('cannot open a ticket for someone else',
    $q$SELECT triage_test.new_ticket('TKTAAAAA9', '222')$q$, '42501');
SELECT triage_test.expect_error('cannot open a ticket already assigned',
    $q$SELECT triage_test.new_ticket('TKTAAAAA9', '111', p_assignee => 'alice')$q$, '42501');
SELECT triage_test.expect_error('cannot append a staff event',
    $q$INSERT INTO triage.events (ticket_id, user_id, kind, actor, at) VALUES ('TKTAAAAA1', '111', 'note_added', '111', 1800000300)$q$, '42501');
SELECT triage_test.expect_error('cannot append an event in an agent''s name',
    $q$INSERT INTO triage.events (ticket_id, user_id, kind, actor, at) VALUES ('TKTAAAAA1', '111', 'replied', 'alice', 1800000300)$q$, '42501');
SELECT triage_test.expect_affected('appends its own reply event',
    $q$INSERT INTO triage.events (ticket_id, user_id, kind, actor, at, new_value) VALUES ('TKTAAAAA1', '111', 'replied', '111', 1800000300, '5')$q$, 1);
SELECT triage_test.expect_error('cannot change staff fields of own ticket (assignee)',
    $q$UPDATE triage.tickets SET assignee = NULL WHERE id = 'TKTAAAAA1'$q$, '42501');
SELECT triage_test.expect_error('cannot change staff fields of own ticket (priority)',
    $q$UPDATE triage.tickets SET priority = 'critical', priority_rank = 0 WHERE id = 'TKTAAAAA1'$q$, '42501');
SELECT triage_test.expect_error('cannot escalate own ticket',
    $q$UPDATE triage.tickets SET escalated = true WHERE id = 'TKTAAAAA1'$q$, '42501');
SELECT triage_test.expect_error('cannot give own ticket away',
    $q$UPDATE triage.tickets SET user_id = '222' WHERE id = 'TKTAAAAA1'$q$, '42501');
SELECT triage_test.expect_error('cannot set own ticket waiting',
    $q$UPDATE triage.tickets SET status = 'waiting', queue_rank = 1 WHERE id = 'TKTAAAAA1'$q$, '42501');
SELECT triage_test.expect_affected('a reply''s own changes (awaiting an agent, SLA columns) are allowed',
    $q$UPDATE triage.tickets SET awaiting_agent_since = 1800000300, updated_at = 1800000300, due_at = due_at + 1,
       queue_key = queue_key + 1 WHERE id = 'TKTAAAAA1'$q$, 1);
SELECT triage_test.expect_affected('arms its own ticket''s timer (upsert)',
    $q$INSERT INTO triage.sla_timers (ticket_id, user_id, due_at) VALUES ('TKTAAAAA1', '111', 1800000400)
       ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at$q$, 1);
SELECT triage_test.expect_error('cannot arm a foreign ticket''s timer',
    $q$INSERT INTO triage.sla_timers (ticket_id, user_id, due_at) VALUES ('TKTBBBBB1', '222', 1800000400)$q$, '42501');
COMMIT;

-- Tables a requester has no business with: refused outright, not empty.
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_error('no stats: day_counts is staff-only', 'SELECT * FROM triage.day_counts', '42501');
SELECT triage_test.expect_error('no queue_counts', 'SELECT * FROM triage.queue_counts', '42501');
SELECT triage_test.expect_error('no ticket_version', 'SELECT * FROM triage.ticket_version', '42501');
SELECT triage_test.expect_error('no ticket_changes', 'SELECT * FROM triage.ticket_changes', '42501');
SELECT triage_test.expect_error('no closes', 'SELECT * FROM triage.closes', '42501');
SELECT triage_test.expect_error('no responses', 'SELECT * FROM triage.responses', '42501');
SELECT triage_test.expect_error('no drafts', 'SELECT * FROM triage.drafts', '42501');
SELECT triage_test.expect_error('no api_tokens', 'SELECT * FROM triage.api_tokens', '42501');
SELECT triage_test.expect_error('no agent_views', 'SELECT * FROM triage.agent_views', '42501');
SELECT triage_test.expect_error('no runners, digests, delivery targets or Discord claims',
    'SELECT 1 FROM triage.runners UNION ALL SELECT 1 FROM triage.digests UNION ALL SELECT 1 FROM triage.delivery_targets UNION ALL SELECT 1 FROM triage.discord_interactions', '42501');
SELECT triage_test.expect_error('no reading the outbox', 'SELECT * FROM triage.outbox', '42501');
SELECT triage_test.expect_error('no authenticate() once a principal is chosen',
    $q$SELECT * FROM triage.authenticate('hash-alice')$q$, '42501');
SELECT triage_test.expect_error('no staff entry points (presence)', 'SELECT * FROM triage.presence(0)', '42501');
SELECT triage_test.expect_error('no staff entry points (token names)', 'SELECT * FROM triage.staff_token_names()', '42501');
SELECT triage_test.expect_error('no internal helpers (day_counts writer)',
    'SELECT triage.add_day_counts(ARRAY[triage.day_zero(1)])', '42501');
SELECT triage_test.expect_count('queue place: a count across requesters, through the definer function',
    $q$SELECT 1 WHERE triage.queue_ahead(0, 1800086400 + 1, 3, 1800000000, 'TKTZZZZZZ') >= 3$q$, 1);
COMMIT;

-- Idempotency keys are per caller (API token): caller 7 is user 111's token.
BEGIN;
SELECT triage_test.act_as('user', '111', NULL, 7);
SELECT triage_test.expect_count('idempotency keys: the caller''s own only', 'SELECT 1 FROM triage.idempotency_keys', 1);
SELECT triage_test.expect_affected('idempotency keys: expiring sweeps only the caller''s own',
    'DELETE FROM triage.idempotency_keys WHERE created_at <= 1900000000', 1);
SELECT triage_test.expect_error('idempotency keys: cannot store one for another caller',
    $q$INSERT INTO triage.idempotency_keys (caller, key, request_hash, status, body, created_at) VALUES (8, 'k2', 'h', 201, '\x00', 0)$q$, '42501');
ROLLBACK;

-- Outbox enqueue by a requester (design §3.3): no SELECT, so no arbiter.
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_affected('outbox INSERT ... ON CONFLICT DO NOTHING (no arbiter) works',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('created:TKTAAAAA2|admin-tickets', 'TKTAAAAA2', 'admin-tickets', 'created:TKTAAAAA2', 'created', '{}', 1800000000, 1800000000)
       ON CONFLICT DO NOTHING$q$, 1);
SELECT triage_test.expect_affected('... and a duplicate cause is still dropped',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('created:TKTAAAAA2|admin-tickets', 'TKTAAAAA2', 'admin-tickets', 'created:TKTAAAAA2', 'created', '{}', 1800000000, 1800000000)
       ON CONFLICT DO NOTHING$q$, 0);
SELECT triage_test.expect_error('... while ON CONFLICT (dedupe_key) needs SELECT, which a requester lacks',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('created:TKTAAAAA2|log', 'TKTAAAAA2', 'log', 'created:TKTAAAAA2', 'created', '{}', 1800000000, 1800000000)
       ON CONFLICT (dedupe_key) DO NOTHING$q$, '42501');
SELECT triage_test.expect_error('cannot enqueue for a foreign ticket',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('created:TKTBBBBB1|log', 'TKTBBBBB1', 'log', 'created:TKTBBBBB1', 'created', '{}', 1800000000, 1800000000)
       ON CONFLICT DO NOTHING$q$, '42501');
SELECT triage_test.expect_error('cannot enqueue a staff notice (a page) for an own ticket',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('page:TKTAAAAA2:c1:n9|oncall', 'TKTAAAAA2', 'oncall', 'page:TKTAAAAA2:c1:n9', 'page', '{}', 1800000000, 1800000000)
       ON CONFLICT DO NOTHING$q$, '42501');
SELECT triage_test.expect_error('cannot enqueue a row already delivered',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at, status)
       VALUES ('closed:TKTAAAAA2:c1|log', 'TKTAAAAA2', 'log', 'closed:TKTAAAAA2:c1', 'closed', '{}', 1800000000, 1800000000, 'delivered')
       ON CONFLICT DO NOTHING$q$, '42501');
COMMIT;

-- Ticket ids under RLS: `SELECT 1 FROM tickets WHERE id = ?` no longer sees collisions; the insert tells.
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_affected('ticket id collision: another user''s existing id gives 0 rows, no error',
    $q$INSERT INTO triage.tickets SELECT (triage_test.ticket_row('TKTBBBBB1', '111')).* ON CONFLICT (id) DO NOTHING RETURNING id$q$, 0);
SELECT triage_test.expect_affected('... and a fresh id gives 1 row',
    $q$INSERT INTO triage.tickets SELECT (triage_test.ticket_row('TKTAAAAA3', '111')).* ON CONFLICT (id) DO NOTHING RETURNING id$q$, 1);
COMMIT;

-- ---------------------------------------------------------------------------------------------------------------
-- The service (for user 222), and requesters without an identity
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('service', '222', NULL);
SELECT triage_test.expect_count('service sees user 222''s tickets only',
    $q$SELECT 1 FROM triage.tickets HAVING count(*) = 2 AND bool_and(user_id = '222')$q$, 1);
COMMIT;

BEGIN;
SELECT triage_test.expect_count('app.user_id after the previous transaction is empty again',
    $q$SELECT 1 WHERE coalesce(current_setting('app.user_id', true), '') = ''$q$, 1);
SELECT triage_test.expect_count('the role is triage_app again', 'SELECT 1 WHERE current_user = ''triage_app''', 1);
SELECT triage_test.act_as('user', NULL, NULL);
SELECT triage_test.expect_count('requester without app.user_id sees nothing', 'SELECT 1 FROM triage.tickets', 0);
SELECT triage_test.expect_error('... and can open nothing', $q$SELECT triage_test.new_ticket('TKTAAAAA8', '111')$q$, '42501');
COMMIT;

-- ---------------------------------------------------------------------------------------------------------------
-- Staff
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice', 9);
SELECT triage_test.expect_count('agent sees every ticket', 'SELECT 1 FROM triage.tickets', 6);
SELECT triage_test.expect_count('agent sees internal notes', 'SELECT 1 FROM triage.messages WHERE internal', 1);
SELECT triage_test.expect_count('agent sees only own drafts', 'SELECT 1 FROM triage.drafts', 1);
SELECT triage_test.expect_affected('agent cannot overwrite a colleague''s draft',
    $q$UPDATE triage.drafts SET body = 'x' WHERE agent = 'bruno'$q$, 0);
SELECT triage_test.expect_error('agent cannot write a draft as a colleague',
    $q$INSERT INTO triage.drafts (agent, ticket_id, kind, body, updated_at) VALUES ('bruno', 'TKTAAAAA1', 'reply', 'x', 0)$q$, '42501');
SELECT triage_test.expect_count('presence(): colleagues viewing and writing, never oneself',
    $q$SELECT 1 FROM triage.presence(1800000000) WHERE agent = 'bruno'$q$, 2);
SELECT triage_test.expect_count('presence() shows no draft body',
    $q$SELECT 1 FROM triage.presence(0) p WHERE p.agent = 'alice' OR p.activity NOT IN ('viewing', 'replying', 'noting')$q$, 0);
SELECT triage_test.expect_count('agent sees no API tokens', 'SELECT 1 FROM triage.api_tokens', 0);
SELECT triage_test.expect_count('... but the roster''s live staff token names',
    $q$SELECT 1 FROM triage.staff_token_names() n WHERE n = 'alice'$q$, 1);
SELECT triage_test.expect_error('agent cannot create a token',
    $q$INSERT INTO triage.api_tokens (name, role, token_hash, created_at) VALUES ('mallory', 'admin', 'hash-m', 0)$q$, '42501');
SELECT triage_test.expect_error('agent cannot change the SLA policy',
    $q$INSERT INTO triage.policy_versions (toml, set_at, set_by) VALUES ('[x]', 0, 'alice')$q$, '42501');
SELECT triage_test.expect_error('staff cannot rate (only the requester rates)',
    $q$INSERT INTO triage.ratings (ticket_id, user_id, rating, rated_at) VALUES ('TKTAAAAA1', '111', 5, 0)$q$, '42501');
SELECT triage_test.expect_count('agent sees no other caller''s idempotency keys', 'SELECT 1 FROM triage.idempotency_keys', 0);
SELECT triage_test.expect_error('agent has no Discord interaction claims (worker bookkeeping)',
    'SELECT 1 FROM triage.discord_interactions', '42501');
SELECT triage_test.expect_affected('staff change staff fields',
    $q$UPDATE triage.tickets SET priority = 'high', priority_rank = 1 WHERE id = 'TKTBBBBB2'$q$, 1);
COMMIT;

BEGIN;
SELECT triage_test.act_as('admin', NULL, 'root');
SELECT triage_test.expect_count('admin sees API tokens', 'SELECT 1 FROM triage.api_tokens', 3);
SELECT triage_test.expect_count('authenticate() recorded the last use', 'SELECT 1 FROM triage.api_tokens WHERE last_used_at = 1800000100', 1);
SELECT triage_test.expect_affected('admin re-enables a delivery target', 'DELETE FROM triage.delivery_targets', 1);
ROLLBACK;

-- ---------------------------------------------------------------------------------------------------------------
-- The worker (automation runner)
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
SELECT 'digest:test:' || i || '|admin-tickets', NULL, 'admin-tickets', 'digest:test:' || i, 'reminder_digest', '{}', :t0, :t0 + i
FROM generate_series(1, 4) AS i;
COMMIT;

BEGIN;
SELECT triage_test.act_as('worker', NULL, 'triage');
SELECT triage_test.expect_affected('worker claims due outbox rows with FOR UPDATE SKIP LOCKED',
    $q$WITH due AS (SELECT id FROM triage.outbox WHERE status = 'pending' AND target = 'admin-tickets'
                    AND next_attempt_at <= 1800000010 ORDER BY next_attempt_at, id LIMIT 3 FOR UPDATE SKIP LOCKED),
       claimed AS (UPDATE triage.outbox o SET status = 'sending', lease_owner = 'w1', lease_until = 1800000030
                   FROM due WHERE o.id = due.id RETURNING o.id)
       SELECT id FROM claimed$q$, 3);
SELECT triage_test.expect_affected('worker records an SLA fact once (ON CONFLICT DO NOTHING)',
    $q$INSERT INTO triage.sla_facts (ticket_id, user_id, cycle, kind, n, at) VALUES ('TKTAAAAA2', '111', 1, 'warning', 0, 1800000000) ON CONFLICT DO NOTHING$q$, 1);
SELECT triage_test.expect_affected('... and never twice',
    $q$INSERT INTO triage.sla_facts (ticket_id, user_id, cycle, kind, n, at) VALUES ('TKTAAAAA2', '111', 1, 'warning', 0, 1800000001) ON CONFLICT DO NOTHING$q$, 0);
SELECT triage_test.expect_affected('worker escalates a ticket',
    $q$UPDATE triage.tickets SET escalated = true, acknowledged_at = NULL WHERE id = 'TKTAAAAA2'$q$, 1);
SELECT triage_test.expect_affected('worker claims a Discord interaction',
    $q$INSERT INTO triage.discord_interactions (id, response, created_at) VALUES ('9001', NULL, 1800000000) ON CONFLICT (id) DO NOTHING$q$, 1);
SELECT triage_test.expect_affected('worker sweeps every caller''s expired idempotency keys',
    'DELETE FROM triage.idempotency_keys WHERE created_at <= 1900000000', 2);
SELECT triage_test.expect_error('worker reads no messages', 'SELECT 1 FROM triage.messages', '42501');
SELECT triage_test.expect_error('worker reads no drafts', 'SELECT 1 FROM triage.drafts', '42501');
SELECT triage_test.expect_error('worker opens no tickets', $q$SELECT triage_test.new_ticket('TKTWWWWW1', '111')$q$, '42501');
ROLLBACK;

-- ---------------------------------------------------------------------------------------------------------------
-- Invariants kept by the database: day_counts / closes / responses (history), queue_counts, ticket_version,
-- ticket_changes, cancelled SLA notices. Baselines first (as staff), with psql's \gset.
-- ---------------------------------------------------------------------------------------------------------------
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
SELECT coalesce(sum(opened), 0) AS opened0, coalesce(sum(opened_technical), 0) AS technical0,
       coalesce(sum(closed), 0) AS closed0, coalesce(sum(resolved), 0) AS resolved0,
       coalesce(sum(reopened), 0) AS reopened0, coalesce(sum(responses), 0) AS responses0,
       coalesce(sum(stars_4), 0) AS stars0, coalesce(sum(unassigned), 0) AS unassigned0
FROM triage.day_counts \gset
SELECT sum(value) AS version0 FROM triage.ticket_version \gset
COMMIT;

-- A user opens a ticket (the requester's own insert fires the SECURITY DEFINER triggers).
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.new_ticket('TKTAAAAA4', '111', 'low', 'technical', :t0 + 1000);
COMMIT;

BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
SELECT triage_test.expect_count('a user''s ticket counted as opened (definer trigger)',
    'SELECT 1 FROM triage.day_counts HAVING sum(opened) = ' || (:opened0 + 1) || ' AND sum(opened_technical) = ' || (:technical0 + 1), 1);
SELECT triage_test.expect_count('... on its day',
    'SELECT 1 FROM triage.day_counts WHERE day = 20833 AND opened >= 1', 1);
SELECT triage_test.expect_count('... and as unassigned (the open-ticket KPI)',
    'SELECT 1 FROM triage.day_counts HAVING sum(unassigned) = ' || (:unassigned0 + 1), 1);
SELECT triage_test.expect_count('ticket_version sum moved on a ticket write',
    'SELECT 1 FROM triage.ticket_version HAVING sum(value) > ' || :version0, 1);
SELECT triage_test.expect_count('ticket_changes filed the ticket at the new version',
    $q$SELECT 1 FROM triage.ticket_changes c WHERE c.ticket_id = 'TKTAAAAA4' AND c.seq = (SELECT sum(value) FROM triage.ticket_version)$q$, 1);
SELECT sum(value) AS version1 FROM triage.ticket_version \gset
INSERT INTO triage.drafts (agent, ticket_id, kind, body, updated_at) VALUES ('alice', 'TKTAAAAA4', 'reply', 'typing…', :t0 + 1001)
    ON CONFLICT (agent, ticket_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at;
SELECT triage_test.expect_count('... and not on a draft save',
    'SELECT 1 FROM triage.ticket_version HAVING sum(value) = ' || :version1, 1);
-- An SLA warning pending for the new ticket: the close below must cancel it.
INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
    VALUES ('sla_warning:TKTAAAAA4:c1|admin-tickets', 'TKTAAAAA4', 'admin-tickets', 'sla_warning:TKTAAAAA4:c1', 'sla_warning', '{}', :t0, :t0);
COMMIT;

-- The runner escalates it (a breach); the requester may not undo that while the ticket is open.
BEGIN;
SELECT triage_test.act_as('worker', NULL, 'triage');
UPDATE triage.tickets SET escalated = true, acknowledged_at = NULL WHERE id = 'TKTAAAAA4';
COMMIT;
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_error('cannot reset the escalation of an open ticket',
    $q$UPDATE triage.tickets SET escalated = false WHERE id = 'TKTAAAAA4'$q$, '42501');
COMMIT;

-- The user closes it (TicketTransitions.close, as TicketRow.update writes it).
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_affected('a requester closes its own ticket',
    $q$UPDATE triage.tickets SET status = 'closed', closed_at = 1800002000, updated_at = 1800002000, resolution = 'fixed',
       awaiting_agent_since = NULL, sla_met = true, queue_rank = NULL, queue_key = NULL WHERE id = 'TKTAAAAA4'$q$, 1);
SELECT triage_test.expect_affected('... and enqueues its closed notice',
    $q$INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at)
       VALUES ('closed:TKTAAAAA4:c1|user', 'TKTAAAAA4', 'user', 'closed:TKTAAAAA4:c1', 'closed', '{}', 1800002000, 1800002000)
       ON CONFLICT DO NOTHING$q$, 1);
SELECT triage_test.expect_affected('... then rates it (upsert needs its SELECT policy)',
    $q$INSERT INTO triage.ratings (ticket_id, user_id, rating, comment, rated_at) VALUES ('TKTAAAAA4', '111', 4, NULL, 1800002100)
       ON CONFLICT (ticket_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, rated_at = excluded.rated_at$q$, 1);
SELECT triage_test.expect_affected('... with its rated event',
    $q$INSERT INTO triage.events (ticket_id, user_id, kind, actor, at, new_value) VALUES ('TKTAAAAA4', '111', 'rated', '111', 1800002100, '4')$q$, 1);
COMMIT;

BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
SELECT triage_test.expect_count('the close is counted (closed, resolved) and unassigned taken back',
    'SELECT 1 FROM triage.day_counts HAVING sum(closed) = ' || (:closed0 + 1) || ' AND sum(resolved) = ' || (:resolved0 + 1)
    || ' AND sum(unassigned) = ' || :unassigned0, 1);
SELECT triage_test.expect_count('the close has its closes row (cycle 1, met, counted, ISO week, seconds)',
    $q$SELECT 1 FROM triage.closes WHERE ticket_id = 'TKTAAAAA4' AND cycle = 1 AND met AND counted
       AND week = (20833 + 3) / 7 AND seconds = 1000$q$, 1);
SELECT triage_test.expect_count('the rating is counted per star',
    'SELECT 1 FROM triage.day_counts HAVING sum(stars_4) = ' || (:stars0 + 1), 1);
SELECT triage_test.expect_count('the close cancelled the pending SLA notice (a requester cannot touch the outbox)',
    $q$SELECT 1 FROM triage.outbox WHERE dedupe_key = 'sla_warning:TKTAAAAA4:c1|admin-tickets' AND status = 'cancelled'$q$, 1);
COMMIT;

-- The user reopens it by replying (TicketTransitions.reply on a closed ticket: a new cycle, escalation reset).
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
SELECT triage_test.expect_affected('a requester reopens its own ticket (a new cycle resets the escalation)',
    $q$UPDATE triage.tickets SET status = 'open', closed_at = NULL, resolution = NULL, escalated = false, acknowledged_at = NULL,
       cycle = 2, cycle_start = 1800003000, updated_at = 1800003000, awaiting_agent_since = 1800003000, sla_met = NULL,
       due_at = 1800003000 + 86400, queue_rank = 0, queue_key = 1800003000 + 86400 WHERE id = 'TKTAAAAA4'$q$, 1);
COMMIT;

BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
SELECT triage_test.expect_count('a reopen counts as reopened (and keeps its close, as the store since v7)',
    'SELECT 1 FROM triage.day_counts HAVING sum(reopened) = ' || (:reopened0 + 1) || ' AND sum(closed) = ' || (:closed0 + 1), 1);
SELECT triage_test.expect_affected('an agent''s first public reply answers the ticket',
    $q$UPDATE triage.tickets SET first_response_at = 1800003600, updated_at = 1800003600, awaiting_agent_since = NULL,
       status = 'waiting', queue_rank = 1 WHERE id = 'TKTAAAAA4'$q$, 1);
SELECT triage_test.expect_count('... a first response: its responses row and count',
    $q$SELECT 1 FROM triage.responses WHERE ticket_id = 'TKTAAAAA4' AND seconds = 2600$q$, 1);
SELECT triage_test.expect_count('... counted once',
    'SELECT 1 FROM triage.day_counts HAVING sum(responses) = ' || (:responses0 + 1), 1);
SELECT triage_test.expect_count('queue_counts equal the queue (open, waiting, critical, unassigned)',
    $q$SELECT 1 FROM (SELECT sum(open) o, sum(waiting) w, sum(critical) c, sum(unassigned) u FROM triage.queue_counts) q,
       (SELECT count(*) FILTER (WHERE queue_rank = 0) o, count(*) FILTER (WHERE queue_rank = 1) w,
               count(*) FILTER (WHERE priority_rank = 0) c, count(*) FILTER (WHERE assignee IS NULL) u
        FROM triage.tickets WHERE queue_rank IS NOT NULL) t
       WHERE (q.o, q.w, q.c, q.u) = (t.o, t.w, t.c, t.u)$q$, 1);
SELECT triage_test.expect_count('queue place for a requester''s ticket counts every requester''s open tickets',
    $q$SELECT 1 WHERE triage.queue_ahead(0, 2000000000, 3, 0, 'TKTZZZZZZ') =
       (SELECT count(*) FROM triage.tickets WHERE queue_rank = 0)$q$, 1);
SELECT triage_test.expect_count('first-response sample through the definer function',
    $q$SELECT 1 FROM triage.first_response_sample(0) s WHERE s.samples = 1 AND s.middle = ARRAY[2600::double precision]$q$, 1);
COMMIT;

-- ---------------------------------------------------------------------------------------------------------------
-- LISTEN/NOTIFY: the committed write notifies its ticket id, the rolled-back one nothing. psql prints
-- `Asynchronous notification "triage_tickets" with payload "…"`: run-rls.sh checks it.
-- ---------------------------------------------------------------------------------------------------------------
LISTEN triage_tickets;
BEGIN;
SELECT triage_test.act_as('user', '111', NULL);
UPDATE triage.tickets SET updated_at = updated_at WHERE id = 'TKTAAAAA1';
COMMIT;
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
UPDATE triage.tickets SET updated_at = updated_at WHERE id = 'TKTBBBBB1';
ROLLBACK;
SELECT 'notify-check-done';
UNLISTEN *;

-- ---------------------------------------------------------------------------------------------------------------
-- Index plans with RLS (design §3.5), as run-rls.sh runs them after this file: 5,000 more tickets (50 requesters,
-- 100 each, a fifth of them closed), ANALYZE, then EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) on
-- PostgreSQL 15.18:
--
-- staff (agent alice), the queue's top 51:
--   SELECT * FROM triage.tickets WHERE queue_rank IS NOT NULL
--   ORDER BY queue_rank, queue_key, priority_rank, created_at, id LIMIT 51
--
--     Limit (actual rows=51 loops=1)
--       ->  Index Scan using tickets_queue on tickets (actual rows=51 loops=1)
--
--   The staff policy USING (true) disappears; the partial index gives the order, 51 rows read.
--
-- requester (user 1007, 100 queued tickets), the same with the store's own scope (TicketStore.scope):
--   SELECT * FROM triage.tickets WHERE user_id = '1007' AND queue_rank IS NOT NULL
--   ORDER BY queue_rank, queue_key, priority_rank, created_at, id LIMIT 51
--
--     Limit (actual rows=51 loops=1)
--       InitPlan 1 (returns $0)
--         ->  Result (actual rows=1 loops=1)
--       ->  Sort (actual rows=51 loops=1)
--             Sort Key: tickets.queue_rank, tickets.queue_key, tickets.priority_rank, tickets.created_at, tickets.id
--             Sort Method: quicksort  Memory: 51kB
--             ->  Result (actual rows=100 loops=1)
--                   One-Time Filter: ($0 = '1007'::text)
--                   ->  Bitmap Heap Scan on tickets (actual rows=100 loops=1)
--                         Recheck Cond: ((user_id = '1007'::text) AND (queue_rank IS NOT NULL))
--                         Heap Blocks: exact=100
--                         ->  Bitmap Index Scan on tickets_user (actual rows=100 loops=1)
--                               Index Cond: ((user_id = '1007'::text) AND (queue_rank IS NOT NULL))
--
--   The policy (user_id = (SELECT triage.uid())) becomes an InitPlan and a one-time filter, never a per-row
--   check; only the user's 100 rows are read, through the user_id index, then top-N sorted. With so few rows per
--   user the planner prefers this bitmap + sort (on tickets_user or tickets_user_queue, same leading columns) to an
--   ordered scan of tickets_user_queue; run-rls.sh asserts a user_id index with that Index Cond, no Seq Scan and no
--   tickets_queue.
-- ---------------------------------------------------------------------------------------------------------------
