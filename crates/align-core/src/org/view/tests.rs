//! The view kept up to date team by team is the view made from the start.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::edit::{self, Edit};
use crate::model::{LinkRef, TaskStatus};
use crate::session::Session;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
}

/// An organisation of `teams` generated teams of `tasks` tasks on disk, a session each.
fn sessions(teams: usize, tasks: usize) -> (tempfile::TempDir, Vec<Session>) {
    let dir = tempfile::tempdir().unwrap();
    align_testkit::organisation::write(dir.path(), teams, tasks).unwrap();
    let (loaded, _) = crate::org::load_teams(&[dir.path().to_path_buf()]).unwrap();
    let sessions = loaded
        .into_iter()
        .map(|l| Session::new(l, day(), None))
        .collect();
    (dir, sessions)
}

fn views(sessions: &[Session]) -> Vec<TeamView<'_>> {
    sessions
        .iter()
        .map(|s| TeamView {
            key: &s.workspace().key,
            workspace: s.workspace(),
            scores: s.scoreboard(),
        })
        .collect()
}

/// One change to a team: link or unlink a task, set a status, give a task a due date
/// and an urgent flag (what the lens weighs), add a task, another lens, take the last
/// edit back.
#[derive(Debug, Clone)]
enum Change {
    Link {
        task: usize,
        target: usize,
    },
    Deadline {
        task: usize,
        due_in: i64,
        urgent: bool,
    },
    Status {
        task: usize,
        status: usize,
    },
    AddTask,
    Lens(bool),
    Undo,
}

fn change() -> impl Strategy<Value = (usize, Change)> {
    let change = prop_oneof![
        (0..64usize, 0..64usize).prop_map(|(task, target)| Change::Link { task, target }),
        (0..64usize, 0..4usize).prop_map(|(task, status)| Change::Status { task, status }),
        (0..64usize, -20..20i64, any::<bool>()).prop_map(|(task, due_in, urgent)| {
            Change::Deadline {
                task,
                due_in,
                urgent,
            }
        }),
        Just(Change::AddTask),
        any::<bool>().prop_map(Change::Lens),
        Just(Change::Undo),
    ];
    (0..3usize, change)
}

/// Make `change` in `s` and save it (a change that does not apply is skipped).
fn make(s: &mut Session, change: &Change) {
    let ws = s.workspace();
    let n = ws.tasks.len();
    let edit = match *change {
        Change::Link { task, target } => {
            let targets: Vec<LinkRef> = ws.link_targets().collect();
            let target = &targets[target % targets.len()];
            edit::toggle(ws, TaskIx(task % n), target)
                .ok()
                .flatten()
                .map(Edit::Link)
        }
        Change::Status { task, status } => {
            let status = [
                TaskStatus::Todo,
                TaskStatus::Doing,
                TaskStatus::Done,
                TaskStatus::Dropped,
            ][status];
            edit::set_status(ws, TaskIx(task % n), status, day())
                .ok()
                .map(Edit::Block)
        }
        Change::Deadline {
            task,
            due_in,
            urgent,
        } => {
            let changes = edit::TaskChanges {
                due: Some(Some(day() + chrono::TimeDelta::days(due_in))),
                urgent: Some(urgent),
                ..edit::TaskChanges::default()
            };
            edit::edit_fields(ws, TaskIx(task % n), &changes, day())
                .ok()
                .flatten()
                .map(Edit::Block)
        }
        Change::AddTask => edit::add_task(ws, "Tidy the onboarding emails")
            .ok()
            .map(Edit::Block),
        Change::Lens(crunch) => {
            s.set_lens(if crunch { Lens::Crunch } else { Lens::Strategy });
            return;
        }
        Change::Undo => {
            if s.undo().is_ok() {
                s.flush();
            }
            return;
        }
    };
    if let Some(edit) = edit
        && s.commit(edit).is_ok()
    {
        s.flush();
    }
}

/// Everything the view holds, `a` against `b`.
fn assert_same(a: &OrgView, b: &OrgView) -> Result<(), TestCaseError> {
    let (wa, wb) = (&a.workspace, &b.workspace);
    prop_assert_eq!(&wa.tasks, &wb.tasks);
    prop_assert_eq!(&wa.goals, &wb.goals);
    prop_assert_eq!(&wa.files, &wb.files);
    prop_assert_eq!(&wa.upstreams, &wb.upstreams);
    prop_assert_eq!(&wa.mission, &wb.mission);
    for (i, t) in wa.tasks_ix() {
        prop_assert_eq!(wa.task_by_id(&t.id), Some(i));
        prop_assert_eq!(wb.task_by_id(&t.id), Some(i));
    }
    for (i, g) in wa.goals_ix() {
        prop_assert_eq!(wa.goal_by_id(&g.id), Some(i));
    }
    prop_assert_eq!(&a.scores, &b.scores);
    prop_assert_eq!(&a.origin, &b.origin);
    prop_assert_eq!(&a.open, &b.open);
    prop_assert_eq!(&a.places.len(), &b.places.len());
    for (p, q) in a.places.iter().zip(&b.places) {
        prop_assert_eq!(
            (&p.tasks, &p.goals, &p.files),
            (&q.tasks, &q.goals, &q.files)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// After any changes to any teams, looked at now and then, the view brought up to
    /// date (only the changed teams' shares made again) is the view made from the start,
    /// and what it says moved leads every other task to where it is now.
    #[test]
    fn the_view_kept_up_to_date_is_the_view_made_again(
        changes in proptest::collection::vec((change(), any::<bool>()), 1..12),
    ) {
        let (_dir, mut teams) = sessions(3, 24);
        let mut view = merged("org", day(), Lens::Strategy, &views(&teams));
        let mut seen: Vec<u64> = teams.iter().map(Session::revision).collect();
        let last = changes.len() - 1;
        for (i, ((team, change), look)) in changes.into_iter().enumerate() {
            make(&mut teams[team], &change);
            if !look && i != last {
                continue;
            }
            let changed: Vec<usize> = (0..teams.len())
                .filter(|&n| teams[n].revision() != seen[n])
                .collect();
            seen = teams.iter().map(Session::revision).collect();
            let before: Vec<String> = view.workspace.tasks.iter().map(|t| t.id.clone()).collect();
            let moved = view.update(day(), Lens::Strategy, &views(&teams), &changed);
            assert_same(&view, &merged("org", day(), Lens::Strategy, &views(&teams)))?;
            if let Some(moved) = moved {
                prop_assert_eq!(moved.len(), changed.len());
                let mut shift = 0isize;
                let mut ranges = moved.iter().peekable();
                for (old, id) in before.iter().enumerate() {
                    if let Some((o, n)) = ranges.peek() {
                        if o.contains(&old) {
                            continue;
                        }
                        if old >= o.end {
                            shift += n.len() as isize - o.len() as isize;
                            ranges.next();
                        }
                    }
                    let now = old.saturating_add_signed(shift);
                    prop_assert_eq!(&view.workspace.tasks[now].id, id);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// After any changes, the view brought up to date and then every team switched to
    /// the other lens (`m` on the organisation): the view following the lens alone is
    /// the view made from the start under it.
    #[test]
    fn the_view_following_a_lens_switch_is_the_view_made_again(
        changes in proptest::collection::vec(change(), 0..8),
        deadlines in proptest::collection::vec((0..3usize, 0..64usize, -20..20i64, any::<bool>()), 1..6),
        crunch in any::<bool>(),
    ) {
        let (_dir, mut teams) = sessions(3, 24);
        let mut view = merged("org", day(), Lens::Strategy, &views(&teams));
        for (team, change) in &changes {
            make(&mut teams[*team], change);
        }
        // Work due around today, urgent or not, which the crunch lens weighs differently.
        for &(team, task, due_in, urgent) in &deadlines {
            make(&mut teams[team], &Change::Deadline { task, due_in, urgent });
        }
        view.update(day(), Lens::Strategy, &views(&teams), &[0, 1, 2]);
        let lens = if crunch { Lens::Crunch } else { Lens::Strategy };
        for t in &mut teams {
            t.set_lens(lens);
        }
        view.follow_lens(lens, &views(&teams));
        let fresh = merged("org", day(), lens, &views(&teams));
        assert_same(&view, &fresh)?;
        prop_assert_eq!(&view.workspace.lens, &fresh.workspace.lens);
        for (p, q) in view.places.iter().zip(&fresh.places) {
            prop_assert_eq!(&p.summary, &q.summary);
        }
    }
}

/// Every team under the other lens, the teams shared among the cores, is each team
/// switched alone (and the view following them is the view made again).
#[test]
fn teams_switched_on_several_cores_are_each_switched_alone() {
    let (_dir, mut teams) = sessions(5, 30);
    let (_dir2, mut alone) = sessions(5, 30);
    let mut view = merged("org", day(), Lens::Strategy, &views(&teams));
    crate::session::set_lens_on(teams.iter_mut().collect(), Lens::Crunch, 3);
    for t in &mut alone {
        t.set_lens(Lens::Crunch);
    }
    for (t, a) in teams.iter().zip(&alone) {
        assert_eq!(t.lens(), Lens::Crunch);
        assert_eq!(t.scoreboard().tasks, a.scoreboard().tasks);
        assert_eq!(t.scoreboard().summary, a.scoreboard().summary);
    }
    view.follow_lens(Lens::Crunch, &views(&teams));
    assert_same(&view, &merged("org", day(), Lens::Crunch, &views(&teams))).unwrap();
}

/// A team's new goal cannot be put in place: the view is made again, and is the same.
#[test]
fn a_new_goal_makes_the_view_again() {
    let (_dir, mut teams) = sessions(2, 10);
    let mut view = merged("org", day(), Lens::Strategy, &views(&teams));
    let ws = teams[1].workspace();
    let new = edit::NewGoal {
        title: "Open a second office".to_string(),
        ..edit::NewGoal::default()
    };
    let e = edit::add_goal(ws, &new).unwrap();
    teams[1].commit(Edit::Block(e.0)).unwrap();
    teams[1].flush();
    assert!(
        view.update(day(), Lens::Strategy, &views(&teams), &[1])
            .is_none()
    );
    let fresh = merged("org", day(), Lens::Strategy, &views(&teams));
    assert_eq!(view.workspace.goals, fresh.workspace.goals);
    assert_eq!(view.workspace.goals.len(), 20 + 2 * 20 + 1);
}
