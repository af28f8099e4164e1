//! Open effort by owner as stacked bars, busy-work first so the busy parts line up on the
//! left, each with its busy/total figure; with room to spare a second line per owner
//! gives the figures by class. The legend takes the last line; owners that do not fit
//! are counted (`+2 more`).

use align_core::Class;
use align_core::insights::Insights;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{first_fitting, num, plural};
use crate::board::ui::{class_style, fit_line, titled_pane};

/// Bar segments, busy-work first so the busy parts line up on the left.
const SEGMENTS: [(Class, &str, &str); 4] = [
    (Class::BusyWork, "█", "busy"),
    (Class::Partial, "▓", "part"),
    (Class::Operational, "▒", "ops"),
    (Class::Aligned, "░", "aligned"),
];

/// The bars' legend, as long as fits `width`: class names, short names, no gaps.
fn legend(width: usize) -> Line<'static> {
    let make = |tier: usize| {
        Line::from(
            SEGMENTS
                .iter()
                .map(|&(c, g, short)| {
                    let text = match tier {
                        0 => format!("{g} {c} "),
                        1 => format!("{g} {short} "),
                        _ => format!("{g}{short} "),
                    };
                    Span::styled(text, class_style(c))
                })
                .collect::<Vec<_>>(),
        )
    };
    (0..2)
        .map(make)
        .find(|l| l.width() <= width + 1)
        .unwrap_or_else(|| make(2))
}

pub(super) fn render(frame: &mut Frame, ins: &Insights, area: Rect) {
    let inner_width = usize::from(area.width.saturating_sub(2));
    let title = first_fitting(
        vec![
            " Open effort by owner · busy/total ".to_string(),
            " Busy/total effort by owner ".to_string(),
            " Busy/total by owner ".to_string(),
            " Owners ".to_string(),
        ],
        inner_width,
    );
    let block = titled_pane(fit_line(Line::from(title).bold(), inner_width), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    if ins.owners.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::from("no open work").italic().fg(Color::Gray)),
            inner,
        );
        return;
    }
    // The legend takes the last line when there is more than one.
    let rows = usize::from(inner.height) - usize::from(inner.height > 1);
    // With room to spare, each owner gets a second line: the figures by class.
    let spread = rows >= ins.owners.len() * 2 && width >= 40;
    let per_owner = if spread { 2 } else { 1 };
    let shown = if ins.owners.len() * per_owner > rows {
        rows.saturating_sub(1) / per_owner
    } else {
        ins.owners.len()
    };
    let owners = &ins.owners[..shown];
    let name_width = ins
        .owners
        .iter()
        .map(|o| o.name().width())
        .max()
        .unwrap_or(6)
        .clamp(4, 10);
    let figures: Vec<String> = owners
        .iter()
        .map(|o| format!("{}/{}", num(o.effort.busy_work), num(o.effort.total())))
        .collect();
    let figure_width = figures.iter().map(|f| f.width()).max().unwrap_or(0);
    let bar_width = width.saturating_sub(name_width + figure_width + 2);
    let most = ins
        .owners
        .iter()
        .map(|o| o.effort.total())
        .fold(0.0, f64::max);
    let mut lines: Vec<Line> = Vec::new();
    for (o, figure) in owners.iter().zip(&figures) {
        let mut spans = vec![Span::styled(
            format!(
                "{:<name_width$} ",
                crate::table::truncate(o.name(), name_width)
            ),
            Style::new().bold(),
        )];
        let mut cum = 0.0;
        let mut drawn = 0usize;
        for (class, glyph, _) in SEGMENTS {
            cum += o.effort.get(class);
            let upto = if most > 0.0 {
                ((cum / most) * bar_width as f64).round() as usize
            } else {
                0
            };
            let cells = upto.saturating_sub(drawn).min(bar_width - drawn);
            if cells > 0 {
                spans.push(Span::styled(glyph.repeat(cells), class_style(class)));
                drawn += cells;
            }
        }
        spans.push(Span::raw(" ".repeat(bar_width - drawn + 1)));
        let busy = if o.effort.busy_work > 0.0 {
            class_style(Class::BusyWork)
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(format!("{figure:>figure_width$}"), busy));
        lines.push(Line::from(spans));
        if spread {
            // Class names in full where they fit, else short.
            let figures_by_class = |short: bool| {
                let mut parts = vec![Span::raw(" ".repeat(name_width + 1))];
                for (class, _, brief) in SEGMENTS {
                    let e = o.effort.get(class);
                    if e > 0.0 {
                        if parts.len() > 1 {
                            parts.push(Span::styled(" · ", Style::new().fg(Color::DarkGray)));
                        }
                        let name = if short { brief } else { class.as_str() };
                        parts.push(Span::styled(
                            format!("{} {name}", num(e)),
                            class_style(class),
                        ));
                    }
                }
                parts
            };
            let mut parts = figures_by_class(false);
            if Line::from(parts.clone()).width() > width {
                parts = figures_by_class(true);
            }
            let count = format!(" · {}", plural(o.open_tasks, "task", "tasks"));
            if Line::from(parts.clone()).width() + count.width() <= width {
                parts.push(Span::styled(count, Style::new().fg(Color::Gray)));
            }
            lines.push(Line::from(parts));
        }
    }
    if shown < ins.owners.len() {
        lines.push(
            Line::from(format!("+{} more", ins.owners.len() - shown))
                .italic()
                .fg(Color::Gray),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if inner.height > 1 {
        let y = inner.bottom() - 1;
        // The trailing space goes before a cut would.
        let mut legend = legend(width);
        if let Some(last) = legend.spans.last_mut() {
            last.content = last.content.trim_end().to_string().into();
        }
        frame.render_widget(
            fit_line(legend, width),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}
