//! A cheap look at a file that says whether it may have changed since it was read: its
//! length, modified time, and on Unix its inode and status-change time, so a file replaced
//! by another of the same size and modified time (`touch -r` then `mv`) is still noticed.
//! A stamp that moved only means "look closer": the caller compares the bytes.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// What a file looked like on disk, cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Device and inode: a new file renamed into place has another.
    #[cfg(unix)]
    identity: (u64, u64),
    /// The status-change time, which no user-level tool can set back.
    #[cfg(unix)]
    changed: (i64, i64),
}

/// The file's stamp now (`None`: it cannot be looked at, e.g. it is gone).
pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        #[cfg(unix)]
        identity: (m.dev(), m.ino()),
        #[cfg(unix)]
        changed: (m.ctime(), m.ctime_nsec()),
    })
}
