//! The status bar: workspace, lens, counts by class, the aligned and busy-work shares of
//! open effort, and the last message (or the filter being typed).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use align::Class;

use super::class_style;
use crate::board::app::{App, Tone};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let s = &app.board.summary;
    let mut spans = vec![
        Span::styled(format!(" {} ", app.ws.name), Style::new().bold()),
        Span::raw("· "),
        Span::styled(app.lens().as_str(), Style::new().fg(Color::Magenta).bold()),
        Span::raw(" lens · "),
    ];
    for (class, n) in [
        (Class::Aligned, s.aligned),
        (Class::Partial, s.partial),
        (Class::Operational, s.operational),
        (Class::BusyWork, s.busy_work),
    ] {
        spans.push(Span::styled(format!("{n} {class}"), class_style(class)));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw("· effort "));
    spans.push(Span::styled(
        format!("{}% aligned", s.aligned_effort_pct),
        class_style(Class::Aligned),
    ));
    spans.push(Span::raw(" / "));
    spans.push(Span::styled(
        format!("{}% busy", s.busy_effort_pct),
        class_style(Class::BusyWork),
    ));
    let top = Line::from(spans).style(Style::new().bg(Color::Black));
    frame.render_widget(top, Rect::new(area.x, area.y, area.width, 1));

    let second = if app.editing_filter {
        Line::from(vec![
            Span::styled(" filter /", Style::new().fg(Color::Cyan).bold()),
            Span::raw(app.filter.clone()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
            Span::styled("  Enter keeps · Esc clears", Style::new().fg(Color::Gray)),
        ])
    } else {
        let mut spans = Vec::new();
        if app.read_only.is_some() {
            spans.push(Span::styled(
                " READ-ONLY ",
                Style::new().bg(Color::Red).fg(Color::White).bold(),
            ));
        }
        match &app.message {
            Some((text, tone)) => {
                let color = match tone {
                    Tone::Info => Color::Gray,
                    Tone::Done => Color::Green,
                    Tone::Problem => Color::Red,
                };
                spans.push(Span::styled(format!(" {text}"), Style::new().fg(color)));
            }
            None if app.tab == crate::board::action::Tab::Insights => spans.push(Span::styled(
                " ←→↑↓ hjkl quadrant · Tab lists · Enter show on Board · ? help · q quit",
                Style::new().fg(Color::Gray),
            )),
            None => spans.push(Span::styled(
                " Tab pane · j/k move · l link · u undo · / filter · s sort · f class · m lens · 2 compare · ? help · q quit",
                Style::new().fg(Color::Gray),
            )),
        }
        Line::from(spans)
    };
    if area.height > 1 {
        frame.render_widget(second, Rect::new(area.x, area.y + 1, area.width, 1));
    }
}
