//! The whole organisation as one workspace to read: every team's goals and tasks named
//! across teams (`payments:T-101`, `payments:retention`), the goals they align to once.
//! Compare and Insights ask their questions of one workspace and its scores; this lets
//! them ask them of the organisation without a second implementation. It is a view,
//! never written: each task keeps the score its own team gave it (its own coefficients
//! and lens), and [`OrgView::origin`] leads every task back to its team, where edits go.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{TeamView, qualified};
use crate::model::{Goal, Lens, LinkRef, Parts, TaskIx, Upstream, Workspace};
use crate::scoring::{Scoreboard, Scorer, summarize};

/// The organisation as one read-only workspace.
pub struct OrgView {
    pub workspace: Workspace,
    pub scores: Scoreboard,
    /// What the goals' pace and activity are, for the panes that show them.
    pub scorer: Scorer,
    /// For each task of `workspace`, by index: its team (in the order given) and its
    /// index in that team's workspace.
    pub origin: Vec<(usize, TaskIx)>,
}

/// The organisation of `teams` as one workspace, named `name`, scored as of `today`.
pub fn merged(name: &str, today: NaiveDate, lens: Lens, teams: &[TeamView<'_>]) -> OrgView {
    let mut goals: Vec<Goal> = Vec::new();
    let mut upstream_goals: Vec<Goal> = Vec::new();
    let mut upstreams: Vec<Upstream> = Vec::new();
    let mut tasks = Vec::new();
    let mut scores = Vec::new();
    let mut origin = Vec::new();
    let mut files = Vec::new();
    for (n, t) in teams.iter().enumerate() {
        let ws = t.workspace;
        let offset = files.len();
        files.extend(ws.files.iter().cloned());
        // The goals they align to, once (by id), their upstream index into the view's.
        let mut upstream_at: HashMap<usize, usize> = HashMap::new();
        for (u, up) in ws.upstreams.iter().enumerate() {
            let at = if let Some(at) = upstreams.iter().position(|o| o.key == up.key) {
                at
            } else {
                upstreams.push(up.clone());
                upstreams.len() - 1
            };
            upstream_at.insert(u, at);
        }
        let local = |id: &str| match ws.goal_by_id(id) {
            Some(g) if ws.goals[g].upstream.is_none() => qualified(t.key, id),
            _ => id.to_string(),
        };
        for g in &ws.goals {
            let mut g = g.clone();
            if let Some(u) = g.upstream {
                if upstream_goals.iter().any(|o| o.id == g.id) {
                    continue;
                }
                g.upstream = upstream_at.get(&u).copied();
                upstream_goals.push(g);
            } else {
                g.id = qualified(t.key, &g.id);
                g.parent = g.parent.as_deref().map(local);
                g.origin.file.0 += offset;
                for k in &mut g.key_results {
                    k.origin.file.0 += offset;
                }
                goals.push(g);
            }
        }
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
            task.origin.file.0 += offset;
            tasks.push(task);
            scores.push(score.clone());
            origin.push((n, ix));
        }
    }
    // The goals aligned to first, as each team's tree shows them.
    upstream_goals.extend(goals);
    let first = teams.first().map(|t| t.workspace);
    let workspace = Workspace::new(Parts {
        name: name.to_string(),
        mission: first.and_then(|w| w.upstreams.first()?.mission.clone()),
        lens,
        stale_after_days: first.map_or(14, |w| w.stale_after_days),
        traction_window_days: first.map_or(28, |w| w.traction_window_days),
        coefficients: first.map(|w| w.coefficients.clone()).unwrap_or_default(),
        goals: upstream_goals,
        tasks,
        files,
        root: first.map(|w| w.root.clone()).unwrap_or_default(),
        key: String::new(),
        upstreams,
    });
    let scorer = Scorer::new(&workspace, today, lens);
    let summary = summarize(&workspace, &scores);
    let scores = Scoreboard {
        today,
        lens,
        goals: scorer.goal_flags(&workspace),
        tasks: scores,
        summary,
    };
    OrgView {
        workspace,
        scores,
        scorer,
        origin,
    }
}
