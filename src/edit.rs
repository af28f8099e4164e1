//! Edits beyond links: a task's title and status, a new task, a key-result check-in.
//!
//! Each is one [`Splice`] over the block of text that holds one item — a task from its
//! `[[tasks]]` header to the next table, or a goal with its key results — in which only
//! the values that change are touched, so every other byte, comments included, stays.
//! After the splice only that block is read again ([`crate::load`]), which keeps an edit
//! instant at 100,000 tasks, and the splice's inverse is the exact undo. [`Edit`] joins
//! these with link edits so one history can undo and redo every kind of change.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use crate::load::{reread_goal, reread_task};
use crate::model::{TaskStatus, Workspace};
use crate::schema::{Value, is_header, value_end};
use crate::writeback::{self, EditError, Except, LinkEdit, Splice, eol, line_start, quoted};

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

/// A table inside a block: where it is and how it is written.
struct TableRef<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Start of its `[header]` or `{`.
    at: usize,
    inline: bool,
}

/// Replace `range` of a block with `text`.
type LocalSplice = (Range<usize>, String);

fn table_ref<'t, 'i>(v: &'t Value<'i>, block: &str) -> Option<TableRef<'t, 'i>> {
    match v.get_ref() {
        DeValue::Table(table) => Some(TableRef {
            table,
            at: v.span().start,
            inline: block.as_bytes().get(v.span().start) == Some(&b'{'),
        }),
        _ => None,
    }
}

/// End of the last key/value written directly in the table.
fn last_value_end(t: &TableRef, block: &str) -> usize {
    t.table
        .iter()
        .filter(|(_, v)| !is_header(v, block))
        .map(|(_, v)| value_end(v, block))
        .max()
        .unwrap_or(t.at)
}

/// Indentation of the table's key lines: that of its first key.
fn indent(t: &TableRef, block: &str) -> String {
    let first = t
        .table
        .iter()
        .map(|(k, _)| k.span().start)
        .min()
        .unwrap_or(t.at);
    let line = &block[line_start(block, first)..first];
    line[..line.len() - line.trim_start().len()].to_string()
}

/// A new `key = literal` after the table's last value (or inside its `{ … }`).
fn insert_key(t: &TableRef, block: &str, key: &str, literal: &str) -> LocalSplice {
    let end = last_value_end(t, block);
    if t.inline {
        return (end..end, format!(", {key} = {literal}"));
    }
    let nl = eol(block);
    let line = format!("{}{key} = {literal}", indent(t, block));
    match block[end..].find('\n') {
        Some(p) => (end + p + 1..end + p + 1, format!("{line}{nl}")),
        None => (block.len()..block.len(), format!("{nl}{line}")),
    }
}

/// Set `key` to `literal`, replacing only the old value's bytes when there is one.
fn set_key(t: &TableRef, block: &str, key: &str, literal: &str) -> LocalSplice {
    match t.table.get(key) {
        Some(v) => (v.span(), literal.to_string()),
        None => insert_key(t, block, key, literal),
    }
}

/// Append `element` to the array `key`, copying the separator the array already uses; in
/// an array written one element a line, on a line of its own.
fn append(t: &TableRef, block: &str, key: &str, element: &str) -> Option<Vec<LocalSplice>> {
    let Some(v) = t.table.get(key) else {
        return Some(vec![insert_key(t, block, key, &format!("[{element}]"))]);
    };
    let DeValue::Array(items) = v.get_ref() else {
        return None;
    };
    let spans: Vec<Range<usize>> = items.iter().map(|e| e.span()).collect();
    let span = v.span();
    if let Some(last) = spans.last()
        && let Some(splices) = append_line(block, span.clone(), last.clone(), element)
    {
        return Some(splices);
    }
    Some(vec![match spans.as_slice() {
        [] => (span.start + 1..span.start + 1, element.to_string()),
        [only] => {
            let sep = if block[span.clone()].contains('\n') {
                let ls = line_start(block, only.start);
                let pad = &block[ls..only.start];
                if pad.trim().is_empty() {
                    format!(",{}{pad}", eol(block))
                } else {
                    ", ".to_string()
                }
            } else {
                ", ".to_string()
            };
            (only.end..only.end, format!("{sep}{element}"))
        }
        [.., a, b] => {
            let sep = &block[a.end..b.start];
            let sep = if sep.contains('#') || !sep.contains(',') {
                ", "
            } else {
                sep
            };
            (b.end..b.end, format!("{sep}{element}"))
        }
    }])
}

/// `element` on a new line after the array's `last` element, when that element has a line
/// of its own (only indentation before it, and the `]` on a later line): the same
/// indentation, and a trailing comma when the last element has one (else a comma goes
/// after the last element). A comment after the last element stays on its line.
fn append_line(
    block: &str,
    array: Range<usize>,
    last: Range<usize>,
    element: &str,
) -> Option<Vec<LocalSplice>> {
    let ls = line_start(block, last.start);
    let indent = &block[ls..last.start];
    if !indent.trim().is_empty() || ls <= array.start {
        return None;
    }
    let line_end = last.end + block[last.end..].find('\n')?;
    // The closing `]` must come after this line.
    if line_end + 1 >= array.end {
        return None;
    }
    let rest = &block[last.end..line_end];
    let comma = rest.trim_start().starts_with(',');
    let nl = eol(block);
    let mut splices = Vec::new();
    if !comma {
        splices.push((last.end..last.end, ",".to_string()));
    }
    let tail = if comma { "," } else { "" };
    let at = line_end + 1;
    splices.push((at..at, format!("{indent}{element}{tail}{nl}")));
    Some(splices)
}

/// Append a table to an array of `[[…]]` tables: after the last one's last value, with the
/// same header and indentation (and a blank line before it when the last one has one).
fn append_table(v: &Value, block: &str, pairs: &[String]) -> Option<LocalSplice> {
    let DeValue::Array(items) = v.get_ref() else {
        return None;
    };
    let last = items.iter().last()?;
    let t = table_ref(last, block)?;
    let header = &block[t.at..t.at + block[t.at..].find("]]")? + 2];
    let ls = line_start(block, t.at);
    let header_indent = &block[ls..t.at];
    let nl = eol(block);
    let blank = if block[..ls].ends_with(&format!("{nl}{nl}")) {
        nl
    } else {
        ""
    };
    let keys = indent(&t, block);
    let mut text = format!("{blank}{header_indent}{header}{nl}");
    for p in pairs {
        text.push_str(&format!("{keys}{p}{nl}"));
    }
    let end = last_value_end(&t, block);
    Some(match block[end..].find('\n') {
        Some(p) => (end + p + 1..end + p + 1, text),
        None => {
            let text = format!("{nl}{}", text.strip_suffix(nl).unwrap_or(&text));
            (block.len()..block.len(), text)
        }
    })
}

/// Apply non-overlapping local splices to a block.
fn rewrite(block: &str, mut splices: Vec<LocalSplice>) -> String {
    splices.sort_by_key(|s| std::cmp::Reverse(s.0.start));
    let mut out = block.to_string();
    for (range, text) in splices {
        out.replace_range(range, &text);
    }
    out
}

/// The first `[[key]]` element of a one-item block, or the block itself when inline.
fn item<'i>(
    block: &'i str,
    key: &str,
) -> Result<(Option<toml::Spanned<DeTable<'i>>>, Option<Value<'i>>), EditError> {
    let rejected = |why: String| EditError::Rejected { why };
    if block.starts_with('{') {
        let v = DeValue::parse(block).map_err(|e| rejected(e.message().to_string()))?;
        Ok((None, Some(v)))
    } else {
        let doc = DeTable::parse(block).map_err(|e| rejected(e.message().to_string()))?;
        if !matches!(
            doc.get_ref().get(key).map(|v| v.get_ref()),
            Some(DeValue::Array(_))
        ) {
            return Err(rejected(format!("no [[{key}]] table here")));
        }
        Ok((Some(doc), None))
    }
}

/// Rewrite task `task`'s block with `change`, which returns local splices.
fn edit_task(
    ws: &Workspace,
    task: usize,
    label: String,
    change: impl FnOnce(&TableRef, &str) -> Vec<LocalSplice>,
) -> Result<BlockEdit, EditError> {
    let t = &ws.tasks[task];
    let file = t.origin.file;
    let range = t.layout.block.clone();
    let block = &ws.files[file].text[range.clone()];
    let (doc, inline) = item(block, "tasks")?;
    let value = match (&doc, &inline) {
        (Some(doc), _) => match doc.get_ref().get("tasks").map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items.iter().next().cloned(),
            _ => None,
        },
        (None, Some(v)) => Some(v.clone()),
        _ => None,
    };
    let value = value.ok_or_else(|| EditError::Rejected {
        why: format!("task {:?} could not be found in its file", t.id),
    })?;
    let table = table_ref(&value, block).ok_or_else(|| EditError::Rejected {
        why: format!("task {:?} is not a table", t.id),
    })?;
    let new = rewrite(block, change(&table, block));
    Ok(BlockEdit {
        splice: Splice {
            file,
            at: range.start,
            removed: block.to_string(),
            inserted: new,
        },
        subject: Subject::Task(task),
        label,
    })
}

/// Rename a task.
pub fn set_title(ws: &Workspace, task: usize, title: &str) -> Result<BlockEdit, EditError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(EditError::Rejected {
            why: "a task needs a title".to_string(),
        });
    }
    let literal = quoted(title);
    let label = format!("renamed {}", ws.tasks[task].id);
    edit_task(ws, task, label, |t, block| {
        vec![set_key(t, block, "title", &literal)]
    })
}

/// Set a task's status; moving to `done` records today in `done`.
pub fn set_status(
    ws: &Workspace,
    task: usize,
    status: TaskStatus,
    today: NaiveDate,
) -> Result<BlockEdit, EditError> {
    let label = format!("{} → {status}", ws.tasks[task].id);
    edit_task(ws, task, label, |t, block| {
        let mut splices = vec![set_key(t, block, "status", &quoted(status.as_str()))];
        if status == TaskStatus::Done {
            splices.push(set_key(t, block, "done", &today.to_string()));
        }
        merge_insertions(splices)
    })
}

/// Two new keys inserted at the same place become one insertion, in order.
fn merge_insertions(splices: Vec<LocalSplice>) -> Vec<LocalSplice> {
    let mut out: Vec<LocalSplice> = Vec::new();
    for (range, text) in splices {
        match out.iter_mut().find(|(r, _)| r.is_empty() && *r == range) {
            Some((_, existing)) => existing.push_str(&text),
            None => out.push((range, text)),
        }
    }
    out
}

/// The next status of `x`: todo → doing → done.
pub fn advance(status: TaskStatus) -> Option<TaskStatus> {
    match status {
        TaskStatus::Todo => Some(TaskStatus::Doing),
        TaskStatus::Doing => Some(TaskStatus::Done),
        TaskStatus::Done | TaskStatus::Dropped => None,
    }
}

/// A fresh task id in the workspace's own style: the most common prefix, the next
/// number, the same zero padding ("T-099" → "T-100").
pub fn next_task_id(ws: &Workspace) -> String {
    next_task_ids(ws, 1).pop().unwrap_or_default()
}

/// `count` fresh task ids in the workspace's own style, in order ("T-132", "T-133", …),
/// none of them taken: for adding several tasks at once (an import).
pub fn next_task_ids(ws: &Workspace, count: usize) -> Vec<String> {
    let mut best: Option<(String, usize, u128, usize)> = None; // prefix, count, max, width
    let mut prefixes: Vec<(String, usize, u128, usize)> = Vec::new();
    for t in &ws.tasks {
        let digits = t.id.len() - t.id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            continue;
        }
        let (prefix, number) = t.id.split_at(t.id.len() - digits);
        let Ok(n) = number.parse::<u128>() else {
            continue;
        };
        match prefixes.iter_mut().find(|p| p.0 == prefix) {
            Some(p) => {
                p.1 += 1;
                p.2 = p.2.max(n);
                p.3 = p.3.max(digits);
            }
            None => prefixes.push((prefix.to_string(), 1, n, digits)),
        }
    }
    for p in prefixes {
        if best.as_ref().is_none_or(|b| p.1 > b.1) {
            best = Some(p);
        }
    }
    let (prefix, mut n, width) = match best {
        Some((prefix, _, max, width)) => (prefix, max + 1, width),
        None => ("T-".to_string(), 1, 1),
    };
    let mut ids = Vec::with_capacity(count);
    while ids.len() < count {
        let id = format!("{prefix}{n:0width$}");
        if ws.task_by_id(&id).is_none() {
            ids.push(id);
        }
        n += 1;
    }
    ids
}

/// A new task (status todo) after the last task of the file that holds the most recent
/// one, written in the `[[tasks]]` style.
pub fn add_task(ws: &Workspace, title: &str) -> Result<BlockEdit, EditError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(EditError::Rejected {
            why: "a task needs a title".to_string(),
        });
    }
    let file = ws.tasks.last().map_or(0, |t| t.origin.file);
    let text = &ws.files[file].text;
    let has_tasks = ws.tasks.iter().any(|t| t.origin.file == file);
    if ws
        .tasks
        .iter()
        .any(|t| t.origin.file == file && t.layout.inline)
        // No tasks yet, but an inline `tasks = []`: a `[[tasks]]` table would clash with it.
        || (!has_tasks && inline_tasks_key(text))
    {
        return Err(EditError::Rejected {
            why:
                "this file writes its tasks inline (tasks = [ { … } ]); add the task in your editor"
                    .to_string(),
        });
    }
    let at = ws
        .tasks
        .iter()
        .filter(|t| t.origin.file == file)
        .map(|t| t.layout.block.end)
        .max()
        .unwrap_or(text.len());
    let nl = eol(text);
    let before = &text[..at];
    // A table after it (`[workspace]` in a directory's file): the new task sits between
    // the two as the last task sat before that table — after a blank line and before one
    // when the file separates its tables so, without when it does not.
    let table_follows = !text[at..].trim().is_empty() && before.ends_with('\n');
    let blank_style = before.ends_with(&format!("{nl}{nl}"));
    let trail = if table_follows && blank_style { nl } else { "" };
    let lead = if at == 0 || table_follows {
        String::new()
    } else if !before.ends_with('\n') {
        format!("{nl}{nl}")
    } else if !before.ends_with(&format!("{nl}{nl}")) {
        nl.to_string()
    } else {
        String::new()
    };
    let id = next_task_id(ws);
    let inserted = format!(
        "{lead}[[tasks]]{nl}id = {}{nl}title = {}{nl}status = \"todo\"{nl}{trail}",
        quoted(&id),
        quoted(title)
    );
    Ok(BlockEdit {
        splice: Splice {
            file,
            at,
            removed: String::new(),
            inserted,
        },
        subject: Subject::AddTask,
        label: format!("added {id}"),
    })
}

/// A TOML float literal: always with a `.` or an exponent (`3.0`, `0.1`, `1e20`), never an
/// integer literal, which could not hold 1e20.
/// Does the file write a `tasks` key that is not `[[tasks]]` tables (e.g. `tasks = []`)?
fn inline_tasks_key(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|doc| {
        doc.get_ref()
            .get("tasks")
            .is_some_and(|v| !is_header(v, text))
    })
}

fn float(v: f64) -> String {
    format!("{v:?}")
}

/// Record a check-in on a key result: appended to its `checkins` with today's date, and
/// `current` set to the value.
pub fn checkin(
    ws: &Workspace,
    goal: usize,
    key_result: usize,
    value: f64,
    confidence: Option<f64>,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<BlockEdit, EditError> {
    let rejected = |why: &str| EditError::Rejected {
        why: why.to_string(),
    };
    if !value.is_finite() {
        return Err(rejected("the value must be a number"));
    }
    if confidence.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
        return Err(rejected("confidence must be between 0 and 1"));
    }
    let g = &ws.goals[goal];
    let kr = &g.key_results[key_result];
    let file = g.origin.file;
    let range = g.block.clone();
    let block = &ws.files[file].text[range.clone()];
    let (doc, inline) = item(block, "goals")?;
    let goal_value = match (&doc, &inline) {
        (Some(doc), _) => match doc.get_ref().get("goals").map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items.iter().next().cloned(),
            _ => None,
        },
        (None, Some(v)) => Some(v.clone()),
        _ => None,
    }
    .ok_or_else(|| rejected("the goal could not be found in its file"))?;
    let DeValue::Table(goal_table) = goal_value.get_ref() else {
        return Err(rejected("the goal is not a table"));
    };
    let kr_value = match goal_table.get("key_results").map(|v| v.get_ref()) {
        Some(DeValue::Array(items)) => items.get(key_result).cloned(),
        _ => None,
    }
    .ok_or_else(|| rejected("the key result could not be found in its goal"))?;
    let table =
        table_ref(&kr_value, block).ok_or_else(|| rejected("the key result is not a table"))?;
    let mut pairs = vec![
        format!("date = {today}"),
        format!("value = {}", float(value)),
    ];
    if let Some(c) = confidence {
        pairs.push(format!("confidence = {}", float(c)));
    }
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        pairs.push(format!("note = {}", quoted(n)));
    }
    let added = match table.table.get("checkins") {
        // Check-ins written as `[[goals.key_results.checkins]]` tables: one more of those.
        Some(v) if is_header(v, block) => append_table(v, block, &pairs).map(|s| vec![s]),
        _ => append(
            &table,
            block,
            "checkins",
            &format!("{{ {} }}", pairs.join(", ")),
        ),
    }
    .ok_or_else(|| rejected("\"checkins\" of the key result is not an array"))?;
    let current = set_key(&table, block, "current", &float(value));
    let mut splices = vec![current];
    splices.extend(added);
    let new = rewrite(block, merge_insertions(splices));
    Ok(BlockEdit {
        splice: Splice {
            file,
            at: range.start,
            removed: block.to_string(),
            inserted: new,
        },
        subject: Subject::Goal(goal),
        label: format!("checked in {}/{} at {}", g.id, kr.id, float(value)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Apply, check the text reloads to the same model, undo, check the bytes.
    fn round_trip(ws: &mut Workspace, edit: BlockEdit) -> String {
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

    fn changed_lines(a: &str, b: &str) -> Vec<String> {
        let old: Vec<&str> = a.lines().collect();
        b.lines()
            .filter(|l| !old.contains(l))
            .map(str::to_string)
            .collect()
    }

    const DEMO: &str = include_str!("../assets/demo.toml");

    #[test]
    fn renaming_changes_only_the_title_value() {
        let mut ws = load_text(DEMO);
        let i = ws.task_by_id("T-123").unwrap();
        let edit = set_title(&ws, i, "Reply to churn survey \"why\" comments").unwrap();
        let after = round_trip(&mut ws, edit);
        assert_eq!(changed_lines(DEMO, &after).len(), 1);
        let fresh = load_text(&after);
        assert_eq!(
            fresh.tasks[i].title,
            "Reply to churn survey \"why\" comments"
        );
    }

    #[test]
    fn finishing_a_task_sets_status_and_done_date() {
        let mut ws = load_text(DEMO);
        let i = ws.task_by_id("T-101").unwrap();
        let after = {
            let e = set_status(&ws, i, TaskStatus::Done, today()).unwrap();
            round_trip(&mut ws, e)
        };
        let fresh = load_text(&after);
        assert_eq!(fresh.tasks[i].status, TaskStatus::Done);
        assert_eq!(fresh.tasks[i].done, Some(today()));
        let diff = DEMO
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            after.lines().count(),
            DEMO.lines().count() + 1,
            "one line added"
        );
        assert!(diff >= 1);
        assert_eq!(advance(TaskStatus::Todo), Some(TaskStatus::Doing));
        assert_eq!(advance(TaskStatus::Done), None);
    }

    #[test]
    fn a_new_task_gets_the_next_id_and_goes_after_the_last() {
        let mut ws = load_text(DEMO);
        assert_eq!(next_task_id(&ws), "T-132");
        let edit = add_task(&ws, "Write the Q1 plan").unwrap();
        let before = ws.tasks.len();
        apply(&mut ws, &edit).unwrap();
        assert_eq!(ws.tasks.len(), before + 1);
        assert_eq!(ws.tasks.last().unwrap().id, "T-132");
        assert_eq!(ws.task_by_id("T-132"), Some(before));
        // And it can be edited right away, then everything undone exactly.
        let renamed = set_title(&ws, before, "Write the Q1 plan draft").unwrap();
        apply(&mut ws, &renamed).unwrap();
        let fresh = load_text(&ws.files[0].text);
        assert_eq!(fresh.tasks.last().unwrap().title, "Write the Q1 plan draft");
        apply(&mut ws, &renamed.inverse()).unwrap();
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        assert_eq!(ws.task_by_id("T-132"), None);
    }

    #[test]
    fn ids_keep_their_padding() {
        let ws = load_text(
            "version = 1\n[[tasks]]\nid = \"A-009\"\ntitle = \"x\"\n[[tasks]]\nid = \"A-010\"\ntitle = \"y\"\n",
        );
        assert_eq!(next_task_id(&ws), "A-011");
        let empty = load_text("version = 1\n");
        assert_eq!(next_task_id(&empty), "T-1");
    }

    #[test]
    fn adding_to_a_file_without_a_final_newline_or_tasks() {
        for text in [
            "version = 1",
            "version = 1\n",
            "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"",
        ] {
            let mut ws = load_text(text);
            let after = {
                let e = add_task(&ws, "new").unwrap();
                round_trip(&mut ws, e)
            };
            assert!(
                load_text(&after).tasks.iter().any(|t| t.title == "new"),
                "{after}"
            );
        }
    }

    #[test]
    fn a_checkin_appends_and_moves_current() {
        let mut ws = load_text(DEMO);
        let g = ws.goal_by_id("retention").unwrap();
        let k = ws.goals[g]
            .key_results
            .iter()
            .position(|k| k.id == "churn")
            .unwrap();
        let n = ws.goals[g].key_results[k].checkins.len();
        let edit = checkin(
            &ws,
            g,
            k,
            3.4,
            Some(0.6),
            Some("win-back emails live"),
            today(),
        )
        .unwrap();
        apply(&mut ws, &edit).unwrap();
        let kr = &ws.goals[g].key_results[k];
        assert_eq!(kr.checkins.len(), n + 1);
        assert_eq!(kr.current, 3.4);
        assert_eq!(
            kr.latest_checkin().unwrap().note.as_deref(),
            Some("win-back emails live")
        );
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        let after = round_trip(&mut ws, edit);
        assert!(after.contains(
            "{ date = 2026-11-25, value = 3.4, confidence = 0.6, note = \"win-back emails live\" }"
        ));
    }

    #[test]
    fn a_first_checkin_creates_the_array() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"t\"\n";
        let mut ws = load_text(text);
        let after = {
            let e = checkin(&ws, 0, 0, 4.0, None, None, today()).unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.contains("  current = 4.0\n  checkins = [{ date = 2026-11-25, value = 4.0 }]\n"),
            "{after}"
        );
    }

    #[test]
    fn inline_tasks_can_be_renamed_but_not_added_to() {
        let text = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\" },\n]\n";
        let mut ws = load_text(text);
        let after = {
            let e = set_title(&ws, 0, "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(after.contains("{ id = \"T-1\", title = \"b\" }"));
        assert!(matches!(
            add_task(&ws, "c"),
            Err(EditError::Rejected { .. })
        ));
        assert!(matches!(
            set_title(&ws, 0, "  "),
            Err(EditError::Rejected { .. })
        ));
    }

    #[test]
    fn a_new_task_before_a_following_table_keeps_the_blank_lines() {
        // As in a directory's file that ends with its `[workspace]`.
        let blank =
            "version = 1\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n\n[workspace]\nname = \"W\"\n";
        let mut ws = load_text(blank);
        let after = {
            let e = add_task(&ws, "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.ends_with(
                "title = \"a\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\nstatus = \"todo\"\n\n[workspace]\nname = \"W\"\n"
            ),
            "{after}"
        );
        // A file that writes its tables without blank lines gets none.
        let tight =
            "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n[workspace]\nname = \"W\"\n";
        let mut ws = load_text(tight);
        let after = {
            let e = add_task(&ws, "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.contains("title = \"a\"\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\nstatus = \"todo\"\n[workspace]\n"),
            "{after}"
        );
    }

    #[test]
    fn a_checkin_into_a_multi_line_array_is_one_new_line() {
        let kr = |checkins: &str| {
            format!(
                "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n  current = 3\n  checkins = [\n{checkins}  ]\n"
            )
        };
        let cases = [
            // A comment after the last check-in stays on its line.
            (
                "    { date = 2026-11-01, value = 2 },\n    { date = 2026-11-10, value = 3 },  # pilot\n",
                "    { date = 2026-11-01, value = 2 },\n    { date = 2026-11-10, value = 3 },  # pilot\n    { date = 2026-11-25, value = 4.0 },\n",
            ),
            // One check-in, no trailing comma: a comma after it, none after the new one.
            (
                "    { date = 2026-11-10, value = 3 }\n",
                "    { date = 2026-11-10, value = 3 },\n    { date = 2026-11-25, value = 4.0 }\n",
            ),
        ];
        for (before, after_lines) in cases {
            let text = kr(before);
            let mut ws = load_text(&text);
            let after = {
                let e = checkin(&ws, 0, 0, 4.0, None, None, today()).unwrap();
                round_trip(&mut ws, e)
            };
            assert_eq!(
                after,
                kr(after_lines).replace("current = 3", "current = 4.0")
            );
            assert_eq!(after.lines().count(), text.lines().count() + 1);
        }
    }

    #[test]
    fn several_fresh_ids_follow_the_style() {
        let ws = load_text(
            "version = 1\n[[tasks]]\nid = \"A-009\"\ntitle = \"x\"\n[[tasks]]\nid = \"A-011\"\ntitle = \"y\"\n",
        );
        assert_eq!(
            crate::edit::next_task_ids(&ws, 3),
            ["A-012", "A-013", "A-014"]
        );
        assert_eq!(
            crate::edit::next_task_ids(&load_text("version = 1\n"), 2),
            ["T-1", "T-2"]
        );
    }
}
