//! Keeping the insights current after a change without working them out again over
//! every open task. Most of a fresh computation at 100,000 tasks is sorting the four
//! quadrant cells (score, due date, id), resolving every open task's links for the
//! key-result staffing, and hashing every owner; an edit moves one task, and with it at
//! most the few tasks that earn from it (`unblocks`). So [`KeptInsights`] remembers,
//! per task, the cell it is in and the keys it was sorted by, who staffs which key
//! result, and whose each task is. After a change it finds the tasks whose cell or keys
//! moved, takes them out of their cells and puts them back where the order now wants
//! them, and puts the edited tasks (and those opened or closed) back on the staffing
//! lists; when many moved at once (a lens switch), it sorts only those and merges them
//! into the cells. The sums (effort per cell, per owner, per key result) are worked out again
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

/// Past this many tasks moved at once, merging them into the cells (or listing who
/// staffs what again) is quicker than moving them one by one.
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
    /// Past how many tasks moved they are merged rather than moved one by one ([`MANY`]).
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

    /// The same, merging the moved tasks into the cells (and listing who staffs what
    /// again) past `many` tasks moved by a change rather than past a few hundred: a test
    /// sets 0 to check that way too.
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
        // Tasks whose cell or sort keys moved, with the cell each was in; tasks to put on
        // the staffing lists again. `placed` takes the new cells and keys as it goes.
        let mut moved: Vec<(TaskIx, Option<Quadrant>)> = Vec::new();
        let mut restaff: Vec<TaskIx> = edited.to_vec();
        self.placed.resize(n.max(old), GONE);
        for i in 0..n.max(old) {
            let now = if i < n {
                placed(ws, board, TaskIx(i))
            } else {
                GONE
            };
            let was = self.placed[i];
            if now != was {
                moved.push((TaskIx(i), was.cell));
                if now.cell.is_some() != was.cell.is_some() {
                    restaff.push(TaskIx(i));
                }
                self.placed[i] = now;
            }
        }
        // An edited task is moved whatever its keys say: the task at its place may be
        // another (one removed from the end, one added), with another id.
        for &i in edited.iter().filter(|i| i.0 < n.max(old)) {
            moved.push((i, self.placed[i.0].cell));
        }
        moved.sort_unstable_by_key(|&(i, _)| i);
        moved.dedup_by_key(|&mut (i, _)| i);
        if moved.len() > self.many {
            self.merge_tasks(ws, board, &moved);
        } else {
            self.move_tasks(ws, board, &moved);
        }
        self.placed.truncate(n);
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

    /// Take the tasks `moved` out of the cells they were in and put them back where the
    /// order now wants them, one by one (the rest of each cell keeps its order: their
    /// keys did not move).
    fn move_tasks(
        &mut self,
        ws: &Workspace,
        board: &Scoreboard,
        moved: &[(TaskIx, Option<Quadrant>)],
    ) {
        let cells = &mut self.insights.quadrants;
        for &(i, was) in moved {
            if let Some(q) = was {
                let cell = &mut cells[q.index()].tasks;
                if let Some(at) = cell.iter().position(|&t| t == i) {
                    cell.remove(at);
                }
            }
        }
        for &(i, _) in moved {
            if let Some(q) = self.placed[i.0].cell {
                let cell = &mut cells[q.index()].tasks;
                let at = cell.partition_point(|&t| order(ws, board, t, i).is_lt());
                cell.insert(at, i);
            }
        }
    }

    /// The same for many tasks at once (another lens): the cells without them, the moved
    /// tasks sorted among themselves, and the two merged (no sort of every open task).
    fn merge_tasks(
        &mut self,
        ws: &Workspace,
        board: &Scoreboard,
        moved: &[(TaskIx, Option<Quadrant>)],
    ) {
        let mut out = vec![false; self.placed.len()];
        for &(i, _) in moved {
            out[i.0] = true;
        }
        let mut joining: [Vec<TaskIx>; 4] = Default::default();
        for &(i, _) in moved {
            if let Some(q) = self.placed[i.0].cell {
                joining[q.index()].push(i);
            }
        }
        for (cell, mut join) in self.insights.quadrants.iter_mut().zip(joining) {
            let mut stay = std::mem::take(&mut cell.tasks);
            stay.retain(|t| !out[t.0]);
            join.sort_unstable_by(|&a, &b| order(ws, board, a, b));
            let mut merged = Vec::with_capacity(stay.len() + join.len());
            let (mut s, mut j) = (0, 0);
            while s < stay.len() && j < join.len() {
                if order(ws, board, join[j], stay[s]).is_lt() {
                    merged.push(join[j]);
                    j += 1;
                } else {
                    merged.push(stay[s]);
                    s += 1;
                }
            }
            merged.extend_from_slice(&stay[s..]);
            merged.extend_from_slice(&join[j..]);
            cell.tasks = merged;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::insights;
    use crate::insights::test_support::*;
    use crate::model::Lens;
    use crate::score_workspace;

    #[test]
    fn an_edit_followed_gives_the_fresh_figures_and_moves_its_task() {
        let text = [
            HEAD,
            GOALS,
            &task("A", "goals = [\"grow/kr\"]\nowner = \"ann\""),
            &task("B", "urgent = true\nowner = \"bob\"\neffort = 2"),
            &task("C", "due = 2026-11-26"),
        ]
        .concat();
        let (_dir, mut ws) = load(&text);
        let board = score_workspace(&ws, today(), None);
        let mut kept = KeptInsights::new(&ws, &board);
        let trap =
            |k: &KeptInsights| ids(&ws, &k.insights().quadrant(Quadrant::BusyWorkTrap).tasks);
        assert_eq!(trap(&kept), ["C", "B"], "equal scores: the dated first");
        // B linked to the key result and handed to ann: out of the trap, onto the key
        // result's staff and ann's load.
        ws.tasks[1].goals = vec![crate::model::LinkRef::key_result("grow", "kr")];
        ws.relinked(TaskIx(1));
        ws.tasks[1].owner = Some("ann".to_string());
        let board = score_workspace(&ws, today(), None);
        kept.follow(&ws, &board, &[TaskIx(1)]);
        assert_eq!(kept.insights(), &insights(&ws, &board));
        assert_eq!(
            ids(&ws, &kept.insights().quadrant(Quadrant::BusyWorkTrap).tasks),
            ["C"]
        );
        assert_eq!(kept.insights().key_results[0].open_tasks, 2);
        // Another lens: every task may move; merged in, still the fresh figures.
        let board = score_workspace(&ws, today(), Some(Lens::Crunch));
        let mut merging = kept.clone().sorting_past(0);
        kept.follow(&ws, &board, &[]);
        merging.follow(&ws, &board, &[]);
        assert_eq!(kept.insights(), &insights(&ws, &board));
        assert_eq!(merging.insights(), &insights(&ws, &board));
    }
}
