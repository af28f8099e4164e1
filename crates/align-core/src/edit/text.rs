//! The text of a TOML array as an edit sees it: where each element is, what separator
//! a new element copies from the array's own style, and how a value and its line end are
//! written so the file stays as its team wrote it (a CRLF file gets no bare LF).

use std::ops::Range;

use toml::de::DeValue;

/// Element spans (absolute) of the array value at `span`.
pub(super) fn elements(text: &str, span: &Range<usize>) -> Option<Vec<(String, Range<usize>)>> {
    let src = text.get(span.clone())?;
    let v = DeValue::parse(src).ok()?;
    let DeValue::Array(a) = v.get_ref() else {
        return None;
    };
    a.iter()
        .map(|e| match e.get_ref() {
            DeValue::String(s) => {
                let r = e.span();
                Some((s.to_string(), span.start + r.start..span.start + r.end))
            }
            _ => None,
        })
        .collect()
}

/// The text between an array's last element and a new one after it, as the array
/// already writes it: with a single element on a line of its own, a comma and a new line
/// at its indentation; with more, the separator between the last two (`", "` when that
/// holds a comment or no comma); else `", "`. Nothing when the array is empty. `array`
/// is the array value's span in `text`, `elements` its elements' spans.
pub(crate) fn separator(text: &str, array: &Range<usize>, elements: &[Range<usize>]) -> String {
    match elements {
        [] => String::new(),
        [only] => {
            let indent = &text[line_start(text, only.start)..only.start];
            if text[array.clone()].contains('\n') && indent.trim().is_empty() {
                format!(",{}{indent}", eol_at(text, only.end))
            } else {
                ", ".to_string()
            }
        }
        [.., a, b] => {
            let sep = &text[a.end..b.start];
            if sep.contains('#') || !sep.contains(',') {
                ", ".to_string()
            } else {
                sep.to_string()
            }
        }
    }
}

pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The line ending of the line at `at` — or, for a last line without one, of the line
/// before it — so a line added there ends as its neighbours do: a CRLF file stays CRLF,
/// and one stray CRLF elsewhere does not put CRLF lines into an LF file.
pub(crate) fn eol_at(text: &str, at: usize) -> &'static str {
    let at = at.min(text.len());
    let ending = match text[at..].find('\n') {
        Some(p) => Some(at + p),
        None => text[..at].rfind('\n'),
    };
    match ending {
        Some(nl) if nl > 0 && text.as_bytes()[nl - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

pub(crate) fn quoted(target: &str) -> String {
    if !target.contains(['\n', '\r']) {
        return toml::Value::String(target.to_string()).to_string();
    }
    // Line breaks escaped, never a multi-line string: the value stays on its line, and a
    // CRLF file gets no bare LF.
    let mut out = String::from("\"");
    for c in target.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The separator a new element after the last one of `text`'s one array would get.
    fn sep(text: &str) -> String {
        let array = text.find('[').unwrap()..text.rfind(']').unwrap() + 1;
        let spans: Vec<Range<usize>> = elements(text, &array)
            .unwrap()
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        separator(text, &array, &spans)
    }

    #[test]
    fn a_new_element_copies_the_arrays_own_separator() {
        assert_eq!(sep("goals = []"), "");
        assert_eq!(sep("goals = [\"a\"]"), ", ");
        // One element a line: a line of its own at the same indentation, CRLF kept.
        assert_eq!(sep("goals = [\n  \"a\"\n]"), ",\n  ");
        assert_eq!(sep("goals = [\r\n    \"a\",\r\n]"), ",\r\n    ");
        // Sharing the `[` line is not a line of its own.
        assert_eq!(sep("goals = [\"a\",\n]"), ", ");
        assert_eq!(sep("goals = [\"a\",\"b\"]"), ",");
        assert_eq!(sep("goals = [\"a\",\n  \"b\"]"), ",\n  ");
        // A comment between the last two is theirs, not a separator to copy.
        assert_eq!(sep("goals = [\"a\", # why\n  \"b\"]"), ", ");
    }
}
