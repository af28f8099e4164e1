//! The workspace as the team wrote it: mission, goals with key results and check-ins,
//! and tasks with their links. Everything else (scores, the comparison, the board) is
//! derived from these types, so they stay plain data with no behaviour beyond small
//! lookups. Each item remembers where it came from (`Origin`) so errors can point at it
//! and write-back can splice the exact bytes it owns.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::scoring::Coefficients;

/// A loaded workspace: one file or a directory of files.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub name: String,
    pub mission: Option<String>,
    pub lens: Lens,
    pub stale_after_days: u32,
    pub coefficients: Coefficients,
    pub goals: Vec<Goal>,
    pub tasks: Vec<Task>,
    pub files: Vec<SourceFile>,
    /// The path the user named (file or directory).
    pub root: PathBuf,
    goal_index: HashMap<String, usize>,
    task_index: HashMap<String, usize>,
}

/// One TOML file of the workspace, with the exact text that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Where an item lives: the file and the byte span of its id (or header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub kind: GoalKind,
    pub parent: Option<String>,
    pub weight: u8,
    pub horizon: Option<Horizon>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    pub owner: Option<String>,
    pub key_results: Vec<KeyResult>,
    pub origin: Origin,
    /// The bytes of the goal in its file: from its `[[goals]]` header (with its key
    /// results) to the next top-level table, or its inline `{ … }`.
    pub block: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct KeyResult {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub start: f64,
    pub target: f64,
    pub current: f64,
    pub checkins: Vec<Checkin>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub status: TaskStatus,
    /// Links as written: goal ids or `goal/key-result`.
    pub goals: Vec<String>,
    pub impact: Option<u8>,
    pub effort: f64,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub urgent: bool,
    pub owner: Option<String>,
    pub tags: Vec<String>,
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
    /// Byte offset just after the last value that belongs directly to the task table.
    pub last_value_end: usize,
    /// The task is written as an inline table `{ ... }` rather than under `[[tasks]]`.
    pub inline: bool,
    /// The bytes of the task in its file: from its `[[tasks]]` header to the next
    /// top-level table, or its inline `{ … }`.
    pub block: Range<usize>,
}

/// A task's link resolved against the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub goal: usize,
    pub key_result: Option<usize>,
}

macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }
        impl $name {
            /// Every allowed value, as written in the file.
            pub const ALL: &'static [&'static str] = &[$($text),+];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)+ _ => None }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

choice!(
    /// The scoring mindset: the seed's strategic alignment, or task completion for crunch time.
    Lens { Strategy = "strategy", Crunch = "crunch" }
);
choice!(GoalKind { Objective = "objective", Operational = "operational" });
choice!(GoalStatus { Active = "active", Paused = "paused", Achieved = "achieved", Dropped = "dropped" });
choice!(Horizon { Sprint = "sprint", Quarter = "quarter", Year = "year", MultiYear = "multi-year" });
choice!(TaskStatus { Todo = "todo", Doing = "doing", Done = "done", Dropped = "dropped" });

impl TaskStatus {
    /// Open work: what effort shares are computed over.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Todo | TaskStatus::Doing)
    }
}

impl Workspace {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        name: String,
        mission: Option<String>,
        lens: Lens,
        stale_after_days: u32,
        coefficients: Coefficients,
        goals: Vec<Goal>,
        tasks: Vec<Task>,
        files: Vec<SourceFile>,
        root: PathBuf,
    ) -> Self {
        let mut ws = Workspace {
            name,
            mission,
            lens,
            stale_after_days,
            coefficients,
            goals,
            tasks,
            files,
            root,
            goal_index: HashMap::default(),
            task_index: HashMap::default(),
        };
        ws.reindex();
        ws
    }

    pub(crate) fn reindex(&mut self) {
        self.goal_index = self
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), i))
            .collect();
        self.task_index = self
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
    }

    /// Add a task at the end (an edit made it); keeps the id index.
    pub(crate) fn push_task(&mut self, task: Task) {
        self.task_index.insert(task.id.clone(), self.tasks.len());
        self.tasks.push(task);
    }

    /// Remove the last task (undoing [`Workspace::push_task`]).
    pub(crate) fn pop_task(&mut self) {
        if let Some(t) = self.tasks.pop() {
            self.task_index.remove(&t.id);
        }
    }

    pub fn goal_by_id(&self, id: &str) -> Option<usize> {
        self.goal_index.get(id).copied()
    }

    pub fn task_by_id(&self, id: &str) -> Option<usize> {
        self.task_index.get(id).copied()
    }

    /// Resolve a link as written (`goal` or `goal/kr`).
    pub fn resolve_link(&self, link: &str) -> Option<Link> {
        match link.split_once('/') {
            None => self.goal_by_id(link).map(|goal| Link {
                goal,
                key_result: None,
            }),
            Some((g, kr)) => {
                let goal = self.goal_by_id(g)?;
                let key_result = self.goals[goal]
                    .key_results
                    .iter()
                    .position(|k| k.id == kr)?;
                Some(Link {
                    goal,
                    key_result: Some(key_result),
                })
            }
        }
    }

    /// Every valid link target: goal ids and `goal/kr` pairs, in file order.
    pub fn link_targets(&self) -> impl Iterator<Item = String> + '_ {
        self.goals.iter().flat_map(|g| {
            std::iter::once(g.id.clone()).chain(
                g.key_results
                    .iter()
                    .map(move |k| format!("{}/{}", g.id, k.id)),
            )
        })
    }

    /// The resolved links of a task (unknown ones are skipped; validation reports them).
    pub fn links(&self, task: &Task) -> Vec<Link> {
        task.goals
            .iter()
            .filter_map(|l| self.resolve_link(l))
            .collect()
    }

    pub fn file_of(&self, origin: &Origin) -> &SourceFile {
        &self.files[origin.file]
    }
}

impl Goal {
    /// A goal past its due date no longer pulls work towards it.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.status == GoalStatus::Active && self.due.is_none_or(|d| d >= today)
    }
}

impl KeyResult {
    /// `(current - start) / (target - start)`, clamped to 0..1.
    pub fn progress(&self) -> f64 {
        self.progress_at(self.current).clamp(0.0, 1.0)
    }

    /// How far `value` is from start to target: 0 at the start, 1 at the target, beyond
    /// either end outside 0..1 (not clamped). Values so large that their differences
    /// overflow (a start of -1.79e308 and a target of 1.79e308) are worked out again
    /// scaled down by the largest of the three: the answer is always a finite number,
    /// 0 when the file holds no usable range.
    pub fn progress_at(&self, value: f64) -> f64 {
        // The share, or NaN when a difference overflowed.
        fn share(start: f64, target: f64, value: f64) -> f64 {
            let (span, moved) = (target - start, value - start);
            if !span.is_finite() || !moved.is_finite() {
                f64::NAN
            } else if span == 0.0 {
                if value == target { 1.0 } else { 0.0 }
            } else {
                moved / span
            }
        }
        let mut p = share(self.start, self.target, value);
        if !p.is_finite() {
            let scale = self.start.abs().max(self.target.abs()).max(value.abs());
            p = if scale.is_finite() && scale > 0.0 {
                share(self.start / scale, self.target / scale, value / scale)
            } else {
                0.0
            };
        }
        // `+ 0.0`: a lower-is-better key result still at its start is 0, not -0.
        if p.is_finite() { p + 0.0 } else { 0.0 }
    }

    pub fn latest_checkin(&self) -> Option<&Checkin> {
        self.checkins.iter().max_by_key(|c| c.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(start: f64, target: f64, current: f64) -> KeyResult {
        KeyResult {
            id: "k".into(),
            title: "K".into(),
            unit: None,
            start,
            target,
            current,
            checkins: Vec::new(),
            origin: Origin {
                file: 0,
                span: 0..0,
            },
        }
    }

    #[test]
    fn progress_is_the_share_of_the_way_clamped() {
        assert_eq!(kr(0.0, 10.0, 4.0).progress(), 0.4);
        assert_eq!(kr(4.0, 2.0, 3.0).progress(), 0.5);
        assert_eq!(kr(0.0, 10.0, 12.0).progress(), 1.0);
        assert_eq!(kr(0.0, 10.0, 12.0).progress_at(12.0), 1.2);
        assert_eq!(kr(0.0, 10.0, -5.0).progress(), 0.0);
    }

    #[test]
    fn progress_never_overflows_near_the_largest_float() {
        let wide = kr(-1.79e308, 1.79e308, 0.0);
        assert_eq!(wide.progress(), 0.5);
        assert_eq!(kr(-1.79e308, 1.79e308, 1.79e308).progress(), 1.0);
        assert_eq!(kr(1.79e308, -1.79e308, 1.79e308).progress(), 0.0);
        assert!(
            kr(-f64::MAX, f64::MAX, f64::MAX)
                .progress_at(-f64::MAX)
                .is_finite()
        );
        // Lower is better, still at the start: 0, never -0 (which prints as "-0%").
        let p = kr(4.0, 2.0, 4.0).progress();
        assert!(p == 0.0 && p.is_sign_positive());
    }

    #[test]
    fn progress_at_rises_as_the_key_result_improves_also_when_lower_is_better() {
        let churn = kr(4.0, 2.0, 3.0);
        assert_eq!(churn.progress_at(4.0), 0.0);
        assert_eq!(churn.progress_at(3.0), 0.5);
        assert_eq!(churn.progress_at(2.0), 1.0);
        // Not clamped: a trend line shows overshooting and sliding back.
        assert_eq!(churn.progress_at(5.0), -0.5);
        assert_eq!(churn.progress(), 0.5);
        let flat = kr(3.0, 3.0, 3.0);
        assert_eq!(flat.progress_at(3.0), 1.0);
        assert_eq!(flat.progress_at(2.0), 0.0);
    }
}
