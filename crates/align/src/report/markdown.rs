//! The report in Markdown, for a team channel or a wiki: every piece of text the team
//! typed goes through [`crate::markdown`], so a `*` or `|` in a title stays text.

use super::words::{
    BUSY_INTRO, EMPTY_BUSY, EMPTY_GOALS, EMPTY_MOVEMENT, counts_line, goal_pieces, num, plural,
    point_text, signed, stale_text,
};
use super::{GoalNote, Report, WEEK};
use crate::markdown::{code, comparison_table, text as md};

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
    o.push_str(&comparison_table(&r.comparison));
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
                "**Stale** — no check-in for more than {}:\n\n",
                align_core::number::days(r.stale_after_days)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::report_of;

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
