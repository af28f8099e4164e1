//! A `[[tasks]]` element (or an inline `{ … }` task) read into a [`Task`]: every key
//! checked, and the layout the write-back needs — where its `goals` array and last value
//! are, whether it is inline, and the block of text it owns.

use super::MAX_EFFORT;
use super::doc::{Item, Kind};
use super::document::as_table;
use crate::diag::Sink;
use crate::model::{FileIx, LinkRef, Origin, Task, TaskLayout, TaskStatus};
use crate::schema::{Reader, What};

const TASK_KEYS: &[&str] = &[
    "id", "title", "status", "goals", "impact", "effort", "due", "done", "urgent", "owner", "tags",
    "depends", "source",
];

/// A task and the spans of its values that validation points at: each `goals` entry,
/// then each `depends` entry (`task.goals.len()` tells where the second run starts).
type TaskWithLinkSpans = (Task, Vec<std::ops::Range<usize>>);

pub(super) fn read_task(
    sink: &mut Sink,
    file: usize,
    n: usize,
    v: Item<'_>,
    text: &str,
) -> Option<TaskWithLinkSpans> {
    let at = v.span().start;
    let table = as_table(sink, v, format_args!("task #{}", n + 1))?;
    let mut r = Reader::new(table, at, What::item("task", n, table, None));
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let status = r
        .choice(sink, "status", TaskStatus::ALL, TaskStatus::parse)
        .unwrap_or(TaskStatus::Todo);
    let links = r.strings(sink, "goals").unwrap_or_default();
    let impact = r.int(sink, "impact", 1..=5).map(|i| i as u8);
    let effort = r
        .number(
            sink,
            "effort",
            Some((
                |e| e > 0.0 && e <= MAX_EFFORT,
                "greater than 0 and at most 1000000",
            )),
        )
        .unwrap_or(1.0);
    let due = r.date(sink, "due");
    let done = r.date(sink, "done");
    let urgent = r.boolean(sink, "urgent").unwrap_or(false);
    let owner = r.string(sink, "owner").map(|s| s.0);
    let tags = r
        .strings(sink, "tags")
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.0)
        .collect();
    let depends = r.strings(sink, "depends").unwrap_or_default();
    let source = r.string(sink, "source").map(|s| s.0);
    r.finish(sink, TASK_KEYS);

    let inline = text.get(at..).is_some_and(|t| t.starts_with('{'));
    let last_value_end = table
        .iter()
        .filter(|(_, v)| !v.is_header())
        .map(|(_, v)| v.value_end())
        .max()
        .unwrap_or(v.span().end);
    let layout = TaskLayout {
        goals_value: table
            .get("goals")
            .filter(|v| v.kind() == Kind::Array)
            .map(|v| v.span()),
        depends_value: table
            .get("depends")
            .filter(|v| v.kind() == Kind::Array)
            .map(|v| v.span()),
        last_value_end,
        inline,
        // Extended to the next top-level table once the whole file is read.
        block: v.span(),
    };
    let (id, span) = id?;
    let (goals, mut spans): (Vec<String>, Vec<_>) = links.into_iter().unzip();
    let (depends, depends_spans): (Vec<String>, Vec<_>) = depends.into_iter().unzip();
    spans.extend(depends_spans);
    let goals = goals.iter().map(|g| LinkRef::parse(g)).collect();
    Some((
        Task {
            id,
            // A missing title is already an error; the task is kept for the id checks.
            title: title.unwrap_or_default(),
            status,
            goals,
            impact,
            effort,
            due,
            done,
            urgent,
            owner,
            tags,
            depends,
            source,
            origin: Origin {
                file: FileIx(file),
                span,
            },
            layout,
        },
        spans,
    ))
}
