//! Benchmarks at 10,000 and 100,000 tasks (goals = tasks / 100), run with `cargo bench`.
//!
//! Library: `load` (parse + validate from bytes in memory), `score_all`, `compare`,
//! `json_output` (into a sink) and `link_write_back` (one link applied in memory and saved
//! to a temporary file, then undone and saved: the pair is measured). Board, on a 160×45
//! `TestBackend` (the same `ratatui` rendering the terminal gets, without the escape
//! sequences): `frame_160x45` (one frame), `key_move` (`j` through the keymap and
//! `App::update`, then a frame), `key_filter` (typing `t` into the filter then Backspace,
//! each drawn: two key presses), `key_link_save` (`l` that links and saves, then `u` that
//! undoes and saves, each drawn: two key presses), `key_link_shown` (the same `l` and `u`, one
//! per iteration, timed until the change is drawn: the save that follows runs untimed),
//! one bench per other key — `key_sort` (`s`), `key_clear_filter` (`Esc` on a filter
//! hiding most tasks), `key_compare` and `key_insights` (`2`, `3` after a change, so the
//! tab's figures are worked out again or follow the change), `key_insights_after_lens`
//! (`3` after `m`), `key_lens` (`m`) — and `first_frame` (what the board does before its
//! first frame once the file is read: load, score, build the panes, draw). The key benches alone, with few samples: `cargo bench -p align --bench align --
//! key_ --sample-count 10` (both sizes run; the 100,000 rows are the ones to read).
//!
//! Each workspace is generated once per size (deterministic: `examples/gen_workspace`),
//! and the allocator is the binary's (mimalloc), so the figures match `align` itself.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use align_core::Scoreboard;
use align_core::edit::{self, Edit};
use align_core::model::LinkRef;
use align_core::model::Workspace;
use align_core::session::{SaveOutcome, Session};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use align::board;
use align_testkit::generate;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Task counts; each workspace has tasks / 100 goals.
const SIZES: &[usize] = &[10_000, 100_000];
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;
/// The link the write-back benches make: a task the generator leaves unlinked from `g1`.
const TASK: &str = "T-5";
const GOAL: &str = "g1";

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn slot(n: usize) -> usize {
    SIZES
        .iter()
        .position(|&s| s == n)
        .expect("a benchmarked size")
}

/// The generated TOML of `n` tasks, made once per size.
fn text(n: usize) -> &'static str {
    static TEXT: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
    TEXT[slot(n)].get_or_init(|| generate::generate(n, n / 100))
}

fn load_text(path: &Path, text: &str) -> Workspace {
    align_core::load::load_sources(path, vec![(path.to_path_buf(), text.as_bytes().to_vec())])
        .expect("the generated workspace loads")
        .workspace
}

/// The loaded workspace and its scoreboard, made once per size.
fn loaded(n: usize) -> &'static (Workspace, Scoreboard) {
    static LOADED: [OnceLock<(Workspace, Scoreboard)>; 2] = [OnceLock::new(), OnceLock::new()];
    LOADED[slot(n)].get_or_init(|| {
        let ws = load_text(Path::new("bench.toml"), text(n));
        let board = align_core::score_workspace(&ws, today(), None);
        (ws, board)
    })
}

/// The workspace written to `align.toml` in a fresh temporary directory and loaded from
/// there, so saves go to a real file.
fn on_disk(n: usize) -> (tempfile::TempDir, PathBuf, Workspace) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("align.toml");
    std::fs::write(&path, text(n)).expect("write the workspace");
    let ws = load_text(&path, text(n));
    (dir, path, ws)
}

// ---------------------------------------------------------------------------------------
// Library
// ---------------------------------------------------------------------------------------

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load(bencher: divan::Bencher, n: usize) {
    let path = PathBuf::from("bench.toml");
    let bytes = text(n).as_bytes();
    bencher
        .with_inputs(|| vec![(path.clone(), bytes.to_vec())])
        .bench_values(|sources| align_core::load::load_sources(&path, sources).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn score_all(bencher: divan::Bencher, n: usize) {
    let (ws, _) = loaded(n);
    bencher.bench(|| align_core::score_workspace(ws, today(), None));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn compare(bencher: divan::Bencher, n: usize) {
    let (ws, board) = loaded(n);
    bencher.bench(|| align_core::compare::compare(ws, board));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn json_output(bencher: divan::Bencher, n: usize) {
    let (ws, board) = loaded(n);
    bencher.bench(|| {
        align::output::write_score_json(
            &mut std::io::sink(),
            ws,
            board,
            &align::output::Shown::all(),
            false,
        )
        .unwrap();
    });
}

/// One iteration: link `T-5` to `g1` through the session (in memory, re-scored, then saved
/// with the workspace checked under its lock), then undo it the same way (two edits, two
/// atomic saves), so every iteration does the same work.
#[divan::bench(args = SIZES, sample_count = 20)]
fn link_write_back(bencher: divan::Bencher, n: usize) {
    let (_dir, _path, ws) = on_disk(n);
    let mut session = session_of(ws);
    let task = edit::find_task(session.workspace(), TASK).unwrap();
    bencher.bench_local(|| {
        let edit = edit::link(session.workspace(), task, &LinkRef::goal(GOAL))
            .unwrap()
            .expect("T-5 is not linked to g1 yet");
        session.commit(Edit::Link(edit)).unwrap();
        assert!(matches!(session.flush(), Some(SaveOutcome::Saved { .. })));
        session.undo().unwrap();
        assert!(matches!(session.flush(), Some(SaveOutcome::Saved { .. })));
    });
}

/// A session over a workspace loaded from disk, as of the benches' day.
fn session_of(ws: Workspace) -> Session {
    Session::new(
        align_core::Loaded {
            workspace: ws,
            warnings: Vec::new(),
            passed_over: Vec::new(),
        },
        today(),
        None,
    )
}

// ---------------------------------------------------------------------------------------
// Board
// ---------------------------------------------------------------------------------------

/// A board at 160×45 with one frame drawn, as after start-up.
fn board_at(ws: Workspace) -> (board::App, Terminal<TestBackend>) {
    let mut app = board::App::new(session_of(ws), board::app::Settings::default());
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    app.update(board::Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    board::draw(&mut terminal, &app).unwrap();
    (app, terminal)
}

/// One key through the keymap and `App::update`, then a frame: what the user sees. An
/// edit is then still to be saved ([`save`]).
fn show(app: &mut board::App, terminal: &mut Terminal<TestBackend>, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = app.keymap.action_for(&event, app.mode()) {
        app.update(action);
    }
    board::draw(terminal, app).unwrap();
}

/// The save the loop makes once an edit is on screen, and the frame that says "saved".
fn save(app: &mut board::App, terminal: &mut Terminal<TestBackend>) {
    if app.flush() {
        board::draw(terminal, app).unwrap();
    }
}

/// Everything the event loop does for one key: [`show`], then [`save`].
fn press(app: &mut board::App, terminal: &mut Terminal<TestBackend>, code: KeyCode) {
    show(app, terminal, code);
    save(app, terminal);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn frame_160x45(bencher: divan::Bencher, n: usize) {
    let (app, mut terminal) = board_at(loaded(n).0.clone());
    bencher.bench_local(|| board::draw(&mut terminal, &app).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn key_move(bencher: divan::Bencher, n: usize) {
    let (mut app, mut terminal) = board_at(loaded(n).0.clone());
    bencher.bench_local(|| {
        if app.tasks.selected + 1 >= app.task_order.len() {
            // Back to the top (a field write) so every `j` moves.
            app.tasks = board::app::ListState::default();
        }
        press(&mut app, &mut terminal, KeyCode::Char('j'));
    });
}

/// Two key presses per iteration: `t` (matches every task, by its id `T-…`: the most
/// rows to filter and sort) and Backspace, each followed by a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn key_filter(bencher: divan::Bencher, n: usize) {
    let (mut app, mut terminal) = board_at(loaded(n).0.clone());
    press(&mut app, &mut terminal, KeyCode::Char('/'));
    assert!(app.editing_filter());
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('t'));
        press(&mut app, &mut terminal, KeyCode::Backspace);
    });
}

/// The first keystroke typed in the filter after the board opened (`/` then `t`, timed
/// together, on a fresh board each time): the tasks' search text is made ahead on the
/// loop's first tick, so one tick is given first, as a person takes a quarter of a
/// second to reach for `/`.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn key_filter_first(bencher: divan::Bencher, n: usize) {
    bencher
        .with_inputs(|| {
            let (mut app, terminal) = board_at(loaded(n).0.clone());
            app.update(board::Action::Tick);
            (app, terminal)
        })
        .bench_local_values(|(mut app, mut terminal)| {
            press(&mut app, &mut terminal, KeyCode::Char('/'));
            press(&mut app, &mut terminal, KeyCode::Char('t'));
            (app, terminal)
        });
}

/// Two key presses per iteration: `l` links the selected task to the selected goal and
/// saves the file, `u` undoes it and saves again; each is followed by a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn key_link_save(bencher: divan::Bencher, n: usize) {
    let (_dir, path, ws) = on_disk(n);
    let (mut app, mut terminal) = board_at(ws);
    let before = std::fs::read_to_string(&path).unwrap();
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('l'));
        press(&mut app, &mut terminal, KeyCode::Char('u'));
    });
    let message = app.message.as_ref().map(|(m, _)| m.as_str()).unwrap_or("");
    assert!(message.starts_with("undo: "), "{message}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

/// The same keys as [`key_link_save`], `l` and `u` in turn, each timed until its change
/// is on screen: the save the loop makes after that frame runs untimed, before the next.
#[divan::bench(args = SIZES, sample_count = 40, sample_size = 1)]
fn key_link_shown(bencher: divan::Bencher, n: usize) {
    let (_dir, path, ws) = on_disk(n);
    let (app, terminal) = board_at(ws);
    let before = std::fs::read_to_string(&path).unwrap();
    link_and_unlink_shown(bencher, app, terminal);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

/// `l` and `u` in turn on the selected task, each timed until its change is drawn (the
/// save after that frame untimed); the link taken back at the end.
fn link_and_unlink_shown(
    bencher: divan::Bencher,
    app: board::App,
    terminal: Terminal<TestBackend>,
) {
    // The board, its terminal, and whether the task is linked now.
    let state = std::cell::RefCell::new((app, terminal, false));
    bencher
        .with_inputs(|| {
            let (app, terminal, _) = &mut *state.borrow_mut();
            save(app, terminal);
        })
        .bench_local_values(|()| {
            let (app, terminal, linked) = &mut *state.borrow_mut();
            show(
                app,
                terminal,
                KeyCode::Char(if *linked { 'u' } else { 'l' }),
            );
            *linked = !*linked;
        });
    let (app, terminal, linked) = &mut *state.borrow_mut();
    save(app, terminal);
    if *linked {
        press(app, terminal, KeyCode::Char('u'));
    }
}

/// `s`: the next sort order (score, due, status, id, then score again), every row
/// sorted again, then a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn key_sort(bencher: divan::Bencher, n: usize) {
    let (mut app, mut terminal) = board_at(loaded(n).0.clone());
    bencher.bench_local(|| press(&mut app, &mut terminal, KeyCode::Char('s')));
}

/// `Esc` clearing a filter that hides most tasks, every row listed again, then a frame.
/// The filter is typed again (`/`, `T-1`, Enter) before each iteration, untimed.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn key_clear_filter(bencher: divan::Bencher, n: usize) {
    let (app, terminal) = board_at(loaded(n).0.clone());
    let state = std::cell::RefCell::new((app, terminal));
    bencher
        .with_inputs(|| {
            let (app, terminal) = &mut *state.borrow_mut();
            for code in [
                KeyCode::Char('/'),
                KeyCode::Char('T'),
                KeyCode::Char('-'),
                KeyCode::Char('1'),
                KeyCode::Enter,
            ] {
                press(app, terminal, code);
            }
        })
        .bench_local_values(|()| {
            let (app, terminal) = &mut *state.borrow_mut();
            press(app, terminal, KeyCode::Esc);
        });
}

/// `2` with the Compare figures to work out again, as after any change: before each
/// iteration, untimed, `1`, a link made or undone (`l`/`u`) and saved. Then the Compare
/// tab is drawn.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn key_compare(bencher: divan::Bencher, n: usize) {
    tab_after_a_change(bencher, n, KeyCode::Char('2'));
}

/// `3` as [`key_compare`] is `2`: the Insights figures worked out after a change, drawn.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn key_insights(bencher: divan::Bencher, n: usize) {
    tab_after_a_change(bencher, n, KeyCode::Char('3'));
}

/// `3` after `m`: before each iteration, untimed, `1` and the other lens (most tasks'
/// points move, so the Insights cells are sorted again). Then the Insights tab is drawn.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn key_insights_after_lens(bencher: divan::Bencher, n: usize) {
    let (app, terminal) = board_at(loaded(n).0.clone());
    let state = std::cell::RefCell::new((app, terminal));
    bencher
        .with_inputs(|| {
            let (app, terminal) = &mut *state.borrow_mut();
            press(app, terminal, KeyCode::Char('1'));
            press(app, terminal, KeyCode::Char('m'));
        })
        .bench_local_values(|()| {
            let (app, terminal) = &mut *state.borrow_mut();
            press(app, terminal, KeyCode::Char('3'));
        });
}

/// `tab` pressed after a change made and saved (untimed), timed until it is drawn.
fn tab_after_a_change(bencher: divan::Bencher, n: usize, tab: KeyCode) {
    let (_dir, _path, ws) = on_disk(n);
    let (app, terminal) = board_at(ws);
    let state = std::cell::RefCell::new((app, terminal, false));
    bencher
        .with_inputs(|| {
            let (app, terminal, linked) = &mut *state.borrow_mut();
            press(app, terminal, KeyCode::Char('1'));
            press(
                app,
                terminal,
                KeyCode::Char(if *linked { 'u' } else { 'l' }),
            );
            *linked = !*linked;
        })
        .bench_local_values(|()| {
            let (app, terminal, _) = &mut *state.borrow_mut();
            press(app, terminal, tab);
        });
}

/// `m`: the other lens, every score re-weighed and the rows sorted again, then a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn key_lens(bencher: divan::Bencher, n: usize) {
    let (mut app, mut terminal) = board_at(loaded(n).0.clone());
    bencher.bench_local(|| press(&mut app, &mut terminal, KeyCode::Char('m')));
}

/// What `align FILE` does between reading the file and its first frame: load and
/// validate, score, build the board's panes, draw one 160×45 frame.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn first_frame(bencher: divan::Bencher, n: usize) {
    let path = PathBuf::from("bench.toml");
    let bytes = text(n).as_bytes();
    bencher
        .with_inputs(|| vec![(path.clone(), bytes.to_vec())])
        .bench_values(|sources| {
            let ws = align_core::load::load_sources(&path, sources)
                .unwrap()
                .workspace;
            board_at(ws)
        });
}

// ---------------------------------------------------------------------------------------
// Organisation (BENCHMARKS.md "Teams"): 50 teams × 2,000 tasks, 100,000 tasks in 551 files
// ---------------------------------------------------------------------------------------

const TEAMS: usize = 50;
const TEAM_TASKS: usize = 2_000;

/// The generated organisation on disk, written once.
fn organisation() -> &'static Path {
    static ORG: OnceLock<tempfile::TempDir> = OnceLock::new();
    ORG.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        align_testkit::organisation::write(dir.path(), TEAMS, TEAM_TASKS)
            .expect("write the organisation");
        dir
    })
    .path()
}

/// What `align ORG` does before its first frame: load every team (and the company each
/// names), a session for each (scored), the roll-up, one 160×45 frame of the Roll-up tab.
fn org_board() -> (board::App, Terminal<TestBackend>) {
    let (teams, _) = align_core::org::load_teams(&[organisation().to_path_buf()]).unwrap();
    let sessions = teams
        .into_iter()
        .map(|l| Session::new(l, today(), None))
        .collect();
    let mut app =
        board::App::organisation(sessions, "org".to_string(), board::app::Settings::default());
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    app.update(board::Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    board::draw(&mut terminal, &app).unwrap();
    (app, terminal)
}

/// The board's first frame on the organisation, from its files on disk.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn org_first_frame(bencher: divan::Bencher) {
    organisation();
    bencher.bench_local(org_board);
}

/// What `align score` does on one 100,000-task file, but the output: read it from disk,
/// load and validate, score — the floor the organisation's first frame is held to.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn score_file_100k(bencher: divan::Bencher) {
    let (_dir, path, _) = on_disk(100_000);
    bencher.bench_local(|| {
        let ws = align_core::load(&path).unwrap().workspace;
        align_core::score_workspace(&ws, today(), None)
    });
}

/// `j` on the whole organisation's Board tab (100,000 tasks listed), then a frame.
#[divan::bench(sample_count = 30)]
fn org_key_move(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('1'));
    bencher.bench_local(|| {
        if app.tasks.selected + 1 >= app.task_order.len() {
            app.tasks = board::app::ListState::default();
        }
        press(&mut app, &mut terminal, KeyCode::Char('j'));
    });
}

/// `m` on the whole organisation's Board tab: every team's lens switched (each re-weighs
/// its scores), the organisation's view brought up to date, its rows listed, a frame.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_lens(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('1'));
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('m'));
    });
}

/// `m` on one team of the organisation (2,000 tasks shown; the other 49 teams switch too).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_lens_on_team(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('m'));
    });
}

/// `t` then `T`: to the next team and back (each a session swapped in, its panes listed,
/// drawn): two key presses.
#[divan::bench(sample_count = 20)]
fn org_key_team(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('t'));
        press(&mut app, &mut terminal, KeyCode::Char('T'));
    });
}

/// `o`: the whole organisation (the view of 100,000 tasks built and listed), then `o`
/// back to the team: two key presses.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_scope(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('o'));
        press(&mut app, &mut terminal, KeyCode::Char('o'));
    });
}

/// `o` then `o` on the Insights tab: the organisation's Insights (worked out over
/// 100,000 tasks) are kept while no team changed, as the view is.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_scope_insights(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('3'));
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    press(&mut app, &mut terminal, KeyCode::Char('o'));
    press(&mut app, &mut terminal, KeyCode::Char('o'));
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('o'));
        press(&mut app, &mut terminal, KeyCode::Char('o'));
    });
}

/// The honest worst case of `o`: on team0 of the organisation, `l` links (or unlinks) the
/// selected task and saves (untimed), then `o` — timed — shows the whole organisation with
/// that change in it on `tab` (the Board, or Insights worked out again over 100,000
/// tasks), and `o` goes back to the team (untimed).
fn scope_after_edit(bencher: divan::Bencher, tab: char) {
    let board = std::cell::RefCell::new(org_board());
    {
        // The view made once, as after the first `o`.
        let (app, terminal) = &mut *board.borrow_mut();
        press(app, terminal, KeyCode::Char(tab));
        press(app, terminal, KeyCode::Char('t'));
        press(app, terminal, KeyCode::Char('o'));
        press(app, terminal, KeyCode::Char('o'));
    }
    bencher
        .with_inputs(|| {
            let (app, terminal) = &mut *board.borrow_mut();
            if app.org_view().is_some() {
                press(app, terminal, KeyCode::Char('o'));
            }
            // The edit is made on the Board tab (`l` moves between quadrants on Insights).
            press(app, terminal, KeyCode::Char('1'));
            press(app, terminal, KeyCode::Char('l'));
            press(app, terminal, KeyCode::Char(tab));
        })
        .bench_local_values(|()| {
            let (app, terminal) = &mut *board.borrow_mut();
            press(app, terminal, KeyCode::Char('o'));
        });
}

/// [`scope_after_edit`] on the Board tab.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn org_key_scope_after_edit(bencher: divan::Bencher) {
    scope_after_edit(bencher, '1');
}

/// [`scope_after_edit`] on the Compare tab.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_scope_compare_after_edit(bencher: divan::Bencher) {
    scope_after_edit(bencher, '2');
}

/// [`scope_after_edit`] on the Insights tab.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn org_key_scope_insights_after_edit(bencher: divan::Bencher) {
    scope_after_edit(bencher, '3');
}

/// The first `o` after start: a fresh board on team0, one tick of the loop (untimed: it
/// makes the organisation's view ahead), then `o` — timed.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn org_first_key_scope(bencher: divan::Bencher) {
    organisation();
    bencher
        .with_inputs(|| {
            let (mut app, mut terminal) = org_board();
            press(&mut app, &mut terminal, KeyCode::Char('t'));
            app.update(board::Action::Tick);
            (app, terminal)
        })
        .bench_local_values(|(mut app, mut terminal)| {
            press(&mut app, &mut terminal, KeyCode::Char('o'));
            (app, terminal)
        });
}

/// On team0 of the organisation: `l` links the selected task to the selected goal and
/// saves, `u` undoes and saves (each drawn): only the task's own file is written.
#[divan::bench(sample_count = 20)]
fn org_key_link_save(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    let files = |dir: &Path| -> Vec<(PathBuf, std::time::SystemTime)> {
        let mut v: Vec<_> = walk(dir)
            .into_iter()
            .map(|p| {
                let m = std::fs::metadata(&p).unwrap().modified().unwrap();
                (p, m)
            })
            .collect();
        v.sort();
        v
    };
    let before = files(organisation());
    bencher.bench_local(|| {
        press(&mut app, &mut terminal, KeyCode::Char('l'));
        press(&mut app, &mut terminal, KeyCode::Char('u'));
    });
    let after = files(organisation());
    let written: Vec<&PathBuf> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| &b.0)
        .collect();
    assert_eq!(written.len(), 1, "only the task's file: {written:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// On team0 of the organisation, `l` and `u` in turn, each timed until its change is on
/// screen (the save after that frame runs untimed), as [`key_link_shown`] on one file.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn org_key_link_shown(bencher: divan::Bencher) {
    let (mut app, mut terminal) = org_board();
    press(&mut app, &mut terminal, KeyCode::Char('t'));
    link_and_unlink_shown(bencher, app, terminal);
}
