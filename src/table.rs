//! Plain-text tables that fit the terminal: columns keep their natural width when there
//! is room, and the flexible ones (titles, prose) are truncated with `…` or wrapped when
//! there is not. Widths are measured in terminal cells, so CJK and emoji line up. Colour
//! is an optional ANSI style per cell; without it the table reads the same.

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never narrower than its content.
    Keep,
    /// Cut with `…` when space is short.
    Truncate,
    /// Wrap onto more lines when space is short.
    Wrap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub fit: Fit,
    pub align: Align,
}

impl Column {
    /// Left-aligned, never narrower than its content.
    pub const fn keep(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Keep,
            align: Align::Left,
        }
    }

    /// Right-aligned numbers, never narrower than their content.
    pub const fn number(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Keep,
            align: Align::Right,
        }
    }

    /// Left-aligned text cut with `…` when space is short.
    pub const fn truncate(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Truncate,
            align: Align::Left,
        }
    }

    /// Left-aligned prose wrapped onto more lines when space is short.
    pub const fn wrap(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Wrap,
            align: Align::Left,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell {
            text,
            style: Style::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::from(text.to_string())
    }
}

pub fn styled(text: impl Into<String>, style: Style) -> Cell {
    Cell {
        text: text.into(),
        style,
    }
}

const GAP: usize = 2;
const MIN_FLEX: usize = 12;

/// Cut `s` to at most `width` cells, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// Render rows under headers, fitting `width` cells when given.
pub fn render(columns: &[Column], rows: &[Vec<Cell>], width: Option<usize>, color: bool) -> String {
    let n = columns.len();
    let mut widths: Vec<usize> = columns.iter().map(|c| c.header.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            let w = cell
                .text
                .lines()
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            widths[i] = widths[i].max(w);
        }
    }
    if let Some(limit) = width {
        let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * n.saturating_sub(1);
        let flex: Vec<usize> = (0..n).filter(|&i| columns[i].fit != Fit::Keep).collect();
        while total(&widths) > limit {
            // Shrink the widest flexible column that can still give.
            let Some(&i) = flex
                .iter()
                .filter(|&&i| widths[i] > MIN_FLEX.max(columns[i].header.width()))
                .max_by_key(|&&i| widths[i])
            else {
                break;
            };
            widths[i] -= 1;
        }
    }
    let paint = |s: &str, style: Style| {
        if color && style != Style::new() {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let header_style = Style::new().bold().underline();
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, &w)| paint(&pad(c.header, w, c.align), header_style))
        .collect();
    out.push_str(header.join(&" ".repeat(GAP)).trim_end());
    out.push('\n');
    if !color {
        let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
        out.push_str(&rule.join(&" ".repeat(GAP)));
        out.push('\n');
    }
    for row in rows {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(columns)
            .zip(&widths)
            .map(|((cell, col), &w)| match col.fit {
                Fit::Wrap => cell
                    .text
                    .lines()
                    .flat_map(|l| {
                        textwrap::wrap(l, w.max(1))
                            .into_iter()
                            .map(|c| c.into_owned())
                            .collect::<Vec<_>>()
                    })
                    .collect(),
                _ => cell.text.lines().map(|l| truncate(l, w)).collect(),
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line in 0..height {
            let parts: Vec<String> = (0..n)
                .map(|i| {
                    let text = cells
                        .get(i)
                        .and_then(|c| c.get(line))
                        .map_or("", String::as_str);
                    let style = row.get(i).map_or(Style::new(), |c| c.style);
                    paint(&pad(text, widths[i], columns[i].align), style)
                })
                .collect();
            out.push_str(parts.join(&" ".repeat(GAP)).trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_cells_not_bytes() {
        assert_eq!(truncate("héllo wörld", 6), "héllo…");
        assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn fits_the_width_by_shrinking_flexible_columns() {
        let cols = [Column::keep("ID"), Column::truncate("TITLE")];
        let rows = vec![vec![
            Cell::from("T-1"),
            Cell::from("a very long title that will not fit at all"),
        ]];
        let out = render(&cols, &rows, Some(30), false);
        for line in out.lines() {
            assert!(line.width() <= 30, "{line:?}");
        }
        assert!(out.contains("a very long title that w…"), "{out}");
    }
}
