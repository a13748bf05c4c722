#!/usr/bin/env bash
# The store benchmark, end to end (docs/PERFORMANCE.md): seeds the 10k, 100k and 1M stores in bench-data/ if they
# are missing, with the triage CLI built in release (timing each seed), prints the SQLite plan of the queue query,
# then runs the StoreBenchmarks suite (a separate package in Benchmarks/, which the main package's `swift test` never
# builds).
#
#   bash Benchmarks/run.sh                      # everything
#   bash Benchmarks/run.sh --filter '10k.*'     # arguments after the script go to `swift package benchmark`
#   SIZES="10k 100k" bash Benchmarks/run.sh     # seed only these sizes (the missing ones are skipped by the suite)
#   TRIAGE_BIN=/path/to/triage bash Benchmarks/run.sh   # seed with this binary instead of building one
#
# Needs about 2.3 GB of disk for the stores, and 2 GB more while the 1M creation benchmarks run on their scratch copy.
# Under 2 minutes once the stores exist (2 cores); seeding them adds about 75 s. Results: bench-data/results-*.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="$root/bench-data"
sizes="${SIZES:-10k 100k 1m}"
mkdir -p "$data"

tickets_for() {
    case "$1" in
        10k) echo 10000 ;;
        100k) echo 100000 ;;
        1m) echo 1000000 ;;
        *) echo "run.sh: unknown size '$1' (10k, 100k or 1m)" >&2; exit 2 ;;
    esac
}

# The CLI seeds the stores: built in release when a store is missing, unless TRIAGE_BIN names a triage binary.
triage="${TRIAGE_BIN:-}"
ensure_triage() {
    [[ -n "$triage" ]] && return
    echo "== Building the triage CLI (release)"
    swift build -c release --product triage
    triage="$root/.build/release/triage"
}

echo "== Stores"
seed_report=()
for size in $sizes; do
    count="$(tickets_for "$size")"
    store="$data/store-$size.sqlite"
    if [[ -s "$store" ]]; then
        have=""
        if command -v sqlite3 > /dev/null; then have="$(sqlite3 -readonly "$store" 'SELECT COUNT(*) FROM tickets' 2> /dev/null || true)"; fi
        if [[ -n "$have" && "$have" != "$count" ]]; then
            echo "warning: $store holds $have tickets, not $count: delete it to seed it again" >&2
        fi
        echo "$store exists${have:+ ($have tickets)}: not seeded again (delete it to measure seeding)"
        seed_report+=("$(printf '%-5s %9s  %10s  %14s' "$size" "$count" "-" "(existing)")")
        continue
    fi
    # Seed under a temporary name, so that an interrupted seed never passes for a complete store.
    partial="$data/.seeding-$size.sqlite"
    rm -f "$partial" "$partial-wal" "$partial-shm" "$store-wal" "$store-shm"
    ensure_triage
    echo "Seeding $count tickets over 52 weeks into $store …"
    start=$(date +%s.%N)
    "$triage" --db "$partial" seed --tickets "$count" --weeks 52 --seed 1
    end=$(date +%s.%N)
    # The store goes with its WAL if the seeding process left one that is not empty (it checkpoints at the end).
    if [[ -s "$partial-wal" ]]; then mv "$partial-wal" "$store-wal"; else rm -f "$partial-wal"; fi
    rm -f "$partial-shm"
    mv "$partial" "$store"
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    rate=$(awk -v n="$count" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
    echo "Seeded $size in ${seconds}s (${rate} tickets/s, whole process)"
    seed_report+=("$(printf '%-5s %9s  %9ss  %10s/s' "$size" "$count" "$seconds" "$rate")")
done

echo
echo "== Seeding throughput (wall clock of 'triage seed', process start to exit)"
printf '%-5s %9s  %10s  %14s\n' "size" "tickets" "time" "throughput"
printf '%s\n' "${seed_report[@]}"

echo
echo "== Query plan of the queue's first page (the SQL of TicketStore.queuePlan(), agent scope)"
if command -v sqlite3 > /dev/null; then
    for size in $sizes; do
        store="$data/store-$size.sqlite"
        [[ -f "$store" ]] || continue
        echo "-- $size"
        sqlite3 -readonly "$store" "EXPLAIN QUERY PLAN SELECT t.*, r.rating AS r_rating, r.comment AS r_comment, r.rated_at AS r_rated_at
            FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
            WHERE 1 AND t.queue_rank IS NOT NULL
            ORDER BY t.queue_rank, t.queue_key, t.priority_rank, t.created_at, t.id LIMIT 51"
    done
else
    echo "(sqlite3 is not installed: apt-get install sqlite3; the suite still checks the plan through queuePlan())"
fi

echo
echo "== Benchmarks (wall clock per call; throughput = calls per second)"
results="$data/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
swift package --package-path Benchmarks benchmark --no-progress "$@" 2>&1 | tee "$results"
echo
echo "Results saved to $results"
