# Sourced by the HTTP benchmarks: builds attache (release), makes once the database of N
# demo activities that they share (bench/out/http-N.db, with a planner `bench`), brings it
# up to this binary's schema, starts `attache serve` on PORT and signs in. Sets `site` (the
# server's root) and `cookie` (the session, as a Cookie header value); the server stops
# when the calling script exits. NAME names the server's log.
#
#   N=… PORT=… NAME=… source bench/server.sh

out=bench/out
mkdir -p "$out"

echo "== building attache (release)"
cargo build --release -p attache
attache=target/release/attache
db="$out/http-$N.db"
password="benchmark-password"

if [[ ! -s $db ]]; then
    echo "== loading $N demo activities into $db (once; reused by later runs)"
    rm -f "$db" "$db-wal" "$db-shm"
    "$attache" --db "$db" demo --size "$N" --today 2026-11-25 >/dev/null
    printf '%s\n' "$password" | "$attache" --db "$db" user add bench --nation GBR --clearance secret --role planner >/dev/null
fi
# A database made by an older binary gets the newer migrations.
"$attache" --db "$db" init --nation GBR >/dev/null

ATTACHE_LOG=warn "$attache" --db "$db" serve --listen "127.0.0.1:$PORT" >"$out/$NAME-server.log" 2>&1 &
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
