//! The real terminal as the loop's [`Console`]: what comes next — a decoded event, or a
//! tick of the clock.
//!
//! The wait is for whichever comes first: bytes from the terminal, a signal, the next
//! tick, or the end of the moment given to the rest of an escape sequence. So a quiet
//! board sleeps until its next tick (four a second, each only looking at the
//! workspace's stamps); a signal is seen at once; ticks come on time even while input
//! pours in, and never more often; and an unfinished escape sequence costs at most
//! [`ESCAPE_WAIT`].

use std::io;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::{execute, terminal};

use super::signals::Signals;
use super::{Console, Input};

/// How often the board looks whether the workspace changed on disk.
const TICK: Duration = Duration::from_millis(250);

/// How long the rest of an escape sequence may take once its start came, before what
/// came is taken as the key it is on its own (`ESC [` is `Alt-[`). A terminal writes a
/// sequence at once, so the rest only lags when a read cut it.
#[cfg(unix)]
const ESCAPE_WAIT: Duration = Duration::from_millis(50);

/// Release the mouse and bracketed paste. Errors are ignored: after a SIGHUP there may
/// be no terminal left to write to.
pub fn release_input() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// The terminal the board runs in.
pub struct RealConsole {
    signals: Signals,
    #[cfg(unix)]
    tty: super::tty::Tty,
    #[cfg(unix)]
    decoder: super::tty::decode::Decoder,
    /// When the rest of a held escape sequence stops being waited for.
    #[cfg(unix)]
    escape_deadline: Option<Instant>,
    next_tick: Instant,
    /// Debug builds only: panic on the first key, so the end-to-end test can prove the
    /// terminal survives a panic while the board runs.
    inject_panic: bool,
}

impl RealConsole {
    pub fn new(signals: Signals) -> RealConsole {
        RealConsole {
            signals,
            #[cfg(unix)]
            tty: super::tty::Tty::open(),
            #[cfg(unix)]
            decoder: super::tty::decode::Decoder::default(),
            #[cfg(unix)]
            escape_deadline: None,
            next_tick: Instant::now() + TICK,
            inject_panic: cfg!(debug_assertions) && std::env::var_os("ALIGN_TEST_PANIC").is_some(),
        }
    }

    /// The signal that ended the board, if one did.
    pub fn ending_signal(&self) -> Option<i32> {
        self.signals.caught()
    }

    fn event(&self, event: ratatui::crossterm::event::Event) -> Input {
        if self.inject_panic && matches!(event, ratatui::crossterm::event::Event::Key(_)) {
            panic!("ALIGN_TEST_PANIC: injected panic while the board runs");
        }
        Input::Event(event)
    }

    /// Read what the terminal has into the decoder. False when it has gone.
    #[cfg(unix)]
    fn read(&mut self) -> io::Result<bool> {
        use super::tty::{Read, Wait};
        let mut buf = [0u8; 4096];
        match self.tty.read(&mut buf)? {
            Read::Bytes(n) => {
                self.decoder.feed(&buf[..n]);
                // A lone ESC that nothing follows is the Esc key at once, as crossterm
                // has it: a terminal sends a sequence whole. Only the start of a longer
                // one waits for its rest.
                if self.decoder.holds_lone_escape()
                    && self.tty.wait(self.signals.wake(), Duration::ZERO)? != Wait::Ready
                {
                    self.decoder.expire();
                }
                self.escape_deadline = self.decoder.waiting().then(|| Instant::now() + ESCAPE_WAIT);
                Ok(true)
            }
            Read::Nothing => Ok(true),
            Read::Gone => Ok(false),
        }
    }
}

/// The loop borrows the console, so [`super::open`] can still ask it how the board ended.
impl Console for &mut RealConsole {
    fn next_input(&mut self) -> io::Result<Option<Input>> {
        (**self).next_input()
    }

    fn input_waiting(&mut self) -> io::Result<bool> {
        (**self).input_waiting()
    }
}

#[cfg(unix)]
impl Console for RealConsole {
    fn next_input(&mut self) -> io::Result<Option<Input>> {
        use super::tty::Wait;
        use ratatui::crossterm::event::Event;
        loop {
            // A signal asked the board to end: end as `q` does.
            if self.signals.caught().is_some() {
                return Ok(None);
            }
            if self.signals.take_resized() {
                let (width, height) = terminal::size()?;
                return Ok(Some(Input::Event(Event::Resize(width, height))));
            }
            let now = Instant::now();
            if now >= self.next_tick {
                self.next_tick = now + TICK;
                return Ok(Some(Input::Tick));
            }
            if let Some(event) = self.decoder.next() {
                return Ok(Some(self.event(event)));
            }
            if let Some(deadline) = self.escape_deadline
                && now >= deadline
            {
                self.decoder.expire();
                self.escape_deadline = None;
                continue;
            }
            let until = self
                .escape_deadline
                .map_or(self.next_tick, |d| d.min(self.next_tick));
            match self.tty.wait(self.signals.wake(), until - now)? {
                Wait::Ready => {
                    if !self.read()? {
                        return Ok(None);
                    }
                }
                Wait::Signal => self.signals.drain(),
                Wait::Quiet => {}
                Wait::Gone => return Ok(None),
            }
        }
    }

    fn input_waiting(&mut self) -> io::Result<bool> {
        use super::tty::Wait;
        if self.decoder.has_events() {
            return Ok(true);
        }
        if self.tty.wait(self.signals.wake(), Duration::ZERO)? == Wait::Ready {
            self.read()?;
        }
        Ok(self.decoder.has_events())
    }
}

/// Off Unix crossterm reads the terminal (its Windows reader has none of the Unix one's
/// troubles).
#[cfg(not(unix))]
impl Console for RealConsole {
    fn next_input(&mut self) -> io::Result<Option<Input>> {
        use ratatui::crossterm::event;
        if self.signals.caught().is_some() {
            return Ok(None);
        }
        let now = Instant::now();
        if now >= self.next_tick {
            self.next_tick = now + TICK;
            return Ok(Some(Input::Tick));
        }
        if event::poll(self.next_tick - now)? {
            return Ok(Some(self.event(event::read()?)));
        }
        Ok(Some(Input::Tick))
    }
}
