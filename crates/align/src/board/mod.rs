//! The interactive board (README "The board"): a synchronous Elm-style loop — terminal event →
//! [`keymap`] → [`Action`] → [`App::update`] → [`ui::render`]. The loop is generic over
//! the ratatui backend and its [`Console`] (where input comes from), so tests drive it
//! with a `TestBackend` and a list of keys; only [`open`] touches the real terminal —
//! read and decoded by the board itself ([`tty`]), with its signals and suspends
//! ([`console`]) — and it restores it on every way out, panics included.

pub mod action;
pub mod app;
mod closing;
mod console;
mod disk;
mod editing;
pub mod editor;
mod filtering;
mod follow;
pub mod form;
mod goal_adding;
mod goal_forms;
pub mod insights;
pub mod keymap;
mod mouse;
mod navigation;
pub mod org;
mod save;
mod signals;
mod task_forms;
pub mod trends;
mod tty;
pub mod ui;
mod update;
pub mod views;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{EnableBracketedPaste, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

pub use action::Action;
pub use app::App;

/// What the loop waits for: a terminal event; a tick of the clock, when the board looks
/// whether the workspace changed on disk; or the terminal given back to the board after
/// it was stopped, when the whole screen is drawn anew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    Tick,
    /// The board was stopped (a suspend) and is running again: the terminal showed
    /// something else meanwhile, so the last frame is no longer on it.
    Resumed,
}

impl From<Event> for Input {
    fn from(e: Event) -> Input {
        Input::Event(e)
    }
}

/// What the loop needs from outside besides a screen to draw on: the next input, whether
/// more is already waiting, and a suspend. The real terminal is [`console::RealConsole`];
/// tests give a closure that hands out inputs (nothing is ever waiting, and a suspend
/// does nothing).
pub trait Console {
    /// The next input; `None` ends the loop (the input ran out, a signal, the terminal
    /// went away).
    fn next_input(&mut self) -> io::Result<Option<Input>>;

    /// Whether more input is already there: the loop then draws once after it rather
    /// than after every key of a burst.
    fn input_waiting(&mut self) -> io::Result<bool> {
        Ok(false)
    }

    /// Hand the terminal back and stop, as `Ctrl-z` does in a shell (the next input is
    /// [`Input::Resumed`] once the board runs again).
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Hand the terminal to the person's editor at `request`'s line, wait for it and
    /// take the terminal back. `Ok(false)`: the editor exited with a failure.
    fn edit(&mut self, request: &editor::EditorRequest) -> io::Result<bool> {
        let _ = request;
        Err(io::Error::other("there is no terminal to run it in"))
    }
}

impl<F: FnMut() -> io::Result<Option<Input>>> Console for F {
    fn next_input(&mut self) -> io::Result<Option<Input>> {
        self()
    }
}

/// While input keeps coming, a frame is still drawn this often.
const FRAME: Duration = Duration::from_millis(100);

/// Draw, then handle input until the app quits or the input runs out.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut console: impl Console,
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
    // A burst of keys is drawn once, after its last key (and every `FRAME` while it
    // lasts); an edit is always drawn before it is saved.
    let mut changed = true;
    let mut drawn: Option<Instant> = None;
    loop {
        if changed
            && (app.session.is_pending()
                || drawn.is_none_or(|at| at.elapsed() >= FRAME)
                || !console.input_waiting()?)
        {
            draw(terminal, app)?;
            drawn = Some(Instant::now());
            changed = false;
        }
        // An edit is saved once it is on screen, so a key's effect shows at once; the
        // frame after says whether it was saved (or puts it back when it could not be).
        if app.flush() {
            draw(terminal, app)?;
            drawn = Some(Instant::now());
        }
        if app.quit {
            return Ok(());
        }
        if let Some(request) = app.take_editor_request() {
            let result = console.edit(&request);
            // The editor had the screen: the next frame is drawn whole.
            let size = terminal.size().map_err(into_io)?;
            terminal.resize(Rect::from(size)).map_err(into_io)?;
            app.back_from_editor(&request, result);
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            changed = true;
            continue;
        }
        let action = match console.next_input()? {
            None => return Ok(()),
            Some(Input::Tick) => Some(Action::Tick),
            Some(Input::Resumed) => {
                // Clear the screen and forget the last frame, so the next is drawn whole,
                // at the size the terminal has now.
                let size = terminal.size().map_err(into_io)?;
                terminal.resize(Rect::from(size)).map_err(into_io)?;
                Some(Action::Resize {
                    width: size.width,
                    height: size.height,
                })
            }
            Some(Input::Event(event)) => app.keymap.action_for(&event, app.mode()),
        };
        if action == Some(Action::Suspend) {
            console.suspend()?;
            continue;
        }
        changed |= action.is_some_and(|action| app.update(action));
        // What the background worker found (the history for the Compare tab's trends).
        while let Some(news) = app.background_news() {
            changed |= app.update(news);
        }
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

/// Run the board in the real terminal.
pub fn open(mut app: App) -> io::Result<Ending> {
    // Our hook goes in first: ratatui's, installed by `init`, restores the screen and
    // then calls this one, which releases the mouse and paste and prints the report.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        console::release_input();
        previous(info);
    }));
    let signals = signals::Signals::listen()?;
    let mut terminal = ratatui::try_init()?;
    let mut console = console::RealConsole::new(signals);
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .and_then(|()| run(&mut terminal, &mut app, &mut console));
    if tty::gone().unwrap_or(true) {
        // The terminal hung up: nothing is left to restore, and trying would fail —
        // ratatui's `Terminal` would report it with `eprintln!` when dropped, which
        // panics on a terminal that is gone.
        std::mem::forget(terminal);
        return Ok(Ending::HungUp);
    }
    console::release_input();
    if let Err(e) = ratatui::try_restore() {
        let _ = writeln!(io::stderr(), "align: could not restore the terminal: {e}");
    }
    let ending = match console.ending_signal() {
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
