//! Write-back: change only the bytes of one task's `goals` array.
//!
//! A team's file is full of comments, alignment and order that matter to them, so align
//! never re-serialises it. An edit is a [`Splice`] — replace these bytes at this offset
//! with those — whose inverse restores the file byte for byte; that is what makes `link`
//! then `unlink` give back the original file, and undo on the board exact. New elements
//! copy the separator the array already uses; a `goals` line that align added is removed
//! again when its last link goes, unless the file's style is to keep `goals = []`.

use std::ops::Range;

use toml::de::DeValue;

use crate::diag::did_you_mean;
use crate::model::{Origin, Workspace};
use crate::store::{self, StoreError};

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
    #[error("unknown goal {target:?}{}", help(.suggestion))]
    UnknownGoal {
        target: String,
        suggestion: Option<String>,
    },
    #[error("the goals array of task {task:?} could not be read back; nothing was written")]
    Unreadable { task: String },
    #[error("{}: the file changed under this edit; nothing was written", path.display())]
    Stale { path: std::path::PathBuf },
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
    Err(EditError::UnknownGoal {
        target: target.to_string(),
        suggestion: did_you_mean(target, targets.iter().map(String::as_str)),
    })
}

/// Element spans (absolute) of the array value at `span`.
fn elements(text: &str, span: &Range<usize>) -> Option<Vec<(String, Range<usize>)>> {
    let src = text.get(span.clone())?;
    let v = DeValue::parse(src).ok()?;
    let DeValue::Array(a) = v.get_ref() else {
        return None;
    };
    a.iter()
        .map(|e| match e.get_ref() {
            DeValue::String(s) => {
                let r = e.span();
                Some((s.to_string(), span.start + r.start..span.start + r.end))
            }
            _ => None,
        })
        .collect()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn quoted(target: &str) -> String {
    toml::Value::String(target.to_string()).to_string()
}

/// The edit that links a task to a target, or `None` when it is already linked.
pub fn link(ws: &Workspace, task: usize, target: &str) -> Result<Option<LinkEdit>, EditError> {
    check_target(ws, target)?;
    let t = &ws.tasks[task];
    if t.goals.iter().any(|g| g == target) {
        return Ok(None);
    }
    let text = &ws.files[t.origin.file].text;
    let q = quoted(target);
    let (at, inserted, span_after) = match &t.layout.goals_value {
        Some(span) => {
            let elems =
                elements(text, span).ok_or_else(|| EditError::Unreadable { task: t.id.clone() })?;
            let (at, ins) = match elems.len() {
                0 => (span.start + 1, q),
                1 => {
                    let e = &elems[0].1;
                    let sep = if text[span.clone()].contains('\n') {
                        format!(",\n{}", &text[line_start(text, e.start)..e.start])
                    } else {
                        ", ".to_string()
                    };
                    (e.end, format!("{sep}{q}"))
                }
                n => {
                    let (a, b) = (&elems[n - 2].1, &elems[n - 1].1);
                    let sep = &text[a.end..b.start];
                    let sep = if sep.contains('#') || !sep.contains(',') {
                        ", "
                    } else {
                        sep
                    };
                    (b.end, format!("{sep}{q}"))
                }
            };
            let grown = span.start..span.end + ins.len();
            (at, ins, Some(grown))
        }
        None if t.layout.inline => {
            let at = t.layout.last_value_end;
            let ins = format!(", goals = [{q}]");
            let value = at + ins.len() - q.len() - 2..at + ins.len();
            (at, ins, Some(value))
        }
        None => {
            let indent = {
                let ls = line_start(text, t.origin.span.start);
                let line = &text[ls..t.origin.span.start];
                line[..line.len() - line.trim_start().len()].to_string()
            };
            let line = format!("goals = [{q}]");
            match text[t.layout.last_value_end..].find('\n') {
                Some(nl) => {
                    let at = t.layout.last_value_end + nl + 1;
                    let start = at + indent.len() + "goals = ".len();
                    let value = start..start + q.len() + 2;
                    (at, format!("{indent}{line}\n"), Some(value))
                }
                None => {
                    let at = text.len();
                    let start = at + 1 + indent.len() + "goals = ".len();
                    let value = start..start + q.len() + 2;
                    (at, format!("\n{indent}{line}"), Some(value))
                }
            }
        }
    };
    let mut goals_after = t.goals.clone();
    goals_after.push(target.to_string());
    Ok(Some(LinkEdit {
        task,
        splice: Splice {
            file: t.origin.file,
            at,
            removed: String::new(),
            inserted,
        },
        goals_before: t.goals.clone(),
        goals_after,
        span_before: t.layout.goals_value.clone(),
        span_after,
    }))
}

/// Does this file write unlinked tasks as `goals = []` rather than leaving the key out?
fn keeps_empty_arrays(ws: &Workspace, file: usize, except: usize) -> bool {
    let mut empty = false;
    for (i, t) in ws.tasks.iter().enumerate() {
        if i == except || t.origin.file != file {
            continue;
        }
        match &t.layout.goals_value {
            None => return false,
            Some(_) if t.goals.is_empty() => empty = true,
            Some(_) => {}
        }
    }
    empty
}

/// The edit that unlinks a task from a target, or `None` when it is not linked.
pub fn unlink(ws: &Workspace, task: usize, target: &str) -> Result<Option<LinkEdit>, EditError> {
    let t = &ws.tasks[task];
    let Some(span) = t.layout.goals_value.clone() else {
        return Ok(None);
    };
    if !t.goals.iter().any(|g| g == target) {
        return Ok(None);
    }
    let text = &ws.files[t.origin.file].text;
    let unreadable = || EditError::Unreadable { task: t.id.clone() };
    let elems = elements(text, &span).ok_or_else(unreadable)?;
    let i = elems
        .iter()
        .position(|(s, _)| s == target)
        .ok_or_else(unreadable)?;
    let n = elems.len();
    let (range, span_after) = if n == 1 {
        let e = &elems[0].1;
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
        if alone && !keeps_empty_arrays(ws, t.origin.file, task) {
            match line_end {
                Some(le) => (ls..le + 1, None),
                None if ls > 0 => (ls - 1..text.len(), None),
                None => (ls..text.len(), None),
            }
        } else if let (true, Some(comma)) = (t.layout.inline, inline_tail) {
            (comma..span.end, None)
        } else {
            // Keep the key, empty the array: drop the element and a trailing comma.
            let after = &text[e.end..span.end - 1];
            let trailing = after.len() - after.trim_start().len();
            let end = if after.trim_start().starts_with(',') {
                e.end + trailing + 1
            } else {
                e.end
            };
            let removed = end - e.start;
            (e.start..end, Some(span.start..span.end - removed))
        }
    } else {
        let r = if i + 1 < n {
            elems[i].1.start..elems[i + 1].1.start
        } else {
            elems[i - 1].1.end..elems[i].1.end
        };
        let len = r.len();
        (r, Some(span.start..span.end - len))
    };
    let mut goals_after = t.goals.clone();
    if let Some(p) = goals_after.iter().position(|g| g == target) {
        goals_after.remove(p);
    }
    Ok(Some(LinkEdit {
        task,
        splice: Splice {
            file: t.origin.file,
            at: range.start,
            removed: text[range].to_string(),
            inserted: String::new(),
        },
        goals_before: t.goals.clone(),
        goals_after,
        span_before: Some(span),
        span_after,
    }))
}

/// Toggle: unlink when linked, link otherwise.
pub fn toggle(ws: &Workspace, task: usize, target: &str) -> Result<Option<LinkEdit>, EditError> {
    if ws.tasks[task].goals.iter().any(|g| g == target) {
        unlink(ws, task, target)
    } else {
        link(ws, task, target)
    }
}

fn shift(offset: &mut usize, from: usize, delta: isize) {
    if *offset >= from {
        *offset = offset.saturating_add_signed(delta);
    }
}

fn shift_origin(o: &mut Origin, file: usize, from: usize, delta: isize) {
    if o.file == file && o.span.start >= from {
        shift(&mut o.span.start, from, delta);
        shift(&mut o.span.end, from, delta);
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
    for g in &mut ws.goals {
        shift_origin(&mut g.origin, s.file, from, delta);
        for k in &mut g.key_results {
            shift_origin(&mut k.origin, s.file, from, delta);
        }
    }
    for (i, t) in ws.tasks.iter_mut().enumerate() {
        if t.origin.file != s.file {
            continue;
        }
        if i == edit.task {
            if t.layout.last_value_end > s.at {
                shift(&mut t.layout.last_value_end, from, delta);
            }
            t.layout.goals_value = edit.span_after.clone();
            t.goals = edit.goals_after.clone();
        } else {
            shift(&mut t.layout.last_value_end, from, delta);
            if let Some(r) = &mut t.layout.goals_value {
                shift(&mut r.start, from, delta);
                shift(&mut r.end, from, delta);
            }
        }
        shift_origin(&mut t.origin, s.file, from, delta);
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
