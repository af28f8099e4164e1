//! The signals the board answers while it runs. A `kill`, a closed terminal window
//! (SIGHUP) or SIGQUIT ends it the way `q` does; SIGTSTP (`kill -TSTP`, and the board's
//! own `Ctrl-z`) suspends it; SIGCONT (`fg`) has it take the terminal again and redraw;
//! SIGWINCH is a resize. A handler only raises a flag and writes a byte to a pipe
//! (signal-hook's registrations, nothing else runs in the handler); the loop waits on
//! that pipe together with the terminal, so it sees a signal at once, acts on it and,
//! for an ending, restores the terminal on the way out like on every other exit. A
//! second ending signal while the first is being handled ends the process at once, so
//! a board that cannot get out (a stuck write to a vanished terminal) can still be
//! stopped.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signals that end the board. SIGINT is among them for a `kill -INT` from outside:
/// in the board's raw mode `Ctrl-c` is a key, not a signal.
#[cfg(unix)]
const ENDING: &[i32] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGINT,
];

/// What arrived while the board runs.
pub struct Signals {
    /// The signal that asked the board to end (0: none yet).
    caught: Arc<AtomicUsize>,
    /// Set by the first ending signal: a second one exits at once.
    armed: Arc<AtomicBool>,
    /// SIGTSTP: hand the terminal back and stop.
    stop: Arc<AtomicBool>,
    /// SIGCONT: the board was stopped; take the terminal again.
    resumed: Arc<AtomicBool>,
    /// SIGWINCH: the terminal's size changed.
    resized: Arc<AtomicBool>,
    /// Readable once any of them arrived; the loop waits on it.
    #[cfg(unix)]
    wake: std::os::unix::net::UnixStream,
}

impl Signals {
    /// Listen for the signals (nothing to listen for off Unix).
    pub fn listen() -> io::Result<Signals> {
        #[cfg(unix)]
        let (wake, waker) = std::os::unix::net::UnixStream::pair()?;
        let signals = Signals {
            caught: Arc::new(AtomicUsize::new(0)),
            armed: Arc::new(AtomicBool::new(false)),
            stop: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
            resized: Arc::new(AtomicBool::new(false)),
            #[cfg(unix)]
            wake,
        };
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
            use signal_hook::{flag, low_level::pipe};
            signals.wake.set_nonblocking(true)?;
            for &signal in ENDING {
                // The order matters: the exit is checked before the first signal arms it.
                flag::register_conditional_shutdown(
                    signal,
                    128 + signal,
                    Arc::clone(&signals.armed),
                )?;
                flag::register(signal, Arc::clone(&signals.armed))?;
                flag::register_usize(signal, Arc::clone(&signals.caught), signal as usize)?;
            }
            flag::register(SIGTSTP, Arc::clone(&signals.stop))?;
            flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
            flag::register(SIGWINCH, Arc::clone(&signals.resized))?;
            // Last, so the flags are up when the loop wakes.
            for &signal in ENDING.iter().chain(&[SIGTSTP, SIGCONT, SIGWINCH]) {
                pipe::register(signal, waker.try_clone()?)?;
            }
        }
        Ok(signals)
    }

    /// The signal that asked the board to end, if one has.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// Whether a SIGTSTP asked the board to stop since the last look.
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::SeqCst)
    }

    /// Stop as on SIGTSTP (when the signal could not be sent).
    #[cfg(unix)]
    pub fn ask_stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Whether a SIGCONT came since the last look.
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }

    /// Whether a SIGWINCH came since the last look.
    pub fn take_resized(&self) -> bool {
        self.resized.swap(false, Ordering::SeqCst)
    }

    /// What the loop waits on besides the terminal.
    #[cfg(unix)]
    pub fn wake(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd;
        self.wake.as_fd()
    }

    /// Empty the wake-up pipe once its signals are seen to (the flags say which came).
    #[cfg(unix)]
    pub fn drain(&self) {
        use std::io::Read;
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }
}

impl Drop for Signals {
    /// Once the board is closed a signal ends the process at once, as it would have
    /// without the board (the handlers stay installed: removing them would leave the
    /// signals ignored).
    fn drop(&mut self) {
        self.armed.store(true, Ordering::SeqCst);
    }
}
