//! Text from the workspace made safe to paste into Markdown: the weekly report and
//! `compare --format markdown` write titles, notes, units and names the team typed, and a
//! `*star*` in a title must not turn the rest of a line italic, nor a `|` split a table
//! cell, nor `<b>` become HTML. One place escapes it all, so no field is forgotten.
//! The strategy-vs-task table both of them print is written here too, once.

use align_core::compare::{Comparison, STRATEGY_HEADING, TASK_HEADING};

/// User text as Markdown that renders as exactly that text (CommonMark and GitHub's
/// tables): emphasis, code, link, strikethrough and table characters backslash-escaped,
/// `&`, `<` and `>` as entities, and line breaks as spaces so a table row stays one line.
pub fn text(s: &str) -> String {
    let s = align_core::text::safe(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `s` as an inline code span: a fence of more backticks than any run inside it (padded
/// when it starts or ends with one), and `|` escaped so a table cell is not split.
pub fn code(s: &str) -> String {
    let s = align_core::text::safe(s);
    let s = s.as_ref();
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    let body = s.replace(['\r', '\n'], " ").replace('|', "\\|");
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// The strategy-vs-task table, header and one row a feature, each cell its seed text
/// over this workspace's figure.
pub fn comparison_table(cmp: &Comparison) -> String {
    let mut out = format!("| Feature | {STRATEGY_HEADING} | {TASK_HEADING} |\n|---|---|---|\n");
    for r in &cmp.rows {
        out.push_str(&format!(
            "| {} | {}<br>**{}** | {}<br>**{}** |\n",
            r.feature,
            text(r.strategy.seed),
            text(&r.strategy.figure),
            text(r.task.seed),
            text(&r.task.figure)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_shown_not_applied() {
        assert_eq!(text("*star* and _under_"), "\\*star\\* and \\_under\\_");
        assert_eq!(text("a | b"), "a \\| b");
        assert_eq!(text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(
            text("[link](x) `code` ~~gone~~ \\"),
            "\\[link\\](x) \\`code\\` \\~\\~gone\\~\\~ \\\\"
        );
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(text("plain 3.8% (start)"), "plain 3.8% (start)");
    }

    #[test]
    fn code_spans_survive_backticks_and_pipes() {
        assert_eq!(code("retention/churn"), "`retention/churn`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
