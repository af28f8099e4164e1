//! The harness of the pty tests: the binary in a fresh pseudo-terminal ([`Session`]),
//! keys typed on its master side, the screen read back through `vt100`, and the checks
//! that the terminal was handed back as it was found.
//!
//! The pty is opened with `rustix` (already in the tree through crossterm), the child
//! gets it as stdin, stdout, stderr and controlling terminal, and the test keeps the
//! master: it writes keys there, reads every byte the program writes, and reads the
//! terminal modes back from it (on a pty the master reports the slave's modes).

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, Termios, Winsize};

use crate::common::{self, align_process};

pub(super) const ROWS: NonZeroU16 = NonZeroU16::new(40).unwrap();
pub(super) const COLS: NonZeroU16 = NonZeroU16::new(120).unwrap();
/// How long any one wait may take before the test gives up (and kills the child).
pub(super) const PATIENCE: Duration = Duration::from_secs(10);
pub(super) const TODAY: &[&str] = &["--today", common::TODAY];

pub(super) const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
pub(super) const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
pub(super) const ENABLE_MOUSE: &str = "\x1b[?1000h";
/// What crossterm's `DisableMouseCapture` writes: the inverse of each mode it enables.
pub(super) const DISABLE_MOUSE: &[&str] = &[
    "\x1b[?1006l",
    "\x1b[?1015l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
];

pub(super) const ENABLE_PASTE: &str = "\x1b[?2004h";
pub(super) const DISABLE_PASTE: &str = "\x1b[?2004l";

/// Everything the program has written to the terminal, and whether the pty has closed
/// (every copy of the slave side is gone: the program and its children have exited).
#[derive(Default)]
struct Written {
    bytes: Vec<u8>,
    closed: bool,
}

/// The binary running in a fresh pty of `ROWS`×`COLS`, in the tests' own environment
/// (`common::isolate`) with `TERM=xterm-256color`.
pub(super) struct Session {
    /// The master side; `None` once [`Session::hang_up`] closed it.
    master: Option<File>,
    pub(super) child: Child,
    /// Tells the reader thread to let go of its copy of the master side.
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    written: Arc<Mutex<Written>>,
    /// How many of `written.bytes` the emulator has seen.
    parsed: usize,
    screen: vt100::Parser,
}

impl Session {
    pub(super) fn spawn(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
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
    pub(super) fn pump(&mut self) -> bool {
        let written = self.written.lock().unwrap();
        self.screen.process(&written.bytes[self.parsed..]);
        self.parsed = written.bytes.len();
        written.closed
    }

    pub(super) fn text(&mut self) -> String {
        self.pump();
        self.screen.screen().contents()
    }

    /// Poll the screen until `ready` holds; fail (with the screen) after `PATIENCE`.
    pub(super) fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
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

    pub(super) fn wait_for_text(&mut self, needle: &str) {
        self.wait_for(&format!("{needle:?}"), |s| s.contents().contains(needle));
    }

    /// Type into the terminal, as keys would.
    pub(super) fn keys(&mut self, keys: &str) {
        let master = self.master.as_mut().expect("the terminal is open");
        master.write_all(keys.as_bytes()).expect("type keys");
        master.flush().expect("type keys");
    }

    /// The terminal's modes as the program left them.
    pub(super) fn termios(&self) -> Termios {
        let master = self.master.as_ref().expect("the terminal is open");
        rustix::termios::tcgetattr(master).expect("tcgetattr on the pty")
    }

    /// Close the terminal the way a closed window or a killed tmux pane does: every copy
    /// of the master side goes, and the kernel hangs up the program's terminal.
    pub(super) fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        self.master = None;
    }

    /// Wait for the program to exit after a hang-up (nothing left to read or drain);
    /// kill it and fail if it is still running after `PATIENCE`.
    pub(super) fn wait_exit_after_hang_up(&mut self) -> ExitStatus {
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
    pub(super) fn wait_exit(&mut self) -> ExitStatus {
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

    /// The program's process id, for signals and `/proc`.
    pub(super) fn pid(&self) -> Pid {
        Pid::from_child(&self.child)
    }

    /// Send the program `signal`.
    pub(super) fn signal(&self, signal: Signal) {
        kill_process(self.pid(), signal).expect("send a signal to align");
    }

    /// The program's state and the CPU time it has used so far (user and system), from
    /// `/proc/PID/stat`: `R` running, `S` sleeping, `T` stopped…
    pub(super) fn stat(&self) -> (char, Duration) {
        let path = format!("/proc/{}/stat", self.pid().as_raw_nonzero());
        let stat = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The command's name is in parentheses and may hold spaces: count after it.
        let rest = &stat[stat.rfind(')').expect("(comm) in /proc/PID/stat") + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let state = fields[0].chars().next().expect("a state");
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        let per_second = rustix::param::clock_ticks_per_second();
        (state, Duration::from_millis(ticks * 1000 / per_second))
    }

    /// The CPU time the program uses while the test waits `window`.
    pub(super) fn cpu_during(&self, window: Duration) -> Duration {
        let (_, before) = self.stat();
        thread::sleep(window);
        let (_, after) = self.stat();
        after.saturating_sub(before)
    }

    /// Wait until the program's state (see [`Session::stat`]) is `state`; fail after
    /// `PATIENCE`.
    pub(super) fn wait_for_state(&mut self, state: char, what: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (now, _) = self.stat();
            if now == state {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: align is in state {now}, not {state}, after {PATIENCE:?}; the screen:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// How long the program takes to exit after `signal`, measured by polling every
    /// millisecond (the exit status is left for [`Session::wait_exit`]); fail after
    /// `PATIENCE`.
    pub(super) fn time_to_exit_after(&mut self, signal: Signal) -> Duration {
        let sent = Instant::now();
        self.signal(signal);
        loop {
            // `waitid` with WNOWAIT: see the exit without reaping the child.
            let exited = rustix::process::waitid(
                rustix::process::WaitId::Pid(self.pid()),
                rustix::process::WaitIdOptions::EXITED
                    | rustix::process::WaitIdOptions::NOHANG
                    | rustix::process::WaitIdOptions::NOWAIT,
            )
            .expect("waitid")
            .is_some();
            if exited {
                return sent.elapsed();
            }
            assert!(
                sent.elapsed() < PATIENCE,
                "align did not exit within {PATIENCE:?} of a signal; the screen:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// How many bytes the program has written so far: a mark for [`Session::written_since`].
    pub(super) fn mark(&self) -> usize {
        self.written.lock().unwrap().bytes.len()
    }

    /// What the program wrote after `mark`, lossily as text.
    pub(super) fn written_since(&self, mark: usize) -> String {
        String::from_utf8_lossy(&self.written.lock().unwrap().bytes[mark..]).into_owned()
    }

    /// Every byte the program wrote, lossily as text.
    pub(super) fn written(&self) -> String {
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

pub(super) fn assert_cooked(t: &Termios, when: &str) {
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
pub(super) fn assert_terminal_restored(s: &mut Session, when: &str) {
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

pub(super) fn board_shown(s: &vt100::Screen) -> bool {
    s.alternate_screen() && s.contents().contains("Tasks (")
}
