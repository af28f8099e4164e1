//! The issues of one export as a family: an issue's parent (by id or key, or only by the
//! summary the export gives) and epic, and theirs in turn, so that the names that may
//! name a goal are found for a sub-task as for its story.

use rustc_hash::FxHashMap as HashMap;

use super::Issue;
use crate::import::links::Named;

/// The issues of one export, to find an issue's parent and epic among them.
pub(super) struct Family<'s, 'r> {
    issues: &'s [Issue<'r>],
    by_key: HashMap<&'r str, usize>,
    by_id: HashMap<&'r str, usize>,
}

/// Parents followed up from an issue (sub-task → story → epic → …), at most.
const GENERATIONS: usize = 4;

impl<'s, 'r> Family<'s, 'r> {
    /// The issues, known by key and by id (the first of each, should the export repeat
    /// one).
    pub fn new(issues: &'s [Issue<'r>]) -> Self {
        let mut by_key = HashMap::with_capacity_and_hasher(issues.len(), Default::default());
        let mut by_id = HashMap::with_capacity_and_hasher(issues.len(), Default::default());
        for (i, issue) in issues.iter().enumerate() {
            by_key.entry(issue.key).or_insert(i);
            if !issue.id.is_empty() {
                by_id.entry(issue.id).or_insert(i);
            }
        }
        Family {
            issues,
            by_key,
            by_id,
        }
    }

    /// An issue as a group of work: an epic by its epic name, else its summary.
    fn named(&self, i: usize) -> Named<'r> {
        let issue = &self.issues[i];
        if issue.epic {
            Named {
                kind: "epic",
                name: if issue.epic_name.is_empty() {
                    issue.summary
                } else {
                    issue.epic_name
                },
            }
        } else {
            Named {
                kind: "parent",
                name: issue.summary,
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
    pub fn names(&self, i: usize) -> Vec<Named<'r>> {
        let mut names = Vec::new();
        let mut at = i;
        for _ in 0..GENERATIONS {
            let issue = &self.issues[at];
            let mut next = None;
            match self.find(issue.parent).filter(|&p| p != at) {
                Some(p) => {
                    names.push(self.named(p));
                    next = Some(p);
                }
                None if !issue.parent_summary.is_empty() => names.push(Named {
                    kind: "parent",
                    name: issue.parent_summary,
                }),
                None => {}
            }
            if !issue.epic_link.is_empty() {
                match self
                    .by_key
                    .get(issue.epic_link)
                    .copied()
                    .filter(|&e| e != at)
                {
                    Some(e) => {
                        names.push(self.named(e));
                        next = next.or(Some(e));
                    }
                    None => names.push(Named {
                        kind: "epic",
                        name: issue.epic_link,
                    }),
                }
            }
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        names.extend(self.issues[i].versions.iter().map(|&name| Named {
            kind: "fix version",
            name,
        }));
        names
    }
}
