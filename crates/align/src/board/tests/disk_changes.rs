//! The board and the workspace on disk changing under it: a `touch` or an editor saving
//! the same bytes, another file of a directory workspace changing, a file appearing or
//! going (a `git pull`), a change in the very file the undo history is about. Keys go
//! through the keymap into [`App::update`]; the clock is [`Action::Tick`].

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

use super::{
    DEMO, demo, message, on_disk, press, select_goal, select_task, selected_id, type_text,
};
use crate::board::action::Action;
use crate::board::app::App;

/// Write `text` as another program would, with a modified time no earlier write had.
fn outside_write(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    bump(path);
}

/// Move a file's modified time on (a `touch`), each call further.
fn bump(path: &Path) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STEP: AtomicU64 = AtomicU64::new(1);
    let when = SystemTime::now() + Duration::from_secs(STEP.fetch_add(7, Ordering::SeqCst));
    let file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(when).unwrap();
}

const GOALS: &str = "version = 1\n[workspace]\nname = \"Team\"\n\n[[goals]]\nid = \"growth\"\ntitle = \"Grow the business\"\n\n[[goals]]\nid = \"quality\"\ntitle = \"Ship fewer bugs\"\n";

fn tasks_file(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("[[tasks]]\nid = \"{id}\"\ntitle = \"Task {id}\"\nstatus = \"todo\"\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A directory workspace: its files by name, and the board opened on the directory.
struct Dir {
    dir: TempDir,
    app: App,
}

impl Dir {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn open_dir(files: &[(&str, String)]) -> Dir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let loaded = align_core::load(dir.path()).unwrap();
    let app = super::app_of(loaded);
    Dir { dir, app }
}

fn ids(app: &App) -> Vec<String> {
    app.ws().tasks.iter().map(|t| t.id.clone()).collect()
}

// ---------------------------------------------------------------------------------------
// Same bytes: a new stamp only
// ---------------------------------------------------------------------------------------

#[test]
fn a_touch_or_the_same_bytes_saved_again_only_restamps_and_keeps_the_history() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "x");
    let edited = on_disk(&f.path);
    f.app.message = None;
    // `touch align.toml`, then an editor writing back exactly what it read.
    bump(&f.path);
    assert!(!f.app.update(Action::Tick), "no reload, nothing to draw");
    outside_write(&f.path, &edited);
    assert!(!f.app.update(Action::Tick));
    assert!(f.app.message.is_none(), "{}", message(&f.app));
    assert_eq!(f.app.session.history_len().0, 1);
    // Nothing on disk moved since: the next tick has nothing to look at.
    assert!(!f.app.session.moved_on_disk());
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO);
    assert_eq!(selected_id(&f.app), "T-124");
}

#[test]
fn r_with_nothing_changed_keeps_the_history_and_says_so() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "x R");
    assert_eq!(message(&f.app), "reloaded from disk: nothing had changed");
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO);
}

// ---------------------------------------------------------------------------------------
// Real changes: the history kept when it provably still applies, else dropped and said
// ---------------------------------------------------------------------------------------

#[test]
fn a_change_in_another_file_of_a_directory_keeps_the_history() {
    let mut d = open_dir(&[
        ("goals.toml", GOALS.to_string()),
        ("alice.toml", tasks_file(&["T-1", "T-2"])),
        ("bob.toml", tasks_file(&["T-3"])),
    ]);
    let alice = d.path("alice.toml");
    let before = on_disk(&alice);
    select_task(&mut d.app, "T-1");
    select_goal(&mut d.app, "growth");
    press(&mut d.app, "l");
    let linked = on_disk(&alice);
    select_task(&mut d.app, "T-2");
    press(&mut d.app, "x");
    // Bob pulls in a new task of his, in a file after Alice's.
    outside_write(&d.path("bob.toml"), &tasks_file(&["T-3", "T-4"]));
    assert!(d.app.update(Action::Tick));
    assert_eq!(
        message(&d.app),
        "reloaded from disk: bob.toml changed outside align"
    );
    assert_eq!(ids(&d.app), ["T-1", "T-2", "T-3", "T-4"]);
    assert_eq!(selected_id(&d.app), "T-2");
    // Both undo levels still apply, byte for byte, and redo too.
    press(&mut d.app, "u");
    assert_eq!(message(&d.app), "undo: T-2 → doing · saved");
    assert_eq!(on_disk(&alice), linked);
    press(&mut d.app, "u");
    assert_eq!(on_disk(&alice), before);
    press(&mut d.app, "C-r C-r");
    assert!(message(&d.app).starts_with("redo: "), "{}", message(&d.app));
    assert_eq!(on_disk(&d.path("bob.toml")), tasks_file(&["T-3", "T-4"]));
    assert!(align_core::load(d.dir.path()).is_ok());
}

#[test]
fn a_change_that_moves_the_tasks_in_front_of_the_history_drops_it_and_says_so() {
    let mut d = open_dir(&[
        ("goals.toml", GOALS.to_string()),
        ("alice.toml", tasks_file(&["T-1"])),
        ("bob.toml", tasks_file(&["T-3"])),
    ]);
    select_task(&mut d.app, "T-3");
    press(&mut d.app, "x");
    // A task appears in Alice's file, in front of Bob's: the entry's task number would
    // now name another task.
    outside_write(&d.path("alice.toml"), &tasks_file(&["T-1", "T-2"]));
    d.app.update(Action::Tick);
    assert_eq!(
        message(&d.app),
        "reloaded from disk: alice.toml changed outside align; undo history cleared"
    );
    press(&mut d.app, "u");
    assert_eq!(message(&d.app), "nothing to undo");
    assert_eq!(selected_id(&d.app), "T-3");
}

#[test]
fn an_outside_edit_in_the_file_the_history_is_about_drops_it_and_says_so() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "x");
    let edited = on_disk(&f.path);
    // Elsewhere in the same file: the entry's bytes still match, but where they are
    // and what is around them is someone else's now.
    outside_write(&f.path, &edited.replace("Parcelwise", "Parcelwise Ltd"));
    f.app.update(Action::Tick);
    assert_eq!(
        message(&f.app),
        "reloaded from disk: align.toml changed outside align; undo history cleared"
    );
    press(&mut f.app, "u C-r");
    assert_eq!(message(&f.app), "nothing to redo");
    assert!(
        on_disk(&f.path).contains("Parcelwise Ltd"),
        "never overwritten"
    );
}

#[test]
fn a_change_that_keeps_length_and_modified_time_is_still_seen() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "x");
    let edited = on_disk(&f.path);
    // Same length, same modified time: the status-change time (and, after a rename, the
    // inode) still moved, so the tick reads the file and reloads.
    let when = fs::metadata(&f.path).unwrap().modified().unwrap();
    let other = edited.replace("Parcelwise", "Parcelwide");
    assert_eq!(other.len(), edited.len());
    fs::write(&f.path, &other).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&f.path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    assert!(f.app.update(Action::Tick), "the tick reloads");
    assert_eq!(
        message(&f.app),
        "reloaded from disk: align.toml changed outside align; undo history cleared"
    );
    assert!(f.app.ws().name.contains("Parcelwide"));
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(on_disk(&f.path), other, "never overwritten");
}

// ---------------------------------------------------------------------------------------
// Files appearing and going
// ---------------------------------------------------------------------------------------

#[test]
fn a_new_file_in_the_directory_is_picked_up_on_the_tick() {
    let mut d = open_dir(&[
        ("goals.toml", GOALS.to_string()),
        ("alice.toml", tasks_file(&["T-1"])),
    ]);
    assert!(!d.app.update(Action::Tick));
    fs::write(d.path("bob.toml"), tasks_file(&["T-2"])).unwrap();
    assert!(d.app.update(Action::Tick));
    assert_eq!(ids(&d.app), ["T-1", "T-2"]);
    assert!(message(&d.app).starts_with("reloaded from disk"));
    // A new task gets the next free id (written in alice.toml, the selected task's
    // file), and the workspace still loads.
    press(&mut d.app, "a");
    type_text(&mut d.app, "Third");
    press(&mut d.app, "Enter");
    assert_eq!(ids(&d.app), ["T-1", "T-2", "T-3"]);
    assert!(on_disk(&d.path("alice.toml")).contains("id = \"T-3\""));
    assert!(align_core::load(d.dir.path()).is_ok());
    // And one that goes is noticed too: its tasks leave the board.
    fs::remove_file(d.path("bob.toml")).unwrap();
    assert!(d.app.update(Action::Tick));
    assert_eq!(ids(&d.app), ["T-1", "T-3"]);
    // Files that are not TOML do not count.
    fs::write(d.path("notes.md"), "# notes\n").unwrap();
    assert!(!d.app.update(Action::Tick));
}

#[test]
fn before_a_save_a_file_that_appeared_is_read_so_a_new_id_never_clashes() {
    let mut d = open_dir(&[
        ("goals.toml", GOALS.to_string()),
        ("alice.toml", tasks_file(&["T-1"])),
    ]);
    press(&mut d.app, "a");
    type_text(&mut d.app, "Second");
    // While the form is open the tick waits; a `git pull` brings bob.toml with T-2.
    fs::write(d.path("bob.toml"), tasks_file(&["T-2"])).unwrap();
    assert!(!d.app.update(Action::Tick));
    press(&mut d.app, "Enter");
    let form = d.app.form().expect("the form stays open with the answer");
    assert_eq!(form.text(0), "Second");
    assert_eq!(
        form.problem.as_deref(),
        Some("a new file, bob.toml, appeared on disk: reloaded, nothing was saved; try again")
    );
    assert_eq!(on_disk(&d.path("alice.toml")), tasks_file(&["T-1"]));
    press(&mut d.app, "Enter");
    assert!(d.app.form().is_none(), "{}", message(&d.app));
    // T-3, not T-2, written in alice.toml where T-1 (the selected task) is.
    assert_eq!(ids(&d.app), ["T-1", "T-2", "T-3"]);
    assert!(on_disk(&d.path("alice.toml")).contains("id = \"T-3\""));
    let loaded = align_core::load(d.dir.path()).expect("no clash: the workspace loads");
    assert_eq!(loaded.workspace.tasks.len(), 3);
    // The same for a file that changed rather than appeared, with a link.
    let bob = format!("{}\n{}", on_disk(&d.path("bob.toml")), tasks_file(&["T-4"]));
    fs::write(d.path("bob.toml"), bob).unwrap();
    select_task(&mut d.app, "T-1");
    select_goal(&mut d.app, "growth");
    press(&mut d.app, "l");
    assert!(
        message(&d.app).starts_with("bob.toml changed on disk: reloaded, nothing was saved"),
        "{}",
        message(&d.app)
    );
    assert_eq!(ids(&d.app), ["T-1", "T-3", "T-2", "T-4"]);
}

#[test]
fn a_new_task_in_the_history_survives_only_while_no_task_comes_after_its_file() {
    let goal = |id: &str| format!("[[goals]]\nid = \"{id}\"\ntitle = \"Goal {id}\"\n");
    let mut d = open_dir(&[
        ("a-goals.toml", GOALS.to_string()),
        ("b-tasks.toml", tasks_file(&["T-1", "T-2"])),
        ("c-more.toml", goal("later")),
    ]);
    press(&mut d.app, "a");
    type_text(&mut d.app, "Added here");
    press(&mut d.app, "Enter");
    assert_eq!(ids(&d.app), ["T-1", "T-2", "T-3"]);
    let added = on_disk(&d.path("b-tasks.toml"));
    // A goal more in the file after: the new task is still the last one.
    outside_write(
        &d.path("c-more.toml"),
        &format!("{}\n{}", goal("later"), goal("even-later")),
    );
    d.app.update(Action::Tick);
    assert_eq!(
        message(&d.app),
        "reloaded from disk: c-more.toml changed outside align"
    );
    press(&mut d.app, "u");
    assert_eq!(message(&d.app), "undo: added T-3 · saved");
    assert_eq!(
        on_disk(&d.path("b-tasks.toml")),
        tasks_file(&["T-1", "T-2"])
    );
    press(&mut d.app, "C-r");
    assert_eq!(on_disk(&d.path("b-tasks.toml")), added);
    // A task in the file after: undoing the add would take the wrong last task.
    outside_write(
        &d.path("c-more.toml"),
        &format!("{}\n{}", goal("later"), tasks_file(&["T-9"])),
    );
    d.app.update(Action::Tick);
    assert!(
        message(&d.app).ends_with("; undo history cleared"),
        "{}",
        message(&d.app)
    );
    press(&mut d.app, "u");
    assert_eq!(message(&d.app), "nothing to undo");
    assert_eq!(ids(&d.app), ["T-1", "T-2", "T-3", "T-9"]);
}
