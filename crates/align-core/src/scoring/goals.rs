//! What the links say about goals rather than tasks: a goal's progress, each key
//! result's pace against the plan, and the flags the board and the report raise — an
//! orphan goal no open work serves, a stale one nobody has checked in on.

use chrono::NaiveDate;

use super::Scorer;
use crate::model::{GoalIx, Task, Workspace};

/// Derived facts about a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalFlags {
    /// Mean key-result progress, 0..1 (see [`goal_progress`]).
    pub progress: f64,
    /// Open tasks linked to the goal or one of its key results.
    pub open_tasks: usize,
    /// Active, yet no open task serves it or any goal below it.
    pub orphan: bool,
    /// Active, measured by key results, and not checked in for `stale_after_days`.
    pub stale: bool,
    /// Date of the newest check-in of any of its key results.
    pub last_checkin: Option<NaiveDate>,
}

/// Where a key result stands against the plan (the goal's start..due).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub progress: f64,
    /// Share of the goal's time already gone, when it has both dates.
    pub expected: Option<f64>,
}

impl Pace {
    pub fn behind(&self) -> bool {
        self.expected.is_some_and(|e| self.progress + 1e-9 < e)
    }
}

impl Scorer {
    /// Flags of every goal, from the tasks' links.
    pub fn goal_flags(&self, ws: &Workspace) -> Vec<GoalFlags> {
        self.goal_flags_from(ws, &open_counts(ws))
    }

    /// Flags of every goal given each goal's count of open tasks ([`open_counts`]): what
    /// an edit of one task changes, the board adjusts by [`counted_goals`] and passes
    /// here, without going over every task again.
    pub fn goal_flags_from(&self, ws: &Workspace, open: &[usize]) -> Vec<GoalFlags> {
        let n = ws.goals.len();
        // One count a goal, whatever was passed.
        let open: Vec<usize> = (0..n).map(|g| open.get(g).copied().unwrap_or(0)).collect();
        // Work on a child goal serves its parents too: carry it up the tree.
        let mut served: Vec<bool> = open.iter().map(|&c| c > 0).collect();
        for (g, &count) in open.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let mut cur = ws.goals[g].parent.as_deref().and_then(|p| ws.goal_by_id(p));
            let mut hops = 0;
            while let Some(p) = cur {
                if served[p] && hops > 0 || hops > n {
                    break;
                }
                served[p] = true;
                hops += 1;
                cur = ws.goals[p].parent.as_deref().and_then(|p| ws.goal_by_id(p));
            }
        }
        ws.goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let last_checkin = g
                    .key_results
                    .iter()
                    .filter_map(|k| k.latest_checkin().map(|c| c.date))
                    .max();
                let reference = last_checkin.or(g.start);
                let stale = self.active[i]
                    && !g.key_results.is_empty()
                    && reference.is_none_or(|d| {
                        (self.today - d).num_days() > i64::from(ws.stale_after_days)
                    });
                GoalFlags {
                    progress: goal_progress(g),
                    open_tasks: open[i],
                    orphan: self.active[i] && !served[i],
                    stale,
                    last_checkin,
                }
            })
            .collect()
    }
}

/// Open tasks linked to each goal (straight, or through one of its key results; a task
/// counts once per goal), in goal order.
pub fn open_counts(ws: &Workspace) -> Vec<usize> {
    let mut open = vec![0usize; ws.goals.len()];
    // Which task last counted for each goal: a task linked to a goal and to one of its
    // key results counts once, without a list per task.
    let mut counted_for = vec![usize::MAX; ws.goals.len()];
    for (i, t) in ws.tasks.iter().enumerate() {
        if !t.status.is_open() {
            continue;
        }
        for link in t.goals.iter().filter_map(|l| ws.resolve_link(l)) {
            if counted_for[link.goal] != i {
                counted_for[link.goal] = i;
                open[link.goal] += 1;
            }
        }
    }
    open
}

/// The goals `task` counts for in [`open_counts`]: none when it is not open, else each
/// goal it links to (or to a key result of), once, in ascending order.
pub fn counted_goals(ws: &Workspace, task: &Task) -> Vec<GoalIx> {
    if !task.status.is_open() {
        return Vec::new();
    }
    let mut goals: Vec<GoalIx> = task
        .goals
        .iter()
        .filter_map(|l| ws.resolve_link(l))
        .map(|l| l.goal)
        .collect();
    goals.sort_unstable();
    goals.dedup();
    goals
}

/// Mean progress of a goal's key results; a goal without key results counts as done
/// when achieved and as not started otherwise.
pub fn goal_progress(goal: &crate::model::Goal) -> f64 {
    if goal.key_results.is_empty() {
        return if goal.status == crate::model::GoalStatus::Achieved {
            1.0
        } else {
            0.0
        };
    }
    crate::number::sum(
        goal.key_results
            .iter()
            .map(super::super::model::KeyResult::progress),
    ) / goal.key_results.len() as f64
}
