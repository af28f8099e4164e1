//! Linking and unlinking a task: the bytes of its `goals` array that change, and when a
//! `goals` line comes or goes — written where the README's example puts it, and removed with its
//! last link unless the file's style is to keep `goals = []`.

use std::ops::Range;

use toml::de::DeValue;

use super::positions::{Except, shift, shift_block, shift_origin, shift_positions};
use super::text::{eol_at, line_start, quoted};
use super::{EditError, Splice, check_target};

pub(super) mod array;
use crate::model::{LinkRef, TaskIx, Workspace};

/// A change to one task's links, with everything needed to apply and revert it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkEdit {
    pub task: TaskIx,
    pub splice: Splice,
    pub goals_before: Vec<LinkRef>,
    pub goals_after: Vec<LinkRef>,
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

/// The edit that links a task to a target, or `None` when it is already linked.
pub fn link(ws: &Workspace, task: TaskIx, target: &LinkRef) -> Result<Option<LinkEdit>, EditError> {
    check_target(ws, target)?;
    let t = &ws.tasks[task];
    if t.goals.iter().any(|g| g == target) {
        return Ok(None);
    }
    let text = &ws.files[t.origin.file].text;
    let q = quoted(&target.to_string());
    let (range, inserted, span_after) = match &t.layout.goals_value {
        Some(span) => {
            let (range, new) = array::append(text, span, &q)
                .ok_or_else(|| EditError::Unreadable { task: t.id.clone() })?;
            let grown = span.start..span.end + new.len() - range.len();
            (range, new, Some(grown))
        }
        None if t.layout.inline => {
            let at = t.layout.last_value_end;
            let ins = format!(", goals = [{q}]");
            let value = at + ins.len() - q.len() - 2..at + ins.len();
            (at..at, ins, Some(value))
        }
        None => {
            let indent = {
                let ls = line_start(text, t.origin.span.start);
                let line = &text[ls..t.origin.span.start];
                line[..line.len() - line.trim_start().len()].to_string()
            };
            let line = format!("goals = [{q}]");
            let nl = eol_at(text, t.origin.span.start);
            // Where the README's example puts it (after `status`, else `title`, else `id`), so an
            // unlink then link of a task written in that order gives back its bytes.
            let end = goals_anchor_end(text, t).unwrap_or(t.layout.last_value_end);
            // At a line start when `apply` removed the goals line that used to end the task.
            let next_line = if end > 0 && text.as_bytes()[end - 1] == b'\n' {
                Some(end)
            } else {
                text[end..].find('\n').map(|p| end + p + 1)
            };
            if let Some(at) = next_line {
                let start = at + indent.len() + "goals = ".len();
                let value = start..start + q.len() + 2;
                (at..at, format!("{indent}{line}{nl}"), Some(value))
            } else {
                let at = text.len();
                let start = at + nl.len() + indent.len() + "goals = ".len();
                let value = start..start + q.len() + 2;
                (at..at, format!("{nl}{indent}{line}"), Some(value))
            }
        }
    };
    let mut goals_after = t.goals.clone();
    goals_after.push(target.clone());
    Ok(Some(LinkEdit {
        task,
        splice: Splice {
            file: t.origin.file,
            at: range.start,
            removed: text[range].to_string(),
            inserted,
        },
        goals_before: t.goals.clone(),
        goals_after,
        span_before: t.layout.goals_value.clone(),
        span_after,
    }))
}

/// The end of the value a new `goals` line follows in a `[[tasks]]` table: `status`,
/// else `title`, else `id` — the README's example order. `None` for an inline task or a block that
/// cannot be read.
fn goals_anchor_end(text: &str, t: &crate::model::Task) -> Option<usize> {
    if t.layout.inline {
        return None;
    }
    let block = t.layout.block.clone();
    let src = text.get(block.clone())?;
    let doc = toml::de::DeTable::parse(src).ok()?;
    let DeValue::Array(tasks) = doc.get_ref().get("tasks")?.get_ref() else {
        return None;
    };
    let DeValue::Table(table) = tasks.iter().next()?.get_ref() else {
        return None;
    };
    let anchor = ["status", "title", "id"]
        .iter()
        .find_map(|k| table.get(*k))?;
    Some(block.start + crate::schema::value_end(anchor, src))
}

/// Is the task's `goals` key where `link` would have written it (see [`goals_anchor_end`];
/// last, in an inline table)? A `goals = []` anywhere else was written by a person.
fn goals_where_link_writes(text: &str, t: &crate::model::Task) -> bool {
    let Some(value) = &t.layout.goals_value else {
        return false;
    };
    if t.layout.inline {
        return value.end == t.layout.last_value_end;
    }
    let Some(end) = goals_anchor_end(text, t) else {
        return false;
    };
    let slot = text[end..].find('\n').map_or(text.len(), |p| end + p + 1);
    line_start(text, value.start) == slot
}

/// When a task's last link goes, does its `goals = []` stay (rather than the line)?
///
/// The file's style decides, from the evidence there is, in this order:
///
/// 1. A `goals` key where `link` never writes one (before `status`, say, or among the
///    keys after it) was written by a person: it stays, as `goals = []`.
/// 2. The other unlinked tasks of the same file: `goals = []` stays when more of them
///    write `goals = []` than leave the key out, and goes otherwise.
/// 3. When no other task of that file is unlinked: the same count over the workspace's
///    other files.
/// 4. No evidence at all: the line goes. A task without `goals` is what align itself
///    writes (`a` on the board, imports), and `link` adds the line exactly where step 1
///    looks, so `link` then `unlink` gives back such a task byte for byte. (A file whose
///    only task wrote `goals = []` there is byte-identical to that after the link, so
///    it cannot be told apart: it loses the empty line, keeping its meaning.)
fn keeps_empty_goals(ws: &Workspace, task: TaskIx) -> bool {
    let t = &ws.tasks[task];
    let file = t.origin.file;
    if !goals_where_link_writes(&ws.files[file].text, t) {
        return true;
    }
    // (tasks writing `goals = []`, tasks without the key), unlinked tasks only.
    let count = |same_file: bool| {
        ws.tasks
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != task.0 && (o.origin.file == file) == same_file)
            .filter(|(_, o)| o.goals.is_empty())
            .fold((0usize, 0usize), |(empty, absent), (_, o)| {
                match o.layout.goals_value {
                    Some(_) => (empty + 1, absent),
                    None => (empty, absent + 1),
                }
            })
    };
    let (empty, absent) = match count(true) {
        (0, 0) => count(false),
        here => here,
    };
    empty > absent
}

/// The edit that unlinks a task from a target, or `None` when it is not linked.
pub fn unlink(
    ws: &Workspace,
    task: TaskIx,
    target: &LinkRef,
) -> Result<Option<LinkEdit>, EditError> {
    let t = &ws.tasks[task];
    let Some(span) = t.layout.goals_value.clone() else {
        return Ok(None);
    };
    if !t.goals.iter().any(|g| g == target) {
        return Ok(None);
    }
    let text = &ws.files[t.origin.file].text;
    let unreadable = || EditError::Unreadable { task: t.id.clone() };
    let array = &text[span.clone()];
    // Exactly what `link` writes on a line of its own (or at the end of an inline task):
    // the key may go again with its last link. Anything else is the team's text, and only
    // the element goes.
    let as_linked = array == format!("[{}]", quoted(&target.to_string()));
    let (range, inserted, span_after) = if as_linked {
        let e = span.start + 1..span.end - 1;
        let ls = line_start(text, span.start);
        let before = &text[ls..span.start];
        let line_end = text[span.end..].find('\n').map(|p| span.end + p);
        let rest = &text[span.end..line_end.unwrap_or(text.len())];
        let alone = before
            .trim_start()
            .strip_prefix("goals")
            .is_some_and(|r| r.trim() == "=")
            && rest.trim().is_empty()
            && !t.layout.inline;
        let inline_tail = {
            let head = text[..span.start].trim_end();
            head.strip_suffix('=')
                .map(str::trim_end)
                .and_then(|h| h.strip_suffix("goals"))
                .map(str::trim_end)
                .filter(|h| h.ends_with(','))
                .map(|h| h.len() - 1)
        };
        let drop_key = !keeps_empty_goals(ws, task);
        if alone && drop_key {
            let range = match line_end {
                Some(le) => ls..le + 1,
                None if text[..ls].ends_with("\r\n") => ls - 2..text.len(),
                None if ls > 0 => ls - 1..text.len(),
                None => ls..text.len(),
            };
            (range, String::new(), None)
        } else if let (true, Some(comma), true) = (t.layout.inline, inline_tail, drop_key) {
            (comma..span.end, String::new(), None)
        } else {
            // Keep the key, empty the array.
            (
                e.clone(),
                String::new(),
                Some(span.start..span.end - e.len()),
            )
        }
    } else {
        let new = array::remove_all(array, |s| target == s).ok_or_else(unreadable)?;
        let (p, q) = common_ends(array, &new);
        let range = span.start + p..span.end - q;
        let inserted = new[p..new.len() - q].to_string();
        (range, inserted, Some(span.start..span.start + new.len()))
    };
    let goals_after: Vec<LinkRef> = t.goals.iter().filter(|g| *g != target).cloned().collect();
    Ok(Some(LinkEdit {
        task,
        splice: Splice {
            file: t.origin.file,
            at: range.start,
            removed: text[range].to_string(),
            inserted,
        },
        goals_before: t.goals.clone(),
        goals_after,
        span_before: Some(span),
        span_after,
    }))
}

/// How many bytes `a` and `b` share at their start and (beyond that) at their end, each
/// at a character boundary of both.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let mut p = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(p) || !b.is_char_boundary(p) {
        p -= 1;
    }
    let room = a.len().min(b.len()) - p;
    let mut q = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - q) || !b.is_char_boundary(b.len() - q) {
        q -= 1;
    }
    (p, q)
}

/// Toggle: unlink when linked, link otherwise.
pub fn toggle(
    ws: &Workspace,
    task: TaskIx,
    target: &LinkRef,
) -> Result<Option<LinkEdit>, EditError> {
    if ws.tasks[task].goals.iter().any(|g| g == target) {
        unlink(ws, task, target)
    } else {
        link(ws, task, target)
    }
}

/// Apply an edit to the in-memory workspace: the file's text, the task's links, and
/// every recorded byte position after the edit. Returns `false` (and changes nothing)
/// when the text no longer holds the bytes the edit expects.
pub(super) fn apply_link(ws: &mut Workspace, edit: &LinkEdit) -> bool {
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
    ws.relinked(edit.task);
    true
}

#[cfg(test)]
mod tests;
