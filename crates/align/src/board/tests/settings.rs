//! The person's settings on the board: remapped keys in the `?` overlay, themes,
//! `NO_COLOR`, and live reload when the workspace changes on disk.

use std::fs;

use crate::config::{KeySpec, Theme};
use ratatui::style::Color;

use super::{DEMO, demo, draw, message, open_text, press, screen, select_task, selected_id};
use crate::board::action::Action;
use crate::board::keymap::Keymap;

const OLD_TITLE: &str = "Confetti animation after the first label";
const NEW_TITLE: &str = "Confetti after the very first shipping label";

#[test]
fn the_help_overlay_shows_remapped_keys() {
    let mut f = demo();
    let keys: Vec<_> = [
        ("link".to_string(), vec![KeySpec::parse("ctrl-l").unwrap()]),
        ("undo".to_string(), vec![KeySpec::parse("alt-z").unwrap()]),
    ]
    .into_iter()
    .collect();
    let (keymap, warnings) = Keymap::with_remaps(&keys);
    assert!(warnings.is_empty());
    f.app.keymap = keymap;
    press(&mut f.app, "?");
    let shown = screen(&draw(&mut f.app, 100, 50));
    let link = shown
        .lines()
        .find(|l| l.contains("link / unlink"))
        .expect("the link row");
    assert!(link.contains("Ctrl-l"), "{link}");
    assert!(!link.contains("l Space"), "{link}");
    let undo = shown
        .lines()
        .find(|l| l.contains("undo the last change"))
        .unwrap();
    assert!(undo.contains("Alt-z"), "{undo}");
}

/// The `?` overlay writes a shifted remap as the key it is (`R`, `Alt-S`), and an
/// action whose default key was given to another as "(no key)".
#[test]
fn the_help_overlay_shows_shifted_remaps_and_displaced_defaults() {
    let mut f = demo();
    let keys: Vec<_> = [
        ("reload", "shift-r"),
        ("sort", "alt-shift-s"),
        ("undo", "x"),
    ]
    .iter()
    .map(|(a, k)| (a.to_string(), vec![KeySpec::parse(k).unwrap()]))
    .collect();
    let (keymap, warnings) = Keymap::with_remaps(&keys);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    f.app.keymap = keymap;
    press(&mut f.app, "?");
    let shown = screen(&draw(&mut f.app, 100, 50));
    let row = |help: &str| {
        shown
            .lines()
            .find(|l| l.contains(help))
            .unwrap_or_else(|| panic!("no row {help:?} in\n{shown}"))
            .to_string()
    };
    assert!(
        row("reload the workspace").contains("│R "),
        "{}",
        row("reload")
    );
    assert!(
        row("sort tasks").contains("│Alt-S "),
        "{}",
        row("sort tasks")
    );
    assert!(row("undo the last change").contains("│x "));
    assert!(row("advance the task").contains("(no key)"));
    // And the keys do what the overlay says: R reloads, x undoes.
    press(&mut f.app, "? R");
    assert!(
        message(&f.app).starts_with("reloaded"),
        "{}",
        message(&f.app)
    );
    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "nothing to undo");
}

#[test]
fn warnings_from_before_the_board_opened_are_counted_in_the_status_bar() {
    let mut f = demo();
    f.app.show_start_warnings(&[], &[]);
    assert!(f.app.message.is_none());
    f.app.show_start_warnings(
        &["config.toml:3:1: unknown setting \"colour\", ignored".to_string()],
        &[],
    );
    assert_eq!(
        message(&f.app),
        "1 warning: config.toml:3:1: unknown setting \"colour\", ignored"
    );
    // The config's and its keys' first, then the workspace's.
    let odd =
        open_text(&DEMO.replacen("owner = \"maya\"\n", "owner = \"maya\"\nestimate = 3\n", 1));
    let ws = align_core::load(&odd.path).unwrap().warnings;
    assert_eq!(ws.len(), 1, "one unknown key");
    f.app
        .show_start_warnings(&["first one".to_string(), "second".to_string()], &ws);
    let text = screen(&draw(&mut f.app, 120, 40));
    assert!(
        text.contains("3 warnings (all on stderr after you quit): first one"),
        "{text}"
    );
}

#[test]
fn no_color_draws_no_colour_but_keeps_the_selection_visible() {
    let mut f = demo();
    f.app.color = false;
    let terminal = draw(&mut f.app, 100, 30);
    let buf = terminal.backend().buffer();
    for cell in &buf.content {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    // Bold and reverse stay: the focused pane and selected row still stand out.
    assert!(
        buf.content.iter().any(|c| !c.modifier.is_empty()),
        "modifiers are kept"
    );
    // With colour, the same frame has colours.
    f.app.color = true;
    let terminal = draw(&mut f.app, 100, 30);
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

/// Under `NO_COLOR` the selected row of the focused pane — goals or tasks — is drawn in
/// reverse video and bold, across the pane, and no other row is.
#[test]
fn no_color_shows_the_selected_row_of_either_pane_in_reverse_video() {
    use ratatui::style::Modifier;
    let mut f = demo();
    f.app.color = false;
    let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
    for (keys, pane) in [("", areas.tasks), ("Tab j", areas.goals)] {
        press(&mut f.app, keys);
        let terminal = draw(&mut f.app, 100, 30);
        let buf = terminal.backend().buffer();
        // The rows inside the pane's border where every cell is reversed.
        let reversed: Vec<u16> = (pane.y + 1..pane.bottom() - 1)
            .filter(|&y| {
                (pane.x + 1..pane.right() - 1).all(|x| {
                    let m = buf[(x, y)].modifier;
                    m.contains(Modifier::REVERSED) && m.contains(Modifier::BOLD)
                })
            })
            .collect();
        assert_eq!(
            reversed.len(),
            1,
            "one selected row in {pane:?}: {reversed:?}"
        );
    }
    // With colour, the accent background marks it instead.
    f.app.color = true;
    let terminal = draw(&mut f.app, 100, 30);
    let buf = terminal.backend().buffer();
    let y = areas.goals.y + 1 + f.app.goals.selected as u16;
    assert_eq!(buf[(areas.goals.x + 2, y)].bg, Color::Cyan);
}

#[test]
fn a_theme_changes_the_focused_border_and_keeps_class_meaning() {
    let mut f = demo();
    let corner = |app: &mut crate::board::App| {
        let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
        let terminal = draw(app, 100, 30);
        terminal.backend().buffer()[(areas.tasks.x, areas.tasks.y)].clone()
    };
    // Tasks are focused at start: their border is the accent colour.
    assert_eq!(corner(&mut f.app).fg, Color::Cyan);
    f.app.theme = Theme::Light;
    assert_eq!(corner(&mut f.app).fg, Color::Blue);
    f.app.theme = Theme::HighContrast;
    let c = corner(&mut f.app);
    assert_eq!(c.fg, Color::LightCyan);
    assert!(c.modifier.contains(ratatui::style::Modifier::BOLD));
    for theme in [Theme::Dark, Theme::Light, Theme::HighContrast] {
        let p = crate::board::ui::theme::Palette::of(theme);
        let greenish = matches!(p.aligned, Color::Green | Color::LightGreen);
        let reddish = matches!(p.busy, Color::Red | Color::LightRed);
        assert!(greenish && reddish, "{theme:?}");
        if theme == Theme::HighContrast {
            assert!(![p.muted, p.secondary].contains(&Color::DarkGray));
            assert!(![p.muted, p.secondary].contains(&Color::Gray));
        }
    }
}

#[test]
fn a_change_on_disk_is_reloaded_on_the_next_tick_keeping_the_selection() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    // Nothing changed: a tick does nothing.
    f.app.message = None;
    f.app.update(Action::Tick);
    assert!(f.app.message.is_none());

    fs::write(&f.path, DEMO.replace(OLD_TITLE, NEW_TITLE)).unwrap();
    f.app.update(Action::Tick);
    assert!(message(&f.app).contains("reloaded"), "{}", message(&f.app));
    assert_eq!(selected_id(&f.app), "T-124");
    assert!(screen(&draw(&mut f.app, 120, 40)).contains("Confetti after the very"));

    // The board's own saves are not changes from outside.
    f.app.message = None;
    press(&mut f.app, "x");
    assert!(message(&f.app).contains("saved"), "{}", message(&f.app));
    f.app.message = None;
    f.app.update(Action::Tick);
    assert!(f.app.message.is_none(), "{:?}", f.app.message);
    assert!(
        f.app.session.history_len().0 > 0,
        "the undo history survives"
    );
}

#[test]
fn no_reload_while_a_form_or_the_filter_is_typed_then_right_after() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "e");
    assert!(f.app.form().is_some());
    fs::write(&f.path, DEMO.replace(OLD_TITLE, NEW_TITLE)).unwrap();
    f.app.update(Action::Tick);
    assert!(f.app.form().is_some(), "the form stays open");
    let t = f.app.ws().task_by_id("T-124").unwrap();
    assert_eq!(
        f.app.ws().tasks[t].title,
        OLD_TITLE,
        "not reloaded mid-edit"
    );
    press(&mut f.app, "Esc");
    f.app.update(Action::Tick);
    let t = f.app.ws().task_by_id("T-124").unwrap();
    assert_eq!(f.app.ws().tasks[t].title, NEW_TITLE);

    // The same while a filter is typed.
    press(&mut f.app, "/");
    fs::write(&f.path, DEMO).unwrap();
    f.app.update(Action::Tick);
    let t = f.app.ws().task_by_id("T-124").unwrap();
    assert_eq!(f.app.ws().tasks[t].title, NEW_TITLE);
    press(&mut f.app, "Enter");
    f.app.update(Action::Tick);
    let t = f.app.ws().task_by_id("T-124").unwrap();
    assert_eq!(f.app.ws().tasks[t].title, OLD_TITLE);
    assert_eq!(selected_id(&f.app), "T-124");
}

#[test]
fn the_status_bar_counts_the_check_ins_the_person_owes() {
    let mut f = super::demo();
    // leo owns carriers, whose key result has had no check-in for 36 days.
    f.app.me = Some("Leo".to_string());
    let t = super::draw(&mut f.app, 160, 45);
    let screen = super::screen(&t);
    assert!(screen.contains("you owe 1 check-in"), "{screen}");
    // On an 80-column terminal too: the rest of the line gives way for it.
    let t = super::draw(&mut f.app, 80, 24);
    let screen = super::screen(&t);
    assert!(screen.contains("you owe 1 check-in"), "{screen}");
    f.app.me = Some("priya".to_string());
    let t = super::draw(&mut f.app, 160, 45);
    assert!(!super::screen(&t).contains("you owe"));
}
