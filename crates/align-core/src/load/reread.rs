//! After an edit, only the edited goal or task is read again, from its own block of
//! text, so the model follows the file without reloading the whole workspace — and the
//! edit is refused when the block no longer reads back cleanly.

use std::path::Path;

use super::doc::{Doc, Item, Scratch, SyntaxError};
use super::goal::read_goal;
use super::pieces::{shift_goal, shift_task};
use super::task::read_task;
use crate::diag::{Severity, Sink};
use crate::model::{FileIx, Goal, Task};

/// The first problem with the block as TOML, as the refusal says it.
fn first_problem(errors: Vec<SyntaxError>) -> String {
    errors
        .into_iter()
        .next()
        .map(|e| e.message)
        .unwrap_or_default()
}

/// The first element of the top-level array `key` of a one-item block, or the block
/// itself when it is an inline `{ … }` table.
fn reread<T>(
    path: &Path,
    file: usize,
    block: &str,
    key: &str,
    read: impl FnOnce(&mut Sink, usize, Item<'_>) -> Option<T>,
) -> Result<T, String> {
    let mut sink = Sink::new(path, block);
    let mut scratch = Scratch::default();
    let item = if block.starts_with('{') {
        let doc = Doc::parse_value(block, &mut scratch).map_err(first_problem)?;
        read(&mut sink, file, doc.root())
    } else {
        let doc = Doc::parse(block, &mut scratch).map_err(first_problem)?;
        let v = doc
            .root()
            .as_table()
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_array())
            .and_then(|items| items.iter().next())
            .ok_or_else(|| format!("the edited text no longer holds a [[{key}]] table"))?;
        read(&mut sink, file, v)
    };
    if let Some(e) = sink.out.iter().find(|d| d.severity == Severity::Error) {
        return Err(e.message.clone());
    }
    item.ok_or_else(|| format!("the edited {key} entry could not be read back"))
}

/// Read one task again from its block of text after an edit; `base` is where the block
/// starts in its file.
pub(crate) fn reread_task(
    path: &Path,
    file: FileIx,
    block: &str,
    base: usize,
) -> Result<Task, String> {
    let (mut task, _) = reread(path, file.0, block, "tasks", |sink, file, v| {
        read_task(sink, file, 0, v, block)
    })?;
    shift_task(&mut task, base);
    task.layout.block = base..base + block.len();
    Ok(task)
}

/// Read one goal again (with its key results) from its block of text after an edit.
pub(crate) fn reread_goal(
    path: &Path,
    file: FileIx,
    block: &str,
    base: usize,
) -> Result<Goal, String> {
    let (mut goal, _) = reread(path, file.0, block, "goals", |sink, file, v| {
        read_goal(sink, file, 0, v)
    })?;
    shift_goal(&mut goal, base);
    goal.block = base..base + block.len();
    Ok(goal)
}
