//! Insights: where the team's open effort really goes, read three ways.
//!
//! The score says how much one task moves a goal; a lead also needs the view from above.
//! This module answers three questions from a scored workspace, with one function
//! ([`insights`]) that the board's Insights tab draws (and a report can print), so both
//! always say the same thing:
//!
//! - **Urgency × alignment** ([`Quadrant`]): is the pressing work the work that matters?
//!   Open tasks fall into *do now*, *schedule*, the *busy-work trap* (the seed's "busy but
//!   not impactful") or *drop or question*.
//! - **Key-result staffing** ([`KeyResultInsight`]): is anybody working on the key results
//!   that are slipping, and is effort piling up on the ones that are fine?
//! - **Trends**: each key result's check-ins in date order, and open effort by class per
//!   owner ([`OwnerLoad`]): who is carrying the busy-work.
//!
//! The definitions, stated once here and in the README:
//!
//! - A task is **urgent** (pressing) when it is open and marked `urgent`, overdue, or due
//!   within `due_soon_days` (the scoring coefficient, 7 by default) — the same "due soon"
//!   the scoring uses. A task with no due date is urgent only when marked so.
//! - A task counts as **aligned** when its class is `aligned` or `operational`.
//!   Operational work (keep-the-lights-on) is necessary, not strategic: an urgent patch is
//!   *do now*, not a trap. `partial` and `busy-work` tasks are not aligned. Classes follow
//!   the lens in force, as everywhere else.
//! - A key result is **off track** when it is behind plan (progress below the share of
//!   its goal's start..due already gone) or its latest check-in's confidence is below
//!   0.5; **on track** when it is not off track and either has a plan (its goal has both
//!   dates) or has reached its target; otherwise it is **unplanned**.
//! - A key result's **open effort** is the effort of open tasks linked straight to it.
//!   Tasks linked only to its goal as a whole are counted apart (`goal_effort`): they may
//!   serve any of the goal's key results, so they neither staff it nor leave it bare.
//! - **Off track and unstaffed**: off track with no open effort linked to it.
//!   **On track but over-staffed**: on track with open effort above twice the median
//!   open effort of the staffed key results (those with any open effort).
//!
//! Here the three are gathered; `quadrants`, `staffing` and `owners` each build one;
//! `follow` keeps them current after a change without sorting every open task again.

mod follow;
mod owners;
mod quadrants;
mod staffing;

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{TaskIx, Workspace};
use crate::number;
use crate::scoring::Scoreboard;

pub use follow::KeptInsights;
pub use owners::{ClassEffort, NOBODY, OwnerLoad};
pub use quadrants::{Quadrant, QuadrantCell, counts_as_aligned, is_urgent};
pub use staffing::{
    KeyResultInsight, LOW_CONFIDENCE, OVER_STAFFED_FACTOR, StaffingFlag, Track, TrendPoint,
};

/// The three views at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub today: NaiveDate,
    /// Days ahead that count as due soon (the `due_soon_days` coefficient).
    pub due_soon_days: i64,
    pub open_tasks: usize,
    pub open_effort: f64,
    /// In [`Quadrant::ALL`] order.
    pub quadrants: Vec<QuadrantCell>,
    /// Key results of active goals: off track and unstaffed first, then over-staffed,
    /// then the rest, each in file order.
    pub key_results: Vec<KeyResultInsight>,
    /// The median open effort of key results with any open effort.
    pub staffed_median: Option<f64>,
    /// Owners by busy-work effort, most first (then by open effort, then by name);
    /// owner-less tasks grouped as [`NOBODY`].
    pub owners: Vec<OwnerLoad>,
}

impl Insights {
    pub fn quadrant(&self, q: Quadrant) -> &QuadrantCell {
        &self.quadrants[q.index()]
    }

    /// The quadrant an open task is in.
    pub fn quadrant_of(&self, task: TaskIx) -> Option<Quadrant> {
        self.quadrants
            .iter()
            .find(|c| c.tasks.contains(&task))
            .map(|c| c.quadrant)
    }
}

/// `Some` before `None`, each `Some` in its own order: dated before undated, named
/// before nobody.
fn none_last<T: Ord>(a: Option<&T>, b: Option<&T>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Build the insights from a scored workspace (as of `board.today`, under `board.lens`).
pub fn insights(ws: &Workspace, board: &Scoreboard) -> Insights {
    let open = open_tasks(ws);
    let open_effort = open_effort(ws, &open);
    let quadrants = quadrants::cells(ws, board, &open, open_effort);
    let staff = staffing::Staff::new(ws, &open);
    let owners = owners::Owners::new(ws);
    gather(ws, board, &open, quadrants, &staff, &owners)
}

/// The open tasks, in file order.
fn open_tasks(ws: &Workspace) -> Vec<TaskIx> {
    ws.tasks_ix()
        .filter(|(_, t)| t.status.is_open())
        .map(|(i, _)| i)
        .collect()
}

fn open_effort(ws: &Workspace, open: &[TaskIx]) -> f64 {
    number::sum(open.iter().map(|&i| ws.tasks[i].effort))
}

/// The three views, from the cells (sorted, with their shares), who staffs what, and
/// whose each task is.
fn gather(
    ws: &Workspace,
    board: &Scoreboard,
    open: &[TaskIx],
    quadrants: Vec<QuadrantCell>,
    staff: &staffing::Staff,
    owners: &owners::Owners,
) -> Insights {
    let (key_results, staffed_median) = staffing::key_results(ws, board, staff);
    Insights {
        today: board.today,
        due_soon_days: ws.coefficients.due_soon_days,
        open_tasks: open.len(),
        open_effort: open_effort(ws, open),
        quadrants,
        key_results,
        staffed_median,
        owners: owners::loads(ws, board, open, owners),
    }
}

#[cfg(test)]
mod test_support {
    use chrono::NaiveDate;

    use super::{Insights, KeyResultInsight, insights};
    use crate::model::Workspace;
    use crate::score_workspace;

    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    pub(super) fn load(text: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("align.toml");
        std::fs::write(&path, text).unwrap();
        let ws = crate::load(&path).unwrap().workspace;
        (dir, ws)
    }

    pub(super) fn build(text: &str) -> (Workspace, Insights) {
        let (_dir, ws) = load(text);
        let board = score_workspace(&ws, today(), None);
        let ins = insights(&ws, &board);
        (ws, ins)
    }

    pub(super) fn ids(ws: &Workspace, tasks: &[crate::model::TaskIx]) -> Vec<String> {
        tasks.iter().map(|&i| ws.tasks[i].id.clone()).collect()
    }

    pub(super) const HEAD: &str = "version = 1\n[workspace]\nname = \"T\"\n";

    /// One heavy objective with a key result, one operational goal.
    pub(super) const GOALS: &str = r#"
[[goals]]
id = "grow"
title = "Grow"
weight = 5
start = 2026-10-01
due = 2026-12-31

  [[goals.key_results]]
  id = "kr"
  title = "Signups"
  start = 0
  target = 100
  current = 50

[[goals]]
id = "ops"
title = "Keep the lights on"
kind = "operational"
"#;

    pub(super) fn task(id: &str, extra: &str) -> String {
        format!("\n[[tasks]]\nid = \"{id}\"\ntitle = \"Task {id}\"\n{extra}\n")
    }

    /// Key results with plans: the goal runs 2026-10-01..2027-01-31 (today is 45% of it).
    pub(super) const KRS: &str = r#"
[[goals]]
id = "g"
title = "Goal"
start = 2026-10-01
due = 2027-01-31

  [[goals.key_results]]
  id = "behind"
  title = "Behind plan"
  start = 0
  target = 100
  current = 10
  checkins = [
    { date = 2026-11-20, value = 10, confidence = 0.9 },
    { date = 2026-10-15, value = 5, confidence = 0.8 },
  ]

  [[goals.key_results]]
  id = "unsure"
  title = "Ahead but unsure"
  start = 0
  target = 100
  current = 80
  checkins = [{ date = 2026-11-20, value = 80, confidence = 0.3 }]

  [[goals.key_results]]
  id = "fine"
  title = "Ahead and sure"
  start = 0
  target = 100
  current = 90

  [[goals.key_results]]
  id = "fine2"
  title = "Also ahead"
  start = 100
  target = 0
  current = 10
  checkins = [
    { date = 2026-10-10, value = 60 },
    { date = 2026-11-10, value = 10 },
  ]

[[goals]]
id = "nodates"
title = "No dates"

  [[goals.key_results]]
  id = "k"
  title = "Unplanned"
  start = 0
  target = 10
  current = 2

[[goals]]
id = "done"
title = "Achieved"
status = "achieved"

  [[goals.key_results]]
  id = "k2"
  title = "Not listed"
  start = 0
  target = 1
  current = 1
"#;

    pub(super) fn kr<'a>(ins: &'a Insights, target: &str) -> &'a KeyResultInsight {
        ins.key_results
            .iter()
            .find(|k| k.target == target)
            .unwrap_or_else(|| panic!("{target} listed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::test_support::*;
    use crate::score_workspace;

    #[test]
    fn an_empty_or_finished_workspace_has_empty_insights() {
        let (_ws, ins) = build(HEAD);
        assert_eq!(ins.open_tasks, 0);
        assert_eq!(ins.open_effort, 0.0);
        assert_eq!(ins.quadrants.len(), 4);
        assert!(
            ins.quadrants
                .iter()
                .all(|c| c.tasks.is_empty() && c.effort_pct == 0.0)
        );
        assert!(ins.key_results.is_empty());
        assert_eq!(ins.staffed_median, None);
        assert!(ins.owners.is_empty());

        // Goals but only closed work: every off-track key result is unstaffed,
        // percentages stay finite.
        let (_ws, ins) = build(
            &[
                HEAD,
                KRS,
                &task("A", "status = \"done\"\ngoals = [\"g/fine\"]"),
            ]
            .concat(),
        );
        assert_eq!(ins.open_effort, 0.0);
        assert!(ins.owners.is_empty());
        assert_eq!(ins.staffed_median, None);
        assert_eq!(
            kr(&ins, "g/behind").flag,
            Some(StaffingFlag::OffTrackUnstaffed)
        );
        assert_eq!(kr(&ins, "g/fine").flag, None);
        assert!(ins.quadrants.iter().all(|c| c.effort_pct == 0.0));
    }

    #[test]
    fn the_demo_reads_sensibly() {
        let (_dir, ws) = load(include_str!("../../../../assets/demo.toml"));
        let board = score_workspace(&ws, today(), None);
        let ins = insights(&ws, &board);
        let cell = |q| ids(&ws, &ins.quadrant(q).tasks);
        // Urgent operational work is done now, not a trap.
        assert!(cell(Quadrant::DoNow).contains(&"T-119".to_string()));
        // Urgent unlinked work is the trap.
        for id in ["T-123", "T-126", "T-129", "T-125"] {
            assert!(
                cell(Quadrant::BusyWorkTrap).contains(&id.to_string()),
                "{id}"
            );
        }
        let total: f64 = ins.quadrants.iter().map(|c| c.effort).sum();
        assert!((total - ins.open_effort).abs() < 1e-9);
        assert!(ins.owners.iter().all(|o| o.owner.is_some()));
    }
}
