#!/usr/bin/env bash
# `align import` of the same 20,000 issues from each tool's export into a 100,000-task
# workspace, for BENCHMARKS.md: Jira's CSV export against Taskwarrior's `task export` (and
# Linear's CSV export beside them).
#
#   1. gen_workspace writes the workspace, gen_import the exports of the same issues
#      (Jira's twice: as its Cloud "Export CSV (all fields)", 44 columns with descriptions
#      and comments, and "(current fields)" of a view showing the 18 columns align reads);
#   2. hyperfine (-N) imports each into a fresh copy of the workspace (--prepare), ROUNDS
#      times over, the commands one after the other in each round, so that a busy minute
#      on a shared machine falls on all of them alike; the median of every run is printed
#      at the end.
#
# Usage: benches/import.sh            (needs hyperfine and python3: Debian's packages)
# Env:   TASKS=100000 ISSUES=20000 ROUNDS=5 RUNS=3 OUT=target/import-bench
# Results (hyperfine JSON of every round) are kept in $OUT; the workspace and the exports
# live in a temporary directory removed on exit.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TASKS=${TASKS:-100000}
ISSUES=${ISSUES:-20000}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/target/import-bench}
TODAY=2026-11-25

for tool in hyperfine python3; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is needed (apt-get install hyperfine python3)" >&2
        exit 2
    }
done

echo "== build (release)" >&2
cargo build --release -p align --bin align >&2
cargo build --release -p align-testkit --example gen_workspace --example gen_import >&2
ALIGN=$ROOT/target/release/align
GEN=$ROOT/target/release/examples

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/ws"
"$GEN/gen_workspace" --tasks "$TASKS" > "$WORK/big.toml"
for t in taskwarrior jira jira-current linear; do
    "$GEN/gen_import" --tasks "$ISSUES" --tool "$t" > "$WORK/in.$t"
done
ls -l "$WORK" >&2

rm -f "$OUT"/round-*.json
for r in $(seq "$ROUNDS"); do
    echo "== round $r of $ROUNDS" >&2
    hyperfine -N --runs "$RUNS" --export-json "$OUT/round-$r.json" \
        --prepare "cp $WORK/big.toml $WORK/ws/align.toml" \
        -n taskwarrior "$ALIGN -w $WORK/ws/align.toml --today $TODAY import taskwarrior $WORK/in.taskwarrior" \
        -n "jira (all fields)" "$ALIGN -w $WORK/ws/align.toml --today $TODAY import jira $WORK/in.jira" \
        -n "jira (current fields)" "$ALIGN -w $WORK/ws/align.toml --today $TODAY import jira $WORK/in.jira-current" \
        -n linear "$ALIGN -w $WORK/ws/align.toml --today $TODAY import linear $WORK/in.linear" >&2
done

python3 - "$OUT" <<'PY'
import glob, json, statistics, sys
times = {}
for f in sorted(glob.glob(f"{sys.argv[1]}/round-*.json")):
    for r in json.load(open(f))["results"]:
        t = times.setdefault(r["command"], {"wall": [], "cpu": []})
        t["wall"] += r["times"]
        # hyperfine gives user and system time as a mean per round.
        t["cpu"].append(r["user"] + r["system"])
base = statistics.median(times["taskwarrior"]["wall"])
print("| import of 20,000 issues | median wall | min | user+system (median of rounds) | runs | vs taskwarrior |")
print("|---|---:|---:|---:|---:|---:|")
for name, t in times.items():
    wall = statistics.median(t["wall"])
    print(f"| {name} | {wall:.2f} s | {min(t['wall']):.2f} s | {statistics.median(t['cpu']):.2f} s | {len(t['wall'])} | {wall / base:.2f}x |")
PY
