//! Problems found in a workspace, each pinned to a file, line and column, so a person
//! can jump straight to it. Loading collects *every* problem before giving up, which is
//! why problems are values (`Diagnostic`) gathered in a list rather than early returns.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem: `FILE:LINE:COL: message (help)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// A directory's files by name, for messages: `Cargo.toml, pyproject.toml`.
pub fn file_names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an align file has, for the messages about files that are not one.
pub const ALIGN_FILE_IS: &str =
    "an align file has a version, [workspace], [[goals]] or [[tasks]] at its top level";

/// Why a workspace could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: no *.toml files in this directory (create one with `align init`)", path.display())]
    EmptyDirectory { path: PathBuf },
    /// A FIFO, a device, a socket: reading it could block forever or never end.
    #[error(
        "{}: not a regular file (a workspace is a TOML file or a directory of them)",
        path.display()
    )]
    NotRegular { path: PathBuf },
    #[error("{} problem(s) in the workspace", errors.len())]
    Invalid {
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    },
}

/// Maps byte offsets of one file to 1-based line and column (in characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset located and its column: many problems on one long line (a million
    /// links in one array) are then counted onwards from the previous one, not each from
    /// the line's start, which took quadratic time.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let (last_end, last_column) = self.last.get();
        let column = if start <= last_end && last_end <= end {
            last_column + self.text[last_end..end].chars().count()
        } else {
            self.text[start..end].chars().count() + 1
        };
        self.last.set((end, column));
        (line, column)
    }
}

/// Collects diagnostics for one file.
pub struct Sink<'a> {
    pub path: &'a Path,
    text: &'a str,
    /// Built on the first problem: most files have none, and it costs a pass over the text.
    index: std::cell::OnceCell<LineIndex<'a>>,
    /// Added to every offset: the start of the piece of `text` being read.
    base: usize,
    pub out: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Sink::at_base(path, text, 0)
    }

    /// A sink for the piece of `text` that starts at byte `base`: offsets given to it are
    /// relative to the piece.
    pub fn at_base(path: &'a Path, text: &'a str, base: usize) -> Self {
        Sink {
            path,
            text,
            index: std::cell::OnceCell::new(),
            base,
            out: Vec::new(),
        }
    }

    pub fn at(&self, offset: usize) -> (usize, usize) {
        self.index
            .get_or_init(|| LineIndex::new(self.text))
            .locate(self.base + offset)
    }

    pub fn push(
        &mut self,
        severity: Severity,
        offset: usize,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let (line, column) = self.at(offset);
        self.out.push(Diagnostic {
            severity,
            file: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
            help,
        });
    }

    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.push(Severity::Error, offset, message, None);
    }

    pub fn error_help(&mut self, offset: usize, message: impl Into<String>, help: String) {
        self.push(Severity::Error, offset, message, Some(help));
    }

    pub fn warning(&mut self, offset: usize, message: impl Into<String>, help: Option<String>) {
        self.push(Severity::Warning, offset, message, help);
    }
}

/// "did you mean ...?" from a list of candidates, by edit distance.
pub fn did_you_mean<'c>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

/// Words teams write for a key the file format names otherwise, each with the key it
/// means: `links = [...]` on a task is a typo no edit distance catches.
const SYNONYMS: &[(&str, &str)] = &[
    ("link", "goals"),
    ("links", "goals"),
    ("goal", "goals"),
    ("okr", "goals"),
    ("okrs", "goals"),
    ("objective", "goals"),
    ("objectives", "goals"),
    ("assignee", "owner"),
    ("assigned_to", "owner"),
    ("deadline", "due"),
    ("due_date", "due"),
    ("estimate", "effort"),
    ("points", "effort"),
    ("story_points", "effort"),
    ("size", "effort"),
    ("state", "status"),
    ("label", "tags"),
    ("labels", "tags"),
    ("name", "title"),
    ("blocked_by", "depends"),
    ("depends_on", "depends"),
    ("krs", "key_results"),
    ("target_value", "target"),
    ("value_now", "current"),
];

/// The help for an unknown key among `known`: the key a common other word for it means
/// (`links` → `goals`), else the closest by edit distance.
pub fn unknown_key_help(wrong: &str, known: &[&str]) -> Option<String> {
    let lower = wrong.to_lowercase();
    SYNONYMS
        .iter()
        .find(|(word, key)| *word == lower && known.contains(key))
        .map(|(_, key)| format!("did you mean \"{key}\"?"))
        .or_else(|| did_you_mean(wrong, known.iter().copied()))
}

/// How alike (Jaro-Winkler, 0..1) a name must be to a candidate to be suggested.
pub const SIMILAR: f64 = 0.8;

/// The candidate closest to `wrong` (ignoring case), if any is close enough.
pub fn closest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(s, _)| *s > SIMILAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_the_key_their_word_means() {
        let task = ["id", "title", "goals", "owner", "due", "effort", "tags"];
        assert_eq!(
            unknown_key_help("links", &task).as_deref(),
            Some("did you mean \"goals\"?")
        );
        assert_eq!(
            unknown_key_help("Assignee", &task).as_deref(),
            Some("did you mean \"owner\"?")
        );
        // Edit distance still answers a typo.
        assert_eq!(
            unknown_key_help("titel", &task).as_deref(),
            Some("did you mean \"title\"?")
        );
        // A synonym for a key this table does not have says nothing.
        assert_eq!(unknown_key_help("krs", &task), None);
        assert_eq!(unknown_key_help("colour", &task), None);
    }

    #[test]
    fn locates_lines_and_character_columns() {
        let idx = LineIndex::new("ab\nçd\n\nx");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(3), (2, 1));
        assert_eq!(idx.locate(5), (2, 2)); // after the two-byte 'ç'
        assert_eq!(idx.locate(7), (3, 1));
        assert_eq!(idx.locate(8), (4, 1));
        assert_eq!(idx.locate(999), (4, 2));
        // Backwards and forwards again, within a line and across lines.
        assert_eq!(idx.locate(5), (2, 2));
        assert_eq!(idx.locate(4), (2, 1)); // inside the 'ç': its start
        assert_eq!(idx.locate(3), (2, 1));
        assert_eq!(idx.locate(6), (2, 3));
        assert_eq!(idx.locate(0), (1, 1));
    }

    #[test]
    fn many_problems_on_one_long_line_are_located_in_linear_time() {
        let line = "\"g\", ".repeat(1_000_000);
        let idx = LineIndex::new(&line);
        let start = std::time::Instant::now();
        for k in 0..1_000_000 {
            assert_eq!(idx.locate(5 * k), (1, 5 * k + 1));
        }
        // Quadratic counting took minutes; linear is well under a second in release.
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("retension", ["retention", "growth"]).as_deref(),
            Some("did you mean \"retention\"?")
        );
        assert_eq!(did_you_mean("zzz", ["retention", "growth"]), None);
    }

    #[test]
    fn renders_as_file_line_col() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "a.toml".into(),
            line: 3,
            column: 9,
            message: "unknown goal \"x\"".into(),
            help: Some("did you mean \"y\"?".into()),
        };
        assert_eq!(
            d.to_string(),
            "a.toml:3:9: unknown goal \"x\" (did you mean \"y\"?)"
        );
    }
}
