//! Reading typed values out of a parsed TOML table while collecting every problem.
//!
//! serde's derive stops at the first error; a person fixing a file wants them all, each
//! pointing at the offending value. So tables are walked by hand through this small
//! reader: each getter checks type and range, records a diagnostic on failure, and marks
//! the key as known so the leftovers can be warned about (and kept) at the end. The
//! tables are the loader's own ([`crate::load::doc`]).
//!
//! The edit path and the person's config read small texts through `toml`'s spanned
//! tree instead; [`Value`], [`type_name`], [`is_header`] and [`value_end`] are for them.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::DeValue;

use crate::diag::{Sink, did_you_mean, unknown_key_help};
use crate::load::doc::{Array, Item, Kind, Table};

/// A value of `toml`'s spanned tree.
pub type Value<'i> = Spanned<DeValue<'i>>;

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// True for `[header]` tables and `[[array]]` of tables: they are not part of the
/// key/value lines directly under a table.
pub fn is_header(v: &Value<'_>, text: &str) -> bool {
    let starts = |r: Range<usize>, s: &str| text.get(r).is_some_and(|t| t.starts_with(s));
    match v.get_ref() {
        DeValue::Table(_) => starts(v.span(), "["),
        DeValue::Array(a) => a
            .iter()
            .next()
            .is_some_and(|e| matches!(e.get_ref(), DeValue::Table(_)) && starts(e.span(), "[[")),
        _ => false,
    }
}

/// Where a value's text ends. A table made by dotted keys (`meta.note = "x"`) spans only
/// its first key in the parsed tree: its text ends with the last of its values.
pub fn value_end(v: &Value<'_>, text: &str) -> usize {
    let mut end = v.span().end;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        end = end.max(v.span().end);
        let dotted = !text
            .get(v.span())
            .is_some_and(|t| t.starts_with(['{', '[']));
        if let DeValue::Table(t) = v.get_ref()
            && dotted
        {
            stack.extend(t.iter().map(|(_, c)| c));
        }
    }
    end
}

/// A table being read, with the keys consumed so far.
pub struct Reader<'a> {
    pub table: Table<'a>,
    /// Where to point when a required key is missing: the table's header or `{`.
    pub at: usize,
    /// How to name the table in messages, e.g. `task "T-101"`.
    pub what: What<'a>,
    /// The entries asked for and found (their nodes: compared as numbers, not names).
    used: Vec<u32>,
}

/// How a table is named in messages — `[workspace]`, `task "T-101"`, `check-in #2 of key
/// result "kr1" of goal "g1"` — worked out only when a message is written: reading a
/// file of 10,000 goals named its 110,000 tables (goals, key results, check-ins) and
/// every date in them in strings nobody read.
#[derive(Clone, Copy)]
pub enum What<'a> {
    /// A table with a name of its own.
    Named(&'static str),
    /// Item `n` (from 0) of a list of `kind`, named by its `id` when that is a valid id,
    /// else by its place, inside `of` when it has one.
    Item {
        kind: &'static str,
        n: usize,
        id: Option<Item<'a>>,
        of: Option<&'a What<'a>>,
    },
}

impl<'a> What<'a> {
    /// Item `n` of a list of `kind` in `table` (its `id` read only when it is named).
    pub fn item(kind: &'static str, n: usize, table: Table<'a>, of: Option<&'a What<'a>>) -> Self {
        What::Item {
            kind,
            n,
            id: table.get("id"),
            of,
        }
    }
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Named(name) => f.write_str(name),
            What::Item { kind, n, id, of } => {
                match id.and_then(|v| v.as_str()).filter(|s| valid_id(s)) {
                    // A valid id needs no escaping: quoted as is, it reads as `{:?}` would.
                    Some(id) => write!(f, "{kind} \"{id}\"")?,
                    None => write!(f, "{kind} #{}", n + 1)?,
                }
                match of {
                    Some(of) => write!(f, " of {of}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// A check on a number and how to say it: `(|e| e > 0.0, "greater than 0")`.
pub type Rule = (fn(f64) -> bool, &'static str);

pub const ID_HELP: &str = "ids use letters, digits, '_', '.' and '-'";

pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(id_char)
}

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

impl<'a> Reader<'a> {
    pub fn new(table: Table<'a>, at: usize, what: What<'a>) -> Self {
        Reader {
            table,
            at,
            what,
            used: Vec::with_capacity(16),
        }
    }

    pub fn raw(&mut self, key: &'static str) -> Option<Item<'a>> {
        let v = self.table.get(key);
        if let Some(v) = v {
            self.used.push(v.node_id());
        }
        v
    }

    fn wrong_type(&self, sink: &mut Sink, key: &str, v: Item<'_>, want: &str) {
        // A float is shown as written, so `weight = inf` says what it found.
        let literal = match v.float_text() {
            Some(f) => format!(" ({f})"),
            None => String::new(),
        };
        sink.error(
            v.span().start,
            format!(
                "\"{key}\" of {} must be {want}, found {}{literal}",
                self.what,
                v.type_name()
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
        self.string_of(sink, key, v)
    }

    /// `v`, the value of `key`, as a string; reported when it is something else.
    fn string_of(&self, sink: &mut Sink, key: &str, v: Item<'_>) -> Option<(String, usize)> {
        if let Some(s) = v.as_str() {
            Some((s.into_owned(), v.span().start))
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
        self.required(sink, key)
            .and_then(|v| self.string_of(sink, key, v))
    }

    /// The value of `key`, reported as missing when there is none.
    fn required(&mut self, sink: &mut Sink, key: &'static str) -> Option<Item<'a>> {
        let v = self.raw(key);
        if v.is_none() {
            self.missing(sink, key);
        }
        v
    }

    /// An id: a required string of `[A-Za-z0-9_.-]+`. An invalid one is reported and
    /// still returned, so links to it do not fail a second time.
    pub fn id(&mut self, sink: &mut Sink) -> Option<(String, Range<usize>)> {
        let v = self.required(sink, "id")?;
        let span = v.span();
        let (id, at) = self.string_of(sink, "id", v)?;
        if !valid_id(&id) {
            sink.error_help(
                at,
                format!("invalid id {id:?} in {}: {}", self.what, id_problem(&id)),
                ID_HELP.to_string(),
            );
        }
        Some((id, span))
    }

    pub fn int(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let v = self.raw(key)?;
        let Some(i) = v.as_integer() else {
            let want = format!("an integer {}..{}", range.start(), range.end());
            self.wrong_type(sink, key, v, &want);
            return None;
        };
        match i.value() {
            n if range.contains(&n) => Some(n),
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
        let n = number_of(v);
        // As the file wrote it: `nan`, `1e309`, `1e308` (not 309 digits of it).
        let written = || match (v.float_text(), v.as_integer()) {
            (Some(f), _) => f.into_owned(),
            (None, Some(i)) => i.digits().to_string(),
            (None, None) => String::new(),
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
        if let Some(b) = v.as_bool() {
            Some(b)
        } else {
            self.wrong_type(sink, key, v, "true or false");
            None
        }
    }

    pub fn date(&mut self, sink: &mut Sink, key: &'static str) -> Option<NaiveDate> {
        let v = self.raw(key)?;
        date_of(sink, v, format_args!("\"{key}\" of {}", self.what))
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

    pub fn array(&mut self, sink: &mut Sink, key: &'static str) -> Option<Array<'a>> {
        let v = self.raw(key)?;
        if let Some(a) = v.as_array() {
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
        let v = self.raw(key)?;
        if let Some(s) = v.as_str() {
            sink.error_help(
                v.span().start,
                format!("\"{key}\" of {} must be an array of strings", self.what),
                format!("write {key} = [{s:?}]"),
            );
            return None;
        }
        let Some(a) = v.as_array() else {
            self.wrong_type(sink, key, v, "an array");
            return None;
        };
        let mut out = Vec::with_capacity(a.len());
        for e in a.iter() {
            match e.as_str() {
                Some(s) => out.push((s.into_owned(), e.span())),
                None => sink.error(
                    e.span().start,
                    format!(
                        "\"{key}\" of {} must hold strings, found {}",
                        self.what,
                        e.type_name()
                    ),
                ),
            }
        }
        Some(out)
    }

    /// Warn about keys nobody asked for: they are kept in the file, but may be typos.
    pub fn finish(self, sink: &mut Sink, known: &[&'static str]) {
        for (k, v) in self.table.iter() {
            if self.used.contains(&v.node_id()) {
                continue;
            }
            let name = k.as_str();
            if known.contains(&name) {
                continue;
            }
            let help = unknown_key_help(name, known);
            sink.warning(
                k.span().start,
                format!("unknown key {name:?} in {}, kept as is", self.what),
                help,
            );
        }
    }
}

/// An integer or float as a number.
pub fn number_of(v: Item<'_>) -> Option<f64> {
    match v.kind() {
        Kind::Integer => Some(v.as_integer()?.value() as f64),
        Kind::Float => v.float_text()?.parse::<f64>().ok(),
        _ => None,
    }
}

pub fn date_of(sink: &mut Sink, v: Item<'_>, what: impl std::fmt::Display) -> Option<NaiveDate> {
    let Some(dt) = v.as_datetime() else {
        sink.error_help(
            v.span().start,
            format!("{what} must be a date, found {}", v.type_name()),
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
