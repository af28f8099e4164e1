//! One file's TOML document walked into what it contributes to the workspace: its
//! version, `[workspace]` and `[scoring]` tables, goals and tasks, and where each
//! top-level table starts. A file that is not TOML, or is binary, stops here with the
//! reason.

use super::doc::{Array, Doc, Item, Kind, Scratch, Table};
use super::goal::read_goal;
use super::pieces::{
    PIECES_FROM, PIECES_HERE_FROM, Pieces, REUSED_FROM, read_pieces, read_pieces_here, read_reusing,
};
use super::task::read_task;
use crate::diag::Sink;
use crate::model::Coefficients;
use crate::model::{Goal, Lens, Task};
use crate::schema::{Reader, What};

const WORKSPACE_KEYS: &[&str] = &[
    "name",
    "mission",
    "lens",
    "stale_after_days",
    "key",
    "upstream",
    "traction_window_days",
];
const TOP_KEYS: &[&str] = &["version", "workspace", "scoring", "goals", "tasks"];

/// What one file contributes.
#[derive(Clone)]
pub(crate) struct Part {
    /// Top-level keys, each with whether it is an array of `[[tables]]`.
    pub(super) keys: Vec<(String, bool)>,
    /// Where each top-level `[table]` and `[[array]]` element header starts.
    pub(super) headers: Vec<usize>,
    pub(super) file: usize,
    /// The version number, or the type found instead of an integer, and where.
    pub(super) version: Option<(Result<i64, &'static str>, usize)>,
    pub(super) settings: Option<Settings>,
    pub(super) scoring: Option<(usize, Coefficients)>,
    /// Each goal with where its `parent` value starts.
    pub(super) goals: Vec<(Goal, Option<usize>)>,
    pub(super) tasks: Vec<Task>,
    /// Each task's value spans (its `goals` entries, then its `depends` entries), in
    /// `tasks`' order: a list of their own, so the tasks are never moved out of pairs.
    pub(super) task_spans: Vec<Vec<std::ops::Range<usize>>>,
}

#[derive(Clone)]
pub(super) struct Settings {
    pub(super) at: usize,
    pub(super) name: Option<String>,
    pub(super) mission: Option<String>,
    pub(super) lens: Lens,
    pub(super) stale_after_days: u32,
    /// `key`: what other workspaces call this one's goals (`key:goal`).
    pub(super) key: Option<String>,
    /// `upstream`: the workspaces this one aligns to, as written, with their spans.
    pub(super) upstream: Vec<(String, std::ops::Range<usize>)>,
    pub(super) traction_window_days: u32,
}

impl Part {
    /// The part of the file that is `file`th in the workspace's list: where its items
    /// say they come from.
    pub(super) fn move_to(&mut self, file: usize) {
        if self.file == file {
            return;
        }
        self.file = file;
        let at = crate::model::FileIx(file);
        for (g, _) in &mut self.goals {
            g.origin.file = at;
            for k in &mut g.key_results {
                k.origin.file = at;
            }
        }
        for t in &mut self.tasks {
            t.origin.file = at;
        }
    }
}

pub(super) fn read_file(
    sink: &mut Sink,
    file: usize,
    text: &str,
    scratch: &mut Scratch,
) -> Option<Part> {
    if text.trim().is_empty() {
        sink.error_help(
            0,
            "empty workspace file",
            "start one with `align init`, or add `version = 1`".to_string(),
        );
        return None;
    }
    if text.len() >= PIECES_FROM
        && let Some(part) = read_pieces(sink, file, text)
    {
        return Some(part);
    }
    if (PIECES_HERE_FROM..PIECES_FROM).contains(&text.len())
        && let Some(part) = read_pieces_here(sink, file, text, scratch)
    {
        return Some(part);
    }
    read_document(sink, file, text, scratch)
}

/// [`read_file`] for a file read again and again in its versions ([`super::ParsedFiles`]):
/// a large one is read in pieces cut by their content, and the pieces an earlier version
/// had are taken from `kept` rather than read again.
pub(super) fn read_file_reusing(
    sink: &mut Sink,
    file: usize,
    text: &str,
    scratch: &mut Scratch,
    kept: &mut Pieces,
) -> Option<Part> {
    if text.len() >= REUSED_FROM
        && !text.trim().is_empty()
        && let Some(part) = read_reusing(sink, file, text, kept)
    {
        return Some(part);
    }
    read_file(sink, file, text, scratch)
}

pub(super) fn read_document(
    sink: &mut Sink,
    file: usize,
    text: &str,
    scratch: &mut Scratch,
) -> Option<Part> {
    // TOML allows no NUL anywhere; the parser would call it an unquoted string value.
    if let Some(at) = text.find('\0') {
        sink.error_help(
            at,
            "NUL byte: the file looks binary, not TOML text",
            "is this the right file? A workspace is a plain-text .toml file".to_string(),
        );
        return None;
    }
    let doc = match Doc::parse(text, scratch) {
        Ok(doc) => doc,
        Err(errors) => {
            let mut last_line = 0;
            for e in errors.iter().take(20) {
                let line = sink.at(e.at).0;
                if line != last_line {
                    sink.error(e.at, format!("TOML syntax: {}", e.message));
                    last_line = line;
                }
            }
            return None;
        }
    };
    let root = doc.root();
    // A document's root is a table.
    let table = root.as_table()?;
    let mut top = Reader::new(table, 0, What::Named("the workspace file"));
    let version = top.raw("version").map(|v| {
        let at = v.span().start;
        match v.as_integer() {
            Some(i) => (Ok(i.value()), at),
            None => (Err(v.type_name()), at),
        }
    });
    let settings = top.raw("workspace").and_then(|v| read_settings(sink, v));
    let scoring = top.raw("scoring").and_then(|v| read_scoring(sink, v));
    let mut goals = Vec::new();
    if let Some(list) = entries(sink, &mut top, "goals") {
        goals.reserve_exact(list.len());
        for (n, v) in list.iter().enumerate() {
            if let Some(g) = read_goal(sink, file, n, v) {
                goals.push(g);
            }
        }
    }
    let (mut tasks, mut task_spans) = (Vec::new(), Vec::new());
    if let Some(list) = entries(sink, &mut top, "tasks") {
        tasks.reserve_exact(list.len());
        task_spans.reserve_exact(list.len());
        for (n, v) in list.iter().enumerate() {
            if let Some((t, spans)) = read_task(sink, file, n, v, text) {
                tasks.push(t);
                task_spans.push(spans);
            }
        }
    }
    for &(key, meant) in NEAR_MISSES {
        if let Some(v) = top.raw(key) {
            let (message, help) = near_miss(key, meant, v.is_header());
            sink.error_help(v.span().start, message, help);
        }
    }
    top.finish(sink, TOP_KEYS);
    let keys = table
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.is_header()))
        .collect();
    let mut headers = Vec::new();
    for (_, v) in table.iter().filter(|(_, v)| v.is_header()) {
        match v.as_array() {
            Some(items) => headers.extend(items.iter().map(|e| e.span().start)),
            None => headers.push(v.span().start),
        }
    }
    Some(Part {
        keys,
        headers,
        file,
        version,
        settings,
        scoring,
        goals,
        tasks,
        task_spans,
    })
}

/// Top-level names a person writes for `goals` and `tasks` — singular, capitalised —
/// under which the items would otherwise be passed over with a warning, as if absent.
pub(super) const NEAR_MISSES: &[(&str, &str)] = &[
    ("task", "tasks"),
    ("goal", "goals"),
    ("Task", "tasks"),
    ("Tasks", "tasks"),
    ("Goal", "goals"),
    ("Goals", "goals"),
    ("TASKS", "tasks"),
    ("GOALS", "goals"),
];

/// The error for a near miss of `meant` (a `[[task]]` header, or a `task = …` key) and
/// its fix.
pub(super) fn near_miss(key: &str, meant: &str, header: bool) -> (String, String) {
    if header {
        (
            format!("[[{key}]] is not an align table: the {meant} under it would not be read"),
            format!("write [[{meant}]], as align reads {meant}"),
        )
    } else {
        (
            format!("\"{key}\" is not an align key: the {meant} in it would not be read"),
            format!("write {meant} = [ … ], or [[{meant}]] tables"),
        )
    }
}

/// `[[goals]]` / `[[tasks]]`; a single `[tasks]` table gets a hint about the brackets.
fn entries<'a>(sink: &mut Sink, top: &mut Reader<'a>, key: &'static str) -> Option<Array<'a>> {
    if let Some(v) = top.table.get(key)
        && v.kind() == Kind::Table
    {
        top.raw(key);
        sink.error_help(
            v.span().start,
            format!("\"{key}\" must be an array of tables, found a single [{key}] table"),
            format!("write [[{key}]], with double brackets, before each one"),
        );
        return None;
    }
    top.array(sink, key)
}

pub(super) fn as_table<'a>(
    sink: &mut Sink,
    v: Item<'a>,
    what: impl std::fmt::Display,
) -> Option<Table<'a>> {
    let table = v.as_table();
    if table.is_none() {
        sink.error(
            v.span().start,
            format!("{what} must be a table, found {}", v.type_name()),
        );
    }
    table
}

fn read_settings(sink: &mut Sink, v: Item<'_>) -> Option<Settings> {
    let at = v.span().start;
    let table = as_table(sink, v, "[workspace]")?;
    let mut r = Reader::new(table, at, What::Named("[workspace]"));
    let name = r.string(sink, "name").map(|s| s.0);
    let mission = r.string(sink, "mission").map(|s| s.0);
    let lens = r
        .choice(sink, "lens", Lens::ALL, Lens::parse)
        .unwrap_or(Lens::Strategy);
    let stale_after_days = r.int(sink, "stale_after_days", 1..=3650).unwrap_or(14) as u32;
    let key = r
        .string(sink, "key")
        .and_then(|(key, at)| crate::load::upstream::checked_key(sink, key, at));
    let upstream = r.strings(sink, "upstream").unwrap_or_default();
    let traction_window_days =
        r.int(sink, "traction_window_days", 1..=3650)
            .unwrap_or(i64::from(crate::traction::DEFAULT_WINDOW_DAYS)) as u32;
    r.finish(sink, WORKSPACE_KEYS);
    Some(Settings {
        at,
        name,
        mission,
        lens,
        stale_after_days,
        key,
        upstream,
        traction_window_days,
    })
}

/// `[scoring]`: overrides of the default coefficients, each checked against its range.
fn read_scoring(sink: &mut Sink, sv: Item<'_>) -> Option<(usize, Coefficients)> {
    let mut coefficients = Coefficients::default();
    let table = as_table(sink, sv, "[scoring]")?;
    {
        for (k, v) in table.iter() {
            let name = k.as_str();
            let Some(spec) = crate::scoring::COEFFICIENTS.iter().find(|c| c.name == name) else {
                let names = crate::scoring::COEFFICIENTS.iter().map(|c| c.name);
                sink.warning(
                    k.span().start,
                    format!("unknown scoring coefficient {name:?}, kept as is but not used"),
                    crate::diag::did_you_mean(name, names),
                );
                continue;
            };
            match v.as_integer() {
                Some(i) => match i.value() {
                    n if (spec.min..=spec.max).contains(&n) => {
                        coefficients.set(name, n);
                    }
                    _ => sink.error(
                        v.span().start,
                        format!(
                            "scoring coefficient \"{name}\" is {i}; it must be {}..{}",
                            spec.min, spec.max
                        ),
                    ),
                },
                None => sink.error(
                    v.span().start,
                    format!(
                        "scoring coefficient \"{name}\" must be an integer, found {}",
                        v.type_name()
                    ),
                ),
            }
        }
        if coefficients.busy_below > coefficients.aligned_at {
            let at = ["busy_below", "aligned_at"]
                .iter()
                .find_map(|k| table.get(k))
                .map_or(sv.span().start, |v| v.span().start);
            sink.error_help(
                at,
                format!(
                    "[scoring] busy_below ({}) is above aligned_at ({})",
                    coefficients.busy_below, coefficients.aligned_at
                ),
                "busy_below must be at most aligned_at".to_string(),
            );
        }
    }
    Some((sv.span().start, coefficients))
}
