//! What align reads from its environment, each read only when a test sets it: the
//! personal config file (in `XDG_CONFIG_HOME`, in `HOME/.config`, or named by
//! `ALIGN_CONFIG`) and its `workspace`, last in the order of README "Commands", and `TZ`, which decides
//! today's date when `--today` does not. And the isolation itself: a run of align starts
//! from an environment that holds only what `common` gives it.

use std::fs;
use std::path::Path;

use chrono::{NaiveDate, TimeDelta, Utc};
use serde_json::Value;

use crate::common::{self, DEMO, TODAY, align, demo_dir, dir_with, run};

/// A workspace that is not the demo, to tell which one a command read.
const OTHER: &str = "version = 1\n\n[workspace]\nname = \"Other team\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Something else\"\n";

/// `config` written as `align/config.toml` in a new directory (an `XDG_CONFIG_HOME`).
fn config_home(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("align")).unwrap();
    fs::write(dir.path().join("align/config.toml"), config).unwrap();
    dir
}

fn workspace_line(path: &Path) -> String {
    format!("workspace = {:?}\n", path.to_str().unwrap())
}

/// The name of the workspace `score --format json` read, run in `cwd` with `env`.
fn workspace_read(cwd: &Path, env: &[(&str, &Path)]) -> String {
    let mut cmd = align(cwd);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd
        .args(["score", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "no warning from a clean config");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["workspace"].as_str().unwrap().to_string()
}

#[cfg(unix)]
#[test]
fn a_run_of_align_sees_only_the_environment_the_test_gives_it() {
    let out = common::isolate(&mut std::process::Command::new("env"))
        .output()
        .expect("env runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let seen: Vec<(&str, &str)> = text.lines().filter_map(|l| l.split_once('=')).collect();
    let home = common::empty_home().to_str().unwrap();
    for (name, value) in &seen {
        match *name {
            "HOME" | "XDG_CONFIG_HOME" => assert_eq!(*value, home, "{name}"),
            "TZ" => assert_eq!(*value, "UTC"),
            _ => assert!(
                common::PASSED_ON.contains(name),
                "{name}={value} reached the child"
            ),
        }
    }
    for name in common::READ_BY_ALIGN {
        let given = seen.iter().any(|(n, _)| n == name);
        assert_eq!(
            given,
            ["HOME", "XDG_CONFIG_HOME", "TZ"].contains(name),
            "{name}"
        );
    }
    assert!(
        fs::read_dir(home).unwrap().next().is_none(),
        "the tests' HOME is empty"
    );
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn the_config_in_xdg_config_home_names_the_workspace_when_nothing_else_does() {
    let team = demo_dir();
    let config = config_home(&workspace_line(&team.path().join("align.toml")));
    let elsewhere = tempfile::tempdir().unwrap();
    let read = workspace_read(elsewhere.path(), &[("XDG_CONFIG_HOME", config.path())]);
    assert_eq!(read, "Parcelwise Q4 2026");
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn without_xdg_config_home_the_config_is_in_home_and_tilde_is_home() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join(".config/align")).unwrap();
    fs::create_dir(home.path().join("plans")).unwrap();
    fs::write(home.path().join("plans/align.toml"), DEMO).unwrap();
    fs::write(
        home.path().join(".config/align/config.toml"),
        "workspace = \"~/plans/align.toml\"\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = align(elsewhere.path())
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home.path())
        .args(["score", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        run(home.path().join("plans").as_path(), &["score"], 0)
    );
}

#[test]
fn the_config_workspace_comes_last_and_align_config_names_the_file() {
    let team = demo_dir();
    let demo_config = dir_with(
        "config.toml",
        &workspace_line(&team.path().join("align.toml")),
    );
    let demo_config = demo_config.path().join("config.toml");
    let other = dir_with("align.toml", OTHER);
    let other_config = config_home(&workspace_line(&other.path().join("align.toml")));
    let elsewhere = tempfile::tempdir().unwrap();
    // ALIGN_CONFIG names the file; the config directory is not read then.
    let both = [
        ("XDG_CONFIG_HOME", other_config.path()),
        ("ALIGN_CONFIG", demo_config.as_path()),
    ];
    assert_eq!(
        workspace_read(elsewhere.path(), &both),
        "Parcelwise Q4 2026"
    );
    // The nearest align.toml and ALIGN_WORKSPACE both come before the config's workspace.
    assert_eq!(workspace_read(other.path(), &both), "Other team");
    let other_file = other.path().join("align.toml");
    let named = [
        ("ALIGN_CONFIG", demo_config.as_path()),
        ("ALIGN_WORKSPACE", other_file.as_path()),
    ];
    assert_eq!(workspace_read(elsewhere.path(), &named), "Other team");
}

#[test]
fn a_mistake_in_the_config_file_stops_every_command_with_its_place() {
    let config = dir_with("config.toml", "theme = \"neon\"\n");
    let team = demo_dir();
    for args in [&["score"][..], &["check", "--max-busy", "90"]] {
        let out = align(team.path())
            .env("ALIGN_CONFIG", config.path().join("config.toml"))
            .args(args)
            .args(["--today", TODAY])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!(
                "error: {}:1:9: unknown theme \"neon\"",
                config.path().join("config.toml").display()
            )),
            "{args:?}: {stderr}"
        );
    }
}

/// Today's date as `score --format json` reports it with `TZ` set and no `--today`.
fn today_in(dir: &Path, tz: &str) -> NaiveDate {
    let out = align(dir)
        .env("TZ", tz)
        .args(["score", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "TZ={tz}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["today"].as_str().unwrap().parse().unwrap()
}

#[test]
fn tz_decides_today_when_no_date_is_given() {
    let dir = demo_dir();
    // POSIX zones, so no time-zone database is needed: 14 hours ahead of UTC and 12
    // behind, 26 hours apart, so never the same date.
    let before = Utc::now();
    let ahead = today_in(dir.path(), "UTC-14");
    let behind = today_in(dir.path(), "UTC+12");
    let after = Utc::now();
    let on = |hours: i64| [before, after].map(|t| (t + TimeDelta::hours(hours)).date_naive());
    assert!(
        on(14).contains(&ahead),
        "UTC-14: {ahead}, expected {:?}",
        on(14)
    );
    assert!(
        on(-12).contains(&behind),
        "UTC+12: {behind}, expected {:?}",
        on(-12)
    );
    assert!(ahead > behind, "{ahead} is not after {behind}");
}
