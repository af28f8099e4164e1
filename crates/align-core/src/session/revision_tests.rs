//! The session's revision: a number that moves with every change to the workspace or
//! its scores, which what is derived from a session (the organisation's view) compares
//! to know whether it is still current.

use std::fs;

use super::tests::{TASKS, directory, link, open};
use super::*;

/// The revision moves with every change to the workspace or its scores — an edit, a save
/// that fails and is put back, an undo, another lens, a reload — and with nothing else.
#[test]
fn the_revision_moves_with_every_change_and_only_then() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    let mut seen = s.revision();
    let mut moved = |s: &Session| {
        let now = s.revision();
        std::mem::replace(&mut seen, now) != now
    };
    s.scoreboard();
    s.flush();
    assert!(!moved(&s), "reading and an empty flush change nothing");
    s.commit(link(&s, "T-1", "g2")).unwrap();
    assert!(moved(&s), "an edit");
    s.flush();
    assert!(!moved(&s), "saving it changes nothing shown");
    s.undo().unwrap();
    assert!(moved(&s), "an undo");
    s.discard();
    assert!(moved(&s), "an edit taken back unsaved");
    s.set_lens(Lens::Crunch);
    assert!(moved(&s), "another lens");
    fs::write(root.join("tasks.toml"), TASKS.replace("Two", "Twice")).unwrap();
    s.reload().unwrap();
    assert!(moved(&s), "a reload");
}
