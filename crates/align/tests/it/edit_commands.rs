//! `align add`, `align edit`, `align done` and `align checkin`: what a script or a cron
//! job sees — the new id alone on stdout, only the lines that change written (comments
//! and every other byte kept), values written as typed, unknown ids named with the
//! nearest match, exit 2 and nothing written on any mistake.

use std::fs;

use crate::common::{DEMO, TODAY, demo_dir, dir_with, file, outcome, run, stderr_of};

/// The lines of `after` that differ from `before`: (removed, added), in order.
fn changes(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let d = similar::TextDiff::from_lines(before, after);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for c in d.iter_all_changes() {
        let line = c.value().trim_end_matches('\n').to_string();
        match c.tag() {
            similar::ChangeTag::Delete => removed.push(line),
            similar::ChangeTag::Insert => added.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

fn text(dir: &std::path::Path) -> String {
    String::from_utf8(file(dir)).unwrap()
}

#[test]
fn add_prints_the_new_id_alone_and_writes_one_table() {
    let dir = demo_dir();
    let out = run(
        dir.path(),
        &[
            "add",
            "Post the churn metric",
            "--goal",
            "retention/kr1",
            "--owner",
            "maya",
            "--effort",
            "2",
            "--impact",
            "4",
            "--due",
            "2026-12-15",
            "--urgent",
            "--tag",
            "ops",
            "--tag",
            "cron",
        ],
        0,
    );
    assert_eq!(out, "T-132\n");
    let after = text(dir.path());
    assert!(after.starts_with(DEMO), "only appended");
    assert_eq!(
        &after[DEMO.len()..],
        "\n[[tasks]]\nid = \"T-132\"\ntitle = \"Post the churn metric\"\nstatus = \"todo\"\ngoals = [\"retention/kr1\"]\nowner = \"maya\"\neffort = 2\nimpact = 4\ndue = 2026-12-15\nurgent = true\ntags = [\"ops\", \"cron\"]\n"
    );
    let explained = run(dir.path(), &["explain", "T-132"], 0);
    assert!(explained.contains("retention"), "{explained}");
}

#[test]
fn add_into_a_named_file_takes_that_files_id_style() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("goals.toml"),
        "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ben.toml"),
        "[[tasks]]\nid = \"B-2\"\ntitle = \"b\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("chen.toml"),
        "[[tasks]]\nid = \"A-3\"\ntitle = \"c\"\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["-w", ".", "add", "Next for ben", "--file", "ben.toml"],
        0,
    );
    assert_eq!(out, "B-3\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("ben.toml")).unwrap(),
        "[[tasks]]\nid = \"B-2\"\ntitle = \"b\"\n\n[[tasks]]\nid = \"B-3\"\ntitle = \"Next for ben\"\nstatus = \"todo\"\n"
    );
    let err = stderr_of(
        dir.path(),
        &["-w", ".", "add", "x", "--file", "nope.toml"],
        2,
    );
    assert!(err.contains("is not a file of this workspace"), "{err}");
}

#[test]
fn add_for_an_owner_goes_to_the_file_that_holds_their_tasks() {
    // A directory per person: ben's new task goes to ben's file, in his id style, though
    // chen's holds the newest task.
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        (
            "goals.toml",
            "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n",
        ),
        (
            "ben/tasks.toml",
            "[[tasks]]\nid = \"B-2\"\ntitle = \"b\"\nowner = \"ben\"\n",
        ),
        (
            "chen/tasks.toml",
            "[[tasks]]\nid = \"C-3\"\ntitle = \"c\"\nowner = \"chen\"\n",
        ),
    ] {
        fs::create_dir_all(dir.path().join(path).parent().unwrap()).unwrap();
        fs::write(dir.path().join(path), text).unwrap();
    }
    let out = run(
        dir.path(),
        &["-w", ".", "add", "For ben", "--owner", "ben"],
        0,
    );
    assert_eq!(out, "B-3\n");
    assert!(
        fs::read_to_string(dir.path().join("ben/tasks.toml"))
            .unwrap()
            .ends_with("id = \"B-3\"\ntitle = \"For ben\"\nstatus = \"todo\"\nowner = \"ben\"\n")
    );
    // Someone with no tasks yet: where the newest task is, as before.
    let out = run(
        dir.path(),
        &["-w", ".", "add", "For dana", "--owner", "dana"],
        0,
    );
    assert_eq!(out, "C-4\n");
}

#[test]
fn edit_changes_only_the_lines_of_the_fields_asked() {
    let dir = demo_dir();
    let out = run(
        dir.path(),
        &[
            "edit",
            "T-101",
            "--title",
            "Guided wizard",
            "--effort",
            "3",
            "--owner",
            "none",
            "--untag",
            "onboarding",
            "--tag",
            "wizard",
            "--urgent",
            "true",
        ],
        0,
    );
    assert!(
        out.starts_with("T-101: title \"Guided wizard\", effort 3, no owner, urgent"),
        "{out}"
    );
    let (removed, added) = changes(DEMO, &text(dir.path()));
    assert_eq!(
        removed,
        [
            "title = \"Guided first-label wizard for new signups\"",
            "effort = 5",
            "owner = \"priya\"",
            "tags = [\"onboarding\"]"
        ]
    );
    assert_eq!(
        added,
        [
            "title = \"Guided wizard\"",
            "effort = 3",
            "tags = [\"wizard\"]",
            "urgent = true"
        ]
    );
    // Asking for what is already there writes nothing.
    let before = file(dir.path());
    let out = run(dir.path(), &["edit", "T-101", "--effort", "3"], 0);
    assert!(out.contains("nothing to do"), "{out}");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn done_records_the_day_and_edit_reopens() {
    let dir = demo_dir();
    run(dir.path(), &["done", "T-101"], 0);
    let (removed, added) = changes(DEMO, &text(dir.path()));
    assert_eq!(removed, ["status = \"doing\""]);
    assert_eq!(added, ["status = \"done\"", &format!("done = {TODAY}")]);
    run(dir.path(), &["edit", "T-101", "--status", "doing"], 0);
    assert_eq!(text(dir.path()), DEMO, "reopening gives back the file");
}

#[test]
fn due_and_owner_take_none_and_comments_stay() {
    let before = "version = 1\n\n[[tasks]]\nid = \"T-1\"  # keep me\ntitle = \"a\"\ndue = 2026-12-01\nowner = \"ana\"\n# a comment between tasks\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\n";
    let dir = dir_with("align.toml", before);
    run(
        dir.path(),
        &["edit", "T-1", "--due", "none", "--owner", "none"],
        0,
    );
    assert_eq!(
        text(dir.path()),
        "version = 1\n\n[[tasks]]\nid = \"T-1\"  # keep me\ntitle = \"a\"\n# a comment between tasks\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\n"
    );
}

#[test]
fn checkin_writes_the_value_as_typed_on_one_new_line() {
    let dir = demo_dir();
    let out = run(
        dir.path(),
        &[
            "checkin",
            "retention/kr1",
            "3",
            "--confidence",
            "0.7",
            "--note",
            "from cron",
            "--date",
            "2026-11-25",
        ],
        0,
    );
    assert!(
        out.starts_with("checked in retention/kr1 at 3 on 2026-11-25"),
        "{out}"
    );
    let (removed, added) = changes(DEMO, &text(dir.path()));
    assert_eq!(removed, ["  current = 3.8"]);
    assert_eq!(
        added,
        [
            "  current = 3",
            "    { date = 2026-11-25, value = 3, confidence = 0.7, note = \"from cron\" },"
        ]
    );
}

#[test]
fn unknown_ids_are_named_with_the_nearest_and_nothing_is_written() {
    let dir = demo_dir();
    let before = file(dir.path());
    let err = stderr_of(dir.path(), &["edit", "T-1234", "--title", "x"], 2);
    assert!(
        err.contains("unknown task \"T-1234\" (did you mean \"T-124\"?)"),
        "{err}"
    );
    let err = stderr_of(dir.path(), &["done", "T-1234"], 2);
    assert!(err.contains("unknown task"), "{err}");
    // kr1 is under two goals: the error names both.
    let err = stderr_of(dir.path(), &["checkin", "kr1", "3"], 2);
    assert!(
        err.contains("activation/kr1") && err.contains("retention/kr1"),
        "{err}"
    );
    let err = stderr_of(dir.path(), &["checkin", "retention", "3"], 2);
    assert!(err.contains("retention/kr1 or retention/kr2"), "{err}");
    let err = stderr_of(dir.path(), &["checkin", "retention/kr11", "3"], 2);
    assert!(err.contains("did you mean \"retention/kr1\"?"), "{err}");
    let err = stderr_of(dir.path(), &["checkin", "retention/kr1", "lots"], 2);
    assert!(err.contains("\"lots\" is not a number"), "{err}");
    let err = stderr_of(dir.path(), &["add", "x", "--goal", "retension"], 2);
    assert!(err.contains("did you mean \"retention\"?"), "{err}");
    for bad in [
        &["edit", "T-101", "--impact", "7"][..],
        &["edit", "T-101", "--status", "finished"],
        &["edit", "T-101", "--due", "soon"],
        &["edit", "T-101", "--effort", "0"],
        &["edit", "T-101", "--title", " "],
        &["checkin", "retention/kr1", "3", "--confidence", "7"],
    ] {
        let r = outcome(dir.path(), bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert!(r.stderr.contains("error"), "{bad:?}: {}", r.stderr);
    }
    assert_eq!(file(dir.path()), before);
}

#[test]
fn a_workspace_with_an_error_is_never_written() {
    let broken =
        format!("{DEMO}\n[[tasks]]\nid = \"T-999\"\ntitle = \"Typo\"\ngoals = [\"retension\"]\n");
    let dir = dir_with("align.toml", &broken);
    for args in [
        &["add", "x"][..],
        &["edit", "T-101", "--title", "y"],
        &["done", "T-101"],
        &["checkin", "retention/kr1", "3"],
    ] {
        let err = stderr_of(dir.path(), args, 2);
        assert!(err.contains("error: align.toml:"), "{err}");
        assert!(err.contains("nothing was written"), "{args:?}: {err}");
    }
    assert_eq!(file(dir.path()), broken.as_bytes());
}

#[test]
fn edit_depends_and_undepend_change_one_line_with_the_other_fields() {
    let dir = demo_dir();
    let out = run(
        dir.path(),
        &[
            "edit",
            "T-101",
            "--depends",
            "T-102",
            "--depends",
            "T-127",
            "--owner",
            "maya",
        ],
        0,
    );
    assert!(
        out.contains("T-101 waits on T-102, T-101 waits on T-127"),
        "{out}"
    );
    let after = text(dir.path());
    assert_eq!(
        changes(DEMO, &after),
        (
            vec!["owner = \"priya\"".to_string()],
            vec![
                "owner = \"maya\"".to_string(),
                "depends = [\"T-102\", \"T-127\"]".to_string(),
            ]
        )
    );
    // One undepend, one depend: the comment after the array stays.
    run(
        dir.path(),
        &["edit", "T-103", "--undepend", "T-127", "--depends", "T-104"],
        0,
    );
    let (removed, added) = changes(&after, &text(dir.path()));
    assert_eq!(
        removed,
        [
            "depends = [\"T-127\"]             # waits on the migration: enabling work, not busy-work"
        ]
    );
    assert_eq!(
        added,
        [
            "depends = [\"T-104\"]             # waits on the migration: enabling work, not busy-work"
        ]
    );
    let out = run(dir.path(), &["edit", "T-103", "--depends", "T-104"], 0);
    assert!(out.contains("already as asked"), "{out}");
}

#[test]
fn add_depends_writes_the_new_tasks_depends() {
    let dir = demo_dir();
    let out = run(
        dir.path(),
        &[
            "add",
            "Back up billing",
            "--depends",
            "T-127",
            "--tag",
            "ops",
        ],
        0,
    );
    assert_eq!(out, "T-132\n");
    let after = text(dir.path());
    assert_eq!(
        &after[DEMO.len()..],
        "\n[[tasks]]\nid = \"T-132\"\ntitle = \"Back up billing\"\nstatus = \"todo\"\ntags = [\"ops\"]\ndepends = [\"T-127\"]\n"
    );
    let err = stderr_of(dir.path(), &["add", "x", "--depends", "T-1270"], 2);
    assert!(err.contains("unknown task \"T-1270\""), "{err}");
    assert_eq!(text(dir.path()), after);
}

#[test]
fn a_cycle_an_unknown_task_and_waiting_on_itself_are_refused_byte_for_byte() {
    let dir = demo_dir();
    let before = file(dir.path());
    // T-103 waits on T-127: T-127 waiting on T-103 would be a cycle.
    let err = stderr_of(
        dir.path(),
        &["edit", "T-127", "--title", "Migrate", "--depends", "T-103"],
        2,
    );
    assert!(err.contains("would be a cycle"), "{err}");
    let err = stderr_of(dir.path(), &["edit", "T-101", "--depends", "T-101"], 2);
    assert!(err.contains("cannot wait on itself"), "{err}");
    let err = stderr_of(
        dir.path(),
        &["edit", "T-101", "--depends", "T-102", "--depends", "T-1270"],
        2,
    );
    assert!(
        err.contains("unknown task \"T-1270\" (did you mean \"T-127\"?)"),
        "{err}"
    );
    assert_eq!(file(dir.path()), before);
}
