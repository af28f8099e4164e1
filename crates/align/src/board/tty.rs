//! Waiting for the terminal. crossterm 0.29 never returns from `event::poll` once its
//! terminal is gone — a closed window, a killed tmux pane: a hung-up tty stays readable
//! while every read gives nothing, and its read loop retries forever at full CPU
//! (crossterm-rs/crossterm#793). So the board waits on the terminal itself and asks
//! crossterm for an event only while the terminal is still there; a terminal that hung
//! up ends the board the way `q` does (there is no screen left to restore).

use std::io;
use std::time::Duration;

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Input is there to read.
    Ready,
    /// Nothing came within the time.
    Quiet,
    /// The terminal hung up or is no longer a usable descriptor.
    Gone,
}

/// Wait up to `timeout` for input on the board's terminal (stdin: the board only opens
/// on one).
#[cfg(unix)]
pub fn wait(timeout: Duration) -> io::Result<Wait> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).unwrap_or(Timespec {
        tv_sec: 1,
        tv_nsec: 0,
    });
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) => Ok(Wait::Quiet),
        Ok(_) => Ok(judge(fds[0].revents())),
        // A signal: the caller looks at its flags and waits again.
        Err(rustix::io::Errno::INTR) => Ok(Wait::Quiet),
        Err(e) => Err(e.into()),
    }
}

/// Off Unix crossterm's own wait is used (the spin is in its Unix event source).
#[cfg(not(unix))]
pub fn wait(timeout: Duration) -> io::Result<Wait> {
    use ratatui::crossterm::event;
    Ok(if event::poll(timeout)? {
        Wait::Ready
    } else {
        Wait::Quiet
    })
}

/// Is the terminal still there? A look that does not wait.
pub fn gone() -> io::Result<bool> {
    Ok(wait(Duration::ZERO)? == Wait::Gone)
}

/// What poll's answer means: a hang-up or an error outweighs readable input (a hung-up
/// tty reports both).
#[cfg(unix)]
fn judge(revents: rustix::event::PollFlags) -> Wait {
    use rustix::event::PollFlags;
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        Wait::Gone
    } else if revents.contains(PollFlags::IN) {
        Wait::Ready
    } else {
        Wait::Quiet
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use rustix::event::PollFlags;

    #[test]
    fn a_hang_up_outweighs_readable_input() {
        assert_eq!(judge(PollFlags::IN), Wait::Ready);
        assert_eq!(judge(PollFlags::IN | PollFlags::HUP), Wait::Gone);
        assert_eq!(judge(PollFlags::ERR), Wait::Gone);
        assert_eq!(judge(PollFlags::NVAL), Wait::Gone);
        assert_eq!(judge(PollFlags::empty()), Wait::Quiet);
    }
}
