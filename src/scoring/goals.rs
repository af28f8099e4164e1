//! What the links say about goals rather than tasks: a goal's progress, each key
//! result's pace against the plan, and the flags the board and the report raise — an
//! orphan goal no open work serves, a stale one nobody has checked in on.

use chrono::NaiveDate;

use super::Scorer;
use crate::model::Workspace;

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
        let n = ws.goals.len();
        let mut open = vec![0usize; n];
        for t in ws.tasks.iter().filter(|t| t.status.is_open()) {
            let mut seen: Vec<usize> = ws.links(t).iter().map(|l| l.goal).collect();
            seen.sort_unstable();
            seen.dedup();
            for g in seen {
                open[g] += 1;
            }
        }
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
    crate::number::sum(goal.key_results.iter().map(|k| k.progress()))
        / goal.key_results.len() as f64
}
