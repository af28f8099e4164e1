//! The Insights tab as a user meets it: `3` (or a click on its title) shows it, the arrows
//! and `hjkl` pick a quadrant, Tab walks into the lists, Enter shows the pick on the Board;
//! the figures follow every change and are computed only while the tab is shown. On the
//! demo, copied to a temporary directory and read as of 2026-11-25.

use align_core::insights::Quadrant;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::style::Color;

use super::{
    assert_screen, demo, draw, message, mouse, on_disk, open_text, press, rows, screen,
    select_goal, select_task, selected_id, send,
};
use crate::board::action::Tab;
use crate::board::app::Focus;
use crate::board::insights::InsightFocus;
use crate::board::keymap::Mode;

fn arrow(app: &mut crate::board::App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Ids of the tasks the picked quadrant lists.
fn listed(app: &crate::board::App) -> Vec<String> {
    let ins = app.cached_insights().expect("insights computed");
    ins.quadrant(app.insight.quadrant)
        .tasks
        .iter()
        .map(|&i| app.ws().tasks[i].id.clone())
        .collect()
}

/// The row and column where `word` starts on screen.
fn find(t: &Terminal<TestBackend>, word: &str) -> Option<(u16, u16)> {
    let buffer = t.backend().buffer();
    let chars: Vec<String> = word.chars().map(String::from).collect();
    let (w, h) = (buffer.area.width, buffer.area.height);
    for y in 0..h {
        for x in 0..w {
            let hit = chars.iter().enumerate().all(|(k, c)| {
                let cx = x + k as u16;
                cx < w && buffer[(cx, y)].symbol() == c
            });
            if hit {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn three_shows_the_insights_tab_and_one_goes_back() {
    let mut f = demo();
    press(&mut f.app, "3");
    assert_eq!(f.app.tab, Tab::Insights);
    assert_eq!(f.app.mode(), Mode::Insights);
    let t = draw(&mut f.app, 100, 40);
    let text = screen(&t);
    for part in [
        "3 Insights",
        "Do now",
        "Schedule",
        "Busy-work trap",
        "Drop or question",
        "Key results · staffing",
        "by owner",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    press(&mut f.app, "1");
    assert_eq!(f.app.tab, Tab::Board);
    assert_eq!(f.app.mode(), Mode::Normal);
}

#[test]
fn a_click_on_the_tab_title_opens_insights() {
    let mut f = demo();
    let t = draw(&mut f.app, 100, 30);
    let (x, y) = find(&t, "3 Insights").expect("the tab title is drawn");
    assert_eq!(y, 0);
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x + 2,
        0,
    );
    assert_eq!(f.app.tab, Tab::Insights);
}

#[test]
fn arrows_and_hjkl_pick_the_quadrant_and_its_tasks_follow() {
    let mut f = demo();
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    // The tab opens on the trap: the reason it exists.
    assert_eq!(f.app.insight.quadrant, Quadrant::BusyWorkTrap);
    assert_eq!(listed(&f.app), ["T-126", "T-129", "T-125", "T-123"]);
    press(&mut f.app, "k");
    assert_eq!(f.app.insight.quadrant, Quadrant::DoNow);
    assert_eq!(listed(&f.app), ["T-103", "T-102", "T-119", "T-120"]);
    press(&mut f.app, "l");
    assert_eq!(f.app.insight.quadrant, Quadrant::Schedule);
    press(&mut f.app, "j");
    assert_eq!(f.app.insight.quadrant, Quadrant::DropOrQuestion);
    press(&mut f.app, "h");
    assert_eq!(f.app.insight.quadrant, Quadrant::BusyWorkTrap);
    // At the edges the grid stops.
    press(&mut f.app, "h j");
    assert_eq!(f.app.insight.quadrant, Quadrant::BusyWorkTrap);
    arrow(&mut f.app, KeyCode::Up);
    assert_eq!(f.app.insight.quadrant, Quadrant::DoNow);
    arrow(&mut f.app, KeyCode::Right);
    assert_eq!(f.app.insight.quadrant, Quadrant::Schedule);
    arrow(&mut f.app, KeyCode::Down);
    assert_eq!(f.app.insight.quadrant, Quadrant::DropOrQuestion);
    arrow(&mut f.app, KeyCode::Left);
    assert_eq!(f.app.insight.quadrant, Quadrant::BusyWorkTrap);
    // `l` picked a quadrant; it never linked anything.
    assert_eq!(on_disk(&f.path), super::DEMO);
    // The board's own selection did not move either.
    let t = draw(&mut f.app, 100, 40);
    assert!(
        screen(&t).contains("Busy-work trap · 4 tasks"),
        "{}",
        screen(&t)
    );
}

#[test]
fn tab_walks_into_the_lists_where_j_and_k_move_and_h_comes_back() {
    let mut f = demo();
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.insight.focus, InsightFocus::Tasks);
    press(&mut f.app, "j j");
    assert_eq!(f.app.insight.tasks.selected, 2);
    press(&mut f.app, "j j j");
    assert_eq!(f.app.insight.tasks.selected, 3, "stops at the last task");
    press(&mut f.app, "g");
    assert_eq!(f.app.insight.tasks.selected, 0);
    press(&mut f.app, "G");
    assert_eq!(f.app.insight.tasks.selected, 3);
    // j/k in the list leave the quadrant alone.
    assert_eq!(f.app.insight.quadrant, Quadrant::BusyWorkTrap);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.insight.focus, InsightFocus::KeyResults);
    press(&mut f.app, "j");
    assert_eq!(f.app.insight.key_results.selected, 1);
    press(&mut f.app, "h");
    assert_eq!(f.app.insight.focus, InsightFocus::Quadrants);
    press(&mut f.app, "S-Tab");
    assert_eq!(f.app.insight.focus, InsightFocus::KeyResults);
    // Another quadrant starts its list at the top.
    press(&mut f.app, "Tab k Tab");
    assert_eq!(f.app.insight.quadrant, Quadrant::DoNow);
    assert_eq!(f.app.insight.focus, InsightFocus::Tasks);
    assert_eq!(f.app.insight.tasks.selected, 0);
    // Enter on the grid goes into the list too.
    press(&mut f.app, "h Enter");
    assert_eq!(f.app.insight.focus, InsightFocus::Tasks);
    // The Board keeps its own focus.
    assert_eq!(f.app.focus, Focus::Tasks);
}

#[test]
fn enter_on_a_task_shows_it_on_the_board_even_when_a_filter_hid_it() {
    let mut f = demo();
    // A filter on the board that hides the trap's tasks.
    press(&mut f.app, "/");
    super::type_text(&mut f.app, "wizard");
    press(&mut f.app, "Enter");
    assert_eq!(f.app.task_order.len(), 1);
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    press(&mut f.app, "Tab j Enter");
    assert_eq!(f.app.tab, Tab::Board);
    assert_eq!(f.app.focus, Focus::Tasks);
    assert_eq!(selected_id(&f.app), "T-129");
    assert!(f.app.filter.is_empty());
    assert!(message(&f.app).contains("T-129"), "{}", message(&f.app));
    // And back: the Insights tab kept its place.
    press(&mut f.app, "3");
    assert_eq!(f.app.insight.focus, InsightFocus::Tasks);
    assert_eq!(f.app.insight.tasks.selected, 1);
}

#[test]
fn enter_on_a_key_result_selects_it_in_the_goals_pane() {
    let mut f = demo();
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    press(&mut f.app, "Tab Tab");
    let first = f.app.cached_insights().unwrap().key_results[0]
        .target
        .clone();
    assert_eq!(
        first, "help-centre/articles",
        "off track and unstaffed comes first"
    );
    press(&mut f.app, "Enter");
    assert_eq!(f.app.tab, Tab::Board);
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(f.app.ws()),
        "help-centre/articles"
    );
}

#[test]
fn insights_are_computed_only_on_the_tab_and_follow_each_change() {
    let mut f = demo();
    draw(&mut f.app, 100, 40);
    press(&mut f.app, "2");
    draw(&mut f.app, 100, 40);
    assert!(
        f.app.cached_insights().is_none(),
        "not computed off the tab"
    );
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert!(f.app.cached_insights().is_some());
    // Link T-126 (urgent, unlinked: the trap) to retention on the Board.
    press(&mut f.app, "1");
    select_task(&mut f.app, "T-126");
    select_goal(&mut f.app, "retention");
    press(&mut f.app, "l");
    assert!(message(&f.app).contains("saved"), "{}", message(&f.app));
    assert!(
        f.app.cached_insights().is_none(),
        "the change dropped the figures"
    );
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert_eq!(listed(&f.app), ["T-129", "T-125", "T-123"]);
    press(&mut f.app, "k");
    assert!(listed(&f.app).contains(&"T-126".to_string()), "now do now");
    // The lens changes the classes, so the figures too: worked out again at once, as
    // the tab is in view (a frame only reads them).
    let before = f.app.cached_insights().cloned();
    press(&mut f.app, "m");
    let fresh = align_core::insights::insights(f.app.ws(), f.app.board());
    assert_eq!(f.app.cached_insights(), Some(&fresh));
    assert_ne!(before.as_ref(), Some(&fresh));
}

#[test]
fn the_mouse_picks_quadrants_and_rows_and_the_wheel_scrolls() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 100, 40);
    let (x, y) = find(&t, "Do now").unwrap();
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x,
        y + 1,
    );
    assert_eq!(f.app.insight.quadrant, Quadrant::DoNow);
    assert_eq!(f.app.insight.focus, InsightFocus::Quadrants);
    let t = draw(&mut f.app, 100, 40);
    // The third task of the list, by its row on screen.
    let (x, y) = find(&t, "T-119").unwrap();
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(f.app.insight.focus, InsightFocus::Tasks);
    assert_eq!(f.app.insight.tasks.selected, 2);
    // The wheel over the key results focuses and scrolls them.
    let (x, y) = find(&t, "Key results").unwrap();
    mouse(&mut f.app, MouseEventKind::ScrollDown, x, y + 3);
    assert_eq!(f.app.insight.focus, InsightFocus::KeyResults);
    assert!(f.app.insight.key_results.selected > 0);
}

#[test]
fn the_busy_work_trap_is_red_and_the_others_keep_their_colours() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 160, 45);
    let buffer = t.backend().buffer();
    // Each cell's title sits after its top-left corner: thick for the picked quadrant
    // (the trap, where the tab opens), thin for the others.
    for (title, color) in [
        ("┏ Busy-work trap", Color::Red),
        ("┌ Do now", Color::Green),
        ("┌ Schedule", Color::Cyan),
        ("┌ Drop or question", Color::Gray),
    ] {
        let (x, y) = find(&t, title).unwrap_or_else(|| panic!("{title} on screen"));
        for k in 0..title.chars().count() as u16 {
            assert_eq!(buffer[(x + k, y)].fg, color, "{title} at {}", x + k);
        }
        // The box around it too: its left side, one row down.
        assert_eq!(buffer[(x, y + 1)].fg, color, "{title}'s border");
    }
    // The trap's figures are red: its count, in the quadrant's colour.
    let (x, y) = find(&t, "┏ Busy-work trap").unwrap();
    assert_eq!(buffer[(x, y + 1)].symbol(), "┃");
    assert_eq!(buffer[(x + 1, y + 1)].symbol(), "4");
    assert_eq!(buffer[(x + 1, y + 1)].fg, Color::Red);
    // The task list shows the trap's tasks with their busy-work tag in red.
    let (x, y) = find(&t, "T-126").unwrap();
    let (cx, cy) = find(&t, "busy-work   ! in 1d").unwrap();
    assert!(cx > x && cy == y);
    assert_eq!(buffer[(cx, y)].fg, Color::Red);
}

#[test]
fn snapshot_insights_80x24() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_insights", "insights_80x24", &t);
}

#[test]
fn snapshot_insights_160x45() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 160, 45);
    assert_screen("tests_insights", "insights_160x45", &t);
}

#[test]
fn at_80x24_every_part_is_in_view() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    for part in [
        "Do now",
        "Busy-work trap",
        "T-126",
        "Setup articl",
        "unstaffed",
        "priya",
        "(nobody)",
    ] {
        if part == "(nobody)" {
            assert!(
                !text.contains(part),
                "everybody owns their work in the demo"
            );
        } else {
            assert!(text.contains(part), "{part}\n{text}");
        }
    }
    // Every key result of an active goal has its row (7), named by its title as the
    // goals tree names it (no room for ids beside titles), and every owner (5).
    for (kr, rows) in [
        ("Setup articl", 1),
        ("Signups prin", 1),
        ("Median setup", 1),
        ("Monthly logo", 1),
        ("Net promoter", 1),
        ("Carriers wit", 1),
        ("Label API up", 1),
    ] {
        assert_eq!(text.matches(kr).count(), rows, "{kr}\n{text}");
    }
    for owner in ["priya", "tom", "maya", "nina", "leo"] {
        assert!(text.contains(owner), "{owner}\n{text}");
    }
}

#[test]
fn the_staffing_table_names_key_results_as_the_titles_setting_says() {
    // At 200 columns there is room for the id and the title on every row.
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 200, 60);
    assert_screen("tests_insights", "insights_200x60", &t);
    let text = screen(&t);
    assert!(
        text.contains("│activation/kr1 Signups printing a first label"),
        "{text}"
    );
    // Where both do not fit, the name the config keeps: ids, as before titles were shown.
    f.app.goal_names = crate::config::GoalNames::Id;
    let text = screen(&draw(&mut f.app, 80, 24));
    for kr in ["articles", "kr1", "kr2", "carriers-live"] {
        assert!(text.contains(kr), "{kr}\n{text}");
    }
    assert!(!text.contains("Monthly logo"), "{text}");
    let text = screen(&draw(&mut f.app, 160, 45));
    assert!(text.contains("│retention/kr1 "), "{text}");
    // Titles kept (the default): the title alone.
    f.app.goal_names = crate::config::GoalNames::Title;
    let text = screen(&draw(&mut f.app, 160, 45));
    assert!(text.contains("│Monthly logo churn "), "{text}");
    assert!(!text.contains("retention/kr1"), "{text}");
}

#[test]
fn every_size_draws_the_insights_tab_without_panicking() {
    let mut f = demo();
    press(&mut f.app, "3 Tab G Tab G");
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=200).step_by(11) {
        for h in (1..=60).step_by(5) {
            sizes.push((w, h));
        }
    }
    for w in 58..=62 {
        for h in 14..=18 {
            sizes.push((w, h));
        }
    }
    for (w, h) in sizes {
        let t = draw(&mut f.app, w, h);
        assert_eq!(rows(&t).len(), usize::from(h));
        press(&mut f.app, "j k");
    }
}

#[test]
fn an_empty_workspace_shows_empty_insights_and_keys_are_harmless() {
    let text = "version = 1\n[workspace]\nname = \"Empty\"\n";
    let mut f = open_text(text);
    press(&mut f.app, "3");
    for keys in [
        "h j k l",
        "Tab j G Enter",
        "3 Tab Tab Enter",
        "3 S-Tab g PgDn",
    ] {
        press(&mut f.app, keys);
        press(&mut f.app, "3");
        for (w, h) in [(80, 24), (160, 45), (60, 16)] {
            let t = draw(&mut f.app, w, h);
            mouse(
                &mut f.app,
                MouseEventKind::Down(MouseButton::Left),
                w / 3,
                h / 3,
            );
            mouse(&mut f.app, MouseEventKind::ScrollDown, w / 3, 2 * h / 3);
            let _ = screen(&t);
        }
    }
    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    assert!(text.contains("no open tasks"), "{text}");
    assert!(text.contains("no active goal has key results"), "{text}");
    assert!(text.contains("no open work"), "{text}");
    assert_eq!(
        on_disk(&f.path),
        "version = 1\n[workspace]\nname = \"Empty\"\n"
    );
}

#[test]
fn the_help_overlay_lists_the_insights_keys_first_on_that_tab() {
    let mut f = demo();
    press(&mut f.app, "3 ?");
    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    for row in [
        "on the Insights tab:",
        "← h            quadrant to the left",
        "→ l            quadrant to the right",
        "Enter          on a quadrant: its tasks; on a row: show it on the Board",
        "on every tab:",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    // Scrolled to the end: the rest of the keys.
    press(&mut f.app, "PgDn PgDn PgDn");
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("q Ctrl-c       quit"), "{}", screen(&t));
    press(&mut f.app, "Esc");
    assert!(!f.app.help_open());
    // Elsewhere the overlay names the tab and leaves its keys out.
    press(&mut f.app, "1 ?");
    let t = draw(&mut f.app, 120, 60);
    let text = screen(&t);
    assert!(
        text.contains("3              Insights tab: urgency × alignment"),
        "{text}"
    );
    assert!(!text.contains("on the Insights tab:"), "{text}");
}

#[test]
fn an_edit_on_the_board_drops_the_figures_and_the_tab_shows_the_new_ones() {
    let mut f = demo();
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert!(listed(&f.app).contains(&"T-126".to_string()));
    // T-126 is being done: `x` finishes it, and finished work is on no quadrant.
    press(&mut f.app, "1");
    select_task(&mut f.app, "T-126");
    press(&mut f.app, "x");
    assert!(message(&f.app).contains("saved"), "{}", message(&f.app));
    assert!(f.app.cached_insights().is_none());
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert_eq!(listed(&f.app), ["T-129", "T-125", "T-123"]);
    // Undo brings it back.
    press(&mut f.app, "1 u 3");
    draw(&mut f.app, 100, 40);
    assert!(listed(&f.app).contains(&"T-126".to_string()));
}

#[test]
fn a_hundred_thousand_tasks_compute_once_and_draw_only_what_fits() {
    use std::fmt::Write as _;
    const N: usize = 100_000;
    let mut text = String::from(
        "version = 1\n\n[workspace]\nname = \"Big\"\n\n\
         [[goals]]\nid = \"g0\"\ntitle = \"Goal zero\"\nweight = 5\n\
         start = 2026-01-01\ndue = 2026-12-31\n\n\
         [[goals.key_results]]\nid = \"k\"\ntitle = \"A number\"\nstart = 0\ntarget = 10\ncurrent = 1\n\n",
    );
    for i in 0..N {
        let _ = write!(text, "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task {i}\"\n");
        if i % 3 == 0 {
            text.push_str("goals = [\"g0/k\"]\n");
        }
        if i % 5 == 0 {
            text.push_str("urgent = true\n");
        }
        let _ = writeln!(text, "owner = \"p{}\"\n", i % 40);
    }
    let mut f = open_text(&text);
    press(&mut f.app, "3");
    draw(&mut f.app, 160, 45);
    let ins = f.app.cached_insights().unwrap();
    assert_eq!(ins.open_tasks, N);
    assert_eq!(ins.owners.len(), 40);
    // Later frames reuse the figures: moving keeps them, so no frame computes them again
    // (a frame computes them only when they are gone, as after an edit).
    for _ in 0..20 {
        press(&mut f.app, "Tab G PgUp");
        assert!(
            f.app.cached_insights().is_some(),
            "moving dropped the figures"
        );
        draw(&mut f.app, 160, 45);
    }
    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    assert!(
        text.contains(" more"),
        "owners that do not fit are counted\n{text}"
    );
}

/// After each edit on the Board, `3` shows the figures kept by following the edit: the
/// same as worked out afresh, and moved by it (a task linked leaves the trap; undone,
/// it comes back).
#[test]
fn the_tab_after_each_edit_shows_the_figures_a_fresh_computation_gives() {
    let mut f = demo();
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    let fresh = |app: &crate::board::App| align_core::insights::insights(app.ws(), app.board());
    let trap = |app: &crate::board::App| {
        app.cached_insights()
            .unwrap()
            .quadrant(Quadrant::BusyWorkTrap)
            .tasks
            .len()
    };
    let mut before = trap(&f.app);
    press(&mut f.app, "1");
    select_task(&mut f.app, "T-126");
    select_goal(&mut f.app, "retention");
    press(&mut f.app, "l");
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert_eq!(f.app.cached_insights(), Some(&fresh(&f.app)));
    assert_eq!(trap(&f.app), before - 1, "T-126 linked: out of the trap");
    before = trap(&f.app);
    press(&mut f.app, "1");
    select_task(&mut f.app, "T-129");
    select_goal(&mut f.app, "retention");
    press(&mut f.app, "l");
    press(&mut f.app, "3");
    draw(&mut f.app, 100, 40);
    assert_eq!(f.app.cached_insights(), Some(&fresh(&f.app)));
    assert_eq!(trap(&f.app), before - 1, "T-129 linked too");
    press(&mut f.app, "1 u 3");
    draw(&mut f.app, 100, 40);
    assert_eq!(f.app.cached_insights(), Some(&fresh(&f.app)));
    assert_eq!(trap(&f.app), before, "undone: back in the trap");
    press(&mut f.app, "m");
    draw(&mut f.app, 100, 40);
    assert_eq!(f.app.cached_insights(), Some(&fresh(&f.app)));
}
