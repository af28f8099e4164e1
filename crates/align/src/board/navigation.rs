//! Moving around the board: the selection in the goals and tasks panes (a row, a page —
//! the pane's own height, from the same [`ui::layout`] the frame is drawn with — or to
//! either end, always kept in view), the focus between them, the wheel over a pane, the
//! help overlay's and the Compare tab's scroll, and a resize that lays it all out again.

use ratatui::layout::Rect;

use super::action::{Action, Tab};
use super::app::{App, Focus, Overlay};
use super::ui;

impl App {
    pub(super) fn page(&self, focus: Focus) -> usize {
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        match focus {
            Focus::Goals => areas.goals.height.saturating_sub(2) as usize,
            Focus::Tasks => areas.tasks.height.saturating_sub(3) as usize,
        }
    }

    pub(super) fn fit_views(&mut self) {
        let (gh, th) = (self.page(Focus::Goals), self.page(Focus::Tasks));
        self.goals.fit(self.goal_rows.len(), gh);
        self.tasks.fit(self.task_order.len(), th);
    }

    pub(super) fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Goals => {
                let h = self.page(Focus::Goals);
                self.goals.step(delta, self.goal_rows.len(), h);
            }
            Focus::Tasks => {
                let h = self.page(Focus::Tasks);
                self.tasks.step(delta, self.task_order.len(), h);
            }
        }
    }

    pub(super) fn switch_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Goals => Focus::Tasks,
            Focus::Tasks => Focus::Goals,
        }
    }

    /// The wheel over the Board tab: the pane under the pointer takes the focus and
    /// scrolls three rows.
    pub(super) fn scroll_pane(&mut self, column: u16, row: u16, down: bool) {
        if let Some(focus) = self.pane_at(column, row) {
            self.focus = focus;
            self.step(if down { 3 } else { -3 });
        }
    }

    pub(super) fn scroll_help(&mut self, delta: i32) {
        let max = ui::help_max_scroll(self.size.1, self.tab == Tab::Insights);
        if let Overlay::Help { scroll } = &mut self.overlay {
            *scroll = scroll.saturating_add_signed(delta as isize).min(max);
        }
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.fit_views();
        self.fit_insights();
    }

    /// The Compare tab's table scrolls when it does not fit (its rows wrap).
    pub(super) fn scroll_compare(&mut self, action: Action) {
        let body = ui::layout(Rect::new(0, 0, self.size.0, self.size.1)).body;
        self.comparison();
        let Some(cmp) = self.cached_comparison() else {
            return;
        };
        let (max, page) = ui::compare_scroll_range(body, cmp, self.trend_view(), &self.keymap);
        let page = page.max(1) as isize;
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Scroll { down, .. } => 3 * if down { 1 } else { -1 },
            _ => 0,
        };
        self.compare_scroll = self
            .compare_scroll
            .min(max)
            .saturating_add_signed(delta)
            .min(max);
    }
}
