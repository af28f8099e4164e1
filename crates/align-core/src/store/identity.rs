//! What a save must keep of the file it replaces, and what it must refuse. A save writes a
//! new file and renames it over the old one, so everything that belongs to the old file
//! rather than to its bytes has to be carried over by hand — its owner and group (a
//! `sudo align link` must not hand the file to root), its mode, its extended attributes —
//! and what cannot be carried over is refused before anything is written: a file this user
//! may not write (replacing it by rename would only need the directory's permission), a
//! file with more than one hard link (the rename would split them: the other name would
//! keep the old plan), and anything that is not a regular file.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

use super::StoreError;

/// Refuse what a save must not replace: not a regular file, not writable by this user, or
/// with other hard links. `path` is the name the workspace uses, `meta` the target's.
pub(super) fn check(path: &Path, target: &Path, meta: &Metadata) -> Result<(), StoreError> {
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    if meta.permissions().readonly() {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if rustix::fs::access(target, rustix::fs::Access::WRITE_OK).is_err() {
            return Err(StoreError::NotWritable {
                path: path.to_path_buf(),
                owner: meta.uid(),
            });
        }
        if meta.nlink() > 1 {
            return Err(StoreError::HardLinked {
                path: path.to_path_buf(),
                links: meta.nlink(),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = target;
    Ok(())
}

/// Give the new file (`temp`, not yet renamed) what the old one (`original`, described by
/// `meta`) had beyond its bytes: owner and group where this user may set them, the mode,
/// and every extended attribute this user can read and set.
pub(super) fn carry_over(original: &Path, meta: &Metadata, temp: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{Gid, Uid, fchown};
        use std::os::unix::fs::MetadataExt;
        let (uid, gid) = (meta.uid(), meta.gid());
        let now = temp.metadata()?;
        if (now.uid(), now.gid()) != (uid, gid) {
            // Root keeps both; an owner keeps the group when they belong to it. A user who
            // may write someone else's file (group-writable) cannot give it back: the new
            // file is theirs, in the old group — as after `git checkout`.
            let both = fchown(temp, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
            if both.is_err() {
                let _ = fchown(temp, None, Some(Gid::from_raw(gid)));
            }
        }
        copy_xattrs(original, temp);
    }
    #[cfg(not(unix))]
    let _ = original;
    // After the owner: changing the owner may clear the set-id bits of the mode.
    temp.set_permissions(meta.permissions())
}

/// Copy the extended attributes of `original` onto `temp`, best effort: an attribute this
/// user may not read or set (`security.*`, `trusted.*`), or a file system without them,
/// is left.
#[cfg(unix)]
fn copy_xattrs(original: &Path, temp: &File) {
    use rustix::fs::{XattrFlags, fsetxattr, getxattr, listxattr};
    let mut names = vec![0u8; 4096];
    let len = match listxattr(original, &mut names[..]) {
        Ok(len) => len,
        Err(rustix::io::Errno::RANGE) => {
            names = vec![0u8; 64 * 1024];
            match listxattr(original, &mut names[..]) {
                Ok(len) => len,
                Err(_) => return,
            }
        }
        Err(_) => return,
    };
    for name in names[..len].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        let mut value = vec![0u8; 64 * 1024];
        if let Ok(n) = getxattr(original, name, &mut value[..]) {
            let _ = fsetxattr(temp, name, &value[..n], XattrFlags::empty());
        }
    }
}
