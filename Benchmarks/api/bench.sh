#!/usr/bin/env bash
# The HTTP API under load (docs/PERFORMANCE.md, "HTTP API"): wrk with 64 connections against `triage serve` (release)
# on a seeded store — a ticket by id, the queue's first page, and ticket creation by the bot.
#
#   bash Benchmarks/api/bench.sh            # TICKETS=100000 DURATION=20s CONNECTIONS=64 THREADS=1 PORT=8090
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/api/common.sh
TICKETS=${TICKETS:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}

build
DB=$DIR/bench.sqlite
echo "seeding $TICKETS tickets…" >&2
fresh_store "$DB" "$TICKETS"
AGENT=$(token "$DB" agent bench-agent)
SERVICE=$(token "$DB" service bench-bot)
rm -f "$DIR/serve.log"
start_server "$DB" "$DIR/serve.log"
trap 'kill $SERVER 2>/dev/null || true' EXIT

# The ids to read: the first 500 tickets of the queue.
curl -sf "$URL/api/tickets?limit=500" -H "Authorization: Bearer $AGENT" \
  | python3 -c 'import json, sys; print("\n".join(t["ticket_id"] for t in json.load(sys.stdin)["tickets"]))' >"$DIR/ids.txt"

# A requester with open tickets, for the bot's per-user list.
REQUESTER=$(curl -sf "$URL/api/tickets/$(head -1 "$DIR/ids.txt")" -H "Authorization: Bearer $AGENT" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["user_id"])')

# CPU time in clock ticks: the whole machine's busy time, and the server's.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
served() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }

load() {
  local name=$1 token=$2 script=$3 query=${4:-}
  echo
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  local busy0 served0 start
  busy0=$(busy) served0=$(served) start=$(date +%s.%N)
  TOKEN=$token IDS=$DIR/ids.txt QUERY=$query wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s "Benchmarks/api/$script" "$URL"
  # Whatever else ran on the machine meanwhile shows as busy time that is neither the server's nor wrk's (~0.1 core).
  awk -v b="$(( $(busy) - busy0 ))" -v s="$(( $(served) - served0 ))" -v t0="$start" -v t1="$(date +%s.%N)" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { t = t1 - t0
      printf "CPU: machine %.2f cores busy, triage serve %.2f, wrk and others %.2f\n", b/hz/t, s/hz/t, (b-s)/hz/t }'
}

load "GET /api/tickets/{id} (agent, thread included)" "$AGENT" read.lua
load "GET /api/tickets?user_id=… (bot: one user's tickets)" "$SERVICE" queue.lua "user_id=$REQUESTER"
load "GET /api/tickets?limit=50 (agent: the queue's first page, 50 full tickets)" "$AGENT" queue.lua "limit=50"
load "POST /api/tickets (bot)" "$SERVICE" create.lua
echo
echo "server: $(grep -c ' 20[01] ' "$DIR/serve.log") successful requests logged, $(grep -c ' 5[0-9][0-9] ' "$DIR/serve.log" || true) server errors"
