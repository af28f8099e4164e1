//! Keeping what the board shows current after a change, without starting over. The
//! session re-scores and says what an edit touched ([`Touched`]); the board follows: a
//! task's row moves to where the sort and filters now put it, a goal's check-in refreshes
//! its goal's tasks, a new task is listed (and selected), a reload or a new lens lists
//! everything again. Views computed from the whole workspace (the Compare tab) are
//! dropped in one place, [`App::invalidate`], and worked out again when next shown; the
//! Insights figures are marked out of date there and follow the change when next shown
//! (dropped only when the tasks may be others: a reload, an import, an organisation).

use align_core::model::{Lens, TaskIx};
use align_core::query::Query;
use align_core::session::Touched;

use super::app::{App, Focus};
use super::views::{Listing, goal_tree};

impl App {
    /// Drop every view computed from the whole workspace: the next frame that needs one
    /// works it out again.
    pub(super) fn invalidate(&mut self) {
        self.comparison = None;
        // The Insights figures follow the change when next shown; an organisation's
        // views are put together again, their tasks maybe in other places: start over.
        self.insights_stale = true;
        if self.org.is_some() {
            self.insights = None;
            self.insights_edited.clear();
        }
        self.traction = None;
        self.invalidate_org();
    }

    /// Follow a change the session made (an edit, or one put back after a failed save).
    pub(super) fn follow(&mut self, touched: Touched) {
        self.invalidate();
        match touched {
            Touched::Task(task) => {
                self.insights_edited.push(task);
                let mut texts = std::mem::take(&mut self.haystack);
                texts.task_changed(self.ws(), task);
                self.haystack = texts;
                self.refresh_task(task);
            }
            Touched::Goal(_) => {
                // A goal's or key result's title is in the search text of the tasks
                // linked to it.
                self.haystack.forget();
                self.refresh_order(None);
            }
            Touched::TaskAdded(task) => {
                self.insights_edited.push(task);
                self.resize_tasks(Some(task));
            }
            Touched::TaskRemoved(task) => {
                self.insights_edited.push(task);
                self.resize_tasks(None);
            }
            Touched::Everything => {
                self.follow_everything();
                self.refresh_order(None);
            }
        }
    }

    /// Every view built again from the workspace (a reload, an import, a new lens): the
    /// caller lists the rows again.
    pub(super) fn follow_everything(&mut self) {
        self.invalidate();
        // The tasks may be others now, or in other places.
        self.insights = None;
        self.insights_edited.clear();
        self.haystack.forget();
        self.goal_rows = goal_tree(self.ws());
    }

    /// On a tick of the loop (a quarter of a second with no key), make the tasks' search
    /// text if it is not made: the first frame never waits for it, and the first
    /// keystroke in the filter finds it made (at 100,000 tasks making it takes longer
    /// than a frame).
    pub(super) fn make_search_text_ahead(&mut self) {
        if self.haystack.made().is_none() {
            let mut texts = std::mem::take(&mut self.haystack);
            texts.make(self.ws());
            self.haystack = texts;
        }
    }

    /// Read the scores in `lens` (for this session only).
    pub(super) fn set_lens(&mut self, lens: Lens) {
        let followed = self.set_lens_of_teams(lens);
        self.ask_history_again();
        // Traction (finished work against time) does not depend on the lens; the
        // Insights follow it ([`KeptInsights::follow`]) while the tasks in scope keep
        // their places: always on one team, on the organisation when its view followed
        // the lens rather than being made again.
        let traction = self.traction.take();
        let insights = self.insights.take();
        let in_place = self.org_view().is_none() || followed;
        self.invalidate();
        self.traction = traction;
        if in_place && let Some(kept) = insights {
            self.insights = Some(kept);
            self.insights_stale = true;
        }
        self.refresh_order(None);
    }

    /// Rebuild the tasks pane's rows, keeping `keep` (or the current task) selected.
    pub(super) fn refresh_order(&mut self, keep: Option<TaskIx>) {
        let keep = keep.or_else(|| self.selected_task());
        self.task_order = self.listing().rows();
        self.keep_selected(keep);
    }

    /// Select `task`'s row when it has one (else the selection stays where it is: on the
    /// row that took its place), and keep it in view.
    pub(super) fn keep_selected(&mut self, task: Option<TaskIx>) {
        if let Some(pos) = task.and_then(|k| self.task_order.iter().position(|&i| i == k)) {
            self.tasks.selected = pos;
        }
        self.fit_views();
    }

    /// After an edit of `task` alone: its row moves to where the sort and filters now put
    /// it — the rows [`App::refresh_order`] would list, without sorting every task again
    /// (at 100,000 tasks that is most of a key press). The task stays selected; when the
    /// filters now hide it, the row that took its place is.
    fn refresh_task(&mut self, task: TaskIx) {
        let mut order = std::mem::take(&mut self.task_order);
        self.listing().reposition(&mut order, task);
        self.task_order = order;
        self.keep_selected(Some(task));
    }

    /// The filter was typed on: keep the rows that still match when the new text only
    /// narrows the old ([`Query::narrows`]: a keystroke at 100,000 tasks then neither
    /// allocates nor sorts), else list every task again.
    pub(super) fn refilter(&mut self) {
        let query = Query::parse(&self.filter);
        let narrows = query.narrows(&self.query);
        self.query = query;
        if self.follow_team_term() {
            return;
        }
        if narrows {
            let keep = self.selected_task();
            let mut order = std::mem::take(&mut self.task_order);
            self.listing().narrow(&mut order);
            self.task_order = order;
            self.keep_selected(keep);
        } else {
            self.refresh_order(None);
        }
    }

    /// What the tasks pane lists, under the filters and sort in force. The tasks' search
    /// text is made here the first time a filter with words needs it.
    pub(super) fn listing(&mut self) -> Listing<'_> {
        if self.query.has_words() {
            let mut texts = std::mem::take(&mut self.haystack);
            texts.make(self.ws());
            self.haystack = texts;
        }
        Listing::new(
            self.ws(),
            self.board(),
            self.haystack.made().unwrap_or_default(),
            &self.query,
            self.class_filter,
            self.show_finished,
            self.sort,
        )
    }

    /// Catch up with tasks added to or removed from the workspace: their search text, and
    /// the tasks listed again with `select` (a new task) selected — the filters cleared if
    /// they would hide it — or else the task that was selected, if it is still there.
    fn resize_tasks(&mut self, select: Option<TaskIx>) {
        let n = self.ws().tasks.len();
        let keep = select.or_else(|| self.selected_task().filter(|t| t.0 < n));
        let mut texts = std::mem::take(&mut self.haystack);
        texts.tasks_resized(self.ws());
        self.haystack = texts;
        if let Some(t) = select {
            self.focus = Focus::Tasks;
            if !self.listing().shown(t) {
                self.filter.clear();
                self.query = Query::default();
                self.class_filter = None;
            }
        }
        self.refresh_order(keep);
    }
}
