//! After an edit the tasks pane lists its rows again: under the sort (the edited task
//! stays selected), the class filter (a task that leaves it is hidden, the next row
//! selected) and the text filter (a rename that leaves it says so).

use super::{
    agrees_with_disk, demo, demo_all, draw, message, press, screen, select_goal, select_task,
    selected_id, set_field, task, type_text,
};
use crate::board::app::App;

fn sorted_by_score(app: &App) -> bool {
    app.task_order
        .windows(2)
        .all(|w| app.board().tasks[w[0]].points >= app.board().tasks[w[1]].points)
}

#[test]
fn an_edit_sorts_the_tasks_again_and_the_edited_task_stays_selected() {
    let mut f = demo_all();
    select_task(&mut f.app, "T-123"); // busy-work, near the bottom
    let before = f.app.tasks.selected;
    select_goal(&mut f.app, "retention/kr1");
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
    assert_eq!(
        f.app.ws().tasks[t].status,
        align_core::model::TaskStatus::Done
    );
    let rank = |i: align_core::model::TaskIx| match f.app.ws().tasks[i].status {
        align_core::model::TaskStatus::Doing => 0,
        align_core::model::TaskStatus::Todo => 1,
        align_core::model::TaskStatus::Done => 2,
        align_core::model::TaskStatus::Dropped => 3,
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
    assert_eq!(f.app.class_filter, Some(align_core::Class::BusyWork));
    let shown = f.app.task_order.len();
    select_task(&mut f.app, "T-123");
    let pos = f.app.tasks.selected;
    let next = f.app.task_order.get(pos + 1).copied();
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "l");
    let t = task(&f.app, "T-123");
    assert_eq!(f.app.board().tasks[t].class, align_core::Class::Aligned);
    assert!(
        !f.app.task_order.contains(&t),
        "no longer busy-work: hidden"
    );
    assert_eq!(f.app.task_order.len(), shown - 1);
    assert!(
        f.app
            .task_order
            .iter()
            .all(|&i| f.app.board().tasks[i].class == align_core::Class::BusyWork)
    );
    assert_eq!(
        message(&f.app),
        "linked T-123 → retention/kr1 · saved · now aligned, hidden by the busy-work filter (f shows all)"
    );
    // The row that took its place is selected (the one below it, or the last row).
    let expected = next.or_else(|| f.app.task_order.last().copied());
    assert_eq!(f.app.selected_task(), expected);
    let text = screen(&draw(&mut f.app, 120, 40));
    assert!(
        text.contains(&format!("Tasks ({} open of 31)", shown - 1)),
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

/// Rename the selected task in its form (`e`): its prefilled title erased, `title` typed.
fn rename_selected(app: &mut App, title: &str) {
    press(app, "e");
    for _ in 0..60 {
        press(app, "Backspace");
    }
    type_text(app, title);
    press(app, "Enter");
}

#[test]
fn a_rename_that_leaves_the_text_filter_says_so() {
    let mut f = demo();
    press(&mut f.app, "/");
    type_text(&mut f.app, "confetti");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-124");
    rename_selected(&mut f.app, "Party popper");
    assert!(f.app.task_order.is_empty(), "nothing matches /confetti now");
    assert!(
        message(&f.app).ends_with(" · no longer matches the filter /confetti (Esc clears it)"),
        "{}",
        message(&f.app)
    );
    press(&mut f.app, "u");
    assert_eq!(selected_id(&f.app), "T-124");
}

#[test]
fn the_search_text_is_made_for_the_first_filter_with_words_and_follows_edits() {
    let mut f = demo();
    assert!(
        f.app.haystack.made().is_none(),
        "not made for the first frame"
    );
    press(&mut f.app, "/");
    assert!(
        f.app.haystack.made().is_none(),
        "an empty filter does not read it"
    );
    type_text(&mut f.app, "confetti");
    press(&mut f.app, "Enter");
    assert!(f.app.haystack.made().is_some());
    assert_eq!(selected_id(&f.app), "T-124");
    // A rename changes the task's text in place (checked against a fresh load).
    rename_selected(&mut f.app, "Party popper");
    agrees_with_disk(&f);
    // A key result's new title is in its tasks' texts: they are made again when the
    // filter next reads them.
    press(&mut f.app, "/");
    for _ in 0.."confetti".len() {
        press(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "popper");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-124");
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "e");
    set_field(&mut f, 0, "Shops lost each month");
    press(&mut f.app, "Enter");
    press(&mut f.app, "/");
    for _ in 0.."popper".len() {
        press(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, "shops lost");
    press(&mut f.app, "Enter");
    let mut shown: Vec<_> = f
        .app
        .task_order
        .iter()
        .map(|&i| f.app.ws().tasks[i].id.clone())
        .collect();
    shown.sort();
    assert_eq!(shown, ["T-103", "T-104"]);
    agrees_with_disk(&f);
}

/// A tick of the loop (no key for a quarter of a second) makes the search text before
/// the first filter asks for it, and again after a goal's edit dropped it: the same
/// text a fresh load makes.
#[test]
fn a_tick_makes_the_search_text_ahead() {
    let mut f = demo();
    assert!(f.app.haystack.made().is_none());
    f.app.update(crate::board::Action::Tick);
    let made = f.app.haystack.made().expect("made on the tick").to_vec();
    assert_eq!(made, crate::board::views::haystack(f.app.ws()));
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "e");
    set_field(&mut f, 0, "Shops lost each month");
    press(&mut f.app, "Enter");
    assert!(
        f.app.haystack.made().is_none(),
        "a goal's title is in its tasks' texts"
    );
    f.app.update(crate::board::Action::Tick);
    assert!(
        f.app
            .haystack
            .made()
            .expect("made again")
            .iter()
            .any(|t| t.contains("shops lost each month"))
    );
    agrees_with_disk(&f);
}

#[test]
fn a_filter_leaves_no_stale_undo_or_redo_in_the_status_bar() {
    let mut f = demo();
    press(&mut f.app, "x u C-r");
    assert!(message(&f.app).starts_with("redo: "), "{}", message(&f.app));
    press(&mut f.app, "/");
    type_text(&mut f.app, "dunning");
    press(&mut f.app, "Enter");
    assert_eq!(
        message(&f.app),
        "",
        "the redo is old news once the list changed"
    );
    press(&mut f.app, "u");
    assert!(message(&f.app).starts_with("undo: "), "{}", message(&f.app));
    press(&mut f.app, "Esc");
    assert_eq!(message(&f.app), "");
}
