//! The detail panes: the selected task's score as an itemised bill, and the selected
//! goal's key results with their check-in history as sparklines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use align::output::bar;

use super::{class_span, pane_block, sparkline, wrap};
use crate::board::app::App;

pub fn render_task(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(" Why this score ".to_string(), false);
    let Some(i) = app.selected_task() else {
        frame.render_widget(Paragraph::new("no task selected").block(block), area);
        return;
    };
    let t = &app.ws.tasks[i];
    let s = &app.board.tasks[i];
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", t.id), Style::new().bold()),
            Span::raw(t.title.clone()),
        ]),
        Line::from({
            let mut spans = vec![
                Span::styled(format!("score {}", s.points), Style::new().bold()),
                Span::raw(" · "),
                class_span(s.class),
                Span::raw(format!(" · {}", t.status)),
            ];
            if let Some(d) = t.due {
                spans.push(Span::raw(format!(" · due {d}")));
            }
            if let Some(o) = &t.owner {
                spans.push(Span::raw(format!(" · {o}")));
            }
            spans.push(Span::raw(format!(" · effort {}", t.effort)));
            spans
        }),
    ];
    for f in &s.factors {
        let color = if f.points > 0 {
            Color::Green
        } else if f.points < 0 {
            Color::Red
        } else {
            Color::Gray
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:>+4} ", f.points), Style::new().fg(color).bold()),
            Span::styled(format!("{:<16}", f.name), Style::new().fg(Color::Gray)),
            Span::raw(f.detail.clone()),
        ]));
    }
    if let Some(g) = &s.suggested_goal {
        lines.push(Line::from(vec![
            Span::styled("  → ", Style::new().fg(Color::Cyan)),
            Span::raw(format!("suggested link: {g} (select it in Goals, then l)")),
        ]));
    }
    let lines = wrap(lines, block.inner(area).width);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub fn render_goal(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(" Goal ".to_string(), false);
    let Some(row) = app.selected_goal_row() else {
        frame.render_widget(Paragraph::new("no goals yet").block(block), area);
        return;
    };
    let gi = row.goal();
    let g = &app.ws.goals[gi];
    let f = &app.board.goals[gi];
    let mut head = vec![
        Span::raw(g.kind.as_str()),
        Span::raw(format!(" · weight {}", g.weight)),
        Span::raw(format!(" · {}", g.status)),
    ];
    if let Some(h) = g.horizon {
        head.push(Span::raw(format!(" · {h}")));
    }
    if let Some(d) = g.due {
        head.push(Span::raw(format!(" · due {d}")));
    }
    if let Some(o) = &g.owner {
        head.push(Span::raw(format!(" · {o}")));
    }
    let mut flags = vec![
        Span::styled(
            format!("{} {:.0}%", bar(f.progress, 10), f.progress * 100.0),
            Style::new().fg(Color::Cyan),
        ),
        Span::raw(format!(" · {} open tasks", f.open_tasks)),
    ];
    if let Some(d) = f.last_checkin {
        flags.push(Span::raw(format!(" · checked in {d}")));
    }
    if f.orphan {
        flags.push(Span::styled(
            " · orphan: no open work",
            Style::new().fg(Color::Yellow).bold(),
        ));
    }
    if f.stale {
        flags.push(Span::styled(
            format!(" · stale: no check-in for {} days", app.ws.stale_after_days),
            Style::new().fg(Color::Yellow),
        ));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", g.id), Style::new().bold()),
            Span::raw(g.title.clone()),
        ]),
        Line::from(head),
        Line::from(flags),
    ];
    for (ki, k) in g.key_results.iter().enumerate() {
        let pace = app.scorer.pace(gi, ki);
        let mut values: Vec<(chrono::NaiveDate, f64)> =
            k.checkins.iter().map(|c| (c.date, c.value)).collect();
        values.sort_by_key(|v| v.0);
        let series: Vec<f64> = values.iter().map(|v| v.1).collect();
        let unit = k.unit.as_deref().unwrap_or("");
        let mut spans = vec![
            Span::styled(format!("◦ {:<14}", k.id), Style::new().bold()),
            Span::raw(format!(
                "{} → {} {unit}, now {} ",
                k.start, k.target, k.current
            )),
            Span::styled(sparkline(&series), Style::new().fg(Color::Magenta)),
            Span::styled(
                format!(" {:.0}%", pace.progress * 100.0),
                Style::new().fg(Color::Cyan),
            ),
        ];
        if pace.behind() {
            spans.push(Span::styled(" behind plan", Style::new().fg(Color::Red)));
        }
        if let Some(c) = k.latest_checkin().and_then(|c| c.confidence) {
            spans.push(Span::raw(format!(" · confidence {c}")));
        }
        lines.push(Line::from(spans));
    }
    let lines = wrap(lines, block.inner(area).width);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
