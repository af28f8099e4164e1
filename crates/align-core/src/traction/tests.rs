use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::load::load_text;
use crate::model::{Checkin, FileIx, Origin};

fn day(d: &str) -> NaiveDate {
    d.parse().unwrap()
}

fn kr(start: f64, target: f64, checkins: &[(&str, f64)]) -> KeyResult {
    KeyResult {
        id: "k".into(),
        title: "K".into(),
        owner: None,
        due: None,
        unit: None,
        start,
        target,
        current: checkins.last().map_or(start, |c| c.1),
        checkins: checkins
            .iter()
            .map(|&(d, value)| Checkin {
                date: day(d),
                value,
                confidence: None,
                note: None,
            })
            .collect(),
        origin: Origin {
            file: FileIx(0),
            span: 0..0,
        },
    }
}

fn work(items: &[(&str, f64)]) -> Vec<(NaiveDate, f64)> {
    items.iter().map(|&(d, e)| (day(d), e)).collect()
}

const TODAY: &str = "2026-11-25";

#[test]
fn much_work_and_a_flat_checkin_is_no_traction_with_its_figures() {
    // 6 effort in 3 tasks since Nov 2; the check-in before says 20, the one after 20.
    let k = kr(0.0, 100.0, &[("2026-10-28", 20.0), ("2026-11-20", 20.4)]);
    let done = work(&[
        ("2026-11-02", 2.0),
        ("2026-11-10", 3.0),
        ("2026-11-18", 1.0),
    ]);
    let t = judge(
        &k,
        Some(day("2026-10-01")),
        &done,
        day(TODAY),
        Rule::DEFAULT,
    );
    assert_eq!(t.verdict, Verdict::None);
    assert!(t.none());
    assert_eq!((t.finished_tasks, t.finished_effort), (3, 6.0));
    assert_eq!(t.since, day("2026-10-28"));
    assert_eq!(
        t.baseline,
        Some(Reading {
            date: Some(day("2026-10-28")),
            value: 20.0
        })
    );
    assert_eq!(t.latest.map(|l| l.value), Some(20.4));
    assert_eq!((t.checkins_since, t.progress_change), (1, Some(0.4)));
}

#[test]
fn a_point_gained_is_movement_lower_is_better_too() {
    let done = work(&[
        ("2026-11-02", 2.0),
        ("2026-11-10", 3.0),
        ("2026-11-18", 1.0),
    ]);
    let up = kr(0.0, 100.0, &[("2026-10-28", 20.0), ("2026-11-20", 21.0)]);
    let t = judge(&up, None, &done, day(TODAY), Rule::DEFAULT);
    assert_eq!((t.verdict, t.progress_change), (Verdict::Moving, Some(1.0)));
    // Churn from 4% to 2%: 3.9 → 3.5 is 20 points of the way.
    let down = kr(4.0, 2.0, &[("2026-10-20", 3.9), ("2026-11-24", 3.5)]);
    let t = judge(&down, None, &done, day(TODAY), Rule::DEFAULT);
    assert_eq!(
        (t.verdict, t.progress_change),
        (Verdict::Moving, Some(20.0))
    );
    // Moving away from the target is no movement.
    let worse = kr(4.0, 2.0, &[("2026-10-20", 3.5), ("2026-11-24", 3.9)]);
    let t = judge(&worse, None, &done, day(TODAY), Rule::DEFAULT);
    assert_eq!((t.verdict, t.progress_change), (Verdict::None, Some(-20.0)));
}

#[test]
fn a_checkin_on_the_day_the_work_began_follows_it() {
    let k = kr(0.0, 10.0, &[("2026-11-02", 0.0)]);
    let done = work(&[
        ("2026-11-02", 2.0),
        ("2026-11-03", 2.0),
        ("2026-11-04", 2.0),
    ]);
    let t = judge(
        &k,
        Some(day("2026-10-01")),
        &done,
        day(TODAY),
        Rule::DEFAULT,
    );
    // Baseline is the start value, dated by the goal's start.
    assert_eq!(
        t.baseline,
        Some(Reading {
            date: Some(day("2026-10-01")),
            value: 0.0
        })
    );
    assert_eq!((t.verdict, t.checkins_since), (Verdict::None, 1));
}

#[test]
fn too_little_work_no_checkin_since_target_reached_or_no_work_are_not_flagged() {
    let flat = kr(0.0, 10.0, &[("2026-10-01", 2.0), ("2026-11-24", 2.0)]);
    let today = day(TODAY);
    // Two tasks of 5: many points, too few tasks. Five tasks of 0.5: too little effort.
    let two = work(&[("2026-11-02", 5.0), ("2026-11-03", 5.0)]);
    assert_eq!(
        judge(&flat, None, &two, today, Rule::DEFAULT).verdict,
        Verdict::LittleWork
    );
    let small = work(&[("2026-11-02", 0.5); 5]);
    assert_eq!(
        judge(&flat, None, &small, today, Rule::DEFAULT).verdict,
        Verdict::LittleWork
    );
    // Much work, but the newest check-in came before it.
    let late = work(&[
        ("2026-11-24", 5.0),
        ("2026-11-24", 5.0),
        ("2026-11-25", 5.0),
    ]);
    let early = kr(0.0, 10.0, &[("2026-11-01", 2.0), ("2026-11-20", 2.0)]);
    let t = judge(&early, None, &late, today, Rule::DEFAULT);
    assert_eq!(
        (t.verdict, t.checkins_since, t.progress_change),
        (Verdict::Unmeasured, 0, None)
    );
    // At target before the work: nothing left to move.
    let met = kr(0.0, 10.0, &[("2026-10-01", 10.0), ("2026-11-24", 10.0)]);
    assert_eq!(
        judge(&met, None, &late, today, Rule::DEFAULT).verdict,
        Verdict::Reached
    );
    // Finished before the window (Oct 28 is its excluded first day) or after today.
    let outside = work(&[("2026-10-28", 9.0), ("2026-11-26", 9.0)]);
    let t = judge(&flat, None, &outside, today, Rule::DEFAULT);
    assert_eq!(
        (t.verdict, t.finished_tasks, t.baseline),
        (Verdict::NoWork, 0, None)
    );
}

#[test]
fn the_window_is_the_workspaces_and_only_done_tasks_linked_to_the_key_result_count() {
    let ws = load_text(
        "version = 1\n[workspace]\ntraction_window_days = 7\n\
         [[goals]]\nid = \"g\"\ntitle = \"G\"\nstart = 2026-10-01\n\
         [[goals.key_results]]\nid = \"kr1\"\ntitle = \"One\"\nstart = 0\ntarget = 10\n\
         checkins = [{ date = 2026-11-01, value = 2 }, { date = 2026-11-25, value = 2 }]\n\
         [[goals.key_results]]\nid = \"kr2\"\ntitle = \"Two\"\nstart = 0\ntarget = 10\n\
         [[tasks]]\nid = \"a\"\ntitle = \"A\"\nstatus = \"done\"\ndone = 2026-11-20\neffort = 2\ngoals = [\"g/kr1\", \"g/kr1\"]\n\
         [[tasks]]\nid = \"b\"\ntitle = \"B\"\nstatus = \"done\"\ndone = 2026-11-21\neffort = 2\ngoals = [\"g/kr1\"]\n\
         [[tasks]]\nid = \"c\"\ntitle = \"C\"\nstatus = \"done\"\ndone = 2026-11-22\neffort = 2\ngoals = [\"g/kr1\", \"g/kr2\"]\n\
         [[tasks]]\nid = \"old\"\ntitle = \"Old\"\nstatus = \"done\"\ndone = 2026-11-10\neffort = 8\ngoals = [\"g/kr1\"]\n\
         [[tasks]]\nid = \"goal-only\"\ntitle = \"Goal only\"\nstatus = \"done\"\ndone = 2026-11-22\neffort = 8\ngoals = [\"g\"]\n\
         [[tasks]]\nid = \"open\"\ntitle = \"Open\"\nstatus = \"doing\"\ndone = 2026-11-22\neffort = 8\ngoals = [\"g/kr1\"]\n",
    );
    assert_eq!(ws.traction_window_days, 7);
    let rule = Rule::of(&ws);
    let all = traction(&ws, day(TODAY), rule);
    let kr1 = &all[0][0];
    assert_eq!(
        (kr1.verdict, kr1.finished_tasks, kr1.finished_effort),
        (Verdict::None, 3, 6.0)
    );
    assert_eq!(kr1.window_days, 7);
    let kr2 = &all[0][1];
    assert_eq!((kr2.verdict, kr2.finished_tasks), (Verdict::Unmeasured, 1));
    let flagged: Vec<String> = flagged(&ws, &all)
        .map(|(_, _, l, _)| l.to_string())
        .collect();
    assert_eq!(flagged, ["g/kr1"]);
    // Without the setting: four weeks, and the old task's 8 count too.
    let default = load_text("version = 1\n");
    assert_eq!(default.traction_window_days, DEFAULT_WINDOW_DAYS);
}

fn arb_kr() -> impl Strategy<Value = KeyResult> {
    (
        0.0..10.0f64,
        prop_oneof![Just(-10.0), Just(10.0), Just(3.0)],
        prop::collection::vec((-60i64..5, 0.0..20.0f64), 0..5),
    )
        .prop_map(|(start, span, checkins)| {
            let today = day(TODAY);
            let mut k = kr(start, start + span, &[]);
            k.checkins = checkins
                .into_iter()
                .map(|(offset, value)| Checkin {
                    date: today + chrono::TimeDelta::days(offset),
                    value,
                    confidence: None,
                    note: None,
                })
                .collect();
            k
        })
}

fn arb_work() -> impl Strategy<Value = Vec<(NaiveDate, f64)>> {
    prop::collection::vec((-60i64..5, 0.5..4.0f64), 0..8).prop_map(|w| {
        w.into_iter()
            .map(|(offset, e)| (day(TODAY) + chrono::TimeDelta::days(offset), e))
            .collect()
    })
}

proptest! {
    /// The flag means what the README says: much work, check-ins since, no movement.
    #[test]
    fn no_traction_is_much_work_checked_in_and_unmoved(k in arb_kr(), w in arb_work()) {
        let t = judge(&k, None, &w, day(TODAY), Rule::DEFAULT);
        if t.none() {
            prop_assert!(t.finished_effort >= Rule::DEFAULT.min_effort);
            prop_assert!(t.finished_tasks >= Rule::DEFAULT.min_tasks);
            prop_assert!(t.checkins_since >= 1);
            prop_assert!(t.progress_change.is_some_and(|c| c < Rule::DEFAULT.moved_points));
        }
        prop_assert_eq!(t.finished_tasks == 0, t.verdict == Verdict::NoWork);
    }

    /// Work finished outside the window changes nothing.
    #[test]
    fn work_outside_the_window_changes_nothing(
        k in arb_kr(),
        w in arb_work(),
        before in 0i64..400,
        after in 1i64..400,
        effort in 0.5..9.0f64,
    ) {
        let today = day(TODAY);
        let t = judge(&k, None, &w, today, Rule::DEFAULT);
        let mut more = w.clone();
        more.push((t.since - chrono::TimeDelta::days(before), effort));
        more.push((today + chrono::TimeDelta::days(after), effort));
        prop_assert_eq!(judge(&k, None, &more, today, Rule::DEFAULT), t);
    }

    /// A check-in at the target after the work always counts as traction, unless the key
    /// result had reached it before; more work after the first task keeps a flag raised.
    #[test]
    fn reaching_the_target_after_the_work_is_traction(
        k in arb_kr(),
        w in arb_work(),
        effort in 0.5..4.0f64,
    ) {
        let today = day(TODAY);
        let t = judge(&k, None, &w, today, Rule::DEFAULT);
        let mut reached = k.clone();
        reached.checkins.push(Checkin { date: today, value: k.target, confidence: None, note: None });
        let r = judge(&reached, None, &w, today, Rule::DEFAULT);
        if t.verdict != Verdict::NoWork && t.verdict != Verdict::Reached {
            prop_assert_eq!(r.verdict, Verdict::Moving);
        }
        if t.none() {
            let mut more = w.clone();
            more.push((today, effort));
            prop_assert!(judge(&k, None, &more, today, Rule::DEFAULT).none());
        }
    }
}
