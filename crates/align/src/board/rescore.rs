//! Keeping what the board shows current after a change, without starting over: an edit
//! re-scores the one task it touched (a check-in the tasks of its goal), a new lens or a
//! reload everything, and the tasks pane's rows are listed again under the sort and the
//! filters with the selection kept on its task.

use align_core::Scorer;
use align_core::model::Lens;
use align_core::scoring::counted_goals;

use super::app::{App, Focus};
use super::views::{Listing, goal_tree, haystack, haystack_of};

impl App {
    /// Rebuild the tasks pane's rows, keeping `keep` (or the current task) selected.
    pub(super) fn refresh_order(&mut self, keep: Option<usize>) {
        let keep = keep.or_else(|| self.selected_task());
        self.task_order = self.listing().rows();
        self.keep_selected(keep);
    }

    /// Select `task`'s row when it has one (else the selection stays where it is: on the
    /// row that took its place), and keep it in view.
    fn keep_selected(&mut self, task: Option<usize>) {
        if let Some(pos) = task.and_then(|k| self.task_order.iter().position(|&i| i == k)) {
            self.tasks.selected = pos;
        }
        self.fit_views();
    }

    /// After an edit of `task` alone: its row moves to where the sort and filters now put
    /// it — the rows [`App::refresh_order`] would list, without sorting every task again
    /// (at 100,000 tasks that is most of a key press). The task stays selected; when the
    /// filters now hide it, the row that took its place is.
    pub(super) fn refresh_task(&mut self, task: usize) {
        let mut order = std::mem::take(&mut self.task_order);
        self.listing().reposition(&mut order, task);
        self.task_order = order;
        self.keep_selected(Some(task));
    }

    /// What the tasks pane lists, under the filters and sort in force.
    fn listing(&self) -> Listing<'_> {
        Listing::new(
            &self.ws,
            &self.board,
            &self.haystack,
            &self.filter,
            self.class_filter,
            self.sort,
        )
    }

    /// Re-score after an edit of `task` alone (its links, status or title), given the
    /// goals it counted for before ([`counted_goals`]): only those goals' and its new
    /// goals' open-task counts move, so the goal flags are worked out from the counts
    /// rather than from every task again.
    pub(super) fn rescore(&mut self, task: usize, counted_before: &[usize]) {
        self.board.tasks[task] = self.scorer.score(&self.ws, &self.ws.tasks[task]);
        let mut open: Vec<usize> = self.board.goals.iter().map(|f| f.open_tasks).collect();
        for &g in counted_before {
            if let Some(n) = open.get_mut(g) {
                *n = n.saturating_sub(1);
            }
        }
        for g in counted_goals(&self.ws, &self.ws.tasks[task]) {
            if let Some(n) = open.get_mut(g) {
                *n += 1;
            }
        }
        self.board.goals = self.scorer.goal_flags_from(&self.ws, &open);
        self.board.summary = align_core::scoring::summarize(&self.ws, &self.board.tasks);
        self.haystack[task] = haystack_of(&self.ws, task);
        self.comparison = None;
        self.insights = None;
    }

    /// Re-score everything (a new lens or a reloaded file).
    pub(super) fn rescore_all(&mut self, lens: Lens) {
        self.scorer = Scorer::new(&self.ws, self.today, lens);
        self.board = self.scorer.scoreboard(&self.ws);
        self.haystack = haystack(&self.ws);
        self.goal_rows = goal_tree(&self.ws);
        self.comparison = None;
        self.insights = None;
    }

    /// Re-score after a check-in on goal `goal`: its key results' pace moved, so the
    /// tasks linked to it (and the goal flags) are scored again; no other task can change.
    pub(super) fn rescore_goal(&mut self, goal: usize) {
        self.scorer = Scorer::new(&self.ws, self.today, self.lens());
        let id = self.ws.goals[goal].id.as_str();
        let linked = |l: &String| l == id || l.split_once('/').is_some_and(|(g, _)| g == id);
        for (i, t) in self.ws.tasks.iter().enumerate() {
            if t.goals.iter().any(linked) {
                self.board.tasks[i] = self.scorer.score(&self.ws, t);
            }
        }
        self.board.goals = self.scorer.goal_flags(&self.ws);
        self.board.summary = align_core::scoring::summarize(&self.ws, &self.board.tasks);
        self.comparison = None;
        self.insights = None;
    }

    /// Catch up with tasks added to or removed from the end of the workspace: score the
    /// new ones, forget the gone ones, and list the tasks again with `select` (a new
    /// task) selected — the filters cleared if they would hide it — or else the task
    /// that was selected, if it is still there.
    pub(super) fn resize_tasks(&mut self, select: Option<usize>) {
        let n = self.ws.tasks.len();
        let keep = select.or_else(|| self.selected_task().filter(|&t| t < n));
        self.board.tasks.truncate(n);
        self.haystack.truncate(n);
        for i in self.board.tasks.len()..n {
            let score = self.scorer.score(&self.ws, &self.ws.tasks[i]);
            self.board.tasks.push(score);
            self.haystack.push(haystack_of(&self.ws, i));
        }
        self.board.goals = self.scorer.goal_flags(&self.ws);
        self.board.summary = align_core::scoring::summarize(&self.ws, &self.board.tasks);
        self.comparison = None;
        self.insights = None;
        if let Some(t) = select {
            self.focus = Focus::Tasks;
            let needle = self.filter.to_lowercase();
            let hidden = self
                .class_filter
                .is_some_and(|c| self.board.tasks[t].class != c)
                || !self.haystack[t].contains(&needle);
            if hidden {
                self.filter.clear();
                self.class_filter = None;
            }
        }
        self.refresh_order(keep);
    }
}
