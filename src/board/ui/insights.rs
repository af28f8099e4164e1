//! The Insights tab: the urgency × alignment grid (counts and effort per quadrant, in the
//! quadrant's colour) beside the picked quadrant's tasks; below, the key-result staffing
//! table with check-in sparklines, and open effort by class per owner as stacked bars.
//! The figures come from [`align::insights`]; this only draws what fits.

use align::Class;
use align::insights::{Insights, KeyResultInsight, Quadrant, StaffingFlag, Track};
use align::output::bar;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::tasks::selected_tag_style;
use super::{class_span, class_style, column_widths, fit, fit_line, sparkline, wrap};
use crate::board::app::App;
use crate::board::insights::InsightFocus;

/// Where the parts of the tab go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsightAreas {
    /// The grid's cells in [`Quadrant::ALL`] order: aligned row on top, urgent column left.
    pub cells: [Rect; 4],
    pub tasks: Rect,
    pub key_results: Rect,
    pub owners: Rect,
}

pub fn layout(body: Rect) -> InsightAreas {
    let top_height = (body.height * 2 / 5).clamp(8, 16).min(body.height);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(body);
    let grid_width = (top.width * 45 / 100).clamp(32, 64).min(top.width);
    let [grid, tasks] =
        Layout::horizontal([Constraint::Length(grid_width), Constraint::Min(0)]).areas(top);
    let [upper, lower] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(grid);
    let halves = |r: Rect| -> [Rect; 2] {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(r)
    };
    let [do_now, schedule] = halves(upper);
    let [trap, drop] = halves(lower);
    let owners_width = (bottom.width * 7 / 20).clamp(24, 60).min(bottom.width);
    let [key_results, owners] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(owners_width)]).areas(bottom);
    InsightAreas {
        cells: [do_now, schedule, trap, drop],
        tasks,
        key_results,
        owners,
    }
}

/// Rows a bordered table with a header shows.
pub fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(3) as usize
}

/// The quadrant's colour: do now green, schedule cyan, the trap red, the rest gray.
pub fn quadrant_color(q: Quadrant) -> Color {
    match q {
        Quadrant::DoNow => Color::Green,
        Quadrant::Schedule => Color::Cyan,
        Quadrant::BusyWorkTrap => Color::Red,
        Quadrant::DropOrQuestion => Color::Gray,
    }
}

fn title_case(q: Quadrant) -> &'static str {
    match q {
        Quadrant::DoNow => "Do now",
        Quadrant::Schedule => "Schedule",
        Quadrant::BusyWorkTrap => "Busy-work trap",
        Quadrant::DropOrQuestion => "Drop or question",
    }
}

/// A number as people write effort: `6`, `6.5`.
fn num(x: f64) -> String {
    format!("{}", (x * 10.0).round() / 10.0)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The first of `options` that fits `width` cells (else the last one).
fn first_fitting(options: Vec<String>, width: usize) -> String {
    let last = options.last().cloned().unwrap_or_default();
    options
        .into_iter()
        .find(|o| o.width() <= width)
        .unwrap_or(last)
}

fn pane(title: Line<'static>, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(Style::new().fg(Color::Cyan))
    } else {
        block.border_style(Style::new().fg(Color::DarkGray))
    }
}

fn highlight(focused: bool) -> Style {
    if focused {
        Style::new().bg(Color::Cyan).fg(Color::Black)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(ins) = app.cached_insights() else {
        return;
    };
    let a = layout(area);
    for (q, cell) in Quadrant::ALL.into_iter().zip(a.cells) {
        render_cell(frame, app, ins, q, cell);
    }
    render_tasks(frame, app, ins, a.tasks);
    render_key_results(frame, app, ins, a.key_results);
    render_owners(frame, ins, a.owners);
}

fn render_cell(frame: &mut Frame, app: &App, ins: &Insights, q: Quadrant, area: Rect) {
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

/// When a task presses: `! 3d late`, `! in 2d`, `today`, `urgent`, or its due date.
fn when(app: &App, ins: &Insights, task: usize) -> Span<'static> {
    let t = &app.ws.tasks[task];
    let due = t.due.map(|d| (d, (d - app.today).num_days()));
    let (text, color) = match due {
        Some((_, days)) if days < 0 => (format!("{}d late", -days), Color::Red),
        Some((_, 0)) => ("today".to_string(), Color::Red),
        Some((_, days)) if days <= ins.due_soon_days => (format!("in {days}d"), Color::Yellow),
        Some((d, _)) => (d.to_string(), Color::Gray),
        None if t.urgent => ("urgent".to_string(), Color::Yellow),
        None => (String::new(), Color::Gray),
    };
    let text = if t.urgent && due.is_some() {
        format!("! {text}")
    } else {
        text
    };
    Span::styled(text, Style::new().fg(color))
}

fn render_tasks(frame: &mut Frame, app: &App, ins: &Insights, area: Rect) {
    let q = app.insight.quadrant;
    let cell = ins.quadrant(q);
    let focused = app.insight.focus == InsightFocus::Tasks;
    let color = quadrant_color(q);
    let title = Line::from(vec![
        Span::raw(" "),
        Span::styled(title_case(q), Style::new().fg(color).bold()),
        Span::styled(
            format!(
                " · {} · {} effort ",
                plural(cell.tasks.len(), "task", "tasks"),
                num(cell.effort)
            ),
            Style::new().bold(),
        ),
    ]);
    let inner_width = area.width.saturating_sub(2);
    let mut block = pane(fit_line(title, usize::from(inner_width)), focused);
    let legend = format!(
        " urgent: ! marked, late or due within {}d ",
        ins.due_soon_days
    );
    if usize::from(inner_width) >= legend.width() + 4 {
        block = block.title_bottom(Line::from(legend).fg(Color::DarkGray).right_aligned());
    }
    let height = list_height(area);
    let start = app.insight.tasks.offset.min(cell.tasks.len());
    let end = (start + height).min(cell.tasks.len());
    let visible = &cell.tasks[start..end];
    let ws = &app.ws;
    let id_width = visible
        .iter()
        .map(|&i| ws.tasks[i].id.width())
        .max()
        .unwrap_or(2)
        .max(2) as u16;
    let owner_width = visible
        .iter()
        .filter_map(|&i| ws.tasks[i].owner.as_deref())
        .map(|o| o.width())
        .max()
        .unwrap_or(0)
        .clamp(5, 10) as u16;
    // Always: id, class and the title. Then when it presses, if the title keeps 12
    // cells; then score, effort, owner as room allows.
    let base = id_width + 11 + 10 + 12 + 3;
    let show_when = inner_width >= base;
    let mut room = inner_width.saturating_sub(base);
    let mut take = |w: u16| {
        if room > w {
            room -= w + 1;
            true
        } else {
            false
        }
    };
    let (score, effort, owner) = (take(5), take(6), take(owner_width));
    let mut header = vec!["ID"];
    let mut widths = vec![Constraint::Length(id_width)];
    if score {
        header.push("SCORE");
        widths.push(Constraint::Length(5));
    }
    let class_column = header.len();
    header.push("CLASS");
    widths.push(Constraint::Length(11));
    if show_when {
        header.push("WHEN");
        widths.push(Constraint::Length(10));
    }
    if effort {
        header.push("EFFORT");
        widths.push(Constraint::Length(6));
    }
    if owner {
        header.push("OWNER");
        widths.push(Constraint::Length(owner_width));
    }
    header.push("TITLE");
    widths.push(Constraint::Fill(1));
    let title_width = usize::from(*column_widths(&widths, inner_width, 1).last().unwrap_or(&0));
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let t = &ws.tasks[i];
            let s = &app.board.tasks[i];
            let mut cells = vec![Cell::from(t.id.clone())];
            if score {
                cells.push(Cell::from(format!("{:>3}", s.points)));
            }
            cells.push(Cell::from(class_span(s.class)));
            if show_when {
                cells.push(Cell::from(when(app, ins, i)));
            }
            if effort {
                cells.push(Cell::from(format!("{:>5}", num(t.effort))));
            }
            if owner {
                let who = t.owner.as_deref().unwrap_or("—");
                cells.push(Cell::from(fit(who, usize::from(owner_width))));
            }
            cells.push(Cell::from(fit(&t.title, title_width)));
            Row::new(cells)
        })
        .collect();
    let mut table = Table::new(rows, widths)
        .header(Row::new(header).style(Style::new().bold().underlined()))
        .column_spacing(1)
        .block(block)
        .row_highlight_style(highlight(focused));
    let mut state = TableState::default();
    if !visible.is_empty() {
        state.select(Some(app.insight.tasks.selected.saturating_sub(start)));
        // The selected row's class tag keeps its colour over the focused highlight.
        if focused && let Some(task) = app.selected_insight_task() {
            state.select_column(Some(class_column));
            table = table.cell_highlight_style(selected_tag_style(app.board.tasks[task].class));
        }
    }
    frame.render_stateful_widget(table, area, &mut state);
    if cell.tasks.is_empty() {
        let note = if ins.open_tasks == 0 {
            "no open tasks"
        } else {
            match q {
                Quadrant::DoNow => "nothing urgent and aligned",
                Quadrant::Schedule => "no aligned work waiting",
                Quadrant::BusyWorkTrap => "no urgent work outside your goals: good",
                Quadrant::DropOrQuestion => "nothing to question",
            }
        };
        let inner = area.inner(Margin::new(2, 2));
        frame.render_widget(
            Paragraph::new(wrap(
                vec![Line::from(note).italic().fg(Color::Gray)],
                inner.width,
            )),
            inner,
        );
    }
}

/// A key result's state in words and colour; `short` for narrow tables.
fn state(k: &KeyResultInsight, short: bool) -> Span<'static> {
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

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
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

fn render_key_results(frame: &mut Frame, app: &App, ins: &Insights, area: Rect) {
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
    let mut block = pane(
        fit_line(Line::from(title), usize::from(inner_width)),
        focused,
    );
    let wide = inner_width >= 95;
    if wide && let Some(m) = ins.staffed_median {
        block = block.title_bottom(
            Line::from(format!(
                " effort: open tasks linked straight to it · median of staffed {} · over-staffed above {} ",
                num(m),
                num(m * align::insights::OVER_STAFFED_FACTOR)
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
    let dim = Style::new().fg(Color::DarkGray);
    let confidence = |k: &KeyResultInsight| match k.confidence {
        Some(c) => {
            let style = if c < align::insights::LOW_CONFIDENCE {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            Span::styled(format!("{c:.2}"), style)
        }
        None => Span::styled("—", dim),
    };
    let effort = |k: &KeyResultInsight| {
        let style = if k.open_effort > 0.0 {
            Style::new()
        } else {
            Style::new().fg(Color::Red)
        };
        Span::styled(format!("{:>4}", num(k.open_effort)), style)
    };
    let trend = |k: &KeyResultInsight, cells: usize| {
        if k.checkins.is_empty() {
            return Span::styled("—", dim);
        }
        let from = k.checkins.len().saturating_sub(cells);
        let series: Vec<f64> = k.checkins[from..].iter().map(|c| c.progress).collect();
        Span::styled(sparkline(&series), Style::new().fg(Color::Magenta))
    };
    let longest = visible.iter().map(|k| k.target.width()).max().unwrap_or(10);
    let (header, widths, rows): (Vec<&str>, Vec<Constraint>, Vec<Row>) = if wide {
        let name = longest.clamp(10, 26) as u16;
        let rows = visible
            .iter()
            .map(|k| {
                let behind = if k.behind {
                    Style::new().fg(Color::Red)
                } else {
                    Style::new().fg(Color::Cyan)
                };
                Row::new(vec![
                    Cell::from(fit(&k.target, usize::from(name))),
                    Cell::from(Span::styled(
                        format!(
                            "{} {:>5}",
                            bar(k.progress, 5),
                            format!("{}%", pace_pcts(k).0)
                        ),
                        behind,
                    )),
                    Cell::from(pace_pcts(k).1.map_or("—".to_string(), |e| format!("{e}%"))),
                    Cell::from(confidence(k)),
                    Cell::from(effort(k)),
                    Cell::from(if k.goal_effort > 0.0 {
                        Span::raw(format!("{:>5}", format!("+{}", num(k.goal_effort))))
                    } else {
                        Span::styled("    —", dim)
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
                Constraint::Length(4),
                Constraint::Length(6),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            rows,
        )
    } else {
        // Progress / plan, confidence, effort, trend, state: 37 cells with the gaps. Very
        // narrow, confidence and trend give way to the state.
        let compact = inner_width < 47;
        let name = inner_width
            .saturating_sub(if compact { 27 } else { 37 })
            .max(6);
        let full = usize::from(name) >= longest;
        let rows = visible
            .iter()
            .map(|k| {
                let label = if full {
                    k.target.clone()
                } else {
                    k.target
                        .split_once('/')
                        .map_or(k.target.clone(), |(_, kr)| kr.to_string())
                };
                let progress = match pace_pcts(k) {
                    (p, Some(e)) => format!("{p}/{e}%"),
                    (p, None) => format!("{p}%"),
                };
                let style = if k.behind {
                    Style::new().fg(Color::Red)
                } else {
                    Style::new().fg(Color::Cyan)
                };
                let mut cells = vec![
                    Cell::from(fit(&label, usize::from(name))),
                    Cell::from(Span::styled(progress, style)),
                ];
                if !compact {
                    cells.push(Cell::from(confidence(k)));
                }
                cells.push(Cell::from(effort(k)));
                if !compact {
                    cells.push(Cell::from(trend(k, 5)));
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
                vec!["KR", "DONE/PLAN", "CONF", " EFF", "TREND", "STATE"],
                vec![
                    Constraint::Length(name),
                    Constraint::Length(10),
                    Constraint::Length(4),
                    Constraint::Length(4),
                    Constraint::Length(5),
                    Constraint::Fill(1),
                ],
            )
        };
        (header, widths, rows)
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(Style::new().bold().underlined()))
        .column_spacing(1)
        .block(block)
        .row_highlight_style(highlight(focused));
    let mut state = TableState::default();
    if !visible.is_empty() {
        state.select(Some(app.insight.key_results.selected.saturating_sub(start)));
    }
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
        let lines = wrap(key_result_detail(app, k), rect.width);
        frame.render_widget(Paragraph::new(lines), rect);
    }
    if krs.is_empty() {
        let inner = area.inner(Margin::new(2, 2));
        frame.render_widget(
            Paragraph::new(wrap(
                vec![
                    Line::from("no active goal has key results")
                        .italic()
                        .fg(Color::Gray),
                ],
                inner.width,
            )),
            inner,
        );
    }
}

/// The selected key result in words: plan, confidence, check-ins, who works on it.
fn key_result_detail(app: &App, k: &KeyResultInsight) -> Vec<Line<'static>> {
    let kr = &app.ws.goals[k.goal].key_results[k.key_result];
    let unit = kr
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let gray = Style::new().fg(Color::Gray);
    let mut plan = vec![Span::raw(format!(
        "{} → {}{unit}, now {} · {} done",
        kr.start,
        kr.target,
        kr.current,
        pct(k.progress)
    ))];
    if let Some(e) = k.expected {
        plan.push(Span::raw(format!(", {} of the time gone", pct(e))));
    }
    if let Some(c) = kr.latest_checkin()
        && let Some(conf) = c.confidence
    {
        plan.push(Span::raw(format!(" · confidence {conf} on {}", c.date)));
    }
    plan.push(Span::raw(" · "));
    plan.push(state(k, false));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("◦ {}", k.target), Style::new().bold()),
            Span::styled(format!(" · {}", k.title), Style::new().bold()),
        ]),
        Line::from(plan),
    ];
    if k.checkins.is_empty() {
        lines.push(Line::from(Span::styled("no check-ins yet", gray)));
    } else {
        let history: Vec<String> = k
            .checkins
            .iter()
            .map(|c| format!("{} {}", c.date, c.value))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("check-ins ", gray),
            Span::raw(history.join(" · ")),
        ]));
        if let Some(note) = kr
            .latest_checkin()
            .and_then(|c| c.note.as_deref())
            .filter(|n| !n.is_empty())
        {
            lines.push(Line::from(Span::styled(
                format!("latest note: “{note}”"),
                gray.italic(),
            )));
        }
    }
    let ids = |list: &[usize]| -> String {
        list.iter()
            .map(|&i| {
                let t = &app.ws.tasks[i];
                format!("{} ({})", t.id, num(t.effort))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut staff = vec![Span::styled("linked straight: ", gray)];
    if k.tasks.is_empty() {
        staff.push(Span::styled("nobody", Style::new().fg(Color::Red)));
    } else {
        staff.push(Span::raw(ids(&k.tasks)));
    }
    if !k.via_goal.is_empty() {
        staff.push(Span::styled(" · via the goal: ", gray));
        staff.push(Span::raw(ids(&k.via_goal)));
    }
    lines.push(Line::from(staff));
    lines
}

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

fn render_owners(frame: &mut Frame, ins: &Insights, area: Rect) {
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
    let block = pane(fit_line(Line::from(title).bold(), inner_width), false);
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
                align::table::truncate(o.name(), name_width)
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
