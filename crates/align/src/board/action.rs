//! Everything a person can ask of the board, as data. Keys and mouse events become an
//! [`Action`]; [`super::app::App::update`] is the only place that acts on one, so the
//! board's behaviour can be driven and tested without a terminal.

use ratatui::crossterm::event::KeyEvent;

/// The board's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Board,
    Compare,
    Insights,
    /// An organisation's company goals with the teams under them ([`super::org`]).
    Rollup,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// `Ctrl-z`: hand the terminal back and stop, as in a shell; `fg` brings the board
    /// back. The loop does it ([`super::run`]); nothing on the board changes.
    Suspend,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    ToggleLink,
    /// `w`: on a task, pick it; on a second task, toggle "the first waits on it".
    ToggleDepends,
    Undo,
    Redo,
    /// `c`: record a check-in on the selected key result (opens a form).
    CheckIn,
    /// `a`: add a task (opens a form asking its title).
    AddTask,
    /// `n`: add a goal beside the selected one (opens a form).
    AddGoal,
    /// `K`: add a key result to the selected goal (opens a form).
    AddKeyResult,
    /// `e`: edit the selected task's fields, or the selected goal's or key result's on
    /// the goals pane (opens a form).
    EditTask,
    /// `E`: open the selected task's or goal's file in the person's editor at its line
    /// (the loop runs the editor: [`super::run`]).
    OpenInEditor,
    /// `x`: the selected task's next status, todo → doing → done.
    AdvanceStatus,
    /// `d`: drop the selected task.
    DropTask,
    /// `C`: close the selected goal (opens a form: grade, review, outcome, roll-over).
    CloseGoal,
    /// A key typed into the open form.
    FormKey(KeyEvent),
    /// Enter in a form: check the answers and save, or say what is wrong.
    FormSubmit,
    /// Esc in a form: close it, changing nothing.
    FormCancel,
    /// Text pasted into the open form or the filter being typed (bracketed paste): it
    /// is inserted as text, one line, never read as keys.
    Paste(String),
    /// Scroll the help overlay by this many rows (it scrolls when it does not fit).
    HelpScroll(i32),
    ShowTab(Tab),
    /// Insights tab: the quadrant to the left (on the grid) or back to the grid.
    Left,
    /// Insights tab: the quadrant to the right.
    Right,
    /// Insights tab: show the selected task or key result on the Board tab.
    ShowOnBoard,
    StartFilter,
    ClearFilter,
    FilterInput(char),
    FilterBackspace,
    FilterDone,
    CycleSort,
    CycleClassFilter,
    /// `A`: list done and dropped tasks too, or open work only again.
    ToggleFinished,
    /// `L`: link the selected unlinked task to its suggested goal.
    AcceptSuggestion,
    ToggleLens,
    /// `t` / `T` on an organisation's board: the next (previous) team, the whole
    /// organisation after the last.
    NextTeam,
    PrevTeam,
    /// `o` on an organisation's board: the whole organisation, or the team shown last.
    ToggleScope,
    ToggleHelp,
    /// Read the workspace again from disk.
    Reload,
    /// Time passed with no input: reload if the workspace changed on disk.
    Tick,
    /// The history read in the background arrived (or why there is none): the Compare
    /// tab's trends ([`super::trends`]).
    History(super::trends::News),
    /// A click at a screen cell: select what is there and focus its pane.
    Click {
        column: u16,
        row: u16,
    },
    /// Mouse wheel over a screen cell: positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
