//! The default key tables: every key of the board with its action, its name in the
//! config file's `[keys]` table and the words the `?` overlay shows for it — one table
//! for the board, one looked up first on the Insights tab.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{CTRL, NONE, SHIFT};
use crate::board::action::{Action, Tab};

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the overlay writes the keys.
    pub label: &'static str,
    pub action: Action,
    /// The action's name in the config file's `[keys]` table.
    pub name: &'static str,
    pub help: &'static str,
}

/// Keys of the board when no text is being typed.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        name: "focus_next",
        help: "focus the next pane (goals ↔ tasks)",
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::FocusPrev,
        name: "focus_prev",
        help: "focus the previous pane",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        label: "↓ j",
        action: Action::Down,
        name: "down",
        help: "move down",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        label: "↑ k",
        action: Action::Up,
        name: "up",
        help: "move up",
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        action: Action::Top,
        name: "top",
        help: "first row",
    },
    Binding {
        keys: &[
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
            (KeyCode::End, NONE),
        ],
        label: "G End",
        action: Action::Bottom,
        name: "bottom",
        help: "last row",
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE), (KeyCode::Char('b'), CTRL)],
        label: "PgUp Ctrl-b",
        action: Action::PageUp,
        name: "page_up",
        help: "page up",
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char('f'), CTRL)],
        label: "PgDn Ctrl-f",
        action: Action::PageDown,
        name: "page_down",
        help: "page down",
    },
    Binding {
        keys: &[(KeyCode::Char('l'), NONE), (KeyCode::Char(' '), NONE)],
        label: "l Space",
        action: Action::ToggleLink,
        name: "link",
        help: "link / unlink the selected task and goal (saved at once)",
    },
    Binding {
        keys: &[(KeyCode::Char('w'), NONE)],
        label: "w",
        action: Action::ToggleDepends,
        name: "depends",
        help: "toggle: task waits on another (w on it, then w on the other)",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: Action::CheckIn,
        name: "check_in",
        help: "check in on the selected key result: value, confidence, note",
    },
    Binding {
        keys: &[(KeyCode::Char('a'), NONE)],
        label: "a",
        action: Action::AddTask,
        name: "add_task",
        help: "add a task where the selection is: its file, owner, goal",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        label: "n",
        action: Action::AddGoal,
        name: "add_goal",
        help: "add a goal beside the selected one: same parent, same file",
    },
    Binding {
        keys: &[(KeyCode::Char('K'), SHIFT), (KeyCode::Char('K'), NONE)],
        label: "K",
        action: Action::AddKeyResult,
        name: "add_key_result",
        help: "add a key result to the selected goal (kr3 after kr1, kr2)",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::EditTask,
        name: "edit_task",
        help: "edit the selected task's, goal's or key result's fields",
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        label: "x",
        action: Action::AdvanceStatus,
        name: "advance_status",
        help: "advance the task: todo → doing → done (done today)",
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE)],
        label: "d",
        action: Action::DropTask,
        name: "drop_task",
        help: "drop the selected task (no question asked: u undoes)",
    },
    Binding {
        keys: &[(KeyCode::Char('C'), SHIFT), (KeyCode::Char('C'), NONE)],
        label: "C",
        action: Action::CloseGoal,
        name: "close_goal",
        help: "close the selected goal: grade, review, achieved or missed, roll over",
    },
    Binding {
        keys: &[(KeyCode::Char('E'), SHIFT), (KeyCode::Char('E'), NONE)],
        label: "E",
        action: Action::OpenInEditor,
        name: "open_in_editor",
        help: "open the selected task or goal in $EDITOR at its line",
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        label: "u",
        action: Action::Undo,
        name: "undo",
        help: "undo the last change (saved)",
    },
    Binding {
        keys: &[(KeyCode::Char('r'), CTRL)],
        label: "Ctrl-r",
        action: Action::Redo,
        name: "redo",
        help: "redo (saved)",
    },
    Binding {
        keys: &[(KeyCode::Char('1'), NONE)],
        label: "1",
        action: Action::ShowTab(Tab::Board),
        name: "tab_board",
        help: "Board tab",
    },
    Binding {
        keys: &[(KeyCode::Char('2'), NONE)],
        label: "2",
        action: Action::ShowTab(Tab::Compare),
        name: "tab_compare",
        help: "Compare tab: strategy vs. task completion",
    },
    Binding {
        keys: &[(KeyCode::Char('3'), NONE)],
        label: "3",
        action: Action::ShowTab(Tab::Insights),
        name: "tab_insights",
        help: "Insights tab: urgency × alignment, key-result staffing, trends",
    },
    Binding {
        keys: &[(KeyCode::Char('4'), NONE)],
        label: "4",
        action: Action::ShowTab(Tab::Rollup),
        name: "tab_rollup",
        help: "Roll-up tab (organisation): company goals, the teams under them",
    },
    Binding {
        keys: &[(KeyCode::Char('t'), NONE)],
        label: "t",
        action: Action::NextTeam,
        name: "next_team",
        help: "organisation: next team (the whole organisation after the last)",
    },
    Binding {
        keys: &[(KeyCode::Char('T'), SHIFT), (KeyCode::Char('T'), NONE)],
        label: "T",
        action: Action::PrevTeam,
        name: "prev_team",
        help: "organisation: previous team",
    },
    Binding {
        keys: &[(KeyCode::Char('o'), NONE)],
        label: "o",
        action: Action::ToggleScope,
        name: "scope",
        help: "organisation: one team ↔ the whole organisation (Board, Compare, Insights)",
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::StartFilter,
        name: "filter",
        help: "filter tasks by text (live); Enter keeps it, Esc clears",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        name: "clear_filter",
        help: "clear the filter",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        action: Action::CycleSort,
        name: "sort",
        help: "sort tasks: score, due, status, id",
    },
    Binding {
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        action: Action::CycleClassFilter,
        name: "class_filter",
        help: "show one class: all, aligned, partial, operational, busy-work",
    },
    Binding {
        keys: &[(KeyCode::Char('A'), SHIFT), (KeyCode::Char('A'), NONE)],
        label: "A",
        action: Action::ToggleFinished,
        name: "show_finished",
        help: "show done and dropped tasks too, or open work only again",
    },
    Binding {
        keys: &[(KeyCode::Char('L'), SHIFT), (KeyCode::Char('L'), NONE)],
        label: "L",
        action: Action::AcceptSuggestion,
        name: "accept_suggestion",
        help: "link an unlinked task to its suggested goal (→ goal?); u undoes",
    },
    Binding {
        keys: &[(KeyCode::Char('m'), NONE)],
        label: "m",
        action: Action::ToggleLens,
        name: "lens",
        help: "switch the lens (mindset): strategy ↔ crunch",
    },
    Binding {
        keys: &[(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)],
        label: "R",
        action: Action::Reload,
        name: "reload",
        help: "reload the workspace from disk",
    },
    Binding {
        keys: &[
            (KeyCode::Char('?'), NONE),
            (KeyCode::Char('?'), SHIFT),
            (KeyCode::F(1), NONE),
        ],
        label: "? F1",
        action: Action::ToggleHelp,
        name: "help",
        help: "this help",
    },
    Binding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        label: "Ctrl-z",
        action: Action::Suspend,
        name: "suspend",
        help: "suspend: back to the shell (fg brings the board back)",
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        label: "q Ctrl-c",
        action: Action::Quit,
        name: "quit",
        help: "quit",
    },
];

/// Keys of the Insights tab, looked up before [`BINDINGS`] while it is shown: the arrows
/// and `h` `j` `k` `l` move between the quadrants (so `l` does not link there; links are
/// made on the Board tab), `Tab` moves the focus on to the quadrant's tasks and the key
/// results, where `↑` `↓` / `k` `j` move the selection.
pub const INSIGHTS_BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        label: "← h",
        action: Action::Left,
        name: "left",
        help: "quadrant to the left (in a list: back to the quadrants)",
    },
    Binding {
        keys: &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        label: "→ l",
        action: Action::Right,
        name: "right",
        help: "quadrant to the right",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        label: "↑ k",
        action: Action::Up,
        name: "up",
        help: "quadrant above; in a list, the row above",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        label: "↓ j",
        action: Action::Down,
        name: "down",
        help: "quadrant below; in a list, the row below",
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        name: "focus_next",
        help: "focus: quadrants → their tasks → key results",
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::FocusPrev,
        name: "focus_prev",
        help: "focus back",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::ShowOnBoard,
        name: "show_on_board",
        help: "on a quadrant: its tasks; on a row: show it on the Board",
    },
];

#[cfg(test)]
mod tests {
    use super::super::action_names;
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        for table in [BINDINGS, INSIGHTS_BINDINGS] {
            let mut seen = Vec::new();
            for b in table {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_action_has_a_unique_snake_case_name() {
        let names = action_names();
        for n in &names {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{n}");
        }
        for table in [BINDINGS, INSIGHTS_BINDINGS] {
            for (i, a) in table.iter().enumerate() {
                for b in &table[i + 1..] {
                    assert_ne!(a.name, b.name);
                }
            }
        }
    }
}
