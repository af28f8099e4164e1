//! The `unblocks` factor: enabling work is worth what it enables. The database migration
//! the top task waits on has no link of its own, yet nothing moves until it is done; under
//! the strategy lens it would be busy-work. So an open task that open linked work waits
//! on — directly or through other tasks — scores at least `unblocks`% of the best-scoring
//! task waiting on it directly, and its bill names that task and the linked task the chain
//! ends at. Each step of a chain takes the share again, so work further from the goal
//! counts for less, as it should: more can change before it pays off.
//!
//! Its class stops at `partial` when it has no active link of its own: its worth is
//! borrowed and lasts only while the work it unblocks stays open and linked, and the
//! honest way to `aligned` is to link it to the goal it serves. A blocker with its own
//! active link is classed by its score as any linked task is. A blocker of only
//! operational work is `operational`; of only busy-work (or of done or dropped work) it
//! gains nothing.
//!
//! Computed after every task's own score, over the dependency graph in one pass: a task's
//! worth is settled once every task waiting on it is (Kahn's order, dependents first), so
//! the pass is linear in tasks and dependencies, and tasks in a cycle (which loading
//! refuses) are simply never settled — the pass cannot loop.

use super::factors::class_by_score;
use super::{Class, Factor, Score, Scorer, Standing, Unblocks};
use crate::depends::Dependencies;
use crate::model::{Lens, TaskIx, Workspace};

/// The higher score wins; of two equal, the task earlier in the workspace (determinism).
fn better(o: Offer, cur: Offer) -> bool {
    (o.points, std::cmp::Reverse(o.from)) > (cur.points, std::cmp::Reverse(cur.from))
}

/// What task `x`, settled, offers the tasks it waits on: nothing unless it is open
/// linked work (or earns from such work itself) and not busy-work.
fn offer(ws: &Workspace, x: TaskIx, score: &Score) -> Option<Offer> {
    let task = &ws.tasks[x];
    if !task.status.is_open() || score.class == Class::BusyWork {
        return None;
    }
    let linked = match score.unblocks {
        _ if !task.goals.is_empty() => x,
        Some(u) => u.linked,
        None => return None,
    };
    Some(Offer {
        from: x,
        points: score.points,
        class: score.class,
        linked,
    })
}

/// What the best dependent seen so far offers a blocker.
#[derive(Clone, Copy)]
struct Offer {
    from: TaskIx,
    points: u8,
    class: Class,
    linked: TaskIx,
}

impl Scorer {
    /// Give every open task that open linked work waits on its `unblocks` factor. A
    /// score that already carries one (a session's scores after an edit) goes back to
    /// its own factors first (nothing scored again), so the pass may run again at any time.
    pub fn apply_unblocks(&self, ws: &Workspace, deps: &Dependencies, scores: &mut [Score]) {
        if scores.len() != ws.tasks.len() {
            return;
        }
        let c = &ws.coefficients;
        if deps.is_empty() {
            // The last dependency may just have gone: what it gave goes with it.
            for score in scores.iter_mut() {
                self.own_score(c, score);
            }
            return;
        }
        let n = ws.tasks.len();
        let mut pending: Vec<u32> = Vec::with_capacity(n);
        let mut queue: Vec<TaskIx> = Vec::new();
        for t in (0..n).map(TaskIx) {
            let waiting = deps.dependents(t).len();
            pending.push(waiting as u32);
            self.own_score(c, &mut scores[t]);
            if waiting == 0 && !deps.blockers(t).is_empty() {
                queue.push(t);
            }
        }
        let mut best: Vec<Option<Offer>> = vec![None; n];
        while let Some(x) = queue.pop() {
            let offer = offer(ws, x, &scores[x]);
            for &b in deps.blockers(x) {
                if let Some(o) = offer
                    && best[b].is_none_or(|cur| better(o, cur))
                {
                    best[b] = Some(o);
                }
                pending[b] = pending[b].saturating_sub(1);
                if pending[b] == 0 {
                    if let Some(o) = best[b] {
                        self.earn(ws, b, o, &mut scores[b]);
                    }
                    if !deps.blockers(b).is_empty() {
                        queue.push(b);
                    }
                }
            }
        }
    }

    /// Task `b` earns from the best offer: its score lifted to the share, its class.
    fn earn(&self, ws: &Workspace, b: TaskIx, o: Offer, score: &mut Score) {
        let task = &ws.tasks[b];
        if !task.status.is_open() {
            return;
        }
        let c = &ws.coefficients;
        let share = c.unblocks.clamp(0, 100);
        let worth = (i64::from(o.points) * share + 50) / 100;
        let sum: i64 = score.factors.iter().map(|f| f.points).sum();
        let dependent = &ws.tasks[o.from];
        let through = if o.linked == o.from {
            String::new()
        } else {
            format!(", on the way to \"{}\"", ws.tasks[o.linked].id)
        };
        score.factors.push(Factor {
            name: "unblocks",
            points: (worth - sum).max(0),
            detail: format!(
                "unblocks \"{}\" ({}), which scores {}{through}: worth at least {share}% of it",
                dependent.id, dependent.title, o.points
            ),
        });
        score.points = sum.max(worth).clamp(0, 100) as u8;
        score.unblocks = Some(Unblocks {
            task: o.from,
            linked: o.linked,
        });
        score.class = match score.standing {
            Standing::Objective => class_by_score(c, score.points),
            Standing::Operational => Class::Operational,
            Standing::Unlinked if o.class == Class::Operational => Class::Operational,
            Standing::Unlinked if self.lens == Lens::Crunch => {
                // Crunch classes unlinked work by its score; enabling work is never busy-work.
                match class_by_score(c, score.points) {
                    Class::BusyWork => Class::Partial,
                    other => other,
                }
            }
            Standing::Unlinked | Standing::Inactive => Class::Partial,
        };
    }
}
