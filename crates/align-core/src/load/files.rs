//! Which files make the workspace, and whether a file can be read as one at all.
//!
//! A workspace path is one file, or a directory of `*.toml` files. A directory is often a
//! repository root, where `Cargo.toml` and `pyproject.toml` sit beside the team's files:
//! those are not align files, and reading them as such gives a screen of unknown keys and
//! a version error. So a directory's file counts only when it is an align file — it has a
//! `version`, a `[workspace]`, `[[goals]]` or `[[tasks]]` at its top level — and the others
//! are named once, quietly. A file named on its own is always read: the person asked for
//! it. And a file that still holds a git merge conflict is said to, with the line of its
//! first marker, instead of as the half-dozen TOML errors its markers make.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::diag::LoadError;

/// The files of a workspace path: the file itself, or a directory's `*.toml` by name.
pub fn workspace_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    listing(path).map(|l| l.files)
}

/// A workspace path's files, and the `*.toml` entries of a directory that were passed
/// over, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, &'static str)>,
    /// The files' sizes added up, as listed (a file may change before it is read): what
    /// the loader sizes a directory's joined list of tasks by.
    pub bytes: u64,
}

/// List a workspace path: a regular file is the workspace; a directory's regular `*.toml`
/// files, and those of its sub-directories ([`walk`]), are, in path order (which of them are align files is told from their text, see
/// [`is_align_file`]). Anything else (a FIFO, a device) is refused rather than read, which
/// could block forever or never end; in a directory, a `*.toml` that is not a file (a
/// symlink loop, a dangling symlink, a FIFO) is passed over and named.
pub fn listing(path: &Path) -> Result<Listing, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_file() {
        return Ok(Listing {
            files: vec![path.to_path_buf()],
            skipped: Vec::new(),
            bytes: meta.len(),
        });
    }
    if !meta.is_dir() {
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut bytes = 0;
    walk(path, &mut files, &mut skipped, &mut bytes)?;
    files.sort();
    skipped.sort();
    if files.is_empty() {
        return Err(LoadError::EmptyDirectory {
            path: path.to_path_buf(),
        });
    }
    Ok(Listing {
        files,
        skipped,
        bytes,
    })
}

/// Collect the `*.toml` files of `dir` and of its sub-directories — a team keeps a
/// directory per person as often as a file — passing over hidden directories (`.git`),
/// build output (`target`, `node_modules`) and symlinked directories (which could loop or
/// lead out of the repository). A sub-directory that holds a `[workspace]` of its own is
/// another team's workspace, not a person's folder: it is passed over and named.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<(PathBuf, &'static str)>,
    bytes: &mut u64,
) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let p = entry.path();
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_real_dir {
            if !passed_over_dir(&p) {
                if dir_holds_workspace(&p) {
                    skipped.push((p, "a workspace of its own (it has a [workspace])"));
                } else {
                    walk(&p, files, skipped, bytes)?;
                }
            }
            continue;
        }
        if p.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => {
                *bytes = bytes.saturating_add(m.len());
                files.push(p);
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => skipped.push((p, "not a regular file")),
            Err(e) if is_loop(&e) => {
                skipped.push((p, "a symlink loop"));
            }
            Err(_) => skipped.push((p, "a symlink to nothing, or unreadable")),
        }
    }
    Ok(())
}

/// A directory no workspace lives in: hidden (`.git`, `.github`) or build output.
fn passed_over_dir(dir: &Path) -> bool {
    dir.file_name()
        .is_some_and(|n| passed_over_dir_name(&n.to_string_lossy()))
}

/// [`passed_over_dir`] by the directory's name (as `align history` finds it in git).
pub(crate) fn passed_over_dir_name(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

/// Does `dir` hold a `*.toml` with a `[workspace]` table (another workspace's root)?
fn dir_holds_workspace(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.filter_map(Result::ok).any(|e| {
            let p = e.path();
            p.extension().is_some_and(|x| x == "toml")
                && e.file_type().is_ok_and(|t| t.is_file())
                && std::fs::read_to_string(&p).is_ok_and(|t| declares_workspace(&t))
        })
    })
}

/// Does this text have a `[workspace]` table at its top level?
pub(crate) fn declares_workspace(text: &str) -> bool {
    text.lines()
        .any(|l| matches!(line_kind(l), Line::Header(h) if h == "workspace"))
}

/// Is this the error of a symlink that leads back to itself (ELOOP)?
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error());
    #[cfg(not(unix))]
    return false;
}

/// The top-level keys and tables that make a file an align file — and the near misses of
/// them (`[[task]]`), so that a file written almost right is read and its mistake named,
/// rather than passed over in silence.
const ALIGN_KEYS: &[&str] = &[
    "version",
    "workspace",
    "scoring",
    "goals",
    "tasks",
    "goal",
    "task",
];

/// What one line of a TOML file says at the top level, for [`is_align_file`].
enum Line<'a> {
    /// A `key = …` line (the first part of a dotted key).
    Key(&'a str),
    /// A `[table]` or `[[array]]` header (the first part of its dotted name).
    Header(&'a str),
    /// A blank line, a comment, or anything else.
    Other,
}

fn line_kind(line: &str) -> Line<'_> {
    let line = line.trim_start_matches('\u{feff}').trim();
    if let Some(rest) = line.strip_prefix('[') {
        let name = rest.trim_start_matches('[').trim_start();
        let end = name.find(['.', ']', ' ', '\t']).unwrap_or(name.len());
        return Line::Header(name[..end].trim_matches(['"', '\'']));
    }
    let end = line.find(['=', '.', ' ', '\t']).unwrap_or(0);
    if end == 0 || line.starts_with('#') {
        return Line::Other;
    }
    Line::Key(line[..end].trim_matches(['"', '\'']))
}

/// A file's lines, read one after another until they show it is an align file. Keys count
/// only above the first header, where they are top-level keys: `version` under
/// `[package]` is Cargo's.
///
/// Cargo has a `[workspace]` too: a root `Cargo.toml` of a virtual workspace may hold
/// nothing else. So a `[workspace]` decides only by what follows it — Cargo's keys
/// (`members`, `resolver`…) or tables (`[workspace.package]`…) make it Cargo's, anything
/// else (or nothing: an empty `[workspace]` at the end) align's.
struct Recogniser {
    top: bool,
    found: bool,
    /// Inside a `[workspace]` table not yet told to be align's or Cargo's.
    workspace: bool,
}

/// The keys and sub-tables of Cargo's `[workspace]`, which align's never has.
const CARGO_WORKSPACE: &[&str] = &[
    "members",
    "exclude",
    "default-members",
    "resolver",
    "package",
    "dependencies",
    "lints",
    "metadata",
];

/// The part after `workspace.` of a `[workspace.x]` header, if the line is one.
fn workspace_subtable(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix('[')?.trim_start();
    let rest = rest.strip_prefix("workspace")?.trim_start();
    let rest = rest.strip_prefix('.')?.trim_start();
    let end = rest.find([']', '.', ' ', '\t']).unwrap_or(rest.len());
    Some(rest[..end].trim_matches(['"', '\'']))
}

impl Recogniser {
    fn new() -> Recogniser {
        Recogniser {
            top: true,
            found: false,
            workspace: false,
        }
    }

    fn line(&mut self, line: &str) {
        match line_kind(line) {
            Line::Key(k) if self.top && ALIGN_KEYS.contains(&k) => self.found = true,
            Line::Key(k) if self.workspace => {
                self.workspace = false;
                self.found = !CARGO_WORKSPACE.contains(&k);
            }
            Line::Header(h) => {
                self.top = false;
                let cargo = workspace_subtable(line).is_some_and(|t| CARGO_WORKSPACE.contains(&t));
                if self.workspace {
                    // An empty `[workspace]` followed by another table: align's, unless
                    // that table is one of Cargo's workspace tables.
                    self.workspace = false;
                    self.found = !cargo;
                    if cargo {
                        return;
                    }
                }
                if h == "workspace" {
                    self.workspace = !cargo;
                } else if ALIGN_KEYS.contains(&h) && h != "version" {
                    self.found = true;
                }
            }
            _ => {}
        }
    }

    /// The end of the text: a `[workspace]` with nothing after it is align's.
    fn finish(&mut self) -> bool {
        self.found || self.workspace
    }
}

/// Is this text an align file: a `version`, `[workspace]`, `[scoring]`, `[[goals]]` or
/// `[[tasks]]` (or a near miss of them, `[[task]]`) at its top level?
pub fn is_align_file(text: &str) -> bool {
    let mut r = Recogniser::new();
    for line in text.lines() {
        r.line(line);
        if r.found {
            return true;
        }
    }
    r.finish()
}

/// [`is_align_file`] for a file on disk, reading only as far as it must (an align file
/// says so in its first lines). A file that cannot be read counts as one, so the load
/// that follows names the problem.
pub fn is_align_path(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return true;
    };
    let mut r = Recogniser::new();
    for line in std::io::BufReader::new(file).split(b'\n') {
        let Ok(line) = line else {
            return true;
        };
        r.line(&String::from_utf8_lossy(&line));
        if r.found {
            return true;
        }
    }
    r.finish()
}

/// Where the first git conflict marker (`<<<<<<<` at the start of a line) is, when the
/// text still holds an unresolved merge: the file is then not read as TOML at all.
pub(super) fn conflict_marker(text: &str) -> Option<usize> {
    let finder = crate::search::Finder::new(b"<<<<<<<", text.len());
    finder
        .find_iter(text.as_bytes())
        .find(|&at| at == 0 || text.as_bytes()[at - 1] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_files_are_told_from_their_top_level() {
        for text in [
            "version = 1\n",
            "# Bob's tasks\n\n[[tasks]]\nid = \"B-1\"\n",
            "[workspace]\nname = \"x\"\n",
            "[workspace]\n",
            "[workspace]\n\n[[goals]]\nid = \"g\"\n",
            "[ workspace . settings ]\n",
            "[[ goals ]]\n",
            "[scoring]\nw_link = 1\n",
            "\u{feff}version = 1\n",
            "[[task]]\nid = \"T-1\"\n",
            "tasks = [{ id = \"T-1\", title = \"a\" }]\n",
            "\"version\" = 1\n",
        ] {
            assert!(is_align_file(text), "{text:?}");
        }
        for text in [
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\n",
            "[project]\nname = \"app\"\nversion = \"1\"\n[tool.ruff]\n",
            "",
            "# nothing yet\n",
            "[tool.align]\ntasks = 1\n",
            "name = \"x\"\n",
            // Cargo's virtual workspaces.
            "[workspace]\nmembers = [\"a\"]\nresolver = \"2\"\n",
            "# the crates\n[workspace]\n# all of them\nresolver = \"3\"\n",
            "[workspace.package]\nversion = \"0.1.0\"\n",
            "[workspace]\n\n[workspace.dependencies]\nserde = \"1\"\n",
        ] {
            assert!(!is_align_file(text), "{text:?}");
        }
    }

    #[test]
    fn a_conflict_marker_counts_only_at_the_start_of_a_line() {
        assert_eq!(conflict_marker("a = 1\n<<<<<<< HEAD\n"), Some(6));
        assert_eq!(conflict_marker("<<<<<<< HEAD\n"), Some(0));
        assert_eq!(conflict_marker("title = \"<<<<<<< not one\"\n"), None);
        assert_eq!(conflict_marker("a = 1\n"), None);
    }
}
