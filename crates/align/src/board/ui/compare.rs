//! The Compare tab: the seed's six rows, strategic alignment against the task
//! completion mindset, each side with the seed's words and this workspace's live
//! figures; the verdict; and the seed's advice on when each mindset fits, pointing at
//! the lens in force. Every cell wraps and each row is as tall as its longest cell, so
//! no figure loses its numbers. The verdict and the advice for the lens in force always
//! show; when the table then does not fit, it scrolls (the keys that move a selection)
//! and its lower border says what is out of view.
//!
//! Under each figure, its trend when the history has been read ([`crate::board::trends`]):
//! a sparkline of the last weeks ending with today's figure, and the change since a week
//! and a month ago in arrows and words (`week ↑3.1, month ↓2`: in the figure's own unit), so it reads without
//! colour. Until the history arrives the table's lower border says "history…".

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use align_core::compare::{Comparison, Leaning, STRATEGY_HEADING, Side, TASK_HEADING};
use align_core::model::Lens;

use super::{column_widths, fit, hint_key, wrap};
use crate::board::app::App;
use crate::board::keymap::Keymap;
use crate::board::trends::{PastFigures, TrendView};
use crate::trend;

/// Cells between the table's columns.
const GAP: u16 = 2;

/// Where the parts go and what they show, for a body of a given size.
struct Plan {
    table: Rect,
    verdict: Rect,
    /// The table's lines under its header, all of them (the view shows `visible`).
    lines: Vec<Line<'static>>,
    visible: usize,
    verdict_lines: Vec<Line<'static>>,
}

/// How far the table scrolls (0: it all shows) and a page of it, on a body `body`.
pub fn scroll_range(
    body: Rect,
    cmp: &Comparison,
    trends: TrendView,
    keymap: &Keymap,
) -> (usize, usize) {
    let plan = plan(body, cmp, trends, keymap);
    (plan.lines.len().saturating_sub(plan.visible), plan.visible)
}

fn plan(area: Rect, cmp: &Comparison, trends: TrendView, keymap: &Keymap) -> Plan {
    let inner_width = area.width.saturating_sub(2);
    let widths = column_widths(
        &[
            Constraint::Length(18),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
        inner_width,
        GAP,
    );
    let verdict_width = area.width.saturating_sub(2);
    let height = usize::from(area.height);
    let table_height = |lines: &[Line]| 3 + lines.len();
    let past = match trends {
        TrendView::Ready(past) => Some(past),
        _ => None,
    };
    let spaced = table_lines(cmp, &widths, true, past);
    let tight = table_lines(cmp, &widths, false, past);
    // Blank lines between the rows and in the verdict go first, then the advice for the
    // other lens, then the note on the lens; the verdict and the advice for the lens in
    // force stay.
    for (lines, level) in [
        (&spaced, 0),
        (&tight, 0),
        (&tight, 1),
        (&tight, 2),
        (&tight, 3),
    ] {
        let verdict_lines = verdict_lines(cmp, verdict_width, level, keymap);
        let table = table_height(lines);
        if table + 2 + verdict_lines.len() <= height {
            return Plan {
                table: Rect {
                    height: table as u16,
                    ..area
                },
                verdict: Rect {
                    y: area.y + table as u16,
                    height: area.height - table as u16,
                    ..area
                },
                lines: lines.clone(),
                visible: lines.len(),
                verdict_lines,
            };
        }
    }
    let verdict_lines = verdict_lines(cmp, verdict_width, 3, keymap);
    let mut verdict = (verdict_lines.len() + 2).min(height) as u16;
    // A table with no room for a line under its header is left out.
    if area.height - verdict < 4 {
        verdict = area.height;
    }
    let table = area.height - verdict;
    Plan {
        table: Rect {
            height: table,
            ..area
        },
        verdict: Rect {
            y: area.y + table,
            height: verdict,
            ..area
        },
        lines: tight,
        visible: usize::from(table.saturating_sub(3)),
        verdict_lines,
    }
}

/// Pad a line with spaces to `width` cells.
fn padded(mut line: Line<'static>, width: u16) -> Vec<Span<'static>> {
    let fill = usize::from(width).saturating_sub(line.width());
    line.spans.push(Span::raw(" ".repeat(fill)));
    line.spans
}

/// `text` wrapped to `width`, the first line after `lead` and the rest indented under it.
fn hanging(lead: Span<'static>, text: Line<'static>, width: u16) -> Vec<Line<'static>> {
    let indent = lead.width() as u16;
    let mut lines = wrap(vec![text], width.saturating_sub(indent).max(1));
    for (i, line) in lines.iter_mut().enumerate() {
        let head = if i == 0 {
            lead.clone()
        } else {
            Span::raw(" ".repeat(usize::from(indent)))
        };
        line.spans.insert(0, head);
    }
    lines
}

/// A side's trend: the weekly values and today's as a sparkline, then the change since
/// a week and a month ago; `None` when the history has no value before today.
fn trend_line(past: &PastFigures, row: usize, side: usize, now: &Side) -> Option<Line<'static>> {
    let value = |v: &Option<Vec<[f64; 2]>>| {
        v.as_ref()
            .and_then(|rows| rows.get(row))
            .map(|pair| pair[side])
    };
    let mut series: Vec<Option<f64>> = past.weeks.iter().map(|(_, v)| value(v)).collect();
    if series.iter().all(Option::is_none) {
        return None;
    }
    series.push(Some(now.value));
    let mut words = Vec::new();
    for (name, then) in [("week", &past.week_ago), ("month", &past.month_ago)] {
        if let Some(then) = value(then) {
            words.push(format!(
                "{name} {}",
                trend::change_short(now.value, then, now.unit)
            ));
        }
    }
    let mut spans = vec![Span::styled(
        trend::sparkline(&series),
        Style::new().fg(Color::Cyan),
    )];
    if !words.is_empty() {
        spans.push(Span::raw(format!(" {}", words.join(", "))));
    }
    Some(Line::from(spans))
}

/// The table's rows as lines: each cell wrapped to its column, each row as tall as its
/// tallest cell, with a blank line between rows when `gaps`; each figure with its trend
/// when the history is here.
fn table_lines(
    cmp: &Comparison,
    widths: &[u16],
    gaps: bool,
    past: Option<&PastFigures>,
) -> Vec<Line<'static>> {
    let [w0, w1, w2] = [widths[0], widths[1], widths[2]];
    let side = |s: &Side, color: Color, width: u16, trend: Option<Line<'static>>| {
        let mut lines = wrap(vec![Line::from(s.seed).bold()], width);
        lines.extend(hanging(
            Span::styled("→ ", Style::new().fg(color)),
            Line::from(Span::styled(s.figure.clone(), Style::new().fg(color))),
            width,
        ));
        if let Some(trend) = trend {
            lines.extend(hanging(Span::raw("  "), trend, width));
        }
        lines
    };
    let trend = |row: usize, side: usize, s: &Side| past.and_then(|p| trend_line(p, row, side, s));
    let gap = || Span::raw(" ".repeat(usize::from(GAP)));
    let mut out = Vec::new();
    for (i, r) in cmp.rows.iter().enumerate() {
        if gaps && i > 0 {
            out.push(Line::from(""));
        }
        let cells = [
            wrap(vec![Line::from(r.feature).bold()], w0),
            side(&r.strategy, Color::Green, w1, trend(i, 0, &r.strategy)),
            side(&r.task, Color::Yellow, w2, trend(i, 1, &r.task)),
        ];
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..height {
            let cell = |c: usize| cells[c].get(k).cloned().unwrap_or_default();
            let mut spans = padded(cell(0), w0);
            spans.push(gap());
            spans.extend(padded(cell(1), w1));
            spans.push(gap());
            spans.extend(cell(2).spans);
            out.push(Line::from(spans));
        }
    }
    out
}

fn header_line(widths: &[u16]) -> Line<'static> {
    let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let heading =
        |text: &str, width: u16| Line::from(Span::styled(fit(text, usize::from(width)), style));
    let mut spans = vec![Span::raw(" ".repeat(usize::from(widths[0] + GAP)))];
    spans.extend(padded(heading(STRATEGY_HEADING, widths[1]), widths[1]));
    spans.push(Span::raw(" ".repeat(usize::from(GAP))));
    spans.extend(heading(TASK_HEADING, widths[2]).spans);
    Line::from(spans)
}

/// The verdict box's lines on `width` cells; `level` 0 is all of them, each level above
/// leaves out more: 1 the blank lines, 2 the advice for the lens not in force, 3 the
/// note on the lens.
fn verdict_lines(cmp: &Comparison, width: u16, level: u8, keymap: &Keymap) -> Vec<Line<'static>> {
    let verdict_color = match cmp.leaning {
        Leaning::Strategy => Color::Green,
        Leaning::Balanced => Color::Yellow,
        Leaning::Task => Color::Red,
    };
    let lens = cmp.advice.lens;
    let advice = |on: bool, text: &'static str| {
        let pointer = if on {
            Span::styled("▶ ", Style::new().fg(Color::Magenta).bold())
        } else {
            Span::raw("  ")
        };
        hanging(pointer, Line::from(text), width)
    };
    let switch = hint_key(&keymap.normal, "lens")
        .map(|k| format!("  ({k} switches the lens)"))
        .unwrap_or_default();
    let note = wrap(
        vec![Line::from(Span::styled(
            format!("{}{switch}", cmp.advice.lens_note),
            Style::new().fg(Color::Magenta),
        ))],
        width,
    );
    // Each part with the level from which it is left out (never: 4).
    let parts: Vec<(Vec<Line<'static>>, u8)> = vec![
        (
            wrap(
                vec![Line::from(Span::styled(
                    cmp.verdict.clone(),
                    Style::new().fg(verdict_color).bold(),
                ))],
                width,
            ),
            4,
        ),
        (vec![Line::from("")], 1),
        (
            advice(lens == Lens::Strategy, cmp.advice.strategy_when),
            if lens == Lens::Strategy { 4 } else { 2 },
        ),
        (
            advice(lens == Lens::Crunch, cmp.advice.task_when),
            if lens == Lens::Crunch { 4 } else { 2 },
        ),
        (vec![Line::from("")], 1),
        (note, 3),
    ];
    parts
        .into_iter()
        .filter(|(_, gone_at)| level < *gone_at)
        .flat_map(|(lines, _)| lines)
        .collect()
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(cmp) = app.cached_comparison() else {
        return;
    };
    let trends = app.trend_view();
    let plan = plan(area, cmp, trends, &app.keymap);
    let max = plan.lines.len().saturating_sub(plan.visible);
    let first = app.compare_scroll.min(max);
    if plan.table.height > 0 {
        let mut block =
            Block::bordered().title(Line::from(" Strategy vs. task completion ").bold());
        if let Some(note) = trend_note(trends, plan.table.width) {
            block = block.title_bottom(note);
        }
        if max > 0 {
            block = block.title_bottom(
                Line::from(scroll_note(first, max, &app.keymap))
                    .fg(Color::Cyan)
                    .right_aligned(),
            );
        }
        let inner = block.inner(plan.table);
        frame.render_widget(block, plan.table);
        let widths = column_widths(
            &[
                Constraint::Length(18),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
            inner.width,
            GAP,
        );
        let mut lines = vec![header_line(&widths)];
        lines.extend(plan.lines.iter().skip(first).take(plan.visible).cloned());
        frame.render_widget(Paragraph::new(lines), inner);
    }
    frame.render_widget(
        Paragraph::new(plan.verdict_lines)
            .block(Block::bordered().title(Line::from(" Verdict ").bold())),
        plan.verdict,
    );
}

/// The table's lower border on the trends: what they show, that the history is being
/// read, or (quietly) why there is none.
/// Narrower than `wide`, the note on what the trends show is short, leaving room for
/// the scroll note.
fn trend_note(trends: TrendView, wide: u16) -> Option<Line<'static>> {
    let weeks = crate::board::trends::WEEKS;
    let (text, color) = match trends {
        TrendView::Off => return None,
        TrendView::Waiting => (" history… ".to_string(), Color::Cyan),
        TrendView::Ready(_) if wide >= 100 => (
            format!(" trends: {weeks} weeks to today · change since a week, a month "),
            Color::DarkGray,
        ),
        TrendView::Ready(_) => (format!(" trends: {weeks} weeks to today "), Color::DarkGray),
        TrendView::Unavailable(why) => (format!(" {why} "), Color::DarkGray),
    };
    Some(Line::from(Span::styled(text, Style::new().fg(color))).left_aligned())
}

/// The table's lower border when it scrolls: what is above and below the view, and the
/// keys that scroll it (as remapped).
fn scroll_note(first: usize, max: usize, keymap: &Keymap) -> String {
    let mut parts = Vec::new();
    if first > 0 {
        parts.push(format!("↑ {first} above"));
    }
    let below = max - first;
    if below > 0 {
        parts.push(format!("↓ {below} more"));
    }
    let key = |name: &str| hint_key(&keymap.normal, name).unwrap_or_default();
    parts.push(format!(
        "{}/{} {}/{} scroll",
        key("down"),
        key("up"),
        key("page_down"),
        key("page_up")
    ));
    format!(" {} ", parts.join(" · "))
}
