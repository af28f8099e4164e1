//! The parser's events made into a [`Doc`]'s arena.
//!
//! `toml_parser` checks the order of tokens and emits events (with the whitespace and
//! nesting checks the `toml` crate wraps it in); what makes a document valid beyond that
//! — no key defined twice, no table defined twice, no dotted key into an inline table or
//! a plain array, `[[tables]]` only onto arrays of tables — is decided here, walking the
//! events exactly as the `toml` crate's document reader does: the same rules, the same
//! messages in the same order, and the same recovery after an error, so a broken file
//! reads the same problems it always did. Where that reader builds a tree of maps, this
//! links small nodes in one `Vec`; tables with many keys also get an index so no input
//! makes a lookup slow.

use std::borrow::Cow;
use std::hash::Hasher as _;

use rustc_hash::{FxHashMap, FxHasher};
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{Expected, ParseError, Source, Span};

mod tables;
mod values;

use super::{
    COLLIDED, Doc, INDEXED, Kind, MAX_LEN, NESTING_LIMIT, NONE, Node, Scratch, SyntaxError,
};

/// A table with this many keys gets them indexed.
const INDEX_FROM: u32 = 16;

pub(super) fn parse<'d>(
    text: &'d str,
    scratch: &'d mut Scratch,
    value: bool,
) -> Result<Doc<'d>, Vec<SyntaxError>> {
    if text.len() > MAX_LEN {
        return Err(vec![SyntaxError {
            message: format!(
                "the file is too large to read ({} bytes; at most {MAX_LEN})",
                text.len()
            ),
            at: 0,
        }]);
    }
    scratch.make_room(text.len());
    let Scratch {
        tokens,
        events,
        nodes,
        keys,
        index,
    } = scratch;
    tokens.clear();
    events.clear();
    nodes.clear();
    keys.clear();
    index.clear();
    let source = Source::new(text);
    tokens.extend(source.lex());
    let mut errors: Vec<ParseError> = Vec::new();
    {
        let mut receiver = ValidateWhitespace::new(events, source);
        let mut receiver = RecursionGuard::new(&mut receiver, NESTING_LIMIT);
        if value {
            toml_parser::parser::parse_value(tokens, &mut receiver, &mut errors);
        } else {
            toml_parser::parser::parse_document(tokens, &mut receiver, &mut errors);
        }
    }
    let mut builder = Builder {
        text,
        source,
        events,
        pos: 0,
        nodes: &mut *nodes,
        keys: &mut *keys,
        index: &mut *index,
        errors: Vec::new(),
    };
    let root = if value {
        builder.value()
    } else {
        builder.document()
    };
    errors.append(&mut builder.errors);
    if !errors.is_empty() {
        return Err(errors.iter().map(render).collect());
    }
    Ok(Doc {
        text,
        nodes,
        keys,
        index,
        root,
    })
}

/// A parse error as the `toml` crate words it: what is wrong, then what was expected.
fn render(e: &ParseError) -> SyntaxError {
    let mut message = e.description().to_string();
    if let Some(expected) = e.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (i, x) in expected.iter().enumerate() {
            if i != 0 {
                message.push_str(", ");
            }
            match x {
                Expected::Literal(literal) => message.push_str(&render_literal(literal)),
                Expected::Description(what) => message.push_str(what),
                _ => message.push_str("etc"),
            }
        }
    }
    SyntaxError {
        message,
        at: e.unexpected().map_or(0, |s| s.start()),
    }
}

fn render_literal(literal: &str) -> String {
    match literal {
        "\n" => "newline".to_string(),
        "`" => "'`'".to_string(),
        s if s.chars().all(|c| c.is_ascii_control()) => format!("`{}`", s.escape_debug()),
        s => format!("`{s}`"),
    }
}

/// A key's bit in its table's `key_mask`.
fn mask_bit(hash: u32) -> u64 {
    1 << (hash & 63)
}

/// A bare key that needs no decoding: one or more ASCII letters, digits, `-` and `_`.
fn is_plain_key(key: &[u8]) -> bool {
    !key.is_empty()
        && key
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub(super) fn hash(key: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write(key);
    // The high bits are the well-mixed ones.
    (h.finish() >> 32) as u32
}

fn key_of<'a>(nodes: &[Node], text: &'a str, keys: &'a str, n: u32) -> &'a [u8] {
    let node = &nodes[n as usize];
    let range = node.key_from as usize..node.key_to as usize;
    if node.key_owned {
        &keys.as_bytes()[range]
    } else {
        &text.as_bytes()[range]
    }
}

/// The child of `table` under `key`: through the index for a table with many keys,
/// else by walking them.
pub(super) fn find(
    nodes: &[Node],
    index: &FxHashMap<(u32, u32), u32>,
    text: &str,
    keys: &str,
    table: u32,
    key: &[u8],
    hash: u32,
) -> Option<u32> {
    let t = &nodes[table as usize];
    if t.key_mask & mask_bit(hash) == 0 {
        return None;
    }
    if t.flags & INDEXED != 0 && t.flags & COLLIDED == 0 {
        let &c = index.get(&(table, hash))?;
        return (key_of(nodes, text, keys, c) == key).then_some(c);
    }
    let mut c = t.first;
    while c != NONE {
        let n = &nodes[c as usize];
        if n.key_hash == hash && key_of(nodes, text, keys, c) == key {
            return Some(c);
        }
        c = n.next;
    }
    None
}

/// A key as read: where it is written, and its decoded text (a range of the document,
/// or of `Scratch::keys` when `owned`).
#[derive(Clone, Copy)]
struct KeyRef {
    start: u32,
    end: u32,
    from: u32,
    to: u32,
    owned: bool,
    hash: u32,
}

impl KeyRef {
    fn at(&self) -> Span {
        Span::new_unchecked(self.start as usize, self.end as usize)
    }
}

struct Builder<'s, 'd> {
    text: &'d str,
    source: Source<'d>,
    events: &'s [Event],
    pos: usize,
    nodes: &'s mut Vec<Node>,
    keys: &'s mut String,
    index: &'s mut FxHashMap<(u32, u32), u32>,
    errors: Vec<ParseError>,
}

fn type_str(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "string",
        Kind::Integer => "integer",
        Kind::Float => "float",
        Kind::Boolean(_) => "boolean",
        Kind::Datetime => "datetime",
        Kind::Array => "array",
        Kind::Table => "table",
    }
}

fn u32_span(span: Span) -> (u32, u32) {
    // Documents are at most `MAX_LEN` bytes long.
    (span.start() as u32, span.end() as u32)
}

impl Builder<'_, '_> {
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.pos).copied();
        if e.is_some() {
            self.pos += 1;
        }
        e
    }

    fn peek(&self, ahead: usize) -> Option<EventKind> {
        self.events
            .get(self.pos + ahead)
            .map(toml_parser::parser::Event::kind)
    }

    fn error(&mut self, message: impl Into<Cow<'static, str>>, at: Span) {
        self.errors
            .push(ParseError::new(message.into()).with_unexpected(at));
    }

    // ---- the arena ----

    fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    fn node_mut(&mut self, n: u32) -> &mut Node {
        &mut self.nodes[n as usize]
    }

    fn new_node(&mut self, kind: Kind, span: (u32, u32)) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node::new(kind, span));
        id
    }

    fn new_table(&mut self, flags: u8, span: (u32, u32)) -> u32 {
        let t = self.new_node(Kind::Table, span);
        self.node_mut(t).flags = flags;
        t
    }

    fn key_bytes(&self, key: &KeyRef) -> &[u8] {
        let range = key.from as usize..key.to as usize;
        if key.owned {
            &self.keys.as_bytes()[range]
        } else {
            &self.text.as_bytes()[range]
        }
    }

    fn find(&self, table: u32, key: &KeyRef) -> Option<u32> {
        find(
            self.nodes,
            self.index,
            self.text,
            self.keys,
            table,
            self.key_bytes(key),
            key.hash,
        )
    }

    fn link(&mut self, parent: u32, child: u32) {
        let last = self.node(parent).last;
        {
            let c = self.node_mut(child);
            c.prev = last;
            c.next = NONE;
        }
        if last == NONE {
            self.node_mut(parent).first = child;
        } else {
            self.node_mut(last).next = child;
        }
        let p = self.node_mut(parent);
        p.last = child;
        p.len += 1;
    }

    fn push(&mut self, array: u32, child: u32) {
        self.link(array, child);
    }

    fn index_insert(&mut self, table: u32, child: u32) {
        let h = self.node(child).key_hash;
        if self.index.insert((table, h), child).is_some() {
            // Two keys with one hash: this table's keys are walked from now on.
            self.node_mut(table).flags |= COLLIDED;
        }
    }

    /// Put `child` under `key` at the end of `table`.
    fn attach(&mut self, table: u32, key: KeyRef, child: u32) {
        {
            let c = self.node_mut(child);
            c.key_start = key.start;
            c.key_end = key.end;
            c.key_from = key.from;
            c.key_to = key.to;
            c.key_owned = key.owned;
            c.key_hash = key.hash;
        }
        self.link(table, child);
        self.node_mut(table).key_mask |= mask_bit(key.hash);
        let t = *self.node(table);
        if t.flags & INDEXED != 0 {
            self.index_insert(table, child);
        } else if t.len >= INDEX_FROM {
            self.node_mut(table).flags |= INDEXED;
            let mut c = t.first;
            while c != NONE {
                self.index_insert(table, c);
                c = self.node(c).next;
            }
        }
    }

    /// Take `child` out of `table`.
    fn detach(&mut self, table: u32, child: u32) {
        if self.node(table).flags & INDEXED != 0 {
            let h = self.node(child).key_hash;
            if self.index.get(&(table, h)) == Some(&child) {
                self.index.remove(&(table, h));
            }
        }
        let Node { prev, next, .. } = *self.node(child);
        if prev == NONE {
            self.node_mut(table).first = next;
        } else {
            self.node_mut(prev).next = next;
        }
        if next == NONE {
            self.node_mut(table).last = prev;
        } else {
            self.node_mut(next).prev = prev;
        }
        self.node_mut(table).len -= 1;
    }

    // ---- keys ----

    fn decode_key(&mut self, event: Event) -> KeyRef {
        let (start, end) = u32_span(event.span());
        // A bare key of letters, digits, `-` and `_` (nearly every key written) is its
        // own text: the decoder would give back the same slice and no error.
        if event.encoding().is_none()
            && let Some(bytes) = self.text.as_bytes().get(start as usize..end as usize)
            && is_plain_key(bytes)
        {
            return KeyRef {
                start,
                end,
                from: start,
                to: end,
                owned: false,
                hash: hash(bytes),
            };
        }
        let mut decoded = Cow::Borrowed("");
        if let Some(raw) = self.source.get(event) {
            raw.decode_key(&mut decoded, &mut self.errors);
        }
        let base = self.text.as_ptr() as usize;
        let (from, to, owned) = match decoded {
            Cow::Borrowed(s)
                if (s.as_ptr() as usize) >= base
                    && (s.as_ptr() as usize) + s.len() <= base + self.text.len() =>
            {
                let from = s.as_ptr() as usize - base;
                (from, from + s.len(), false)
            }
            other => {
                let from = self.keys.len();
                self.keys.push_str(&other);
                (from, self.keys.len(), true)
            }
        };
        let key = KeyRef {
            start,
            end,
            from: from as u32,
            to: to as u32,
            owned,
            hash: 0,
        };
        KeyRef {
            hash: hash(self.key_bytes(&key)),
            ..key
        }
    }

    fn more_key(&self) -> bool {
        matches!(
            (self.peek(0), self.peek(1)),
            (Some(EventKind::KeySep), _) | (Some(EventKind::Whitespace), Some(EventKind::KeySep))
        )
    }

    fn close_key(
        &mut self,
        current: &mut Option<Event>,
        path: &mut Vec<KeyRef>,
        key: &mut Option<KeyRef>,
    ) {
        let Some(event) = current.take() else {
            return;
        };
        let decoded = self.decode_key(event);
        if let Some(last) = key.replace(decoded) {
            path.push(last);
        }
    }

    /// A key, simple or dotted: the path to its table and its last part.
    fn on_key(&mut self, first: Event) -> (Vec<KeyRef>, Option<KeyRef>) {
        let mut path = Vec::new();
        let mut key = None;
        let mut current = Some(first);
        if self.more_key() {
            while let Some(event) = self.next() {
                match event.kind() {
                    EventKind::SimpleKey => {
                        current = Some(event);
                        if !self.more_key() {
                            break;
                        }
                    }
                    EventKind::KeySep => self.close_key(&mut current, &mut path, &mut key),
                    _ => {}
                }
            }
        }
        self.close_key(&mut current, &mut path, &mut key);
        if NESTING_LIMIT as usize <= path.len() {
            self.errors.push(ParseError::new("recursion limit"));
            return (Vec::new(), None);
        }
        (path, key)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use toml_parser::{ParseError, Raw, Span};

    proptest! {
        /// Every key the shortcut takes, toml_parser's decoder gives back as the same
        /// slice of the text, without an error.
        #[test]
        fn a_plain_key_is_what_the_decoder_gives(key in "[A-Za-z0-9_\\-. \"'\u{e9}\u{660}=]{0,12}") {
            let raw = Raw::new_unchecked(&key, None, Span::new_unchecked(0, key.len()));
            let mut decoded = std::borrow::Cow::Borrowed("");
            let mut errors: Vec<ParseError> = Vec::new();
            raw.decode_key(&mut decoded, &mut errors);
            if super::is_plain_key(key.as_bytes()) {
                prop_assert!(errors.is_empty());
                prop_assert!(matches!(decoded, std::borrow::Cow::Borrowed(d) if d.as_ptr() == key.as_ptr() && d.len() == key.len()));
            }
        }
    }
}
