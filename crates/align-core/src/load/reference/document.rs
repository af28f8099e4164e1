//! One file's TOML document, parsed into `toml`'s `DeTable`, walked into what it
//! contributes to the workspace: its version, `[workspace]` and `[scoring]` tables,
//! goals and tasks, and where each top-level table starts (the loader as it was).

use toml::de::{DeArray, DeTable, DeValue};

use super::goal::read_goal;
use super::pieces::read_pieces;
use super::schema::{Reader, Value};
use super::task::read_task;
use crate::diag::Sink;
use crate::load::document::{NEAR_MISSES, Part, Settings, near_miss};
use crate::load::pieces::PIECES_FROM;
use crate::model::Coefficients;
use crate::model::Lens;
use crate::schema::{is_header, type_name};

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

pub(super) fn read_file(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
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

pub(super) fn read_document(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
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
            let (message, help) = near_miss(key, meant, is_header(v, text));
            sink.error_help(v.span().start, message, help);
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
        task_spans,
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

pub(super) fn as_table<'t, 'i>(
    sink: &mut Sink,
    v: &'t Value<'i>,
    what: &str,
) -> Option<&'t DeTable<'i>> {
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
fn read_scoring(sink: &mut Sink, sv: &Value<'_>) -> Option<(usize, Coefficients)> {
    let mut coefficients = Coefficients::default();
    let table = as_table(sink, sv, "[scoring]")?;
    {
        for (k, v) in table {
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
