//! The one sanitiser: text from the team's files (a title, an owner, a note, a file name)
//! made safe to show, on a terminal or in anything a terminal may print. A title can hold
//! anything TOML allows — an escape sequence that writes the user's clipboard (OSC 52),
//! retitles the window, resets the terminal, switches its character set, an 8-bit CSI, or
//! a Unicode direction override that reorders the rest of the line — and none of it may
//! reach a terminal as a control. Every output that shows such text goes through [`safe`]
//! (or, for JSON, escapes the same characters as `\u` escapes): tables, CSV, reports,
//! messages, warnings, imports' notes, the board. For display only: the file keeps what was
//! written.

use std::borrow::Cow;

/// Is `c` a character that must not reach a terminal as it is: a C0 or C1 control, DEL,
/// or an explicit direction mark, embedding, override or isolate?
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Unicode's explicit direction marks, embeddings, overrides and isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` safe to show on one line: a tab or line break becomes a space, other C0 controls
/// and DEL their visible picture (`␛`), C1 controls and direction controls `�`.
pub fn safe(s: &str) -> Cow<'_, str> {
    // Printable ASCII, as nearly every id and title is, is checked many bytes at a time.
    if printable_ascii(s) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    s.chars().map(|c| safe_char(c, ' ')).collect()
}

/// Is `s` all printable ASCII (space to `~`): nothing in it to make safe.
pub fn printable_ascii(s: &str) -> bool {
    // Every byte looked at, without stopping at the first other one: the compiler then
    // checks many bytes an instruction, and texts are short.
    s.bytes()
        .fold(true, |all, b| all & (b' '..=b'~').contains(&b))
}

/// [`safe`] for text of several lines: line breaks stay (a `\r\n` as `\n`), the rest as
/// [`safe`] has it.
pub fn safe_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\n' { '\n' } else { safe_char(c, ' ') })
            .collect(),
    )
}

fn safe_char(c: char, space: char) -> char {
    match c {
        '\t' | '\n' | '\r' => space,
        '\u{7f}' => '\u{2421}',
        c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        c if is_unsafe(c) => '\u{fffd}',
        c => c,
    }
}

/// Should JSON show `c` as a `\u` escape, beyond what JSON itself escapes (C0 controls,
/// `"` and `\`)? C1 controls, DEL and direction controls: valid JSON as they are, but a
/// terminal showing the JSON would act on them.
pub fn json_escapes(c: char) -> bool {
    c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_space_to_tilde_and_nothing_else() {
        assert!(printable_ascii(""));
        assert!(printable_ascii(" Ship the onboarding checklist ~ v2!"));
        for c in ['\t', '\n', '\r', '\u{1b}', '\u{7f}', 'é', '\u{202e}', '日'] {
            assert!(!printable_ascii(&format!("title {c} here")), "{c:?}");
        }
        // Past the first bytes too (the check looks at every byte, many at a time).
        assert!(!printable_ascii(&format!("{}\u{1b}[31m", "a".repeat(100))));
        assert!(matches!(safe(&"plain ".repeat(50)), Cow::Borrowed(_)));
        assert_eq!(
            safe(&format!("{}\u{1b}", "a".repeat(40))),
            format!("{}\u{241b}", "a".repeat(40))
        );
    }

    #[test]
    fn controls_and_direction_overrides_become_visible_and_harmless() {
        assert_eq!(safe("plain"), "plain");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
        assert_eq!(safe("a\tb\nc"), "a b c");
        assert_eq!(safe("esc\u{1b}[31m"), "esc\u{241b}[31m");
        assert_eq!(
            safe("osc\u{1b}]52;c;SGk=\u{7}"),
            "osc\u{241b}]52;c;SGk=\u{2407}"
        );
        assert_eq!(safe("csi\u{9b}2J"), "csi\u{fffd}2J");
        assert_eq!(safe("abc\u{202e}fed"), "abc\u{fffd}fed");
        assert_eq!(safe("del\u{7f}"), "del\u{2421}");
        assert_eq!(
            safe_lines("one\r\ntwo\u{1b}c\nthree"),
            "one\ntwo\u{241b}c\nthree"
        );
        assert!(json_escapes('\u{9b}') && json_escapes('\u{202e}') && !json_escapes('é'));
    }
}
