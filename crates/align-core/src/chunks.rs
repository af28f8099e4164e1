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
pub(crate) fn split_counting(text: &str, target: usize) -> (Vec<usize>, usize) {
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
            if pos - starts[starts.len() - 1] >= target && is_array_header(line) {
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

    #[test]
    fn pieces_are_at_least_the_target_size() {
        let text = "[[tasks]]\nid = \"a\"\n".repeat(100);
        let starts = split(&text, 200);
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= 200));
        assert!(starts.len() > 5);
    }
}
