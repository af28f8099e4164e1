//! Import: tasks from Taskwarrior (`task export`) and GitHub issues (`gh issue list
//! --json …`) into the workspace — as often as you like.
//!
//! Why it exists: a team should not have to keep align and its ticket tool in step by
//! hand. Each imported task remembers where it came from in its `source` key
//! (`taskwarrior:<uuid>`, or the issue's URL), so importing again updates those tasks —
//! only the fields the tool owns — instead of adding duplicates, and a second import of
//! the same JSON changes nothing at all.
//!
//! Writes follow the rules of the rest of align. A workspace with any error is never
//! written. Only the blocks of imported tasks change: each is edited with `toml_edit`, so
//! its comments and layout stay, and every byte outside it stays too (the block is
//! spliced back into the file); new tasks are appended as `[[tasks]]` tables after the
//! last task of their file. The result is loaded again in memory — and checked to hold
//! exactly what was imported — before anything is saved, then saved through
//! [`crate::store::save`] (atomic, locked, refusing a file that changed meanwhile) and
//! loaded once more from disk.
//!
//! Mapping (also in the README):
//!
//! | align | Taskwarrior | GitHub |
//! |---|---|---|
//! | `title` | `description` | `title` |
//! | `status` | pending/waiting → todo (a task already `doing` stays so), pending with `start` → doing, completed → done, deleted → dropped; recurring templates skipped | OPEN → todo (a task already `doing` stays so), CLOSED/MERGED → done (`stateReason` NOT_PLANNED → dropped) |
//! | `done` | the `end` date | `closedAt` if given, else the date of the import |
//! | `goals` | a `project` naming a goal (`retention`), a key result (`retention.churn` → `retention/churn`) or a sub-project of a goal (`retention.emails` → `retention`) | a `milestone` whose title is a goal id, a `goal/kr`, or a goal's title (any case) |
//! | `tags` | `tags` | label names |
//! | `due` | `due` | — |
//! | `owner` | — | the first assignee's login (no assignee: left as it is) |
//! | `impact` | `priority` H → 4, M → 3, L → 2 | — |
//!
//! Fields marked — are the team's: an import never sets or clears them. Links are only
//! ever added: a link may have been made by hand on the board, and align cannot tell one
//! from the other, so a task whose project or milestone changes gains the new link and
//! keeps the old (`align unlink` removes it).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;
use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

use crate::diag::LoadError;
use crate::load::{load, load_sources};
use crate::model::{Task, TaskStatus, Workspace};
use crate::store::{self, StoreError};
use crate::writeback::{self, eol};

/// The tool an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Taskwarrior,
    Github,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Taskwarrior => "taskwarrior",
            Tool::Github => "github",
        }
    }
}

/// A task as the other tool describes it, in align's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Where it came from: `taskwarrior:<uuid>` or the issue's URL. The import's key.
    pub source: String,
    pub title: String,
    pub status: TaskStatus,
    /// The tool says only "open", not whether work has started (GitHub; Taskwarrior
    /// without a `start`): an open item leaves a task the team marked `doing` as it is.
    pub open_only: bool,
    /// The finish date the tool knows, for a done task.
    pub done: Option<NaiveDate>,
    pub tags: Vec<String>,
    /// `Some` when the tool owns the due date (`Some(None)`: it has none).
    pub due: Option<Option<NaiveDate>>,
    /// `Some` when the tool names an owner; `None` leaves the task's as it is (an import
    /// never clears an owner: no assignee is not "nobody").
    pub owner: Option<String>,
    /// `Some` when the tool says how much the task matters.
    pub impact: Option<u8>,
    /// The link its project or milestone names, when it names a goal.
    pub link: Option<String>,
}

/// What an input holds: the tasks to import, and what was left out (reason → count).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub tasks: Vec<Incoming>,
    pub skipped: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
}

impl Parsed {
    fn skip(&mut self, why: &str) {
        *self.skipped.entry(why.to_string()).or_default() += 1;
    }
}

/// Why an import did not happen. Nothing was written in any case but `Reload`.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not what the tool exports.
    #[error("{label}: {message}")]
    Input { label: String, message: String },
    /// The import cannot be written into this workspace.
    #[error("{why}; nothing was written")]
    Rejected { why: String },
    /// The workspace with the import would not load.
    #[error("the workspace would not load after this import; nothing was written")]
    Invalid(LoadError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Saved, but the saved workspace did not load again (someone changed it meanwhile?).
    #[error("saved, but the workspace no longer loads: {0}")]
    Reload(LoadError),
}

fn rejected(why: impl Into<String>) -> ImportError {
    ImportError::Rejected { why: why.into() }
}

// --- Reading the tools' JSON ----------------------------------------------------------

/// How instants become dates: the local time zone (as the tools show them), or a fixed
/// offset (tests).
#[derive(Debug, Clone, Copy)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    fn date(self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Zone::Local => at.with_timezone(&chrono::Local).date_naive(),
            Zone::Fixed(o) => at.with_timezone(&o).date_naive(),
        }
    }

    /// Taskwarrior's `20261130T000000Z`, RFC 3339 (`2026-11-30T00:00:00Z`) or a plain
    /// date.
    fn parse(self, s: &str) -> Option<NaiveDate> {
        let s = s.trim();
        if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ") {
            return Some(self.date(t.and_utc()));
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(self.date(t.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }
}

fn date_field(
    zone: Zone,
    value: Option<&str>,
    what: &str,
    item: &str,
    warnings: &mut Vec<String>,
) -> Option<NaiveDate> {
    let v = value?;
    let d = zone.parse(v);
    if d.is_none() {
        warnings.push(format!("{item}: {what} {v:?} is not a date; ignored"));
    }
    d
}

/// A title on one line, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = Vec::with_capacity(v.len());
    v.retain(|x| {
        let new = !x.is_empty() && !seen.contains(x);
        if new {
            seen.push(x.clone());
        }
        new
    });
    v
}

/// Parse a JSON array of `T`, or (older exports) objects one after another.
fn json_items<T: for<'de> Deserialize<'de>>(
    label: &str,
    input: &[u8],
) -> Result<Vec<T>, ImportError> {
    let bad = |e: serde_json::Error| ImportError::Input {
        label: label.to_string(),
        message: format!("not valid JSON for this import: {e}"),
    };
    let text = std::str::from_utf8(input).map_err(|e| ImportError::Input {
        label: label.to_string(),
        message: format!("not UTF-8: {e}"),
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(ImportError::Input {
            label: label.to_string(),
            message: "empty input; expected a JSON array".to_string(),
        });
    }
    if trimmed.starts_with('{') {
        return serde_json::Deserializer::from_str(trimmed)
            .into_iter::<T>()
            .collect::<Result<Vec<T>, _>>()
            .map_err(bad);
    }
    serde_json::from_str(trimmed).map_err(bad)
}

#[derive(Debug, Deserialize)]
struct TwTask {
    uuid: String,
    #[serde(default)]
    description: Option<String>,
    status: String,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    priority: Option<String>,
}

/// Find a goal by id: exactly, else the only one equal ignoring case.
fn goal_named(ws: &Workspace, name: &str) -> Option<usize> {
    ws.goal_by_id(name).or_else(|| {
        let mut hits = ws
            .goals
            .iter()
            .enumerate()
            .filter(|(_, g)| g.id.eq_ignore_ascii_case(name));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    })
}

fn key_result_named(ws: &Workspace, goal: usize, name: &str) -> Option<String> {
    let g = &ws.goals[goal];
    g.key_results
        .iter()
        .find(|k| k.id == name)
        .or_else(|| {
            g.key_results
                .iter()
                .find(|k| k.id.eq_ignore_ascii_case(name))
        })
        .map(|k| format!("{}/{}", g.id, k.id))
}

/// The link a Taskwarrior project names: the longest dotted prefix that is a goal, or a
/// key result of it when the next part names one (`retention.churn` →
/// `retention/churn`, `retention.emails.q4` → `retention`).
pub fn project_link(ws: &Workspace, project: &str) -> Option<String> {
    let parts: Vec<&str> = project.trim().split('.').collect();
    for k in (1..=parts.len()).rev() {
        let prefix = parts[..k].join(".");
        let Some(g) = goal_named(ws, &prefix) else {
            continue;
        };
        if let Some(kr) = parts.get(k).and_then(|p| key_result_named(ws, g, p)) {
            return Some(kr);
        }
        return Some(ws.goals[g].id.clone());
    }
    None
}

/// Read `task export` JSON (Taskwarrior 2.6: an array of task objects).
pub fn taskwarrior(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let items: Vec<TwTask> = json_items(label, input)?;
    let mut out = Parsed::default();
    for tw in items {
        let item = format!("{label}: task {}", tw.uuid);
        let status = match tw.status.as_str() {
            "recurring" => {
                out.skip("recurring templates (their instances are imported)");
                continue;
            }
            "pending" | "waiting" if tw.start.is_some() => TaskStatus::Doing,
            "pending" | "waiting" => TaskStatus::Todo,
            "completed" => TaskStatus::Done,
            "deleted" => TaskStatus::Dropped,
            other => {
                out.warnings
                    .push(format!("{item}: unknown status {other:?}; skipped"));
                out.skip("tasks with an unknown status");
                continue;
            }
        };
        let title = one_line(tw.description.as_deref().unwrap_or_default());
        if title.is_empty() || tw.uuid.trim().is_empty() {
            out.skip("tasks without a description or uuid");
            continue;
        }
        let due = date_field(zone, tw.due.as_deref(), "due", &item, &mut out.warnings);
        let done = if status == TaskStatus::Done {
            date_field(zone, tw.end.as_deref(), "end", &item, &mut out.warnings)
        } else {
            None
        };
        let impact = match tw.priority.as_deref().map(str::trim) {
            Some("H") => Some(4),
            Some("M") => Some(3),
            Some("L") => Some(2),
            _ => None,
        };
        out.tasks.push(Incoming {
            source: format!("taskwarrior:{}", tw.uuid.trim()),
            title,
            status,
            // Pending without a start says "not started" only as far as Taskwarrior
            // knows: a task the team moved to `doing` by hand stays so, as for GitHub.
            open_only: status == TaskStatus::Todo,
            done,
            tags: dedup(tw.tags),
            due: Some(due),
            owner: None,
            impact,
            link: tw.project.as_deref().and_then(|p| project_link(ws, p)),
        });
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
struct GhIssue {
    number: u64,
    title: String,
    state: String,
    #[serde(default)]
    labels: Vec<GhLabel>,
    #[serde(default)]
    milestone: Option<GhMilestone>,
    #[serde(default)]
    assignees: Vec<GhUser>,
    url: String,
    #[serde(default, rename = "closedAt")]
    closed_at: Option<String>,
    #[serde(default, rename = "stateReason")]
    state_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GhLabel {
    name: String,
}

#[derive(Debug, Deserialize)]
struct GhMilestone {
    #[serde(default)]
    title: String,
}

#[derive(Debug, Deserialize)]
struct GhUser {
    login: String,
}

/// The link a GitHub milestone names: a goal id or `goal/kr`, or a goal's title, in any
/// case.
pub fn milestone_link(ws: &Workspace, title: &str) -> Option<String> {
    let t = title.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((g, kr)) = t.split_once('/')
        && let Some(g) = goal_named(ws, g)
    {
        return key_result_named(ws, g, kr);
    }
    goal_named(ws, t)
        .or_else(|| {
            ws.goals
                .iter()
                .position(|g| g.title.trim().to_lowercase() == t.to_lowercase())
        })
        .map(|g| ws.goals[g].id.clone())
}

/// Read `gh issue list --json number,title,state,labels,milestone,assignees,url`
/// (`closedAt` and `stateReason` are used when present).
pub fn github(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let items: Vec<GhIssue> = json_items(label, input)?;
    let mut out = Parsed::default();
    for gh in items {
        let item = format!("{label}: issue #{}", gh.number);
        let not_planned = gh
            .state_reason
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("not_planned"));
        let status = match gh.state.to_ascii_uppercase().as_str() {
            "OPEN" => TaskStatus::Todo,
            "CLOSED" if not_planned => TaskStatus::Dropped,
            "CLOSED" | "MERGED" => TaskStatus::Done,
            other => {
                out.warnings
                    .push(format!("{item}: unknown state {other:?}; skipped"));
                out.skip("issues with an unknown state");
                continue;
            }
        };
        let title = one_line(&gh.title);
        if title.is_empty() || gh.url.trim().is_empty() {
            out.skip("issues without a title or url");
            continue;
        }
        let done = if status == TaskStatus::Done {
            date_field(
                zone,
                gh.closed_at.as_deref(),
                "closedAt",
                &item,
                &mut out.warnings,
            )
        } else {
            None
        };
        out.tasks.push(Incoming {
            source: gh.url.trim().to_string(),
            title,
            status,
            open_only: true,
            done,
            tags: dedup(gh.labels.into_iter().map(|l| l.name).collect()),
            due: None,
            // An issue without an assignee says nothing about who owns the task: an owner
            // set by hand (and its comment) stays.
            owner: gh
                .assignees
                .into_iter()
                .map(|a| a.login)
                .find(|l| !l.is_empty()),
            impact: None,
            link: gh.milestone.and_then(|m| milestone_link(ws, &m.title)),
        });
    }
    Ok(out)
}

/// Read an input of `tool`.
pub fn parse(
    tool: Tool,
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    match tool {
        Tool::Taskwarrior => taskwarrior(ws, label, input, zone),
        Tool::Github => github(ws, label, input, zone),
    }
}

// --- Planning the changes ---------------------------------------------------------------

/// One change to one key of a task.
#[derive(Debug, Clone)]
enum Op {
    Set(&'static str, Value),
    Remove(&'static str),
    /// Add a link to `goals`.
    Link(String),
}

impl Op {
    fn key(&self) -> &'static str {
        match self {
            Op::Set(k, _) | Op::Remove(k) => k,
            Op::Link(_) => "goals",
        }
    }
}

fn date_value(d: NaiveDate) -> Value {
    use chrono::Datelike;
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

fn strings_value(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect::<Array>())
}

/// A task already linked to `link` — or, for a goal, to one of its key results — needs
/// no new link.
fn has_link(task: &Task, link: &str) -> bool {
    task.goals.iter().any(|g| {
        g == link
            || (!link.contains('/') && g.split_once('/').is_some_and(|(goal, _)| goal == link))
    })
}

/// The finish date a task should carry after the import.
fn done_date(inc: &Incoming, existing: Option<&Task>, today: NaiveDate) -> Option<NaiveDate> {
    if inc.status != TaskStatus::Done {
        return None;
    }
    inc.done.or(existing.and_then(|t| t.done)).or(Some(today))
}

/// What must change in `task` (or, with `None`, be written for a new one) to match `inc`.
fn ops(inc: &Incoming, task: Option<&Task>, today: NaiveDate) -> Vec<Op> {
    let mut ops = Vec::new();
    let done = done_date(inc, task, today);
    match task {
        Some(t) => {
            if t.title != inc.title {
                ops.push(Op::Set("title", Value::from(inc.title.as_str())));
            }
            let kept = inc.open_only && inc.status.is_open() && t.status.is_open();
            if t.status != inc.status && !kept {
                ops.push(Op::Set("status", Value::from(inc.status.as_str())));
            }
            if let Some(l) = inc.link.as_deref().filter(|l| !has_link(t, l)) {
                ops.push(Op::Link(l.to_string()));
            }
            if let Some(i) = inc.impact.filter(|&i| t.impact != Some(i)) {
                ops.push(Op::Set("impact", Value::from(i64::from(i))));
            }
            if let Some(due) = inc.due.filter(|&d| d != t.due) {
                ops.push(due.map_or(Op::Remove("due"), |d| Op::Set("due", date_value(d))));
            }
            if t.done != done {
                ops.push(done.map_or(Op::Remove("done"), |d| Op::Set("done", date_value(d))));
            }
            if let Some(owner) = inc.owner.as_ref().filter(|&o| t.owner.as_ref() != Some(o)) {
                ops.push(Op::Set("owner", Value::from(owner.as_str())));
            }
            if t.tags != inc.tags {
                ops.push(if inc.tags.is_empty() {
                    Op::Remove("tags")
                } else {
                    Op::Set("tags", strings_value(&inc.tags))
                });
            }
        }
        None => {
            ops.push(Op::Set("title", Value::from(inc.title.as_str())));
            ops.push(Op::Set("status", Value::from(inc.status.as_str())));
            if let Some(l) = &inc.link {
                ops.push(Op::Link(l.clone()));
            }
            if let Some(i) = inc.impact {
                ops.push(Op::Set("impact", Value::from(i64::from(i))));
            }
            if let Some(Some(d)) = inc.due {
                ops.push(Op::Set("due", date_value(d)));
            }
            if let Some(d) = done {
                ops.push(Op::Set("done", date_value(d)));
            }
            if let Some(o) = &inc.owner {
                ops.push(Op::Set("owner", Value::from(o.as_str())));
            }
            if !inc.tags.is_empty() {
                ops.push(Op::Set("tags", strings_value(&inc.tags)));
            }
            ops.push(Op::Set("source", Value::from(inc.source.as_str())));
        }
    }
    ops
}

/// Apply `ops` to a task table, keeping every other key, comment and the decoration
/// (spacing, trailing comment) of the values it replaces.
fn apply_ops(table: &mut dyn TableLike, inline: bool, ops: &[Op]) -> Result<(), String> {
    for op in ops {
        match op {
            Op::Set(key, value) => match table.get_mut(key) {
                Some(Item::Value(old)) => {
                    let decor = old.decor().clone();
                    *old = value.clone();
                    *old.decor_mut() = decor;
                }
                Some(_) => return Err(format!("\"{key}\" is not a plain value")),
                None => append(table, inline, key, value.clone()),
            },
            Op::Remove(key) => {
                table.remove(key);
            }
            Op::Link(link) => match table.get_mut("goals") {
                Some(Item::Value(Value::Array(a))) => a.push(link.as_str()),
                Some(_) => return Err("\"goals\" is not an array".to_string()),
                None => append(
                    table,
                    inline,
                    "goals",
                    strings_value(std::slice::from_ref(link)),
                ),
            },
        }
    }
    Ok(())
}

/// A new key after the last one. In an inline table the space before `}` moves along,
/// so `{ a = 1 }` becomes `{ a = 1, b = 2 }`.
fn append(table: &mut dyn TableLike, inline: bool, key: &str, mut value: Value) {
    if inline {
        let last = table
            .iter_mut()
            .last()
            .and_then(|(_, item)| item.as_value_mut().map(|v| v.decor_mut()));
        if let Some(decor) = last {
            let suffix = decor.suffix().cloned();
            decor.set_suffix("");
            value.decor_mut().set_prefix(" ");
            if let Some(s) = suffix {
                value.decor_mut().set_suffix(s);
            }
        }
    }
    table.insert(key, Item::Value(value));
}

/// The block of one task (`[[tasks]]` to the next table, or an inline `{ … }`) with
/// `ops` applied. Refuses a block `toml_edit` would not give back byte for byte.
fn rewrite_block(block: &str, inline: bool, ops: &[Op]) -> Result<String, String> {
    // toml_edit writes new lines with "\n": edit a CRLF block as LF, then back.
    let crlf = eol(block) == "\r\n";
    let lf;
    let block = if crlf {
        lf = block.replace("\r\n", "\n");
        lf.as_str()
    } else {
        block
    };
    let out = if inline {
        let mut v: Value = block
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        if v.to_string() != block {
            return Err("its inline table cannot be edited without reformatting it".to_string());
        }
        let t = v
            .as_inline_table_mut()
            .ok_or_else(|| "it is not a table".to_string())?;
        apply_ops(t, true, ops)?;
        v.to_string()
    } else {
        let mut doc: DocumentMut = block
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        if doc.to_string() != block {
            return Err("its table cannot be edited without reformatting it".to_string());
        }
        let table = doc
            .get_mut("tasks")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(0))
            .ok_or_else(|| "no [[tasks]] table found in its block".to_string())?;
        apply_ops(table, false, ops)?;
        doc.to_string()
    };
    Ok(if crlf { out.replace('\n', "\r\n") } else { out })
}

/// A task the import adds or changes, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub title: String,
    /// The keys that change (empty for a new task).
    pub fields: Vec<&'static str>,
}

/// Everything an import would do, before it is written.
#[derive(Debug, Clone)]
pub struct Plan {
    pub tool: Tool,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    pub unchanged: usize,
    pub skipped: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    /// New text of each file that changes, by file index, in file order.
    pub files: Vec<(usize, String)>,
    /// The tasks as imported, to check the result against.
    expected: Vec<Incoming>,
    today: NaiveDate,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The file new tasks go to: where earlier imports of this input went, else where the
/// newest task is, else the first file.
fn target_file(ws: &Workspace, matched: &[usize]) -> usize {
    matched
        .iter()
        .max()
        .map(|&i| ws.tasks[i].origin.file)
        .or_else(|| ws.tasks.last().map(|t| t.origin.file))
        .unwrap_or(0)
}

/// Work out the new file texts for an import into `ws`.
pub fn plan(
    ws: &Workspace,
    tool: Tool,
    parsed: Parsed,
    today: NaiveDate,
) -> Result<Plan, ImportError> {
    let Parsed {
        tasks,
        mut skipped,
        mut warnings,
    } = parsed;
    // Existing imported tasks by source; the first wins when the file repeats one.
    let mut by_source: HashMap<&str, usize> = HashMap::new();
    for (i, t) in ws.tasks.iter().enumerate() {
        if let Some(s) = t.source.as_deref() {
            if let Some(&first) = by_source.get(s) {
                warnings.push(format!(
                    "tasks {:?} and {:?} both have source {s:?}; only {:?} is updated",
                    ws.tasks[first].id, t.id, ws.tasks[first].id
                ));
            } else {
                by_source.insert(s, i);
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut expected = Vec::new();
    let mut matched = Vec::new();
    let mut updates: Vec<(usize, Vec<Op>, String)> = Vec::new();
    let mut news: Vec<(Incoming, Vec<Op>)> = Vec::new();
    let mut unchanged = 0;
    for inc in tasks {
        if !seen.insert(inc.source.clone()) {
            warnings.push(format!(
                "{} appears twice in the input; the first is used",
                inc.source
            ));
            continue;
        }
        match by_source.get(inc.source.as_str()) {
            Some(&i) => {
                matched.push(i);
                let ops = ops(&inc, Some(&ws.tasks[i]), today);
                if ops.is_empty() {
                    unchanged += 1;
                } else {
                    updates.push((i, ops, inc.title.clone()));
                }
                expected.push(inc);
            }
            None if inc.status == TaskStatus::Dropped => {
                let why = match tool {
                    Tool::Taskwarrior => "deleted tasks never imported before",
                    Tool::Github => "issues closed as not planned, never imported before",
                };
                *skipped.entry(why.to_string()).or_default() += 1;
            }
            None => {
                let ops = ops(&inc, None, today);
                news.push((inc.clone(), ops));
                expected.push(inc);
            }
        }
    }

    // Splices per file: (range, new text).
    let mut splices: BTreeMap<usize, Vec<(Range<usize>, String)>> = BTreeMap::new();
    let mut updated = Vec::new();
    for (i, ops, title) in updates {
        let t = &ws.tasks[i];
        let file = t.origin.file;
        let range = t.layout.block.clone();
        let failed = |why: String| {
            rejected(format!(
                "{}: task {:?} could not be updated: {why}",
                ws.files[file].path.display(),
                t.id
            ))
        };
        // A new link goes through `align link`'s splice, which copies the array's own
        // separators and leaves comments where they are; the rest through toml_edit.
        let mut block = ws.files[file].text[range.clone()].to_string();
        let mut rest = Vec::with_capacity(ops.len());
        for op in &ops {
            match op {
                Op::Link(target) => {
                    let edit = writeback::link(ws, i, target).map_err(|e| failed(e.to_string()))?;
                    if let Some(e) = edit {
                        let at = e.splice.at - range.start;
                        block.replace_range(at..at + e.splice.removed.len(), &e.splice.inserted);
                    }
                }
                other => rest.push(other.clone()),
            }
        }
        let new = if rest.is_empty() {
            block
        } else {
            rewrite_block(&block, t.layout.inline, &rest).map_err(failed)?
        };
        let mut fields: Vec<&'static str> = ops.iter().map(Op::key).collect();
        fields.dedup();
        // The title as it will be: the summary shows what the task is now called.
        updated.push(Change {
            id: t.id.clone(),
            title,
            fields,
        });
        splices.entry(file).or_default().push((range, new));
    }

    let mut added = Vec::new();
    if !news.is_empty() {
        let file = target_file(ws, &matched);
        let path = ws.files[file].path.display();
        if ws
            .tasks
            .iter()
            .any(|t| t.origin.file == file && t.layout.inline)
        {
            return Err(rejected(format!(
                "{path} writes its tasks inline (tasks = [ {{ … }} ]); new tasks are added as [[tasks]] tables, which cannot follow it — convert the tasks to [[tasks]] tables first"
            )));
        }
        let text = &ws.files[file].text;
        let nl = eol(text);
        let at = ws
            .tasks
            .iter()
            .filter(|t| t.origin.file == file)
            .map(|t| t.layout.block.end)
            .max()
            .unwrap_or(text.len());
        let before = &text[..at];
        let mut inserted = if at == 0 {
            String::new()
        } else if !before.ends_with('\n') {
            format!("{nl}{nl}")
        } else if !before.ends_with(&format!("{nl}{nl}")) {
            nl.to_string()
        } else {
            String::new()
        };
        let ids = crate::edit::next_task_ids(ws, news.len());
        for (n, ((inc, mut ops), id)) in news.into_iter().zip(ids).enumerate() {
            ops.insert(0, Op::Set("id", Value::from(id.as_str())));
            let block = rewrite_block(&format!("[[tasks]]{nl}"), false, &ops)
                .map_err(|why| rejected(format!("a new task could not be written: {why}")))?;
            if n > 0 {
                inserted.push_str(nl);
            }
            inserted.push_str(&block);
            added.push(Change {
                id,
                title: inc.title,
                fields: Vec::new(),
            });
        }
        if at < text.len() {
            // A table follows: keep a blank line before it.
            inserted.push_str(nl);
        }
        splices.entry(file).or_default().push((at..at, inserted));
    }

    let files = splices
        .into_iter()
        .map(|(file, mut list)| {
            list.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            let mut text = ws.files[file].text.clone();
            for (range, new) in list {
                text.replace_range(range, &new);
            }
            (file, text)
        })
        .collect();
    Ok(Plan {
        tool,
        added,
        updated,
        unchanged,
        skipped,
        warnings,
        files,
        expected,
        today,
    })
}

// --- Checking and saving ------------------------------------------------------------------

/// The workspace with the plan's texts, loaded in memory; every imported task must be
/// there exactly once, holding what was imported.
fn verify(ws: &Workspace, plan: &Plan) -> Result<Workspace, ImportError> {
    let sources = ws
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let text = plan
                .files
                .iter()
                .find(|(j, _)| *j == i)
                .map_or(&f.text, |(_, t)| t);
            (f.path.clone(), text.clone().into_bytes())
        })
        .collect();
    let fresh = load_sources(&ws.root, sources)
        .map_err(ImportError::Invalid)?
        .workspace;
    if fresh.tasks.len() != ws.tasks.len() + plan.added.len() {
        return Err(rejected(format!(
            "internal check failed: expected {} tasks after the import, found {}",
            ws.tasks.len() + plan.added.len(),
            fresh.tasks.len()
        )));
    }
    let mut by_source: HashMap<&str, Vec<&Task>> = HashMap::new();
    for t in &fresh.tasks {
        if let Some(s) = t.source.as_deref() {
            by_source.entry(s).or_default().push(t);
        }
    }
    for inc in &plan.expected {
        let found = by_source.get(inc.source.as_str()).and_then(|v| v.first());
        let Some(t) = found else {
            return Err(rejected(format!(
                "internal check failed: {} is missing after the import",
                inc.source
            )));
        };
        if !ops(inc, Some(t), plan.today).is_empty() {
            return Err(rejected(format!(
                "internal check failed: task {:?} ({}) does not hold what was imported",
                t.id, inc.source
            )));
        }
    }
    Ok(fresh)
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub plan: Plan,
    /// The files written (none when nothing changed or on a dry run).
    pub saved: Vec<PathBuf>,
    pub dry_run: bool,
}

impl Outcome {
    /// `imported 2 new, updated 1, unchanged 3 (taskwarrior) · saved align.toml`
    pub fn summary(&self) -> String {
        let p = &self.plan;
        let skipped: usize = p.skipped.values().sum();
        let mut s = format!(
            "imported {} new, updated {}, unchanged {}",
            p.added.len(),
            p.updated.len(),
            p.unchanged
        );
        if skipped > 0 {
            s.push_str(&format!(", skipped {skipped}"));
        }
        s.push_str(&format!(" ({})", p.tool.name()));
        if self.dry_run {
            s.push_str(if p.is_empty() {
                " · dry run: nothing would change"
            } else {
                " · dry run: nothing was written"
            });
        } else if self.saved.is_empty() {
            s.push_str(" · nothing to save");
        } else {
            let names: Vec<String> = self.saved.iter().map(|p| p.display().to_string()).collect();
            s.push_str(&format!(" · saved {}", names.join(", ")));
        }
        s
    }

    /// One line per new or changed task, then the summary.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for c in &self.plan.added {
            out.push_str(&format!("  new      {}  {}\n", c.id, c.title));
        }
        for c in &self.plan.updated {
            out.push_str(&format!(
                "  updated  {}  {} ({})\n",
                c.id,
                c.title,
                c.fields.join(", ")
            ));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// Notes for stderr: what was skipped and why, and anything odd in the input.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = self.plan.warnings.clone();
        for (why, n) in &self.plan.skipped {
            notes.push(format!("skipped {n}: {why}"));
        }
        notes
    }
}

/// Import `input` (the JSON of `tool`, named `label` in messages) into `ws`, which must
/// be the workspace as loaded from disk. Writes nothing on a dry run, when nothing
/// changes, or on any error.
pub fn import(
    ws: &Workspace,
    tool: Tool,
    label: &str,
    input: &[u8],
    today: NaiveDate,
    dry_run: bool,
) -> Result<Outcome, ImportError> {
    import_in(ws, tool, label, input, today, dry_run, Zone::Local)
}

/// [`import`] with dates read in `zone`.
pub fn import_in(
    ws: &Workspace,
    tool: Tool,
    label: &str,
    input: &[u8],
    today: NaiveDate,
    dry_run: bool,
    zone: Zone,
) -> Result<Outcome, ImportError> {
    let parsed = parse(tool, ws, label, input, zone)?;
    let plan = plan(ws, tool, parsed, today)?;
    if plan.is_empty() {
        return Ok(Outcome {
            plan,
            saved: Vec::new(),
            dry_run,
        });
    }
    verify(ws, &plan)?;
    if dry_run {
        return Ok(Outcome {
            plan,
            saved: Vec::new(),
            dry_run,
        });
    }
    let mut saved = Vec::new();
    for (file, text) in &plan.files {
        let f = &ws.files[*file];
        store::save(&f.path, f.text.as_bytes(), text.as_bytes())?;
        saved.push(f.path.clone());
    }
    load(&ws.root).map_err(ImportError::Reload)?;
    Ok(Outcome {
        plan,
        saved,
        dry_run,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const DEMO: &str = include_str!("../assets/demo.toml");

    fn load_text(text: &str) -> Workspace {
        let path = PathBuf::from("align.toml");
        load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .map(|l| l.workspace)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).unwrap())
    }

    fn tw(json: &str, ws: &Workspace) -> Parsed {
        taskwarrior(ws, "tw.json", json.as_bytes(), utc()).unwrap()
    }

    /// Apply a plan's texts in memory.
    fn applied(ws: &Workspace, plan: &Plan) -> String {
        assert!(plan.files.len() <= 1);
        plan.files
            .first()
            .map_or(ws.files[0].text.clone(), |(_, t)| t.clone())
    }

    const TW: &str = r#"[
      {"uuid":"a1","description":"Win-back emails for churned shops","status":"pending",
       "project":"retention.churn","tags":["email","billing"],"due":"20261130T120000Z",
       "priority":"H","entry":"20261101T090000Z","urgency":8.1},
      {"uuid":"b2","description":"Tidy the office","status":"completed","end":"20261124T170000Z"},
      {"uuid":"c3","description":"Weekly standup notes","status":"recurring","recur":"weekly"},
      {"uuid":"d4","description":"Old idea","status":"deleted","end":"20261101T100000Z"},
      {"uuid":"e5","description":"Carrier docs","status":"pending","start":"20261120T100000Z",
       "project":"carriers.docs.q4"}
    ]"#;

    #[test]
    fn taskwarrior_fields_map_to_align() {
        let ws = load_text(DEMO);
        let p = tw(TW, &ws);
        assert_eq!(p.tasks.len(), 4);
        let a = &p.tasks[0];
        assert_eq!(a.source, "taskwarrior:a1");
        assert_eq!(a.status, TaskStatus::Todo);
        assert_eq!(a.link.as_deref(), Some("retention/churn"));
        assert_eq!(a.tags, ["email", "billing"]);
        assert_eq!(a.due, Some(NaiveDate::from_ymd_opt(2026, 11, 30)));
        assert_eq!(a.impact, Some(4));
        let b = &p.tasks[1];
        assert_eq!(b.status, TaskStatus::Done);
        assert_eq!(b.done, NaiveDate::from_ymd_opt(2026, 11, 24));
        assert_eq!(b.link, None);
        assert_eq!(p.tasks[2].status, TaskStatus::Dropped);
        let e = &p.tasks[3];
        assert_eq!(e.status, TaskStatus::Doing);
        assert_eq!(e.link.as_deref(), Some("carriers"));
        assert_eq!(
            p.skipped.values().sum::<usize>(),
            1,
            "the recurring template"
        );
    }

    #[test]
    fn projects_and_milestones_resolve_to_links() {
        let ws = load_text(DEMO);
        assert_eq!(project_link(&ws, "retention").as_deref(), Some("retention"));
        assert_eq!(project_link(&ws, "Retention").as_deref(), Some("retention"));
        assert_eq!(
            project_link(&ws, "retention.nps").as_deref(),
            Some("retention/nps")
        );
        assert_eq!(
            project_link(&ws, "retention.x.y").as_deref(),
            Some("retention")
        );
        assert_eq!(project_link(&ws, "home"), None);
        assert_eq!(
            milestone_link(&ws, "RETENTION").as_deref(),
            Some("retention")
        );
        assert_eq!(
            milestone_link(&ws, "cut churn among small shops").as_deref(),
            Some("retention")
        );
        assert_eq!(
            milestone_link(&ws, "retention/churn").as_deref(),
            Some("retention/churn")
        );
        assert_eq!(milestone_link(&ws, "v2.0"), None);
        assert_eq!(milestone_link(&ws, ""), None);
    }

    #[test]
    fn github_fields_map_to_align() {
        let ws = load_text(DEMO);
        let json = r#"[
          {"number":7,"title":"Fix <b>label</b> crash","state":"OPEN","labels":[{"name":"bug"}],
           "milestone":{"title":"Activation"},"assignees":[{"login":"leo"},{"login":"tom"}],
           "url":"https://github.com/p/app/issues/7"},
          {"number":8,"title":"Done thing","state":"closed","labels":[],"milestone":null,
           "assignees":[],"url":"https://github.com/p/app/issues/8","closedAt":"2026-11-20T10:00:00Z"},
          {"number":9,"title":"Won't do","state":"CLOSED","stateReason":"NOT_PLANNED",
           "url":"https://github.com/p/app/issues/9"}
        ]"#;
        let p = github(&ws, "gh.json", json.as_bytes(), utc()).unwrap();
        let a = &p.tasks[0];
        assert_eq!(a.link.as_deref(), Some("activation"));
        assert_eq!(a.owner.as_deref(), Some("leo"));
        assert_eq!(a.tags, ["bug"]);
        assert_eq!(a.status, TaskStatus::Todo);
        assert_eq!(p.tasks[1].status, TaskStatus::Done);
        assert_eq!(p.tasks[1].done, NaiveDate::from_ymd_opt(2026, 11, 20));
        // No assignee: the tool says nothing of the owner, so it is left alone.
        assert_eq!(p.tasks[1].owner, None);
        assert_eq!(p.tasks[2].status, TaskStatus::Dropped);
    }

    #[test]
    fn bad_json_names_the_input() {
        let ws = load_text(DEMO);
        for input in ["", "{not json", "[{\"uuid\": 3}]", "42"] {
            let e = taskwarrior(&ws, "x.json", input.as_bytes(), utc()).unwrap_err();
            assert!(e.to_string().starts_with("x.json: "), "{e}");
        }
        let e = github(
            &ws,
            "-",
            b"[{\"number\":1,\"title\":\"t\",\"state\":\"OPEN\"}]",
            utc(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("url"), "{e}");
    }

    #[test]
    fn json_lines_from_older_taskwarrior_are_read() {
        let ws = load_text(DEMO);
        let lines = "{\"uuid\":\"x\",\"description\":\"a\",\"status\":\"pending\"}\n{\"uuid\":\"y\",\"description\":\"b\",\"status\":\"pending\"}\n";
        assert_eq!(tw(lines, &ws).tasks.len(), 2);
    }

    #[test]
    fn new_tasks_are_appended_with_fresh_ids_and_reimport_is_a_no_op() {
        let ws = load_text(DEMO);
        let plan1 = plan(&ws, Tool::Taskwarrior, tw(TW, &ws), today()).unwrap();
        let ids: Vec<&str> = plan1.added.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["T-132", "T-133", "T-134"]);
        assert_eq!(plan1.skipped.values().sum::<usize>(), 2);
        let after = applied(&ws, &plan1);
        assert!(
            after.starts_with(DEMO),
            "everything before is kept byte for byte"
        );
        let tail = &after[DEMO.len()..];
        assert!(tail.contains(
            "[[tasks]]\nid = \"T-132\"\ntitle = \"Win-back emails for churned shops\"\nstatus = \"todo\"\ngoals = [\"retention/churn\"]\nimpact = 4\ndue = 2026-11-30\ntags = [\"email\", \"billing\"]\nsource = \"taskwarrior:a1\"\n"
        ), "{tail}");
        assert!(tail.contains("done = 2026-11-24"));
        verify(&ws, &plan1).unwrap();

        let ws2 = load_text(&after);
        let plan2 = plan(&ws2, Tool::Taskwarrior, tw(TW, &ws2), today()).unwrap();
        assert!(plan2.is_empty(), "{:?}", plan2.updated);
        assert_eq!(plan2.unchanged, 3);
        assert!(plan2.added.is_empty());
    }

    #[test]
    fn updates_touch_only_owned_keys_and_keep_comments() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Old\"   # the old name\nstatus = \"todo\"\n# effort is ours\neffort = 3\ndue = 2026-12-01   # soon\ntags = [\"a\"]\nsource = \"taskwarrior:u1\"\n\n# trailing comment\n[[tasks]]\nid = \"T-2\"\ntitle = \"Mine\"\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u1","description":"New","status":"completed","end":"20261120T120000Z","project":"g","due":"20261205T120000Z"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today()).unwrap();
        assert_eq!(p.updated.len(), 1);
        assert_eq!(
            p.updated[0].fields,
            ["title", "status", "goals", "due", "done", "tags"]
        );
        let after = applied(&ws, &p);
        assert_eq!(
            after,
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"New\"   # the old name\nstatus = \"done\"\ngoals = [\"g\"]\n# effort is ours\neffort = 3\ndue = 2026-12-05   # soon\nsource = \"taskwarrior:u1\"\ndone = 2026-11-20\n\n# trailing comment\n[[tasks]]\nid = \"T-2\"\ntitle = \"Mine\"\n"
        );
        verify(&ws, &p).unwrap();
    }

    #[test]
    fn links_are_added_never_removed() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n[[goals.key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 1\n[[goals]]\nid = \"h\"\ntitle = \"H\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\"g/k\"]\nsource = \"taskwarrior:u1\"\n";
        let ws = load_text(text);
        // Linked to a key result of g already: the project g needs no new link.
        let same = r#"[{"uuid":"u1","description":"A","status":"pending","project":"g"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(same, &ws), today()).unwrap();
        assert!(p.is_empty());
        let moved = r#"[{"uuid":"u1","description":"A","status":"pending","project":"h"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(moved, &ws), today()).unwrap();
        assert!(applied(&ws, &p).contains("goals = [\"g/k\", \"h\"]"));
    }

    #[test]
    fn a_link_joins_a_multi_line_goals_array() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n[[goals]]\nid = \"h\"\ntitle = \"H\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\n  \"g\",   # first\n]\nsource = \"taskwarrior:u1\"\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u1","description":"A","status":"pending","project":"h"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today()).unwrap();
        let after = applied(&ws, &p);
        // The same splice as `align link`: one element a line, the comment kept.
        assert!(
            after.contains("goals = [\n  \"g\",\n  \"h\",   # first\n]\n"),
            "{after}"
        );
        assert_eq!(load_text(&after).tasks[0].goals, ["g", "h"]);
    }

    #[test]
    fn inline_tasks_are_updated_in_place_but_not_appended_to() {
        let text = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\", source = \"https://x/issues/1\" },\n]\n";
        let ws = load_text(text);
        let json = r#"[{"number":1,"title":"b","state":"OPEN","url":"https://x/issues/1","assignees":[{"login":"sam"}]}]"#;
        let p = plan(
            &ws,
            Tool::Github,
            github(&ws, "g", json.as_bytes(), utc()).unwrap(),
            today(),
        )
        .unwrap();
        let after = applied(&ws, &p);
        assert!(
            after.contains(
                "{ id = \"T-1\", title = \"b\", source = \"https://x/issues/1\", owner = \"sam\" }"
            ),
            "{after}"
        );
        verify(&ws, &p).unwrap();
        let json = r#"[{"number":2,"title":"c","state":"OPEN","url":"https://x/issues/2"}]"#;
        let err = plan(
            &ws,
            Tool::Github,
            github(&ws, "g", json.as_bytes(), utc()).unwrap(),
            today(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("inline"), "{err}");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "version = 1\r\n\r\n[[tasks]]\r\nid = \"T-1\"\r\ntitle = \"a\"\r\nsource = \"taskwarrior:u\"\r\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u","description":"b","status":"pending","tags":["x"]},{"uuid":"v","description":"c","status":"pending"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today()).unwrap();
        let after = applied(&ws, &p);
        assert!(!after.replace("\r\n", "").contains('\n'), "{after:?}");
        verify(&ws, &p).unwrap();
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

    #[test]
    fn a_done_task_keeps_its_date_when_the_tool_gives_none() {
        let text = "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\nstatus = \"done\"\ndone = 2026-11-01\nsource = \"https://x/issues/1\"\n";
        let ws = load_text(text);
        let json = r#"[{"number":1,"title":"a","state":"CLOSED","url":"https://x/issues/1"}]"#;
        let p = plan(
            &ws,
            Tool::Github,
            github(&ws, "g", json.as_bytes(), utc()).unwrap(),
            today(),
        )
        .unwrap();
        assert!(p.is_empty(), "{:?}", p.updated);
        // Open keeps a task the team moved to doing.
        let doing = text.replace(
            "status = \"done\"\ndone = 2026-11-01\n",
            "status = \"doing\"\n",
        );
        let ws_doing = load_text(&doing);
        let json_open = r#"[{"number":1,"title":"a","state":"OPEN","url":"https://x/issues/1"}]"#;
        let p = plan(
            &ws_doing,
            Tool::Github,
            github(&ws_doing, "g", json_open.as_bytes(), utc()).unwrap(),
            today(),
        )
        .unwrap();
        assert!(p.is_empty(), "{:?}", p.updated);
        // Reopened: status back to todo, the done date goes.
        let json = r#"[{"number":1,"title":"a","state":"OPEN","url":"https://x/issues/1"}]"#;
        let p = plan(
            &ws,
            Tool::Github,
            github(&ws, "g", json.as_bytes(), utc()).unwrap(),
            today(),
        )
        .unwrap();
        let after = applied(&ws, &p);
        assert!(
            after.contains("status = \"todo\"") && !after.contains("done ="),
            "{after}"
        );
    }
}
