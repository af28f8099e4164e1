//! The tasks pane: id, score, class tag (colour and text), status, due date, title and
//! links. A `●` marks tasks linked to the selected goal. Only the rows in view are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::{class_span, pane_block};
use crate::board::app::{App, Focus};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Tasks;
    let mut title = format!(" Tasks ({}", app.task_order.len());
    if app.task_order.len() != app.ws.tasks.len() {
        title.push_str(&format!(" of {}", app.ws.tasks.len()));
    }
    title.push_str(&format!(") · by {}", app.sort.label()));
    if let Some(c) = app.class_filter {
        title.push_str(&format!(" · {c} only"));
    }
    if !app.filter.is_empty() {
        title.push_str(&format!(" · /{}", app.filter));
    }
    title.push(' ');
    let block = pane_block(title, focused);
    let height = area.height.saturating_sub(3) as usize;
    let start = app.tasks.offset.min(app.task_order.len());
    let end = (start + height).min(app.task_order.len());
    let visible = &app.task_order[start..end];
    let ws = &app.ws;
    let wide = area.width >= 90;
    let id_width = visible
        .iter()
        .map(|&i| ws.tasks[i].id.width())
        .max()
        .unwrap_or(2)
        .max(2) as u16;
    let dim = Style::new().fg(Color::DarkGray);
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let t = &ws.tasks[i];
            let s = &app.board.tasks[i];
            let marker = if app.linked_to_selected_goal(i) {
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
                Span::raw(t.goals.join(", "))
            };
            let mut cells = vec![
                Cell::from(marker),
                Cell::from(t.id.clone()),
                Cell::from(format!("{:>3}", s.points)),
                Cell::from(class_span(s.class)),
            ];
            if wide {
                let due = match t.due {
                    Some(d) if t.status.is_open() && d < app.today => {
                        Span::styled(d.to_string(), Style::new().fg(Color::Red))
                    }
                    Some(d) => Span::raw(d.to_string()),
                    None => Span::raw(""),
                };
                cells.push(Cell::from(t.status.as_str()));
                cells.push(Cell::from(due));
            }
            cells.push(Cell::from(t.title.clone()));
            cells.push(Cell::from(goals));
            let row = Row::new(cells);
            if t.status.is_open() {
                row
            } else {
                row.style(Style::new().add_modifier(Modifier::DIM))
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(id_width),
        Constraint::Length(5),
        Constraint::Length(11),
    ];
    let mut header = vec!["", "ID", "SCORE", "CLASS"];
    if wide {
        widths.extend([Constraint::Length(7), Constraint::Length(10)]);
        header.extend(["STATUS", "DUE"]);
    }
    widths.extend([Constraint::Fill(3), Constraint::Fill(2)]);
    header.extend(["TITLE", "GOALS"]);
    let highlight = if focused {
        Style::new().bg(Color::Cyan).fg(Color::Black)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(Style::new().bold().underlined()))
        .column_spacing(1)
        .block(block)
        .row_highlight_style(highlight);
    let mut state = TableState::default();
    if !visible.is_empty() {
        state.select(Some(app.tasks.selected.saturating_sub(start)));
    }
    frame.render_stateful_widget(table, area, &mut state);
    if app.task_order.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        let note = if app.ws.tasks.is_empty() {
            "no tasks yet: add [[tasks]] to the file"
        } else {
            "no task matches (Esc clears the filter, f cycles classes)"
        };
        frame.render_widget(
            Span::styled(note, Style::new().italic().fg(Color::Gray)),
            inner,
        );
    }
}
