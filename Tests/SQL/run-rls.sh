#!/usr/bin/env bash
# The PostgreSQL row-level security suite: schema v1 on a real server, asserted as the servers' login role.
#
#   Tests/SQL/run-rls.sh                      # a throwaway server (scripts/pg-throwaway.sh), stopped at the end
#   TRIAGE_PG_REUSE=1 PGHOST=… PGPORT=… [PGUSER=superuser] Tests/SQL/run-rls.sh   # an existing server
#
# Steps: database triage_rls (dropped and created again), roles.sql and v1.sql as the superuser (v1 in one
# transaction), rls_helpers.sql, then rls_tests.sql AS triage_app; then what needs more than one session or more
# data: the LISTEN output of rls_tests.sql, two concurrent outbox claimers (FOR UPDATE SKIP LOCKED), and the queue's
# index plans as staff and as a requester over 5,000 tickets. Prints every `ok` and `N RLS assertions passed`; exits
# non-zero on the first failure. Works as root (the server runs as `postgres`) and as any user; with an existing
# server, triage_app must be able to connect without a password prompt (trust, or PGPASSFILE).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$PGBIN" ] && export PATH="$PGBIN:$PATH"   # psql of the same version, when the client is not on PATH
SQL_DIR=$ROOT/Sources/TriagePostgres/SQL
TEST_DIR=$ROOT/Tests/SQL
DB=${TRIAGE_RLS_DB:-triage_rls}
STARTED_DIR=

cleanup() {
  local status=$?
  [ -n "${A_PID:-}" ] && kill "$A_PID" 2>/dev/null || true
  [ -n "${GATE_PID:-}" ] && kill "$GATE_PID" 2>/dev/null || true
  [ -n "$STARTED_DIR" ] && "$ROOT/scripts/pg-throwaway.sh" stop "$STARTED_DIR"
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

if [ "${TRIAGE_PG_REUSE:-}" = 1 ] && [ -n "${PGHOST:-}" ] && [ -n "${PGPORT:-}" ]; then
  echo "using the server at $PGHOST:$PGPORT"
else
  eval "$("$ROOT/scripts/pg-throwaway.sh" start)"
  STARTED_DIR=$TRIAGE_PG_DIR
  echo "throwaway server at $PGHOST:$PGPORT"
fi
SUPERUSER=${PGUSER:-postgres}
export PGHOST PGPORT
unset PGDATABASE
WORK=$(mktemp -d "${TMPDIR:-/tmp}/triage-rls.XXXXXX")
PASSED=0

fail() { echo "FAIL $*" >&2; exit 1; }
ok() { echo "ok   $*"; PASSED=$((PASSED + 1)); }
as_super() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -U "$SUPERUSER" "$@"; }
as_app() { psql -X -q -At -v ON_ERROR_STOP=1 -U triage_app -d "$DB" "$@"; }

# --- schema ---------------------------------------------------------------------------------------------------
as_super -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
as_super -d "$DB" -f "$SQL_DIR/roles.sql" >/dev/null
as_super -d "$DB" --single-transaction -f "$SQL_DIR/v1.sql" >/dev/null
as_super -d "$DB" -f "$TEST_DIR/rls_helpers.sql" >/dev/null 2>&1 || as_super -d "$DB" -f "$TEST_DIR/rls_helpers.sql"
echo "schema v1 loaded into $DB"

# --- the suite, as the login role -----------------------------------------------------------------------------
if ! as_app -f "$TEST_DIR/rls_tests.sql" >"$WORK/tests.out" 2>"$WORK/tests.err"; then
  grep -h 'ok   ' "$WORK/tests.err" | sed 's/^.*NOTICE:  //' || true
  echo "--- rls_tests.sql failed:" >&2; grep -v 'NOTICE:  ok   ' "$WORK/tests.err" | tail -20 >&2
  exit 1
fi
while IFS= read -r line; do echo "$line"; PASSED=$((PASSED + 1)); done \
  < <(grep -h 'NOTICE:  ok   ' "$WORK/tests.err" | sed 's/^.*NOTICE:  //')
grep -q '^notify-check-done$' "$WORK/tests.out" || fail "rls_tests.sql did not reach its end"

# --- LISTEN/NOTIFY: what psql received while rls_tests.sql listened ------------------------------------------------
notes=$(grep -c '^Asynchronous notification "triage_tickets" with payload "TKTAAAAA1"' "$WORK/tests.out" || true)
[ "$notes" = 1 ] || fail "NOTIFY: expected one notification for TKTAAAAA1, got $notes"
ok "NOTIFY: the committed requester write notified its ticket id (TKTAAAAA1) once, at commit"
if grep -q '^Asynchronous notification.*payload "TKTBBBBB1"' "$WORK/tests.out"; then
  fail "NOTIFY: the rolled-back write notified TKTBBBBB1"
fi
ok "NOTIFY: the rolled-back write notified nothing"

# --- two concurrent claimers (design §5) -----------------------------------------------------------------------
as_app >/dev/null <<'SQL'
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
INSERT INTO triage.outbox (dedupe_key, target, cause, kind, payload, created_at, next_attempt_at)
SELECT 'digest:claim:' || i || '|log', 'log', 'digest:claim:' || i, 'weekly_report', '{}', 1800000000, 1800000000 + i
FROM generate_series(1, 8) AS i;
COMMIT;
SQL
claim_sql() {  # $1 owner, $2 what to run while holding the claim
  cat <<SQL
BEGIN;
SET LOCAL lock_timeout = '30s';
SELECT triage_test.act_as('worker', NULL, '$1');
WITH due AS (SELECT id FROM triage.outbox WHERE status = 'pending' AND target = 'log' AND next_attempt_at <= 1900000000
             ORDER BY next_attempt_at, id LIMIT 4 FOR UPDATE SKIP LOCKED),
     claimed AS (UPDATE triage.outbox o SET status = 'sending', lease_owner = '$1', lease_until = 1900000020
                 FROM due WHERE o.id = due.id RETURNING o.id)
SELECT 'claimed:' || string_agg(id::text, ',' ORDER BY id) FROM claimed;
$2
COMMIT;
SQL
}
# A gate the script holds (an advisory lock in a session of its own): claimer A claims, then waits at the gate, so its
# rows stay locked until B is done; every step waits for what it needs (a line on a FIFO), never for a set time.
mkfifo "$WORK/gate.in" "$WORK/gate.out" "$WORK/claim-a.fifo"
as_super -d "$DB" -At <"$WORK/gate.in" >"$WORK/gate.out" 2>&1 &
GATE_PID=$!
exec 5>"$WORK/gate.in" 6<"$WORK/gate.out"
printf "SELECT pg_advisory_lock(7700);\nSELECT 'gate:locked';\n" >&5
while read -r line <&6; do [ "$line" = gate:locked ] && break; done
[ "$line" = gate:locked ] || fail "the gate session did not take its lock"
claim_sql w1 "SELECT pg_advisory_lock_shared(7700);" | as_app >"$WORK/claim-a.fifo" 2>&1 &
A_PID=$!
exec 7<"$WORK/claim-a.fifo"
a_ids=
while read -r line <&7; do case $line in claimed:*) a_ids=${line#claimed:}; break ;; esac; done
[ -n "$a_ids" ] || fail "claimer A claimed nothing"
# B claims while A holds its rows: SKIP LOCKED passes them by (were it to wait, its lock_timeout would fail it)
claim_sql w2 "SELECT 1;" | as_app >"$WORK/claim-b.out" 2>&1 || fail "claimer B: $(cat "$WORK/claim-b.out")"
b_ids=$(sed -n 's/^claimed://p' "$WORK/claim-b.out")
# Open the gate: A commits
printf "SELECT pg_advisory_unlock(7700);\n" >&5
exec 5>&-
wait "$GATE_PID" || fail "the gate session failed"
GATE_PID=
cat <&7 >"$WORK/claim-a.rest"
exec 6<&- 7<&-
wait "$A_PID" || fail "claimer A: $(cat "$WORK/claim-a.rest")"
A_PID=
[ -n "$b_ids" ] || fail "SKIP LOCKED: claimer B got nothing (A: '$a_ids')"
common=$(comm -12 <(tr , '\n' <<<"$a_ids" | sort) <(tr , '\n' <<<"$b_ids" | sort))
[ -z "$common" ] || fail "SKIP LOCKED: both claimers got $common"
ok "SKIP LOCKED: two concurrent workers claimed disjoint outbox rows (A: $a_ids; B: $b_ids)"
ok "SKIP LOCKED: the second claimer did not wait for the first (it finished while A still held its rows)"

# --- index plans with RLS over 5,000 tickets (design §3.5) ---------------------------------------------------------
as_app >/dev/null <<'SQL'
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
INSERT INTO triage.tickets
SELECT (triage_test.ticket_row('TKTX' || lpad(i::text, 5, '0'), (1000 + i % 50)::text,
        (ARRAY['critical', 'high', 'medium', 'low'])[1 + i % 4], 'general', 1800000000 + i * 37)).*
FROM generate_series(1, 5000) AS i;
UPDATE triage.tickets SET status = 'closed', closed_at = created_at + 600, updated_at = created_at + 600,
    queue_rank = NULL, queue_key = NULL WHERE id LIKE 'TKTX%' AND right(id, 1) IN ('0', '5');
COMMIT;
SQL
as_super -d "$DB" -c "ANALYZE triage.tickets" >/dev/null
QUEUE="ORDER BY queue_rank, queue_key, priority_rank, created_at, id LIMIT 51"
as_app >"$WORK/plan-staff.out" <<SQL
BEGIN;
SELECT triage_test.act_as('agent', NULL, 'alice');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM triage.tickets WHERE queue_rank IS NOT NULL $QUEUE;
COMMIT;
SQL
as_app >"$WORK/plan-user.out" <<SQL
BEGIN;
SELECT triage_test.act_as('user', '1007', NULL);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  SELECT * FROM triage.tickets WHERE user_id = '1007' AND queue_rank IS NOT NULL $QUEUE;
COMMIT;
SQL
sed -i '/^$/d' "$WORK/plan-staff.out" "$WORK/plan-user.out"
echo "staff queue plan:"; sed 's/^/    /' "$WORK/plan-staff.out"
grep -q 'Index Scan using tickets_queue on tickets' "$WORK/plan-staff.out" || fail "staff queue does not use tickets_queue"
ok "staff queue top 51 is an index scan of tickets_queue (the USING (true) policy adds no filter)"
echo "requester queue plan:"; sed 's/^/    /' "$WORK/plan-user.out"
# The user's rows are found through an index on user_id (tickets_user_queue, or SQLite's tickets_user with the same
# leading columns): which one, and whether a top-N sort follows, is the planner's call by the user's ticket count.
grep -Eq 'Index (Only )?Scan (using|on) tickets_user(_queue)? ' "$WORK/plan-user.out" \
  && grep -q "Index Cond: ((user_id = '1007'::text) AND (queue_rank IS NOT NULL))" "$WORK/plan-user.out" \
  && ! grep -Eq 'Seq Scan|tickets_queue ' "$WORK/plan-user.out" \
  || fail "requester queue is not served by a user_id index"
ok "requester queue top 51 is served by a user_id index (the policy is a one-time filter, no per-row check)"
n_user=$(as_app <<'SQL' | grep -v '^$'
BEGIN;
SELECT triage_test.act_as('user', '1007', NULL);
SELECT count(*) FROM triage.tickets;
COMMIT;
SQL
)
[ "$n_user" = 100 ] || fail "user 1007 should see its 100 tickets of 5,000, saw $n_user"
ok "over 5,000 tickets a requester still sees only its own 100"

[ "$PASSED" -ge 40 ] || fail "only $PASSED assertions ran (expected at least 40)"
echo "$PASSED RLS assertions passed"
