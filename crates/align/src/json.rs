//! JSON as align writes it. serde_json escapes what JSON must (C0 controls, `"` and `\`)
//! and leaves the rest as UTF-8, which is valid JSON but not safe on a terminal: a C1
//! control (an 8-bit CSI), DEL or a direction override in a title would act on the
//! terminal that shows `align score --format json`. Here they are written as `\u`
//! escapes too ([`align_core::text::json_escapes`]), so a reader of the JSON gets the
//! same strings and a terminal gets nothing to act on.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

use align_core::text::json_escapes;

/// A formatter that escapes what [`json_escapes`] names, and otherwise formats as `F`.
struct Safe<F>(F);

/// Could the UTF-8 `bytes` hold a character that [`json_escapes`] names? (DEL; C1
/// controls start with 0xC2, U+061C with 0xD8, the direction controls with 0xE2.)
fn may_escape(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2))
}

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !may_escape(fragment.as_bytes()) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write `value` as JSON (indented when `pretty`), then nothing else.
pub fn write<W: Write, T: Serialize + ?Sized>(out: W, value: &T, pretty: bool) -> io::Result<()> {
    let result = if pretty {
        value.serialize(&mut Serializer::with_formatter(
            out,
            Safe(PrettyFormatter::new()),
        ))
    } else {
        value.serialize(&mut Serializer::with_formatter(out, Safe(CompactFormatter)))
    };
    result.map_err(io::Error::from)
}

/// `value` as indented JSON, with a line end.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and align's values always serialize.
    let _ = write(&mut out, value, true);
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped_and_read_back_the_same() {
        let title = "csi\u{9b}2J \u{202e}dlrow \u{7f} \u{1b}]52;c;SGk=\u{7} é 日";
        let text = pretty(&serde_json::json!({ "title": title }));
        for raw in ['\u{9b}', '\u{202e}', '\u{7f}', '\u{1b}', '\u{7}'] {
            assert!(!text.contains(raw), "{raw:?} in {text}");
        }
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("é 日"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"], title);
        let mut compact = Vec::new();
        write(&mut compact, &serde_json::json!([title]), false).unwrap();
        assert_eq!(
            serde_json::from_slice::<Vec<String>>(&compact).unwrap(),
            [title]
        );
    }
}
