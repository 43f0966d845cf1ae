#!/usr/bin/env bash
# Import benchmark (issue 2): `attache import` of N activities from interchange CSV against
# a baseline measured in the same run, the sqlite3 shell's `.import` of the same file into
# one plain table. Wall time and peak resident memory come from GNU time; each side runs
# RUNS times on a fresh database and the medians are reported.
#
#   bench/import.sh                 # 1,000,000 rows, 3 runs
#   N=20000 RUNS=1 bench/import.sh  # a quick look
#
# Goal: attache takes at most twice the baseline's time, with a peak under 200 MB.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
out=bench/out
mkdir -p "$out"

# GNU time (not the shell keyword) and the sqlite3 shell.
missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if ((${#missing[@]})); then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

echo "== building attache (release)"
cargo build --release -p attache
attache=target/release/attache

csv="$out/activities-$N.csv"
if [[ ! -s $csv || bench/gen_activities.py -nt $csv ]]; then
    echo "== generating $N activities into $csv"
    python3 bench/gen_activities.py -n "$N" -o "$csv.part"
    mv "$csv.part" "$csv"
fi
echo "== input: $csv ($(du -h "$csv" | cut -f1), $N rows)"

# Runs a command under GNU time; sets `seconds` and `kilobytes` (peak RSS).
measure() {
    local log="$out/last-run.log"
    if ! /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$log" 2>&1; then
        echo "failed: $*" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    read -r seconds kilobytes <"$out/time.txt"
}

fresh() {
    rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}

# The number of rows in a table, to check that each side loaded them all.
count_rows() {
    sqlite3 "$1" "SELECT count(*) FROM $2"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The engine's share, a floor under any importer of this schema: a fresh `attache init`,
# then the CSV staged and put into the real tables by SQL alone in the sqlite3 shell
# (bench/import_floor.sql), with the import's settings and deferred indexes.
floor_db="$out/floor.db"
floor_script="$out/floor.sql"
floor() {
    fresh "$floor_db"
    "$attache" --db "$floor_db" init --nation GBR >"$out/init.log" 2>&1 ||
        { cat "$out/init.log" >&2; exit 1; }
    local indexes="SELECT name, replace(sql, char(10), ' ') FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'activities'"
    {
        echo "PRAGMA cache_size = -24576; PRAGMA foreign_keys = OFF; PRAGMA threads = 1;"
        echo "BEGIN IMMEDIATE;"
        echo "CREATE TEMP TABLE staging ($(head -n 1 "$csv"));"
        echo ".import --csv --skip 1 '$csv' staging"
        sqlite3 -separator ' ' "$floor_db" "$indexes" | awk '{ print "DROP INDEX " $1 ";" }'
        cat bench/import_floor.sql
        sqlite3 -separator '|' "$floor_db" "$indexes" | cut -d'|' -f2- | sed 's/$/;/'
        echo "COMMIT;"
    } >"$floor_script"
    measure sqlite3 -batch -bail "$floor_db" ".read $floor_script"
}

base_db="$out/base.db"
attache_db="$out/attache.db"
base_s=() base_kb=() attache_s=() attache_kb=() floor_s=() floor_kb=()
for run in $(seq "$RUNS"); do
    fresh "$base_db"
    measure sqlite3 -batch "$base_db" ".mode csv" ".import '$csv' activities"
    base_s+=("$seconds") base_kb+=("$kilobytes")
    loaded=$(count_rows "$base_db" activities)
    [[ $loaded -eq $N ]] || { echo "baseline loaded $loaded rows, not $N" >&2; exit 1; }
    echo "run $run: baseline  ${seconds}s  $((kilobytes / 1024)) MB"

    fresh "$attache_db"
    "$attache" --db "$attache_db" init --nation GBR >"$out/init.log" 2>&1 ||
        { cat "$out/init.log" >&2; exit 1; }
    measure "$attache" --db "$attache_db" import "$csv"
    attache_s+=("$seconds") attache_kb+=("$kilobytes")
    loaded=$(count_rows "$attache_db" activities)
    [[ $loaded -eq $N ]] || {
        echo "attache imported $loaded rows, not $N; its output:" >&2
        tail -n 20 "$out/last-run.log" >&2
        exit 1
    }
    echo "run $run: attache   ${seconds}s  $((kilobytes / 1024)) MB"

    floor
    floor_s+=("$seconds") floor_kb+=("$kilobytes")
    loaded=$(count_rows "$floor_db" activities)
    [[ $loaded -eq $N ]] || { echo "the floor loaded $loaded rows, not $N" >&2; exit 1; }
    echo "run $run: floor     ${seconds}s  $((kilobytes / 1024)) MB"
done

report() {
    local name=$1 seconds=$2 kilobytes=$3 file=$4
    awk -v name="$name" -v n="$N" -v s="$seconds" -v kb="$kilobytes" -v size="$(du -m "$file" | cut -f1)" \
        'BEGIN { printf "%-26s %8.2f s %12.0f rows/s %8.1f MB peak %7d MB on disk\n",
                 name, s, (s > 0 ? n / s : 0), kb / 1024, size }'
}

b_s=$(median "${base_s[@]}") b_kb=$(median "${base_kb[@]}")
a_s=$(median "${attache_s[@]}") a_kb=$(median "${attache_kb[@]}")
echo
echo "== import of $N activities, median of $RUNS run(s)"
report "baseline (sqlite3 .import)" "$b_s" "$b_kb" "$base_db"
report "attache import" "$a_s" "$a_kb" "$attache_db"
f_s=$(median "${floor_s[@]}") f_kb=$(median "${floor_kb[@]}")
report "floor (same schema, SQL)" "$f_s" "$f_kb" "$floor_db"
awk -v a="$a_s" -v b="$b_s" -v f="$f_s" -v kb="$a_kb" 'BEGIN {
    ratio = (b > 0) ? a / b : 0
    mb = kb / 1024
    printf "ratio attache/baseline: %.2f\n", ratio
    printf "ratio floor/baseline: %.2f (the engine alone, on this schema)\n", (b > 0) ? f / b : 0
    printf "ratio attache/floor: %.2f (what attache adds)\n", (f > 0) ? a / f : 0
    printf "goal: ratio <= 2.0, peak < 200 MB: %s\n",
        (ratio <= 2.0 && mb < 200) ? "met" : "NOT met"
}'
