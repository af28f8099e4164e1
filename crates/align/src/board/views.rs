//! What the panes list, in which order: the goal tree (goals under their parents, key
//! results under their goal) and the tasks after filter, class filter and sort. Both are
//! lists of indices into the workspace, rebuilt only when what they depend on changes —
//! never per frame.

use align_core::model::{GoalIx, LinkRef, TaskIx, TaskStatus, Workspace};
use align_core::org::view::Spliced;
use align_core::query::{Matcher, Query};
use align_core::{Class, Scoreboard};
use std::cmp::Ordering;
use std::ops::Range;

/// One row of the goals pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalRow {
    Goal {
        goal: GoalIx,
        depth: u16,
    },
    KeyResult {
        goal: GoalIx,
        key_result: usize,
        depth: u16,
    },
}

impl GoalRow {
    pub fn goal(&self) -> GoalIx {
        match *self {
            GoalRow::Goal { goal, .. } | GoalRow::KeyResult { goal, .. } => goal,
        }
    }

    /// The link this row stands for, as written in a task's `goals`.
    pub fn target(&self, ws: &Workspace) -> LinkRef {
        match *self {
            GoalRow::Goal { goal, .. } => LinkRef::goal(&ws.goals[goal].id),
            GoalRow::KeyResult {
                goal, key_result, ..
            } => LinkRef::key_result(
                &ws.goals[goal].id,
                &ws.goals[goal].key_results[key_result].id,
            ),
        }
    }
}

/// Goals as a tree: roots in file order — the goals of the workspaces this one aligns
/// to (the company's) above the team's own — each followed by its key results and
/// children.
pub fn goal_tree(ws: &Workspace) -> Vec<GoalRow> {
    let n = ws.goals.len();
    let mut children: Vec<Vec<GoalIx>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, g) in ws.goals_ix() {
        match g.parent.as_deref().and_then(|p| ws.goal_by_id(p)) {
            Some(p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    // Stable: the company's roots first, each group in file order.
    roots.sort_by_key(|&r| ws.goals[r].upstream.is_none());
    let mut rows = Vec::with_capacity(n * 2);
    let mut visited = vec![false; n];
    let mut stack: Vec<(GoalIx, u16)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((g, depth)) = stack.pop() {
        if std::mem::replace(&mut visited[g], true) {
            continue;
        }
        rows.push(GoalRow::Goal { goal: g, depth });
        for k in 0..ws.goals[g].key_results.len() {
            rows.push(GoalRow::KeyResult {
                goal: g,
                key_result: k,
                depth: depth + 1,
            });
        }
        for &c in children[g].iter().rev() {
            stack.push((c, depth + 1));
        }
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Score,
    Due,
    Status,
    Id,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Score => SortKey::Due,
            SortKey::Due => SortKey::Status,
            SortKey::Status => SortKey::Id,
            SortKey::Id => SortKey::Score,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Due => "due",
            SortKey::Status => "status",
            SortKey::Id => "id",
        }
    }
}

/// Next class filter: all → aligned → partial → operational → busy-work → all.
pub fn next_class(c: Option<Class>) -> Option<Class> {
    match c {
        None => Some(Class::Aligned),
        Some(Class::Aligned) => Some(Class::Partial),
        Some(Class::Partial) => Some(Class::Operational),
        Some(Class::Operational) => Some(Class::BusyWork),
        Some(Class::BusyWork) => None,
    }
}

pub use align_core::query::haystack_of;

pub fn haystack(ws: &Workspace) -> Vec<String> {
    ws.tasks_ix().map(|(i, _)| haystack_of(ws, i)).collect()
}

fn status_rank(s: TaskStatus) -> u8 {
    match s {
        TaskStatus::Doing => 0,
        TaskStatus::Todo => 1,
        TaskStatus::Done => 2,
        TaskStatus::Dropped => 3,
    }
}

/// What the tasks pane's rows depend on: the tasks, their scores and search text, the
/// filters and the sort.
pub struct Listing<'a> {
    pub ws: &'a Workspace,
    pub board: &'a Scoreboard,
    /// Each task's lower-cased search text ([`haystack`]).
    pub haystack: &'a [String],
    /// The filter typed after `/`, resolved against the workspace.
    pub matcher: Matcher<'a>,
    pub class: Option<Class>,
    /// Done and dropped tasks listed too (else open work only, unless the filter
    /// names a status).
    pub finished: bool,
    pub sort: SortKey,
}

impl<'a> Listing<'a> {
    pub fn new(
        ws: &'a Workspace,
        board: &'a Scoreboard,
        haystack: &'a [String],
        query: &'a Query,
        class: Option<Class>,
        finished: bool,
        sort: SortKey,
    ) -> Listing<'a> {
        Listing {
            ws,
            board,
            haystack,
            matcher: query.matcher(ws),
            class,
            finished: finished || query.names_status(),
            sort,
        }
    }

    /// Does task `i` pass the filters?
    pub fn shown(&self, i: TaskIx) -> bool {
        let (t, s) = (&self.ws.tasks[i], &self.board.tasks[i]);
        (self.finished || t.status.is_open())
            && self.class.is_none_or(|c| s.class == c)
            && self.matcher.matches(t, s.class, &self.haystack[i])
    }

    /// The order of two rows under the sort alone (a full listing sorts stably on it, so
    /// ties keep the tasks' order in the file).
    fn key_cmp(&self, a: TaskIx, b: TaskIx) -> Ordering {
        let (ta, tb) = (&self.ws.tasks[a], &self.ws.tasks[b]);
        match self.sort {
            SortKey::Score => self.board.tasks[b].points.cmp(&self.board.tasks[a].points),
            SortKey::Due => (ta.due.is_none(), ta.due).cmp(&(tb.due.is_none(), tb.due)),
            SortKey::Status => status_rank(ta.status).cmp(&status_rank(tb.status)),
            SortKey::Id => natural_cmp(&ta.id, &tb.id),
        }
    }

    /// The tasks pane's rows.
    pub fn rows(&self) -> Vec<TaskIx> {
        let (ws, board) = (self.ws, self.board);
        let mut order: Vec<TaskIx> = ws
            .tasks_ix()
            .map(|(i, _)| i)
            .filter(|&i| self.shown(i))
            .collect();
        // Stable, on keys read once each where they are cheap: this runs on every
        // keystroke of the filter, over every task.
        match self.sort {
            SortKey::Score => order.sort_by_key(|&i| std::cmp::Reverse(board.tasks[i].points)),
            SortKey::Due => order.sort_by_key(|&i| (ws.tasks[i].due.is_none(), ws.tasks[i].due)),
            SortKey::Status => order.sort_by_key(|&i| status_rank(ws.tasks[i].status)),
            SortKey::Id => order.sort_by(|&a, &b| self.key_cmp(a, b)),
        }
        order
    }

    /// `order`, the rows under a filter this listing's was typed on from
    /// ([`Query::narrows`]), kept to the rows still shown: none can join and their order
    /// holds, so nothing is sorted or allocated again.
    pub fn narrow(&self, order: &mut Vec<TaskIx>) {
        order.retain(|&i| self.shown(i));
    }

    /// `order` (the rows) after task `task` alone changed (its score, class, title or
    /// links): the rows [`Listing::rows`] would give, by moving that one row — out, when
    /// the filters now hide it — instead of sorting every task again.
    pub fn reposition(&self, order: &mut Vec<TaskIx>, task: TaskIx) {
        if let Some(at) = order.iter().position(|&i| i == task) {
            order.remove(at);
        }
        if self.shown(task) {
            // The listing's order is the key, then the tasks' order in the file.
            let at = order.partition_point(|&i| self.key_cmp(i, task).then(i.cmp(&task)).is_lt());
            order.insert(at, task);
        }
    }
}

/// Where task `i` of a workspace is after the tasks at the `old` ranges of `moved` were
/// put in place by those at its `new` ranges ([`Spliced`]): `None` for one of them.
pub fn moved_to(moved: &[(Range<usize>, Range<usize>)], i: TaskIx) -> Option<TaskIx> {
    // Those wholly before it (an empty one at its place too: what it grew to comes first).
    let before = moved.partition_point(|(old, _)| old.end <= i.0);
    if moved.get(before).is_some_and(|(old, _)| old.contains(&i.0)) {
        return None;
    }
    let grown: isize = moved[..before]
        .iter()
        .map(|(old, new)| new.len() as isize - old.len() as isize)
        .sum();
    Some(TaskIx(i.0.checked_add_signed(grown)?))
}

impl Listing<'_> {
    /// `order`, the rows of the workspace before the teams' tasks at the `old` ranges of
    /// `moved` were put in place by those at its `new` ranges: the rows [`Listing::rows`]
    /// gives now, by listing the new tasks alone and merging them in, instead of sorting
    /// every task again. The other tasks are as they were: their rows keep their order.
    pub fn relist(&self, order: &mut Vec<TaskIx>, moved: &Spliced) {
        let Some(moved) = moved else {
            *order = self.rows();
            return;
        };
        if moved.is_empty() {
            return;
        }
        let kept: Vec<TaskIx> = order.iter().filter_map(|&i| moved_to(moved, i)).collect();
        let mut new: Vec<TaskIx> = moved
            .iter()
            .flat_map(|(_, new)| new.clone().map(TaskIx))
            .filter(|&i| self.shown(i))
            .collect();
        let before = |a: TaskIx, b: TaskIx| self.key_cmp(a, b).then(a.cmp(&b));
        new.sort_by(|&a, &b| before(a, b));
        order.clear();
        order.reserve(kept.len() + new.len());
        let (mut k, mut n) = (kept.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let next = match (k.peek(), n.peek()) {
                (Some(&a), Some(&b)) if before(a, b).is_lt() => k.next(),
                (_, Some(_)) => n.next(),
                (Some(_), None) => k.next(),
                (None, None) => break,
            };
            order.extend(next);
        }
    }
}

/// Compare ids so that "T-9" comes before "T-10".
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    split_number(a).cmp(&split_number(b)).then_with(|| a.cmp(b))
}

/// An id as its text and its trailing number: "T-10" is ("T-", 10).
fn split_number(s: &str) -> (&str, Option<u128>) {
    let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (head, tail) = s.split_at(s.len() - digits);
    (head, tail.parse::<u128>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["T-10", "T-9", "T-100", "A-1"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["A-1", "T-9", "T-10", "T-100"]);
    }

    #[test]
    fn class_filter_cycles_through_all_classes_and_back() {
        let mut c = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            c = next_class(c);
            seen.push(c);
        }
        assert_eq!(seen.last(), Some(&None));
        assert_eq!(seen.len(), 5);
    }

    use proptest::prelude::*;

    /// A change to one task: its score, its class, its due date, its status.
    fn change() -> impl Strategy<Value = (usize, u8, usize, Option<u32>, usize)> {
        (
            0..31usize,
            0..=100u8,
            0..4usize,
            proptest::option::of(1..60u32),
            0..4usize,
        )
    }

    /// Ranges of tasks put in place by others: where (0..31), how many go, how many come,
    /// and the score and status those that come have.
    fn splice() -> impl Strategy<Value = (usize, usize, usize, u8, usize)> {
        (0..31usize, 0..4usize, 0..4usize, 0..=100u8, 0..4usize)
    }

    proptest! {
        /// Merging the rows of the tasks put in place into the rows kept gives exactly the
        /// rows a full listing gives, under every sort, with and without the filters.
        #[test]
        fn relisting_the_moved_ranges_lists_what_sorting_all_lists(
            splices in proptest::collection::vec(splice(), 0..5),
            sort in 0..4usize,
            class in proptest::option::of(0..4usize),
            filter in prop::sample::select(vec!["", "t-1", "label", "owner:maya"]),
            finished: bool,
        ) {
            let text = include_str!("../../../../assets/demo.toml");
            let path = std::path::PathBuf::from("demo.toml");
            let ws = align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
                .unwrap()
                .workspace;
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let board = align_core::score_workspace(&ws, today, None);
            let sort = [SortKey::Score, SortKey::Due, SortKey::Status, SortKey::Id][sort];
            let class = class.map(|c| Class::ALL[c]);
            let query = Query::parse(filter);
            let hay = haystack(&ws);
            let mut order = Listing::new(&ws, &board, &hay, &query, class, finished, sort).rows();
            // Non-overlapping ranges in ascending order, put in place one after the other.
            let mut splices = splices;
            splices.sort_by_key(|s| s.0);
            let (mut new_ws, mut new_board) = (ws.clone(), board.clone());
            let (mut moved, mut end, mut shift) = (Vec::new(), 0usize, 0isize);
            for (start, gone, come, points, status) in splices {
                let old = start.max(end)..(start.max(end) + gone).min(ws.tasks.len());
                end = old.end;
                let at = old.start.saturating_add_signed(shift);
                let n = ws.tasks.len();
                let (tasks, scores): (Vec<_>, Vec<_>) = (0..come)
                    .map(|j| {
                        let from = (old.start + j * 7) % n;
                        let mut t = ws.tasks[from].clone();
                        t.status = [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Done, TaskStatus::Dropped][status];
                        let mut s = board.tasks[from].clone();
                        s.points = points;
                        (t, s)
                    })
                    .unzip();
                new_ws.tasks.splice(at..at + old.len(), tasks);
                new_board.tasks.splice(at..at + old.len(), scores);
                moved.push((old.clone(), at..at + come));
                shift += come as isize - old.len() as isize;
            }
            let hay = haystack(&new_ws);
            let listing = Listing::new(&new_ws, &new_board, &hay, &query, class, finished, sort);
            listing.relist(&mut order, &Some(moved));
            prop_assert_eq!(order, listing.rows());
        }
    }

    proptest! {
        /// Moving the one changed row gives exactly the rows a full listing gives, under
        /// every sort, with and without the filters.
        #[test]
        fn moving_one_row_lists_what_sorting_all_lists(
            changes in proptest::collection::vec(change(), 1..12),
            sort in 0..4usize,
            class in proptest::option::of(0..4usize),
            filter in prop::sample::select(vec!["", "t-1", "label", "zzz", "owner:maya", "status:done t-1"]),
            finished: bool,
        ) {
            let text = include_str!("../../../../assets/demo.toml");
            let path = std::path::PathBuf::from("demo.toml");
            let mut ws = align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
                .unwrap()
                .workspace;
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let mut board = align_core::score_workspace(&ws, today, None);
            let hay = haystack(&ws);
            let sort = [SortKey::Score, SortKey::Due, SortKey::Status, SortKey::Id][sort];
            let class = class.map(|c| Class::ALL[c]);
            let query = Query::parse(filter);
            let mut order = Listing::new(&ws, &board, &hay, &query, class, finished, sort).rows();
            for (task, points, class_of, due, status) in changes {
                board.tasks[task].points = points;
                board.tasks[task].class = Class::ALL[class_of];
                ws.tasks[task].due = due.map(|d| today + chrono::Days::new(u64::from(d)));
                ws.tasks[task].status = [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Done, TaskStatus::Dropped][status];
                let listing = Listing::new(&ws, &board, &hay, &query, class, finished, sort);
                listing.reposition(&mut order, TaskIx(task));
                prop_assert_eq!(&order, &listing.rows());
            }
        }
    }
}
