//! The Insights tab's state and keys: which quadrant is picked, which pane has the focus,
//! and the selections in the quadrant's task list and the key-result table. The figures
//! come from [`align_core::insights`], kept from change to change and brought up to date
//! (by the tasks a change moved) only while the tab is shown, never per frame.

use align_core::insights::{Insights, KeptInsights, Quadrant};
use align_core::model::TaskIx;
use ratatui::layout::{Position, Rect};

use super::action::{Action, Tab};
use super::app::{App, Focus, ListState, Tone};
use super::ui;
use super::views::GoalRow;

/// Which part of the Insights tab the keys act on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InsightFocus {
    /// The 2×2 grid: arrows and `hjkl` pick a quadrant.
    #[default]
    Quadrants,
    /// The picked quadrant's tasks.
    Tasks,
    /// The key-result staffing table.
    KeyResults,
}

impl InsightFocus {
    fn next(self) -> InsightFocus {
        match self {
            InsightFocus::Quadrants => InsightFocus::Tasks,
            InsightFocus::Tasks => InsightFocus::KeyResults,
            InsightFocus::KeyResults => InsightFocus::Quadrants,
        }
    }

    fn prev(self) -> InsightFocus {
        self.next().next()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsightState {
    pub focus: InsightFocus,
    pub quadrant: Quadrant,
    /// Selection in the picked quadrant's task list.
    pub tasks: ListState,
    /// Selection in the key-result table.
    pub key_results: ListState,
}

impl Default for InsightState {
    fn default() -> Self {
        InsightState {
            focus: InsightFocus::Quadrants,
            // The trap is what the tab is for: start there.
            quadrant: Quadrant::BusyWorkTrap,
            tasks: ListState::default(),
            key_results: ListState::default(),
        }
    }
}

/// The quadrant one step away on the 2×2 grid (aligned row on top, urgent column left).
fn neighbour(q: Quadrant, action: Action) -> Quadrant {
    let (urgent, aligned) = (q.urgent(), q.aligned());
    match action {
        Action::Left => Quadrant::of(true, aligned),
        Action::Right => Quadrant::of(false, aligned),
        Action::Up => Quadrant::of(urgent, true),
        Action::Down => Quadrant::of(urgent, false),
        _ => q,
    }
}

impl App {
    /// The insights, brought up to date when first needed after a change: by the tasks
    /// the change moved ([`KeptInsights::follow`]), or afresh.
    pub fn insights(&mut self) -> &Insights {
        let kept = match self.insights.take() {
            Some(mut kept) => {
                if self.insights_stale {
                    kept.follow(self.ws(), self.board(), &self.insights_edited);
                }
                kept
            }
            None => KeptInsights::new(self.ws(), self.board()),
        };
        self.insights_stale = false;
        self.insights_edited.clear();
        self.insights.insert(kept).insights()
    }

    /// The insights when they are up to date.
    pub fn cached_insights(&self) -> Option<&Insights> {
        self.insights
            .as_ref()
            .filter(|_| !self.insights_stale)
            .map(KeptInsights::insights)
    }

    /// Before drawing the tab: compute what changed and keep the selections in range.
    pub(super) fn prepare_insights(&mut self) {
        self.insights();
        self.fit_insights();
    }

    fn insight_areas(&self) -> ui::insights::InsightAreas {
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        ui::insights::layout(areas.body)
    }

    /// Rows the task list and the key-result table show at once.
    fn insight_pages(&self) -> (usize, usize) {
        let a = self.insight_areas();
        (
            ui::insights::list_height(a.tasks),
            ui::insights::list_height(a.key_results),
        )
    }

    /// Keep both selections inside their lists and in view (after a resize or a change).
    pub(super) fn fit_insights(&mut self) {
        let Some(ins) = self.cached_insights() else {
            return;
        };
        let tasks = ins.quadrant(self.insight.quadrant).tasks.len();
        let krs = ins.key_results.len();
        let (th, kh) = self.insight_pages();
        self.insight.tasks.fit(tasks, th);
        self.insight.key_results.fit(krs, kh);
    }

    /// The task selected in the picked quadrant's list.
    pub fn selected_insight_task(&self) -> Option<TaskIx> {
        let ins = self.cached_insights()?;
        ins.quadrant(self.insight.quadrant)
            .tasks
            .get(self.insight.tasks.selected)
            .copied()
    }

    fn pick_quadrant(&mut self, q: Quadrant) {
        if q != self.insight.quadrant {
            self.insight.quadrant = q;
            self.insight.tasks = ListState::default();
        }
    }

    /// A key on the Insights tab.
    pub(super) fn insights_key(&mut self, action: Action) {
        let (tasks, krs) = {
            let q = self.insight.quadrant;
            let ins = self.insights();
            (ins.quadrant(q).tasks.len(), ins.key_results.len())
        };
        let (th, kh) = self.insight_pages();
        let page = |h: usize| h.max(1) as isize;
        let delta = |h: usize| match &action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page(h),
            Action::PageDown => page(h),
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => 0,
        };
        let focus = self.insight.focus;
        match (focus, &action) {
            (_, Action::FocusNext) => self.insight.focus = focus.next(),
            (_, Action::FocusPrev) => self.insight.focus = focus.prev(),
            (InsightFocus::Quadrants, Action::ShowOnBoard) => {
                self.insight.focus = InsightFocus::Tasks;
            }
            (InsightFocus::Quadrants, _) => {
                self.pick_quadrant(neighbour(self.insight.quadrant, action.clone()));
            }
            (_, Action::Left) => self.insight.focus = InsightFocus::Quadrants,
            (_, Action::Right) => {}
            (InsightFocus::Tasks, Action::ShowOnBoard) => self.show_task_on_board(),
            (InsightFocus::KeyResults, Action::ShowOnBoard) => self.show_key_result_on_board(),
            (InsightFocus::Tasks, _) => self.insight.tasks.step(delta(th), tasks, th),
            (InsightFocus::KeyResults, _) => self.insight.key_results.step(delta(kh), krs, kh),
        }
        self.fit_insights();
    }

    /// The mouse wheel over the task list or the key-result table scrolls it.
    pub(super) fn insights_scroll(&mut self, column: u16, row: u16, down: bool) {
        let a = self.insight_areas();
        let pos = Position::new(column, row);
        let focus = if a.tasks.contains(pos) {
            InsightFocus::Tasks
        } else if a.key_results.contains(pos) {
            InsightFocus::KeyResults
        } else {
            return;
        };
        self.insight.focus = focus;
        self.insights_key(if down {
            Action::PageDown
        } else {
            Action::PageUp
        });
    }

    /// A click picks a quadrant, or selects a row of the task list or key-result table.
    pub(super) fn insights_click(&mut self, column: u16, row: u16) {
        self.insights();
        let a = self.insight_areas();
        let pos = Position::new(column, row);
        if let Some(i) = a.cells.iter().position(|c| c.contains(pos)) {
            self.pick_quadrant(Quadrant::ALL[i]);
            self.insight.focus = InsightFocus::Quadrants;
        } else if a.tasks.contains(pos) {
            self.insight.focus = InsightFocus::Tasks;
            let len = self
                .cached_insights()
                .map_or(0, |ins| ins.quadrant(self.insight.quadrant).tasks.len());
            // Borders and the header select nothing.
            if let Some(r) = ui::list_row_at(a.tasks, 1, column, row) {
                let i = self.insight.tasks.offset + r;
                if i < len {
                    self.insight.tasks.selected = i;
                }
            }
        } else if a.key_results.contains(pos) {
            self.insight.focus = InsightFocus::KeyResults;
            let len = self
                .cached_insights()
                .map_or(0, |ins| ins.key_results.len());
            if let Some(r) = ui::list_row_at(a.key_results, 1, column, row) {
                let i = self.insight.key_results.offset + r;
                if i < len {
                    self.insight.key_results.selected = i;
                }
            }
        }
        self.fit_insights();
    }

    /// Enter on a task: the Board tab with that task selected (clearing a filter that
    /// hides it).
    fn show_task_on_board(&mut self) {
        let Some(task) = self.selected_insight_task() else {
            self.say("no task in this quadrant", Tone::Info);
            return;
        };
        let mut note = String::new();
        if !self.task_order.contains(&task) {
            self.filter.clear();
            self.query = Default::default();
            self.class_filter = None;
            self.show_finished |= !self.ws().tasks[task].status.is_open();
            note = " (filters cleared to show it)".to_string();
        }
        self.refresh_order(Some(task));
        self.tab = Tab::Board;
        self.focus = Focus::Tasks;
        let id = self.ws().tasks[task].id.clone();
        self.say(format!("{id} on the Board{note} · 3 goes back"), Tone::Info);
    }

    /// Enter on a key result: the Board tab with it selected in the goals pane.
    fn show_key_result_on_board(&mut self) {
        let Some((goal, key_result, target)) = self.cached_insights().and_then(|ins| {
            ins.key_results
                .get(self.insight.key_results.selected)
                .map(|k| (k.goal, k.key_result, k.target.clone()))
        }) else {
            self.say("no key result to show", Tone::Info);
            return;
        };
        let row = self.goal_rows.iter().position(|r| {
            matches!(*r, GoalRow::KeyResult { goal: g, key_result: k, .. } if g == goal && k == key_result)
        });
        if let Some(i) = row {
            self.goals.selected = i;
        }
        self.tab = Tab::Board;
        self.focus = Focus::Goals;
        self.refresh_order(None);
        self.say(format!("{target} on the Board · 3 goes back"), Tone::Info);
    }
}
