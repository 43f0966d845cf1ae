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
NAME=pages
# shellcheck source=bench/server.sh
source bench/server.sh

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
    # The first request reads the database; the later ones may get counts kept while the
    # register does not change (the answer cache), so the first is printed apart.
    local first
    first=$(awk 'NR == 1 { print $2 * 1000 }' <<<"$times")
    awk '{ print $2 * 1000 }' <<<"$times" | sort -g | awk -v name="$name" -v first="$first" '
        { t[NR] = $1 }
        END { printf "%-12s median %8.1f ms   p90 %8.1f ms   first %8.1f ms\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.9)], first }'
}

echo "== $N activities; $REQUESTS requests each, one at a time"
measure health "$site/api/v1/health"
measure dashboard "$site/"
measure partner "$site/partners/$PARTNER"
echo "goal: each page's median under 100 ms"
