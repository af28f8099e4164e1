//! The interactive board (README "The board"): a synchronous Elm-style loop — terminal event →
//! [`keymap`] → [`Action`] → [`App::update`] → [`ui::render`]. The loop is generic over
//! the ratatui backend and the event source, so tests drive it with a `TestBackend` and
//! a list of keys; only [`open`] touches the real terminal, and it restores it on every
//! way out, panics included.

pub mod action;
pub mod app;
mod disk;
mod editing;
mod filtering;
mod follow;
pub mod form;
pub mod insights;
pub mod keymap;
mod mouse;
mod navigation;
mod save;
mod signals;
mod tty;
pub mod ui;
mod update;
pub mod views;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::App;

/// What the loop waits for: a terminal event, or a quiet moment (a tick), when the
/// board looks whether the workspace changed on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    Tick,
}

impl From<Event> for Input {
    fn from(e: Event) -> Input {
        Input::Event(e)
    }
}

/// How long the real loop waits for input before a tick.
const TICK: Duration = Duration::from_millis(250);

/// Draw, then handle input until the app quits or the input runs out.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_input: impl FnMut() -> io::Result<Option<Input>>,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(into_io)?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // Draw only when something may have changed: not for a quiet tick, nor for an event
    // no key is bound to (a mouse move), so an idle board writes nothing to the terminal.
    let mut changed = true;
    loop {
        if changed {
            draw(terminal, app)?;
        }
        // An edit is saved once it is on screen, so a key's effect shows at once; the
        // frame after says whether it was saved (or puts it back when it could not be).
        if app.flush() {
            draw(terminal, app)?;
        }
        if app.quit {
            return Ok(());
        }
        let action = match next_input()? {
            None => return Ok(()),
            Some(Input::Tick) => Some(Action::Tick),
            Some(Input::Event(event)) => app.keymap.action_for(&event, app.mode()),
        };
        changed = action.is_some_and(|action| app.update(action));
    }
}

/// Render one frame. Drawing never changes the board: what a frame needs was worked out
/// when the state changed ([`App::update`], [`App::flush`]).
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    terminal
        .draw(|frame| {
            ui::render(frame, app);
            ui::sanitize(frame.buffer_mut());
            ui::theme::apply(frame.buffer_mut(), app.theme, app.color);
        })
        .map(|_| ())
        .map_err(into_io)
}

/// A backend's error as an I/O error: the terminal's own `io::Error` as it is, anything
/// else (a `TestBackend` never fails: its error is `Infallible`) wrapped.
fn into_io<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match boxed.downcast::<io::Error>() {
        Ok(e) => *e,
        Err(other) => io::Error::other(other),
    }
}

/// How the board ended: `q` (or the input ran out), a signal (SIGTERM, SIGHUP…), or its
/// terminal going away; the caller reports the last two as a shell does, exit status
/// 128 + the signal's number (129, SIGHUP's, for a terminal that hung up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    Signal(i32),
    /// The terminal went away under the board (a closed window).
    HungUp,
}

/// Hand the terminal back as it was found: mouse released, bracketed paste off, then
/// (ratatui) raw mode off, the normal screen and the cursor back. Errors are ignored:
/// after a SIGHUP there may be no terminal left to write to.
fn release_terminal() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
}

/// Run the board in the real terminal.
pub fn open(mut app: App) -> io::Result<Ending> {
    // Our hook goes in first: ratatui's, installed by `init`, restores the screen and
    // then calls this one, which releases the mouse and paste and prints the report.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_terminal();
        previous(info);
    }));
    let signals = signals::Signals::listen()?;
    let mut terminal = ratatui::try_init()?;
    // Debug builds only: lets the end-to-end test prove the terminal survives a panic
    // that happens while the board is running.
    let inject_panic = cfg!(debug_assertions) && std::env::var_os("ALIGN_TEST_PANIC").is_some();
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste).and_then(|_| {
        run(&mut terminal, &mut app, || {
            // A signal raised the flag: end as `q` does (the wait wakes every tick).
            if signals.caught().is_some() {
                return Ok(None);
            }
            // crossterm is asked only while the terminal is there (see `tty`): first
            // for an event it already holds (one read can bring several keys), then,
            // after waiting on the terminal, for the one that came.
            if tty::gone()? {
                return Ok(None);
            }
            if !event::poll(Duration::ZERO)? {
                match tty::wait(TICK)? {
                    tty::Wait::Gone => return Ok(None),
                    tty::Wait::Quiet => return Ok(Some(Input::Tick)),
                    tty::Wait::Ready if !event::poll(Duration::ZERO)? => {
                        // Part of an escape sequence: the rest comes with the next look.
                        return Ok(Some(Input::Tick));
                    }
                    tty::Wait::Ready => {}
                }
            }
            let event = event::read()?;
            if inject_panic && matches!(event, Event::Key(_)) {
                panic!("ALIGN_TEST_PANIC: injected panic while the board runs");
            }
            Ok(Some(Input::Event(event)))
        })
    });
    if tty::gone().unwrap_or(true) {
        // The terminal hung up: nothing is left to restore, and trying would fail —
        // ratatui's `Terminal` would report it with `eprintln!` when dropped, which
        // panics on a terminal that is gone.
        std::mem::forget(terminal);
        return Ok(Ending::HungUp);
    }
    release_terminal();
    if let Err(e) = ratatui::try_restore() {
        let _ = writeln!(io::stderr(), "align: could not restore the terminal: {e}");
    }
    let ending = match signals.caught() {
        Some(signal) => Ending::Signal(signal),
        None => Ending::Quit,
    };
    // A read or draw that failed because the terminal went away is part of the
    // signal's ending, not an error to report on a terminal that is gone.
    match (result, ending) {
        (Err(_), Ending::Signal(_)) | (Ok(()), _) => Ok(ending),
        (Err(e), _) => Err(e),
    }
}
