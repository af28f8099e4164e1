//! Regression tests for the bugs the property tests (`tests/edit_props.rs`) and the `edits`
//! fuzz target found in the edit path, one test each, with the smallest workspace that
//! showed it. Each checks the edit's text, that the in-memory model equals a fresh load, and
//! that the undo gives back the original bytes.

use align_testkit::workspaces;

use std::path::PathBuf;

use align_core::edit::EditError;
use align_core::edit::{self, Edit};
use align_core::model::{GoalIx, LinkRef, TaskIx, TaskStatus, Workspace};
use workspaces::{load, same_model, today};

fn files(text: &str) -> Vec<(PathBuf, String)> {
    vec![(PathBuf::from("ws/align.toml"), text.to_string())]
}

fn ws(text: &str) -> Workspace {
    load(&files(text)).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Apply, compare the model with a fresh load, undo, compare the bytes; the edited text.
fn round_trip(ws: &mut Workspace, edit: Edit) -> String {
    let before = ws.files[0].text.clone();
    edit.apply(ws).expect("the edit applies");
    let after = ws.files[0].text.clone();
    let fresh = load(&files(&after)).unwrap_or_else(|e| panic!("{e}\n{after}"));
    same_model(ws, &fresh).unwrap();
    edit.inverse().apply(ws).expect("the undo applies");
    assert_eq!(ws.files[0].text, before, "undo gives back the bytes");
    same_model(ws, &load(&files(&before)).unwrap()).unwrap();
    after
}

const GOAL: &str = "[[goals]]\nid = \"g\"\ntitle = \"G\"\n";

/// `link` added the whole `goals` key after the task's last value, but the in-memory
/// `last_value_end` kept pointing before it (and `unlink` removing the key left it at the
/// line start): the model no longer matched a fresh load.
#[test]
fn adding_or_removing_the_goals_key_keeps_the_layout_exact() {
    for text in [
        format!(
            "version = 1\n{GOAL}[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\nstatus = \"todo\" # c\n"
        ),
        format!("version = 1\ntasks = [{{ id = \"T-1\", title = \"a\" }}]\n{GOAL}"),
    ] {
        let mut w = ws(&text);
        let link = edit::link(&w, TaskIx(0), &LinkRef::parse("g"))
            .unwrap()
            .unwrap();
        let linked = round_trip(&mut w, Edit::Link(link.clone()));
        let mut w = ws(&linked);
        let unlink = edit::unlink(&w, TaskIx(0), &LinkRef::parse("g"))
            .unwrap()
            .unwrap();
        assert_eq!(round_trip(&mut w, Edit::Link(unlink)), text);
    }
}

/// A check-in of 1e20 was written as the integer literal `100000000000000000000`, which
/// does not fit a TOML integer: the check-in could never be saved.
#[test]
fn a_huge_checkin_value_is_written_as_a_float() {
    let text = format!(
        "version = 1\n{GOAL}  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n"
    );
    let mut w = ws(&text);
    let e = edit::checkin(&w, GoalIx(0), 0, 1e20, None, None, today()).unwrap();
    let after = round_trip(&mut w, Edit::Block(e));
    assert!(after.contains("  current = 1e20\n"), "{after}");
    assert!(after.contains("value = 1e20 }"), "{after}");
    assert_eq!(ws(&after).goals[0].key_results[0].current, 1e20);
}

/// A title with a line break was written as a multi-line string, putting a bare LF into a
/// CRLF file.
#[test]
fn a_title_with_a_line_break_stays_on_its_line() {
    let text = format!("version = 1\n{GOAL}[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n")
        .replace('\n', "\r\n");
    let mut w = ws(&text);
    let e = edit::set_title(&w, TaskIx(0), "one\ntwo \"three\"\r").unwrap();
    let after = round_trip(&mut w, Edit::Block(e));
    assert!(
        after.contains("title = \"one\\ntwo \\\"three\\\"\"\r\n"),
        "{after:?}"
    );
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
    assert_eq!(ws(&after).tasks[0].title, "one\ntwo \"three\"");
}

/// A file with no tasks but an inline `tasks = []` got a `[[tasks]]` table appended: a
/// duplicate key, and the file no longer loaded.
#[test]
fn a_new_task_is_refused_next_to_an_empty_inline_tasks_array() {
    let text = format!("version = 1\ntasks = []\n\n{GOAL}");
    let w = ws(&text);
    let err = edit::add_task(&w, "new").unwrap_err();
    assert!(
        matches!(&err, EditError::Rejected { why } if why.contains("writes its tasks inline")),
        "{err}"
    );
    assert_eq!(w.files[0].text, text);
}

/// A new task appended to a file ending (without a newline) in another task's `goals`
/// array: that task's `goals` span grew over the new text in memory.
#[test]
fn a_new_task_after_a_goals_array_at_the_end_of_the_file() {
    let text = format!("version = 1\n{GOAL}[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\ngoals = []");
    let mut w = ws(&text);
    let e = edit::add_task(&w, "b").unwrap();
    let after = round_trip(&mut w, Edit::Block(e));
    assert!(
        after
            .ends_with("goals = []\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\nstatus = \"todo\"\n")
    );
}

/// Check-ins written as `[[goals.key_results.checkins]]` tables: the check-in appended
/// `, { … }` after a table header, which does not parse, so it could never be recorded.
#[test]
fn a_checkin_on_checkins_written_as_tables() {
    let text = format!(
        "version = 1\n{GOAL}  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n\n    [[goals.key_results.checkins]]\n    date = 2026-10-01\n    value = 1.0\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n"
    );
    let mut w = ws(&text);
    let e = edit::checkin(&w, GoalIx(0), 0, 4.5, Some(0.5), Some("halfway"), today()).unwrap();
    let after = round_trip(&mut w, Edit::Block(e));
    assert!(
        after.contains(
            "    value = 1.0\n\n    [[goals.key_results.checkins]]\n    date = 2026-11-25\n    value = 4.5\n    confidence = 0.5\n    note = \"halfway\"\n\n[[tasks]]"
        ),
        "{after}"
    );
    let kr = &ws(&after).goals[0].key_results[0];
    assert_eq!((kr.checkins.len(), kr.current), (2, 4.5));
}

/// A task whose last key is dotted (`meta.note = "kept"`): the parser's span of `meta` is
/// only the key, so a link on an inline task went in the middle of the dotted key.
#[test]
fn a_link_after_a_dotted_key() {
    let text = format!(
        "version = 1\ntasks = [{{ id = \"T-1\", title = \"a\", meta.note = \"kept\" }}]\n{GOAL}"
    );
    let mut w = ws(&text);
    let e = edit::link(&w, TaskIx(0), &LinkRef::parse("g"))
        .unwrap()
        .unwrap();
    let after = round_trip(&mut w, Edit::Link(e));
    assert!(
        after.contains("meta.note = \"kept\", goals = [\"g\"] }"),
        "{after}"
    );
    let e = edit::set_status(&w, TaskIx(0), TaskStatus::Doing, today()).unwrap();
    let after = round_trip(&mut w, Edit::Block(e));
    assert!(
        after.contains("meta.note = \"kept\", status = \"doing\" }"),
        "{after}"
    );
}
