//! A `kill`, a closed terminal window (SIGHUP) or SIGQUIT ends the board the way `q`
//! does: the signal only raises a flag (signal-hook's flag registration, nothing else
//! runs in the handler), the loop sees it within one tick, returns, and the terminal is
//! restored on the way out like on every other exit. A second signal while the first
//! is being handled ends the process at once, so a board that cannot get out (a stuck
//! write to a vanished terminal) can still be stopped.

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

/// Which ending signal arrived, if one did, while the board runs.
pub struct Signals {
    caught: Arc<AtomicUsize>,
    /// Set by the first signal: a second one exits at once.
    armed: Arc<AtomicBool>,
}

impl Signals {
    /// Listen for the ending signals (nothing to listen for off Unix).
    pub fn listen() -> io::Result<Signals> {
        let signals = Signals {
            caught: Arc::new(AtomicUsize::new(0)),
            armed: Arc::new(AtomicBool::new(false)),
        };
        #[cfg(unix)]
        for &signal in ENDING {
            use signal_hook::flag;
            // The order matters: the exit is checked before the first signal arms it.
            flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&signals.armed))?;
            flag::register(signal, Arc::clone(&signals.armed))?;
            flag::register_usize(signal, Arc::clone(&signals.caught), signal as usize)?;
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
}

impl Drop for Signals {
    /// Once the board is closed a signal ends the process at once, as it would have
    /// without the board (the handlers stay installed: removing them would leave the
    /// signals ignored).
    fn drop(&mut self) {
        self.armed.store(true, Ordering::SeqCst);
    }
}
