//! One team's share of the organisation's view: its goals and tasks named across teams,
//! the goals it aligns to, its scores and files. The view is these shares laid end to
//! end; after an edit in one team only that team's share is made again and put in
//! place of the old one ([`super::OrgView::update`]).

use crate::model::{Goal, LinkRef, SourceFile, Task, TaskIx, Upstream};
use crate::org::{TeamView, qualified};
use crate::scoring::Score;

/// A team's items as the view names them; file origins count from the team's first
/// file (the view adds where its files start).
#[derive(Debug)]
pub(super) struct Share {
    /// The workspaces the team aligns to, as it loaded them.
    pub upstreams: Vec<Upstream>,
    /// Their goals, as the team has them (`upstream` an index into `upstreams`).
    pub upstream_goals: Vec<Goal>,
    /// The team's own goals, named `team:id`.
    pub goals: Vec<Goal>,
    /// The team's tasks that it scored, named `team:T-101`, their links renamed alike.
    pub tasks: Vec<Task>,
    pub scores: Vec<Score>,
    /// Each task's index in the team's workspace.
    pub origin: Vec<TaskIx>,
    pub files: Vec<SourceFile>,
}

/// Team `t`'s share of the view.
pub(super) fn share(t: &TeamView<'_>) -> Share {
    let ws = t.workspace;
    let local = |id: &str| match ws.goal_by_id(id) {
        Some(g) if ws.goals[g].upstream.is_none() => qualified(t.key, id),
        _ => id.to_string(),
    };
    let mut upstream_goals = Vec::new();
    let mut goals = Vec::new();
    for g in &ws.goals {
        if g.upstream.is_some() {
            upstream_goals.push(g.clone());
            continue;
        }
        let mut g = g.clone();
        g.id = qualified(t.key, &g.id);
        g.parent = g.parent.as_deref().map(local);
        goals.push(g);
    }
    let (mut tasks, mut scores, mut origin) = (Vec::new(), Vec::new(), Vec::new());
    for (ix, task) in ws.tasks_ix() {
        // A team's scores cover its tasks; never invent one.
        let Some(score) = t.scores.tasks.get(ix.0) else {
            continue;
        };
        let mut task = task.clone();
        task.id = qualified(t.key, &task.id);
        task.goals = task
            .goals
            .iter()
            .map(|l| LinkRef {
                goal: local(&l.goal),
                key_result: l.key_result.clone(),
            })
            .collect();
        task.depends = task.depends.iter().map(|d| qualified(t.key, d)).collect();
        tasks.push(task);
        scores.push(score.clone());
        origin.push(ix);
    }
    Share {
        upstreams: ws.upstreams.clone(),
        upstream_goals,
        goals,
        tasks,
        scores,
        origin,
        files: ws.files.clone(),
    }
}

impl Share {
    /// Its items with their file origins counted from `offset`, the view's index of the
    /// team's first file.
    pub fn shifted(mut self, offset: usize) -> Share {
        for g in &mut self.goals {
            g.origin.file.0 += offset;
            for k in &mut g.key_results {
                k.origin.file.0 += offset;
            }
        }
        for t in &mut self.tasks {
            t.origin.file.0 += offset;
        }
        self
    }
}
