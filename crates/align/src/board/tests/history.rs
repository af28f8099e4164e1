//! One history for every change the board makes: `u` undoes and `Ctrl-r` redoes links
//! and edits alike, each step saved, giving back the file's bytes as they were.

use super::{
    DEMO, Fixture, agrees_with_disk, demo, message, on_disk, press, select_goal, select_task,
    selected_id, task, type_text,
};
use crate::board::app::Focus;

#[test]
fn undo_and_redo_walk_several_links_back_and_forth_on_disk() {
    let mut f = demo();
    let mut states = vec![DEMO.to_string()];
    // Three links made from different panes and selections.
    for (id, target) in [
        ("T-123", "retention/kr1"),
        ("T-125", "carriers"),
        ("T-116", "activation"),
    ] {
        select_task(&mut f.app, id);
        select_goal(&mut f.app, target);
        press(&mut f.app, "l");
        assert!(
            message(&f.app).starts_with(&format!("linked {id} → {target}")),
            "{}",
            message(&f.app)
        );
        states.push(on_disk(&f.path));
    }
    // Linking from the goals pane after moving around the tasks pane (focus Goals now).
    assert_eq!(f.app.focus, Focus::Goals);
    press(&mut f.app, "S-Tab G Tab");
    let last = selected_id(&f.app);
    select_goal(&mut f.app, "reliability");
    press(&mut f.app, "l");
    states.push(on_disk(&f.path));
    assert_eq!(states.len(), 5);
    assert!(states.windows(2).all(|w| w[0] != w[1]));

    // Undo, one level at a time, each saved at once; the message names the link undone
    // (not the unlink that undoes it), as the undo of any other edit names that edit.
    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        format!("undo: linked {last} → reliability · saved")
    );
    press(&mut f.app, "C-r");
    assert_eq!(
        message(&f.app),
        format!("redo: linked {last} → reliability · saved")
    );
    for level in (0..4).rev() {
        press(&mut f.app, "u");
        assert!(
            message(&f.app).starts_with("undo: linked"),
            "{}",
            message(&f.app)
        );
        assert!(message(&f.app).ends_with("· saved"));
        assert_eq!(
            on_disk(&f.path),
            states[level],
            "after undo to level {level}"
        );
    }
    assert_eq!(
        on_disk(&f.path),
        DEMO,
        "undoing everything restores the file"
    );
    press(&mut f.app, "u");
    assert_eq!(message(&f.app), "nothing to undo");
    assert_eq!(on_disk(&f.path), DEMO);

    // Redo them all, then undo two and redo one.
    for state in &states[1..] {
        press(&mut f.app, "C-r");
        assert!(
            message(&f.app).starts_with("redo: linked"),
            "{}",
            message(&f.app)
        );
        assert_eq!(&on_disk(&f.path), state);
    }
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");
    let t = task(&f.app, &last);
    assert!(
        f.app.ws().tasks[t]
            .goals
            .iter()
            .any(|l| *l == "reliability")
    );

    press(&mut f.app, "u u C-r");
    assert_eq!(on_disk(&f.path), states[3]);

    // A new link drops the redo history.
    select_task(&mut f.app, "T-124");
    select_goal(&mut f.app, "grow-shops");
    press(&mut f.app, "l");
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");

    // And everything undone leaves the original file, byte for byte.
    press(&mut f.app, "u u u u");
    assert_eq!(on_disk(&f.path), DEMO);
    // The board agrees with the file it wrote.
    let fresh = super::app_of(align_core::load(&f.path).unwrap());
    for i in 0..f.app.ws().tasks.len() {
        assert_eq!(f.app.ws().tasks[i].goals, fresh.ws().tasks[i].goals);
        assert_eq!(f.app.board().tasks[i].points, fresh.board().tasks[i].points);
    }
}

#[test]
fn undo_and_redo_walk_every_kind_of_edit() {
    let mut f = demo();
    let mut states = vec![DEMO.to_string()];
    let mut step = |f: &mut Fixture, keys_: &str, text: &str| {
        press(&mut f.app, keys_);
        if !text.is_empty() {
            type_text(&mut f.app, text);
            press(&mut f.app, "Enter");
        }
        assert!(message(&f.app).ends_with("· saved"), "{}", message(&f.app));
        states.push(on_disk(&f.path));
    };
    select_task(&mut f.app, "T-123");
    select_goal(&mut f.app, "retention/kr1");
    step(&mut f, "l", ""); // link
    step(&mut f, "c", "3.5"); // check-in
    step(&mut f, "a", "Plan the win-back campaign"); // new task, now selected
    step(&mut f, "x", ""); // its status
    step(&mut f, "e", " (Q1)"); // its title
    step(&mut f, "Tab l", ""); // link it too (focus goals: Tab back first)
    assert_eq!(states.len(), 7);
    assert!(states.windows(2).all(|w| w[0] != w[1]));
    agrees_with_disk(&f);

    for level in (0..6).rev() {
        press(&mut f.app, "u");
        assert!(message(&f.app).starts_with("undo: "), "{}", message(&f.app));
        assert_eq!(on_disk(&f.path), states[level], "undo to level {level}");
        agrees_with_disk(&f);
    }
    assert_eq!(on_disk(&f.path), DEMO);
    for state in &states[1..] {
        press(&mut f.app, "C-r");
        assert!(message(&f.app).starts_with("redo: "), "{}", message(&f.app));
        assert_eq!(&on_disk(&f.path), state);
    }
    agrees_with_disk(&f);
    press(&mut f.app, "C-r");
    assert_eq!(message(&f.app), "nothing to redo");
}
