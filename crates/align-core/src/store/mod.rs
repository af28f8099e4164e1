//! The safe save path: the only code in `align` that writes the user's workspace files.
//!
//! The user's file is sacred. Every write goes to a temporary file in the same directory, is
//! synced, and then atomically renamed over the target, so a crash leaves either the old file
//! or the new one, never half of each. Writers of a workspace serialize on one lock
//! ([`WorkspaceLock`]: the workspace's own directory, which already exists, so nothing is left
//! behind for the user to ignore in git) and, under it, compare every file they replace with
//! the bytes they originally read: if anyone else (another `align`, an editor, a sync tool)
//! changed one in between, nothing is written. A save of several files checks them all and
//! writes every temporary file before the first rename. A file the user may not write, a
//! file with other hard links, anything but a regular file is refused rather than bypassed
//! by renaming over it; the new file keeps the old one's owner, group, mode and extended
//! attributes ([`identity`]); symlinks are resolved so the link survives and its target is
//! replaced. Temp files are named `.align-tmp.{name}.XXXXXX` (never `*.toml`,
//! so a directory workspace never loads one); a writer killed mid-save cannot remove its
//! own, so each save removes, under the lock, the ones of its files that are over a minute
//! old.
//!
//! Here: the errors, reading, and the save of one or several files; `identity` what a save
//! keeps of the file and what it refuses, `lock` the workspace lock, `stamp` the cheap look
//! at a file that tells whether it may have changed, `temp` the temporary files.

mod identity;
mod lock;
mod stamp;
mod temp;

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub use lock::{LOCK_TIMEOUT, WorkspaceLock, lock_workspace};
pub use stamp::{Stamp, stamp};
use temp::{remove_stale_temps, temp_builder, temp_prefix, without_temp_name};

/// Why a read or write of a workspace file failed. Messages start with the path.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on `path` (the file, a temp file or the directory).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Writing the new bytes beside the file failed (a full disk, say): nothing was
    /// replaced.
    #[error("{}: {source}; nothing was written", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The target's mode bits say read-only; it is never replaced behind the user's back.
    #[error("{}: file is read-only; nothing was written", path.display())]
    ReadOnly { path: PathBuf },
    /// This user may not write the file (it belongs to someone else): replacing it by a
    /// rename would only need the directory's permission, and would take it from them.
    #[error(
        "{}: you may not write this file (it belongs to user {owner}); nothing was written",
        path.display()
    )]
    NotWritable { path: PathBuf, owner: u32 },
    /// The file has other hard links, which a save by rename would split.
    #[error(
        "{}: the file has {links} hard links, and saving replaces it, which would leave the other names with the old text; nothing was written (keep one name, or use a symlink)",
        path.display()
    )]
    HardLinked { path: PathBuf, links: u64 },
    /// A FIFO, a device, a directory: not a workspace file.
    #[error("{}: not a regular file; nothing was written", path.display())]
    NotRegular { path: PathBuf },
    /// The workspace lock stayed held for the whole wait.
    #[error(
        "{}: another align is writing this workspace (it held the lock on {} for {} s); nothing was written",
        path.display(),
        dir.display(),
        LOCK_TIMEOUT.as_secs()
    )]
    Locked { path: PathBuf, dir: PathBuf },
    /// The file on disk no longer holds the bytes the caller read.
    #[error(
        "{}: changed on disk since it was read; nothing was written (reload and try again)",
        path.display()
    )]
    Changed { path: PathBuf },
    /// [`create_new`] was asked for a file in a directory that is not there.
    #[error("{}: directory {} does not exist", path.display(), dir.display())]
    NoDirectory { path: PathBuf, dir: PathBuf },
    /// [`create_new`] found something already at the path.
    #[error("{}: already exists; align init never overwrites a file", path.display())]
    Exists { path: PathBuf },
}

/// Attach `path` to an I/O error.
fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The directory holding `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Read the file's bytes as they are (no UTF-8 check).
pub fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(io_err(path))
}

/// One file of a save: the path as the workspace names it, the bytes it held when read,
/// and the bytes to write. The bytes it held are given as pieces, one after the other: a
/// session holds one copy of each file, its text after the edit, and says what was on
/// disk as that text's pieces around the edit's old bytes — no second copy of the file.
#[derive(Debug, Clone, Copy)]
pub struct Replacement<'a> {
    pub path: &'a Path,
    pub expected: &'a [&'a [u8]],
    pub new: &'a [u8],
}

/// A save that failed, and the files it had already replaced before it did (only a
/// failure between two renames of a several-file save leaves any).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct SaveError {
    #[source]
    pub error: StoreError,
    pub saved: Vec<PathBuf>,
}

impl From<StoreError> for SaveError {
    fn from(error: StoreError) -> Self {
        SaveError {
            error,
            saved: Vec::new(),
        }
    }
}

/// Atomically replace the file at `path` with `new`, provided it still holds `expected`:
/// [`replace_all`] of one file under its own workspace lock (the file's directory).
pub fn save(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), StoreError> {
    let lock = lock_workspace(path)?;
    replace_all(
        &lock,
        &[Replacement {
            path,
            expected: &[expected],
            new,
        }],
    )
    .map_err(|e| e.error)
}

/// A file ready to be renamed into place.
struct Staged {
    path: PathBuf,
    target: PathBuf,
    temp: tempfile::NamedTempFile,
}

/// Replace every file of `files`, provided each still holds its `expected` bytes, while
/// `lock` is held.
///
/// Everything that can be checked is checked, and every new file written and synced,
/// before the first rename: a file that is read-only, changed on disk or cannot be
/// written fails the save with nothing written. Only a failure of a rename itself (or a
/// crash between renames) can leave some files saved; the error says which.
pub fn replace_all(_lock: &WorkspaceLock, files: &[Replacement<'_>]) -> Result<(), SaveError> {
    let mut staged = Vec::with_capacity(files.len());
    for f in files {
        staged.push(stage(f)?);
    }
    let mut saved = Vec::with_capacity(staged.len());
    let mut dirs: Vec<PathBuf> = Vec::new();
    for s in staged {
        let dir = parent_dir(&s.target).to_path_buf();
        // On failure the temp file comes back inside the error and is removed when it drops.
        if let Err(e) = s.temp.persist(&s.target) {
            return Err(SaveError {
                error: StoreError::Io {
                    path: s.path,
                    source: e.error,
                },
                saved,
            });
        }
        saved.push(s.path);
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for dir in &dirs {
        sync_dir(dir);
    }
    Ok(())
}

/// Check one file of a save and write its new bytes to a synced temp file beside it.
fn stage(f: &Replacement<'_>) -> Result<Staged, StoreError> {
    let path = f.path;
    let target = fs::canonicalize(path).map_err(io_err(path))?;
    let meta = fs::metadata(&target).map_err(io_err(path))?;
    identity::check(path, &target, &meta)?;
    if !holds(&target, f.expected).map_err(io_err(path))? {
        return Err(StoreError::Changed {
            path: path.to_path_buf(),
        });
    }
    let dir = parent_dir(&target);
    remove_stale_temps(dir, &target);
    let prefix = temp_prefix(&target);
    let mut temp = temp_builder(&prefix)
        .tempfile_in(dir)
        .map_err(|e| StoreError::Write {
            path: path.to_path_buf(),
            source: without_temp_name(e),
        })?;
    // On failure the temp file is removed when `temp` drops.
    temp.write_all(f.new)
        .and_then(|()| identity::carry_over(&target, &meta, temp.as_file()))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| StoreError::Write {
            path: path.to_path_buf(),
            source: without_temp_name(e),
        })?;
    Ok(Staged {
        path: path.to_path_buf(),
        target,
        temp,
    })
}

/// Does the file at `path` hold exactly the pieces of `expected`, one after the other?
/// Compared a piece at a time, so a large workspace is not read into a second buffer the
/// size of the file on every save.
pub fn holds(path: &Path, expected: &[&[u8]]) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let len: usize = expected.iter().map(|p| p.len()).sum();
    if file.metadata()?.len() != len as u64 {
        return Ok(false);
    }
    let mut buf = vec![0; 256 * 1024];
    let mut pieces = expected.iter().copied();
    let mut rest: &[u8] = &[];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => return Ok(rest.is_empty() && pieces.all(<[u8]>::is_empty)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut read = &buf[..n];
        while !read.is_empty() {
            if rest.is_empty() {
                match pieces.next() {
                    Some(p) => rest = p,
                    // The file grew since its length was read: more bytes than expected.
                    None => return Ok(false),
                }
                continue;
            }
            let k = read.len().min(rest.len());
            if read[..k] != rest[..k] {
                return Ok(false);
            }
            (read, rest) = (&read[k..], &rest[k..]);
        }
    }
}

/// Create `path` with `contents`, atomically, failing with [`StoreError::Exists`] if anything
/// is already there (even if it appears while we write: the final step never clobbers).
pub fn create_new(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let exists = || StoreError::Exists {
        path: path.to_path_buf(),
    };
    // symlink_metadata so a dangling symlink also counts as "something is there".
    if fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(StoreError::NoDirectory {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    let prefix = temp_prefix(path);
    let mut builder = temp_builder(&prefix);
    #[cfg(unix)]
    {
        // A fresh workspace file gets the usual 0o666 & !umask, not the temp file's 0o600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| io_err(path)(without_temp_name(e)))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io_err(path)(without_temp_name(e)))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(dir);
            Ok(())
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source: without_temp_name(e.error),
        }),
    }
}

/// Make the renames durable. Opening a directory fails on some platforms (Windows); that's
/// fine.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests;
