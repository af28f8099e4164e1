//! Editing goals and key results as a user does it: `e` on the goals pane opens the
//! selected one's form filled in from the file; exactly the changed values are written,
//! check-ins and comments stay, `u` gives back the original bytes.

use super::{
    DEMO, agrees_with_disk, assert_screen, changed_lines, demo, draw, first_ids, form_error,
    form_open, form_text, message, on_disk, press, select_goal, set_field, type_text,
};

#[test]
fn e_on_a_goal_edits_its_fields_in_one_change_and_u_takes_it_back() {
    let mut f = demo();
    select_goal(&mut f.app, "retention");
    press(&mut f.app, "e");
    assert!(form_open(&f.app));
    let answers: Vec<String> = (0..9).map(|i| form_text(&f.app, i)).collect();
    assert_eq!(
        answers,
        [
            "Cut churn among small shops",
            "objective",
            "5",
            "year",
            "2026-07-01",
            "2027-06-30",
            "active",
            "maya",
            "grow-shops"
        ]
    );
    set_field(&mut f, 2, "4");
    set_field(&mut f, 3, "");
    set_field(&mut f, 7, "sam");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(
        message(&f.app),
        "retention: weight 4, no horizon, owner sam · saved"
    );
    let edited = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &edited),
        (
            vec![
                "horizon = \"year\"\n".to_string(),
                "owner = \"maya\"\n".to_string(),
                "weight = 5\n".to_string(),
            ],
            vec!["owner = \"sam\"\n".to_string(), "weight = 4\n".to_string()]
        )
    );
    agrees_with_disk(&f);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), edited);
}

#[test]
fn a_goal_form_marks_a_wrong_answer_and_refuses_a_parent_loop() {
    let mut f = demo();
    select_goal(&mut f.app, "grow-shops");
    press(&mut f.app, "e");
    set_field(&mut f, 6, "finished");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((
            6,
            "\"finished\": active, paused, achieved, missed, dropped".to_string()
        ))
    );
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "edit_goal_form_wrong_status_80x24", &t);
    set_field(&mut f, 6, "active");
    set_field(&mut f, 8, "retention");
    press(&mut f.app, "Enter");
    assert!(form_open(&f.app));
    let problem = f.app.form().unwrap().problem.clone().unwrap();
    assert!(
        problem.contains("\"retention\" sits under \"grow-shops\" already"),
        "{problem}"
    );
    assert_eq!(on_disk(&f.path), DEMO);
    // Esc leaves it as it was.
    press(&mut f.app, "Esc");
    assert_eq!(message(&f.app), "cancelled: nothing changed");
}

#[test]
fn e_on_a_key_result_edits_it_and_keeps_its_checkins() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "e");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "edit_key_result_form_80x24", &t);
    let answers: Vec<String> = (0..6).map(|i| form_text(&f.app, i)).collect();
    assert_eq!(answers, ["Monthly logo churn", "4.2", "2.5", "%", "", ""]);
    // A value that is not a number is marked.
    set_field(&mut f, 2, "two");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((2, "\"two\": a number, e.g. 2.5".to_string()))
    );
    set_field(&mut f, 2, "2 %");
    set_field(&mut f, 4, "sam");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(
        message(&f.app),
        "retention/kr1: target 2, owner sam · saved"
    );
    let edited = on_disk(&f.path);
    assert_eq!(
        changed_lines(DEMO, &edited),
        (
            vec!["  target = 2.5                  # lower-is-better\n".to_string()],
            vec![
                "  owner = \"sam\"\n".to_string(),
                "  target = 2                  # lower-is-better\n".to_string(),
            ]
        )
    );
    agrees_with_disk(&f);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), DEMO);
    // Nothing changed: nothing written.
    press(&mut f.app, "e Enter");
    assert_eq!(
        message(&f.app),
        "retention/kr1: nothing changed, nothing saved"
    );
}

/// The filter finds tasks by the titles of the key results they link to (teams write
/// `kr1`, and think "churn"); a key result retitled on the board is found by its new title
/// at once.
#[test]
fn a_retitled_key_result_finds_its_tasks_by_the_new_title() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "e");
    set_field(&mut f, 0, "Shops lost each month");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    press(&mut f.app, "/");
    type_text(&mut f.app, "shops lost");
    press(&mut f.app, "Enter");
    let mut shown = first_ids(&f.app, 99);
    shown.sort();
    assert_eq!(shown, ["T-103", "T-104"]);
}
