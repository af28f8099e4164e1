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
    // Every byte looked at, without stopping at the first: the compiler then compares
    // 32 bytes at a time, and nearly every fragment has none of these.
    bytes.iter().fold(false, |any, &b| {
        any | matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)
    })
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

/// A compact JSON array of `rows(i)` for `i` in `0..n` (the `None`s left out), in order,
/// made on every core: each core serializes blocks of rows into a buffer of its own and
/// the buffers are written in turn, a few blocks in flight at once (so 100,000 rows are
/// never held whole). The bytes are those [`write()`] gives for the same list.
pub fn write_rows<W, T, F>(out: &mut W, n: usize, rows: F) -> io::Result<()>
where
    W: Write + ?Sized,
    T: Serialize,
    F: Fn(usize) -> Option<T> + Sync,
{
    /// Rows per block: about half a megabyte of score JSON, enough that handing a block
    /// over costs nothing next to making it.
    const BLOCK: usize = 1024;
    let block = |b: usize| -> io::Result<(Vec<u8>, bool)> {
        let mut buf = Vec::with_capacity(1 << 19);
        let mut any = false;
        for i in b * BLOCK..((b + 1) * BLOCK).min(n) {
            if let Some(row) = rows(i) {
                if any {
                    buf.push(b',');
                }
                write(&mut buf, &row, false)?;
                any = true;
            }
        }
        Ok((buf, any))
    };
    let blocks = n.div_ceil(BLOCK);
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let workers = cores.min(blocks);
    out.write_all(b"[")?;
    let mut first = true;
    let mut put = |out: &mut W, (buf, any): (Vec<u8>, bool)| -> io::Result<()> {
        if any {
            if !first {
                out.write_all(b",")?;
            }
            out.write_all(&buf)?;
            first = false;
        }
        Ok(())
    };
    if workers <= 1 {
        for b in 0..blocks {
            put(out, block(b)?)?;
        }
    } else {
        std::thread::scope(|scope| -> io::Result<()> {
            // Worker `w` makes blocks w, w + workers, ...; they are taken back in turn.
            let lanes: Vec<_> = (0..workers)
                .map(|w| {
                    let (send, receive) = std::sync::mpsc::sync_channel(2);
                    let block = &block;
                    scope.spawn(move || {
                        for b in (w..blocks).step_by(workers) {
                            if send.send(block(b)).is_err() {
                                return;
                            }
                        }
                    });
                    receive
                })
                .collect();
            for b in 0..blocks {
                // A worker only stops early when its receiver is gone, or by a panic,
                // which the scope passes on.
                match lanes[b % workers].recv() {
                    Ok(made) => put(out, made?)?,
                    Err(_) => return Err(io::Error::other("a JSON worker stopped")),
                }
            }
            Ok(())
        })?;
    }
    out.write_all(b"]")
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
    fn rows_written_on_every_core_are_the_list_written_whole() {
        for n in [0, 1, 1023, 1024, 1025, 5000] {
            let rows = |i: usize| (i % 3 != 1).then(|| (i, format!("t\u{9b}{i}")));
            let whole: Vec<_> = (0..n).filter_map(rows).collect();
            let mut expected = Vec::new();
            write(&mut expected, &whole, false).unwrap();
            let mut made = Vec::new();
            write_rows(&mut made, n, rows).unwrap();
            assert_eq!(
                String::from_utf8(made).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
        let mut none = Vec::new();
        write_rows(&mut none, 3000, |_| None::<u8>).unwrap();
        assert_eq!(none, b"[]");
    }

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
