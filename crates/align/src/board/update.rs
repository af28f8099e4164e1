//! [`App::update`]: the one function that changes the board's state. Each action is
//! sent to what handles it — moving ([`super::navigation`]), the filters and the sort
//! ([`super::filtering`]), the Insights tab, editing, saving, the disk — after the one
//! rule that holds for all of them: below the smallest size, a key that would act on
//! what the person cannot see does nothing.

use super::action::{Action, Tab};
use super::app::{App, Focus, Overlay, Tone};

impl App {
    /// Handle one action. The only place the board's state changes. Returns whether the
    /// screen may have changed (a quiet [`Action::Tick`], the history's news while a tab
    /// without trends is shown, or a key ignored while the board is too small to show,
    /// says no), so the loop draws only when there is something new to show.
    pub fn update(&mut self, action: Action) -> bool {
        // Below the smallest size only a note is drawn: a key must not act on what the
        // person cannot see. Quit, help and a resize still work (and the clock, which only
        // reloads what changed on disk).
        if self.too_small()
            && !matches!(
                action,
                Action::Quit
                    | Action::Resize { .. }
                    | Action::ToggleHelp
                    | Action::Tick
                    | Action::History(_)
            )
        {
            return false;
        }
        // On an organisation's view an edit is made in the team it is for: the board
        // turns to it first. A goal of the company's is read-only: said, not tried.
        if self.tab == Tab::Board && self.overlay_is_none() && is_edit(&action) {
            if !self.turn_to_team_for(&action) {
                self.prepare_view();
                return true;
            }
            if let Some(why) = self.upstream_refusal_for(&action) {
                self.say(why, Tone::Problem);
                self.prepare_view();
                return true;
            }
        }
        match action {
            Action::Quit => self.quit = true,
            // The loop suspends (`board::run`): nothing here changes.
            Action::Suspend => return false,
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
                self.insights_key(action);
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
                self.scroll_compare(action);
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top
                if self.tab == Tab::Rollup =>
            {
                let page = isize::try_from(self.size.1.saturating_sub(6).max(1)).unwrap_or(1);
                self.scroll_rollup(match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    Action::PageDown => page,
                    _ => isize::MIN / 2,
                });
            }
            Action::Scroll { down, .. } if self.tab == Tab::Rollup => {
                self.scroll_rollup(if down { 3 } else { -3 });
            }
            Action::Scroll { column, row, down } if self.tab == Tab::Insights => {
                self.insights_scroll(column, row, down);
            }
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Overlay::Help { .. } => Overlay::None,
                    _ => Overlay::Help { scroll: 0 },
                };
            }
            Action::HelpScroll(delta) => self.scroll_help(delta),
            Action::FocusNext | Action::FocusPrev => self.switch_focus(),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::PageDown => self.step(self.page(self.focus).max(1) as isize),
            Action::PageUp => self.step(-(self.page(self.focus).max(1) as isize)),
            Action::ShowTab(Tab::Rollup) if self.org.is_none() => self.say(
                "the Roll-up is an organisation's: open align on the directory that holds the teams' workspaces",
                Tone::Info,
            ),
            Action::ShowTab(tab) => self.tab = tab,
            Action::NextTeam => self.cycle_team(true),
            Action::PrevTeam => self.cycle_team(false),
            Action::ToggleScope => self.toggle_scope(),
            Action::StartFilter => self.start_filter(),
            Action::FilterInput(c) => self.type_filter(c),
            Action::FilterBackspace => self.filter_backspace(),
            Action::FilterDone => {
                if self.editing_filter() {
                    self.overlay = Overlay::None;
                }
            }
            Action::ClearFilter => self.clear_filter(),
            Action::CycleSort => self.cycle_sort(),
            Action::CycleClassFilter => self.cycle_class_filter(),
            Action::ToggleLens => self.toggle_lens(),
            Action::ToggleLink if self.tab != Tab::Board => {
                self.say("links are made on the Board tab: press 1", Tone::Info);
            }
            Action::ToggleLink => self.toggle_link(),
            Action::ToggleDepends if self.tab != Tab::Board => {
                self.say(
                    "dependencies are made on the Board tab: press 1",
                    Tone::Info,
                );
            }
            Action::ToggleDepends => self.toggle_depends(),
            Action::AcceptSuggestion if self.tab != Tab::Board => {
                self.say("links are made on the Board tab: press 1", Tone::Info);
            }
            Action::AcceptSuggestion => self.accept_suggestion(),
            Action::ToggleFinished => self.toggle_finished(),
            Action::CheckIn
            | Action::AddTask
            | Action::AddGoal
            | Action::AddKeyResult
            | Action::EditTask
            | Action::AdvanceStatus
            | Action::DropTask
            | Action::CloseGoal
                if self.tab != Tab::Board =>
            {
                self.say(
                    "tasks and key results are edited on the Board tab: press 1",
                    Tone::Info,
                );
            }
            Action::CheckIn => self.open_check_in(),
            Action::AddTask => self.open_add_task(),
            Action::AddGoal => self.open_add_goal(),
            Action::AddKeyResult => self.open_add_key_result(),
            Action::EditTask => self.open_edit_task(),
            Action::AdvanceStatus => self.advance_task(),
            Action::DropTask => self.drop_task(),
            Action::CloseGoal => self.open_close_goal(),
            Action::OpenInEditor if self.tab != Tab::Board => {
                self.say(
                    "E opens the task or goal selected on the Board tab: press 1",
                    Tone::Info,
                );
            }
            Action::OpenInEditor => self.open_in_editor(),
            Action::FormKey(key) => {
                if let Overlay::Form(form) = &mut self.overlay {
                    form.key(key);
                }
            }
            Action::Paste(text) => self.paste(&text),
            Action::FormSubmit => self.submit_form(),
            Action::FormCancel => {
                if self.take_form().is_some() {
                    self.say("cancelled: nothing changed", Tone::Info);
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => {
                self.reload();
            }
            Action::Tick => {
                let reloaded = self.tick() | self.tick_other_teams();
                self.make_org_view_ahead();
                self.make_search_text_ahead();
                self.prepare_view();
                return reloaded;
            }
            Action::History(news) => {
                self.take_history(news);
                // Only the Compare tab shows the trends: elsewhere the news changes
                // nothing on screen, and a frame drawn for it would be a second burst
                // after the first (at the first tick, a quarter of a second later), when
                // the board is meant to be quiet until a key comes.
                if self.tab != Tab::Compare {
                    return false;
                }
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => self.scroll_pane(column, row, down),
            Action::Resize { width, height } => self.resize(width, height),
        }
        self.prepare_view();
        true
    }

    /// Work out what the tab in view needs and the last change made stale (the Compare
    /// table, the Insights figures with their selections kept in range), so drawing only
    /// reads.
    pub(super) fn prepare_view(&mut self) {
        self.prepare_org();
        match self.tab {
            Tab::Compare => {
                self.comparison();
            }
            Tab::Insights => self.prepare_insights(),
            Tab::Board => self.prepare_traction(),
            Tab::Rollup => {}
        }
    }

    fn overlay_is_none(&self) -> bool {
        matches!(self.overlay, Overlay::None)
    }

    /// Why `action` may not change the selected goal row: it is the company's.
    fn upstream_refusal_for(&self, action: &Action) -> Option<String> {
        let on_goal = match action {
            Action::CheckIn | Action::CloseGoal | Action::AddKeyResult => true,
            Action::EditTask | Action::OpenInEditor => self.focus == Focus::Goals,
            _ => false,
        };
        on_goal.then(|| self.upstream_refusal()).flatten()
    }
}

/// Does `action` change the workspace (or open a form or the editor that will)?
fn is_edit(action: &Action) -> bool {
    matches!(
        action,
        Action::ToggleLink
            | Action::ToggleDepends
            | Action::AcceptSuggestion
            | Action::CheckIn
            | Action::AddTask
            | Action::AddGoal
            | Action::AddKeyResult
            | Action::EditTask
            | Action::AdvanceStatus
            | Action::DropTask
            | Action::CloseGoal
            | Action::OpenInEditor
            | Action::Undo
            | Action::Redo
    )
}
