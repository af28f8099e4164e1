//! A form over the board: what is being changed, one boxed input per field (the one
//! being typed in bold and cyan, one whose answer is wrong in red with the reason on its
//! lower border), a problem with the save if there was one, and the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::board::form::Form;

/// Rows each field takes: a box of three, or one (`Label  answer`) when the boxes do not
/// fit the screen (the task form's eight fields on 24 rows).
fn field_rows(area: Rect, form: &Form) -> usize {
    let boxed = 2 + form.context.len() + 3 * form.fields.len() + 1;
    if boxed <= usize::from(area.height) {
        3
    } else {
        1
    }
}

/// The popup's size on a screen of `area`.
pub fn area(area: Rect, form: &Form) -> Rect {
    let per = field_rows(area, form);
    let height = (2 + form.context.len() + per * form.fields.len() + 1) as u16;
    let width = 72.min(area.width.saturating_sub(2));
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    popup
}

pub fn render(frame: &mut Frame, screen: Rect, form: &Form) {
    let popup = area(screen, form);
    if popup.width < 4 || popup.height < 3 {
        return;
    }
    frame.render_widget(Clear, popup);
    // A wide glyph (CJK, emoji) just left of the popup would cover its left border.
    if popup.x > screen.x {
        let buf = frame.buffer_mut();
        for y in popup.top()..popup.bottom() {
            let cell = &mut buf[(popup.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let keys = format!(
        " Enter {} · Esc cancels{} ",
        form.submit,
        if form.fields.len() > 1 {
            " · Tab next field"
        } else {
            ""
        }
    );
    let outer = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Line::from(format!(" {} ", form.title)).bold())
        .title_bottom(Line::from(keys).centered());
    let inner = outer.inner(popup);
    frame.render_widget(outer, popup);

    let per = field_rows(screen, form);
    let mut rows = vec![Constraint::Length(1); form.context.len()];
    rows.extend(vec![Constraint::Length(per as u16); form.fields.len()]);
    rows.push(Constraint::Length(1));
    let areas = Layout::vertical(rows).split(inner);
    for (i, line) in form.context.iter().enumerate() {
        let style = if i == 0 {
            Style::new().bold()
        } else {
            Style::new().fg(Color::Gray)
        };
        let text = crate::table::truncate(line, usize::from(areas[i].width));
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text, style))),
            areas[i],
        );
    }
    let label_width = form
        .fields
        .iter()
        .map(|f| f.short_label().width())
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 3) as u16;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if per == 1 {
            let at = areas[form.context.len() + i];
            let wrong = form.error.as_ref().is_some_and(|e| e.0 == i);
            compact_field(frame, at, field, label_width, focused, wrong);
            continue;
        }
        let error = form.error.as_ref().filter(|e| e.0 == i).map(|e| &e.1);
        let mut block = Block::bordered().title(Line::from(format!(" {} ", field.label)));
        block = match (error, focused) {
            (Some(why), _) => block
                .border_style(Style::new().fg(Color::Red))
                .title_bottom(Line::from(format!(" ✗ {why} ")).red().bold()),
            (None, true) => block
                .border_type(BorderType::Thick)
                .border_style(Style::new().fg(Color::Cyan)),
            (None, false) => block.border_style(Style::new().fg(Color::DarkGray)),
        };
        let at = areas[form.context.len() + i];
        let input_area = block.inner(at);
        frame.render_widget(block, at);
        frame.render_widget(&field.input, input_area);
        if focused && let Some(pos) = cursor_position(field, input_area) {
            frame.set_cursor_position(pos);
        }
    }
    let last = areas[areas.len() - 1];
    let wrong = form.error.as_ref().filter(|_| per == 1);
    // One row per field has no room for a field's whole label: the footer says it for
    // the field being typed in (`Status: todo, doing, done or dropped`).
    let hint = form
        .fields
        .get(form.focus)
        .filter(|f| per == 1 && f.label != f.short_label())
        .map(|f| f.label.as_str());
    let footer = match (&form.problem, wrong, hint) {
        (Some(p), _, _) => Line::from(format!("✗ {p}")).red(),
        (None, Some((i, why)), _) => {
            Line::from(format!("✗ {}: {why}", form.fields[*i].short_label()))
                .red()
                .bold()
        }
        (None, None, Some(hint)) => Line::from(hint.to_string()).fg(Color::Gray),
        (None, None, None) => {
            Line::from("Home/End Ctrl-a/e move · Backspace/Delete erase · Ctrl-u undo")
                .fg(Color::Gray)
        }
    };
    frame.render_widget(Paragraph::new(footer), last);
}

/// A field on one row: its label (cyan and bold when typed in, red when wrong), then
/// the answer.
fn compact_field(
    frame: &mut Frame,
    at: Rect,
    field: &crate::board::form::Field,
    label_width: u16,
    focused: bool,
    wrong: bool,
) {
    let [label, input] =
        Layout::horizontal([Constraint::Length(label_width + 3), Constraint::Fill(1)]).areas(at);
    let style = match (wrong, focused) {
        (true, _) => Style::new().fg(Color::Red).bold(),
        (false, true) => Style::new().fg(Color::Cyan).bold(),
        (false, false) => Style::new().fg(Color::Gray),
    };
    let marker = if focused { "›" } else { " " };
    let text = crate::table::truncate(field.short_label(), usize::from(label_width));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(format!("{marker}{text}"), style))),
        label,
    );
    frame.render_widget(&field.input, input);
    if focused && let Some(pos) = cursor_position(field, input) {
        frame.set_cursor_position(pos);
    }
}

/// Where the terminal's own cursor goes: on the field's cursor, so it blinks where the
/// next character lands (and screen readers follow it).
fn cursor_position(field: &crate::board::form::Field, area: Rect) -> Option<(u16, u16)> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let (_, left) = field.input.scroll_offset();
    let col = field.input.screen_cursor().col as u16;
    let x = area.x + col.saturating_sub(left).min(area.width - 1);
    Some((x, area.y))
}
