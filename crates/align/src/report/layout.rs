//! The report's sections, walked once. [`write()`] says what the report says, section by
//! section, in pieces of text that know what they are — a piece of the team's text, an id,
//! a figure, a date beside a value; a [`Layout`] only says how a heading, a paragraph, a
//! list and a table look and how each piece is escaped. So the Markdown and the HTML report
//! can never say different things, and a new section is written once.

use std::borrow::Cow;

use super::words::{
    BUSY_INTRO, EMPTY_BUSY, EMPTY_CLOSED, EMPTY_ENDED, EMPTY_GOALS, EMPTY_MOVEMENT, ENDED_INTRO,
    GRADES_NOTE, counts_line, goal_pieces, num, plural, signed, stale_text, with_unit,
};
use super::{GoalNote, LastWeek, Point, Report, SummaryFigures, WEEK};
use crate::trend::change;
use align_core::compare::Unit;
use align_core::compare::{STRATEGY_HEADING, TASK_HEADING};
use align_core::traction::{Reading, Rule};

/// What a coloured piece of text means (HTML gives it a class; Markdown plain text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tone {
    Aligned,
    Busy,
    Up,
    Down,
    Muted,
}

/// One piece of a line, escaped by the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    Text(Cow<'a, str>),
    /// An id, a link, a command: code.
    Code(Cow<'a, str>),
    Strong(Cow<'a, str>),
    /// A live figure under a table cell's words, on a line of its own.
    Figure(Cow<'a, str>),
    Tone(Tone, Cow<'a, str>),
    /// What qualifies a value in a table cell — its date ("(2026-11-24)" in Markdown, a
    /// quiet second line in HTML).
    Aside(Cow<'a, str>),
}

pub(super) type Line<'a> = Vec<Piece<'a>>;

pub(super) fn text<'a>(s: impl Into<Cow<'a, str>>) -> Piece<'a> {
    Piece::Text(s.into())
}

pub(super) fn code<'a>(s: impl Into<Cow<'a, str>>) -> Piece<'a> {
    Piece::Code(s.into())
}

pub(super) fn strong<'a>(s: impl Into<Cow<'a, str>>) -> Piece<'a> {
    Piece::Strong(s.into())
}

/// What kind of paragraph: most are plain; the verdict stands out, notes stay quiet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paragraph {
    Plain,
    Verdict,
    Muted,
}

/// A table column: its heading, whether it holds numbers (right-aligned), and whether its
/// cells head their rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column<'a> {
    pub title: &'a str,
    pub numeric: bool,
    pub row_heading: bool,
}

pub(super) const fn column(title: &str) -> Column<'_> {
    Column {
        title,
        numeric: false,
        row_heading: false,
    }
}

pub(super) const fn numeric(title: &str) -> Column<'_> {
    Column {
        title,
        numeric: true,
        row_heading: false,
    }
}

/// How one format writes the report's building blocks.
pub(super) trait Layout {
    /// The page's title (the workspace's name), its mission and the line under it.
    fn head(&mut self, workspace: &str, mission: Option<&str>, subtitle: &str);
    fn heading(&mut self, title: &str);
    fn paragraph(&mut self, kind: Paragraph, line: &[Piece<'_>]);
    fn list(&mut self, items: &[Line<'_>]);
    fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<Line<'_>>]);
    /// The whole document.
    fn finish(self) -> String;
}

/// A value with its unit, and its date beside it.
fn point<'a>(p: &Point, unit: Option<&str>, star: bool) -> Line<'a> {
    let when = match (p.is_start, p.date) {
        (true, Some(d)) => format!("start, {d}"),
        (true, None) => "start".to_string(),
        (false, Some(d)) => d.to_string(),
        (false, None) => String::new(),
    };
    let mut line = vec![text(with_unit(p.value, unit))];
    if !when.is_empty() {
        line.push(Piece::Aside(when.into()));
    }
    if star {
        line.push(text(" ★"));
    }
    line
}

/// Write the whole report into `layout`, section by section.
pub(super) fn write<L: Layout>(r: &Report, mut layout: L) -> String {
    layout.head(
        &r.workspace,
        r.mission.as_deref().map(str::trim),
        &format!("Week ending {} · {} lens", r.today, r.lens),
    );
    summary(r, &mut layout);
    super::organisation::section(r, &mut layout);
    comparison(r, &mut layout);
    busy_work(r, &mut layout);
    goals(r, &mut layout);
    ended(r, &mut layout);
    movement(r, &mut layout);
    no_traction(r, &mut layout);
    quarter(r, &mut layout);
    layout.finish()
}

/// ` · since last week: aligned ↑3.1 pts, busy-work ↓2 pts` for the figures `pick`
/// names, when last week's are known.
/// A summary figure by name: what it is called, how it is read, what it counts.
type Figure = (&'static str, fn(&SummaryFigures) -> f64, Unit);

fn since<'a>(r: &Report, pick: &[Figure]) -> Option<Piece<'a>> {
    let Some(LastWeek::Found { figures: then, .. }) = &r.last_week else {
        return None;
    };
    let now = SummaryFigures::of(r);
    let parts: Vec<String> = pick
        .iter()
        .map(|(name, figure, unit)| format!("{name} {}", change(figure(&now), figure(then), *unit)))
        .collect();
    Some(Piece::Tone(
        Tone::Muted,
        format!(" · since last week: {}", parts.join(", ")).into(),
    ))
}

/// Where last week's figures come from, or why there are none.
fn last_week_note(r: &Report, o: &mut impl Layout) {
    let note = match &r.last_week {
        None => return,
        Some(LastWeek::Found { date, commit, .. }) => format!(
            "Since last week: against the workspace as committed on or before {date} (commit {}), scored as of {date}.",
            commit.get(..8).unwrap_or(commit)
        ),
        Some(LastWeek::Missing { date, why }) => {
            format!("Since last week ({date}): nothing to compare with: {why}.")
        }
    };
    o.paragraph(Paragraph::Muted, &[text(note)]);
}

fn summary(r: &Report, o: &mut impl Layout) {
    o.heading("Summary");
    let with = |mut line: Line<'static>, since: Option<Piece<'static>>| {
        line.extend(since);
        line
    };
    o.list(&[
        vec![strong("Tasks:"), text(" "), text(counts_line(&r.summary))],
        with(
            vec![
                strong("Open work:"),
                text(format!(
                    " {} (effort {})",
                    plural(r.open_tasks, "task", "tasks"),
                    num(r.open_effort)
                )),
            ],
            since(
                r,
                &[
                    ("tasks", |f| f.open_tasks as f64, Unit::Count),
                    ("effort", |f| f.open_effort, Unit::Score),
                ],
            ),
        ),
        vec![
            strong("Open effort:"),
            text(" "),
            Piece::Tone(
                Tone::Aligned,
                format!("{}% aligned", r.summary.aligned_effort_pct).into(),
            ),
            text(", "),
            Piece::Tone(
                Tone::Busy,
                format!("{}% busy-work", r.summary.busy_effort_pct).into(),
            ),
        ]
        .into_iter()
        .chain(since(
            r,
            &[
                ("aligned", |f| f.aligned_effort_pct, Unit::Percent),
                ("busy-work", |f| f.busy_effort_pct, Unit::Percent),
            ],
        ))
        .collect(),
        with(
            vec![
                strong("Goals to look at:"),
                text(format!(
                    " {}, {}, {}",
                    plural(r.stale.len(), "stale", "stale"),
                    plural(r.orphans.len(), "orphan", "orphans"),
                    plural(r.ended.len(), "ended", "ended")
                )),
            ],
            since(
                r,
                &[
                    ("stale", |f| f.stale as f64, Unit::Count),
                    ("orphans", |f| f.orphans as f64, Unit::Count),
                    ("ended", |f| f.ended as f64, Unit::Count),
                ],
            ),
        ),
        vec![
            strong("No traction:"),
            text(format!(
                " {} (much work finished, no movement)",
                plural(r.no_traction.len(), "key result", "key results")
            )),
        ],
    ]);
    last_week_note(r, o);
    o.paragraph(
        Paragraph::Verdict,
        &[strong("Verdict:"), text(" "), text(&r.comparison.verdict)],
    );
}

fn comparison(r: &Report, o: &mut impl Layout) {
    o.heading("Strategy vs. task completion");
    let rows: Vec<Vec<Line>> = r
        .comparison
        .rows
        .iter()
        .map(|row| {
            vec![
                vec![text(row.feature)],
                vec![
                    text(row.strategy.seed),
                    Piece::Figure((&row.strategy.figure).into()),
                ],
                vec![
                    text(row.task.seed),
                    Piece::Figure((&row.task.figure).into()),
                ],
            ]
        })
        .collect();
    o.table(
        &[
            Column {
                row_heading: true,
                ..column("Feature")
            },
            column(STRATEGY_HEADING),
            column(TASK_HEADING),
        ],
        &rows,
    );
    o.paragraph(Paragraph::Muted, &[text(&r.comparison.advice.lens_note)]);
}

fn busy_work(r: &Report, o: &mut impl Layout) {
    o.heading("Busy-work to question");
    if r.busy.is_empty() {
        o.paragraph(Paragraph::Plain, &[text(EMPTY_BUSY)]);
        return;
    }
    o.paragraph(Paragraph::Plain, &[text(BUSY_INTRO)]);
    let rows: Vec<Vec<Line>> = r
        .busy
        .iter()
        .map(|b| {
            let goal = goal_pieces(b)
                .into_iter()
                .map(|(is_code, s)| if is_code { code(s) } else { text(s) })
                .collect();
            vec![
                vec![code(&b.id)],
                vec![text(&b.title)],
                vec![text(b.owner.as_deref().unwrap_or("—"))],
                vec![text(num(b.effort))],
                vec![text(b.due.map_or("—".to_string(), |d| d.to_string()))],
                goal,
            ]
        })
        .collect();
    o.table(
        &[
            column("Task"),
            column("Title"),
            column("Owner"),
            numeric("Effort"),
            column("Due"),
            column("Goal"),
        ],
        &rows,
    );
}

fn goals(r: &Report, o: &mut impl Layout) {
    o.heading("Stale and orphan goals");
    if r.stale.is_empty() && r.orphans.is_empty() {
        o.paragraph(Paragraph::Plain, &[text(EMPTY_GOALS)]);
        return;
    }
    let item = |g: &GoalNote, what: String| -> Line {
        let mut line = vec![code(g.id.clone()), text(" "), text(g.title.clone())];
        if let Some(owner) = &g.owner {
            line.push(text(format!(" ({owner})")));
        }
        line.push(text(format!(" — {what}")));
        line
    };
    if !r.stale.is_empty() {
        o.paragraph(
            Paragraph::Plain,
            &[
                strong("Stale"),
                text(format!(
                    " — no check-in for more than {}:",
                    align_core::number::days(r.stale_after_days)
                )),
            ],
        );
        let items: Vec<Line> = r
            .stale
            .iter()
            .map(|g| item(g, stale_text(g, r.stale_after_days)))
            .collect();
        o.list(&items);
    }
    if !r.orphans.is_empty() {
        o.paragraph(
            Paragraph::Plain,
            &[
                strong("Orphan"),
                text(" — no open task serves it (plan the next step, or pause it):"),
            ],
        );
        let items: Vec<Line> = r
            .orphans
            .iter()
            .map(|g| item(g, format!("{}% done", num(g.progress))))
            .collect();
        o.list(&items);
    }
}

fn ended(r: &Report, o: &mut impl Layout) {
    o.heading("Goals that ended: close or roll over");
    if r.ended.is_empty() {
        o.paragraph(Paragraph::Plain, &[text(EMPTY_ENDED)]);
        return;
    }
    o.paragraph(Paragraph::Plain, &[text(ENDED_INTRO)]);
    let items: Vec<Line> = r
        .ended
        .iter()
        .map(|g| {
            let mut line = vec![code(g.id.clone()), text(" "), text(g.title.clone())];
            if let Some(owner) = &g.owner {
                line.push(text(format!(" ({owner})")));
            }
            line.push(text(format!(
                " — due {}, {}% done, {} still open: ",
                g.due,
                num(g.progress),
                plural(g.open_tasks, "task", "tasks")
            )));
            line.push(code(format!("align close {}", g.id)));
            line
        })
        .collect();
    o.list(&items);
}

fn movement(r: &Report, o: &mut impl Layout) {
    o.heading("Key-result movement since the previous check-in");
    if r.movement.is_empty() {
        o.paragraph(Paragraph::Plain, &[text(EMPTY_MOVEMENT)]);
        return;
    }
    let rows: Vec<Vec<Line>> = r
        .movement
        .iter()
        .map(|m| {
            let unit = m.unit.as_deref();
            let change = match m.change {
                Some(c) => {
                    let tone = if c > 0.0 {
                        Tone::Up
                    } else if c < 0.0 {
                        Tone::Down
                    } else {
                        Tone::Muted
                    };
                    vec![Piece::Tone(tone, signed(c).into())]
                }
                None => vec![text("—")],
            };
            vec![
                vec![code(&m.link), text(" "), text(&m.title)],
                m.previous
                    .as_ref()
                    .map_or_else(|| vec![text("—")], |p| point(p, unit, false)),
                m.latest.as_ref().map_or_else(
                    || vec![text("no check-in yet")],
                    |p| point(p, unit, m.this_week),
                ),
                change,
                vec![text(m.latest.as_ref().map_or("—".to_string(), |p| {
                    format!("{}%", num(p.progress))
                }))],
                vec![text(m.confidence.map_or("—".to_string(), num))],
                vec![text(m.note.as_deref().unwrap_or(""))],
            ]
        })
        .collect();
    o.table(
        &[
            column("Key result"),
            column("Previous"),
            column("Latest"),
            numeric("Change"),
            numeric("Progress"),
            numeric("Confidence"),
            column("Note"),
        ],
        &rows,
    );
    o.paragraph(
        Paragraph::Muted,
        &[text(format!(
            "★ checked in within the last {WEEK} days. Change is in progress points (percent of the way from start to target)."
        ))],
    );
}

/// A reading as words: `20.4 (2026-11-20)`, `0 (start)`.
fn reading(p: &Reading, unit: Option<&str>, is_start: bool) -> String {
    let when = match (is_start, p.date) {
        (true, Some(d)) => format!("start, {d}"),
        (true, None) => "start".to_string(),
        (false, Some(d)) => d.to_string(),
        (false, None) => String::new(),
    };
    if when.is_empty() {
        with_unit(p.value, unit)
    } else {
        format!("{} ({when})", with_unit(p.value, unit))
    }
}

fn no_traction(r: &Report, o: &mut impl Layout) {
    o.heading("Key results without traction");
    let rule = Rule::DEFAULT;
    let window = r.traction_window_days;
    let much = format!(
        "at least {} effort in at least {}",
        num(rule.min_effort),
        plural(rule.min_tasks, "task", "tasks")
    );
    if r.no_traction.is_empty() {
        o.paragraph(
            Paragraph::Plain,
            &[text(format!(
                "None: no key result had much work finished in the last {} ({much}) without moving.",
                align_core::number::days(window)
            ))],
        );
        return;
    }
    o.paragraph(
        Paragraph::Plain,
        &[text(format!(
            "Much work was finished for these in the last {} ({much}), and the check-ins since show less than {} gained: question the plan, not the people.",
            align_core::number::days(window),
            plural(rule.moved_points as usize, "progress point", "progress points"),
        ))],
    );
    let items: Vec<Line> = r
        .no_traction
        .iter()
        .map(|n| {
            let f = &n.figures;
            let unit = n.unit.as_deref();
            let mut line = vec![code(n.link.clone()), text(" "), text(n.title.clone())];
            if let Some(owner) = &n.owner {
                line.push(text(format!(" ({owner})")));
            }
            line.push(text(format!(
                " — {} done (effort {}) since {}",
                plural(f.finished_tasks, "task", "tasks"),
                num(f.finished_effort),
                f.since
            )));
            if let (Some(b), Some(l)) = (&f.baseline, &f.latest) {
                line.push(text(format!(
                    "; {} → {}, ",
                    reading(b, unit, f.baseline_is_start),
                    reading(l, unit, false)
                )));
                line.push(Piece::Tone(
                    Tone::Muted,
                    signed(f.progress_change.unwrap_or(0.0)).into(),
                ));
            }
            line
        })
        .collect();
    o.list(&items);
}

fn quarter(r: &Report, o: &mut impl Layout) {
    let q = &r.quarter;
    let label = q.quarter.label();
    o.heading(&format!("Closed goals and grade against effort, {label}"));
    if q.goals.is_empty() {
        o.paragraph(
            Paragraph::Plain,
            &[text(format!(
                "No goal is due in {label} ({} to {}).",
                q.quarter.start, q.quarter.end
            ))],
        );
        return;
    }
    if q.closed.is_empty() {
        o.paragraph(Paragraph::Plain, &[text(EMPTY_CLOSED)]);
    } else {
        let items: Vec<Line> = q
            .closed
            .iter()
            .map(|g| {
                let mut line = vec![code(g.id.clone()), text(" "), text(g.title.clone())];
                if let Some(owner) = &g.owner {
                    line.push(text(format!(" ({owner})")));
                }
                let grade = g
                    .grade
                    .map_or("no grade".to_string(), |x| format!("grade {x:.1}"));
                line.push(text(format!(" — {}, {grade}", g.status)));
                if let Some(review) = &g.review {
                    line.push(text(format!(": {review}")));
                }
                line
            })
            .collect();
        o.list(&items);
    }
    let share = |effort: f64| {
        if q.finished_effort > 0.0 {
            format!("{}%", (effort / q.finished_effort * 100.0).round())
        } else {
            "—".to_string()
        }
    };
    let rows: Vec<Vec<Line>> = q
        .goals
        .iter()
        .map(|g| {
            vec![
                vec![code(g.id.clone()), text(" "), text(g.title.clone())],
                vec![text(g.status)],
                vec![text(g.grade.map_or("—".to_string(), |x| format!("{x:.1}")))],
                vec![text(format!("{}%", (g.progress * 100.0).round()))],
                vec![text(g.done_tasks.to_string())],
                vec![text(num(g.done_effort))],
                vec![text(share(g.done_effort))],
            ]
        })
        .collect();
    o.table(
        &[
            column("Goal"),
            column("Status"),
            numeric("Grade"),
            numeric("Progress"),
            numeric("Tasks done"),
            numeric("Effort"),
            numeric("Share"),
        ],
        &rows,
    );
    o.paragraph(
        Paragraph::Muted,
        &[text(format!(
            "{label} runs {} to {}; {} effort was finished in it, for any goal or none, and Share is each goal's part of it. {GRADES_NOTE}",
            q.quarter.start,
            q.quarter.end,
            num(q.finished_effort)
        ))],
    );
}
