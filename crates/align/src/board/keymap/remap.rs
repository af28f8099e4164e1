//! The person's `[keys]` laid over the default keymap. An entry replaces that action's
//! default keys. When keys collide, what the person wrote beats a default — the default
//! loses that key, and a warning says so and what it still has — and of two entries
//! the one written first in the file wins. A key a terminal cannot send as itself
//! (Ctrl-Shift-letter, Ctrl-m which arrives as Enter, Shift-1…) is not bound, with a
//! warning, instead of being listed in the `?` overlay as a key that never does
//! anything.

use crate::config::{KeyName, KeySpec};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Bound, Keymap, action_names, key_of, normalize, shown};

type Key = (KeyCode, KeyModifiers);

/// What the overlay shows for an action left with no key.
const NO_KEY: &str = "(no key)";

/// One binding while the keys are shared out among a tab's actions.
struct Slot {
    name: &'static str,
    /// Position of its `[keys]` entry in the file; `None` for the default keys.
    rank: Option<usize>,
    /// Its keys, each with the words the overlay shows for it.
    keys: Vec<(Key, String)>,
    /// An action of the other tables, seen from the Insights tab (where its keys work
    /// when the tab's own do not claim them): it never loses a key here.
    foreign: bool,
    /// It lost a key: its label is written again from the keys it kept.
    changed: bool,
}

/// A key that went to another action, for the warning.
struct Lost {
    key: Key,
    winner: &'static str,
    loser: &'static str,
}

impl Keymap {
    /// The defaults with `keys` (action name → its new keys, in the file's order)
    /// applied to every table the action is in. Returns a warning for each unknown
    /// action, each key a terminal cannot send, and each key one action took from
    /// another.
    pub fn with_remaps(keys: &[(String, Vec<KeySpec>)]) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut warnings = Vec::new();
        let names = action_names();
        let mut ranks: Vec<&'static str> = Vec::new();
        for (name, specs) in keys {
            // `e` edited only the title once, as `edit_title`: a config saying so still binds.
            let wanted = if name == "edit_title" {
                "edit_task"
            } else {
                name.as_str()
            };
            let Some(&known) = names.iter().find(|n| **n == wanted) else {
                let hint = align_core::diag::did_you_mean(name, names.iter().copied())
                    .map(|h| format!("{h}; "))
                    .unwrap_or_default();
                warnings.push(format!(
                    "[keys]: unknown action {name:?}, ignored ({hint}allowed: {})",
                    names.join(", ")
                ));
                continue;
            };
            let mut usable: Vec<(Key, String)> = Vec::new();
            let mut refused = Vec::new();
            for spec in specs {
                match caveat(spec) {
                    Some(why) => refused.push(format!("[keys]: {name}: {why}; not bound")),
                    None => usable.push((key_of(spec), spec.to_string())),
                }
            }
            if usable.is_empty() && !refused.is_empty() {
                // Nothing left to bind: the action keeps its defaults rather than losing
                // every key to a typo-like mistake.
                if let (Some(last), Some(b)) = (
                    refused.last_mut(),
                    map.normal
                        .iter()
                        .chain(&map.insights)
                        .find(|b| b.name == known),
                ) {
                    last.push_str(&format!(", so {known} keeps {}", b.label));
                }
                warnings.extend(refused);
                continue;
            }
            warnings.extend(refused);
            ranks.push(known);
            for b in map.normal.iter_mut().chain(map.insights.iter_mut()) {
                if b.name == known {
                    b.keys = usable.iter().map(|(k, _)| *k).collect();
                    b.label = label(&usable);
                }
            }
        }
        let rank = |name: &str| ranks.iter().position(|n| *n == name);

        // The Board's (and Compare's) keys: one table.
        let mut normal: Vec<Slot> = map
            .normal
            .iter()
            .map(|b| slot(b, rank(b.name), false))
            .collect();
        let lost_normal = share_out(&mut normal);
        // The Insights tab looks up its own table first, then the others: a key the
        // person gave an action of the others beats the tab's default for it too.
        let own: Vec<&str> = map.insights.iter().map(|b| b.name).collect();
        let mut insights: Vec<Slot> = map
            .insights
            .iter()
            .map(|b| slot(b, rank(b.name), false))
            .chain(
                map.normal
                    .iter()
                    .filter(|b| rank(b.name).is_some() && !own.contains(&b.name))
                    .map(|b| slot(b, rank(b.name), true)),
            )
            .collect();
        let lost_insights = share_out(&mut insights);

        for l in &lost_normal {
            warnings.push(lost_warning(l, &normal, rank(l.loser).is_some(), ""));
        }
        for l in &lost_insights {
            // Shared actions (↑ ↓, Tab) collide the same way in both tables: once is enough.
            let reported = lost_normal
                .iter()
                .any(|n| (n.key, n.winner, n.loser) == (l.key, l.winner, l.loser));
            if !reported {
                let foreign = insights.iter().any(|s| s.name == l.loser && s.foreign);
                let tab = if foreign {
                    " on the Insights tab (elsewhere it keeps it)"
                } else {
                    " on the Insights tab"
                };
                warnings.push(lost_warning(l, &insights, rank(l.loser).is_some(), tab));
            }
        }
        write_back(&mut map.normal, &normal);
        write_back(&mut map.insights, &insights);
        (map, warnings)
    }
}

fn slot(b: &Bound, rank: Option<usize>, foreign: bool) -> Slot {
    Slot {
        name: b.name,
        rank,
        keys: b.keys.iter().map(|&k| (k, shown(k))).collect(),
        foreign,
        changed: false,
    }
}

/// The overlay's words for keys: each once, in order.
fn label(keys: &[(Key, String)]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for (_, w) in keys {
        if !words.contains(&w.as_str()) {
            words.push(w);
        }
    }
    if words.is_empty() {
        NO_KEY.to_string()
    } else {
        words.join(" ")
    }
}

/// Give each key to one action: the person's entries first, in the file's order, then
/// the defaults; a key already taken is lost. Returns what was lost, to whom.
fn share_out(slots: &mut [Slot]) -> Vec<Lost> {
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| (slots[i].rank.is_none(), slots[i].rank, i));
    let mut taken: Vec<(Key, usize)> = Vec::new();
    let mut lost = Vec::new();
    for i in order {
        let mut kept = Vec::new();
        for (key, word) in std::mem::take(&mut slots[i].keys) {
            let k = normalize(key.0, key.1);
            match taken.iter().find(|(t, _)| *t == k) {
                // The same key twice in one action (`G` with and without Shift).
                Some(&(_, j)) if j == i => kept.push((key, word)),
                Some(&(_, j)) => {
                    let (winner, loser) = (slots[j].name, slots[i].name);
                    // `G` with and without Shift is one key lost, said once.
                    if !lost
                        .iter()
                        .any(|l: &Lost| (l.key, l.winner, l.loser) == (k, winner, loser))
                    {
                        lost.push(Lost {
                            key: k,
                            winner,
                            loser,
                        });
                    }
                    if slots[i].foreign {
                        kept.push((key, word));
                    } else {
                        slots[i].changed = true;
                    }
                }
                None => {
                    taken.push((k, i));
                    kept.push((key, word));
                }
            }
        }
        slots[i].keys = kept;
    }
    lost
}

fn lost_warning(l: &Lost, slots: &[Slot], loser_is_yours: bool, tab: &str) -> String {
    let key = shown(l.key);
    let (winner, loser) = (l.winner, l.loser);
    let rest = slots
        .iter()
        .find(|s| s.name == loser && !s.foreign)
        .map_or_else(String::new, |s| {
            if s.keys.is_empty() {
                format!("; {loser:?} has no key left (give it one in [keys])")
            } else {
                format!("; {loser:?} keeps {}", label(&s.keys))
            }
        });
    if loser_is_yours {
        format!(
            "[keys]: {key} is bound to both {winner:?} and {loser:?}; {winner:?} wins (it comes first in the file){tab}{rest}"
        )
    } else {
        format!("[keys]: {key} is now {winner:?} (it was {loser:?}'s default){tab}{rest}")
    }
}

fn write_back(table: &mut [Bound], slots: &[Slot]) {
    for (b, s) in table.iter_mut().zip(slots) {
        if s.changed {
            b.keys = s.keys.iter().map(|(k, _)| *k).collect();
            b.label = label(&s.keys);
        }
    }
}

/// Why a terminal cannot send `spec` as a key of its own, when it cannot: the board
/// reads keys as terminals send them by default, where Ctrl-m is the byte Enter sends,
/// Ctrl with Shift is Ctrl alone, and Shift with a digit is a different character.
pub fn caveat(spec: &KeySpec) -> Option<String> {
    let alt = if spec.alt { "Alt-" } else { "" };
    match spec.key {
        KeyName::Char('c') if spec.ctrl && !spec.alt => Some("Ctrl-c always quits".to_string()),
        KeyName::Char(c) if spec.ctrl && spec.shift && c.is_alphabetic() => {
            let arrives = ctrl_arrives(c).unwrap_or_else(|| format!("Ctrl-{c}"));
            Some(format!(
                "terminals cannot send {spec} apart from Ctrl-{c}: it arrives as {alt}{arrives}"
            ))
        }
        KeyName::Char(c) if spec.ctrl => {
            ctrl_arrives(c).map(|a| format!("terminals send {spec} as {alt}{a}"))
        }
        KeyName::Char(' ') if spec.shift => Some(format!("terminals send {spec} as {alt}Space")),
        KeyName::Char(c) if spec.shift && !c.is_alphabetic() => Some(format!(
            "terminals send no Shift with {c:?}: write the character the shifted key types (\"!\", not \"shift-1\")"
        )),
        KeyName::Enter | KeyName::Esc | KeyName::Backspace | KeyName::Tab
            if spec.ctrl || (spec.shift && spec.key != KeyName::Tab) =>
        {
            let plain = KeySpec::plain(spec.key);
            Some(format!("terminals send {spec} as {alt}{plain}"))
        }
        _ => None,
    }
}

/// What Ctrl with `c` arrives as, when it is not Ctrl-`c` itself.
fn ctrl_arrives(c: char) -> Option<String> {
    let named = match c.to_ascii_lowercase() {
        'm' => "Enter",
        'i' => "Tab",
        '[' | '3' => "Esc",
        '\\' => "Ctrl-4",
        ']' => "Ctrl-5",
        '^' => "Ctrl-6",
        '_' | '/' => "Ctrl-7",
        '@' | '2' => "Ctrl-Space",
        '8' => "Backspace",
        c if c.is_ascii_lowercase() || c == ' ' || ('4'..='7').contains(&c) => return None,
        c => return Some(format!("{c:?} alone, or not at all")),
    };
    Some(named.to_string())
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{Event, KeyEvent};

    use super::*;
    use crate::board::action::Action;
    use crate::board::keymap::{BINDINGS, INSIGHTS_BINDINGS, Mode};

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn label_of<'m>(map: &'m Keymap, name: &str) -> &'m str {
        map.normal
            .iter()
            .chain(&map.insights)
            .find(|b| b.name == name)
            .map(|b| b.label.as_str())
            .unwrap()
    }

    fn remap(pairs: &[(&str, &[&str])]) -> (Keymap, Vec<String>) {
        let keys: Vec<(String, Vec<KeySpec>)> = pairs
            .iter()
            .map(|(name, ks)| {
                let specs = ks.iter().map(|k| KeySpec::parse(k).unwrap()).collect();
                (name.to_string(), specs)
            })
            .collect();
        Keymap::with_remaps(&keys)
    }

    #[test]
    fn the_old_name_edit_title_still_binds_the_task_form() {
        let (map, warnings) = remap(&[("edit_title", &["F2"])]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let at = |e: Event| map.action_for(&e, Mode::Normal);
        assert_eq!(at(press(KeyCode::F(2), NONE)), Some(Action::EditTask));
        assert_eq!(at(press(KeyCode::Char('e'), NONE)), None);
        assert_eq!(label_of(&map, "edit_task"), "F2");
    }

    #[test]
    fn a_remap_replaces_the_actions_default_keys_with_modifiers() {
        let (map, warnings) = remap(&[
            ("link", &["ctrl-l"]),
            ("undo", &["alt-z", "F5"]),
            ("focus_prev", &["shift-tab"]),
            ("reload", &["shift-r"]),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let n = Mode::Normal;
        let at = |e: Event| map.action_for(&e, n);
        assert_eq!(
            at(press(KeyCode::Char('l'), CTRL)),
            Some(Action::ToggleLink)
        );
        // The old keys no longer link.
        assert_eq!(at(press(KeyCode::Char('l'), NONE)), None);
        assert_eq!(at(press(KeyCode::Char(' '), NONE)), None);
        assert_eq!(
            at(press(KeyCode::Char('z'), KeyModifiers::ALT)),
            Some(Action::Undo)
        );
        assert_eq!(at(press(KeyCode::F(5), NONE)), Some(Action::Undo));
        assert_eq!(at(press(KeyCode::Char('u'), NONE)), None);
        assert_eq!(at(press(KeyCode::BackTab, SHIFT)), Some(Action::FocusPrev));
        assert_eq!(at(press(KeyCode::BackTab, NONE)), Some(Action::FocusPrev));
        // Capitals match with or without SHIFT reported.
        assert_eq!(at(press(KeyCode::Char('R'), SHIFT)), Some(Action::Reload));
        assert_eq!(at(press(KeyCode::Char('R'), NONE)), Some(Action::Reload));
        // The overlay's label is the config's keys, written as KeySpec shows them.
        let link = map.normal.iter().find(|b| b.name == "link").unwrap();
        assert_eq!(link.label, "Ctrl-l");
        let undo = map.normal.iter().find(|b| b.name == "undo").unwrap();
        assert_eq!(undo.label, "Alt-z F5");
        // Unchanged actions keep theirs; a form still gets its keys as text.
        assert_eq!(at(press(KeyCode::Char('q'), NONE)), Some(Action::Quit));
        let q = KeyEvent::new(KeyCode::Char('l'), CTRL);
        assert_eq!(
            map.action_for(&Event::Key(q), Mode::Form),
            Some(Action::FormKey(q))
        );
    }

    #[test]
    fn a_remap_applies_on_the_insights_tab_too() {
        let (map, _) = remap(&[("down", &["n"])]);
        let i = Mode::Insights;
        assert_eq!(
            map.action_for(&press(KeyCode::Char('n'), NONE), i),
            Some(Action::Down)
        );
        assert_eq!(map.action_for(&press(KeyCode::Char('j'), NONE), i), None);
    }

    #[test]
    fn unknown_actions_and_double_bindings_are_warnings() {
        let (map, warnings) = remap(&[("lnk", &["ctrl-l"]), ("undo", &["q"])]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("unknown action \"lnk\""),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[0].contains("did you mean \"link\"?"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[0].contains("allowed: focus_next"),
            "{}",
            warnings[0]
        );
        // What the person wrote beats a default: q undoes now, quit keeps Ctrl-c.
        assert_eq!(
            warnings[1],
            "[keys]: q is now \"undo\" (it was \"quit\"'s default); \"quit\" keeps Ctrl-c"
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('q'), NONE), Mode::Normal),
            Some(Action::Undo)
        );
        // The unknown name changed nothing.
        assert_eq!(
            map.action_for(&press(KeyCode::Char('l'), NONE), Mode::Normal),
            Some(Action::ToggleLink)
        );
    }

    #[test]
    fn shifted_remaps_show_as_capitals_and_act_on_them() {
        let (map, warnings) = remap(&[("reload", &["shift-r"]), ("sort", &["alt-shift-s"])]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(label_of(&map, "reload"), "R");
        assert_eq!(label_of(&map, "sort"), "Alt-S");
        let at = |e: Event| map.action_for(&e, Mode::Normal);
        assert_eq!(at(press(KeyCode::Char('R'), SHIFT)), Some(Action::Reload));
        assert_eq!(at(press(KeyCode::Char('r'), NONE)), None);
        // Alt-Shift-s arrives as ESC S: a capital with Alt (and Shift, or not).
        assert_eq!(
            at(press(KeyCode::Char('S'), ALT | SHIFT)),
            Some(Action::CycleSort)
        );
        assert_eq!(at(press(KeyCode::Char('S'), ALT)), Some(Action::CycleSort));
        assert_eq!(at(press(KeyCode::Char('s'), ALT)), None);
        assert_eq!(at(press(KeyCode::Char('s'), NONE)), None);
    }

    #[test]
    fn keys_a_terminal_cannot_send_are_warned_about_and_not_bound() {
        let (map, warnings) = remap(&[
            ("lens", &["ctrl-shift-m"]),
            ("sort", &["ctrl-m", "ctrl-i", "ctrl-[", "S"]),
            ("undo", &["shift-1", "ctrl-c", "ctrl-\\", "u"]),
            ("redo", &["shift-enter", "ctrl-y"]),
        ]);
        let expected = [
            "[keys]: lens: terminals cannot send Ctrl-Shift-M apart from Ctrl-m: it arrives as Enter; not bound, so lens keeps m",
            "[keys]: sort: terminals send Ctrl-m as Enter; not bound",
            "[keys]: sort: terminals send Ctrl-i as Tab; not bound",
            "[keys]: sort: terminals send Ctrl-[ as Esc; not bound",
            "[keys]: undo: terminals send no Shift with '1': write the character the shifted key types (\"!\", not \"shift-1\"); not bound",
            "[keys]: undo: Ctrl-c always quits; not bound",
            "[keys]: undo: terminals send Ctrl-\\ as Ctrl-4; not bound",
            "[keys]: redo: terminals send Shift-Enter as Enter; not bound",
        ];
        assert_eq!(warnings, expected);
        // Nothing usable: the defaults stay. Otherwise the usable keys only.
        assert_eq!(label_of(&map, "lens"), "m");
        assert_eq!(label_of(&map, "sort"), "S");
        assert_eq!(label_of(&map, "undo"), "u");
        assert_eq!(label_of(&map, "redo"), "Ctrl-y");
        let at = |e: Event| map.action_for(&e, Mode::Normal);
        assert_eq!(
            at(press(KeyCode::Char('m'), NONE)),
            Some(Action::ToggleLens)
        );
        assert_eq!(
            at(press(KeyCode::Char('1'), NONE)),
            Some(Action::ShowTab(crate::board::action::Tab::Board))
        );
        assert_eq!(at(press(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
    }

    #[test]
    fn a_key_you_bind_beats_a_default_and_the_warning_says_what_is_left() {
        let (map, warnings) = remap(&[("undo", &["x"])]);
        assert_eq!(
            warnings,
            [
                "[keys]: x is now \"undo\" (it was \"advance_status\"'s default); \"advance_status\" has no key left (give it one in [keys])"
            ]
        );
        let at = |e: Event| map.action_for(&e, Mode::Normal);
        assert_eq!(at(press(KeyCode::Char('x'), NONE)), Some(Action::Undo));
        assert_eq!(at(press(KeyCode::Char('u'), NONE)), None);
        assert_eq!(label_of(&map, "advance_status"), "(no key)");
        assert_eq!(label_of(&map, "undo"), "x");
        // A default that has other keys keeps them: `G` taken, `End` left.
        let (map, warnings) = remap(&[("sort", &["G"])]);
        assert_eq!(
            warnings,
            ["[keys]: G is now \"sort\" (it was \"bottom\"'s default); \"bottom\" keeps End"]
        );
        assert_eq!(label_of(&map, "bottom"), "End");
        assert_eq!(
            map.action_for(&press(KeyCode::Char('G'), SHIFT), Mode::Normal),
            Some(Action::CycleSort)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::End, NONE), Mode::Normal),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn of_two_entries_on_one_key_the_first_in_the_file_wins_whatever_their_names() {
        for (first, second, action) in [
            ("sort", "undo", Action::CycleSort),
            ("undo", "sort", Action::Undo),
        ] {
            let (map, warnings) = remap(&[(first, &["z"]), (second, &["z", "F9"])]);
            assert_eq!(
                warnings,
                [format!(
                    "[keys]: z is bound to both {first:?} and {second:?}; {first:?} wins (it comes first in the file); {second:?} keeps F9"
                )]
            );
            assert_eq!(
                map.action_for(&press(KeyCode::Char('z'), NONE), Mode::Normal),
                Some(action)
            );
            assert_eq!(label_of(&map, second), "F9");
        }
    }

    #[test]
    fn a_key_you_bind_beats_an_insights_default_on_that_tab() {
        let (map, warnings) = remap(&[("undo", &["h"])]);
        assert_eq!(
            warnings,
            [
                "[keys]: h is now \"undo\" (it was \"left\"'s default) on the Insights tab; \"left\" keeps ←"
            ]
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('h'), NONE), Mode::Insights),
            Some(Action::Undo)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Left, NONE), Mode::Insights),
            Some(Action::Left)
        );
        // An Insights key you bind is that tab's; elsewhere the default still works.
        let (map, warnings) = remap(&[("right", &["x"])]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            map.action_for(&press(KeyCode::Char('x'), NONE), Mode::Insights),
            Some(Action::Right)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('x'), NONE), Mode::Normal),
            Some(Action::AdvanceStatus)
        );
        // Shared actions collide once, not once per table.
        let (_, warnings) = remap(&[("up", &["j"])]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn the_default_labels_are_the_words_for_their_keys() {
        // So a default that loses a key can be labelled again from what it keeps.
        for b in BINDINGS.iter().chain(INSIGHTS_BINDINGS) {
            let keys: Vec<(Key, String)> = b.keys.iter().map(|&k| (k, shown(k))).collect();
            assert_eq!(label(&keys), b.label, "{}", b.name);
        }
    }
}
