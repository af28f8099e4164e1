//! The report's organisation section, when it is run on an organisation: the teams
//! against the company goals they align to — per company goal its progress and the open
//! effort every team puts into it, the company goals no team works on, each team's
//! aligned and busy-work shares, and the teams with no line of sight — the roll-up, in
//! the report's words, so a leadership channel reads it beside the week's figures.

use super::Report;
use super::layout::{Layout, Line, Paragraph, Piece, Tone, code, column, numeric, strong, text};
use super::words::{num, plural};

fn pct(progress: f64) -> String {
    format!("{:.0}%", progress.clamp(0.0, 1.0) * 100.0)
}

/// The organisation section (nothing on one team's report).
pub(super) fn section(r: &Report, o: &mut impl Layout) {
    let Some(rollup) = &r.organisation else {
        return;
    };
    o.heading("Organisation");
    let orphans: Vec<&str> = rollup
        .goals
        .iter()
        .filter(|g| g.orphan)
        .map(|g| g.id.as_str())
        .collect();
    let mut verdict: Line = vec![text(format!(
        "{} aligned to {}",
        plural(rollup.teams.len(), "team", "teams"),
        plural(rollup.goals.len(), "company goal", "company goals"),
    ))];
    if orphans.is_empty() {
        verdict.push(text(
            "; every active company goal has a team working on it.",
        ));
    } else {
        verdict.push(text("; no team works on "));
        for (n, id) in orphans.iter().enumerate() {
            if n > 0 {
                verdict.push(text(", "));
            }
            verdict.push(code(*id));
        }
        verdict.push(Piece::Tone(Tone::Busy, " (orphan)".into()));
        verdict.push(text("."));
    }
    o.paragraph(Paragraph::Verdict, &verdict);
    if !rollup.goals.is_empty() {
        let rows: Vec<Vec<Line>> = rollup
            .goals
            .iter()
            .map(|g| {
                let teams: Line = if g.teams.is_empty() {
                    vec![Piece::Tone(Tone::Busy, "no team".into())]
                } else {
                    let mut line = Vec::new();
                    for (n, t) in g.teams.iter().enumerate() {
                        if n > 0 {
                            line.push(text("; "));
                        }
                        line.push(strong(t.team.as_str()));
                        line.push(text(format!(" effort {}", num(t.open_effort))));
                        for tg in &t.goals {
                            line.push(text(" · "));
                            line.push(code(tg.id.as_str()));
                            line.push(text(format!(" {}", pct(tg.progress))));
                        }
                    }
                    line
                };
                vec![
                    vec![code(g.id.as_str())],
                    vec![text(g.title.as_str())],
                    vec![text(pct(g.progress))],
                    vec![text(num(g.open_effort))],
                    teams,
                ]
            })
            .collect();
        o.table(
            &[
                column("Company goal"),
                column("Title"),
                numeric("Progress"),
                numeric("Open effort"),
                column("Teams (their goals)"),
            ],
            &rows,
        );
    }
    let rows: Vec<Vec<Line>> = rollup
        .teams
        .iter()
        .map(|t| {
            vec![
                vec![code(t.key.as_str())],
                vec![text(t.name.as_str())],
                vec![text(num(t.open_effort))],
                vec![text(num(t.cascaded_effort))],
                vec![Piece::Tone(
                    Tone::Aligned,
                    format!("{}%", t.aligned_effort_pct).into(),
                )],
                vec![Piece::Tone(
                    Tone::Busy,
                    format!("{}%", t.busy_effort_pct).into(),
                )],
            ]
        })
        .collect();
    o.table(
        &[
            column("Team"),
            column("Name"),
            numeric("Open effort"),
            numeric("To company"),
            numeric("Aligned"),
            numeric("Busy-work"),
        ],
        &rows,
    );
    if !rollup.teams_without_line_of_sight.is_empty() && !rollup.goals.is_empty() {
        let mut line: Line = vec![text("No line of sight to a company goal: ")];
        for (n, k) in rollup.teams_without_line_of_sight.iter().enumerate() {
            if n > 0 {
                line.push(text(", "));
            }
            line.push(code(k.as_str()));
        }
        line.push(text(" (give a goal "));
        line.push(code(format!("parent = \"{}\"", rollup.goals[0].id)));
        line.push(text(", or link a task to one)."));
        o.paragraph(Paragraph::Muted, &line);
    }
}
