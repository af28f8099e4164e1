//! `align link` and `align unlink`: one task's link to a goal or key result, added or
//! removed with the smallest edit to the file and saved atomically. When another writer
//! saved in between (a second `align link`, the board), nothing is written and the edit
//! is made again on a fresh read.

use std::process::ExitCode;

use align_core::{store, writeback};

use super::context::{Context, load, out, workspace_path};
use super::{Failure, located};
use crate::cli::Cli;

/// `align link TASK GOAL` (`link`), or `align unlink TASK GOAL`.
pub(super) fn edit_link(
    cli: &Cli,
    cx: &Context,
    task: &str,
    goal: &str,
    link: bool,
) -> Result<ExitCode, Failure> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let path = workspace_path(cli, &cx.config)?;
        // Warnings once, not again on a retry.
        let mut loaded = if attempt == 1 {
            load(&path)?
        } else {
            align_core::load(&path)?
        };
        let ws = &mut loaded.workspace;
        let i = writeback::find_task(ws, task).map_err(|e| located(ws, e))?;
        let edit = if link {
            writeback::link(ws, i, goal)
        } else {
            writeback::check_target(ws, goal).and_then(|_| writeback::unlink(ws, i, goal))
        }
        .map_err(|e| located(ws, e))?;
        let Some(edit) = edit else {
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
        let file = edit.splice.file;
        let on_disk = ws.files[file].text.clone();
        if !writeback::apply(ws, &edit) {
            return Err(Failure::Message(format!(
                "{}: could not apply the edit; nothing was written",
                ws.files[file].path.display()
            )));
        }
        match writeback::save(ws, file, &on_disk) {
            // Another writer (a second `align link`, the board) saved since this read: nothing
            // was written. A command-line edit shows nobody a stale view, so read the file
            // again and redo it.
            Err(writeback::EditError::Store(store::StoreError::Changed { .. })) if attempt < 50 => {
                continue;
            }
            saved => saved.map_err(|e| located(ws, e))?,
        }
        let t = &ws.tasks[i];
        out(&format!(
            "{} {task} {} {goal} · saved {}\n",
            if link { "linked" } else { "unlinked" },
            if link { "→" } else { "↛" },
            ws.files[file].path.display()
        ))?;
        let _ = t;
        return Ok(ExitCode::SUCCESS);
    }
}
