//! The scoring invariants of README "Scoring", checked on generated workspaces: each case writes a
//! TOML file, loads it the way `align` does and scores it. Where the spec says a property
//! holds "whatever the coefficients", the `[scoring]` table is drawn from the allowed
//! ranges of `align_core::scoring::COEFFICIENTS` too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use align_core::model::{GoalKind, Lens, Workspace};
use align_core::scoring::{COEFFICIENTS, Class, Score, Scoreboard};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn date(offset: i64) -> NaiveDate {
    let t = today();
    if offset >= 0 {
        t.checked_add_days(Days::new(offset as u64)).unwrap()
    } else {
        t.checked_sub_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    }
}

#[derive(Debug, Clone)]
struct KrSpec {
    start: i64,
    target: i64,
    current: i64,
}

#[derive(Debug, Clone)]
struct GoalSpec {
    operational: bool,
    weight: u8,
    status: &'static str,
    /// Days from today.
    start: Option<i64>,
    due: Option<i64>,
    krs: Vec<KrSpec>,
    /// Index of an earlier goal.
    parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct TaskSpec {
    title: String,
    pub(crate) status: &'static str,
    pub(crate) links: Vec<String>,
    impact: Option<u8>,
    pub(crate) effort: f64,
    pub(crate) due: Option<i64>,
    pub(crate) urgent: bool,
    /// Indices of later tasks it waits on (none by default).
    pub(crate) depends: Vec<usize>,
    /// Who owns it (nobody by default).
    pub(crate) owner: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub(crate) struct WsSpec {
    lens: &'static str,
    /// `[scoring]` values in `COEFFICIENTS` order; `None` for the defaults.
    coefficients: Option<Vec<i64>>,
    goals: Vec<GoalSpec>,
    pub(crate) tasks: Vec<TaskSpec>,
}

fn goal_id(i: usize) -> String {
    format!("g{i}")
}

fn kr_link(g: usize, k: usize) -> String {
    format!("g{g}/g{g}-k{k}")
}

impl WsSpec {
    fn toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "version = 1\n\n[workspace]\nname = \"Props\"");
        let _ = writeln!(s, "lens = \"{}\"\n", self.lens);
        if let Some(values) = &self.coefficients {
            s.push_str("[scoring]\n");
            for (c, v) in COEFFICIENTS.iter().zip(values) {
                let _ = writeln!(s, "{} = {v}", c.name);
            }
            s.push('\n');
        }
        for (i, g) in self.goals.iter().enumerate() {
            let _ = writeln!(s, "[[goals]]\nid = \"{}\"", goal_id(i));
            let _ = writeln!(s, "title = \"Goal number {i} about growth\"");
            let kind = if g.operational {
                "operational"
            } else {
                "objective"
            };
            let _ = writeln!(s, "kind = \"{kind}\"\nweight = {}", g.weight);
            let _ = writeln!(s, "status = \"{}\"", g.status);
            if let Some(d) = g.start {
                let _ = writeln!(s, "start = {}", date(d));
            }
            if let Some(d) = g.due {
                let _ = writeln!(s, "due = {}", date(d));
            }
            if let Some(p) = g.parent {
                let _ = writeln!(s, "parent = \"{}\"", goal_id(p));
            }
            for (k, kr) in g.krs.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "[[goals.key_results]]\nid = \"g{i}-k{k}\"\ntitle = \"Measure {k} of goal {i}\""
                );
                let _ = writeln!(
                    s,
                    "start = {}\ntarget = {}\ncurrent = {}",
                    kr.start, kr.target, kr.current
                );
            }
            s.push('\n');
        }
        for (i, t) in self.tasks.iter().enumerate() {
            let _ = writeln!(s, "[[tasks]]\nid = \"T-{i}\"\ntitle = \"{}\"", t.title);
            let _ = writeln!(s, "status = \"{}\"", t.status);
            let links: Vec<String> = t.links.iter().map(|l| format!("\"{l}\"")).collect();
            let _ = writeln!(s, "goals = [{}]", links.join(", "));
            if let Some(i) = t.impact {
                let _ = writeln!(s, "impact = {i}");
            }
            let _ = writeln!(s, "effort = {:?}", t.effort);
            if let Some(d) = t.due {
                let _ = writeln!(s, "due = {}", date(d));
            }
            let _ = writeln!(s, "urgent = {}", t.urgent);
            if let Some(o) = t.owner {
                let _ = writeln!(s, "owner = \"{o}\"");
            }
            let deps: Vec<String> = t.depends.iter().map(|d| format!("\"T-{d}\"")).collect();
            let _ = writeln!(s, "depends = [{}]\n", deps.join(", "));
        }
        s
    }

    pub(crate) fn load(&self) -> Workspace {
        let text = self.toml();
        let path = PathBuf::from("props/align.toml");
        match align_core::load::load_sources(
            Path::new("props/align.toml"),
            vec![(path, text.into())],
        ) {
            Ok(l) => l.workspace,
            Err(e) => {
                let mut msg = format!("{e}\n");
                if let align_core::LoadError::Invalid { errors, .. } = &e {
                    for d in errors {
                        let _ = writeln!(msg, "  {d}");
                    }
                }
                panic!("{msg}{}", self.toml());
            }
        }
    }

    fn defaults(&self) -> bool {
        self.coefficients.is_none()
    }

    /// Every goal id and `goal/kr` of the workspace.
    pub(crate) fn targets(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, g) in self.goals.iter().enumerate() {
            out.push(goal_id(i));
            out.extend((0..g.krs.len()).map(|k| kr_link(i, k)));
        }
        out
    }
}

fn score(ws: &Workspace, lens: Lens) -> Scoreboard {
    align_core::score_workspace(ws, today(), Some(lens))
}

fn sum(s: &Score) -> i64 {
    s.factors.iter().map(|f| f.points).sum()
}

/// Points from the named factors only.
fn points_of(s: &Score, names: &[&str]) -> i64 {
    s.factors
        .iter()
        .filter(|f| names.contains(&f.name))
        .map(|f| f.points)
        .sum()
}

const PRESSURE: &[&str] = &["due_soon", "overdue", "urgent"];

// ---------------------------------------------------------------------------------------
// Strategies

/// A `[scoring]` table inside the allowed ranges, with busy_below <= aligned_at.
fn coefficients() -> impl Strategy<Value = Vec<i64>> {
    let ranges: Vec<_> = COEFFICIENTS.iter().map(|c| c.min..=c.max).collect();
    ranges.prop_map(|mut v| {
        let at = |name: &str| COEFFICIENTS.iter().position(|c| c.name == name).unwrap();
        let (a, b) = (at("aligned_at"), at("busy_below"));
        if v[b] > v[a] {
            v.swap(a, b);
        }
        v
    })
}

fn maybe_coefficients() -> impl Strategy<Value = Option<Vec<i64>>> {
    prop_oneof![Just(None), coefficients().prop_map(Some)]
}

pub(crate) fn lens() -> impl Strategy<Value = Lens> {
    prop_oneof![Just(Lens::Strategy), Just(Lens::Crunch)]
}

fn lens_word() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("strategy"), Just("crunch")]
}

fn kr() -> impl Strategy<Value = KrSpec> {
    (0i64..100, prop_oneof![-60i64..=-1, 1i64..=60], -20i64..=120).prop_map(
        |(start, delta, pct)| KrSpec {
            start,
            target: start + delta,
            current: start + delta * pct / 100,
        },
    )
}

fn dates() -> impl Strategy<Value = (Option<i64>, Option<i64>)> {
    (
        prop::option::of(-300i64..=0),
        prop::option::of(-120i64..=400),
    )
        .prop_map(|(s, d)| match (s, d) {
            (Some(s), Some(d)) if d < s => (Some(d), Some(s)),
            other => other,
        })
}

fn goal(any_status: bool) -> impl Strategy<Value = GoalSpec> {
    let status = if any_status {
        prop_oneof![
            4 => Just("active"),
            1 => Just("paused"),
            1 => Just("achieved"),
            1 => Just("dropped"),
        ]
        .boxed()
    } else {
        Just("active").boxed()
    };
    (
        prop::bool::weighted(0.25),
        1u8..=5,
        status,
        dates(),
        prop::collection::vec(kr(), 0..=2),
    )
        .prop_map(
            |(operational, weight, status, (start, due), krs)| GoalSpec {
                operational,
                weight,
                status,
                start,
                due,
                krs,
                parent: None,
            },
        )
}

/// A goal that pulls work today: active and not past due.
fn active_goal() -> impl Strategy<Value = GoalSpec> {
    goal(false).prop_map(|mut g| {
        if let Some(d) = g.due
            && d < 0
        {
            g.due = Some(-d);
        }
        g
    })
}

/// A goal that no longer pulls: achieved, dropped, paused, or active but past due.
fn inactive_goal() -> impl Strategy<Value = GoalSpec> {
    (
        goal(true),
        prop_oneof![
            Just("paused"),
            Just("achieved"),
            Just("dropped"),
            Just("past-due")
        ],
        -120i64..=-1,
    )
        .prop_map(|(mut g, how, due)| {
            if how == "past-due" {
                g.status = "active";
                g.due = Some(due);
                g.start = g.start.map(|s| s.min(due));
            } else {
                g.status = how;
            }
            g
        })
}

const WORDS: &[&str] = &[
    "growth", "churn", "label", "invoice", "refactor", "deck", "survey", "carrier", "goal",
    "number", "about", "measure",
];

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..=4).prop_map(|w| w.join(" "))
}

/// A task without links.
pub(crate) fn task() -> impl Strategy<Value = TaskSpec> {
    (
        title(),
        prop_oneof![
            3 => Just("todo"),
            3 => Just("doing"),
            1 => Just("done"),
            1 => Just("dropped"),
        ],
        prop::option::of(1u8..=5),
        prop_oneof![
            Just(0.5),
            Just(1.0),
            Just(2.0),
            Just(3.0),
            Just(5.0),
            Just(8.0)
        ],
        prop::option::of(-30i64..=30),
        any::<bool>(),
    )
        .prop_map(|(title, status, impact, effort, due, urgent)| TaskSpec {
            title,
            status,
            links: Vec::new(),
            impact,
            effort,
            due,
            urgent,
            depends: Vec::new(),
            owner: None,
        })
}

/// An open task.
fn open_task() -> impl Strategy<Value = TaskSpec> {
    (task(), prop_oneof![Just("todo"), Just("doing")]).prop_map(|(mut t, s)| {
        t.status = s;
        t
    })
}

/// Any workspace: goals (some with parents), tasks linking to random targets.
fn workspace() -> impl Strategy<Value = WsSpec> {
    (
        lens_word(),
        maybe_coefficients(),
        prop::collection::vec(
            (goal(true), any::<prop::sample::Index>(), any::<bool>()),
            0..=5,
        ),
        prop::collection::vec(
            (
                task(),
                prop::collection::vec(any::<prop::sample::Index>(), 0..=3),
            ),
            0..=8,
        ),
    )
        .prop_map(|(lens, coefficients, goals, tasks)| {
            let goals: Vec<GoalSpec> = goals
                .into_iter()
                .enumerate()
                .map(|(i, (mut g, p, has))| {
                    g.parent = (i > 0 && has).then(|| p.index(i));
                    g
                })
                .collect();
            let mut spec = WsSpec {
                lens,
                coefficients,
                goals,
                tasks: Vec::new(),
            };
            let targets = spec.targets();
            spec.tasks = tasks
                .into_iter()
                .map(|(mut t, links)| {
                    if !targets.is_empty() {
                        for l in links {
                            let target = l.get(&targets).clone();
                            if !t.links.contains(&target) {
                                t.links.push(target);
                            }
                        }
                    }
                    t
                })
                .collect();
            spec
        })
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// README "Scoring": a task linked to an active goal scores higher than the same task unlinked.
    #[test]
    fn linked_to_an_active_goal_beats_unlinked(
        target in active_goal(),
        others in prop::collection::vec(goal(true), 0..=2),
        t in task(),
        kr in any::<prop::sample::Index>(),
        to_kr in any::<bool>(),
        coefficients in maybe_coefficients(),
        lens in lens(),
    ) {
        let mut goals = vec![target.clone()];
        goals.extend(others);
        let link = if to_kr && !target.krs.is_empty() {
            kr_link(0, kr.index(target.krs.len()))
        } else {
            goal_id(0)
        };
        let mut linked = t.clone();
        linked.links = vec![link];
        let spec = WsSpec { lens: "strategy", coefficients, goals, tasks: vec![linked, t] };
        let ws = spec.load();
        let board = score(&ws, lens);
        let (a, b) = (&board.tasks[0], &board.tasks[1]);
        // The bill always says more; clamping to 0..100 can only make the totals meet.
        prop_assert!(sum(a) > sum(b), "linked {a:?} vs unlinked {b:?}");
        prop_assert!(a.points >= b.points);
        if spec.defaults() || (sum(b) < 100 && sum(a) > 0) {
            prop_assert!(a.points > b.points, "linked {a:?} vs unlinked {b:?}");
        }
    }

    /// README "Scoring": of two otherwise equal tasks, the one linked to the heavier goal scores at
    /// least as high.
    #[test]
    fn heavier_goal_scores_at_least_as_high(
        g in goal(true),
        weights in (1u8..=5, 1u8..=5),
        t in task(),
        kr in prop::option::of(any::<prop::sample::Index>()),
        coefficients in maybe_coefficients(),
        lens in lens(),
    ) {
        let (heavy, light) = (weights.0.max(weights.1), weights.0.min(weights.1));
        let mut goals = vec![g.clone(), g.clone()];
        goals[0].weight = heavy;
        goals[1].weight = light;
        let link = |i: usize| match kr {
            Some(k) if !g.krs.is_empty() => kr_link(i, k.index(g.krs.len())),
            _ => goal_id(i),
        };
        let (mut a, mut b) = (t.clone(), t);
        a.links = vec![link(0)];
        b.links = vec![link(1)];
        let spec = WsSpec { lens: "strategy", coefficients, goals, tasks: vec![a, b] };
        let board = score(&spec.load(), lens);
        prop_assert!(
            board.tasks[0].points >= board.tasks[1].points,
            "weight {heavy}: {:?}\nweight {light}: {:?}",
            board.tasks[0],
            board.tasks[1]
        );
    }

    /// README "Scoring": linking straight to a key result scores at least as high as linking to its
    /// goal only (more so when it is behind plan).
    #[test]
    fn key_result_link_scores_at_least_as_high_as_its_goal(
        g in goal(true),
        extra in kr(),
        t in task(),
        k in any::<prop::sample::Index>(),
        coefficients in maybe_coefficients(),
        lens in lens(),
    ) {
        let mut g = g;
        g.krs.push(extra);
        let (mut a, mut b) = (t.clone(), t);
        a.links = vec![kr_link(0, k.index(g.krs.len()))];
        b.links = vec![goal_id(0)];
        let spec = WsSpec { lens: "strategy", coefficients, goals: vec![g], tasks: vec![a, b] };
        let board = score(&spec.load(), lens);
        prop_assert!(
            board.tasks[0].points >= board.tasks[1].points,
            "key result: {:?}\ngoal: {:?}",
            board.tasks[0],
            board.tasks[1]
        );
    }

    /// The behind-plan case itself: an active goal half through its time whose key result
    /// has not moved. Under the defaults the key-result link scores strictly higher.
    #[test]
    fn key_result_behind_plan_earns_its_bonus(
        weight in 1u8..=5,
        start in -200i64..=-10,
        left in 10i64..=200,
        t in task(),
        coefficients in maybe_coefficients(),
        lens in lens(),
    ) {
        let g = GoalSpec {
            operational: false,
            weight,
            status: "active",
            start: Some(start),
            due: Some(left),
            krs: vec![KrSpec { start: 10, target: 50, current: 10 }],
            parent: None,
        };
        let (mut a, mut b) = (t.clone(), t);
        a.links = vec![kr_link(0, 0)];
        b.links = vec![goal_id(0)];
        let spec = WsSpec { lens: "strategy", coefficients, goals: vec![g], tasks: vec![a, b] };
        let board = score(&spec.load(), lens);
        let (a, b) = (&board.tasks[0], &board.tasks[1]);
        prop_assert!(a.factors.iter().any(|f| f.name == "behind_plan"), "{a:?}");
        prop_assert!(a.points >= b.points);
        if spec.defaults() && sum(b) < 100 {
            prop_assert!(a.points > b.points, "key result: {a:?}\ngoal: {b:?}");
        }
    }

    /// README "Scoring": a task linked only to achieved, dropped, paused or past-due goals is not
    /// `aligned`, whatever its urgency, the lens and the coefficients.
    #[test]
    fn linked_only_to_inactive_goals_is_never_aligned(
        inactive in prop::collection::vec(inactive_goal(), 1..=3),
        active in prop::collection::vec(active_goal(), 0..=2),
        t in task(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..=3),
        coefficients in maybe_coefficients(),
        lens in lens(),
    ) {
        let n = inactive.len();
        let mut goals = inactive;
        goals.extend(active);
        let mut spec = WsSpec { lens: "strategy", coefficients, goals, tasks: Vec::new() };
        let dead: Vec<String> = spec
            .targets()
            .into_iter()
            .filter(|l| l[1..].split(['/', '-']).next().unwrap().parse::<usize>().unwrap() < n)
            .collect();
        let mut t = t;
        for p in picks {
            let l = p.get(&dead).clone();
            if !t.links.contains(&l) {
                t.links.push(l);
            }
        }
        spec.tasks.push(t);
        let board = score(&spec.load(), lens);
        let s = &board.tasks[0];
        prop_assert_ne!(s.class, Class::Aligned, "{:?}\n{}", s, spec.toml());
        prop_assert!(s.factors.iter().all(|f| f.name != "link" && f.name != "weight"), "{s:?}");
    }

    /// README "Scoring": an unlinked task is busy-work under the strategy lens — urgency or a near
    /// due date never makes it aligned — whatever the coefficients.
    #[test]
    fn unlinked_is_busy_work_under_strategy(
        goals in prop::collection::vec(goal(true), 0..=3),
        t in task(),
        urgent in any::<bool>(),
        due in prop::option::of(-10i64..=10),
        coefficients in maybe_coefficients(),
    ) {
        let mut t = t;
        t.urgent = urgent;
        t.due = due;
        let spec = WsSpec { lens: "crunch", coefficients, goals, tasks: vec![t] };
        let board = score(&spec.load(), Lens::Strategy);
        prop_assert_eq!(board.tasks[0].class, Class::BusyWork, "{:?}", board.tasks[0]);
        // The file's own lens applies when none is given.
        let mut spec = spec;
        spec.lens = "strategy";
        let board = align_core::score_workspace(&spec.load(), today(), None);
        prop_assert_eq!(board.tasks[0].class, Class::BusyWork);
    }

    /// README "Scoring": under crunch, due dates and `urgent` count for more: the task scores at
    /// least as much, its pressure factors at least as many points — strictly more under
    /// the defaults.
    #[test]
    fn crunch_counts_deadlines_and_urgency_for_more(
        goals in prop::collection::vec(goal(true), 0..=3),
        t in open_task(),
        pressure in prop_oneof![Just("urgent"), Just("due-soon"), Just("overdue"), Just("all")],
        days in 0i64..=7,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..=2),
        coefficients in maybe_coefficients(),
    ) {
        let mut spec = WsSpec { lens: "strategy", coefficients, goals, tasks: Vec::new() };
        let targets = spec.targets();
        let mut t = t;
        match pressure {
            "urgent" => t.urgent = true,
            "due-soon" => t.due = Some(days),
            "overdue" => t.due = Some(-days - 1),
            _ => {
                t.urgent = true;
                t.due = Some(days);
            }
        }
        if !targets.is_empty() {
            for p in picks {
                let l = p.get(&targets).clone();
                if !t.links.contains(&l) {
                    t.links.push(l);
                }
            }
        }
        spec.tasks.push(t);
        let ws = spec.load();
        let strategy = &score(&ws, Lens::Strategy).tasks[0];
        let crunch = &score(&ws, Lens::Crunch).tasks[0];
        prop_assert!(crunch.points >= strategy.points, "crunch {crunch:?}\nstrategy {strategy:?}");
        prop_assert!(points_of(crunch, PRESSURE) >= points_of(strategy, PRESSURE));
        // Nothing but the pressure factors depends on the lens.
        let rest = |s: &Score| -> Vec<_> {
            s.factors.iter().filter(|f| !PRESSURE.contains(&f.name)).cloned().collect()
        };
        prop_assert_eq!(rest(crunch), rest(strategy));
        if spec.defaults() {
            prop_assert!(
                points_of(crunch, PRESSURE) > points_of(strategy, PRESSURE),
                "crunch {crunch:?}\nstrategy {strategy:?}"
            );
            if sum(strategy) < 100 {
                prop_assert!(crunch.points > strategy.points);
            }
        }
    }

    /// README "Scoring": `score = clamp(sum of factor points, 0, 100)`, always in 0..=100.
    #[test]
    fn score_is_the_clamped_sum_of_its_factors(spec in workspace(), lens in lens()) {
        let ws = spec.load();
        let board = score(&ws, lens);
        prop_assert_eq!(board.tasks.len(), ws.tasks.len());
        for s in &board.tasks {
            prop_assert!(s.points <= 100);
            prop_assert_eq!(i64::from(s.points), sum(s).clamp(0, 100), "{:?}", s);
            prop_assert!(!s.factors.is_empty(), "every score has a bill");
        }
    }

    /// README "Scoring": scoring is deterministic for a given file and `--today`.
    #[test]
    fn scoring_is_deterministic(spec in workspace(), lens in prop::option::of(lens())) {
        let once = align_core::score_workspace(&spec.load(), today(), lens);
        let again = align_core::score_workspace(&spec.load(), today(), lens);
        prop_assert_eq!(&once.tasks, &again.tasks);
        prop_assert_eq!(&once.goals, &again.goals);
        prop_assert_eq!(&once.summary, &again.summary);
        prop_assert_eq!(once.lens, again.lens);
        prop_assert_eq!(once.today, again.today);
    }

    /// Classes follow the coefficients in force: aligned at or above `aligned_at`,
    /// busy-work below `busy_below`, partial in between, with the spec's exceptions
    /// (unlinked under strategy, operational links, inactive links).
    #[test]
    fn classes_agree_with_the_thresholds(spec in workspace(), lens in lens()) {
        let ws = spec.load();
        let c = &ws.coefficients;
        let board = score(&ws, lens);
        let scorer = align_core::Scorer::new(&ws, today(), lens);
        for (t, s) in ws.tasks.iter().zip(&board.tasks) {
            let p = i64::from(s.points);
            let links = ws.links(t);
            let active: Vec<_> = links.iter().filter(|l| scorer.is_active(l.goal)).collect();
            let objective = active.iter().any(|l| ws.goals[l.goal].kind == GoalKind::Objective);
            let by_score = if p >= c.aligned_at {
                Class::Aligned
            } else if p < c.busy_below {
                Class::BusyWork
            } else {
                Class::Partial
            };
            let expected = if links.is_empty() && lens == Lens::Strategy {
                Class::BusyWork
            } else if !active.is_empty() && !objective {
                Class::Operational
            } else if !links.is_empty() && active.is_empty() && by_score == Class::Aligned {
                Class::Partial
            } else {
                by_score
            };
            prop_assert_eq!(s.class, expected, "task {} {:?} {:?}", t.id, s, c);
            match s.class {
                // Unlinked work can be aligned only under crunch.
                Class::Aligned => prop_assert!(
                    p >= c.aligned_at && (objective || (links.is_empty() && lens == Lens::Crunch))
                ),
                Class::Operational => prop_assert!(!active.is_empty() && !objective),
                Class::Partial => prop_assert!(p >= c.busy_below),
                Class::BusyWork => prop_assert!(
                    p < c.busy_below || (links.is_empty() && lens == Lens::Strategy)
                ),
            }
        }
    }

    /// Summary counts add up to the tasks; effort shares are over open effort, 0..=100.
    #[test]
    fn summary_counts_and_shares_add_up(spec in workspace(), lens in lens()) {
        let ws = spec.load();
        let board = score(&ws, lens);
        let s = &board.summary;
        prop_assert_eq!(s.tasks, ws.tasks.len());
        prop_assert_eq!(s.aligned + s.partial + s.operational + s.busy_work, s.tasks);
        let count = |c: Class| board.tasks.iter().filter(|t| t.class == c).count();
        prop_assert_eq!(s.aligned, count(Class::Aligned));
        prop_assert_eq!(s.partial, count(Class::Partial));
        prop_assert_eq!(s.operational, count(Class::Operational));
        prop_assert_eq!(s.busy_work, count(Class::BusyWork));
        // The open counts: the same classes over todo and doing tasks only.
        for c in Class::ALL {
            let open = board
                .tasks
                .iter()
                .zip(&ws.tasks)
                .filter(|(sc, t)| sc.class == c && t.status.is_open())
                .count();
            prop_assert_eq!(s.open(c), open, "{:?}", c);
        }
        for pct in [s.aligned_effort_pct, s.busy_effort_pct] {
            prop_assert!((0.0..=100.0).contains(&pct), "{s:?}");
        }
        prop_assert!(s.aligned_effort_pct + s.busy_effort_pct <= 100.1, "{s:?}");
        let open: f64 = ws.tasks.iter().filter(|t| t.status.is_open()).map(|t| t.effort).sum();
        let share = |c: Class| -> f64 {
            let e: f64 = ws
                .tasks
                .iter()
                .zip(&board.tasks)
                .filter(|(t, sc)| t.status.is_open() && sc.class == c)
                .map(|(t, _)| t.effort)
                .sum();
            if open > 0.0 { (e / open * 1000.0).round() / 10.0 } else { 0.0 }
        };
        prop_assert!((s.aligned_effort_pct - share(Class::Aligned)).abs() < 1e-9, "{s:?}");
        prop_assert!((s.busy_effort_pct - share(Class::BusyWork)).abs() < 1e-9, "{s:?}");
    }
}

/// The defaults satisfy what the properties above assume of them.
#[test]
fn default_coefficients_make_crunch_count_for_more() {
    let c = align_core::model::Coefficients::default();
    assert!(c.crunch_due_soon > c.due_soon);
    assert!(c.crunch_overdue > c.overdue);
    assert!(c.crunch_urgent > c.urgent);
    assert!(c.busy_below <= c.aligned_at);
    // An unlinked task's best score under strategy stays below the bar for aligned.
    assert!(2 * c.impact_step + c.due_soon.max(c.overdue) + c.urgent < c.aligned_at);
}

/// A workspace whose tasks may wait on later ones (no cycles), so that the `unblocks`
/// pass has work to settle.
pub(crate) fn waiting_workspace() -> impl Strategy<Value = WsSpec> {
    (
        workspace(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..=8,
        ),
    )
        .prop_map(|(mut spec, waits)| {
            let n = spec.tasks.len();
            for (a, b) in waits {
                if n < 2 {
                    break;
                }
                let (a, b) = (a.index(n), b.index(n));
                let (from, on) = (a.min(b), a.max(b));
                if from != on && !spec.tasks[from].depends.contains(&on) {
                    spec.tasks[from].depends.push(on);
                }
            }
            spec
        })
}

proptest! {
    /// Switching the lens re-weighs the scores in place (`m` on the board): every field
    /// of every score, the goal flags and the summary are what a fresh scoring under the
    /// new lens gives, with or without work waiting on other work.
    #[test]
    fn switching_the_lens_gives_a_fresh_scoring_under_it(
        spec in waiting_workspace(),
        from in lens(),
        to in lens(),
        back in any::<bool>(),
    ) {
        let ws = spec.load();
        let mut scorer = align_core::Scorer::new(&ws, today(), from);
        let mut board = scorer.scoreboard(&ws);
        scorer.set_lens(&ws, &mut board, to);
        prop_assert_eq!(&board, &score(&ws, to));
        if back {
            scorer.set_lens(&ws, &mut board, from);
            prop_assert_eq!(&board, &score(&ws, from));
        }
    }
}
