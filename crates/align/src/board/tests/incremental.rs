//! The board keeps its scores up to date by re-scoring only what an edit touched (one
//! task, the goal counts it moved). Whatever keys a user presses, that must always be
//! what scoring the whole workspace afresh gives: every task's score, every goal's flags
//! and the summary — under either lens (`m` scores again keeping each suggestion) — and
//! the key results' traction the Board tab keeps across a link of open work.

use proptest::prelude::*;

use super::{demo, press};

/// Keys that move, link, advance, drop, undo and redo, in both panes.
const KEYS: &[&str] = &[
    "j", "k", "j j j", "Tab", "l", "x", "d", "u", "C-r", "G", "g", "m",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_edit_leaves_the_scores_a_fresh_scoring_gives(
        keys in proptest::collection::vec(proptest::sample::select(KEYS), 1..30),
    ) {
        let mut f = demo();
        for k in keys {
            press(&mut f.app, k);
            let fresh = f.app.scorer().scoreboard(f.app.ws());
            prop_assert_eq!(&f.app.board().tasks, &fresh.tasks, "task scores after {}", k);
            prop_assert_eq!(&f.app.board().goals, &fresh.goals, "goal flags after {}", k);
            prop_assert_eq!(&f.app.board().summary, &fresh.summary, "summary after {}", k);
            if let Some(kept) = &f.app.traction {
                let ws = f.app.ws();
                let rule = align_core::traction::Rule::of(ws);
                let fresh = align_core::traction::traction(ws, f.app.today, rule);
                prop_assert_eq!(kept, &fresh, "traction after {}", k);
            }
        }
    }
}
