//! How an edit touches one item's block of TOML text: find the table, then replace only
//! a value's bytes, add a key after the last one in the table's own indentation, or add
//! to an array with the separator it already uses — so every other byte of the block,
//! comments included, stays as written.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{EditError, eol_at, line_start, separator};
use crate::schema::{Value, is_header, value_end};

/// A table inside a block: where it is and how it is written.
pub(super) struct TableRef<'t, 'i> {
    pub(super) table: &'t DeTable<'i>,
    /// Start of its `[header]` or `{`.
    pub(super) at: usize,
    pub(super) inline: bool,
}

/// Replace `range` of a block with `text`.
pub(super) type LocalSplice = (Range<usize>, String);

pub(super) fn table_ref<'t, 'i>(v: &'t Value<'i>, block: &str) -> Option<TableRef<'t, 'i>> {
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
pub(super) fn last_value_end(t: &TableRef, block: &str) -> usize {
    t.table
        .iter()
        .filter(|(_, v)| !is_header(v, block))
        .map(|(_, v)| value_end(v, block))
        .max()
        .unwrap_or(t.at)
}

/// Indentation of the table's key lines: that of its first key.
pub(super) fn indent(t: &TableRef, block: &str) -> String {
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
pub(super) fn insert_key(t: &TableRef, block: &str, key: &str, literal: &str) -> LocalSplice {
    let end = last_value_end(t, block);
    if t.inline {
        return (end..end, format!(", {key} = {literal}"));
    }
    let nl = eol_at(block, end);
    let line = format!("{}{key} = {literal}", indent(t, block));
    match block[end..].find('\n') {
        Some(p) => (end + p + 1..end + p + 1, format!("{line}{nl}")),
        None => (block.len()..block.len(), format!("{nl}{line}")),
    }
}

/// Set `key` to `literal`, replacing only the old value's bytes when there is one.
pub(super) fn set_key(t: &TableRef, block: &str, key: &str, literal: &str) -> LocalSplice {
    match t.table.get(key) {
        Some(v) => (v.span(), literal.to_string()),
        None => insert_key(t, block, key, literal),
    }
}

/// Append `element` to the array `key`, copying the separator the array already uses; in
/// an array written one element a line, on a line of its own.
pub(super) fn append(
    t: &TableRef,
    block: &str,
    key: &str,
    element: &str,
) -> Option<Vec<LocalSplice>> {
    let Some(v) = t.table.get(key) else {
        return Some(vec![insert_key(t, block, key, &format!("[{element}]"))]);
    };
    let DeValue::Array(items) = v.get_ref() else {
        return None;
    };
    let spans: Vec<Range<usize>> = items.iter().map(toml::Spanned::span).collect();
    let span = v.span();
    if let Some(last) = spans.last()
        && let Some(splices) = append_line(block, span.clone(), last.clone(), element)
    {
        return Some(splices);
    }
    let at = spans.last().map_or(span.start + 1, |last| last.end);
    let sep = separator(block, &span, &spans);
    Some(vec![(at..at, format!("{sep}{element}"))])
}

/// `element` on a new line after the array's `last` element, when that element has a line
/// of its own (only indentation before it, and the `]` on a later line): the same
/// indentation, and a trailing comma when the last element has one (else a comma goes
/// after the last element). A comment after the last element stays on its line.
pub(super) fn append_line(
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
    let nl = eol_at(block, last.end);
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
pub(super) fn append_table(v: &Value, block: &str, pairs: &[String]) -> Option<LocalSplice> {
    let DeValue::Array(items) = v.get_ref() else {
        return None;
    };
    let last = items.iter().last()?;
    let t = table_ref(last, block)?;
    let header = &block[t.at..t.at + block[t.at..].find("]]")? + 2];
    let ls = line_start(block, t.at);
    let header_indent = &block[ls..t.at];
    let nl = eol_at(block, t.at);
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
    Some(if let Some(p) = block[end..].find('\n') {
        (end + p + 1..end + p + 1, text)
    } else {
        let text = format!("{nl}{}", text.strip_suffix(nl).unwrap_or(&text));
        (block.len()..block.len(), text)
    })
}

/// Apply non-overlapping local splices to a block.
pub(super) fn rewrite(block: &str, mut splices: Vec<LocalSplice>) -> String {
    splices.sort_by_key(|s| std::cmp::Reverse(s.0.start));
    let mut out = block.to_string();
    for (range, text) in splices {
        out.replace_range(range, &text);
    }
    out
}

/// The first `[[key]]` element of a one-item block, or the block itself when inline;
/// `None` when the array has no element.
pub(super) fn item<'i>(block: &'i str, key: &str) -> Result<Option<Value<'i>>, EditError> {
    let rejected = |why: String| EditError::Rejected { why };
    if block.starts_with('{') {
        let v = DeValue::parse(block).map_err(|e| rejected(e.message().to_string()))?;
        return Ok(Some(v));
    }
    let doc = DeTable::parse(block).map_err(|e| rejected(e.message().to_string()))?;
    match doc.get_ref().get(key).map(toml::Spanned::get_ref) {
        Some(DeValue::Array(items)) => Ok(items.iter().next().cloned()),
        _ => Err(rejected(format!("no [[{key}]] table here"))),
    }
}

/// Two new keys inserted at the same place become one insertion, in order.
pub(super) fn merge_insertions(splices: Vec<LocalSplice>) -> Vec<LocalSplice> {
    let mut out: Vec<LocalSplice> = Vec::new();
    for (range, text) in splices {
        match out.iter_mut().find(|(r, _)| r.is_empty() && *r == range) {
            Some((_, existing)) => existing.push_str(&text),
            None => out.push((range, text)),
        }
    }
    out
}

/// Remove `key` from the table: its whole line in a `[header]` table (a comment after
/// the value goes with it), or `, key = value` in an inline `{ … }`. `None` when the
/// table has no such key.
pub(super) fn remove_key(t: &TableRef, block: &str, key: &str) -> Option<LocalSplice> {
    let (k, v) = t.table.get_key_value(key)?;
    let start = k.span().start;
    let end = value_end(v, block);
    if t.inline {
        // After the value before it, or (the first key) up to the next key.
        let before = t
            .table
            .iter()
            .filter(|(_, o)| o.span().end <= start)
            .map(|(_, o)| value_end(o, block))
            .max();
        if let Some(b) = before {
            return Some((b..end, String::new()));
        }
        let next = t
            .table
            .iter()
            .map(|(k, _)| k.span().start)
            .filter(|&s| s > end)
            .min();
        return Some(match next {
            Some(n) => (start..n, String::new()),
            None => (start..end, String::new()),
        });
    }
    let from = line_start(block, start);
    let to = block[end..].find('\n').map_or(block.len(), |p| end + p + 1);
    Some((from..to, String::new()))
}
