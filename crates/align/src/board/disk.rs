//! The workspace on disk against the board's copy of it. A tick looks cheaply — each
//! file's modified time and length, and for a directory the list of its `*.toml` — and
//! reads a file only when its stamp moved: the same bytes (a `touch`, an editor saving
//! what was there) only note the new stamp. Before every save the board makes sure the
//! workspace on disk is still the one it loaded, so a `git pull` that brought a file
//! with `T-132` in it can never get a second `T-132` from `a`.
//!
//! A reload keeps the undo history when it can prove every entry still applies: every
//! file the history touched is byte for byte the board's copy, and no task or goal in
//! front of them moved (the entries name items by position). Otherwise the history is
//! dropped, and the message says so. An outside change inside a file the history
//! touched always drops it: an entry records the bytes it replaces and where, and
//! rebasing a stack of them over someone else's edit is a merge the board would get
//! wrong silently.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use align_core::edit::{Edit, Subject};
use align_core::model::Workspace;

use super::app::{App, Tone, warning_key};
use super::views::GoalRow;

/// What a file looked like on disk, cheaply: its modified time and length.
pub(super) type Stamp = (SystemTime, u64);

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The workspace's files as they are on disk now (`None`: the path is gone).
fn listing(root: &Path) -> Option<Vec<PathBuf>> {
    align_core::load::workspace_files(root).ok()
}

/// What a reload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reloaded {
    /// Some file's bytes, or the set of files, differed from the board's copy.
    pub changed: bool,
    /// The undo/redo history was dropped (it had entries that might no longer apply).
    pub history_cleared: bool,
}

impl Reloaded {
    /// ", undo history cleared" when it was, for the end of a message.
    pub fn cleared_note(self) -> &'static str {
        if self.history_cleared {
            "; undo history cleared"
        } else {
            ""
        }
    }
}

impl App {
    /// Note every file's stamp and the directory's listing as they are now (after a
    /// save, or a load that failed: it is not tried again until something moves).
    pub(super) fn restamp(&mut self) {
        self.stamps = self.ws.files.iter().map(|f| stamp(&f.path)).collect();
        self.listing = listing(&self.root);
    }

    /// Has the workspace on disk moved away from the board's copy — a file added to or
    /// removed from the directory, a file's bytes changed? Says which, for a message.
    /// A file whose stamp moved but whose bytes are the same is only restamped.
    pub(super) fn moved_on_disk(&mut self) -> Option<String> {
        let now = listing(&self.root);
        let loaded: Vec<PathBuf> = self.ws.files.iter().map(|f| f.path.clone()).collect();
        if now.as_ref() != Some(&loaded) {
            return Some(describe_listing(&loaded, now.as_deref()));
        }
        self.bytes_moved()
    }

    /// The first file whose bytes differ from the board's copy, restamping those whose
    /// stamp moved with the bytes unchanged.
    fn bytes_moved(&mut self) -> Option<String> {
        if self.stamps.len() != self.ws.files.len() {
            self.restamp();
        }
        for (i, f) in self.ws.files.iter().enumerate() {
            let now = stamp(&f.path);
            if now == self.stamps[i] {
                continue;
            }
            match std::fs::read(&f.path) {
                Ok(bytes) if bytes == self.on_disk[i].as_bytes() => self.stamps[i] = now,
                _ => return Some(format!("{} changed", file_name(&f.path))),
            }
        }
        None
    }

    /// A tick of the clock: reload when the workspace changed on disk — unless a form or
    /// the filter is being typed; then the first tick after it closes does. Says whether
    /// it reloaded: a quiet tick (or one that only restamped) changes nothing on screen.
    pub(super) fn tick(&mut self) -> bool {
        if self.form.is_some() || self.editing_filter {
            return false;
        }
        // Against what was last seen, so a directory that fails to load is not tried
        // again every tick; its files' bytes against the board's copy.
        let now = listing(&self.root);
        if now == self.listing && self.bytes_moved().is_none() {
            return false;
        }
        self.reload();
        true
    }

    /// Read the workspace from disk again, keeping the selection and, when every entry
    /// still applies, the undo history. On failure the board keeps what it shows and
    /// becomes read-only until the workspace loads again.
    pub(super) fn reload(&mut self) -> Option<Reloaded> {
        // Stamped before reading, so a change made while it reads is seen next tick.
        let paths = listing(&self.root).unwrap_or_default();
        let before: Vec<(PathBuf, Option<Stamp>)> =
            paths.iter().map(|p| (p.clone(), stamp(p))).collect();
        let loaded = match align_core::load(&self.root) {
            Ok(loaded) => loaded,
            Err(e) => {
                let reason = match &e {
                    align_core::LoadError::Invalid { errors, .. } => errors
                        .first()
                        .map_or_else(|| e.to_string(), |d| d.to_string()),
                    other => other.to_string(),
                };
                self.say(
                    format!("read-only: the file on disk does not load: {reason}"),
                    Tone::Problem,
                );
                self.read_only = Some(reason);
                self.restamp();
                return None;
            }
        };
        let new = loaded.workspace;
        let changed = new.files.len() != self.ws.files.len()
            || new
                .files
                .iter()
                .zip(&self.ws.files)
                .zip(&self.on_disk)
                .any(|((n, o), text)| n.path != o.path || n.text != *text);
        let history = if self.undo.is_empty() && self.redo.is_empty() {
            Some(Vec::new())
        } else {
            self.surviving_files(&new)
        };
        let history_cleared = history.is_none();
        match history {
            Some(map) if !map.is_empty() => {
                for e in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                    refile(e, &map);
                }
            }
            Some(_) => {}
            None => {
                self.undo.clear();
                self.redo.clear();
            }
        }

        let task_id = self.selected_task().map(|t| self.ws.tasks[t].id.clone());
        let row = self.selected_goal_row().map(|r| r.target(&self.ws));
        let lens = self.lens();
        self.ws = new;
        self.on_disk = self.ws.files.iter().map(|f| f.text.clone()).collect();
        self.stamps = self
            .ws
            .files
            .iter()
            .map(|f| match before.iter().find(|(p, _)| *p == f.path) {
                Some((_, s)) => *s,
                None => stamp(&f.path),
            })
            .collect();
        self.listing = Some(paths);
        self.rescore_all(lens);
        self.read_only = None;
        if let Some(target) = row
            && let Some(i) = self
                .goal_rows
                .iter()
                .position(|r: &GoalRow| r.target(&self.ws) == target)
        {
            self.goals.selected = i;
        }
        let keep = task_id.and_then(|id| self.ws.task_by_id(&id));
        // A task that was selected and is gone: the row that took its place.
        self.refresh_order(keep);
        let outcome = Reloaded {
            changed,
            history_cleared,
        };
        let mut text = if !changed {
            "reloaded from disk: nothing had changed".to_string()
        } else {
            format!(
                "reloaded from disk (changed outside align){}",
                outcome.cleared_note()
            )
        };
        // Warnings the board has not shown yet (someone added an unknown key).
        let fresh: Vec<&align_core::Diagnostic> = loaded
            .warnings
            .iter()
            .filter(|d| !self.warned.contains(&warning_key(d)))
            .collect();
        if let Some(first) = fresh.first() {
            match fresh.len() {
                1 => text.push_str(&format!(" · 1 new warning: {first}")),
                n => text.push_str(&format!(" · {n} new warnings, the first: {first}")),
            }
        }
        self.warned = loaded.warnings.iter().map(warning_key).collect();
        self.say(text, Tone::Info);
        Some(outcome)
    }

    /// Can the history survive a reload to `new`? Then where each of the board's files
    /// is in `new` (by path), for the entries' file numbers; `None` when an entry might
    /// no longer apply.
    fn surviving_files(&self, new: &Workspace) -> Option<Vec<Option<usize>>> {
        let old = &self.ws;
        let map: Vec<Option<usize>> = old
            .files
            .iter()
            .map(|f| new.files.iter().position(|n| n.path == f.path))
            .collect();
        let history = || self.undo.iter().chain(&self.redo);
        let touched: BTreeSet<usize> = history().map(Edit::file).collect();
        // A new task is appended at the end of the workspace, and its undo removes the
        // last task: no task may have come after its file.
        let grows: BTreeSet<usize> = history()
            .filter_map(|e| match e {
                Edit::Block(b) if matches!(b.subject, Subject::AddTask | Subject::RemoveTask) => {
                    Some(b.splice.file)
                }
                _ => None,
            })
            .collect();
        for &f in &touched {
            let n = (*map.get(f)?)?;
            if new.files[n].text != *self.on_disk.get(f)? {
                return None;
            }
            // Entries name tasks and goals by position in the whole workspace: nothing
            // in the files before this one may have come or gone.
            let before = |ws: &Workspace, file: usize| {
                let path = &ws.files[file].path;
                let earlier = |o: &align_core::model::Origin| ws.files[o.file].path < *path;
                (
                    ws.tasks.iter().filter(|t| earlier(&t.origin)).count(),
                    ws.goals.iter().filter(|g| earlier(&g.origin)).count(),
                )
            };
            if before(old, f) != before(new, n) {
                return None;
            }
            if grows.contains(&f) {
                let after = |ws: &Workspace, file: usize| {
                    let path = &ws.files[file].path;
                    ws.tasks
                        .iter()
                        .filter(|t| ws.files[t.origin.file].path > *path)
                        .count()
                };
                if after(old, f) != 0 || after(new, n) != 0 {
                    return None;
                }
            }
        }
        Some(map)
    }
}

/// Point an entry at its file's place in the reloaded workspace.
fn refile(edit: &mut Edit, map: &[Option<usize>]) {
    let splice = match edit {
        Edit::Link(e) => &mut e.splice,
        Edit::Block(b) => &mut b.splice,
    };
    if let Some(&Some(n)) = map.get(splice.file) {
        splice.file = n;
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// How the directory's listing differs from the files the board loaded.
fn describe_listing(loaded: &[PathBuf], now: Option<&[PathBuf]>) -> String {
    let Some(now) = now else {
        return "the workspace is gone".to_string();
    };
    if let Some(added) = now.iter().find(|p| !loaded.contains(p)) {
        return format!("a new file, {}, appeared", file_name(added));
    }
    match loaded.iter().find(|p| !now.contains(p)) {
        Some(gone) => format!("{} was removed", file_name(gone)),
        None => "the workspace's files changed".to_string(),
    }
}
