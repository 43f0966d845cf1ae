#!/usr/bin/env bash
# Build times, before and after: for each git revision given (default: the commit before the
# restructure, 93af480, and HEAD), a clean worktree with its own cold target directory, then
# `cargo build --release` and `cargo test --workspace --no-run`, each timed from cold (the
# crates are fetched first, untimed). With CI_RUN=1 the whole `CI=true bash .ci/run` is timed
# too, in a clean clone. Prints seconds per step and the ratio of each revision to the first.
#
#   bash bench/build.sh [BASE [HEAD]]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base=${1:-93af480}
head=${2:-HEAD}
work=$(mktemp -d /tmp/attache-build-XXXX)
trap 'git worktree prune; echo "logs: $work"' EXIT

# Seconds a command took; a build that fails stops the run, a failing .ci/run is timed and
# marked (its log is kept in the work folder).
seconds() { local start=$SECONDS; "$@" >"$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }; echo $((SECONDS - start)); }
ci_seconds() {
    local start=$SECONDS status=""
    CI=true bash .ci/run >"$work/ci-$1.log" 2>&1 || status=" (failed)"
    echo "$((SECONDS - start))$status"
}

declare -A took
revs=("$base")
[[ $(git rev-parse "$base") != $(git rev-parse "$head") ]] && revs+=("$head")
for rev in "${revs[@]}"; do
    tree="$work/$rev"
    git clone -q . "$tree" && git -C "$tree" checkout -q "$(git rev-parse "$rev")"
    (cd "$tree" && cargo fetch -q)
    export CARGO_TARGET_DIR="$work/target-$rev"
    took[$rev,release]=$(cd "$tree" && seconds cargo build --release)
    took[$rev,tests]=$(cd "$tree" && seconds cargo test --workspace --no-run)
    if [[ ${CI_RUN:-0} == 1 ]]; then
        # The clone's own target/ (untouched so far): .ci/run looks for its binary there.
        unset CARGO_TARGET_DIR
        took[$rev,ci]=$(cd "$tree" && ci_seconds "$rev")
    fi
    unset CARGO_TARGET_DIR
    rm -rf "$work/target-$rev" "$tree/target"
done

steps=(release tests)
[[ ${CI_RUN:-0} == 1 ]] && steps+=(ci)
printf '%-12s' step; for rev in "${revs[@]}"; do printf '%14s' "$rev"; done; printf '%10s\n' ratio
for step in "${steps[@]}"; do
    printf '%-12s' "$step"
    for rev in "${revs[@]}"; do printf '%13ss' "${took[$rev,$step]}"; done
    if ((${#revs[@]} == 2)); then
        awk -v a="${took[${revs[0]},$step]%% *}" -v b="${took[${revs[1]},$step]%% *}" 'BEGIN { printf "%10.2f\n", b / a }'
    else
        echo
    fi
done
