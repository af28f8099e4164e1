//! Every task's links, resolved once. A link names a goal and a key result by id; finding
//! them is a hash lookup and string compares in a table of up to tens of thousands of
//! goals, which scoring, validation, the open counts and the listing's filters would
//! otherwise pay at every pass that reads a link. [`Resolved`] keeps, for each task, what
//! each of its links names (`None` for a link that names nothing: validation reports it),
//! in one flat list; the workspace keeps it current as tasks are added, removed, spliced
//! or relinked, and builds it again when its goals change.

use std::ops::Range;

use super::{Link, LinkRef};

/// For each task, each of its links as resolved: task `t`'s are
/// `links[starts[t]..starts[t + 1]]`, in the order the task writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Resolved {
    starts: Vec<usize>,
    links: Vec<Option<Link>>,
}

impl Resolved {
    /// The links of each task (its `goals`, in task order), each resolved by `resolve`.
    pub(crate) fn new<'a>(
        tasks: impl ExactSizeIterator<Item = &'a [LinkRef]> + Clone,
        resolve: impl Fn(&LinkRef) -> Option<Link>,
    ) -> Self {
        let mut starts = Vec::with_capacity(tasks.len() + 1);
        let mut links = Vec::with_capacity(tasks.clone().map(<[_]>::len).sum());
        starts.push(0);
        for goals in tasks {
            links.extend(goals.iter().map(&resolve));
            starts.push(links.len());
        }
        Resolved { starts, links }
    }

    /// The links of each task made elsewhere: task `t`'s are `links[starts[t]..starts[t + 1]]`
    /// (`starts` begins at 0 and ends at `links.len()`).
    pub(crate) fn from_lists(starts: Vec<usize>, links: Vec<Option<Link>>) -> Self {
        debug_assert!(starts.first() == Some(&0) && starts.last() == Some(&links.len()));
        debug_assert!(starts.is_sorted());
        Resolved { starts, links }
    }

    /// How many tasks it covers.
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Task `t`'s links, as resolved.
    pub(crate) fn of(&self, t: usize) -> &[Option<Link>] {
        &self.links[self.starts[t]..self.starts[t + 1]]
    }

    /// Put `tasks`' links in place of those of the tasks at `range`.
    pub(crate) fn splice<'a>(
        &mut self,
        range: Range<usize>,
        tasks: impl ExactSizeIterator<Item = &'a [LinkRef]> + Clone,
        resolve: impl Fn(&LinkRef) -> Option<Link>,
    ) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let (from, to) = (self.starts[range.start], self.starts[range.end]);
        let fresh = Resolved::new(tasks, resolve);
        let delta = fresh.links.len() as isize - (to - from) as isize;
        self.links.splice(from..to, fresh.links);
        let after: Vec<usize> = self.starts[range.end + 1..]
            .iter()
            .map(|s| s.wrapping_add_signed(delta))
            .collect();
        self.starts.truncate(range.start + 1);
        self.starts
            .extend(fresh.starts[1..].iter().map(|s| s + from));
        self.starts.extend(after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GoalIx;
    use proptest::prelude::*;

    fn task(links: &[u8]) -> Vec<LinkRef> {
        links.iter().map(|l| LinkRef::goal(l.to_string())).collect()
    }

    fn lists(tasks: &[Vec<LinkRef>]) -> impl ExactSizeIterator<Item = &[LinkRef]> + Clone {
        tasks.iter().map(Vec::as_slice)
    }

    /// Links to even-numbered goals resolve, to that goal; odd ones name nothing.
    fn resolve(l: &LinkRef) -> Option<Link> {
        let n: usize = l.goal.parse().ok()?;
        n.is_multiple_of(2).then_some(Link {
            goal: GoalIx(n),
            key_result: None,
        })
    }

    proptest! {
        /// Splicing tasks in gives what resolving the spliced list afresh gives.
        #[test]
        fn a_splice_is_a_fresh_resolution(
            before in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..4), 0..8),
            new in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..4), 0..5),
            a in 0usize..9, b in 0usize..9,
        ) {
            let mut tasks: Vec<_> = before.iter().map(|l| task(l)).collect();
            let (a, b) = (a.min(tasks.len()), b.min(tasks.len()));
            let range = a.min(b)..a.max(b);
            let new: Vec<_> = new.iter().map(|l| task(l)).collect();
            let mut kept = Resolved::new(lists(&tasks), resolve);
            kept.splice(range.clone(), lists(&new), resolve);
            tasks.splice(range, new);
            prop_assert_eq!(kept.len(), tasks.len());
            prop_assert_eq!(kept, Resolved::new(lists(&tasks), resolve));
        }
    }

    #[test]
    fn each_task_has_its_links_in_order() {
        let r = Resolved::new(lists(&[task(&[0, 1, 2]), task(&[]), task(&[4])]), resolve);
        assert_eq!(
            r.of(0)
                .iter()
                .map(|l| l.map(|l| l.goal.0))
                .collect::<Vec<_>>(),
            [Some(0), None, Some(2)]
        );
        assert!(r.of(1).is_empty());
        assert_eq!(
            r.of(2),
            [Some(Link {
                goal: GoalIx(4),
                key_result: None
            })]
        );
    }
}

#[cfg(test)]
mod workspace_tests {
    use crate::model::{GoalIx, Link, LinkRef, TaskIx};

    const TEXT: &str = r#"
version = 1

[workspace]
name = "t"

[[goals]]
id = "grow"
title = "Grow"
kind = "objective"

  [[goals.key_results]]
  id = "kr0"
  title = "Signups"
  start = 0
  target = 10
  current = 1

[[tasks]]
id = "a"
title = "A"
goals = ["grow", "grow/kr0"]
"#;

    #[test]
    fn the_kept_links_follow_the_goals_and_the_tasks() {
        let mut ws = crate::load::load_text(TEXT);
        let grow = Link {
            goal: GoalIx(0),
            key_result: None,
        };
        let kr = Link {
            goal: GoalIx(0),
            key_result: Some(0),
        };
        assert_eq!(ws.resolved(TaskIx(0)), [Some(grow), Some(kr)]);
        // The key result renamed: the link to its old name names nothing any more.
        ws.goals[0].key_results[0].id = "kr".into();
        ws.goals_changed();
        assert_eq!(ws.resolved(TaskIx(0)), [Some(grow), None]);
        // A task relinked in place, and one added.
        ws.tasks[0].goals = vec![LinkRef::goal("nope"), LinkRef::goal("grow")];
        ws.relinked(TaskIx(0));
        assert_eq!(ws.resolved(TaskIx(0)), [None, Some(grow)]);
        let mut b = ws.tasks[0].clone();
        b.id = "b".into();
        b.goals = vec![LinkRef::key_result("grow", "kr")];
        ws.push_task(b.clone());
        assert_eq!(ws.task_links(TaskIx(1)).collect::<Vec<_>>(), [kr]);
        // A copy of a task is resolved afresh; the workspace's own reads the kept links.
        b.goals = vec![LinkRef::goal("grow")];
        assert_eq!(ws.links_of(&b).collect::<Vec<_>>(), [grow]);
        assert_eq!(ws.links(&ws.tasks[1]), [kr]);
        ws.pop_task();
        assert_eq!(ws.links(&ws.tasks[0]), [grow]);
    }
}
