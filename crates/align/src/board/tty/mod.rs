//! The board's terminal as a source of bytes. The board reads its terminal itself and
//! decodes what comes ([`decode`]) instead of asking crossterm 0.29, whose reader gets
//! three things wrong for a board that must never hang: it reads at most 1,024 bytes
//! per readiness of an edge-triggered poll, so the rest of a longer burst waits unread
//! until the next key comes; it reads a blocking descriptor again when a read ended
//! inside an escape sequence (`ESC [`, which `Alt-[` sends), sitting there — no ticks,
//! no signals — until the next key; and once its terminal hangs up, its read loop spins
//! at full CPU for ever (crossterm-rs/crossterm#793).
//!
//! Here the terminal is waited on with a level-triggered `poll` together with the
//! signals' wake-up pipe, with a timeout, and read only when it has bytes, from a
//! non-blocking descriptor of its own where the system gives one: every byte that
//! arrives is read, a read never blocks, and a terminal that hung up is seen as gone.

#[cfg(unix)]
pub mod decode;

use std::io;
#[cfg(unix)]
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
#[cfg(unix)]
use std::time::Duration;

/// What waiting on the terminal found.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Input is there to read.
    Ready,
    /// A signal arrived (its wake-up pipe is readable).
    Signal,
    /// Nothing came within the time.
    Quiet,
    /// The terminal hung up or is no longer a usable descriptor.
    Gone,
}

/// What one read found.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// This many bytes.
    Bytes(usize),
    /// Nothing after all (another reader took it, or a signal interrupted the read).
    Nothing,
    /// The terminal hung up.
    Gone,
}

/// The terminal on stdin, read without ever blocking.
#[cfg(unix)]
pub struct Tty {
    /// A descriptor of our own for the terminal, opened non-blocking: the flag lives in
    /// the open file, and setting it on stdin would set it for the shell too. `None`
    /// when the terminal cannot be opened by name; stdin is read then, only after
    /// `poll` said it has bytes, so a read still returns at once.
    own: Option<OwnedFd>,
}

#[cfg(unix)]
impl Tty {
    /// The terminal on stdin (the board opens only on one).
    pub fn open() -> Tty {
        use rustix::fs::{Mode, OFlags, open};
        let own = rustix::termios::ttyname(io::stdin(), Vec::new())
            .and_then(|name| {
                open(
                    name.as_c_str(),
                    OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
                    Mode::empty(),
                )
            })
            .ok()
            .filter(|fd| rustix::termios::isatty(fd));
        Tty { own }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.own {
            Some(fd) => fd.as_fd(),
            None => rustix::stdio::stdin(),
        }
    }

    /// Wait up to `timeout` for input, or for a byte on `wake` (a signal arrived).
    pub fn wait(&self, wake: BorrowedFd<'_>, timeout: Duration) -> io::Result<Wait> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let tty = self.fd();
        let mut fds = [
            PollFd::new(&tty, PollFlags::IN),
            PollFd::new(&wake, PollFlags::IN),
        ];
        let timeout = Timespec::try_from(timeout).unwrap_or(Timespec {
            tv_sec: 1,
            tv_nsec: 0,
        });
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => Ok(Wait::Quiet),
            Ok(_) if !fds[1].revents().is_empty() => Ok(Wait::Signal),
            Ok(_) => Ok(judge(fds[0].revents())),
            // A signal: its handler wrote to `wake`, which the next wait sees.
            Err(rustix::io::Errno::INTR) => Ok(Wait::Signal),
            Err(e) => Err(e.into()),
        }
    }

    /// Read what the terminal has, once: call after [`Tty::wait`] said it has input.
    pub fn read(&self, buf: &mut [u8]) -> io::Result<Read> {
        use rustix::io::Errno;
        match rustix::io::read(self.fd(), buf) {
            // In raw mode only a hung-up terminal reads as its end; in cooked mode (the
            // terminal changed under the board) Ctrl-d does too, and is nothing.
            Ok(0) if gone_fd(self.fd())? => Ok(Read::Gone),
            Ok(0) => Ok(Read::Nothing),
            Ok(n) => Ok(Read::Bytes(n)),
            Err(Errno::AGAIN | Errno::INTR) => Ok(Read::Nothing),
            // What Linux answers once the terminal hung up.
            Err(Errno::IO) => Ok(Read::Gone),
            Err(e) => Err(e.into()),
        }
    }
}

/// Is the terminal on stdin gone? A look that does not wait.
#[cfg(unix)]
pub fn gone() -> io::Result<bool> {
    gone_fd(rustix::stdio::stdin())
}

#[cfg(unix)]
fn gone_fd(fd: BorrowedFd<'_>) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    match poll(&mut fds, Some(&Timespec::default())) {
        Ok(0) | Err(rustix::io::Errno::INTR) => Ok(false),
        Ok(_) => Ok(judge(fds[0].revents()) == Wait::Gone),
        Err(e) => Err(e.into()),
    }
}

/// Off Unix the terminal is crossterm's to read; it is gone when crossterm says so.
#[cfg(not(unix))]
pub fn gone() -> io::Result<bool> {
    Ok(false)
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
