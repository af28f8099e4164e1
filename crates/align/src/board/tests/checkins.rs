//! `c` checks in on the selected key result: the value, a confidence and a note typed
//! into the form, the check-in appended to the file and the key result's current value
//! moved — and only a key result can be checked in on.

use super::{
    DEMO, agrees_with_disk, changed_lines, demo, draw, form_error, form_open, message, on_disk,
    open_text, press, screen, select_goal, task, today, type_text,
};

#[test]
fn c_records_a_checkin_appends_it_and_moves_current() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    let t103 = task(&f.app, "T-103"); // linked to retention/kr1
    let before = f.app.board().tasks[t103].clone();
    let g = f.app.ws().goal_by_id("retention").unwrap();
    let flags_before = f.app.board().goals[g].clone();

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
    assert_eq!(message(&f.app), "checked in retention/kr1 at 3.4 · saved");

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
    assert!(f.app.board().goals[g].progress > flags_before.progress);
    assert_eq!(f.app.board().goals[g].last_checkin, Some(today()));
    assert_ne!(
        f.app.board().tasks[t103],
        before,
        "T-103's bill shows the new pace"
    );
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(f.app.ws()),
        "retention/kr1"
    );
    agrees_with_disk(&f);

    // The goal's detail shows the new value.
    let t = draw(&mut f.app, 160, 45);
    assert!(screen(&t).contains("now 3.4"), "{}", screen(&t));

    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        "undo: checked in retention/kr1 at 3.4 · saved"
    );
    assert_eq!(on_disk(&f.path), DEMO);
    assert_eq!(f.app.board().tasks[t103], before);
    assert_eq!(f.app.board().goals[g], flags_before);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), checked);
    agrees_with_disk(&f);
}

#[test]
fn a_checkin_with_the_value_only_writes_the_value_only() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr2");
    press(&mut f.app, "c");
    type_text(&mut f.app, "40");
    press(&mut f.app, "Enter");
    let (removed, added) = changed_lines(DEMO, &on_disk(&f.path));
    assert_eq!(removed, ["  current = 38\n"]);
    assert_eq!(
        added,
        [
            "    { date = 2026-11-25, value = 40 },\n",
            "  current = 40\n",
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
        "goal g has no key results to check in on: K adds one"
    );
    let mut f = open_text("version = 1\n");
    press(&mut f.app, "c");
    assert!(message(&f.app).starts_with("no goals yet"));
    press(&mut f.app, "x e d");
    assert_eq!(message(&f.app), "no task selected: add one with a");
    assert!(!form_open(&f.app));
}
