//! The Compare tab: the seed's six rows, strategic alignment against the task
//! completion mindset, each side with the seed's words and this workspace's live
//! figures; the verdict; and the seed's advice on when each mindset fits, pointing at
//! the lens in force.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use align::compare::{Leaning, STRATEGY_HEADING, TASK_HEADING};
use align::model::Lens;

use crate::board::app::App;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(cmp) = app.cached_comparison() else {
        return;
    };
    // A blank line between rows where there is room; on short screens (80×24) the rows
    // close up so the verdict below stays in view.
    let row_height = if area.height >= 26 { 3 } else { 2 };
    // Borders and header, six rows of two lines, and the blank lines between them.
    let table_height = 3 + 6 * 2 + 5 * (row_height - 2);
    let [table_area, verdict_area] =
        Layout::vertical([Constraint::Length(table_height), Constraint::Min(0)]).areas(area);
    let rows: Vec<Row> = cmp
        .rows
        .iter()
        .map(|r| {
            let side = |seed: &'static str, figure: &str, color: Color| {
                Cell::from(Text::from(vec![
                    Line::from(seed).bold(),
                    Line::from(Span::styled(format!("→ {figure}"), Style::new().fg(color))),
                ]))
            };
            Row::new(vec![
                Cell::from(Line::from(r.feature).bold()),
                side(r.strategy.seed, &r.strategy.figure, Color::Green),
                side(r.task.seed, &r.task.figure, Color::Yellow),
            ])
            .height(row_height)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(18),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(vec!["", STRATEGY_HEADING, TASK_HEADING]).style(Style::new().bold().underlined()),
    )
    .column_spacing(2)
    .block(Block::bordered().title(Line::from(" Strategy vs. task completion ").bold()));
    frame.render_widget(table, table_area);

    let verdict_color = match cmp.leaning {
        Leaning::Strategy => Color::Green,
        Leaning::Balanced => Color::Yellow,
        Leaning::Task => Color::Red,
    };
    let pointer = |on: bool| {
        if on {
            Span::styled("▶ ", Style::new().fg(Color::Magenta).bold())
        } else {
            Span::raw("  ")
        }
    };
    let lens = cmp.advice.lens;
    let lines = vec![
        Line::from(Span::styled(
            cmp.verdict.clone(),
            Style::new().fg(verdict_color).bold(),
        )),
        Line::from(""),
        Line::from(vec![
            pointer(lens == Lens::Strategy),
            Span::raw(cmp.advice.strategy_when),
        ]),
        Line::from(vec![
            pointer(lens == Lens::Crunch),
            Span::raw(cmp.advice.task_when),
        ]),
        Line::from(""),
        Line::from(Span::styled(
            format!("{}  (m switches the lens)", cmp.advice.lens_note),
            Style::new().fg(Color::Magenta),
        )),
    ];
    let lines = super::wrap(lines, verdict_area.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(Line::from(" Verdict ").bold())),
        verdict_area,
    );
}
