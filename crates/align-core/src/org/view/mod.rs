//! The whole organisation as one workspace to read: every team's goals and tasks named
//! across teams (`payments:T-101`, `payments:retention`), the goals they align to once.
//! Compare and Insights ask their questions of one workspace and its scores; this lets
//! them ask them of the organisation without a second implementation. It is a view,
//! never written: each task keeps the score its own team gave it (its own coefficients
//! and lens), and [`OrgView::origin`] leads every task back to its team, where edits go.
//!
//! At 100,000 tasks the view costs a tenth of a second to make, so it is made once and
//! kept: after an edit in some teams, [`OrgView::update`] puts those teams' shares
//! ([`team`]) in place of their old ones and says which tasks moved where
//! ([`Spliced`]), so what is derived from the view follows just those.

mod team;
#[cfg(test)]
mod tests;

use std::ops::Range;

use chrono::NaiveDate;

use super::TeamView;
use crate::model::{Goal, Lens, Parts, Task, TaskIx, Upstream, Workspace};
use crate::scoring::{
    Score, Scoreboard, Scorer, Summary, combined, counted_goals, summarize_tasks,
};
use crate::traction::{Finished, Rule, Traction, finished_work, traction_of};
use team::{Share, share};

/// The organisation as one read-only workspace.
pub struct OrgView {
    pub workspace: Workspace,
    pub scores: Scoreboard,
    /// What the goals' pace and activity are, for the panes that show them.
    pub scorer: Scorer,
    /// For each task of `workspace`, by index: its team (in the order given) and its
    /// index in that team's workspace.
    pub origin: Vec<(usize, TaskIx)>,
    /// Where each team's share is, in the order given.
    places: Vec<Place>,
    /// Each goal's open tasks ([`crate::scoring::open_counts`]), kept as shares change.
    open: Vec<usize>,
    /// The tasks the last [`OrgView::update`] changed in their place (a team whose tasks
    /// kept their number): those whose work differs, not merely where it is written.
    edited: Vec<TaskIx>,
}

/// Where one team's share lies in the view, and which goals of the workspaces it aligns
/// to it brought.
#[derive(Debug, Clone)]
struct Place {
    tasks: Range<usize>,
    goals: Range<usize>,
    files: Range<usize>,
    upstream_goals: Vec<String>,
    /// Its tasks summed up: the organisation's summary is every team's added up.
    summary: Summary,
    /// Its finished work on key results ([`finished_work`]), for their traction.
    finished: Vec<Finished>,
}

/// What [`OrgView::update`] changed: the teams' tasks at `old` (the view's places
/// before) are now those at `new` (after), in ascending order; every other task kept its
/// order, shifted by the sizes of the ranges before it. `None`: the view was made again
/// from the start (everything may have moved).
pub type Spliced = Option<Vec<(Range<usize>, Range<usize>)>>;

/// The organisation of `teams` as one workspace, named `name`, scored as of `today`.
pub fn merged(name: &str, today: NaiveDate, lens: Lens, teams: &[TeamView<'_>]) -> OrgView {
    let mut upstreams: Vec<Upstream> = Vec::new();
    let mut upstream_goals: Vec<Goal> = Vec::new();
    let (mut goals, mut tasks, mut scores) = (Vec::new(), Vec::new(), Vec::new());
    let (mut origin, mut files, mut places) = (Vec::new(), Vec::new(), Vec::new());
    for (n, t) in teams.iter().enumerate() {
        let s = share(t).shifted(files.len());
        // The goals they align to, once (by id), their upstream index into the view's.
        let at: Vec<usize> = s
            .upstreams
            .iter()
            .map(|up| {
                upstreams
                    .iter()
                    .position(|o| o.key == up.key)
                    .unwrap_or_else(|| {
                        upstreams.push(up.clone());
                        upstreams.len() - 1
                    })
            })
            .collect();
        let mut brought = Vec::new();
        for mut g in s.upstream_goals {
            brought.push(g.id.clone());
            if upstream_goals.iter().any(|o| o.id == g.id) {
                continue;
            }
            g.upstream = g.upstream.and_then(|u| at.get(u).copied());
            upstream_goals.push(g);
        }
        places.push(Place {
            tasks: tasks.len()..tasks.len() + s.tasks.len(),
            goals: goals.len()..goals.len() + s.goals.len(),
            files: files.len()..files.len() + s.files.len(),
            upstream_goals: brought,
            summary: Summary::default(),
            finished: Vec::new(),
        });
        goals.extend(s.goals);
        tasks.extend(s.tasks);
        scores.extend(s.scores);
        origin.extend(s.origin.into_iter().map(|ix| (n, ix)));
        files.extend(s.files);
    }
    // The goals aligned to first, as each team's tree shows them.
    for p in &mut places {
        p.goals = p.goals.start + upstream_goals.len()..p.goals.end + upstream_goals.len();
    }
    upstream_goals.extend(goals);
    let first = teams.first().map(|t| t.workspace);
    let workspace = Workspace::new(Parts {
        name: name.to_string(),
        mission: first.and_then(|w| w.upstreams.first()?.mission.clone()),
        lens,
        stale_after_days: first.map_or(14, |w| w.stale_after_days),
        traction_window_days: first.map_or(28, |w| w.traction_window_days),
        coefficients: first.map(|w| w.coefficients.clone()).unwrap_or_default(),
        goals: upstream_goals,
        tasks,
        files,
        root: first.map(|w| w.root.clone()).unwrap_or_default(),
        key: String::new(),
        upstreams,
    });
    let mut open = vec![0; workspace.goals.len()];
    count_open(&workspace, 0..workspace.tasks.len(), &mut open, true);
    for p in &mut places {
        p.sum_up(&workspace, &scores);
    }
    let scorer = Scorer::new(&workspace, today, lens);
    let summary = combined(places.iter().map(|p| &p.summary));
    let scores = Scoreboard {
        today,
        lens,
        goals: scorer.goal_flags_from(&workspace, &open),
        tasks: scores,
        summary,
    };
    OrgView {
        workspace,
        scores,
        scorer,
        origin,
        places,
        open,
        edited: Vec::new(),
    }
}

/// `score` of `task` made what `from` is after a lens switch, copying only what
/// differs: a lens moves the points and class of every task but the bill of few — an
/// open task's deadline and `urgent` lines and what it earns from the work it
/// unblocks (`scoring/lens.rs`) — so only those bills are compared, and copied where
/// they moved.
fn follow_score(task: &Task, score: &mut Score, from: &Score) {
    score.points = from.points;
    score.class = from.class;
    score.standing = from.standing;
    let bill_may_move = score.unblocks.is_some()
        || from.unblocks.is_some()
        || (task.status.is_open() && (task.due.is_some() || task.urgent));
    if bill_may_move && score.factors != from.factors {
        score.factors.clone_from(&from.factors);
    }
    if score.unblocks != from.unblocks {
        score.unblocks.clone_from(&from.unblocks);
    }
    if score.suggested_goal != from.suggested_goal {
        score.suggested_goal.clone_from(&from.suggested_goal);
    }
}

/// Is `b` the same work as `a` — what scoring, the lists and the insights read of a
/// task — wherever each is written? An edit in a file moves the text of the tasks after
/// it, which is no change to them.
fn same_work(a: &Task, b: &Task) -> bool {
    a.id == b.id
        && a.title == b.title
        && a.status == b.status
        && a.goals == b.goals
        && a.impact == b.impact
        && a.effort == b.effort
        && a.due == b.due
        && a.done == b.done
        && a.urgent == b.urgent
        && a.owner == b.owner
        && a.tags == b.tags
        && a.depends == b.depends
        && a.source == b.source
}

impl Place {
    /// Its summary and finished work, from its tasks in `ws` (scored `scores`).
    fn sum_up(&mut self, ws: &Workspace, scores: &[crate::scoring::Score]) {
        let r = self.tasks.clone();
        self.summary = summarize_tasks(&ws.tasks[r.clone()], &scores[r.clone()]);
        self.finished = finished_work(ws, r);
    }
}

/// Add (or take away) the open tasks at `range` to each goal's count, as
/// [`crate::scoring::open_counts`] counts them.
fn count_open(ws: &Workspace, range: Range<usize>, open: &mut [usize], add: bool) {
    for t in &ws.tasks[range] {
        for g in counted_goals(ws, t) {
            if add {
                open[g.0] += 1;
            } else {
                open[g.0] -= 1;
            }
        }
    }
}

impl OrgView {
    /// The view of `teams` (the ones it was made of, in the same order) after the teams
    /// numbered `changed` changed: their shares put in place of the old, the rest kept.
    /// What cannot be put in place — a team's goals added, removed or renamed, its files
    /// added or removed, the workspaces it aligns to changed, another lens or day — makes
    /// the view again from the start, as [`merged`] would. Says what moved.
    pub fn update(
        &mut self,
        today: NaiveDate,
        lens: Lens,
        teams: &[TeamView<'_>],
        changed: &[usize],
    ) -> Spliced {
        self.edited.clear();
        let mut changed = changed.to_vec();
        changed.sort_unstable();
        changed.dedup();
        if changed.is_empty() {
            return Some(Vec::new());
        }
        let shares: Option<Vec<(usize, Share)>> = (lens == self.scores.lens
            && today == self.scores.today
            && teams.len() == self.places.len()
            && changed.iter().all(|&n| n < teams.len()))
        .then(|| {
            changed
                .iter()
                .map(|&n| (n, share(&teams[n])))
                .filter(|(n, s)| self.fits(*n, s, teams))
                .collect()
        })
        .filter(|shares: &Vec<(usize, Share)>| shares.len() == changed.len());
        let Some(shares) = shares else {
            *self = merged(&self.workspace.name, today, lens, teams);
            return None;
        };
        let mut moved: Vec<(usize, Range<usize>, Range<usize>)> = Vec::new();
        let mut shift: isize = 0;
        let mut goals_changed = false;
        for (n, s) in shares {
            let place = &mut self.places[n];
            let old = place.tasks.clone();
            let at = old.start.saturating_add_signed(shift);
            let s = s.shifted(place.files.start);
            let new = at..at + s.tasks.len();
            // Its tasks where they are now (the teams before it moved them).
            let was = at..at + old.len();
            count_open(&self.workspace, was.clone(), &mut self.open, false);
            if was.len() == s.tasks.len() {
                let now = self.workspace.tasks[was.clone()].iter().zip(&s.tasks);
                self.edited.extend(
                    now.enumerate()
                        .filter(|(_, (a, b))| !same_work(a, b))
                        .map(|(k, _)| TaskIx(was.start + k)),
                );
            }
            let goals = &mut self.workspace.goals[place.goals.clone()];
            if *goals != *s.goals {
                goals_changed = true;
                for (slot, g) in goals.iter_mut().zip(s.goals) {
                    *slot = g;
                }
                self.workspace.goals_changed();
            }
            for (slot, f) in self.workspace.files[place.files.clone()]
                .iter_mut()
                .zip(s.files)
            {
                *slot = f;
            }
            self.workspace.splice_tasks(was.clone(), s.tasks);
            self.scores.tasks.splice(was.clone(), s.scores);
            self.origin
                .splice(was, s.origin.into_iter().map(|ix| (n, ix)));
            count_open(&self.workspace, new.clone(), &mut self.open, true);
            shift += new.len() as isize - old.len() as isize;
            moved.push((n, old, new));
        }
        // The places after each changed team's, by how much its tasks grew or shrank.
        let mut delta: isize = 0;
        let mut next = moved.iter().peekable();
        for (n, p) in self.places.iter_mut().enumerate() {
            let start = p.tasks.start.saturating_add_signed(delta);
            if let Some((_, old, new)) = next.next_if(|(m, ..)| *m == n) {
                delta += new.len() as isize - old.len() as isize;
                p.tasks = new.clone();
                p.sum_up(&self.workspace, &self.scores.tasks);
            } else {
                p.tasks = start..start + p.tasks.len();
            }
        }
        // The goals' pace and the words that suggest them: the goals' alone.
        if goals_changed {
            self.scorer = Scorer::new(&self.workspace, today, lens);
        }
        self.scores.goals = self.scorer.goal_flags_from(&self.workspace, &self.open);
        self.scores.summary = combined(self.places.iter().map(|p| &p.summary));
        Some(moved.into_iter().map(|(_, old, new)| (old, new)).collect())
    }

    /// The view of `teams` under `lens`, when the lens is all that changed since the view
    /// was last brought up to date (each team's session re-weighed its own scores, under
    /// its own coefficients): every task's score taken from its team in place — no
    /// task, goal or file copied, nothing merged again — and each team's summary and the
    /// organisation's counted again. The goal flags do not depend on the lens.
    pub fn follow_lens(&mut self, lens: Lens, teams: &[TeamView<'_>]) {
        if teams.len() != self.places.len() {
            *self = merged(&self.workspace.name, self.scores.today, lens, teams);
            return;
        }
        let tasks = self.workspace.tasks.iter().zip(&mut self.scores.tasks);
        for ((task, score), &(n, ix)) in tasks.zip(&self.origin) {
            follow_score(task, score, &teams[n].scores.tasks[ix.0]);
        }
        // Each team summed up its tasks under the lens already: the same tasks.
        for (p, t) in self.places.iter_mut().zip(teams) {
            p.summary.clone_from(&t.scores.summary);
        }
        self.scores.lens = lens;
        self.scorer.lens = lens;
        self.workspace.lens = lens;
        self.scores.summary = combined(self.places.iter().map(|p| &p.summary));
        self.edited.clear();
    }

    /// The tasks whose work the last [`OrgView::update`] changed in place (in a team
    /// whose tasks kept their number and order): the tasks to follow, where every other
    /// task of the moved ranges is only written elsewhere in its file.
    pub fn edited(&self) -> &[TaskIx] {
        &self.edited
    }

    /// Every key result's traction in the view, as of the day it is scored for: the
    /// finished work each team's share holds, weighed together.
    pub fn traction(&self, rule: Rule) -> Vec<Vec<Traction>> {
        let finished = self.places.iter().flat_map(|p| &p.finished);
        traction_of(&self.workspace, self.scores.today, rule, finished)
    }

    /// Can team `n`'s new share `s` be put in place of its old one? Its own goals (by
    /// id), its files (by number) and the goals it aligns to must be the view's still;
    /// the first team's settings (which the view takes) too.
    fn fits(&self, n: usize, s: &Share, teams: &[TeamView<'_>]) -> bool {
        let place = &self.places[n];
        let ws = &self.workspace;
        let same_goals = place.goals.len() == s.goals.len()
            && ws.goals[place.goals.clone()]
                .iter()
                .zip(&s.goals)
                .all(|(a, b)| a.id == b.id);
        let same_upstreams = s
            .upstreams
            .iter()
            .all(|u| ws.upstreams.iter().any(|o| same_upstream(o, u)))
            && place.upstream_goals.len() == s.upstream_goals.len()
            && place
                .upstream_goals
                .iter()
                .zip(&s.upstream_goals)
                .all(|(id, g)| {
                    *id == g.id
                        && ws.goal_by_id(id).is_some_and(|at| {
                            let mine = &ws.goals[at];
                            let theirs = g.upstream.and_then(|u| s.upstreams.get(u));
                            let key = theirs.map(|u| &u.key);
                            mine.upstream
                                .and_then(|u| ws.upstreams.get(u))
                                .map(|u| &u.key)
                                == key
                                && Goal {
                                    upstream: mine.upstream,
                                    ..g.clone()
                                } == *mine
                        })
                });
        let settings = n != 0 || {
            let w = teams[0].workspace;
            ws.mission == w.upstreams.first().and_then(|u| u.mission.clone())
                && ws.stale_after_days == w.stale_after_days
                && ws.traction_window_days == w.traction_window_days
                && ws.coefficients == w.coefficients
                && ws.root == w.root
        };
        same_goals && place.files.len() == s.files.len() && same_upstreams && settings
    }
}

/// The same upstream as read by two teams: each names it by its own path
/// (`payments/../company`, `growth/../company`), so what is compared is its key, name,
/// mission and the bytes of its files.
fn same_upstream(a: &Upstream, b: &Upstream) -> bool {
    a.key == b.key
        && a.name == b.name
        && a.mission == b.mission
        && a.files.len() == b.files.len()
        && a.files.iter().zip(&b.files).all(|(x, y)| x.text == y.text)
}
