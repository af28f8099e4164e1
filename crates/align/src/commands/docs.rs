//! `align completions SHELL` and `align man`: the shell completions and the man page,
//! generated from the command line's own definition so they never drift from it. They
//! need no settings, so a broken config file does not stop them.

use std::process::ExitCode;

use clap::CommandFactory;

use super::Failure;
use super::context::out;
use crate::cli::Cli;

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "align", &mut buf);
    let script = String::from_utf8_lossy(&buf);
    // Task and goal ids come from the workspace: see `complete`.
    let script = match shell {
        clap_complete::Shell::Zsh => super::complete::zsh(&script),
        _ => format!("{script}{}", super::complete::extension(shell)),
    };
    out(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man() -> Result<ExitCode, Failure> {
    let buf = crate::man::render(Cli::command()).map_err(|e| Failure::Message(e.to_string()))?;
    out(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}
