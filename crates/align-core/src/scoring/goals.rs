//! What the links say about goals rather than tasks: a goal's progress, each key
//! result's pace against the plan, and the flags the board and the report raise — an
//! orphan goal no open work serves, a stale one nobody has checked in on.

use chrono::NaiveDate;

use super::Scorer;
use crate::model::{GoalIx, Task, TaskIx, Workspace};

/// Derived facts about a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalFlags {
    /// 0..1: the mean of its key results' progress; for a goal without key results, its
    /// children's progress weighted by their `weight` (see [`goal_progresses`]).
    pub progress: f64,
    /// Open tasks linked to the goal or one of its key results.
    pub open_tasks: usize,
    /// Active, yet no open task serves it or any goal below it.
    pub orphan: bool,
    /// Active, and one of its key results is stale (see [`KeyResultFlags::stale`]).
    pub stale: bool,
    /// Date of the newest check-in of any of its key results.
    pub last_checkin: Option<NaiveDate>,
    /// Each key result's check-in standing, in the goal's order.
    pub key_results: Vec<KeyResultFlags>,
}

/// Where a key result stands with its check-ins: judged one by one, so a key result never
/// checked in is not hidden by a sibling's fresh check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResultFlags {
    /// Date of its newest check-in.
    pub last_checkin: Option<NaiveDate>,
    /// Its goal is active and it has had no check-in for more than `stale_after_days`: since
    /// its newest check-in, or, never checked in, since the goal started (a goal without a
    /// start date cannot say how long it has run: never checked in is stale at once).
    pub stale: bool,
    /// The day a check-in fell due (`stale_after_days` after the newest check-in or the
    /// goal's start), when it is stale and that day is known.
    pub owed_since: Option<NaiveDate>,
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
        let progress = goal_progresses(ws);
        let days = i64::from(ws.stale_after_days);
        ws.goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let own = g.upstream.is_none();
                let key_results: Vec<KeyResultFlags> = g
                    .key_results
                    .iter()
                    .map(|k| {
                        let last_checkin = k.latest_checkin().map(|c| c.date);
                        let reference = last_checkin.or(g.start);
                        // An upstream goal's check-ins are its own workspace's to keep.
                        let stale = own
                            && self.active[i]
                            && reference.is_none_or(|d| (self.today - d).num_days() > days);
                        let owed_since = reference.filter(|_| stale).and_then(|d| {
                            d.checked_add_days(chrono::Days::new(days.unsigned_abs()))
                        });
                        KeyResultFlags {
                            last_checkin,
                            stale,
                            owed_since,
                        }
                    })
                    .collect();
                GoalFlags {
                    progress: progress[i],
                    open_tasks: open[i],
                    // An upstream goal no work of this team serves is the organisation's
                    // question (`align rollup`), not this team's flag.
                    orphan: own && self.active[i] && !served[i],
                    stale: key_results.iter().any(|k| k.stale),
                    last_checkin: key_results.iter().filter_map(|k| k.last_checkin).max(),
                    key_results,
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
        for link in ws.task_links(TaskIx(i)) {
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
    let mut goals: Vec<GoalIx> = ws.links_of(task).map(|l| l.goal).collect();
    goals.sort_unstable();
    goals.dedup();
    goals
}

/// Every goal's progress, 0..1, in goal order: the mean of its key results' progress; a
/// goal without key results but with child goals rolls up its children's progress, each
/// weighted by its `weight`; a goal with neither counts as done when achieved and as not
/// started otherwise.
pub fn goal_progresses(ws: &Workspace) -> Vec<f64> {
    let n = ws.goals.len();
    let mut children: Vec<Vec<GoalIx>> = vec![Vec::new(); n];
    for (i, g) in ws.goals_ix() {
        if let Some(p) = g.parent.as_deref().and_then(|p| ws.goal_by_id(p))
            && p != i
        {
            children[p].push(i);
        }
    }
    let mut done: Vec<Option<f64>> = vec![None; n];
    for (i, _) in ws.goals_ix() {
        rolled_up(ws, &children, &mut done, i, 0);
    }
    done.into_iter().map(|p| p.unwrap_or(0.0)).collect()
}

/// The progress of goal `g`, its children's worked out first (`depth` guards a cycle,
/// which validation already refuses).
fn rolled_up(
    ws: &Workspace,
    children: &[Vec<GoalIx>],
    done: &mut [Option<f64>],
    g: GoalIx,
    depth: usize,
) -> f64 {
    if let Some(p) = done[g] {
        return p;
    }
    let goal = &ws.goals[g];
    let p = if !goal.key_results.is_empty() {
        crate::number::sum(
            goal.key_results
                .iter()
                .map(crate::model::KeyResult::progress),
        ) / goal.key_results.len() as f64
    } else if !children[g].is_empty() && depth <= ws.goals.len() {
        let mut weighted = 0.0;
        let mut weights = 0.0;
        for &c in &children[g] {
            let w = f64::from(ws.goals[c].weight);
            weighted += w * rolled_up(ws, children, done, c, depth + 1);
            weights += w;
        }
        if weights > 0.0 {
            weighted / weights
        } else {
            0.0
        }
    } else if goal.status == crate::model::GoalStatus::Achieved {
        1.0
    } else {
        0.0
    };
    done[g] = Some(p);
    p
}
