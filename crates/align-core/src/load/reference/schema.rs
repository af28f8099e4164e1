//! Reading typed values out of a `toml` `DeTable` while collecting every problem: the
//! schema reader as it was, over the tree the reference loader parses.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{Sink, did_you_mean, unknown_key_help};
pub(super) use crate::schema::Value;
use crate::schema::{ID_HELP, type_name, valid_id};

/// A table being read, with the keys consumed so far.
pub struct Reader<'t, 'i> {
    pub table: &'t DeTable<'i>,
    /// Where to point when a required key is missing: the table's header or `{`.
    pub at: usize,
    /// How to name the table in messages, e.g. `task "T-101"`.
    pub what: String,
    used: Vec<&'static str>,
}

/// A check on a number and how to say it: `(|e| e > 0.0, "greater than 0")`.
pub type Rule = (fn(f64) -> bool, &'static str);

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// Why an id is not valid, for the message: empty, or its first bad character.
fn id_problem(id: &str) -> String {
    match id.chars().find(|&c| !id_char(c)) {
        None => "an id cannot be empty".to_string(),
        Some(' ') => "a space is not allowed".to_string(),
        Some(c) => format!("{c:?} is not allowed"),
    }
}

impl<'t, 'i> Reader<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, at: usize, what: impl Into<String>) -> Self {
        Reader {
            table,
            at,
            what: what.into(),
            used: Vec::new(),
        }
    }

    pub fn raw(&mut self, key: &'static str) -> Option<&'t Value<'i>> {
        self.used.push(key);
        self.table.get(key)
    }

    fn wrong_type(&self, sink: &mut Sink, key: &str, v: &Value<'_>, want: &str) {
        // A float is shown as written, so `weight = inf` says what it found.
        let literal = match v.get_ref() {
            DeValue::Float(f) => format!(" ({})", f.as_str()),
            _ => String::new(),
        };
        sink.error(
            v.span().start,
            format!(
                "\"{key}\" of {} must be {want}, found {}{literal}",
                self.what,
                type_name(v.get_ref())
            ),
        );
    }

    pub fn missing(&self, sink: &mut Sink, key: &str) {
        sink.error(
            self.at,
            format!("{} is missing required key \"{key}\"", self.what),
        );
    }

    pub fn string(&mut self, sink: &mut Sink, key: &'static str) -> Option<(String, usize)> {
        let v = self.raw(key)?;
        if let DeValue::String(s) = v.get_ref() {
            Some((s.to_string(), v.span().start))
        } else {
            self.wrong_type(sink, key, v, "a string");
            None
        }
    }

    pub fn required_string(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
    ) -> Option<(String, usize)> {
        if !self.table.contains_key(key) {
            self.used.push(key);
            self.missing(sink, key);
            return None;
        }
        self.string(sink, key)
    }

    /// An id: a required string of `[A-Za-z0-9_.-]+`. An invalid one is reported and
    /// still returned, so links to it do not fail a second time.
    pub fn id(&mut self, sink: &mut Sink) -> Option<(String, Range<usize>)> {
        let span = self.table.get("id").map(toml::Spanned::span);
        let (id, at) = self.required_string(sink, "id")?;
        if !valid_id(&id) {
            sink.error_help(
                at,
                format!("invalid id {id:?} in {}: {}", self.what, id_problem(&id)),
                ID_HELP.to_string(),
            );
        }
        Some((id, span.unwrap_or(at..at)))
    }

    pub fn int(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let v = self.raw(key)?;
        let DeValue::Integer(i) = v.get_ref() else {
            let want = format!("an integer {}..{}", range.start(), range.end());
            self.wrong_type(sink, key, v, &want);
            return None;
        };
        let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                sink.error(
                    v.span().start,
                    format!(
                        "\"{key}\" of {} is {}; it must be {}..{}",
                        self.what,
                        i,
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    /// A finite number (integer or float), with a check on its value.
    pub fn number(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        check: Option<Rule>,
    ) -> Option<f64> {
        let v = self.raw(key)?;
        let n = number_of(v.get_ref());
        // As the file wrote it: `nan`, `1e309`, `1e308` (not 309 digits of it).
        let written = || match v.get_ref() {
            DeValue::Float(f) => f.as_str().to_string(),
            DeValue::Integer(i) => i.as_str().to_string(),
            _ => String::new(),
        };
        match n {
            None => {
                let want = match check {
                    Some((_, rule)) => format!("a number {rule}"),
                    None => "a number".to_string(),
                };
                self.wrong_type(sink, key, v, &want);
                None
            }
            Some(n) if !n.is_finite() => {
                // `nan`, `inf`, or a literal too big for a float (1e309).
                sink.error_help(
                    v.span().start,
                    format!(
                        "\"{key}\" of {} must be a finite number, found {}",
                        self.what,
                        written()
                    ),
                    "nan and inf cannot be scored; write an ordinary number".to_string(),
                );
                None
            }
            Some(n) => match check {
                Some((ok, rule)) if !ok(n) => {
                    sink.error(
                        v.span().start,
                        format!(
                            "\"{key}\" of {} is {}; it must be {rule}",
                            self.what,
                            written()
                        ),
                    );
                    None
                }
                _ => Some(n),
            },
        }
    }

    pub fn boolean(&mut self, sink: &mut Sink, key: &'static str) -> Option<bool> {
        let v = self.raw(key)?;
        if let DeValue::Boolean(b) = v.get_ref() {
            Some(*b)
        } else {
            self.wrong_type(sink, key, v, "true or false");
            None
        }
    }

    pub fn date(&mut self, sink: &mut Sink, key: &'static str) -> Option<NaiveDate> {
        let v = self.raw(key)?;
        let what = &self.what;
        date_of(sink, v, &format!("\"{key}\" of {what}"))
    }

    /// One of a fixed set of words; the error lists the allowed ones.
    pub fn choice<T>(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        allowed: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let (s, at) = self.string(sink, key)?;
        let parsed = parse(&s);
        if parsed.is_none() {
            let mut help = format!("allowed: {}", allowed.join(", "));
            if let Some(dym) = did_you_mean(&s, allowed.iter().copied()) {
                help = format!("{dym} {help}");
            }
            sink.error_help(at, format!("invalid {key} {s:?} for {}", self.what), help);
        }
        parsed
    }

    pub fn array(&mut self, sink: &mut Sink, key: &'static str) -> Option<&'t DeArray<'i>> {
        let v = self.raw(key)?;
        if let DeValue::Array(a) = v.get_ref() {
            Some(a)
        } else {
            self.wrong_type(sink, key, v, "an array");
            None
        }
    }

    /// An array of strings, each with its span.
    pub fn strings(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
    ) -> Option<Vec<(String, Range<usize>)>> {
        if let Some(v) = self.table.get(key)
            && let DeValue::String(s) = v.get_ref()
        {
            self.used.push(key);
            sink.error_help(
                v.span().start,
                format!("\"{key}\" of {} must be an array of strings", self.what),
                format!("write {key} = [{s:?}]"),
            );
            return None;
        }
        let a = self.array(sink, key)?;
        let mut out = Vec::with_capacity(a.len());
        for e in a {
            match e.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), e.span())),
                other => sink.error(
                    e.span().start,
                    format!(
                        "\"{key}\" of {} must hold strings, found {}",
                        self.what,
                        type_name(other)
                    ),
                ),
            }
        }
        Some(out)
    }

    /// Warn about keys nobody asked for: they are kept in the file, but may be typos.
    pub fn finish(self, sink: &mut Sink, known: &[&'static str]) {
        for (k, v) in self.table {
            let name = k.get_ref().as_ref();
            if self.used.contains(&name) || known.contains(&name) {
                continue;
            }
            let help = unknown_key_help(name, known);
            let _ = v;
            sink.warning(
                k.span().start,
                format!("unknown key {name:?} in {}, kept as is", self.what),
                help,
            );
        }
    }
}

pub fn number_of(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        _ => None,
    }
}

pub fn date_of(sink: &mut Sink, v: &Value<'_>, what: &str) -> Option<NaiveDate> {
    let DeValue::Datetime(dt) = v.get_ref() else {
        sink.error_help(
            v.span().start,
            format!("{what} must be a date, found {}", type_name(v.get_ref())),
            "write a bare TOML date like 2026-11-30, without quotes".to_string(),
        );
        return None;
    };
    if let (Some(d), None) = (dt.date, dt.time) {
        let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day));
        if date.is_none() {
            sink.error(v.span().start, format!("{what} is not a calendar date"));
        }
        date
    } else {
        sink.error_help(
            v.span().start,
            format!("{what} must be a date, found a time or date-time"),
            "write a bare TOML date like 2026-11-30".to_string(),
        );
        None
    }
}
