//! Arbitrary edit sessions on valid workspaces: after every link, unlink, rename, status
//! change, new task, check-in, undo and redo the text loads, only the edited item's block
//! changed, the in-memory model equals a fresh load, and undoing everything gives back the
//! original bytes. The generator and the checks are `align_testkit::workspaces`, shared
//! with the property tests (`crates/align-core/tests/it/edit_props.rs`).
//!
//! Input: when the first byte is a multiple of 4, the rest up to the first 0xFF byte is the
//! text of a workspace file (skipped unless it loads) and what follows picks the session;
//! otherwise all of it drives the workspace generator.

#![no_main]

use std::path::PathBuf;

use align_testkit::workspaces::{self, Case, Choices, describe, load, op, run};
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

struct Bytes<'a>(Unstructured<'a>);

impl Choices for Bytes<'_> {
    fn below(&mut self, n: usize) -> usize {
        self.0.int_in_range(0..=n.max(1) - 1).unwrap_or(0)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (case, strict) = if mode % 4 == 0 {
        let cut = rest.iter().position(|&b| b == 0xff).unwrap_or(rest.len());
        let Ok(text) = std::str::from_utf8(&rest[..cut]) else {
            return;
        };
        let files = vec![(PathBuf::from("ws/align.toml"), text.to_string())];
        if load(&files).is_err() {
            return;
        }
        let mut c = Bytes(Unstructured::new(rest.get(cut + 1..).unwrap_or_default()));
        let ops = (0..c.below(24)).map(|_| op(&mut c)).collect();
        (Case { files, ops }, false)
    } else {
        (workspaces::case(&mut Bytes(Unstructured::new(rest))), true)
    };
    if let Err(e) = run(&case, strict) {
        panic!("{e}\n{}", describe(&case));
    }
});
