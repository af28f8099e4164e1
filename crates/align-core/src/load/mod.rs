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

mod cached;
pub mod doc;
mod document;
mod files;
mod goal;
mod pieces;
#[cfg(any(test, feature = "reference-loader"))]
pub mod reference;
mod reread;
mod task;
pub mod upstream;
mod workspace;

use std::path::{Path, PathBuf};

use crate::diag::{ALIGN_FILE_IS, Diagnostic, LoadError, Severity, Sink};
use crate::model::{SourceFile, Workspace};

pub use cached::ParsedFiles;
pub use files::{Listing, is_align_file, is_align_path, listing, workspace_files};
pub(crate) use files::{declares_workspace, passed_over_dir_name};
pub(crate) use reread::{reread_goal, reread_task};

/// A loaded workspace and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    pub warnings: Vec<Diagnostic>,
    /// The files of a directory that are not align files, passed over (by name order).
    pub passed_over: Vec<PathBuf>,
}

/// The only format version this align reads.
pub const VERSION: i64 = 1;
/// The largest `effort` a task may have: far beyond any real estimate, and small enough
/// that the effort of millions of tasks adds up without overflowing.
pub const MAX_EFFORT: f64 = 1_000_000.0;

/// Load and validate a workspace file or directory. In a directory, the files that are
/// not align files ([`is_align_file`]: `Cargo.toml` at a repository root) are passed over
/// and listed in [`Loaded::passed_over`].
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_chained(path, &[upstream::canonical(path)])
}

/// [`load`] inside the loading of the workspaces of `chain` (their canonical roots, this
/// one's last): an upstream among them is a cycle.
fn load_chained(path: &Path, chain: &[PathBuf]) -> Result<Loaded, LoadError> {
    let listing = listing(path)?;
    let directory = listing.files.first().is_some_and(|f| f != path);
    let mut reads = Vec::new();
    let mut passed_over = Vec::new();
    // A directory's tasks are joined while its files are still being read.
    let mut gathered = directory.then(|| workspace::Gathered::new(&listing));
    for (file, read) in
        listing
            .files
            .iter()
            .zip(read_files(&listing.files, directory, gathered.as_mut()))
    {
        match read? {
            Some(read) => reads.push(read),
            None => passed_over.push(file.clone()),
        }
    }
    if reads.is_empty() {
        // Only other tools' files (a repository root): said of the first of them.
        let errors = passed_over
            .first()
            .map(|file| Diagnostic {
                severity: Severity::Error,
                file: file.clone(),
                line: 1,
                column: 1,
                message: "not an align file, and no other file of this directory is one"
                    .to_string(),
                help: Some(format!("{ALIGN_FILE_IS}; start one with `align init`")),
            })
            .into_iter()
            .collect();
        return Err(LoadError::Invalid {
            errors,
            warnings: Vec::new(),
        });
    }
    let skipped = listing.skipped.iter().map(|(p, why)| Diagnostic {
        severity: Severity::Warning,
        file: p.clone(),
        line: 1,
        column: 1,
        message: format!("skipped: {why}, not a workspace file"),
        help: None,
    });
    match join_gathered(path, reads, chain, gathered) {
        Ok(mut loaded) => {
            loaded.warnings.splice(0..0, skipped);
            loaded.passed_over = passed_over;
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

/// Read and parse each of `files`: `None` for a directory's file that is not an align
/// file (passed over), or the error reading it gave; in `files`' order. With `gathered`,
/// each file's tasks are moved there as soon as it and every file before it are read.
fn read_files(
    files: &[PathBuf],
    directory: bool,
    mut gathered: Option<&mut workspace::Gathered>,
) -> Vec<Result<Option<FileRead>, LoadError>> {
    let then = |read: &mut Result<Option<FileRead>, LoadError>| {
        if let (Some(g), Ok(Some(read))) = (gathered.as_deref_mut(), read) {
            g.take(read);
        }
    };
    in_parallel(files.iter().collect(), then, |file, scratch| {
        let bytes = std::fs::read(file).map_err(|source| LoadError::Io {
            path: file.clone(),
            source,
        })?;
        // Text that is not UTF-8 is read, to be named as such.
        if directory && std::str::from_utf8(&bytes).is_ok_and(|t| !is_align_file(t)) {
            return Ok(None);
        }
        Ok(Some(parse_one(file.clone(), bytes, scratch)))
    })
}

/// One file's text parsed as the workspace's first file; `join` moves it to its place.
fn parse_one(path: PathBuf, bytes: Vec<u8>, scratch: &mut doc::Scratch) -> FileRead {
    read_one(path, bytes, |sink, text| {
        document::read_file(sink, 0, text, scratch)
    })
}

/// `work` done on each of `items`, on every core when there are several: a directory of
/// 500 people's files is parsed on every core, as a large file is read in pieces. Each
/// thread takes the next item not yet taken (files differ in size) with a scratch of its
/// own. The results are in `items`' order; `then` is given each on this thread, in that
/// order, as soon as it and every one before it are done (while the rest are worked on).
fn in_parallel<T: Send, R: Send>(
    items: Vec<T>,
    mut then: impl FnMut(&mut R),
    work: impl Fn(T, &mut doc::Scratch) -> R + Sync,
) -> Vec<R> {
    // One item needs no threads, nor the dozen system calls that count the cores.
    let threads = match items.len() {
        0 | 1 => 1,
        _ => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    };
    if threads == 1 {
        let mut scratch = doc::Scratch::default();
        return items
            .into_iter()
            .map(|i| {
                let mut done = work(i, &mut scratch);
                then(&mut done);
                done
            })
            .collect();
    }
    let n = items.len();
    let items: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|i| std::sync::Mutex::new(Some(i)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(n).collect();
    let (send, done) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(n))
            .map(|_| {
                let (next, items, work, send) = (&next, &items, &work, send.clone());
                scope.spawn(move || {
                    let mut scratch = doc::Scratch::default();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(slot) = items.get(i) else { break };
                        let item = slot
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .take();
                        if let Some(item) = item
                            && send.send((i, work(item, &mut scratch))).is_err()
                        {
                            break;
                        }
                    }
                })
            })
            .collect();
        // The channel closes when every worker has stopped, a panicking one included.
        drop(send);
        let mut given = 0;
        for (i, r) in done {
            out[i] = Some(r);
            while let Some(Some(r)) = out.get_mut(given) {
                then(r);
                given += 1;
            }
        }
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    out.into_iter().flatten().collect()
}

/// Load a workspace from file contents already in memory (`(path, bytes)` per file);
/// its upstreams, if it names any, are read from disk.
pub fn load_sources(root: &Path, sources: Vec<(PathBuf, Vec<u8>)>) -> Result<Loaded, LoadError> {
    let reads = in_parallel(
        sources,
        |_| {},
        |(path, bytes), scratch| parse_one(path, bytes, scratch),
    );
    join(root, reads, &[upstream::canonical(root)])
}

/// Load with `read` turning one file's text into its part of the workspace, one file
/// after the other (the reference loader's way).
#[cfg(any(test, feature = "reference-loader"))]
fn load_with(
    root: &Path,
    sources: Vec<(PathBuf, Vec<u8>)>,
    chain: &[PathBuf],
    mut read: impl FnMut(&mut Sink, usize, &str) -> Option<document::Part>,
) -> Result<Loaded, LoadError> {
    let mut files = Vec::new();
    for (path, bytes) in sources {
        let index = files.len();
        files.push(read_one(path, bytes, |sink, text| read(sink, index, text)));
    }
    join(root, files, chain)
}

/// One file read on its own: its text (none when it is not UTF-8), its part of the
/// workspace (none when it has errors of its own) and what was found wrong in it.
#[derive(Clone)]
pub(crate) struct FileRead {
    pub(crate) source: Option<SourceFile>,
    pub(crate) part: Option<document::Part>,
    pub(crate) diags: Vec<Diagnostic>,
}

/// Read one file's bytes with `read`.
pub(crate) fn read_one(
    path: PathBuf,
    bytes: Vec<u8>,
    read: impl FnOnce(&mut Sink, &str) -> Option<document::Part>,
) -> FileRead {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The prefix is valid UTF-8 by construction.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let mut sink = Sink::new(&path, &prefix);
            sink.error(valid, "file is not valid UTF-8 (TOML files must be UTF-8)");
            return FileRead {
                source: None,
                part: None,
                diags: sink.out,
            };
        }
    };
    let mut sink = Sink::new(&path, &text);
    let mut part = None;
    if let Some(at) = files::conflict_marker(&text) {
        sink.error_help(
            at,
            "unresolved git merge conflict: this file still has the <<<<<<<, ======= and >>>>>>> lines of a merge",
            "keep the lines you want from each side, delete the three marker lines and save; git diff shows both sides".to_string(),
        );
    } else {
        part = read(&mut sink, &text);
    }
    let diags = sink.out;
    FileRead {
        source: Some(SourceFile { path, text }),
        part,
        diags,
    }
}

/// The files read one by one, joined into a workspace. The files that are text take
/// their places in the workspace's list in order, and each part is told its place.
/// `chain` is as for [`load_chained`]: the upstreams are read from disk.
pub(crate) fn join(
    root: &Path,
    reads: Vec<FileRead>,
    chain: &[PathBuf],
) -> Result<Loaded, LoadError> {
    join_gathered(root, reads, chain, None)
}

/// [`join`], with the tasks of `reads` already moved to `gathered` when it is given.
fn join_gathered(
    root: &Path,
    reads: Vec<FileRead>,
    chain: &[PathBuf],
    gathered: Option<workspace::Gathered>,
) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    let mut parts = Vec::new();
    for read in reads {
        diags.extend(read.diags);
        let Some(source) = read.source else { continue };
        if let Some(mut part) = read.part {
            part.move_to(files.len());
            parts.push(part);
        }
        files.push(source);
    }
    let ws = workspace::assemble(root, files, parts, gathered, chain, &mut diags);
    // In reading order: file, then line and column (files are sorted by path).
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let (errors, warnings): (Vec<_>, Vec<_>) = diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    match ws {
        Some(workspace) if errors.is_empty() => Ok(Loaded {
            workspace,
            warnings,
            passed_over: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::in_parallel;

    #[test]
    fn work_is_handed_over_in_order_and_a_panic_anywhere_is_raised_not_waited_on() {
        let items: Vec<usize> = (0..64).collect();
        let mut given = Vec::new();
        let out = in_parallel(items.clone(), |r: &mut usize| given.push(*r), |i, _| i);
        assert_eq!(out, items);
        assert_eq!(
            given, items,
            "`then` sees every result, in the items' order"
        );
        let in_work = std::panic::catch_unwind(|| {
            in_parallel(
                items.clone(),
                |_| {},
                |i, _| {
                    assert_ne!(i, 17, "a panic in the work");
                    i
                },
            )
        });
        assert!(in_work.is_err());
        let in_then = std::panic::catch_unwind(|| {
            in_parallel(
                items.clone(),
                |r: &mut usize| assert_ne!(*r, 5, "a panic in `then`"),
                |i, _| i,
            )
        });
        assert!(in_then.is_err());
    }
}
