//! The mouse on the Board tab: a click selects the row under it and focuses its pane (or
//! picks a tab), the wheel scrolls the pane under the pointer. Where things are comes
//! from the same [`ui::layout`] the frame is drawn with, so a click lands on what is shown.

use ratatui::layout::Rect;

use super::action::Tab;
use super::app::{App, Focus};
use super::ui;

impl App {
    pub(super) fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        if self.tab != Tab::Board {
            return None;
        }
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        let pos = ratatui::layout::Position::new(column, row);
        if areas.goals.contains(pos) {
            Some(Focus::Goals)
        } else if areas.tasks.contains(pos) {
            Some(Focus::Tasks)
        } else {
            None
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        if areas
            .tabs
            .contains(ratatui::layout::Position::new(column, row))
        {
            if let Some(tab) = ui::tab_at(self, areas.tabs, column) {
                self.tab = tab;
            }
            return;
        }
        if self.tab == Tab::Insights {
            self.insights_click(column, row);
            return;
        }
        match self.pane_at(column, row) {
            // A click on a border or the header focuses the pane and selects nothing.
            Some(Focus::Goals) => {
                self.focus = Focus::Goals;
                if let Some(r) = ui::list_row_at(areas.goals, 0, column, row) {
                    let i = self.goals.offset + r;
                    if i < self.goal_rows.len() {
                        self.goals.selected = i;
                    }
                }
            }
            Some(Focus::Tasks) => {
                self.focus = Focus::Tasks;
                if let Some(r) = ui::list_row_at(areas.tasks, 1, column, row) {
                    let i = self.tasks.offset + r;
                    if i < self.task_order.len() {
                        self.tasks.selected = i;
                    }
                }
            }
            None => {}
        }
        self.fit_views();
    }
}
