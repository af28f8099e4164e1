//! A task's link to what it serves, as written and as resolved. A link names a goal
//! (`retention`) or one of its key results (`retention/churn`): [`LinkRef`] is that name,
//! parsed and printed here and nowhere else, so `goal/kr` means the same thing to the
//! loader, the scorer, write-back, the importers and the board. [`Link`] is the same link
//! found in a workspace: which goal, which key result.

use std::fmt;

use rustc_hash::FxHashMap as HashMap;

use super::{Goal, GoalIx, Workspace};

/// A link as a task writes it: a goal's id, and the key result's id after a `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkRef {
    pub goal: String,
    pub key_result: Option<String>,
}

impl LinkRef {
    /// A link to a goal itself.
    pub fn goal(goal: impl Into<String>) -> LinkRef {
        LinkRef {
            goal: goal.into(),
            key_result: None,
        }
    }

    /// A link to one of a goal's key results.
    pub fn key_result(goal: impl Into<String>, key_result: impl Into<String>) -> LinkRef {
        LinkRef {
            goal: goal.into(),
            key_result: Some(key_result.into()),
        }
    }

    /// A link as written: everything before the first `/` is the goal, the rest the key
    /// result (`"goal/"` keeps an empty key result, so it prints back as written and
    /// validation can say what is missing).
    pub fn parse(text: &str) -> LinkRef {
        match text.split_once('/') {
            Some((goal, key_result)) => LinkRef::key_result(goal, key_result),
            None => LinkRef::goal(text),
        }
    }

    /// Does the link serve goal `id`, itself or through one of its key results?
    pub fn serves(&self, id: &str) -> bool {
        self.goal == id
    }
}

impl fmt::Display for LinkRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key_result {
            Some(kr) => write!(f, "{}/{kr}", self.goal),
            None => f.write_str(&self.goal),
        }
    }
}

impl serde::Serialize for LinkRef {
    /// As written: `"goal"` or `"goal/kr"`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl PartialEq<str> for LinkRef {
    /// Is this the link written `text`? (Compared without allocating.)
    fn eq(&self, text: &str) -> bool {
        match (&self.key_result, text.split_once('/')) {
            (None, None) => self.goal == text,
            (Some(kr), Some((g, k))) => self.goal == g && kr == k,
            _ => false,
        }
    }
}

impl PartialEq<String> for LinkRef {
    fn eq(&self, text: &String) -> bool {
        self == text.as_str()
    }
}

impl PartialEq<&str> for LinkRef {
    fn eq(&self, text: &&str) -> bool {
        self == *text
    }
}

/// A task's link resolved against the workspace: the goal, and the key result's place
/// among the goal's when the link names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub goal: GoalIx,
    pub key_result: Option<usize>,
}

impl Workspace {
    /// Resolve a link against the workspace's goals, now (a task's are kept resolved:
    /// [`Workspace::resolved`]).
    pub fn resolve_link(&self, link: &LinkRef) -> Option<Link> {
        resolve(&self.goal_index, &self.goals, link)
    }

    /// Every valid link target: each goal, then its key results, in file order.
    pub fn link_targets(&self) -> impl Iterator<Item = LinkRef> + '_ {
        self.goals.iter().flat_map(|g| {
            std::iter::once(LinkRef::goal(&g.id)).chain(
                g.key_results
                    .iter()
                    .map(move |k| LinkRef::key_result(&g.id, &k.id)),
            )
        })
    }

    /// The link that names `link` in the workspace, as written (a goal's id, or the
    /// goal's id and the key result's).
    pub fn link_ref(&self, link: Link) -> LinkRef {
        let g = &self.goals[link.goal];
        match link.key_result {
            Some(k) => LinkRef::key_result(&g.id, &g.key_results[k].id),
            None => LinkRef::goal(&g.id),
        }
    }
}

/// `link` found among `goals` (indexed by id in `index`).
pub(super) fn resolve(
    index: &HashMap<String, GoalIx>,
    goals: &[Goal],
    link: &LinkRef,
) -> Option<Link> {
    let goal = index.get(link.goal.as_str()).copied()?;
    let key_result = match &link.key_result {
        None => None,
        Some(kr) => Some(goals[goal].key_results.iter().position(|k| k.id == *kr)?),
    };
    Some(Link { goal, key_result })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_prints_as_it_was_written() {
        for text in ["retention", "retention/churn", "goal/", "a/b/c", ""] {
            assert_eq!(LinkRef::parse(text).to_string(), text);
            assert!(LinkRef::parse(text) == text);
        }
        let churn = LinkRef::parse("retention/churn");
        assert_eq!(churn, LinkRef::key_result("retention", "churn"));
        assert!(churn.serves("retention") && !churn.serves("churn"));
        assert!(churn != "retention" && churn != "retention/nps");
        assert!(LinkRef::goal("retention") != "retention/churn");
    }
}
