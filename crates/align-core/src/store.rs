//! The safe save path: the only code in `align` that writes the user's workspace file.
//!
//! The user's file is sacred. Every write goes to a temporary file in the same directory, is
//! synced, and then atomically renamed over the target, so a crash leaves either the old file or
//! the new one, never half of each. Writers serialize on a side lock file (`.{name}.lock`, never
//! deleted, because deleting lock files races) and, under that lock, compare the file on disk
//! with the bytes they originally read: if anyone else (another `align`, an editor, a sync tool)
//! changed it in between, nothing is written. Read-only files are refused rather than bypassed
//! by renaming over them, and symlinks are resolved so the link survives and its target is
//! replaced. Temp files are named `.align-tmp.{name}.XXXXXX` (never `*.toml`, so a directory
//! workspace never loads one); a writer killed mid-save cannot remove its own, so each save
//! removes, under the lock, the ones of its file that are over a minute old.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// How long [`save`] waits for another writer to release the lock file.
const LOCK_TIMEOUT: Duration = Duration::from_secs(5);
/// Pause between attempts to take the lock.
const LOCK_RETRY: Duration = Duration::from_millis(10);
/// A leftover temp file (of a writer killed mid-save) older than this is removed by the next
/// save under the lock. Under the lock no live align writes one; the age is a second guard
/// for file systems where the lock is not honoured.
const STALE_TEMP: Duration = Duration::from_secs(60);
/// Random characters at the end of a temp file's name.
const TEMP_RANDOM: usize = 6;

/// Why a read or write of the workspace file failed. Messages start with the path.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on `path` (the file, its lock file, a temp file or the directory).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The target's mode bits say read-only; it is never replaced behind the user's back.
    #[error("{}: file is read-only; nothing was written", path.display())]
    ReadOnly { path: PathBuf },
    /// The side lock file stayed locked for the whole 5 s wait.
    #[error(
        "{}: another align is writing this file (lock {} held for {} s)",
        path.display(),
        lock_name(path),
        LOCK_TIMEOUT.as_secs()
    )]
    Locked { path: PathBuf },
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

/// An error from creating or persisting a temp file, without the temp file's name that
/// `tempfile` adds ("… at path \".align-tmp.x.toml.QqVw5O\""): it means nothing to the
/// person, who is told the file they named instead.
fn without_temp_name(e: io::Error) -> io::Error {
    let os = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<io::Error>())
        .and_then(io::Error::raw_os_error);
    match (e.raw_os_error(), os) {
        (Some(_), _) => e,
        (None, Some(code)) => io::Error::from_raw_os_error(code),
        (None, None) if e.get_ref().is_some() => io::Error::from(e.kind()),
        _ => e,
    }
}

/// `.{file_name}.lock`, the side lock file's name for `path`.
fn lock_name(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    format!(".{}.lock", name.to_string_lossy())
}

/// `.align-tmp.{file_name}.`, how this file's temp files start (then [`TEMP_RANDOM`]
/// characters). Never `*.toml`, so a directory workspace never loads one.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    format!(".align-tmp.{}.", name.to_string_lossy())
}

/// A temp file builder for names starting with `prefix` (see [`temp_prefix`]).
fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).rand_bytes(TEMP_RANDOM);
    builder
}

/// Remove temp files of `target` left by a writer killed mid-save (SIGKILL, power loss: it
/// could not clean up), once they are [`STALE_TEMP`] old. Call only under the lock. Best
/// effort: a leftover that cannot be removed harms nothing.
fn remove_stale_temps(dir: &Path, target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let ours = rest.len() == TEMP_RANDOM && rest.bytes().all(|b| b.is_ascii_alphanumeric());
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
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

/// Atomically replace the file at `path` with `new`, provided it still holds `expected`.
///
/// Symlinks are followed (the link is kept, its target replaced). Fails with
/// [`StoreError::ReadOnly`], [`StoreError::Locked`] or [`StoreError::Changed`] without writing
/// anything; on any error the original file is left untouched and no temp file remains.
pub fn save(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), StoreError> {
    let target = fs::canonicalize(path).map_err(io_err(path))?;
    if fs::metadata(&target)
        .map_err(io_err(path))?
        .permissions()
        .readonly()
    {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let dir = parent_dir(&target);
    let _lock = lock(path, &dir.join(lock_name(&target)))?;

    // Under the lock: nobody else (running align) can change the file until we are done.
    if !holds(&target, expected).map_err(io_err(path))? {
        return Err(StoreError::Changed {
            path: path.to_path_buf(),
        });
    }
    let perms = fs::metadata(&target).map_err(io_err(path))?.permissions();
    remove_stale_temps(dir, &target);

    let prefix = temp_prefix(&target);
    let mut tmp = temp_builder(&prefix)
        .tempfile_in(dir)
        .map_err(|e| io_err(path)(without_temp_name(e)))?;
    let tmp_path = tmp.path().to_path_buf();
    tmp.write_all(new)
        .and_then(|()| tmp.as_file().set_permissions(perms))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io_err(&tmp_path))?;
    // On failure the temp file comes back inside the error and is removed when it drops.
    tmp.persist(&target).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    sync_dir(dir);
    Ok(())
}

/// Does the file at `path` hold exactly `expected`? Compared a piece at a time, so a large
/// workspace is not read into a second buffer the size of the file on every save.
fn holds(path: &Path, expected: &[u8]) -> io::Result<bool> {
    let mut file = File::open(path)?;
    if file.metadata()?.len() != expected.len() as u64 {
        return Ok(false);
    }
    let mut buf = vec![0; 256 * 1024];
    let mut rest = expected;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => return Ok(rest.is_empty()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        // The file may have grown since its length was read: more bytes than expected.
        if n > rest.len() || buf[..n] != rest[..n] {
            return Ok(false);
        }
        rest = &rest[n..];
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

/// Take the exclusive lock on `lock_path`, retrying for up to [`LOCK_TIMEOUT`].
/// The lock is released when the returned file is dropped; the file itself is never deleted.
fn lock(path: &Path, lock_path: &Path) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .map_err(io_err(lock_path))?;
    let deadline = Instant::now() + LOCK_TIMEOUT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => thread::sleep(LOCK_RETRY),
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(lock_path)(e)),
        }
    }
}

/// Make the rename durable. Opening a directory fails on some platforms (Windows); that's fine.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::sync::Arc;

    fn names(dir: &Path) -> BTreeSet<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn save_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "old\n").unwrap();
        let before = read(&p).unwrap();
        save(&p, &before, b"new\n").unwrap();
        assert_eq!(read(&p).unwrap(), b"new\n");
        // A second save from the fresh read works too (the lock was released).
        save(&p, b"new\n", b"newer\n").unwrap();
        assert_eq!(read(&p).unwrap(), b"newer\n");
    }

    #[test]
    fn changed_on_disk_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "v1\n").unwrap();
        let before = read(&p).unwrap();
        fs::write(&p, "edited elsewhere\n").unwrap();
        let err = save(&p, &before, b"mine\n").unwrap_err();
        assert!(matches!(err, StoreError::Changed { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("changed on disk since it was read")
        );
        assert!(err.to_string().starts_with(&p.display().to_string()));
        assert_eq!(read(&p).unwrap(), b"edited elsewhere\n");
    }

    #[cfg(unix)]
    #[test]
    fn holds_compares_every_byte_and_the_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.toml");
        // Larger than one piece of the comparison, with the difference in a later piece.
        let text: Vec<u8> = (0..700_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        fs::write(&path, &text).unwrap();
        assert!(holds(&path, &text).unwrap());
        let mut other = text.clone();
        other[600_000] = b'#';
        assert!(!holds(&path, &other).unwrap());
        assert!(!holds(&path, &text[..text.len() - 1]).unwrap());
        let mut longer = text.clone();
        longer.push(b'\n');
        assert!(!holds(&path, &longer).unwrap());
        fs::write(&path, b"").unwrap();
        assert!(holds(&path, b"").unwrap());
        assert!(!holds(&path, b"x").unwrap());
    }

    #[test]
    fn read_only_is_refused_and_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "keep\n").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        // Checked by mode bits, so this holds even when running as root.
        let err = save(&p, b"keep\n", b"clobber\n").unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
        assert!(
            err.to_string()
                .ends_with("file is read-only; nothing was written")
        );
        assert_eq!(read(&p).unwrap(), b"keep\n");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o444
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_is_preserved_and_target_updated() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("align.toml");
        fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        save(&link, b"old\n", b"new\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_link(&link).unwrap(), real);
        assert_eq!(fs::read(&real).unwrap(), b"new\n");
        // The lock sits next to the target, named after it.
        assert!(dir.path().join(".real.toml.lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_preserved() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "old\n").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        save(&p, b"old\n", b"new\n").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn no_stray_temp_files_after_success_or_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "a\n").unwrap();
        save(&p, b"a\n", b"b\n").unwrap();
        let expected = set(&["align.toml", ".align.toml.lock"]);
        assert_eq!(names(dir.path()), expected);
        let err = save(&p, b"a\n", b"c\n").unwrap_err();
        assert!(matches!(err, StoreError::Changed { .. }), "{err:?}");
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn save_waits_for_a_briefly_held_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        fs::write(&p, "old\n").unwrap();
        let held = File::create(dir.path().join(".align.toml.lock")).unwrap();
        held.try_lock().unwrap();
        let releaser = thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            drop(held);
        });
        let start = Instant::now();
        save(&p, b"old\n", b"new\n").unwrap();
        assert!(start.elapsed() >= Duration::from_millis(150));
        assert_eq!(read(&p).unwrap(), b"new\n");
        releaser.join().unwrap();
    }

    #[test]
    fn locked_message_names_the_lock_file() {
        let err = StoreError::Locked {
            path: PathBuf::from("align.toml"),
        };
        assert_eq!(
            err.to_string(),
            "align.toml: another align is writing this file (lock .align.toml.lock held for 5 s)"
        );
    }

    #[test]
    fn concurrent_savers_lose_no_update() {
        const THREADS: usize = 8;
        const PER_THREAD: usize = 10;
        let dir = tempfile::tempdir().unwrap();
        let p = Arc::new(dir.path().join("align.toml"));
        fs::write(&*p, "").unwrap();
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let p = Arc::clone(&p);
                thread::spawn(move || {
                    for i in 0..PER_THREAD {
                        loop {
                            let before = read(&p).unwrap();
                            let mut after = before.clone();
                            after.extend_from_slice(format!("t{t}-{i}\n").as_bytes());
                            match save(&p, &before, &after) {
                                Ok(()) => break,
                                Err(StoreError::Changed { .. } | StoreError::Locked { .. }) => {}
                                Err(e) => panic!("{e}"),
                            }
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let text = String::from_utf8(read(&p).unwrap()).unwrap();
        let lines: BTreeSet<&str> = text.lines().collect();
        assert_eq!(text.lines().count(), THREADS * PER_THREAD);
        for t in 0..THREADS {
            for i in 0..PER_THREAD {
                assert!(
                    lines.contains(format!("t{t}-{i}").as_str()),
                    "lost t{t}-{i}"
                );
            }
        }
        assert_eq!(names(dir.path()), set(&["align.toml", ".align.toml.lock"]));
    }

    #[test]
    fn create_new_writes_and_refuses_existing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        create_new(&p, b"fresh\n").unwrap();
        assert_eq!(read(&p).unwrap(), b"fresh\n");
        let err = create_new(&p, b"other\n").unwrap_err();
        assert!(matches!(err, StoreError::Exists { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("align init never overwrites a file")
        );
        assert_eq!(read(&p).unwrap(), b"fresh\n");
        assert_eq!(names(dir.path()), set(&["align.toml"]));
    }

    #[test]
    fn create_new_does_not_clobber_a_racing_creator() {
        // Several creators may all pass the existence pre-check; persist_noclobber lets one win.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("align.toml");
        let barrier = Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let (p, barrier) = (p.clone(), Arc::clone(&barrier));
                thread::spawn(move || {
                    barrier.wait();
                    create_new(&p, format!("creator {t}\n").as_bytes()).is_ok()
                })
            })
            .collect();
        let winners = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|ok| *ok)
            .count();
        assert_eq!(winners, 1);
        assert!(read(&p).unwrap().starts_with(b"creator "));
        assert_eq!(names(dir.path()), set(&["align.toml"]));
    }

    #[test]
    fn io_error_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing.toml");
        let err = save(&p, b"", b"x").unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
        assert!(err.to_string().starts_with(&p.display().to_string()));
        assert!(read(&p).is_err());
    }
}
