//! The report in Markdown, for a team channel or a wiki: every piece of text the team
//! typed goes through [`crate::markdown`], so a `*` or `|` in a title stays text.

use super::Report;
use super::layout::{Column, Layout, Paragraph, Piece, write};
use crate::markdown::{code, text as md};

/// The report in Markdown, for a team channel or a wiki.
pub fn markdown(r: &Report) -> String {
    write(r, Markdown(String::new()))
}

/// The Markdown being written.
struct Markdown(String);

fn line(pieces: &[Piece<'_>]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Tone(_, s) => md(s),
            Piece::Code(s) => code(s),
            Piece::Strong(s) => format!("**{}**", md(s)),
            Piece::Figure(s) => format!("<br>**{}**", md(s)),
            Piece::Aside(s) => format!(" ({})", md(s)),
        })
        .collect()
}

impl Layout for Markdown {
    fn head(&mut self, workspace: &str, mission: Option<&str>, subtitle: &str) {
        let o = &mut self.0;
        o.push_str(&format!(
            "# Weekly alignment report — {}\n\n",
            md(workspace)
        ));
        if let Some(m) = mission {
            o.push_str(&format!("*{}*\n\n", md(m)));
        }
        o.push_str(&format!("{}\n\n", md(subtitle)));
    }

    fn heading(&mut self, title: &str) {
        self.0.push_str(&format!("## {}\n\n", md(title)));
    }

    fn paragraph(&mut self, _kind: Paragraph, pieces: &[Piece<'_>]) {
        self.0.push_str(&line(pieces));
        self.0.push_str("\n\n");
    }

    fn list(&mut self, items: &[Vec<Piece<'_>>]) {
        for item in items {
            self.0.push_str(&format!("- {}\n", line(item)));
        }
        self.0.push('\n');
    }

    fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<Vec<Piece<'_>>>]) {
        let o = &mut self.0;
        let titles: Vec<String> = columns.iter().map(|c| md(c.title)).collect();
        let rules: Vec<&str> = columns
            .iter()
            .map(|c| if c.numeric { "---:" } else { "---" })
            .collect();
        o.push_str(&format!(
            "| {} |\n|{}|\n",
            titles.join(" | "),
            rules.join("|")
        ));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| line(c)).collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        o.push('\n');
    }

    fn finish(self) -> String {
        let mut o = self.0;
        // One line end at the end, not the blank line between blocks.
        o.truncate(o.trim_end_matches('\n').len());
        o.push('\n');
        o
    }
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
