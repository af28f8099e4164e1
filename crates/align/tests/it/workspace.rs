//! Which workspace a command reads (README "Commands": `-w`/PATH, `ALIGN_WORKSPACE`, the nearest
//! `align.toml` upwards), a workspace given twice, none at all, and the closing line of
//! one that fails to load.

use std::fs;
use std::path::PathBuf;

use crate::common::{DEMO, TODAY, align, demo_dir, dir_with, file, outcome, run, stderr_of};

#[test]
fn workspace_flag_works_before_and_after_the_subcommand() {
    let dir = demo_dir();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    let path = path.to_str().unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    assert_eq!(
        run(
            elsewhere.path(),
            &["-w", path, "score", "--format", "json"],
            0
        ),
        expected
    );
    assert_eq!(
        run(
            elsewhere.path(),
            &["score", "--format", "json", "-w", path],
            0
        ),
        expected
    );
    assert_eq!(
        run(
            elsewhere.path(),
            &["score", "--format", "json", "--workspace", path],
            0
        ),
        expected
    );
}

#[test]
fn align_workspace_variable_names_the_workspace() {
    let dir = demo_dir();
    let elsewhere = tempfile::tempdir().unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    let out = align(elsewhere.path())
        .env("ALIGN_WORKSPACE", dir.path().join("align.toml"))
        .args(["score", "--format", "json", "--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn a_nested_directory_finds_the_nearest_align_toml_upwards() {
    let dir = demo_dir();
    let nested: PathBuf = dir.path().join("src/deep");
    fs::create_dir_all(&nested).unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    assert_eq!(run(&nested, &["score", "--format", "json"], 0), expected);
    // Edits from below land in the same file.
    run(&nested, &["link", "T-123", "retention"], 0);
    assert!(
        String::from_utf8(file(dir.path()))
            .unwrap()
            .contains("goals = [\"retention\"]")
    );
}

#[test]
fn no_workspace_exits_2_and_points_at_align_init() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["score"][..], &["explain", "T-1"], &["compare"], &[]] {
        let err = stderr_of(empty.path(), args, 2);
        assert!(err.contains("align init"), "{args:?}: {err}");
    }
}

#[test]
fn the_workspace_is_given_once_but_path_then_subcommand_still_works() {
    let dir = dir_with("demo.toml", DEMO);
    fs::write(dir.path().join("other.toml"), "version = 1\n").unwrap();
    let r = outcome(dir.path(), &["-w", "demo.toml", "other.toml", "score"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("given twice") && r.stderr.contains("give it once"));
    // README "Commands": `align PATH score`, `align -w PATH score`, `align score -w PATH`.
    for args in [
        &["demo.toml", "score", "--today", TODAY][..],
        &["-w", "demo.toml", "score", "--today", TODAY],
        &["score", "-w", "demo.toml", "--today", TODAY],
        &["demo.toml", "score", "-w", "demo.toml", "--today", TODAY],
    ] {
        let r = outcome(dir.path(), args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("31 tasks"), "{args:?}");
    }
}

#[test]
fn a_failed_load_ends_with_an_align_line_that_mentions_writing_only_for_writers() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"x\"\ngoals = [\"gg\"]\neffort = 0\n";
    fs::write(dir.path().join("align.toml"), text).unwrap();
    let readers: [&[&str]; 5] = [
        &["score"],
        &["explain", "T-1"],
        &["compare"],
        &["check", "--max-busy", "50"],
        &["report"],
    ];
    for args in readers {
        let r = outcome(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.ends_with("\nalign: 2 problems found\n"),
            "{args:?}: {}",
            r.stderr
        );
    }
    for args in [&["link", "T-1", "g"][..], &["unlink", "T-1", "gg"]] {
        let r = outcome(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr
                .ends_with("\nalign: 2 problems found; nothing was written\n"),
            "{args:?}: {}",
            r.stderr
        );
        for line in r.stderr.lines().filter(|l| l.starts_with("error:")) {
            assert!(line.starts_with("error: align.toml:"), "{line}");
        }
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        text
    );
}

/// A team's repository as teams keep it: the goals at the top, a directory per person
/// (kr1/kr2 under every objective), a `.git` and a nested team workspace beside them.
#[test]
fn a_directory_per_person_is_read_and_a_nested_workspace_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("goals.toml"),
        "version = 1\n\n[workspace]\nname = \"Payments\"\n\n[[goals]]\nid = \"o1\"\ntitle = \"Fewer failed payments\"\nstart = 2026-10-01\ndue = 2026-12-31\n\n[[goals.key_results]]\nid = \"kr1\"\ntitle = \"Failed payments under 2%\"\nstart = 5.0\ntarget = 2.0\n\n[[goals.key_results]]\nid = \"kr2\"\ntitle = \"Retries recover half\"\nstart = 0.0\ntarget = 50.0\n",
    )
    .unwrap();
    for (person, id) in [("ana", "A-1"), ("ben", "B-1")] {
        fs::create_dir(root.join(person)).unwrap();
        fs::write(
            root.join(person).join("tasks.toml"),
            format!("[[tasks]]\nid = \"{id}\"\ntitle = \"Retry card declines\"\nstatus = \"todo\"\neffort = 2\ngoals = [\"o1/kr1\"]\nowner = \"{person}\"\n"),
        )
        .unwrap();
    }
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(
        root.join(".git").join("x.toml"),
        "[[tasks]]\nid = \"G-1\"\n",
    )
    .unwrap();
    fs::create_dir(root.join("other-team")).unwrap();
    fs::write(
        root.join("other-team").join("align.toml"),
        "version = 1\n[workspace]\nname = \"Other\"\n[[tasks]]\nid = \"A-1\"\ntitle = \"x\"\n",
    )
    .unwrap();
    let out = run(
        root,
        &["-w", root.to_str().unwrap(), "score", "--format", "json"],
        0,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{out}");
    assert!(ids.contains(&"A-1") && ids.contains(&"B-1"), "{ids:?}");
    assert!(
        json["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["class"] == "aligned" || t["class"] == "partial"),
        "{out}"
    );
}

/// A team directory whose files have their own names (`goals.toml`, no `align.toml`) is not
/// found by the upward search, as SPEC's discovery rule says — but the error says that
/// `-w .` reads it, instead of sending the person to `align init`.
#[test]
fn a_directory_of_align_files_without_align_toml_is_pointed_at_with_w_dot() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    fs::write(
        dir.path().join("goals.toml"),
        "version = 1\n[workspace]\nname = \"Team\"\n",
    )
    .unwrap();
    let err = stderr_of(dir.path(), &["score"], 2);
    assert!(
        err.contains("this directory holds align files (goals.toml, …): `-w .` reads them"),
        "{err}"
    );
    assert!(!err.contains("align init"), "{err}");
}

/// The layout `align init` leads to once a team grows: the goals in `align.toml` at the
/// top, a directory per person. The upward search finds `align.toml` from inside a
/// person's directory and reads the whole directory — loading `align.toml` alone showed
/// "0 tasks" — and a link writes only the person's file.
#[test]
fn an_align_toml_above_a_directory_per_person_reads_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let goals = "version = 1\n\n[workspace]\nname = \"Web\"\n\n[[goals]]\nid = \"checkout\"\ntitle = \"Make checkout effortless\"\n\n[[goals.key_results]]\nid = \"kr1\"\ntitle = \"Checkout conversion\"\nstart = 61\ntarget = 70\n\n[[goals.key_results]]\nid = \"kr2\"\ntitle = \"p95 latency\"\nstart = 900\ntarget = 400\n";
    fs::write(root.join("align.toml"), goals).unwrap();
    for (person, id) in [("ana", "A-1"), ("raj", "R-1")] {
        fs::create_dir(root.join(person)).unwrap();
        fs::write(
            root.join(person).join("tasks.toml"),
            format!("[[tasks]]\nid = \"{id}\"\ntitle = \"Refactor CSS\"\neffort = 2\nowner = \"{person}\"\n"),
        )
        .unwrap();
    }
    let ana = root.join("ana");
    let out = run(&ana, &["score", "--format", "json"], 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 2, "{out}");
    let before_raj = fs::read(root.join("raj/tasks.toml")).unwrap();
    run(&ana, &["link", "A-1", "checkout/kr1"], 0);
    assert!(
        fs::read_to_string(ana.join("tasks.toml"))
            .unwrap()
            .contains("goals = [\"checkout/kr1\"]")
    );
    assert_eq!(fs::read(root.join("raj/tasks.toml")).unwrap(), before_raj);
    assert_eq!(fs::read_to_string(root.join("align.toml")).unwrap(), goals);
}

/// At the root of a Cargo virtual workspace (`[workspace]` and `members` in Cargo.toml),
/// `align init` then `align score` read `align.toml`: Cargo's `[workspace]` is not taken
/// for an align file, so the search does not turn to the whole directory.
#[test]
fn the_root_of_a_cargo_virtual_workspace_keeps_its_align_toml_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n\n[workspace.package]\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    run(dir.path(), &["init"], 0);
    let out = run(dir.path(), &["score"], 0);
    assert!(out.contains("tasks:"), "{out}");
    let err = stderr_of(dir.path(), &["score"], 0);
    assert!(!err.contains("Cargo.toml"), "{err}");
}
