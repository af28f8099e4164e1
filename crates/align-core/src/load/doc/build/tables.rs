//! The document's tables: `[headers]` and `[[headers]]`, the key/value lines under them,
//! and the paths of dotted keys and headers, with the `toml` crate's rules on what may be
//! defined where.

use toml_parser::Span;
use toml_parser::parser::{Event, EventKind};

use super::{Builder, KeyRef, type_str, u32_span};
use crate::load::doc::{ARRAY_OF_TABLES, DOTTED, IMPLICIT, INLINE, Kind, NONE};

struct Header {
    path: Vec<KeyRef>,
    key: Option<KeyRef>,
    span: Span,
    is_array: bool,
}

/// The document being read: its root, the table the lines go into, and the header that
/// opened it.
struct State {
    root: u32,
    current: u32,
    header: Option<Header>,
}

impl Builder<'_, '_> {
    pub(super) fn document(&mut self) -> u32 {
        let root = self.new_table(0, (0, 0));
        let mut state = State {
            root,
            current: root,
            header: None,
        };
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    self.finish_table(&mut state);
                    let header = self.on_table(event);
                    self.start_table(&mut state, header);
                }
                EventKind::SimpleKey => {
                    let (path, key) = self.on_key(event);
                    let Some(key) = key else {
                        break;
                    };
                    let Some(next) = self.next() else {
                        break;
                    };
                    let separator = if next.kind() == EventKind::Whitespace {
                        let Some(next) = self.next() else {
                            break;
                        };
                        next
                    } else {
                        next
                    };
                    if separator.kind() != EventKind::KeyValSep {
                        break;
                    }
                    if self.peek(0) == Some(EventKind::Whitespace) {
                        self.pos += 1;
                    }
                    let value = self.value();
                    self.capture_key_value(&state, path, key, value);
                }
                // Blanks and comments; anything else out of place was reported by the
                // parser.
                _ => {}
            }
        }
        self.finish_table(&mut state);
        root
    }

    /// A `[table]` or `[[table]]` header, up to its closing brackets.
    fn on_table(&mut self, open: Event) -> Header {
        let is_array = open.kind() == EventKind::ArrayTableOpen;
        let mut path = None;
        let mut key = None;
        let mut span = open.span();
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::ArrayTableClose | EventKind::StdTableClose => {
                    span = span.append(event.span());
                    break;
                }
                EventKind::SimpleKey => {
                    let (p, k) = self.on_key(event);
                    path = Some(p);
                    key = k;
                }
                _ => {}
            }
        }
        Header {
            path: path.unwrap_or_default(),
            key,
            span,
            is_array,
        }
    }

    fn capture_key_value(&mut self, state: &State, path: Vec<KeyRef>, key: KeyRef, value: u32) {
        let dotted = !path.is_empty();
        let Some(parent) = self.descend(state.current, &path, dotted) else {
            return;
        };
        // "using dotted keys to redefine tables already defined in [table] form is not
        // allowed"
        if dotted && self.node(parent).flags & IMPLICIT == 0 {
            self.error("duplicate key", key.at());
            return;
        }
        match self.find(parent, &key) {
            None => self.attach(parent, key, value),
            Some(_) => self.error("duplicate key", key.at()),
        }
    }

    /// The table being read is complete: put it in its place under the root.
    fn finish_table(&mut self, state: &mut State) {
        let table = state.current;
        state.current = self.new_table(0, (0, 0));
        let Some(header) = state.header.take() else {
            // The lines before the first header: they are the root.
            return;
        };
        let Some(key) = header.key else {
            return;
        };
        let span = u32_span(header.span);
        {
            let t = self.node_mut(table);
            (t.start, t.end) = span;
        }
        let Some(parent) = self.descend(state.root, &header.path, false) else {
            return;
        };
        if header.is_array {
            let array = if let Some(existing) = self.find(parent, &key) {
                existing
            } else {
                let array = self.new_node(Kind::Array, span);
                self.node_mut(array).flags = ARRAY_OF_TABLES;
                self.attach(parent, key, array);
                array
            };
            let a = self.node(array);
            if a.kind == Kind::Array && a.flags & ARRAY_OF_TABLES != 0 {
                self.push(array, table);
            } else {
                self.error("duplicate key", key.at());
            }
        } else {
            if let Some(old) = self.find(parent, &key) {
                self.detach(parent, old);
            }
            self.attach(parent, key, table);
        }
    }

    /// A header opens a table: a table its path already made implicitly is taken up
    /// again; any other value under its key is a second definition.
    fn start_table(&mut self, state: &mut State, header: Header) {
        if !header.is_array {
            let parent = self.descend(state.root, &header.path, false);
            if let (Some(parent), Some(key)) = (parent, header.key)
                && let Some(old) = self.find(parent, &key)
            {
                self.detach(parent, old);
                let o = *self.node(old);
                let is_table = o.kind == Kind::Table;
                if !(is_table && o.flags & IMPLICIT != 0 && o.flags & DOTTED == 0) {
                    self.error("duplicate key", key.at());
                }
                if is_table {
                    state.current = old;
                }
            }
        }
        self.node_mut(state.current).flags &= !(IMPLICIT | DOTTED);
        state.header = Some(header);
    }

    /// The table at `path` under `table`, made as needed: a header's path
    /// (`dotted = false`) or a dotted key's.
    fn descend(&mut self, mut table: u32, path: &[KeyRef], dotted: bool) -> Option<u32> {
        for key in path {
            table = match self.find(table, key) {
                None => {
                    let flags = IMPLICIT | if dotted { DOTTED } else { 0 };
                    let t = self.new_table(flags, (key.start, key.end));
                    self.attach(table, *key, t);
                    t
                }
                Some(old) => {
                    let o = *self.node(old);
                    match o.kind {
                        Kind::Array => {
                            if o.flags & ARRAY_OF_TABLES == 0 || o.last == NONE {
                                self.error(
                                    "cannot extend value of type array with a dotted key",
                                    key.at(),
                                );
                                return None;
                            }
                            let last = self.node(o.last).kind;
                            if last != Kind::Table {
                                self.error(
                                    format!(
                                        "cannot extend value of type {} with a dotted key",
                                        type_str(last)
                                    ),
                                    key.at(),
                                );
                                return None;
                            }
                            o.last
                        }
                        Kind::Table => {
                            if o.flags & INLINE != 0 {
                                self.error(
                                    "cannot extend value of type inline table with a dotted key",
                                    key.at(),
                                );
                                return None;
                            }
                            let implicit = o.flags & IMPLICIT != 0;
                            if dotted && implicit {
                                self.node_mut(old).flags |= DOTTED;
                            }
                            if dotted && !implicit {
                                self.error("duplicate key", key.at());
                                return None;
                            }
                            old
                        }
                        other => {
                            self.error(
                                format!(
                                    "cannot extend value of type {} with a dotted key",
                                    type_str(other)
                                ),
                                key.at(),
                            );
                            return None;
                        }
                    }
                }
            };
        }
        Some(table)
    }
}
