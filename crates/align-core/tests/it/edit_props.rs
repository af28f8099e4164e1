//! Property tests of the whole edit path (README "The board": "every change is written back at once …
//! keeping the user's comments, order and formatting"): random valid workspaces in many
//! styles (see `support/workspaces.rs`) and random sessions of link, unlink, rename, status,
//! new task, check-in, undo and redo through `align_core::edit::Edit::apply` and its inverse.
//!
//! After every step: the text loads; the splice lies inside the edited item's block and no
//! other byte (or file) changed; a CRLF file stays CRLF; the in-memory model (ids, titles,
//! statuses, links, done dates, key-result check-ins and `current`, and the recorded spans
//! `origin`, `layout`, `block`) equals a fresh load of the text. At the end, undoing
//! everything gives back the original bytes of every file.
//!
//! The generator and the checker are shared with the `edits` fuzz target. Cases:
//! `PROPTEST_CASES` (default 512 here).

use align_testkit::workspaces;

use proptest::prelude::*;
use workspaces::{Stream, case, describe, run};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_edit_keeps_the_file_loadable_local_and_undoable(
        numbers in prop::collection::vec(any::<u32>(), 0..700),
    ) {
        let case = case(&mut Stream { numbers: &numbers, at: 0 });
        if let Err(e) = run(&case, true) {
            prop_assert!(false, "{e}\n{}", describe(&case));
        }
    }
}
