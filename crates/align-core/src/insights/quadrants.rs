//! Urgency × alignment: is the pressing work the work that matters? Each open task falls
//! in one of four cells — do now, schedule, the busy-work trap, drop or question — by
//! whether it is pressing and whether its class counts as aligned.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use super::none_last;
use crate::model::{Task, TaskIx, Workspace};
use crate::number::round1;
use crate::scoring::{Class, Scoreboard};

/// A cell of the urgency × alignment grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Urgent and aligned.
    DoNow,
    /// Aligned, not urgent.
    Schedule,
    /// Urgent, not aligned: busy, but not impactful.
    BusyWorkTrap,
    /// Neither urgent nor aligned.
    DropOrQuestion,
}

impl Quadrant {
    /// The grid in reading order: aligned row (urgent, not urgent), then the other row.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::DoNow,
        Quadrant::Schedule,
        Quadrant::BusyWorkTrap,
        Quadrant::DropOrQuestion,
    ];

    pub fn of(urgent: bool, aligned: bool) -> Quadrant {
        match (urgent, aligned) {
            (true, true) => Quadrant::DoNow,
            (false, true) => Quadrant::Schedule,
            (true, false) => Quadrant::BusyWorkTrap,
            (false, false) => Quadrant::DropOrQuestion,
        }
    }

    pub fn urgent(self) -> bool {
        matches!(self, Quadrant::DoNow | Quadrant::BusyWorkTrap)
    }

    pub fn aligned(self) -> bool {
        matches!(self, Quadrant::DoNow | Quadrant::Schedule)
    }

    /// Position in [`Quadrant::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::DoNow => "do now",
            Quadrant::Schedule => "schedule",
            Quadrant::BusyWorkTrap => "busy-work trap",
            Quadrant::DropOrQuestion => "drop or question",
        }
    }

    /// What the quadrant holds and what to do about it, in a few words.
    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::DoNow => "urgent and aligned: finish these first",
            Quadrant::Schedule => "aligned, not urgent: plan them in before they turn urgent",
            Quadrant::BusyWorkTrap => {
                "urgent, not aligned: busy but not impactful; link to a goal, hand off or say no"
            }
            Quadrant::DropOrQuestion => "neither urgent nor aligned: drop them or ask why",
        }
    }
}

impl std::fmt::Display for Quadrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The open tasks in one quadrant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadrantCell {
    pub quadrant: Quadrant,
    /// Indices into `Workspace::tasks`: highest score first, then earliest due date
    /// (undated last), then id.
    pub tasks: Vec<TaskIx>,
    pub effort: f64,
    /// Share of all open effort, 0..100, one decimal.
    pub effort_pct: f64,
}

/// Is an open task pressing: marked urgent, overdue, or due within `due_soon_days`?
pub fn is_urgent(task: &Task, today: NaiveDate, due_soon_days: i64) -> bool {
    task.status.is_open()
        && (task.urgent
            || task
                .due
                .is_some_and(|d| (d - today).num_days() <= due_soon_days))
}

/// Does a class count as aligned on the grid? Aligned and operational work do (and
/// enabling work whose chain ends at such work: see [`cells`]).
pub fn counts_as_aligned(class: Class) -> bool {
    matches!(class, Class::Aligned | Class::Operational)
}

/// The cell of task `i`, when it is open (finished work is on no cell).
pub(super) fn cell_of(ws: &Workspace, board: &Scoreboard, i: TaskIx) -> Option<Quadrant> {
    let t = &ws.tasks[i];
    if !t.status.is_open() {
        return None;
    }
    let aligned = |s: &crate::scoring::Score| counts_as_aligned(s.class);
    Some(Quadrant::of(
        is_urgent(t, board.today, ws.coefficients.due_soon_days),
        // Enabling work counts with the linked work its chain ends at: the migration
        // the top task waits on is not a question of whether to drop it.
        aligned(&board.tasks[i])
            || board.tasks[i]
                .unblocks
                .is_some_and(|u| aligned(&board.tasks[u.linked.0])),
    ))
}

/// The order of a cell's tasks: highest score first, then earliest due date (undated
/// last), then id, then place in the workspace (two tasks tie only when they are one).
pub(super) fn order(ws: &Workspace, board: &Scoreboard, a: TaskIx, b: TaskIx) -> Ordering {
    let (ta, tb) = (&ws.tasks[a], &ws.tasks[b]);
    board.tasks[b]
        .points
        .cmp(&board.tasks[a].points)
        .then_with(|| none_last(ta.due.as_ref(), tb.due.as_ref()))
        .then_with(|| ta.id.cmp(&tb.id))
        .then_with(|| a.cmp(&b))
}

/// Each cell's effort (its open tasks' summed in file order) and share of `open_effort`.
pub(super) fn share_out(
    ws: &Workspace,
    cells: &mut [QuadrantCell],
    of: impl Fn(TaskIx) -> Option<Quadrant>,
    open_effort: f64,
) {
    let mut effort = [0.0; 4];
    for (i, t) in ws.tasks_ix() {
        if let Some(q) = of(i) {
            effort[q.index()] += t.effort;
        }
    }
    for (cell, effort) in cells.iter_mut().zip(effort) {
        cell.effort = effort;
        cell.effort_pct = if open_effort > 0.0 {
            round1(effort / open_effort * 100.0)
        } else {
            0.0
        };
    }
}

/// The four cells, empty, in [`Quadrant::ALL`] order.
pub(super) fn empty_cells() -> Vec<QuadrantCell> {
    Quadrant::ALL
        .iter()
        .map(|&quadrant| QuadrantCell {
            quadrant,
            tasks: Vec::new(),
            effort: 0.0,
            effort_pct: 0.0,
        })
        .collect()
}

/// The open tasks in the four cells, in [`Quadrant::ALL`] order, sorted and with their
/// shares of `open_effort`.
pub(super) fn cells(
    ws: &Workspace,
    board: &Scoreboard,
    open: &[TaskIx],
    open_effort: f64,
) -> Vec<QuadrantCell> {
    let mut quadrants = empty_cells();
    let mut placed = vec![None; ws.tasks.len()];
    for &i in open {
        let q = cell_of(ws, board, i);
        placed[i.0] = q;
        if let Some(q) = q {
            quadrants[q.index()].tasks.push(i);
        }
    }
    for cell in &mut quadrants {
        // Unstable, hence quicker, and still the order a stable sort gives: two tasks
        // tie only when they are one task (the last key is its place in the workspace).
        cell.tasks.sort_unstable_by(|&a, &b| order(ws, board, a, b));
    }
    share_out(ws, &mut quadrants, |i| placed[i.0], open_effort);
    quadrants
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::test_support::*;

    #[test]
    fn each_open_task_lands_in_the_quadrant_of_its_pressure_and_class() {
        let text = [
            HEAD,
            GOALS,
            // aligned, urgent by flag
            &task("A", "goals = [\"grow/kr\"]\nurgent = true\neffort = 2"),
            // aligned, due in 7 days: still "due soon"
            &task("B", "goals = [\"grow/kr\"]\ndue = 2026-12-02"),
            // aligned, due in 8 days: not urgent
            &task("C", "goals = [\"grow/kr\"]\ndue = 2026-12-03\neffort = 3"),
            // operational and overdue: do now, never a trap
            &task("D", "goals = [\"ops\"]\ndue = 2026-11-20"),
            // operational, no due date: schedule
            &task("E", "goals = [\"ops\"]"),
            // unlinked and overdue: the trap
            &task("F", "due = 2026-11-01\neffort = 4"),
            // unlinked, no due date, not urgent: drop or question
            &task("G", "effort = 0.5"),
            // done: not on the grid at all, however urgent
            &task("H", "status = \"done\"\nurgent = true"),
            // dropped
            &task("I", "status = \"dropped\""),
        ]
        .concat();
        let (ws, ins) = build(&text);
        let cell = |q| ids(&ws, &ins.quadrant(q).tasks);
        // A and B score the same; B has a due date, so it comes first.
        assert_eq!(cell(Quadrant::DoNow), ["B", "A", "D"]);
        assert_eq!(cell(Quadrant::Schedule), ["C", "E"]);
        assert_eq!(cell(Quadrant::BusyWorkTrap), ["F"]);
        assert_eq!(cell(Quadrant::DropOrQuestion), ["G"]);
        assert_eq!(ins.open_tasks, 7);
        assert_eq!(ins.open_effort, 2.0 + 1.0 + 3.0 + 1.0 + 1.0 + 4.0 + 0.5);
        assert_eq!(ins.quadrant(Quadrant::DoNow).effort, 4.0);
        assert_eq!(ins.quadrant(Quadrant::BusyWorkTrap).effort, 4.0);
        assert_eq!(ins.quadrant(Quadrant::BusyWorkTrap).effort_pct, 32.0);
        let total: usize = ins.quadrants.iter().map(|c| c.tasks.len()).sum();
        assert_eq!(total, ins.open_tasks);
        assert_eq!(
            ins.quadrant_of(ws.task_by_id("F").unwrap()),
            Some(Quadrant::BusyWorkTrap)
        );
        assert_eq!(ins.quadrant_of(ws.task_by_id("H").unwrap()), None);
    }

    #[test]
    fn a_partial_task_is_not_aligned_and_an_urgent_one_is_a_trap() {
        // A link to a paused goal: partial, never aligned.
        let text = [
            HEAD,
            "[[goals]]\nid = \"old\"\ntitle = \"Old\"\nstatus = \"paused\"\n",
            &task("P", "goals = [\"old\"]\nurgent = true"),
            &task("Q", "goals = [\"old\"]"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks), ["P"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["Q"]
        );
    }

    #[test]
    fn enabling_work_counts_with_the_linked_work_it_unblocks() {
        let text = [
            HEAD,
            GOALS,
            "[[goals]]\nid = \"old\"\ntitle = \"Old\"\nstatus = \"paused\"\n",
            &task("A", "goals = [\"grow/kr\"]\ndepends = [\"M\"]"),
            // Linked to nothing: A waits on M, M on N; both serve A.
            &task("M", "depends = [\"N\"]"),
            &task("N", "urgent = true"),
            // Unblocks only partial work (a paused goal's): still a question.
            &task("P", "goals = [\"old\"]\ndepends = [\"Q\"]"),
            &task("Q", ""),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::Schedule).tasks),
            ["A", "M"]
        );
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::DoNow).tasks), ["N"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["P", "Q"]
        );
    }

    #[test]
    fn quadrant_tasks_are_sorted_by_score_then_due_then_id() {
        let text = [
            HEAD,
            GOALS,
            // Same score (unlinked, no impact), different due dates, all overdue.
            &task("Z", "due = 2026-11-20"),
            &task("Y", "due = 2026-11-10"),
            &task("X", "urgent = true"),
            &task("W", "urgent = true"),
            // Higher score: impact 5 adds points even unlinked... still busy-work.
            &task("V", "urgent = true\nimpact = 5"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        // V scores highest; then the dated ones by date; then the undated by id.
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks),
            ["V", "Y", "Z", "W", "X"]
        );
    }

    #[test]
    fn without_due_dates_only_the_urgent_flag_makes_work_urgent() {
        let text = [
            HEAD,
            GOALS,
            &task("A", "goals = [\"grow/kr\"]"),
            &task("B", ""),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert!(ins.quadrant(Quadrant::DoNow).tasks.is_empty());
        assert!(ins.quadrant(Quadrant::BusyWorkTrap).tasks.is_empty());
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::Schedule).tasks), ["A"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["B"]
        );
    }

    #[test]
    fn due_soon_follows_the_coefficient() {
        let text = [
            HEAD,
            "[scoring]\ndue_soon_days = 0\n",
            &task("A", "due = 2026-11-26"),
            &task("B", "due = 2026-11-25"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert_eq!(ins.due_soon_days, 0);
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks), ["B"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["A"]
        );
    }
}
