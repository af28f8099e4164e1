//! One scalar value checked as TOML when the document is built, and decoded again only
//! when something reads it.
//!
//! `toml_parser`'s decoder checks strings (escapes, control characters), the forms of
//! numbers and booleans; dates are checked by parsing them, as the `toml` crate does.
//! What neither checks is that an integer has digits and fits in 64 bits: `x = 0b`,
//! `x = 0x`, a number ending in an Arabic-Indic digit or `2^64` decode without a word,
//! and the `toml` crate only notices when a typed value is asked for. Here every
//! integer is checked, whichever key it is under.

use std::borrow::Cow;
use std::fmt;
use std::num::IntErrorKind;

use toml_parser::decoder::{Encoding, IntegerRadix, ScalarKind};
use toml_parser::{Expected, ParseError, Raw, Span};

use super::Kind;

/// Decode and check the scalar `raw` (starting at byte `start` of the document),
/// reporting what is wrong with it.
pub(super) fn check(
    raw: Raw<'_>,
    encoding: Option<Encoding>,
    start: usize,
    errors: &mut Vec<ParseError>,
) -> Kind {
    let before = errors.len();
    if plain_string(raw.as_str(), encoding).is_some() {
        return Kind::String;
    }
    if raw
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'"' | b'\''))
    {
        // Checked without keeping the decoded text: most strings are never read.
        return kind_of(raw.decode_scalar(&mut (), errors));
    }
    let mut decoded = Cow::Borrowed("");
    let kind = raw.decode_scalar(&mut decoded, errors);
    match kind {
        ScalarKind::DateTime => {
            if let Err(e) = decoded.parse::<toml::value::Datetime>() {
                let span = Span::new_unchecked(start, start + raw.len());
                errors.push(ParseError::new(e.to_string()).with_unexpected(span));
            }
        }
        // The decoder's own complaint about this integer is enough.
        ScalarKind::Integer(radix) if errors.len() == before => {
            check_integer(raw.as_str(), start, &decoded, radix, errors);
        }
        _ => {}
    }
    kind_of(kind)
}

fn kind_of(kind: ScalarKind) -> Kind {
    match kind {
        ScalarKind::String => Kind::String,
        ScalarKind::Boolean(b) => Kind::Boolean(b),
        ScalarKind::DateTime => Kind::Datetime,
        ScalarKind::Float => Kind::Float,
        ScalarKind::Integer(_) => Kind::Integer,
    }
}

/// The digits an integer of each base may have, for the message.
fn digits_of(radix: IntegerRadix) -> &'static [Expected] {
    match radix {
        IntegerRadix::Hex => &[Expected::Description("digits 0-9 and a-f")],
        IntegerRadix::Oct => &[Expected::Description("digits 0-7")],
        IntegerRadix::Bin => &[Expected::Description("digits 0 and 1")],
        IntegerRadix::Dec => &[Expected::Description("digits 0-9")],
    }
}

/// An integer the decoder let through must still have digits, of its base, and fit in
/// 64 bits (TOML: "If an integer cannot be represented losslessly, an error must be
/// thrown").
fn check_integer(
    text: &str,
    start: usize,
    digits: &str,
    radix: IntegerRadix,
    errors: &mut Vec<ParseError>,
) {
    let Err(e) = i64::from_str_radix(digits, radix.value()) else {
        return;
    };
    let error = match e.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => ParseError::new(
            "integer out of range, TOML integers are 64-bit (-9223372036854775808 to 9223372036854775807)",
        )
        .with_unexpected(Span::new_unchecked(start, start + text.len())),
        _ => {
            // The first character that is not a digit of the base: past the sign and
            // the `0x`-style prefix, or the end when there are no digits at all.
            let body = text.trim_start_matches(['+', '-']);
            let prefix = if radix == IntegerRadix::Dec { 0 } else { 2 };
            let from = text.len() - body.len() + prefix.min(body.len());
            let at = text[from..]
                .char_indices()
                .find(|&(_, c)| c != '_' && !c.is_digit(radix.value()))
                .map_or(text.len(), |(i, _)| from + i);
            ParseError::new(radix.invalid_description())
                .with_expected(digits_of(radix))
                .with_unexpected(Span::new_unchecked(start + at, start + at))
        }
    };
    errors.push(error);
}

/// The text between the quotes of a one-line string that needs no decoding — no escape
/// and nothing the decoder would refuse (a control character other than tab, the quote
/// itself) — which is what nearly every title and id is. The decoder walks a string a
/// character at a time, and every string is decoded twice (checked as the document is
/// built, then read); this looks at all of its bytes at once. Anything else is `None`
/// and goes to the decoder, which gives the same text and every complaint.
fn plain_string(written: &str, encoding: Option<Encoding>) -> Option<&str> {
    // TOML's basic-unescaped and literal-char: tab, the printable ASCII but the quote
    // (and for a basic string the backslash), and all of non-ASCII.
    let (quote, escape) = match encoding {
        Some(Encoding::BasicString) => ('"', b'\\'),
        Some(Encoding::LiteralString) => ('\'', b'\''),
        _ => return None,
    };
    let inner = written.strip_prefix(quote)?.strip_suffix(quote)?;
    let plain = inner.bytes().fold(true, |all, b| {
        all & (b == b'\t' || (b >= b' ' && b != 0x7f && b != quote as u8 && b != escape))
    });
    plain.then_some(inner)
}

/// A scalar's decoded text: a string's content, a number without its underscores.
pub(super) fn decode<'d>(written: &'d str, encoding: Option<Encoding>) -> Cow<'d, str> {
    if let Some(text) = plain_string(written, encoding) {
        return Cow::Borrowed(text);
    }
    let raw = Raw::new_unchecked(written, encoding, Span::new_unchecked(0, written.len()));
    let mut out = Cow::Borrowed("");
    let _ = raw.decode_scalar(&mut out, &mut ());
    out
}

/// An integer: its value, and its digits (underscores and base prefix removed) and base
/// as written.
#[derive(Debug, Clone)]
pub struct Integer<'d> {
    value: i64,
    digits: Cow<'d, str>,
    radix: IntegerRadix,
}

/// The integer `written`, or `None` when it is not one that fits in 64 bits (never, for
/// a value of a document that parsed: each was checked).
pub(super) fn integer(written: &str) -> Option<Integer<'_>> {
    let raw = Raw::new_unchecked(written, None, Span::new_unchecked(0, written.len()));
    let mut digits = Cow::Borrowed("");
    let ScalarKind::Integer(radix) = raw.decode_scalar(&mut digits, &mut ()) else {
        return None;
    };
    let value = i64::from_str_radix(&digits, radix.value()).ok()?;
    Some(Integer {
        value,
        digits,
        radix,
    })
}

impl Integer<'_> {
    pub fn value(&self) -> i64 {
        self.value
    }

    /// The digits as decoded: any sign kept, underscores and the base prefix removed.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

/// As the `toml` crate shows an integer: `0x` (or `0o`, `0b`) and the digits.
impl fmt::Display for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.radix {
            IntegerRadix::Hex => "0x",
            IntegerRadix::Oct => "0o",
            IntegerRadix::Bin => "0b",
            IntegerRadix::Dec => "",
        };
        write!(f, "{prefix}{}", self.digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the decoder alone makes of `written`: its text, and whether it complained.
    fn decoded(written: &str, encoding: Option<Encoding>) -> (String, bool) {
        let raw = Raw::new_unchecked(written, encoding, Span::new_unchecked(0, written.len()));
        let mut out = Cow::Borrowed("");
        let mut errors = Vec::new();
        let _ = raw.decode_scalar(&mut out, &mut errors);
        (out.into_owned(), !errors.is_empty())
    }

    #[test]
    fn plain_strings_are_taken_between_their_quotes() {
        let basic = Some(Encoding::BasicString);
        let literal = Some(Encoding::LiteralString);
        assert_eq!(
            plain_string("\"Ship it\ttoday — ü\"", basic),
            Some("Ship it\ttoday — ü")
        );
        assert_eq!(plain_string("'C:\\path'", literal), Some("C:\\path"));
        assert_eq!(plain_string("\"\"", basic), Some(""));
        // Left to the decoder: escapes, controls, DEL, an unclosed or lone quote.
        for written in [
            "\"a\\tb\"",
            "\"a\u{1}b\"",
            "\"a\u{7f}\"",
            "\"a",
            "\"",
            "\"a\nb\"",
        ] {
            assert_eq!(plain_string(written, basic), None, "{written:?}");
        }
        assert_eq!(plain_string("'it''", literal), None);
        assert_eq!(plain_string("\"a\"", None), None);
        assert_eq!(
            plain_string("\"\"\"a\"\"\"", Some(Encoding::MlBasicString)),
            None
        );
    }

    proptest! {
        /// Whenever a string is taken as plain, the decoder reads the same text and finds
        /// nothing wrong with it, and `check` says what it would.
        #[test]
        fn a_plain_string_is_what_the_decoder_reads(
            inner in proptest::collection::vec(
                prop_oneof![
                    Just('a'), Just(' '), Just('\t'), Just('\n'), Just('\u{0}'), Just('\u{1f}'),
                    Just('\u{7f}'), Just('"'), Just('\''), Just('\\'), Just('é'), Just('日'),
                ],
                0..12,
            ),
            basic in any::<bool>(),
        ) {
            let (quote, encoding) = if basic {
                ('"', Encoding::BasicString)
            } else {
                ('\'', Encoding::LiteralString)
            };
            let inner: String = inner.into_iter().collect();
            let written = format!("{quote}{inner}{quote}");
            let (text, complained) = decoded(&written, Some(encoding));
            if let Some(plain) = plain_string(&written, Some(encoding)) {
                prop_assert_eq!(plain, text.as_str());
                prop_assert!(!complained);
            }
            let raw = Raw::new_unchecked(&written, Some(encoding), Span::new_unchecked(0, written.len()));
            let mut errors = Vec::new();
            prop_assert_eq!(check(raw, Some(encoding), 0, &mut errors), Kind::String);
            prop_assert_eq!(!errors.is_empty(), complained);
            prop_assert_eq!(decode(&written, Some(encoding)), text);
        }
    }
}
