//! The phrases both layouts say alike — counts, values with their units, changes in
//! progress points, a busy-work task's goal cell, what an empty section reads — so the
//! Markdown and the HTML report can never tell the team different things.

use super::{BusyTask, GoalNote};
use align_core::number;
pub(super) use align_core::number::plural;
use align_core::scoring::Summary;

pub(super) fn num(v: f64) -> String {
    number::display(v)
}

pub(super) fn with_unit(v: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", num(v)),
        Some(u) if !u.is_empty() => format!("{} {u}", num(v)),
        _ => num(v),
    }
}

pub(super) fn signed(points: f64) -> String {
    if points > 0.0 {
        format!("+{} pts", num(points))
    } else if points < 0.0 {
        format!("−{} pts", num(-points))
    } else {
        "±0 pts".to_string()
    }
}

pub(super) fn counts_line(s: &Summary) -> String {
    format!(
        "{} — {} aligned, {} partial, {} operational, {} busy-work",
        s.tasks, s.aligned, s.partial, s.operational, s.busy_work
    )
}

pub(super) fn stale_text(g: &GoalNote, after: u32) -> String {
    match (g.last_checkin, g.days_since) {
        (Some(d), Some(n)) => format!(
            "last check-in {d}, {} ago (limit {after})",
            align_core::number::days(n)
        ),
        _ => "no check-in yet".to_string(),
    }
}

pub(super) const BUSY_INTRO: &str =
    "Open work that moves no active goal: link it, or ask whether it should be done at all.";

/// The Goal cell of a busy-work row as pieces of text, each flagged when it is code.
pub(super) fn goal_pieces(b: &BusyTask) -> Vec<(bool, String)> {
    if let Some((link, what)) = &b.suggested {
        return vec![
            (false, "suggested ".to_string()),
            (true, link.clone()),
            (false, format!(" {what}: ")),
            (true, format!("align link {} {link}", b.id)),
        ];
    }
    if b.linked.is_empty() {
        return vec![(false, "no goal matches its words".to_string())];
    }
    let mut pieces = vec![(false, "linked to ".to_string())];
    for (n, (link, why)) in b.linked.iter().enumerate() {
        if n > 0 {
            pieces.push((false, ", ".to_string()));
        }
        pieces.push((true, link.clone()));
        if let Some(why) = why {
            pieces.push((false, format!(" ({why})")));
        }
    }
    pieces
}

pub(super) const EMPTY_BUSY: &str = "None: every open task moves a goal or keeps the lights on.";
pub(super) const EMPTY_GOALS: &str = "None: every active goal has open work and a recent check-in.";
pub(super) const EMPTY_MOVEMENT: &str = "No key results on active goals.";
pub(super) const EMPTY_ENDED: &str = "None: no active goal is past its due date.";
pub(super) const ENDED_INTRO: &str = "Active goals past their due date pull no more work: grade them and close them, or roll them over to the next cycle (`--roll-over DUE`).";
pub(super) const EMPTY_CLOSED: &str =
    "No goal of this quarter has been closed yet (`align close GOAL`).";
pub(super) const GRADES_NOTE: &str = "Grades run 0.0–1.0 (Google's OKR grading: 0.6–0.7 is a good stretch result); progress is the key results' mean. Effort is that of the tasks finished in the quarter for each goal or its key results (a task serving two goals counts for both).";
