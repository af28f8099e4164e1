//! Write-back: change only the bytes of one task's `goals` array.
//!
//! A team's file is full of comments, alignment and order that matter to them, so align
//! never re-serialises it. An edit is a [`Splice`] — replace these bytes at this offset
//! with those — whose inverse restores the file byte for byte; that is what makes `link`
//! then `unlink` give back the original file, and undo on the board exact. New elements
//! copy the separator the array already uses; a `goals` line that align added is removed
//! again when its last link goes, unless the file's style is to keep `goals = []`.
//!
//! Here are the edits themselves and how one is applied in memory; `link` writes and
//! removes links, `text` is the array text they splice (elements, separators, quoting,
//! line endings), and `positions` moves every recorded byte offset after an edit.

mod link;
mod positions;
mod text;

use std::ops::Range;

use crate::diag::did_you_mean;
use crate::model::Workspace;
use crate::store::{self, StoreError};

pub use link::{link, toggle, unlink};
pub(crate) use positions::{Except, shift_positions};
use positions::{shift, shift_block, shift_origin};
pub(crate) use text::{eol, line_start, quoted, separator};

/// Replace `removed` at byte `at` of one file with `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub file: usize,
    pub at: usize,
    pub removed: String,
    pub inserted: String,
}

impl Splice {
    pub fn inverse(&self) -> Splice {
        Splice {
            file: self.file,
            at: self.at,
            removed: self.inserted.clone(),
            inserted: self.removed.clone(),
        }
    }

    /// Apply to a text, refusing when the bytes to remove are not there.
    pub fn apply_to(&self, text: &mut String) -> bool {
        let end = self.at + self.removed.len();
        if text.get(self.at..end) != Some(self.removed.as_str()) {
            return false;
        }
        text.replace_range(self.at..end, &self.inserted);
        true
    }
}

/// A change to one task's links, with everything needed to apply and revert it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkEdit {
    pub task: usize,
    pub splice: Splice,
    pub goals_before: Vec<String>,
    pub goals_after: Vec<String>,
    span_before: Option<Range<usize>>,
    span_after: Option<Range<usize>>,
}

impl LinkEdit {
    pub fn inverse(&self) -> LinkEdit {
        LinkEdit {
            task: self.task,
            splice: self.splice.inverse(),
            goals_before: self.goals_after.clone(),
            goals_after: self.goals_before.clone(),
            span_before: self.span_after.clone(),
            span_after: self.span_before.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("unknown task {id:?}{}", help(.suggestion))]
    UnknownTask {
        id: String,
        suggestion: Option<String>,
    },
    /// A link target that names no goal or key result: what is wrong, and the fix.
    #[error("{what} ({help})")]
    UnknownTarget { what: String, help: String },
    #[error("the goals array of task {task:?} could not be read back; nothing was written")]
    Unreadable { task: String },
    #[error("{}: the file changed under this edit; nothing was written", path.display())]
    Stale { path: std::path::PathBuf },
    #[error("{why}; nothing was written")]
    Rejected { why: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn help(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!(" ({s})")).unwrap_or_default()
}

/// Find a task by id, with a did-you-mean error.
pub fn find_task(ws: &Workspace, id: &str) -> Result<usize, EditError> {
    ws.task_by_id(id).ok_or_else(|| EditError::UnknownTask {
        id: id.to_string(),
        suggestion: did_you_mean(id, ws.tasks.iter().map(|t| t.id.as_str())),
    })
}

/// Check a link target (`goal` or `goal/kr`), with a did-you-mean error.
pub fn check_target(ws: &Workspace, target: &str) -> Result<(), EditError> {
    if ws.resolve_link(target).is_some() {
        return Ok(());
    }
    let targets: Vec<String> = ws.link_targets().collect();
    let find = |id: &str| ws.goal_by_id(id).map(|g| &ws.goals[g]);
    match crate::validate::unknown_link(target, find, &ws.goals, &targets) {
        Some(problem) => Err(EditError::UnknownTarget {
            what: problem.what,
            help: problem.help,
        }),
        None => Ok(()),
    }
}

/// Apply an edit to the in-memory workspace: the file's text, the task's links, and
/// every recorded byte position after the edit. Returns `false` (and changes nothing)
/// when the text no longer holds the bytes the edit expects.
pub fn apply(ws: &mut Workspace, edit: &LinkEdit) -> bool {
    let s = &edit.splice;
    if !s.apply_to(&mut ws.files[s.file].text) {
        return false;
    }
    let from = s.at + s.removed.len();
    let delta = s.inserted.len() as isize - s.removed.len() as isize;
    shift_positions(ws, s.file, s.at, from, delta, Except::Task(edit.task), true);
    let t = &mut ws.tasks[edit.task];
    if t.layout.last_value_end > s.at {
        if t.layout.last_value_end < from {
            // The removed goals line ended the task: its place is the new end.
            t.layout.last_value_end = s.at;
        } else {
            shift(&mut t.layout.last_value_end, from, delta);
        }
    }
    shift_block(&mut t.layout.block, s.at, from, delta, true);
    shift_origin(&mut t.origin, s.file, from, delta);
    t.layout.goals_value = edit.span_after.clone();
    t.goals = edit.goals_after.clone();
    if edit.span_before.is_some() != edit.span_after.is_some() {
        // The `goals` key came or went, so the task's last value may have changed: read the
        // task's block again for it, as a fresh load would.
        let (file, block) = (t.origin.file, t.layout.block.clone());
        let f = &ws.files[file];
        if let Some(Ok(fresh)) = f
            .text
            .get(block.clone())
            .map(|text| crate::load::reread_task(&f.path, file, text, block.start))
        {
            ws.tasks[edit.task].layout.last_value_end = fresh.layout.last_value_end;
        }
    }
    true
}

/// Save one file of the workspace, which was `on_disk` when read. Fails without writing
/// when the file changed on disk since, is read-only, or another writer holds the lock.
pub fn save(ws: &Workspace, file: usize, on_disk: &str) -> Result<(), EditError> {
    let f = &ws.files[file];
    store::save(&f.path, on_disk.as_bytes(), f.text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests;
