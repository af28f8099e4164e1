//! The workspace lock: every writer of a workspace holds it while it checks the files on
//! disk and replaces them, so two `align` processes (the board and a `link`, two imports)
//! never interleave a check and a write.
//!
//! The lock is an exclusive advisory lock (`flock`, through `File::lock`) on the directory
//! that holds the workspace — the directory itself for a directory workspace, the file's
//! directory for a one-file workspace. The directory already exists and is never replaced
//! (a file is: every save renames a new one over it, so a lock on the file would be lost
//! with its old inode), and no lock file is left in the user's repository for git to
//! report. A file system that cannot lock a directory gives no serialization, and the
//! byte comparison under it still refuses to overwrite a changed file.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::{StoreError, io_err, parent_dir};

/// How long a writer waits for another to release the workspace lock.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);
/// Pause between attempts to take the lock.
const LOCK_RETRY: Duration = Duration::from_millis(10);

/// The workspace lock, held until dropped. `None` inside when the file system cannot lock a
/// directory.
#[derive(Debug)]
pub struct WorkspaceLock {
    _dir: Option<File>,
}

/// The directory whose lock guards the workspace at `root` (a file or a directory).
fn lock_dir(root: &Path) -> Result<PathBuf, StoreError> {
    let real = fs::canonicalize(root).map_err(io_err(root))?;
    if real.is_dir() {
        Ok(real)
    } else {
        Ok(parent_dir(&real).to_path_buf())
    }
}

/// Take the lock of the workspace at `root`, waiting up to [`LOCK_TIMEOUT`] for another
/// writer to release it.
pub fn lock_workspace(root: &Path) -> Result<WorkspaceLock, StoreError> {
    let dir = lock_dir(root)?;
    let file = File::open(&dir).map_err(io_err(&dir))?;
    let deadline = Instant::now() + LOCK_TIMEOUT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WorkspaceLock { _dir: Some(file) }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => thread::sleep(LOCK_RETRY),
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: root.to_path_buf(),
                    dir,
                });
            }
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Interrupted => {}
            // The only other failures of `flock` on an open directory say this file system
            // cannot lock (EINVAL, ENOLCK: a network file system without a lock daemon):
            // write without it, the byte check still guards.
            Err(TryLockError::Error(_)) => return Ok(WorkspaceLock { _dir: None }),
        }
    }
}
