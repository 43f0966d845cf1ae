#!/usr/bin/env bash
# The Vienna Document year check at scale: N declared activities (default 10,000) across
# all 57 participating states in one year. In one process, reading the activities the
# check needs from the database (the baseline) and checking them are timed apart over
# RUNS runs; medians and their ratio are printed. Goal: the check adds less than the read.
#
#   bench/csbm.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-9}
year=2027
out=bench/out
mkdir -p "$out"

echo "== building attache (release)"
cargo build --release -p attache
attache=target/release/attache
db="$out/csbm-$n.db"
rm -f "$db" "$db-wal" "$db-shm"
"$attache" --db "$db" init --nation DEU >/dev/null
python3 bench/gen_csbm.py "$n" "$year" >"$out/csbm-$n.csv"
echo "== importing $n activities"
"$attache" --db "$db" csbm import "$out/csbm-$n.csv"
echo "== timing the $year check beside the read ($runs runs)"
"$attache" --db "$db" csbm bench --year "$year" --runs "$runs" | tee "$out/csbm-$n.json"
