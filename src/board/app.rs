//! The board's state and the one function that changes it, [`App::update`]. No terminal
//! here: a test feeds actions and reads the state, and the widgets in [`super::ui`] draw
//! it. Scores are kept up to date incrementally — an edit re-scores one task and the
//! goal flags, never re-parses the file.

use std::path::PathBuf;

use align::compare::{Comparison, compare};
use align::model::{Lens, Workspace};
use align::writeback::LinkEdit;
use align::{Class, Scoreboard, Scorer};
use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::action::{Action, Tab};
use super::keymap::Mode;
use super::ui;
use super::views::{GoalRow, SortKey, goal_tree, haystack, haystack_of, next_class, task_order};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Goals,
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Done,
    Problem,
}

/// A scrolling list's selection and first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

impl ListState {
    /// Move by `delta` rows within `len`, keeping the selection inside a `height`-row view.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = ListState::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.fit(len, height);
    }

    pub fn fit(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

pub struct App {
    pub ws: Workspace,
    /// Each file's text as it is on disk (last read or saved).
    pub(super) on_disk: Vec<String>,
    pub(super) scorer: Scorer,
    pub board: Scoreboard,
    comparison: Option<Comparison>,
    pub(super) haystack: Vec<String>,
    pub today: NaiveDate,
    pub tab: Tab,
    pub focus: Focus,
    pub help: bool,
    pub editing_filter: bool,
    pub filter: String,
    pub sort: SortKey,
    pub class_filter: Option<Class>,
    pub goal_rows: Vec<GoalRow>,
    pub goals: ListState,
    pub task_order: Vec<usize>,
    pub tasks: ListState,
    pub(super) undo: Vec<LinkEdit>,
    pub(super) redo: Vec<LinkEdit>,
    pub message: Option<(String, Tone)>,
    /// Why the board may not write (the file on disk does not load), if so.
    pub read_only: Option<String>,
    pub size: (u16, u16),
    pub quit: bool,
    /// Where the workspace was loaded from, for reloads.
    pub root: PathBuf,
}

impl App {
    pub fn new(ws: Workspace, today: NaiveDate, lens: Option<Lens>) -> App {
        let lens = lens.unwrap_or(ws.lens);
        let scorer = Scorer::new(&ws, today, lens);
        let board = scorer.scoreboard(&ws);
        let mut app = App {
            on_disk: ws.files.iter().map(|f| f.text.clone()).collect(),
            haystack: haystack(&ws),
            goal_rows: goal_tree(&ws),
            root: ws.root.clone(),
            ws,
            scorer,
            board,
            comparison: None,
            today,
            tab: Tab::Board,
            focus: Focus::Tasks,
            help: false,
            editing_filter: false,
            filter: String::new(),
            sort: SortKey::Score,
            class_filter: None,
            goals: ListState::default(),
            task_order: Vec::new(),
            tasks: ListState::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            message: None,
            read_only: None,
            size: (80, 24),
            quit: false,
        };
        app.refresh_order(None);
        app
    }

    pub fn lens(&self) -> Lens {
        self.scorer.lens
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.editing_filter {
            Mode::Filter
        } else {
            Mode::Normal
        }
    }

    pub fn selected_task(&self) -> Option<usize> {
        self.task_order.get(self.tasks.selected).copied()
    }

    pub fn selected_goal_row(&self) -> Option<GoalRow> {
        self.goal_rows.get(self.goals.selected).copied()
    }

    /// Is `task` linked to the selected goal row (the goal, or that key result)?
    pub fn linked_to_selected_goal(&self, task: usize) -> bool {
        let Some(row) = self.selected_goal_row() else {
            return false;
        };
        let t = &self.ws.tasks[task];
        match row {
            GoalRow::Goal { goal, .. } => {
                let id = &self.ws.goals[goal].id;
                t.goals
                    .iter()
                    .any(|l| l == id || l.split_once('/').is_some_and(|(g, _)| g == id))
            }
            GoalRow::KeyResult { .. } => {
                let target = row.target(&self.ws);
                t.goals.contains(&target)
            }
        }
    }

    /// Is the goal row linked from the selected task?
    pub fn row_linked_to_selected_task(&self, row: GoalRow) -> bool {
        let Some(task) = self.selected_task() else {
            return false;
        };
        let target = row.target(&self.ws);
        self.ws.tasks[task].goals.contains(&target)
    }

    /// The comparison, computed when first needed after a change.
    pub fn comparison(&mut self) -> &Comparison {
        self.comparison
            .get_or_insert_with(|| compare(&self.ws, &self.board))
    }

    pub fn cached_comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    fn page(&self, focus: Focus) -> usize {
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        match focus {
            Focus::Goals => areas.goals.height.saturating_sub(2) as usize,
            Focus::Tasks => areas.tasks.height.saturating_sub(3) as usize,
        }
    }

    fn fit_views(&mut self) {
        let (gh, th) = (self.page(Focus::Goals), self.page(Focus::Tasks));
        self.goals.fit(self.goal_rows.len(), gh);
        self.tasks.fit(self.task_order.len(), th);
    }

    /// Rebuild the tasks pane's rows, keeping `keep` (or the current task) selected.
    pub(super) fn refresh_order(&mut self, keep: Option<usize>) {
        let keep = keep.or_else(|| self.selected_task());
        self.task_order = task_order(
            &self.ws,
            &self.board,
            &self.haystack,
            &self.filter,
            self.class_filter,
            self.sort,
        );
        if let Some(pos) = keep.and_then(|k| self.task_order.iter().position(|&i| i == k)) {
            self.tasks.selected = pos;
        }
        self.fit_views();
    }

    fn step(&mut self, delta: isize) {
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

    pub(super) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    /// Re-score after the links of `task` changed.
    pub(super) fn rescore(&mut self, task: usize) {
        self.board.tasks[task] = self.scorer.score(&self.ws, &self.ws.tasks[task]);
        self.board.goals = self.scorer.goal_flags(&self.ws);
        self.board.summary = align::scoring::summarize(&self.ws, &self.board.tasks);
        self.haystack[task] = haystack_of(&self.ws, task);
        self.comparison = None;
    }

    /// Re-score everything (a new lens or a reloaded file).
    pub(super) fn rescore_all(&mut self, lens: Lens) {
        self.scorer = Scorer::new(&self.ws, self.today, lens);
        self.board = self.scorer.scoreboard(&self.ws);
        self.haystack = haystack(&self.ws);
        self.goal_rows = goal_tree(&self.ws);
        self.comparison = None;
    }

    /// Handle one action. The only place the board's state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help = !self.help,
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::Goals => Focus::Tasks,
                    Focus::Tasks => Focus::Goals,
                }
            }
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::PageDown => self.step(self.page(self.focus).max(1) as isize),
            Action::PageUp => self.step(-(self.page(self.focus).max(1) as isize)),
            Action::ShowTab(tab) => self.tab = tab,
            Action::StartFilter => {
                self.tab = Tab::Board;
                self.editing_filter = true;
                self.focus = Focus::Tasks;
            }
            Action::FilterInput(c) => {
                self.filter.push(c);
                self.refresh_order(None);
            }
            Action::FilterBackspace => {
                self.filter.pop();
                self.refresh_order(None);
            }
            Action::FilterDone => self.editing_filter = false,
            Action::ClearFilter => {
                self.editing_filter = false;
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.refresh_order(None);
                }
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh_order(None);
                self.say(format!("sorted by {}", self.sort.label()), Tone::Info);
            }
            Action::CycleClassFilter => {
                self.class_filter = next_class(self.class_filter);
                self.refresh_order(None);
                let shown = self.class_filter.map_or("all classes", |c| c.as_str());
                self.say(format!("showing {shown}"), Tone::Info);
            }
            Action::ToggleLens => {
                let lens = match self.lens() {
                    Lens::Strategy => Lens::Crunch,
                    Lens::Crunch => Lens::Strategy,
                };
                self.rescore_all(lens);
                self.refresh_order(None);
                self.say(
                    format!(
                        "lens: {lens} (for this session; the file says {})",
                        self.ws.lens
                    ),
                    Tone::Info,
                );
            }
            Action::ToggleLink if self.tab != Tab::Board => {
                self.say("links are made on the Board tab: press 1", Tone::Info);
            }
            Action::ToggleLink => self.toggle_link(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => self.reload(),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => {
                if let Some(focus) = self.pane_at(column, row) {
                    self.focus = focus;
                    self.step(if down { 3 } else { -3 });
                }
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.fit_views();
            }
        }
    }

    fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
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

    fn click(&mut self, column: u16, row: u16) {
        let areas = ui::layout(Rect::new(0, 0, self.size.0, self.size.1));
        if areas
            .tabs
            .contains(ratatui::layout::Position::new(column, row))
        {
            if let Some(tab) = ui::tab_at(areas.tabs, column) {
                self.tab = tab;
            }
            return;
        }
        match self.pane_at(column, row) {
            Some(Focus::Goals) => {
                self.focus = Focus::Goals;
                let first = areas.goals.y + 1;
                if row >= first {
                    let i = self.goals.offset + usize::from(row - first);
                    if i < self.goal_rows.len() {
                        self.goals.selected = i;
                    }
                }
            }
            Some(Focus::Tasks) => {
                self.focus = Focus::Tasks;
                let first = areas.tasks.y + 2;
                if row >= first {
                    let i = self.tasks.offset + usize::from(row - first);
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
