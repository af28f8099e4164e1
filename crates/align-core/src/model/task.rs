//! Tasks as a team writes them — the work, its status, its links to goals and key results,
//! its size and dates, the tasks it waits on — with where each sits in its file (`TaskLayout`), which write-back
//! needs to change exactly the bytes it must.

use std::ops::Range;

use chrono::NaiveDate;

use super::{LinkRef, Origin, TaskStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub status: TaskStatus,
    /// Links as written: goal ids or `goal/key-result`.
    pub goals: Vec<LinkRef>,
    pub impact: Option<u8>,
    pub effort: f64,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub urgent: bool,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    /// Ids of the tasks this one waits on (Taskwarrior's `depends`), as written.
    pub depends: Vec<String>,
    pub source: Option<String>,
    pub origin: Origin,
    /// Byte layout of this task in its file, used by write-back.
    pub layout: TaskLayout,
}

/// Where a task's `goals` array sits in its file, or where one would be inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskLayout {
    /// Span of the `goals = [...]` value, when the key is present.
    pub goals_value: Option<Range<usize>>,
    /// Span of the `depends = [...]` value, when the key is present.
    pub depends_value: Option<Range<usize>>,
    /// Byte offset just after the last value that belongs directly to the task table.
    pub last_value_end: usize,
    /// The task is written as an inline table `{ ... }` rather than under `[[tasks]]`.
    pub inline: bool,
    /// The bytes of the task in its file: from its `[[tasks]]` header to the next
    /// top-level table, or its inline `{ … }`.
    pub block: Range<usize>,
}

impl Task {
    /// The task's links as written, joined by `separator` (`"retention, growth/nps"`).
    pub fn links_joined(&self, separator: &str) -> String {
        let mut out = String::new();
        for (n, link) in self.goals.iter().enumerate() {
            if n > 0 {
                out.push_str(separator);
            }
            out.push_str(&link.to_string());
        }
        out
    }
}
