#!/usr/bin/env python3
"""Convert an align workspace (TOML) to Taskwarrior's import format: one JSON object per
line, one per task, for `task import`.

    python3 benches/to_taskwarrior.py align.toml > tasks.json

Each task keeps what Taskwarrior has a field for: a uuid (derived from the task id, so
the same file always gives the same uuids), the title as description, the status
(todo/doing -> pending, done -> completed, dropped -> deleted), the first linked goal as
project, due, tags, an entry date, and an end date for completed and deleted tasks.
"""

import datetime
import json
import sys
import tomllib
import uuid

NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # the URL namespace
STATUS = {"todo": "pending", "doing": "pending", "done": "completed", "dropped": "deleted"}
ENTRY = "20260101T090000Z"


def stamp(d: datetime.date) -> str:
    """A TOML date as Taskwarrior's UTC timestamp."""
    return d.strftime("%Y%m%dT000000Z")


def convert(task: dict) -> dict:
    status = STATUS[task.get("status", "todo")]
    out = {
        "uuid": str(uuid.uuid5(NAMESPACE, "align:" + task["id"])),
        "description": task["title"],
        "status": status,
        "entry": ENTRY,
    }
    goals = task.get("goals", [])
    if goals:
        out["project"] = goals[0].split("/", 1)[0]
    if "due" in task:
        out["due"] = stamp(task["due"])
    if task.get("tags"):
        out["tags"] = task["tags"]
    if status in ("completed", "deleted"):
        out["end"] = stamp(task["done"]) if "done" in task else ENTRY
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: to_taskwarrior.py WORKSPACE.toml > tasks.json")
    with open(sys.argv[1], "rb") as f:
        workspace = tomllib.load(f)
    out = sys.stdout
    for task in workspace.get("tasks", []):
        out.write(json.dumps(convert(task), ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
