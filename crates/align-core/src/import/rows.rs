//! A CSV export read as a header and rows, the way Linear and Jira write them and the
//! way a spreadsheet saves them again: a UTF-8 byte-order mark at the start (Excel's,
//! Jira's), CRLF line ends, quoted cells holding commas, quotes and line breaks, a
//! delimiter other than the comma (Jira offers `;`, `|` and `^`; a European Excel saves
//! `;`), a column repeated under one name (Jira's `Labels`, one label a cell), and rows
//! one cell short of the header (Linear leaves off an empty last cell).
//!
//! What would import the wrong values is refused before anything is read, each time
//! naming the line: a file that is not UTF-8, a quoted cell never closed (it would
//! swallow every row after it), and a row with more cells than the header (every cell
//! after the extra one would land in its neighbour's column).

use csv::{ReaderBuilder, StringRecord};

use super::sniff::{csv_kind, wrong_tool};
use super::{ImportError, Tool};

/// One column an import needs: its name and the spellings the exports use for it.
pub(super) struct Required {
    pub name: &'static str,
    pub spellings: &'static [&'static str],
}

/// A CSV export: its header and its rows.
pub(super) struct Sheet<'b> {
    /// The export's text (without a byte-order mark), for the line a row starts on.
    bytes: &'b [u8],
    header: Vec<String>,
    rows: Vec<Row>,
}

/// One row, with where its first cell starts in the export.
pub(super) struct Row {
    start: usize,
    cells: StringRecord,
}

impl Row {
    /// The cell of `column`, trimmed; empty when there is no such column or the row is
    /// short of it.
    pub fn get(&self, column: Option<usize>) -> &str {
        column.and_then(|c| self.cells.get(c)).map_or("", str::trim)
    }

    /// The non-empty cells of several columns (a repeated one), in order.
    pub fn all<'r, 'c>(
        &'r self,
        columns: &'c [usize],
    ) -> impl Iterator<Item = &'r str> + use<'r, 'c> {
        columns
            .iter()
            .map(|&c| self.get(Some(c)))
            .filter(|s| !s.is_empty())
    }
}

/// The line of `bytes` that byte `at` is on.
fn line_at(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// Where the record whose reading starts at byte `start` has its first cell: the reader
/// counts the line ends before it (after a CRLF, a blank line) as its own.
fn first_cell(bytes: &[u8], start: u64) -> usize {
    let mut at = usize::try_from(start).map_or(bytes.len(), |s| s.min(bytes.len()));
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}

fn line_error(label: &str, line: u64, message: impl Into<String>) -> ImportError {
    ImportError::Input {
        label: format!("{label}:{line}"),
        message: message.into(),
    }
}

impl<'b> Sheet<'b> {
    /// Read `tool`'s CSV export, with every column of `required`. `how` says how the tool
    /// makes the export, for the message about a missing column.
    pub fn read(
        tool: Tool,
        label: &str,
        input: &'b [u8],
        required: &[Required],
        how: &str,
    ) -> Result<Sheet<'b>, ImportError> {
        let whole = |message: String| ImportError::Input {
            label: label.to_string(),
            message,
        };
        if input.starts_with(&[0xff, 0xfe]) || input.starts_with(&[0xfe, 0xff]) {
            return Err(whole(
                "UTF-16 text; save the export as \"CSV UTF-8\" (or export it again) and import that"
                    .to_string(),
            ));
        }
        let bytes = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            line_error(
                label,
                line,
                "not UTF-8; save the export as \"CSV UTF-8\" (or export it again) and import that",
            )
        })?;
        let trimmed = text.trim_start();
        if trimmed.is_empty() {
            return Err(whole(format!(
                "empty input; expected {} (a header line, then a row per issue)",
                describe(tool)
            )));
        }
        if trimmed.starts_with('[') || trimmed.starts_with('{') {
            return Err(wrong_tool(tool, label, input)
                .unwrap_or_else(|| whole(format!("this is JSON; expected {}", describe(tool)))));
        }
        let delimiter = delimiter(bytes);
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
            Some(Err(e)) => return Err(whole(format!("not a CSV file: {e}"))),
            None => return Err(whole("empty input".to_string())),
        };
        if let Some(advice) = csv_kind(&header).and_then(|k| k.advice(tool)) {
            return Err(whole(advice));
        }
        let mut sheet = Sheet {
            bytes,
            header,
            rows: Vec::new(),
        };
        for r in required {
            if sheet.column(r.spellings).is_none() {
                return Err(line_error(
                    label,
                    1,
                    format!(
                        "no {:?} column, which {} always has; {how}",
                        r.name,
                        describe(tool)
                    ),
                ));
            }
        }
        let width = sheet.header.len();
        // Where the last record read starts: a quote never closed is in it.
        let mut last = 0;
        for record in records {
            let record = record.map_err(|e| {
                let at = e.position().map_or(0, |p| first_cell(bytes, p.byte()));
                line_error(label, line_at(bytes, at), format!("not a CSV row: {e}"))
            })?;
            let start = record.position().map_or(0, |p| first_cell(bytes, p.byte()));
            last = start;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() > width && record.iter().skip(width).any(|c| !c.trim().is_empty()) {
                return Err(line_error(
                    label,
                    line_at(bytes, start),
                    format!(
                        "this row has {} cells but the header has {width} columns, so its cells cannot be told apart (a cell with a {} that is not quoted?)",
                        record.len(),
                        char::from(delimiter).escape_default()
                    ),
                ));
            }
            sheet.rows.push(Row {
                start,
                cells: record,
            });
        }
        // A quote never closed takes the rest of the file into one cell: it is in the last
        // record read, which is all that needs reading again.
        if let Some(line) = unclosed_quote(&bytes[last..], delimiter) {
            return Err(line_error(
                label,
                line_at(bytes, last) + line - 1,
                "a quoted cell that starts on this line is never closed (a \" is missing)",
            ));
        }
        Ok(sheet)
    }

    /// The first column named any of `spellings` (in any case).
    pub fn column(&self, spellings: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|h| spellings.iter().any(|s| h.eq_ignore_ascii_case(s)))
    }

    /// Every column named any of `spellings`: a column the export repeats.
    pub fn columns(&self, spellings: &[&str]) -> Vec<usize> {
        (0..self.header.len())
            .filter(|&i| {
                spellings
                    .iter()
                    .any(|s| self.header[i].eq_ignore_ascii_case(s))
            })
            .collect()
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The line of the export `row` starts on (counted when asked: for a message).
    pub fn line(&self, row: &Row) -> u64 {
        line_at(self.bytes, row.start)
    }
}

fn describe(tool: Tool) -> &'static str {
    match tool {
        Tool::Linear => "Linear's CSV export",
        Tool::Jira => "Jira's CSV export",
        Tool::Taskwarrior | Tool::Github => "a CSV export",
    }
}

const DELIMITERS: [u8; 5] = [b',', b';', b'\t', b'|', b'^'];

/// The header of a CSV text, read with its own delimiter.
pub(super) fn header_of(bytes: &[u8]) -> Option<Vec<String>> {
    first_record(bytes, delimiter(bytes))
}

fn first_record(bytes: &[u8], delimiter: u8) -> Option<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // The header is the first line with anything on it, as the reader skips blank lines.
    let line = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))?;
    let record = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line)
        .records()
        .next()?
        .ok()?;
    Some(record.iter().map(|c| c.trim().to_string()).collect())
}

/// The delimiter of the header line: the one that makes it a header align knows, else
/// the one that splits it into the most columns, else the comma.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut best = (b',', 1);
    for d in DELIMITERS {
        let Some(header) = first_record(bytes, d) else {
            continue;
        };
        if csv_kind(&header).is_some() {
            return d;
        }
        if header.len() > best.1 {
            best = (d, header.len());
        }
    }
    best.0
}

/// The line (of `bytes`, which start at a cell) a quoted cell that is never closed starts
/// on: read as CSV readers read it (a `"` opens a quoted cell only at the start of a
/// cell; `""` inside is a quote), jumping from quote to quote.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<u64> {
    let quote = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| b == b'"')
            .map(|i| from + i)
    };
    let mut from = 0;
    let mut open = None;
    while let Some(at) = quote(from) {
        from = at + 1;
        match open {
            Some(_) if bytes.get(at + 1) == Some(&b'"') => from = at + 2,
            Some(_) => open = None,
            None => {
                let cell_start =
                    at == 0 || matches!(bytes[at - 1], b'\n' | b'\r') || bytes[at - 1] == delimiter;
                if cell_start {
                    open = Some(at);
                }
            }
        }
    }
    open.map(|at| 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: Required = Required {
        name: "ID",
        spellings: &["ID", "Id"],
    };

    fn read(input: &[u8]) -> Result<Sheet<'_>, ImportError> {
        Sheet::read(Tool::Linear, "l.csv", input, &[ID], "export it again")
    }

    #[test]
    fn quoted_cells_bom_crlf_and_short_rows() {
        let input = "\u{feff}ID,Title,Labels\r\nENG-1,\"Fix \"\"quotes\"\", commas\r\nand lines\",\"a, b\"\r\n\r\nENG-2,Short\r\n".as_bytes();
        let s = read(input).unwrap();
        let (id, title, labels) = (
            s.column(&["id"]),
            s.column(&["Title"]),
            s.column(&["Labels"]),
        );
        assert_eq!(s.rows().len(), 2, "the blank line is no row");
        let r = &s.rows()[0];
        assert_eq!(s.line(r), 2);
        assert_eq!(r.get(id), "ENG-1");
        assert_eq!(r.get(title), "Fix \"quotes\", commas\r\nand lines");
        assert_eq!(r.get(labels), "a, b");
        let r = &s.rows()[1];
        assert_eq!(
            s.line(r),
            5,
            "the line the row starts on, after a cell of two lines"
        );
        assert_eq!(r.get(labels), "", "a short row reads empty past its end");
        assert_eq!(r.get(None), "");
        // Blank lines and LF line ends count as well.
        let s = read(b"ID,Title\n\nENG-1,a\n\n\nENG-2,\"b\nc\"\nENG-3,d").unwrap();
        let lines: Vec<u64> = s.rows().iter().map(|r| s.line(r)).collect();
        assert_eq!(lines, [3, 6, 8]);
    }

    #[test]
    fn repeated_columns_and_other_delimiters() {
        let input = b"Summary;Issue key;Status;Labels;Labels\nA;PAY-1;Done;x;\nB;PAY-2;Done;y;z\n";
        let s = Sheet::read(Tool::Jira, "j.csv", input, &[], "").unwrap();
        let labels = s.columns(&["labels"]);
        assert_eq!(labels, [3, 4]);
        let got: Vec<Vec<&str>> = s.rows().iter().map(|r| r.all(&labels).collect()).collect();
        assert_eq!(got, [vec!["x"], vec!["y", "z"]]);
        let s = Sheet::read(
            Tool::Jira,
            "j.csv",
            b"\r\n\nSummary;Issue key;Status\nA;PAY-1;Done\n",
            &[],
            "",
        )
        .unwrap();
        assert_eq!(
            s.rows()[0].get(s.column(&["Issue key"])),
            "PAY-1",
            "after blank lines"
        );
        assert_eq!(s.line(&s.rows()[0]), 4);
        for d in ["\t", "|", "^"] {
            let text = "Summary,Issue key,Status\nA,PAY-1,Done\n".replace(',', d);
            let s = Sheet::read(Tool::Jira, "j.csv", text.as_bytes(), &[], "").unwrap();
            assert_eq!(s.rows()[0].get(s.column(&["Issue key"])), "PAY-1", "{d:?}");
        }
    }

    #[test]
    fn bad_input_names_its_line() {
        let msg = |input: &[u8]| read(input).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            msg(b"ID,Title\nENG-1,\"open\nENG-2,b\n"),
            "l.csv:2: a quoted cell that starts on this line is never closed (a \" is missing)"
        );
        assert!(
            msg(b"ID,Title\nENG-1,a\nENG-2,b,c\n")
                .starts_with("l.csv:3: this row has 3 cells but the header has 2 columns")
        );
        // Empty extra cells (a trailing comma) shift nothing.
        assert!(read(b"ID,Title\nENG-1,a,,\n").is_ok());
        assert!(msg(b"ID,Title\nENG-1,a\nENG-2,\xff\n").starts_with("l.csv:3: not UTF-8"));
        assert!(msg(b"\xff\xfeI\0D\0").contains("UTF-16"));
        assert_eq!(
            msg(b"Key,Title\nENG-1,a\n"),
            "l.csv:1: no \"ID\" column, which Linear's CSV export always has; export it again"
        );
        assert!(msg(b"").starts_with("l.csv: empty input"));
        assert!(msg(b"  \n").starts_with("l.csv: empty input"));
        assert_eq!(
            msg(b"[{\"number\":1,\"title\":\"t\",\"url\":\"u\",\"state\":\"OPEN\"}]"),
            "l.csv: this looks like GitHub's issue JSON (`gh issue list --json …`); use `align import github`"
        );
        assert_eq!(
            msg(b"[1, 2]"),
            "l.csv: this is JSON; expected Linear's CSV export"
        );
        assert_eq!(
            msg(b"Summary,Issue key,Status\n"),
            "l.csv: this looks like Jira's CSV export; use `align import jira`"
        );
    }

    #[test]
    fn quotes_inside_an_unquoted_cell_are_text() {
        assert_eq!(unclosed_quote(b"a,5\" screen,b\n", b','), None);
        assert_eq!(unclosed_quote(b"a,\"x\"\"\"\n", b','), None);
        assert_eq!(unclosed_quote(b"a\n\"x\n\n", b','), Some(2));
        assert_eq!(unclosed_quote(b"a;\"x;y\";\"z\n", b';'), Some(1));
        assert_eq!(
            unclosed_quote(b"\"a\"\",b\nc\n", b','),
            Some(1),
            "an escaped quote"
        );
        assert_eq!(
            unclosed_quote(b"\"\"\n\"\"\"\"\n", b','),
            None,
            "empty and a quote"
        );
        assert_eq!(unclosed_quote(b"a\r\n\"b\r\nc", b','), Some(2));
        assert_eq!(unclosed_quote(b"\"", b','), Some(1));
    }
}
