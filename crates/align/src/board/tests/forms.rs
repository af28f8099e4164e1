//! The forms the board asks through: Esc cancels any of them and changes nothing, a
//! wrong answer keeps the form open with the reason beside its field, keys typed into a
//! form are text and not commands; and how the forms and the editing keys look.

use super::{
    DEMO, agrees_with_disk, assert_screen, demo, draw, form_error, form_open, form_text, keys,
    message, on_disk, press, screen, select_goal, select_task, type_text,
};

#[test]
fn esc_cancels_every_form_and_changes_nothing() {
    let mut f = demo();
    select_task(&mut f.app, "T-104");
    select_goal(&mut f.app, "retention/kr1");
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
    select_goal(&mut f.app, "retention/kr1");
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
    assert_eq!(f.app.form().unwrap().focus, 1);
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
    assert!(!f.app.help_open());
    assert_eq!(f.app.tasks.selected, 0);
    assert_eq!(form_text(&f.app, 0), "q j ? / u x 2 G");
    // The mouse does not reach the board behind the form.
    let before = f.app.tasks.selected;
    super::mouse(
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

#[test]
fn snapshot_checkin_form_80x24() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "c");
    type_text(&mut f.app, "3.4");
    press(&mut f.app, "Tab");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "checkin_form_80x24", &t);
}

#[test]
fn snapshot_add_task_form_80x24() {
    let mut f = demo();
    press(&mut f.app, "a");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "add_task_form_80x24", &t);
}

#[test]
fn snapshot_edit_task_form_80x24_and_120x40() {
    let mut f = demo();
    select_task(&mut f.app, "T-102");
    press(&mut f.app, "e");
    // Eight fields do not fit boxed on 24 rows: one row each.
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "edit_task_form_80x24", &t);
    // The field being typed in has its whole label under the fields.
    press(&mut f.app, "Tab");
    let t = draw(&mut f.app, 80, 24);
    assert!(
        screen(&t).contains("│Status: todo, doing, done or dropped "),
        "{}",
        screen(&t)
    );
    // A wrong answer is named in the footer, and the field marked.
    press(&mut f.app, "Tab Tab");
    type_text(&mut f.app, "9");
    press(&mut f.app, "Enter");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "edit_task_form_wrong_impact_80x24", &t);
    let t = draw(&mut f.app, 120, 40);
    assert_screen("tests_edit", "edit_task_form_120x40", &t);
}

#[test]
fn forms_draw_at_every_size_without_panicking() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
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
            assert_eq!(super::rows(&t).len(), usize::from(h));
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
        ("n", "add a goal beside the selected one"),
        (
            "K",
            "add a key result to the selected goal (kr3 after kr1, kr2)",
        ),
        (
            "e",
            "edit the selected task's, goal's or key result's fields",
        ),
        ("x", "advance the task: todo → doing → done"),
        ("d", "drop the selected task"),
    ] {
        assert!(
            first.contains(&format!("│{label:<15}{help}")),
            "{label}\n{first}"
        );
    }
    // Scrolled to the end (PgDn stops there), the last keys show.
    press(&mut f.app, "PgDn PgDn PgDn PgDn");
    let t = draw(&mut f.app, 80, 24);
    let end = screen(&t);
    assert!(end.contains("q Ctrl-c       quit"), "{end}");
    assert!(!end.contains("↓ more"), "{end}");
    assert!(f.app.help_open(), "scrolling keeps the overlay open");
    press(&mut f.app, "Up");
    assert!(f.app.help_open());
    press(&mut f.app, "Esc");
    assert!(!f.app.help_open());
    // On a tall screen everything fits and nothing scrolls.
    press(&mut f.app, "?");
    let t = draw(&mut f.app, 100, 60);
    assert!(screen(&t).contains("q Ctrl-c       quit"));
    assert!(screen(&t).contains("any key closes"));
}

#[test]
fn c_closes_the_selected_goal_and_u_takes_it_back_whole() {
    let mut f = demo();
    // An achieved goal is not closed again.
    select_goal(&mut f.app, "pricing-page");
    press(&mut f.app, "C");
    assert!(!form_open(&f.app));
    assert!(
        message(&f.app).contains("achieved already"),
        "{}",
        message(&f.app)
    );
    select_goal(&mut f.app, "carriers");
    press(&mut f.app, "C");
    assert!(form_open(&f.app));
    let t = draw(&mut f.app, 100, 30);
    let s = screen(&t);
    assert!(s.contains("Close carriers"), "{s}");
    assert!(
        s.contains("0.6 to 0.7 is a good result for a stretch goal"),
        "{s}"
    );
    // The default grade is the goal's progress.
    assert_eq!(form_text(&f.app, 0), "0.5");
    // A date that is not one keeps the form open, beside the field.
    press(&mut f.app, "Tab Tab Tab");
    type_text(&mut f.app, "next quarter");
    press(&mut f.app, "Enter");
    assert!(
        form_error(&f.app).is_some_and(|(field, why)| field == 3 && why.contains("not a date"))
    );
    for _ in 0.."next quarter".len() {
        press(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "2027-03-31");
    press(&mut f.app, "Tab Tab");
    type_text(&mut f.app, "DHL went live, UPS slipped");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    let saved = message(&f.app);
    assert!(
        saved.starts_with("closed carriers as achieved (grade 0.5)"),
        "{saved}"
    );
    let text = on_disk(&f.path);
    assert!(
        text.contains("grade = 0.5\nreview = \"DHL went live, UPS slipped\""),
        "{text}"
    );
    assert!(text.contains("id = \"carriers-2\""), "{text}");
    agrees_with_disk(&f);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO, "one undo takes it all back");
    agrees_with_disk(&f);
}
