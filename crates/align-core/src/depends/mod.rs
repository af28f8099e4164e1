//! Dependencies between tasks: `depends = ["T-99"]` says a task waits on T-99, as in
//! Taskwarrior. Enabling work — the migration the top task waits on — has no link of its
//! own, yet it matters because of what it unblocks; scoring, line of sight, the board
//! and the Insights tab all need to walk from a task to the tasks that wait on it and
//! back. [`Dependencies`] is that graph, resolved once from the ids as written, in both
//! directions, as flat lists (no allocation per task), so a workspace of 100,000 tasks
//! is walked in linear time.
//!
//! Here the graph; `check` is what loading refuses (unknown ids, a task waiting on
//! itself, a cycle).

pub(crate) mod check;

use crate::model::{TaskIx, Workspace};

/// Who waits on whom, resolved: for each task the tasks it waits on (its blockers) and
/// the tasks that wait on it (its dependents). Ids that name no task, a task naming
/// itself, and a second mention of the same blocker are left out (loading refuses the
/// first two; the graph is still sound if handed a workspace that was not checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependencies {
    /// `blockers[blocker_at[t]..blocker_at[t + 1]]` are the tasks `t` waits on.
    blocker_at: Vec<usize>,
    blockers: Vec<TaskIx>,
    /// `dependents[dependent_at[t]..dependent_at[t + 1]]` are the tasks waiting on `t`.
    dependent_at: Vec<usize>,
    dependents: Vec<TaskIx>,
}

impl Dependencies {
    /// The graph of `ws`'s `depends` lists.
    pub fn new(ws: &Workspace) -> Dependencies {
        let n = ws.tasks.len();
        let mut blocker_at = Vec::with_capacity(n + 1);
        let mut blockers = Vec::new();
        blocker_at.push(0);
        for (t, task) in ws.tasks_ix() {
            let from = blockers.len();
            for id in &task.depends {
                if let Some(b) = ws.task_by_id(id)
                    && b != t
                    && !blockers[from..].contains(&b)
                {
                    blockers.push(b);
                }
            }
            blocker_at.push(blockers.len());
        }
        if blockers.is_empty() {
            return Dependencies {
                blocker_at,
                blockers,
                dependent_at: vec![0; n + 1],
                dependents: Vec::new(),
            };
        }
        // The reverse lists by counting: how many wait on each task, then placed.
        let mut dependent_at = vec![0usize; n + 1];
        for b in &blockers {
            dependent_at[b.0 + 1] += 1;
        }
        for i in 0..n {
            dependent_at[i + 1] += dependent_at[i];
        }
        let mut next = dependent_at.clone();
        let mut dependents = vec![TaskIx(0); blockers.len()];
        for t in 0..n {
            for b in &blockers[blocker_at[t]..blocker_at[t + 1]] {
                dependents[next[b.0]] = TaskIx(t);
                next[b.0] += 1;
            }
        }
        Dependencies {
            blocker_at,
            blockers,
            dependent_at,
            dependents,
        }
    }

    /// No task waits on another.
    pub fn is_empty(&self) -> bool {
        self.blockers.is_empty()
    }

    /// The tasks `t` waits on.
    pub fn blockers(&self, t: TaskIx) -> &[TaskIx] {
        match (self.blocker_at.get(t.0), self.blocker_at.get(t.0 + 1)) {
            (Some(&a), Some(&b)) => &self.blockers[a..b],
            _ => &[],
        }
    }

    /// The tasks waiting on `t`.
    pub fn dependents(&self, t: TaskIx) -> &[TaskIx] {
        match (self.dependent_at.get(t.0), self.dependent_at.get(t.0 + 1)) {
            (Some(&a), Some(&b)) => &self.dependents[a..b],
            _ => &[],
        }
    }

    /// The open tasks `t` waits on: while there is one, `t` is blocked.
    pub fn open_blockers<'a>(
        &'a self,
        ws: &'a Workspace,
        t: TaskIx,
    ) -> impl Iterator<Item = TaskIx> + 'a {
        self.blockers(t)
            .iter()
            .copied()
            .filter(|&b| ws.tasks[b].status.is_open())
    }

    /// Every task `t` waits on, directly or through other tasks, each once, nearest
    /// first (a breadth-first walk: a cycle, which loading refuses, ends it).
    pub fn all_blockers(&self, t: TaskIx) -> Vec<TaskIx> {
        let mut out: Vec<TaskIx> = Vec::new();
        let mut at = 0;
        let mut cur = t;
        loop {
            for &b in self.blockers(cur) {
                if b != t && !out.contains(&b) {
                    out.push(b);
                }
            }
            match out.get(at) {
                Some(&next) => {
                    cur = next;
                    at += 1;
                }
                None => return out,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    #[test]
    fn the_graph_runs_both_ways_and_ignores_what_names_nothing() {
        let ws = load_text(
            "version = 1\n[[tasks]]\nid = \"a\"\ntitle = \"A\"\n\
             [[tasks]]\nid = \"b\"\ntitle = \"B\"\ndepends = [\"a\"]\n\
             [[tasks]]\nid = \"c\"\ntitle = \"C\"\ndepends = [\"a\", \"b\"]\n",
        );
        let d = Dependencies::new(&ws);
        assert_eq!(d.blockers(TaskIx(2)), [TaskIx(0), TaskIx(1)]);
        assert_eq!(d.dependents(TaskIx(0)), [TaskIx(1), TaskIx(2)]);
        assert_eq!(d.dependents(TaskIx(2)), []);
        assert_eq!(d.all_blockers(TaskIx(2)), [TaskIx(0), TaskIx(1)]);
        assert_eq!(d.blockers(TaskIx(9)), [], "a place past the end has none");
        let mut ws = ws;
        ws.tasks[0].depends = vec!["a".into(), "zz".into(), "c".into(), "c".into()];
        let d = Dependencies::new(&ws);
        assert_eq!(
            d.blockers(TaskIx(0)),
            [TaskIx(2)],
            "self, unknown, twice: left out"
        );
        assert_eq!(d.all_blockers(TaskIx(0)).len(), 2, "a cycle ends the walk");
    }
}
