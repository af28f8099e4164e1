//! The roll-up: per top goal of the cascade (a company goal without a parent), each
//! team's goals under it with their progress and the team's open effort that reaches it;
//! the company goals no team works on; each team's aligned and busy-work shares; and the
//! teams with no line of sight to any company goal. A task counts towards the goal its
//! line of sight reaches (its first link that resolves, as in `path`), so each open task
//! is counted once.

use chrono::NaiveDate;
use serde::Serialize;

use super::qualified;
use crate::model::{GoalIx, GoalStatus, Workspace};
use crate::scoring::Scoreboard;

/// One team as the roll-up reads it: its key, its workspace and its scores — a loaded
/// [`super::Team`], or a board's live session of it.
#[derive(Debug, Clone, Copy)]
pub struct TeamView<'a> {
    pub key: &'a str,
    pub workspace: &'a Workspace,
    pub scores: &'a Scoreboard,
}

/// The organisation rolled up against its top goals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub today: NaiveDate,
    pub teams: Vec<TeamSummary>,
    /// The top goals of the workspaces the teams align to, in the order the teams'
    /// upstreams list them.
    pub goals: Vec<RollupGoal>,
    /// The teams none of whose goals or open tasks reach a top goal, by key.
    pub teams_without_line_of_sight: Vec<String>,
}

/// One team's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamSummary {
    pub key: String,
    pub name: String,
    pub tasks: usize,
    pub open_tasks: usize,
    /// Open (todo + doing) effort.
    pub open_effort: f64,
    /// Shares of open effort, in percent (as `score` gives them).
    pub aligned_effort_pct: f64,
    pub busy_effort_pct: f64,
    /// Open effort that reaches a top goal (through the team's goals or straight).
    pub cascaded_effort: f64,
    /// Open effort on the team's own goals that reach no upstream goal.
    pub own_goals_effort: f64,
    /// Open effort linked to nothing.
    pub unlinked_effort: f64,
    /// Some goal or open task of the team reaches a top goal.
    pub line_of_sight: bool,
}

/// A top goal and the teams under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollupGoal {
    /// `company:growth`.
    pub id: String,
    pub title: String,
    pub status: GoalStatus,
    /// 0..1: its key results' mean; without key results, its children's across the
    /// organisation (the company's own and every team's), by weight.
    pub progress: f64,
    /// Open effort of every team that reaches it.
    pub open_effort: f64,
    /// Active, and no team's open work reaches it.
    pub orphan: bool,
    pub teams: Vec<TeamUnder>,
}

/// A team's part under a top goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamUnder {
    pub team: String,
    /// The team's goals whose parent is an upstream goal under the top goal.
    pub goals: Vec<TeamGoal>,
    pub open_effort: f64,
    /// The open tasks counted, as `team:T-101`.
    pub open_tasks: Vec<String>,
}

/// A team's goal, named across teams.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamGoal {
    /// `payments:retention`.
    pub id: String,
    pub title: String,
    /// Its upstream parent, `company:growth`.
    pub parent: String,
    pub progress: f64,
}

/// A child of a top goal, for the progress of one without key results.
struct Child {
    id: String,
    progress: f64,
    weight: u8,
}

/// A top goal while the teams are added to it.
struct Building {
    goal: RollupGoal,
    /// Its progress when it has key results.
    measured: Option<f64>,
    children: Vec<Child>,
}

/// The goal at the top of `g`'s chain of parents (itself when it has none).
fn top_of(ws: &Workspace, g: GoalIx) -> GoalIx {
    let mut cur = g;
    // Parents form no cycle (validation refuses one), but never loop whatever they say.
    for _ in 0..=ws.goals.len() {
        match ws.goals[cur]
            .parent
            .as_deref()
            .and_then(|p| ws.goal_by_id(p))
        {
            Some(p) => cur = p,
            None => break,
        }
    }
    cur
}

/// The roll-up of `teams` as of `today`.
pub fn rollup_of(today: NaiveDate, teams: &[TeamView<'_>]) -> Rollup {
    let mut tops: Vec<Building> = Vec::new();
    // The top goals: every upstream goal without a parent, once, as the teams list them;
    // and their upstream children, once.
    for t in teams {
        let ws = t.workspace;
        for (ix, g) in ws.goals_ix().filter(|(_, g)| g.upstream.is_some()) {
            let progress = t.scores.goals.get(ix.0).map_or(0.0, |f| f.progress);
            if top_of(ws, ix) == ix {
                if tops.iter().any(|b| b.goal.id == g.id) {
                    continue;
                }
                tops.push(Building {
                    goal: RollupGoal {
                        id: g.id.clone(),
                        title: g.title.clone(),
                        status: g.status,
                        progress: 0.0,
                        open_effort: 0.0,
                        orphan: false,
                        teams: Vec::new(),
                    },
                    measured: (!g.key_results.is_empty()).then_some(progress),
                    children: Vec::new(),
                });
            }
        }
        for (_, g) in ws.goals_ix().filter(|(_, g)| g.upstream.is_some()) {
            let Some(parent) = g.parent.as_deref() else {
                continue;
            };
            if let Some(b) = tops.iter_mut().find(|b| b.goal.id == parent)
                && !b.children.iter().any(|c| c.id == g.id)
            {
                let ix = ws.goal_by_id(&g.id);
                b.children.push(Child {
                    id: g.id.clone(),
                    progress: ix
                        .and_then(|ix| t.scores.goals.get(ix.0))
                        .map_or(0.0, |f| f.progress),
                    weight: g.weight,
                });
            }
        }
    }
    let summaries: Vec<TeamSummary> = teams
        .iter()
        .map(|t| team_under_goals(t, &mut tops))
        .collect();
    let goals = tops
        .into_iter()
        .map(|b| {
            let mut goal = b.goal;
            goal.progress = b.measured.unwrap_or_else(|| weighted(&b.children));
            goal.orphan = goal.status == GoalStatus::Active && goal.open_effort <= 0.0;
            goal
        })
        .collect();
    Rollup {
        today,
        teams_without_line_of_sight: summaries
            .iter()
            .filter(|t| !t.line_of_sight)
            .map(|t| t.key.clone())
            .collect(),
        teams: summaries,
        goals,
    }
}

/// The children's progress by weight (0 without children).
fn weighted(children: &[Child]) -> f64 {
    let total: f64 = children.iter().map(|c| f64::from(c.weight)).sum();
    if total > 0.0 {
        children
            .iter()
            .map(|c| c.progress * f64::from(c.weight))
            .sum::<f64>()
            / total
    } else {
        0.0
    }
}

/// Team `t`'s goals and open effort, added under the top goals they reach; its summary.
fn team_under_goals(t: &TeamView<'_>, tops: &mut [Building]) -> TeamSummary {
    let ws = t.workspace;
    let mut parts: Vec<TeamUnder> = tops
        .iter()
        .map(|_| TeamUnder {
            team: t.key.to_string(),
            goals: Vec::new(),
            open_effort: 0.0,
            open_tasks: Vec::new(),
        })
        .collect();
    let place = |top: GoalIx| tops.iter().position(|b| b.goal.id == ws.goals[top].id);
    let mut children: Vec<(usize, Child)> = Vec::new();
    for (ix, g) in ws.own_goals() {
        let Some(parent) = g.parent.as_deref().and_then(|p| ws.goal_by_id(p)) else {
            continue;
        };
        if ws.goals[parent].upstream.is_none() {
            continue;
        }
        let Some(at) = place(top_of(ws, ix)) else {
            continue;
        };
        let progress = t.scores.goals.get(ix.0).map_or(0.0, |f| f.progress);
        let id = qualified(t.key, &g.id);
        if parent == top_of(ws, parent) {
            children.push((
                at,
                Child {
                    id: id.clone(),
                    progress,
                    weight: g.weight,
                },
            ));
        }
        parts[at].goals.push(TeamGoal {
            id,
            title: g.title.clone(),
            parent: ws.goals[parent].id.clone(),
            progress,
        });
    }
    let (mut cascaded, mut own, mut unlinked, mut open_tasks) = (0.0, 0.0, 0.0, 0);
    for task in ws.tasks.iter().filter(|t| t.status.is_open()) {
        open_tasks += 1;
        let Some(link) = ws.links_of(task).next() else {
            unlinked += task.effort;
            continue;
        };
        let top = top_of(ws, link.goal);
        match place(top).filter(|_| ws.goals[top].upstream.is_some()) {
            Some(at) => {
                cascaded += task.effort;
                parts[at].open_effort += task.effort;
                parts[at].open_tasks.push(qualified(t.key, &task.id));
            }
            None => own += task.effort,
        }
    }
    let mut line_of_sight = false;
    for (b, part) in tops.iter_mut().zip(parts) {
        if !part.goals.is_empty() || !part.open_tasks.is_empty() {
            line_of_sight = true;
            b.goal.open_effort += part.open_effort;
            b.goal.teams.push(part);
        }
    }
    for (at, child) in children {
        tops[at].children.push(child);
    }
    let s = &t.scores.summary;
    TeamSummary {
        key: t.key.to_string(),
        name: ws.name.clone(),
        tasks: s.tasks,
        open_tasks,
        open_effort: s.open_effort,
        aligned_effort_pct: s.aligned_effort_pct,
        busy_effort_pct: s.busy_effort_pct,
        cascaded_effort: cascaded,
        own_goals_effort: own,
        unlinked_effort: unlinked,
        line_of_sight,
    }
}
