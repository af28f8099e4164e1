//! The workspace in a few numbers: tasks by class, and the shares of open effort that
//! are aligned and busy-work — rounded for display, with the exact sums kept for limits
//! (`check --max-busy`) that must not round.

use serde::Serialize;

use super::{Class, Score};
use crate::model::{Task, Workspace};
use crate::number::round1;

/// Counts and effort shares over a workspace (`Default`: an empty one).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub tasks: usize,
    pub aligned: usize,
    pub partial: usize,
    pub operational: usize,
    pub busy_work: usize,
    /// Shares of open effort in percent, rounded to one decimal (as the JSON of README "Commands" shows them).
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

/// Several workspaces' summaries as one (an organisation's teams): counts and effort
/// added up, the shares worked out again from the sums.
pub fn combined<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> Summary {
    let mut s = Summary::default();
    for t in summaries {
        s.tasks += t.tasks;
        s.aligned += t.aligned;
        s.partial += t.partial;
        s.operational += t.operational;
        s.busy_work += t.busy_work;
        for (a, b) in s.open.iter_mut().zip(t.open) {
            *a += b;
        }
        s.open_effort += t.open_effort;
        s.aligned_effort += t.aligned_effort;
        s.busy_effort += t.busy_effort;
    }
    if s.open_effort > 0.0 {
        s.aligned_effort_pct = round1(s.aligned_effort / s.open_effort * 100.0);
        s.busy_effort_pct = round1(s.busy_effort / s.open_effort * 100.0);
    }
    s
}

/// Class counts over all tasks, effort shares over open (todo + doing) effort.
pub fn summarize(ws: &Workspace, scores: &[Score]) -> Summary {
    summarize_tasks(&ws.tasks, scores)
}

/// [`summarize`] of some tasks (`tasks[i]` scored `scores[i]`).
pub fn summarize_tasks(tasks: &[Task], scores: &[Score]) -> Summary {
    let mut s = Summary {
        tasks: scores.len(),
        ..Summary::default()
    };
    let (mut open, mut aligned, mut busy) = (0.0, 0.0, 0.0);
    for (t, sc) in tasks.iter().zip(scores) {
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
