#!/usr/bin/env bash
# `align history` over a year of a team's workspace in git, for BENCHMARKS.md: 52 weekly
# points over a 10,000-task history, as a directory workspace (a file per person, most
# unchanged from one week to the next) and as one file changed by every commit. Beside it,
# the floor any implementation pays to read the same objects with the `git` command:
# `git log` of the workspace's commits and `git cat-file --batch` of every blob they hold.
#
#   1. gen_history writes each history as a `git fast-import` stream (three commits a
#      week: check-ins, then two people's finished tasks);
#   2. hyperfine (-N) runs each command RUNS times after a warm-up; the medians are
#      printed at the end.
#
# Usage: benches/history.sh            (needs git, hyperfine and python3: Debian's packages)
# Env:   TASKS=10000 RUNS=10 OUT=target/history-bench

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TASKS=${TASKS:-10000}
RUNS=${RUNS:-10}
OUT=${OUT:-$ROOT/target/history-bench}
TODAY=2026-12-01

for tool in git hyperfine python3; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is needed (apt-get install git hyperfine python3)" >&2
        exit 2
    }
done

echo "== build (release)" >&2
cargo build --release -p align --bin align >&2
cargo build --release -p align-testkit --example gen_history >&2
ALIGN=$ROOT/target/release/align
GEN=$ROOT/target/release/examples/gen_history

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
for kind in dir single; do
    git init -q "$WORK/$kind"
    flag=()
    [ "$kind" = single ] && flag=(--single)
    "$GEN" --tasks "$TASKS" "${flag[@]}" | git -C "$WORK/$kind" fast-import --quiet
    git -C "$WORK/$kind" checkout -q main
done
DIR_WS=$WORK/dir/team
ONE_WS=$WORK/single/align.toml
[ -e "$DIR_WS" ] && [ -e "$ONE_WS" ] || { echo "error: gen_history wrote no workspace" >&2; exit 2; }

# The git floor: the commits touching the workspace, then every blob of every commit
# (what a reader without a cache of parsed files would have to read).
floor() {
    local repo=$1 path=$2
    git -C "$repo" log --format=%H -- "$path" |
        while read -r c; do git -C "$repo" ls-tree -r "$c" -- "$path" | awk '{print $3}'; done |
        git -C "$repo" cat-file --batch >/dev/null
}
export -f floor

points=$("$ALIGN" --today $TODAY history -w "$DIR_WS" --format csv | tail -n +2 | wc -l)
echo "== $points weekly points, $(git -C "$WORK/dir" rev-list --count HEAD) commits" >&2

hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/history.json" \
    -n "align history (directory, $TASKS tasks)" "$ALIGN --today $TODAY history -w $DIR_WS --format json" \
    -n "align history (one file, $TASKS tasks)" "$ALIGN --today $TODAY history -w $ONE_WS --format json" \
    -n "align score (directory, today only)" "$ALIGN --today $TODAY score -w $DIR_WS --format json" >&2
hyperfine --shell bash --warmup 1 --runs "$RUNS" --export-json "$OUT/floor.json" \
    -n "git: every blob of every commit (directory)" "floor $WORK/dir team" \
    -n "git: every blob of every commit (one file)" "floor $WORK/single align.toml" >&2

python3 - "$OUT/history.json" "$OUT/floor.json" <<'PY'
import json, statistics, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:48} median {statistics.median(r['times']):.3f} s  "
              f"min {min(r['times']):.3f} s")
PY
