//! The board's editing keys in a real terminal: `e` opens a task's form and saves it,
//! `E` hands the terminal to the person's editor at the task's line — cooked mode, the
//! normal screen — and takes it back after, reloading what the editor changed; `K` and
//! `n` add a key result and a goal through their forms.

use std::os::unix::fs::PermissionsExt;

use rustix::termios::LocalModes;

use super::session::{Session, TODAY, board_shown};
use crate::common::demo_dir;

#[test]
fn e_edits_a_task_in_its_form_and_saves_it() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    // T-103 is selected; its form opens with the title first, the cursor at its end.
    s.keys("e");
    s.wait_for_text("Edit T-103");
    s.keys(" (v2)");
    // Tab to the owner (the sixth field), erase maya and name another.
    s.keys("\t\t\t\t\t");
    s.keys("\x7f\x7f\x7f\x7fben\r");
    s.wait_for_text(
        "T-103: title \"Dunning emails for failed card payments (v2)\", owner ben · saved",
    );
    s.keys("q");
    assert!(s.wait_exit().success());
    let after = std::fs::read_to_string(dir.path().join("align.toml")).unwrap();
    assert!(after.contains("title = \"Dunning emails for failed card payments (v2)\"\n"));
    assert!(after.contains("owner = \"ben\"\n"));
}

#[test]
fn shift_e_runs_the_editor_at_the_tasks_line_in_cooked_mode_and_reloads() {
    let dir = demo_dir();
    let bin = tempfile::tempdir().unwrap();
    let seen = bin.path().join("seen");
    // An "editor" that writes its arguments and the terminal's mode, then edits the file.
    let editor = bin.path().join("fake-editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$1 $(basename \"$2\") $(stty -a | grep -o -- '-\\?icanon' | head -1)\" > '{}'\n\
             sed -i 's/Dunning emails for failed/Dunning e-mails for failed/' \"$2\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let mut s = Session::spawn(dir.path(), TODAY, &[("VISUAL", &editor)]);
    s.wait_for("the board", board_shown);
    s.keys("E");
    s.wait_for_text("T-103 edited: align.toml reloaded");
    let line = crate::common::DEMO
        .lines()
        .position(|l| l == "id = \"T-103\"")
        .unwrap()
        + 1;
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap().trim(),
        format!("+{line} align.toml icanon"),
        "the editor got +LINE and the file, on a terminal in cooked mode"
    );
    assert!(s.text().contains("Dunning e-mails"), "{}", s.text());
    // The board has its terminal back: raw again, keys work.
    let raw = s.termios();
    assert!(!raw.local_modes.contains(LocalModes::ICANON));
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn shift_k_and_n_add_a_key_result_and_a_goal_in_their_forms() {
    let dir = demo_dir();
    let mut s = Session::spawn(dir.path(), TODAY, &[]);
    s.wait_for("the board", board_shown);
    // The first goal is selected: grow-shops, rolled up from its children. K asks for
    // its first key result, named as the demo's are: kr1.
    s.keys("K");
    s.wait_for_text("New key result of grow-shops");
    s.keys("Shops shipping abroad\t40\t400\tshops\r");
    s.wait_for_text("added key result grow-shops/kr1");
    // n: a goal beside it, its id made from the title.
    s.keys("n");
    s.wait_for_text("New goal");
    s.keys("Expand to Europe\r");
    s.wait_for_text("added goal expand-to-europe");
    s.keys("q");
    assert!(s.wait_exit().success());
    let after = std::fs::read_to_string(dir.path().join("align.toml")).unwrap();
    assert!(
        after.contains("  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Shops shipping abroad\"\n  unit = \"shops\"\n  start = 40\n  target = 400\n"),
        "{after}"
    );
    assert!(
        after.contains("[[goals]]\nid = \"expand-to-europe\"\ntitle = \"Expand to Europe\"\nweight = 3\nstatus = \"active\"\n"),
        "{after}"
    );
    let reread = align_core::load(&dir.path().join("align.toml")).unwrap();
    assert!(reread.workspace.goal_by_id("expand-to-europe").is_some());
}
