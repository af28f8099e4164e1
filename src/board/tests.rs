//! The board as a user meets it: real key, mouse and resize events go through the one
//! keymap into [`App::update`], frames are drawn on a `TestBackend`, and every edit is
//! checked against the workspace file on disk (a copy of the demo in a temporary
//! directory, read as of 2026-11-25).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use tempfile::TempDir;

use super::action::{Action, Tab};
use super::app::{App, Focus};
use super::keymap;
use align::Class;

pub(super) const DEMO: &str = include_str!("../../assets/demo.toml");

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A workspace file in its own temporary directory, and the board opened on it.
pub(super) struct Fixture {
    pub(super) _dir: TempDir,
    pub(super) path: PathBuf,
    pub(super) app: App,
}

pub(super) fn open_text(text: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, text).unwrap();
    let loaded = align::load(&path).unwrap();
    let mut app = App::new(loaded.workspace, today(), None);
    // As the board starts: its warnings noted (the demo has one), no message yet.
    app.show_start_warnings(&[], &loaded.warnings);
    app.message = None;
    Fixture {
        _dir: dir,
        path,
        app,
    }
}

/// The demo workspace, copied into a temporary directory as `align.toml`.
pub(super) fn demo() -> Fixture {
    open_text(DEMO)
}

/// One key as the terminal reports it.
pub(super) fn key(name: &str) -> KeyEvent {
    let (code, mods) = match name {
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Up" => (KeyCode::Up, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "F1" => (KeyCode::F(1), KeyModifiers::NONE),
        _ => {
            if let Some(c) = name.strip_prefix("C-") {
                let c = c.chars().next().unwrap();
                (KeyCode::Char(c), KeyModifiers::CONTROL)
            } else {
                let mut chars = name.chars();
                let c = chars.next().unwrap();
                assert!(chars.next().is_none(), "unknown key name {name:?}");
                // Terminals report capitals and shifted symbols with SHIFT held.
                let mods = if c.is_uppercase() || c == '?' {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                (KeyCode::Char(c), mods)
            }
        }
    };
    KeyEvent::new(code, mods)
}

/// Feed an event through the keymap and the update function, then save what it
/// changed, as the terminal loop does (it draws in between).
pub(super) fn send(app: &mut App, event: Event) {
    dispatch(app, event);
    app.flush();
}

/// An event through the keymap and the update function only: an edit it makes waits
/// for [`App::flush`], as it does in the loop until its frame is drawn.
fn dispatch(app: &mut App, event: Event) {
    if let Some(action) = app.keymap.action_for(&event, app.mode()) {
        app.update(action);
    }
}

/// Press keys named and separated by spaces: `"Tab j j l"`, `"C-r"`, `"S-Tab"`.
pub(super) fn press(app: &mut App, keys: &str) {
    for name in keys.split_whitespace() {
        send(app, Event::Key(key(name)));
    }
}

/// Type text one key per character (while a filter is being typed).
pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, Event::Key(key(&c.to_string())));
    }
}

pub(super) fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    send(
        app,
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

/// Resize the board to `width`×`height` (as the terminal reports it) and draw one frame.
pub(super) fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    dispatch(app, Event::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    super::draw(&mut terminal, app).unwrap();
    terminal
}

/// The buffer's rows as text, wide glyphs once (the cells they cover skipped).
pub(super) fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip == 0 {
                line.push_str(symbol);
            }
            skip = skip
                .max(unicode_width::UnicodeWidthStr::width(symbol))
                .saturating_sub(1);
        }
        out.push(line);
    }
    out
}

pub(super) fn screen(terminal: &Terminal<TestBackend>) -> String {
    rows(terminal).join("\n")
}

pub(super) fn selected_id(app: &App) -> String {
    app.ws.tasks[app.selected_task().expect("a task is selected")]
        .id
        .clone()
}

pub(super) fn task(app: &App, id: &str) -> usize {
    app.ws.task_by_id(id).expect("task exists")
}

fn first_ids(app: &App, n: usize) -> Vec<String> {
    app.task_order
        .iter()
        .take(n)
        .map(|&i| app.ws.tasks[i].id.clone())
        .collect()
}

pub(super) fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default()
}

pub(super) fn on_disk(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// Lines removed from `before` and added in `after`, around the common head and tail.
pub(super) fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let removed = a[head..a.len() - tail]
        .iter()
        .map(|l| l.to_string())
        .collect();
    let added = b[head..b.len() - tail]
        .iter()
        .map(|l| l.to_string())
        .collect();
    (removed, added)
}

/// Select the task with this id by walking the tasks pane with `j` from the top.
pub(super) fn select_task(app: &mut App, id: &str) {
    if app.focus != Focus::Tasks {
        press(app, "Tab");
    }
    press(app, "g");
    let pos = app
        .task_order
        .iter()
        .position(|&i| app.ws.tasks[i].id == id)
        .expect("task is listed");
    for _ in 0..pos {
        press(app, "j");
    }
    assert_eq!(selected_id(app), id);
}

/// Select the goal row for `target` (a goal id or `goal/kr`) with `j` from the top.
pub(super) fn select_goal(app: &mut App, target: &str) {
    if app.focus != Focus::Goals {
        press(app, "Tab");
    }
    press(app, "g");
    let pos = app
        .goal_rows
        .iter()
        .position(|r| r.target(&app.ws) == target)
        .expect("goal row exists");
    for _ in 0..pos {
        press(app, "j");
    }
    assert_eq!(app.selected_goal_row().unwrap().target(&app.ws), target);
}

// ---------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------

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
    let mut f = demo();
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
        f.app.selected_goal_row().unwrap().target(&f.app.ws),
        "reliability/uptime"
    );
    press(&mut f.app, "j PgDn");
    assert_eq!(f.app.goals.selected, f.app.goal_rows.len() - 1);
    press(&mut f.app, "PgUp PgUp k");
    assert_eq!(f.app.goals.selected, 0);
}

#[test]
fn typing_a_filter_narrows_the_tasks_live_and_ignores_case() {
    let mut f = demo();
    press(&mut f.app, "/");
    assert!(f.app.editing_filter);
    type_text(&mut f.app, "CHURN");
    assert_eq!(f.app.filter, "CHURN");
    let mut shown = first_ids(&f.app, 99);
    shown.sort();
    // Linked to retention/churn, or "churn" in the title.
    assert_eq!(shown, ["T-103", "T-104", "T-105", "T-123"]);
    // Typed letters are text, not keys: nothing quit, no sort changed.
    assert!(!f.app.quit);

    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    assert!(text.contains("Tasks (4 of 31)"), "{text}");
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
    assert!(!f.app.editing_filter);
    assert_eq!(f.app.filter, "");
    assert_eq!(f.app.task_order.len(), 31);
}

#[test]
fn enter_keeps_the_filter_and_makes_letters_keys_again() {
    let mut f = demo();
    press(&mut f.app, "/");
    type_text(&mut f.app, "onboarding");
    press(&mut f.app, "Enter");
    assert!(!f.app.editing_filter);
    assert_eq!(f.app.filter, "onboarding");
    let n = f.app.task_order.len();
    assert!(n > 0 && n < 31, "{n}");
    for &i in &f.app.task_order {
        assert!(f.app.ws.tasks[i].tags.iter().any(|t| t == "onboarding"));
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
    let mut f = demo();
    assert_eq!(first_ids(&f.app, 3), ["T-103", "T-104", "T-101"]);
    let scores: Vec<u8> = f
        .app
        .task_order
        .iter()
        .map(|&i| f.app.board.tasks[i].points)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by due");
    // Earliest due date first (ties in file order), undated tasks last.
    assert_eq!(first_ids(&f.app, 3), ["T-105", "T-109", "T-125"]);
    let last = *f.app.task_order.last().unwrap();
    assert_eq!(f.app.ws.tasks[last].due, None);

    press(&mut f.app, "s");
    assert_eq!(message(&f.app), "sorted by status");
    let statuses: Vec<&str> = f
        .app
        .task_order
        .iter()
        .map(|&i| f.app.ws.tasks[i].status.as_str())
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
    let mut f = demo();
    select_task(&mut f.app, "T-118");
    press(&mut f.app, "s s s");
    assert_eq!(selected_id(&f.app), "T-118");
    assert_eq!(f.app.tasks.selected, 17);
}

#[test]
fn f_cycles_the_class_filter_and_only_that_class_shows() {
    let mut f = demo();
    for (class, count) in [
        ("aligned", 12),
        ("partial", 5),
        ("operational", 4),
        ("busy-work", 10),
    ] {
        press(&mut f.app, "f");
        assert_eq!(message(&f.app), format!("showing {class}"));
        assert_eq!(f.app.task_order.len(), count, "{class}");
        for &i in &f.app.task_order {
            assert_eq!(f.app.board.tasks[i].class.as_str(), class);
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
    assert!(f.app.ws.tasks[urgent].urgent);
    assert_eq!(f.app.lens().as_str(), "strategy");
    let before = f.app.board.tasks[urgent].points;
    press(&mut f.app, "m");
    assert_eq!(f.app.lens().as_str(), "crunch");
    assert!(
        message(&f.app).starts_with("lens: crunch"),
        "{}",
        message(&f.app)
    );
    let after = f.app.board.tasks[urgent].points;
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
    assert_eq!(f.app.board.tasks[urgent].points, before);
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
        assert!(f.app.help);
        let t = draw(&mut f.app, 80, 24);
        assert!(screen(&t).contains(" Keys "));
        press(&mut f.app, closer);
        assert!(!f.app.help, "{closer} closes the overlay");
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
    assert!(f.app.help);
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
    super::run(&mut terminal, &mut f.app, || {
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
    assert!(!f.app.help);
    assert!(!f.app.editing_filter);
    assert_eq!(f.app.focus, Focus::Tasks);
    assert_eq!(f.app.tasks.selected, 0);
    assert_eq!(f.app.sort.label(), "score");
    assert_eq!(f.app.message, None);
    assert_eq!(on_disk(&f.path), DEMO);
}

// ---------------------------------------------------------------------------------------
// Linking, undo and redo: every change is on disk at once
// ---------------------------------------------------------------------------------------

#[test]
fn l_links_the_selected_task_to_the_selected_goal_and_saves() {
    let mut f = demo();
    select_task(&mut f.app, "T-123"); // "Churn survey follow-ups", linked to nothing
    let t = task(&f.app, "T-123");
    assert!(f.app.ws.tasks[t].goals.is_empty());
    let before = f.app.board.tasks[t].clone();
    assert_eq!(before.class.as_str(), "busy-work");
    assert_eq!(before.suggested_goal.as_deref(), Some("retention/churn"));

    select_goal(&mut f.app, "retention/churn");
    press(&mut f.app, "l");

    assert_eq!(f.app.ws.tasks[t].goals, ["retention/churn"]);
    let after = f.app.board.tasks[t].clone();
    assert!(
        after.points > before.points,
        "{} → {}",
        before.points,
        after.points
    );
    assert_ne!(after.class, before.class);
    assert_eq!(
        message(&f.app),
        "linked T-123 → retention/churn · saved",
        "{:?}",
        f.app.message
    );
    // On disk: exactly one line more, the new link, inside T-123's table.
    let disk = on_disk(&f.path);
    let (removed, added) = line_diff(DEMO, &disk);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added, ["goals = [\"retention/churn\"]\n"]);
    let t123 = disk.find("id = \"T-123\"").unwrap();
    let t124 = disk.find("id = \"T-124\"").unwrap();
    assert!(disk[t123..t124].contains("\ngoals = [\"retention/churn\"]\n"));
    // What is on disk loads, and scores the same as the board shows.
    let reloaded = align::load(&f.path).unwrap().workspace;
    assert_eq!(reloaded.tasks[t].goals, ["retention/churn"]);

    // The board shows it: ● beside the task (linked to the selected goal) and the new
    // class in its row; the counts in the status bar moved.
    let term = draw(&mut f.app, 160, 45);
    let text = screen(&term);
    let row = rows(&term)
        .into_iter()
        .find(|r| r.contains("T-123 "))
        .unwrap();
    assert!(row.contains("● T-123"), "{row}");
    assert!(row.contains(after.class.as_str()), "{row}");
    // Open tasks only, as the shares and the Compare tab count them: 9 open busy-work
    // tasks before, 8 now.
    assert!(text.contains("open: 10 aligned"), "{text}");
    assert!(text.contains(" 8 busy-work · effort"), "{text}");

    // l again unlinks: the file is back to the original, byte for byte.
    press(&mut f.app, "l");
    assert!(f.app.ws.tasks[t].goals.is_empty());
    assert_eq!(f.app.board.tasks[t].points, before.points);
    assert_eq!(f.app.board.tasks[t].class, before.class);
    assert_eq!(message(&f.app), "unlinked T-123 ↛ retention/churn · saved");
    assert_eq!(on_disk(&f.path), DEMO);
    // Undoing the unlink names the unlink.
    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        "undo: unlinked T-123 ↛ retention/churn · saved"
    );
    assert_eq!(f.app.ws.tasks[t].goals, ["retention/churn"]);
}

#[test]
fn linking_a_task_that_has_links_changes_its_goals_line_only() {
    let mut f = demo();
    select_task(&mut f.app, "T-116"); // goals = ["carriers"]
    select_goal(&mut f.app, "activation/first-label-24h");
    press(&mut f.app, "l");
    let (removed, added) = line_diff(DEMO, &on_disk(&f.path));
    assert_eq!(removed, ["goals = [\"carriers\"]\n"]);
    assert_eq!(
        added,
        ["goals = [\"carriers\", \"activation/first-label-24h\"]\n"]
    );
    // The comment on the next line and everything else are untouched.
    let text = on_disk(&f.path);
    assert!(text.contains(
        "goals = [\"carriers\", \"activation/first-label-24h\"]\nimpact = 1                      # linked, but barely moves the goal\n"
    ));
}

#[test]
fn undo_and_redo_walk_several_links_back_and_forth_on_disk() {
    let mut f = demo();
    let mut states = vec![DEMO.to_string()];
    // Three links made from different panes and selections.
    for (id, target) in [
        ("T-123", "retention/churn"),
        ("T-125", "carriers"),
        ("T-116", "activation"),
    ] {
        select_task(&mut f.app, id);
        select_goal(&mut f.app, target);
        press(&mut f.app, "l");
        assert!(
            message(&f.app).starts_with(&format!("linked {id} → {target}")),
            "{}",
            message(&f.app)
        );
        states.push(on_disk(&f.path));
    }
    // Linking from the goals pane after moving around the tasks pane (focus Goals now).
    assert_eq!(f.app.focus, Focus::Goals);
    press(&mut f.app, "S-Tab G Tab");
    let last = selected_id(&f.app);
    select_goal(&mut f.app, "reliability");
    press(&mut f.app, "l");
    states.push(on_disk(&f.path));
    assert_eq!(states.len(), 5);
    assert!(states.windows(2).all(|w| w[0] != w[1]));

    // Undo, one level at a time, each saved at once; the message names the link undone
    // (not the unlink that undoes it), as the undo of any other edit names that edit.
    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        format!("undo: linked {last} → reliability · saved")
    );
    press(&mut f.app, "C-r");
    assert_eq!(
        message(&f.app),
        format!("redo: linked {last} → reliability · saved")
    );
    for level in (0..4).rev() {
        press(&mut f.app, "u");
        assert!(
            message(&f.app).starts_with("undo: linked"),
            "{}",
            message(&f.app)
        );
        assert!(message(&f.app).ends_with("· saved"));
        assert_eq!(
            on_disk(&f.path),
            states[level],
            "after undo to level {level}"
        );
    }
    assert_eq!(
        on_disk(&f.path),
        DEMO,
        "undoing everything restores the file"
    );
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(on_disk(&f.path), DEMO);

    // Redo them all, then undo two and redo one.
    for state in &states[1..] {
        press(&mut f.app, "C-r");
        assert!(
            message(&f.app).starts_with("redo: linked"),
            "{}",
            message(&f.app)
        );
        assert_eq!(&on_disk(&f.path), state);
    }
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");
    let t = task(&f.app, &last);
    assert!(f.app.ws.tasks[t].goals.contains(&"reliability".to_string()));

    press(&mut f.app, "u u C-r");
    assert_eq!(on_disk(&f.path), states[3]);

    // A new link drops the redo history.
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "grow-shops");
    press(&mut f.app, "l");
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");

    // And everything undone leaves the original file, byte for byte.
    press(&mut f.app, "u u u u");
    assert_eq!(on_disk(&f.path), DEMO);
    // The board agrees with the file it wrote.
    let fresh = App::new(align::load(&f.path).unwrap().workspace, today(), None);
    for i in 0..f.app.ws.tasks.len() {
        assert_eq!(f.app.ws.tasks[i].goals, fresh.ws.tasks[i].goals);
        assert_eq!(f.app.board.tasks[i].points, fresh.board.tasks[i].points);
    }
}

#[test]
fn l_without_a_goal_says_what_to_do() {
    let mut f = open_text(
        "version = 1\n[workspace]\nname = \"No goals\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Alone\"\n",
    );
    press(&mut f.app, "l");
    assert!(message(&f.app).starts_with("select a task and a goal first"));
    assert_eq!(
        on_disk(&f.path),
        "version = 1\n[workspace]\nname = \"No goals\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Alone\"\n"
    );
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("no goals yet") || screen(&t).contains("Goals (0)"));
}

// ---------------------------------------------------------------------------------------
// Another writer, a broken file, a read-only file
// ---------------------------------------------------------------------------------------

#[test]
fn a_file_changed_on_disk_is_reloaded_not_overwritten() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let edited = format!("{DEMO}# added by someone else\n");
    fs::write(&f.path, &edited).unwrap();

    press(&mut f.app, "l");
    assert_eq!(
        on_disk(&f.path),
        edited,
        "the other writer's change is kept"
    );
    assert!(
        message(&f.app).contains("changed on disk") && message(&f.app).contains("reloaded"),
        "{}",
        message(&f.app)
    );
    let t = task(&f.app, "T-124");
    assert!(f.app.ws.tasks[t].goals.is_empty(), "no link shown");
    assert!(f.app.read_only.is_none());
    // The selection survived the reload.
    assert_eq!(selected_id(&f.app), "T-124");
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(&f.app.ws),
        "activation"
    );
    assert_eq!(f.app.ws.files[0].text, edited);

    // Second try: saved, on top of the other writer's text.
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-124 → activation · saved");
    let disk = on_disk(&f.path);
    assert!(disk.ends_with("# added by someone else\n"));
    let (removed, added) = line_diff(&edited, &disk);
    assert!(removed.is_empty());
    assert_eq!(added, ["goals = [\"activation\"]\n"]);
}

#[test]
fn a_broken_file_on_disk_makes_the_board_read_only_until_it_loads_again() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    // Not TOML any more (an editor mid-save, a bad merge).
    let broken = format!("{DEMO}this line is not TOML\n");
    fs::write(&f.path, &broken).unwrap();

    press(&mut f.app, "l");
    assert_eq!(on_disk(&f.path), broken, "nothing was written");
    assert!(f.app.read_only.is_some());
    assert!(
        message(&f.app).starts_with("read-only"),
        "{}",
        message(&f.app)
    );
    let t = task(&f.app, "T-124");
    assert!(f.app.ws.tasks[t].goals.is_empty());
    let term = draw(&mut f.app, 120, 30);
    let status = rows(&term).pop().unwrap();
    assert!(status.starts_with(" READ-ONLY "), "{status}");

    // Still broken: l tries again, still writes nothing.
    press(&mut f.app, "l");
    assert_eq!(on_disk(&f.path), broken);
    assert!(f.app.read_only.is_some());

    // Fixed on disk (here: by the other writer), R reloads and the board may write again.
    let fixed = format!("{DEMO}# fixed\n");
    fs::write(&f.path, &fixed).unwrap();
    press(&mut f.app, "R");
    assert!(f.app.read_only.is_none());
    assert_eq!(
        message(&f.app),
        "reloaded from disk (changed outside align)"
    );
    let term = draw(&mut f.app, 120, 30);
    assert!(!screen(&term).contains("READ-ONLY"));
    assert_eq!(selected_id(&f.app), "T-124");
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-124 → activation · saved");
    assert!(on_disk(&f.path).ends_with("# fixed\n"));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = demo();
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    press(&mut f.app, "l");
    assert!(
        message(&f.app).starts_with("not saved"),
        "{}",
        message(&f.app)
    );
    assert!(message(&f.app).contains("read-only"), "{}", message(&f.app));
    let t = task(&f.app, "T-124");
    assert!(
        f.app.ws.tasks[t].goals.is_empty(),
        "the link is not shown as made"
    );
    assert_eq!(f.app.ws.files[0].text, DEMO);
    assert_eq!(on_disk(&f.path), DEMO);
    let term = draw(&mut f.app, 160, 45);
    let row = rows(&term)
        .into_iter()
        .find(|r| r.contains("T-124 "))
        .unwrap();
    assert!(!row.contains('●'), "{row}");
    assert!(row.contains("busy-work"), "{row}");
    // Nothing to undo: the edit never happened.
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(
        fs::metadata(&f.path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn an_edit_is_on_screen_before_its_save_and_saved_before_the_next_key() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let t = task(&f.app, "T-124");
    // The key's effect: in memory, re-scored and drawn, the file not yet written.
    assert!(f.app.update(Action::ToggleLink));
    assert_eq!(f.app.ws.tasks[t].goals, ["activation"]);
    assert_ne!(f.app.board.tasks[t].class, Class::BusyWork);
    assert!(
        message(&f.app).ends_with("· saving…"),
        "{}",
        message(&f.app)
    );
    let row = |app: &mut App| {
        rows(&draw(app, 160, 45))
            .into_iter()
            .find(|r| r.contains("T-124 "))
            .unwrap()
    };
    assert!(row(&mut f.app).contains('●'), "drawn as linked");
    assert_eq!(on_disk(&f.path), DEMO, "saved only after the frame");
    // Then the save, as the loop does next.
    assert!(f.app.flush());
    assert_eq!(
        message(&f.app),
        "linked T-124 → activation · saved",
        "the next frame says so"
    );
    let (removed, added) = line_diff(DEMO, &on_disk(&f.path));
    assert!(removed.is_empty() || removed.iter().all(|l| l.contains("goals")));
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(!f.app.flush(), "nothing left to save");
    assert_eq!(f.app.undo.len(), 1);
}

#[test]
fn a_save_that_fails_after_the_frame_puts_the_board_back() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let t = task(&f.app, "T-124");
    let score = f.app.board.tasks[t].points;
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    f.app.update(Action::ToggleLink);
    assert_eq!(f.app.ws.tasks[t].goals, ["activation"], "shown at once");
    assert!(f.app.flush());
    assert!(
        message(&f.app).starts_with("not saved"),
        "{}",
        message(&f.app)
    );
    assert!(f.app.ws.tasks[t].goals.is_empty());
    assert_eq!(f.app.ws.files[0].text, DEMO);
    assert_eq!(f.app.board.tasks[t].points, score, "re-scored back");
    assert_eq!(f.app.board.tasks[t].class, Class::BusyWork);
    assert!(f.app.undo.is_empty() && f.app.redo.is_empty());
    assert_eq!(on_disk(&f.path), DEMO);
}

#[test]
fn the_run_loop_saves_an_edit_before_it_reads_the_next_key() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "activation");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let path = f.path.clone();
    let mut seen = Vec::new();
    let mut events = ["l", "q"].into_iter().map(|k| Event::Key(key(k)));
    super::run(&mut terminal, &mut f.app, || {
        seen.push(on_disk(&path));
        Ok(events.next().map(Into::into))
    })
    .unwrap();
    assert!(f.app.quit);
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0], DEMO, "before l");
    assert_ne!(seen[1], DEMO, "l was saved before q was read");
    assert_eq!(on_disk(&path), seen[1]);
    assert!(screen(&terminal).contains("linked T-124 → activation · saved"));
}

// ---------------------------------------------------------------------------------------
// What the screen shows
// ---------------------------------------------------------------------------------------

#[test]
fn snapshot_board_80x24() {
    let mut f = demo();
    let t = draw(&mut f.app, 80, 24);
    insta::assert_snapshot!("board_80x24", t.backend());
}

#[test]
fn snapshot_board_160x45() {
    let mut f = demo();
    let t = draw(&mut f.app, 160, 45);
    insta::assert_snapshot!("board_160x45", t.backend());
}

#[test]
fn snapshot_compare_80x24() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 80, 24);
    insta::assert_snapshot!("compare_80x24", t.backend());
}

#[test]
fn snapshot_compare_160x45() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 160, 45);
    insta::assert_snapshot!("compare_160x45", t.backend());
}

#[test]
fn snapshot_help_80x24() {
    let mut f = demo();
    press(&mut f.app, "?");
    let t = draw(&mut f.app, 80, 24);
    insta::assert_snapshot!("help_80x24", t.backend());
}

#[test]
fn snapshot_too_small_30x8() {
    let mut f = demo();
    let t = draw(&mut f.app, 30, 8);
    insta::assert_snapshot!("too_small_30x8", t.backend());
    // Keys still work: q quits from the note.
    press(&mut f.app, "q");
    assert!(f.app.quit);
}

#[test]
fn every_size_from_1x1_to_200x60_draws_without_panicking() {
    let mut f = demo();
    // The last task and the last goal row selected: scroll offsets in play.
    press(&mut f.app, "G Tab G");
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=200).step_by(9) {
        for h in (1..=60).step_by(4) {
            sizes.push((w, h));
        }
    }
    // Every size around the minimum, where the layout changes.
    for w in 55..=65 {
        for h in 12..=20 {
            sizes.push((w, h));
        }
    }
    sizes.extend([(1, 1), (200, 60), (200, 1), (1, 60), (139, 30), (140, 30)]);
    for tab in ["1", "2"] {
        press(&mut f.app, tab);
        for &(w, h) in &sizes {
            let t = draw(&mut f.app, w, h);
            assert_eq!(rows(&t).len(), usize::from(h));
            if tab == "1" {
                press(&mut f.app, "?");
                draw(&mut f.app, w, h);
                press(&mut f.app, "?");
            }
        }
    }
}

#[test]
fn a_resize_lays_the_board_out_again_and_keeps_the_selection_in_view() {
    let mut f = demo();
    let t = draw(&mut f.app, 80, 24);
    assert!(!screen(&t).contains("STATUS"), "narrow: no status column");
    press(&mut f.app, "G");
    let last = selected_id(&f.app);
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains(&format!(" {last} ")));

    // Smaller: the selected (last) row stays on screen.
    let t = draw(&mut f.app, 80, 16);
    assert_eq!(f.app.size, (80, 16));
    assert!(screen(&t).contains(&format!(" {last} ")), "{}", screen(&t));

    // Bigger: more rows, the status and due columns appear, the pane is filled.
    let t = draw(&mut f.app, 160, 45);
    let text = screen(&t);
    assert!(text.contains("STATUS") && text.contains("DUE"), "{text}");
    assert!(text.contains(&format!(" {last} ")));
    let areas = super::ui::layout(ratatui::layout::Rect::new(0, 0, 160, 45));
    let page = usize::from(areas.tasks.height - 3);
    assert_eq!(
        f.app.tasks.offset,
        31 - page,
        "no empty rows under the last task"
    );
    // And the wide layout shows the goal's details beside the task's bill.
    assert!(text.contains("Why this score") && text.contains("┌ Goal "));
}

/// The cell where `word` starts on row `y`, if it is there.
fn find_cell(t: &Terminal<TestBackend>, y: u16, word: &str) -> Option<u16> {
    let buffer = t.backend().buffer();
    let chars: Vec<String> = word.chars().map(String::from).collect();
    let w = buffer.area.width;
    (0..w).find(|&x| {
        chars.iter().enumerate().all(|(k, c)| {
            let cx = x + k as u16;
            cx < w && buffer[(cx, y)].symbol() == c
        })
    })
}

/// The screen row where the task with this id is listed.
fn task_row(t: &Terminal<TestBackend>, id: &str) -> u16 {
    rows(t)
        .iter()
        .position(|r| r.contains(&format!(" {id} ")))
        .unwrap_or_else(|| panic!("{id} is not on screen")) as u16
}

#[test]
fn class_tags_and_link_markers_carry_their_colour() {
    use ratatui::style::Color;
    let mut f = demo();
    let t = draw(&mut f.app, 160, 45);
    assert_eq!(selected_id(&f.app), "T-103");
    let buffer = t.backend().buffer();
    // Unselected rows, one of each class.
    for (id, class, color) in [
        ("T-104", "aligned", Color::Green),
        ("T-117", "partial", Color::Yellow),
        ("T-121", "operational", Color::Blue),
        ("T-126", "busy-work", Color::Red),
    ] {
        let y = task_row(&t, id);
        let x = find_cell(&t, y, class).unwrap_or_else(|| panic!("{class} in {id}'s row"));
        for k in 0..class.len() as u16 {
            assert_eq!(buffer[(x + k, y)].fg, color, "{class} in {id}'s row");
        }
        // The id beside it is not coloured: the colour belongs to the tag.
        let id_x = find_cell(&t, y, id).unwrap();
        assert_eq!(buffer[(id_x, y)].fg, Color::Reset);
    }

    // The selected row (T-103, focused: the cyan highlight) keeps its tag's colour.
    let y = task_row(&t, "T-103");
    let x = find_cell(&t, y, "aligned").unwrap();
    for k in 0..7 {
        assert_eq!(buffer[(x + k, y)].fg, Color::Green, "selected row's tag");
    }
    assert_eq!(
        buffer[(find_cell(&t, y, "T-103").unwrap(), y)].bg,
        Color::Cyan
    );

    // ● beside the tasks linked to the selected goal (grow-shops): T-108 and T-110.
    for id in ["T-108", "T-110"] {
        let y = task_row(&t, id);
        let x = find_cell(&t, y, "●").unwrap_or_else(|| panic!("● in {id}'s row"));
        assert_eq!(buffer[(x, y)].fg, Color::Green);
    }
    assert!(find_cell(&t, task_row(&t, "T-104"), "●").is_none());
    // ● beside the goal rows the selected task (T-103) links to: retention/churn.
    let marked: Vec<u16> = (0..45)
        .filter(|&y| find_cell(&t, y, "●").is_some())
        .collect();
    let goal_marks: Vec<String> = marked
        .iter()
        .map(|&y| rows(&t)[usize::from(y)].clone())
        .filter(|r| r.starts_with("│●"))
        .collect();
    assert_eq!(goal_marks.len(), 1, "{goal_marks:?}");
    assert!(goal_marks[0].contains("◦ churn"));
    let y = marked
        .iter()
        .copied()
        .find(|&y| rows(&t)[usize::from(y)].starts_with("│●"))
        .unwrap();
    assert_eq!(buffer[(1, y)].fg, Color::Green);
}

/// Each column's visible glyph, `None` where the wide glyph before it covers the cell.
fn visible(t: &Terminal<TestBackend>, y: u16) -> Vec<Option<String>> {
    let buffer = t.backend().buffer();
    let mut out = Vec::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            out.push(Some(symbol.to_string()));
        } else {
            assert_eq!(
                symbol.trim(),
                "",
                "{symbol:?} at {x},{y} is drawn under a wide glyph and never shows"
            );
            out.push(None);
        }
        skip = skip
            .max(unicode_width::UnicodeWidthStr::width(symbol))
            .saturating_sub(1);
    }
    out
}

/// Where the help overlay sits on a `w`×`h` screen (78 columns wide, centred).
fn help_area(w: u16, h: u16) -> ratatui::layout::Rect {
    use ratatui::layout::{Constraint, Flex, Layout, Rect};
    // The keys, the legend of signs (3 rows), borders, header and footer.
    let height = (keymap::BINDINGS.len() as u16 + 3 + 5).min(h);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(Rect::new(0, 0, w, h));
    let [popup] = Layout::horizontal([Constraint::Length(78.min(w))])
        .flex(Flex::Center)
        .areas(row);
    popup
}

const WIDE: &str = r#"version = 1

[workspace]
name = "多言語チーム 🚀"
mission = "让每个小店都能像大店一样发货 🚀 写一个测试 写一个测试 写一个测试"

[[goals]]
id = "launch"
title = "🚀 launch 发布新产品 🚀 launch 发布新产品 🚀 launch 发布新产品"
weight = 5
owner = "李雷"

  [[goals.key_results]]
  id = "users"
  title = "用户 👩‍👩‍👧"
  unit = "人"
  start = 0
  target = 100
  current = 40
  checkins = [{ date = 2026-11-01, value = 20 }, { date = 2026-11-20, value = 40 }]

[[goals]]
id = "quality"
title = "品質を上げる"
weight = 3

[[tasks]]
id = "T-1"
title = "写一个测试写一个测试写一个测试写一个测试写一个测试写一个测试写一个测试"
goals = ["launch"]
impact = 5
owner = "韩梅梅"

[[tasks]]
id = "T-2"
title = "🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀"
goals = ["launch/users"]
tags = ["🚀"]

[[tasks]]
id = "T-3"
title = "a日b本c語dの🚀e表f示gが🚀h崩i れj な k い l か m テ n ス o ト p"
due = 2026-11-30

[[tasks]]
id = "T-4"
title = "ＦＵＬＬＷＩＤＴＨ　ＴＩＴＬＥ　ＦＵＬＬＷＩＤＴＨ　ＴＩＴＬＥ"
goals = ["quality"]
"#;

#[test]
fn wide_characters_never_break_the_borders() {
    let mut f = open_text(WIDE);
    let borders_right = ["│", "┃", "┐", "┘", "┓", "┛", "╮", "╯"];
    // Both tabs; on the board with either pane focused (the narrow detail pane follows
    // the focus) and with the help overlay drawn over the wide titles.
    for keys in ["1", "Tab", "?", "? 2"] {
        press(&mut f.app, keys);
        let tab = if f.app.tab == Tab::Board { "1" } else { "2" };
        for w in 60..=170 {
            for h in [16, 30] {
                let t = draw(&mut f.app, w, h);
                for y in 0..h {
                    let cells = visible(&t, y);
                    let width: usize = cells
                        .iter()
                        .flatten()
                        .map(|s| unicode_width::UnicodeWidthStr::width(s.as_str()))
                        .sum();
                    assert_eq!(width, usize::from(w), "row {y} at {w}x{h}:\n{}", screen(&t));
                }
                let areas = super::ui::layout(ratatui::layout::Rect::new(0, 0, w, h));
                for y in areas.body.y..areas.body.bottom() {
                    let right = visible(&t, y)[usize::from(w - 1)].clone();
                    assert!(
                        right.as_deref().is_some_and(|s| borders_right.contains(&s)),
                        "right border at row {y}, {w}x{h}: {right:?}\n{}",
                        screen(&t)
                    );
                }
                if f.app.help {
                    // The overlay's side borders: a wide glyph just left of it must
                    // not cover its left edge.
                    let popup = help_area(w, h);
                    for y in popup.y..popup.bottom() {
                        let row = visible(&t, y);
                        for x in [popup.x, popup.right() - 1] {
                            let edge = row[usize::from(x)].clone();
                            assert!(
                                edge.as_deref()
                                    .is_some_and(|s| "│╭╮╰╯".contains(s) && !s.is_empty()),
                                "help border at {x},{y}, {w}x{h}: {edge:?}\n{}",
                                screen(&t)
                            );
                        }
                    }
                }
                if tab == "1" && !f.app.help {
                    let x = usize::from(areas.goals.right() - 1);
                    for y in areas.goals.y..areas.goals.bottom() {
                        let edge = visible(&t, y)[x].clone();
                        assert!(
                            edge.as_deref().is_some_and(|s| borders_right.contains(&s)),
                            "goals border at row {y}, {w}x{h}: {edge:?}\n{}",
                            screen(&t)
                        );
                    }
                }
            }
        }
    }
    // The titles are really on screen, not dropped.
    press(&mut f.app, "1");
    let t = draw(&mut f.app, 160, 45);
    let text = screen(&t);
    assert!(text.contains("写一个测试"), "{text}");
    assert!(text.contains("🚀 launch"), "{text}");
    assert!(text.contains("让每个小店"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Mouse
// ---------------------------------------------------------------------------------------

#[test]
fn a_click_on_a_task_row_selects_it_and_focuses_the_tasks_pane() {
    let mut f = demo();
    draw(&mut f.app, 100, 30);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.focus, Focus::Goals);
    let t = draw(&mut f.app, 100, 30);
    let y = task_row(&t, "T-108");
    let x = find_cell(&t, y, "T-108").unwrap();
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x + 20,
        y,
    );
    assert_eq!(f.app.focus, Focus::Tasks);
    assert_eq!(selected_id(&f.app), "T-108");
    // The header row and the border select nothing.
    let areas = super::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x,
        areas.tasks.y + 1,
    );
    assert_eq!(selected_id(&f.app), "T-108");
    // Below the last row of a short list: nothing.
    press(&mut f.app, "/");
    type_text(&mut f.app, "churn");
    press(&mut f.app, "Enter");
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x,
        areas.tasks.bottom() - 2,
    );
    assert!(f.app.selected_task().is_some());
    assert!(f.app.tasks.selected < f.app.task_order.len());
}

#[test]
fn a_click_on_the_goals_pane_focuses_it_and_selects_the_goal() {
    let mut f = demo();
    let t = draw(&mut f.app, 100, 30);
    assert_eq!(f.app.focus, Focus::Tasks);
    let y = rows(&t)
        .iter()
        .position(|r| r.contains(" retention w5"))
        .unwrap() as u16;
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 10, y);
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(&f.app.ws),
        "retention"
    );
    // Then l links the (unchanged) selected task to it.
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-103 → retention · saved");
    // A click on the tabs line switches tabs.
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 12, 0);
    assert_eq!(f.app.tab, Tab::Compare);
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 2, 0);
    assert_eq!(f.app.tab, Tab::Board);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut f = demo();
    draw(&mut f.app, 100, 30);
    let areas = super::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
    let (tx, ty) = (areas.tasks.x + 5, areas.tasks.y + 4);
    mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    assert_eq!(f.app.tasks.selected, 3);
    mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    assert_eq!(f.app.tasks.selected, 6);
    mouse(&mut f.app, MouseEventKind::ScrollUp, tx, ty);
    assert_eq!(f.app.tasks.selected, 3);
    for _ in 0..20 {
        mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    }
    assert_eq!(f.app.tasks.selected, 30, "the wheel stops at the last task");
    let t = draw(&mut f.app, 100, 30);
    assert!(screen(&t).contains(&format!(" {} ", selected_id(&f.app))));

    // Over the goals pane: it takes the focus and its selection moves.
    mouse(&mut f.app, MouseEventKind::ScrollDown, 5, areas.goals.y + 3);
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(f.app.goals.selected, 3);
    assert_eq!(f.app.tasks.selected, 30);
    // Moving the mouse or releasing a button does nothing.
    mouse(&mut f.app, MouseEventKind::Moved, tx, ty);
    mouse(&mut f.app, MouseEventKind::Up(MouseButton::Left), tx, ty);
    assert_eq!(f.app.focus, Focus::Goals);
}

// ---------------------------------------------------------------------------------------
// A big workspace
// ---------------------------------------------------------------------------------------

#[test]
fn a_hundred_thousand_tasks_draw_move_and_link() {
    use std::fmt::Write as _;
    const N: usize = 100_000;
    let mut text = String::from(
        "version = 1\n\n[workspace]\nname = \"Big\"\n\n\
         [[goals]]\nid = \"g0\"\ntitle = \"Goal zero\"\nweight = 5\n\n\
         [[goals]]\nid = \"g1\"\ntitle = \"Goal one\"\nweight = 2\n\n",
    );
    for i in 0..N {
        let _ = write!(
            text,
            "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task number {i}\"\n"
        );
        if i % 3 == 0 {
            let _ = writeln!(text, "goals = [\"g{}\"]", i % 2);
        }
        if i % 7 == 0 {
            text.push_str("status = \"doing\"\n");
        }
        text.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, &text).unwrap();
    let loaded =
        align::load::load_sources(&path, vec![(path.clone(), text.clone().into_bytes())]).unwrap();
    let mut app = App::new(loaded.workspace, today(), None);
    assert_eq!(app.task_order.len(), N);

    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains("Tasks (100000) · by score"));
    press(&mut app, "G");
    assert_eq!(app.tasks.selected, N - 1);
    let last = selected_id(&app);
    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains(&format!(" {last} ")));
    press(&mut app, "PgUp k g");
    assert_eq!(app.tasks.selected, 0);

    press(&mut app, "s s s");
    assert_eq!(first_ids(&app, 3), ["T-0", "T-1", "T-2"]);
    press(&mut app, "/");
    type_text(&mut app, "T-99998");
    press(&mut app, "Enter");
    assert_eq!(first_ids(&app, 9), ["T-99998"]);
    press(&mut app, "Tab g l");
    assert_eq!(message(&app), "linked T-99998 → g0 · saved");
    let (removed, added) = line_diff(&text, &on_disk(&path));
    assert!(removed.is_empty());
    assert_eq!(added, ["goals = [\"g0\"]\n"]);
    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains("● T-99998"));
    press(&mut app, "u");
    assert_eq!(on_disk(&path), text);
}

#[test]
fn over_the_help_overlay_a_click_closes_it_and_selects_nothing() {
    let mut f = demo();
    let t = draw(&mut f.app, 100, 30);
    let y = task_row(&t, "T-108");
    press(&mut f.app, "?");
    mouse(&mut f.app, MouseEventKind::ScrollDown, 60, y);
    assert!(f.app.help, "the wheel leaves the overlay open");
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 60, y);
    assert!(!f.app.help);
    assert_eq!(selected_id(&f.app), "T-103", "nothing hidden was selected");
    assert_eq!(f.app.tasks.selected, 0);
}

#[test]
fn the_compare_tab_wraps_its_figures_keeps_the_verdict_and_scrolls_the_rest_at_80x24() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 80, 24);
    let first = screen(&t);
    // The verdict and the advice for the lens in force stay in view, the box closed.
    assert!(first.contains("Effort is split"), "{first}");
    assert!(first.contains("▶ Use strategic alignment"), "{first}");
    assert!(
        first.contains("└─────"),
        "the verdict's box is closed\n{first}"
    );
    // The figures wrap rather than lose their numbers.
    assert!(first.contains("(3 of 4"), "{first}");
    assert!(
        first.contains("↓ 14 more · j/k PgDn/PgUp scroll"),
        "{first}"
    );
    // j scrolls the table: the last rows come into view, the verdict stays.
    press(&mut f.app, "G");
    let t = draw(&mut f.app, 80, 24);
    let last = screen(&t);
    for figure in [
        "→ 1 orphan goal (no open",
        "work), 1 stale goal (no",
        "→ 22% of open effort due",
        "multi-year, 2 year, 2",
    ] {
        assert!(last.contains(figure), "{figure}\n{last}");
    }
    assert!(last.contains("↑ 14 above"), "{last}");
    assert!(last.contains("Effort is split"), "{last}");
    press(&mut f.app, "k");
    assert_eq!(f.app.compare_scroll, 13);
    press(&mut f.app, "g");
    assert_eq!(f.app.compare_scroll, 0);
    // Every row and feature is reachable by scrolling, one line at a time.
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&screen(&draw(&mut f.app, 80, 24)));
        press(&mut f.app, "j");
    }
    for feature in [
        "Primary objective",
        "Success metric",
        "Decision basis",
        "Employee autonomy",
        "Risk factor",
        "Time horizon",
    ] {
        assert!(seen.contains(feature), "{feature}");
    }
    // Under the crunch lens its advice is the one kept, with the pointer.
    press(&mut f.app, "m");
    let t = draw(&mut f.app, 80, 24);
    let crunch = screen(&t);
    assert!(
        crunch.contains("▶ Revert to a task completion mindset"),
        "{crunch}"
    );
    assert!(!crunch.contains("Use strategic alignment"), "{crunch}");
}

#[test]
fn at_120x40_the_compare_tab_shows_every_figure_whole_without_scrolling() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 120, 40);
    let text = screen(&t);
    let cmp = f.app.cached_comparison().unwrap().clone();
    // Each figure whole, across its wrapped lines.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in &cmp.rows {
        for side in [&r.strategy, &r.task] {
            for word in side.figure.split_whitespace() {
                assert!(flat.contains(word), "{word} of {:?}\n{text}", side.figure);
            }
        }
    }
    assert!(!text.contains("scroll"), "{text}");
    assert!(text.contains("(m switches the lens)"), "{text}");
    assert!(
        text.contains("  Revert to a task completion mindset"),
        "{text}"
    );
    // Nothing to scroll: j changes nothing.
    press(&mut f.app, "j");
    assert_eq!(f.app.compare_scroll, 0);
}

#[test]
fn an_empty_workspace_draws_and_every_key_is_harmless() {
    let text = "version = 1\n[workspace]\nname = \"Empty\"\n";
    let mut f = open_text(text);
    for keys in [
        "j k g G PgDn PgUp",
        "Tab j G",
        "l u C-r",
        "s f m",
        "/ x Enter",
        "Esc R 2 1",
    ] {
        press(&mut f.app, keys);
        for (w, h) in [(80, 24), (160, 45), (60, 16)] {
            let t = draw(&mut f.app, w, h);
            mouse(
                &mut f.app,
                MouseEventKind::Down(MouseButton::Left),
                w / 2,
                h / 3,
            );
            mouse(&mut f.app, MouseEventKind::ScrollDown, w / 2, h / 3);
            let _ = screen(&t);
        }
    }
    assert_eq!(on_disk(&f.path), text);
    press(&mut f.app, "Esc 1 Tab");
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("no tasks yet"), "{}", screen(&t));
}
