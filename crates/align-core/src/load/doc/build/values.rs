//! Values: scalars (checked by `scalar`), arrays and inline tables, with the dotted keys
//! inside inline tables.

use toml_parser::parser::{Event, EventKind};

use super::{Builder, KeyRef, type_str, u32_span};
use crate::load::doc::{DOTTED, IMPLICIT, INLINE, Kind, scalar};

impl Builder<'_, '_> {
    pub(super) fn value(&mut self) -> u32 {
        if let Some(event) = self.next() {
            match event.kind() {
                EventKind::InlineTableOpen => return self.on_inline_table(event),
                EventKind::ArrayOpen => return self.on_array(event),
                EventKind::Scalar => return self.on_scalar(event),
                _ => {}
            }
        }
        // No value where one belongs (already reported): the `toml` crate's stand-in.
        self.new_node(Kind::Integer, (0, 0))
    }

    fn on_scalar(&mut self, event: Event) -> u32 {
        let span = event.span();
        let kind = match self.source.get(event) {
            Some(raw) => scalar::check(raw, event.encoding(), span.start(), &mut self.errors),
            None => Kind::String,
        };
        let n = self.new_node(kind, u32_span(span));
        self.node_mut(n).encoding = event.encoding();
        n
    }

    fn on_array(&mut self, open: Event) -> u32 {
        let array = self.new_node(Kind::Array, (0, 0));
        let mut close = open.span();
        let mut current = None;
        while let Some(event) = self.next() {
            close = event.span();
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableClose
                | EventKind::SimpleKey
                | EventKind::KeySep
                | EventKind::KeyValSep
                | EventKind::StdTableClose
                | EventKind::ArrayTableClose => break,
                EventKind::InlineTableOpen => current = Some(self.on_inline_table(event)),
                EventKind::ArrayOpen => current = Some(self.on_array(event)),
                EventKind::Scalar => current = Some(self.on_scalar(event)),
                EventKind::ValueSep => {
                    if let Some(v) = current.take() {
                        self.push(array, v);
                    }
                }
                EventKind::ArrayClose => {
                    if let Some(v) = current.take() {
                        self.push(array, v);
                    }
                    break;
                }
                EventKind::Error
                | EventKind::Whitespace
                | EventKind::Comment
                | EventKind::Newline => {}
            }
        }
        let a = self.node_mut(array);
        (a.start, a.end) = u32_span(open.span().append(close));
        array
    }

    fn on_inline_table(&mut self, open: Event) -> u32 {
        let table = self.new_table(INLINE, (0, 0));
        let mut close = open.span();
        let mut key = None;
        let mut value = None;
        while let Some(event) = self.next() {
            close = event.span();
            match event.kind() {
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::StdTableClose
                | EventKind::ArrayClose
                | EventKind::ArrayTableClose
                | EventKind::KeySep => break,
                EventKind::SimpleKey => {
                    let (path, k) = self.on_key(event);
                    if let Some(k) = k {
                        key = Some((path, k));
                    }
                }
                EventKind::InlineTableOpen => value = Some(self.on_inline_table(event)),
                EventKind::ArrayOpen => value = Some(self.on_array(event)),
                EventKind::Scalar => value = Some(self.on_scalar(event)),
                EventKind::ValueSep => self.finish_inline_value(table, &mut key, &mut value),
                EventKind::InlineTableClose => {
                    self.finish_inline_value(table, &mut key, &mut value);
                    break;
                }
                EventKind::Error
                | EventKind::KeyValSep
                | EventKind::Whitespace
                | EventKind::Comment
                | EventKind::Newline => {}
            }
        }
        let t = self.node_mut(table);
        (t.start, t.end) = u32_span(open.span().append(close));
        table
    }

    fn finish_inline_value(
        &mut self,
        table: u32,
        key: &mut Option<(Vec<KeyRef>, KeyRef)>,
        value: &mut Option<u32>,
    ) {
        let (Some((path, key)), Some(value)) = (key.take(), value.take()) else {
            return;
        };
        let Some(parent) = self.descend_inline(table, &path) else {
            return;
        };
        if (self.node(parent).flags & DOTTED != 0) == path.is_empty() {
            self.error("duplicate key", key.at());
            return;
        }
        match self.find(parent, &key) {
            None => self.attach(parent, key, value),
            Some(_) => self.error("duplicate key", key.at()),
        }
    }

    /// The table at a dotted key's `path` inside an inline table.
    fn descend_inline(&mut self, mut table: u32, path: &[KeyRef]) -> Option<u32> {
        for key in path {
            table = match self.find(table, key) {
                None => {
                    let t = self.new_table(IMPLICIT | DOTTED | INLINE, (key.start, key.end));
                    self.attach(table, *key, t);
                    t
                }
                Some(old) => {
                    let o = *self.node(old);
                    if o.kind != Kind::Table {
                        self.error(
                            format!(
                                "cannot extend value of type {} with a dotted key",
                                type_str(o.kind)
                            ),
                            key.at(),
                        );
                        return None;
                    }
                    if o.flags & IMPLICIT == 0 {
                        self.error("duplicate key", key.at());
                        return None;
                    }
                    old
                }
            };
        }
        Some(table)
    }
}
