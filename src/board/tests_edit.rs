//! Editing on the board (issue 5, part 2), as a user does it: real key events through the
//! one keymap — `c` check in, `a` add, `e` rename, `x` advance, `d` drop, typed into real
//! forms — each checked against the file on disk: exactly the expected lines change, `u`
//! gives back the original bytes, `Ctrl-r` the edited ones.

use std::fs;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Focus};
use super::tests::{
    DEMO, Fixture, demo, draw, key, message, on_disk, open_text, press, screen, select_goal,
    select_task, selected_id, send, task, today, type_text,
};

/// Keys as in [`press`], plus the ones a text field needs: `Left`, `Right`, `Delete`.
fn keys(app: &mut super::App, names: &str) {
    for name in names.split_whitespace() {
        let event = match name {
            "Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
            "Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
            "Delete" => KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE),
            other => key(other),
        };
        send(app, Event::Key(event));
    }
}

/// Lines only in `before` and lines only in `after`, as multisets, sorted.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    // Counted, not searched: a 100,000-task file has 400,000 lines.
    let only = |x: &[&str], y: &[&str]| {
        let mut rest: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for l in y {
            *rest.entry(l).or_default() += 1;
        }
        let mut out = Vec::new();
        for l in x {
            match rest.get_mut(l) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push(l.to_string()),
            }
        }
        out
    };
    let (mut removed, mut added) = (only(&a, &b), only(&b, &a));
    removed.sort();
    added.sort();
    (removed, added)
}

/// The board shows what a fresh load of the file on disk shows: every task's fields and
/// score, every goal's flags, the summary.
fn agrees_with_disk(f: &Fixture) {
    let fresh = App::new(align::load(&f.path).unwrap().workspace, today(), None);
    let (a, b) = (&f.app, &fresh);
    assert_eq!(a.ws.tasks.len(), b.ws.tasks.len());
    for (x, y) in a.ws.tasks.iter().zip(&b.ws.tasks) {
        assert_eq!(
            (&x.id, &x.title, x.status, &x.goals, x.done),
            (&y.id, &y.title, y.status, &y.goals, y.done)
        );
        assert_eq!(x.layout, y.layout, "{}", x.id);
    }
    for (x, y) in a.ws.goals.iter().zip(&b.ws.goals) {
        for (k, l) in x.key_results.iter().zip(&y.key_results) {
            assert_eq!((k.current, &k.checkins), (l.current, &l.checkins));
        }
    }
    assert_eq!(a.board.tasks, b.board.tasks, "scores");
    assert_eq!(a.board.goals, b.board.goals, "goal flags");
    assert_eq!(a.board.summary, b.board.summary);
    assert_eq!(a.haystack, b.haystack);
}

fn form_open(app: &App) -> bool {
    app.form.is_some()
}

fn form_error(app: &App) -> Option<(usize, String)> {
    app.form.as_ref().and_then(|f| f.error.clone())
}

fn form_text(app: &App, field: usize) -> String {
    app.form.as_ref().unwrap().text(field).to_string()
}

// ---------------------------------------------------------------------------------------
// x advances, d drops
// ---------------------------------------------------------------------------------------

#[test]
fn x_advances_todo_to_doing_to_done_and_u_restores_the_bytes() {
    let mut f = demo();
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
    assert_eq!(f.app.ws.tasks[t].done, Some(today()));
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
    select_task(&mut f.app, "T-103"); // doing, linked to retention/churn
    let t = task(&f.app, "T-103");
    let open_before = f.app.board.summary.aligned_effort_pct;
    press(&mut f.app, "d");
    assert_eq!(message(&f.app), "T-103 → dropped (u undoes) · saved");
    assert_eq!(f.app.ws.tasks[t].status.as_str(), "dropped");
    let dropped = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &dropped),
        (
            vec!["status = \"doing\"\n".to_string()],
            vec!["status = \"dropped\"\n".to_string()]
        )
    );
    assert!(
        f.app.board.summary.aligned_effort_pct < open_before,
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
    assert_eq!(f.app.board.summary.aligned_effort_pct, open_before);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), dropped);
    agrees_with_disk(&f);

    // A finished task is not dropped.
    select_task(&mut f.app, "T-105");
    press(&mut f.app, "d");
    assert_eq!(message(&f.app), "T-105 is already done: nothing to drop");
    assert_eq!(on_disk(&f.path), dropped);
}

// ---------------------------------------------------------------------------------------
// a adds, e renames
// ---------------------------------------------------------------------------------------

#[test]
fn a_adds_a_task_with_the_next_id_selects_it_and_u_removes_it() {
    let mut f = demo();
    let n = f.app.ws.tasks.len();
    // From the goals pane, with a filter that would hide the new task.
    press(&mut f.app, "/");
    type_text(&mut f.app, "dunning");
    press(&mut f.app, "Enter Tab");
    assert_eq!(f.app.focus, Focus::Goals);

    press(&mut f.app, "a");
    assert!(form_open(&f.app));
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("T-132 · status todo"), "{}", screen(&t));
    type_text(&mut f.app, "Write the Q1 plan");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    assert_eq!(message(&f.app), "added T-132 · saved");

    let added = on_disk(&f.path);
    assert_eq!(
        added,
        format!(
            "{DEMO}\n[[tasks]]\nid = \"T-132\"\ntitle = \"Write the Q1 plan\"\nstatus = \"todo\"\n"
        )
    );
    assert_eq!(f.app.ws.tasks.len(), n + 1);
    // The new task is selected, in view, in the tasks pane, with the filter cleared.
    assert_eq!(selected_id(&f.app), "T-132");
    assert_eq!(f.app.focus, Focus::Tasks);
    assert!(f.app.filter.is_empty());
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("T-132"), "{}", screen(&t));
    assert_eq!(f.app.board.tasks[n].class.as_str(), "busy-work");
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
    assert_eq!(f.app.ws.tasks.len(), n);
    assert_eq!(f.app.task_order.len(), n);
    assert!(f.app.selected_task().is_some_and(|t| t < n));
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
    let old = f.app.ws.tasks[task(&f.app, "T-123")].title.clone();
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
    assert_eq!(
        message(&f.app),
        "T-123: the title is unchanged, nothing saved"
    );
    assert_eq!(on_disk(&f.path), renamed);
}

// ---------------------------------------------------------------------------------------
// c checks in on a key result
// ---------------------------------------------------------------------------------------

#[test]
fn c_records_a_checkin_appends_it_and_moves_current() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/churn");
    let t103 = task(&f.app, "T-103"); // linked to retention/churn
    let before = f.app.board.tasks[t103].clone();
    let g = f.app.ws.goal_by_id("retention").unwrap();
    let flags_before = f.app.board.goals[g].clone();

    press(&mut f.app, "c");
    assert!(form_open(&f.app));
    // A unit after the number is fine; so is a decimal comma.
    type_text(&mut f.app, "3,4 %");
    press(&mut f.app, "Tab");
    type_text(&mut f.app, "0.6");
    press(&mut f.app, "Tab");
    type_text(&mut f.app, "win-back emails live");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(message(&f.app), "checked in retention/churn at 3.4 · saved");

    let checked = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &checked),
        (
            vec!["  current = 3.8\n".to_string()],
            vec![
                "    { date = 2026-11-25, value = 3.4, confidence = 0.6, note = \"win-back emails live\" },\n"
                    .to_string(),
                "  current = 3.4\n".to_string(),
            ]
        )
    );
    // After the last check-in, before the array closes.
    assert!(checked.contains(
        "dunning emails not live yet\" },\n    { date = 2026-11-25, value = 3.4, confidence = 0.6, note = \"win-back emails live\" },\n  ]\n"
    ));
    // Progress moved, the linked task was scored again, the goal rows did not change.
    assert!(f.app.board.goals[g].progress > flags_before.progress);
    assert_eq!(f.app.board.goals[g].last_checkin, Some(today()));
    assert_ne!(
        f.app.board.tasks[t103], before,
        "T-103's bill shows the new pace"
    );
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(&f.app.ws),
        "retention/churn"
    );
    agrees_with_disk(&f);

    // The goal's detail shows the new value.
    let t = draw(&mut f.app, 160, 45);
    assert!(screen(&t).contains("now 3.4"), "{}", screen(&t));

    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        "undo: checked in retention/churn at 3.4 · saved"
    );
    assert_eq!(on_disk(&f.path), DEMO);
    assert_eq!(f.app.board.tasks[t103], before);
    assert_eq!(f.app.board.goals[g], flags_before);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), checked);
    agrees_with_disk(&f);
}

#[test]
fn a_checkin_with_the_value_only_writes_the_value_only() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/nps");
    press(&mut f.app, "c");
    type_text(&mut f.app, "40");
    press(&mut f.app, "Enter");
    let (removed, added) = changed_lines(DEMO, &on_disk(&f.path));
    assert_eq!(removed, ["  current = 38\n"]);
    assert_eq!(
        added,
        [
            "    { date = 2026-11-25, value = 40.0 },\n",
            "  current = 40.0\n",
        ]
    );
    agrees_with_disk(&f);
}

#[test]
fn c_on_a_goal_row_says_to_pick_a_key_result() {
    let mut f = demo();
    select_goal(&mut f.app, "retention");
    press(&mut f.app, "c");
    assert!(!form_open(&f.app));
    assert_eq!(
        message(&f.app),
        "check-ins are on key results: select one (◦) under retention in the goals pane, then c"
    );
    assert_eq!(on_disk(&f.path), DEMO);

    // A goal without key results says so; no goals at all too.
    let mut f = open_text(
        "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"t\"\n",
    );
    press(&mut f.app, "c");
    assert_eq!(
        message(&f.app),
        "goal g has no key results to check in on: add one to the file"
    );
    let mut f = open_text("version = 1\n");
    press(&mut f.app, "c");
    assert!(message(&f.app).starts_with("no goals yet"));
    press(&mut f.app, "x e d");
    assert_eq!(message(&f.app), "no task selected: add one with a");
    assert!(!form_open(&f.app));
}

// ---------------------------------------------------------------------------------------
// Forms: Esc cancels, wrong answers keep the form open, keys are text
// ---------------------------------------------------------------------------------------

#[test]
fn esc_cancels_every_form_and_changes_nothing() {
    let mut f = demo();
    select_task(&mut f.app, "T-104");
    select_goal(&mut f.app, "retention/churn");
    for open in ["c", "a", "e"] {
        press(&mut f.app, open);
        assert!(form_open(&f.app), "{open} opens a form");
        type_text(&mut f.app, "12");
        press(&mut f.app, "Tab");
        type_text(&mut f.app, "0.5");
        press(&mut f.app, "Esc");
        assert!(!form_open(&f.app));
        assert_eq!(message(&f.app), "cancelled: nothing changed");
        assert_eq!(on_disk(&f.path), DEMO);
    }
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo", "nothing was recorded");
    agrees_with_disk(&f);
}

#[test]
fn wrong_answers_keep_the_form_open_with_the_reason_beside_the_field() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "c");

    // No value.
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app));
    assert_eq!(
        form_error(&f.app),
        Some((
            0,
            "required: type the key result's value now, e.g. 2.8".to_string()
        ))
    );
    // Not a number.
    type_text(&mut f.app, "abc");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((0, "\"abc\" is not a number".to_string()))
    );
    let t = draw(&mut f.app, 80, 24);
    assert!(
        screen(&t).contains("✗ \"abc\" is not a number"),
        "{}",
        screen(&t)
    );
    // Fixing the field clears its complaint.
    press(&mut f.app, "Backspace Backspace Backspace");
    assert_eq!(form_error(&f.app), None);
    type_text(&mut f.app, "3.5");

    // Confidence out of range, then not a number: the cursor goes to that field.
    press(&mut f.app, "Tab");
    type_text(&mut f.app, "1.5");
    press(&mut f.app, "S-Tab Enter");
    assert_eq!(
        form_error(&f.app),
        Some((
            1,
            "1.5 is out of range: 0 (no chance) to 1 (sure)".to_string()
        ))
    );
    assert_eq!(f.app.form.as_ref().unwrap().focus, 1);
    press(&mut f.app, "Backspace Backspace Backspace");
    type_text(&mut f.app, "sure");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((1, "\"sure\" is not a number from 0 to 1".to_string()))
    );
    assert_eq!(
        on_disk(&f.path),
        DEMO,
        "nothing written while answers are wrong"
    );

    // 70% means 0.7.
    for _ in 0..4 {
        press(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "70%");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    assert!(on_disk(&f.path).contains("{ date = 2026-11-25, value = 3.5, confidence = 0.7 }"));

    // An empty title, for a new task and for a rename.
    press(&mut f.app, "a");
    type_text(&mut f.app, "   ");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((0, "a task needs a title".to_string()))
    );
    press(&mut f.app, "Esc");
    select_task(&mut f.app, "T-101");
    press(&mut f.app, "e C-a");
    keys(&mut f.app, "C-k");
    assert_eq!(form_text(&f.app, 0), "");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((0, "a task needs a title".to_string()))
    );
    press(&mut f.app, "Esc");
}

#[test]
fn keys_typed_into_a_form_are_text_not_commands() {
    let mut f = demo();
    press(&mut f.app, "a");
    // q, j, ?, /, u, x and digits would quit, move, open help, filter, undo, advance,
    // switch tabs: in a form they are letters.
    type_text(&mut f.app, "q j ? / u x 2 G");
    assert!(!f.app.quit);
    assert!(!f.app.help);
    assert_eq!(f.app.tasks.selected, 0);
    assert_eq!(form_text(&f.app, 0), "q j ? / u x 2 G");
    // The mouse does not reach the board behind the form.
    let before = f.app.tasks.selected;
    super::tests::mouse(
        &mut f.app,
        ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        60,
        5,
    );
    assert_eq!(f.app.tasks.selected, before);
    assert!(form_open(&f.app));
    // Ctrl-c still quits (nothing was written).
    press(&mut f.app, "C-c");
    assert!(f.app.quit);
    assert_eq!(on_disk(&f.path), DEMO);
}

#[test]
fn edits_are_made_on_the_board_tab() {
    let mut f = demo();
    press(&mut f.app, "2 x a");
    assert!(!form_open(&f.app));
    assert_eq!(
        message(&f.app),
        "tasks and key results are edited on the Board tab: press 1"
    );
    assert_eq!(on_disk(&f.path), DEMO);
}

// ---------------------------------------------------------------------------------------
// One history for every kind of edit
// ---------------------------------------------------------------------------------------

#[test]
fn undo_and_redo_walk_every_kind_of_edit() {
    let mut f = demo();
    let mut states = vec![DEMO.to_string()];
    let mut step = |f: &mut Fixture, keys_: &str, text: &str| {
        press(&mut f.app, keys_);
        if !text.is_empty() {
            type_text(&mut f.app, text);
            press(&mut f.app, "Enter");
        }
        assert!(message(&f.app).ends_with("· saved"), "{}", message(&f.app));
        states.push(on_disk(&f.path));
    };
    select_task(&mut f.app, "T-123");
    select_goal(&mut f.app, "retention/churn");
    step(&mut f, "l", ""); // link
    step(&mut f, "c", "3.5"); // check-in
    step(&mut f, "a", "Plan the win-back campaign"); // new task, now selected
    step(&mut f, "x", ""); // its status
    step(&mut f, "e", " (Q1)"); // its title
    step(&mut f, "Tab l", ""); // link it too (focus goals: Tab back first)
    assert_eq!(states.len(), 7);
    assert!(states.windows(2).all(|w| w[0] != w[1]));
    agrees_with_disk(&f);

    for level in (0..6).rev() {
        press(&mut f.app, "u");
        assert!(message(&f.app).starts_with("undo: "), "{}", message(&f.app));
        assert_eq!(on_disk(&f.path), states[level], "undo to level {level}");
        agrees_with_disk(&f);
    }
    assert_eq!(on_disk(&f.path), DEMO);
    for state in &states[1..] {
        press(&mut f.app, "C-r");
        assert!(message(&f.app).starts_with("redo: "), "{}", message(&f.app));
        assert_eq!(&on_disk(&f.path), state);
    }
    agrees_with_disk(&f);
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");
}

// ---------------------------------------------------------------------------------------
// Failures: a read-only file, a file changed by someone else
// ---------------------------------------------------------------------------------------

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
        f.app.ws.tasks[task(&f.app, "T-104")].status.as_str(),
        "todo"
    );

    let n = f.app.ws.tasks.len();
    press(&mut f.app, "a");
    type_text(&mut f.app, "Never written");
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app), "the typed title is not lost");
    let problem = f.app.form.as_ref().unwrap().problem.clone().unwrap();
    assert!(problem.starts_with("not saved:"), "{problem}");
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("✗ not saved:"), "{}", screen(&t));
    assert_eq!(f.app.ws.tasks.len(), n);
    assert_eq!(f.app.board.tasks.len(), n);
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
    assert_eq!(f.app.ws.tasks.len(), n + 1);
    agrees_with_disk(&f);
}

#[test]
fn a_file_changed_on_disk_is_reloaded_and_enter_tries_again() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "c");
    type_text(&mut f.app, "3.6");
    let edited = format!("{DEMO}# added by someone else\n");
    fs::write(&f.path, &edited).unwrap();
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app), "the answers are kept");
    assert_eq!(
        f.app.form.as_ref().unwrap().problem.as_deref(),
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

// ---------------------------------------------------------------------------------------
// What the forms look like
// ---------------------------------------------------------------------------------------

#[test]
fn snapshot_checkin_form_80x24() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "c");
    type_text(&mut f.app, "3.4");
    press(&mut f.app, "Tab");
    let t = draw(&mut f.app, 80, 24);
    insta::assert_snapshot!("checkin_form_80x24", t.backend());
}

#[test]
fn snapshot_add_task_form_80x24() {
    let mut f = demo();
    press(&mut f.app, "a");
    let t = draw(&mut f.app, 80, 24);
    insta::assert_snapshot!("add_task_form_80x24", t.backend());
}

#[test]
fn forms_draw_at_every_size_without_panicking() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/churn");
    for open in ["c", "a", "e"] {
        press(&mut f.app, open);
        type_text(
            &mut f.app,
            "发布新产品 🚀 a long answer that scrolls the field sideways",
        );
        if open == "c" {
            press(&mut f.app, "Enter"); // not a number: the error shows too
            assert!(form_error(&f.app).is_some());
        }
        for (w, h) in [(1, 1), (30, 8), (60, 16), (61, 17), (80, 24), (200, 60)] {
            let t = draw(&mut f.app, w, h);
            assert_eq!(super::tests::rows(&t).len(), usize::from(h));
        }
        press(&mut f.app, "Esc");
    }
}

#[test]
fn the_help_overlay_lists_the_editing_keys_and_scrolls_at_80x24() {
    let mut f = demo();
    press(&mut f.app, "?");
    let t = draw(&mut f.app, 80, 24);
    let first = screen(&t);
    assert!(first.contains("↑↓ PgUp PgDn scroll"), "{first}");
    for (label, help) in [
        ("c", "check in on the selected key result"),
        ("a", "add a task"),
        ("e", "edit the selected task's title"),
        ("x", "advance the task: todo → doing → done"),
        ("d", "drop the selected task"),
    ] {
        assert!(
            first.contains(&format!("│{label:<15}{help}")),
            "{label}\n{first}"
        );
    }
    // Scrolled to the end, the last keys show.
    press(&mut f.app, "PgDn");
    let t = draw(&mut f.app, 80, 24);
    let end = screen(&t);
    assert!(end.contains("q Ctrl-c       quit"), "{end}");
    assert!(!end.contains("↓ more"), "{end}");
    assert!(f.app.help, "scrolling keeps the overlay open");
    press(&mut f.app, "Up");
    assert!(f.app.help);
    press(&mut f.app, "Esc");
    assert!(!f.app.help);
    // On a tall screen everything fits and nothing scrolls.
    press(&mut f.app, "?");
    let t = draw(&mut f.app, 100, 45);
    assert!(screen(&t).contains("q Ctrl-c       quit"));
    assert!(screen(&t).contains("any key closes"));
}

// ---------------------------------------------------------------------------------------
// A big workspace
// ---------------------------------------------------------------------------------------

#[test]
fn edits_at_a_hundred_thousand_tasks() {
    use std::fmt::Write as _;
    const N: usize = 100_000;
    let mut text = String::from(
        "version = 1\n\n[workspace]\nname = \"Big\"\n\n\
         [[goals]]\nid = \"g0\"\ntitle = \"Goal zero\"\nweight = 5\nstart = 2026-01-01\ndue = 2027-12-31\n\n\
         \x20 [[goals.key_results]]\n  id = \"k\"\n  title = \"Key\"\n  start = 0\n  target = 100\n\n\
         [[goals]]\nid = \"g1\"\ntitle = \"Goal one\"\nweight = 2\n\n",
    );
    for i in 0..N {
        let _ = write!(
            text,
            "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task number {i}\"\n"
        );
        if i % 3 == 0 {
            let _ = writeln!(text, "goals = [\"g{}/k\"]", i % 2);
        }
        text.push('\n');
    }
    let text = text.replace("[\"g1/k\"]", "[\"g1\"]");
    let mut f = open_text(&text);
    assert_eq!(f.app.task_order.len(), N);
    let draw_ok = |app: &mut App| {
        let t = draw(app, 160, 45);
        assert!(screen(&t).contains("Tasks ("));
    };

    // x on a task in the middle.
    press(&mut f.app, "s s s /");
    type_text(&mut f.app, "T-50001");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-50001");
    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "T-50001 → doing · saved");
    draw_ok(&mut f.app);

    // e renames it.
    press(&mut f.app, "e");
    type_text(&mut f.app, " renamed");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "renamed T-50001 · saved");

    // a adds T-100000 at the end, selected.
    press(&mut f.app, "a");
    type_text(&mut f.app, "One more");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "added T-100000 · saved");
    assert_eq!(selected_id(&f.app), "T-100000");
    assert_eq!(f.app.task_order.len(), N + 1);
    draw_ok(&mut f.app);

    // c checks in on g0/k; the tasks linked to it are scored again.
    select_goal(&mut f.app, "g0/k");
    press(&mut f.app, "c");
    type_text(&mut f.app, "50");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "checked in g0/k at 50.0 · saved");
    let linked = task(&f.app, "T-0");
    let fresh = f.app.scorer.score(&f.app.ws, &f.app.ws.tasks[linked]);
    assert_eq!(f.app.board.tasks[linked], fresh);
    draw_ok(&mut f.app);

    let after = on_disk(&f.path);
    let (removed, added) = changed_lines(&text, &after);
    assert_eq!(removed, ["title = \"Task number 50001\"\n"]);
    assert_eq!(
        added,
        [
            "  checkins = [{ date = 2026-11-25, value = 50.0 }]\n",
            "  current = 50.0\n",
            "[[tasks]]\n",
            "id = \"T-100000\"\n",
            "status = \"doing\"\n",
            "status = \"todo\"\n",
            "title = \"One more\"\n",
            "title = \"Task number 50001 renamed\"\n",
        ]
    );

    press(&mut f.app, "u u u u");
    assert_eq!(on_disk(&f.path), text, "all undone, byte for byte");
    assert_eq!(f.app.task_order.len(), N);
    press(&mut f.app, "C-r C-r C-r C-r");
    assert_eq!(on_disk(&f.path), after);
}

// ---------------------------------------------------------------------------------------
// After an edit the sort and the filters apply again
// ---------------------------------------------------------------------------------------

fn sorted_by_score(app: &App) -> bool {
    app.task_order
        .windows(2)
        .all(|w| app.board.tasks[w[0]].points >= app.board.tasks[w[1]].points)
}

#[test]
fn an_edit_sorts_the_tasks_again_and_the_edited_task_stays_selected() {
    let mut f = demo();
    select_task(&mut f.app, "T-123"); // busy-work, near the bottom
    let before = f.app.tasks.selected;
    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "l");
    assert!(sorted_by_score(&f.app), "re-sorted after the link");
    assert_eq!(
        selected_id(&f.app),
        "T-123",
        "the selection follows the task"
    );
    assert!(f.app.tasks.selected < before, "T-123 moved up the list");
    // A rename under sort by id, a status under sort by status: the same.
    press(&mut f.app, "Tab s s");
    assert_eq!(f.app.sort.label(), "status");
    select_task(&mut f.app, "T-123");
    press(&mut f.app, "x"); // doing → done: among the done tasks now
    assert_eq!(selected_id(&f.app), "T-123");
    let t = task(&f.app, "T-123");
    assert_eq!(f.app.ws.tasks[t].status, align::model::TaskStatus::Done);
    let rank = |i: usize| match f.app.ws.tasks[i].status {
        align::model::TaskStatus::Doing => 0,
        align::model::TaskStatus::Todo => 1,
        align::model::TaskStatus::Done => 2,
        align::model::TaskStatus::Dropped => 3,
    };
    assert!(
        f.app
            .task_order
            .windows(2)
            .all(|w| rank(w[0]) <= rank(w[1])),
        "re-sorted by status"
    );
}

#[test]
fn an_edit_that_leaves_the_class_filter_hides_the_task_and_selects_the_next_row() {
    let mut f = demo();
    press(&mut f.app, "f f f f");
    assert_eq!(f.app.class_filter, Some(align::Class::BusyWork));
    let shown = f.app.task_order.len();
    select_task(&mut f.app, "T-123");
    let pos = f.app.tasks.selected;
    let next = f.app.task_order.get(pos + 1).copied();
    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "l");
    let t = task(&f.app, "T-123");
    assert_eq!(f.app.board.tasks[t].class, align::Class::Aligned);
    assert!(
        !f.app.task_order.contains(&t),
        "no longer busy-work: hidden"
    );
    assert_eq!(f.app.task_order.len(), shown - 1);
    assert!(
        f.app
            .task_order
            .iter()
            .all(|&i| f.app.board.tasks[i].class == align::Class::BusyWork)
    );
    assert_eq!(
        message(&f.app),
        "linked T-123 → retention/churn · saved · now aligned, hidden by the busy-work filter (f shows all)"
    );
    // The row that took its place is selected (the one below it, or the last row).
    let expected = next.or_else(|| f.app.task_order.last().copied());
    assert_eq!(f.app.selected_task(), expected);
    let text = screen(&draw(&mut f.app, 120, 40));
    assert!(
        text.contains(&format!("Tasks ({} of 31)", shown - 1)),
        "{text}"
    );
    // Only the message names it: no row does.
    assert_eq!(
        text.lines().filter(|l| l.contains("T-123")).count(),
        1,
        "{text}"
    );
    // Undo makes it busy-work again: back in the list, selected.
    press(&mut f.app, "u");
    assert!(f.app.task_order.contains(&t));
    assert_eq!(f.app.task_order.len(), shown);
    assert_eq!(selected_id(&f.app), "T-123");
}

#[test]
fn a_rename_that_leaves_the_text_filter_says_so() {
    let mut f = demo();
    press(&mut f.app, "/");
    type_text(&mut f.app, "confetti");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-124");
    press(&mut f.app, "e");
    // Ctrl-u undoes the prefilled text's typing? No: select all by Home and erase.
    for _ in 0..60 {
        press(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "Party popper");
    press(&mut f.app, "Enter");
    assert!(f.app.task_order.is_empty(), "nothing matches /confetti now");
    assert!(
        message(&f.app).ends_with(" · no longer matches the filter /confetti (Esc clears it)"),
        "{}",
        message(&f.app)
    );
    press(&mut f.app, "u");
    assert_eq!(selected_id(&f.app), "T-124");
}
