//! `align explain TASK`: one task's particulars and its score as an itemised bill — each
//! factor with its points and why — then the rule that gave its class. Its own module
//! because it is the one place a person reads the scoring in full, and it must read on
//! any terminal: values and factor details wrap at word boundaries to the width.

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use crate::output::class_style;
use crate::table::{Cell, Column, display_text, render, styled};
use align_core::model::{TaskIx, Workspace};
use align_core::scoring::{Class, Scoreboard};
use align_core::sight::Level;

/// `explain TASK`: the task's particulars and its score as an itemised bill, fitting
/// `width` cells when given.
pub fn bill(
    ws: &Workspace,
    board: &Scoreboard,
    task: TaskIx,
    width: Option<usize>,
    color: bool,
) -> String {
    let t = &ws.tasks[task];
    let s = &board.tasks[task];
    let paint = |text: &str, style: Style| {
        if color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let mut out = String::new();
    // `name      value`, the value wrapped under itself when it is too long for the line;
    // on a very narrow terminal, below the name instead.
    const LABEL: usize = 10;
    let hang = |value: &str, name: &str, style: Style, out: &mut String| {
        let value = display_text(value);
        let room = width.map_or(usize::MAX, |w| w.saturating_sub(LABEL));
        let (first, indent, room) = match width {
            Some(w) if w < 2 * LABEL + 20 && value.width() > room => {
                out.push_str(&paint(name, style));
                out.push('\n');
                (" ".repeat(2), 2, w - 2)
            }
            _ => (paint(&format!("{name:<LABEL$}"), style), LABEL, room),
        };
        for (n, line) in crate::table::wrap_line(&value, room).iter().enumerate() {
            let lead = if n == 0 {
                first.clone()
            } else {
                " ".repeat(indent)
            };
            out.push_str(&format!("{lead}{line}\n"));
        }
    };
    let mut field = |name: &str, value: String| {
        hang(&value, name, bold, &mut out);
    };
    field("task", format!("{}  {}", t.id, t.title));
    field("status", t.status.to_string());
    field(
        "goals",
        if t.goals.is_empty() {
            "(none)".to_string()
        } else {
            t.links_joined(", ")
        },
    );
    if let Some(i) = t.impact {
        field("impact", format!("{i} of 5"));
    }
    field("effort", t.effort.to_string());
    if let Some(d) = t.due {
        field("due", d.to_string());
    }
    if let Some(d) = t.done {
        field("done", d.to_string());
    }
    if t.urgent {
        field("urgent", "yes".to_string());
    }
    if let Some(o) = &t.owner {
        field("owner", o.clone());
    }
    if !t.tags.is_empty() {
        field("tags", t.tags.join(", "));
    }
    if !t.depends.is_empty() {
        field("waits on", waits_on(ws, task));
    }
    if let Some(src) = &t.source {
        field("source", src.clone());
    }
    let file = &ws.files[t.origin.file];
    let (line, col) = align_core::diag::LineIndex::new(&file.text).locate(t.origin.span.start);
    field("file", format!("{}:{line}:{col}", file.path.display()));
    field("lens", board.lens.to_string());
    out.push('\n');
    let columns = [
        Column::keep("FACTOR"),
        Column::number("POINTS"),
        Column::wrap("DETAIL"),
    ];
    let mut rows: Vec<Vec<Cell>> = s
        .factors
        .iter()
        .map(|f| {
            vec![
                Cell::from(f.name),
                Cell::from(format!("{:+}", f.points)),
                Cell::from(f.detail.as_str()),
            ]
        })
        .collect();
    let sum: i64 = s.factors.iter().map(|f| f.points).sum();
    let c = &ws.coefficients;
    let rule = match s.class {
        Class::Aligned => format!("aligned: score >= {}", c.aligned_at),
        Class::BusyWork if t.goals.is_empty() => "busy-work: moves no goal".to_string(),
        Class::BusyWork => format!("busy-work: score < {}", c.busy_below),
        Class::Operational => "operational: linked only to operational goals".to_string(),
        Class::Partial if s.unblocks.is_some() && ws.links(t).is_empty() => {
            "partial: enabling work, no link of its own".to_string()
        }
        Class::Partial => format!("partial: between {} and {}", c.busy_below, c.aligned_at),
    };
    rows.push(vec![
        styled("score", bold),
        styled(s.points.to_string(), bold),
        Cell::from(if i64::from(s.points) == sum {
            format!("sum of factors → {rule}")
        } else {
            format!("sum {sum}, clamped to 0..100 → {rule}")
        }),
    ]);
    out.push_str(&render(&columns, &rows, width, color));
    out.push_str(&format!(
        "\n{:<LABEL$}{}\n",
        "class",
        paint(s.class.as_str(), class_style(s.class))
    ));
    if let Some(g) = &s.suggested_goal {
        hang(
            &format!(
                "align link {} {g}   (its title matches that goal's words)",
                t.id
            ),
            "suggest",
            Style::new(),
            &mut out,
        );
    }
    out.push('\n');
    out.push_str(&line_of_sight(ws, board, task, width, color));
    out
}

/// What task `t` waits on: each id, with `(done)` or `(dropped)` once finished.
fn waits_on(ws: &Workspace, t: TaskIx) -> String {
    ws.tasks[t]
        .depends
        .iter()
        .map(|id| match ws.task_by_id(id).map(|b| ws.tasks[b].status) {
            Some(s) if !s.is_open() => format!("{id} ({s})"),
            _ => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The task's line of sight as a table: the task, then each level up to the mission, with
/// titles and progress; or why there is none.
fn line_of_sight(
    ws: &Workspace,
    board: &Scoreboard,
    task: TaskIx,
    width: Option<usize>,
    color: bool,
) -> String {
    let t = &ws.tasks[task];
    let steps = align_core::sight::line_of_sight_scored(ws, board, task);
    if steps.is_empty() {
        let text = "line of sight: none, the task is linked to no goal";
        let mut out = width.map_or_else(|| text.to_string(), |w| crate::table::wrap(text, w));
        out.push('\n');
        return out;
    }
    let columns = [
        Column::keep("LINE OF SIGHT"),
        Column::keep("ID"),
        Column::wrap("TITLE"),
        Column::number("PROGRESS"),
    ];
    let mut rows = vec![vec![
        Cell::from("task"),
        Cell::from(t.id.as_str()),
        Cell::from(t.title.as_str()),
        Cell::from(""),
    ]];
    for step in &steps {
        let level = match step.level {
            Level::Task => "↑ unblocks",
            Level::KeyResult => "↑ key result",
            Level::Goal => "↑ goal",
            Level::Mission => "↑ mission",
        };
        rows.push(vec![
            Cell::from(level),
            Cell::from(if step.level == Level::Mission {
                ""
            } else {
                step.id.as_str()
            }),
            Cell::from(step.title.as_str()),
            Cell::from(step.progress.map_or_else(String::new, |p| {
                format!(
                    "{}%",
                    align_core::number::display(align_core::number::round1(p * 100.0))
                )
            })),
        ]);
    }
    render(&columns, &rows, width, color)
}
