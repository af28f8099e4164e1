//! The one keymap: which key does what, and the words the `?` overlay shows for it.
//! Keys are looked up here and nowhere else, so the overlay can never drift from
//! what the keys do. Only key presses count (Windows also reports releases).

use align::config::{KeyName, KeySpec};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::action::{Action, Tab};

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the overlay writes the keys.
    pub label: &'static str,
    pub action: Action,
    /// The action's name in the config file's `[keys]` table.
    pub name: &'static str,
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
        help: "add a task (asks its title; the next id)",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::EditTitle,
        name: "edit_title",
        help: "edit the selected task's title",
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

/// One binding as the board uses it: the default table's, or its keys as remapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub name: &'static str,
    pub action: Action,
    pub keys: Vec<(KeyCode, KeyModifiers)>,
    /// How the `?` overlay writes the keys.
    pub label: String,
    pub help: &'static str,
}

/// The keys in force: the default tables with the config's `[keys]` applied. Built once
/// at start; the `?` overlay reads its labels from here, so it shows the keys as remapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub normal: Vec<Bound>,
    pub insights: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let table = |t: &[Binding]| {
            t.iter()
                .map(|b| Bound {
                    name: b.name,
                    action: b.action.clone(),
                    keys: b.keys.to_vec(),
                    label: b.label.to_string(),
                    help: b.help,
                })
                .collect()
        };
        Keymap {
            normal: table(BINDINGS),
            insights: table(INSIGHTS_BINDINGS),
        }
    }
}

/// Every action name `[keys]` accepts, in the order of the help overlay.
pub fn action_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for b in BINDINGS.iter().chain(INSIGHTS_BINDINGS) {
        if !names.contains(&b.name) {
            names.push(b.name);
        }
    }
    names
}

/// A config key as the terminal reports it.
pub fn key_of(spec: &KeySpec) -> (KeyCode, KeyModifiers) {
    let code = match spec.key {
        KeyName::Char(c) if spec.shift => KeyCode::Char(c.to_ascii_uppercase()),
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Tab if spec.shift => KeyCode::BackTab,
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::F(n) => KeyCode::F(n),
    };
    let mut mods = KeyModifiers::NONE;
    if spec.ctrl {
        mods |= CTRL;
    }
    if spec.alt {
        mods |= KeyModifiers::ALT;
    }
    if spec.shift {
        mods |= SHIFT;
    }
    normalize(code, mods)
}

/// Terminals differ on whether a capital or a Shift-Tab also reports SHIFT; the
/// character (or BackTab) already says it, so SHIFT is dropped there before comparing.
pub(super) fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(_) | KeyCode::BackTab => (code, mods - SHIFT),
        _ => (code, mods),
    }
}

impl Keymap {
    /// Translate a terminal event into an action, if it means one.
    pub fn action_for(&self, event: &Event, mode: Mode) -> Option<Action> {
        match event {
            Event::Key(key) => self.key_action(*key, mode),
            other => non_key_action(other, mode),
        }
    }

    fn key_action(&self, key: KeyEvent, mode: Mode) -> Option<Action> {
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
            Mode::Normal => lookup(&self.normal, key),
            Mode::Insights => lookup(&self.insights, key).or_else(|| lookup(&self.normal, key)),
        }
    }
}

/// A key as the `?` overlay and the warnings write it: `x`, `R`, `Ctrl-r`, `Alt-S`,
/// `Space`, `↓`, `PgDn`, `Shift-Tab`, `F1` — the same words as the default labels.
pub fn shown((code, mods): (KeyCode, KeyModifiers)) -> String {
    let (code, mods) = normalize(code, mods);
    let mut s = String::new();
    if mods.contains(CTRL) {
        s.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        s.push_str("Alt-");
    }
    if mods.contains(SHIFT) {
        s.push_str("Shift-");
    }
    match code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) => s.push(c),
        KeyCode::BackTab => s.push_str("Shift-Tab"),
        KeyCode::Delete => s.push_str("Del"),
        KeyCode::Up => s.push('↑'),
        KeyCode::Down => s.push('↓'),
        KeyCode::Left => s.push('←'),
        KeyCode::Right => s.push('→'),
        KeyCode::PageUp => s.push_str("PgUp"),
        KeyCode::PageDown => s.push_str("PgDn"),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        other => s.push_str(&format!("{other:?}")),
    }
    s
}

fn lookup(table: &[Bound], key: KeyEvent) -> Option<Action> {
    let pressed = normalize(key.code, key.modifiers);
    table
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|&(code, mods)| normalize(code, mods) == pressed)
        })
        .map(|b| b.action.clone())
}

/// Rows PgUp / PgDn scroll the help overlay.
const HELP_PAGE: i32 = 10;

/// The default keymap's action for an event (tests).
#[cfg(test)]
pub fn action_for(event: &Event, mode: Mode) -> Option<Action> {
    Keymap::default().action_for(event, mode)
}

/// What a mouse or resize event means.
fn non_key_action(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(_) => None,
        // Over the help overlay a click closes it rather than acting on what is hidden.
        Event::Mouse(m) if mode == Mode::Help => match m.kind {
            MouseEventKind::Down(_) => Some(Action::ToggleHelp),
            MouseEventKind::ScrollDown => Some(Action::HelpScroll(3)),
            MouseEventKind::ScrollUp => Some(Action::HelpScroll(-3)),
            _ => None,
        },
        // A form is answered with keys; the mouse would act on what it hides.
        Event::Mouse(_) if mode == Mode::Form => None,
        // Pasted text is text where text is typed, and nothing anywhere else: a paste
        // is never read as keys (`x`, `d` would edit the file).
        Event::Paste(text) if matches!(mode, Mode::Form | Mode::Filter) => {
            Some(Action::Paste(text.clone()))
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
