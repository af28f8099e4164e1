//! The workspace as the team wrote it: mission, goals with key results and check-ins,
//! and tasks with their links. Everything else (scores, the comparison, the board) is
//! derived from these types, so they stay plain data with no behaviour beyond small
//! lookups. Each item remembers where it came from (`Origin`) so errors can point at it
//! and write-back can splice the exact bytes it owns.
//!
//! Here the workspace itself; `goal` and `task` are the items, `link` how a task names
//! what it serves, `ix` the places in the workspace's lists, `choices` the fixed words a
//! file may use, `coefficients` the scoring numbers in force.

mod choices;
mod coefficients;
mod goal;
mod ix;
mod link;
mod task;

use std::ops::Range;
use std::path::PathBuf;

use rustc_hash::FxHashMap as HashMap;

pub use choices::{GoalKind, GoalStatus, Horizon, Lens, TaskStatus};
pub use coefficients::Coefficients;
pub use goal::{Checkin, Goal, KeyResult};
pub use ix::{FileIx, GoalIx, TaskIx};
pub use link::{Link, LinkRef};
pub use task::{Task, TaskLayout};

/// A loaded workspace: one file or a directory of files.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub name: String,
    pub mission: Option<String>,
    pub lens: Lens,
    pub stale_after_days: u32,
    /// Days of finished work weighed against key-result movement (see [`crate::traction`]).
    pub traction_window_days: u32,
    pub coefficients: Coefficients,
    pub goals: Vec<Goal>,
    pub tasks: Vec<Task>,
    pub files: Vec<SourceFile>,
    /// The path the user named (file or directory).
    pub root: PathBuf,
    goal_index: HashMap<String, GoalIx>,
    task_index: HashMap<String, TaskIx>,
}

/// Everything a workspace is made of, as loading gathers it.
#[derive(Debug, Clone)]
pub struct Parts {
    pub name: String,
    pub mission: Option<String>,
    pub lens: Lens,
    pub stale_after_days: u32,
    /// Days of finished work weighed against key-result movement (see [`crate::traction`]).
    pub traction_window_days: u32,
    pub coefficients: Coefficients,
    pub goals: Vec<Goal>,
    pub tasks: Vec<Task>,
    pub files: Vec<SourceFile>,
    pub root: PathBuf,
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
    pub file: FileIx,
    pub span: Range<usize>,
}

impl Workspace {
    /// The workspace made of `parts`, its items indexed by id.
    pub fn new(parts: Parts) -> Self {
        let Parts {
            name,
            mission,
            lens,
            stale_after_days,
            traction_window_days,
            coefficients,
            goals,
            tasks,
            files,
            root,
        } = parts;
        let mut ws = Workspace {
            name,
            mission,
            lens,
            stale_after_days,
            traction_window_days,
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
            .map(|(i, g)| (g.id.clone(), GoalIx(i)))
            .collect();
        self.task_index = self
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), TaskIx(i)))
            .collect();
    }

    /// Add a task at the end (an edit made it); keeps the id index.
    pub(crate) fn push_task(&mut self, task: Task) {
        self.task_index
            .insert(task.id.clone(), TaskIx(self.tasks.len()));
        self.tasks.push(task);
    }

    /// Remove the last task (undoing [`Workspace::push_task`]).
    pub(crate) fn pop_task(&mut self) {
        if let Some(t) = self.tasks.pop() {
            self.task_index.remove(&t.id);
        }
    }

    pub fn goal_by_id(&self, id: &str) -> Option<GoalIx> {
        self.goal_index.get(id).copied()
    }

    pub fn task_by_id(&self, id: &str) -> Option<TaskIx> {
        self.task_index.get(id).copied()
    }

    /// Every task with its place.
    pub fn tasks_ix(&self) -> impl DoubleEndedIterator<Item = (TaskIx, &Task)> + ExactSizeIterator {
        self.tasks.iter().enumerate().map(|(i, t)| (TaskIx(i), t))
    }

    /// Every goal with its place.
    pub fn goals_ix(&self) -> impl DoubleEndedIterator<Item = (GoalIx, &Goal)> + ExactSizeIterator {
        self.goals.iter().enumerate().map(|(i, g)| (GoalIx(i), g))
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
