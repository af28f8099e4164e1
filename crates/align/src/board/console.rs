//! The real terminal as the loop's [`Console`]: what comes next — a decoded event, a
//! tick of the clock, the terminal taken back after a suspend — what the board does to
//! the terminal when it takes it and hands it back, and the suspend itself.
//!
//! The wait is for whichever comes first: bytes from the terminal, a signal, the next
//! tick, or the end of the moment given to the rest of an escape sequence. So a quiet
//! board sleeps until its next tick (four a second, each only looking at the
//! workspace's stamps); a signal is seen at once; ticks come on time even while input
//! pours in, and never more often; and an unfinished escape sequence costs at most
//! [`ESCAPE_WAIT`].
//!
//! A suspend is what a terminal's `Ctrl-z` does for a shell's job: SIGTSTP to the
//! board's process group (the board's own key sends it, since raw mode turned the
//! terminal's off), and whoever receives it stops. The board, on SIGTSTP, hands the
//! terminal back as it found it, stops, and on SIGCONT takes it again; the loop then
//! draws the whole screen anew.

use std::io;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::{cursor, execute, terminal};

use super::signals::Signals;
use super::{Console, Input};

/// How often the board looks whether the workspace changed on disk.
const TICK: Duration = Duration::from_millis(250);

/// How long the rest of an escape sequence may take once its start came, before what
/// came is taken as the key it is on its own (`ESC [` is `Alt-[`). A terminal writes a
/// sequence at once, so the rest only lags when a read cut it.
#[cfg(unix)]
const ESCAPE_WAIT: Duration = Duration::from_millis(50);

/// Take the terminal: raw mode, the alternate screen, the mouse, bracketed paste. Raw
/// mode is switched off first: after the board was stopped from outside, the shell may
/// have put the terminal back in cooked mode while crossterm still thinks it raw.
#[cfg(unix)]
pub fn take_terminal() -> io::Result<()> {
    let _ = terminal::disable_raw_mode();
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Release the mouse and bracketed paste. Errors are ignored: after a SIGHUP there may
/// be no terminal left to write to.
pub fn release_input() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// Hand the terminal back as it was found: mouse and paste released, the normal screen,
/// the cursor shown, cooked mode.
#[cfg(unix)]
pub fn hand_back_terminal() -> io::Result<()> {
    release_input();
    execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show)?;
    terminal::disable_raw_mode()
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

    /// Hand the terminal back, stop until SIGCONT, take the terminal again.
    #[cfg(unix)]
    fn stop(&mut self) -> io::Result<()> {
        let _ = hand_back_terminal();
        // SIGTSTP's default action, which the board's handler replaced: stop. (Should
        // that fail, the board goes on: it takes the terminal again below.)
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        // Continued: SIGCONT has come.
        self.signals.take_resumed();
        // What was typed while the terminal was the shell's is not the board's.
        self.decoder.clear();
        self.escape_deadline = None;
        take_terminal()
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

    fn suspend(&mut self) -> io::Result<()> {
        (**self).suspend()
    }

    fn edit(&mut self, request: &super::editor::EditorRequest) -> io::Result<bool> {
        (**self).edit(request)
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
            if self.signals.take_stop() {
                self.stop()?;
                return Ok(Some(Input::Resumed));
            }
            // Continued after a stop the board did not make (SIGSTOP from outside): the
            // terminal may have been changed meanwhile.
            if self.signals.take_resumed() {
                take_terminal()?;
                return Ok(Some(Input::Resumed));
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

    fn suspend(&mut self) -> io::Result<()> {
        // As the terminal's own Ctrl-z would: SIGTSTP to the whole foreground job (an
        // `align` started by `cargo run` stops with its parent), the board included.
        if rustix::process::kill_current_process_group(rustix::process::Signal::TSTP).is_err() {
            self.signals.ask_stop();
        }
        Ok(())
    }

    fn edit(&mut self, request: &super::editor::EditorRequest) -> io::Result<bool> {
        use super::editor::{chosen_editor, editor_command};
        let editor = chosen_editor(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"));
        hand_back_terminal()?;
        let status = editor_command(&editor, &request.path, request.line).status();
        // What was typed for the editor is not the board's.
        self.decoder.clear();
        self.escape_deadline = None;
        take_terminal()?;
        Ok(status?.success())
    }
}

/// Off Unix crossterm reads the terminal (its Windows reader has none of the Unix one's
/// troubles), and there is no job control to suspend to.
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
