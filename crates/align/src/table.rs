//! Plain-text tables that fit the terminal: columns keep their natural width when there
//! is room, and the flexible ones (titles, prose) are truncated with `…` or wrapped when
//! there is not. Widths are measured in terminal cells, so CJK and emoji line up. Colour
//! is an optional ANSI style per cell; without it the table reads the same.

use std::fmt::Write as _;

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

/// One cell: its text (borrowed from the workspace when it is shown as it is, as ids,
/// titles and statuses are: a 300-task table made a string for each) and its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub style: Style,
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }
}

pub fn styled<'a>(text: impl Into<std::borrow::Cow<'a, str>>, style: Style) -> Cell<'a> {
    Cell {
        text: text.into(),
        style,
    }
}

/// Text from the file made safe to print in a line of a table: the one sanitiser,
/// [`align_core::text::safe`].
pub fn display_text(s: &str) -> std::borrow::Cow<'_, str> {
    align_core::text::safe(s)
}

const GAP: usize = 2;
/// [`GAP`] spaces, written between two cells.
const SPACES: &str = "  ";
const _: () = assert!(SPACES.len() == GAP);
/// A truncated column (a title) is never cut narrower than this: below it, the table is
/// laid out as records instead, where the title wraps in full.
const MIN_TRUNCATE: usize = 16;
/// A wrapped column is never narrower than this (nor than its longest word).
const MIN_WRAP: usize = 12;
/// How far a record's flexible cells are indented under its first line.
const INDENT: usize = 2;

/// How many terminal cells `s` takes: its length when it is printable ASCII, as nearly
/// every id, date, status and title is (a check that runs many bytes at a time), else
/// as Unicode says. Every width in a table is measured here: a 300-task `score` spent
/// a tenth of its time looking each character up in Unicode's tables.
fn cells(s: &str) -> usize {
    if align_core::text::printable_ascii(s) {
        s.len()
    } else {
        s.width()
    }
}

/// Cut `s` to at most `width` cells, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if cells(s) <= width {
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

/// Wrap one line of prose to `width` cells at word boundaries, never inside a word or at
/// a hyphen ("busy-work"); a single word longer than the width is cut with `…`.
pub fn wrap_line(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| truncate(&l, width))
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// Wrap prose (any number of lines) to `width` cells, as [`wrap_line`] does each line.
pub fn wrap(text: &str, width: usize) -> String {
    text.lines()
        .flat_map(|l| wrap_line(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(cells(s)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// [`pad`] written onto the end of `out`, for `s` of `cells` cells.
fn push_padded(out: &mut String, s: &str, cells: usize, width: usize, align: Align) {
    let fill = width.saturating_sub(cells);
    if align == Align::Left {
        out.push_str(s);
    }
    out.extend(std::iter::repeat_n(' ', fill));
    if align == Align::Right {
        out.push_str(s);
    }
}

fn cell_width(text: &str) -> usize {
    // Printable ASCII is one line whose width is its length: most cells, known without
    // a search for line breaks.
    if align_core::text::printable_ascii(text) {
        return text.len();
    }
    text.lines().map(cells).max().unwrap_or(0)
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace().map(cells).max().unwrap_or(0)
}

/// The rows with every line of every cell made safe to print ([`display_text`]); borrowed
/// when nothing needed it, which is nearly always.
fn clean<'r, 'a>(rows: &'r [Vec<Cell<'a>>]) -> std::borrow::Cow<'r, [Vec<Cell<'a>>]> {
    // What needs nothing changed comes back borrowed.
    let dirty = |c: &Cell| {
        !align_core::text::printable_ascii(&c.text)
            && c.text
                .lines()
                .any(|l| matches!(display_text(l), std::borrow::Cow::Owned(_)))
    };
    if !rows.iter().flatten().any(dirty) {
        return std::borrow::Cow::Borrowed(rows);
    }
    let cleaned = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| Cell {
                    text: c
                        .text
                        .split('\n')
                        .map(display_text)
                        .collect::<Vec<_>>()
                        .join("\n")
                        .into(),
                    style: c.style,
                })
                .collect()
        })
        .collect();
    std::borrow::Cow::Owned(cleaned)
}

/// Column widths that fit `limit`, shrinking the flexible columns no further than their
/// minimum; `None` when the columns cannot fit side by side.
fn grid_widths(columns: &[Column], rows: &[Vec<Cell>], limit: Option<usize>) -> Option<Vec<usize>> {
    let n = columns.len();
    let mut widths: Vec<usize> = columns.iter().map(|c| cells(c.header)).collect();
    let mut words = vec![0usize; n];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(cell_width(&cell.text));
            if columns[i].fit == Fit::Wrap {
                words[i] = words[i].max(longest_word(&cell.text));
            }
        }
    }
    let Some(limit) = limit else {
        return Some(widths);
    };
    let minimum: Vec<usize> = (0..n)
        .map(|i| {
            let header = cells(columns[i].header);
            let floor = match columns[i].fit {
                Fit::Keep => widths[i],
                Fit::Truncate => MIN_TRUNCATE.max(header),
                Fit::Wrap => MIN_WRAP.max(header).max(words[i]),
            };
            floor.min(widths[i])
        })
        .collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * n.saturating_sub(1);
    while total(&widths) > limit {
        // Shrink the widest flexible column that can still give.
        let i = (0..n)
            .filter(|&i| widths[i] > minimum[i])
            .max_by_key(|&i| widths[i])?;
        widths[i] -= 1;
    }
    Some(widths)
}

/// The rows as [`render`] lays them out side by side, when the columns fit `width` so;
/// `None` when they do not (then [`render`] lays them out as records). Measured once:
/// asking whether they fit and then rendering them measured every cell twice.
pub fn grid_if_fits(
    columns: &[Column],
    rows: &[Vec<Cell>],
    width: Option<usize>,
    color: bool,
) -> Option<String> {
    let rows = clean(rows);
    grid_widths(columns, &rows, width).map(|widths| grid(columns, &rows, &widths, color))
}

/// Render rows under headers, fitting `width` cells when given. When the columns cannot
/// fit side by side, each row becomes a record: its fixed columns on one line, its
/// flexible ones (titles, prose) wrapped in full on the lines below.
pub fn render(columns: &[Column], rows: &[Vec<Cell>], width: Option<usize>, color: bool) -> String {
    let rows = clean(rows);
    match (grid_widths(columns, &rows, width), width) {
        (Some(widths), _) => grid(columns, &rows, &widths, color),
        (None, Some(limit)) => records(columns, &rows, limit, color),
        (None, None) => String::new(),
    }
}

fn paint(s: &str, style: Style, color: bool) -> String {
    if color && style != Style::new() {
        format!("{}{s}{}", style.render(), style.render_reset())
    } else {
        s.to_string()
    }
}

fn grid(columns: &[Column], rows: &[Vec<Cell>], widths: &[usize], color: bool) -> String {
    let n = columns.len();
    // About the whole table, sized once: a row a line, most often.
    let line = widths.iter().sum::<usize>() + GAP * n.saturating_sub(1) + 1;
    let mut out = String::with_capacity(line * (rows.len() + 2));
    let header_style = Style::new().bold().underline();
    let header: Vec<String> = columns
        .iter()
        .zip(widths)
        .map(|(c, &w)| paint(&pad(c.header, w, c.align), header_style, color))
        .collect();
    out.push_str(header.join(SPACES).trim_end());
    out.push('\n');
    if !color {
        let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
        out.push_str(&rule.join(SPACES));
        out.push('\n');
    }
    // Each row's lines, written straight into `out`: a 1,000-task `score` made four
    // strings a cell (its lines, padded, painted, joined) before this wrote none.
    // Every cell's lines, in order, and where each cell's start in `lines`.
    // Each line with its width in cells, measured once.
    let mut lines: Vec<(std::borrow::Cow<'_, str>, usize)> = Vec::new();
    let mut first: Vec<usize> = Vec::with_capacity(n + 1);
    for row in rows {
        lines.clear();
        first.clear();
        for (cell, (col, &w)) in row.iter().zip(columns.iter().zip(widths)) {
            first.push(lines.len());
            match col.fit {
                Fit::Wrap => {
                    lines.extend(cell.text.lines().flat_map(|l| wrap_line(l, w)).map(|l| {
                        let width = cells(&l);
                        (std::borrow::Cow::Owned(l), width)
                    }));
                }
                // A cell of printable ASCII that fits is its one line as it is.
                _ if align_core::text::printable_ascii(&cell.text) && cell.text.len() <= w => {
                    lines.push((std::borrow::Cow::Borrowed(&cell.text), cell.text.len()));
                }
                // What `truncate` gives, borrowed when nothing is cut.
                _ => lines.extend(cell.text.lines().map(|l| match cells(l) {
                    width if width <= w => (std::borrow::Cow::Borrowed(l), width),
                    _ => {
                        let cut = truncate(l, w);
                        let width = cells(&cut);
                        (std::borrow::Cow::Owned(cut), width)
                    }
                })),
            }
        }
        first.push(lines.len());
        let cells = first.len() - 1;
        let height = (0..cells)
            .map(|i| first[i + 1] - first[i])
            .max()
            .unwrap_or(1)
            .max(1);
        for line in 0..height {
            let start = out.len();
            for i in 0..n {
                if i > 0 {
                    out.push_str(SPACES);
                }
                let (text, text_width) = if i < cells && first[i] + line < first[i + 1] {
                    let (text, width) = &lines[first[i] + line];
                    (text.as_ref(), *width)
                } else {
                    ("", 0)
                };
                let style = row.get(i).map_or(Style::new(), |c| c.style);
                let painted = color && style != Style::new();
                if painted {
                    let _ = write!(out, "{}", style.render());
                }
                push_padded(&mut out, text, text_width, widths[i], columns[i].align);
                if painted {
                    let _ = write!(out, "{}", style.render_reset());
                }
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        }
    }
    out
}

/// The narrow layout: per row, the fixed cells side by side (flowing onto the next line
/// when they run out of room), then each flexible cell wrapped below, indented, under its
/// header when there are several.
fn records(columns: &[Column], rows: &[Vec<Cell>], limit: usize, color: bool) -> String {
    let fixed: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].fit == Fit::Keep)
        .collect();
    let flexible: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].fit != Fit::Keep)
        .collect();
    let labelled = flexible.len() > 1;
    let spaced = rows
        .iter()
        .flatten()
        .any(|c| c.text.trim_end().contains('\n'));
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        if spaced && n > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        let mut used = 0;
        for &i in &fixed {
            let Some(cell) = row.get(i) else { continue };
            for text in cell.text.lines().filter(|t| !t.is_empty()) {
                let text = truncate(text, limit);
                let w = cells(&text);
                if used > 0 && used + GAP + w > limit {
                    out.push_str(line.trim_end());
                    out.push('\n');
                    (line, used) = (String::new(), 0);
                }
                if used > 0 {
                    line.push_str(SPACES);
                    used += GAP;
                }
                line.push_str(&paint(&text, cell.style, color));
                used += w;
            }
        }
        if used > 0 {
            out.push_str(&line);
            out.push('\n');
        }
        for &i in &flexible {
            let Some(cell) = row.get(i).filter(|c| !c.text.trim().is_empty()) else {
                continue;
            };
            let mut indent = INDENT.min(limit / 4);
            if labelled {
                out.push_str(&" ".repeat(indent));
                out.push_str(&truncate(columns[i].header, limit - indent));
                out.push('\n');
                indent = (2 * INDENT).min(limit / 4);
            }
            for text in cell.text.lines() {
                for l in wrap_line(text, limit - indent) {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&paint(&l, cell.style, color));
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A width measured the quick way (printable ASCII: its length) is the width
        /// Unicode gives, for any text.
        #[test]
        fn widths_are_unicode_widths(text in "[ -~]{0,40}|\\PC{0,20}|[a-z\t\r\u{1b}é日🙂]{0,12}") {
            proptest::prop_assert_eq!(cells(&text), text.width());
            proptest::prop_assert_eq!(
                cell_width(&text),
                text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
            );
        }

        /// Laid out once, a grid is there exactly when the columns fit, and it is what
        /// rendering gives, at any width.
        #[test]
        fn a_grid_that_fits_is_the_rendered_table(
            width in proptest::option::of(0usize..90),
            titles in proptest::collection::vec("[ -~]{0,30}|[a-z日é\n]{0,12}", 0..6),
        ) {
            let cols = [Column::keep("ID"), Column::number("N"), Column::truncate("TITLE"), Column::wrap("NOTE")];
            let rows: Vec<Vec<Cell>> = titles
                .iter()
                .enumerate()
                .map(|(i, t)| vec![
                    Cell::from(format!("T-{i}")),
                    Cell::from(i.to_string()),
                    Cell::from(t.as_str()),
                    styled(t.as_str(), Style::new().bold()),
                ])
                .collect();
            for color in [false, true] {
                let grid = grid_if_fits(&cols, &rows, width, color);
                proptest::prop_assert_eq!(
                    grid.is_some(),
                    grid_widths(&cols, &clean(&rows), width).is_some()
                );
                if let Some(grid) = grid {
                    proptest::prop_assert_eq!(grid, render(&cols, &rows, width, color));
                }
            }
        }
    }

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

    #[test]
    fn wraps_whole_words_and_cuts_only_a_word_longer_than_the_line() {
        assert_eq!(
            wrap_line("Organizational impact of busy-work", 15),
            ["Organizational", "impact of", "busy-work"]
        );
        assert_eq!(
            wrap_line("https://example.com/very/long", 10),
            ["https://e…"]
        );
        assert_eq!(wrap_line("", 10), [""]);
    }

    #[test]
    fn columns_that_cannot_fit_side_by_side_become_records() {
        let cols = [
            Column::keep("FEATURE"),
            Column::wrap("STRATEGY"),
            Column::wrap("TASK"),
        ];
        let rows = vec![vec![
            Cell::from("Primary objective"),
            Cell::from("Organizational impact\n→ 52% aligned"),
            Cell::from("Operational output"),
        ]];
        assert!(grid_if_fits(&cols, &rows, Some(80), false).is_some());
        assert!(grid_if_fits(&cols, &rows, Some(30), false).is_none());
        let out = render(&cols, &rows, Some(24), false);
        assert_eq!(
            out,
            "Primary objective\n  STRATEGY\n    Organizational\n    impact\n    → 52% aligned\n  TASK\n    Operational output\n"
        );
        for line in out.lines() {
            assert!(line.width() <= 24, "{line:?}");
        }
    }

    #[test]
    fn control_characters_from_the_file_never_reach_the_terminal_raw() {
        assert_eq!(display_text("plain"), "plain");
        assert_eq!(display_text("a\tb\nc"), "a b c");
        assert_eq!(display_text("esc\u{1b}[31m"), "esc\u{241b}[31m");
        assert_eq!(display_text("nul\0"), "nul\u{2400}");
        assert_eq!(display_text("rtl\u{202e}txt"), "rtl\u{fffd}txt");
        assert_eq!(display_text("\u{85}"), "\u{fffd}");
        let cols = [Column::keep("ID"), Column::truncate("TITLE")];
        let rows = vec![
            vec![Cell::from("T-1"), Cell::from("tab\there")],
            vec![Cell::from("T-2"), Cell::from("\u{202e}evil")],
        ];
        let out = render(&cols, &rows, None, false);
        assert!(
            out.contains("tab here") && out.contains("\u{fffd}evil"),
            "{out}"
        );
        assert!(!out.contains('\t') && !out.contains('\u{202e}'));
    }
}
