//! Saves that must not or cannot happen as asked — another writer changed the file, it
//! does not load, it is read-only, the save fails after its frame — and the order of a
//! save: an edit is drawn first and saved before the next key is read.

use std::fs;

use align_core::Class;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;

use super::{
    DEMO, agrees_with_disk, demo, draw, form_open, key, line_diff, message, on_disk, press, rows,
    screen, select_goal, select_task, selected_id, task, type_text,
};
use crate::board::action::Action;
use crate::board::app::App;

#[test]
fn a_file_changed_on_disk_is_reloaded_not_overwritten() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let edited = format!("{DEMO}# added by someone else\n");
    fs::write(&f.path, &edited).unwrap();

    press(&mut f.app, "l");
    assert_eq!(
        on_disk(&f.path),
        edited,
        "the other writer's change is kept"
    );
    assert!(
        message(&f.app).contains("changed on disk") && message(&f.app).contains("reloaded"),
        "{}",
        message(&f.app)
    );
    let t = task(&f.app, "T-124");
    assert!(f.app.ws().tasks[t].goals.is_empty(), "no link shown");
    assert!(f.app.read_only.is_none());
    // The selection survived the reload.
    assert_eq!(selected_id(&f.app), "T-124");
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(f.app.ws()),
        "activation"
    );
    assert_eq!(f.app.ws().files[0].text, edited);

    // Second try: saved, on top of the other writer's text.
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-124 → activation · saved");
    let disk = on_disk(&f.path);
    assert!(disk.ends_with("# added by someone else\n"));
    let (removed, added) = line_diff(&edited, &disk);
    assert!(removed.is_empty());
    assert_eq!(added, ["goals = [\"activation\"]\n"]);
}

#[test]
fn a_broken_file_on_disk_makes_the_board_read_only_until_it_loads_again() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    // Not TOML any more (an editor mid-save, a bad merge).
    let broken = format!("{DEMO}this line is not TOML\n");
    fs::write(&f.path, &broken).unwrap();

    press(&mut f.app, "l");
    assert_eq!(on_disk(&f.path), broken, "nothing was written");
    assert!(f.app.read_only.is_some());
    assert!(
        message(&f.app).starts_with("read-only"),
        "{}",
        message(&f.app)
    );
    let t = task(&f.app, "T-124");
    assert!(f.app.ws().tasks[t].goals.is_empty());
    let term = draw(&mut f.app, 120, 30);
    let status = rows(&term).pop().unwrap();
    assert!(status.starts_with(" READ-ONLY "), "{status}");

    // Still broken: l tries again, still writes nothing.
    press(&mut f.app, "l");
    assert_eq!(on_disk(&f.path), broken);
    assert!(f.app.read_only.is_some());

    // Fixed on disk (here: by the other writer), R reloads and the board may write again.
    let fixed = format!("{DEMO}# fixed\n");
    fs::write(&f.path, &fixed).unwrap();
    press(&mut f.app, "R");
    assert!(f.app.read_only.is_none());
    assert_eq!(
        message(&f.app),
        "reloaded from disk: align.toml changed outside align"
    );
    let term = draw(&mut f.app, 120, 30);
    assert!(!screen(&term).contains("READ-ONLY"));
    assert_eq!(selected_id(&f.app), "T-124");
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-124 → activation · saved");
    assert!(on_disk(&f.path).ends_with("# fixed\n"));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = demo();
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    press(&mut f.app, "l");
    assert!(
        message(&f.app).starts_with("not saved"),
        "{}",
        message(&f.app)
    );
    assert!(message(&f.app).contains("read-only"), "{}", message(&f.app));
    let t = task(&f.app, "T-124");
    assert!(
        f.app.ws().tasks[t].goals.is_empty(),
        "the link is not shown as made"
    );
    assert_eq!(f.app.ws().files[0].text, DEMO);
    assert_eq!(on_disk(&f.path), DEMO);
    let term = draw(&mut f.app, 160, 45);
    let row = rows(&term)
        .into_iter()
        .find(|r| r.contains("T-124 "))
        .unwrap();
    assert!(!row.contains('●'), "{row}");
    assert!(row.contains("busy-work"), "{row}");
    // Nothing to undo: the edit never happened.
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(
        fs::metadata(&f.path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn an_edit_is_on_screen_before_its_save_and_saved_before_the_next_key() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let t = task(&f.app, "T-124");
    // The key's effect: in memory, re-scored and drawn, the file not yet written.
    assert!(f.app.update(Action::ToggleLink));
    assert_eq!(f.app.ws().tasks[t].goals, ["activation"]);
    assert_ne!(f.app.board().tasks[t].class, Class::BusyWork);
    assert!(
        message(&f.app).ends_with("· saving…"),
        "{}",
        message(&f.app)
    );
    let row = |app: &mut App| {
        rows(&draw(app, 160, 45))
            .into_iter()
            .find(|r| r.contains("T-124 "))
            .unwrap()
    };
    assert!(row(&mut f.app).contains('●'), "drawn as linked");
    assert_eq!(on_disk(&f.path), DEMO, "saved only after the frame");
    // Then the save, as the loop does next.
    assert!(f.app.flush());
    assert_eq!(
        message(&f.app),
        "linked T-124 → activation · saved",
        "the next frame says so"
    );
    let (removed, added) = line_diff(DEMO, &on_disk(&f.path));
    assert!(removed.is_empty() || removed.iter().all(|l| l.contains("goals")));
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(!f.app.flush(), "nothing left to save");
    assert_eq!(f.app.session.history_len().0, 1);
}

#[test]
fn a_save_that_fails_after_the_frame_puts_the_board_back() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let t = task(&f.app, "T-124");
    let score = f.app.board().tasks[t].points;
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    f.app.update(Action::ToggleLink);
    assert_eq!(f.app.ws().tasks[t].goals, ["activation"], "shown at once");
    assert!(f.app.flush());
    assert!(
        message(&f.app).starts_with("not saved"),
        "{}",
        message(&f.app)
    );
    assert!(f.app.ws().tasks[t].goals.is_empty());
    assert_eq!(f.app.ws().files[0].text, DEMO);
    assert_eq!(f.app.board().tasks[t].points, score, "re-scored back");
    assert_eq!(f.app.board().tasks[t].class, Class::BusyWork);
    assert!((f.app.session.history_len().0 == 0) && (f.app.session.history_len().1 == 0));
    assert_eq!(on_disk(&f.path), DEMO);
}

#[test]
fn the_run_loop_saves_an_edit_before_it_reads_the_next_key() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let path = f.path.clone();
    let mut seen = Vec::new();
    let mut events = ["l", "q"].into_iter().map(|k| Event::Key(key(k)));
    crate::board::run(&mut terminal, &mut f.app, || {
        seen.push(on_disk(&path));
        Ok(events.next().map(Into::into))
    })
    .unwrap();
    assert!(f.app.quit);
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0], DEMO, "before l");
    assert_ne!(seen[1], DEMO, "l was saved before q was read");
    assert_eq!(on_disk(&path), seen[1]);
    assert!(screen(&terminal).contains("linked T-124 → activation · saved"));
}

#[cfg(unix)]
#[test]
fn a_failed_save_changes_nothing_and_keeps_the_form_open() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = demo();
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    select_task(&mut f.app, "T-104");
    press(&mut f.app, "x");
    assert!(
        message(&f.app).starts_with("not saved:"),
        "{}",
        message(&f.app)
    );
    assert_eq!(
        f.app.ws().tasks[task(&f.app, "T-104")].status.as_str(),
        "todo"
    );

    let n = f.app.ws().tasks.len();
    press(&mut f.app, "a");
    type_text(&mut f.app, "Never written");
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app), "the typed title is not lost");
    let problem = f.app.form().unwrap().problem.clone().unwrap();
    assert!(problem.starts_with("not saved:"), "{problem}");
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("✗ not saved:"), "{}", screen(&t));
    assert_eq!(f.app.ws().tasks.len(), n);
    assert_eq!(f.app.board().tasks.len(), n);
    press(&mut f.app, "Esc u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(on_disk(&f.path), DEMO);
    agrees_with_disk(&f);

    // Writable again: Enter in a new form saves.
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o644)).unwrap();
    press(&mut f.app, "a");
    type_text(&mut f.app, "Written");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    assert_eq!(f.app.ws().tasks.len(), n + 1);
    agrees_with_disk(&f);
}

#[test]
fn a_file_changed_on_disk_is_reloaded_and_enter_tries_again() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "c");
    type_text(&mut f.app, "3.6");
    let edited = format!("{DEMO}# added by someone else\n");
    fs::write(&f.path, &edited).unwrap();
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app), "the answers are kept");
    assert_eq!(
        f.app.form().unwrap().problem.as_deref(),
        Some("align.toml changed on disk: reloaded, nothing was saved; try again")
    );
    assert_eq!(on_disk(&f.path), edited, "never overwritten");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    let now = on_disk(&f.path);
    assert!(now.ends_with("# added by someone else\n"));
    assert!(now.contains("{ date = 2026-11-25, value = 3.6 }"));
    agrees_with_disk(&f);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), edited);
}
