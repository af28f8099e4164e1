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
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: Action::CheckIn,
        help: "check in on the selected key result: value, confidence, note",
    },
    Binding {
        keys: &[(KeyCode::Char('a'), NONE)],
        label: "a",
        action: Action::AddTask,
        help: "add a task (asks its title; the next id)",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::EditTitle,
        help: "edit the selected task's title",
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        label: "x",
        action: Action::AdvanceStatus,
        help: "advance the task: todo → doing → done (done today)",
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE)],
        label: "d",
        action: Action::DropTask,
        help: "drop the selected task (no question asked: u undoes)",
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
        keys: &[(KeyCode::Char('3'), NONE)],
        label: "3",
        action: Action::ShowTab(Tab::Insights),
        help: "Insights tab: urgency × alignment, key-result staffing, trends",
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

/// Keys of the Insights tab, looked up before [`BINDINGS`] while it is shown: the arrows
/// and `h` `j` `k` `l` move between the quadrants (so `l` does not link there; links are
/// made on the Board tab), `Tab` moves the focus on to the quadrant's tasks and the key
/// results, where `↑` `↓` / `k` `j` move the selection.
pub const INSIGHTS_BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        label: "← h",
        action: Action::Left,
        help: "quadrant to the left (in a list: back to the quadrants)",
    },
    Binding {
        keys: &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        label: "→ l",
        action: Action::Right,
        help: "quadrant to the right",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        label: "↑ k",
        action: Action::Up,
        help: "quadrant above; in a list, the row above",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        label: "↓ j",
        action: Action::Down,
        help: "quadrant below; in a list, the row below",
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        help: "focus: quadrants → their tasks → key results",
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::FocusPrev,
        help: "focus back",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::ShowOnBoard,
        help: "on a quadrant: its tasks; on a row: show it on the Board",
    },
];

/// What the board is doing, which changes what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter: printable keys are text.
    Filter,
    /// The help overlay is open: ↑ ↓ PgUp PgDn scroll it, any other key closes it.
    Help,
    /// A form is open: keys are text for it, Enter submits, Esc cancels.
    Form,
    /// The Insights tab is shown: [`INSIGHTS_BINDINGS`] first, then [`BINDINGS`].
    Insights,
}

fn key_action(key: KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(CTRL) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(match key.code {
            KeyCode::Down => Action::HelpScroll(1),
            KeyCode::Up => Action::HelpScroll(-1),
            KeyCode::PageDown => Action::HelpScroll(HELP_PAGE),
            KeyCode::PageUp => Action::HelpScroll(-HELP_PAGE),
            _ => Action::ToggleHelp,
        }),
        Mode::Form => Some(match key.code {
            KeyCode::Esc => Action::FormCancel,
            KeyCode::Enter => Action::FormSubmit,
            _ => Action::FormKey(key),
        }),
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
        Mode::Normal => lookup(BINDINGS, key),
        Mode::Insights => lookup(INSIGHTS_BINDINGS, key).or_else(|| lookup(BINDINGS, key)),
    }
}

fn lookup(table: &[Binding], key: KeyEvent) -> Option<Action> {
    table
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|&(code, mods)| code == key.code && mods == key.modifiers)
        })
        .map(|b| b.action)
}

/// Rows PgUp / PgDn scroll the help overlay.
const HELP_PAGE: i32 = 10;

/// Translate a terminal event into an action, if it means one.
pub fn action_for(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) => key_action(*key, mode),
        // Over the help overlay a click closes it rather than acting on what is hidden.
        Event::Mouse(m) if mode == Mode::Help => match m.kind {
            MouseEventKind::Down(_) => Some(Action::ToggleHelp),
            MouseEventKind::ScrollDown => Some(Action::HelpScroll(3)),
            MouseEventKind::ScrollUp => Some(Action::HelpScroll(-3)),
            _ => None,
        },
        // A form is answered with keys; the mouse would act on what it hides.
        Event::Mouse(_) if mode == Mode::Form => None,
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
    fn in_a_form_keys_are_text_enter_submits_esc_cancels() {
        let f = Mode::Form;
        let q = KeyEvent::new(KeyCode::Char('q'), NONE);
        assert_eq!(action_for(&Event::Key(q), f), Some(Action::FormKey(q)));
        let home = KeyEvent::new(KeyCode::Home, NONE);
        assert_eq!(
            action_for(&Event::Key(home), f),
            Some(Action::FormKey(home))
        );
        assert_eq!(
            action_for(&press(KeyCode::Enter, NONE), f),
            Some(Action::FormSubmit)
        );
        assert_eq!(
            action_for(&press(KeyCode::Esc, NONE), f),
            Some(Action::FormCancel)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('c'), CTRL), f),
            Some(Action::Quit)
        );
        // The editing keys of the board.
        let n = Mode::Normal;
        for (c, action) in [
            ('c', Action::CheckIn),
            ('a', Action::AddTask),
            ('e', Action::EditTitle),
            ('x', Action::AdvanceStatus),
            ('d', Action::DropTask),
        ] {
            assert_eq!(action_for(&press(KeyCode::Char(c), NONE), n), Some(action));
        }
    }

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
    fn on_the_insights_tab_arrows_and_hjkl_pick_quadrants_and_the_rest_still_works() {
        let i = Mode::Insights;
        for (code, action) in [
            (KeyCode::Char('h'), Action::Left),
            (KeyCode::Left, Action::Left),
            (KeyCode::Char('l'), Action::Right),
            (KeyCode::Right, Action::Right),
            (KeyCode::Char('k'), Action::Up),
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Enter, Action::ShowOnBoard),
            (KeyCode::Tab, Action::FocusNext),
            (KeyCode::Char('1'), Action::ShowTab(Tab::Board)),
            (KeyCode::Char('q'), Action::Quit),
            (KeyCode::Char('g'), Action::Top),
        ] {
            assert_eq!(action_for(&press(code, NONE), i), Some(action), "{code:?}");
        }
        // Elsewhere l still links and h means nothing.
        assert_eq!(
            action_for(&press(KeyCode::Char('l'), NONE), Mode::Normal),
            Some(Action::ToggleLink)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('h'), NONE), Mode::Normal),
            None
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('3'), NONE), Mode::Normal),
            Some(Action::ShowTab(Tab::Insights))
        );
    }
}
