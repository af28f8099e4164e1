//! `align link` and `align unlink`: one line changed, the file given back byte for byte by
//! the inverse, no-ops said as such, unknown tasks, goals and key results named with the
//! nearest match, and a workspace with an error never written.

use std::fs;

use serde_json::Value;

use crate::common::{DEMO, demo_dir, dir_with, file, outcome, run, stderr_of};

/// `a` and `b` differ in exactly one line: one line changed, added or removed.
fn one_line_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_inclusive('\n').collect(),
        b.split_inclusive('\n').collect(),
    );
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let (changed_a, changed_b) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
    matches!((changed_a, changed_b), (1 | 0, 1) | (1, 0))
}

#[test]
fn link_adds_one_line_and_unlink_restores_the_file_exactly() {
    let dir = demo_dir();
    let original = DEMO;
    // T-123 has no goals: a goals line is added.
    let out = run(dir.path(), &["link", "T-123", "retention"], 0);
    assert!(out.contains("linked T-123"), "{out}");
    let linked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(original, &linked), "{linked}");
    assert_eq!(linked.lines().count(), original.lines().count() + 1);
    assert!(linked.contains("goals = [\"retention\"]"));
    let json: Value =
        serde_json::from_str(&run(dir.path(), &["score", "--format", "json"], 0)).unwrap();
    let t = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "T-123")
        .unwrap();
    assert_eq!(t["goals"], serde_json::json!(["retention"]));
    assert_ne!(t["class"], "busy-work");

    run(dir.path(), &["unlink", "T-123", "retention"], 0);
    assert_eq!(file(dir.path()), original.as_bytes());
}

#[test]
fn link_into_an_existing_array_changes_that_line_only() {
    let dir = demo_dir();
    let original = DEMO;
    run(dir.path(), &["link", "T-101", "activation"], 0);
    let linked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(original, &linked));
    assert_eq!(linked.lines().count(), original.lines().count());
    assert!(linked.contains("goals = [\"activation/kr1\", \"activation\"]"));
    run(dir.path(), &["unlink", "T-101", "activation"], 0);
    assert_eq!(file(dir.path()), original.as_bytes());

    // Unlinking an original link changes one line too.
    run(dir.path(), &["unlink", "T-108", "grow-shops"], 0);
    let unlinked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(original, &unlinked));
    assert!(unlinked.contains("goals = [\"retention/kr2\"]"));
    run(dir.path(), &["link", "T-108", "grow-shops"], 0);
    assert!(align_core::load(&dir.path().join("align.toml")).is_ok());
}

#[test]
fn linking_an_already_linked_goal_is_a_no_op() {
    let dir = demo_dir();
    let before = file(dir.path());
    let out = run(dir.path(), &["link", "T-101", "activation/kr1"], 0);
    assert!(out.contains("already linked"), "{out}");
    assert_eq!(file(dir.path()), before);
    let out = run(dir.path(), &["unlink", "T-123", "retention"], 0);
    assert!(out.contains("not linked"), "{out}");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn unknown_goal_or_task_exits_2_and_leaves_the_file_alone() {
    let dir = demo_dir();
    let before = file(dir.path());
    let err = stderr_of(dir.path(), &["link", "T-123", "retension"], 2);
    assert!(
        err.contains("unknown goal \"retension\" (did you mean \"retention\"?)"),
        "{err}"
    );
    let err = stderr_of(dir.path(), &["unlink", "T-101", "activaton"], 2);
    assert!(err.contains("did you mean \"activation\"?"), "{err}");
    let err = stderr_of(dir.path(), &["link", "T-1234", "retention"], 2);
    assert!(err.contains("unknown task \"T-1234\""), "{err}");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn a_workspace_with_an_error_is_never_written() {
    let dir = demo_dir();
    let broken =
        format!("{DEMO}\n[[tasks]]\nid = \"T-999\"\ntitle = \"Typo\"\ngoals = [\"retension\"]\n");
    fs::write(dir.path().join("align.toml"), &broken).unwrap();
    let err = stderr_of(dir.path(), &["link", "T-123", "retention"], 2);
    assert!(err.contains("error: align.toml:"), "{err}");
    assert!(err.contains("did you mean \"retention\"?"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    stderr_of(dir.path(), &["unlink", "T-101", "activation/kr1"], 2);
    assert_eq!(file(dir.path()), broken.as_bytes());
}

#[test]
fn link_names_an_unknown_key_result_of_a_known_goal() {
    let dir = dir_with("demo.toml", DEMO);
    let before = fs::read(dir.path().join("demo.toml")).unwrap();
    let r = outcome(
        dir.path(),
        &["-w", "demo.toml", "link", "T-123", "retention/nokr"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "unknown key result \"nokr\" of goal \"retention\" (its key results: retention/kr1, retention/kr2)"
        ),
        "{}",
        r.stderr
    );
    let r = outcome(
        dir.path(),
        &["-w", "demo.toml", "link", "T-123", "retention/kr11"],
    );
    assert!(
        r.stderr.contains(
            "unknown key result \"kr11\" of goal \"retention\" (did you mean \"retention/kr1\"?)"
        ),
        "{}",
        r.stderr
    );
    let r = outcome(
        dir.path(),
        &["-w", "demo.toml", "link", "T-123", "retention/"],
    );
    assert!(
        r.stderr
            .contains("empty key result in link \"retention/\" (did you mean \"retention\"?)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(dir.path().join("demo.toml")).unwrap(), before);
}

const GOALS: &str = "version = 1\n\n[[goals]]\nid = \"g1\"\ntitle = \"One\"\n\n[[goals]]\nid = \"g2\"\ntitle = \"Two\"\n\n";

#[test]
fn unlink_removes_every_copy_of_a_link_written_twice() {
    let text = format!(
        "{GOALS}[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\"g1\", \"g2\", \"g1\"]\n"
    );
    let dir = dir_with("align.toml", &text);
    let out = run(dir.path(), &["unlink", "T-1", "g1"], 0);
    assert!(out.starts_with("unlinked T-1 ↛ g1"), "{out}");
    let after = String::from_utf8(file(dir.path())).unwrap();
    assert!(after.contains("goals = [\"g2\"]\n"), "{after}");
    // Not linked any more: a second unlink has nothing to do.
    let out = run(dir.path(), &["unlink", "T-1", "g1"], 0);
    assert!(out.contains("is not linked to g1; nothing to do"), "{out}");
}

#[test]
fn unlink_keeps_the_comments_of_the_other_links() {
    let text = format!(
        "{GOALS}[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\n  \"g1\",  # the why of g1\n  # g2 is for Q4\n  \"g2\",  # the why of g2\n]\n"
    );
    let dir = dir_with("align.toml", &text);
    run(dir.path(), &["unlink", "T-1", "g2"], 0);
    let after = String::from_utf8(file(dir.path())).unwrap();
    assert!(
        after.ends_with("goals = [\n  \"g1\",  # the why of g1\n  # g2 is for Q4\n]\n"),
        "{after}"
    );
    // A new link goes after the last element's line; the comment line stays put.
    run(dir.path(), &["link", "T-1", "g2"], 0);
    run(dir.path(), &["unlink", "T-1", "g1"], 0);
    let after = String::from_utf8(file(dir.path())).unwrap();
    assert!(
        after.ends_with("goals = [\n  \"g2\",\n  # g2 is for Q4\n]\n"),
        "{after}"
    );
}

#[test]
fn an_empty_array_the_team_wrote_comes_back_byte_for_byte() {
    for goals in [
        "goals = [ # TODO link once the OKRs are final\n]",
        "goals = [\n]",
        "goals = [   ]",
    ] {
        let text = format!("{GOALS}[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\n{goals}\n");
        let dir = dir_with("align.toml", &text);
        run(dir.path(), &["link", "T-1", "g1"], 0);
        run(dir.path(), &["unlink", "T-1", "g1"], 0);
        assert_eq!(
            String::from_utf8(file(dir.path())).unwrap(),
            text,
            "{goals:?}"
        );
    }
}

#[test]
fn a_stray_crlf_elsewhere_does_not_put_crlf_lines_into_an_lf_file() {
    let text = format!(
        "{GOALS}[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\nstatus = \"todo\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"B\"   # pasted from Windows\r\n"
    );
    let dir = dir_with("align.toml", &text);
    run(dir.path(), &["link", "T-1", "g1"], 0);
    let after = String::from_utf8(file(dir.path())).unwrap();
    assert!(
        after.contains("status = \"todo\"\ngoals = [\"g1\"]\n"),
        "{after:?}"
    );
    assert_eq!(after.matches("\r\n").count(), 1, "{after:?}");
    run(dir.path(), &["unlink", "T-1", "g1"], 0);
    assert_eq!(String::from_utf8(file(dir.path())).unwrap(), text);
}

/// A team directory is read on every core, each file parsed as if it came first and then
/// moved to its place: a link must still land in the file that holds the task, and write
/// that file alone (every other file keeps its inode, so it was not even rewritten).
#[test]
fn a_link_in_a_directory_of_many_files_writes_only_the_task_s_file() {
    use std::os::unix::fs::MetadataExt as _;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("goals.toml"), GOALS).unwrap();
    for p in 0..40 {
        let tasks: String = (0..5)
            .map(|t| {
                format!("[[tasks]]\nid = \"P{p}-{t}\"\ntitle = \"Task {t} of person {p}\"\n\n")
            })
            .collect();
        fs::write(root.join(format!("person{p:02}.toml")), tasks).unwrap();
    }
    let before: Vec<(std::path::PathBuf, Vec<u8>, u64)> = {
        let mut files: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| {
                (
                    p.clone(),
                    fs::read(&p).unwrap(),
                    fs::metadata(&p).unwrap().ino(),
                )
            })
            .collect()
    };
    let w = root.to_str().unwrap();
    run(root, &["-w", w, "link", "P27-3", "g1"], 0);
    for (path, bytes, inode) in &before {
        let now = fs::read(path).unwrap();
        if path.ends_with("person27.toml") {
            let (old, new) = (
                String::from_utf8(bytes.clone()).unwrap(),
                String::from_utf8(now).unwrap(),
            );
            assert!(one_line_apart(&old, &new), "{new}");
            assert!(
                new.contains("id = \"P27-3\"\ntitle = \"Task 3 of person 27\"\ngoals = [\"g1\"]\n"),
                "{new}"
            );
        } else {
            assert_eq!(&now, bytes, "{} changed", path.display());
            assert_eq!(
                fs::metadata(path).unwrap().ino(),
                *inode,
                "{} rewritten",
                path.display()
            );
        }
    }
    let out = run(root, &["-w", w, "score", "--format", "json"], 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    let linked: Vec<&str> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| !t["goals"].as_array().unwrap().is_empty())
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(linked, ["P27-3"]);
}
