//! `align import`: tasks from Taskwarrior's `task export`, GitHub's `gh issue list --json
//! …`, or Linear's or Jira's CSV export, read from a file or stdin, added to the workspace
//! (to `--file` when given) or updated there through the session (a dry run only says
//! what it would do). The input is read before the workspace, so `gh … | align import
//! github -` never holds a stale picture of the workspace for the length of a network
//! call. The notes go to stderr, the report to stdout, both made safe to print by the
//! import itself.

use std::path::Path;
use std::process::ExitCode;

use align_core::import::{Tool, Zone};

use super::Failure;
use super::context::{Context, out};
use crate::cli::{Cli, ImportFrom};

/// `align import`: read the input (a file or stdin), then import it into the workspace.
pub(super) fn import(
    cli: &Cli,
    cx: &Context,
    from: ImportFrom,
    file: &Path,
    dry_run: bool,
    into: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let (label, input) = if file == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Failure::Message(format!("<stdin>: {e}")))?;
        ("<stdin>".to_string(), buf)
    } else {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
        (file.display().to_string(), bytes)
    };
    let tool = match from {
        ImportFrom::Taskwarrior => Tool::Taskwarrior,
        ImportFrom::Github => Tool::Github,
        ImportFrom::Linear => Tool::Linear,
        ImportFrom::Jira => Tool::Jira,
    };
    let mut session = cx.open_session(cli)?;
    let outcome = align_core::import::import(
        &mut session,
        tool,
        &label,
        &input,
        into,
        dry_run,
        Zone::Local,
    )
    .map_err(|e| Failure::Message(e.to_string()))?;
    for note in outcome.notes() {
        eprint_line!("note: {note}");
    }
    out(&outcome.report())?;
    Ok(ExitCode::SUCCESS)
}
