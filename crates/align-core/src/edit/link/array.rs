//! A `goals` array's text, changed by one element: the link added in the array's own
//! style, or every copy of one removed — and nothing else. The comments in an array are
//! the team's: a comment on an element's line goes with that element, a comment on a line
//! of its own stays, and brackets, spacing and comments that `link` did not write are kept
//! byte for byte, so `link` then `unlink` gives back the original text.

use std::ops::Range;

use super::super::text::{elements, eol_at, line_start, separator};

/// Is the element at `e` (inside the array `a`) on a line of its own: only spaces before
/// it on its line (which is not the `[` line), and after it only an optional comma and an
/// optional comment before its line ends, with the `]` on a later line?
fn own_line(a: &str, e: &Range<usize>) -> Option<Range<usize>> {
    let ls = line_start(a, e.start);
    if ls == 0 || !a[ls..e.start].trim().is_empty() {
        return None;
    }
    let le = e.end + a[e.end..].find('\n')?;
    let rest = a[e.end..le].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) || !a[le..].contains(']') {
        return None;
    }
    Some(ls..le + 1)
}

/// Where a new element goes after the array's last element, and the text around it:
/// `(range to replace, replacement)`, relative to the file `text`; `array` is the array's
/// span. An array written one element a line gets the new one on a line of its own after
/// the last (a comma added after the last when it had none, the new one with a comma when
/// the last had one); otherwise the new element follows the last with the separator the
/// array already uses (or right after `[` when it is empty).
pub(in crate::edit) fn append(
    text: &str,
    array: &Range<usize>,
    element: &str,
) -> Option<(Range<usize>, String)> {
    let spans: Vec<Range<usize>> = elements(text, array)?.into_iter().map(|(_, r)| r).collect();
    let Some(last) = spans.last() else {
        let at = array.start + 1;
        return Some((at..at, element.to_string()));
    };
    let a = &text[array.clone()];
    let local = last.start - array.start..last.end - array.start;
    if let Some(line) = own_line(a, &local) {
        let line = line.start + array.start..line.end + array.start;
        let indent = &text[line.start..last.start];
        let after = &text[last.end..line.end];
        let comma = after.trim_start().starts_with(',');
        let nl = eol_at(text, last.end);
        let mut new = String::new();
        if !comma {
            new.push(',');
        }
        new.push_str(after);
        new.push_str(&format!(
            "{indent}{element}{}{nl}",
            if comma { "," } else { "" }
        ));
        return Some((last.end..line.end, new));
    }
    let sep = separator(text, array, &spans);
    Some((last.end..last.end, format!("{sep}{element}")))
}

/// The array's text `a` without any element that `is_target` names, removed as the array
/// writes them; `None` when it cannot be read.
pub(in crate::edit) fn remove_all(a: &str, is_target: impl Fn(&str) -> bool) -> Option<String> {
    let mut a = a.to_string();
    loop {
        let elems = elements(&a, &(0..a.len()))?;
        let Some(i) = elems.iter().rposition(|(s, _)| is_target(s)) else {
            return Some(a);
        };
        let spans: Vec<Range<usize>> = elems.into_iter().map(|(_, r)| r).collect();
        let e = &spans[i];
        let own = own_line(&a, e).is_some();
        let comma = a[e.end..].trim_start_matches([' ', '\t']).starts_with(',');
        let range = removal(&a, &spans, i);
        a.replace_range(range, "");
        // The last element, on a line of its own and without a comma: the one before it
        // got its comma from `link` (or the array writes none after its last element).
        if own && !comma && i > 0 && i + 1 == spans.len() {
            let prev = &spans[i - 1];
            if a[prev.end..].starts_with(',') {
                a.remove(prev.end);
            }
        }
    }
}

/// The bytes that remove element `i` of the array text `a` (its elements at `spans`).
fn removal(a: &str, spans: &[Range<usize>], i: usize) -> Range<usize> {
    let e = &spans[i];
    if let Some(line) = own_line(a, e) {
        return line;
    }
    // The element shares its line: take it, and a comma after it with the spaces up to it
    // and after it, stopping at a line end or a comment (they stay).
    let after_element = |end: usize| {
        let rest = &a[end..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[spaces..].starts_with(',') {
            let tail = &rest[spaces + 1..];
            end + spaces + 1 + (tail.len() - tail.trim_start_matches([' ', '\t']).len())
        } else {
            end
        }
    };
    match (i.checked_sub(1).map(|p| &spans[p]), spans.get(i + 1)) {
        // Not the last: the element and its separator, when that is plain.
        (_, Some(next)) if !a[e.end..next.start].contains(['\n', '#']) => e.start..next.start,
        // The last after another on the same stretch: the separator before it.
        (Some(prev), None) if !a[prev.end..e.start].contains(['\n', '#']) => prev.end..e.end,
        _ => e.start..after_element(e.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The array in `text` with `element` appended.
    fn appended(text: &str, element: &str) -> String {
        let array = text.find('[').unwrap()..text.rfind(']').unwrap() + 1;
        let (range, new) = append(text, &array, element).unwrap();
        let mut out = text.to_string();
        out.replace_range(range, &new);
        out
    }

    fn removed(text: &str, element: &str) -> String {
        remove_all(text, |s| s == element).unwrap()
    }

    #[test]
    fn unlinking_keeps_the_comments_of_the_other_elements() {
        let a = "[\n  \"a\",  # why a\n  # for Q4\n  \"b\",  # why b\n]";
        assert_eq!(removed(a, "a"), "[\n  # for Q4\n  \"b\",  # why b\n]");
        assert_eq!(removed(a, "b"), "[\n  \"a\",  # why a\n  # for Q4\n]");
        // Without trailing commas, the last one's line and the comma before it.
        let a = "[\n  \"a\",  # why a\n  \"b\"  # why b\n]";
        assert_eq!(removed(a, "b"), "[\n  \"a\"  # why a\n]");
    }

    #[test]
    fn the_teams_own_empty_arrays_come_back_byte_for_byte() {
        for original in [
            "goals = [ # TODO link once the OKRs are final\n]",
            "goals = [\n]",
            "goals = [   ]",
            "goals = [\n  # nothing yet\n]",
        ] {
            let linked = appended(original, "\"g\"");
            let array = &linked[linked.find('[').unwrap()..=linked.rfind(']').unwrap()];
            let back = format!("goals = {}", removed(array, "g"));
            assert_eq!(back, original, "linked as {linked:?}");
        }
    }

    #[test]
    fn every_copy_goes() {
        assert_eq!(removed("[\"g1\", \"g1\"]", "g1"), "[]");
        assert_eq!(removed("[\"g1\", \"h\", \"g1\"]", "g1"), "[\"h\"]");
        assert_eq!(
            removed("[\n  \"g1\",\n  \"h\",\n  \"g1\",\n]", "g1"),
            "[\n  \"h\",\n]"
        );
    }

    #[test]
    fn one_element_a_line_gets_a_line_of_its_own() {
        assert_eq!(
            appended("goals = [\n  \"a\",   # first\n]", "\"b\""),
            "goals = [\n  \"a\",   # first\n  \"b\",\n]"
        );
        assert_eq!(
            appended("goals = [\n  \"a\"  # first\n]", "\"b\""),
            "goals = [\n  \"a\",  # first\n  \"b\"\n]"
        );
        assert_eq!(
            appended("goals = [\"a\", \"b\"]", "\"c\""),
            "goals = [\"a\", \"b\", \"c\"]"
        );
        assert_eq!(appended("goals = []", "\"c\""), "goals = [\"c\"]");
        // A CRLF array keeps CRLF; an LF one in a file with a stray CRLF stays LF.
        assert_eq!(
            appended("goals = [\r\n  \"a\",\r\n]", "\"b\""),
            "goals = [\r\n  \"a\",\r\n  \"b\",\r\n]"
        );
        assert_eq!(
            appended("x = 1\r\ngoals = [\n  \"a\",\n]", "\"b\""),
            "x = 1\r\ngoals = [\n  \"a\",\n  \"b\",\n]"
        );
    }

    #[test]
    fn link_then_unlink_is_the_identity_on_every_style() {
        for original in [
            "goals = [\"a\"]",
            "goals = [\"a\", \"b\"]",
            "goals = [\"a\",\"b\"]",
            "goals = [\n  \"a\",\n]",
            "goals = [\n  \"a\"\n]",
            "goals = [\n    \"a\",  # one\n    \"b\",  # two\n]",
            "goals = [\"a\",  # why\n  \"b\"]",
        ] {
            let linked = appended(original, "\"new\"");
            let array = &linked[linked.find('[').unwrap()..=linked.rfind(']').unwrap()];
            let back = format!("goals = {}", removed(array, "new"));
            assert_eq!(back, original, "linked as {linked:?}");
        }
    }
}
