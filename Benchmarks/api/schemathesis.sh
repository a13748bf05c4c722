#!/usr/bin/env bash
# The server against its own OpenAPI document: schemathesis (pip install schemathesis) with every check and every
# phase (examples, coverage, fuzzing, stateful), once with an agent token and once with the bot's service token, each
# against the document for its role (`/api/openapi.yaml?role=…`), on a small seeded store. Exits non-zero on any failure.
#
#   bash Benchmarks/api/schemathesis.sh        # EXAMPLES=50 PORT=8091
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v schemathesis >/dev/null || { echo "$0: needs schemathesis (pip install schemathesis)" >&2; exit 1; }
EXAMPLES=${EXAMPLES:-50}
PORT=${PORT:-8091}
DIR=bench-data/schemathesis
mkdir -p "$DIR"
swift build --product triage >&2
BIN=.build/debug/triage
DB=$DIR/store.sqlite
rm -f "$DB" "$DB"-*
"$BIN" --db "$DB" seed --tickets 300 --weeks 2 --seed 3 >&2
token() { "$BIN" --db "$DB" --as bench token create --name "$2" --role "$1" | grep -o 'trg_[A-Za-z0-9_-]*' | head -1; }
AGENT=$(token agent st-agent)
SERVICE=$(token service st-bot)
"$BIN" --db "$DB" serve --port "$PORT" --no-automation >"$DIR/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done

status=0
for who in agent service; do
  token=$AGENT act_for=; [ "$who" = service ] && token=$SERVICE act_for=123456789012345678
  echo "== schemathesis as the $who token, on the document for that role" >&2
  # The token through the document's own security scheme (`bearer`), so that schemathesis knows the credential and
  # takes it away when it checks that a request without one is refused.
  printf '[auth.openapi.bearer]\nbearer = "%s"\n' "$token" >"$DIR/$who.toml"
  ST_ACT_FOR=$act_for SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH=Benchmarks/api schemathesis \
    --config-file "$DIR/$who.toml" run \
    "http://127.0.0.1:$PORT/api/openapi.yaml?role=$who" --checks all -n "$EXAMPLES" --workers 2 || status=1
done
echo "server errors logged: $(grep -c ' 5[0-9][0-9] ' "$DIR/serve.log" || true)" >&2
exit $status
