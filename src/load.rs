//! Loading: files on disk to a validated [`Workspace`], or every problem found.
//!
//! A workspace is one file or a directory of `*.toml` files. Each file is parsed once
//! into a spanned TOML tree, walked into the model with [`crate::schema`], and then the
//! whole workspace is cross-checked ([`crate::validate`]): ids, links, parents. Any error
//! means no workspace — callers never get half a model they might write back.

use std::path::{Path, PathBuf};

use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{Diagnostic, LoadError, Severity, Sink};
use crate::model::*;
use crate::schema::{Reader, Value, date_of, is_header, number_of, type_name, valid_id, value_end};
use crate::scoring::Coefficients;

/// A loaded workspace and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    pub warnings: Vec<Diagnostic>,
}

/// The only format version this align reads.
pub const VERSION: i64 = 1;
/// The largest `effort` a task may have: far beyond any real estimate, and small enough
/// that the effort of millions of tasks adds up without overflowing.
pub const MAX_EFFORT: f64 = 1_000_000.0;

const WORKSPACE_KEYS: &[&str] = &["name", "mission", "lens", "stale_after_days"];
const GOAL_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "parent",
    "weight",
    "horizon",
    "start",
    "due",
    "status",
    "owner",
    "key_results",
];
const KR_KEYS: &[&str] = &[
    "id", "title", "unit", "start", "target", "current", "checkins",
];
const CHECKIN_KEYS: &[&str] = &["date", "value", "confidence", "note"];
const TASK_KEYS: &[&str] = &[
    "id", "title", "status", "goals", "impact", "effort", "due", "done", "urgent", "owner", "tags",
    "source",
];
const TOP_KEYS: &[&str] = &["version", "workspace", "scoring", "goals", "tasks"];

/// The files of a workspace path: the file itself, or a directory's `*.toml` by name.
pub fn workspace_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_some_and(|e| e == "toml") && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(LoadError::EmptyDirectory {
            path: path.to_path_buf(),
        });
    }
    Ok(files)
}

/// Load and validate a workspace file or directory.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let mut sources = Vec::new();
    for file in workspace_files(path)? {
        let bytes = std::fs::read(&file).map_err(|source| LoadError::Io {
            path: file.clone(),
            source,
        })?;
        sources.push((file, bytes));
    }
    load_sources(path, sources)
}

/// Load a workspace from file contents already in memory (`(path, bytes)` per file).
pub fn load_sources(root: &Path, sources: Vec<(PathBuf, Vec<u8>)>) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    for (path, bytes) in sources {
        match String::from_utf8(bytes) {
            Ok(text) => files.push(SourceFile { path, text }),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                // The prefix is valid UTF-8 by construction.
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let mut sink = Sink::new(&path, &prefix);
                sink.error(valid, "file is not valid UTF-8 (TOML files must be UTF-8)");
                diags.extend(sink.out);
            }
        }
    }
    let mut parts = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let mut sink = Sink::new(&file.path, &file.text);
        if let Some(part) = read_file(&mut sink, index, &file.text) {
            parts.push(part);
        }
        diags.extend(sink.out);
    }
    let ws = assemble(root, files, parts, &mut diags);
    // In reading order: file, then line and column (files are sorted by path).
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let (errors, warnings): (Vec<_>, Vec<_>) = diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    match ws {
        Some(workspace) if errors.is_empty() => Ok(Loaded {
            workspace,
            warnings,
        }),
        _ => Err(LoadError::Invalid { errors, warnings }),
    }
}

/// A one-file workspace from its text, for unit tests: panics when it does not load.
#[cfg(test)]
pub(crate) fn load_text(text: &str) -> Workspace {
    let path = PathBuf::from("align.toml");
    load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
        .map(|l| l.workspace)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// What one file contributes.
struct Part {
    /// Top-level keys, each with whether it is an array of `[[tables]]`.
    keys: Vec<(String, bool)>,
    /// Where each top-level `[table]` and `[[array]]` element header starts.
    headers: Vec<usize>,
    file: usize,
    /// The version number, or the type found instead of an integer, and where.
    version: Option<(Result<i64, &'static str>, usize)>,
    settings: Option<Settings>,
    scoring: Option<(usize, Coefficients)>,
    /// Each goal with where its `parent` value starts.
    goals: Vec<(Goal, Option<usize>)>,
    tasks: Vec<(Task, Vec<std::ops::Range<usize>>)>,
}

struct Settings {
    at: usize,
    name: Option<String>,
    mission: Option<String>,
    lens: Lens,
    stale_after_days: u32,
}

fn shift_range(r: &mut std::ops::Range<usize>, by: usize) {
    r.start += by;
    r.end += by;
}

fn shift_goal(g: &mut Goal, by: usize) {
    shift_range(&mut g.origin.span, by);
    shift_range(&mut g.block, by);
    for k in &mut g.key_results {
        shift_range(&mut k.origin.span, by);
    }
}

fn shift_task(t: &mut Task, by: usize) {
    shift_range(&mut t.origin.span, by);
    shift_range(&mut t.layout.block, by);
    t.layout.last_value_end += by;
    if let Some(r) = &mut t.layout.goals_value {
        shift_range(r, by);
    }
}

/// The first element of the top-level array `key` of a one-item block, or the block
/// itself when it is an inline `{ … }` table.
fn reread<'i, T>(
    path: &Path,
    file: usize,
    block: &'i str,
    key: &str,
    read: impl FnOnce(&mut Sink, usize, &Value<'i>) -> Option<T>,
) -> Result<T, String> {
    let mut sink = Sink::new(path, block);
    let item = if block.starts_with('{') {
        let v = DeValue::parse(block).map_err(|e| e.message().to_string())?;
        read(&mut sink, file, &v)
    } else {
        let doc = DeTable::parse(block).map_err(|e| e.message().to_string())?;
        let v = match doc.get_ref().get(key).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items.iter().next(),
            _ => None,
        }
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
    file: usize,
    block: &str,
    base: usize,
) -> Result<Task, String> {
    let (mut task, _) = reread(path, file, block, "tasks", |sink, file, v| {
        read_task(sink, file, 0, v, block)
    })?;
    shift_task(&mut task, base);
    task.layout.block = base..base + block.len();
    Ok(task)
}

/// Read one goal again (with its key results) from its block of text after an edit.
pub(crate) fn reread_goal(
    path: &Path,
    file: usize,
    block: &str,
    base: usize,
) -> Result<Goal, String> {
    let (mut goal, _) = reread(path, file, block, "goals", |sink, file, v| {
        read_goal(sink, file, 0, v)
    })?;
    shift_goal(&mut goal, base);
    goal.block = base..base + block.len();
    Ok(goal)
}

impl Part {
    /// Move every recorded position by `by` bytes: a piece read on its own to its place
    /// in the file.
    fn shift(&mut self, by: usize) {
        if let Some((_, at)) = &mut self.version {
            *at += by;
        }
        if let Some(s) = &mut self.settings {
            s.at += by;
        }
        if let Some((at, _)) = &mut self.scoring {
            *at += by;
        }
        for h in &mut self.headers {
            *h += by;
        }
        for (g, parent) in &mut self.goals {
            shift_goal(g, by);
            if let Some(p) = parent {
                *p += by;
            }
        }
        for (t, links) in &mut self.tasks {
            shift_task(t, by);
            for r in links {
                shift_range(r, by);
            }
        }
    }
}

/// Files at least this large are read in pieces, in parallel.
const PIECES_FROM: usize = 1 << 20;

fn read_file(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
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
    read_document(sink, file, text)
}

/// Read a large file as pieces parsed in parallel (see [`crate::chunks`]). `None` when
/// any piece has an error or the pieces do not join cleanly: the caller then reads the
/// whole document, which reports every problem exactly.
fn read_pieces(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let target = (text.len() / (threads * 4)).max(PIECES_FROM / 8);
    let starts = crate::chunks::split(text, target);
    if starts.len() < 2 {
        return None;
    }
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(text.len()))
        .collect();
    let path = sink.path;
    let read_piece = |range: &std::ops::Range<usize>| {
        let mut piece_sink = Sink::at_base(path, text, range.start);
        let part = read_document(&mut piece_sink, file, &text[range.clone()]);
        let clean = !piece_sink.out.iter().any(|d| d.severity == Severity::Error);
        match part {
            Some(mut part) if clean => {
                part.shift(range.start);
                Some((part, piece_sink.out))
            }
            _ => None,
        }
    };
    let pieces: Vec<Option<(Part, Vec<Diagnostic>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(ranges.len()))
            .map(|w| {
                let ranges = &ranges;
                let read_piece = &read_piece;
                scope.spawn(move || {
                    ranges
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| k % threads == w)
                        .map(|(k, r)| (k, read_piece(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<_> = workers
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        all.sort_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, p)| p).collect()
    });
    if pieces.len() != ranges.len() {
        return None;
    }
    let mut pieces = pieces.into_iter();
    let (mut whole, mut diags) = pieces.next()??;
    for piece in pieces {
        let (part, more) = piece?;
        for (key, array) in &part.keys {
            let joins = *array
                && matches!(key.as_str(), "goals" | "tasks")
                && whole.keys.iter().all(|(k, a)| k != key || *a);
            if whole.keys.iter().any(|(k, _)| k == key) && !joins {
                return None;
            }
            if !whole.keys.iter().any(|(k, _)| k == key) {
                whole.keys.push((key.clone(), *array));
            }
        }
        if part.version.is_some() || part.settings.is_some() || part.scoring.is_some() {
            return None;
        }
        whole.headers.extend(part.headers);
        whole.goals.extend(part.goals);
        whole.tasks.extend(part.tasks);
        diags.extend(more);
    }
    sink.out.extend(diags);
    Some(whole)
}

fn read_document(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
    // TOML allows no NUL anywhere; the parser would call it an unquoted string value.
    if let Some(at) = text.find('\0') {
        sink.error_help(
            at,
            "NUL byte: the file looks binary, not TOML text",
            "is this the right file? A workspace is a plain-text .toml file".to_string(),
        );
        return None;
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut last_line = 0;
        for e in errors.iter().take(20) {
            let at = e.span().map_or(0, |s| s.start);
            let line = sink.at(at).0;
            if line != last_line {
                sink.error(at, format!("TOML syntax: {}", e.message()));
                last_line = line;
            }
        }
        return None;
    }
    let doc = doc.get_ref();
    let mut top = Reader::new(doc, 0, "the workspace file");
    let version = top.raw("version").map(|v| {
        let at = v.span().start;
        match v.get_ref() {
            DeValue::Integer(i) => (
                i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| "a huge integer"),
                at,
            ),
            other => (Err(type_name(other)), at),
        }
    });
    let settings = top.raw("workspace").and_then(|v| read_settings(sink, v));
    let scoring = top.raw("scoring").and_then(|v| read_scoring(sink, v));
    let mut goals = Vec::new();
    if let Some(list) = entries(sink, &mut top, "goals") {
        for (n, v) in list.iter().enumerate() {
            if let Some(g) = read_goal(sink, file, n, v) {
                goals.push(g);
            }
        }
    }
    let mut tasks = Vec::new();
    if let Some(list) = entries(sink, &mut top, "tasks") {
        for (n, v) in list.iter().enumerate() {
            if let Some(t) = read_task(sink, file, n, v, text) {
                tasks.push(t);
            }
        }
    }
    top.finish(sink, TOP_KEYS);
    let keys = doc
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), is_header(v, text)))
        .collect();
    let mut headers = Vec::new();
    for (_, v) in doc.iter().filter(|(_, v)| is_header(v, text)) {
        match v.get_ref() {
            DeValue::Array(items) => headers.extend(items.iter().map(|e| e.span().start)),
            _ => headers.push(v.span().start),
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
    })
}

/// `[[goals]]` / `[[tasks]]`; a single `[tasks]` table gets a hint about the brackets.
fn entries<'t, 'i>(
    sink: &mut Sink,
    top: &mut Reader<'t, 'i>,
    key: &'static str,
) -> Option<&'t DeArray<'i>> {
    if let Some(v) = top.table.get(key)
        && let DeValue::Table(_) = v.get_ref()
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

fn as_table<'t, 'i>(sink: &mut Sink, v: &'t Value<'i>, what: &str) -> Option<&'t DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            sink.error(
                v.span().start,
                format!("{what} must be a table, found {}", type_name(other)),
            );
            None
        }
    }
}

fn read_settings(sink: &mut Sink, v: &Value<'_>) -> Option<Settings> {
    let at = v.span().start;
    let table = as_table(sink, v, "[workspace]")?;
    let mut r = Reader::new(table, at, "[workspace]");
    let name = r.string(sink, "name").map(|s| s.0);
    let mission = r.string(sink, "mission").map(|s| s.0);
    let lens = r
        .choice(sink, "lens", Lens::ALL, Lens::parse)
        .unwrap_or(Lens::Strategy);
    let stale_after_days = r.int(sink, "stale_after_days", 1..=3650).unwrap_or(14) as u32;
    r.finish(sink, WORKSPACE_KEYS);
    Some(Settings {
        at,
        name,
        mission,
        lens,
        stale_after_days,
    })
}

/// `[scoring]`: overrides of the default coefficients, each checked against its range.
fn read_scoring(sink: &mut Sink, sv: &Value<'_>) -> Option<(usize, Coefficients)> {
    let mut coefficients = Coefficients::default();
    let table = as_table(sink, sv, "[scoring]")?;
    {
        for (k, v) in table.iter() {
            let name = k.get_ref().as_ref();
            let Some(spec) = crate::scoring::COEFFICIENTS.iter().find(|c| c.name == name) else {
                let names = crate::scoring::COEFFICIENTS.iter().map(|c| c.name);
                sink.warning(
                    k.span().start,
                    format!("unknown scoring coefficient {name:?}, kept as is but not used"),
                    crate::diag::did_you_mean(name, names),
                );
                continue;
            };
            match v.get_ref() {
                DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(n) if (spec.min..=spec.max).contains(&n) => {
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
                other => sink.error(
                    v.span().start,
                    format!(
                        "scoring coefficient \"{name}\" must be an integer, found {}",
                        type_name(other)
                    ),
                ),
            }
        }
        if coefficients.busy_below > coefficients.aligned_at {
            let at = ["busy_below", "aligned_at"]
                .iter()
                .find_map(|k| table.get(*k))
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

fn read_goal(
    sink: &mut Sink,
    file: usize,
    n: usize,
    v: &Value<'_>,
) -> Option<(Goal, Option<usize>)> {
    let at = v.span().start;
    let table = as_table(sink, v, &format!("goal #{}", n + 1))?;
    let label = match table.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if valid_id(s) => format!("goal {s:?}"),
        _ => format!("goal #{}", n + 1),
    };
    let mut r = Reader::new(table, at, label);
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let kind = r
        .choice(sink, "kind", GoalKind::ALL, GoalKind::parse)
        .unwrap_or(GoalKind::Objective);
    let parent = r.string(sink, "parent");
    let weight = r.int(sink, "weight", 1..=5).unwrap_or(3) as u8;
    let horizon = r.choice(sink, "horizon", Horizon::ALL, Horizon::parse);
    let start = r.date(sink, "start");
    let due = r.date(sink, "due");
    let status = r
        .choice(sink, "status", GoalStatus::ALL, GoalStatus::parse)
        .unwrap_or(GoalStatus::Active);
    let owner = r.string(sink, "owner").map(|s| s.0);
    if let (Some(s), Some(d)) = (start, due)
        && d < s
    {
        let at = table.get("due").map_or(at, |v| v.span().start);
        sink.error(
            at,
            format!("{} is due ({d}) before it starts ({s})", r.what),
        );
    }
    let mut key_results = Vec::new();
    if let Some(list) = r.array(sink, "key_results") {
        for (k, v) in list.iter().enumerate() {
            if let Some(kr) = read_key_result(sink, file, &r.what, k, v) {
                key_results.push(kr);
            }
        }
    }
    r.finish(sink, GOAL_KEYS);
    let (id, span) = id?;
    // A missing title is already an error; the goal is kept so links to it still resolve.
    let goal = Goal {
        id,
        title: title.unwrap_or_default(),
        kind,
        parent: parent.as_ref().map(|p| p.0.clone()),
        weight,
        horizon,
        start,
        due,
        status,
        owner,
        key_results,
        origin: Origin { file, span },
        // Extended to the next top-level table once the whole file is read.
        block: v.span(),
    };
    Some((goal, parent.map(|p| p.1)))
}

fn read_key_result(
    sink: &mut Sink,
    file: usize,
    goal: &str,
    n: usize,
    v: &Value<'_>,
) -> Option<KeyResult> {
    let at = v.span().start;
    let table = as_table(sink, v, &format!("key result #{} of {goal}", n + 1))?;
    let label = match table.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if valid_id(s) => format!("key result {s:?} of {goal}"),
        _ => format!("key result #{} of {goal}", n + 1),
    };
    let mut r = Reader::new(table, at, label);
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let unit = r.string(sink, "unit").map(|s| s.0);
    let start = r.number(sink, "start", None).unwrap_or(0.0);
    if !table.contains_key("target") {
        r.missing(sink, "target");
    }
    let target = r.number(sink, "target", None);
    if let Some(t) = target
        && t == start
    {
        let at = table.get("target").map_or(at, |v| v.span().start);
        sink.error_help(
            at,
            format!(
                "{} has target equal to start ({t}): progress is undefined",
                r.what
            ),
            "set start to where the measure was when the goal began".to_string(),
        );
    }
    let mut checkins = Vec::new();
    if let Some(list) = r.array(sink, "checkins") {
        for (k, v) in list.iter().enumerate() {
            if let Some(c) = read_checkin(sink, &r.what, k, v) {
                checkins.push(c);
            }
        }
    }
    let current = r.number(sink, "current", None).unwrap_or_else(|| {
        checkins
            .iter()
            .max_by_key(|c: &&Checkin| c.date)
            .map_or(start, |c| c.value)
    });
    r.finish(sink, KR_KEYS);
    let (id, span) = id?;
    // A missing title or target is already an error; the key result is kept so links to
    // it still resolve.
    Some(KeyResult {
        id,
        title: title.unwrap_or_default(),
        unit,
        start,
        target: target.unwrap_or(start),
        current,
        checkins,
        origin: Origin { file, span },
    })
}

fn read_checkin(sink: &mut Sink, kr: &str, n: usize, v: &Value<'_>) -> Option<Checkin> {
    let what = format!("check-in #{} of {kr}", n + 1);
    let table = as_table(sink, v, &what)?;
    let mut r = Reader::new(table, v.span().start, what);
    let date = match r.raw("date") {
        Some(d) => date_of(sink, d, &format!("\"date\" of {}", r.what)),
        None => {
            r.missing(sink, "date");
            None
        }
    };
    let value = match table.get("value") {
        Some(v) if number_of(v.get_ref()).is_some() => r.number(sink, "value", None),
        Some(_) => r.number(sink, "value", None),
        None => {
            r.missing(sink, "value");
            None
        }
    };
    let confidence = r.number(
        sink,
        "confidence",
        Some((|c| (0.0..=1.0).contains(&c), "0..1")),
    );
    let note = r.string(sink, "note").map(|s| s.0);
    r.finish(sink, CHECKIN_KEYS);
    Some(Checkin {
        date: date?,
        value: value?,
        confidence,
        note,
    })
}

type TaskWithLinkSpans = (Task, Vec<std::ops::Range<usize>>);

fn read_task(
    sink: &mut Sink,
    file: usize,
    n: usize,
    v: &Value<'_>,
    text: &str,
) -> Option<TaskWithLinkSpans> {
    let at = v.span().start;
    let table = as_table(sink, v, &format!("task #{}", n + 1))?;
    let label = match table.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if valid_id(s) => format!("task {s:?}"),
        _ => format!("task #{}", n + 1),
    };
    let mut r = Reader::new(table, at, label);
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let status = r
        .choice(sink, "status", TaskStatus::ALL, TaskStatus::parse)
        .unwrap_or(TaskStatus::Todo);
    let links = r.strings(sink, "goals").unwrap_or_default();
    let impact = r.int(sink, "impact", 1..=5).map(|i| i as u8);
    let effort = r
        .number(
            sink,
            "effort",
            Some((
                |e| e > 0.0 && e <= MAX_EFFORT,
                "greater than 0 and at most 1000000",
            )),
        )
        .unwrap_or(1.0);
    let due = r.date(sink, "due");
    let done = r.date(sink, "done");
    let urgent = r.boolean(sink, "urgent").unwrap_or(false);
    let owner = r.string(sink, "owner").map(|s| s.0);
    let tags = r
        .strings(sink, "tags")
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.0)
        .collect();
    let source = r.string(sink, "source").map(|s| s.0);
    r.finish(sink, TASK_KEYS);

    let inline = text.get(at..).is_some_and(|t| t.starts_with('{'));
    let last_value_end = table
        .iter()
        .filter(|(_, v)| !is_header(v, text))
        .map(|(_, v)| value_end(v, text))
        .max()
        .unwrap_or(v.span().end);
    let layout = TaskLayout {
        goals_value: table
            .get("goals")
            .filter(|v| matches!(v.get_ref(), DeValue::Array(_)))
            .map(|v| v.span()),
        last_value_end,
        inline,
        // Extended to the next top-level table once the whole file is read.
        block: v.span(),
    };
    let (id, span) = id?;
    let (goals, spans) = links.into_iter().unzip();
    Some((
        Task {
            id,
            // A missing title is already an error; the task is kept for the id checks.
            title: title.unwrap_or_default(),
            status,
            goals,
            impact,
            effort,
            due,
            done,
            urgent,
            owner,
            tags,
            source,
            origin: Origin { file, span },
            layout,
        },
        spans,
    ))
}

/// A `[[goals]]` or `[[tasks]]` element owns the bytes up to the next top-level header.
fn stretch_blocks(part: &mut Part, text: &str) {
    part.headers.sort_unstable();
    let headers = &part.headers;
    let end_of = |start: usize| {
        let next = headers.partition_point(|&h| h <= start);
        headers.get(next).copied().unwrap_or(text.len())
    };
    let is_header = |at: usize| text.as_bytes().get(at) == Some(&b'[');
    for (g, _) in &mut part.goals {
        if is_header(g.block.start) {
            g.block.end = end_of(g.block.start);
        }
    }
    for (t, _) in &mut part.tasks {
        if is_header(t.layout.block.start) {
            t.layout.block.end = end_of(t.layout.block.start);
        }
    }
}

fn assemble(
    root: &Path,
    files: Vec<SourceFile>,
    parts: Vec<Part>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Workspace> {
    let mut settings: Option<(usize, Settings)> = None;
    let mut first_settings: Option<usize> = None;
    for part in &parts {
        let file = &files[part.file];
        let mut sink = Sink::new(&file.path, &file.text);
        let holds_workspace = part.settings.is_some() || parts.len() == 1;
        match part.version {
            Some((Ok(VERSION), _)) => {}
            Some((Ok(v), at)) => sink.error_help(
                at,
                format!("unsupported version {v}"),
                format!("this align reads format version {VERSION}"),
            ),
            Some((Err(found), at)) => sink.error_help(
                at,
                format!("\"version\" must be the integer {VERSION}, found {found}"),
                format!("write `version = {VERSION}`, without quotes or decimals"),
            ),
            None if holds_workspace => sink.error_help(
                0,
                "missing \"version\"",
                format!("add `version = {VERSION}` at the top of the file"),
            ),
            None => {}
        }
        if let Some(s) = &part.settings {
            match first_settings {
                Some(first) => sink.error(
                    s.at,
                    format!(
                        "a second [workspace] table; the first is in {}",
                        files[first].path.display()
                    ),
                ),
                None => first_settings = Some(part.file),
            }
        }
        diags.extend(sink.out);
    }
    let mut goals = Vec::new();
    let mut tasks = Vec::new();
    let mut scoring: Option<(usize, Coefficients)> = None;
    for mut part in parts {
        let file = part.file;
        stretch_blocks(&mut part, &files[file].text);
        if let Some((at, c)) = part.scoring {
            if let Some((first, _)) = &scoring {
                let file = &files[part.file];
                let mut sink = Sink::new(&file.path, &file.text);
                sink.error(
                    at,
                    format!(
                        "a second [scoring] table; the first is in {}",
                        files[*first].path.display()
                    ),
                );
                diags.extend(sink.out);
            } else {
                scoring = Some((part.file, c));
            }
        }
        if let Some(s) = part.settings
            && settings.is_none()
        {
            settings = Some((part.file, s));
        }
        goals.extend(part.goals);
        tasks.extend(part.tasks);
    }
    let (link_spans, tasks): (Vec<_>, Vec<_>) = tasks.into_iter().map(|(t, s)| (s, t)).unzip();
    let (goals, parent_spans): (Vec<_>, Vec<_>) = goals.into_iter().unzip();
    crate::validate::check(&files, &goals, &tasks, &link_spans, &parent_spans, diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let settings = settings.map(|s| s.1);
    let default_name = || {
        root.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "workspace".to_string())
    };
    let coefficients = scoring.map(|s| s.1).unwrap_or_default();
    let (name, mission, lens, stale_after_days) = match settings {
        Some(s) => (
            s.name.unwrap_or_else(default_name),
            s.mission,
            s.lens,
            s.stale_after_days,
        ),
        None => (default_name(), None, Lens::Strategy, 14),
    };
    Some(Workspace::new(
        name,
        mission,
        lens,
        stale_after_days,
        coefficients,
        goals,
        tasks,
        files,
        root.to_path_buf(),
    ))
}
