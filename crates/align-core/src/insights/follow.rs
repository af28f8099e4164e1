//! Keeping the insights current after a change without working them out again over
//! every open task. Most of a fresh computation at 100,000 tasks is sorting the four
//! quadrant cells (score, due date, id), resolving every open task's links for the
//! key-result staffing, and hashing every owner; an edit moves one task, and with it at
//! most the few tasks that earn from it (`unblocks`). So [`KeptInsights`] remembers,
//! per task, the cell it is in and the keys it was sorted by, who staffs which key
//! result, and whose each task is. After a change it finds the tasks whose cell or keys
//! moved, takes them out of their cells and puts them back where the order now wants
//! them, and puts the edited tasks (and those opened or closed) back on the staffing
//! lists; when many moved at once (a lens switch), it sorts the cells again and keeps
//! the rest. The sums (effort per cell, per owner, per key result) are worked out again
//! in linear passes in the order a fresh computation uses, so the figures are exactly
//! what [`insights`] gives (a property test holds them to it). The task at a given place must stay the same task:
//! after a reload or an import, start afresh with [`KeptInsights::new`].
//!
//! [`insights`]: super::insights

use chrono::NaiveDate;

use super::owners::Owners;
use super::quadrants::{cell_of, cells, order, share_out};
use super::staffing::Staff;
use super::{Insights, Quadrant, gather, open_effort, open_tasks};
use crate::model::{TaskIx, Workspace};
use crate::scoring::Scoreboard;

/// What a task's place in the grid depends on, as it was when placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed {
    cell: Option<Quadrant>,
    points: u8,
    due: Option<NaiveDate>,
}

/// A task removed, or never placed.
const GONE: Placed = Placed {
    cell: None,
    points: 0,
    due: None,
};

/// Past this many tasks moved at once, sorting the cells again (or listing who staffs
/// what again) is quicker than moving them one by one.
const MANY: usize = 256;

/// The insights and what following changes needs of them.
#[derive(Debug, Clone)]
pub struct KeptInsights {
    insights: Insights,
    /// Per task (by index): its cell and sort keys when the figures were last worked out.
    placed: Vec<Placed>,
    /// Who staffs which key result (open tasks by what they link to).
    staff: Staff,
    /// Whose each task is.
    owners: Owners,
    /// Past how many tasks moved the cells are sorted again ([`MANY`]).
    many: usize,
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
        let open = open_tasks(ws);
        let quadrants = cells(ws, board, &open, open_effort(ws, &open));
        let staff = Staff::new(ws, &open);
        let owners = Owners::new(ws);
        KeptInsights {
            insights: gather(ws, board, &open, quadrants, &staff, &owners),
            placed: ws.tasks_ix().map(|(i, _)| placed(ws, board, i)).collect(),
            staff,
            owners,
            many: MANY,
        }
    }

    /// The same, sorting the cells again (and listing who staffs what again) past `many`
    /// tasks moved by a change rather than past a few hundred: a test sets 0 to check
    /// that way too.
    pub fn sorting_past(mut self, many: usize) -> KeptInsights {
        self.many = many;
        self
    }

    pub fn insights(&self) -> &Insights {
        &self.insights
    }

    /// Catch up with a change to the scored workspace in which every task kept its place:
    /// an edit of the tasks `edited` (their links, owner or anything else), a check-in,
    /// tasks added at or removed from the end (`edited` names them too: a task removed
    /// and another added before the figures are next followed share a place), another
    /// lens.
    pub fn follow(&mut self, ws: &Workspace, board: &Scoreboard, edited: &[TaskIx]) {
        let n = ws.tasks.len();
        if board.tasks.len() != n {
            *self = KeptInsights::new(ws, board).sorting_past(self.many);
            return;
        }
        let old = self.placed.len();
        // Tasks whose cell or sort keys moved; tasks to put on the staffing lists again.
        let mut moved: Vec<TaskIx> = Vec::new();
        let mut restaff: Vec<TaskIx> = edited.to_vec();
        for i in 0..n.max(old) {
            let now = if i < n {
                placed(ws, board, TaskIx(i))
            } else {
                GONE
            };
            let was = self.placed.get(i).copied().unwrap_or(GONE);
            if now != was {
                moved.push(TaskIx(i));
                if now.cell.is_some() != was.cell.is_some() {
                    restaff.push(TaskIx(i));
                }
            }
        }
        // An edited task is moved whatever its keys say: the task at its place may be
        // another (one removed from the end, one added), with another id.
        moved.extend(edited.iter().filter(|i| i.0 < n.max(old)));
        moved.sort_unstable();
        moved.dedup();
        if moved.len() > self.many {
            // Many moved at once (another lens): sort the cells again, keep the rest.
            let open = open_tasks(ws);
            self.insights.quadrants = cells(ws, board, &open, open_effort(ws, &open));
            self.placed = ws.tasks_ix().map(|(i, _)| placed(ws, board, i)).collect();
        } else {
            self.move_tasks(ws, board, &moved);
        }
        restaff.sort_unstable();
        restaff.dedup();
        if restaff.len() > self.many {
            self.staff = Staff::new(ws, &open_tasks(ws));
        } else {
            for &i in &restaff {
                self.staff.take_off(i);
                if i.0 < n && ws.tasks[i].status.is_open() {
                    self.staff.put_on(ws, i);
                }
            }
        }
        self.owners.truncate(n);
        for i in edited.iter().copied().filter(|i| i.0 < n.min(old)) {
            self.owners.set(ws, i);
        }
        for i in old..n {
            self.owners.set(ws, TaskIx(i));
        }
        let open = open_tasks(ws);
        let mut quadrants = std::mem::take(&mut self.insights.quadrants);
        let placed = &self.placed;
        share_out(
            ws,
            &mut quadrants,
            |i| placed[i.0].cell,
            open_effort(ws, &open),
        );
        self.insights = gather(ws, board, &open, quadrants, &self.staff, &self.owners);
    }

    /// Take the tasks `moved` out of their cells and put them back where the order now
    /// wants them (the rest of each cell keeps its order: their keys did not move).
    fn move_tasks(&mut self, ws: &Workspace, board: &Scoreboard, moved: &[TaskIx]) {
        let n = ws.tasks.len();
        let cells = &mut self.insights.quadrants;
        for &i in moved {
            if let Some(q) = self.placed.get(i.0).and_then(|p| p.cell) {
                let cell = &mut cells[q.index()].tasks;
                if let Some(at) = cell.iter().position(|&t| t == i) {
                    cell.remove(at);
                }
            }
        }
        // Tasks added at the end and placed nowhere are as good as gone.
        self.placed.resize(n, GONE);
        for &i in moved.iter().filter(|i| i.0 < n) {
            let now = placed(ws, board, i);
            if let Some(q) = now.cell {
                let cell = &mut cells[q.index()].tasks;
                let at = cell.partition_point(|&t| order(ws, board, t, i).is_lt());
                cell.insert(at, i);
            }
            self.placed[i.0] = now;
        }
    }
}
