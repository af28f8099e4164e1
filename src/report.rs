//! The weekly alignment report: one page to paste in a team channel (Markdown) or to
//! open in a browser and mail round (a self-contained HTML page).
//!
//! Why it exists: alignment is a continuous process, not a one-time meeting. Once a week
//! the team should see, without opening the board, where its open effort went, which
//! busy-work to question, which goals nobody serves or checks in on, and how each key
//! result moved since the check-in before. [`build`] gathers those facts from a scored
//! workspace and the [`crate::compare`] table; [`markdown`] and [`html`] only lay them
//! out, so both say the same thing. Everything derives from the file and `--today`, so
//! the report is deterministic.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::compare::{self, Comparison, STRATEGY_HEADING, TASK_HEADING};
use crate::model::{KeyResult, Lens, Workspace};
use crate::number::{self, round1};
use crate::scoring::{Class, Scoreboard, Summary};

/// Days that count as "this week".
const WEEK: u64 = 7;

/// An open busy-work task, with the goal it might serve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusyTask {
    pub id: String,
    pub title: String,
    pub status: String,
    pub owner: Option<String>,
    pub effort: f64,
    pub due: Option<NaiveDate>,
    /// A suggested link (`goal` or `goal/kr`) and what it names.
    pub suggested: Option<(String, String)>,
    /// Links it has (busy-work may be linked, to inactive goals only), each with the
    /// goal's status when that is why it earns nothing ("achieved", "past due").
    pub linked: Vec<(String, Option<String>)>,
}

/// A goal flagged stale or orphan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalNote {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    /// Percent, 0..100.
    pub progress: f64,
    pub last_checkin: Option<NaiveDate>,
    /// Days since the newest check-in (stale goals).
    pub days_since: Option<i64>,
}

/// A key result's value at one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// `None` for the start value of a key result without a dated start.
    pub date: Option<NaiveDate>,
    pub value: f64,
    /// Progress at this value, percent 0..100.
    pub progress: f64,
    /// The key result's start value rather than a check-in.
    pub is_start: bool,
}

/// How a key result moved between its two newest check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    /// `goal/kr`.
    pub link: String,
    pub title: String,
    pub unit: Option<String>,
    /// The check-in before the newest one, or the start value.
    pub previous: Option<Point>,
    /// The newest check-in; `None` when there is none.
    pub latest: Option<Point>,
    /// Change in progress points from `previous` to `latest`.
    pub change: Option<f64>,
    pub confidence: Option<f64>,
    pub note: Option<String>,
    /// The newest check-in is from the last seven days.
    pub this_week: bool,
}

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub workspace: String,
    pub mission: Option<String>,
    pub today: NaiveDate,
    pub lens: Lens,
    pub summary: Summary,
    pub open_tasks: usize,
    pub open_effort: f64,
    pub stale_after_days: u32,
    pub comparison: Comparison,
    pub busy: Vec<BusyTask>,
    pub stale: Vec<GoalNote>,
    pub orphans: Vec<GoalNote>,
    pub movement: Vec<Movement>,
}

fn progress_at(kr: &KeyResult, value: f64) -> f64 {
    round1(kr.progress_at(value).clamp(0.0, 1.0) * 100.0)
}

/// Gather the report from a scored workspace.
pub fn build(ws: &Workspace, board: &Scoreboard) -> Report {
    let today = board.today;
    let week_ago = today.checked_sub_days(Days::new(WEEK)).unwrap_or(today);
    let comparison = compare::compare(ws, board);

    let open: Vec<usize> = (0..ws.tasks.len())
        .filter(|&i| ws.tasks[i].status.is_open())
        .collect();
    let open_effort = round1(number::sum(open.iter().map(|&i| ws.tasks[i].effort)));

    let mut busy: Vec<BusyTask> = open
        .iter()
        .filter(|&&i| board.tasks[i].class == Class::BusyWork)
        .map(|&i| {
            let t = &ws.tasks[i];
            let suggested = board.tasks[i].suggested_goal.as_ref().map(|link| {
                let what = ws
                    .resolve_link(link)
                    .map(|l| {
                        let g = &ws.goals[l.goal];
                        l.key_result
                            .map_or(g.title.clone(), |k| g.key_results[k].title.clone())
                    })
                    .unwrap_or_default();
                (link.clone(), what)
            });
            let linked = t
                .goals
                .iter()
                .map(|link| {
                    let why = ws.resolve_link(link).and_then(|l| {
                        let g = &ws.goals[l.goal];
                        if g.status != crate::model::GoalStatus::Active {
                            Some(g.status.to_string())
                        } else if !g.is_active(today) {
                            Some("past due".to_string())
                        } else {
                            None
                        }
                    });
                    (link.clone(), why)
                })
                .collect();
            BusyTask {
                linked,
                id: t.id.clone(),
                title: t.title.clone(),
                status: t.status.to_string(),
                owner: t.owner.clone(),
                effort: t.effort,
                due: t.due,
                suggested,
            }
        })
        .collect();
    // The biggest drains first; file order among equals.
    busy.sort_by(|a, b| b.effort.total_cmp(&a.effort));

    let note = |gi: usize| {
        let g = &ws.goals[gi];
        let f = &board.goals[gi];
        GoalNote {
            id: g.id.clone(),
            title: g.title.clone(),
            owner: g.owner.clone(),
            progress: round1(f.progress * 100.0),
            last_checkin: f.last_checkin,
            days_since: f.last_checkin.map(|d| (today - d).num_days()),
        }
    };
    let stale = (0..ws.goals.len())
        .filter(|&g| board.goals[g].stale)
        .map(note)
        .collect();
    let orphans = (0..ws.goals.len())
        .filter(|&g| board.goals[g].orphan)
        .map(note)
        .collect();

    let mut movement = Vec::new();
    for g in &ws.goals {
        for kr in &g.key_results {
            let mut checkins: Vec<_> = kr.checkins.iter().collect();
            checkins.sort_by_key(|c| c.date);
            let newest = checkins.last().copied();
            let this_week = newest.is_some_and(|c| c.date > week_ago && c.date <= today);
            if !g.is_active(today) && !this_week {
                continue;
            }
            let point = |date, value, is_start| Point {
                date,
                value,
                progress: progress_at(kr, value),
                is_start,
            };
            let latest = newest.map(|c| point(Some(c.date), c.value, false));
            let previous = match checkins.len() {
                0 => None,
                1 => Some(point(g.start, kr.start, true)),
                n => Some(point(
                    Some(checkins[n - 2].date),
                    checkins[n - 2].value,
                    false,
                )),
            };
            let change = match (&previous, &latest) {
                (Some(p), Some(l)) => Some(round1(l.progress - p.progress)),
                _ => None,
            };
            movement.push(Movement {
                link: format!("{}/{}", g.id, kr.id),
                title: kr.title.clone(),
                unit: kr.unit.clone(),
                previous,
                latest,
                change,
                confidence: newest.and_then(|c| c.confidence),
                note: newest
                    .and_then(|c| c.note.clone())
                    .filter(|n| !n.trim().is_empty()),
                this_week,
            });
        }
    }

    Report {
        workspace: ws.name.clone(),
        mission: ws.mission.clone(),
        today,
        lens: board.lens,
        summary: board.summary.clone(),
        open_tasks: open.len(),
        open_effort,
        stale_after_days: ws.stale_after_days,
        comparison,
        busy,
        stale,
        orphans,
        movement,
    }
}

// --- Words shared by both layouts ----------------------------------------------------------

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn num(v: f64) -> String {
    number::display(v)
}

fn with_unit(v: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", num(v)),
        Some(u) if !u.is_empty() => format!("{} {u}", num(v)),
        _ => num(v),
    }
}

fn signed(points: f64) -> String {
    if points > 0.0 {
        format!("+{} pts", num(points))
    } else if points < 0.0 {
        format!("−{} pts", num(-points))
    } else {
        "±0 pts".to_string()
    }
}

fn point_text(p: &Point, unit: Option<&str>) -> String {
    let v = with_unit(p.value, unit);
    match (p.is_start, p.date) {
        (true, Some(d)) => format!("{v} (start, {d})"),
        (true, None) => format!("{v} (start)"),
        (false, Some(d)) => format!("{v} ({d})"),
        (false, None) => v,
    }
}

fn counts_line(s: &Summary) -> String {
    format!(
        "{} — {} aligned, {} partial, {} operational, {} busy-work",
        s.tasks, s.aligned, s.partial, s.operational, s.busy_work
    )
}

fn stale_text(g: &GoalNote, after: u32) -> String {
    match (g.last_checkin, g.days_since) {
        (Some(d), Some(n)) => format!("last check-in {d}, {n} days ago (limit {after})"),
        _ => "no check-in yet".to_string(),
    }
}

const BUSY_INTRO: &str =
    "Open work that moves no active goal: link it, or ask whether it should be done at all.";

/// The Goal cell of a busy-work row as pieces of text, each flagged when it is code.
fn goal_pieces(b: &BusyTask) -> Vec<(bool, String)> {
    if let Some((link, what)) = &b.suggested {
        return vec![
            (false, "suggested ".to_string()),
            (true, link.clone()),
            (false, format!(" {what}: ")),
            (true, format!("align link {} {link}", b.id)),
        ];
    }
    if b.linked.is_empty() {
        return vec![(false, "no goal matches its words".to_string())];
    }
    let mut pieces = vec![(false, "linked to ".to_string())];
    for (n, (link, why)) in b.linked.iter().enumerate() {
        if n > 0 {
            pieces.push((false, ", ".to_string()));
        }
        pieces.push((true, link.clone()));
        if let Some(why) = why {
            pieces.push((false, format!(" ({why})")));
        }
    }
    pieces
}

const EMPTY_BUSY: &str = "None: every open task moves a goal or keeps the lights on.";
const EMPTY_GOALS: &str = "None: every active goal has open work and a recent check-in.";
const EMPTY_MOVEMENT: &str = "No key results on active goals.";

// --- Markdown ------------------------------------------------------------------------------

use crate::markdown::{code, text as md};

/// The report in Markdown, for a team channel or a wiki.
pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "# Weekly alignment report — {}\n\n",
        md(&r.workspace)
    ));
    if let Some(m) = &r.mission {
        o.push_str(&format!("*{}*\n\n", md(m.trim())));
    }
    o.push_str(&format!("Week ending {} · {} lens\n\n", r.today, r.lens));

    o.push_str("## Summary\n\n");
    o.push_str(&format!("- **Tasks:** {}\n", counts_line(&r.summary)));
    o.push_str(&format!(
        "- **Open work:** {} (effort {})\n",
        plural(r.open_tasks, "task", "tasks"),
        num(r.open_effort)
    ));
    o.push_str(&format!(
        "- **Open effort:** {}% aligned, {}% busy-work\n",
        r.summary.aligned_effort_pct, r.summary.busy_effort_pct
    ));
    o.push_str(&format!(
        "- **Goals to look at:** {}, {}\n",
        plural(r.stale.len(), "stale", "stale"),
        plural(r.orphans.len(), "orphan", "orphans")
    ));
    o.push_str(&format!("- **Verdict:** {}\n\n", md(&r.comparison.verdict)));

    o.push_str("## Strategy vs. task completion\n\n");
    o.push_str(&format!(
        "| Feature | {STRATEGY_HEADING} | {TASK_HEADING} |\n|---|---|---|\n"
    ));
    for row in &r.comparison.rows {
        o.push_str(&format!(
            "| {} | {}<br>**{}** | {}<br>**{}** |\n",
            row.feature,
            md(row.strategy.seed),
            md(&row.strategy.figure),
            md(row.task.seed),
            md(&row.task.figure)
        ));
    }
    o.push_str(&format!("\n{}\n\n", md(&r.comparison.advice.lens_note)));

    o.push_str("## Busy-work to question\n\n");
    if r.busy.is_empty() {
        o.push_str(&format!("{EMPTY_BUSY}\n\n"));
    } else {
        o.push_str(&format!("{BUSY_INTRO}\n\n"));
        o.push_str("| Task | Title | Owner | Effort | Due | Goal |\n|---|---|---|---:|---|---|\n");
        for b in &r.busy {
            let suggested: String = goal_pieces(b)
                .into_iter()
                .map(|(is_code, text)| if is_code { code(&text) } else { md(&text) })
                .collect();
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                md(&b.id),
                md(&b.title),
                b.owner.as_deref().map_or("—".to_string(), md),
                num(b.effort),
                b.due.map_or("—".to_string(), |d| d.to_string()),
                suggested
            ));
        }
        o.push('\n');
    }

    o.push_str("## Stale and orphan goals\n\n");
    if r.stale.is_empty() && r.orphans.is_empty() {
        o.push_str(&format!("{EMPTY_GOALS}\n\n"));
    } else {
        let owner = |g: &GoalNote| {
            g.owner
                .as_deref()
                .map(|o| format!(" ({})", md(o)))
                .unwrap_or_default()
        };
        if !r.stale.is_empty() {
            o.push_str(&format!(
                "**Stale** — no check-in for more than {} days:\n\n",
                r.stale_after_days
            ));
            for g in &r.stale {
                o.push_str(&format!(
                    "- {} {}{} — {}\n",
                    code(&g.id),
                    md(&g.title),
                    owner(g),
                    stale_text(g, r.stale_after_days)
                ));
            }
            o.push('\n');
        }
        if !r.orphans.is_empty() {
            o.push_str(
                "**Orphan** — no open task serves it (plan the next step, or pause it):\n\n",
            );
            for g in &r.orphans {
                o.push_str(&format!(
                    "- {} {}{} — {}% done\n",
                    code(&g.id),
                    md(&g.title),
                    owner(g),
                    num(g.progress)
                ));
            }
            o.push('\n');
        }
    }

    o.push_str("## Key-result movement since the previous check-in\n\n");
    if r.movement.is_empty() {
        o.push_str(&format!("{EMPTY_MOVEMENT}\n"));
    } else {
        o.push_str("| Key result | Previous | Latest | Change | Progress | Confidence | Note |\n|---|---|---|---:|---:|---:|---|\n");
        for m in &r.movement {
            let unit = m.unit.as_deref().map(md);
            let unit = unit.as_deref();
            let fresh = if m.this_week { " ★" } else { "" };
            o.push_str(&format!(
                "| {} {} | {} | {}{} | {} | {} | {} | {} |\n",
                code(&m.link),
                md(&m.title),
                m.previous
                    .as_ref()
                    .map_or("—".to_string(), |p| point_text(p, unit)),
                m.latest
                    .as_ref()
                    .map_or("no check-in yet".to_string(), |p| point_text(p, unit)),
                fresh,
                m.change.map_or("—".to_string(), signed),
                m.latest
                    .as_ref()
                    .map_or("—".to_string(), |p| format!("{}%", num(p.progress))),
                m.confidence.map_or("—".to_string(), num),
                m.note.as_deref().map_or(String::new(), md)
            ));
        }
        o.push_str(&format!(
            "\n★ checked in within the last {WEEK} days. Change is in progress points (percent of the way from start to target).\n"
        ));
    }
    o
}

// --- HTML ------------------------------------------------------------------------------------

/// Text safe between HTML tags.
fn h(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

const CSS: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;max-width:64rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}\
.sub{color:#59636e;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\
th,td{border:1px solid #d0d7de;padding:.35rem .55rem;text-align:left;vertical-align:top}th{background:#f6f8fa}\
td.n{text-align:right;white-space:nowrap}.nw{white-space:nowrap}code{background:#f6f8fa;padding:0 .25rem;border-radius:3px}\
.fig{font-weight:600}.up{color:#1a7f37}.down{color:#cf222e}.aligned{color:#1a7f37}.busy{color:#cf222e}\
.verdict{background:#f6f8fa;border-left:4px solid #0969da;padding:.5rem .8rem}.muted{color:#59636e}";

/// A value over its date, the date kept on one line.
fn point_html(p: &Point, unit: Option<&str>, star: bool) -> String {
    let when = match (p.is_start, p.date) {
        (true, Some(d)) => format!("start, {d}"),
        (true, None) => "start".to_string(),
        (false, Some(d)) => d.to_string(),
        (false, None) => String::new(),
    };
    format!(
        "{}<br><span class=\"muted nw\">{}{}</span>",
        h(&with_unit(p.value, unit)),
        h(&when),
        if star { " ★" } else { "" }
    )
}

/// The report as one self-contained HTML page (inline CSS, no scripts, no links out).
pub fn html(r: &Report) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(&format!(
        "<title>Weekly alignment report — {} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        h(&r.workspace),
        r.today
    ));
    o.push_str(&format!(
        "<h1>Weekly alignment report — {}</h1>\n",
        h(&r.workspace)
    ));
    if let Some(m) = &r.mission {
        o.push_str(&format!("<p class=\"sub\"><em>{}</em></p>\n", h(m)));
    }
    o.push_str(&format!(
        "<p class=\"sub\">Week ending {} · {} lens</p>\n",
        r.today, r.lens
    ));

    o.push_str("<h2>Summary</h2>\n<ul>\n");
    o.push_str(&format!(
        "<li><strong>Tasks:</strong> {}</li>\n",
        h(&counts_line(&r.summary))
    ));
    o.push_str(&format!(
        "<li><strong>Open work:</strong> {} (effort {})</li>\n",
        plural(r.open_tasks, "task", "tasks"),
        num(r.open_effort)
    ));
    o.push_str(&format!(
        "<li><strong>Open effort:</strong> <span class=\"aligned\">{}% aligned</span>, <span class=\"busy\">{}% busy-work</span></li>\n",
        r.summary.aligned_effort_pct, r.summary.busy_effort_pct
    ));
    o.push_str(&format!(
        "<li><strong>Goals to look at:</strong> {}, {}</li>\n</ul>\n",
        plural(r.stale.len(), "stale", "stale"),
        plural(r.orphans.len(), "orphan", "orphans")
    ));
    o.push_str(&format!(
        "<p class=\"verdict\"><strong>Verdict:</strong> {}</p>\n",
        h(&r.comparison.verdict)
    ));

    o.push_str("<h2>Strategy vs. task completion</h2>\n<table>\n");
    o.push_str(&format!(
        "<tr><th>Feature</th><th>{}</th><th>{}</th></tr>\n",
        h(STRATEGY_HEADING),
        h(TASK_HEADING)
    ));
    for row in &r.comparison.rows {
        o.push_str(&format!(
            "<tr><th>{}</th><td>{}<br><span class=\"fig\">{}</span></td><td>{}<br><span class=\"fig\">{}</span></td></tr>\n",
            h(row.feature),
            h(row.strategy.seed),
            h(&row.strategy.figure),
            h(row.task.seed),
            h(&row.task.figure)
        ));
    }
    o.push_str("</table>\n");
    o.push_str(&format!(
        "<p class=\"muted\">{}</p>\n",
        h(&r.comparison.advice.lens_note)
    ));

    o.push_str("<h2>Busy-work to question</h2>\n");
    if r.busy.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", h(EMPTY_BUSY)));
    } else {
        o.push_str(&format!("<p>{}</p>\n<table>\n", h(BUSY_INTRO)));
        o.push_str("<tr><th>Task</th><th>Title</th><th>Owner</th><th>Effort</th><th>Due</th><th>Goal</th></tr>\n");
        for b in &r.busy {
            let suggested: String = goal_pieces(b)
                .into_iter()
                .map(|(code, text)| {
                    if code {
                        format!("<code>{}</code>", h(&text))
                    } else {
                        h(&text)
                    }
                })
                .collect();
            o.push_str(&format!(
                "<tr><td class=\"nw\"><code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"nw\">{}</td><td>{}</td></tr>\n",
                h(&b.id),
                h(&b.title),
                b.owner.as_deref().map_or("—".to_string(), h),
                num(b.effort),
                b.due.map_or("—".to_string(), |d| d.to_string()),
                suggested
            ));
        }
        o.push_str("</table>\n");
    }

    o.push_str("<h2>Stale and orphan goals</h2>\n");
    if r.stale.is_empty() && r.orphans.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", h(EMPTY_GOALS)));
    } else {
        let owner = |g: &GoalNote| {
            g.owner
                .as_deref()
                .map(|o| format!(" ({})", h(o)))
                .unwrap_or_default()
        };
        if !r.stale.is_empty() {
            o.push_str(&format!(
                "<p><strong>Stale</strong> — no check-in for more than {} days:</p>\n<ul>\n",
                r.stale_after_days
            ));
            for g in &r.stale {
                o.push_str(&format!(
                    "<li><code>{}</code> {}{} — {}</li>\n",
                    h(&g.id),
                    h(&g.title),
                    owner(g),
                    h(&stale_text(g, r.stale_after_days))
                ));
            }
            o.push_str("</ul>\n");
        }
        if !r.orphans.is_empty() {
            o.push_str("<p><strong>Orphan</strong> — no open task serves it (plan the next step, or pause it):</p>\n<ul>\n");
            for g in &r.orphans {
                o.push_str(&format!(
                    "<li><code>{}</code> {}{} — {}% done</li>\n",
                    h(&g.id),
                    h(&g.title),
                    owner(g),
                    num(g.progress)
                ));
            }
            o.push_str("</ul>\n");
        }
    }

    o.push_str("<h2>Key-result movement since the previous check-in</h2>\n");
    if r.movement.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", h(EMPTY_MOVEMENT)));
    } else {
        o.push_str("<table>\n<tr><th>Key result</th><th>Previous</th><th>Latest</th><th>Change</th><th>Progress</th><th>Confidence</th><th>Note</th></tr>\n");
        for m in &r.movement {
            let unit = m.unit.as_deref();
            let change = match m.change {
                Some(c) => {
                    let class = if c > 0.0 {
                        "up"
                    } else if c < 0.0 {
                        "down"
                    } else {
                        "muted"
                    };
                    format!("<span class=\"{class}\">{}</span>", h(&signed(c)))
                }
                None => "—".to_string(),
            };
            o.push_str(&format!(
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                h(&m.link),
                h(&m.title),
                m.previous
                    .as_ref()
                    .map_or("—".to_string(), |p| point_html(p, unit, false)),
                m.latest
                    .as_ref()
                    .map_or("no check-in yet".to_string(), |p| {
                        point_html(p, unit, m.this_week)
                    }),
                change,
                m.latest
                    .as_ref()
                    .map_or("—".to_string(), |p| format!("{}%", num(p.progress))),
                m.confidence.map_or("—".to_string(), num),
                m.note.as_deref().map_or(String::new(), h)
            ));
        }
        o.push_str("</table>\n");
        o.push_str(&format!(
            "<p class=\"muted\">★ checked in within the last {WEEK} days. Change is in progress points (percent of the way from start to target).</p>\n"
        ));
    }
    o.push_str("</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_sources;
    use std::path::PathBuf;

    const DEMO: &str = include_str!("../assets/demo.toml");

    fn report_of(text: &str) -> Report {
        let path = PathBuf::from("align.toml");
        let ws = load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .unwrap()
            .workspace;
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let board = crate::score_workspace(&ws, today, None);
        build(&ws, &board)
    }

    #[test]
    fn the_demo_report_has_its_facts() {
        let r = report_of(DEMO);
        assert_eq!(r.summary.tasks, 31);
        // Busy-work: open, unlinked; the biggest first.
        assert_eq!(r.busy.first().map(|b| b.id.as_str()), Some("T-127"));
        assert!(
            r.busy.iter().all(|b| b.id != "T-130"),
            "done work is not questioned"
        );
        let t123 = r.busy.iter().find(|b| b.id == "T-123").unwrap();
        assert!(
            t123.suggested
                .as_ref()
                .is_some_and(|(l, _)| l.starts_with("retention"))
        );
        assert_eq!(
            r.stale.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            ["carriers"]
        );
        assert_eq!(r.stale[0].days_since, Some(36));
        assert_eq!(
            r.orphans.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            ["help-centre"]
        );
        let churn = r
            .movement
            .iter()
            .find(|m| m.link == "retention/churn")
            .unwrap();
        let prev = churn.previous.as_ref().unwrap();
        let latest = churn.latest.as_ref().unwrap();
        assert_eq!((prev.value, latest.value), (3.9, 3.8));
        assert_eq!(prev.date, NaiveDate::from_ymd_opt(2026, 10, 29));
        assert_eq!(churn.change, Some(5.9));
        assert!(churn.this_week);
        // The achieved pricing page had no check-in this week: left out.
        assert!(
            r.movement
                .iter()
                .all(|m| !m.link.starts_with("pricing-page"))
        );
    }

    #[test]
    fn a_single_checkin_moves_from_the_start_value() {
        let text = "version = 1\n[workspace]\nname = \"W\"\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nstart = 2026-10-01\n[[goals.key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 10\ncheckins = [{ date = 2026-11-20, value = 4 }]\n[[goals.key_results]]\nid = \"none\"\ntitle = \"Never\"\nstart = 0\ntarget = 1\n";
        let r = report_of(text);
        let k = &r.movement[0];
        let p = k.previous.as_ref().unwrap();
        assert!(p.is_start);
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 10, 1));
        assert_eq!(k.change, Some(40.0));
        let never = &r.movement[1];
        assert!(never.latest.is_none() && never.change.is_none());
        let md = markdown(&r);
        assert!(md.contains("0 (start, 2026-10-01)"), "{md}");
        assert!(md.contains("no check-in yet"));
    }

    #[test]
    fn both_layouts_carry_every_section_and_escape_text() {
        let text = DEMO.replace(
            "Confetti animation after the first label",
            "<script>alert(1)</script> | & co",
        );
        let r = report_of(&text);
        let md = markdown(&r);
        let html = html(&r);
        for section in [
            "Summary",
            "Strategy vs. task completion",
            "Busy-work to question",
            "Stale and orphan goals",
            "Key-result movement since the previous check-in",
        ] {
            assert!(
                md.contains(&format!("## {section}")),
                "markdown lacks {section}"
            );
            assert!(
                html.contains(&format!("<h2>{section}</h2>")),
                "html lacks {section}"
            );
        }
        assert!(
            !md.contains("<script>")
                && md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| &amp; co")
        );
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | &amp; co"));
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(!html.contains("http"), "self-contained: no links out");
    }

    #[test]
    fn an_empty_workspace_reports_calmly() {
        let r = report_of("version = 1\n");
        let md = markdown(&r);
        assert!(md.contains(EMPTY_BUSY) && md.contains(EMPTY_GOALS) && md.contains(EMPTY_MOVEMENT));
        assert!(html(&r).contains(EMPTY_MOVEMENT));
    }

    #[test]
    fn every_piece_of_user_text_is_escaped_alike_in_markdown() {
        let text = "version = 1\n[workspace]\nname = \"W_1\"\nmission = \"Ship *fast*\"\n[[goals]]\nid = \"g\"\ntitle = \"Grow *star* [x]\"\nstart = 2026-10-01\n[[goals.key_results]]\nid = \"k\"\ntitle = \"K_1 ~~z~~\"\nunit = \"<u>\"\nstart = 0\ntarget = 10\ncheckins = [{ date = 2026-11-24, value = 4, note = \"a `tick` | b\" }]\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Fix *all* the_things\"\nowner = \"sam_b\"\n";
        let md = markdown(&report_of(text));
        for raw in [
            "*star*",
            "*all*",
            "<u>",
            "the_things",
            "K_1",
            "`tick`",
            "~~z~~",
            "W_1",
            "sam_b",
        ] {
            assert!(!md.contains(raw), "{raw} unescaped:\n{md}");
        }
        for escaped in [
            "Grow \\*star\\* \\[x\\]",
            "Fix \\*all\\* the\\_things",
            "0 &lt;u&gt; (start, 2026-10-01)",
            "4 &lt;u&gt; (2026-11-24)",
            "K\\_1 \\~\\~z\\~\\~",
            "a \\`tick\\` \\| b",
            "*Ship \\*fast\\**",
        ] {
            assert!(md.contains(escaped), "lacks {escaped}:\n{md}");
        }
        // Ids stay readable code spans.
        assert!(md.contains("| `g/k` K"), "{md}");
    }
}
