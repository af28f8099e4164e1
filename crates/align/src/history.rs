//! `align history` as people and scripts read it: a table of the points, oldest first,
//! with each key result's progress and confidence; JSON with every figure; CSV with one
//! row a point and two columns a key result, for a spreadsheet's chart.

use align_core::history::{Figures, Point};
use serde::Serialize;

use crate::cli::EveryArg;
use crate::table::{Cell, Column, display_text, grid_if_fits, render};

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn pct(p: f64) -> String {
    format!("{}%", (p * 100.0).round())
}

/// A key result at a point as a few words: `growth/kr1 40% c0.7`.
fn key_results(f: &Figures) -> String {
    f.key_results
        .iter()
        .map(|k| {
            let mut s = format!("{} {}", display_text(&k.id), pct(k.progress));
            if let Some(c) = k.confidence {
                s.push_str(&format!(" c{c}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn closed(f: &Figures) -> String {
    f.closed_goals
        .iter()
        .map(|g| {
            let grade = g.grade.map_or_else(String::new, |x| format!(" {x:.1}"));
            format!(
                "{} {}{grade} (effort {})",
                display_text(&g.id),
                g.status,
                align_core::number::display(g.done_effort)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The points as a table, then a line on what they are.
pub fn table(points: &[Point], width: Option<usize>, color: bool) -> String {
    if points.is_empty() {
        return "no history yet: no commit of this repository touches the workspace (commit it, then run align history)\n".to_string();
    }
    let columns = [
        Column::keep("DATE"),
        Column::keep("COMMIT"),
        Column::number("OPEN"),
        Column::number("ALIGNED"),
        Column::number("BUSY"),
        Column::number("ORPHAN"),
        Column::number("STALE"),
        Column::wrap("KEY RESULTS (progress, confidence)"),
        Column::wrap("CLOSED (grade, effort done)"),
    ];
    // On a terminal too narrow for the columns, each point is a record with no header
    // above its figures: there each figure says what it is.
    let labelled = |on: bool| {
        move |label: &str, figure: String| match on {
            true => Cell::from(format!("{label} {figure}")),
            false => Cell::from(figure),
        }
    };
    let rows_of = |label: &dyn Fn(&str, String) -> Cell<'static>| -> Vec<Vec<Cell<'_>>> {
        points
            .iter()
            .map(|p| {
                let mut row = vec![
                    Cell::from(p.date.to_string()),
                    Cell::from(short(&p.commit.id)),
                ];
                match &p.figures {
                    Ok(f) => row.extend([
                        label("open", f.open_tasks.to_string()),
                        label("aligned", format!("{:.1}%", f.aligned_effort_pct)),
                        label("busy", format!("{:.1}%", f.busy_effort_pct)),
                        label("orphan", f.orphan_goals.to_string()),
                        label("stale", f.stale_goals.to_string()),
                        Cell::from(key_results(f)),
                        Cell::from(closed(f)),
                    ]),
                    Err(e) => {
                        row.extend(std::iter::repeat_n(Cell::from("-"), 5));
                        row.push(Cell::from(format!("does not load: {}", display_text(e))));
                        row.push(Cell::from(""));
                    }
                }
                row
            })
            .collect()
    };
    let mut out = grid_if_fits(&columns, &rows_of(&labelled(false)), width, color)
        .unwrap_or_else(|| render(&columns, &rows_of(&labelled(true)), width, color));
    out.push_str(&format!(
        "\n{} point{}; shares are of open effort, each point scored as of its DATE (align score --today DATE on that commit)\n",
        points.len(),
        if points.len() == 1 { "" } else { "s" }
    ));
    out
}

#[derive(Serialize)]
struct JsonHistory<'a> {
    every: &'static str,
    points: Vec<JsonPoint<'a>>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    date: String,
    commit: &'a str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    figures: Option<&'a Figures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// `history --format json`: `{ "every", "points": [ { "date", "commit", "open_tasks",
/// "aligned_effort_pct", "busy_effort_pct", "orphan_goals", "stale_goals",
/// "key_results": [ { "id", "progress", "confidence" } ], "closed_goals": [ { "id",
/// "status", "grade", "done_tasks", "done_effort" } ] } ] }`; a point
/// whose files did not load has `"error"` instead of its figures.
pub fn json(points: &[Point], every: EveryArg) -> String {
    let doc = JsonHistory {
        every: match every {
            EveryArg::Day => "day",
            EveryArg::Week => "week",
            EveryArg::Commit => "commit",
        },
        points: points
            .iter()
            .map(|p| JsonPoint {
                date: p.date.to_string(),
                commit: &p.commit.id,
                figures: p.figures.as_ref().ok(),
                error: p.figures.as_ref().err().map(String::as_str),
            })
            .collect(),
    };
    let mut s = crate::json::pretty(&doc);
    s.push('\n');
    s
}

/// `history --format csv`: a row a point; after the fixed columns, a progress and a
/// confidence column for every key result the history has (empty where it had none).
pub fn csv(points: &[Point]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for p in points {
        for k in p.figures.iter().flat_map(|f| &f.key_results) {
            if !ids.contains(&k.id.as_str()) {
                ids.push(&k.id);
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "date",
        "commit",
        "open_tasks",
        "aligned_effort_pct",
        "busy_effort_pct",
        "orphan_goals",
        "stale_goals",
        "error",
    ]
    .map(String::from)
    .to_vec();
    for id in &ids {
        header.push(format!("{id} progress"));
        header.push(format!("{id} confidence"));
    }
    let _ = w.write_record(&header);
    for p in points {
        let mut row = vec![p.date.to_string(), p.commit.id.clone()];
        match &p.figures {
            Ok(f) => {
                row.extend([
                    f.open_tasks.to_string(),
                    f.aligned_effort_pct.to_string(),
                    f.busy_effort_pct.to_string(),
                    f.orphan_goals.to_string(),
                    f.stale_goals.to_string(),
                    String::new(),
                ]);
                for id in &ids {
                    let k = f.key_results.iter().find(|k| k.id == *id);
                    row.push(k.map_or_else(String::new, |k| k.progress.to_string()));
                    row.push(
                        k.and_then(|k| k.confidence)
                            .map_or_else(String::new, |c| c.to_string()),
                    );
                }
            }
            Err(e) => {
                row.extend(std::iter::repeat_n(String::new(), 5));
                row.push(e.clone());
                row.extend(std::iter::repeat_n(String::new(), ids.len() * 2));
            }
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
