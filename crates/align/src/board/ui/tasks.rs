//! The tasks pane: id, score, class tag (colour and text), status, due date, title and
//! links. A `●` marks tasks linked to the selected goal. Only the rows in view are built.
//! Every row shows its status: in words where the title keeps room, else as one glyph
//! (the `?` overlay has the legend); the due column shows when the tasks are sorted by
//! it, or when there is room. Text cut to its column ends in `…`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use align_core::model::{TaskIx, TaskStatus, Workspace};
use chrono::Datelike;

use super::{
    class_span, class_style, column_widths, fit, fit_line, hint_key, links_label, links_naming,
    pane_block,
};
use crate::board::app::{App, Focus};
use crate::board::views::SortKey;

/// The status glyphs of a narrow tasks pane, with their meaning (the `?` legend).
pub const STATUS_GLYPHS: [(TaskStatus, &str); 4] = [
    (TaskStatus::Todo, "○"),
    (TaskStatus::Doing, "▶"),
    (TaskStatus::Done, "✓"),
    (TaskStatus::Dropped, "✗"),
];

/// How the status column reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusForm {
    /// `todo` `doing` `done` `dropped`
    Words,
    /// `todo` `doing` `done` `drop`
    Short,
    /// One glyph of [`STATUS_GLYPHS`].
    Glyph,
}

fn status_text(status: TaskStatus, form: StatusForm) -> &'static str {
    match form {
        StatusForm::Words => status.as_str(),
        StatusForm::Short if status == TaskStatus::Dropped => "drop",
        StatusForm::Short => status.as_str(),
        StatusForm::Glyph => STATUS_GLYPHS
            .iter()
            .find(|(s, _)| *s == status)
            .map_or("?", |(_, g)| g),
    }
}

/// Titles keep at least this many cells before the status goes to a glyph or the due
/// date to its short form.
const TITLE_ROOM: u16 = 16;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Tasks;
    let mut title = format!(" Tasks ({}", app.task_order.len());
    if !app.show_finished && !app.query.names_status() {
        title.push_str(" open");
    }
    if app.task_order.len() != app.ws().tasks.len() {
        title.push_str(&format!(" of {}", app.ws().tasks.len()));
    }
    title.push_str(&format!(") · by {}", app.sort.label()));
    if let Some(c) = app.class_filter {
        title.push_str(&format!(" · {c} only"));
    }
    if !app.filter.is_empty() {
        title.push_str(&format!(" · /{}", app.filter));
    }
    title.push(' ');
    let title = fit(&title, usize::from(area.width.saturating_sub(2)));
    let block = pane_block(title, focused);
    let height = area.height.saturating_sub(3) as usize;
    let start = app.tasks.offset.min(app.task_order.len());
    let end = (start + height).min(app.task_order.len());
    let visible = &app.task_order[start..end];
    let ws = app.ws();
    let inner = area.width.saturating_sub(2);
    let wide = inner >= 88;
    let id_width = id_width(ws, visible);
    // Marker, id, score, class and their gaps; then status, due, title and goals.
    let fixed = 1 + id_width + 5 + if wide { 11 } else { 5 } + 4;
    let show_due = wide || app.sort == SortKey::Due;
    let due_text = |d: chrono::NaiveDate, short: bool| {
        if short && d.year_ce() == app.today.year_ce() {
            d.format("%m-%d").to_string()
        } else {
            d.to_string()
        }
    };
    let short_due_width = visible
        .iter()
        .filter_map(|&i| ws.tasks[i].due)
        .map(|d| due_text(d, true).width())
        .max()
        .unwrap_or(5)
        .max(3) as u16;
    // The title gets three fifths of what the other columns leave.
    let title_room = |taken: u16| inner.saturating_sub(fixed + taken) * 3 / 5;
    let status_form = if wide {
        StatusForm::Words
    } else if title_room(7 + if show_due { short_due_width + 1 } else { 0 }) >= TITLE_ROOM {
        StatusForm::Short
    } else {
        StatusForm::Glyph
    };
    let status_width: u16 = match status_form {
        StatusForm::Words => 7,
        StatusForm::Short => 6,
        StatusForm::Glyph => 1,
    };
    let short_due = !wide && title_room(status_width + 1 + 11) < TITLE_ROOM;
    // A narrow pane tags the class in five cells (`align` `part` `ops` `busy`): the
    // title gets the room.
    let class_width: u16 = if wide { 11 } else { 5 };
    let due_width = if short_due { short_due_width } else { 10 };

    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(id_width),
        Constraint::Length(5),
        Constraint::Length(class_width),
        Constraint::Length(status_width),
    ];
    let status_header = if status_form == StatusForm::Glyph {
        "S"
    } else {
        "STATUS"
    };
    let mut header = vec!["", "ID", "SCORE", "CLASS", status_header];
    if show_due {
        widths.push(Constraint::Length(due_width));
        header.push("DUE");
    }
    widths.extend([Constraint::Fill(3), Constraint::Fill(2)]);
    header.extend(["TITLE", "GOALS"]);
    let columns = column_widths(&widths, inner, 1);
    let title_width = usize::from(columns[columns.len() - 2]);
    let goals_width = usize::from(columns[columns.len() - 1]);

    let naming = links_naming(ws, visible, goals_width, app.goal_names);
    let dim = Style::new().fg(Color::DarkGray);
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let t = &ws.tasks[i];
            let s = &app.board().tasks[i];
            let marker = if app.depends_from.as_deref() == Some(t.id.as_str()) {
                // Picked with the dependency key: the task that will wait.
                Span::styled("▸", Style::new().fg(Color::Yellow).bold())
            } else if app.linked_to_selected_goal(i) {
                Span::styled("●", Style::new().fg(Color::Green).bold())
            } else {
                Span::raw(" ")
            };
            let goals = if t.goals.is_empty() {
                match &s.suggested_goal {
                    Some(g) => Span::styled(format!("→ {g}?"), dim),
                    None => Span::styled("—", dim),
                }
            } else {
                Span::raw("")
            };
            let mut cells = vec![
                Cell::from(marker),
                Cell::from(t.id.clone()),
                Cell::from(format!("{:>3}", s.points)),
                Cell::from(if wide {
                    class_span(s.class)
                } else {
                    Span::styled(short_class(s.class), class_style(s.class))
                }),
                Cell::from(status_text(t.status, status_form)),
            ];
            if show_due {
                let due = match t.due {
                    Some(d) if t.status.is_open() && d < app.today => {
                        Span::styled(due_text(d, short_due), Style::new().fg(Color::Red))
                    }
                    Some(d) => Span::raw(due_text(d, short_due)),
                    None => Span::raw(""),
                };
                cells.push(Cell::from(due));
            }
            // Blocked (waiting on open work): said in words, so it reads without colour.
            let blocked = t.depends.iter().any(|d| {
                ws.task_by_id(d)
                    .is_some_and(|b| ws.tasks[b].status.is_open())
            });
            if blocked && t.status.is_open() {
                let title = Line::from(vec![
                    Span::styled("blocked ", Style::new().fg(Color::Yellow)),
                    Span::raw(align_core::text::safe(&t.title).into_owned()),
                ]);
                cells.push(Cell::from(fit_line(title, title_width)));
            } else {
                cells.push(Cell::from(fit(&t.title, title_width)));
            }
            cells.push(Cell::from(if t.goals.is_empty() {
                fit_line(Line::from(goals), goals_width)
            } else {
                links_label(ws, &t.goals, goals_width, naming)
            }));
            let row = Row::new(cells);
            if t.status.is_open() {
                row
            } else {
                row.style(Style::new().add_modifier(Modifier::DIM))
            }
        })
        .collect();
    let highlight = super::selection_style(focused, app.color);
    let mut table = Table::new(rows, widths)
        .header(Row::new(header).style(Style::new().bold().underlined()))
        .column_spacing(1)
        .block(block)
        .row_highlight_style(highlight);
    let mut state = TableState::default();
    if !visible.is_empty() {
        state.select(Some(app.tasks.selected.saturating_sub(start)));
        // The selected row's class tag keeps its colour over the focused highlight.
        if focused && let Some(task) = app.selected_task() {
            state.select_column(Some(3));
            table = table.cell_highlight_style(selected_tag_style(app.board().tasks[task].class));
        }
    }
    frame.render_stateful_widget(table, area, &mut state);
    if app.task_order.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        let note = if app.ws().tasks.is_empty() {
            match hint_key(&app.keymap.normal, "add_task") {
                Some(k) => {
                    format!("no tasks yet: press {k} to add one (or add [[tasks]] to the file)")
                }
                None => "no tasks yet: add [[tasks]] to the file".to_string(),
            }
        } else {
            let key = |name| hint_key(&app.keymap.normal, name).unwrap_or_default();
            format!(
                "no task matches ({} clears the filter, {} cycles classes)",
                key("clear_filter"),
                key("class_filter")
            )
        };
        frame.render_widget(
            ratatui::widgets::Paragraph::new(super::wrap(
                vec![Line::from(Span::styled(
                    note,
                    Style::new().italic().fg(Color::Gray),
                ))],
                inner.width,
            )),
            inner,
        );
    }
}

/// A class in five cells, for a narrow tasks pane (the `?` legend names them).
pub fn short_class(class: align_core::Class) -> &'static str {
    match class {
        align_core::Class::Aligned => "align",
        align_core::Class::Partial => "part",
        align_core::Class::Operational => "ops",
        align_core::Class::BusyWork => "busy",
    }
}

/// A class tag on the selected row of a focused list: the class's colour kept as the
/// text colour, on the dark background of a badge, in bold.
pub fn selected_tag_style(class: align_core::Class) -> Style {
    class_style(class)
        .bg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// The id column's width for the tasks shown: the longest id, at least 2 cells.
pub fn id_width(ws: &Workspace, tasks: &[TaskIx]) -> u16 {
    tasks
        .iter()
        .map(|&i| ws.tasks[i].id.width())
        .max()
        .unwrap_or(2)
        .max(2) as u16
}
