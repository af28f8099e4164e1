//! End-to-end: the real binary in a pseudo-terminal. Keys are typed as a person would,
//! the screen is read back through a terminal emulator (`vt100`), and after every way
//! out — a quit, a panic — the terminal must be handed back as it was found: normal
//! screen, mouse released, cursor shown, cooked mode (canonical input with echo).
//!
//! The pty is opened with `rustix` (already in the tree through crossterm), the child
//! gets it as stdin, stdout, stderr and controlling terminal, and the test keeps the
//! master: it writes keys there, reads every byte the program writes, and reads the
//! terminal modes back from it (on a pty the master reports the slave's modes).

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, Termios, Winsize};

use crate::common::{self, DEMO, align_process, crate_root, demo_dir};

const ROWS: NonZeroU16 = NonZeroU16::new(40).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(120).unwrap();
/// How long any one wait may take before the test gives up (and kills the child).
const PATIENCE: Duration = Duration::from_secs(10);
const TODAY: &[&str] = &["--today", common::TODAY];

const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
const ENABLE_MOUSE: &str = "\x1b[?1000h";
/// What crossterm's `DisableMouseCapture` writes: the inverse of each mode it enables.
const DISABLE_MOUSE: &[&str] = &[
    "\x1b[?1006l",
    "\x1b[?1015l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
];

const ENABLE_PASTE: &str = "\x1b[?2004h";
const DISABLE_PASTE: &str = "\x1b[?2004l";

/// Everything the program has written to the terminal, and whether the pty has closed
/// (every copy of the slave side is gone: the program and its children have exited).
#[derive(Default)]
struct Written {
    bytes: Vec<u8>,
    closed: bool,
}

/// The binary running in a fresh pty of `ROWS`×`COLS`, in the tests' own environment
/// (`common::isolate`) with `TERM=xterm-256color`.
struct Session {
    /// The master side; `None` once [`Session::hang_up`] closed it.
    master: Option<File>,
    child: Child,
    /// Tells the reader thread to let go of its copy of the master side.
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    written: Arc<Mutex<Written>>,
    /// How many of `written.bytes` the emulator has seen.
    parsed: usize,
    screen: vt100::Parser,
}

impl Session {
    fn spawn(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let master =
            rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
                .expect("openpt");
        rustix::pty::grantpt(&master).expect("grantpt");
        rustix::pty::unlockpt(&master).expect("unlockpt");
        let name = rustix::pty::ptsname(&master, Vec::new()).expect("ptsname");
        let slave: OwnedFd = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("open the pty's slave side");
        let size = Winsize {
            ws_row: ROWS.get(),
            ws_col: COLS.get(),
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&slave, size).expect("set the pty's size");
        assert_cooked(
            &rustix::termios::tcgetattr(&slave).expect("tcgetattr"),
            "a new pty",
        );

        let mut command = align_process(cwd);
        command
            .args(args)
            .env("TERM", "xterm-256color")
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().expect("dup slave")))
            .stdout(Stdio::from(slave.try_clone().expect("dup slave")))
            .stderr(Stdio::from(slave));
        // SAFETY: between fork and exec the closure only makes two system calls, both
        // async-signal-safe (rustix calls the kernel directly; nothing allocates or locks).
        #[allow(unsafe_code)]
        unsafe {
            command.pre_exec(|| {
                // A session of its own with the pty as its controlling terminal, as a
                // terminal emulator does, so `/dev/tty` in the child is this pty.
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(BorrowedFd::borrow_raw(0))?;
                Ok(())
            });
        }
        let child = command.spawn().expect("spawn align in the pty");
        // The command holds our copies of the slave side; without dropping it the pty
        // would never close and the reader would never see the end.
        drop(command);

        let master = File::from(master);
        let written = Arc::new(Mutex::new(Written::default()));
        let mut reader = master.try_clone().expect("dup master");
        let sink = Arc::clone(&written);
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Wait in short steps, so a hang-up can take this copy of the master away.
                let mut fds = [PollFd::new(&reader, PollFlags::IN)];
                let step = Timespec {
                    tv_sec: 0,
                    tv_nsec: 20_000_000,
                };
                let ready = poll(&mut fds, Some(&step)).unwrap_or(1);
                if stopping.load(Ordering::SeqCst) {
                    return;
                }
                if ready == 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().bytes.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    // Linux answers EIO once the last slave descriptor is closed.
                    Err(_) => break,
                }
            }
            sink.lock().unwrap().closed = true;
        });

        Session {
            master: Some(master),
            child,
            stop,
            reader: Some(reader),
            written,
            parsed: 0,
            screen: vt100::Parser::new(ROWS, COLS, 0),
        }
    }

    /// Feed what arrived since the last call to the emulator; true once the pty closed.
    fn pump(&mut self) -> bool {
        let written = self.written.lock().unwrap();
        self.screen.process(&written.bytes[self.parsed..]);
        self.parsed = written.bytes.len();
        written.closed
    }

    fn text(&mut self) -> String {
        self.pump();
        self.screen.screen().contents()
    }

    /// Poll the screen until `ready` holds; fail (with the screen) after `PATIENCE`.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let closed = self.pump();
            if ready(self.screen.screen()) {
                return;
            }
            if closed || Instant::now() > deadline {
                let why = if closed {
                    "the pty closed"
                } else {
                    "timed out"
                };
                panic!(
                    "{why} waiting for {what}; the screen:\n{}",
                    self.screen.screen().contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_text(&mut self, needle: &str) {
        self.wait_for(&format!("{needle:?}"), |s| s.contents().contains(needle));
    }

    /// Type into the terminal, as keys would.
    fn keys(&mut self, keys: &str) {
        let master = self.master.as_mut().expect("the terminal is open");
        master.write_all(keys.as_bytes()).expect("type keys");
        master.flush().expect("type keys");
    }

    /// The terminal's modes as the program left them.
    fn termios(&self) -> Termios {
        let master = self.master.as_ref().expect("the terminal is open");
        rustix::termios::tcgetattr(master).expect("tcgetattr on the pty")
    }

    /// Close the terminal the way a closed window or a killed tmux pane does: every copy
    /// of the master side goes, and the kernel hangs up the program's terminal.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        self.master = None;
    }

    /// Wait for the program to exit after a hang-up (nothing left to read or drain);
    /// kill it and fail if it is still running after `PATIENCE`.
    fn wait_exit_after_hang_up(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "align was still running {PATIENCE:?} after its terminal hung up; killed it"
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait for the program to exit and for the pty to drain; kill it and fail if it
    /// takes longer than `PATIENCE`.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "align did not exit within {PATIENCE:?}; killed it. The screen:\n{}",
                    self.text()
                );
            }
            thread::sleep(Duration::from_millis(20));
        };
        while !self.pump() {
            assert!(
                Instant::now() < deadline,
                "align exited ({status}) but the pty stayed open"
            );
            thread::sleep(Duration::from_millis(10));
        }
        status
    }

    /// Every byte the program wrote, lossily as text.
    fn written(&self) -> String {
        String::from_utf8_lossy(&self.written.lock().unwrap().bytes).into_owned()
    }
}

impl Drop for Session {
    /// A failed test never leaves the program running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn assert_cooked(t: &Termios, when: &str) {
    assert!(
        t.local_modes.contains(LocalModes::ICANON),
        "{when}: ICANON is off (the terminal is still raw): {:?}",
        t.local_modes
    );
    assert!(
        t.local_modes.contains(LocalModes::ECHO),
        "{when}: ECHO is off: {:?}",
        t.local_modes
    );
}

/// After the program is gone: it entered the alternate screen and left it again, the
/// mouse was released after it was captured, bracketed paste turned off after it was
/// turned on, and the emulator agrees (normal screen,
/// no mouse reporting, cursor visible), and the pty is back in cooked mode.
fn assert_terminal_restored(s: &mut Session, when: &str) {
    let out = s.written();
    let enter = out
        .rfind(ENTER_ALT_SCREEN)
        .unwrap_or_else(|| panic!("{when}: never entered the alternate screen"));
    let leave = out
        .rfind(LEAVE_ALT_SCREEN)
        .unwrap_or_else(|| panic!("{when}: never left the alternate screen"));
    assert!(
        enter < leave,
        "{when}: the last thing done to the alternate screen was entering it"
    );
    let captured = out
        .rfind(ENABLE_MOUSE)
        .unwrap_or_else(|| panic!("{when}: never captured the mouse"));
    for seq in DISABLE_MOUSE {
        assert!(
            out[captured..].contains(seq),
            "{when}: mouse capture not undone: no {seq:?} after it was enabled"
        );
    }
    let pasting = out
        .rfind(ENABLE_PASTE)
        .unwrap_or_else(|| panic!("{when}: bracketed paste was never enabled"));
    assert!(
        out[pasting..].contains(DISABLE_PASTE),
        "{when}: bracketed paste left on"
    );
    s.pump();
    let screen = s.screen.screen();
    assert!(
        !screen.alternate_screen(),
        "{when}: still on the alternate screen"
    );
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{when}: the mouse is still reported"
    );
    assert!(!screen.hide_cursor(), "{when}: the cursor is left hidden");
    assert_cooked(&s.termios(), when);
}

fn board_shown(s: &vt100::Screen) -> bool {
    s.alternate_screen() && s.contents().contains("Tasks (")
}

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
    // Tasks start sorted by score with T-103 (linked to retention/churn) selected; the
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
            && line.contains(r#""retention/churn""#)
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
    s.wait_for_text("Rename T-103");
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
