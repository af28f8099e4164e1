//! The issues of one export as a family: an issue's parent (by id or key, or only by the
//! summary the export gives) and epic, and theirs in turn, so that the names that may
//! name a goal are found for a sub-task as for its story.

use std::collections::HashMap;

use super::Columns;
use crate::import::links::Named;
use crate::import::rows::Row;

/// The issues of one export, to find an issue's parent and epic among them.
pub(super) struct Family<'s> {
    pub rows: &'s [Row],
    pub c: &'s Columns,
    pub by_key: HashMap<&'s str, usize>,
    pub by_id: HashMap<&'s str, usize>,
}

/// Parents followed up from an issue (sub-task → story → epic → …), at most.
const GENERATIONS: usize = 4;

impl<'s> Family<'s> {
    pub fn is_epic(&self, i: usize) -> bool {
        self.rows[i].get(self.c.kind).eq_ignore_ascii_case("epic")
    }

    /// An issue as a group of work: an epic by its epic name, else its summary.
    fn named(&self, i: usize) -> Named<'s> {
        let row = &self.rows[i];
        if self.is_epic(i) {
            let name = row.get(self.c.epic_name);
            Named {
                kind: "epic",
                name: if name.is_empty() {
                    row.get(self.c.summary)
                } else {
                    name
                },
            }
        } else {
            Named {
                kind: "parent",
                name: row.get(self.c.summary),
            }
        }
    }

    fn find(&self, id_or_key: &str) -> Option<usize> {
        self.by_id
            .get(id_or_key)
            .or_else(|| self.by_key.get(id_or_key))
            .copied()
    }

    /// The names that may name a goal, most specific first: its parents and epics up the
    /// family, its fix versions.
    pub fn names(&self, i: usize) -> Vec<Named<'s>> {
        let c = self.c;
        let mut names = Vec::new();
        let mut at = i;
        for _ in 0..GENERATIONS {
            let row = &self.rows[at];
            let mut next = None;
            let parent = row.get(c.parent);
            match self.find(parent).filter(|&p| p != at) {
                Some(p) => {
                    names.push(self.named(p));
                    next = Some(p);
                }
                None => {
                    let summary = row.get(c.parent_summary);
                    if !summary.is_empty() {
                        names.push(Named {
                            kind: "parent",
                            name: summary,
                        });
                    }
                }
            }
            let epic = row.get(c.epic_link);
            if !epic.is_empty() {
                match self.by_key.get(epic).copied().filter(|&e| e != at) {
                    Some(e) => {
                        names.push(self.named(e));
                        next = next.or(Some(e));
                    }
                    None => names.push(Named {
                        kind: "epic",
                        name: epic,
                    }),
                }
            }
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        let row = &self.rows[i];
        names.extend(row.all(&c.versions).map(|name| Named {
            kind: "fix version",
            name,
        }));
        names
    }
}
