#!/usr/bin/env bash
# Page benchmark (issue 4): the dashboard (`/`) and a partner's page (`/partners/SGP`) as a
# signed-in planner on a database of N activities, each requested REQUESTS times in turn;
# the median and the 90th percentile of curl's total time, beside a baseline measured the
# same way in the same run: `GET /api/v1/health`, which touches no database.
#
#   bench/pages.sh                    # 1,000,000 activities (the database bench/http.sh makes)
#   N=100000 REQUESTS=20 bench/pages.sh
#
# Goal: each page's median under 100 ms.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-1000000}
REQUESTS=${REQUESTS:-30}
PORT=${PORT:-18184}
PARTNER=${PARTNER:-SGP}
out=bench/out
mkdir -p "$out"

echo "== building attache (release)"
cargo build --release -p attache
attache=target/release/attache
db="$out/http-$N.db"
password="benchmark-password"
if [[ ! -s $db ]]; then
    echo "== loading $N demo activities into $db (once; shared with bench/http.sh)"
    rm -f "$db" "$db-wal" "$db-shm"
    "$attache" --db "$db" demo --size "$N" --today 2026-11-25 >/dev/null
    printf '%s\n' "$password" | "$attache" --db "$db" user add bench --nation GBR --clearance secret --role planner >/dev/null
fi
"$attache" --db "$db" init --nation GBR >/dev/null # applies newer migrations, if any

ATTACHE_LOG=warn "$attache" --db "$db" serve --listen "127.0.0.1:$PORT" >"$out/pages-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
site="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
    curl -sf "$site/api/v1/health" >/dev/null && break
    sleep 0.2
done
cookie=$(curl -sf -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"name\": \"bench\", \"password\": \"$password\"}" "$site/api/v1/session" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "set-cookie" { split($2, c, ";"); print c[1] }')
[[ -n $cookie ]] || { echo "cannot sign in" >&2; exit 1; }

# Requests a URL REQUESTS times; prints the median and the 90th percentile in ms.
measure() {
    local name=$1 url=$2 times
    times=$(for _ in $(seq "$REQUESTS"); do
        curl -s -o /dev/null -H "Cookie: $cookie" -w '%{http_code} %{time_total}\n' "$url"
    done)
    if grep -qv '^200 ' <<<"$times"; then
        echo "$name: not every answer was 200:" >&2
        sort <<<"$times" | uniq -c >&2
        exit 1
    fi
    awk '{ print $2 * 1000 }' <<<"$times" | sort -g | awk -v name="$name" '
        { t[NR] = $1 }
        END { printf "%-12s median %8.1f ms   p90 %8.1f ms\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.9)] }'
}

echo "== $N activities; $REQUESTS requests each, one at a time"
measure health "$site/api/v1/health"
measure dashboard "$site/"
measure partner "$site/partners/$PARTNER"
echo "goal: each page's median under 100 ms"
