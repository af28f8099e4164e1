//! Edits: every change align makes to a workspace file, as the smallest splice of its text.
//!
//! A team's file is full of comments, alignment and order that matter to them, so align
//! never re-serialises it. An edit is a [`Splice`] — replace these bytes at this offset
//! with those — whose inverse restores the file byte for byte; that is what makes `link`
//! then `unlink` give back the original file, and undo on the board exact. [`Edit`] joins
//! every kind, so one history undoes and redoes them all and one session saves them.
//!
//! The kinds: `link` adds or removes a task's link (only the bytes of its `goals` array,
//! copying the separator the array already uses; a `goals` line that align added goes
//! again with its last link, unless the file's style is to keep `goals = []`); `task`
//! renames a task or moves its status; `depends` adds or removes a task it waits on; `new_task` adds one (with the next id in the
//! workspace's style); `new_goal` adds a goal or a key result; `checkin` records a key-result check-in. Each block edit replaces
//! the block of text that holds one item — a task from its `[[tasks]]` header to the next
//! table, or a goal with its key results — touching only the values that change, and
//! after the splice only that block is read again ([`mod@crate::load`]), which keeps an
//! edit instant at 100,000 tasks. `block` is how block edits touch a block's text, `text`
//! how array elements, separators, quoting and line ends are written, and `positions`
//! moves every recorded byte offset after an edit.

mod batch;
mod block;
mod checkin;
mod close;
mod compose;
mod depends;
mod fields;
mod goal_block;
mod goal_fields;
mod link;
mod new_goal;
mod new_task;
mod positions;
mod task;
mod text;

use crate::diag::did_you_mean;
use crate::load::{reread_goal, reread_task};
use crate::model::{FileIx, GoalIx, LinkRef, TaskIx, Workspace};
use crate::store::StoreError;

pub use batch::Batch;
pub use checkin::checkin;
pub use close::{Closed, Closing, close_goal, default_grade, next_id};
pub use compose::and_then;
pub use depends::{change_depends, depend, toggle_depends, undepend, waits_on};
pub use fields::{Number, TaskChanges, edit_fields};
pub use goal_fields::{GoalChanges, KeyResultChanges, edit_goal, edit_key_result};
pub use link::{LinkEdit, link, toggle, unlink};
pub use new_goal::{
    NewGoal, NewKeyResult, add_goal, add_key_result, default_goal_file, next_goal_id,
    next_key_result_id,
};
pub use new_task::{
    NewTask, add_task, add_task_with, default_task_file, next_task_id, next_task_ids,
    next_task_ids_in, owners_file,
};
pub(crate) use new_task::{after_last_task, blank_line_before};
pub(crate) use positions::{Except, shift_positions};
pub use task::{advance, set_status, set_title};
pub(crate) use text::{eol_at, line_start, quoted, separator};

/// Room left after a splice that grows a text, so that the next few edits (a link, its
/// undo, a redo) fit without moving it.
const SPLICE_ROOM: usize = 4096;

/// Replace `removed` at byte `at` of one file with `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub file: FileIx,
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
        // Grown by what it needs and a little room, not doubled: a 16 MB file gets a
        // link without a second 16 MB buffer (the allocator usually grows it in place).
        let grows = self.inserted.len().saturating_sub(self.removed.len());
        if text.capacity() - text.len() < grows {
            text.reserve_exact(grows + SPLICE_ROOM);
        }
        text.replace_range(self.at..end, &self.inserted);
        true
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("unknown task {id:?}{}", help(.suggestion.as_ref()))]
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
    /// An edit of a goal that belongs to an upstream workspace (read-only here).
    #[error(
        "goal {goal:?} belongs to the upstream workspace {key:?} ({}), which align never writes; change it in that workspace instead",
        root.display()
    )]
    Upstream {
        goal: String,
        key: String,
        root: std::path::PathBuf,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn help(s: Option<&String>) -> String {
    s.as_ref().map(|s| format!(" ({s})")).unwrap_or_default()
}

/// Find a task by id, with a did-you-mean error.
pub fn find_task(ws: &Workspace, id: &str) -> Result<TaskIx, EditError> {
    ws.task_by_id(id).ok_or_else(|| EditError::UnknownTask {
        id: id.to_string(),
        suggestion: did_you_mean(id, ws.tasks.iter().map(|t| t.id.as_str())),
    })
}

/// Refuse an edit of goal `goal` when it is an upstream workspace's: those are read-only.
pub fn own_goal(ws: &Workspace, goal: GoalIx) -> Result<(), EditError> {
    match ws.upstream_of(goal) {
        Some(u) => Err(EditError::Upstream {
            goal: ws.goals[goal].id.clone(),
            key: u.key.clone(),
            root: u.root.clone(),
        }),
        None => Ok(()),
    }
}

/// Check a link target (`goal` or `goal/kr`), with a did-you-mean error.
pub fn check_target(ws: &Workspace, target: &LinkRef) -> Result<(), EditError> {
    if ws.resolve_link(target).is_some() {
        return Ok(());
    }
    let targets: Vec<String> = ws.link_targets().map(|l| l.to_string()).collect();
    let find = |id: &str| ws.goal_by_id(id).map(|g| &ws.goals[g]);
    match crate::validate::unknown_link(target, find, &ws.goals, || &targets) {
        Some(problem) => Err(EditError::UnknownTarget {
            what: problem.what,
            help: problem.help,
        }),
        None => Ok(()),
    }
}

/// What a block edit rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The block of task `i`.
    Task(TaskIx),
    /// The block of goal `i` (its key results and check-ins included).
    Goal(GoalIx),
    /// A new task, appended after the others of its file.
    AddTask,
    /// The last task, removed (the undo of [`Subject::AddTask`]).
    RemoveTask,
    /// A new goal, written after the last goal of its file. Goals after it (in later
    /// files) move up one place, so the workspace is read again, as a [`Batch`] is.
    AddGoal,
    /// A goal removed (the undo of [`Subject::AddGoal`]), the workspace read again.
    RemoveGoal,
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
                Subject::AddGoal => Subject::RemoveGoal,
                Subject::RemoveGoal => Subject::AddGoal,
                other => other,
            },
            label: format!("undo {}", self.label),
        }
    }
}

/// Any change align makes to a workspace, which one history can undo and redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Link(LinkEdit),
    Block(BlockEdit),
    Batch(Batch),
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Link(e) => Edit::Link(e.inverse()),
            Edit::Block(e) => Edit::Block(e.inverse()),
            Edit::Batch(b) => Edit::Batch(b.inverse()),
        }
    }

    /// The files the edit changes (by index), in order, each once.
    pub fn files(&self) -> Vec<FileIx> {
        match self {
            Edit::Link(e) => vec![e.splice.file],
            Edit::Block(e) => vec![e.splice.file],
            Edit::Batch(b) => b.files(),
        }
    }

    /// The edit's splices of file `file`, in the order of their place in its text. (Those
    /// of a batch are each placed in the text as the batch found it, so only an inverse's
    /// — placed in the text the batch leaves — describe one text together.)
    pub fn splices_of(&self, file: FileIx) -> Vec<&Splice> {
        let mut splices: Vec<&Splice> = match self {
            Edit::Link(e) => vec![&e.splice],
            Edit::Block(e) => vec![&e.splice],
            Edit::Batch(b) => b.edits.iter().map(|e| &e.splice).collect(),
        };
        splices.retain(|s| s.file == file);
        // Stable: insertions at one place keep their order.
        splices.sort_by_key(|s| s.at);
        splices
    }

    /// Point the edit at its files' new places after the workspace was read again
    /// (`map[old]` is the file's new index).
    pub fn refile(&mut self, map: &[Option<FileIx>]) {
        let move_splice = |s: &mut Splice| {
            if let Some(&Some(n)) = map.get(s.file.0) {
                s.file = n;
            }
        };
        match self {
            Edit::Link(e) => move_splice(&mut e.splice),
            Edit::Block(e) => move_splice(&mut e.splice),
            Edit::Batch(b) => b.edits.iter_mut().for_each(|e| move_splice(&mut e.splice)),
        }
    }

    /// Apply to the in-memory workspace; on failure nothing changed.
    pub fn apply(&self, ws: &mut Workspace) -> Result<(), EditError> {
        match self {
            Edit::Link(e) => {
                if link::apply_link(ws, e) {
                    Ok(())
                } else {
                    Err(EditError::Stale {
                        path: ws.files[e.splice.file].path.clone(),
                    })
                }
            }
            Edit::Block(e) => apply(ws, e),
            Edit::Batch(b) => b.apply(ws),
        }
    }
}

/// Apply a block edit: splice the text, move what follows, read the block again.
pub fn apply(ws: &mut Workspace, edit: &BlockEdit) -> Result<(), EditError> {
    if matches!(edit.subject, Subject::AddGoal | Subject::RemoveGoal) {
        // Every goal after it moves: read the workspace again from the new text.
        return Batch {
            edits: vec![edit.clone()],
        }
        .apply(ws);
    }
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
        shift_positions(ws, file, s.at, from, delta, except, grows);
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
        // Read again above.
        Subject::AddGoal | Subject::RemoveGoal => Ok(()),
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
fn extend_block_ends(ws: &mut Workspace, file: FileIx, at: usize, to: usize) {
    for g in ws
        .goals
        .iter_mut()
        .filter(|g| g.origin.file == file && g.upstream.is_none() && g.block.end == at)
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
                (&a.id, &a.title, a.status, &a.goals, a.done, &a.depends),
                (&b.id, &b.title, b.status, &b.goals, b.done, &b.depends)
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
