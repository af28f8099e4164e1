//! The board's state: everything it shows and remembers, how it is made from a loaded
//! workspace, and the questions the widgets ask of it (what is selected, what is linked
//! to it, which keys are in force). It changes in one place, [`App::update`]
//! ([`super::update`]), whose handlers live with what they are about. No terminal here:
//! a test feeds actions and reads the state, and the widgets in [`super::ui`] draw it.
//! The workspace, its scores and its history of edits belong to the [`Session`]; the
//! board keeps what it shows of them (rows, selection, cached views) and follows each
//! change the session reports.

use align_core::compare::{Comparison, compare};
use align_core::model::{GoalIx, Lens, TaskIx, Workspace};
use align_core::session::Session;
use align_core::{Class, Scoreboard, Scorer};
use chrono::NaiveDate;

use super::action::Tab;
use super::form::Form;
use super::keymap::{Keymap, Mode};
use super::ui;
use super::views::{GoalRow, SortKey, goal_tree};
use crate::config::{GoalNames, Theme};

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

/// What the board is opened with besides the workspace: the person's keys, colours and
/// whether to draw colour at all.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// Off under `NO_COLOR` or `--no-color`.
    pub color: bool,
    /// Who runs the board, among the workspace's owners (the config's `me`, else `$USER`).
    pub me: Option<String>,
    /// Which of a goal's id and title shows where both do not fit.
    pub goal_names: GoalNames,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            theme: Theme::Dark,
            color: true,
            me: None,
            goal_names: GoalNames::Title,
        }
    }
}

/// What covers the panes and takes the keys: nothing, the help overlay (scrolled by so
/// many rows), the filter being typed, or a form being filled in. One at a time.
#[derive(Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    Filter,
    Form(Box<Form>),
}

pub struct App {
    /// The workspace, its scores and its history: every change goes through it.
    pub session: Session,
    pub(super) comparison: Option<Comparison>,
    /// The Insights tab's figures, kept from change to change and brought up to date
    /// when the tab is shown after one (`insights_stale`).
    pub(super) insights: Option<align_core::insights::KeptInsights>,
    /// A change came since the Insights figures were last brought up to date.
    pub(super) insights_stale: bool,
    /// The tasks edited, added or removed since then (their links or owner may have
    /// moved; a place may hold another task).
    pub(super) insights_edited: Vec<align_core::model::TaskIx>,
    /// Each key result's traction (per goal, per key result), worked out for the Board
    /// tab after each change.
    pub(super) traction: Option<Vec<Vec<align_core::traction::Traction>>>,
    /// The Insights tab's focus and selections.
    pub insight: super::insights::InsightState,
    pub(super) haystack: super::views::SearchText,
    pub today: NaiveDate,
    pub tab: Tab,
    pub focus: Focus,
    /// What covers the panes and takes the keys, if anything.
    pub overlay: Overlay,
    pub filter: String,
    /// The filter as parsed ([`App::filter`]'s words and terms).
    pub(super) query: align_core::query::Query,
    /// Done and dropped tasks listed too (Taskwarrior's `all`); open work only by default.
    pub show_finished: bool,
    pub sort: SortKey,
    pub class_filter: Option<Class>,
    pub goal_rows: Vec<GoalRow>,
    pub goals: ListState,
    pub task_order: Vec<TaskIx>,
    pub tasks: ListState,
    /// The form an edit on screen came from, opened again if its save fails, and the
    /// message to show once it is saved.
    pub(super) pending: Option<super::save::Pending>,
    /// The Compare tab's first table line shown, when the table does not fit.
    pub compare_scroll: usize,
    pub message: Option<(String, Tone)>,
    /// Why the board may not write (the file on disk does not load), if so.
    pub read_only: Option<String>,
    pub size: (u16, u16),
    pub quit: bool,
    /// The keys in force (the defaults with the config's remaps).
    pub keymap: Keymap,
    /// The colour theme, and whether to draw colour at all (off under NO_COLOR).
    pub theme: Theme,
    pub color: bool,
    /// Who runs the board (see [`Settings::me`]).
    pub me: Option<String>,
    /// Which of a goal's id and title shows where both do not fit.
    pub goal_names: GoalNames,
    /// The workspace's warnings already shown (see [`warning_key`]).
    pub(super) warned: Vec<String>,
    /// The id of the task picked with the dependency key, waiting for the task it waits
    /// on to be picked (the key again toggles the dependency; Esc lets go).
    pub depends_from: Option<String>,
    /// The goal (and key result) a form just added: selected once it is listed.
    pub(super) select_after_add: Option<(String, Option<String>)>,
    /// `E` asked for the editor: the loop runs it ([`super::editor`]).
    pub(super) editor_request: Option<super::editor::EditorRequest>,
    /// The Compare tab's trends, as far as the history worker has read them.
    pub trends: super::trends::Trends,
    /// The thread reading the history, once started ([`App::start_history`]).
    pub(super) history_worker: Option<super::trends::Worker>,
    /// The organisation, when the board is opened on one ([`super::org`]): its other
    /// teams' sessions, the scope shown, the roll-up.
    pub org: Option<Box<super::org::OrgBoard>>,
}

/// A workspace warning as the board remembers it: its file and words, not its line
/// (which moves when lines above it are edited).
pub(super) fn warning_key(d: &align_core::Diagnostic) -> String {
    format!("{}: {}", d.file.display(), d.message)
}

impl App {
    pub fn new(session: Session, settings: Settings) -> App {
        let Settings {
            keymap,
            theme,
            color,
            me,
            goal_names,
        } = settings;
        let mut app = App {
            haystack: Default::default(),
            goal_rows: goal_tree(session.workspace()),
            today: session.today(),
            session,
            comparison: None,
            insights: None,
            insights_stale: false,
            insights_edited: Vec::new(),
            traction: None,
            insight: Default::default(),
            tab: Tab::Board,
            focus: Focus::Tasks,
            overlay: Overlay::None,
            filter: String::new(),
            query: Default::default(),
            show_finished: false,
            sort: SortKey::Score,
            class_filter: None,
            goals: ListState::default(),
            task_order: Vec::new(),
            tasks: ListState::default(),
            pending: None,
            compare_scroll: 0,
            message: None,
            read_only: None,
            size: (80, 24),
            quit: false,
            keymap,
            theme,
            color,
            me,
            goal_names,
            warned: Vec::new(),
            depends_from: None,
            select_after_add: None,
            editor_request: None,
            trends: Default::default(),
            history_worker: None,
            org: None,
        };
        app.refresh_order(None);
        app.prepare_view();
        app
    }

    /// The workspace shown: the session's as it has it now, or the organisation's view
    /// while the whole organisation is in scope.
    pub fn ws(&self) -> &Workspace {
        match self.org_view() {
            Some(v) => &v.workspace,
            None => self.session.workspace(),
        }
    }

    /// Every task's score, the goal flags and the summary (of what [`App::ws`] shows).
    pub fn board(&self) -> &Scoreboard {
        match self.org_view() {
            Some(v) => &v.scores,
            None => self.session.scoreboard(),
        }
    }

    pub fn scorer(&self) -> &Scorer {
        match self.org_view() {
            Some(v) => &v.scorer,
            None => self.session.scorer(),
        }
    }

    pub fn lens(&self) -> Lens {
        self.session.lens()
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::Help { .. } => Mode::Help,
            Overlay::Form(_) => Mode::Form,
            Overlay::Filter => Mode::Filter,
            Overlay::None if self.tab == Tab::Insights => Mode::Insights,
            Overlay::None => Mode::Normal,
        }
    }

    /// The form being filled in (a check-in, a new task, a title), if one is open.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(form) => Some(form),
            _ => None,
        }
    }

    /// Close the open form, if one is, and hand it over.
    pub(super) fn take_form(&mut self) -> Option<Form> {
        match std::mem::take(&mut self.overlay) {
            Overlay::Form(form) => Some(*form),
            other => {
                self.overlay = other;
                None
            }
        }
    }

    /// Open `form` over the board.
    pub(super) fn open_form(&mut self, form: Form) {
        self.overlay = Overlay::Form(Box::new(form));
    }

    /// Is the filter being typed?
    pub fn editing_filter(&self) -> bool {
        matches!(self.overlay, Overlay::Filter)
    }

    /// Is the help overlay open?
    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Overlay::Help { .. })
    }

    pub fn selected_task(&self) -> Option<TaskIx> {
        self.task_order.get(self.tasks.selected).copied()
    }

    pub fn selected_goal_row(&self) -> Option<GoalRow> {
        self.goal_rows.get(self.goals.selected).copied()
    }

    /// Is `task` linked to the selected goal row (the goal, or that key result)?
    pub fn linked_to_selected_goal(&self, task: TaskIx) -> bool {
        let Some(row) = self.selected_goal_row() else {
            return false;
        };
        let t = &self.ws().tasks[task];
        match row {
            GoalRow::Goal { goal, .. } => {
                let id = &self.ws().goals[goal].id;
                t.goals.iter().any(|l| l.serves(id))
            }
            GoalRow::KeyResult { .. } => {
                let target = row.target(self.ws());
                t.goals.contains(&target)
            }
        }
    }

    /// Is the goal row linked from the selected task?
    pub fn row_linked_to_selected_task(&self, row: GoalRow) -> bool {
        let Some(task) = self.selected_task() else {
            return false;
        };
        let target = row.target(self.ws());
        self.ws().tasks[task].goals.contains(&target)
    }

    /// The comparison, computed when first needed after a change.
    pub fn comparison(&mut self) -> &Comparison {
        if self.comparison.is_none() {
            self.comparison = Some(compare(self.ws(), self.board()));
        }
        self.comparison.as_ref().expect("just worked out")
    }

    /// The traction of key result `key_result` of `goal`, once worked out for the Board tab.
    pub fn traction(
        &self,
        goal: GoalIx,
        key_result: usize,
    ) -> Option<&align_core::traction::Traction> {
        self.traction.as_ref()?.get(goal.0)?.get(key_result)
    }

    /// Work out every key result's traction, if a change made it stale.
    pub(super) fn prepare_traction(&mut self) {
        if self.traction.is_none() {
            let ws = self.ws();
            let rule = align_core::traction::Rule::of(ws);
            // The organisation's view keeps each team's finished work: no pass over
            // every task.
            self.traction = Some(match self.org_view() {
                Some(view) => view.traction(rule),
                None => align_core::traction::traction(ws, self.today, rule),
            });
        }
    }

    pub fn cached_comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    pub(super) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    /// The warnings found before the board opened — the config's and its keys'
    /// (`others`), the workspace's — which were printed where the board now covers
    /// them: the status bar counts them and shows the first. Says nothing when there
    /// are none. The workspace's are remembered, so a reload names only new ones.
    pub fn show_start_warnings(&mut self, others: &[String], workspace: &[align_core::Diagnostic]) {
        self.warned = workspace.iter().map(warning_key).collect();
        let all: Vec<String> = others
            .iter()
            .cloned()
            .chain(workspace.iter().map(std::string::ToString::to_string))
            .collect();
        if let Some(first) = all.first() {
            let text = match all.len() {
                1 => format!("1 warning: {first}"),
                n => format!("{n} warnings (all on stderr after you quit): {first}"),
            };
            self.say(text, Tone::Problem);
        }
    }

    /// Is the terminal too small for the board (the "terminal too small" note shows)?
    pub fn too_small(&self) -> bool {
        self.size.0 < ui::MIN_WIDTH || self.size.1 < ui::MIN_HEIGHT
    }
}
