//! The goals pane: the alignment tree with weight, status, key-result progress and the
//! orphan/stale marks. A `●` marks goals the selected task is linked to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};

use align::model::{GoalKind, GoalStatus};
use align::output::bar;

use super::pane_block;
use crate::board::app::{App, Focus};
use crate::board::views::GoalRow;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Goals;
    let block = pane_block(format!(" Goals ({}) ", app.ws.goals.len()), focused);
    let height = area.height.saturating_sub(2) as usize;
    let ws = &app.ws;
    let start = app.goals.offset.min(app.goal_rows.len());
    let end = (start + height).min(app.goal_rows.len());
    let rows: Vec<Row> = app.goal_rows[start..end]
        .iter()
        .map(|&row| {
            let marker = if app.row_linked_to_selected_task(row) {
                Span::styled("●", Style::new().fg(Color::Green).bold())
            } else {
                Span::raw(" ")
            };
            let (name, progress, dim) = match row {
                GoalRow::Goal { goal, depth } => {
                    let g = &ws.goals[goal];
                    let f = &app.board.goals[goal];
                    let mut spans = vec![
                        Span::raw("  ".repeat(usize::from(depth))),
                        Span::styled(g.id.clone(), Style::new().bold()),
                        Span::styled(format!(" w{}", g.weight), Style::new().fg(Color::Gray)),
                    ];
                    if g.kind == GoalKind::Operational {
                        spans.push(Span::styled(" ops", Style::new().fg(Color::Blue)));
                    }
                    if g.status != GoalStatus::Active {
                        spans.push(Span::styled(
                            format!(" {}", g.status),
                            Style::new().fg(Color::Gray).italic(),
                        ));
                    }
                    if f.orphan {
                        spans.push(Span::styled(
                            " orphan",
                            Style::new().fg(Color::Yellow).bold(),
                        ));
                    }
                    if f.stale {
                        spans.push(Span::styled(" stale", Style::new().fg(Color::Yellow)));
                    }
                    (Line::from(spans), f.progress, !app.scorer.is_active(goal))
                }
                GoalRow::KeyResult {
                    goal,
                    key_result,
                    depth,
                } => {
                    let k = &ws.goals[goal].key_results[key_result];
                    let line = Line::from(vec![
                        Span::raw("  ".repeat(usize::from(depth))),
                        Span::styled("◦ ", Style::new().fg(Color::Gray)),
                        Span::raw(k.id.clone()),
                    ]);
                    (line, k.progress(), !app.scorer.is_active(goal))
                }
            };
            let pct = format!("{} {:>3.0}%", bar(progress, 6), progress * 100.0);
            let row = Row::new(vec![
                Cell::from(marker),
                Cell::from(name),
                Cell::from(Span::styled(pct, Style::new().fg(Color::Cyan))),
            ]);
            if dim {
                row.style(Style::new().add_modifier(Modifier::DIM))
            } else {
                row
            }
        })
        .collect();
    let highlight = if focused {
        Style::new().bg(Color::Cyan).fg(Color::Black)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(11),
        ],
    )
    .column_spacing(1)
    .block(block)
    .row_highlight_style(highlight);
    let mut state = TableState::default();
    if !app.goal_rows.is_empty() {
        state.select(Some(app.goals.selected.saturating_sub(start)));
    }
    frame.render_stateful_widget(table, area, &mut state);
}
