//! What the tools' exports have in common, read once for all: instants that become dates
//! in a time zone, titles folded onto one line, tags without repeats, a JSON array (or
//! the one-object-a-line of older Taskwarrior), and goals and key results found by a name
//! the other tool spells its own way.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;

use super::sniff::wrong_tool;
use super::{ImportError, Tool};
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
    /// date — one a TOML file can hold (see [`in_toml_range`]).
    pub(super) fn parse(self, s: &str) -> Option<NaiveDate> {
        let s = s.trim();
        let d = if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ") {
            Some(self.date(t.and_utc()))
        } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            Some(self.date(t.with_timezone(&Utc)))
        } else {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        };
        d.filter(|&d| in_toml_range(d))
    }
}

/// A TOML date has a four-digit year: `99991231T235959Z` is the year 10000 east of
/// Greenwich, and written as it is the workspace would not load again. Such a date is
/// warned about and left out, as an unreadable one is.
pub(super) fn in_toml_range(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (0..=9999).contains(&d.year())
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

/// How often each of some values came up, in the order they first did: the statuses
/// an import did not know, for one note each.
#[derive(Debug, Default)]
pub(super) struct Tally(pub Vec<(String, usize)>);

impl Tally {
    pub fn add(&mut self, value: &str) {
        match self.0.iter_mut().find(|(v, _)| v == value) {
            Some(v) => v.1 += 1,
            None => self.0.push((value.to_string(), 1)),
        }
    }
}

/// The value `name` stands for in `table` (lists of lowercase names), in any case and
/// with a typographic apostrophe (`Won’t Do`) read as `'` — without a lowercase copy of
/// the usual ASCII name, as a status or priority is read once per issue.
pub(super) fn lookup<T: Copy>(name: &str, table: &[(&[&str], T)]) -> Option<T> {
    let find = |name: &str| {
        table
            .iter()
            .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
            .map(|(_, value)| *value)
    };
    if name.is_ascii() {
        find(name)
    } else {
        find(&name.to_lowercase().replace('’', "'"))
    }
}

/// A title on one line, trimmed: every run of white space one space.
pub(super) fn one_line(s: &str) -> String {
    let s = s.trim();
    let mut spaces = s.char_indices().filter(|(_, c)| c.is_whitespace());
    // Most titles are already so: copied as they are.
    if spaces.all(|(i, c)| c == ' ' && !s[i + 1..].starts_with(char::is_whitespace)) {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each name once, in first-seen order, empty ones left out: linear in the list (a
/// hostile export may carry 50,000 tags on one task).
pub(super) fn dedup(v: Vec<String>) -> Vec<String> {
    unique(v, |x| !x.is_empty())
}

/// Each item of `v` that `keep` takes, once, in first-seen order, by hashing: an item is
/// compared only with those of the same hash, never with every one seen before it.
fn unique<T: Eq + std::hash::Hash + Clone>(v: Vec<T>, keep: impl Fn(&T) -> bool) -> Vec<T> {
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(v.len());
    v.into_iter()
        .filter(|x| keep(x) && seen.insert(x.clone()))
        .collect()
}

/// Parse a JSON array of `T`, or (older exports) objects one after another. Input that
/// does not read as `tool`'s but is another tool's export says so.
pub(super) fn json_items<T: for<'de> Deserialize<'de>>(
    tool: Tool,
    label: &str,
    input: &[u8],
) -> Result<Vec<T>, ImportError> {
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
    let items = if trimmed.starts_with('{') {
        serde_json::Deserializer::from_str(trimmed)
            .into_iter::<T>()
            .collect::<Result<Vec<T>, _>>()
    } else {
        serde_json::from_str(trimmed)
    };
    items.map_err(|e| {
        wrong_tool(tool, label, input).unwrap_or_else(|| ImportError::Input {
            label: label.to_string(),
            message: format!("not valid JSON for this import: {e}"),
        })
    })
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

/// Goal `goal`'s key result `name` names: its id (exactly, else ignoring case), else its
/// title ignoring case, as a `goal/kr` link.
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
        // Teams number key results (`kr1`) and name milestones after them.
        .or_else(|| {
            let name = name.trim();
            g.key_results
                .iter()
                .find(|k| k.title.trim().to_lowercase() == name.to_lowercase())
        })
        .map(|k| LinkRef::key_result(&g.id, &k.id).to_string())
}

#[cfg(test)]
mod tests {
    use crate::import::test_support::*;
    use crate::import::{github, taskwarrior};

    #[test]
    fn fifty_thousand_tags_are_deduplicated_in_order_in_linear_time() {
        // A Vec's `contains` per tag took 3 s for 50,000 tags and 41 s for 200,000.
        let tags: Vec<String> = (0..50_000)
            .flat_map(|i| [format!("t{i}"), String::new(), format!("t{}", i / 2)])
            .collect();
        let kept = super::super::input::dedup(tags);
        assert_eq!(kept.len(), 50_000);
        assert_eq!(&kept[..4], ["t0", "t1", "t2", "t3"]);
        assert_eq!(kept.last().map(String::as_str), Some("t49999"));
    }

    /// A tag that counts how often it is compared with another.
    #[derive(Clone)]
    struct Counted<'c>(String, &'c std::cell::Cell<usize>);
    impl PartialEq for Counted<'_> {
        fn eq(&self, other: &Self) -> bool {
            self.1.set(self.1.get() + 1);
            self.0 == other.0
        }
    }
    impl Eq for Counted<'_> {}
    impl std::hash::Hash for Counted<'_> {
        fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
            self.0.hash(h);
        }
    }

    #[test]
    fn each_tag_is_compared_a_bounded_number_of_times_not_with_every_tag_before_it() {
        // Linear time without a clock: 4,000 distinct tags and 2,000 repeats. Looking each
        // up among those seen (a Vec's `contains`) makes millions of comparisons.
        let comparisons = std::cell::Cell::new(0);
        let tags: Vec<Counted<'_>> = (0..6_000)
            .map(|i| Counted(format!("t{}", i % 4_000), &comparisons))
            .collect();
        let kept = super::unique(tags, |_| true);
        assert_eq!(kept.len(), 4_000);
        assert_eq!(kept[3_999].0, "t3999");
        assert!(
            comparisons.get() <= 2 * 6_000,
            "{} comparisons for 6,000 tags",
            comparisons.get()
        );
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
    fn another_tools_export_is_named() {
        let ws = load_text(DEMO);
        let gh =
            br#"[{"number":1,"title":"t","state":"OPEN","url":"https://github.com/a/b/issues/1"}]"#;
        let e = taskwarrior(&ws, "gh.json", gh, utc()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "gh.json: this looks like GitHub's issue JSON (`gh issue list --json …`); use `align import github`"
        );
        let tw = br#"[{"uuid":"a","description":"d","status":"pending"}]"#;
        let e = github(&ws, "tw.json", tw, utc()).unwrap_err();
        assert!(
            e.to_string().ends_with("use `align import taskwarrior`"),
            "{e}"
        );
        let jira = b"\xef\xbb\xbfSummary,Issue key,Status\r\nLabel fix,PAY-1,Done\r\n";
        for e in [
            taskwarrior(&ws, "x.csv", jira, utc()).unwrap_err(),
            github(&ws, "x.csv", jira, utc()).unwrap_err(),
        ] {
            assert_eq!(
                e.to_string(),
                "x.csv: this looks like Jira's CSV export; use `align import jira`"
            );
        }
    }

    #[test]
    fn titles_are_put_on_one_line() {
        use super::one_line;
        for (text, want) in [
            ("Fix the label", "Fix the label"),
            ("  Fix the label ", "Fix the label"),
            ("Fix  the\tlabel", "Fix the label"),
            ("Fix the\r\nlabel\n", "Fix the label"),
            ("Fix\u{a0}the label", "Fix the label"),
            ("", ""),
            (" \n ", ""),
        ] {
            assert_eq!(one_line(text), want, "{text:?}");
        }
    }

    #[test]
    fn json_lines_from_older_taskwarrior_are_read() {
        let ws = load_text(DEMO);
        let lines = "{\"uuid\":\"x\",\"description\":\"a\",\"status\":\"pending\"}\n{\"uuid\":\"y\",\"description\":\"b\",\"status\":\"pending\"}\n";
        assert_eq!(tw(lines, &ws).tasks.len(), 2);
    }
}
