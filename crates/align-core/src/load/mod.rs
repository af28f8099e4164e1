//! Loading: files on disk to a validated [`Workspace`], or every problem found.
//!
//! A workspace is one file or a directory of `*.toml` files. Each file is parsed once
//! into the spans of its tables and values ([`doc`], which also checks it is TOML),
//! walked into the model with [`crate::schema`], and then the whole workspace is
//! cross-checked ([`crate::validate`]): ids, links, parents. Any error means no
//! workspace — callers never get half a model they might write back.
//!
//! Here the files are found and read; `document` walks one file (a large one in
//! parallel `pieces`), `goal` and `task` read one item each, `workspace` joins the
//! files' parts into the model, and `reread` reads one edited block again.

pub mod doc;
mod document;
mod goal;
mod pieces;
#[cfg(any(test, feature = "reference-loader"))]
pub mod reference;
mod reread;
mod task;
mod workspace;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, LoadError, Severity, Sink};
use crate::model::{SourceFile, Workspace};

pub(crate) use reread::{reread_goal, reread_task};

/// A loaded workspace and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    pub warnings: Vec<Diagnostic>,
}

/// The only format version this align reads.
pub const VERSION: i64 = 1;
/// The largest `effort` a task may have: far beyond any real estimate, and small enough
/// that the effort of millions of tasks adds up without overflowing.
pub const MAX_EFFORT: f64 = 1_000_000.0;

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
}

/// List a workspace path: a regular file is the workspace; a directory's regular `*.toml`
/// files are, in name order. Anything else (a FIFO, a device) is refused rather than read,
/// which could block forever or never end; in a directory, a `*.toml` that is not a file
/// (a symlink loop, a dangling symlink, a FIFO) is passed over and named.
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
        });
    }
    if !meta.is_dir() {
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => files.push(p),
            Ok(m) if m.is_dir() => {}
            Ok(_) => skipped.push((p, "not a regular file")),
            Err(e) if is_loop(&e) => {
                skipped.push((p, "a symlink loop"));
            }
            Err(_) => skipped.push((p, "a symlink to nothing, or unreadable")),
        }
    }
    files.sort();
    skipped.sort();
    if files.is_empty() {
        return Err(LoadError::EmptyDirectory {
            path: path.to_path_buf(),
        });
    }
    Ok(Listing { files, skipped })
}

/// Is this the error of a symlink that leads back to itself (ELOOP)?
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error());
    #[cfg(not(unix))]
    return false;
}

/// Load and validate a workspace file or directory.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let listing = listing(path)?;
    let mut sources = Vec::new();
    for file in &listing.files {
        let bytes = std::fs::read(file).map_err(|source| LoadError::Io {
            path: file.clone(),
            source,
        })?;
        sources.push((file.clone(), bytes));
    }
    let skipped = listing.skipped.iter().map(|(p, why)| Diagnostic {
        severity: Severity::Warning,
        file: p.clone(),
        line: 1,
        column: 1,
        message: format!("skipped: {why}, not a workspace file"),
        help: None,
    });
    match load_sources(path, sources) {
        Ok(mut loaded) => {
            loaded.warnings.splice(0..0, skipped);
            Ok(loaded)
        }
        Err(LoadError::Invalid {
            errors,
            mut warnings,
        }) => {
            warnings.splice(0..0, skipped);
            Err(LoadError::Invalid { errors, warnings })
        }
        Err(e) => Err(e),
    }
}

/// Load a workspace from file contents already in memory (`(path, bytes)` per file).
pub fn load_sources(root: &Path, sources: Vec<(PathBuf, Vec<u8>)>) -> Result<Loaded, LoadError> {
    let mut scratch = doc::Scratch::default();
    load_with(root, sources, |sink, file, text| {
        document::read_file(sink, file, text, &mut scratch)
    })
}

/// Load with `read` turning one file's text into its part of the workspace.
fn load_with(
    root: &Path,
    sources: Vec<(PathBuf, Vec<u8>)>,
    mut read: impl FnMut(&mut Sink, usize, &str) -> Option<document::Part>,
) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    for (path, bytes) in sources {
        match String::from_utf8(bytes) {
            Ok(text) => files.push(SourceFile { path, text }),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                // The prefix is valid UTF-8 by construction.
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let mut sink = Sink::new(&path, &prefix);
                sink.error(valid, "file is not valid UTF-8 (TOML files must be UTF-8)");
                diags.extend(sink.out);
            }
        }
    }
    let mut parts = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let mut sink = Sink::new(&file.path, &file.text);
        if let Some(part) = read(&mut sink, index, &file.text) {
            parts.push(part);
        }
        diags.extend(sink.out);
    }
    let ws = workspace::assemble(root, files, parts, &mut diags);
    // In reading order: file, then line and column (files are sorted by path).
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let (errors, warnings): (Vec<_>, Vec<_>) = diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    match ws {
        Some(workspace) if errors.is_empty() => Ok(Loaded {
            workspace,
            warnings,
        }),
        _ => Err(LoadError::Invalid { errors, warnings }),
    }
}

/// A one-file workspace from its text, for unit tests: panics when it does not load.
#[cfg(test)]
pub(crate) fn load_text(text: &str) -> Workspace {
    let path = PathBuf::from("align.toml");
    load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
        .map(|l| l.workspace)
        .unwrap_or_else(|e| panic!("{e:?}"))
}
