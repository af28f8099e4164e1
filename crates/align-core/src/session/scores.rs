//! Keeping the scores current after an edit without starting over: a task edit re-scores
//! that task and moves only the open-task counts of the goals it left and joined; a
//! check-in re-scores the tasks linked to its goal; a task added or removed scores or
//! forgets that one, and the tasks others wait on settle what they earn from them again;
//! anything wider (an import, a goal's own fields — its title feeds every unlinked task's
//! suggestion, its parent and weight its ancestors' progress) scores everything again. The
//! result is always what a fresh scoring of the workspace gives (a property test holds it to that).

use chrono::NaiveDate;

use super::Touched;
use crate::depends::Dependencies;
use crate::edit::{Edit, Subject};
use crate::model::{GoalIx, Lens, LinkRef, TaskIx, Workspace};
use crate::scoring::{Scoreboard, Scorer, counted_goals, summarize};

/// The scorer (what depends on goals only), every score, and the graph of the tasks'
/// `depends` the scores were settled with.
pub(super) struct Scores {
    pub(super) scorer: Scorer,
    pub(super) board: Scoreboard,
    /// Kept current with the workspace, as the scores are: the board asks it what the
    /// selected task unblocks, which was a walk over every task for every frame drawn.
    pub(super) dependencies: Dependencies,
}

/// What scoring must remember of the model before an edit: the goals the edited task
/// counted for, whose open-task counts it may leave.
pub(super) struct Before {
    counted: Vec<GoalIx>,
    /// The edited goal's fields besides its key results' values and check-ins.
    goal: Option<String>,
}

/// A goal's fields that a check-in leaves alone: when one of them moved, more than the
/// goal's own tasks may score differently.
fn goal_fields(ws: &Workspace, goal: GoalIx) -> Option<String> {
    let g = ws.goals.get(goal.0)?;
    let krs: Vec<_> = g
        .key_results
        .iter()
        .map(|k| (&k.id, &k.title, &k.owner, k.due, &k.unit, k.start, k.target))
        .collect();
    let own = (&g.id, &g.title, g.kind, &g.parent, g.weight, g.horizon);
    let rest = (g.start, g.due, g.status, &g.owner, g.grade, &g.review);
    Some(format!("{own:?}{rest:?}{krs:?}"))
}

fn edited_goal(edit: &Edit) -> Option<GoalIx> {
    match edit {
        Edit::Block(b) => match b.subject {
            Subject::Goal(g) => Some(g),
            _ => None,
        },
        _ => None,
    }
}

impl Scores {
    pub(super) fn new(ws: &Workspace, today: NaiveDate, lens: Lens) -> Scores {
        let scorer = Scorer::new(ws, today, lens);
        let dependencies = Dependencies::new(ws);
        let board = scorer.scoreboard_with(ws, &dependencies);
        Scores {
            scorer,
            board,
            dependencies,
        }
    }

    /// Everything scored again (a reload, an import).
    pub(super) fn rescore_all(&mut self, ws: &Workspace) {
        *self = Scores::new(ws, self.scorer.today, self.scorer.lens);
    }

    pub(super) fn before(ws: &Workspace, edit: &Edit) -> Before {
        let counted = match edited_task(edit) {
            Some(t) if t.0 < ws.tasks.len() => counted_goals(ws, &ws.tasks[t]),
            _ => Vec::new(),
        };
        let goal = edited_goal(edit).and_then(|g| goal_fields(ws, g));
        Before { counted, goal }
    }

    /// Bring the scores up to date with an edit, now in the model, that touched what
    /// [`touched`] says.
    pub(super) fn after(&mut self, ws: &Workspace, touched: Touched, before: &Before) {
        match touched {
            Touched::Task(i) => self.rescore_task(ws, i, &before.counted),
            Touched::Goal(g) => self.rescore_goal(ws, g),
            Touched::TaskAdded(_) | Touched::TaskRemoved(_) => self.resize_tasks(ws),
            Touched::Everything => self.rescore_all(ws),
        }
    }

    /// Read every score under `lens`: re-weighed in place, nothing scored or suggested
    /// again (see `scoring/lens.rs`).
    pub(super) fn set_lens(&mut self, ws: &Workspace, lens: Lens) {
        self.scorer
            .set_lens_with(ws, &self.dependencies, &mut self.board, lens);
    }

    /// Re-score after an edit of `task` alone (its links, status or title), given the
    /// goals it counted for before: only those goals' and its new goals' open-task
    /// counts move, so the goal flags are worked out from the counts rather than from
    /// every task again.
    fn rescore_task(&mut self, ws: &Workspace, task: TaskIx, counted_before: &[GoalIx]) {
        self.board.tasks[task] = self.scorer.score(ws, &ws.tasks[task]);
        let mut open: Vec<usize> = self.board.goals.iter().map(|f| f.open_tasks).collect();
        for &g in counted_before {
            if let Some(n) = open.get_mut(g.0) {
                *n = n.saturating_sub(1);
            }
        }
        for g in counted_goals(ws, &ws.tasks[task]) {
            if let Some(n) = open.get_mut(g.0) {
                *n += 1;
            }
        }
        self.board.goals = self.scorer.goal_flags_from(ws, &open);
        self.settle_unblocks(ws);
        self.board.summary = summarize(ws, &self.board.tasks);
    }

    /// A score moved, so what the tasks it waits on earn from it may move too: the
    /// `unblocks` pass again (linear; nothing to do in a workspace without dependencies).
    fn settle_unblocks(&mut self, ws: &Workspace) {
        self.dependencies = Dependencies::new(ws);
        self.scorer
            .apply_unblocks(ws, &self.dependencies, &mut self.board.tasks);
    }

    /// Re-score after a check-in on goal `goal`: its key results' pace moved, so the
    /// tasks linked to it (and the goal flags) are scored again; no other task can change.
    fn rescore_goal(&mut self, ws: &Workspace, goal: GoalIx) {
        self.scorer = Scorer::new(ws, self.scorer.today, self.scorer.lens);
        let id = ws.goals[goal].id.as_str();
        let linked = |l: &LinkRef| l.serves(id);
        for (i, t) in ws.tasks.iter().enumerate() {
            if t.goals.iter().any(linked) {
                self.board.tasks[i] = self.scorer.score(ws, t);
            }
        }
        self.board.goals = self.scorer.goal_flags(ws);
        self.settle_unblocks(ws);
        self.board.summary = summarize(ws, &self.board.tasks);
    }

    /// Catch up with tasks added to or removed from the end of the workspace: score the
    /// new ones, forget the gone ones.
    fn resize_tasks(&mut self, ws: &Workspace) {
        let n = ws.tasks.len();
        self.board.tasks.truncate(n);
        for t in &ws.tasks[self.board.tasks.len()..] {
            let score = self.scorer.score(ws, t);
            self.board.tasks.push(score);
        }
        self.board.goals = self.scorer.goal_flags(ws);
        self.settle_unblocks(ws);
        self.board.summary = summarize(ws, &self.board.tasks);
    }
}

/// What an edit, now in the model, touched: a task, a goal's check-ins, a task added or
/// removed, or more than can be followed (a goal's own fields, a batch).
pub(super) fn touched(ws: &Workspace, edit: &Edit, before: &Before) -> Touched {
    match edit {
        Edit::Link(e) => Touched::Task(e.task),
        Edit::Block(b) => match b.subject {
            Subject::Task(i) => Touched::Task(i),
            Subject::Goal(g) if before.goal != goal_fields(ws, g) => Touched::Everything,
            Subject::Goal(g) => Touched::Goal(g),
            Subject::AddTask => Touched::TaskAdded(TaskIx(ws.tasks.len().saturating_sub(1))),
            Subject::RemoveTask => Touched::TaskRemoved(TaskIx(ws.tasks.len())),
            Subject::AddGoal | Subject::RemoveGoal => Touched::Everything,
        },
        Edit::Batch(_) => Touched::Everything,
    }
}

/// The task an edit changes in place, if it is one.
pub(super) fn edited_task(edit: &Edit) -> Option<TaskIx> {
    match edit {
        Edit::Link(e) => Some(e.task),
        Edit::Block(b) => match b.subject {
            Subject::Task(i) => Some(i),
            _ => None,
        },
        Edit::Batch(_) => None,
    }
}
