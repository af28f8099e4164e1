//! The one keymap: which key does what, and the words the `?` overlay shows for it.
//! Keys are looked up here and nowhere else, so the overlay can never drift from
//! what the keys do. Only key presses count (Windows also reports releases).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::action::{Action, Tab};

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the overlay writes the keys.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// Keys of the board when no text is being typed.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        help: "focus the next pane (goals ↔ tasks)",
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::FocusPrev,
        help: "focus the previous pane",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        label: "↓ j",
        action: Action::Down,
        help: "move down",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        label: "↑ k",
        action: Action::Up,
        help: "move up",
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        action: Action::Top,
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
        help: "last row",
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE), (KeyCode::Char('b'), CTRL)],
        label: "PgUp Ctrl-b",
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char('f'), CTRL)],
        label: "PgDn Ctrl-f",
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[(KeyCode::Char('l'), NONE), (KeyCode::Char(' '), NONE)],
        label: "l Space",
        action: Action::ToggleLink,
        help: "link / unlink the selected task and goal (saved at once)",
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        label: "u",
        action: Action::Undo,
        help: "undo the last change (saved)",
    },
    Binding {
        keys: &[(KeyCode::Char('r'), CTRL)],
        label: "Ctrl-r",
        action: Action::Redo,
        help: "redo (saved)",
    },
    Binding {
        keys: &[(KeyCode::Char('1'), NONE)],
        label: "1",
        action: Action::ShowTab(Tab::Board),
        help: "Board tab",
    },
    Binding {
        keys: &[(KeyCode::Char('2'), NONE)],
        label: "2",
        action: Action::ShowTab(Tab::Compare),
        help: "Compare tab: strategy vs. task completion",
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::StartFilter,
        help: "filter tasks by text (live); Enter keeps it, Esc clears",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "clear the filter",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        action: Action::CycleSort,
        help: "sort tasks: score, due, status, id",
    },
    Binding {
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        action: Action::CycleClassFilter,
        help: "show one class: all, aligned, partial, operational, busy-work",
    },
    Binding {
        keys: &[(KeyCode::Char('m'), NONE)],
        label: "m",
        action: Action::ToggleLens,
        help: "switch the lens (mindset): strategy ↔ crunch",
    },
    Binding {
        keys: &[(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)],
        label: "R",
        action: Action::Reload,
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
        help: "this help",
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        label: "q Ctrl-c",
        action: Action::Quit,
        help: "quit",
    },
];

/// What the board is doing, which changes what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter: printable keys are text.
    Filter,
    /// The help overlay is open: any key closes it.
    Help,
}

fn key_action(key: KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(CTRL) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(Action::ToggleHelp),
        Mode::Filter => match key.code {
            KeyCode::Esc => Some(Action::ClearFilter),
            KeyCode::Enter => Some(Action::FilterDone),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Char(c) if !key.modifiers.intersects(CTRL | KeyModifiers::ALT) => {
                Some(Action::FilterInput(c))
            }
            KeyCode::Down => Some(Action::Down),
            KeyCode::Up => Some(Action::Up),
            _ => None,
        },
        Mode::Normal => BINDINGS
            .iter()
            .find(|b| {
                b.keys
                    .iter()
                    .any(|&(code, mods)| code == key.code && mods == key.modifiers)
            })
            .map(|b| b.action),
    }
}

/// Translate a terminal event into an action, if it means one.
pub fn action_for(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) => key_action(*key, mode),
        // Over the help overlay a click closes it rather than acting on what is hidden.
        Event::Mouse(m) if mode == Mode::Help => {
            matches!(m.kind, MouseEventKind::Down(_)).then_some(Action::ToggleHelp)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn the_spec_default_keys_are_bound() {
        let n = Mode::Normal;
        assert_eq!(
            action_for(&press(KeyCode::Tab, NONE), n),
            Some(Action::FocusNext)
        );
        assert_eq!(
            action_for(&press(KeyCode::BackTab, SHIFT), n),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('j'), NONE), n),
            Some(Action::Down)
        );
        assert_eq!(action_for(&press(KeyCode::Up, NONE), n), Some(Action::Up));
        assert_eq!(
            action_for(&press(KeyCode::Char('G'), SHIFT), n),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('l'), NONE), n),
            Some(Action::ToggleLink)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('u'), NONE), n),
            Some(Action::Undo)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('r'), CTRL), n),
            Some(Action::Redo)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('2'), NONE), n),
            Some(Action::ShowTab(Tab::Compare))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('/'), NONE), n),
            Some(Action::StartFilter)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('?'), NONE), n),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('q'), NONE), n),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('c'), CTRL), n),
            Some(Action::Quit)
        );
    }

    #[test]
    fn key_releases_are_ignored() {
        let release = Event::Key(KeyEvent {
            code: KeyCode::Char('l'),
            modifiers: NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        });
        assert_eq!(action_for(&release, Mode::Normal), None);
    }

    #[test]
    fn typing_a_filter_makes_letters_text() {
        let f = Mode::Filter;
        assert_eq!(
            action_for(&press(KeyCode::Char('q'), NONE), f),
            Some(Action::FilterInput('q'))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('c'), CTRL), f),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&press(KeyCode::Esc, NONE), f),
            Some(Action::ClearFilter)
        );
    }

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }
}
