//! What every command shares: its settings (the day, the lens, colour and width, the
//! person's config), the workspace found in the order of README "Commands" and read with its warnings
//! printed, and stdout written so that a closed pipe (`align score | head`) is no error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::discover;
use align_core::diag::Diagnostic;
use align_core::model::Workspace;
use align_core::session::Session;
use align_core::{Loaded, Scoreboard};
use chrono::NaiveDate;

use super::{Failure, print_warnings};
use crate::cli::Cli;

/// Settings shared by every command.
pub(super) struct Context {
    pub(super) today: NaiveDate,
    pub(super) lens: Option<align_core::Lens>,
    pub(super) color: bool,
    pub(super) width: Option<usize>,
    /// stdout is a terminal: a person is reading.
    pub(super) terminal: bool,
    /// The person's settings (defaults when there is no config file).
    pub(super) config: Config,
    /// What was wrong but usable in the config file (already printed; the board shows it).
    pub(super) config_warnings: Vec<Diagnostic>,
}

impl Context {
    pub(super) fn new(cli: &Cli, config: Config) -> Context {
        let stdout = std::io::stdout();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !cli.no_color
            && !no_color_env
            && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        let width = if stdout.is_terminal() {
            terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
        } else {
            std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
        };
        Context {
            today: cli
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            lens: cli.lens.map(Into::into),
            color,
            width: usable_width(width),
            terminal: stdout.is_terminal(),
            config,
            config_warnings: Vec::new(),
        }
    }

    pub(super) fn score(&self, ws: &Workspace) -> Scoreboard {
        align_core::score_workspace(ws, self.today, self.lens)
    }

    /// The workspace the command line names (or finds), read, its warnings printed.
    pub(super) fn load_workspace(&self, cli: &Cli) -> Result<Loaded, Failure> {
        load(&workspace_path(cli, &self.config)?)
    }

    /// A session on the workspace the command line names (or finds), for a command that
    /// writes: read and scored as of the command's day and lens, its warnings printed once.
    pub(super) fn open_session(&self, cli: &Cli) -> Result<Session, Failure> {
        let loaded = self.load_workspace(cli)?;
        Ok(Session::new(loaded, self.today, self.lens))
    }
}

/// The width tables fit: any terminal or `COLUMNS` width, at least [`MIN_WIDTH`] (below
/// that nothing reads well, and a narrower layout would only be longer); `0` means unknown.
fn usable_width(width: Option<usize>) -> Option<usize> {
    width.filter(|&w| w > 0).map(|w| w.max(MIN_WIDTH))
}

/// The narrowest width the tables are laid out for.
const MIN_WIDTH: usize = 20;

/// The config file, read once: a mistake in it stops the command (exit 2), warnings are
/// printed (and returned, for the board to show) and the rest of it is used.
pub(super) fn load_config() -> Result<(Config, Vec<Diagnostic>), Failure> {
    let Some(path) = config::default_path() else {
        return Ok((Config::default(), Vec::new()));
    };
    let (config, warnings) = config::load(&path).map_err(Failure::Config)?;
    print_warnings(&warnings);
    Ok((config, warnings))
}

/// the order of README "Commands": `-w`/PATH, `ALIGN_WORKSPACE`, the nearest `align.toml` upwards, and
/// last the config file's `workspace`.
pub(super) fn workspace_path(cli: &Cli, config: &Config) -> Result<PathBuf, Failure> {
    let flag = cli.workspace.as_deref().or(cli.path.as_deref());
    let env = std::env::var_os("ALIGN_WORKSPACE").map(PathBuf::from);
    let cwd = std::env::current_dir().map_err(|e| Failure::Message(e.to_string()))?;
    discover::find_or(flag, env.as_deref(), &cwd, config.workspace.as_deref())
        .map(|f| f.path().to_path_buf())
        .map_err(|e| Failure::Message(e.to_string()))
}

pub(super) fn load(path: &Path) -> Result<Loaded, Failure> {
    let loaded = align_core::load(path)?;
    print_warnings(&loaded.warnings);
    if !loaded.passed_over.is_empty() {
        eprint_line!(
            "note: passed over {} (not align files: {})",
            align_core::diag::file_names(&loaded.passed_over),
            align_core::diag::ALIGN_FILE_IS
        );
    }
    Ok(loaded)
}

/// What a command read and worked out, left for the operating system to take back: the
/// process ends as soon as the command returns, and the kernel reclaims its memory in one
/// go. Freed one allocation at a time, 100,000 tasks (and their scores) took 13 ms of
/// `align link` and 23 ms of `align score --format json` after the output was written.
/// Only for what a command holds to its end, never for anything with work to do when
/// dropped (a lock, a temp file, a buffered writer): those are dropped first.
pub(super) fn left_to_exit<T>(held: T) {
    std::mem::forget(held);
}

pub(super) fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    written(
        stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush()),
    )
}

/// What writing to stdout came to: a closed pipe (`align score | head`) is not an error
/// worth a message.
pub(super) fn written(result: std::io::Result<()>) -> Result<(), Failure> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Message(format!("writing output: {e}"))),
    }
}
