//! `align init`: a starter dated from today that loads, written where PATH, `-w` or
//! `ALIGN_WORKSPACE` points, never over an existing file, and a missing directory said
//! plainly.

use std::fs;

use crate::common::{align, outcome, run, stderr_of, stdout_of};

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], 0);
    assert!(out.contains("align.toml"), "{out}");
    let path = dir.path().join("align.toml");
    let written = fs::read(&path).unwrap();
    assert!(align_core::load(&path).is_ok());
    run(dir.path(), &["score"], 0);

    fs::write(&path, b"# mine\n").unwrap();
    let err = stderr_of(dir.path(), &["init"], 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"# mine\n");
    assert!(!written.is_empty());
}

#[test]
fn init_dates_the_starter_from_today_so_nothing_starts_stale() {
    let dir = tempfile::tempdir().unwrap();
    for today in ["2026-11-25", "2029-07-04"] {
        let path = dir.path().join(format!("{today}.toml"));
        let out = stdout_of(
            dir.path(),
            &["init", path.to_str().unwrap(), "--today", today],
            0,
        );
        // Not ./align.toml: `align score` would not find it, so the next step names it.
        assert!(
            out.contains(&format!("`align -w {} score`", path.display())),
            "{out}"
        );
        let json = stdout_of(
            dir.path(),
            &[
                "-w",
                path.to_str().unwrap(),
                "--today",
                today,
                "score",
                "--format",
                "json",
            ],
            0,
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        for g in v["goals"].as_array().unwrap() {
            assert_eq!(g["stale"], false, "{today}: {g}");
        }
        let classes: Vec<&str> = v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["class"].as_str().unwrap())
            .collect();
        assert_eq!(
            classes.iter().filter(|c| **c == "aligned").count(),
            2,
            "{today}: {classes:?}"
        );
    }
    // In the current directory, under the name `align score` finds, it says just that.
    let out = run(dir.path(), &["init"], 0);
    assert!(out.contains("`align score`"), "{out}");
}

#[test]
fn init_into_a_directory_writes_align_toml_there() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("team")).unwrap();
    run(dir.path(), &["init", "team"], 0);
    let path = dir.path().join("team/align.toml");
    assert!(align_core::load(&path).is_ok());
    assert!(!dir.path().join("align.toml").exists());
    let before = fs::read(&path).unwrap();
    stderr_of(dir.path(), &["init", "team"], 2);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn init_writes_where_the_workspace_flag_or_variable_points() {
    let dir = tempfile::tempdir().unwrap();
    let r = outcome(dir.path(), &["-w", "team.toml", "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("team.toml").is_file());
    assert!(!dir.path().join("align.toml").exists());
    assert!(r.stdout.starts_with("wrote team.toml"), "{}", r.stdout);

    fs::create_dir(dir.path().join("plans")).unwrap();
    let r = outcome(dir.path(), &["init", "-w", "plans"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("plans/align.toml").is_file());

    let out = align(dir.path())
        .env("ALIGN_WORKSPACE", "from-env.toml")
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("from-env.toml").is_file());
    // Its own PATH comes first.
    let r = outcome(dir.path(), &["-w", "team.toml", "init", "own.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("own.toml").is_file());
    assert!(!dir.path().join("align.toml").exists());
}

#[test]
fn init_into_a_missing_directory_says_so_without_temp_names() {
    let dir = tempfile::tempdir().unwrap();
    let r = outcome(dir.path(), &["init", "sub/new.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: sub/new.toml: directory sub does not exist\n"
    );
    assert!(
        fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}
