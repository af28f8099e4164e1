//! The board's state and the one function that changes it, [`App::update`]. No terminal
//! here: a test feeds actions and reads the state, and the widgets in [`super::ui`] draw
//! it. Scores are kept up to date incrementally — an edit re-scores one task and the
//! goal flags, never re-parses the file.

use std::path::PathBuf;

use align::compare::{Comparison, compare};
use align::edit::Edit;
use align::model::{Lens, Workspace};
use align::{Class, Scoreboard, Scorer};
use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::action::{Action, Tab};
use super::form::Form;
use super::keymap::{Keymap, Mode};
use super::ui;
use super::views::{GoalRow, SortKey, goal_tree, haystack, next_class};
use align::config::Theme;

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
    pub(super) comparison: Option<Comparison>,
    /// The Insights tab's figures, computed when the tab is shown after a change.
    pub(super) insights: Option<align::insights::Insights>,
    /// The Insights tab's focus and selections.
    pub insight: super::insights::InsightState,
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
    pub(super) undo: Vec<Edit>,
    pub(super) redo: Vec<Edit>,
    /// The form being filled in (a check-in, a new task, a title), if one is open.
    pub form: Option<Form>,
    /// An edit on screen whose save waits for [`App::flush`].
    pub(super) pending: Option<super::save::Pending>,
    /// The help overlay's first row shown.
    pub help_scroll: usize,
    /// The Compare tab's first table line shown, when the table does not fit.
    pub compare_scroll: usize,
    pub message: Option<(String, Tone)>,
    /// Why the board may not write (the file on disk does not load), if so.
    pub read_only: Option<String>,
    pub size: (u16, u16),
    pub quit: bool,
    /// Where the workspace was loaded from, for reloads.
    pub root: PathBuf,
    /// The keys in force (the defaults with the config's remaps).
    pub keymap: Keymap,
    /// The colour theme, and whether to draw colour at all (off under NO_COLOR).
    pub theme: Theme,
    pub color: bool,
    /// Each file's (modified time, length) as last read or saved, and the directory's
    /// `*.toml` as last seen: a tick that finds another looks closer ([`super::disk`]).
    pub(super) stamps: Vec<Option<super::disk::Stamp>>,
    pub(super) listing: Option<Vec<PathBuf>>,
    /// The workspace's warnings already shown (see [`warning_key`]).
    pub(super) warned: Vec<String>,
}

/// A workspace warning as the board remembers it: its file and words, not its line
/// (which moves when lines above it are edited).
pub(super) fn warning_key(d: &align::Diagnostic) -> String {
    format!("{}: {}", d.file.display(), d.message)
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
            insights: None,
            insight: Default::default(),
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
            form: None,
            pending: None,
            help_scroll: 0,
            compare_scroll: 0,
            message: None,
            read_only: None,
            size: (80, 24),
            quit: false,
            keymap: Keymap::default(),
            theme: Theme::Dark,
            color: true,
            stamps: Vec::new(),
            listing: None,
            warned: Vec::new(),
        };
        app.restamp();
        app.refresh_order(None);
        app
    }

    pub fn lens(&self) -> Lens {
        self.scorer.lens
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.form.is_some() {
            Mode::Form
        } else if self.editing_filter {
            Mode::Filter
        } else if self.tab == Tab::Insights {
            Mode::Insights
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

    pub(super) fn fit_views(&mut self) {
        let (gh, th) = (self.page(Focus::Goals), self.page(Focus::Tasks));
        self.goals.fit(self.goal_rows.len(), gh);
        self.tasks.fit(self.task_order.len(), th);
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

    /// The warnings found before the board opened — the config's and its keys'
    /// (`others`), the workspace's — which were printed where the board now covers
    /// them: the status bar counts them and shows the first. Says nothing when there
    /// are none. The workspace's are remembered, so a reload names only new ones.
    pub fn show_start_warnings(&mut self, others: &[String], workspace: &[align::Diagnostic]) {
        self.warned = workspace.iter().map(warning_key).collect();
        let all: Vec<String> = others
            .iter()
            .cloned()
            .chain(workspace.iter().map(|d| d.to_string()))
            .collect();
        if let Some(first) = all.first() {
            let text = match all.len() {
                1 => format!("1 warning: {first}"),
                n => format!("{n} warnings (all on stderr after you quit): {first}"),
            };
            self.say(text, Tone::Problem);
        }
    }

    /// Handle one action. The only place the board's state changes. Returns whether the
    /// screen may have changed (a quiet [`Action::Tick`], or a key ignored while the board
    /// is too small to show, says no), so the loop draws only when there is something new
    /// to show.
    pub fn update(&mut self, action: Action) -> bool {
        // Below the smallest size only a note is drawn: a key must not act on what the
        // person cannot see. Quit, help and a resize still work (and the clock, which only
        // reloads what changed on disk).
        if self.too_small()
            && !matches!(
                action,
                Action::Quit | Action::Resize { .. } | Action::ToggleHelp | Action::Tick
            )
        {
            return false;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::FocusNext
            | Action::FocusPrev
            | Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::ShowOnBoard
                if self.tab == Tab::Insights =>
            {
                self.insights_key(action)
            }
            Action::Left | Action::Right | Action::ShowOnBoard => {}
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Scroll { .. }
                if self.tab == Tab::Compare =>
            {
                self.scroll_compare(action)
            }
            Action::Scroll { column, row, down } if self.tab == Tab::Insights => {
                self.insights_scroll(column, row, down)
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::HelpScroll(delta) => {
                let max = ui::help_max_scroll(self.size.1, self.tab == Tab::Insights);
                self.help_scroll = self
                    .help_scroll
                    .saturating_add_signed(delta as isize)
                    .min(max);
            }
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
            Action::CheckIn
            | Action::AddTask
            | Action::EditTitle
            | Action::AdvanceStatus
            | Action::DropTask
                if self.tab != Tab::Board =>
            {
                self.say(
                    "tasks and key results are edited on the Board tab: press 1",
                    Tone::Info,
                );
            }
            Action::CheckIn => self.open_check_in(),
            Action::AddTask => self.open_add_task(),
            Action::EditTitle => self.open_edit_title(),
            Action::AdvanceStatus => self.advance_task(),
            Action::DropTask => self.drop_task(),
            Action::FormKey(key) => {
                if let Some(form) = &mut self.form {
                    form.key(key);
                }
            }
            Action::Paste(text) => self.paste(&text),
            Action::FormSubmit => self.submit_form(),
            Action::FormCancel => {
                if self.form.take().is_some() {
                    self.say("cancelled: nothing changed", Tone::Info);
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => {
                self.reload();
            }
            Action::Tick => return self.tick(),
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
                self.fit_insights();
            }
        }
        true
    }

    /// The Compare tab's table scrolls when it does not fit (its rows wrap).
    fn scroll_compare(&mut self, action: Action) {
        let body = ui::layout(Rect::new(0, 0, self.size.0, self.size.1)).body;
        self.comparison();
        let Some(cmp) = self.cached_comparison() else {
            return;
        };
        let (max, page) = ui::compare_scroll_range(body, cmp, &self.keymap);
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

    /// Pasted text goes into the open form's field or the filter, as one line; anywhere
    /// else the keymap never asks (a paste is not keys).
    fn paste(&mut self, text: &str) {
        let line = super::form::one_line(text);
        if let Some(form) = &mut self.form {
            form.paste(&line);
        } else if self.editing_filter {
            self.filter.push_str(&line);
            self.refresh_order(None);
        }
    }

    /// Is the terminal too small for the board (the "terminal too small" note shows)?
    pub fn too_small(&self) -> bool {
        self.size.0 < ui::MIN_WIDTH || self.size.1 < ui::MIN_HEIGHT
    }
}
