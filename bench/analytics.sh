#!/usr/bin/env bash
# The pair-by-year intensity table of 10,000,000 pairwise events (200 states, 30 years),
# counted by Attaché (attache-analytics, release build) and by DuckDB (PyPI `duckdb`) from
# the same file, on the same number of threads, RUNS times each, alternating; prints each
# run's wall time and peak memory (GNU time), the medians and their ratio, and checks that
# the two tables agree row by row. Goal: as fast as DuckDB or faster, within 2 GB.
#
#   bash bench/analytics.sh            # EVENTS=10000000 STATES=200 YEARS=30 RUNS=3
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

events=${EVENTS:-10000000}
states=${STATES:-200}
years=${YEARS:-30}
runs=${RUNS:-3}
threads=${THREADS:-$(nproc)}
out=bench/out
mkdir -p "$out"
python3 -c 'import duckdb' 2>/dev/null || {
    echo "needs DuckDB for Python: pip install duckdb" >&2
    exit 1
}

echo "== building the Rust side (release)"
cargo build --release -q -p attache-analytics --example pair_year
rust=target/release/examples/pair_year

data="$out/pairs-$events-$states-$years.csv"
if [[ ! -s $data ]]; then
    echo "== generating $data (once; reused by later runs)"
    "$rust" generate "$data.tmp" "$events" "$states" "$years"
    mv "$data.tmp" "$data"
fi
"$rust" weights "$out/weights.csv"
echo "== $(du -h "$data" | cut -f1) of events, $threads threads, $runs runs each"

# One run: wall seconds and peak resident kilobytes, appended to the named file.
measure() {
    local into=$1
    shift
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@"
    cat "$out/time.txt" >>"$into"
    read -r seconds kilobytes <"$out/time.txt"
    printf '   %-6s %6.2f s  %5d MB\n' "${into##*-}" "$seconds" "$((kilobytes / 1024))"
}
: >"$out/analytics-rust"
: >"$out/analytics-duckdb"
for run in $(seq "$runs"); do
    echo "-- run $run"
    measure "$out/analytics-rust" "$rust" table "$data" "$out/table-rust.csv" "$threads"
    measure "$out/analytics-duckdb" python3 bench/analytics_duckdb.py table "$data" \
        "$out/weights.csv" "$out/table-duckdb.csv" "$threads"
done

python3 bench/analytics_duckdb.py compare "$out/table-rust.csv" "$out/table-duckdb.csv"
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; }
rust_s=$(median "$out/analytics-rust" 1)
duck_s=$(median "$out/analytics-duckdb" 1)
rust_kb=$(median "$out/analytics-rust" 2)
duck_kb=$(median "$out/analytics-duckdb" 2)
echo "== medians over $runs runs ($events events, $states states, $years years, $threads threads)"
printf '   attache  %6.2f s  %5d MB peak\n' "$rust_s" "$((rust_kb / 1024))"
printf '   duckdb   %6.2f s  %5d MB peak\n' "$duck_s" "$((duck_kb / 1024))"
awk -v r="$rust_s" -v d="$duck_s" 'BEGIN { printf "   attache takes %.2f times DuckDB'"'"'s time\n", r / d }'
if ((rust_kb > 2 * 1024 * 1024)); then
    echo "   over the 2 GB memory budget" >&2
    exit 1
fi
