//! End-to-end: the real binary in a pseudo-terminal. Keys are typed as a person would,
//! the screen is read back through a terminal emulator (`vt100`), and after every way
//! out — a quit, a panic, a signal — the terminal must be handed back as it was found:
//! normal screen, mouse released, cursor shown, cooked mode (canonical input with echo).
//! The harness is [`session`]; how the board reads its terminal (bursts of input,
//! escape sequences cut short, a quiet board) is tested in [`input`], handing the
//! terminal back for a suspend (`Ctrl-z`, SIGTSTP) in [`suspend`], and to the person's
//! editor (`E`) in [`forms`].

mod forms;
mod input;
mod session;
mod suspend;

use std::os::unix::process::ExitStatusExt;

use rustix::termios::LocalModes;

use session::{
    ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, Session, TODAY, assert_cooked, assert_terminal_restored,
    board_shown,
};

use crate::common::{DEMO, crate_root, demo_dir};

#[test]
fn links_a_task_with_keys_and_restores_the_terminal() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    // The probe reads the program's modes: while the board runs they are raw.
    let raw = s.termios();
    assert!(
        !raw.local_modes.contains(LocalModes::ICANON)
            && !raw.local_modes.contains(LocalModes::ECHO),
        "the board runs in raw mode: {:?}",
        raw.local_modes
    );
    // Tasks start sorted by score with T-103 (linked to retention/kr1) selected; the
    // goal tree starts on grow-shops. Tab focuses the goals, `l` links the two.
    let first_task = s.text().lines().find_map(|l| {
        l.split_whitespace()
            .find(|w| w.starts_with("T-"))
            .map(str::to_owned)
    });
    assert_eq!(first_task.as_deref(), Some("T-103"), "{}", s.text());
    s.keys("\t");
    s.keys("l");
    s.wait_for_text("linked T-103 → grow-shops · saved");
    s.keys("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "exit status {status}; the screen:\n{}",
        s.text()
    );

    let after = std::fs::read_to_string(dir.path().join("align.toml")).unwrap();
    let before: Vec<&str> = DEMO.lines().collect();
    let after: Vec<&str> = after.lines().collect();
    assert_eq!(before.len(), after.len(), "the save added or removed lines");
    let task = before
        .iter()
        .position(|l| *l == r#"id = "T-103""#)
        .expect("T-103 in the demo");
    let goals = task
        + before[task..]
            .iter()
            .position(|l| l.starts_with("goals = "))
            .expect("T-103 has a goals line");
    let changed: Vec<usize> = (0..before.len())
        .filter(|&i| before[i] != after[i])
        .collect();
    assert_eq!(
        changed,
        vec![goals],
        "only T-103's goals line may change; changed: {:?}",
        changed.iter().map(|&i| after[i]).collect::<Vec<_>>()
    );
    let line = after[goals];
    assert!(
        line.starts_with("goals = [")
            && line.contains(r#""retention/kr1""#)
            && line.contains(r#""grow-shops""#),
        "T-103's goals line: {line}"
    );

    assert_terminal_restored(&mut s, "after q");
}

#[test]
fn a_panic_inside_the_board_restores_the_terminal() {
    // The binary shares this test's profile; only debug builds honour ALIGN_TEST_PANIC.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: ALIGN_TEST_PANIC works in debug builds only");
        return;
    }
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[("ALIGN_TEST_PANIC", "1")]);
    s.wait_for("the board", board_shown);
    s.keys("j");
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(101), "exit status {status}");
    assert_eq!(status.signal(), None);
    let out = s.written();
    let report = out
        .find("ALIGN_TEST_PANIC")
        .unwrap_or_else(|| panic!("no panic report in the output:\n{out}"));
    // The report is printed on the normal screen, where it stays readable.
    let leave = out
        .rfind(LEAVE_ALT_SCREEN)
        .expect("left the alternate screen");
    assert!(
        leave < report,
        "the panic report went to the alternate screen"
    );
    assert!(s.text().contains("ALIGN_TEST_PANIC"), "{}", s.text());
    assert_terminal_restored(&mut s, "after a panic");
    // Nothing was typed that could have changed the file.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO
    );
}

#[test]
fn no_workspace_gives_a_friendly_message() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        !dir.path()
            .ancestors()
            .any(|d| d.join("align.toml").is_file()),
        "an align.toml above {} would be found",
        dir.path().display()
    );
    let mut s = Session::spawn(dir.path(), &[], &[]);
    let status = s.wait_exit();
    let text = s.text();
    assert_eq!(
        status.code(),
        Some(2),
        "exit status {status}; the screen:\n{text}"
    );
    assert!(text.contains("align init"), "{text}");
    assert!(text.contains("align demo"), "{text}");
    // It failed before touching the terminal.
    assert!(!s.written().contains(ENTER_ALT_SCREEN));
    assert_cooked(&s.termios(), "after the message");
}

#[test]
fn demo_opens_a_scratch_copy() {
    let bundled = crate_root().join("../../assets/demo.toml");
    let before = std::fs::read(&bundled).unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let mut args = vec!["demo"];
    args.extend(TODAY);
    let mut s = Session::spawn(cwd.path(), &args, &[]);
    s.wait_for("the demo board", |screen| {
        board_shown(screen) && screen.contents().contains("Parcelwise")
    });
    s.keys("q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "exit status {status}; the screen:\n{}",
        s.text()
    );
    assert_terminal_restored(&mut s, "after q in the demo");
    assert_eq!(
        std::fs::read(&bundled).unwrap(),
        before,
        "the bundled demo changed"
    );
    // The scratch copy lives in its own temporary directory, not the current one.
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
}

/// `kill` (SIGTERM) and a closed terminal window (SIGHUP) end the board as `q` does:
/// the terminal is handed back, and the exit status is the shell's 128 + the signal.
#[test]
fn sigterm_and_sighup_end_the_board_and_restore_the_terminal() {
    use rustix::process::{Pid, Signal, kill_process};
    for (signal, name, number) in [(Signal::TERM, "SIGTERM", 15), (Signal::HUP, "SIGHUP", 1)] {
        let dir = demo_dir();
        let mut s = Session::spawn(dir.path(), TODAY, &[]);
        s.wait_for("the board", board_shown);
        kill_process(Pid::from_child(&s.child), signal).expect("send the signal");
        let status = s.wait_exit();
        assert_eq!(
            status.code(),
            Some(128 + number),
            "after {name}: exit status {status}; the screen:\n{}",
            s.text()
        );
        assert_terminal_restored(&mut s, &format!("after {name}"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
            DEMO
        );
    }
}

/// A terminal that goes away under the board (a closed window, a killed tmux pane)
/// ends it: the board neither outlives its terminal nor spins at full CPU on it (as
/// crossterm alone does, reading nothing from a hung-up tty forever), and the file is
/// left as it was.
#[test]
fn a_terminal_that_hangs_up_ends_the_board() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    s.hang_up();
    let status = s.wait_exit_after_hang_up();
    // The kernel's SIGHUP (128 + 1), or the board seeing the hang-up first (0).
    assert!(
        matches!(status.code(), Some(0 | 129)),
        "exit status after the hang-up: {status}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO
    );
}

/// A paste into a form is text in its field: the line break in it neither submits the
/// form nor reaches the board as keys (`x` would advance a task).
#[test]
fn a_paste_into_a_form_is_text_not_keys() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    s.keys("e");
    s.wait_for_text("Edit T-103");
    s.keys("\x1b[200~ pasted\nx\x1b[201~");
    s.wait_for_text("failed card payments pasted x");
    s.keys("\x1b");
    s.wait_for_text("cancelled: nothing changed");
    // In normal mode a paste does nothing at all.
    s.keys("\x1b[200~xd\x1b[201~");
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        DEMO,
        "nothing was saved"
    );
    assert_terminal_restored(&mut s, "after a paste and q");
}

/// Warnings printed before the board opens (the config file's, its keys', the
/// workspace's) are hidden behind it: the board counts them in its status bar, and
/// they are all on the terminal after it closes.
#[test]
fn warnings_from_before_the_board_are_counted_on_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("align.toml"),
        format!(
            "surprise = true\n{}",
            DEMO.replacen(
                "owner = \"maya\"\n",
                "owner = \"maya\"\nestimate_source = \"poker\"\n",
                1
            )
        ),
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "colour = 1\n[keys]\nundo = \"x\"\n").unwrap();
    let mut s = Session::spawn(
        dir.path(),
        TODAY,
        &[("ALIGN_CONFIG", config.to_str().unwrap())],
    );
    s.wait_for("the board", board_shown);
    // An unknown key in a task (kept on write) is the fourth.
    s.wait_for_text("4 warnings (all on stderr after you quit)");
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    let text = s.text();
    for w in [
        "\"colour\"",
        "advance_status",
        "surprise",
        "estimate_source",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("warning: ") && l.contains(w)),
            "no warning about {w} after the board closed:\n{text}"
        );
    }
    assert_terminal_restored(&mut s, "after q");
}

#[test]
fn an_organisation_opens_on_its_rollup_and_walks_its_teams() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("acme");
    copy_dir(&crate_root().join("tests/fixtures/org/acme"), &org);
    let mut s = Session::spawn(dir.path(), &["acme", "--today", crate::common::TODAY], &[]);
    s.wait_for_text("orphan: no team works on it");
    assert!(s.text().contains("4 Roll-up"), "{}", s.text());
    s.keys("t");
    s.wait_for_text("growth 1/3");
    s.keys("o");
    s.wait_for_text("the whole organisation");
    s.keys("1");
    s.wait_for_text("payments:T-101");
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}:\n{}", s.text());
    assert_terminal_restored(&mut s, "after q on an organisation");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
