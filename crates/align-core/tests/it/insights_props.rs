//! The kept insights (the board's Insights tab after each change) against a fresh
//! computation: on generated workspaces whose tasks may wait on one another, after any
//! sequence of edits — status, urgency, due date, effort, owner, links, a task added or
//! the last removed, the other lens — the figures kept by following the changes (one by
//! one, or a few at once) are exactly the figures worked out afresh.

use align_core::insights::{KeptInsights, insights};
use align_core::model::{Lens, TaskIx};
use proptest::prelude::*;

use crate::scoring_props::{WsSpec, task, today, waiting_workspace};

/// One change to the workspace.
#[derive(Debug, Clone)]
enum Change {
    Status(prop::sample::Index, &'static str),
    Urgent(prop::sample::Index),
    Due(prop::sample::Index, Option<i64>),
    Effort(prop::sample::Index, f64),
    Owner(prop::sample::Index, Option<&'static str>),
    Link(prop::sample::Index, Option<prop::sample::Index>),
    Add(crate::scoring_props::TaskSpec),
    RemoveLast,
    Lens,
}

fn change() -> impl Strategy<Value = Change> {
    let ix = any::<prop::sample::Index>;
    prop_oneof![
        (
            ix(),
            prop_oneof![Just("todo"), Just("doing"), Just("done"), Just("dropped")]
        )
            .prop_map(|(i, s)| Change::Status(i, s)),
        ix().prop_map(Change::Urgent),
        (ix(), prop::option::of(-12i64..=12)).prop_map(|(i, d)| Change::Due(i, d)),
        (
            ix(),
            prop_oneof![Just(0.1), Just(0.2), Just(1.0), Just(3.5), Just(7.3)]
        )
            .prop_map(|(i, e)| Change::Effort(i, e)),
        (
            ix(),
            prop::option::of(prop_oneof![Just("ann"), Just("bob")])
        )
            .prop_map(|(i, o)| Change::Owner(i, o)),
        (ix(), prop::option::of(ix())).prop_map(|(i, t)| Change::Link(i, t)),
        task().prop_map(Change::Add),
        Just(Change::RemoveLast),
        Just(Change::Lens),
    ]
}

/// Apply `change` to `spec` (and `lens`); the task it edited, added or removed, if one.
fn apply(spec: &mut WsSpec, lens: &mut Lens, change: &Change) -> Option<TaskIx> {
    let targets = spec.targets();
    let n = spec.tasks.len();
    let task = |i: &prop::sample::Index| i.index(n.max(1));
    match change {
        Change::Lens => {
            *lens = match lens {
                Lens::Strategy => Lens::Crunch,
                Lens::Crunch => Lens::Strategy,
            };
            return None;
        }
        Change::Add(t) => {
            spec.tasks.push(t.clone());
            return Some(TaskIx(n));
        }
        Change::RemoveLast => {
            let last = n.checked_sub(1)?;
            spec.tasks.pop();
            for t in &mut spec.tasks {
                t.depends.retain(|&d| d != last);
            }
            return Some(TaskIx(last));
        }
        _ if n == 0 => return None,
        Change::Status(i, s) => spec.tasks[task(i)].status = s,
        Change::Urgent(i) => spec.tasks[task(i)].urgent ^= true,
        Change::Due(i, d) => spec.tasks[task(i)].due = *d,
        Change::Effort(i, e) => spec.tasks[task(i)].effort = *e,
        Change::Owner(i, o) => spec.tasks[task(i)].owner = *o,
        Change::Link(i, target) => {
            spec.tasks[task(i)].links = match target {
                Some(t) if !targets.is_empty() => vec![t.get(&targets).clone()],
                _ => Vec::new(),
            };
        }
    }
    let (Change::Status(i, _)
    | Change::Urgent(i)
    | Change::Due(i, _)
    | Change::Effort(i, _)
    | Change::Owner(i, _)
    | Change::Link(i, _)) = change
    else {
        return None;
    };
    Some(TaskIx(task(i)))
}

proptest! {
    #[test]
    fn kept_insights_equal_a_fresh_computation_after_any_edits(
        spec in waiting_workspace(),
        start in crate::scoring_props::lens(),
        changes in prop::collection::vec(change(), 1..=10),
        hold in any::<bool>(),
        sort_again in any::<bool>(),
    ) {
        let mut spec = spec;
        let mut lens = start;
        let ws = spec.load();
        let board = align_core::score_workspace(&ws, today(), Some(lens));
        // Either way of following: moving the tasks a change moved, or sorting again.
        let many = if sort_again { 0 } else { usize::MAX };
        let mut kept = KeptInsights::new(&ws, &board).sorting_past(many);
        // Edits may pile up before the figures are next brought up to date.
        let mut edited = Vec::new();
        for (step, change) in changes.iter().enumerate() {
            edited.extend(apply(&mut spec, &mut lens, change));
            if step % 2 == 1 && hold {
                continue;
            }
            let ws = spec.load();
            let board = align_core::score_workspace(&ws, today(), Some(lens));
            kept.follow(&ws, &board, &edited);
            edited.clear();
            prop_assert_eq!(kept.insights(), &insights(&ws, &board), "after {:?}", change);
        }
    }
}
