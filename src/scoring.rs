//! Scoring: how much each task moves a goal, as an itemised bill of named factors.
//!
//! `score = clamp(sum of factor points, 0, 100)`, then a class. The coefficients live in
//! one table ([`COEFFICIENTS`]) that the README documents and `[scoring]` overrides, so
//! nobody has to read code to know why a task scored what it did. The `crunch` lens is
//! the seed's advice to fall back on task completion in crunch time: due dates and
//! `urgent` count for more. Goal flags (progress, orphan, stale) live here too, because
//! they come from the same links.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{GoalKind, Lens, Task, Workspace};
use crate::number::round1;
use crate::suggest::Suggester;

/// One tunable number of the scoring, with its default and documentation.
pub struct Coefficient {
    pub name: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
    pub doc: &'static str,
    field: fn(&mut Coefficients) -> &mut i64,
}

/// The scoring coefficients in force (defaults, overridden by `[scoring]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coefficients {
    pub aligned_at: i64,
    pub busy_below: i64,
    pub link: i64,
    pub operational_link: i64,
    pub weight_step: i64,
    pub key_result: i64,
    pub behind_plan: i64,
    pub impact_step: i64,
    pub due_soon_days: i64,
    pub due_soon: i64,
    pub overdue: i64,
    pub urgent: i64,
    pub crunch_due_soon: i64,
    pub crunch_overdue: i64,
    pub crunch_urgent: i64,
}

macro_rules! coefficients {
    ($($name:ident = $default:literal, $min:literal..=$max:literal, $doc:literal;)+) => {
        /// The one table of coefficients: name, default, allowed range, meaning.
        pub const COEFFICIENTS: &[Coefficient] = &[$(Coefficient {
            name: stringify!($name),
            default: $default,
            min: $min,
            max: $max,
            doc: $doc,
            field: |c| &mut c.$name,
        }),+];
        impl Default for Coefficients {
            fn default() -> Self {
                Coefficients { $($name: $default),+ }
            }
        }
    };
}

coefficients! {
    aligned_at = 60, 1..=100, "score at or above this: aligned";
    busy_below = 30, 0..=100, "score below this: busy-work";
    link = 45, 1..=100, "linked to an active objective goal (or one of its key results)";
    operational_link = 25, 1..=100, "linked only to active operational goals";
    weight_step = 5, 0..=25, "per weight step above 1 of the heaviest active linked goal";
    key_result = 10, 0..=50, "linked straight to a key result of an active goal";
    behind_plan = 10, 0..=50, "that key result is behind plan (progress < elapsed time share)";
    impact_step = 5, 0..=25, "per impact step away from 3 (impact 5: +10, impact 1: -10)";
    due_soon_days = 7, 0..=365, "days ahead that count as due soon";
    due_soon = 5, 0..=100, "strategy lens: due within due_soon_days";
    overdue = 5, 0..=100, "strategy lens: past its due date";
    urgent = 5, 0..=100, "strategy lens: marked urgent";
    crunch_due_soon = 20, 0..=100, "crunch lens: due within due_soon_days";
    crunch_overdue = 25, 0..=100, "crunch lens: past its due date";
    crunch_urgent = 20, 0..=100, "crunch lens: marked urgent";
}

impl Coefficients {
    /// Set a coefficient by its name in `[scoring]`; `None` when the name is unknown.
    pub fn set(&mut self, name: &str, value: i64) -> Option<&'static Coefficient> {
        let spec = COEFFICIENTS.iter().find(|c| c.name == name)?;
        *(spec.field)(self) = value;
        Some(spec)
    }
}

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
    pub suggested_goal: Option<String>,
}

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

/// Counts and effort shares over a workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub tasks: usize,
    pub aligned: usize,
    pub partial: usize,
    pub operational: usize,
    pub busy_work: usize,
    /// Shares of open effort in percent, rounded to one decimal (as SPEC's JSON shows them).
    pub aligned_effort_pct: f64,
    pub busy_effort_pct: f64,
    /// Open tasks (todo, doing) by class, in [`Class::ALL`] order: the counts that go
    /// with the open-effort shares (the board's status bar). Not in the JSON output.
    #[serde(skip)]
    pub open: [usize; 4],
    /// The exact sums behind the shares, for comparisons that must not round: 19 of 66
    /// is 28.79%, under a limit of 28.79 though it shows as 28.8.
    #[serde(skip)]
    pub open_effort: f64,
    #[serde(skip)]
    pub aligned_effort: f64,
    #[serde(skip)]
    pub busy_effort: f64,
}

impl Summary {
    /// Open tasks of `class`.
    pub fn open(&self, class: Class) -> usize {
        let i = Class::ALL.iter().position(|&c| c == class).unwrap_or(0);
        self.open[i]
    }

    /// The exact busy-work share of open effort, in percent (0 when nothing is open).
    pub fn busy_share(&self) -> f64 {
        if self.open_effort > 0.0 {
            self.busy_effort / self.open_effort * 100.0
        } else {
            0.0
        }
    }
}

/// Everything scored at once: what the CLI prints and the board starts from.
#[derive(Debug, Clone)]
pub struct Scoreboard {
    pub today: NaiveDate,
    pub lens: Lens,
    pub tasks: Vec<Score>,
    pub goals: Vec<GoalFlags>,
    pub summary: Summary,
}

/// The parts of scoring that depend on goals only, computed once per workspace so a
/// single task can be re-scored cheaply after an edit.
pub struct Scorer {
    pub today: NaiveDate,
    pub lens: Lens,
    active: Vec<bool>,
    paces: Vec<Vec<Pace>>,
    suggester: Suggester,
}

impl Scorer {
    pub fn new(ws: &Workspace, today: NaiveDate, lens: Lens) -> Scorer {
        let active = ws.goals.iter().map(|g| g.is_active(today)).collect();
        let paces = ws
            .goals
            .iter()
            .map(|g| {
                let expected = match (g.start, g.due) {
                    (Some(s), Some(d)) if d > s => {
                        let total = (d - s).num_days() as f64;
                        Some(((today - s).num_days() as f64 / total).clamp(0.0, 1.0))
                    }
                    _ => None,
                };
                g.key_results
                    .iter()
                    .map(|k| Pace {
                        progress: k.progress(),
                        expected,
                    })
                    .collect()
            })
            .collect();
        Scorer {
            today,
            lens,
            active,
            paces,
            suggester: Suggester::new(ws, today),
        }
    }

    pub fn pace(&self, goal: usize, key_result: usize) -> Pace {
        self.paces[goal][key_result]
    }

    pub fn is_active(&self, goal: usize) -> bool {
        self.active[goal]
    }

    /// Score one task.
    pub fn score(&self, ws: &Workspace, task: &Task) -> Score {
        let c = &ws.coefficients;
        let crunch = self.lens == Lens::Crunch;
        let mut factors = Vec::new();
        let links = ws.links(task);
        let suggested_goal = if links.is_empty() {
            self.suggester.suggest(ws, &task.title)
        } else {
            None
        };
        let active: Vec<_> = links.iter().filter(|l| self.active[l.goal]).collect();
        let objective = active
            .iter()
            .find(|l| ws.goals[l.goal].kind == GoalKind::Objective);

        if let Some(l) = objective {
            let g = &ws.goals[l.goal];
            factors.push(Factor {
                name: "link",
                points: c.link,
                detail: format!("linked to active objective \"{}\" ({})", g.id, g.title),
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
            if let Some(&(g, k)) = kr_links.iter().find(|(g, k)| self.paces[*g][*k].behind()) {
                let pace = self.paces[g][k];
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

        // Crunch counts deadlines and urgency for more (SPEC §2), whatever `[scoring]` says:
        // never fewer points than the strategy lens gives.
        if task.status.is_open() {
            if let Some(due) = task.due {
                let days = (due - self.today).num_days();
                let (name, points, detail) = if days < 0 {
                    let p = if crunch {
                        c.crunch_overdue.max(c.overdue)
                    } else {
                        c.overdue
                    };
                    (
                        "overdue",
                        p,
                        format!("overdue since {due} ({} days)", -days),
                    )
                } else if days <= c.due_soon_days {
                    let p = if crunch {
                        c.crunch_due_soon.max(c.due_soon)
                    } else {
                        c.due_soon
                    };
                    ("due_soon", p, format!("due {due}, in {days} days"))
                } else {
                    ("", 0, String::new())
                };
                if points != 0 {
                    factors.push(Factor {
                        name,
                        points,
                        detail,
                    });
                }
            }
            if task.urgent {
                let p = if crunch {
                    c.crunch_urgent.max(c.urgent)
                } else {
                    c.urgent
                };
                if p != 0 {
                    factors.push(Factor {
                        name: "urgent",
                        points: p,
                        detail: "marked urgent".to_string(),
                    });
                }
            }
        }

        let sum: i64 = factors.iter().map(|f| f.points).sum();
        let points = sum.clamp(0, 100) as u8;
        let by_score = |p: u8| {
            if i64::from(p) >= c.aligned_at {
                Class::Aligned
            } else if i64::from(p) < c.busy_below {
                Class::BusyWork
            } else {
                Class::Partial
            }
        };
        let class = if links.is_empty() && !crunch {
            Class::BusyWork
        } else if objective.is_none() && !active.is_empty() {
            Class::Operational
        } else if !links.is_empty() && active.is_empty() {
            match by_score(points) {
                Class::Aligned => Class::Partial,
                other => other,
            }
        } else {
            by_score(points)
        };
        Score {
            points,
            class,
            factors,
            suggested_goal,
        }
    }

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

    /// Score every task, split across the cores for large workspaces.
    fn score_all(&self, ws: &Workspace) -> Vec<Score> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads == 1 || ws.tasks.len() < 4096 {
            return ws.tasks.iter().map(|t| self.score(ws, t)).collect();
        }
        let per = ws.tasks.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = ws
                .tasks
                .chunks(per)
                .map(|chunk| {
                    scope.spawn(move || chunk.iter().map(|t| self.score(ws, t)).collect::<Vec<_>>())
                })
                .collect();
            let mut all = Vec::with_capacity(ws.tasks.len());
            for part in parts {
                match part.join() {
                    Ok(scores) => all.extend(scores),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    }

    /// Score everything.
    pub fn scoreboard(&self, ws: &Workspace) -> Scoreboard {
        let tasks = self.score_all(ws);
        let summary = summarize(ws, &tasks);
        Scoreboard {
            today: self.today,
            lens: self.lens,
            goals: self.goal_flags(ws),
            tasks,
            summary,
        }
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

/// Class counts over all tasks, effort shares over open (todo + doing) effort.
pub fn summarize(ws: &Workspace, scores: &[Score]) -> Summary {
    let mut s = Summary {
        tasks: scores.len(),
        aligned: 0,
        partial: 0,
        operational: 0,
        busy_work: 0,
        aligned_effort_pct: 0.0,
        busy_effort_pct: 0.0,
        open: [0; 4],
        open_effort: 0.0,
        aligned_effort: 0.0,
        busy_effort: 0.0,
    };
    let (mut open, mut aligned, mut busy) = (0.0, 0.0, 0.0);
    for (t, sc) in ws.tasks.iter().zip(scores) {
        match sc.class {
            Class::Aligned => s.aligned += 1,
            Class::Partial => s.partial += 1,
            Class::Operational => s.operational += 1,
            Class::BusyWork => s.busy_work += 1,
        }
        if t.status.is_open() {
            if let Some(i) = Class::ALL.iter().position(|&c| c == sc.class) {
                s.open[i] += 1;
            }
            open += t.effort;
            match sc.class {
                Class::Aligned => aligned += t.effort,
                Class::BusyWork => busy += t.effort,
                _ => {}
            }
        }
    }
    if open > 0.0 {
        s.aligned_effort_pct = round1(aligned / open * 100.0);
        s.busy_effort_pct = round1(busy / open * 100.0);
    }
    (s.open_effort, s.aligned_effort, s.busy_effort) = (open, aligned, busy);
    s
}

/// Score a whole workspace under its own lens (or the one given).
pub fn score_workspace(ws: &Workspace, today: NaiveDate, lens: Option<Lens>) -> Scoreboard {
    Scorer::new(ws, today, lens.unwrap_or(ws.lens)).scoreboard(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_documents_every_coefficient_with_its_default() {
        let readme = include_str!("../README.md");
        for c in COEFFICIENTS {
            let row = format!(
                "| `{}` | {} | {}..{} | {} |",
                c.name, c.default, c.min, c.max, c.doc
            );
            assert!(readme.contains(&row), "README lacks the row: {row}");
        }
    }

    #[test]
    fn overrides_are_found_by_name() {
        let mut c = Coefficients::default();
        assert!(c.set("aligned_at", 70).is_some());
        assert_eq!(c.aligned_at, 70);
        assert!(c.set("nope", 1).is_none());
    }
}
