//! What each subcommand does, in terms of the library. Every path that fails returns a
//! [`Failure`]; `main` prints it as `error: …` and exits 2. Output goes to stdout,
//! problems and warnings to stderr. Here: the failure and the dispatch; each group of
//! commands is a module — the board, `init`, the read-only reports, `link`/`unlink`,
//! `add`/`edit`/`done`/`checkin`,
//! `import`, and the generated docs — over what they all share ([`context`]).

mod board;
mod close;
mod complete;
mod context;
mod docs;
mod history;
mod import;
mod init;
mod link;
mod reports;
mod tasks;

use std::process::ExitCode;

use crate::config::Config;
use align_core::diag::{Diagnostic, LoadError};
use align_core::edit;
use align_core::model::Workspace;
use align_core::session::WriteError;

use crate::cli::{Cli, Command};
use context::{Context, load_config};

/// Why a command could not do its work.
pub enum Failure {
    Load(LoadError),
    /// The config file has mistakes.
    Config(LoadError),
    Message(String),
}

impl Failure {
    /// Print the failure on stderr. Every `error:` line of a workspace that does not load
    /// is `FILE:LINE:COL: message`, for editors and scripts to parse; the closing count is
    /// an `align:` line, and says nothing was written only when the command writes.
    pub fn report(&self, writes: bool) {
        match self {
            Failure::Load(LoadError::Invalid { errors, warnings }) => {
                print_warnings(warnings);
                for e in errors {
                    eprint_line!("error: {e}");
                }
                eprint_line!("{}", problem_count(errors.len(), writes));
            }
            Failure::Load(e) => eprint_line!("error: {e}"),
            Failure::Config(LoadError::Invalid { errors, warnings }) => {
                print_warnings(warnings);
                for e in errors {
                    eprint_line!("error: {e}");
                }
                eprint_line!(
                    "align: fix the config file, or point ALIGN_CONFIG at another (an empty file is all defaults)"
                );
            }
            Failure::Config(e) => eprint_line!("error: config: {e}"),
            Failure::Message(m) => eprint_line!("error: {m}"),
        }
    }
}

/// The line closing a list of problems: `align: 3 problems found`, and for a command that
/// would have written, `; nothing was written`.
pub fn problem_count(n: usize, writes: bool) -> String {
    format!(
        "align: {n} problem{} found{}",
        if n == 1 { "" } else { "s" },
        if writes { "; nothing was written" } else { "" }
    )
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Load(e)
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprint_line!("warning: {w}");
    }
}

/// An edit error about the workspace, prefixed with the workspace's path.
fn located(ws: &Workspace, e: edit::EditError) -> Failure {
    match e {
        edit::EditError::Store(s) => Failure::Message(s.to_string()),
        e => Failure::Message(format!("{}: {e}", ws.root.display())),
    }
}

/// Why a command's edit was not saved. A store error names its own file; a workspace that
/// stopped loading lists its problems as a load failure does.
fn write_failed(ws: &Workspace, e: WriteError) -> Failure {
    match e {
        WriteError::Edit(e) => located(ws, e),
        WriteError::Load(load) => {
            eprint_line!(
                "error: {}: the workspace changed on disk and no longer loads",
                ws.root.display()
            );
            Failure::Load(load)
        }
        other => Failure::Message(other.to_string()),
    }
}

/// The whole program: parse the command line, run the command, report a failure on
/// stderr with exit status 2.
pub fn main() -> ExitCode {
    let cli = crate::cli::parse();
    let writes = cli.writes();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => {
            failure.report(writes);
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    // `man` and `completions` need no settings, and a broken config must not stop them.
    let (config, config_warnings) = match &cli.command {
        Some(Command::Man | Command::Completions { .. } | Command::CompleteIds { .. }) => {
            (Config::default(), Vec::new())
        }
        _ => load_config()?,
    };
    let mut cx = Context::new(&cli, config);
    cx.config_warnings = config_warnings;
    match &cli.command {
        None => board::board(&cli, &cx),
        Some(Command::Demo) => board::demo(&cli, &mut cx),
        Some(Command::Init { path }) => init::init(&cli, &cx, path.as_deref()),
        Some(Command::Score { format, only }) => reports::score(&cli, &cx, *format, only),
        Some(Command::Explain { task }) => reports::explain(&cli, &cx, task),
        Some(Command::Compare { format }) => reports::compare(&cli, &cx, *format),
        Some(Command::Check {
            max_busy,
            max_stale,
        }) => reports::check(&cli, &cx, *max_busy, *max_stale),
        Some(Command::History {
            since,
            every,
            format,
        }) => history::history(&cli, &cx, since.as_deref(), *every, *format),
        Some(Command::Checkins { format }) => reports::checkins(&cli, &cx, *format),
        Some(Command::Close {
            goal,
            grade,
            review,
            missed,
            roll_over,
            dry_run,
        }) => close::close(
            &cli,
            &cx,
            &close::Asked {
                goal,
                grade: *grade,
                review: review.as_deref(),
                missed: *missed,
                roll_over: *roll_over,
                dry_run: *dry_run,
            },
        ),
        Some(Command::Add {
            title,
            goals,
            owner,
            size,
            due,
            urgent,
            tags,
            depends,
            file,
        }) => tasks::add(
            &cli,
            &cx,
            align_core::edit::NewTask {
                title: title.clone(),
                goals: goals
                    .iter()
                    .map(|g| align_core::model::LinkRef::parse(g))
                    .collect(),
                owner: owner.clone(),
                effort: size.effort,
                impact: size.impact,
                due: *due,
                urgent: *urgent,
                tags: tags.clone(),
                file: None,
            },
            file.as_deref(),
            depends,
        ),
        Some(Command::Edit { task, fields }) => tasks::edit(
            &cli,
            &cx,
            task,
            &fields.changes(),
            &tasks::DependsAsked {
                add: &fields.depends,
                remove: &fields.undepends,
            },
        ),
        Some(Command::Done { task }) => tasks::done(&cli, &cx, task),
        Some(Command::Checkin {
            key_result,
            value,
            confidence,
            note,
            date,
        }) => tasks::checkin(
            &cli,
            &cx,
            &tasks::CheckinAsked {
                key_result,
                value,
                confidence: *confidence,
                note: note.as_deref(),
                date: *date,
            },
        ),
        Some(Command::Link { task, goal }) => link::edit_link(&cli, &cx, task, goal, true),
        Some(Command::Unlink { task, goal }) => link::edit_link(&cli, &cx, task, goal, false),
        Some(Command::Import {
            from,
            file,
            dry_run,
            into,
        }) => import::import(&cli, &cx, *from, file, *dry_run, into.as_deref()),
        Some(Command::Rollup { dirs, format }) => reports::rollup(&cli, &cx, dirs, *format),
        Some(Command::Report { format }) => reports::report(&cli, &cx, *format),
        Some(Command::Completions { shell }) => docs::completions(*shell),
        Some(Command::Man) => docs::man(),
        Some(Command::CompleteIds { kind }) => complete::ids(&cli, *kind),
    }
}
