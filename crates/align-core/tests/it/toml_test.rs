//! align's TOML layer (`align_core::load::doc`, below the workspace schema) against the
//! toml-test suite's TOML 1.1 files (`tests/toml-test/`, see its README): every valid
//! document parses, to exactly the values its `.json` gives; every invalid one is
//! refused — as the loader refuses it: a file that is not UTF-8 before it is parsed, any
//! other by the parser.
//!
//! The loader also refuses some valid TOML on purpose, above this layer: a file with a
//! NUL byte (TOML forbids it anyway), an empty file (not a workspace), arrays and inline
//! tables nested more than 80 deep. No file of the suite is affected, so none is listed
//! as an exception here.

use std::path::PathBuf;

use align_core::load::doc::{Doc, Item, Kind, Scratch};
use serde_json::{Map, Value, json};

fn suite() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/toml-test")
}

/// The suite's TOML 1.1 files, `valid/…` or `invalid/…`.
fn files(group: &str) -> Vec<String> {
    let list = std::fs::read_to_string(suite().join("files-toml-1.1.0")).expect("the list");
    list.lines()
        .filter(|f| f.starts_with(group) && f.ends_with(".toml"))
        .map(str::to_string)
        .collect()
}

/// A date-time's toml-test type: with an offset, local, a local date or a local time.
fn datetime_type(dt: &toml::value::Datetime) -> &'static str {
    match (dt.date.is_some(), dt.time.is_some(), dt.offset.is_some()) {
        (true, true, true) => "datetime",
        (true, true, false) => "datetime-local",
        (true, false, _) => "date-local",
        _ => "time-local",
    }
}

/// A value in toml-test's tagged JSON.
fn tagged(item: Item<'_>) -> Value {
    let scalar = |ty: &str, value: String| json!({ "type": ty, "value": value });
    match item.kind() {
        Kind::Table => {
            let table = item.as_table().expect("a table");
            let mut map = Map::new();
            for (k, v) in table.iter() {
                map.insert(k.as_str().to_string(), tagged(v));
            }
            Value::Object(map)
        }
        Kind::Array => Value::Array(
            item.as_array()
                .expect("an array")
                .iter()
                .map(tagged)
                .collect(),
        ),
        Kind::String => scalar("string", item.as_str().expect("a string").into_owned()),
        Kind::Integer => scalar(
            "integer",
            item.as_integer().expect("an integer").value().to_string(),
        ),
        Kind::Float => scalar("float", item.float_text().expect("a float").into_owned()),
        Kind::Boolean(b) => scalar("bool", b.to_string()),
        Kind::Datetime => {
            let dt = item.as_datetime().expect("a date-time");
            scalar(datetime_type(&dt), dt.to_string())
        }
    }
}

/// A date-time with its seconds and fraction written out: TOML 1.1 lets `07:32` stand
/// for `07:32:00`.
fn normal(mut dt: toml::value::Datetime) -> toml::value::Datetime {
    if let Some(t) = &mut dt.time {
        t.second = Some(t.second.unwrap_or(0));
        t.nanosecond = Some(t.nanosecond.unwrap_or(0));
    }
    dt
}

/// `expected` and `got` hold the same TOML: floats compared as numbers, date-times as
/// date-times.
fn same(expected: &Value, got: &Value, at: &str) -> Result<(), String> {
    let differ = || Err(format!("at {at}: expected {expected}, got {got}"));
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) if e.contains_key("type") && e.len() == 2 => {
            let (ety, gty) = (&e["type"], &g["type"]);
            let (ev, gv) = (e["value"].as_str(), g.get("value").and_then(Value::as_str));
            let (Some(ev), Some(gv)) = (ev, gv) else {
                return differ();
            };
            if ety != gty {
                return differ();
            }
            let equal = match ety.as_str() {
                Some("float") => {
                    let (a, b) = (ev.parse::<f64>(), gv.parse::<f64>());
                    matches!((a, b), (Ok(a), Ok(b)) if a == b || (a.is_nan() && b.is_nan()))
                }
                Some(t) if t.starts_with("datetime") || t.ends_with("-local") => {
                    let a = ev.parse().map(normal);
                    let b = gv.parse().map(normal);
                    matches!((a, b), (Ok(a), Ok(b)) if a == b)
                }
                _ => ev == gv,
            };
            if equal { Ok(()) } else { differ() }
        }
        (Value::Object(e), Value::Object(g)) => {
            if e.len() != g.len() || e.keys().any(|k| !g.contains_key(k)) {
                return differ();
            }
            e.iter()
                .try_for_each(|(k, v)| same(v, &g[k], &format!("{at}.{k}")))
        }
        (Value::Array(e), Value::Array(g)) => {
            if e.len() != g.len() {
                return differ();
            }
            e.iter()
                .zip(g)
                .enumerate()
                .try_for_each(|(i, (a, b))| same(a, b, &format!("{at}[{i}]")))
        }
        _ => differ(),
    }
}

#[test]
fn every_valid_document_parses_to_its_values() {
    let files = files("valid/");
    assert!(files.len() >= 200, "only {} valid files", files.len());
    let mut scratch = Scratch::default();
    let mut failures = Vec::new();
    for f in &files {
        let path = suite().join(f);
        let text = std::fs::read_to_string(&path).expect("valid files are UTF-8");
        let expected: Value = {
            let json = std::fs::read_to_string(path.with_extension("json")).expect("its json");
            serde_json::from_str(&json).expect("the json parses")
        };
        match Doc::parse(&text, &mut scratch) {
            Err(errors) => failures.push(format!("{f}: refused: {errors:?}")),
            Ok(doc) => {
                if let Err(e) = same(&expected, &tagged(doc.root()), "") {
                    failures.push(format!("{f}: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_invalid_document_is_refused() {
    let files = files("invalid/");
    assert!(files.len() >= 480, "only {} invalid files", files.len());
    let mut scratch = Scratch::default();
    let mut accepted = Vec::new();
    for f in &files {
        let bytes = std::fs::read(suite().join(f)).expect("the file");
        // The loader refuses a file that is not UTF-8 before parsing it.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if Doc::parse(&text, &mut scratch).is_ok() {
            accepted.push(f.as_str());
        }
    }
    assert!(accepted.is_empty(), "accepted: {accepted:#?}");
}

#[test]
fn problems_point_at_their_place() {
    let mut scratch = Scratch::default();
    let text = "a = 1\nb = 0x\nc = \"unterminated\n";
    let errors = Doc::parse(text, &mut scratch).err().expect("refused");
    let at: Vec<(usize, &str)> = errors.iter().map(|e| (e.at, e.message.as_str())).collect();
    assert_eq!(
        at,
        [
            (
                12,
                "invalid hexadecimal number, expected digits 0-9 and a-f"
            ),
            (30, "invalid basic string, expected `\"`"),
        ]
    );
}
