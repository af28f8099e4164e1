//! Did the work move the result? The seed warns of finishing "twenty tasks and no closer to
//! your goals": a team can be busy on a key result, every task linked and closed, while the
//! number it exists to move stays put. Alignment scores say where effort *points*; this
//! module says whether it *landed*. For each key result it weighs the effort of the linked
//! tasks finished in a window (the last four weeks by default) against the key result's
//! movement in the check-ins that followed, and flags much finished work with no movement as
//! *no traction* — a prompt to question the plan, not the people.
//!
//! The rule, in full (README "No traction" says the same):
//! - the work: tasks linked to the key result itself (`goal/kr`), status `done`, with a
//!   `done` date in the window — after `today − window_days`, up to `today`;
//! - the baseline: the key result's value before the earliest of those tasks was finished
//!   (its newest check-in dated before that day, else its `start` value);
//! - the movement: progress from the baseline to the newest check-in dated from that day up
//!   to `today`, in progress points (percent of the way from start to target);
//! - *no traction*: at least [`Rule::min_effort`] effort in at least [`Rule::min_tasks`]
//!   tasks finished, check-ins since, and less than [`Rule::moved_points`] gained.

use std::ops::Range;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::model::{Goal, GoalIx, KeyResult, LinkRef, TaskStatus, Workspace};

/// Default window: four weeks of finished work.
pub const DEFAULT_WINDOW_DAYS: u32 = 28;

/// What counts as much work and as movement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Days of finished work weighed, ending today.
    pub window_days: u32,
    /// Finished effort that counts as much work.
    pub min_effort: f64,
    /// Finished tasks that count as much work (with `min_effort`).
    pub min_tasks: usize,
    /// Progress points gained that count as movement.
    pub moved_points: f64,
}

impl Rule {
    /// The documented defaults: 28 days, 5 effort in 3 tasks, 1 progress point.
    pub const DEFAULT: Rule = Rule {
        window_days: DEFAULT_WINDOW_DAYS,
        min_effort: 5.0,
        min_tasks: 3,
        moved_points: 1.0,
    };

    /// The defaults with the workspace's window (`traction_window_days`).
    pub fn of(ws: &Workspace) -> Rule {
        Rule {
            window_days: ws.traction_window_days,
            ..Rule::DEFAULT
        }
    }
}

impl Default for Rule {
    fn default() -> Self {
        Rule::DEFAULT
    }
}

/// The verdict on one key result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Check-ins since the work show it gained at least `moved_points`.
    Moving,
    /// Much work finished, check-ins since, and no movement: the flag.
    None,
    /// Work finished, but no check-in since: too early to tell.
    Unmeasured,
    /// Some work finished, no movement, but too little work to judge.
    LittleWork,
    /// It had reached its target before the work: nothing left to move.
    Reached,
    /// No linked task finished in the window.
    NoWork,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Moving => "moving",
            Verdict::None => "none",
            Verdict::Unmeasured => "unmeasured",
            Verdict::LittleWork => "little-work",
            Verdict::Reached => "reached",
            Verdict::NoWork => "no-work",
        }
    }
}

/// A key result's value on a day (`None`: its start value, without a dated start).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reading {
    pub date: Option<NaiveDate>,
    pub value: f64,
}

/// One key result's traction, with the figures behind the verdict (serialised without the
/// verdict, which the outputs name `"traction"` beside them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traction {
    #[serde(skip)]
    pub verdict: Verdict,
    /// The window's first day excluded: work finished after it counts.
    pub since: NaiveDate,
    pub window_days: u32,
    /// Linked tasks finished in the window, and their effort.
    pub finished_tasks: usize,
    pub finished_effort: f64,
    /// The value before the work (none without finished work).
    pub baseline: Option<Reading>,
    /// The baseline is the key result's `start` value: no check-in came before the work.
    pub baseline_is_start: bool,
    /// The newest check-in since the work began, if any.
    pub latest: Option<Reading>,
    /// Check-ins from the first finished task's day up to today.
    pub checkins_since: usize,
    /// Progress points from `baseline` to `latest` (one decimal), when both are known.
    pub progress_change: Option<f64>,
}

impl Traction {
    /// Flagged: much finished work, no movement.
    pub fn none(&self) -> bool {
        self.verdict == Verdict::None
    }
}

/// The verdict on `kr` (of a goal that started on `goal_start`) given the `(done date,
/// effort)` of the tasks linked to it that were finished — any dates: only those in the
/// window count — as of `today` under `rule`.
pub fn judge(
    kr: &KeyResult,
    goal_start: Option<NaiveDate>,
    finished: &[(NaiveDate, f64)],
    today: NaiveDate,
    rule: Rule,
) -> Traction {
    let since = today
        .checked_sub_days(Days::new(u64::from(rule.window_days)))
        .unwrap_or(NaiveDate::MIN);
    let in_window = finished
        .iter()
        .filter(|(d, e)| *d > since && *d <= today && e.is_finite());
    let (mut finished_tasks, mut finished_effort, mut first) = (0usize, 0.0f64, None);
    for &(d, e) in in_window {
        finished_tasks += 1;
        finished_effort += e;
        first = Some(first.map_or(d, |f: NaiveDate| f.min(d)));
    }
    let mut t = Traction {
        verdict: Verdict::NoWork,
        since,
        window_days: rule.window_days,
        finished_tasks,
        finished_effort: crate::number::round1(finished_effort),
        baseline: None,
        baseline_is_start: false,
        latest: None,
        checkins_since: 0,
        progress_change: None,
    };
    let Some(first) = first else {
        return t;
    };
    // The newest check-in before the work, else the start; the newest one since.
    let before = kr
        .checkins
        .iter()
        .filter(|c| c.date < first)
        .max_by_key(|c| c.date);
    let baseline = before.map_or(
        Reading {
            date: goal_start,
            value: kr.start,
        },
        |c| Reading {
            date: Some(c.date),
            value: c.value,
        },
    );
    let after: Vec<_> = kr
        .checkins
        .iter()
        .filter(|c| c.date >= first && c.date <= today)
        .collect();
    let latest = after.iter().max_by_key(|c| c.date).map(|c| Reading {
        date: Some(c.date),
        value: c.value,
    });
    let progress = |v: f64| kr.progress_at(v).clamp(0.0, 1.0) * 100.0;
    t.baseline = Some(baseline);
    t.baseline_is_start = before.is_none();
    t.latest = latest;
    t.checkins_since = after.len();
    t.progress_change =
        latest.map(|l| crate::number::round1(progress(l.value) - progress(baseline.value)));
    let much = finished_effort >= rule.min_effort && finished_tasks >= rule.min_tasks;
    t.verdict = if progress(baseline.value) >= 100.0 {
        Verdict::Reached
    } else {
        match t.progress_change {
            None => Verdict::Unmeasured,
            Some(c) if c >= rule.moved_points => Verdict::Moving,
            // The last step to the target is movement however small it is.
            Some(_) if latest.is_some_and(|l| progress(l.value) >= 100.0) => Verdict::Moving,
            Some(_) if much => Verdict::None,
            Some(_) => Verdict::LittleWork,
        }
    };
    t
}

/// Every key result's traction as of `today`, per goal in file order, per key result in
/// the goal's order: one pass over the tasks.
pub fn traction(ws: &Workspace, today: NaiveDate, rule: Rule) -> Vec<Vec<Traction>> {
    traction_of(ws, today, rule, &finished_work(ws, 0..ws.tasks.len()))
}

/// One finished task's work on one key result: the goal, the key result's place in it,
/// the day it was done, its effort.
pub type Finished = (GoalIx, usize, NaiveDate, f64);

/// The finished work of the tasks at `tasks` on the key results they link to, in task
/// order ([`traction_of`] weighs it): a view made of many workspaces keeps it per
/// workspace and makes again only a changed one's.
pub fn finished_work(ws: &Workspace, tasks: Range<usize>) -> Vec<Finished> {
    let mut out: Vec<Finished> = Vec::new();
    for t in &ws.tasks[tasks] {
        let (TaskStatus::Done, Some(done)) = (t.status, t.done) else {
            continue;
        };
        // A task linked twice to one key result counts once.
        let first = out.len();
        for link in ws.links_of(t) {
            if let Some(k) = link.key_result
                && !out[first..]
                    .iter()
                    .any(|&(g, kr, ..)| (g, kr) == (link.goal, k))
            {
                out.push((link.goal, k, done, t.effort));
            }
        }
    }
    out
}

/// Every key result's traction as of `today`, given the finished work on them
/// ([`finished_work`], of every task in order).
pub fn traction_of<'a>(
    ws: &Workspace,
    today: NaiveDate,
    rule: Rule,
    finished: impl IntoIterator<Item = &'a Finished>,
) -> Vec<Vec<Traction>> {
    let mut per_kr: Vec<Vec<Vec<(NaiveDate, f64)>>> = ws
        .goals
        .iter()
        .map(|g| vec![Vec::new(); g.key_results.len()])
        .collect();
    for &(g, k, done, effort) in finished {
        if let Some(f) = per_kr.get_mut(g.0).and_then(|kr| kr.get_mut(k)) {
            f.push((done, effort));
        }
    }
    ws.goals
        .iter()
        .zip(&per_kr)
        .map(|(g, per_kr)| {
            g.key_results
                .iter()
                .zip(per_kr)
                .map(|(k, f)| judge(k, g.start, f, today, rule))
                .collect()
        })
        .collect()
}

/// The key results flagged *no traction*, as `goal/kr` with their figures, in file order.
pub fn flagged<'a>(
    ws: &'a Workspace,
    all: &'a [Vec<Traction>],
) -> impl Iterator<Item = (&'a Goal, &'a KeyResult, LinkRef, &'a Traction)> + 'a {
    ws.goals.iter().zip(all).flat_map(|(g, per_kr)| {
        g.key_results
            .iter()
            .zip(per_kr)
            .filter(|(_, t)| t.none())
            .map(move |(k, t)| (g, k, LinkRef::key_result(&g.id, &k.id), t))
    })
}

#[cfg(test)]
mod tests;
