#!/usr/bin/env bash
# The scale targets of issue 15, for BENCHMARKS.md ("Scale (issue 15)"): each pair of
# commands is run in interleaved rounds (benches/interleave.py) and its medians compared.
#
#   1. 10,000 goals against 100 goals, 100,000 tasks each: `score --format json` and the
#      board's first frame (target: ~1.3x at most), beside the parse floor of the same two
#      files (a bare typed `toml::from_str`: what reading the larger file costs any reader);
#   2. 300,000 tasks against 100,000 (1,000 goals): `score --format json` (target: 3.3x);
#   3. a directory of 500 files x 200 tasks against the same tasks in one file: `score
#      --format json` and the first frame (target: 1.1x);
#   4. 1,000 tasks: `score` against Taskwarrior's `task export` of the same tasks (target:
#      0.5x); 300 tasks: `score` against `align --version` (target: within 1.5 ms);
#   5. `import` of 2,000 Taskwarrior tasks into a copy of the 500-file directory.
#
# Every figure is a median; CPU time (user + system of the process and its threads) is
# given beside the wall time, as on a shared machine it moves much less.
#
# Usage: benches/scale.sh        (needs hyperfine, task (Taskwarrior 2.6), python3 3.11+)
# Env:   RUNS=5 WARMUP=1 FRAMES=3 OUT=target/scale   (FRAMES: rounds of first frames)
# Results (one JSON per pair) are kept in $OUT; the workspaces live in a temporary
# directory removed on exit.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
FRAMES=${FRAMES:-3}
OUT=${OUT:-$ROOT/target/scale}
TODAY=2026-11-25

for tool in hyperfine task python3; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is needed (apt-get install hyperfine taskwarrior python3)" >&2
        exit 2
    }
done

echo "== build (release)" >&2
cargo build --release --bin align --example gen_workspace --example parse_floor >&2
ALIGN=$ROOT/target/release/align
GEN=$ROOT/target/release/examples/gen_workspace
FLOOR=$ROOT/target/release/examples/parse_floor

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

echo "== generate" >&2
"$GEN" --tasks 100000 --goals 100 >"$WORK/g100.toml"
"$GEN" --tasks 100000 --goals 10000 >"$WORK/g10k.toml"
"$GEN" --tasks 100000 --goals 1000 >"$WORK/t100k.toml"
"$GEN" --tasks 300000 --goals 1000 >"$WORK/t300k.toml"
"$GEN" --tasks 1000 >"$WORK/t1k.toml"
"$GEN" --tasks 300 >"$WORK/t300.toml"
# The 100,000-task file cut into a directory: goals.toml (the head: version, workspace,
# goals) and 500 files of 200 tasks, each with its own `version = 1`.
python3 - "$WORK/t100k.toml" "$WORK/dir500" 500 <<'EOF'
import os, sys
src, out, files = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src).read()
i = text.index("[[tasks]]")
tasks = ["[[tasks]]" + t for t in text[i:].split("[[tasks]]")[1:]]
os.makedirs(out)
open(os.path.join(out, "goals.toml"), "w").write(text[:i])
per = -(-len(tasks) // files)
for f in range(files):
    body = "".join(tasks[f * per:(f + 1) * per])
    open(os.path.join(out, "p%03d.toml" % f), "w").write("version = 1\n\n" + body)
EOF
cmp <("$ALIGN" -w "$WORK/t100k.toml" --today $TODAY score --format json) \
    <("$ALIGN" -w "$WORK/dir500" --today $TODAY score --format json) || {
    echo "error: the directory does not score as the one file does" >&2
    exit 1
}

echo "== Taskwarrior: 1,000 tasks" >&2
export TASKDATA=$WORK/taskdata
export TASKRC=$WORK/taskrc
mkdir -p "$TASKDATA"
printf 'data.location=%s\n' "$TASKDATA" >"$TASKRC"
TW_RC="rc.hooks=off rc.gc=off rc.verbose=nothing rc.confirmation=off"
python3 "$ROOT/benches/to_taskwarrior.py" "$WORK/t1k.toml" >"$WORK/t1k.json"
# shellcheck disable=SC2086
task $TW_RC import "$WORK/t1k.json" >/dev/null
# The import input of item 5: 2,000 of the 1,000-goal workspace's tasks as Taskwarrior
# exports them (new to the directory: other ids, no goals).
python3 "$ROOT/benches/to_taskwarrior.py" <("$GEN" --tasks 2000 --goals 10) >"$WORK/import.json"

uptime >&2
I="python3 $ROOT/benches/interleave.py --runs $RUNS --warmup $WARMUP"
S="--today $TODAY score --format json"

echo "== 1. goals: 100 vs 10,000" >&2
$I -n "100 goals" "$ALIGN -w $WORK/g100.toml $S" \
    -n "10,000 goals" "$ALIGN -w $WORK/g10k.toml $S" \
    -n "floor, 100 goals" "$FLOOR $WORK/g100.toml" \
    -n "floor, 10,000 goals" "$FLOOR $WORK/g10k.toml" >"$OUT/goals.json"
wc -c "$WORK/g100.toml" "$WORK/g10k.toml" | head -2 >"$OUT/goals-bytes.txt"
echo "== 2. tasks: 100,000 vs 300,000" >&2
$I -n "100,000 tasks" "$ALIGN -w $WORK/t100k.toml $S" \
    -n "300,000 tasks" "$ALIGN -w $WORK/t300k.toml $S" >"$OUT/tasks.json"
echo "== 3. one file vs 500 files" >&2
$I -n "one file" "$ALIGN -w $WORK/t100k.toml $S" \
    -n "500 files" "$ALIGN -w $WORK/dir500 $S" >"$OUT/directory.json"
echo "== 4. small workspaces" >&2
# shellcheck disable=SC2086
$I -n "align score (1,000 tasks)" "$ALIGN -w $WORK/t1k.toml --today $TODAY score" \
    -n "task export (1,000 tasks)" "task $TW_RC export" >"$OUT/small.json"
# Each takes a few milliseconds: 300 runs after 20 to warm up, so the medians hold still.
hyperfine -N --warmup 20 --runs 300 --export-json "$OUT/tiny.json" \
    -n "align score (300 tasks)" "$ALIGN -w $WORK/t300.toml --today $TODAY score" \
    -n "align --version" "$ALIGN --version" >&2
echo "== 5. import of 2,000 tasks into the 500-file directory" >&2
$I --prepare "rm -rf $WORK/imp && cp -r $WORK/dir500 $WORK/imp" \
    -n "import" "$ALIGN -w $WORK/imp import taskwarrior $WORK/import.json" \
    -n "score" "$ALIGN -w $WORK/imp $S" >"$OUT/import.json"
echo "== first frames (pty, 160x45), in rounds: each workspace once a round" >&2
# Round 0 warms up and is not kept. As with interleave.py, a machine that slows down
# part way through slows every workspace alike instead of whichever came last.
FRAME_WS="g100.toml g10k.toml t100k.toml dir500"
rm -f "$OUT"/frame-*.json
for round in $(seq 0 "$FRAMES"); do
    for ws in $FRAME_WS; do
        python3 "$ROOT/benches/first_frame.py" --runs 1 --warmup 0 -- \
            "$ALIGN" -w "$WORK/$ws" --today $TODAY >"$OUT/frame-$ws-$round.json"
    done
done
uptime >&2

echo "== summary" >&2
python3 - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
def pair(name, a, b, target):
    d = json.load(open(f"{out}/{name}.json"))
    x, y = d[a], d[b]
    for n, r in ((a, x), (b, y)):
        print("%-26s wall %8.1f ms  cpu %8.1f ms  user %8.1f ms"
              % (n, r["wall_median_ms"], r["cpu_median_ms"], r["user_median_ms"]))
    print("  ratio: wall %.2f, cpu %.2f, user %.2f (target %s)" % (
        y["wall_median_ms"] / x["wall_median_ms"], y["cpu_median_ms"] / x["cpu_median_ms"],
        y["user_median_ms"] / x["user_median_ms"], target))
pair("goals", "100 goals", "10,000 goals", "<= ~1.3")
pair("goals", "floor, 100 goals", "floor, 10,000 goals", "none: the input itself")
b = [int(l.split()[0]) for l in open(f"{out}/goals-bytes.txt")]
print("  file sizes: %d and %d bytes, %.2fx" % (b[0], b[1], b[1] / b[0]))
pair("tasks", "100,000 tasks", "300,000 tasks", "<= 3.3")
pair("directory", "one file", "500 files", "<= 1.1")
pair("small", "task export (1,000 tasks)", "align score (1,000 tasks)", "<= 0.5")
t = {r["command"]: r for r in json.load(open(f"{out}/tiny.json"))["results"]}
s, v = t["align score (300 tasks)"], t["align --version"]
# The gap is a fixed amount of work, so a slower hour makes it more milliseconds: the
# ratio beside it says how fast the machine ran (`--version` itself is the yardstick).
print("align score (300 tasks) %.2f ms, align --version %.2f ms (medians): +%.2f ms, %.2fx (target <= 1.5 ms)"
      % (s["median"] * 1000, v["median"] * 1000, (s["median"] - v["median"]) * 1000,
         s["median"] / v["median"]))
d = json.load(open(f"{out}/import.json"))
print("import of 2,000 tasks into 500 files: wall %.1f ms, cpu %.1f ms; score of the result: wall %.1f ms, cpu %.1f ms"
      % (d["import"]["wall_median_ms"], d["import"]["cpu_median_ms"],
         d["score"]["wall_median_ms"], d["score"]["cpu_median_ms"]))
import glob, statistics
def frames(w):
    """The medians of one workspace's first frames over the kept rounds (1 and on)."""
    runs = [json.load(open(f)) for f in glob.glob(f"{out}/frame-{w}-*.json")
            if not f.endswith("-0.json")]
    return {k: statistics.median(r[k][0] for r in runs)
            for k in ("first_frame_ms", "first_frame_cpu_ms")}
f = {w: frames(w) for w in ("g100.toml", "g10k.toml", "t100k.toml", "dir500")}
for a, b, target in (("g100.toml", "g10k.toml", "<= ~1.3"), ("t100k.toml", "dir500", "<= 1.1")):
    x, y = f[a], f[b]
    print("first frame %s %.1f ms (cpu %.1f), %s %.1f ms (cpu %.1f): ratio wall %.2f, cpu %.2f (target %s)" % (
        a, x["first_frame_ms"], x["first_frame_cpu_ms"],
        b, y["first_frame_ms"], y["first_frame_cpu_ms"],
        y["first_frame_ms"] / x["first_frame_ms"],
        y["first_frame_cpu_ms"] / x["first_frame_cpu_ms"], target))
EOF
