//! Reading the workspace again from disk. The history survives a reload when it can be
//! proved that every entry still applies: every file the history touched is byte for byte
//! the session's copy, and no task or goal in front of them moved (the entries name items
//! by position). Otherwise it is dropped, and the outcome says so. An outside change inside
//! a file the history touched always drops it: an entry records the bytes it replaces and
//! where, and rebasing a stack of them over someone else's edit is a merge that would go
//! wrong silently.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::path::PathBuf;

use super::Session;
use super::disk::{Disk, Upstreams, listing};
use crate::diag::{Diagnostic, LoadError};
use crate::edit::{Edit, Subject};
use crate::load::load;
use crate::model::{FileIx, Origin, Workspace};
use crate::store::stamp;

/// What a reload did.
#[derive(Debug, Clone, PartialEq)]
pub struct Reloaded {
    /// Some file's bytes, or the set of files, differed from the session's copy.
    pub changed: bool,
    /// Which files: those whose bytes differ or that appeared (as the workspace lists
    /// them now), then those that went.
    pub changed_files: Vec<PathBuf>,
    pub gone_files: Vec<PathBuf>,
    /// The undo/redo history was dropped (it had entries that might no longer apply).
    pub history_cleared: bool,
    /// The workspace's warnings as loaded now.
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// Has anything moved on disk since the session last looked: the question a timer asks
    /// before [`Session::reload`]. A workspace that failed to load is not read again until
    /// something moves.
    pub fn moved_on_disk(&mut self) -> bool {
        let undo = self.undo_of_pending();
        self.disk.moved_since_seen(&self.ws, undo.as_ref())
    }

    /// Read the workspace from disk again, keeping the history when every entry still
    /// applies. On failure the session keeps what it has (and will not look again until
    /// something on disk moves). An edit waiting to be saved is dropped: its workspace is
    /// gone.
    pub fn reload(&mut self) -> Result<Reloaded, LoadError> {
        // Stamped before reading, so a change made while it reads is seen next time.
        let paths = listing(&self.ws).unwrap_or_default();
        let upstreams_before = Upstreams::before_reading(&self.ws);
        let before: Vec<(PathBuf, _)> = paths.iter().map(|p| (p.clone(), stamp(p))).collect();
        let loaded = match load(&self.ws.root) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.disk.restamp(&self.ws);
                return Err(e);
            }
        };
        let undo = self.undo_of_pending();
        let undo = undo.as_ref();
        self.pending = None;
        let new = loaded.workspace;
        let changed = new.files.len() != self.ws.files.len()
            || new
                .files
                .iter()
                .zip(&self.ws.files)
                .enumerate()
                .any(|(i, (n, o))| {
                    n.path != o.path
                        || !self
                            .disk
                            .holds(&self.ws, undo, FileIx(i), n.text.as_bytes())
                })
            || upstream_texts(&new) != upstream_texts(&self.ws);
        let changed_files: Vec<PathBuf> = new
            .files
            .iter()
            .filter(|n| {
                self.ws
                    .files
                    .iter()
                    .position(|o| o.path == n.path)
                    .is_none_or(|i| {
                        !self
                            .disk
                            .holds(&self.ws, undo, FileIx(i), n.text.as_bytes())
                    })
            })
            .map(|n| n.path.clone())
            .collect();
        let gone_files: Vec<PathBuf> = self
            .ws
            .files
            .iter()
            .filter(|o| !new.files.iter().any(|n| n.path == o.path))
            .map(|o| o.path.clone())
            .collect();
        let history = if self.undo.is_empty() && self.redo.is_empty() {
            Some(Vec::new())
        } else {
            self.surviving_files(&new, undo)
        };
        let history_cleared = history.is_none();
        // Stamps taken before reading hold when the same upstream files were read.
        let same_upstreams = upstream_texts(&new)
            .iter()
            .map(|(p, _)| *p)
            .eq(upstream_texts(&self.ws).iter().map(|(p, _)| *p));
        let upstreams = if same_upstreams {
            upstreams_before
        } else {
            Upstreams::of(&new)
        };
        match history {
            Some(map) if !map.is_empty() => {
                for e in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                    e.refile(&map);
                }
            }
            Some(_) => {}
            None => self.clear_history(),
        }
        self.ws = new;
        self.revision += 1;
        self.disk = Disk {
            texts: vec![None; self.ws.files.len()],
            stamps: self
                .ws
                .files
                .iter()
                .map(|f| match before.iter().find(|(p, _)| *p == f.path) {
                    Some((_, s)) => *s,
                    None => stamp(&f.path),
                })
                .collect(),
            seen: Some(paths),
            upstreams,
        };
        self.scores = OnceCell::new();
        Ok(Reloaded {
            changed,
            changed_files,
            gone_files,
            history_cleared,
            warnings: loaded.warnings,
        })
    }

    /// Can the history survive a reload to `new`? Then where each of the session's files
    /// is in `new` (by path), for the entries' file numbers; `None` when an entry might
    /// no longer apply.
    fn surviving_files(&self, new: &Workspace, undo: Option<&Edit>) -> Option<Vec<Option<FileIx>>> {
        let old = &self.ws;
        let map: Vec<Option<FileIx>> = old
            .files
            .iter()
            .map(|f| new.files.iter().position(|n| n.path == f.path).map(FileIx))
            .collect();
        let history = || self.undo.iter().chain(&self.redo);
        let touched: BTreeSet<FileIx> = history().flat_map(Edit::files).collect();
        // A new task is appended at the end of the workspace, and its undo removes the
        // last task: no task may have come after its file.
        let grows: BTreeSet<FileIx> = history()
            .filter_map(|e| match e {
                Edit::Block(b) if matches!(b.subject, Subject::AddTask | Subject::RemoveTask) => {
                    Some(b.splice.file)
                }
                _ => None,
            })
            .collect();
        for &f in &touched {
            let n = (*map.get(f.0)?)?;
            if !self.disk.holds(old, undo, f, new.files[n].text.as_bytes()) {
                return None;
            }
            // Entries name tasks and goals by position in the whole workspace: nothing
            // in the files before this one may have come or gone.
            if items_before(old, f) != items_before(new, n) {
                return None;
            }
            if grows.contains(&f) && (tasks_after(old, f) != 0 || tasks_after(new, n) != 0) {
                return None;
            }
        }
        Some(map)
    }
}

/// The upstream workspaces' files, by path and text.
fn upstream_texts(ws: &Workspace) -> Vec<(&std::path::Path, &str)> {
    ws.upstreams
        .iter()
        .flat_map(|u| u.files.iter().map(|f| (f.path.as_path(), f.text.as_str())))
        .collect()
}

/// The tasks and goals of the files in front of `file` (by path).
fn items_before(ws: &Workspace, file: FileIx) -> (usize, usize) {
    let path = &ws.files[file].path;
    let earlier = |o: &Origin| ws.files[o.file].path < *path;
    (
        ws.tasks.iter().filter(|t| earlier(&t.origin)).count(),
        ws.goals.iter().filter(|g| earlier(&g.origin)).count(),
    )
}

/// The tasks of the files after `file` (by path).
fn tasks_after(ws: &Workspace, file: FileIx) -> usize {
    let path = &ws.files[file].path;
    ws.tasks
        .iter()
        .filter(|t| ws.files[t.origin.file].path > *path)
        .count()
}
