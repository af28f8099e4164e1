//! The one keymap: which key does what, and the words the `?` overlay shows for it.
//! Keys are looked up here and nowhere else, so the overlay can never drift from
//! what the keys do. Only key presses count (Windows also reports releases). The
//! default tables are [`bindings`]; how a terminal event becomes an [`Action`] is
//! [`translate`]; how keys are named, from the config and to the person, [`key_names`];
//! how the person's `[keys]` are laid over the defaults, [`remap`].

mod bindings;
mod key_names;
mod remap;
mod translate;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::action::Action;

pub use bindings::{BINDINGS, Binding, INSIGHTS_BINDINGS};
use key_names::normalize;
pub use key_names::{key_of, shown};
#[cfg(test)]
pub use translate::action_for;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

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
