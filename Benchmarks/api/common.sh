# Shared by bench.sh and crash.sh: build the release binary, make a store and tokens, start and stop the server.
# BUILD_PATH: another build folder (a release build beside the debug one in .build).
BUILD_PATH=${BUILD_PATH:-.build}
BIN=$BUILD_PATH/release/triage
PORT=${PORT:-8090}
URL=http://127.0.0.1:$PORT
DIR=bench-data/api
mkdir -p "$DIR"

need() { command -v "$1" >/dev/null || { echo "$0: needs $1 (Debian: apt-get install $2)" >&2; exit 1; }; }
need wrk wrk
need curl curl
need python3 python3

build() { swift build -c release --product triage --build-path "$BUILD_PATH" >&2; }

# fresh_store PATH [TICKETS]: a new store, seeded with TICKETS tickets if given.
fresh_store() {
  rm -f "$1" "$1"-*
  if [ -n "${2:-}" ]; then "$BIN" --db "$1" seed --tickets "$2" --weeks 12 --seed 7 >&2; fi
}

# token DB ROLE NAME: creates a token and prints its secret.
token() {
  "$BIN" --db "$1" --as bench token create --role "$2" --name "$3" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# start_server DB LOG: starts `triage serve` in the background (SERVER = its pid) and waits for /api/health.
start_server() {
  "$BIN" serve --db "$1" --port "$PORT" ${SERVE_ARGS:-} >>"$2" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 200); do
    curl -sf "$URL/api/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "$0: the server did not start; see $2" >&2
  exit 1
}
