//! The workspace as the team wrote it: mission, goals with key results and check-ins,
//! and tasks with their links. Everything else (scores, the comparison, the board) is
//! derived from these types, so they stay plain data with no behaviour beyond small
//! lookups. Each item remembers where it came from (`Origin`) so errors can point at it
//! and write-back can splice the exact bytes it owns.
//!
//! Here the workspace itself; `goal` and `task` are the items, `link` how a task names
//! what it serves, `resolved` every task's links found once, `ix` the places in the
//! workspace's lists, `choices` the fixed words a file may use, `coefficients` the scoring
//! numbers in force.

mod choices;
mod coefficients;
mod goal;
mod ix;
mod link;
mod resolved;
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

pub(crate) use resolved::Resolved;

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
    /// What other workspaces call this one (`[workspace] key`, else the stem of `root`).
    pub key: String,
    /// The workspaces this one aligns to (`[workspace] upstream`) and theirs in turn, each
    /// once: their goals are in `goals` (after the team's own), read-only.
    pub upstreams: Vec<Upstream>,
    goal_index: HashMap<String, GoalIx>,
    task_index: HashMap<String, TaskIx>,
    /// Every task's links as resolved, kept as tasks come, go and are relinked.
    resolved: Resolved,
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
    pub key: String,
    pub upstreams: Vec<Upstream>,
}

/// A workspace this one aligns to, loaded read-only: its goals join the workspace's
/// named `key:id` (with [`Goal::upstream`] saying whose they are); its files are kept
/// here, apart from the workspace's own, so nothing ever writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Upstream {
    /// How this workspace's goals are named: `key:goal`.
    pub key: String,
    pub name: String,
    pub mission: Option<String>,
    /// Its file or directory.
    pub root: PathBuf,
    /// Its files, as read: its goals' origins point into these.
    pub files: Vec<SourceFile>,
}

/// One TOML file of the workspace, with the exact text that was read.
#[derive(Debug, Clone, PartialEq)]
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

/// What a workspace finds its items by: each goal's and task's place by id, and every
/// task's links resolved. Made from the lists alone, in two halves that need not wait
/// for each other (the tasks' ids; the goals' and the links), so that loading makes the
/// first on a core of its own while validation reads the same lists on another.
#[derive(Debug)]
pub(crate) struct Indexes {
    goal_index: HashMap<String, GoalIx>,
    task_index: HashMap<String, TaskIx>,
    resolved: Resolved,
}

/// The first half of [`Indexes`]: each task's place by its id (the first task to have
/// it), and each task whose id an earlier task already has, with that task's place:
/// what validation reports as duplicates, so that the ids are hashed once.
#[derive(Debug)]
pub(crate) struct TaskIndex {
    index: HashMap<String, TaskIx>,
    pub(crate) repeated: Vec<(TaskIx, TaskIx)>,
}

impl TaskIndex {
    pub(crate) fn of(tasks: &[Task]) -> TaskIndex {
        let mut index = HashMap::with_capacity_and_hasher(tasks.len(), Default::default());
        let mut repeated = Vec::new();
        for (i, t) in tasks.iter().enumerate() {
            match index.entry(t.id.clone()) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    repeated.push((TaskIx(i), *first.get()));
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(TaskIx(i));
                }
            }
        }
        TaskIndex { index, repeated }
    }
}

impl Indexes {
    /// The indexes of `goals` and `tasks` (the goals of upstream workspaces included, in
    /// their places after the workspace's own).
    pub(crate) fn of(goals: &[Goal], tasks: &[Task]) -> Indexes {
        let task_index = tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), TaskIx(i)))
            .collect();
        Indexes::completing(
            TaskIndex {
                index: task_index,
                repeated: Vec::new(),
            },
            goals,
            tasks,
        )
    }

    /// The indexes of `goals` and `tasks`, whose tasks' ids are indexed in `tasks_ix`
    /// ([`TaskIndex::of`] them).
    pub(crate) fn completing(tasks_ix: TaskIndex, goals: &[Goal], tasks: &[Task]) -> Indexes {
        let goal_index = goal_index(goals);
        let resolved = Resolved::new(Workspace::link_lists(tasks), |l| {
            link::resolve(&goal_index, goals, l)
        });
        Indexes::made(goal_index, tasks_ix, resolved)
    }

    /// The indexes made already: `goal_index` ([`goal_index`] of the goals), `tasks_ix`
    /// and `resolved`, every task's links found in `goal_index`.
    pub(crate) fn made(
        goal_index: HashMap<String, GoalIx>,
        tasks_ix: TaskIndex,
        resolved: Resolved,
    ) -> Indexes {
        Indexes {
            goal_index,
            task_index: tasks_ix.index,
            resolved,
        }
    }
}

/// `link` found among `goals` (indexed by id in `index`).
pub(crate) fn resolve_in(
    index: &HashMap<String, GoalIx>,
    goals: &[Goal],
    link: &LinkRef,
) -> Option<Link> {
    link::resolve(index, goals, link)
}

/// Each goal's place by its id.
pub(crate) fn goal_index(goals: &[Goal]) -> HashMap<String, GoalIx> {
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), GoalIx(i)))
        .collect()
}

impl Workspace {
    /// The workspace made of `parts`, its items indexed by id.
    pub fn new(parts: Parts) -> Self {
        let indexes = Indexes::of(&parts.goals, &parts.tasks);
        Workspace::indexed(parts, indexes)
    }

    /// The workspace made of `parts` with `indexes` already made of its lists
    /// ([`Indexes::of`] its goals and tasks).
    pub(crate) fn indexed(parts: Parts, indexes: Indexes) -> Self {
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
            key,
            upstreams,
        } = parts;
        let ws = Workspace {
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
            key,
            upstreams,
            goal_index: indexes.goal_index,
            task_index: indexes.task_index,
            resolved: indexes.resolved,
        };
        debug_assert_eq!(ws.resolved.len(), ws.tasks.len());
        ws
    }

    /// Every task's links resolved afresh.
    fn resolve_all(&mut self) {
        let (index, goals) = (&self.goal_index, &self.goals);
        self.resolved = Resolved::new(Self::link_lists(&self.tasks), |l| {
            link::resolve(index, goals, l)
        });
    }

    /// The goals changed (one added, removed, renamed or given other key results): their
    /// index and every task's links follow.
    pub(crate) fn goals_changed(&mut self) {
        self.goal_index = goal_index(&self.goals);
        self.resolve_all();
    }

    /// The links of the tasks at `range` changed: resolve theirs again, and those of the
    /// tasks now at `range.start..range.start + new` in place of the `range.len()` before.
    fn resolve_tasks(&mut self, range: Range<usize>, new: usize) {
        let (index, goals) = (&self.goal_index, &self.goals);
        let tasks = &self.tasks[range.start..range.start + new];
        self.resolved.splice(range, Self::link_lists(tasks), |l| {
            link::resolve(index, goals, l)
        });
    }

    fn link_lists(tasks: &[Task]) -> impl ExactSizeIterator<Item = &[LinkRef]> + Clone {
        tasks.iter().map(|t| t.goals.as_slice())
    }

    /// Task `task`'s links were changed in place (`tasks[task].goals`): resolve them again.
    pub(crate) fn relinked(&mut self, task: TaskIx) {
        self.resolve_tasks(task.0..task.0 + 1, 1);
    }

    /// Add a task at the end (an edit made it); keeps the id index.
    pub(crate) fn push_task(&mut self, task: Task) {
        self.task_index
            .insert(task.id.clone(), TaskIx(self.tasks.len()));
        self.tasks.push(task);
        let n = self.tasks.len();
        self.resolve_tasks(n - 1..n - 1, 1);
    }

    /// Remove the last task (undoing [`Workspace::push_task`]).
    pub(crate) fn pop_task(&mut self) {
        if let Some(t) = self.tasks.pop() {
            self.task_index.remove(&t.id);
            let n = self.tasks.len();
            self.resolve_tasks(n..n + 1, 0);
        }
    }

    /// Put `tasks` in place of the tasks at `range` (a view made of other workspaces
    /// follows one of them): the id index follows, the tasks after the range by their
    /// new places, without indexing every task again.
    pub fn splice_tasks(&mut self, range: Range<usize>, tasks: Vec<Task>) {
        for t in &self.tasks[range.clone()] {
            self.task_index.remove(&t.id);
        }
        let (start, old, new) = (range.start, range.len(), tasks.len());
        self.tasks.splice(range, tasks);
        if old != new {
            for (i, t) in self.tasks.iter().enumerate().skip(start + new) {
                if let Some(ix) = self.task_index.get_mut(&t.id) {
                    *ix = TaskIx(i);
                }
            }
        }
        for (i, t) in self.tasks.iter().enumerate().skip(start).take(new) {
            self.task_index.insert(t.id.clone(), TaskIx(i));
        }
        self.resolve_tasks(start..start + old, new);
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
        self.links_of(task).collect()
    }

    /// What each of task `t`'s links names, in the order it writes them (`None`: a link
    /// that names nothing), as resolved when the task or the goals last changed.
    pub fn resolved(&self, t: TaskIx) -> &[Option<Link>] {
        debug_assert_eq!(self.resolved.len(), self.tasks.len());
        let kept = self.resolved.of(t.0);
        debug_assert!(
            kept.iter().eq(self.tasks[t]
                .goals
                .iter()
                .map(|l| self.resolve_link(l))
                .collect::<Vec<_>>()
                .iter()),
            "the kept links of task {} are not what it links to now",
            self.tasks[t].id
        );
        kept
    }

    /// The links of task `t` that name something, in the order it writes them.
    pub fn task_links(&self, t: TaskIx) -> impl Iterator<Item = Link> + '_ {
        self.resolved(t).iter().flatten().copied()
    }

    /// The links of `task` that name something: those kept when it is one of the
    /// workspace's tasks, else each resolved now (a copy of a task, or another's).
    pub fn links_of<'a>(&'a self, task: &'a Task) -> impl Iterator<Item = Link> + 'a {
        let kept = self.place_of(task).map(|t| self.task_links(t));
        let fresh = kept
            .is_none()
            .then(|| task.goals.iter().filter_map(|l| self.resolve_link(l)));
        kept.into_iter()
            .flatten()
            .chain(fresh.into_iter().flatten())
    }

    /// The place of `task` when it is one of the workspace's tasks (not a copy): found
    /// from its address, so that code holding a `&Task` reads the kept links.
    fn place_of(&self, task: &Task) -> Option<TaskIx> {
        let size = std::mem::size_of::<Task>();
        let base = self.tasks.as_ptr() as usize;
        let offset = (task as *const Task as usize).checked_sub(base)?;
        (offset < self.tasks.len() * size && offset.is_multiple_of(size))
            .then_some(TaskIx(offset / size))
    }

    /// The file a local item comes from (an upstream goal's is [`Workspace::goal_file`]).
    pub fn file_of(&self, origin: &Origin) -> &SourceFile {
        &self.files[origin.file]
    }

    /// The file goal `g` is written in: the workspace's own, or its upstream's.
    pub fn goal_file(&self, g: GoalIx) -> &SourceFile {
        let goal = &self.goals[g];
        match goal.upstream.and_then(|u| self.upstreams.get(u)) {
            Some(u) => &u.files[goal.origin.file],
            None => &self.files[goal.origin.file],
        }
    }

    /// The upstream goal `g` belongs to, when it is not the team's own.
    pub fn upstream_of(&self, g: GoalIx) -> Option<&Upstream> {
        self.goals[g].upstream.and_then(|u| self.upstreams.get(u))
    }

    /// The team's own goals (those it may edit), with their places.
    pub fn own_goals(&self) -> impl Iterator<Item = (GoalIx, &Goal)> {
        self.goals_ix().filter(|(_, g)| g.upstream.is_none())
    }
}
