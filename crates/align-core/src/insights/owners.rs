//! Who is carrying the busy-work: open effort by class per owner, owners with the most
//! busy-work first, and the tasks nobody owns grouped as one.

use std::collections::HashMap;

use serde::Serialize;

use super::none_last;
use crate::model::{TaskIx, Workspace};
use crate::scoring::{Class, Scoreboard};

/// How owner-less tasks are grouped.
pub const NOBODY: &str = "(nobody)";

/// Open effort split by class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClassEffort {
    pub aligned: f64,
    pub partial: f64,
    pub operational: f64,
    pub busy_work: f64,
}

impl ClassEffort {
    pub fn get(&self, class: Class) -> f64 {
        match class {
            Class::Aligned => self.aligned,
            Class::Partial => self.partial,
            Class::Operational => self.operational,
            Class::BusyWork => self.busy_work,
        }
    }

    fn add(&mut self, class: Class, effort: f64) {
        match class {
            Class::Aligned => self.aligned += effort,
            Class::Partial => self.partial += effort,
            Class::Operational => self.operational += effort,
            Class::BusyWork => self.busy_work += effort,
        }
    }

    pub fn total(&self) -> f64 {
        self.aligned + self.partial + self.operational + self.busy_work
    }
}

/// One owner's open effort by class. `owner` is `None` for tasks nobody owns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerLoad {
    pub owner: Option<String>,
    pub open_tasks: usize,
    pub effort: ClassEffort,
}

impl OwnerLoad {
    /// The owner's name, or [`NOBODY`].
    pub fn name(&self) -> &str {
        self.owner.as_deref().unwrap_or(NOBODY)
    }
}

/// Every task's owner as a number (its place in `names`), found by hashing once rather
/// than at every change (at 100,000 tasks that was most of the tab's time).
#[derive(Debug, Clone)]
pub(super) struct Owners {
    of: Vec<u32>,
    names: Vec<Option<String>>,
    place: HashMap<Option<String>, u32>,
}

impl Owners {
    pub(super) fn new(ws: &Workspace) -> Owners {
        let mut owners = Owners {
            of: Vec::with_capacity(ws.tasks.len()),
            names: Vec::new(),
            place: HashMap::new(),
        };
        for (i, _) in ws.tasks_ix() {
            owners.set(ws, i);
        }
        owners
    }

    /// Task `i`'s owner, read again (it was edited, or is new at the end).
    pub(super) fn set(&mut self, ws: &Workspace, i: TaskIx) {
        let owner = &ws.tasks[i].owner;
        let n = if let Some(&n) = self.place.get(owner) {
            n
        } else {
            let n = self.names.len() as u32;
            self.names.push(owner.clone());
            self.place.insert(owner.clone(), n);
            n
        };
        match self.of.get_mut(i.0) {
            Some(slot) => *slot = n,
            None => self.of.push(n),
        }
    }

    /// Forget the tasks from `n` on (removed from the end).
    pub(super) fn truncate(&mut self, n: usize) {
        self.of.truncate(n);
    }
}

/// Each owner's open tasks and effort by class, most busy-work first (then most open
/// effort, then by name; nobody last).
pub(super) fn loads(
    ws: &Workspace,
    board: &Scoreboard,
    open: &[TaskIx],
    owners: &Owners,
) -> Vec<OwnerLoad> {
    let mut loads: Vec<Option<OwnerLoad>> = vec![None; owners.names.len()];
    for &i in open {
        let n = owners.of[i.0] as usize;
        let load = loads[n].get_or_insert_with(|| OwnerLoad {
            owner: owners.names[n].clone(),
            open_tasks: 0,
            effort: ClassEffort::default(),
        });
        load.open_tasks += 1;
        load.effort.add(board.tasks[i].class, ws.tasks[i].effort);
    }
    let mut loads: Vec<OwnerLoad> = loads.into_iter().flatten().collect();
    loads.sort_by(|a, b| {
        b.effort
            .busy_work
            .total_cmp(&a.effort.busy_work)
            .then_with(|| b.effort.total().total_cmp(&a.effort.total()))
            .then_with(|| none_last(a.owner.as_ref(), b.owner.as_ref()))
    });
    loads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::test_support::*;

    #[test]
    fn owners_are_ranked_by_busy_work_and_nobody_is_grouped() {
        let text = [
            HEAD,
            GOALS,
            &task("A", "owner = \"ann\"\ngoals = [\"grow/kr\"]\neffort = 5"),
            &task("B", "owner = \"ann\"\neffort = 1"),
            &task("C", "owner = \"bob\"\neffort = 3"),
            &task("D", "owner = \"bob\"\ngoals = [\"ops\"]\neffort = 2"),
            &task("E", "effort = 2"),
            &task("F", "effort = 1.5\ngoals = [\"grow\"]"),
            &task("G", "owner = \"cat\"\ngoals = [\"grow/kr\"]"),
            // Closed work carries nothing.
            &task("H", "owner = \"dan\"\nstatus = \"done\"\neffort = 9"),
        ]
        .concat();
        let (_ws, ins) = build(&text);
        let names: Vec<&str> = ins.owners.iter().map(super::OwnerLoad::name).collect();
        assert_eq!(names, ["bob", NOBODY, "ann", "cat"]);
        let bob = &ins.owners[0];
        assert_eq!(bob.effort.busy_work, 3.0);
        assert_eq!(bob.effort.operational, 2.0);
        assert_eq!(bob.effort.total(), 5.0);
        assert_eq!(bob.open_tasks, 2);
        let nobody = &ins.owners[1];
        assert_eq!(nobody.owner, None);
        assert_eq!(nobody.effort.busy_work, 2.0);
        assert_eq!(nobody.effort.get(Class::Aligned), 1.5);
        assert_eq!(ins.owners[2].effort.aligned, 5.0);
    }
}
