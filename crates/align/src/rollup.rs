//! `align rollup` as a person and a script read it: the organisation's teams against the
//! company goals they align to — per company goal, each team's goals under it with their
//! progress and the team's open effort that reaches it; the company goals no team works
//! on; each team's aligned and busy-work shares; and the teams with no line of sight to
//! the company. A table for the terminal, Markdown to paste, JSON for scripts.

use align_core::number::display;
use align_core::org::Rollup;
use anstyle::{AnsiColor, Style};

use crate::markdown::{code, text};
use crate::output::bar;
use crate::table::{Cell, Column, display_text, render, styled};

/// Progress in percent, whole.
fn pct(progress: f64) -> String {
    format!("{:.0}%", progress.clamp(0.0, 1.0) * 100.0)
}

fn orphan_note() -> &'static str {
    "orphan: no team works on it"
}

/// The roll-up as two tables (company goals with the teams under them; the teams), and
/// the teams that see no company goal.
pub fn table(rollup: &Rollup, width: Option<usize>, color: bool) -> String {
    let dim = Style::new().dimmed();
    let warn = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let mut out = String::new();
    if rollup.goals.is_empty() {
        out.push_str(
            "no team aligns to a company workspace: a team's [workspace] names it with upstream = [\"../company\"]\n\n",
        );
    } else {
        let columns = [
            Column::keep("COMPANY GOAL / TEAM"),
            Column::truncate("TITLE / TEAM GOALS"),
            Column::keep("PROGRESS"),
            Column::number("OPEN EFFORT"),
            Column::number("OPEN TASKS"),
        ];
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for g in &rollup.goals {
            let tasks: usize = g.teams.iter().map(|t| t.open_tasks.len()).sum();
            rows.push(vec![
                Cell::from(display_text(&g.id).into_owned()),
                Cell::from(display_text(&g.title).into_owned()),
                Cell::from(format!("{} {:>4}", bar(g.progress, 10), pct(g.progress))),
                Cell::from(display(g.open_effort)),
                Cell::from(tasks.to_string()),
            ]);
            if g.orphan {
                rows.push(vec![
                    Cell::from(""),
                    styled(orphan_note(), warn),
                    Cell::from(""),
                    Cell::from(""),
                    Cell::from(""),
                ]);
            }
            for t in &g.teams {
                let goals = if t.goals.is_empty() {
                    "(tasks linked straight to it)".to_string()
                } else {
                    t.goals
                        .iter()
                        .map(|tg| format!("{} {}", tg.id, pct(tg.progress)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                rows.push(vec![
                    styled(format!("  {}", display_text(&t.team)), dim),
                    Cell::from(display_text(&goals).into_owned()),
                    Cell::from(""),
                    Cell::from(display(t.open_effort)),
                    Cell::from(t.open_tasks.len().to_string()),
                ]);
            }
        }
        out.push_str(&render(&columns, &rows, width, color));
        out.push('\n');
    }
    let columns = [
        Column::keep("TEAM"),
        Column::truncate("NAME"),
        Column::number("OPEN TASKS"),
        Column::number("OPEN EFFORT"),
        Column::number("TO COMPANY"),
        Column::number("ALIGNED"),
        Column::number("BUSY-WORK"),
    ];
    let rows: Vec<Vec<Cell>> = rollup
        .teams
        .iter()
        .map(|t| {
            vec![
                Cell::from(display_text(&t.key).into_owned()),
                Cell::from(display_text(&t.name).into_owned()),
                Cell::from(t.open_tasks.to_string()),
                Cell::from(display(t.open_effort)),
                Cell::from(display(t.cascaded_effort)),
                Cell::from(format!("{}%", t.aligned_effort_pct)),
                Cell::from(format!("{}%", t.busy_effort_pct)),
            ]
        })
        .collect();
    out.push_str(&render(&columns, &rows, width, color));
    out.push('\n');
    let orphans = rollup.goals.iter().filter(|g| g.orphan).count();
    let mut notes = String::new();
    notes.push_str(&format!(
        "{} team{}, {} company goal{} ({} orphan), as of {}; TO COMPANY is the open effort that reaches a company goal\n",
        rollup.teams.len(),
        if rollup.teams.len() == 1 { "" } else { "s" },
        rollup.goals.len(),
        if rollup.goals.len() == 1 { "" } else { "s" },
        orphans,
        rollup.today
    ));
    if !rollup.teams_without_line_of_sight.is_empty() && !rollup.goals.is_empty() {
        notes.push_str(&format!(
            "no line of sight to a company goal: {} (give a goal parent = \"{}\", or link a task to it)\n",
            display_text(&rollup.teams_without_line_of_sight.join(", ")),
            display_text(&rollup.goals[0].id)
        ));
    }
    for line in notes.lines() {
        match width {
            Some(w) => out.push_str(&crate::table::wrap(line, w)),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The roll-up as JSON: the [`Rollup`] as it is.
pub fn json(rollup: &Rollup) -> String {
    crate::json::pretty(rollup)
}

/// The roll-up as Markdown, to paste in a channel or a wiki: a section per company goal
/// with its teams, then the teams' shares.
pub fn markdown(rollup: &Rollup) -> String {
    let mut out = format!("## Organisation roll-up ({})\n\n", rollup.today);
    if rollup.goals.is_empty() {
        out.push_str("No team aligns to a company workspace yet.\n\n");
    } else {
        out.push_str("| Company goal | Team | Team goals | Progress | Open effort |\n|---|---|---|---:|---:|\n");
        for g in &rollup.goals {
            out.push_str(&format!(
                "| {} {} | | | {} | {} |\n",
                code(&g.id),
                text(&g.title),
                pct(g.progress),
                display(g.open_effort)
            ));
            if g.orphan {
                out.push_str(&format!("| | *{}* | | | |\n", orphan_note()));
            }
            for t in &g.teams {
                let goals: Vec<String> = t
                    .goals
                    .iter()
                    .map(|tg| {
                        format!(
                            "{} {} ({})",
                            code(&tg.id),
                            text(&tg.title),
                            pct(tg.progress)
                        )
                    })
                    .collect();
                out.push_str(&format!(
                    "| | {} | {} | | {} |\n",
                    text(&t.team),
                    if goals.is_empty() {
                        "tasks linked straight to it".to_string()
                    } else {
                        goals.join("<br>")
                    },
                    display(t.open_effort)
                ));
            }
        }
        out.push('\n');
    }
    out.push_str("| Team | Open tasks | Open effort | To company goals | Aligned | Busy-work |\n|---|---:|---:|---:|---:|---:|\n");
    for t in &rollup.teams {
        out.push_str(&format!(
            "| {} {} | {} | {} | {} | {}% | {}% |\n",
            code(&t.key),
            text(&t.name),
            t.open_tasks,
            display(t.open_effort),
            display(t.cascaded_effort),
            t.aligned_effort_pct,
            t.busy_effort_pct
        ));
    }
    if !rollup.teams_without_line_of_sight.is_empty() && !rollup.goals.is_empty() {
        let keys: Vec<String> = rollup
            .teams_without_line_of_sight
            .iter()
            .map(|k| code(k))
            .collect();
        out.push_str(&format!(
            "\nNo line of sight to a company goal: {}.\n",
            keys.join(", ")
        ));
    }
    out
}
