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

/// Each task's lower-cased search text ([`haystack`]), made the first time a filter with
/// words needs it ([`Query::has_words`]) and kept current from then on. Most sessions
/// never type one, and at 100,000 tasks the texts are 100,000 strings made before the
/// first frame otherwise.
#[derive(Debug, Default)]
pub struct SearchText {
    texts: Option<Vec<String>>,
}

impl SearchText {
    /// The texts, made now if they are not yet.
    pub fn make(&mut self, ws: &Workspace) -> &[String] {
        self.texts.get_or_insert_with(|| haystack(ws))
    }

    /// The texts, if they have been made.
    pub fn made(&self) -> Option<&[String]> {
        self.texts.as_deref()
    }

    /// Task `task` changed: its text follows, if the texts are made.
    pub fn task_changed(&mut self, ws: &Workspace, task: TaskIx) {
        if let Some(texts) = &mut self.texts
            && task.0 < texts.len()
        {
            texts[task.0] = haystack_of(ws, task);
        }
    }

    /// Tasks were added or removed (at the end): the texts follow, if they are made.
    pub fn tasks_resized(&mut self, ws: &Workspace) {
        if let Some(texts) = &mut self.texts {
            let n = ws.tasks.len();
            texts.truncate(n);
            for i in texts.len()..n {
                texts.push(haystack_of(ws, TaskIx(i)));
            }
        }
    }

    /// The tasks at the `old` ranges of `moved` were put in place by those at its `new`
    /// ranges (an organisation's teams, spliced in again): their texts follow, if made.
    pub fn tasks_moved(&mut self, ws: &Workspace, moved: &[(Range<usize>, Range<usize>)]) {
        if let Some(texts) = &mut self.texts {
            for (old, new) in moved {
                let text = new.clone().map(|i| haystack_of(ws, TaskIx(i)));
                texts.splice(new.start..new.start + old.len(), text);
            }
        }
    }

    /// Every text may have changed (a goal's title is in its tasks' texts, a reload): they
    /// are made again when next needed.
    pub fn forget(&mut self) {
        self.texts = None;
    }
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
    /// Each task's lower-cased search text ([`haystack`]); may be empty when the query
    /// has no words ([`Query::has_words`]), since only words read it.
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
            && self.matcher.matches(
                t,
                s.class,
                self.haystack.get(i.0).map_or("", String::as_str),
            )
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
            SortKey::Score => return by_points(order, board),
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

/// `order` by score, highest first, ties in the order given: a counting sort, as a score
/// is one of 101 values (linear, where sorting 100,000 rows compares keys a couple of
/// million times; `m` re-lists every row after re-scoring).
fn by_points(order: Vec<TaskIx>, board: &Scoreboard) -> Vec<TaskIx> {
    let rank = |i: TaskIx| usize::from(100u8.saturating_sub(board.tasks[i].points));
    // Where each rank's rows start: the counts, then their running sums.
    let mut start = [0usize; 102];
    for &i in &order {
        start[rank(i) + 1] += 1;
    }
    for r in 1..start.len() {
        start[r] += start[r - 1];
    }
    let mut sorted = vec![TaskIx(0); order.len()];
    for &i in &order {
        let at = &mut start[rank(i)];
        sorted[*at] = i;
        *at += 1;
    }
    sorted
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
mod tests;
