//! Edits beyond links: a task's title and status, a new task, a key-result check-in.
//!
//! Each is one [`Splice`] over the block of text that holds one item — a task from its
//! `[[tasks]]` header to the next table, or a goal with its key results — in which only
//! the values that change are touched, so every other byte, comments included, stays.
//! After the splice only that block is read again ([`mod@crate::load`]), which keeps an edit
//! instant at 100,000 tasks, and the splice's inverse is the exact undo. [`Edit`] joins
//! these with link edits so one history can undo and redo every kind of change.
//!
//! The kinds: `task` renames a task or moves its status, `new_task` adds one (with the
//! next id in the workspace's style), `checkin` records a key-result check-in; `block`
//! is how all of them touch a block's text.

mod block;
mod checkin;
mod new_task;
mod task;

use crate::load::{reread_goal, reread_task};
use crate::model::Workspace;
use crate::writeback::{self, EditError, Except, LinkEdit, Splice};

pub use checkin::checkin;
pub use new_task::{add_task, next_task_id, next_task_ids, next_task_ids_in};
pub(crate) use new_task::{after_last_task, blank_line_before};
pub use task::{advance, set_status, set_title};

/// What a block edit rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The block of task `i`.
    Task(usize),
    /// The block of goal `i` (its key results and check-ins included).
    Goal(usize),
    /// A new task, appended after the others of its file.
    AddTask,
    /// The last task, removed (the undo of [`Subject::AddTask`]).
    RemoveTask,
}

/// One item's block replaced, with words for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockEdit {
    pub splice: Splice,
    pub subject: Subject,
    pub label: String,
}

impl BlockEdit {
    pub fn inverse(&self) -> BlockEdit {
        BlockEdit {
            splice: self.splice.inverse(),
            subject: match self.subject {
                Subject::AddTask => Subject::RemoveTask,
                Subject::RemoveTask => Subject::AddTask,
                other => other,
            },
            label: format!("undo {}", self.label),
        }
    }
}

/// Any change the board can make and undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Link(LinkEdit),
    Block(BlockEdit),
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Link(e) => Edit::Link(e.inverse()),
            Edit::Block(e) => Edit::Block(e.inverse()),
        }
    }

    pub fn file(&self) -> usize {
        match self {
            Edit::Link(e) => e.splice.file,
            Edit::Block(e) => e.splice.file,
        }
    }

    /// Apply to the in-memory workspace; on failure nothing changed.
    pub fn apply(&self, ws: &mut Workspace) -> Result<(), EditError> {
        match self {
            Edit::Link(e) => {
                if writeback::apply(ws, e) {
                    Ok(())
                } else {
                    Err(EditError::Stale {
                        path: ws.files[e.splice.file].path.clone(),
                    })
                }
            }
            Edit::Block(e) => apply(ws, e),
        }
    }
}

/// Apply a block edit: splice the text, move what follows, read the block again.
pub fn apply(ws: &mut Workspace, edit: &BlockEdit) -> Result<(), EditError> {
    let s = &edit.splice;
    let file = s.file;
    let path = ws.files[file].path.clone();
    if !s.apply_to(&mut ws.files[file].text) {
        return Err(EditError::Stale { path });
    }
    let from = s.at + s.removed.len();
    let delta = s.inserted.len() as isize - s.removed.len() as isize;
    let block = s.at..s.at + s.inserted.len();
    let text = &ws.files[file].text;
    // A new task's text may start with the blank line that separates it.
    let lead = s.inserted.len() - s.inserted.trim_start_matches(['\r', '\n']).len();
    let shift = |ws: &mut Workspace, except: Except, grows: bool| {
        writeback::shift_positions(ws, file, s.at, from, delta, except, grows);
    };
    let unreadable = |why: String| EditError::Rejected { why };
    let result = match edit.subject {
        Subject::Task(i) => reread_task(&path, file, &text[block], s.at).map(|t| {
            shift(ws, Except::Task(i), true);
            ws.tasks[i] = t;
        }),
        Subject::Goal(i) => reread_goal(&path, file, &text[block], s.at).map(|g| {
            shift(ws, Except::Goal(i), true);
            ws.goals[i] = g;
        }),
        Subject::AddTask => {
            let header = s.at + lead..block.end;
            reread_task(&path, file, &text[header.clone()], header.start).map(|t| {
                shift(ws, Except::Nothing, false);
                extend_block_ends(ws, file, s.at, header.start);
                ws.push_task(t);
            })
        }
        Subject::RemoveTask => {
            ws.pop_task();
            shift(ws, Except::Nothing, false);
            Ok(())
        }
    };
    if let Err(why) = result {
        // Put the text back: the workspace is exactly as before.
        let undo = s.inverse();
        undo.apply_to(&mut ws.files[file].text);
        return Err(unreadable(why));
    }
    Ok(())
}

/// Give blank lines before a new task's header to the block they follow, as a fresh
/// load would.
fn extend_block_ends(ws: &mut Workspace, file: usize, at: usize, to: usize) {
    for g in ws
        .goals
        .iter_mut()
        .filter(|g| g.origin.file == file && g.block.end == at)
    {
        g.block.end = to;
    }
    for t in ws
        .tasks
        .iter_mut()
        .filter(|t| t.origin.file == file && t.layout.block.end == at)
    {
        t.layout.block.end = to;
    }
}

#[cfg(test)]
mod test_support {
    use super::{BlockEdit, apply};
    use crate::load::load_text;
    use crate::model::Workspace;
    use chrono::NaiveDate;

    pub(super) const DEMO: &str = include_str!("../../../../assets/demo.toml");

    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Apply, check the text reloads to the same model, undo, check the bytes.
    pub(super) fn round_trip(ws: &mut Workspace, edit: BlockEdit) -> String {
        let before = ws.files[0].text.clone();
        apply(ws, &edit).unwrap();
        let after = ws.files[0].text.clone();
        let fresh = load_text(&after);
        assert_eq!(fresh.tasks.len(), ws.tasks.len());
        for (a, b) in fresh.tasks.iter().zip(&ws.tasks) {
            assert_eq!(
                (&a.id, &a.title, a.status, &a.goals, a.done),
                (&b.id, &b.title, b.status, &b.goals, b.done)
            );
            assert_eq!(a.origin, b.origin, "task {}", a.id);
            assert_eq!(a.layout, b.layout, "task {}", a.id);
        }
        for (a, b) in fresh.goals.iter().zip(&ws.goals) {
            assert_eq!(a.origin, b.origin);
            assert_eq!(a.block, b.block);
            assert_eq!(a.key_results.len(), b.key_results.len());
            for (x, y) in a.key_results.iter().zip(&b.key_results) {
                assert_eq!(
                    (x.current, &x.checkins, &x.origin),
                    (y.current, &y.checkins, &y.origin)
                );
            }
        }
        apply(ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, before, "undo gives back the bytes");
        after
    }

    pub(super) fn changed_lines(a: &str, b: &str) -> Vec<String> {
        let old: Vec<&str> = a.lines().collect();
        b.lines()
            .filter(|l| !old.contains(l))
            .map(str::to_string)
            .collect()
    }
}
