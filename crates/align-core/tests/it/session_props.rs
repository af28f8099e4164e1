//! Property tests of the session, the one path every writer takes: random valid workspaces
//! in many styles (one file or a directory; see `align_testkit::workspaces`) and random
//! sessions of link, unlink, rename, status, new task, check-in, undo and redo, each
//! committed and saved to real files. After every step the session's scores equal a fresh
//! scoring of its workspace — the incremental re-scoring is exact — and its workspace
//! equals a fresh load of the files on disk; undoing everything gives back the original
//! bytes. Cases: `PROPTEST_CASES` (default 128 here: each writes files).

use align_testkit::workspaces::{Stream, case, describe, run_session};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_scores_equal_a_fresh_scoring_through_the_session(
        numbers in prop::collection::vec(any::<u32>(), 0..700),
    ) {
        let case = case(&mut Stream { numbers: &numbers, at: 0 });
        if let Err(e) = run_session(&case) {
            prop_assert!(false, "{e}\n{}", describe(&case));
        }
    }
}
