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
    if encoding.is_none()
        && let Some(kind) = plain_number_or_date(raw.as_str())
    {
        return kind;
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

/// The kind of a value written as nearly every number and date is — `3`, `69.0`,
/// `2026-09-02` — which the decoder would read as that kind without a complaint, and
/// whose decoded text is what is written: the decoder, and for a date a parse of it,
/// are then not needed (a goal's check-ins are mostly such values). Anything else
/// (signs, exponents, underscores, leading zeros, times, a day the month has not) is
/// `None` and goes the decoder's way, which gives the same kind and every complaint.
fn plain_number_or_date(written: &str) -> Option<Kind> {
    let b = written.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    // A decimal integer part: `0`, or digits without a leading zero.
    let int_part = |s: &[u8]| digits(s) && (s.len() == 1 || s[0] != b'0');
    if int_part(b) {
        // 18 digits always fit in 64 bits.
        return (b.len() <= 18).then_some(Kind::Integer);
    }
    if plain_date(written).is_some() {
        return Some(Kind::Datetime);
    }
    let dot = b.iter().position(|&c| c == b'.')?;
    (int_part(&b[..dot]) && digits(&b[dot + 1..])).then_some(Kind::Float)
}

/// A local date written `YYYY-MM-DD` that is a day of the calendar (what `toml`'s
/// date parser accepts of that form): its year, month and day.
pub(super) fn plain_date(written: &str) -> Option<(u16, u8, u8)> {
    let b = written.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |s: &[u8]| {
        s.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    let (year, month, day) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then_some((year, month as u8, day as u8))
}

/// A scalar's decoded text: a string's content, a number without its underscores.
pub(super) fn decode<'d>(written: &'d str, encoding: Option<Encoding>) -> Cow<'d, str> {
    if let Some(text) = plain_string(written, encoding) {
        return Cow::Borrowed(text);
    }
    if encoding.is_none() && plain_number_or_date(written).is_some() {
        return Cow::Borrowed(written);
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

    #[test]
    fn plain_numbers_and_dates_are_known_without_the_decoder() {
        assert_eq!(plain_number_or_date("0"), Some(Kind::Integer));
        assert_eq!(plain_number_or_date("120"), Some(Kind::Integer));
        assert_eq!(plain_number_or_date("69.0"), Some(Kind::Float));
        assert_eq!(plain_number_or_date("0.25"), Some(Kind::Float));
        assert_eq!(plain_number_or_date("2024-02-29"), Some(Kind::Datetime));
        assert_eq!(plain_date("2000-02-29"), Some((2000, 2, 29)));
        // Left to the decoder: each is refused, or needs decoding.
        for written in [
            "01",
            "1_000",
            "-1",
            "+1",
            "1e5",
            "1.",
            ".5",
            "01.5",
            "0x1f",
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "2026-01-00",
            "2026-1-01",
            "2026-01-01T10:00:00",
            "9999999999999999999",
            "inf",
            "",
        ] {
            assert_eq!(plain_number_or_date(written), None, "{written:?}");
        }
    }

    proptest! {
        /// Whenever a number or date is known without the decoder, the decoder (and the
        /// date parser) read it as that kind, as written, and find nothing wrong.
        #[test]
        fn a_plain_number_or_date_is_what_the_decoder_reads(
            written in "[0-9]{0,5}[-.]?[0-9]{0,3}[-.]?[0-9]{0,3}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{17,20}",
        ) {
            if let Some(kind) = plain_number_or_date(&written) {
                let raw = Raw::new_unchecked(&written, None, Span::new_unchecked(0, written.len()));
                let mut decoded = Cow::Borrowed("");
                let mut errors = Vec::new();
                let slow = raw.decode_scalar(&mut decoded, &mut errors);
                prop_assert_eq!(kind_of(slow), kind);
                prop_assert!(errors.is_empty(), "{:?}", errors);
                prop_assert_eq!(decoded.as_ref(), written.as_str());
                match slow {
                    ScalarKind::DateTime => {
                        let parsed = written.parse::<toml::value::Datetime>();
                        prop_assert!(parsed.is_ok());
                        let date = parsed.unwrap().date.unwrap();
                        prop_assert_eq!(plain_date(&written), Some((date.year, date.month, date.day)));
                    }
                    ScalarKind::Integer(radix) => {
                        prop_assert!(i64::from_str_radix(&written, radix.value()).is_ok());
                    }
                    _ => {}
                }
            } else if let Ok(dt) = written.parse::<toml::value::Datetime>()
                && written.len() == 10
                && dt.time.is_none()
            {
                prop_assert!(false, "a date the fast path missed: {}", written);
            }
        }

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
