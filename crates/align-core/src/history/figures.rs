//! What one point of the history shows: the figures `align score` gives for the same
//! files and day — open tasks, the aligned and busy-work shares of open effort, the
//! orphan and stale goals — with each key result's progress and confidence and the
//! goals closed by then with their grades.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{GoalStatus, Lens, LinkRef, Workspace};
use crate::scoring::{Scoreboard, score_workspace};

/// The figures of the workspace as scored on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub open_tasks: usize,
    pub aligned_effort_pct: f64,
    pub busy_effort_pct: f64,
    pub orphan_goals: usize,
    pub stale_goals: usize,
    pub key_results: Vec<KeyResultFigure>,
    /// Goals closed (achieved or missed) with the grade they were given.
    pub closed_goals: Vec<ClosedGoal>,
}

/// One key result at a point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyResultFigure {
    /// `goal/kr`.
    pub id: String,
    /// 0..1, rounded to three decimals as the score JSON rounds progress.
    pub progress: f64,
    /// The confidence of its newest check-in that has one.
    pub confidence: Option<f64>,
}

/// A closed goal and its grade, against what it consumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosedGoal {
    pub id: String,
    pub status: &'static str,
    pub grade: Option<f64>,
    /// The `done` tasks linked to it or its key results, and their effort.
    pub done_tasks: usize,
    pub done_effort: f64,
}

/// Progress as the JSON outputs show it: three decimals.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Figures {
    /// The workspace scored as of `today` under `lens` (else its own).
    pub fn of(ws: &Workspace, today: NaiveDate, lens: Option<Lens>) -> Figures {
        Figures::from_board(ws, &score_workspace(ws, today, lens))
    }

    /// The figures of a scoreboard already made.
    pub fn from_board(ws: &Workspace, board: &Scoreboard) -> Figures {
        let key_results = ws
            .goals
            .iter()
            .flat_map(|g| {
                g.key_results.iter().map(|k| KeyResultFigure {
                    id: LinkRef::key_result(&g.id, &k.id).to_string(),
                    progress: round3(k.progress()),
                    confidence: k.newest_confidence(),
                })
            })
            .collect();
        let closed =
            |g: &crate::model::Goal| matches!(g.status, GoalStatus::Achieved | GoalStatus::Missed);
        // Done work per closed goal: a task counts once for each goal it serves.
        let mut done: Vec<(usize, f64)> = vec![(0, 0.0); ws.goals.len()];
        let mut counted_for = vec![usize::MAX; ws.goals.len()];
        for (i, t) in ws.tasks.iter().enumerate() {
            if t.status != crate::model::TaskStatus::Done {
                continue;
            }
            for link in ws.task_links(crate::model::TaskIx(i)) {
                if closed(&ws.goals[link.goal]) && counted_for[link.goal] != i {
                    counted_for[link.goal] = i;
                    done[link.goal].0 += 1;
                    done[link.goal].1 += t.effort;
                }
            }
        }
        let closed_goals = ws
            .goals
            .iter()
            .zip(&done)
            .filter(|(g, _)| closed(g))
            .map(|(g, &(done_tasks, effort))| ClosedGoal {
                id: g.id.clone(),
                status: g.status.as_str(),
                grade: g.grade,
                done_tasks,
                done_effort: crate::number::round1(effort),
            })
            .collect();
        Figures {
            open_tasks: ws.tasks.iter().filter(|t| t.status.is_open()).count(),
            aligned_effort_pct: board.summary.aligned_effort_pct,
            busy_effort_pct: board.summary.busy_effort_pct,
            orphan_goals: board.goals.iter().filter(|f| f.orphan).count(),
            stale_goals: board.goals.iter().filter(|f| f.stale).count(),
            key_results,
            closed_goals,
        }
    }
}
