#!/usr/bin/env python3
"""Time from start to the board's first frame, in a real pseudo-terminal.

    python3 benches/first_frame.py --runs 10 --floor target/release/examples/parse_floor \\
        -- target/release/align -w big.toml --today 2026-11-25

Each run starts the command in a fresh 160x45 pty and reads everything it writes. The
board draws its first frame and then waits for a key, so its output comes in one burst:
the first frame ends at the last byte of that burst (the burst is over once nothing more
comes for --quiet seconds; the quiet wait itself is not counted). The run checks that the
burst holds the board (the alternate screen and the tasks pane's title), then types `q`
and waits for the program to exit. (That the board writes nothing after its first frame
until something changes is tested: `after_its_first_frame_an_idle_board_writes_nothing`
in the e2e pty tests. Before 2026-12-05 the history's news drew a 25-byte frame at the
first tick, a quarter of a second later, and this script timed that one.)

With --floor, the parse floor is started the same way (same pty, same harness) and timed
to its exit, so the two medians are measured alike. Prints one JSON object with every
run and the medians, in milliseconds.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

ROWS, COLS = 45, 160
ALT_SCREEN = b"\x1b[?1049h"


def spawn(argv):
    """Start argv on a fresh pty of ROWS x COLS; return (pid, master fd, start time)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    os.close(slave)
    return pid, master, start


def read_burst(master, quiet, patience):
    """Read until nothing comes for `quiet` seconds (or the pty closes).
    Returns (bytes, time of the last byte, closed)."""
    out = bytearray()
    last = None
    deadline = time.perf_counter() + patience
    while True:
        timeout = quiet if out else max(0.0, deadline - time.perf_counter())
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            return bytes(out), last, False
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every copy of the slave side is closed
            return bytes(out), last, True
        if not chunk:
            return bytes(out), last, True
        last = time.perf_counter()
        out += chunk


def drain_until_exit(pid, master, patience):
    """Keep reading (so the child never blocks on a full pty) until it exits."""
    deadline = time.perf_counter() + patience
    while time.perf_counter() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise RuntimeError("the program did not exit in time")


def first_frame(argv, quiet, patience, marker):
    pid, master, start = spawn(argv)
    try:
        out, last, closed = read_burst(master, quiet, patience)
        if closed or last is None:
            raise RuntimeError(f"no board: the program exited or wrote nothing: {out[-400:]!r}")
        if ALT_SCREEN not in out or marker.encode() not in out:
            raise RuntimeError(f"the first burst is not the board: {out[-400:]!r}")
        cpu = cpu_ms(pid)
        os.write(master, b"q")
        status = drain_until_exit(pid, master, patience)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"exit status {status}")
        return (last - start) * 1000.0, cpu
    finally:
        os.close(master)


def cpu_ms(pid):
    """User + system CPU the process (every thread) has used so far, in milliseconds: the
    board is idle after its first frame, so read then it is the first frame's CPU."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) * 1000.0 / ticks


def to_exit(argv, patience):
    """Milliseconds from start to exit, in the same kind of pty."""
    pid, master, start = spawn(argv)
    try:
        deadline = time.perf_counter() + patience
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                end = time.perf_counter()
                break
            ready, _, _ = select.select([master], [], [], 0.001)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    pass
            if time.perf_counter() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise RuntimeError("the floor did not exit in time")
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"floor exit status {status}")
        return (end - start) * 1000.0
    finally:
        os.close(master)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--quiet", type=float, default=0.5, help="seconds of silence that end the burst")
    p.add_argument("--patience", type=float, default=30.0)
    p.add_argument("--marker", default="Tasks (", help="text the first frame must hold")
    p.add_argument("--floor", nargs="+", help="the floor command (its last argument: the file)")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not argv:
        p.error("no command")
    for _ in range(a.warmup):
        first_frame(argv, a.quiet, a.patience, a.marker)
        if a.floor:
            to_exit(a.floor, a.patience)
    frames, cpus, floors = [], [], []
    for _ in range(a.runs):  # interleaved, so drift hits both alike
        frame, cpu = first_frame(argv, a.quiet, a.patience, a.marker)
        frames.append(frame)
        cpus.append(cpu)
        if a.floor:
            floors.append(to_exit(a.floor, a.patience))
    result = {
        "first_frame_ms": frames,
        "first_frame_median_ms": statistics.median(frames),
        "first_frame_cpu_ms": cpus,
        "first_frame_cpu_median_ms": statistics.median(cpus),
    }
    if a.floor:
        result["floor_ms"] = floors
        result["floor_median_ms"] = statistics.median(floors)
        result["ratio"] = result["first_frame_median_ms"] / result["floor_median_ms"]
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
