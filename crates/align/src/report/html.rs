//! The report as one self-contained HTML page to open in a browser and mail round:
//! inline CSS, no scripts, no links out, every piece of text escaped.

use super::words::{
    BUSY_INTRO, EMPTY_BUSY, EMPTY_GOALS, EMPTY_MOVEMENT, counts_line, goal_pieces, num, plural,
    signed, stale_text, with_unit,
};
use super::{GoalNote, Point, Report, WEEK};
use align_core::compare::{STRATEGY_HEADING, TASK_HEADING};

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
                "<p><strong>Stale</strong> — no check-in for more than {}:</p>\n<ul>\n",
                align_core::number::days(r.stale_after_days)
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
