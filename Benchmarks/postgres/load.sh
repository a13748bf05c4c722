#!/usr/bin/env bash
# Loads a seeded SQLite store into a PostgreSQL database for the PostgreSQL figures: the same tickets, messages,
# events, tags and ratings, so the two backends are measured on the same data.
#
#   eval "$(scripts/pg-throwaway.sh start)"          # or any server: PGHOST, PGPORT, PGUSER (a superuser)
#   bash Benchmarks/postgres/load.sh [bench-data/store-1M.sqlite] [triage_bench]
#
# The schema comes from `triage db migrate`; rows are copied with triggers and foreign-key checks off
# (session_replication_role = replica: a superuser's bulk load), then ANALYZE. The weekly stats' history (day counts,
# closes, first responses) is copied from the SQLite store; the header's queue counts are counted once.
set -euo pipefail
cd "$(dirname "$0")/../.."
SQLITE=${1:-bench-data/store-1M.sqlite}
DB=${2:-triage_bench}
TRIAGE=${TRIAGE:-.build-release/release/triage}
[ -x "$TRIAGE" ] || TRIAGE=.build/debug/triage
[ -f "$SQLITE" ] || { echo "no store at $SQLITE (bash Benchmarks/run.sh seeds it)" >&2; exit 66; }
: "${PGHOST:?set PGHOST (scripts/pg-throwaway.sh start prints it)}" "${PGPORT:?set PGPORT}"
SUPER=${PGUSER:-postgres}
if [[ $PGHOST == /* ]]; then ADDRESS="postgres://$SUPER@/$DB?host=$PGHOST&port=$PGPORT"; else ADDRESS="postgres://$SUPER@$PGHOST:$PGPORT/$DB"; fi

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
"$TRIAGE" --db "$ADDRESS" db migrate

copy() {  # table, PostgreSQL columns, SQLite query
  local started=$SECONDS
  sqlite3 -csv "$SQLITE" "$3" | psql -X -q -v ON_ERROR_STOP=1 -d "$DB" \
    -c "SET session_replication_role = replica" -c "\\copy triage.$1 ($2) FROM pstdin WITH (FORMAT csv)"
  echo "$1: $(psql -X -Atq -d "$DB" -c "SELECT count(*) FROM triage.$1") rows in $((SECONDS - started)) s"
}
TICKET_COLUMNS="id, user_id, subject, description, category, priority, priority_rank, status, assignee, escalated, acknowledged_at, resolution, created_at, updated_at, closed_at, first_response_at, awaiting_agent_since, sla_hours, sla_rule, cycle_start, cycle, paused_seconds, paused_at, due_at, sla_met, queue_rank, queue_key"
copy tickets "$TICKET_COLUMNS" "SELECT $TICKET_COLUMNS FROM tickets"
copy messages "ticket_id, user_id, author_kind, author, body, internal, created_at" \
  "SELECT m.ticket_id, t.user_id, m.author_kind, m.author, m.body, m.internal, m.created_at FROM messages m JOIN tickets t ON t.id = m.ticket_id ORDER BY m.id"
copy events "ticket_id, user_id, kind, actor, at, old_value, new_value" \
  "SELECT e.ticket_id, t.user_id, e.kind, e.actor, e.at, e.old_value, e.new_value FROM events e JOIN tickets t ON t.id = e.ticket_id ORDER BY e.id"
copy tags "ticket_id, user_id, tag" "SELECT g.ticket_id, t.user_id, g.tag FROM tags g JOIN tickets t ON t.id = g.ticket_id"
copy ratings "ticket_id, user_id, rating, comment, rated_at" \
  "SELECT r.ticket_id, t.user_id, r.rating, r.comment, r.rated_at FROM ratings r JOIN tickets t ON t.id = r.ticket_id"
# The history the weekly stats read (written by triggers on PostgreSQL, which a bulk load does not fire).
DAY_COLUMNS=$(sqlite3 "$SQLITE" "SELECT group_concat(name, ', ') FROM pragma_table_info('day_counts')")
copy day_counts "$DAY_COLUMNS" "SELECT $DAY_COLUMNS FROM day_counts"
copy closes "ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted, week, seconds" \
  "SELECT ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted, week, seconds FROM closes"
copy responses "ticket_id, responded_at, week, seconds" "SELECT ticket_id, responded_at, week, seconds FROM responses"
# The console header's counts, kept by the tickets' trigger for live writes: counted once here (on stripe 0).
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
UPDATE triage.queue_counts SET open = 0, waiting = 0, critical = 0, unassigned = 0;
UPDATE triage.queue_counts q SET open = c.open, waiting = c.waiting, critical = c.critical, unassigned = c.unassigned
FROM (SELECT count(*) FILTER (WHERE queue_rank = 0) AS open, count(*) FILTER (WHERE queue_rank = 1) AS waiting,
             count(*) FILTER (WHERE queue_rank IS NOT NULL AND priority_rank = 0) AS critical,
             count(*) FILTER (WHERE queue_rank IS NOT NULL AND assignee IS NULL) AS unassigned
      FROM triage.tickets) c
WHERE q.stripe = 0;
SQL
psql -X -q -d "$DB" -c "ANALYZE"
echo "loaded $SQLITE into $DB"
