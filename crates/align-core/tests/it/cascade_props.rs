//! README "Scoring"'s properties across the company/team boundary (SPEC §6): the same
//! goals written once in the team's own file and once in an upstream company workspace
//! (`upstream = ["../company"]`, linked as `co:g1`, `co:g1/k0`, or through a team goal
//! whose parent is a company goal) must score every task the same — points, class and
//! bill — and give the same shares; so every property `scoring_props` checks on one file
//! holds across the cascade. A few properties are also checked directly on the cascade.

use std::fmt::Write as _;
use std::path::Path;

use align_core::model::{Lens, Workspace};
use align_core::scoring::{Class, Scoreboard};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn date(offset: i64) -> NaiveDate {
    if offset >= 0 {
        today().checked_add_days(Days::new(offset as u64)).unwrap()
    } else {
        today()
            .checked_sub_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    }
}

#[derive(Debug, Clone)]
struct Goal {
    operational: bool,
    weight: u8,
    status: &'static str,
    due: Option<i64>,
    /// start, target, current
    kr: Option<(i64, i64, i64)>,
}

#[derive(Debug, Clone)]
struct Task {
    /// Goal index, and whether the link is to its key result.
    links: Vec<(usize, bool)>,
    /// Linked to the team's own goal under the first company goal.
    local: bool,
    status: &'static str,
    impact: Option<u8>,
    effort: f64,
    due: Option<i64>,
    urgent: bool,
}

#[derive(Debug, Clone)]
struct Case {
    lens: &'static str,
    goals: Vec<Goal>,
    tasks: Vec<Task>,
}

/// A goal's TOML, named `id`.
fn goal_toml(s: &mut String, id: &str, g: &Goal) {
    let kind = if g.operational {
        "operational"
    } else {
        "objective"
    };
    let _ = writeln!(
        s,
        "[[goals]]\nid = \"{id}\"\ntitle = \"Goal {id} about growth\"\nkind = \"{kind}\"\nweight = {}\nstatus = \"{}\"",
        g.weight, g.status
    );
    if let Some(d) = g.due {
        let _ = writeln!(s, "start = {}\ndue = {}", date(d.min(0) - 30), date(d));
    }
    if let Some((start, target, current)) = g.kr {
        let _ = writeln!(
            s,
            "[[goals.key_results]]\nid = \"k0\"\ntitle = \"Measure\"\nstart = {start}\ntarget = {target}\ncurrent = {current}"
        );
    }
    s.push('\n');
}

impl Case {
    /// The team's file; goals named with `prefix` (`""` when they are its own, `"co:"`
    /// when they are the company's).
    fn team(&self, prefix: &str, upstream: bool) -> String {
        let mut s = format!(
            "version = 1\n\n[workspace]\nname = \"Team\"\nlens = \"{}\"\n",
            self.lens
        );
        if upstream {
            s.push_str("upstream = [\"../company\"]\n");
        }
        s.push('\n');
        if !upstream {
            for (i, g) in self.goals.iter().enumerate() {
                goal_toml(&mut s, &format!("g{i}"), g);
            }
        }
        let _ = writeln!(
            s,
            "[[goals]]\nid = \"local\"\ntitle = \"Our part\"\nparent = \"{prefix}g0\"\n"
        );
        for (n, t) in self.tasks.iter().enumerate() {
            let mut links: Vec<String> = t
                .links
                .iter()
                .map(|&(g, kr)| {
                    let kr = kr && self.goals[g].kr.is_some();
                    format!("\"{prefix}g{g}{}\"", if kr { "/k0" } else { "" })
                })
                .collect();
            if t.local {
                links.push("\"local\"".to_string());
            }
            links.dedup();
            let _ = writeln!(
                s,
                "[[tasks]]\nid = \"T-{n}\"\ntitle = \"Task {n} about growth\"\nstatus = \"{}\"\ngoals = [{}]\neffort = {:?}\nurgent = {}",
                t.status,
                links.join(", "),
                t.effort,
                t.urgent
            );
            if let Some(i) = t.impact {
                let _ = writeln!(s, "impact = {i}");
            }
            if let Some(d) = t.due {
                let _ = writeln!(s, "due = {}", date(d));
            }
            s.push('\n');
        }
        s
    }

    fn company(&self) -> String {
        let mut s =
            String::from("version = 1\n\n[workspace]\nname = \"Company\"\nkey = \"co\"\n\n");
        for (i, g) in self.goals.iter().enumerate() {
            goal_toml(&mut s, &format!("g{i}"), g);
        }
        s
    }

    /// The team on its own (one file) and the team under the company, loaded.
    fn load_both(&self, dir: &Path) -> (Workspace, Workspace) {
        std::fs::create_dir_all(dir.join("alone")).unwrap();
        std::fs::create_dir_all(dir.join("company")).unwrap();
        std::fs::create_dir_all(dir.join("team")).unwrap();
        std::fs::write(dir.join("alone/align.toml"), self.team("", false)).unwrap();
        std::fs::write(dir.join("company/goals.toml"), self.company()).unwrap();
        std::fs::write(dir.join("team/align.toml"), self.team("co:", true)).unwrap();
        let load = |p: &Path| match align_core::load(p) {
            Ok(l) => l.workspace,
            Err(e) => panic!("{e:?}\n{}\n{}", self.company(), self.team("co:", true)),
        };
        (load(&dir.join("alone")), load(&dir.join("team")))
    }
}

fn score(ws: &Workspace) -> Scoreboard {
    align_core::score_workspace(ws, today(), None)
}

fn goal() -> impl Strategy<Value = Goal> {
    (
        prop::bool::weighted(0.2),
        1u8..=5,
        prop_oneof![
            4 => Just("active"),
            1 => Just("paused"),
            1 => Just("achieved"),
            1 => Just("dropped"),
        ],
        prop::option::of(-90i64..=200),
        prop::option::of((0i64..50, 1i64..40, 0i64..=100)),
    )
        .prop_map(|(operational, weight, status, due, kr)| Goal {
            operational,
            weight,
            status,
            due,
            kr: kr.map(|(start, delta, pct)| (start, start + delta, start + delta * pct / 100)),
        })
}

fn task(goals: usize) -> impl Strategy<Value = Task> {
    (
        prop::collection::vec((0..goals, any::<bool>()), 0..=2),
        prop::bool::weighted(0.2),
        prop_oneof![
            3 => Just("todo"),
            3 => Just("doing"),
            1 => Just("done"),
            1 => Just("dropped"),
        ],
        prop::option::of(1u8..=5),
        prop_oneof![Just(0.5), Just(1.0), Just(3.0)],
        prop::option::of(-20i64..=60),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(links, local, status, impact, effort, due, urgent)| Task {
            links,
            local,
            status,
            impact,
            effort,
            due,
            urgent,
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![Just("strategy"), Just("crunch")],
        prop::collection::vec(goal(), 1..=4),
    )
        .prop_flat_map(|(lens, goals)| {
            let n = goals.len();
            prop::collection::vec(task(n), 1..=8).prop_map(move |tasks| Case {
                lens,
                goals: goals.clone(),
                tasks,
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Every task scores the same whether the goals are the team's own or the company's.
    #[test]
    fn the_cascade_scores_every_task_as_the_team_alone_does(c in case()) {
        let dir = tempfile::tempdir().unwrap();
        let (alone, team) = c.load_both(dir.path());
        let (a, t) = (score(&alone), score(&team));
        prop_assert_eq!(a.tasks.len(), t.tasks.len());
        for (n, (x, y)) in a.tasks.iter().zip(&t.tasks).enumerate() {
            prop_assert_eq!(x.points, y.points, "T-{} points", n);
            prop_assert_eq!(x.class, y.class, "T-{} class", n);
            let bill = |s: &align_core::Score| -> Vec<(&str, i64)> {
                s.factors.iter().map(|f| (f.name, f.points)).collect()
            };
            prop_assert_eq!(bill(x), bill(y), "T-{} bill", n);
        }
        prop_assert_eq!(a.summary.aligned_effort_pct, t.summary.aligned_effort_pct);
        prop_assert_eq!(a.summary.busy_effort_pct, t.summary.busy_effort_pct);
        // Deterministic across the boundary too.
        prop_assert_eq!(&t, &score(&team));
    }

    /// Linking an open task to an active company goal scores it higher than unlinked,
    /// and a task linked only to company goals that no longer pull is never `aligned`.
    #[test]
    fn company_links_count_for_the_team(c in case()) {
        let dir = tempfile::tempdir().unwrap();
        let (_, team) = c.load_both(dir.path());
        let board = score(&team);
        let scorer = align_core::Scorer::new(&team, today(), team.lens);
        for (ix, t) in team.tasks_ix() {
            let goals: Vec<_> = t.goals.iter().filter_map(|l| team.resolve_link(l)).collect();
            if goals.is_empty() || t.goals.iter().any(|l| l.goal == "local") {
                continue;
            }
            if goals.iter().all(|l| !scorer.is_active(l.goal)) {
                prop_assert_ne!(board.tasks[ix.0].class, Class::Aligned, "{}", t.id);
            }
            let any_active_objective = goals.iter().any(|l| {
                scorer.is_active(l.goal)
                    && team.goals[l.goal].kind == align_core::model::GoalKind::Objective
            });
            if any_active_objective && t.status.is_open() && team.lens == Lens::Strategy {
                let mut unlinked = t.clone();
                unlinked.goals.clear();
                let alone = scorer.score(&team, &unlinked);
                prop_assert!(
                    board.tasks[ix.0].points > alone.points
                        || board.tasks[ix.0].points == 100,
                    "{}: {} linked, {} unlinked",
                    t.id,
                    board.tasks[ix.0].points,
                    alone.points
                );
            }
        }
    }
}
