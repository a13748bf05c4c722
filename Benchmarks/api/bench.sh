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

load() {
  local name=$1 token=$2 script=$3
  echo
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  TOKEN=$token IDS=$DIR/ids.txt wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "Benchmarks/api/$script" "$URL"
}

load "GET /api/tickets/{id} (agent, thread included)" "$AGENT" read.lua
load "GET /api/tickets?limit=50 (agent, the queue's first page)" "$AGENT" queue.lua
load "POST /api/tickets (bot)" "$SERVICE" create.lua
echo
echo "server: $(grep -c ' 20[01] ' "$DIR/serve.log") successful requests logged, $(grep -c ' 5[0-9][0-9] ' "$DIR/serve.log" || true) server errors"
