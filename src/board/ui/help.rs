//! The `?` overlay: every key, straight from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Row, Table};
use unicode_width::UnicodeWidthStr;

use crate::board::keymap::BINDINGS;

pub fn render(frame: &mut Frame, area: Rect) {
    let height = (BINDINGS.len() as u16 + 5).min(area.height);
    let width = 78.min(area.width);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, popup);
    // A wide glyph (CJK, emoji) just left of the popup would cover its left border.
    if popup.x > area.x {
        let buf = frame.buffer_mut();
        for y in popup.top()..popup.bottom() {
            let cell = &mut buf[(popup.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let rows: Vec<Row> = BINDINGS
        .iter()
        .map(|b| Row::new(vec![b.label, b.help]))
        .collect();
    let table = Table::new(rows, [Constraint::Length(13), Constraint::Fill(1)])
        .header(Row::new(vec!["key", "does"]).style(Style::new().bold().underlined()))
        .column_spacing(2)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(Style::new().fg(Color::Cyan))
                .title(Line::from(" Keys ").bold())
                .title_bottom(
                    Line::from(" any key closes · mouse: click selects, wheel scrolls ").centered(),
                ),
        );
    frame.render_widget(table, popup);
}
