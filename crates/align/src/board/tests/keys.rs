//! The board's keys as a user presses them: focus and movement, the filter typed live,
//! the sort, the class filter and the lens, the tabs, the help overlay, quitting — each
//! through the one keymap into [`App::update`](crate::board::App::update).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEventKind, KeyEventState};

use super::{
    DEMO, demo, demo_all, draw, first_ids, key, message, on_disk, press, screen, select_task,
    selected_id, send, task, type_text,
};
use crate::board::action::Tab;
use crate::board::app::Focus;

#[test]
fn tab_and_shift_tab_move_focus_between_the_panes() {
    let mut f = demo();
    assert_eq!(f.app.focus, Focus::Tasks);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.focus, Focus::Goals);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.focus, Focus::Tasks);
    press(&mut f.app, "S-Tab");
    assert_eq!(f.app.focus, Focus::Goals);
    press(&mut f.app, "S-Tab");
    assert_eq!(f.app.focus, Focus::Tasks);
}

#[test]
fn movement_keys_move_the_focused_selection_and_stop_at_the_ends() {
    let mut f = demo_all();
    draw(&mut f.app, 80, 24);
    let n = f.app.task_order.len();
    assert_eq!(n, 31);
    assert_eq!(f.app.tasks.selected, 0);
    press(&mut f.app, "k Up");
    assert_eq!(f.app.tasks.selected, 0, "k at the top stays at the top");
    press(&mut f.app, "j j Down");
    assert_eq!(f.app.tasks.selected, 3);
    press(&mut f.app, "k");
    assert_eq!(f.app.tasks.selected, 2);
    press(&mut f.app, "G");
    assert_eq!(f.app.tasks.selected, n - 1);
    press(&mut f.app, "j Down PgDn");
    assert_eq!(
        f.app.tasks.selected,
        n - 1,
        "nothing moves past the last row"
    );
    press(&mut f.app, "g");
    assert_eq!(f.app.tasks.selected, 0);
    press(&mut f.app, "End");
    assert_eq!(f.app.tasks.selected, n - 1);
    press(&mut f.app, "Home");
    assert_eq!(f.app.tasks.selected, 0);

    // A page is the rows the tasks pane shows at 80×24 (11 under its header).
    press(&mut f.app, "PgDn");
    let page = f.app.tasks.selected;
    assert!(page >= 5, "a page moves several rows, not {page}");
    press(&mut f.app, "PgDn");
    assert_eq!(f.app.tasks.selected, 2 * page);
    press(&mut f.app, "PgUp");
    assert_eq!(f.app.tasks.selected, page);
    press(&mut f.app, "PgUp PgUp");
    assert_eq!(f.app.tasks.selected, 0, "PgUp stops at the top");

    // The goals pane keeps its own selection; keys move only the focused pane.
    press(&mut f.app, "Tab j j");
    assert_eq!(f.app.goals.selected, 2);
    assert_eq!(f.app.tasks.selected, 0);
    press(&mut f.app, "G");
    assert_eq!(f.app.goals.selected, f.app.goal_rows.len() - 1);
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(f.app.ws()),
        "reliability/uptime"
    );
    press(&mut f.app, "j PgDn");
    assert_eq!(f.app.goals.selected, f.app.goal_rows.len() - 1);
    press(&mut f.app, "PgUp PgUp k");
    assert_eq!(f.app.goals.selected, 0);
}

#[test]
fn typing_a_filter_narrows_the_tasks_live_and_ignores_case() {
    let mut f = demo_all();
    press(&mut f.app, "/");
    assert!(f.app.editing_filter());
    type_text(&mut f.app, "CHURN");
    assert_eq!(f.app.filter, "CHURN");
    let mut shown = first_ids(&f.app, 99);
    shown.sort();
    // "churn" in the title, or linked to "Monthly logo churn" (retention/kr1) or to
    // "Cut churn among small shops" (retention).
    assert_eq!(shown, ["T-103", "T-104", "T-105", "T-118", "T-123"]);
    // Typed letters are text, not keys: nothing quit, no sort changed.
    assert!(!f.app.quit);

    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    assert!(text.contains("Tasks (5 of 31)"), "{text}");
    assert!(text.contains("filter /CHURN"), "{text}");

    // Backspace widens the match again, one letter at a time.
    let mut counts = vec![f.app.task_order.len()];
    for _ in 0..4 {
        press(&mut f.app, "Backspace");
        counts.push(f.app.task_order.len());
    }
    assert_eq!(f.app.filter, "C");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(counts[4] > counts[0], "{counts:?}");

    // Esc clears the filter and leaves typing mode.
    press(&mut f.app, "Esc");
    assert!(!f.app.editing_filter());
    assert_eq!(f.app.filter, "");
    assert_eq!(f.app.task_order.len(), 31);
}

#[test]
fn enter_keeps_the_filter_and_makes_letters_keys_again() {
    let mut f = demo();
    press(&mut f.app, "/");
    type_text(&mut f.app, "onboarding");
    press(&mut f.app, "Enter");
    assert!(!f.app.editing_filter());
    assert_eq!(f.app.filter, "onboarding");
    let n = f.app.task_order.len();
    assert!(n > 0 && n < 31, "{n}");
    for &i in &f.app.task_order {
        assert!(f.app.ws().tasks[i].tags.iter().any(|t| t == "onboarding"));
    }
    // j now moves instead of typing, and q quits.
    press(&mut f.app, "j");
    assert_eq!(f.app.filter, "onboarding");
    assert_eq!(f.app.tasks.selected, 1);
    press(&mut f.app, "q");
    assert!(f.app.quit);
}

#[test]
fn s_cycles_the_sort_and_the_rows_really_reorder() {
    let mut f = demo_all();
    assert_eq!(first_ids(&f.app, 3), ["T-103", "T-104", "T-101"]);
    let scores: Vec<u8> = f
        .app
        .task_order
        .iter()
        .map(|&i| f.app.board().tasks[i].points)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by due");
    // Earliest due date first (ties in file order), undated tasks last.
    assert_eq!(first_ids(&f.app, 3), ["T-105", "T-109", "T-125"]);
    let last = *f.app.task_order.last().unwrap();
    assert_eq!(f.app.ws().tasks[last].due, None);

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by status");
    let statuses: Vec<&str> = f
        .app
        .task_order
        .iter()
        .map(|&i| f.app.ws().tasks[i].status.as_str())
        .collect();
    assert_eq!(statuses[0], "doing");
    assert_eq!(*statuses.last().unwrap(), "dropped");

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by id");
    assert_eq!(first_ids(&f.app, 3), ["T-101", "T-102", "T-103"]);
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("Tasks (31) · by id"));

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by score");
    assert_eq!(first_ids(&f.app, 3), ["T-103", "T-104", "T-101"]);
}

#[test]
fn sorting_keeps_the_selected_task_selected() {
    let mut f = demo_all();
    select_task(&mut f.app, "T-118");
    press(&mut f.app, "s s s");
    assert_eq!(selected_id(&f.app), "T-118");
    assert_eq!(f.app.tasks.selected, 17);
}

#[test]
fn f_cycles_the_class_filter_and_only_that_class_shows() {
    let mut f = demo_all();
    for (class, count) in [
        ("aligned", 12),
        ("partial", 6),
        ("operational", 4),
        ("busy-work", 9),
    ] {
        press(&mut f.app, "f");
        assert_eq!(message(&f.app), format!("showing {class}"));
        assert_eq!(f.app.task_order.len(), count, "{class}");
        for &i in &f.app.task_order {
            assert_eq!(f.app.board().tasks[i].class.as_str(), class);
        }
        let t = draw(&mut f.app, 100, 30);
        let text = screen(&t);
        assert!(text.contains(&format!("{class} only")), "{text}");
    }
    press(&mut f.app, "f");
    assert_eq!(message(&f.app), "showing all classes");
    assert_eq!(f.app.task_order.len(), 31);
}

#[test]
fn m_switches_the_lens_and_an_urgent_task_scores_differently() {
    let mut f = demo();
    let urgent = task(&f.app, "T-126"); // urgent, due tomorrow, linked to nothing
    assert!(f.app.ws().tasks[urgent].urgent);
    assert_eq!(f.app.lens().as_str(), "strategy");
    let before = f.app.board().tasks[urgent].points;
    press(&mut f.app, "m");
    assert_eq!(f.app.lens().as_str(), "crunch");
    assert!(
        message(&f.app).starts_with("lens: crunch"),
        "{}",
        message(&f.app)
    );
    let after = f.app.board().tasks[urgent].points;
    assert!(
        after > before,
        "crunch counts urgency for more: {before} → {after}"
    );
    let t = draw(&mut f.app, 100, 30);
    assert!(screen(&t).contains("crunch lens"));
    // The file is not touched by a lens switch, and m again goes back.
    assert_eq!(on_disk(&f.path), DEMO);
    press(&mut f.app, "m");
    assert_eq!(f.app.lens().as_str(), "strategy");
    // Back at the file's lens: said so, not "for this session; the file says strategy".
    assert_eq!(message(&f.app), "lens: strategy, as the file says");
    assert_eq!(f.app.board().tasks[urgent].points, before);
}

#[test]
fn number_keys_switch_tabs() {
    let mut f = demo();
    assert_eq!(f.app.tab, Tab::Board);
    press(&mut f.app, "2");
    assert_eq!(f.app.tab, Tab::Compare);
    let t = draw(&mut f.app, 100, 40);
    assert!(screen(&t).contains("Strategy vs. task completion"));
    press(&mut f.app, "1");
    assert_eq!(f.app.tab, Tab::Board);
    let t = draw(&mut f.app, 100, 40);
    assert!(screen(&t).contains("Why this score"));
}

#[test]
fn question_mark_opens_help_and_any_key_closes_it() {
    let mut f = demo();
    for closer in ["q", "j", "Esc", "?", "l", "Enter"] {
        press(&mut f.app, "?");
        assert!(f.app.help_open());
        let t = draw(&mut f.app, 80, 24);
        assert!(screen(&t).contains(" Keys "));
        press(&mut f.app, closer);
        assert!(!f.app.help_open(), "{closer} closes the overlay");
        // ...and does nothing else.
        assert!(!f.app.quit, "{closer} quit the board");
        assert_eq!(f.app.tasks.selected, 0);
    }
    assert_eq!(
        on_disk(&f.path),
        DEMO,
        "a key that closed help linked a task"
    );
    press(&mut f.app, "F1");
    assert!(f.app.help_open());
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut f = demo();
    press(&mut f.app, "q");
    assert!(f.app.quit);

    let mut f = demo();
    press(&mut f.app, "C-c");
    assert!(f.app.quit);

    // Ctrl-c quits even while typing a filter or reading help.
    let mut f = demo();
    press(&mut f.app, "/ C-c");
    assert!(f.app.quit);
    let mut f = demo();
    press(&mut f.app, "? C-c");
    assert!(f.app.quit);
}

#[test]
fn the_run_loop_draws_and_stops_on_q() {
    let mut f = demo();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut events = ["j", "j", "q", "j"].into_iter().map(|k| Event::Key(key(k)));
    crate::board::run(&mut terminal, &mut f.app, || {
        Ok(events.next().map(Into::into))
    })
    .unwrap();
    assert!(f.app.quit);
    assert_eq!(f.app.size, (100, 30));
    assert_eq!(f.app.tasks.selected, 2, "the j after q was never read");
    assert!(screen(&terminal).contains("Why this score"));
}

#[test]
fn key_releases_do_nothing() {
    let mut f = demo();
    for name in ["q", "j", "l", "Tab", "?", "/", "s", "C-c"] {
        let mut k = key(name);
        k.kind = KeyEventKind::Release;
        k.state = KeyEventState::NONE;
        send(&mut f.app, Event::Key(k));
    }
    assert!(!f.app.quit);
    assert!(!f.app.help_open());
    assert!(!f.app.editing_filter());
    assert_eq!(f.app.focus, Focus::Tasks);
    assert_eq!(f.app.tasks.selected, 0);
    assert_eq!(f.app.sort.label(), "score");
    assert_eq!(f.app.message, None);
    assert_eq!(on_disk(&f.path), DEMO);
}
