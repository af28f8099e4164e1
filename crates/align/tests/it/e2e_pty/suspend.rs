//! Suspending the board the way a shell's job control expects, as vim and lazygit do:
//! `Ctrl-z` or a SIGTSTP (`kill -TSTP`) hands the terminal back — normal screen, mouse
//! and paste off, cursor shown, cooked mode — and stops the process; SIGCONT (`fg`)
//! takes the terminal again and draws the whole board anew, and it goes on taking keys.
//! A SIGCONT on its own never ends the board.

use std::thread;
use std::time::{Duration, Instant};

use rustix::process::Signal;
use rustix::termios::LocalModes;

use super::session::{
    ENABLE_MOUSE, ENABLE_PASTE, ENTER_ALT_SCREEN, PATIENCE, Session, TODAY,
    assert_terminal_restored, board_shown,
};
use crate::common::{DEMO, demo_dir};

/// The board stopped (`T` in `/proc`) with the terminal handed back as on exit.
fn assert_suspended(s: &mut Session, how: &str) {
    s.wait_for_state('T', how);
    // Everything it wrote before it stopped is in the pty; let the reader catch up.
    s.wait_for(&format!("the normal screen {how}"), |screen| {
        !screen.alternate_screen()
    });
    assert_terminal_restored(s, how);
}

/// Wait until the program has written `needle` after the first `mark` bytes.
fn wait_for_output(s: &mut Session, mark: usize, needle: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while !s.written_since(mark).contains(needle) {
        assert!(
            Instant::now() < deadline,
            "{what}: no {needle:?} written within {PATIENCE:?}; the screen:\n{}",
            s.text()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// After SIGCONT: the terminal taken again (alternate screen, mouse, paste, raw mode)
/// and the whole board drawn anew after byte `mark` of the output, not only what
/// changed since the last frame (the terminal showed something else meanwhile).
fn assert_resumed(s: &mut Session, mark: usize, how: &str) {
    // The terminal taken again, then the top row of the board, the last pane's title.
    for needle in [
        ENTER_ALT_SCREEN,
        ENABLE_MOUSE,
        ENABLE_PASTE,
        "Goals (",
        "Tasks (",
        "Why this score",
    ] {
        wait_for_output(s, mark, needle, how);
    }
    s.wait_for(&format!("the board {how}"), board_shown);
    let modes = s.termios().local_modes;
    assert!(
        !modes.contains(LocalModes::ICANON) && !modes.contains(LocalModes::ECHO),
        "{how}: the terminal is not raw again: {modes:?}"
    );
    let (state, _) = s.stat();
    assert_ne!(state, 'T', "{how}: still stopped");
}

/// `Ctrl-z`, even while typing a filter: the terminal is handed back and the process
/// stops; `fg` (SIGCONT) brings the board back as it was, filter text included, and it
/// still takes keys.
#[test]
fn ctrl_z_suspends_the_board_and_sigcont_brings_it_back() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    s.keys("/dunn");
    s.wait_for_text("/dunn");
    s.keys("\x1a");
    assert_suspended(&mut s, "after Ctrl-z");
    let mark = s.mark();
    s.signal(Signal::CONT);
    assert_resumed(&mut s, mark, "after Ctrl-z and SIGCONT");
    assert!(s.text().contains("/dunn"), "{}", s.text());
    // Enter keeps the filter; the board takes keys as before.
    s.keys("\r");
    s.keys("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "exit status {status}; the screen:\n{}",
        s.text()
    );
    assert_terminal_restored(&mut s, "after a suspend and q");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO
    );
}

/// `kill -TSTP` does what `Ctrl-z` does, and a SIGCONT — whether the board was stopped
/// or not — only makes it take the terminal again and redraw.
#[test]
fn sigtstp_suspends_like_ctrl_z_and_sigcont_never_ends_the_board() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    let mark = s.mark();
    s.signal(Signal::CONT);
    assert_resumed(&mut s, mark, "after a SIGCONT while running");
    assert!(
        s.child.try_wait().expect("try_wait").is_none(),
        "a SIGCONT ended the board"
    );
    s.signal(Signal::TSTP);
    assert_suspended(&mut s, "after SIGTSTP");
    let mark = s.mark();
    s.signal(Signal::CONT);
    assert_resumed(&mut s, mark, "after SIGTSTP and SIGCONT");
    s.keys("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "exit status {status}; the screen:\n{}",
        s.text()
    );
    assert_terminal_restored(&mut s, "after SIGTSTP, SIGCONT and q");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO
    );
}
