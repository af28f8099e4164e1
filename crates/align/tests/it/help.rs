//! What the binary says about itself: `--help`, `--version`, the manual page, shell
//! completions, and a mistyped subcommand answered with the one meant.

use crate::common::{DEMO, align, demo_dir, dir_with, outcome, run};

#[test]
fn completions_for_every_shell() {
    let dir = demo_dir();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(dir.path(), &["completions", shell], 0);
        assert!(out.contains("align"), "{shell}");
        for sub in ["score", "explain", "compare", "check", "link", "unlink"] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
    }
    align(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff() {
    let dir = demo_dir();
    let out = run(dir.path(), &["man"], 0);
    assert!(out.contains(".TH align"), "{out}");
    assert!(out.contains("workspace"));
}

#[test]
fn the_man_page_is_one_page_with_environment_files_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let r = outcome(dir.path(), &["man"]);
    assert_eq!(r.code, 0);
    for section in [
        ".SH COMMANDS",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(r.stdout.contains(section), "no {section}");
    }
    for word in [
        "ALIGN_WORKSPACE",
        "ALIGN_CONFIG",
        "NO_COLOR",
        "COLUMNS",
        "TZ",
        ".align\\-tmp.NAME.XXXXXX",
    ] {
        assert!(r.stdout.contains(word), "no {word}");
    }
    assert!(!r.stdout.contains("align\\-import(1)") && !r.stdout.contains("align\\-report(1)"));
}

#[test]
fn version_and_help() {
    let dir = demo_dir();
    align(dir.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("align {}\n", env!("CARGO_PKG_VERSION")));
    let help = align(dir.path())
        .arg("--help")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).unwrap();
    for word in [
        "demo",
        "init",
        "score",
        "explain",
        "compare",
        "check",
        "link",
        "unlink",
        "completions",
        "--workspace",
        "--today",
        "--no-color",
        "Exit codes",
    ] {
        assert!(help.contains(word), "help lacks {word}:\n{help}");
    }
    align(dir.path()).arg("--nonsense").assert().code(2);
}

#[test]
fn a_mistyped_subcommand_is_an_error_not_a_path() {
    let dir = dir_with("demo.toml", DEMO);
    for args in [&["-w", "demo.toml", "scroe"][..], &["scroe"]] {
        let r = outcome(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{args:?} printed: {}", r.stdout);
        assert!(
            r.stderr
                .starts_with("error: unrecognized subcommand 'scroe' (did you mean 'score'?)"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // A word far from every subcommand is still a missing workspace.
    let r = outcome(dir.path(), &["quux"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("quux"), "{}", r.stderr);
}

/// The completion scripts ask `align complete-ids` for the workspace's ids: one a line,
/// and nothing at all (no error, no warning) where no workspace loads.
#[test]
fn complete_ids_prints_the_workspaces_ids_for_the_completion_scripts() {
    let dir = demo_dir();
    let tasks = run(dir.path(), &["complete-ids", "tasks"], 0);
    assert!(tasks.lines().any(|l| l == "T-101"), "{tasks}");
    assert!(tasks.lines().all(|l| l.starts_with("T-")), "{tasks}");
    let goals = run(dir.path(), &["complete-ids", "goals"], 0);
    assert!(goals.lines().any(|l| l == "retention"), "{goals}");
    assert!(!goals.contains('/'), "{goals}");
    let links = run(dir.path(), &["complete-ids", "links"], 0);
    for link in ["retention", "retention/kr1"] {
        assert!(links.lines().any(|l| l == link), "{links}");
    }
    let empty = tempfile::tempdir().unwrap();
    align(empty.path())
        .args(["complete-ids", "tasks"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // The scripts call it, and it stays out of --help.
    let bash = run(dir.path(), &["completions", "bash"], 0);
    assert!(bash.contains("complete-ids \"$kind\""), "{bash}");
    assert!(!run(dir.path(), &["--help"], 0).contains("complete-ids"));
}
