//! `align link` and `align unlink`: one task's link to a goal or key result, added or
//! removed with the smallest edit to the file and saved through the session — every file
//! of the workspace checked under its lock first. When another writer saved in between
//! (a second `align link`, the board), nothing is overwritten: the session reads the
//! workspace again and the edit is made again on what is there now.

use std::process::ExitCode;

use align_core::edit::{self, Edit};
use align_core::model::LinkRef;

use super::context::{Context, left_to_exit, out};
use super::{Failure, write_failed};
use crate::cli::Cli;

/// `align link TASK GOAL` (`link`), or `align unlink TASK GOAL`.
pub(super) fn edit_link(
    cli: &Cli,
    cx: &Context,
    task: &str,
    goal: &str,
    link: bool,
) -> Result<ExitCode, Failure> {
    let mut session = cx.open_session(cli)?;
    let written = session
        .write(|ws| {
            let i = edit::find_task(ws, task)?;
            let target = LinkRef::parse(goal);
            let made = if link {
                edit::link(ws, i, &target)?
            } else {
                edit::check_target(ws, &target)?;
                edit::unlink(ws, i, &target)?
            };
            Ok(made.map(|e| (Edit::Link(e), ())))
        })
        .map_err(|e| write_failed(session.workspace(), e))?;
    let Some(written) = written else {
        out(&format!(
            "{task} {} {goal}; nothing to do\n",
            if link {
                "is already linked to"
            } else {
                "is not linked to"
            }
        ))?;
        return Ok(ExitCode::SUCCESS);
    };
    let files: Vec<String> = written
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    out(&format!(
        "{} {task} {} {goal} · saved {}\n",
        if link { "linked" } else { "unlinked" },
        if link { "→" } else { "↛" },
        files.join(", ")
    ))?;
    left_to_exit(session);
    Ok(ExitCode::SUCCESS)
}
