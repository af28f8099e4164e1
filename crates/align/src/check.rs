//! `align check --max-busy PCT`: the verdict a CI job or a git hook acts on, and for a
//! failure the busy-work to question. The share is compared exactly — not as the rounded
//! figure the tables show — and printed with as many decimals as the verdict needs.

use crate::output::ranked;
use crate::table::display_text;
use align_core::model::Workspace;
use align_core::scoring::{Class, Scoreboard};

/// What `check` prints, and whether the limit holds.
pub fn check(ws: &Workspace, board: &Scoreboard, max_busy: f64) -> (bool, String) {
    // The exact share, not the rounded one: 19 of 66 is 28.79%, within 28.79.
    let busy = board.summary.busy_share();
    let pass = busy <= max_busy;
    let mut text = format!(
        "{}: busy-work is {}% of open effort (limit {max_busy}%)\n{}\n",
        if pass { "ok" } else { "FAIL" },
        share_beside_limit(busy, max_busy),
        crate::output::summary_line(&board.summary)
    );
    if !pass {
        text.push_str(&busy_work_to_question(ws, board));
    }
    (pass, text)
}

/// What `check --max-stale N` prints, and whether no more than `max` key results are owed
/// a check-in.
pub fn check_stale(
    ws: &Workspace,
    owed: &[align_core::checkins::Owed],
    max: usize,
    width: Option<usize>,
) -> (bool, String) {
    let pass = owed.len() <= max;
    let mut text = format!(
        "{}: {} owed a check-in (limit {max}; stale after {})\n",
        if pass { "ok" } else { "FAIL" },
        match owed.len() {
            1 => "1 key result is".to_string(),
            n => format!("{n} key results are"),
        },
        align_core::number::days(ws.stale_after_days)
    );
    if !pass {
        for o in owed {
            let line = format!(
                "  {}  {}  {}, {}",
                o.key_result,
                display_text(&o.title),
                o.owner.as_deref().unwrap_or("(no owner)"),
                crate::checkins::overdue(o)
            );
            text.push_str(
                &width.map_or_else(|| line.clone(), |w| crate::table::truncate(&line, w)),
            );
            text.push('\n');
        }
    }
    (pass, text)
}

/// A share beside the limit it is checked against, rounded to one decimal unless that would
/// contradict the verdict: 28.79 under a limit of 28.79 is shown as `28.79`, not `28.8`.
pub fn share_beside_limit(share: f64, limit: f64) -> String {
    let within = share <= limit;
    (1..=6)
        .map(|places| {
            let scale = 10f64.powi(places);
            align_core::number::unsigned_zero((share * scale).round() / scale)
        })
        .find(|shown| (*shown <= limit) == within)
        .map_or_else(|| format!("{share}"), |shown| format!("{shown}"))
}

/// `check`'s list of open busy-work, each with what to do about it: the suggested link,
/// or, for a task linked only to inactive goals, which goals those are.
fn busy_work_to_question(ws: &Workspace, board: &Scoreboard) -> String {
    let mut text = String::from("busy-work to question (link it to an active goal, or drop it):\n");
    for i in ranked(board, Some(Class::BusyWork)) {
        let t = &ws.tasks[i];
        if !t.status.is_open() {
            continue;
        }
        let inactive: Vec<String> = ws
            .links(t)
            .iter()
            .map(|l| &ws.goals[l.goal])
            .filter(|g| !g.is_active(board.today))
            .map(|g| {
                let why = match g.status {
                    align_core::model::GoalStatus::Active => "past due".to_string(),
                    other => other.to_string(),
                };
                format!("{} is {why}", g.id)
            })
            .collect();
        let hint = match &board.tasks[i].suggested_goal {
            Some(g) => format!("  (align link {} {g})", t.id),
            None if !inactive.is_empty() => {
                format!("  (its goals are inactive: {})", dedup(inactive).join(", "))
            }
            None => String::new(),
        };
        text.push_str(&format!("  {}  {}{hint}\n", t.id, display_text(&t.title)));
    }
    text
}

/// `items` without repeats, in first-seen order.
fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_shown_with_the_decimals_its_verdict_needs() {
        let share = 19.0 / 66.0 * 100.0;
        assert_eq!(share_beside_limit(share, 30.0), "28.8");
        assert_eq!(share_beside_limit(share, 28.79), "28.79");
        assert_eq!(share_beside_limit(share, 28.78), "28.8");
        assert_eq!(share_beside_limit(share, 28.8), "28.8");
        assert_eq!(share_beside_limit(0.0, 0.0), "0");
    }
}
