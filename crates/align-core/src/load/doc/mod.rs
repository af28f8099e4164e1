//! The TOML layer under the loader: one document parsed with `toml_parser` into a flat
//! arena of its tables, arrays and scalars, each with its span, and every value checked
//! as TOML 1.1 requires — under the keys align reads and under every other key too — so
//! a file align accepts is a file any TOML reader accepts.
//!
//! Why not `toml::de::DeTable`: it allocates a map per table and a string per value, most
//! of which align never looks at, and for a large workspace building that tree cost more
//! than lexing the file. Here the parser's events are turned into one `Vec` of small
//! nodes (reused from one document to the next through a [`Scratch`]); strings and
//! numbers are decoded only when read. `build` applies the same rules, with the same
//! messages, as the `toml` crate's document reader (duplicate keys, tables defined twice,
//! dotted keys into inline tables or arrays), and `scalar` checks each value.
//!
//! Reading goes through copyable handles: [`Item`] (any value), [`Table`], [`Array`] and
//! [`Key`]; `crate::schema::Reader` reads typed values out of a [`Table`].

mod build;
mod scalar;

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;
use toml_parser::decoder::Encoding;
use toml_parser::lexer::Token;
use toml_parser::parser::Event;

pub use scalar::Integer;

/// How deep arrays and inline tables may nest, and how many parts a dotted key may have:
/// the `toml` crate's limit, so a document is refused for the same reason as before.
const NESTING_LIMIT: u32 = 80;

/// "No node": the end of a list of children, or a table with none.
const NONE: u32 = u32::MAX;

/// The largest document the arena can address (its offsets are 32-bit).
pub(crate) const MAX_LEN: usize = u32::MAX as usize - 1;

/// What a node holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Float,
    Boolean(bool),
    Datetime,
    Array,
    Table,
}

impl Kind {
    /// How a message names the type: `"weight" … must be an integer, found a string`.
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Float => "a float",
            Kind::Boolean(_) => "a boolean",
            Kind::Datetime => "a date",
            Kind::Array => "an array",
            Kind::Table => "a table",
        }
    }
}

/// A table created by a `[header]`'s path or a dotted key rather than written itself.
const IMPLICIT: u8 = 1;
/// A table created (or extended) by a dotted key.
const DOTTED: u8 = 2;
/// An inline `{ … }` table, or a table a dotted key made inside one.
const INLINE: u8 = 4;
/// An array of `[[tables]]`.
const ARRAY_OF_TABLES: u8 = 8;
/// A table with enough keys that they are found through `Doc::index`.
const INDEXED: u8 = 16;
/// An indexed table where two keys share a hash: found by walking its keys instead.
const COLLIDED: u8 = 32;

/// One value of the document. Tables and arrays link their children in order; a child
/// of a table carries its key.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The value's span, as the `toml` crate gives it: a `[table]` or `[[table]]`
    /// element spans its header, a table made by a dotted key or a header's path spans
    /// the key that first made it, an array or inline table its brackets.
    start: u32,
    end: u32,
    /// The key's span, for a child of a table.
    key_start: u32,
    key_end: u32,
    /// The decoded key: a range of the text, or of `Doc::keys` when `owned`.
    key_from: u32,
    key_to: u32,
    key_owned: bool,
    /// A hash of the decoded key: most keys compared are told apart by it alone.
    key_hash: u32,
    /// For a table, a bit for each of its keys' hashes (modulo 64): a key whose bit is
    /// clear is not there, without looking through the keys.
    key_mask: u64,
    kind: Kind,
    flags: u8,
    /// How a scalar is written (which kind of string; `None` for the unquoted ones).
    encoding: Option<Encoding>,
    first: u32,
    last: u32,
    len: u32,
    prev: u32,
    next: u32,
}

impl Node {
    fn new(kind: Kind, span: (u32, u32)) -> Self {
        Node {
            start: span.0,
            end: span.1,
            key_start: 0,
            key_end: 0,
            key_from: 0,
            key_to: 0,
            key_owned: false,
            key_hash: 0,
            key_mask: 0,
            kind,
            flags: 0,
            encoding: None,
            first: NONE,
            last: NONE,
            len: 0,
            prev: NONE,
            next: NONE,
        }
    }
}

/// Buffers one document is parsed with, kept for the next: a large workspace is read
/// as many pieces, and allocating (and the kernel zeroing) these for each one cost as
/// much as filling them.
#[derive(Default)]
pub struct Scratch {
    tokens: Vec<Token>,
    events: Vec<Event>,
    nodes: Vec<Node>,
    keys: String,
    index: FxHashMap<(u32, u32), u32>,
}

/// A problem with the document as TOML: the message and the byte it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub at: usize,
}

impl Scratch {
    /// Room for a text of `len` bytes, made before the first of several texts of up to
    /// that length is parsed with this scratch. Growing a buffer afterwards copies all
    /// of its old capacity (the allocator knows nothing of what is still in use) into
    /// pages touched for the first time: a file read as pieces of slightly different
    /// sizes paid that copy for most of its pieces.
    pub fn make_room(&mut self, len: usize) {
        // Sized from the text rather than grown: an align file lexes to about 0.4 tokens
        // and 0.4 events a byte and makes a node for every 15 bytes; what is reserved and
        // not written is never touched. A denser text grows past this, as before.
        let (tokens, events, nodes) = (len / 2, len / 2, len / 12);
        if self.tokens.capacity() < tokens {
            self.tokens = Vec::with_capacity(tokens);
        }
        if self.events.capacity() < events {
            self.events = Vec::with_capacity(events);
        }
        if self.nodes.capacity() < nodes {
            self.nodes = Vec::with_capacity(nodes);
        }
    }
}

/// A parsed TOML document (or a single value), borrowing its text and a [`Scratch`].
pub struct Doc<'d> {
    text: &'d str,
    nodes: &'d [Node],
    keys: &'d str,
    index: &'d FxHashMap<(u32, u32), u32>,
    root: u32,
}

impl<'d> Doc<'d> {
    /// Parse a whole document. Every problem is returned, in the order the `toml` crate
    /// reports them: the parser's first, then those found building the tables.
    pub fn parse(text: &'d str, scratch: &'d mut Scratch) -> Result<Self, Vec<SyntaxError>> {
        build::parse(text, scratch, false)
    }

    /// Parse a text holding one value, such as an inline `{ … }` table.
    pub fn parse_value(text: &'d str, scratch: &'d mut Scratch) -> Result<Self, Vec<SyntaxError>> {
        build::parse(text, scratch, true)
    }

    /// The document's top-level table (or, for [`Doc::parse_value`], the value).
    pub fn root(&self) -> Item<'_> {
        Item {
            doc: self,
            node: self.root,
        }
    }

    fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    fn key_str(&self, n: u32) -> &'d str {
        let node = self.node(n);
        let range = node.key_from as usize..node.key_to as usize;
        // Both ranges were cut from decoded keys, so they are on character boundaries.
        if node.key_owned {
            self.keys.get(range).unwrap_or_default()
        } else {
            self.text.get(range).unwrap_or_default()
        }
    }

    /// The child of `table` under `key`.
    fn find(&self, table: u32, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        build::find(
            self.nodes,
            self.index,
            self.text,
            self.keys,
            table,
            key,
            build::hash(key),
        )
    }
}

/// Any value of a document.
#[derive(Clone, Copy)]
pub struct Item<'d> {
    doc: &'d Doc<'d>,
    node: u32,
}

impl<'d> Item<'d> {
    /// Which node of its document this is: the same entry reached twice (by a lookup
    /// and by walking the table) has the same id.
    pub(crate) fn node_id(&self) -> u32 {
        self.node
    }

    fn n(&self) -> &'d Node {
        self.doc.node(self.node)
    }

    pub fn span(&self) -> Range<usize> {
        let n = self.n();
        n.start as usize..n.end as usize
    }

    pub fn kind(&self) -> Kind {
        self.n().kind
    }

    pub fn type_name(&self) -> &'static str {
        self.kind().type_name()
    }

    /// The text the span covers.
    fn written(&self) -> &'d str {
        self.doc.text.get(self.span()).unwrap_or_default()
    }

    pub fn as_table(&self) -> Option<Table<'d>> {
        (self.kind() == Kind::Table).then_some(Table(*self))
    }

    pub fn as_array(&self) -> Option<Array<'d>> {
        (self.kind() == Kind::Array).then_some(Array(*self))
    }

    /// A string's decoded text (escapes resolved).
    pub fn as_str(&self) -> Option<Cow<'d, str>> {
        (self.kind() == Kind::String).then(|| scalar::decode(self.written(), self.n().encoding))
    }

    pub fn as_integer(&self) -> Option<Integer<'d>> {
        if self.kind() != Kind::Integer {
            return None;
        }
        scalar::integer(self.written())
    }

    /// A float as `str::parse` reads it: underscores removed, `inf` and `nan` as written.
    pub fn float_text(&self) -> Option<Cow<'d, str>> {
        (self.kind() == Kind::Float).then(|| scalar::decode(self.written(), None))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind() {
            Kind::Boolean(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_datetime(&self) -> Option<toml::value::Datetime> {
        if self.kind() != Kind::Datetime {
            return None;
        }
        // Checked when the document was built; a date that did not parse is an error.
        if let Some((year, month, day)) = scalar::plain_date(self.written()) {
            return Some(toml::value::Datetime {
                date: Some(toml::value::Date { year, month, day }),
                time: None,
                offset: None,
            });
        }
        self.written().parse().ok()
    }

    /// True for a `[header]` table and for an array of `[[tables]]`: they are not among
    /// the key/value lines directly under their parent.
    pub fn is_header(&self) -> bool {
        let starts = |item: &Item<'_>, s: &str| item.written().starts_with(s);
        match self.kind() {
            Kind::Table => starts(self, "["),
            Kind::Array => Array(*self)
                .iter()
                .next()
                .is_some_and(|e| e.kind() == Kind::Table && starts(&e, "[[")),
            _ => false,
        }
    }

    /// Where the value's text ends. A table made by dotted keys (`meta.note = "x"`)
    /// spans only its first key: its text ends with the last of its values.
    pub fn value_end(&self) -> usize {
        let dotted = |v: &Item<'_>| v.kind() == Kind::Table && !v.written().starts_with(['{', '[']);
        let mut end = self.n().end as usize;
        // Nearly every value is not such a table: its end is its own, with no list made.
        if !dotted(self) {
            return end;
        }
        let mut stack = vec![*self];
        while let Some(v) = stack.pop() {
            end = end.max(v.n().end as usize);
            if dotted(&v) {
                stack.extend(Table(v).iter().map(|(_, c)| c));
            }
        }
        end
    }
}

/// A table's key: its decoded text and where it is written.
#[derive(Clone, Copy)]
pub struct Key<'d> {
    item: Item<'d>,
}

impl<'d> Key<'d> {
    pub fn as_str(&self) -> &'d str {
        self.item.doc.key_str(self.item.node)
    }

    pub fn span(&self) -> Range<usize> {
        let n = self.item.n();
        n.key_start as usize..n.key_end as usize
    }
}

/// A table: `[header]`, `[[element]]`, inline `{ … }`, or made by dotted keys.
#[derive(Clone, Copy)]
pub struct Table<'d>(Item<'d>);

impl<'d> Table<'d> {
    pub fn item(&self) -> Item<'d> {
        self.0
    }

    pub fn get(&self, key: &str) -> Option<Item<'d>> {
        let doc = self.0.doc;
        doc.find(self.0.node, key).map(|node| Item { doc, node })
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.n().len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys and values, in the order they were first written.
    pub fn iter(&self) -> impl Iterator<Item = (Key<'d>, Item<'d>)> + 'd {
        Children::of(self.0).map(|item| (Key { item }, item))
    }
}

/// An array: `[ … ]`, or the elements of `[[tables]]`.
#[derive(Clone, Copy)]
pub struct Array<'d>(Item<'d>);

impl<'d> Array<'d> {
    pub fn item(&self) -> Item<'d> {
        self.0
    }

    pub fn len(&self) -> usize {
        self.0.n().len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Item<'d>> + 'd {
        Children::of(self.0)
    }
}

/// The children of a table or array, in order.
struct Children<'d> {
    doc: &'d Doc<'d>,
    next: u32,
}

impl<'d> Children<'d> {
    fn of(parent: Item<'d>) -> Self {
        Children {
            doc: parent.doc,
            next: parent.n().first,
        }
    }
}

impl<'d> Iterator for Children<'d> {
    type Item = Item<'d>;

    fn next(&mut self) -> Option<Item<'d>> {
        if self.next == NONE {
            return None;
        }
        let node = self.next;
        self.next = self.doc.node(node).next;
        Some(Item {
            doc: self.doc,
            node,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Doc, Scratch};

    /// A value ends where its text does; a table made by dotted keys ends with the last of
    /// its values, however deep, and an inline table or array with its closing bracket.
    #[test]
    fn a_value_ends_with_its_text_and_a_dotted_table_with_its_last_value() {
        let text = "[[tasks]]\nid = \"T-1\"\nmeta.note = \"x\"\nmeta.deep.n = 12\ninline = { a = 1 }\nlist = [1, 2]\ntitle = \"t\"\n";
        let mut scratch = Scratch::default();
        let doc = Doc::parse(text, &mut scratch).unwrap();
        let tasks = doc.root().as_table().unwrap().get("tasks").unwrap();
        let task = tasks.as_array().unwrap().iter().next().unwrap();
        let task = task.as_table().unwrap();
        let end = |key: &str| task.get(key).unwrap().value_end();
        let after = |s: &str| text.find(s).unwrap() + s.len();
        assert_eq!(end("id"), after("\"T-1\""));
        assert_eq!(end("meta"), after("meta.deep.n = 12"));
        assert_eq!(end("inline"), after("{ a = 1 }"));
        assert_eq!(end("list"), after("[1, 2]"));
        assert_eq!(end("title"), after("\"t\""));
    }
}
