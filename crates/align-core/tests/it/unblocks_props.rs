//! The `unblocks` factor's promises (README "Scoring", enabling work), on generated
//! workspaces whose tasks wait on one another: adding a dependent never lowers a score;
//! a blocker of only busy-work gains nothing; done and dropped dependents count for
//! nothing; a blocker of open linked work is never busy-work and its bill names the task;
//! and scoring a workspace with a cycle (which loading refuses) still ends.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use align_core::model::{Lens, Workspace};
use align_core::scoring::{Class, Scoreboard};
use chrono::NaiveDate;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[derive(Debug, Clone)]
struct Spec {
    status: &'static str,
    /// Index of the goal it links, if any.
    link: Option<usize>,
    impact: Option<u8>,
    urgent: bool,
    /// Indices of the tasks it waits on (all later than it: no cycles).
    depends: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Ws {
    lens: &'static str,
    /// Each goal: operational?, weight.
    goals: Vec<(bool, u8)>,
    tasks: Vec<Spec>,
}

impl Ws {
    fn toml(&self) -> String {
        let mut s = format!("version = 1\n[workspace]\nlens = \"{}\"\n\n", self.lens);
        for (i, (operational, weight)) in self.goals.iter().enumerate() {
            let kind = if *operational {
                "operational"
            } else {
                "objective"
            };
            let _ = writeln!(
                s,
                "[[goals]]\nid = \"g{i}\"\ntitle = \"Goal {i}\"\nkind = \"{kind}\"\nweight = {weight}\n"
            );
        }
        for (i, t) in self.tasks.iter().enumerate() {
            let _ = writeln!(s, "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task {i}\"");
            let _ = writeln!(s, "status = \"{}\"\nurgent = {}", t.status, t.urgent);
            if let Some(g) = t.link {
                let _ = writeln!(s, "goals = [\"g{g}\"]");
            }
            if let Some(i) = t.impact {
                let _ = writeln!(s, "impact = {i}");
            }
            let deps: Vec<String> = t.depends.iter().map(|d| format!("\"T-{d}\"")).collect();
            let _ = writeln!(s, "depends = [{}]\n", deps.join(", "));
        }
        s
    }

    fn load(&self) -> Workspace {
        let path = PathBuf::from("props/align.toml");
        match align_core::load::load_sources(
            Path::new("props/align.toml"),
            vec![(path, self.toml().into())],
        ) {
            Ok(l) => l.workspace,
            Err(e) => panic!("{e}\n{}", self.toml()),
        }
    }

    fn score(&self) -> Scoreboard {
        align_core::score_workspace(&self.load(), today(), None)
    }
}

fn spec(n: usize, i: usize, goals: usize) -> impl Strategy<Value = Spec> {
    (
        prop_oneof![3 => Just("todo"), 3 => Just("doing"), 1 => Just("done"), 1 => Just("dropped")],
        prop::option::weighted(0.4, 0..goals),
        prop::option::of(1u8..=5),
        prop::bool::weighted(0.2),
        prop::collection::vec(i + 1..n.max(i + 2), 0..=2),
    )
        .prop_map(move |(status, link, impact, urgent, depends)| Spec {
            status,
            link,
            impact,
            urgent,
            depends: {
                let mut d: Vec<usize> = depends.into_iter().filter(|&d| d < n).collect();
                d.sort_unstable();
                d.dedup();
                d
            },
        })
}

fn workspace() -> impl Strategy<Value = Ws> {
    (
        prop_oneof![3 => Just("strategy"), 1 => Just("crunch")],
        prop::collection::vec((prop::bool::weighted(0.25), 1u8..=5), 1..=3),
        2usize..=8,
    )
        .prop_flat_map(|(lens, goals, n)| {
            let g = goals.len();
            let tasks: Vec<_> = (0..n).map(|i| spec(n, i, g)).collect();
            (Just(lens), Just(goals), tasks)
        })
        .prop_map(|(lens, goals, tasks)| Ws { lens, goals, tasks })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_dependent_never_lowers_a_score(
        ws in workspace(),
        extra in spec(1, 0, 3),
        blocker in any::<prop::sample::Index>(),
    ) {
        let before = ws.score();
        let mut more = ws.clone();
        let b = blocker.index(ws.tasks.len());
        let mut extra = extra;
        extra.link = extra.link.filter(|&g| g < ws.goals.len());
        extra.depends = vec![b];
        more.tasks.push(extra);
        let after = more.score();
        for (i, (a, z)) in before.tasks.iter().zip(&after.tasks).enumerate() {
            prop_assert!(z.points >= a.points, "T-{i}: {} → {}\n{}", a.points, z.points, more.toml());
            prop_assert!(
                a.class == Class::BusyWork || z.class != Class::BusyWork,
                "T-{i} became busy-work\n{}", more.toml()
            );
        }
    }

    #[test]
    fn a_blocker_of_only_busy_work_gains_nothing(ws in workspace()) {
        let mut ws = ws;
        ws.lens = "strategy";
        for t in &mut ws.tasks {
            t.link = None;
        }
        let with = ws.score();
        let mut without = ws.clone();
        for t in &mut without.tasks {
            t.depends.clear();
        }
        prop_assert_eq!(&with.tasks, &without.score().tasks, "{}", ws.toml());
        prop_assert!(with.tasks.iter().all(|s| s.class == Class::BusyWork));
    }

    #[test]
    fn done_or_dropped_dependents_do_not_count(ws in workspace()) {
        let with = ws.score();
        let mut without = ws.clone();
        for t in &mut without.tasks {
            if matches!(t.status, "done" | "dropped") {
                t.depends.clear();
            }
        }
        prop_assert_eq!(&with.tasks, &without.score().tasks, "{}", ws.toml());
    }

    #[test]
    fn a_blocker_of_open_linked_work_is_never_busy_work_and_names_it(ws in workspace()) {
        let board = ws.score();
        for (i, t) in ws.tasks.iter().enumerate() {
            for &b in &t.depends {
                let open = |s: &str| matches!(s, "todo" | "doing");
                let earns = open(t.status)
                    && t.link.is_some()
                    && board.tasks[i].class != Class::BusyWork
                    && open(ws.tasks[b].status);
                if earns {
                    let s = &board.tasks[b];
                    prop_assert_ne!(s.class, Class::BusyWork, "T-{}\n{}", b, ws.toml());
                    let f = s.factors.iter().find(|f| f.name == "unblocks");
                    prop_assert!(f.is_some_and(|f| f.detail.starts_with("unblocks \"T-")), "T-{}\n{}", b, ws.toml());
                    let worth = (i64::from(board.tasks[i].points) * 80 + 50) / 100;
                    prop_assert!(i64::from(s.points) >= worth, "T-{}\n{}", b, ws.toml());
                }
            }
        }
    }

    #[test]
    fn a_cycle_never_loops(ws in workspace(), from in any::<prop::sample::Index>()) {
        let mut model = ws.load();
        let n = model.tasks.len();
        // Close a cycle the loader would refuse: the last task waits on one before it,
        // which (through the generated chains or directly) waits on it.
        let a = from.index(n - 1);
        model.tasks[n - 1].depends.push(format!("T-{a}"));
        model.tasks[a].depends.push(format!("T-{}", n - 1));
        let board = align_core::score_workspace(&model, today(), Some(Lens::Strategy));
        prop_assert_eq!(board.tasks.len(), n);
    }
}
