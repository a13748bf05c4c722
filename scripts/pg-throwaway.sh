#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests (docs: design note postgres.md §7.1).
#
#   eval "$(scripts/pg-throwaway.sh start)"        # prints: export TRIAGE_PG_DIR=… PGHOST=… PGPORT=… PGUSER=postgres PGDATABASE=postgres
#   …psql, swift test…
#   scripts/pg-throwaway.sh stop "$TRIAGE_PG_DIR"
#
# The cluster lives in a fresh temporary folder (data, log and Unix socket), listens on 127.0.0.1 and on the socket
# only, on a random port in 20000–39999 (retried when taken), with trust authentication and durability off (fsync,
# synchronous_commit, full_page_writes): fast and disposable, never for real data.
#
# As root, initdb and pg_ctl run as the `postgres` system user (initdb refuses root) through runuser; as any other
# user they run as that user. PGBIN defaults to the newest /usr/lib/postgresql/*/bin; RUNAS to postgres; PORT may be
# forced.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
RUNAS=${RUNAS:-postgres}
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "pg-throwaway: no PostgreSQL server binaries (set PGBIN)" >&2; exit 69; }

as_server() { if [ "$(id -u)" = 0 ]; then runuser -u "$RUNAS" -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/triage-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then chown "$RUNAS" "$DIR"; fi
  if ! as_server "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$DIR/initdb.log" 2>&1; then
    echo "pg-throwaway: initdb failed:" >&2; cat "$DIR/initdb.log" >&2; rm -rf "$DIR"; exit 1
  fi
  started=
  for attempt in 1 2 3 4 5; do
    PORT=${PORT:-$(( 20000 + (RANDOM * 32768 + RANDOM) % 20000 ))}
    if as_server "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
        -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      started=1; break
    fi
    unset PORT   # taken (or another failure): try another port
  done
  if [ -z "$started" ]; then
    echo "pg-throwaway: the server did not start:" >&2; tail -20 "$DIR/server.log" >&2 || true; rm -rf "$DIR"; exit 1
  fi
  echo "export TRIAGE_PG_DIR=$DIR PGHOST=$DIR PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres"
  ;;
stop)
  DIR=${2:?usage: $0 stop DIR}
  # Only ever remove a folder this script made.
  case "$(basename "$DIR")" in triage-pg.*) ;; *) echo "pg-throwaway: $DIR is not a throwaway server folder" >&2; exit 64 ;; esac
  if [ -f "$DIR/data/PG_VERSION" ]; then
    as_server "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2; exit 64 ;;
esac
