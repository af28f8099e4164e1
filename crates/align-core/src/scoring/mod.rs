//! Scoring: how much each task moves a goal, as an itemised bill of named factors.
//!
//! `score = clamp(sum of factor points, 0, 100)`, then a class. The coefficients live in
//! one table ([`COEFFICIENTS`]) that the README documents and `[scoring]` overrides, so
//! nobody has to read code to know why a task scored what it did. The `crunch` lens is
//! the seed's advice to fall back on task completion in crunch time: due dates and
//! `urgent` count for more. Goal flags (progress, orphan, stale) live here too, because
//! they come from the same links.
//!
//! Here the [`Scorer`] holds what depends on goals only and scores a whole workspace;
//! `coefficients` is the table, `factors` a task's bill and class, `goals` the goal
//! flags and key-result pace, `lens` what the lens weighs and re-weighing every score
//! under another lens, `summary` the counts and effort shares, `unblocks` what
//! enabling work earns from the work waiting on it.

mod coefficients;
mod factors;
mod goals;
mod lens;
mod summary;
mod unblocks;

use chrono::NaiveDate;

use crate::depends::Dependencies;
use crate::model::{GoalIx, Lens, Task, TaskStatus, Workspace};
use crate::suggest::Suggester;

pub use coefficients::{COEFFICIENTS, Coefficient};
pub use factors::{Class, Factor, Score, Standing, Unblocks};
pub use goals::{GoalFlags, KeyResultFlags, Pace, counted_goals, goal_progresses, open_counts};
pub use summary::{Summary, combined, summarize, summarize_tasks};

/// Everything scored at once: what the CLI prints and the board starts from.
#[derive(Debug, Clone, PartialEq)]
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
    /// Every key result's pace today, goal after goal in one list (goal `g`'s from
    /// `first_pace[g]`): tasks link to goals all over a workspace of 10,000 goals, and
    /// a list per goal was a second place to fetch from memory for each of them.
    paces: Vec<Pace>,
    first_pace: Vec<u32>,
    suggester: Suggester,
}

impl Scorer {
    pub fn new(ws: &Workspace, today: NaiveDate, lens: Lens) -> Scorer {
        let active = ws.goals.iter().map(|g| g.is_active(today)).collect();
        let mut paces = Vec::new();
        let mut first_pace = Vec::with_capacity(ws.goals.len());
        for g in &ws.goals {
            first_pace.push(paces.len() as u32);
            paces.extend((0..g.key_results.len()).map(|k| pace_today(g, k, today)));
        }
        Scorer {
            today,
            lens,
            active,
            paces,
            first_pace,
            suggester: Suggester::new(ws, today),
        }
    }

    pub fn pace(&self, goal: GoalIx, key_result: usize) -> Pace {
        self.paces[self.first_pace[goal.0] as usize + key_result]
    }

    pub fn is_active(&self, goal: GoalIx) -> bool {
        self.active[goal]
    }

    /// The day a task is scored as of: its `done` date for work finished before today (so
    /// it keeps the credit of goals that were live then), today for everything else.
    pub fn as_of(&self, task: &Task) -> Option<NaiveDate> {
        task.done
            .filter(|d| task.status == TaskStatus::Done && *d < self.today)
    }

    /// Was goal `g` live on the day a task is scored as of (`None`: today)?
    fn active_on(&self, ws: &Workspace, g: GoalIx, as_of: Option<NaiveDate>) -> bool {
        match as_of {
            None => self.active[g],
            Some(day) => ws.goals[g].was_active(day),
        }
    }

    /// Key result `k` of goal `g` against the plan, on that day.
    fn pace_on(&self, ws: &Workspace, g: GoalIx, k: usize, as_of: Option<NaiveDate>) -> Pace {
        match as_of {
            None => self.pace(g, k),
            Some(day) => {
                let goal = &ws.goals[g];
                let kr = &goal.key_results[k];
                Pace {
                    progress: kr.progress_at(kr.value_on(day)).clamp(0.0, 1.0),
                    expected: expected_share(goal, day),
                }
            }
        }
    }

    /// Score every task, split across the cores for large workspaces. Each core writes
    /// its share of the one list of scores in place (no list per core to join
    /// afterwards: at 100,000 tasks that would be ten megabytes more at once).
    fn score_all(&self, ws: &Workspace) -> Vec<Score> {
        let n = ws.tasks.len();
        // Asked only when the work is worth the threads: the answer costs a dozen system
        // calls (the cgroup's CPU quota), which a small run need not pay.
        let threads = || std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let per = match n {
            0..4096 => n.max(1),
            _ => n.div_ceil(threads()),
        };
        let mut all = vec![Score::unscored(); n];
        let work = all.chunks_mut(per).zip(ws.tasks.chunks(per));
        let score_part = |(out, tasks): (&mut [Score], &[Task])| {
            for (slot, t) in out.iter_mut().zip(tasks) {
                *slot = self.score(ws, t);
            }
        };
        if per >= n {
            work.for_each(score_part);
            return all;
        }
        std::thread::scope(|scope| {
            let parts: Vec<_> = work
                .map(|part| scope.spawn(move || score_part(part)))
                .collect();
            for part in parts {
                if let Err(panic) = part.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
        all
    }

    /// Score everything.
    pub fn scoreboard(&self, ws: &Workspace) -> Scoreboard {
        self.scoreboard_with(ws, &Dependencies::new(ws))
    }

    /// [`Scorer::scoreboard`] with the graph of `ws`'s `depends` already made.
    pub fn scoreboard_with(&self, ws: &Workspace, dependencies: &Dependencies) -> Scoreboard {
        let mut tasks = self.score_all(ws);
        self.apply_unblocks(ws, dependencies, &mut tasks);
        // Two more passes over every task, at once.
        let (summary, goals) = crate::cores::both(
            tasks.len(),
            || summarize(ws, &tasks),
            || self.goal_flags(ws),
        );
        Scoreboard {
            today: self.today,
            lens: self.lens,
            goals,
            tasks,
            summary,
        }
    }
}

/// Key result `k` of goal `g` against its plan today (what [`Scorer::pace`] gives,
/// without building a scorer).
pub fn pace_today(g: &crate::model::Goal, k: usize, today: NaiveDate) -> Pace {
    Pace {
        progress: g.key_results[k].progress(),
        expected: expected_share(g, today),
    }
}

/// The share of a goal's start..due gone by `day`, when it has both dates.
fn expected_share(g: &crate::model::Goal, day: NaiveDate) -> Option<f64> {
    match (g.start, g.due) {
        (Some(s), Some(d)) if d > s => {
            let total = (d - s).num_days() as f64;
            Some(((day - s).num_days() as f64 / total).clamp(0.0, 1.0))
        }
        _ => None,
    }
}

/// Score a whole workspace under its own lens (or the one given).
pub fn score_workspace(ws: &Workspace, today: NaiveDate, lens: Option<Lens>) -> Scoreboard {
    Scorer::new(ws, today, lens.unwrap_or(ws.lens)).scoreboard(ws)
}
