#!/usr/bin/env bash
# The HTTP API on PostgreSQL beside SQLite (docs/PERFORMANCE.md, "PostgreSQL: the API"): the same seeded tickets,
# the same wrk scripts as bench.sh, against (1) one `triage serve` on the SQLite file, (2) one on PostgreSQL,
# (3) two on the same PostgreSQL database, each taking half the connections (two wrk at once, figures summed).
#
#   eval "$(scripts/pg-throwaway.sh start)"          # or any server: PGHOST, PGPORT, PGUSER (a superuser)
#   bash Benchmarks/api/two-servers.sh               # TICKETS=100000 DURATION=15s CONNECTIONS=64
#
# Everything runs on this machine: the servers, PostgreSQL and wrk share its cores, so (3) shows two servers
# working on one database, not what a second machine would add.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/api/common.sh
TICKETS=${TICKETS:-100000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
: "${PGHOST:?set PGHOST (scripts/pg-throwaway.sh start prints it)}" "${PGPORT:?set PGPORT}"
need psql postgresql-client
need sqlite3 sqlite3

build
SQLITE=$DIR/two-servers.sqlite
PGDB=triage_api_bench
echo "seeding $TICKETS tickets…" >&2
fresh_store "$SQLITE" "$TICKETS"
TRIAGE=$BIN bash Benchmarks/postgres/load.sh "$SQLITE" "$PGDB" >&2
if [[ $PGHOST == /* ]]; then PG="postgres://triage_app@/$PGDB?host=$PGHOST&port=$PGPORT"; else PG="postgres://triage_app@$PGHOST:$PGPORT/$PGDB"; fi

SERVERS=()
trap 'kill "${SERVERS[@]}" 2>/dev/null || true' EXIT
# serve DB PORT: a server in the background, ready when /api/health answers.
serve() {
  "$BIN" serve --db "$1" --port "$2" --no-automation >>"$DIR/two-servers.log" 2>&1 &
  SERVERS+=($!)
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$2/api/health" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "$0: the server on $2 did not start; see $DIR/two-servers.log" >&2
  exit 1
}
stop() { kill "${SERVERS[@]}" 2>/dev/null || true; wait "${SERVERS[@]}" 2>/dev/null || true; SERVERS=(); }

# ids DB TOKEN PORT: the first 500 tickets of the queue, and a requester with open tickets.
ids() {
  curl -sf "http://127.0.0.1:$3/api/tickets?limit=500" -H "Authorization: Bearer $2" \
    | python3 -c 'import json, sys; print("\n".join(t["ticket_id"] for t in json.load(sys.stdin)["tickets"]))' >"$DIR/ids-$1.txt"
  curl -sf "http://127.0.0.1:$3/api/tickets/$(head -1 "$DIR/ids-$1.txt")" -H "Authorization: Bearer $2" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["user_id"])' >"$DIR/requester-$1.txt"
}

# run LABEL SCRIPT TOKEN IDSFILE QUERY PORT...: wrk on each port at once, CONNECTIONS split between them; prints
# the summed requests/s, the worst p50 and p99, and the errors.
run() {
  local label=$1 script=$2 token=$3 ids=$4 query=$5
  shift 5
  local per=$((CONNECTIONS / $#)) n=0 pids=()
  for port in "$@"; do
    TOKEN=$token IDS=$ids QUERY=$query wrk -t1 -c"$per" -d"$DURATION" --latency -s "Benchmarks/api/$script" \
      "http://127.0.0.1:$port" >"$DIR/wrk-$n.txt" 2>&1 &
    pids+=($!)
    n=$((n + 1))
  done
  wait "${pids[@]}"
  cat "$DIR"/wrk-*.txt | awk -v label="$label" '
    /Requests\/sec/ { rps += $2 }
    /^ +50%/ { if ($2 + 0 > p50 + 0 || p50 == "") p50 = $2 }
    /^ +99%/ { if ($2 + 0 > p99 + 0 || p99 == "") p99 = $2 }
    /Non-2xx|Socket errors/ { errors = errors " " $0 }
    END { printf "%-58s %9.0f req/s   p50 %-9s p99 %-9s%s\n", label, rps, p50, p99, errors }'
  rm -f "$DIR"/wrk-*.txt
}

scenarios() {  # NAME DB-KEY AGENT SERVICE PORT...
  local name=$1 key=$2 agent=$3 service=$4
  shift 4
  run "$name: GET /api/tickets/{id} (agent)" read.lua "$agent" "$DIR/ids-$key.txt" "" "$@"
  run "$name: GET /api/tickets?user_id=… (bot)" queue.lua "$service" "$DIR/ids-$key.txt" "user_id=$(cat "$DIR/requester-$key.txt")" "$@"
  run "$name: GET /api/tickets?limit=50 (agent)" queue.lua "$agent" "$DIR/ids-$key.txt" "limit=50" "$@"
  run "$name: POST /api/tickets (bot)" create.lua "$service" "$DIR/ids-$key.txt" "" "$@"
}

echo "== $(date -u +%FT%TZ), $TICKETS tickets, $CONNECTIONS connections, $DURATION each, $(nproc) cores"
rm -f "$DIR/two-servers.log"
SQ_AGENT=$(token "$SQLITE" agent bench-agent)
SQ_SERVICE=$(token "$SQLITE" service bench-bot)
serve "$SQLITE" 8090
ids sqlite "$SQ_AGENT" 8090
scenarios "SQLite, one server" sqlite "$SQ_AGENT" "$SQ_SERVICE" 8090
stop

PG_AGENT=$(token "$PG" agent bench-agent)
PG_SERVICE=$(token "$PG" service bench-bot)
serve "$PG" 8091
ids pg "$PG_AGENT" 8091
scenarios "PostgreSQL, one server" pg "$PG_AGENT" "$PG_SERVICE" 8091
serve "$PG" 8092
scenarios "PostgreSQL, two servers" pg "$PG_AGENT" "$PG_SERVICE" 8091 8092
stop
echo "server errors logged: $(grep -c ' 5[0-9][0-9] ' "$DIR/two-servers.log" || true)"
