//! The grid of the Insights tab: one cell per quadrant of urgency × alignment, in the
//! quadrant's colour, with its task count, its open effort and what to do about it. The
//! picked quadrant has the thick border; with the focus on the grid its title is reversed.

use align_core::insights::{Insights, Quadrant};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{first_fitting, num, plural, quadrant_color, title_case};
use crate::board::app::App;
use crate::board::insights::InsightFocus;
use crate::board::ui::{fit, wrap};

pub(super) fn render_cell(frame: &mut Frame, app: &App, ins: &Insights, q: Quadrant, area: Rect) {
    let selected = app.insight.quadrant == q;
    let focused = selected && app.insight.focus == InsightFocus::Quadrants;
    let color = quadrant_color(q);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let label = title_case(q);
    let title = if label.width() + 2 <= inner_width {
        format!(" {label} ")
    } else {
        fit(label, inner_width)
    };
    let mut title_style = Style::new().fg(color).bold();
    if focused {
        title_style = title_style.add_modifier(Modifier::REVERSED);
    }
    let block = Block::bordered()
        .border_type(if selected {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(Style::new().fg(color))
        .title(Line::from(Span::styled(title, title_style)));
    let cell = ins.quadrant(q);
    let effort = first_fitting(
        vec![
            format!("{} effort · {}% of open", num(cell.effort), cell.effort_pct),
            format!("{} effort · {}%", num(cell.effort), cell.effort_pct),
            format!("{} eff · {}%", num(cell.effort), cell.effort_pct),
            format!("{} · {}%", num(cell.effort), cell.effort_pct),
        ],
        inner_width,
    );
    let mut lines = vec![
        Line::from(Span::styled(
            plural(cell.tasks.len(), "task", "tasks"),
            Style::new().fg(color).bold(),
        )),
        Line::from(effort),
    ];
    let inner_height = area.height.saturating_sub(2);
    if inner_height >= 3 {
        if inner_height >= 5 {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            q.advice(),
            Style::new().fg(Color::Gray).italic(),
        )));
    }
    let lines = wrap(lines, inner_width as u16);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
