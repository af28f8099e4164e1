#!/usr/bin/env python3
"""Run commands in interleaved rounds and print each one's median wall and CPU time.

    python3 benches/interleave.py --runs 7 --warmup 1 \\
        -n "one file" "target/release/align -w one.toml score" \\
        -n "directory" "target/release/align -w dir score"

On a shared machine a neighbour's build slows whichever command happens to run beside
it; running the commands in turn, round after round, spreads that over all of them
alike. Each run's CPU time is the user + system time of the process and every thread
and child it had (`os.wait4`), which another process's load changes much less than the
wall time; the user time alone, which leaves out the kernel's zeroing of the pages the
process touches (on a shared machine the part that varies most), is given too. A
command is split on spaces (no shell); its output goes to /dev/null.
`--prepare CMD` runs (through the shell) before every run of every command, untimed.

Prints one JSON object: per command its runs and medians (milliseconds).
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    """(wall ms, cpu ms, user ms) of one run of argv."""
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ])
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000.0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit status {code}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000.0, usage.ru_utime * 1000.0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--prepare", help="shell command run before every run, untimed")
    p.add_argument("-n", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    a = p.parse_args()
    commands = [(name, shlex.split(cmd)) for name, cmd in a.n]
    results = {name: {"wall_ms": [], "cpu_ms": [], "user_ms": []} for name, _ in commands}
    for round_ in range(a.warmup + a.runs):
        # Alternate the order from round to round, so neither command always runs first.
        order = commands if round_ % 2 == 0 else commands[::-1]
        for name, argv in order:
            if a.prepare:
                subprocess.run(a.prepare, shell=True, check=True)
            wall, cpu, user = run(argv)
            if round_ >= a.warmup:
                results[name]["wall_ms"].append(round(wall, 2))
                results[name]["cpu_ms"].append(round(cpu, 2))
                results[name]["user_ms"].append(round(user, 2))
    for r in results.values():
        r["wall_median_ms"] = statistics.median(r["wall_ms"])
        r["cpu_median_ms"] = statistics.median(r["cpu_ms"])
        r["user_median_ms"] = statistics.median(r["user_ms"])
    json.dump(results, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
