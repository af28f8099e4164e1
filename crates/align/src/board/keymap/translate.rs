//! Terminal events into actions. What a key means depends on what the board is doing
//! ([`Mode`]): typing a filter or into a form makes keys text, the help overlay scrolls
//! or closes, and otherwise the keymap's tables are looked up (the Insights tab's first).
//! Mouse, paste and resize events mean what they do where they land: a paste is never
//! read as keys, and the mouse does nothing over a form.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::{Bound, CTRL, Keymap, Mode, normalize};
use crate::board::action::Action;

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
        // The suspend key works everywhere, as in a shell, when it is a Ctrl key (one
        // that is never text): from a form or the filter too, which wait as they were.
        if key.modifiers.contains(CTRL) && lookup(&self.normal, key) == Some(Action::Suspend) {
            return Some(Action::Suspend);
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
    use crate::board::action::Tab;
    use crate::board::keymap::{NONE, SHIFT};
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
            ('e', Action::EditTask),
            ('x', Action::AdvanceStatus),
            ('d', Action::DropTask),
        ] {
            assert_eq!(action_for(&press(KeyCode::Char(c), NONE), n), Some(action));
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
