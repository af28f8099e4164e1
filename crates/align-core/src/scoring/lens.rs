//! What the lens weighs, and reading every score under another lens without scoring
//! again. Only deadlines (`overdue`, `due_soon`) and `urgent` count differently under
//! `crunch`, and with them the class of unlinked work and what blockers earn; links,
//! weights, key results, impact and suggestions do not move. So switching the lens (`m`
//! on the board) re-weighs those last lines of each task's bill in place, works its
//! points and class out again from its [`Standing`](super::Standing), and settles the `unblocks` pass
//! again: at 100,000 tasks no bill is rebuilt, no detail written again, nothing
//! suggested. A property test holds the result to a fresh scoring under the new lens.

use chrono::NaiveDate;

use super::{Factor, Score, Scoreboard, Scorer, summarize};
use crate::depends::Dependencies;
use crate::model::{Coefficients, Lens, Task, Workspace};

/// An open task's deadline line: overdue, or due within `due_soon_days`.
pub(super) struct Deadline {
    pub(super) name: &'static str,
    /// Under the scorer's lens (may be 0: then the bill leaves the line out).
    pub(super) points: i64,
    due: NaiveDate,
    /// Days from today to `due` (negative: overdue).
    days: i64,
}

impl Deadline {
    fn detail(&self) -> String {
        let due = self.due;
        if self.days < 0 {
            format!("overdue since {due} ({})", crate::number::days(-self.days))
        } else {
            match self.days {
                0 => format!("due {due}, today"),
                n => format!("due {due}, in {}", crate::number::days(n)),
            }
        }
    }

    pub(super) fn factor(&self) -> Factor {
        Factor {
            name: self.name,
            points: self.points,
            detail: self.detail(),
        }
    }
}

impl Scorer {
    /// An open task's deadline line under this lens, when it is overdue or due soon.
    /// Crunch counts deadlines for more (README "Scoring"), whatever `[scoring]` says:
    /// never fewer points than the strategy lens gives.
    pub(super) fn deadline(&self, c: &Coefficients, task: &Task) -> Option<Deadline> {
        let due = task.due?;
        let days = (due - self.today).num_days();
        let crunch = self.lens == Lens::Crunch;
        let (name, points) = if days < 0 {
            let p = if crunch {
                c.crunch_overdue.max(c.overdue)
            } else {
                c.overdue
            };
            ("overdue", p)
        } else if days <= c.due_soon_days {
            let p = if crunch {
                c.crunch_due_soon.max(c.due_soon)
            } else {
                c.due_soon
            };
            ("due_soon", p)
        } else {
            return None;
        };
        Some(Deadline {
            name,
            points,
            due,
            days,
        })
    }

    /// What `urgent` earns an open task under this lens (0 when it is not marked so).
    fn urgent_points(&self, c: &Coefficients, task: &Task) -> i64 {
        match (task.urgent, self.lens) {
            (false, _) => 0,
            (true, Lens::Crunch) => c.crunch_urgent.max(c.urgent),
            (true, Lens::Strategy) => c.urgent,
        }
    }

    /// An open task's `urgent` line under this lens, when it earns points.
    pub(super) fn urgency(&self, c: &Coefficients, task: &Task) -> Option<Factor> {
        let points = self.urgent_points(c, task);
        (points != 0).then(|| Factor {
            name: "urgent",
            points,
            detail: "marked urgent".to_string(),
        })
    }

    /// `score` without what it earned from the work it unblocks: its own bill, points
    /// and class, as [`Scorer::score`] gives them.
    pub(super) fn own_score(&self, c: &Coefficients, score: &mut Score) {
        if score.unblocks.take().is_none() {
            return;
        }
        if score.factors.last().is_some_and(|f| f.name == "unblocks") {
            score.factors.pop();
        }
        self.settle_points(c, score);
    }

    /// Points (the clamped sum of the bill) and class worked out again from the bill.
    fn settle_points(&self, c: &Coefficients, score: &mut Score) {
        let sum: i64 = score.factors.iter().map(|f| f.points).sum();
        score.points = sum.clamp(0, 100) as u8;
        score.class = score.standing.class(c, score.points, self.lens);
    }

    /// `task`'s own score, made under another lens, re-weighed under this one: its
    /// deadline and `urgent` lines given this lens's points (a line added only when it
    /// earned nothing before, dropped when it earns nothing now), then its points and
    /// class. What it earns from the work it unblocks is dropped: the `unblocks` pass
    /// settles that again.
    fn reweigh(&self, c: &Coefficients, task: &Task, score: &mut Score) {
        self.own_score(c, score);
        if task.status.is_open() {
            self.reweigh_lines(c, task, &mut score.factors);
        }
        self.settle_points(c, score);
    }

    /// An open task's deadline and `urgent` lines given this lens's points.
    fn reweigh_lines(&self, c: &Coefficients, task: &Task, bill: &mut Vec<Factor>) {
        let line = |bill: &[Factor], name: &str| bill.iter().rposition(|f| f.name == name);
        if let Some(deadline) = self.deadline(c, task) {
            match line(bill, deadline.name) {
                Some(i) if deadline.points != 0 => bill[i].points = deadline.points,
                Some(i) => {
                    bill.remove(i);
                }
                None if deadline.points != 0 => {
                    // Before `urgent`, where a fresh bill has it.
                    let at = line(bill, "urgent").unwrap_or(bill.len());
                    bill.insert(at, deadline.factor());
                }
                None => {}
            }
        }
        let urgent = self.urgent_points(c, task);
        match line(bill, "urgent") {
            Some(i) if urgent != 0 => bill[i].points = urgent,
            Some(i) => {
                bill.remove(i);
            }
            None => bill.extend(self.urgency(c, task)),
        }
    }

    /// Read `board` (scored by this scorer) under `lens` instead: every score re-weighed
    /// in place, the `unblocks` pass settled again, the summary counted again. The goal
    /// flags do not depend on the lens. Gives what a fresh scoring under `lens` gives.
    pub fn set_lens(&mut self, ws: &Workspace, board: &mut Scoreboard, lens: Lens) {
        self.set_lens_with(ws, &Dependencies::new(ws), board, lens);
    }

    /// [`Scorer::set_lens`] with the graph of `ws`'s `depends` already made.
    pub fn set_lens_with(
        &mut self,
        ws: &Workspace,
        dependencies: &Dependencies,
        board: &mut Scoreboard,
        lens: Lens,
    ) {
        self.lens = lens;
        board.lens = lens;
        let c = &ws.coefficients;
        if board.tasks.len() != ws.tasks.len() {
            *board = self.scoreboard_with(ws, dependencies);
            return;
        }
        for (task, score) in ws.tasks.iter().zip(&mut board.tasks) {
            self.reweigh(c, task, score);
        }
        self.apply_unblocks(ws, dependencies, &mut board.tasks);
        board.summary = summarize(ws, &board.tasks);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::scoring::{Class, score_workspace};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn load(text: &str) -> Workspace {
        let path = PathBuf::from("align.toml");
        crate::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .unwrap()
            .workspace
    }

    const TEXT: &str = r#"version = 1
[workspace]
name = "T"

[[goals]]
id = "grow"
title = "Grow"

[[tasks]]
id = "A"
title = "Overdue and urgent, unlinked"
due = 2026-11-20
urgent = true

[[tasks]]
id = "B"
title = "Due soon, linked"
goals = ["grow"]
due = 2026-11-27
depends = ["C"]

[[tasks]]
id = "C"
title = "What B waits on"
"#;

    #[test]
    fn a_lens_switch_reweighs_deadlines_and_urgency_and_keeps_the_rest_of_the_bill() {
        let ws = load(TEXT);
        let mut scorer = Scorer::new(&ws, today(), Lens::Strategy);
        let mut board = scorer.scoreboard(&ws);
        let before = board.tasks[0].clone();
        assert_eq!(before.class, Class::BusyWork);
        scorer.set_lens(&ws, &mut board, Lens::Crunch);
        let a = &board.tasks[0];
        let c = &ws.coefficients;
        let points =
            |s: &Score, name: &str| s.factors.iter().find(|f| f.name == name).map(|f| f.points);
        assert_eq!(points(a, "overdue"), Some(c.crunch_overdue));
        assert_eq!(points(a, "urgent"), Some(c.crunch_urgent));
        // The same lines, the same words: only the points moved.
        let details = |s: &Score| {
            s.factors
                .iter()
                .map(|f| f.detail.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(details(a), details(&before));
        assert_ne!(
            a.class,
            Class::BusyWork,
            "crunch classes unlinked work by its score"
        );
        // C earns from B, whose due-soon line counts for more under crunch.
        assert!(board.tasks[2].unblocks.is_some());
        assert_eq!(board, score_workspace(&ws, today(), Some(Lens::Crunch)));
        scorer.set_lens(&ws, &mut board, Lens::Strategy);
        assert_eq!(board, score_workspace(&ws, today(), Some(Lens::Strategy)));
    }
}
