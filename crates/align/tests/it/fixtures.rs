//! Fixture tests: every validation error, with its exact message.
//!
//! `tests/fixtures/invalid/` holds one small workspace per problem (a `NAME.toml` file or a
//! `NAME/` directory) and, next to it, `NAME.stderr`: the exact stderr of
//! `align -w tests/fixtures/invalid/NAME.toml --today 2026-11-25 score`, run from the crate
//! root. Each must exit 2, print nothing on stdout and leave the fixture untouched.
//! `tests/fixtures/valid/` holds workspaces that must load (exit 0); a `NAME.stderr` next
//! to one holds its expected warnings, otherwise stderr must be empty.
//!
//! After a deliberate change to a message, regenerate the expectations with
//! `UPDATE_FIXTURES=1 cargo test -p align --test it fixtures::` and review the diff.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::{Run, TODAY, crate_root, outcome};

fn updating() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `align -w PATH --today TODAY score`, run from the crate root with `path` as given
/// (relative), so messages print it as is.
fn score(path: &str) -> Run {
    let mut run = outcome(crate_root(), &["-w", path, "--today", TODAY, "score"]);
    // Paths joined from a directory listing use the platform separator.
    if cfg!(windows) {
        run.stderr = run.stderr.replace('\\', "/");
    }
    run
}

/// The fixtures in a directory: `*.toml` files and sub-directories, by name, each as a
/// path relative to the crate root with `/` separators.
fn fixtures(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(crate_root().join(dir))
        .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// `NAME.toml` or `NAME/` → `NAME.stderr`.
fn expectation(fixture: &str) -> PathBuf {
    crate_root().join(fixture).with_extension("stderr")
}

/// Every file's bytes under a fixture (the file itself, or a directory's files).
fn snapshot(fixture: &str) -> BTreeMap<PathBuf, Vec<u8>> {
    let path = crate_root().join(fixture);
    // A directory's files, and those of its sub-directories (an upstream kept inside).
    fn files_under(path: PathBuf, out: &mut Vec<PathBuf>) {
        if path.is_dir() {
            for e in std::fs::read_dir(&path).expect("fixture directory") {
                files_under(e.expect("directory entry").path(), out);
            }
        } else {
            out.push(path);
        }
    }
    let mut files = Vec::new();
    files_under(path, &mut files);
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).expect("fixture file");
            (f, bytes)
        })
        .collect()
}

/// `error: FILE:LINE:COL: message`, the form editors and scripts parse (README "Commands").
fn is_located(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("error: ") else {
        return false;
    };
    // FILE may hold colons (C:\ on Windows); LINE and COL are the first all-digit pair.
    let parts: Vec<&str> = rest.split(':').collect();
    parts.windows(3).enumerate().any(|(i, w)| {
        i > 0
            && !w[0].is_empty()
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && !w[1].is_empty()
            && w[1].bytes().all(|b| b.is_ascii_digit())
            && w[2].starts_with(' ')
    })
}

#[test]
fn located_lines_are_recognised() {
    assert!(is_located("error: a.toml:3:9: unknown goal"));
    assert!(!is_located("error: 3 problems found; nothing was written"));
    assert!(!is_located("error: a.toml: No such file or directory"));
}

/// Compares (or, with `UPDATE_FIXTURES`, writes) the expected stderr of a fixture.
/// An empty stderr is expected when there is no `.stderr` file.
fn check_stderr(fixture: &str, actual: &str, failures: &mut Vec<String>) {
    let file = expectation(fixture);
    if updating() {
        if actual.is_empty() {
            let _ = std::fs::remove_file(&file);
        } else {
            std::fs::write(&file, actual).expect("writing expectation");
        }
        return;
    }
    let expected = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => panic!("reading {}: {e}", file.display()),
    };
    if actual != expected {
        failures.push(format!(
            "{fixture}: stderr differs from {}\n--- expected\n{expected}--- actual\n{actual}---",
            file.display()
        ));
    }
}

fn report(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed (UPDATE_FIXTURES=1 rewrites the .stderr files):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn invalid_fixtures_fail_with_exact_messages() {
    let all = fixtures("tests/fixtures/invalid");
    assert!(all.len() >= 40, "only {} invalid fixtures found", all.len());
    let mut failures = Vec::new();
    for fixture in &all {
        let before = snapshot(fixture);
        let run = score(fixture);
        if run.code != 2 {
            failures.push(format!(
                "{fixture}: exit code {}, expected 2\n{}",
                run.code, run.stderr
            ));
        }
        if !run.stdout.is_empty() {
            failures.push(format!("{fixture}: stdout not empty:\n{}", run.stdout));
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{fixture}: panicked:\n{}", run.stderr));
        }
        let last = run.stderr.lines().last().unwrap_or("");
        let count = last
            .strip_prefix("align: ")
            .and_then(|rest| rest.split_once(' '))
            .is_some_and(|(n, rest)| {
                n.parse::<usize>().is_ok() && (rest == "problems found" || rest == "problem found")
            });
        if !count {
            failures.push(format!(
                "{fixture}: stderr does not end with the problem count (a read-only command \
                 writes nothing, so it says nothing of writing):\n{}",
                run.stderr
            ));
        }
        for line in run.stderr.lines().filter(|l| l.starts_with("error:")) {
            if !is_located(line) {
                failures.push(format!(
                    "{fixture}: an error line that is not FILE:LINE:COL: message: {line:?}"
                ));
            }
        }
        if !updating() && !expectation(fixture).exists() {
            failures.push(format!(
                "{fixture}: no {} (UPDATE_FIXTURES=1 creates it)",
                expectation(fixture).display()
            ));
        }
        check_stderr(fixture, &run.stderr, &mut failures);
        if snapshot(fixture) != before {
            failures.push(format!("{fixture}: the fixture was modified"));
        }
    }
    report(failures);
}

#[test]
fn valid_fixtures_load() {
    let all = fixtures("tests/fixtures/valid");
    assert!(all.len() >= 5, "only {} valid fixtures found", all.len());
    let mut failures = Vec::new();
    for fixture in &all {
        let before = snapshot(fixture);
        let run = score(fixture);
        if run.code != 0 {
            failures.push(format!(
                "{fixture}: exit code {}, expected 0\n{}",
                run.code, run.stderr
            ));
        }
        if run.stdout.is_empty() {
            failures.push(format!("{fixture}: no output on stdout"));
        }
        check_stderr(fixture, &run.stderr, &mut failures);
        if snapshot(fixture) != before {
            failures.push(format!("{fixture}: the fixture was modified"));
        }
    }
    report(failures);
}

/// Every `.stderr` belongs to a fixture, so a renamed fixture leaves nothing stale.
#[test]
fn no_orphan_expectations() {
    for dir in ["tests/fixtures/invalid", "tests/fixtures/valid"] {
        for entry in std::fs::read_dir(crate_root().join(dir)).expect("fixture directory") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "stderr") {
                let toml = path.with_extension("toml");
                let dir = path.with_extension("");
                assert!(
                    toml.is_file() || dir.is_dir(),
                    "{} has no fixture next to it",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn unknown_keys_warn_with_a_suggestion() {
    let run = score("tests/fixtures/valid/unknown_keys.toml");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "unknown key \"titel\" in task \"T-1\", kept as is (did you mean \"title\"?)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown key \"estimate_source\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

const GOAL_AND_TASK: &str = "\n[[goals]]\nid = \"retention\"\ntitle = \"Raise SMB retention\"\n\n\
[[tasks]]\nid = \"T-1\"\ntitle = \"Automate dunning emails\"\ngoals = [\"retention\"]\n";

/// Runs `score` on a generated file (absolute path, so no exact message here).
fn score_generated(text: &str) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("align.toml");
    std::fs::write(&path, text).expect("writing the generated fixture");
    let run = score(path.to_str().expect("a UTF-8 temp path"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("reading it back"),
        text,
        "the generated fixture was modified"
    );
    run
}

#[test]
fn deeply_nested_arrays_are_an_error_not_a_crash() {
    let text = format!("version = 1\n{GOAL_AND_TASK}tags = {}\n", "[".repeat(5_000));
    let run = score_generated(&text);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("TOML syntax"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("\nalign: 1 problem found\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_two_megabyte_title_loads() {
    let title = "x".repeat(2 * 1024 * 1024);
    let text = format!(
        "version = 1\n\n[[goals]]\nid = \"retention\"\ntitle = \"{title}\"\n\n\
         [[tasks]]\nid = \"T-1\"\ntitle = \"Automate dunning emails\"\ngoals = [\"retention\"]\n"
    );
    let run = score_generated(&text);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(run.stdout.contains("T-1"));
}
