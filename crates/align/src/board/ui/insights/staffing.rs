//! The key-result staffing table: each active key result's progress against its plan,
//! confidence and which way it moved since the check-in before, the open effort linked to it (straight and via its goal), its check-in
//! trend as a sparkline, and its state — off track and unstaffed, or on track and
//! over-staffed, flagged. Key results are named as the goals tree names them: `goal/kr`
//! with its title where every row has room, else the title or the id alone (the config's
//! `goal_names`). Wide, every column in full; narrow, progress and plan share a
//! column and confidence and the trend give way first. Under a table that shows every
//! row, the selected key result in words ([`super::key_result`]).

use crate::output::bar;
use align_core::insights::{Insights, KeyResultInsight, StaffingFlag, Track};
use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};
use unicode_width::UnicodeWidthStr;

use super::{empty_note, key_result, list_height, list_selection, list_table, num};
use crate::board::app::App;
use crate::board::insights::InsightFocus;
use crate::board::ui::{
    Naming, fit, fit_line, goal_label, link_title, sparkline, titled_pane, wrap,
};
use crate::config::GoalNames;

/// A key result's state in words and colour; `short` for narrow tables.
pub(super) fn state(k: &KeyResultInsight, short: bool) -> Span<'static> {
    let (long, brief, style) = match (k.flag, k.track) {
        (Some(StaffingFlag::OffTrackUnstaffed), _) => (
            "off track, unstaffed",
            "unstaffed",
            Style::new().fg(Color::Red).bold(),
        ),
        (Some(StaffingFlag::OverStaffed), _) => (
            "on track, over-staffed",
            "over",
            Style::new().fg(Color::Yellow).bold(),
        ),
        (None, Track::OffTrack) => ("off track", "off track", Style::new().fg(Color::Yellow)),
        (None, Track::OnTrack) => ("on track", "on track", Style::new().fg(Color::Green)),
        (None, Track::Unplanned) => (
            "no plan (goal dates)",
            "no plan",
            Style::new().fg(Color::Gray),
        ),
    };
    Span::styled(if short { brief } else { long }, style)
}

/// Progress and plan as percentages, with a decimal when whole numbers would hide
/// which is ahead (90% behind a plan of 90% reads as a contradiction; 90.0 and 90.1 do not).
fn pace_pcts(k: &KeyResultInsight) -> (String, Option<String>) {
    let (p, e) = (k.progress * 100.0, k.expected.map(|e| e * 100.0));
    match e {
        Some(e) if p.round() == e.round() && k.behind => {
            (format!("{p:.1}"), Some(format!("{e:.1}")))
        }
        Some(e) => (format!("{p:.0}"), Some(format!("{e:.0}"))),
        None => (format!("{p:.0}"), None),
    }
}

/// The progress figures in red when behind the plan, else cyan.
fn pace_style(k: &KeyResultInsight) -> Style {
    if k.behind {
        Style::new().fg(Color::Red)
    } else {
        Style::new().fg(Color::Cyan)
    }
}

/// What is drawn for a figure that is not there.
fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The latest confidence, red below [`align_core::insights::LOW_CONFIDENCE`], with the
/// one given before it and which way it moved (`0.50→0.70 ↑`); `brief`, the latest and
/// the arrow only (`0.70↑`). The arrow says it without colour.
fn confidence(k: &KeyResultInsight, brief: bool) -> Span<'static> {
    match k.confidence {
        Some(c) => {
            let style = if c < align_core::insights::LOW_CONFIDENCE {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            let text = match k.previous_confidence {
                Some(p) => {
                    let arrow = confidence_arrow(p, c);
                    if brief {
                        format!("{c:.2}{arrow}")
                    } else {
                        format!("{p:.2}→{c:.2} {arrow}")
                    }
                }
                None => format!("{c:.2}"),
            };
            Span::styled(text, style)
        }
        None => Span::styled("—", dim()),
    }
}

/// Up, down or level, from the confidence before to the latest.
fn confidence_arrow(before: f64, now: f64) -> char {
    let delta = ((now - before) * 100.0).round();
    if delta > 0.0 {
        '↑'
    } else if delta < 0.0 {
        '↓'
    } else {
        '='
    }
}

/// The open effort linked straight to the key result, red when there is none.
fn effort(k: &KeyResultInsight) -> Span<'static> {
    let style = if k.open_effort > 0.0 {
        Style::new()
    } else {
        Style::new().fg(Color::Red)
    };
    Span::styled(format!("{:>4}", num(k.open_effort)), style)
}

/// The last `cells` check-ins' progress as a sparkline.
fn trend(k: &KeyResultInsight, cells: usize) -> Span<'static> {
    if k.checkins.is_empty() {
        return Span::styled("—", dim());
    }
    let from = k.checkins.len().saturating_sub(cells);
    let series: Vec<f64> = k.checkins[from..].iter().map(|c| c.progress).collect();
    Span::styled(sparkline(&series), Style::new().fg(Color::Magenta))
}

/// A table's header, column widths and rows.
type Columns = (Vec<&'static str>, Vec<Constraint>, Vec<Row<'static>>);

/// Cells of the wide table besides the name: its other columns (with the gaps between
/// all eight) and the least the state needs ("off track, unstaffed").
const WIDE_OTHERS: u16 = 11 + 5 + 11 + 6 + 8 + 8 + 7 + 20;

/// How the key results are named on `width` cells, as the goals tree names them: `goal/kr`
/// with the title beside it when every row has room, else the name the config keeps.
fn naming(app: &App, visible: &[KeyResultInsight], width: usize) -> Naming {
    let ws = app.ws();
    let names: Vec<(String, &str)> = visible
        .iter()
        .map(|k| (k.target.to_string(), link_title(ws, &k.target)))
        .collect();
    Naming::for_rows(
        names.iter().map(|(id, title)| (id.as_str(), *title, width)),
        app.goal_names,
    )
}

/// A key result's name on `width` cells as `naming` says: its id and title, the title
/// alone, or the id alone (without its goal when the whole does not fit).
fn name_cell(app: &App, k: &KeyResultInsight, width: usize, naming: Naming) -> Cell<'static> {
    let id = k.target.to_string();
    let id = match (&k.target.key_result, naming) {
        (Some(kr), Naming::Alone(GoalNames::Id)) if id.width() > width => kr.clone(),
        _ => id,
    };
    Cell::from(goal_label(
        &id,
        link_title(app.ws(), &k.target),
        width,
        naming,
        Style::new(),
    ))
}

/// The name column's width: as wide as the names need, on what the other columns leave
/// (`room`), never narrower than ten cells or the ids (up to 26).
fn name_width(app: &App, visible: &[KeyResultInsight], room: u16) -> (u16, Naming) {
    let ws = app.ws();
    let widest =
        |f: &dyn Fn(&KeyResultInsight) -> usize| visible.iter().map(f).max().unwrap_or(10) as u16;
    let ids = widest(&|k| k.target.to_string().width()).clamp(10, 26);
    let titles = widest(&|k| link_title(ws, &k.target).width());
    let both = widest(&|k| k.target.to_string().width() + 1 + link_title(ws, &k.target).width());
    let width = room.max(ids);
    let naming = naming(app, visible, usize::from(width));
    let need = match naming {
        Naming::Both => both,
        Naming::Alone(GoalNames::Title) => titles,
        Naming::Alone(GoalNames::Id) => ids,
    };
    (need.min(width).max(10), naming)
}

/// Every column in full, the key result named as the goals tree names it.
fn wide_columns(app: &App, visible: &[KeyResultInsight], inner_width: u16) -> Columns {
    let (name, naming) = name_width(app, visible, inner_width.saturating_sub(WIDE_OTHERS));
    let rows = visible
        .iter()
        .map(|k| {
            Row::new(vec![
                name_cell(app, k, usize::from(name), naming),
                Cell::from(Span::styled(
                    format!(
                        "{} {:>5}",
                        bar(k.progress, 5),
                        format!("{}%", pace_pcts(k).0)
                    ),
                    pace_style(k),
                )),
                Cell::from(pace_pcts(k).1.map_or("—".to_string(), |e| format!("{e}%"))),
                Cell::from(confidence(k, false)),
                Cell::from(effort(k)),
                Cell::from(if k.goal_effort > 0.0 {
                    Span::raw(format!("{:>5}", format!("+{}", num(k.goal_effort))))
                } else {
                    Span::styled("    —", dim())
                }),
                Cell::from(trend(k, 8)),
                Cell::from(state(k, false)),
            ])
        })
        .collect();
    (
        vec![
            "KEY RESULT",
            "PROGRESS",
            "PLAN",
            "CONF",
            "EFFORT",
            "VIA GOAL",
            "TREND ↑",
            "STATE",
        ],
        vec![
            Constraint::Length(name),
            Constraint::Length(11),
            Constraint::Length(5),
            Constraint::Length(11),
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
        rows,
    )
}

/// Progress / plan, confidence, effort, trend, state: 37 cells with the gaps. Very
/// narrow, confidence and trend give way to the state; a name that does not fit drops
/// its goal.
fn narrow_columns(app: &App, visible: &[KeyResultInsight], inner_width: u16) -> Columns {
    let longest = visible
        .iter()
        .map(|k| k.target.to_string().width())
        .max()
        .unwrap_or(10);
    let compact = inner_width < 47;
    let name = inner_width
        .saturating_sub(if compact { 27 } else { 37 })
        .max(6);
    let naming = naming(app, visible, usize::from(name));
    let full = usize::from(name) >= longest;
    let rows = visible
        .iter()
        .map(|k| {
            let progress = match pace_pcts(k) {
                (p, Some(e)) => format!("{p}/{e}%"),
                (p, None) => format!("{p}%"),
            };
            let label = match (&k.target.key_result, naming) {
                // Ids alone: the goal goes when not every name fits whole.
                (Some(kr), Naming::Alone(GoalNames::Id)) if !full => {
                    Cell::from(fit(kr, usize::from(name)))
                }
                _ => name_cell(app, k, usize::from(name), naming),
            };
            let mut cells = vec![label, Cell::from(Span::styled(progress, pace_style(k)))];
            if !compact {
                cells.push(Cell::from(confidence(k, true)));
            }
            cells.push(Cell::from(effort(k)));
            if !compact {
                cells.push(Cell::from(trend(k, 4)));
            }
            cells.push(Cell::from(state(k, true)));
            Row::new(cells)
        })
        .collect();
    let (header, widths) = if compact {
        (
            vec!["KR", "DONE/PLAN", " EFF", "STATE"],
            vec![
                Constraint::Length(name),
                Constraint::Length(10),
                Constraint::Length(4),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["KR", "DONE/PLAN", "CONF", " EFF", "TRND", "STATE"],
            vec![
                Constraint::Length(name),
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Length(4),
                Constraint::Length(4),
                Constraint::Fill(1),
            ],
        )
    };
    (header, widths, rows)
}

pub(super) fn render(frame: &mut Frame, app: &App, ins: &Insights, area: Rect) {
    let focused = app.insight.focus == InsightFocus::KeyResults;
    let unstaffed = ins
        .key_results
        .iter()
        .filter(|k| k.flag == Some(StaffingFlag::OffTrackUnstaffed))
        .count();
    let over = ins
        .key_results
        .iter()
        .filter(|k| k.flag == Some(StaffingFlag::OverStaffed))
        .count();
    let mut title = vec![Span::styled(
        " Key results · staffing ",
        Style::new().bold(),
    )];
    if unstaffed > 0 {
        title.push(Span::styled(
            format!("· {unstaffed} unstaffed "),
            Style::new().fg(Color::Red).bold(),
        ));
    }
    if over > 0 {
        title.push(Span::styled(
            format!("· {over} over-staffed "),
            Style::new().fg(Color::Yellow).bold(),
        ));
    }
    let inner_width = area.width.saturating_sub(2);
    let mut block = titled_pane(
        fit_line(Line::from(title), usize::from(inner_width)),
        focused,
    );
    let wide = inner_width >= 95;
    if wide && let Some(m) = ins.staffed_median {
        block = block.title_bottom(
            Line::from(format!(
                " effort: open tasks linked straight to it · median of staffed {} · over-staffed above {} ",
                num(m),
                num(m * align_core::insights::OVER_STAFFED_FACTOR)
            ))
            .fg(Color::DarkGray)
            .right_aligned(),
        );
    }
    let height = list_height(area);
    let krs = &ins.key_results;
    let start = app.insight.key_results.offset.min(krs.len());
    let end = (start + height).min(krs.len());
    let visible = &krs[start..end];
    let (header, widths, rows) = if wide {
        wide_columns(app, visible, inner_width)
    } else {
        narrow_columns(app, visible, inner_width)
    };
    let table = list_table(rows, widths, header, block, focused);
    let mut state = list_selection(app.insight.key_results.selected, start, !visible.is_empty());
    frame.render_stateful_widget(table, area, &mut state);
    // Room under a table that shows every row: the selected key result in full.
    let inner = area.inner(Margin::new(1, 1));
    let used = 1 + visible.len() as u16;
    if visible.len() == krs.len()
        && inner.height >= used + 5
        && let Some(k) = krs.get(app.insight.key_results.selected)
    {
        let rect = Rect::new(
            inner.x,
            inner.y + used + 1,
            inner.width,
            inner.height - used - 1,
        );
        let lines = wrap(key_result::lines(app, k), rect.width);
        frame.render_widget(Paragraph::new(lines), rect);
    }
    if krs.is_empty() {
        empty_note(frame, area, "no active goal has key results");
    }
}
