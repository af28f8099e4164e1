//! Time in scoring (README "Scoring"): a `done` task is scored as of its `done` date, so
//! work finished while its goal was live keeps its credit after the quarter ends and after
//! the goal is closed; an `active` goal past its due date has *ended*. Checked on generated
//! workspaces: one goal with a key result and check-ins, one task linked to it, every
//! status and date arrangement.

use align_core::load::load_sources;
use align_core::model::{TaskStatus, Workspace};
use align_core::score_workspace;
use align_core::scoring::Class;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn day(offset: i64) -> NaiveDate {
    let base = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    if offset >= 0 {
        base + Days::new(offset.unsigned_abs())
    } else {
        base - Days::new(offset.unsigned_abs())
    }
}

#[derive(Debug, Clone)]
struct Case {
    status: &'static str,
    due: i64,
    weight: u8,
    checkins: Vec<(i64, f64)>,
    done: i64,
    impact: Option<u8>,
    link_kr: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![Just("active"), Just("achieved"), Just("missed")],
        30i64..=120,
        1u8..=5,
        prop::collection::vec((0i64..=150, 0f64..=10.0), 0..4),
        0i64..=150,
        prop::option::of(1u8..=5),
        any::<bool>(),
    )
        .prop_map(
            |(status, due, weight, checkins, done, impact, link_kr)| Case {
                status,
                due,
                weight,
                checkins,
                done,
                impact,
                link_kr,
            },
        )
}

fn text(c: &Case, goal_status: &str, task_status: &str) -> String {
    let checkins: Vec<String> = c
        .checkins
        .iter()
        .map(|(d, v)| format!("{{ date = {}, value = {v:?} }}", day(*d)))
        .collect();
    let link = if c.link_kr { "g/k" } else { "g" };
    let impact = c
        .impact
        .map_or(String::new(), |i| format!("impact = {i}\n"));
    let done = if task_status == "done" {
        format!("done = {}\n", day(c.done))
    } else {
        String::new()
    };
    format!(
        "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"Goal\"\nstatus = \"{goal_status}\"\nweight = {}\nstart = {}\ndue = {}\n\
         [[goals.key_results]]\nid = \"k\"\ntitle = \"KR\"\nstart = 0\ntarget = 10\ncheckins = [{}]\n\
         [[tasks]]\nid = \"T-1\"\ntitle = \"Work\"\nstatus = \"{task_status}\"\ngoals = [\"{link}\"]\n{impact}{done}",
        c.weight,
        day(0),
        day(c.due),
        checkins.join(", ")
    )
}

fn load(text: &str) -> Workspace {
    let path = std::path::PathBuf::from("ws.toml");
    load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .workspace
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A task done on a day keeps the score it has on any later day: the quarter ending,
    /// time passing, never take its credit away.
    #[test]
    fn a_done_task_scores_the_same_on_every_later_day(c in case(), a in 0i64..=400, b in 0i64..=400) {
        let ws = load(&text(&c, "active", "done"));
        let (a, b) = (c.done + 1 + a, c.done + 1 + b);
        let sa = &score_workspace(&ws, day(a), None).tasks[0];
        let sb = &score_workspace(&ws, day(b), None).tasks[0];
        prop_assert_eq!((sa.points, sa.class), (sb.points, sb.class));
    }

    /// Work finished while its goal was live keeps the goal's credit after the goal ends
    /// or is closed (achieved or missed): it is scored as of its done date.
    #[test]
    fn work_done_while_the_goal_was_live_keeps_its_credit(c in case(), later in 1i64..=200) {
        prop_assume!(c.done <= c.due);
        let today = day(c.due + later);
        let ws = load(&text(&c, c.status, "done"));
        let s = &score_workspace(&ws, today, None).tasks[0];
        prop_assert!(s.factors.iter().any(|f| f.name == "link"), "{s:?}");
        prop_assert_ne!(s.class, Class::BusyWork);
        // Closing the goal changes nothing for it.
        let open = load(&text(&c, "active", "done"));
        let t = &score_workspace(&open, today, None).tasks[0];
        prop_assert_eq!((s.points, s.class), (t.points, t.class));
    }

    /// Work done after its goal's due date earned nothing from it, and open work on a goal
    /// past its due date earns nothing: the goal has ended.
    #[test]
    fn nothing_is_earned_from_a_goal_that_has_ended(c in case(), later in 1i64..=200) {
        let today = day(c.due + later);
        let ws = load(&text(&c, "active", "todo"));
        prop_assert!(ws.goals[0].is_ended(today));
        prop_assert!(!ws.goals[0].is_ended(day(c.due)));
        let s = &score_workspace(&ws, today, None).tasks[0];
        prop_assert!(s.factors.iter().all(|f| f.name != "link"), "{s:?}");
        prop_assume!(c.done > c.due);
        let ws = load(&text(&c, "active", "done"));
        prop_assert_eq!(ws.tasks[0].status, TaskStatus::Done);
        let s = &score_workspace(&ws, today.max(day(c.done + 1)), None).tasks[0];
        prop_assert!(s.factors.iter().all(|f| f.name != "link"), "{s:?}");
    }
}
