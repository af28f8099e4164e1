//! Keeping the insights current after a change without sorting every open task again.
//! Most of a fresh computation at 100,000 tasks is sorting the four quadrant cells
//! (score, due date, id); an edit moves one task, and with it at most the few tasks
//! that earn from it (`unblocks`). So [`KeptInsights`] remembers, per task, the cell it
//! is in and the keys it was sorted by; after a change it finds the tasks whose cell or
//! keys moved, takes them out of their cells and puts them back where the order now
//! wants them. When many moved at once (a lens switch), it sorts the cells again. The
//! sums (effort per cell, per owner, per key result) and the key-result and owner
//! tables are worked out again in linear passes, in the order a fresh computation
//! uses, so the figures are exactly what [`insights`] gives (a property test holds them
//! to it). The task at a given place must stay the same task: after a reload or an
//! import, start afresh with [`KeptInsights::new`].

use chrono::NaiveDate;

use super::quadrants::{cell_of, order, share_out};
use super::{Insights, Quadrant, insights};
use crate::model::{TaskIx, Workspace};
use crate::number;
use crate::scoring::Scoreboard;

/// What a task's place in the grid depends on, as it was when placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed {
    cell: Option<Quadrant>,
    points: u8,
    due: Option<NaiveDate>,
}

/// The insights and what following changes needs of them.
#[derive(Debug, Clone)]
pub struct KeptInsights {
    insights: Insights,
    /// Per task (by index): its cell and sort keys when the figures were last worked out.
    placed: Vec<Placed>,
}

fn placed(ws: &Workspace, board: &Scoreboard, i: TaskIx) -> Placed {
    Placed {
        cell: cell_of(ws, board, i),
        points: board.tasks[i].points,
        due: ws.tasks[i].due,
    }
}

impl KeptInsights {
    /// The insights worked out afresh.
    pub fn new(ws: &Workspace, board: &Scoreboard) -> KeptInsights {
        let placed = ws.tasks_ix().map(|(i, _)| placed(ws, board, i)).collect();
        KeptInsights {
            insights: insights(ws, board),
            placed,
        }
    }

    pub fn insights(&self) -> &Insights {
        &self.insights
    }

    /// Catch up with a change to the scored workspace in which every task kept its place
    /// (an edit, a check-in, a task added or removed at the end, another lens).
    pub fn follow(&mut self, ws: &Workspace, board: &Scoreboard) {
        if board.tasks.len() != ws.tasks.len() {
            *self = KeptInsights::new(ws, board);
            return;
        }
        let n = ws.tasks.len();
        let gone = Placed {
            cell: None,
            points: 0,
            due: None,
        };
        let mut moved: Vec<TaskIx> = Vec::new();
        for i in 0..n.max(self.placed.len()) {
            let now = if i < n {
                placed(ws, board, TaskIx(i))
            } else {
                gone
            };
            let was = self.placed.get(i).copied().unwrap_or(gone);
            if now != was {
                moved.push(TaskIx(i));
            }
        }
        // Moving one task costs a pass over its cell; past a few hundred, sorting is quicker.
        if moved.len() > 256 {
            *self = KeptInsights::new(ws, board);
            return;
        }
        let ins = &mut self.insights;
        for &i in &moved {
            if let Some(q) = self.placed.get(i.0).and_then(|p| p.cell) {
                let cell = &mut ins.quadrants[q.index()].tasks;
                if let Some(at) = cell.iter().position(|&t| t == i) {
                    cell.remove(at);
                }
            }
        }
        // Tasks added at the end and placed nowhere are as good as gone.
        self.placed.resize(n, gone);
        for &i in moved.iter().filter(|i| i.0 < n) {
            let now = placed(ws, board, i);
            if let Some(q) = now.cell {
                let cell = &mut ins.quadrants[q.index()].tasks;
                let at = cell.partition_point(|&t| order(ws, board, t, i).is_lt());
                cell.insert(at, i);
            }
            self.placed[i.0] = now;
        }
        let fresh = self.refresh_sums(ws, board);
        self.insights = fresh;
    }

    /// The figures other than the cells' order, worked out again from the workspace.
    fn refresh_sums(&mut self, ws: &Workspace, board: &Scoreboard) -> Insights {
        let open: Vec<TaskIx> = ws
            .tasks_ix()
            .filter(|(_, t)| t.status.is_open())
            .map(|(i, _)| i)
            .collect();
        let open_effort = number::sum(open.iter().map(|&i| ws.tasks[i].effort));
        let mut quadrants = std::mem::take(&mut self.insights.quadrants);
        let placed = &self.placed;
        share_out(ws, &mut quadrants, |i| placed[i.0].cell, open_effort);
        let (key_results, staffed_median) = super::staffing::key_results(ws, board, &open);
        Insights {
            today: board.today,
            due_soon_days: ws.coefficients.due_soon_days,
            open_tasks: open.len(),
            open_effort,
            quadrants,
            key_results,
            staffed_median,
            owners: super::owners::loads(ws, board, &open),
        }
    }
}
