//! The `?` overlay: every key, straight from the keymap table, then what the board's
//! short signs mean. When the rows do not all fit (an 80×24 terminal), ↑ ↓ PgUp PgDn
//! and the wheel scroll it; text cut to the overlay's width ends in `…`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::board::keymap::{BINDINGS, INSIGHTS_BINDINGS, Keymap};

/// The overlay's rows: every key, as remapped; opened on the Insights tab, that tab's own
/// keys come first under a heading (they take precedence there), then the rest.
fn key_rows(keymap: &Keymap, insights: bool) -> Vec<(String, &'static str)> {
    let all = keymap.normal.iter().map(|b| (b.label.clone(), b.help));
    let mut rows: Vec<(String, &'static str)> = if insights {
        std::iter::once((String::new(), "on the Insights tab:"))
            .chain(keymap.insights.iter().map(|b| (b.label.clone(), b.help)))
            .chain(std::iter::once((String::new(), "on every tab:")))
            .chain(all)
            .collect()
    } else {
        all.collect()
    };
    rows.extend(LEGEND.iter().map(|&(sign, what)| (sign.to_string(), what)));
    rows
}

/// What the board's short forms mean, after the keys.
const LEGEND: [(&str, &str); 12] = [
    ("", "signs:"),
    (
        "○ ▶ ✓ ✗",
        "task status (narrow pane): todo, doing, done, dropped",
    ),
    ("●", "linked to the selection in the other pane"),
    (
        "9a 3p 4o 9b",
        "status bar: open aligned, partial, operational, busy-work",
    ),
    ("align part", "task class (narrow pane): aligned, partial,"),
    ("ops busy", "operational, busy-work"),
    ("", "filter (/): words and terms, every one must match:"),
    (
        "owner:O tag:T",
        "owned by O, tagged T (a,b: either; owner: alone: nobody)",
    ),
    (
        "status:S",
        "todo doing done dropped, or open (todo and doing)",
    ),
    (
        "goal:LINK",
        "linked to the goal, its key results or its child goals",
    ),
    (
        "class:C",
        "aligned partial operational busy-work (its start will do)",
    ),
    (
        "team:K",
        "organisation: the tasks of the team whose key begins with K",
    ),
];

fn key_count(insights: bool) -> usize {
    let keys = if insights {
        BINDINGS.len() + INSIGHTS_BINDINGS.len() + 2
    } else {
        BINDINGS.len()
    };
    keys + LEGEND.len()
}

/// The overlay's height on a screen `height` rows high.
fn popup_height(height: u16, insights: bool) -> u16 {
    (key_count(insights) as u16 + 5).min(height)
}

/// How many key rows show at once: the overlay less its borders and header.
fn visible_rows(height: u16, insights: bool) -> usize {
    usize::from(popup_height(height, insights).saturating_sub(3))
}

/// The furthest the overlay scrolls on a screen `height` rows high (0: it all fits),
/// opened on the Insights tab or not.
pub fn max_scroll(height: u16, insights: bool) -> usize {
    key_count(insights).saturating_sub(visible_rows(height, insights))
}

pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, scroll: usize, insights: bool) {
    let height = popup_height(area.height, insights);
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
    let shown = visible_rows(area.height, insights);
    let first = scroll.min(max_scroll(area.height, insights));
    // Remapped keys can be longer than the defaults' labels.
    let key_width = key_rows(keymap, insights)
        .iter()
        .map(|(label, _)| label.width())
        .max()
        .unwrap_or(0)
        .clamp(13, 24) as u16;
    let help_width = usize::from(popup.width.saturating_sub(2 + key_width + 2));
    let rows: Vec<Row> = key_rows(keymap, insights)
        .into_iter()
        .skip(first)
        .take(shown)
        .map(|(label, help)| {
            let empty = label.is_empty();
            let row = Row::new(vec![
                fit(&label, usize::from(key_width)),
                fit(help, help_width),
            ]);
            if empty {
                row.style(Style::new().bold())
            } else {
                row
            }
        })
        .collect();
    let bottom = if max_scroll(area.height, insights) == 0 {
        " any key closes · mouse: click selects, wheel scrolls ".to_string()
    } else {
        let last = (first + shown).min(key_count(insights));
        let more = if last < key_count(insights) {
            " ↓ more"
        } else {
            ""
        };
        format!(
            " {}–{last} of {}{more} · ↑↓ PgUp PgDn scroll · any other key closes ",
            first + 1,
            key_count(insights)
        )
    };
    let bottom = fit(&bottom, usize::from(popup.width.saturating_sub(2)));
    let table = Table::new(rows, [Constraint::Length(key_width), Constraint::Fill(1)])
        .header(Row::new(vec!["key", "does"]).style(Style::new().bold().underlined()))
        .column_spacing(2)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(Style::new().fg(Color::Cyan))
                .title(Line::from(" Keys ").bold())
                .title_bottom(Line::from(bottom).centered()),
        );
    frame.render_widget(table, popup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::ui::tasks::STATUS_GLYPHS;

    #[test]
    fn the_legend_names_the_status_glyphs_the_tasks_pane_draws() {
        let glyphs: Vec<&str> = STATUS_GLYPHS.iter().map(|(_, g)| *g).collect();
        assert_eq!(LEGEND[1].0, glyphs.join(" "));
        let names: Vec<&str> = STATUS_GLYPHS.iter().map(|(s, _)| s.as_str()).collect();
        assert!(LEGEND[1].1.ends_with(&names.join(", ")), "{}", LEGEND[1].1);
        // They fit the overlay at 80 columns (78 wide, 13 for the keys).
        for (_, what) in LEGEND {
            assert!(what.width() <= 78 - 2 - 13 - 2, "{what}");
        }
        // Every row is counted, so the overlay scrolls to the last one.
        assert_eq!(key_rows(&Keymap::default(), false).len(), key_count(false));
        assert_eq!(key_rows(&Keymap::default(), true).len(), key_count(true));
    }
}
