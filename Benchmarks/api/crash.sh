#!/usr/bin/env bash
# Durability under a crash: `kill -9` the server during a create load, restart it, and check that every ticket whose
# creation was answered 201 is in the store (and readable through the API), and that the store is intact.
#
#   bash Benchmarks/api/crash.sh            # KILL_AFTER=3 (seconds into the load) CONNECTIONS=64 PORT=8090
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/api/common.sh
KILL_AFTER=${KILL_AFTER:-3}
CONNECTIONS=${CONNECTIONS:-64}

build
DB=$DIR/crash.sqlite
fresh_store "$DB"
SERVICE=$(token "$DB" service crash-bot)
AGENT=$(token "$DB" agent crash-agent)
rm -f "$DIR/crash.log" "$DIR"/answered.*
start_server "$DB" "$DIR/crash.log"

# wrk writes the id of every 201 it receives (create.lua, IDS_FILE) and keeps going after the server dies.
TOKEN=$SERVICE IDS_FILE=$DIR/answered wrk -t1 -c"$CONNECTIONS" -d$((KILL_AFTER + 2))s -s Benchmarks/api/create.lua "$URL" \
  >"$DIR/crash-wrk.log" 2>&1 &
LOAD=$!
sleep "$KILL_AFTER"
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null || true
echo "killed the server (kill -9) ${KILL_AFTER}s into the create load"
wait "$LOAD" || true
cat "$DIR"/answered.* | sort -u >"$DIR/answered.txt"

start_server "$DB" "$DIR/crash.log"
trap 'kill $SERVER 2>/dev/null || true' EXIT
python3 - "$DB" "$DIR/answered.txt" "$URL" "$AGENT" <<'PY'
import http.client, sqlite3, sys, urllib.parse
db, answered_file, url, token = sys.argv[1:]
answered = [line.strip() for line in open(answered_file) if line.strip()]
con = sqlite3.connect(db)
integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
stored = {row[0] for row in con.execute("SELECT id FROM tickets")}
missing = [i for i in answered if i not in stored]
host = urllib.parse.urlparse(url)
http = http.client.HTTPConnection(host.hostname, host.port)
unreadable = 0
for ticket in answered:
    http.request("GET", f"/api/tickets/{ticket}", headers={"Authorization": f"Bearer {token}"})
    response = http.getresponse()
    response.read()
    unreadable += response.status != 200
print(f"answered 201: {len(answered)}; in the store after restart: {len(answered) - len(missing)}; "
      f"missing: {len(missing)}; unreadable through the API: {unreadable}")
print(f"committed but never answered (in flight at the kill): {len(stored) - len(answered) + len(missing)}")
print(f"integrity_check: {integrity}")
sys.exit(1 if missing or unreadable or integrity != "ok" or not answered else 0)
PY
