//! `align checkins` as a person and a script read it: the key results owed a check-in, by
//! owner — the newest check-in, the day one fell due and how many days ago, and the
//! command that records one — as a table or JSON.

use align_core::checkins::Owed;
use align_core::model::Workspace;
use align_core::number::days;
use align_core::scoring::Scoreboard;
use serde::Serialize;

use crate::table::{Cell, Column, render};

/// The owed check-ins as a table, then one line on what to do.
pub fn table(
    ws: &Workspace,
    board: &Scoreboard,
    owed: &[Owed],
    width: Option<usize>,
    color: bool,
) -> String {
    let limit = days(ws.stale_after_days);
    if owed.is_empty() {
        return format!(
            "no key result is owed a check-in: every one of an active goal was checked in within {limit} (as of {})\n",
            board.today
        );
    }
    let columns = [
        Column::keep("OWNER"),
        Column::keep("KEY RESULT"),
        Column::wrap("TITLE"),
        Column::keep("LAST CHECK-IN"),
        Column::keep("OVERDUE"),
    ];
    let rows: Vec<Vec<Cell>> = owed
        .iter()
        .map(|o| {
            vec![
                Cell::from(o.owner.as_deref().unwrap_or("(no owner)")),
                Cell::from(o.key_result.to_string()),
                Cell::from(o.title.as_str()),
                Cell::from(
                    o.last_checkin
                        .map_or_else(|| "never".to_string(), |d| d.to_string()),
                ),
                Cell::from(overdue(o)),
            ]
        })
        .collect();
    let mut out = render(&columns, &rows, width, color);
    out.push_str(&format!(
        "\n{} owed a check-in (stale after {limit}); record one with: align checkin GOAL/KR VALUE\n",
        match owed.len() {
            1 => "1 key result is".to_string(),
            n => format!("{n} key results are"),
        }
    ));
    out
}

/// How overdue, in words.
pub fn overdue(o: &Owed) -> String {
    match (o.days_overdue, o.owed_since) {
        (Some(0), _) => "due today".to_string(),
        (Some(n), _) if n > 0 => days(n),
        (_, Some(d)) => format!("due {d}"),
        _ => "no start date".to_string(),
    }
}

#[derive(Serialize)]
struct JsonCheckins<'a> {
    workspace: &'a str,
    today: String,
    stale_after_days: u32,
    owed: &'a [Owed],
}

/// The owed check-ins as JSON.
pub fn json(ws: &Workspace, board: &Scoreboard, owed: &[Owed]) -> String {
    crate::json::pretty(&JsonCheckins {
        workspace: &ws.name,
        today: board.today.to_string(),
        stale_after_days: ws.stale_after_days,
        owed,
    })
}
