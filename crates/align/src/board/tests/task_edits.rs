//! Editing tasks as a user does it: `x` advances a task's status, `d` drops it, `a` adds
//! one, `e` renames one — each checked against the file on disk: exactly the expected
//! lines change, `u` gives back the original bytes, `Ctrl-r` the edited ones.

use super::{
    DEMO, agrees_with_disk, changed_lines, demo, demo_all, draw, form_open, form_text, keys,
    message, on_disk, press, screen, select_task, selected_id, task, today, type_text,
};
use crate::board::app::Focus;

#[test]
fn x_advances_todo_to_doing_to_done_and_u_restores_the_bytes() {
    let mut f = demo_all();
    select_task(&mut f.app, "T-104"); // todo, no done date
    let t = task(&f.app, "T-104");

    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "T-104 → doing · saved");
    let doing = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &doing),
        (
            vec!["status = \"todo\"\n".to_string()],
            vec!["status = \"doing\"\n".to_string()]
        )
    );
    // Exactly T-104's status line: the first `status = "todo"` after its id.
    let at = DEMO.find("id = \"T-104\"").unwrap();
    assert_eq!(doing[..at], DEMO[..at]);
    agrees_with_disk(&f);

    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "T-104 → done, done = 2026-11-25 · saved");
    let done = on_disk(&f.path);
    assert_eq!(
        changed_lines(&doing, &done),
        (
            vec!["status = \"doing\"\n".to_string()],
            vec![
                "done = 2026-11-25\n".to_string(),
                "status = \"done\"\n".to_string(),
            ]
        )
    );
    assert_eq!(f.app.ws().tasks[t].done, Some(today()));
    agrees_with_disk(&f);
    // The selection did not move and the board says what happened.
    assert_eq!(selected_id(&f.app), "T-104");

    // A done task goes no further.
    press(&mut f.app, "x");
    assert_eq!(
        message(&f.app),
        "T-104 is already done (on 2026-11-25): nothing to advance"
    );
    assert_eq!(on_disk(&f.path), done);

    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        "undo: T-104 → done, done = 2026-11-25 · saved"
    );
    assert_eq!(on_disk(&f.path), doing);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO, "undo gives back the original bytes");
    agrees_with_disk(&f);

    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "redo: T-104 → doing · saved");
    assert_eq!(on_disk(&f.path), doing);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), done);
    agrees_with_disk(&f);
}

#[test]
fn d_drops_the_selected_task_at_once_and_u_brings_it_back() {
    let mut f = demo();
    select_task(&mut f.app, "T-103"); // doing, linked to retention/kr1
    let t = task(&f.app, "T-103");
    let open_before = f.app.board().summary.aligned_effort_pct;
    press(&mut f.app, "d");
    assert_eq!(
        message(&f.app),
        "T-103 → dropped (u undoes) · saved · off the list of open work (A shows all)"
    );
    assert_eq!(f.app.ws().tasks[t].status.as_str(), "dropped");
    // It leaves the list of open work; the row that took its place is selected.
    assert!(!f.app.task_order.contains(&t));
    assert_ne!(selected_id(&f.app), "T-103");
    press(&mut f.app, "A");
    assert!(f.app.task_order.contains(&t), "A shows it again");
    select_task(&mut f.app, "T-103");
    let dropped = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &dropped),
        (
            vec!["status = \"doing\"\n".to_string()],
            vec!["status = \"dropped\"\n".to_string()]
        )
    );
    assert!(
        f.app.board().summary.aligned_effort_pct < open_before,
        "a dropped task no longer counts as open aligned work"
    );
    agrees_with_disk(&f);

    press(&mut f.app, "d");
    assert_eq!(message(&f.app), "T-103 is already dropped: nothing to drop");
    press(&mut f.app, "x");
    assert_eq!(
        message(&f.app),
        "T-103 is already dropped: nothing to advance"
    );
    assert_eq!(on_disk(&f.path), dropped);

    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO);
    assert_eq!(f.app.board().summary.aligned_effort_pct, open_before);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), dropped);
    agrees_with_disk(&f);

    // A finished task is not dropped.
    select_task(&mut f.app, "T-105");
    press(&mut f.app, "d");
    assert_eq!(message(&f.app), "T-105 is already done: nothing to drop");
    assert_eq!(on_disk(&f.path), dropped);
}

#[test]
fn a_adds_a_task_with_the_next_id_selects_it_and_u_removes_it() {
    let mut f = demo_all();
    let n = f.app.ws().tasks.len();
    // From the goals pane, with a filter that would hide the new task.
    press(&mut f.app, "/");
    type_text(&mut f.app, "dunning");
    press(&mut f.app, "Enter Tab");
    assert_eq!(f.app.focus, Focus::Goals);

    press(&mut f.app, "a");
    assert!(form_open(&f.app));
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("T-132 · status todo"), "{}", screen(&t));
    // Where it belongs: linked to the selected goal (the goals pane has focus), owned
    // by the selected task's owner (T-103's, maya).
    assert_eq!(form_text(&f.app, 1), "grow-shops");
    assert_eq!(form_text(&f.app, 2), "maya");
    type_text(&mut f.app, "Write the Q1 plan");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    assert_eq!(message(&f.app), "added T-132 · saved");

    let added = on_disk(&f.path);
    assert_eq!(
        added,
        format!(
            "{DEMO}\n[[tasks]]\nid = \"T-132\"\ntitle = \"Write the Q1 plan\"\nstatus = \"todo\"\ngoals = [\"grow-shops\"]\nowner = \"maya\"\n"
        )
    );
    assert_eq!(f.app.ws().tasks.len(), n + 1);
    // The new task is selected, in view, in the tasks pane, with the filter cleared.
    assert_eq!(selected_id(&f.app), "T-132");
    assert_eq!(f.app.focus, Focus::Tasks);
    assert!(f.app.filter.is_empty());
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("T-132"), "{}", screen(&t));
    assert_ne!(f.app.board().tasks[n].class.as_str(), "busy-work");
    agrees_with_disk(&f);

    // It can be edited at once: x makes it doing.
    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "T-132 → doing · saved");
    agrees_with_disk(&f);

    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), added);
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "undo: added T-132 · saved");
    assert_eq!(on_disk(&f.path), DEMO, "the file is back byte for byte");
    assert_eq!(f.app.ws().tasks.len(), n);
    assert_eq!(f.app.task_order.len(), n);
    assert!(f.app.selected_task().is_some_and(|t| t.0 < n));
    agrees_with_disk(&f);

    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "redo: added T-132 · saved");
    assert_eq!(on_disk(&f.path), added);
    assert_eq!(selected_id(&f.app), "T-132");
    agrees_with_disk(&f);
}

#[test]
fn e_edits_the_title_prefilled_with_the_editing_keys() {
    let mut f = demo();
    select_task(&mut f.app, "T-123");
    let old = f.app.ws().tasks[task(&f.app, "T-123")].title.clone();
    press(&mut f.app, "e");
    assert_eq!(form_text(&f.app, 0), old, "prefilled");
    // Cursor at the end: Backspace eats the last word, Home / Ctrl-a go to the start,
    // Delete removes under the cursor, Ctrl-e / End back to the end, arrows move.
    assert_eq!(old, "Churn survey follow-ups: reply to every comment");
    for _ in 0.."comment".len() {
        keys(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "question");
    keys(&mut f.app, "Home");
    type_text(&mut f.app, "Send ");
    keys(
        &mut f.app,
        "C-e Left Left Left Left Left Left Left Left Delete",
    );
    type_text(&mut f.app, "Q");
    keys(&mut f.app, "C-a Right Right Right Right Right Delete");
    type_text(&mut f.app, "c");
    keys(&mut f.app, "End");
    type_text(&mut f.app, " \"now\"");
    let typed = form_text(&f.app, 0);
    assert_eq!(
        typed,
        "Send churn survey follow-ups: reply to every Question \"now\""
    );
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    assert_eq!(message(&f.app), "renamed T-123 · saved");
    let renamed = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &renamed),
        (
            vec![format!("title = \"{old}\"\n")],
            // A title with double quotes is written as a literal string.
            vec![
                "title = 'Send churn survey follow-ups: reply to every Question \"now\"'\n"
                    .to_string()
            ]
        )
    );
    agrees_with_disk(&f);
    // The filter finds it by its new words.
    press(&mut f.app, "/");
    type_text(&mut f.app, "every question");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-123");
    press(&mut f.app, "Esc");

    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "undo: renamed T-123 · saved");
    assert_eq!(on_disk(&f.path), DEMO);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), renamed);

    // Submitting the title unchanged writes nothing.
    press(&mut f.app, "e Enter");
    assert!(!form_open(&f.app));
    assert_eq!(message(&f.app), "T-123: nothing changed, nothing saved");
    assert_eq!(on_disk(&f.path), renamed);
}

#[test]
fn e_edits_every_field_in_one_change_and_u_takes_it_back() {
    let mut f = demo();
    // T-105 is done (hidden until `A` shows done and dropped work): the form reopens it.
    press(&mut f.app, "A");
    select_task(&mut f.app, "T-105");
    press(&mut f.app, "e");
    assert_eq!(form_text(&f.app, 1), "done");
    let set = super::set_field;
    set(&mut f, 1, "doing");
    set(&mut f, 2, "2.5");
    set(&mut f, 3, "5");
    set(&mut f, 4, "");
    set(&mut f, 5, "nina");
    set(&mut f, 6, "research, interviews");
    set(&mut f, 7, "yes");
    set(&mut f, 8, "T-104");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{}", message(&f.app));
    assert!(
        message(&f.app).starts_with("T-105: status doing"),
        "{}",
        message(&f.app)
    );
    let edited = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &edited),
        (
            vec![
                "done = 2026-11-20\n".to_string(),
                "due = 2026-11-20\n".to_string(),
                "effort = 1\n".to_string(),
                "impact = 4\n".to_string(),
                "owner = \"maya\"\n".to_string(),
                "status = \"done\"\n".to_string(),
                "tags = [\"research\"]\n".to_string(),
            ],
            vec![
                "depends = [\"T-104\"]\n".to_string(),
                "effort = 2.5\n".to_string(),
                "impact = 5\n".to_string(),
                "owner = \"nina\"\n".to_string(),
                "status = \"doing\"\n".to_string(),
                "tags = [\"research\", \"interviews\"]\n".to_string(),
                "urgent = true\n".to_string(),
            ]
        ),
        "the lines sorted: reopened (done date gone), due cleared, the rest rewritten in place"
    );
    agrees_with_disk(&f);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO, "one undo gives back every field");
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), edited);
    agrees_with_disk(&f);
}

/// The edit form's "Waits on" field changes the task's `depends` as the `w` key does: a
/// wait that would close a loop is refused in the form, and the file is left as it was.
#[test]
fn the_edit_form_refuses_a_dependency_loop_and_writes_nothing() {
    let mut f = demo();
    // T-103 waits on T-127 in the demo: T-127 waiting on T-103 would be a loop.
    select_task(&mut f.app, "T-127");
    press(&mut f.app, "e");
    for _ in 0..12 {
        if f.app.form().unwrap().focus == 8 {
            break;
        }
        press(&mut f.app, "Tab");
    }
    assert_eq!(
        f.app.form().unwrap().focus,
        8,
        "the form has a Waits on field"
    );
    type_text(&mut f.app, "T-103");
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app), "the form stays open with the reason");
    let problem = f.app.form().unwrap().problem.clone().unwrap_or_default();
    assert!(problem.contains("T-103"), "{problem}");
    assert_eq!(on_disk(&f.path), DEMO);
}
