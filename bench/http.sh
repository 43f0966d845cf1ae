#!/usr/bin/env bash
# HTTP benchmark (issue 3): `GET /api/v1/activities?partner=…&limit=50` as a signed-in
# planner on a database of N activities, against a baseline measured on the same server in
# the same run: `GET /api/v1/health`, a small fixed answer that touches no database. wrk
# (Debian package) on loopback, 64 connections, 2 threads; requests per second and p99.
#
#   bench/http.sh                      # 1,000,000 activities, 20 s per endpoint
#   N=100000 SECONDS_PER_RUN=10 bench/http.sh
#
# Goal: the list reaches at least 40% of the baseline's throughput with p99 under 20 ms.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-1000000}
DURATION=${SECONDS_PER_RUN:-20}
PORT=${PORT:-18181}
PARTNER=${PARTNER:-SGP}
if ! command -v wrk >/dev/null; then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends wrk </dev/null
fi

NAME=http
# shellcheck source=bench/server.sh
source bench/server.sh
base="$site/api/v1"
list="$base/activities?partner=$PARTNER&limit=50"
[[ $(curl -sf -H "Cookie: $cookie" "$list" | head -c 9) == '{"items":' ]] || { echo "the list does not answer" >&2; exit 1; }

# Runs wrk; prints requests per second and the p99 latency in milliseconds.
measure() {
    local name=$1 url=$2
    shift 2
    wrk -t2 -c64 -d"${DURATION}s" --latency "$@" "$url" >"$out/wrk-$name.txt"
    awk -v name="$name" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "99%" { p99 = ms($2) }
        / Non-2xx/ { bad = $NF }
        END { printf "%-10s %10.0f req/s   p99 %7.2f ms%s\n", name, rps, p99, (bad ? "   NON-2XX: " bad : "") }
    ' "$out/wrk-$name.txt"
}

echo "== $N activities; wrk -t2 -c64 -d${DURATION}s on loopback"
baseline=$(measure health "$base/health")
listed=$(measure list "$list" -H "Cookie: $cookie")
echo "$baseline"
echo "$listed"
awk -v b="$(echo "$baseline" | awk '{print $2}')" -v l="$(echo "$listed" | awk '{print $2}')" \
    -v p99="$(echo "$listed" | awk '{print $5}')" 'BEGIN {
    ratio = (b > 0) ? l / b : 0
    printf "list/baseline throughput: %.1f%%\n", ratio * 100
    printf "goal: >= 40%% of baseline, p99 < 20 ms: %s\n", (ratio >= 0.4 && p99 < 20) ? "met" : "NOT met"
}'
