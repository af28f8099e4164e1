//! Dependencies on the board: `w` on a task picks it, `w` on a second task makes the
//! first wait on it (and again, no longer), saved at once and undoable; a task waiting on
//! open work is marked `blocked` in its row, and the score pane says what the selected
//! task waits on and what it unblocks. On a small workspace where the top task waits on
//! a migration nobody linked.

use super::{draw, line_diff, message, on_disk, open_text, press, rows, screen, select_task};

const TEAM: &str = r#"version = 1

[workspace]
name = "Payments"
mission = "Get paid for every label"

[[goals]]
id = "billing"
title = "Collect every payment"
weight = 5

[[goals.key_results]]
id = "failed"
title = "Failed payments recovered"
start = 0
target = 80
current = 10

[[tasks]]
id = "T-1"
title = "Dunning emails for failed card payments"
status = "todo"
goals = ["billing/failed"]
depends = ["T-2"]

[[tasks]]
id = "T-2"
title = "Migrate the billing tables"   # nobody linked it
status = "todo"

[[tasks]]
id = "T-3"
title = "Redesign the settings icons"
status = "todo"
"#;

fn row_of(term: &ratatui::Terminal<ratatui::backend::TestBackend>, id: &str) -> String {
    rows(term)
        .into_iter()
        .find(|r| r.contains(&format!(" {id} ")))
        .unwrap_or_else(|| panic!("{id} not on screen"))
}

#[test]
fn blocked_tasks_are_marked_and_the_score_pane_says_what_waits_on_what() {
    let mut f = open_text(TEAM);
    let t2 = f.app.ws().task_by_id("T-2").unwrap();
    assert_eq!(f.app.board().tasks[t2].class.as_str(), "partial");

    select_task(&mut f.app, "T-1");
    let term = draw(&mut f.app, 120, 30);
    let text = screen(&term);
    assert!(row_of(&term, "T-1").contains("blocked Dunning"), "{text}");
    assert!(!row_of(&term, "T-2").contains("blocked"), "{text}");
    assert!(
        text.contains("waits on T-2 Migrate the billing tables"),
        "{text}"
    );

    select_task(&mut f.app, "T-2");
    let text = screen(&draw(&mut f.app, 120, 30));
    assert!(
        text.contains("unblocks T-1 Dunning emails for failed card payments"),
        "{text}"
    );
    assert!(
        text.contains("unblocks"),
        "the factor is in the bill: {text}"
    );

    // Done, the migration no longer blocks: T-1 is not marked, T-2 says it is done.
    press(&mut f.app, "x x");
    assert_eq!(f.app.ws().tasks[t2].status.to_string(), "done");
    select_task(&mut f.app, "T-1");
    let term = draw(&mut f.app, 120, 30);
    assert!(!row_of(&term, "T-1").contains("blocked"));
    assert!(
        screen(&term).contains("waits on T-2 Migrate the billing tables (done)"),
        "{}",
        screen(&term)
    );
}

#[test]
fn w_twice_makes_a_task_wait_on_another_saved_at_once_and_undone_exactly() {
    let mut f = open_text(TEAM);
    select_task(&mut f.app, "T-1");
    press(&mut f.app, "w");
    assert_eq!(
        message(&f.app),
        "T-1 waits on…: select that task and press w (Esc: neither)"
    );
    // The picked task is marked while the other is chosen.
    let term = draw(&mut f.app, 120, 30);
    assert!(row_of(&term, "T-1").contains("▸ T-1"), "{}", screen(&term));

    select_task(&mut f.app, "T-3");
    press(&mut f.app, "w");
    assert_eq!(message(&f.app), "T-1 waits on T-3 · saved");
    let disk = on_disk(&f.path);
    let (removed, added) = line_diff(TEAM, &disk);
    assert_eq!(removed, ["depends = [\"T-2\"]\n"]);
    assert_eq!(added, ["depends = [\"T-2\", \"T-3\"]\n"]);
    let t3 = f.app.ws().task_by_id("T-3").unwrap();
    assert_eq!(
        f.app.board().tasks[t3].class.as_str(),
        "partial",
        "enabling work now, not busy-work"
    );
    let term = draw(&mut f.app, 120, 30);
    assert!(!row_of(&term, "T-1").contains("▸"), "the pick is let go");

    // The same two again: no longer.
    select_task(&mut f.app, "T-1");
    press(&mut f.app, "w");
    select_task(&mut f.app, "T-3");
    press(&mut f.app, "w");
    assert_eq!(message(&f.app), "T-1 no longer waits on T-3 · saved");
    assert_eq!(on_disk(&f.path), TEAM);
    assert_eq!(f.app.board().tasks[t3].class.as_str(), "busy-work");

    // Undo and redo, each saved.
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), disk);
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), TEAM);
}

#[test]
fn esc_lets_go_itself_is_refused_and_a_cycle_is_refused() {
    let mut f = open_text(TEAM);
    select_task(&mut f.app, "T-3");
    press(&mut f.app, "w Esc");
    assert_eq!(message(&f.app), "let go of T-3: no dependency made");
    assert!(f.app.depends_from.is_none());
    // After letting go, w picks again rather than making a dependency.
    select_task(&mut f.app, "T-1");
    press(&mut f.app, "w");
    assert!(message(&f.app).starts_with("T-1 waits on…"));
    press(&mut f.app, "w");
    assert_eq!(
        message(&f.app),
        "let go of T-1: a task cannot wait on itself"
    );
    assert_eq!(on_disk(&f.path), TEAM);

    // T-1 waits on T-2: T-2 waiting on T-1 would be a cycle.
    select_task(&mut f.app, "T-2");
    press(&mut f.app, "w");
    select_task(&mut f.app, "T-1");
    press(&mut f.app, "w");
    let m = message(&f.app);
    assert!(m.contains("would be a cycle"), "{m}");
    assert_eq!(on_disk(&f.path), TEAM);
}

#[test]
fn dependencies_are_made_on_the_board_tab_only() {
    let mut f = open_text(TEAM);
    press(&mut f.app, "2 w");
    assert_eq!(
        message(&f.app),
        "dependencies are made on the Board tab: press 1"
    );
    assert!(f.app.depends_from.is_none());
}

#[test]
fn on_a_short_score_pane_what_the_task_waits_on_comes_before_its_title() {
    // The demo's top task has seven factors: at 110×34 its pane has room for one line
    // more, and it goes to the migration it waits on.
    let mut f = super::demo();
    select_task(&mut f.app, "T-103");
    let text = screen(&draw(&mut f.app, 110, 34));
    assert!(
        text.contains("waits on T-127 Migrate failed-payment records"),
        "{text}"
    );
    assert!(text.contains("│ +45 link"), "the bill comes first: {text}");
}
