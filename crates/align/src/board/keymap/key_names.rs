//! How keys are named: a config file's key (`ctrl-l`, `shift-tab`) as the terminal
//! reports it, and a key as the `?` overlay and the warnings write it. Both compare keys
//! the same way, with the SHIFT that some terminals add to a capital dropped.

use crate::config::{KeyName, KeySpec};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{CTRL, SHIFT};

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
pub(in crate::board) fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(_) | KeyCode::BackTab => (code, mods - SHIFT),
        _ => (code, mods),
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
