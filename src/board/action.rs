//! Everything a person can ask of the board, as data. Keys and mouse events become an
//! [`Action`]; [`super::app::App::update`] is the only place that acts on one, so the
//! board's behaviour can be driven and tested without a terminal.

/// The board's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Board,
    Compare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    ToggleLink,
    Undo,
    Redo,
    ShowTab(Tab),
    StartFilter,
    ClearFilter,
    FilterInput(char),
    FilterBackspace,
    FilterDone,
    CycleSort,
    CycleClassFilter,
    ToggleLens,
    ToggleHelp,
    /// Read the workspace again from disk.
    Reload,
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
