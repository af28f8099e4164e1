//! The report as one self-contained HTML page to open in a browser and mail round:
//! inline CSS, no scripts, no links out, every piece of text escaped.

use super::Report;
use super::layout::{Column, Layout, Paragraph, Piece, Tone, write};

/// Text safe between HTML tags, and for a terminal that shows the page's source.
fn h(s: &str) -> String {
    html_escape::encode_text(&align_core::text::safe(s)).into_owned()
}

const CSS: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;max-width:64rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}\
.sub{color:#59636e;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\
th,td{border:1px solid #d0d7de;padding:.35rem .55rem;text-align:left;vertical-align:top}th{background:#f6f8fa}\
td.n{text-align:right;white-space:nowrap}.nw{white-space:nowrap}code{background:#f6f8fa;padding:0 .25rem;border-radius:3px}\
.fig{font-weight:600}.up{color:#1a7f37}.down{color:#cf222e}.aligned{color:#1a7f37}.busy{color:#cf222e}\
.verdict{background:#f6f8fa;border-left:4px solid #0969da;padding:.5rem .8rem}.muted{color:#59636e}";

/// The report as one self-contained HTML page (inline CSS, no scripts, no links out).
pub fn html(r: &Report) -> String {
    let title = format!("Weekly alignment report — {} — {}", r.workspace, r.today);
    write(
        r,
        Html {
            out: String::new(),
            title,
        },
    )
}

/// The page being written, and what its `<title>` says.
struct Html {
    out: String,
    title: String,
}

fn line(pieces: &[Piece<'_>]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) => h(s),
            Piece::Code(s) => format!("<code>{}</code>", h(s)),
            Piece::Strong(s) => format!("<strong>{}</strong>", h(s)),
            Piece::Figure(s) => format!("<br><span class=\"fig\">{}</span>", h(s)),
            Piece::Tone(tone, s) => {
                let class = match tone {
                    Tone::Aligned => "aligned",
                    Tone::Busy => "busy",
                    Tone::Up => "up",
                    Tone::Down => "down",
                    Tone::Muted => "muted",
                };
                format!("<span class=\"{class}\">{}</span>", h(s))
            }
            Piece::Aside(s) => format!("<br><span class=\"muted nw\">{}</span>", h(s)),
        })
        .collect()
}

impl Layout for Html {
    fn head(&mut self, workspace: &str, mission: Option<&str>, subtitle: &str) {
        let o = &mut self.out;
        o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.push_str(&format!(
            "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            h(&self.title)
        ));
        o.push_str(&format!(
            "<h1>Weekly alignment report — {}</h1>\n",
            h(workspace)
        ));
        if let Some(m) = mission {
            o.push_str(&format!("<p class=\"sub\"><em>{}</em></p>\n", h(m)));
        }
        o.push_str(&format!("<p class=\"sub\">{}</p>\n", h(subtitle)));
    }

    fn heading(&mut self, title: &str) {
        self.out.push_str(&format!("<h2>{}</h2>\n", h(title)));
    }

    fn paragraph(&mut self, kind: Paragraph, pieces: &[Piece<'_>]) {
        let open = match kind {
            Paragraph::Plain => "<p>",
            Paragraph::Verdict => "<p class=\"verdict\">",
            Paragraph::Muted => "<p class=\"muted\">",
        };
        self.out.push_str(&format!("{open}{}</p>\n", line(pieces)));
    }

    fn list(&mut self, items: &[Vec<Piece<'_>>]) {
        self.out.push_str("<ul>\n");
        for item in items {
            self.out.push_str(&format!("<li>{}</li>\n", line(item)));
        }
        self.out.push_str("</ul>\n");
    }

    fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<Vec<Piece<'_>>>]) {
        let o = &mut self.out;
        o.push_str("<table>\n<tr>");
        for c in columns {
            o.push_str(&format!("<th>{}</th>", h(c.title)));
        }
        o.push_str("</tr>\n");
        for row in rows {
            o.push_str("<tr>");
            for (c, cell) in columns.iter().zip(row) {
                let (open, close) = if c.row_heading {
                    ("<th>", "</th>")
                } else if c.numeric {
                    ("<td class=\"n\">", "</td>")
                } else {
                    ("<td>", "</td>")
                };
                o.push_str(&format!("{open}{}{close}", line(cell)));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n");
    }

    fn finish(mut self) -> String {
        self.out.push_str("</body>\n</html>\n");
        self.out
    }
}
