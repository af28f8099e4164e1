//! What the tasks pane lists and how it is read: the text filter typed after `/` (live,
//! a paste included), the class filter and the sort, each listing the rows again with
//! the selected task kept; and the lens the scores are read in, for this session only.
//! Each change says in the status bar what is shown now.

use align_core::model::Lens;

use super::action::Tab;
use super::app::{App, Focus, Overlay, Tone};
use super::views::next_class;

impl App {
    pub(super) fn start_filter(&mut self) {
        self.tab = Tab::Board;
        self.overlay = Overlay::Filter;
        self.focus = Focus::Tasks;
        // The last edit's words ("undo: …") would read as news once the list changed.
        self.message = None;
    }

    pub(super) fn type_filter(&mut self, c: char) {
        self.filter.push(c);
        self.refilter();
    }

    pub(super) fn filter_backspace(&mut self) {
        self.filter.pop();
        self.refilter();
    }

    pub(super) fn clear_filter(&mut self) {
        // Esc on the board first lets go of a task picked with the dependency key (the
        // filter that helped find the other task stays until the next Esc).
        if !self.editing_filter()
            && let Some(id) = self.depends_from.take()
        {
            self.say(format!("let go of {id}: no dependency made"), Tone::Info);
            return;
        }
        if self.editing_filter() {
            self.overlay = Overlay::None;
        }
        if !self.filter.is_empty() {
            self.filter.clear();
            self.refilter();
            self.message = None;
        }
    }

    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.refresh_order(None);
        self.say(format!("sorted by {}", self.sort.label()), Tone::Info);
    }

    pub(super) fn cycle_class_filter(&mut self) {
        self.class_filter = next_class(self.class_filter);
        self.refresh_order(None);
        let shown = self.class_filter.map_or("all classes", |c| c.as_str());
        self.say(format!("showing {shown}"), Tone::Info);
    }

    /// Show done and dropped tasks too, or open work only again.
    pub(super) fn toggle_finished(&mut self) {
        self.show_finished = !self.show_finished;
        self.refresh_order(None);
        let shown = if self.show_finished {
            "showing all tasks, done and dropped too"
        } else {
            "showing open tasks (todo and doing)"
        };
        self.say(shown, Tone::Info);
    }

    pub(super) fn toggle_lens(&mut self) {
        let lens = match self.lens() {
            Lens::Strategy => Lens::Crunch,
            Lens::Crunch => Lens::Strategy,
        };
        self.set_lens(lens);
        // The lens the team's file says (the organisation's view has none of its own).
        let file = self.session.workspace().lens;
        let said = if self.org_view().is_some() {
            format!("lens: {lens}, for every team (for this session; the files are not changed)")
        } else if lens == file {
            format!("lens: {lens}, as the file says")
        } else {
            format!("lens: {lens} (for this session; the file says {file})")
        };
        self.say(said, Tone::Info);
    }

    /// Pasted text goes into the open form's field or the filter, as one line; anywhere
    /// else the keymap never asks (a paste is not keys).
    pub(super) fn paste(&mut self, text: &str) {
        let line = super::form::one_line(text);
        if let Overlay::Form(form) = &mut self.overlay {
            form.paste(&line);
        } else if self.editing_filter() {
            self.filter.push_str(&line);
            self.refilter();
        }
    }
}
