//! A task's score as an itemised bill: one named [`Factor`] a reason (the link, the
//! goal's weight, a key result behind plan, impact, due dates, urgency), summed and
//! clamped to 0..100, then the [`Class`] that sum and the links give. The lens decides
//! how much deadlines and urgency count.

use serde::Serialize;

use super::Scorer;
use crate::model::{GoalKind, Lens, LinkRef, Task, TaskIx, Workspace};

/// What a score says about a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Aligned,
    Partial,
    Operational,
    BusyWork,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Aligned,
        Class::Partial,
        Class::Operational,
        Class::BusyWork,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Aligned => "aligned",
            Class::Partial => "partial",
            Class::Operational => "operational",
            Class::BusyWork => "busy-work",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of a task's bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Factor {
    pub name: &'static str,
    pub points: i64,
    pub detail: String,
}

/// A task's score, class, bill and (for unlinked tasks) suggested link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub points: u8,
    pub class: Class,
    pub factors: Vec<Factor>,
    /// For an unlinked task: the best-matching link target (`goal` or `goal/kr`).
    pub suggested_goal: Option<LinkRef>,
    /// For an open task that open linked work waits on: the task it unblocks whose
    /// score it earns from (see `unblocks.rs`).
    pub unblocks: Option<Unblocks>,
    /// What its links make it, kept so its class can be worked out again from its
    /// points alone (under another lens, or without what it earned from the work it
    /// unblocks).
    pub standing: Standing,
}

/// What a task's links make it, on the day it is scored as of: linked to a live
/// objective, to live operational goals only, only to goals that no longer pull, or to
/// nothing. With its points and the lens, this decides its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Objective,
    Operational,
    Inactive,
    Unlinked,
}

impl Standing {
    /// The class a task of this standing gets with `points` under `lens`: unlinked work
    /// is busy-work unless in crunch (then classed by its score), work for operational
    /// goals is operational, work for goals that no longer pull is at most partial.
    pub(super) fn class(self, c: &crate::model::Coefficients, points: u8, lens: Lens) -> Class {
        match self {
            Standing::Unlinked if lens != Lens::Crunch => Class::BusyWork,
            Standing::Operational => Class::Operational,
            Standing::Inactive => match class_by_score(c, points) {
                Class::Aligned => Class::Partial,
                other => other,
            },
            Standing::Objective | Standing::Unlinked => class_by_score(c, points),
        }
    }
}

impl Score {
    /// A place holder, no allocation, for a score about to be worked out.
    pub(super) fn unscored() -> Score {
        Score {
            points: 0,
            class: Class::BusyWork,
            factors: Vec::new(),
            suggested_goal: None,
            unblocks: None,
            standing: Standing::Unlinked,
        }
    }
}

/// The task a blocker earns its `unblocks` factor from, and where that task's own worth
/// comes from: `task` itself when it is linked, otherwise the end of its chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unblocks {
    /// The best-scoring task waiting on this one directly.
    pub task: TaskIx,
    /// The linked task at the end of the chain (`task` when it is linked itself).
    pub linked: TaskIx,
}

thread_local! {
    /// The list a task's factors are gathered in before they are copied out.
    static SCRATCH: std::cell::Cell<Vec<Factor>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The class a score alone gives under coefficients `c`.
pub(super) fn class_by_score(c: &crate::model::Coefficients, points: u8) -> Class {
    if i64::from(points) >= c.aligned_at {
        Class::Aligned
    } else if i64::from(points) < c.busy_below {
        Class::BusyWork
    } else {
        Class::Partial
    }
}

impl Scorer {
    /// Score one task.
    pub fn score(&self, ws: &Workspace, task: &Task) -> Score {
        let c = &ws.coefficients;
        // Gathered in a list kept from task to task, then copied into one of just their
        // number: a list grown a push at a time would hold room for up to twice as many,
        // for every one of 100,000 tasks.
        let mut factors = SCRATCH.take();
        factors.clear();
        let links = ws.links(task);
        let suggested_goal = if links.is_empty() {
            self.suggester.suggest(ws, &task.title)
        } else {
            None
        };
        // A task finished before today is scored as of the day it was done.
        let as_of = self.as_of(task);
        let active: Vec<_> = links
            .iter()
            .filter(|l| self.active_on(ws, l.goal, as_of))
            .collect();
        let objective = active
            .iter()
            .find(|l| ws.goals[l.goal].kind == GoalKind::Objective);

        if let Some(l) = objective {
            let g = &ws.goals[l.goal];
            let detail = match as_of {
                Some(day) if !self.active[l.goal] => format!(
                    "linked to objective \"{}\" ({}), live when this was done on {day}",
                    g.id, g.title
                ),
                _ => format!("linked to active objective \"{}\" ({})", g.id, g.title),
            };
            factors.push(Factor {
                name: "link",
                points: c.link,
                detail,
            });
        } else if let Some(l) = active.first() {
            let g = &ws.goals[l.goal];
            factors.push(Factor {
                name: "operational_link",
                points: c.operational_link,
                detail: format!(
                    "linked to operational goal \"{}\": necessary, not strategic",
                    g.id
                ),
            });
        } else if !links.is_empty() {
            let g = &ws.goals[links[0].goal];
            let why = if g.status == crate::model::GoalStatus::Active {
                match g.due {
                    Some(d) => format!("past due since {d}"),
                    None => "inactive".to_string(),
                }
            } else {
                g.status.to_string()
            };
            factors.push(Factor {
                name: "inactive_link",
                points: 0,
                detail: format!(
                    "linked only to goals that no longer pull: \"{}\" is {why}",
                    g.id
                ),
            });
        } else {
            let detail = match &suggested_goal {
                Some(s) => format!("not linked to any goal (suggested: \"{s}\")"),
                None => "not linked to any goal".to_string(),
            };
            factors.push(Factor {
                name: "unlinked",
                points: 0,
                detail,
            });
        }

        if let Some(heaviest) = active.iter().max_by_key(|l| ws.goals[l.goal].weight) {
            let g = &ws.goals[heaviest.goal];
            let steps = i64::from(g.weight.saturating_sub(1));
            if steps > 0 && c.weight_step != 0 {
                factors.push(Factor {
                    name: "weight",
                    points: steps * c.weight_step,
                    detail: format!("heaviest linked goal \"{}\" weighs {} of 5", g.id, g.weight),
                });
            }
        }

        let kr_links: Vec<_> = active
            .iter()
            .filter_map(|l| l.key_result.map(|k| (l.goal, k)))
            .collect();
        if let Some(&(g, k)) = kr_links.first() {
            let goal = &ws.goals[g];
            factors.push(Factor {
                name: "key_result",
                points: c.key_result,
                detail: format!(
                    "linked straight to key result \"{}/{}\" ({})",
                    goal.id, goal.key_results[k].id, goal.key_results[k].title
                ),
            });
            if let Some(&(g, k)) = kr_links
                .iter()
                .find(|(g, k)| self.pace_on(ws, *g, *k, as_of).behind())
            {
                let pace = self.pace_on(ws, g, k, as_of);
                factors.push(Factor {
                    name: "behind_plan",
                    points: c.behind_plan,
                    detail: format!(
                        "\"{}/{}\" is behind plan: {:.0}% done, {:.0}% of the time gone",
                        ws.goals[g].id,
                        ws.goals[g].key_results[k].id,
                        pace.progress * 100.0,
                        pace.expected.unwrap_or(0.0) * 100.0
                    ),
                });
            }
        }

        if let Some(impact) = task.impact {
            let points = (i64::from(impact) - 3) * c.impact_step;
            if points != 0 {
                factors.push(Factor {
                    name: "impact",
                    points,
                    detail: format!("expected impact {impact} of 5"),
                });
            }
        }

        // The lens-dependent factors, last (see `lens.rs`).
        if task.status.is_open() {
            if let Some(deadline) = self.deadline(c, task)
                && deadline.points != 0
            {
                factors.push(deadline.factor());
            }
            if let Some(urgent) = self.urgency(c, task) {
                factors.push(urgent);
            }
        }

        let sum: i64 = factors.iter().map(|f| f.points).sum();
        let mut gathered = factors;
        let mut factors = Vec::with_capacity(gathered.len());
        factors.append(&mut gathered);
        SCRATCH.set(gathered);
        let points = sum.clamp(0, 100) as u8;
        let standing = if objective.is_some() {
            Standing::Objective
        } else if !active.is_empty() {
            Standing::Operational
        } else if !links.is_empty() {
            Standing::Inactive
        } else {
            Standing::Unlinked
        };
        let class = standing.class(c, points, self.lens);
        Score {
            points,
            class,
            factors,
            suggested_goal,
            unblocks: None,
            standing,
        }
    }
}
