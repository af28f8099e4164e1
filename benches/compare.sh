#!/usr/bin/env bash
# Side-by-side figures for BENCHMARKS.md, at 100,000 tasks and 1,000 goals:
#
#   1. one hyperfine run of `align score --format json`, Taskwarrior's `task export` on
#      the same tasks, and the parse floor (a bare typed `toml::from_str` of the file);
#   2. one hyperfine run of `align link T-5 g1` and `align unlink T-5 g1` (each on a
#      fresh copy, reset by --prepare so every run does its edit) against the floor;
#   3. the board's start-to-first-frame in a real 160x45 pseudo-terminal against the
#      floor run the same way (benches/first_frame.py);
#   4. peak RSS of each from `/usr/bin/time -v` (median of 5).
#
# Usage: benches/compare.sh            (needs hyperfine, task (Taskwarrior 2.6), python3
#                                       3.11+, /usr/bin/time: Debian's packages of those names)
# Env:   TASKS=100000 GOALS=1000 RUNS=10 WARMUP=2 RSS_RUNS=5 OUT=target/compare
# Results (hyperfine markdown and JSON, first-frame JSON, RSS) are kept in $OUT; the
# workspace and Taskwarrior's data live in a temporary directory removed on exit.
# Frame and key-press figures come from the divan benches: `cargo bench`.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TASKS=${TASKS:-100000}
GOALS=${GOALS:-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RSS_RUNS=${RSS_RUNS:-5}
OUT=${OUT:-$ROOT/target/compare}
TODAY=2026-11-25

for tool in hyperfine task python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is needed (apt-get install hyperfine taskwarrior python3 time)" >&2
        exit 2
    }
done

echo "== build (release)" >&2
cargo build --release --bin align --example gen_workspace --example parse_floor >&2
ALIGN=$ROOT/target/release/align
FLOOR=$ROOT/target/release/examples/parse_floor
GEN=$ROOT/target/release/examples/gen_workspace

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
WS=$WORK/align.toml     # the generated workspace, never written
COPY=$WORK/edit/align.toml # the copy `align link` edits
LINKED=$WORK/linked.toml   # the workspace with T-5 linked to g1, for unlink runs
mkdir -p "$WORK/edit"

echo "== generate $TASKS tasks, $GOALS goals" >&2
"$GEN" --tasks "$TASKS" --goals "$GOALS" >"$WS"
ls -l "$WS" >&2

echo "== Taskwarrior: convert and import" >&2
export TASKDATA=$WORK/taskdata
export TASKRC=$WORK/taskrc
mkdir -p "$TASKDATA"
printf 'data.location=%s\n' "$TASKDATA" >"$TASKRC"
TW_RC=(rc.hooks=off rc.gc=off rc.verbose=nothing rc.confirmation=off)
python3 "$ROOT/benches/to_taskwarrior.py" "$WS" >"$WORK/tasks.json"
task "${TW_RC[@]}" import "$WORK/tasks.json" >/dev/null
exported=$(task "${TW_RC[@]}" export | grep -c '"uuid"')
[[ $exported == "$TASKS" ]] || {
    echo "error: task export gave $exported tasks, expected $TASKS" >&2
    exit 1
}

# Sanity: the commands work, and link/unlink really edit.
"$FLOOR" "$WS" >&2
"$ALIGN" -w "$WS" --today "$TODAY" score --format json >"$WORK/score.json"
cp "$WS" "$LINKED"
"$ALIGN" -w "$LINKED" link T-5 g1 >/dev/null
if cmp -s "$WS" "$LINKED"; then
    echo "error: align link T-5 g1 changed nothing (already linked?)" >&2
    exit 1
fi
cp "$LINKED" "$COPY"
"$ALIGN" -w "$COPY" unlink T-5 g1 >/dev/null
cmp -s "$WS" "$COPY" || {
    echo "error: link then unlink did not give the file back byte for byte" >&2
    exit 1
}

uptime >&2

echo "== hyperfine: score --format json vs task export vs floor" >&2
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --export-markdown "$OUT/read.md" --export-json "$OUT/read.json" \
    -n "align score --format json" "$ALIGN -w $WS --today $TODAY score --format json" \
    -n "task export" "task ${TW_RC[*]} export" \
    -n "parse_floor" "$FLOOR $WS" >&2

echo "== hyperfine: link / unlink vs floor" >&2
# Every run starts from the same bytes on disk (copied, then synced so no write-back of
# the copy lands inside a timed run); the floor gets the same preparation.
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --export-markdown "$OUT/link.md" --export-json "$OUT/link.json" \
    --prepare "sh -c 'cp $WS $COPY && sync'" \
    -n "align link T-5 g1" "$ALIGN -w $COPY link T-5 g1" \
    --prepare "sh -c 'cp $LINKED $COPY && sync'" \
    -n "align unlink T-5 g1" "$ALIGN -w $COPY unlink T-5 g1" \
    --prepare "sh -c 'cp $WS $COPY && sync'" \
    -n "parse_floor" "$FLOOR $COPY" >&2

echo "== first frame (pty, 160x45) vs floor" >&2
python3 "$ROOT/benches/first_frame.py" --runs "$RUNS" --warmup "$WARMUP" \
    --floor "$FLOOR" "$WS" -- "$ALIGN" -w "$WS" --today "$TODAY" >"$OUT/first_frame.json"

echo "== peak RSS (median of $RSS_RUNS)" >&2
# Peak RSS in KiB of one run of "$@" (stdout discarded).
peak() {
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null
    awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rss() { # name, command...
    local name=$1
    shift
    local i
    for ((i = 0; i < RSS_RUNS; i++)); do
        [[ $name == "align link T-5 g1" ]] && cp "$WS" "$COPY"
        peak "$@"
    done | median | awk -v n="$name" '{printf "%s\t%d\n", n, $1}'
}
{
    rss "align score --format json" "$ALIGN" -w "$WS" --today "$TODAY" score --format json
    rss "task export" task "${TW_RC[@]}" export
    rss "parse_floor" "$FLOOR" "$WS"
    rss "align link T-5 g1" "$ALIGN" -w "$COPY" link T-5 g1
    for ((i = 0; i < RSS_RUNS; i++)); do
        python3 "$ROOT/benches/first_frame.py" --runs 1 --warmup 0 -- \
            /usr/bin/time -v -o "$WORK/time.txt" "$ALIGN" -w "$WS" --today "$TODAY" >/dev/null
        awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt"
    done | median | awk '{printf "align (board, first frame)\t%d\n", $1}'
} >"$OUT/rss.tsv"

echo "== summary" >&2
python3 - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
def medians(name):
    with open(f"{out}/{name}.json") as f:
        return {r["command"]: r["median"] * 1000 for r in json.load(f)["results"]}
read, link = medians("read"), medians("link")
with open(f"{out}/first_frame.json") as f:
    ff = json.load(f)
a, tw, fl = read["align score --format json"], read["task export"], read["parse_floor"]
ln, un, fl2 = link["align link T-5 g1"], link["align unlink T-5 g1"], link["parse_floor"]
def target(ratio, limit):
    return "%.2f (target <= %.2f: %s)" % (ratio, limit, "met" if ratio <= limit else "NOT met")
print("median ms (hyperfine run 1): align score json %.1f, task export %.1f, parse_floor %.1f" % (a, tw, fl))
print("  align/taskwarrior %s" % target(a / tw, 0.25))
print("  align/floor       %s" % target(a / fl, 0.7))
print("median ms (hyperfine run 2): link %.1f, unlink %.1f, parse_floor %.1f" % (ln, un, fl2))
print("  link/floor        %s" % target(ln / fl2, 0.5))
print("  unlink/floor      %s" % target(un / fl2, 0.5))
print("first frame (pty): %.1f ms, floor in the same harness %.1f ms" % (ff["first_frame_median_ms"], ff["floor_median_ms"]))
print("  first frame/floor %s" % target(ff["ratio"], 0.8))
print("peak RSS (median of runs, MiB; align's target <= 150):")
for line in open(f"{out}/rss.tsv"):
    name, kib = line.rstrip("\n").split("\t")
    print("  %-28s %7.1f" % (name, int(kib) / 1024))
EOF
echo "(tables: $OUT/read.md, $OUT/link.md; first frame: $OUT/first_frame.json)" >&2
