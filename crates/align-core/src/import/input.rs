//! What the two tools' exports have in common, read once for both: instants that become
//! dates in a time zone, titles folded onto one line, tags without repeats, a JSON array
//! (or the one-object-a-line of older Taskwarrior), and goals and key results found by a
//! name the other tool spells its own way.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;

use super::ImportError;
use crate::model::{GoalIx, LinkRef, Workspace};

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

pub(super) fn date_field(
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
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn dedup(mut v: Vec<String>) -> Vec<String> {
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
pub(super) fn json_items<T: for<'de> Deserialize<'de>>(
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

/// Find a goal by id: exactly, else the only one equal ignoring case.
pub(super) fn goal_named(ws: &Workspace, name: &str) -> Option<GoalIx> {
    ws.goal_by_id(name).or_else(|| {
        let mut hits = ws
            .goals_ix()
            .filter(|(_, g)| g.id.eq_ignore_ascii_case(name));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    })
}

pub(super) fn key_result_named(ws: &Workspace, goal: GoalIx, name: &str) -> Option<String> {
    let g = &ws.goals[goal];
    g.key_results
        .iter()
        .find(|k| k.id == name)
        .or_else(|| {
            g.key_results
                .iter()
                .find(|k| k.id.eq_ignore_ascii_case(name))
        })
        .map(|k| LinkRef::key_result(&g.id, &k.id).to_string())
}

#[cfg(test)]
mod tests {
    use crate::import::test_support::*;
    use crate::import::{github, taskwarrior};

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
}
