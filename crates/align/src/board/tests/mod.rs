//! The board as a user meets it: real key, mouse and resize events go through the one
//! keymap into [`App::update`], frames are drawn on a `TestBackend`, and every edit is
//! checked against the workspace file on disk (a copy of the demo in a temporary
//! directory, read as of 2026-11-25). One suite a subject; here, what they all share:
//! the fixture, the keys by name, the screen as text, the file's changes, and the
//! stored snapshots.

mod after_edits;
mod checkins;
mod compare;
mod dependencies;
mod disk_changes;
mod editor;
mod forms;
mod goal_adding;
mod goal_edits;
mod history;
mod incremental;
mod insights;
mod keys;
mod linking;
mod mouse;
mod org_scope;
mod organisation;
mod saving;
mod scale;
mod screens;
mod settings;
mod task_edits;
mod terminal;
mod traction;
mod trends;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use tempfile::TempDir;

use super::app::{App, Focus};
use super::views::haystack;

pub(super) const DEMO: &str = include_str!("../../../../../assets/demo.toml");

/// The board on a loaded workspace, as of [`today`], with the default settings.
pub(super) fn app_of(loaded: align_core::Loaded) -> App {
    App::new(
        align_core::session::Session::new(loaded, today(), None),
        super::app::Settings::default(),
    )
}

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
    let loaded = align_core::load(&path).unwrap();
    let warnings = loaded.warnings.clone();
    let mut app = app_of(loaded);
    // As the board starts: its warnings noted (the demo has one), no message yet.
    app.show_start_warnings(&[], &warnings);
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

/// The demo with done and dropped tasks listed too (`A`), as tests of the sort, the
/// selection and the scrolling read all 31 tasks.
pub(super) fn demo_all() -> Fixture {
    let mut f = demo();
    f.app.show_finished = true;
    f.app.refresh_order(None);
    f
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
    super::draw(&mut terminal, &*app).unwrap();
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
    app.ws().tasks[app.selected_task().expect("a task is selected")]
        .id
        .clone()
}

pub(super) fn task(app: &App, id: &str) -> align_core::model::TaskIx {
    app.ws().task_by_id(id).expect("task exists")
}

fn first_ids(app: &App, n: usize) -> Vec<String> {
    app.task_order
        .iter()
        .take(n)
        .map(|&i| app.ws().tasks[i].id.clone())
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
        .map(std::string::ToString::to_string)
        .collect();
    let added = b[head..b.len() - tail]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    (removed, added)
}

/// Focus the `focus` pane, go to its top with `g` and walk down with `j` to the row
/// `row` finds there.
fn walk_to(app: &mut App, focus: Focus, row: impl Fn(&App) -> Option<usize>, what: &str) {
    if app.focus != focus {
        press(app, "Tab");
    }
    press(app, "g");
    let pos = row(app).expect(what);
    for _ in 0..pos {
        press(app, "j");
    }
}

/// Select the task with this id by walking the tasks pane with `j` from the top.
pub(super) fn select_task(app: &mut App, id: &str) {
    let row = |app: &App| {
        app.task_order
            .iter()
            .position(|&i| app.ws().tasks[i].id == id)
    };
    walk_to(app, Focus::Tasks, row, "task is listed");
    assert_eq!(selected_id(app), id);
}

/// Select the goal row for `target` (a goal id or `goal/kr`) with `j` from the top.
pub(super) fn select_goal(app: &mut App, target: &str) {
    let row = |app: &App| {
        app.goal_rows
            .iter()
            .position(|r| r.target(app.ws()) == target)
    };
    walk_to(app, Focus::Goals, row, "goal row exists");
    assert_eq!(app.selected_goal_row().unwrap().target(app.ws()), target);
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

/// Keys as in [`press`], plus the ones a text field needs: `Left`, `Right`, `Delete`.
fn keys(app: &mut App, names: &str) {
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
    let fresh = app_of(align_core::load(&f.path).unwrap());
    let (a, b) = (&f.app, &fresh);
    assert_eq!(a.ws().tasks.len(), b.ws().tasks.len());
    for (x, y) in a.ws().tasks.iter().zip(&b.ws().tasks) {
        assert_eq!(
            (&x.id, &x.title, x.status, &x.goals, x.done),
            (&y.id, &y.title, y.status, &y.goals, y.done)
        );
        assert_eq!(x.layout, y.layout, "{}", x.id);
    }
    for (x, y) in a.ws().goals.iter().zip(&b.ws().goals) {
        for (k, l) in x.key_results.iter().zip(&y.key_results) {
            assert_eq!((k.current, &k.checkins), (l.current, &l.checkins));
        }
    }
    assert_eq!(a.board().tasks, b.board().tasks, "scores");
    assert_eq!(a.board().goals, b.board().goals, "goal flags");
    assert_eq!(a.board().summary, b.board().summary);
    if let Some(texts) = a.haystack.made() {
        assert_eq!(texts, haystack(b.ws()), "search text");
    }
}

fn form_open(app: &App) -> bool {
    app.form().is_some()
}

fn form_error(app: &App) -> Option<(usize, String)> {
    app.form().and_then(|f| f.error.clone())
}

/// Replace field `field`'s answer with `text`, tabbing to it as a person would.
pub(super) fn set_field(f: &mut Fixture, field: usize, text: &str) {
    while f.app.form().unwrap().focus != field {
        press(&mut f.app, "Tab");
    }
    keys(&mut f.app, "C-e");
    for _ in 0..form_text(&f.app, field).chars().count() {
        keys(&mut f.app, "Backspace");
    }
    type_text(&mut f.app, text);
}

fn form_text(app: &App, field: usize) -> String {
    app.form().unwrap().text(field).to_string()
}

/// Check the screen against its stored snapshot in `src/board/snapshots/`. The snapshots
/// keep the names they were taken under when each suite was a file beside the board
/// (`align__board__tests_edit__checkin_form_80x24.snap`), `suite` being that file's
/// name, so that moving a test between suites neither renames nor orphans its snapshot.
fn assert_screen(suite: &str, name: &str, t: &Terminal<TestBackend>) {
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(format!("align__board__{suite}__{name}"), t.backend());
    });
}
