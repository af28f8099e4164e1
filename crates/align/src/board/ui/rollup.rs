//! The Roll-up tab of an organisation's board: per company goal, its progress and the
//! open effort every team puts into it, each team's goals under it with theirs, the
//! company goals no team works on, then each team's aligned and busy-work shares — what
//! `align rollup` prints, drawn to the screen's width. The team shown is marked.

use align_core::number::display;
use align_core::org::Rollup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit_line, pane_block};
use crate::board::app::App;
use crate::board::org::Scope;
use crate::output::bar;

/// The widest the roll-up is drawn.
const WIDEST: usize = 110;

/// How many lines the roll-up takes (for scrolling).
pub fn line_count(rollup: &Rollup) -> usize {
    lines(rollup, None, 80).len()
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(org) = app.org.as_deref() else {
        return;
    };
    let title = format!(" Roll-up · {} ", align_core::text::safe(&org.name));
    let block = pane_block(title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(rollup) = app.rollup() else {
        return;
    };
    let shown = (org.scope == Scope::Team).then(|| org.teams[org.active].key.as_str());
    // On a wide screen the figures stay near the names they belong to.
    let all = lines(rollup, shown, usize::from(inner.width).min(WIDEST));
    let start = org.rollup_scroll.min(all.len().saturating_sub(1));
    let visible: Vec<Line> = all
        .into_iter()
        .skip(start)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// `  3 tasks`, `  1 task `: a count that lines up in a column.
fn tasks_word(n: usize) -> String {
    if n == 1 {
        format!("{n:>3} task ")
    } else {
        format!("{n:>3} tasks")
    }
}

fn pct(progress: f64) -> String {
    format!("{:>3.0}%", progress.clamp(0.0, 1.0) * 100.0)
}

/// `left` cut to leave room for `right`, which ends at `width`.
fn two(left: Vec<Span<'static>>, right: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let right_width: usize = right.iter().map(Span::width).sum();
    let room = width.saturating_sub(right_width + 1);
    let mut line = fit_line(Line::from(left), room);
    let used = line.width();
    line.spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + right_width)),
    ));
    line.spans.extend(right);
    line
}

/// The roll-up as lines on `width` cells, team `shown` marked.
pub fn lines(rollup: &Rollup, shown: Option<&str>, width: usize) -> Vec<Line<'static>> {
    let safe = |s: &str| align_core::text::safe(s).into_owned();
    let gray = Style::new().fg(Color::Gray);
    let team_style = |key: &str| {
        if shown == Some(key) {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    };
    let team_width = rollup
        .teams
        .iter()
        .map(|t| t.key.width())
        .max()
        .unwrap_or(4)
        .clamp(4, 16);
    let mut out = Vec::new();
    let orphans = rollup.goals.iter().filter(|g| g.orphan).count();
    out.push(Line::from(vec![
        Span::styled("Company goals", Style::new().bold()),
        Span::styled(
            format!(
                " · {} team{} · {} goal{} ({} orphan) · as of {}",
                rollup.teams.len(),
                if rollup.teams.len() == 1 { "" } else { "s" },
                rollup.goals.len(),
                if rollup.goals.len() == 1 { "" } else { "s" },
                orphans,
                rollup.today
            ),
            gray,
        ),
    ]));
    if rollup.goals.is_empty() {
        out.push(Line::styled(
            "no team aligns to a company workspace: a team's [workspace] names it with upstream = [\"../company\"]",
            gray,
        ));
    }
    for g in &rollup.goals {
        let tasks: usize = g.teams.iter().map(|t| t.open_tasks.len()).sum();
        let right = if g.orphan {
            vec![
                Span::styled(
                    format!("{} {}", bar(g.progress, 6), pct(g.progress)),
                    Style::new().fg(Color::Cyan),
                ),
                Span::styled("  orphan: no team works on it", Style::new().fg(Color::Red)),
            ]
        } else {
            vec![
                Span::styled(
                    format!("{} {}", bar(g.progress, 6), pct(g.progress)),
                    Style::new().fg(Color::Cyan),
                ),
                Span::raw(format!(
                    "  effort {:>5} · {}",
                    display(g.open_effort),
                    tasks_word(tasks)
                )),
            ]
        };
        out.push(two(
            vec![
                Span::styled(safe(&g.id), Style::new().bold()),
                Span::raw(" "),
                Span::styled(safe(&g.title), gray),
            ],
            right,
            width,
        ));
        for t in &g.teams {
            let name = format!("  {:<team_width$} ", safe(&t.team));
            let right = vec![Span::raw(format!(
                "effort {:>5} · {}",
                display(t.open_effort),
                tasks_word(t.open_tasks.len())
            ))];
            if t.goals.is_empty() {
                out.push(two(
                    vec![
                        Span::styled(name, team_style(&t.team)),
                        Span::styled("tasks linked straight to it", gray),
                    ],
                    right,
                    width,
                ));
                continue;
            }
            for (n, tg) in t.goals.iter().enumerate() {
                let lead = if n == 0 {
                    Span::styled(name.clone(), team_style(&t.team))
                } else {
                    Span::raw(" ".repeat(name.width()))
                };
                out.push(two(
                    vec![
                        lead,
                        Span::raw(format!("{} ", safe(&tg.id))),
                        Span::styled(safe(&tg.title), gray),
                        Span::styled(
                            format!(" {}", pct(tg.progress).trim_start()),
                            Style::new().fg(Color::Cyan),
                        ),
                    ],
                    if n == 0 { right.clone() } else { Vec::new() },
                    width,
                ));
            }
        }
    }
    out.push(Line::raw(""));
    out.push(two(
        vec![Span::styled(
            format!("{:<team_width$}", "TEAM"),
            Style::new().bold(),
        )],
        vec![Span::styled(
            "open effort  to company  aligned  busy-work",
            Style::new().bold(),
        )],
        width,
    ));
    for t in &rollup.teams {
        let busy_style = if t.busy_effort_pct >= 30.0 {
            Style::new().fg(Color::Red)
        } else {
            Style::new()
        };
        out.push(two(
            vec![
                Span::styled(format!("{:<team_width$}", safe(&t.key)), team_style(&t.key)),
                Span::raw(" "),
                Span::styled(safe(&t.name), gray),
            ],
            vec![
                Span::raw(format!(
                    "{:>11}  {:>10}  {:>6}%",
                    display(t.open_effort),
                    display(t.cascaded_effort),
                    t.aligned_effort_pct
                )),
                Span::styled(format!("  {:>8}%", t.busy_effort_pct), busy_style),
            ],
            width,
        ));
    }
    if !rollup.teams_without_line_of_sight.is_empty() && !rollup.goals.is_empty() {
        out.push(Line::raw(""));
        out.push(fit_line(
            Line::styled(
                format!(
                    "no line of sight to a company goal: {} (give a goal parent = \"{}\")",
                    safe(&rollup.teams_without_line_of_sight.join(", ")),
                    safe(&rollup.goals[0].id)
                ),
                Style::new().fg(Color::Yellow),
            ),
            width,
        ));
    }
    out
}
