//! The detail panes: the selected task's score as an itemised bill, and the selected
//! goal's key results with their check-in history as sparklines. When a pane is short
//! the lines give up wrapping for one line each cut with `…`, and what still does not
//! fit is counted (`+2 more (…)`), never silently left out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::output::bar;
use align_core::model::KeyResult;
use align_core::scoring::Factor;

use super::{class_span, fit, fit_line, hint_key, pane_block, sparkline, titled_pane, wrap};
use crate::board::app::App;
use align_core::model::TaskIx;
use align_core::number::plural;
use align_core::sight::Level;

/// "waits on" and "unblocks": the tasks this one waits on (finished ones said so) and
/// the open tasks waiting on it, each with its title; a long list names its first few
/// and counts the rest.
fn dependency_lines(app: &App, task: TaskIx) -> Vec<Line<'static>> {
    const NAMED: usize = 3;
    let ws = app.ws();
    let name = |b: TaskIx| {
        let t = &ws.tasks[b];
        let mut s = format!("{} {}", t.id, align_core::text::safe(&t.title));
        if !t.status.is_open() {
            s.push_str(&format!(" ({})", t.status));
        }
        s
    };
    let list = |all: Vec<TaskIx>| {
        let mut s: Vec<String> = all.iter().take(NAMED).map(|&b| name(b)).collect();
        if all.len() > NAMED {
            s.push(format!("+{} more", all.len() - NAMED));
        }
        s.join(", ")
    };
    let waits: Vec<TaskIx> = ws.tasks[task]
        .depends
        .iter()
        .filter_map(|d| ws.task_by_id(d))
        .collect();
    let unblocks: Vec<TaskIx> = match app.org_view() {
        // The organisation's tasks, joined from every team's, are walked.
        Some(_) => {
            let id = &ws.tasks[task].id;
            ws.tasks_ix()
                .filter(|(_, t)| t.status.is_open() && t.depends.iter().any(|d| d == id))
                .map(|(d, _)| d)
                .collect()
        }
        // One workspace's are asked of the graph its session keeps: a walk over every
        // task for every frame was a tenth of a link's 16 ms at 100,000 tasks.
        None => app
            .session
            .dependencies()
            .dependents(task)
            .iter()
            .copied()
            .filter(|&d| ws.tasks[d].status.is_open())
            .collect(),
    };
    let label = |l: &str| Span::styled(format!("  {l} "), Style::new().fg(Color::Yellow));
    let mut out = Vec::new();
    if !waits.is_empty() {
        out.push(Line::from(vec![label("waits on"), Span::raw(list(waits))]));
    }
    if !unblocks.is_empty() {
        out.push(Line::from(vec![
            label("unblocks"),
            Span::raw(list(unblocks)),
        ]));
    }
    out
}

/// The task's line of sight on one line: each level's id, title and progress up to the
/// mission — the titles shortened, then left out, when the line would not fit `width`.
fn sight_line(app: &App, task: TaskIx, width: usize) -> Option<Line<'static>> {
    let steps = align_core::sight::line_of_sight_scored(app.ws(), app.board(), task);
    if steps.is_empty() {
        return None;
    }
    let progress = |p: Option<f64>| p.map_or(String::new(), |p| format!(" {:.0}%", p * 100.0));
    let line = |title_room: Option<usize>| -> Line<'static> {
        let mut spans = vec![Span::styled("↑ ", Style::new().fg(Color::Cyan))];
        for (n, step) in steps.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" › ", Style::new().fg(Color::Cyan)));
            }
            let mission = step.level == Level::Mission;
            let id = if mission { "mission" } else { step.id.as_str() };
            spans.push(Span::styled(id.to_string(), Style::new().bold()));
            if let Some(room) = title_room {
                let title = fit(&step.title, room);
                spans.push(Span::raw(format!(" {title}")));
            }
            spans.push(Span::styled(
                progress(step.progress),
                Style::new().fg(Color::Gray),
            ));
        }
        Line::from(spans)
    };
    [Some(40), Some(24), Some(12), None]
        .into_iter()
        .map(line)
        .find(|l| l.width() <= width)
        .or_else(|| Some(line(None)))
}

pub fn render_task(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(" Why this score ".to_string(), false);
    let Some(i) = app.selected_task() else {
        frame.render_widget(Paragraph::new("no task selected").block(block), area);
        return;
    };
    let t = &app.ws().tasks[i];
    let s = &app.board().tasks[i];
    let inner = block.inner(area);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let title = Line::from(vec![
        Span::styled(format!("{} ", t.id), Style::new().bold()),
        Span::raw(align_core::text::safe(&t.title).into_owned()),
    ]);
    let mut facts = Vec::new();
    if let Some(d) = t.due {
        facts.push(format!("due {d}"));
    }
    if let Some(o) = &t.owner {
        facts.push(align_core::text::safe(o).into_owned());
    }
    facts.push(format!("effort {}", t.effort));
    let score_line = Line::from({
        let mut spans = vec![
            Span::styled(format!("score {}", s.points), Style::new().bold()),
            Span::raw(" · "),
            class_span(s.class),
            Span::raw(format!(" · {}", t.status)),
        ];
        for f in &facts {
            spans.push(Span::raw(format!(" · {f}")));
        }
        spans
    });
    let factor = |f: &Factor, name_width: usize| {
        let color = if f.points > 0 {
            Color::Green
        } else if f.points < 0 {
            Color::Red
        } else {
            Color::Gray
        };
        Line::from(vec![
            Span::styled(format!("{:>+4} ", f.points), Style::new().fg(color).bold()),
            Span::styled(
                format!("{:<name_width$}", f.name),
                Style::new().fg(Color::Gray),
            ),
            Span::raw(f.detail.clone()),
        ])
    };
    let suggestion = s.suggested_goal.as_ref().map(|g| {
        let link = hint_key(&app.keymap.normal, "link").unwrap_or_default();
        Line::from(vec![
            Span::styled("  → ", Style::new().fg(Color::Cyan)),
            Span::raw(format!(
                "suggested link: {g} (select it in Goals, then {link})"
            )),
        ])
    });

    let sight = sight_line(app, i, width);
    let waits = dependency_lines(app, i);
    // In full, wrapped, where it fits.
    let mut lines = vec![title.clone(), score_line.clone()];
    lines.extend(sight.clone());
    lines.extend(waits.clone());
    lines.extend(s.factors.iter().map(|f| factor(f, 16)));
    lines.extend(suggestion.clone());
    let full = wrap(lines.clone(), inner.width);
    if full.len() <= height {
        frame.render_widget(Paragraph::new(full).block(block), area);
        return;
    }
    // One line each, cut with `…`.
    let cut = |lines: Vec<Line<'static>>| -> Vec<Line<'static>> {
        lines.into_iter().map(|l| fit_line(l, width)).collect()
    };
    if lines.len() <= height {
        frame.render_widget(Paragraph::new(cut(lines)).block(block), area);
        return;
    }
    // Short: the score, class and status move onto the border; the factors come first,
    // then the suggested link, then the title; what still does not fit is counted.
    let mut head = vec![
        Span::styled(
            format!(" Why this score · {} · {} · ", t.id, s.points),
            Style::new().bold(),
        ),
        class_span(s.class),
        Span::styled(format!(" · {} ", t.status), Style::new().bold()),
    ];
    if Line::from(head.clone()).width() > usize::from(area.width.saturating_sub(2)) {
        head[0] = Span::styled(format!(" {} · {} · ", t.id, s.points), Style::new().bold());
    }
    let block = titled_pane(
        fit_line(Line::from(head), usize::from(area.width.saturating_sub(2))),
        false,
    );
    let name_width = s.factors.iter().map(|f| f.name.len()).max().unwrap_or(0) + 1;
    let factors: Vec<Line<'static>> = s.factors.iter().map(|f| factor(f, name_width)).collect();
    let n = factors.len();
    let mut body: Vec<Line<'static>> = Vec::new();
    if n <= height {
        // What the task waits on and unblocks comes before the title (which its row
        // shows anyway): a blocked task says so even on a short pane.
        let waits_shown = waits.len().min(height - n);
        let spare = height - n - waits_shown;
        let with_suggestion = suggestion.is_some() && spare >= 1;
        let with_title = spare > usize::from(with_suggestion);
        if with_title {
            let mut t_line = vec![Span::raw(align_core::text::safe(&t.title).into_owned())];
            for f in &facts {
                t_line.push(Span::styled(
                    format!(" · {f}"),
                    Style::new().fg(Color::Gray),
                ));
            }
            body.push(Line::from(t_line));
        }
        body.extend(factors);
        if with_suggestion {
            body.extend(suggestion);
        }
        body.extend(waits.into_iter().take(waits_shown));
        if body.len() < height {
            body.extend(sight);
        }
    } else if height > 0 {
        let shown = height - 1;
        body.extend(factors.into_iter().take(shown));
        let hidden: Vec<String> = s.factors[shown..]
            .iter()
            .map(|f| format!("{:+} {}", f.points, f.name))
            .collect();
        body.push(Line::from(Span::styled(
            format!("+{} more ({})", n - shown, hidden.join(", ")),
            Style::new().fg(Color::Gray).italic(),
        )));
    }
    frame.render_widget(Paragraph::new(cut(body)).block(block), area);
}

pub fn render_goal(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(" Goal ".to_string(), false);
    let Some(row) = app.selected_goal_row() else {
        frame.render_widget(Paragraph::new("no goals yet").block(block), area);
        return;
    };
    let gi = row.goal();
    let g = &app.ws().goals[gi];
    let f = &app.board().goals[gi];
    let mut head = vec![
        Span::raw(g.kind.as_str()),
        Span::raw(format!(" · weight {}", g.weight)),
        Span::raw(format!(" · {}", g.status)),
    ];
    if let Some(h) = g.horizon {
        head.push(Span::raw(format!(" · {h}")));
    }
    if let Some(d) = g.due {
        head.push(Span::raw(format!(" · due {d}")));
    }
    if let Some(o) = &g.owner {
        head.push(Span::raw(format!(" · {}", align_core::text::safe(o))));
    }
    let mut flags = vec![
        Span::styled(
            format!("{} {:.0}%", bar(f.progress, 10), f.progress * 100.0),
            Style::new().fg(Color::Cyan),
        ),
        Span::raw(format!(
            " · {}",
            plural(f.open_tasks, "open task", "open tasks")
        )),
    ];
    let today = app.today;
    if let Some(d) = f.last_checkin {
        flags.push(Span::raw(format!(
            " · last check-in {d}, {}",
            ago((today - d).num_days())
        )));
    }
    if f.orphan {
        flags.push(Span::styled(
            " · orphan: no open work",
            Style::new().fg(Color::Yellow).bold(),
        ));
    }
    if f.stale {
        let owed = f.key_results.iter().filter(|k| k.stale).count();
        flags.push(Span::styled(
            format!(
                " · stale: {owed} of {} key results not checked in for over {}",
                f.key_results.len(),
                align_core::number::days(app.ws().stale_after_days)
            ),
            Style::new().fg(Color::Yellow),
        ));
    }
    let flagged = (0..g.key_results.len())
        .filter(|&k| {
            app.traction(gi, k)
                .is_some_and(align_core::traction::Traction::none)
        })
        .count();
    if flagged > 0 {
        flags.push(Span::styled(
            format!(
                " · no traction on {}",
                plural(flagged, "key result", "key results")
            ),
            Style::new().fg(Color::Red).bold(),
        ));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", g.id), Style::new().bold()),
            Span::raw(align_core::text::safe(&g.title).into_owned()),
        ]),
        Line::from(head),
        Line::from(flags),
    ];
    let header = lines.len();
    for (ki, k) in g.key_results.iter().enumerate() {
        let pace = app.scorer().pace(gi, ki);
        let mut spans = key_result_spans(k, pace.progress, pace.behind());
        if let Some(kf) = f.key_results.get(ki).filter(|kf| kf.stale) {
            spans.push(Span::styled(
                match kf.last_checkin {
                    Some(d) => format!(" · stale, last check-in {}", ago((today - d).num_days())),
                    None => " · stale, never checked in".to_string(),
                },
                Style::new().fg(Color::Yellow),
            ));
        }
        if let Some(t) = app.traction(gi, ki).filter(|t| t.none()) {
            spans.push(Span::styled(
                format!(
                    " · no traction: {} done (effort {}) in {}, {} since",
                    plural(t.finished_tasks, "task", "tasks"),
                    align_core::number::display(t.finished_effort),
                    align_core::number::days(t.window_days),
                    points(t.progress_change.unwrap_or(0.0)),
                ),
                Style::new().fg(Color::Red).bold(),
            ));
        }
        lines.push(Line::from(spans));
    }
    // The goals below it, each with its title and progress: what a parent is made of.
    for (ci, c) in app.ws().goals_ix() {
        if c.parent.as_deref() != Some(g.id.as_str()) {
            continue;
        }
        let cp = app.board().goals[ci].progress;
        lines.push(Line::from(vec![
            Span::styled(format!("▸ {} ", c.id), Style::new().bold()),
            Span::raw(align_core::text::safe(&c.title).into_owned()),
            Span::styled(
                format!(" {:.0}% · weight {}", cp * 100.0, c.weight),
                Style::new().fg(Color::Cyan),
            ),
        ]));
    }
    let inner = block.inner(area);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let full = wrap(lines.clone(), inner.width);
    let lines = if full.len() <= height {
        full
    } else {
        // One line each, cut with `…`; key results that still do not fit are counted.
        let mut cut: Vec<Line<'static>> = lines.into_iter().map(|l| fit_line(l, width)).collect();
        if cut.len() > height && height > 0 {
            let keep = height - 1;
            let hidden: Vec<&str> = g
                .key_results
                .iter()
                .skip(keep.saturating_sub(header))
                .map(|k| k.id.as_str())
                .collect();
            cut.truncate(keep);
            cut.push(fit_line(
                Line::from(Span::styled(
                    format!("+{} more ({})", hidden.len(), hidden.join(", ")),
                    Style::new().fg(Color::Gray).italic(),
                )),
                width,
            ));
        }
        cut
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A change in progress points: `+0.4 pts`, `±0 pts`, `−3 pts`.
fn points(p: f64) -> String {
    let v = align_core::number::display(p.abs());
    if p > 0.0 {
        format!("+{v} pts")
    } else if p < 0.0 {
        format!("−{v} pts")
    } else {
        "±0 pts".to_string()
    }
}

/// How long ago, in words: "today", "yesterday", "49 days ago".
fn ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{} ago", align_core::number::days(n)),
    }
}

/// A key result on one line: its plan, where it is, its check-ins as a trend of
/// progress (rising as it improves, also when lower is better, as on the Insights tab),
/// progress, whether it is behind plan, the latest confidence.
fn key_result_spans(k: &KeyResult, progress: f64, behind: bool) -> Vec<Span<'static>> {
    let mut points: Vec<(chrono::NaiveDate, f64)> = k
        .checkins
        .iter()
        .map(|c| (c.date, k.progress_at(c.value)))
        .collect();
    points.sort_by_key(|p| p.0);
    let trend: Vec<f64> = points.iter().map(|p| p.1).collect();
    let unit = k.unit.as_deref().map_or(String::new(), |u| format!(" {u}"));
    let mut spans = vec![
        Span::styled(format!("◦ {:<14}", k.id), Style::new().bold()),
        Span::raw(format!(
            "{} → {}{unit}, now {} ",
            k.start, k.target, k.current
        )),
        Span::styled(sparkline(&trend), Style::new().fg(Color::Magenta)),
        Span::styled(
            format!(" {:.0}%", progress * 100.0),
            Style::new().fg(Color::Cyan),
        ),
    ];
    if behind {
        spans.push(Span::styled(" behind plan", Style::new().fg(Color::Red)));
    }
    if let Some(c) = k.latest_checkin().and_then(|c| c.confidence) {
        spans.push(Span::raw(format!(" · confidence {c}")));
    }
    spans
}
