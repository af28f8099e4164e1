//! How the board reads its terminal. Every byte that arrives is read, however much comes
//! at once (a terminal hands a program at most about a kilobyte per read); an escape
//! sequence cut short — `Alt-[` sends the start of one — neither stalls the board nor
//! swallows the key after it; a board with nothing to do sleeps; and a signal ends it at
//! once, whatever the input was in the middle of.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use rustix::process::Signal;

use super::session::{Session, TODAY, assert_terminal_restored, board_shown};
use crate::common::{DEMO, demo_dir};

/// How long the board is watched while it should be idle.
const QUIET: Duration = Duration::from_secs(3);
/// The CPU time an idle board may use in [`QUIET`]. Its clock ticks four times a second
/// and a tick only looks at the workspace's stamps: a few milliseconds in all, even in a
/// debug build. A board spinning on its terminal uses most of the window, even on a
/// loaded machine.
const IDLE_CPU: Duration = Duration::from_millis(150);

/// The `status` of task `id` in `align.toml` in `dir`.
fn status_of(dir: &Path, id: &str) -> String {
    let text = std::fs::read_to_string(dir.join("align.toml")).unwrap();
    let block = text
        .split("[[tasks]]")
        .find(|b| b.lines().any(|l| l == format!("id = \"{id}\"")))
        .unwrap_or_else(|| panic!("no task {id}"));
    block
        .lines()
        .find_map(|l| l.strip_prefix("status = "))
        .unwrap_or_else(|| panic!("{id} has no status"))
        .trim_matches('"')
        .to_string()
}

/// More than a kilobyte typed at once — a paste without bracketed paste, a key held
/// down on a slow link — is read to the last byte: the `x` after 1,100 keys is saved
/// within 5 s. Before, the board read the first kilobyte, never looked again until the
/// next key came, and spun at full CPU meanwhile; so it must be idle afterwards too.
#[test]
fn a_burst_of_over_a_kilobyte_is_read_to_the_last_key_and_then_the_board_sleeps() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    assert_eq!(status_of(dir.path(), "T-103"), "doing");
    // Down and back up 550 times — the first task stays selected — then advance it.
    let burst = format!("{}x", "jk".repeat(550));
    assert_eq!(burst.len(), 1_101);
    let typed = Instant::now();
    s.keys(&burst);
    while status_of(dir.path(), "T-103") != "done" {
        assert!(
            typed.elapsed() < Duration::from_secs(5),
            "the x after 1,100 keys was not saved within 5 s; the screen:\n{}",
            s.text()
        );
        thread::sleep(Duration::from_millis(10));
    }
    let took = typed.elapsed();
    let cpu = s.cpu_during(QUIET);
    eprintln!("1,101 keys read and the edit saved in {took:?}; then {cpu:?} of CPU in {QUIET:?}");
    assert!(
        cpu <= IDLE_CPU,
        "after the burst the board used {cpu:?} of CPU in {QUIET:?} of quiet"
    );
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    assert_terminal_restored(&mut s, "after a burst of keys and q");
}

/// A board nobody touches sleeps: no busy loop, whether the terminal has been quiet or
/// has just sent what means nothing to the board (a reply to a question it never asked,
/// an unknown key, focus reports).
#[test]
fn an_idle_board_uses_no_cpu() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    thread::sleep(Duration::from_millis(500));
    let cpu = s.cpu_during(QUIET);
    eprintln!("idle: {cpu:?} of CPU in {QUIET:?}");
    assert!(cpu <= IDLE_CPU, "idle, the board used {cpu:?} in {QUIET:?}");
    s.keys("\x1b[?64;1;2c\x1b[I\x1b[O\x1b[99~\x1b[12;40R");
    thread::sleep(Duration::from_millis(200));
    let cpu = s.cpu_during(QUIET);
    eprintln!("after input that means nothing: {cpu:?} of CPU in {QUIET:?}");
    assert!(
        cpu <= IDLE_CPU,
        "after input that means nothing the board used {cpu:?} in {QUIET:?}"
    );
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO
    );
}

/// Once its first frame is drawn the board writes nothing until something changes: not
/// at its ticks, and not when the history behind the Compare tab's trends arrives (here
/// at once: the workspace is not in git) while the Board tab is shown. Before, that news
/// drew a second frame at the first tick, a quarter of a second after the first, so the
/// first frame's burst (`benches/first_frame.py`) ended there.
#[test]
fn after_its_first_frame_an_idle_board_writes_nothing() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    // The rest of the first frame: until nothing more comes for a tenth of a second.
    let mut mark = s.mark();
    loop {
        thread::sleep(Duration::from_millis(100));
        let now = s.mark();
        if now == mark {
            break;
        }
        mark = now;
    }
    // Four ticks and more; the history's news comes with the first.
    thread::sleep(Duration::from_millis(1_200));
    assert_eq!(s.written_since(mark), "", "written after the first frame");
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
}

/// `Alt-[` sends `ESC [`, the start of a control sequence whose rest never comes. The
/// board gives the rest a moment, then takes it as the key it is; meanwhile its clock
/// keeps ticking (a change on disk is picked up), it sleeps, and the next key is itself.
/// Before, it sat in a read until the next key, which the broken sequence then swallowed.
#[test]
fn an_escape_sequence_cut_short_neither_stalls_the_board_nor_eats_the_next_key() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    s.keys("\x1b[");
    thread::sleep(Duration::from_millis(300));
    let touched = format!("{DEMO}# changed on disk while Alt-[ was the last key\n");
    std::fs::write(dir.path().join("align.toml"), &touched).unwrap();
    s.wait_for_text("reloaded from disk: align.toml changed outside align");
    let cpu = s.cpu_during(Duration::from_secs(1));
    assert!(
        cpu <= IDLE_CPU,
        "after Alt-[ the board used {cpu:?} of CPU in 1 s"
    );
    s.keys("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "exit status {status}; the screen:\n{}",
        s.text()
    );
    assert_terminal_restored(&mut s, "after Alt-[ and q");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        touched,
        "the board wrote nothing"
    );
}

/// A signal ends the board within a quarter of a second, whatever the terminal was
/// sending: nothing, the start of an escape sequence, half a paste. The time is from
/// the signal to the process's exit; on a busy machine one try can be slowed by the
/// scheduler, so each case has up to three tries and the best counts.
#[test]
fn a_signal_ends_the_board_within_a_quarter_of_a_second() {
    const LIMIT: Duration = Duration::from_millis(250);
    for (what, keys, signal, number) in [
        ("idle", "", Signal::TERM, 15),
        ("after ESC [", "\x1b[", Signal::INT, 2),
        (
            "in the middle of a paste",
            "\x1b[200~half a paste",
            Signal::TERM,
            15,
        ),
    ] {
        let mut times = Vec::new();
        while times.len() < 3 && times.iter().all(|t| *t >= LIMIT) {
            let dir = demo_dir();
            let mut s = Session::spawn(dir.path(), TODAY, &[]);
            s.wait_for("the board", board_shown);
            s.keys(keys);
            thread::sleep(Duration::from_millis(300));
            times.push(s.time_to_exit_after(signal));
            let status = s.wait_exit();
            assert_eq!(
                status.code(),
                Some(128 + number),
                "{what}: exit status {status}"
            );
            assert_terminal_restored(&mut s, &format!("a signal {what}"));
            assert_eq!(
                std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
                DEMO
            );
        }
        let best = times.iter().min().copied().unwrap();
        eprintln!("{what}: ended {times:?} after the signal");
        assert!(
            best < LIMIT,
            "{what}: the board took {times:?} to end after a signal (limit {LIMIT:?})"
        );
    }
}
