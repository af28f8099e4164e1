//! `align add`, `align edit`, `align done` and `align checkin`: every field of a task
//! (the tasks it waits on too), and a key result's value, changed from the command line — so a script or a cron job can
//! add a ticket, close it or post a metric. Each is one edit saved through the session,
//! as `link` and the board save theirs: every file checked under the lock first, only
//! the lines that change written.

use std::path::Path;
use std::process::ExitCode;

use align_core::edit::{self, Edit, EditError, NewTask, Number, TaskChanges};
use align_core::model::{GoalIx, LinkRef, TaskStatus, Workspace};
use align_core::session::Written;
use chrono::NaiveDate;

use super::context::{Context, out};
use super::{Failure, write_failed};
use crate::cli::Cli;

/// The files a write saved, for the closing `saved …`.
fn saved<T>(written: &Written<T>) -> String {
    let files: Vec<String> = written
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.join(", ")
}

/// `align add TITLE …`: prints the new task's id, and nothing else, on stdout.
pub(super) fn add(
    cli: &Cli,
    cx: &Context,
    new: NewTask,
    file: Option<&Path>,
    depends: &[String],
) -> Result<ExitCode, Failure> {
    let mut session = cx.open_session(cli)?;
    let written = session
        .write(|ws| {
            let mut new = new.clone();
            if let Some(path) = file {
                new.file = Some(
                    align_core::import::file_of(ws, path)
                        .map_err(|e| EditError::Rejected { why: e.to_string() })?,
                );
            }
            let (e, id) = edit::add_task_with(ws, &new)?;
            let e = if depends.is_empty() {
                e
            } else {
                edit::and_then(ws, e, |w| {
                    let i = edit::find_task(w, &id)?;
                    edit::change_depends(w, i, depends, &[])
                })?
            };
            Ok(Some((Edit::Block(e), id)))
        })
        .map_err(|e| write_failed(session.workspace(), e))?;
    if let Some(w) = written {
        out(&format!("{}\n", w.value))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The tasks `align edit --depends/--undepend` asks a task to wait on, and to stop
/// waiting on.
#[derive(Default)]
pub(super) struct DependsAsked<'a> {
    pub add: &'a [String],
    pub remove: &'a [String],
}

/// `align edit TASK …` (and `align done TASK`): the fields and dependencies asked for,
/// changed in one edit.
pub(super) fn edit(
    cli: &Cli,
    cx: &Context,
    task: &str,
    changes: &TaskChanges,
    depends: &DependsAsked<'_>,
) -> Result<ExitCode, Failure> {
    let mut session = cx.open_session(cli)?;
    let today = session.today();
    let written = session
        .write(|ws| {
            let i = edit::find_task(ws, task)?;
            let (add, remove) = (depends.add, depends.remove);
            let e = match edit::edit_fields(ws, i, changes, today)? {
                Some(fields) if add.is_empty() && remove.is_empty() => Some(fields),
                Some(fields) => Some(edit::and_then(ws, fields, |w| {
                    edit::change_depends(w, i, add, remove)
                })?),
                None => edit::change_depends(ws, i, add, remove)?,
            };
            Ok(e.map(|e| {
                let label = e.label.clone();
                (Edit::Block(e), label)
            }))
        })
        .map_err(|e| write_failed(session.workspace(), e))?;
    match written {
        Some(w) => out(&format!("{} · saved {}\n", w.value, saved(&w)))?,
        None => out(&format!("{task} is already as asked; nothing to do\n"))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `align done TASK`: status done, done = today.
pub(super) fn done(cli: &Cli, cx: &Context, task: &str) -> Result<ExitCode, Failure> {
    let changes = TaskChanges {
        status: Some(TaskStatus::Done),
        ..TaskChanges::default()
    };
    edit(cli, cx, task, &changes, &DependsAsked::default())
}

/// What `align checkin` was asked.
pub(super) struct CheckinAsked<'a> {
    pub key_result: &'a str,
    pub value: &'a str,
    pub confidence: Option<f64>,
    pub note: Option<&'a str>,
    pub date: Option<NaiveDate>,
}

/// `align checkin GOAL/KR VALUE …`: the value appended to the key result's check-ins
/// and made its `current`, written as typed.
pub(super) fn checkin(
    cli: &Cli,
    cx: &Context,
    asked: &CheckinAsked<'_>,
) -> Result<ExitCode, Failure> {
    let Some(value) = Number::parse(asked.value) else {
        return Err(Failure::Message(format!(
            "{:?} is not a number: the key result's value, e.g. 1650 or 3.4",
            asked.value
        )));
    };
    let mut session = cx.open_session(cli)?;
    let date = asked.date.unwrap_or(session.today());
    let written = session
        .write(|ws| {
            let (g, k) = find_key_result(ws, asked.key_result)?;
            let e = edit::checkin(ws, g, k, value.0, asked.confidence, asked.note, date)?;
            let label = e.label.clone();
            Ok(Some((Edit::Block(e), label)))
        })
        .map_err(|e| write_failed(session.workspace(), e))?;
    if let Some(w) = written {
        out(&format!("{} on {date} · saved {}\n", w.value, saved(&w)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A key result named `goal/kr`; a bare `kr1` names its `goal/kr` candidates, a goal
/// alone its key results.
fn find_key_result(ws: &Workspace, text: &str) -> Result<(GoalIx, usize), EditError> {
    let link = LinkRef::parse(text);
    edit::check_target(ws, &link)?;
    let g = ws
        .goal_by_id(&link.goal)
        .ok_or_else(|| EditError::Rejected {
            why: format!("unknown goal {:?}", link.goal),
        })?;
    let goal = &ws.goals[g];
    let Some(kr) = &link.key_result else {
        let krs: Vec<String> = goal
            .key_results
            .iter()
            .map(|k| format!("{}/{}", goal.id, k.id))
            .collect();
        return Err(EditError::Rejected {
            why: if krs.is_empty() {
                format!(
                    "goal {:?} has no key results: a check-in is on a key result, GOAL/KR",
                    goal.id
                )
            } else {
                format!(
                    "a check-in is on a key result, GOAL/KR (did you mean {}?)",
                    krs.join(" or ")
                )
            },
        });
    };
    let k = goal
        .key_results
        .iter()
        .position(|k| &k.id == kr)
        .ok_or_else(|| EditError::Rejected {
            why: format!("unknown key result {text:?}"),
        })?;
    Ok((g, k))
}
