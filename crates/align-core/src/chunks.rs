//! Splitting a large workspace file into pieces that parse on their own, so the pieces
//! can be parsed in parallel and their trees dropped as soon as they are read.
//!
//! A piece starts at a `[[goals]]` or `[[tasks]]` header line — each begins a new
//! element of a top-level array, so pieces join by concatenation. The scan knows just
//! enough TOML to never mistake a header inside a string, a multi-line string, an array
//! or an inline table for one. Should it ever be wrong, the piece fails to parse and the
//! loader falls back to reading the whole file at once, which is always correct.

/// Byte offsets where pieces start (the first is 0), aiming at `target` bytes a piece.
#[cfg(any(test, feature = "reference-loader"))]
pub(crate) fn split(text: &str, target: usize) -> Vec<usize> {
    split_counting(text, target).0
}

/// Where pieces start, as `split` gives them, and how many lines are exactly
/// `[[tasks]]`: about how many tasks the text holds, so their list can be made the right
/// size at once.
#[cfg(any(test, feature = "reference-loader"))]
pub(crate) fn split_counting(text: &str, target: usize) -> (Vec<usize>, usize) {
    split_where(text, |since, _| since >= target)
}

/// Where pieces start, aiming at `target` bytes a piece, found without reading the text
/// between the cuts: from `target` bytes past the last start, the next line that is
/// exactly `[[goals]]` or `[[tasks]]`; and about how many tasks there are, counted by a
/// vectorised search. A line like that inside a multi-line string or array is a wrong
/// cut, but then the piece before it ends in an unclosed string or array, fails to
/// parse, and the loader reads the whole file instead: a wrong guess costs time, never
/// a different result.
pub(crate) fn split_speculative(text: &str, target: usize) -> (Vec<usize>, usize) {
    (cuts_speculative(text, target), task_headers(text))
}

/// Where pieces start, as [`split_speculative`] finds them, without counting the tasks.
pub(crate) fn cuts_speculative(text: &str, target: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let headers = crate::search::Finder::new(b"\n[[", bytes.len());
    let mut pos = target;
    while pos < bytes.len() {
        let Some(found) = headers.find(&bytes[pos..]) else {
            break;
        };
        let line = pos + found + 1;
        let rest = &bytes[line..];
        let exact = |h: &[u8]| {
            rest.strip_prefix(h)
                .is_some_and(|r| r.is_empty() || r.starts_with(b"\n") || r.starts_with(b"\r\n"))
        };
        if exact(b"[[tasks]]") || exact(b"[[goals]]") {
            starts.push(line);
            pos = line + target;
        } else {
            pos = line;
        }
    }
    starts
}

/// How many lines start with `[[tasks]]`, counted by a search: about how many tasks the
/// text holds.
fn task_headers(text: &str) -> usize {
    let bytes = text.as_bytes();
    crate::search::Finder::new(b"\n[[tasks]]", bytes.len())
        .find_iter(bytes)
        .count()
        + usize::from(bytes.starts_with(b"[[tasks]]"))
}

/// Where pieces start when the cuts follow the text itself rather than its byte
/// offsets, and how many `[[tasks]]` lines there are (as [`split_speculative`]): a header
/// is a cut when the bytes after it hash to a chosen value, so an edit in one place moves
/// no cut elsewhere and the unchanged stretches of two versions of a file come out as
/// the same pieces, which can be read once and reused ([`crate::load::ParsedFiles`]).
/// Pieces are at least `min` bytes, and at most about `max` (a header is cut there
/// whatever its hash); between, about one header in `every` is a cut (a power of two).
pub(crate) fn split_by_content(
    text: &str,
    min: usize,
    every: u64,
    max: usize,
) -> (Vec<usize>, usize) {
    let bytes = text.as_bytes();
    split_where(text, |since, header_end| {
        if since < min {
            return false;
        }
        if since >= max {
            return true;
        }
        // The header's own line is the same for every task: what follows it (the id,
        // most often) is what tells one from another.
        let from = (header_end + 1).min(bytes.len());
        let to = (from + CONTENT_SPAN).min(bytes.len());
        fnv1a(&bytes[from..to]) & (every - 1) == 0
    })
}

/// How many bytes after a header decide whether it is a cut.
const CONTENT_SPAN: usize = 48;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // The low bits of FNV mix poorly: fold the high half in.
    h ^ (h >> 32)
}

/// Where pieces start: at each top-level array header for which `cut(bytes since the
/// last start, where the header's line ends)` says so.
fn split_where(text: &str, mut cut: impl FnMut(usize, usize) -> bool) -> (Vec<usize>, usize) {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut tasks = 0;
    let mut depth: u32 = 0;
    let mut multiline: Option<&'static [u8]> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let line_end = memchr_newline(bytes, pos);
        if multiline.is_none() && depth == 0 {
            let line = &bytes[pos..line_end];
            tasks += usize::from(line.starts_with(b"[[tasks]]"));
            let bracket = line.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
            if bracket && cut(pos - starts[starts.len() - 1], line_end) && is_array_header(line) {
                starts.push(pos);
            }
        }
        scan_line(bytes, pos, line_end, &mut depth, &mut multiline);
        pos = line_end + 1;
    }
    (starts, tasks)
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

/// `[[goals]]` or `[[tasks]]`, with optional blanks and a trailing comment.
fn is_array_header(line: &[u8]) -> bool {
    if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'[') {
        return false;
    }
    let compact: Vec<u8> = line
        .iter()
        .copied()
        .take_while(|&b| b != b'#')
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    compact == b"[[goals]]" || compact == b"[[tasks]]"
}

/// Track brackets and strings over one line.
fn scan_line(
    bytes: &[u8],
    mut i: usize,
    end: usize,
    depth: &mut u32,
    multiline: &mut Option<&'static [u8]>,
) {
    while i < end {
        if let Some(close) = *multiline {
            // Inside a multi-line string: look for its closing quotes.
            if close == b"\"\"\"" && bytes[i] == b'\\' {
                i += 2;
                continue;
            }
            if bytes[i..end].starts_with(close) {
                *multiline = None;
                i += 3;
                // Up to two more quotes may belong to the string's content.
                while i < end && bytes[i] == close[0] {
                    i += 1;
                }
            } else {
                i += 1;
            }
            continue;
        }
        match bytes[i] {
            b'#' => return,
            b'"' if bytes[i..end].starts_with(b"\"\"\"") => {
                *multiline = Some(b"\"\"\"");
                i += 3;
            }
            b'\'' if bytes[i..end].starts_with(b"'''") => {
                *multiline = Some(b"'''");
                i += 3;
            }
            b'"' => {
                // To the closing quote, over escaped characters.
                i += 1;
                while i < end {
                    match memchr::memchr2(b'"', b'\\', &bytes[i..end]) {
                        None => i = end,
                        Some(p) if bytes[i + p] == b'\\' => i += p + 2,
                        Some(p) => {
                            i += p;
                            break;
                        }
                    }
                }
                i += 1;
            }
            b'\'' => {
                i += 1;
                i = memchr::memchr(b'\'', &bytes[i..end]).map_or(end, |p| i + p);
                i += 1;
            }
            b'[' | b'{' => {
                *depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                *depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let starts = split(text, 1);
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| &text[s..starts.get(k + 1).copied().unwrap_or(text.len())])
            .collect()
    }

    #[test]
    fn speculative_cuts_are_exact_header_lines_and_agree_on_plain_files() {
        let mut text = String::from("version = 1\n");
        for k in 0..300 {
            text.push_str(&format!(
                "[[tasks]]\nid = \"t{k}\"\ntitle = \"[[tasks]] in a title\"\n"
            ));
        }
        let (starts, tasks) = split_speculative(&text, 200);
        assert_eq!(tasks, 300);
        assert!(starts.len() > 10, "{starts:?}");
        assert!(
            starts[1..]
                .iter()
                .all(|&s| text[s..].starts_with("[[tasks]]\n"))
        );
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= 200));
        // Where nothing could fool the full scan, both cut at the same places.
        assert_eq!(starts, split_counting(&text, 200).0);
        // A header line inside a multi-line string is a cut only the parse can refuse.
        let fooled = "version = 1\n[[tasks]]\nid = \"a\"\nnotes = \"\"\"\n[[tasks]]\n\"\"\"\n";
        assert_eq!(split_speculative(fooled, 1).0.len(), 3);
        assert_eq!(split_speculative("", 1), (vec![0], 0));
    }

    #[test]
    fn splits_at_top_level_array_headers_only() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\n  [[goals.key_results]]\n  id = \"k\"\n[[tasks]]\nid = \"a\"\n[ [ tasks ] ] # spaced\nid = \"b\"\n";
        let p = pieces(text);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[1].starts_with("[[goals]]") && p[1].contains("key_results"));
        assert!(p[3].starts_with("[ [ tasks ] ]"));
    }

    #[test]
    fn never_splits_inside_strings_or_arrays() {
        let text = concat!(
            "[[tasks]]\nnote = \"\"\"\n[[tasks]]\n\"\"\"\n",
            "lit = '''\n[[tasks]]\n'''\n",
            "goals = [\n[[tasks]]\n]\n",
            "x = \"[[tasks]] # not a comment\"\n",
            "[[tasks]]\nid = \"real\"\n",
        );
        let p = pieces(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[1], "[[tasks]]\nid = \"real\"\n");
    }

    #[test]
    fn escaped_quotes_do_not_end_strings() {
        let text = "[[tasks]]\nt = \"a \\\" [\"\n[[tasks]]\nt = \"\"\"x\\\"\"\"\n[[tasks]]\n\"\"\"\n[[tasks]]\n";
        // The second task's multi-line string ends on its own line; the third header is
        // inside no string.
        let p = pieces(text);
        assert!(p.iter().all(|s| !s.is_empty()), "{p:?}");
    }

    #[test]
    fn task_headers_are_counted_outside_strings_and_arrays() {
        let text =
            "[[tasks]]\nid = \"a\"\nnote = \"\"\"\n[[tasks]]\n\"\"\"\n[[tasks]] # b\n  [[tasks]]\n";
        assert_eq!(split_counting(text, 1).1, 2);
    }

    /// `n` tasks, each with its id on the line after its header.
    fn tasks(ids: impl Iterator<Item = usize>) -> String {
        ids.map(|i| format!("[[tasks]]\nid = \"T-{i}\"\ntitle = \"task {i}\"\n\n"))
            .collect()
    }

    #[test]
    fn content_cuts_do_not_move_when_text_before_them_changes() {
        let old = tasks(0..2000);
        let new = format!(
            "[[tasks]]\nid = \"NEW\"\n\n{}",
            old.replace("task 1500", "task 1500 edited")
        );
        let pieces = |text: &str| -> Vec<String> {
            let (starts, count) = split_by_content(text, 1024, 16, 8192);
            assert!(count >= 2000);
            let mut out = Vec::new();
            for (k, &s) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(text.len());
                assert!(end - s < 8192 + 64, "a piece past the most");
                if k + 1 < starts.len() {
                    assert!(end - s >= 1024, "a piece short of the least");
                }
                out.push(text[s..end].to_string());
            }
            out
        };
        let (a, b) = (pieces(&old), pieces(&new));
        assert!(a.len() > 10, "{}", a.len());
        let kept = b.iter().filter(|p| a.contains(p)).count();
        // Only the pieces at the two edits differ.
        assert!(kept + 4 >= b.len(), "{kept} of {} pieces kept", b.len());
        // With cuts at fixed sizes, one line added at the top changes every piece.
        let fixed = |text: &str| split(text, 2048);
        let shifted: Vec<&str> = {
            let s = fixed(&new);
            s.windows(2).map(|w| &new[w[0]..w[1]]).collect()
        };
        let before: Vec<&str> = {
            let s = fixed(&old);
            s.windows(2).map(|w| &old[w[0]..w[1]]).collect()
        };
        assert!(shifted.iter().filter(|p| before.contains(p)).count() < shifted.len() / 2);
    }

    #[test]
    fn pieces_are_at_least_the_target_size() {
        let text = "[[tasks]]\nid = \"a\"\n".repeat(100);
        let starts = split(&text, 200);
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= 200));
        assert!(starts.len() > 5);
    }
}
