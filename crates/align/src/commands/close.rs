//! `align close GOAL`: a goal graded and closed at the end of its cycle, and rolled over
//! to the next one when asked — through the session like every writer; a dry run shows the
//! change as a diff and writes nothing.

use std::process::ExitCode;

use align_core::edit::{self, Closing};
use align_core::model::{GoalStatus, Workspace};
use chrono::NaiveDate;

use super::context::{Context, out};
use super::{Failure, write_failed};
use crate::cli::Cli;

/// What the command line asked of `close`.
pub(super) struct Asked<'a> {
    pub goal: &'a str,
    pub grade: Option<f64>,
    pub review: Option<&'a str>,
    pub missed: bool,
    pub roll_over: Option<NaiveDate>,
    pub dry_run: bool,
}

/// `align close GOAL [--grade G] [--review TEXT] [--missed] [--roll-over DUE] [--dry-run]`.
pub(super) fn close(cli: &Cli, cx: &Context, asked: &Asked<'_>) -> Result<ExitCode, Failure> {
    let mut session = cx.open_session(cli)?;
    let closing_of = |ws: &Workspace, session_board: &align_core::Scoreboard| {
        let g = find_goal(ws, asked.goal)?;
        let grade = asked
            .grade
            .unwrap_or_else(|| edit::default_grade(session_board.goals[g.0].progress));
        Ok::<_, edit::EditError>((
            g,
            Closing {
                grade,
                review: asked.review.map(str::to_string),
                status: if asked.missed {
                    GoalStatus::Missed
                } else {
                    GoalStatus::Achieved
                },
                roll_over: asked.roll_over,
            },
        ))
    };
    let today = session.today();
    if asked.dry_run {
        let ws = session.workspace();
        let (g, closing) =
            closing_of(ws, session.scoreboard()).map_err(|e| super::located(ws, e))?;
        let (change, closed) =
            edit::close_goal(ws, g, &closing, today).map_err(|e| super::located(ws, e))?;
        let mut after = ws.clone();
        change
            .apply(&mut after)
            .map_err(|e| super::located(ws, e))?;
        let mut text = String::new();
        for f in change.files() {
            text.push_str(&diff(ws, &after, f.0));
        }
        text.push_str(&summary(asked.goal, &closing, &closed));
        text.push_str(" · dry run: nothing was written\n");
        out(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let board = session.scoreboard().clone();
    let written = session
        .write(|ws| {
            let (g, closing) = closing_of(ws, &board)?;
            let (change, closed) = edit::close_goal(ws, g, &closing, today)?;
            Ok(Some((change, (closing, closed))))
        })
        .map_err(|e| write_failed(session.workspace(), e))?;
    let Some(written) = written else {
        return Ok(ExitCode::SUCCESS);
    };
    let (closing, closed) = &written.value;
    let files: Vec<String> = written
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    out(&format!(
        "{} · saved {}\n",
        summary(asked.goal, closing, closed),
        files.join(", ")
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// A goal by id, with a did-you-mean error.
fn find_goal(ws: &Workspace, id: &str) -> Result<align_core::model::GoalIx, edit::EditError> {
    ws.goal_by_id(id).ok_or_else(|| edit::EditError::Rejected {
        why: format!(
            "unknown goal {id:?}{}",
            align_core::diag::did_you_mean(id, ws.goals.iter().map(|g| g.id.as_str()))
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        ),
    })
}

/// `closed retention as achieved (grade 0.64); rolled over to retention-2, due 2027-03-31,
/// with T-2 and T-5 moved`.
fn summary(goal: &str, closing: &Closing, closed: &edit::Closed) -> String {
    let mut s = format!(
        "closed {goal} as {} (grade {:?})",
        closing.status, closing.grade
    );
    if let (Some(copy), Some(due)) = (&closed.copy, closing.roll_over) {
        s.push_str(&format!("; rolled over to {copy}, due {due}"));
        match closed.moved.as_slice() {
            [] => s.push_str(", no open task to move"),
            moved => s.push_str(&format!(
                ", open task{} moved: {}",
                if moved.len() == 1 { "" } else { "s" },
                moved.join(", ")
            )),
        }
    }
    s
}

/// The change to one file as a unified diff (the lines around it for context).
fn diff(before: &Workspace, after: &Workspace, file: usize) -> String {
    let (old, new) = (&before.files[file].text, &after.files[file].text);
    let path = before.files[file].path.display().to_string();
    let d = similar::TextDiff::from_lines(old.as_str(), new.as_str());
    let text = d
        .unified_diff()
        .context_radius(2)
        .header(&path, &path)
        .to_string();
    align_core::text::safe_lines(&text).into_owned()
}
