//! The workspace on disk against the session's copy of it. A look is cheap — each file's
//! stamp ([`crate::store::Stamp`]), and for a directory the list of its `*.toml` — and a
//! file is read only when its stamp moved: the same bytes (a `touch`, an editor saving
//! what was there) only note the new stamp.
//!
//! The session keeps no second copy of a file to know what is on disk: that is the
//! model's text, but for an edit waiting to be saved, whose splices taken back say it as
//! pieces of the model's text and the bytes the edit replaced ([`Disk::pieces`]). Only a
//! save of several files that failed half-way leaves files whose bytes on disk are neither;
//! those few are copied.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::edit::Edit;
use crate::load::{is_align_path, workspace_files};
use crate::model::{FileIx, Workspace};
use crate::store::{Stamp, stamp};

/// How the workspace on disk moved away from the session's copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The workspace path is gone (or no longer readable).
    Gone,
    /// A new `*.toml` appeared in the directory.
    Added(PathBuf),
    /// A file of the workspace was removed.
    Removed(PathBuf),
    /// A file's bytes differ from the session's copy.
    Changed(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Gone => write!(f, "the workspace is gone"),
            Drift::Added(p) => write!(f, "a new file, {}, appeared", file_name(p)),
            Drift::Removed(p) => write!(f, "{} was removed", file_name(p)),
            Drift::Changed(p) => write!(f, "{} changed", file_name(p)),
        }
    }
}

/// A path's last component, for messages ("notes.toml").
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What the session knows of the files on disk.
#[derive(Debug)]
pub(super) struct Disk {
    /// By file index, a file's text on disk when it is not the model's text with the
    /// pending edit taken back (only after a save that failed half-way); `None` when it
    /// is, as it is for every file almost always.
    pub(super) texts: Vec<Option<String>>,
    /// Each file's stamp when its text was last read or saved.
    pub(super) stamps: Vec<Option<Stamp>>,
    /// The workspace's files as last seen on disk (also after a load that failed, so a
    /// broken workspace is not read again until something moves).
    pub(super) seen: Option<Vec<PathBuf>>,
    /// The upstream workspaces (the company's goals) as last seen: never written here,
    /// but a `git pull` changes them under the board as much as the team's own files.
    pub(super) upstreams: Upstreams,
}

/// What the session knows of the upstream workspaces' files on disk.
#[derive(Debug, Default)]
pub(super) struct Upstreams {
    /// Each upstream's files as listed (`None`: its path is gone), in
    /// `Workspace::upstreams` order.
    listings: Vec<Option<Vec<PathBuf>>>,
    /// Each upstream file's stamp when it was read, in the order of the upstreams' files.
    stamps: Vec<Option<Stamp>>,
}

impl Upstreams {
    /// The upstreams of `ws` as they are on disk now, stamped before `ws` is read again
    /// (a change made after the stamp is then seen the next time).
    pub(super) fn before_reading(ws: &Workspace) -> Upstreams {
        Upstreams {
            listings: upstream_listings(ws),
            stamps: upstream_files(ws).map(|(p, _)| stamp(p)).collect(),
        }
    }

    /// The upstreams of `ws`, which was read already: each file's stamp is kept only
    /// when the bytes on disk after it are the bytes `ws` holds (stamp, read, compare).
    /// Else a change written between the read and the stamp would carry the stamp of
    /// what was never read, and never be seen.
    pub(super) fn of(ws: &Workspace) -> Upstreams {
        Upstreams {
            listings: upstream_listings(ws),
            stamps: upstream_files(ws)
                .map(|(p, text)| {
                    let s = stamp(p);
                    std::fs::read(p)
                        .is_ok_and(|bytes| bytes == text.as_bytes())
                        .then_some(s)
                        .flatten()
                })
                .collect(),
        }
    }

    /// Has an upstream file changed (its bytes, not only its stamp), come or gone since
    /// `ws` was read?
    fn moved(&mut self, ws: &Workspace) -> bool {
        if upstream_listings(ws) != self.listings {
            return true;
        }
        let files: Vec<(&Path, &str)> = upstream_files(ws).collect();
        if files.len() != self.stamps.len() {
            return true;
        }
        for ((path, text), seen) in files.into_iter().zip(self.stamps.iter_mut()) {
            let now = stamp(path);
            if now.is_some() && now == *seen {
                continue;
            }
            match std::fs::read(path) {
                Ok(bytes) if bytes == text.as_bytes() => *seen = now,
                _ => return true,
            }
        }
        false
    }
}

/// Every upstream file of `ws` with the text it was read with.
fn upstream_files(ws: &Workspace) -> impl Iterator<Item = (&Path, &str)> {
    ws.upstreams
        .iter()
        .flat_map(|u| u.files.iter().map(|f| (f.path.as_path(), f.text.as_str())))
}

/// Each upstream's align files as listed on disk now.
fn upstream_listings(ws: &Workspace) -> Vec<Option<Vec<PathBuf>>> {
    ws.upstreams
        .iter()
        .map(|u| {
            let has: HashSet<&Path> = u.files.iter().map(|f| f.path.as_path()).collect();
            workspace_files(&u.root).ok().map(|files| {
                files
                    .into_iter()
                    .filter(|p| has.contains(p.as_path()) || is_align_path(p))
                    .collect()
            })
        })
        .collect()
}

/// The workspace's files as they are on disk now (`None`: the path is gone): those it
/// has, and any other that is an align file — a `Cargo.toml` beside them is not, until
/// someone writes `[[tasks]]` into it.
pub(super) fn listing(ws: &Workspace) -> Option<Vec<PathBuf>> {
    let has: HashSet<&Path> = ws.files.iter().map(|f| f.path.as_path()).collect();
    let files = workspace_files(&ws.root).ok()?;
    Some(
        files
            .into_iter()
            .filter(|p| has.contains(p.as_path()) || is_align_path(p))
            .collect(),
    )
}

impl Disk {
    pub(super) fn new(ws: &Workspace) -> Disk {
        let mut disk = Disk {
            texts: vec![None; ws.files.len()],
            stamps: Vec::new(),
            seen: None,
            upstreams: Upstreams::default(),
        };
        disk.restamp(ws);
        disk
    }

    /// Note every file's stamp and the listing as they are now.
    pub(super) fn restamp(&mut self, ws: &Workspace) {
        self.stamps = ws.files.iter().map(|f| stamp(&f.path)).collect();
        self.seen = listing(ws);
        self.upstreams = Upstreams::of(ws);
    }

    /// File `file`'s bytes as the session last read or saved them, as pieces one after
    /// the other: the model's text with `undo` (the inverse of the edit waiting to be
    /// saved, if any) applied — its bytes between the pieces of the text. `None` when
    /// `undo` does not fit the text (never, for the inverse of an edit the text holds).
    pub(super) fn pieces<'a>(
        &'a self,
        ws: &'a Workspace,
        undo: Option<&'a Edit>,
        file: FileIx,
    ) -> Option<Vec<&'a [u8]>> {
        if let Some(Some(text)) = self.texts.get(file.0) {
            return Some(vec![text.as_bytes()]);
        }
        let text = ws.files.get(file.0)?.text.as_bytes();
        let mut pieces = Vec::new();
        let mut from = 0;
        for s in undo.map(|e| e.splices_of(file)).unwrap_or_default() {
            pieces.push(text.get(from..s.at)?);
            pieces.push(s.inserted.as_bytes());
            from = s.at + s.removed.len();
            if text.get(s.at..from)? != s.removed.as_bytes() {
                return None;
            }
        }
        pieces.push(text.get(from..)?);
        Some(pieces)
    }

    /// Is `bytes` what the session last read or saved of file `file` (see [`Disk::pieces`])?
    pub(super) fn holds(
        &self,
        ws: &Workspace,
        undo: Option<&Edit>,
        file: FileIx,
        bytes: &[u8],
    ) -> bool {
        let Some(pieces) = self.pieces(ws, undo, file) else {
            return false;
        };
        let mut rest = bytes;
        for p in pieces {
            match rest.split_at_checked(p.len()) {
                Some((head, tail)) if head == p => rest = tail,
                _ => return false,
            }
        }
        rest.is_empty()
    }

    /// Has the workspace on disk moved away from the session's copy — a file added to or
    /// removed from the directory, a file's bytes changed? A file whose stamp moved but
    /// whose bytes are the same is only restamped.
    pub(super) fn drift(&mut self, ws: &Workspace, undo: Option<&Edit>) -> Option<Drift> {
        Disk::listing_drift(ws).or_else(|| self.bytes_drift(ws, undo, &[]))
    }

    /// Does the directory list other files than the session loaded?
    pub(super) fn listing_drift(ws: &Workspace) -> Option<Drift> {
        let loaded: Vec<&PathBuf> = ws.files.iter().map(|f| &f.path).collect();
        let Some(now) = listing(ws) else {
            return Some(Drift::Gone);
        };
        if let Some(added) = now.iter().find(|p| !loaded.contains(p)) {
            return Some(Drift::Added(added.clone()));
        }
        loaded
            .iter()
            .find(|p| !now.contains(p))
            .map(|gone| Drift::Removed((*gone).clone()))
    }

    /// The first file (but those in `skip`) whose bytes differ from the session's copy,
    /// restamping those whose stamp moved with the bytes unchanged.
    pub(super) fn bytes_drift(
        &mut self,
        ws: &Workspace,
        undo: Option<&Edit>,
        skip: &[FileIx],
    ) -> Option<Drift> {
        if self.stamps.len() != ws.files.len() {
            self.stamps = ws.files.iter().map(|f| stamp(&f.path)).collect();
        }
        if self.texts.len() != ws.files.len() {
            self.texts.resize(ws.files.len(), None);
        }
        for (i, f) in ws.files.iter().enumerate() {
            if skip.contains(&FileIx(i)) {
                continue;
            }
            let now = stamp(&f.path);
            if now.is_some() && now == self.stamps[i] {
                continue;
            }
            match std::fs::read(&f.path) {
                Ok(bytes) if self.holds(ws, undo, FileIx(i), &bytes) => self.stamps[i] = now,
                _ => return Some(Drift::Changed(f.path.clone())),
            }
        }
        None
    }

    /// Has anything moved on disk since the session last looked (a listing other than the
    /// one last seen, a file's bytes)? The question a timer asks before reloading.
    pub(super) fn moved_since_seen(&mut self, ws: &Workspace, undo: Option<&Edit>) -> bool {
        listing(ws) != self.seen
            || self.bytes_drift(ws, undo, &[]).is_some()
            || self.upstreams.moved(ws)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A company file changed after the team's workspace read it, before the stamps were
    /// taken: the stamp is not kept for bytes that were never read, and the change is seen.
    #[test]
    fn an_upstream_stamp_is_kept_only_for_the_bytes_that_were_read() {
        let dir = tempfile::tempdir().unwrap();
        let (company, team) = (dir.path().join("company"), dir.path().join("team"));
        fs::create_dir(&company).unwrap();
        fs::create_dir(&team).unwrap();
        let goals = "version = 1\n\n[workspace]\nkey = \"company\"\n\n[[goals]]\nid = \"growth\"\ntitle = \"Grow\"\n";
        fs::write(company.join("goals.toml"), goals).unwrap();
        fs::write(
            team.join("align.toml"),
            "version = 1\n\n[workspace]\nupstream = [\"../company\"]\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"One\"\n",
        )
        .unwrap();
        let ws = crate::load::load(&team).unwrap().workspace;
        assert!(!Upstreams::of(&ws).moved(&ws), "as read: nothing moved");
        // Written after the read, before the stamp.
        fs::write(
            company.join("goals.toml"),
            goals.replace("Grow", "Grow more"),
        )
        .unwrap();
        let mut stamped = Upstreams::of(&ws);
        assert_eq!(stamped.stamps, [None]);
        assert!(stamped.moved(&ws));
    }
}
