//! The command line's answers to the mistakes and edge cases users reported: a mistyped
//! subcommand, a workspace given twice, `init` with `-w`, a missing directory, the closing
//! line of a failed load, negative zero, the exact `check` share, extreme numbers and the
//! wording of link problems. Each runs the real binary in a scratch directory.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-25";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn demo_text() -> String {
    align::assets::DEMO.to_string()
}

/// `align` in `dir`, without colour, workspace variable, config file or width.
fn align_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("align").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("ALIGN_CONFIG", dir.join("no-config.toml"))
        .env_remove("ALIGN_WORKSPACE")
        .env_remove("COLUMNS");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = align_in(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("demo.toml"), demo_text()).unwrap();
    dir
}

// --- 1. a mistyped subcommand, a workspace given twice ------------------------------------

#[test]
fn a_mistyped_subcommand_is_an_error_not_a_path() {
    let dir = demo_dir();
    for args in [&["-w", "demo.toml", "scroe"][..], &["scroe"]] {
        let r = run(dir.path(), args);
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
    let r = run(dir.path(), &["quux"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("quux"), "{}", r.stderr);
}

#[test]
fn the_workspace_is_given_once_but_path_then_subcommand_still_works() {
    let dir = demo_dir();
    fs::write(dir.path().join("other.toml"), "version = 1\n").unwrap();
    let r = run(dir.path(), &["-w", "demo.toml", "other.toml", "score"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("given twice") && r.stderr.contains("give it once"));
    // SPEC §3: `align PATH score`, `align -w PATH score`, `align score -w PATH`.
    for args in [
        &["demo.toml", "score", "--today", TODAY][..],
        &["-w", "demo.toml", "score", "--today", TODAY],
        &["score", "-w", "demo.toml", "--today", TODAY],
        &["demo.toml", "score", "-w", "demo.toml", "--today", TODAY],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("31 tasks"), "{args:?}");
    }
}

// --- 3. the closing line of a failed load ---------------------------------------------------

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
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.ends_with("\nalign: 2 problems found\n"),
            "{args:?}: {}",
            r.stderr
        );
    }
    for args in [&["link", "T-1", "g"][..], &["unlink", "T-1", "gg"]] {
        let r = run(dir.path(), args);
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

// --- 5. init ----------------------------------------------------------------------------

#[test]
fn init_writes_where_the_workspace_flag_or_variable_points() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["-w", "team.toml", "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("team.toml").is_file());
    assert!(!dir.path().join("align.toml").exists());
    assert!(r.stdout.starts_with("wrote team.toml"), "{}", r.stdout);

    fs::create_dir(dir.path().join("plans")).unwrap();
    let r = run(dir.path(), &["init", "-w", "plans"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("plans/align.toml").is_file());

    let out = align_in(dir.path())
        .env("ALIGN_WORKSPACE", "from-env.toml")
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("from-env.toml").is_file());
    // Its own PATH comes first.
    let r = run(dir.path(), &["-w", "team.toml", "init", "own.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("own.toml").is_file());
    assert!(!dir.path().join("align.toml").exists());
}

#[test]
fn init_into_a_missing_directory_says_so_without_temp_names() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["init", "sub/new.toml"]);
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

// --- 2. negative zero -------------------------------------------------------------------------

#[test]
fn nothing_prints_negative_zero() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("../../assets/starter.toml"),
        dir.path().join("align.toml"),
    )
    .unwrap();
    // And a workspace with no open work at all.
    let done = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 4\n  target = 2\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"x\"\nstatus = \"done\"\ngoals = [\"g\"]\n";
    fs::write(dir.path().join("done.toml"), done).unwrap();
    for ws in ["align.toml", "done.toml"] {
        for args in [
            &["compare"][..],
            &["compare", "--format", "json"],
            &["compare", "--format", "markdown"],
            &["report"],
            &["report", "--format", "html"],
            &["score"],
            &["score", "--format", "json"],
        ] {
            let r = run(
                dir.path(),
                &[&["-w", ws, "--today", TODAY][..], args].concat(),
            );
            assert_eq!(r.code, 0, "{ws} {args:?}: {}", r.stderr);
            assert!(
                !r.stdout.contains("-0 ")
                    && !r.stdout.contains("-0%")
                    && !r.stdout.contains("-0)")
                    && !r.stdout.contains("-0.0"),
                "{ws} {args:?}:\n{}",
                r.stdout
            );
        }
    }
    let r = run(dir.path(), &["-w", "done.toml", "--today", TODAY, "report"]);
    assert!(
        r.stdout.contains("**Open work:** 0 tasks (effort 0)"),
        "{}",
        r.stdout
    );
}

// --- 7. check compares the exact share --------------------------------------------------

#[test]
fn check_compares_the_exact_share_not_the_rounded_one() {
    let dir = demo_dir();
    // The demo's busy-work is 19 of 66 open effort: 28.79%, shown as 28.8.
    let pass = run(
        dir.path(),
        &[
            "-w",
            "demo.toml",
            "check",
            "--max-busy",
            "28.79",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(pass.code, 0, "{}", pass.stdout);
    assert!(
        pass.stdout
            .starts_with("ok: busy-work is 28.79% of open effort (limit 28.79%)"),
        "{}",
        pass.stdout
    );
    let fail = run(
        dir.path(),
        &[
            "-w",
            "demo.toml",
            "check",
            "--max-busy",
            "28.78",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(fail.code, 1);
    assert!(
        fail.stdout
            .starts_with("FAIL: busy-work is 28.8% of open effort (limit 28.78%)"),
        "{}",
        fail.stdout
    );
    let round = run(
        dir.path(),
        &[
            "-w",
            "demo.toml",
            "check",
            "--max-busy",
            "30",
            "--today",
            TODAY,
        ],
    );
    assert!(
        round.stdout.starts_with("ok: busy-work is 28.8% "),
        "{}",
        round.stdout
    );
}

// --- 8. messages ------------------------------------------------------------------------------

#[test]
fn check_says_a_task_linked_to_an_achieved_goal_has_inactive_goals() {
    let dir = demo_dir();
    let r = run(
        dir.path(),
        &[
            "-w",
            "demo.toml",
            "check",
            "--max-busy",
            "10",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(r.code, 1);
    let line = r.stdout.lines().find(|l| l.contains("T-114")).unwrap();
    assert!(
        line.ends_with("(its goals are inactive: pricing-page is achieved)"),
        "{line}"
    );
    // Unlinked work with a match still gets the command to link it.
    let line = r.stdout.lines().find(|l| l.contains("T-123")).unwrap();
    assert!(line.contains("(align link T-123 "), "{line}");
}

#[test]
fn link_names_an_unknown_key_result_of_a_known_goal() {
    let dir = demo_dir();
    let before = fs::read(dir.path().join("demo.toml")).unwrap();
    let r = run(
        dir.path(),
        &["-w", "demo.toml", "link", "T-123", "retention/nokr"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "unknown key result \"nokr\" of goal \"retention\" (its key results: retention/churn, retention/nps)"
        ),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &["-w", "demo.toml", "link", "T-123", "retention/chrun"],
    );
    assert!(
        r.stderr.contains(
            "unknown key result \"chrun\" of goal \"retention\" (did you mean \"retention/churn\"?)"
        ),
        "{}",
        r.stderr
    );
    let r = run(
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

#[test]
fn control_characters_in_titles_do_not_reach_the_table_raw() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version = 1\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"tab\\there\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"\\u202Eevil\\u001b[2J\"\n";
    fs::write(dir.path().join("align.toml"), text).unwrap();
    for args in [
        &["score"][..],
        &["explain", "T-2"],
        &["check", "--max-busy", "1"],
    ] {
        let r = run(dir.path(), args);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\t')
                && !r.stdout.contains('\u{202e}')
                && !r.stdout.contains('\x1b'),
            "{args:?}: {:?}",
            r.stdout
        );
    }
    let r = run(dir.path(), &["score"]);
    assert!(r.stdout.contains("tab here"), "{}", r.stdout);
    // The file keeps what was written.
    assert_eq!(
        fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        text
    );
}

// --- 6. extreme numbers -----------------------------------------------------------------------

#[test]
fn extreme_finite_numbers_give_finite_progress_and_even_shares() {
    let r = run(
        root(),
        &[
            "-w",
            "tests/fixtures/valid/extreme_key_result.toml",
            "--today",
            TODAY,
            "score",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["goals"][0]["progress"], 0.5);
    assert_eq!(json["summary"]["aligned_effort_pct"], 50.0);
    assert_eq!(json["summary"]["busy_effort_pct"], 50.0);
    let table = run(
        root(),
        &[
            "-w",
            "tests/fixtures/valid/extreme_key_result.toml",
            "score",
        ],
    );
    assert!(!table.stdout.contains("NaN"), "{}", table.stdout);
    assert!(table.stdout.contains(" 50%"), "{}", table.stdout);
}

// --- 11. the man page -----------------------------------------------------------------------

#[test]
fn the_man_page_is_one_page_with_environment_files_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["man"]);
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
        ".NAME.lock",
    ] {
        assert!(r.stdout.contains(word), "no {word}");
    }
    assert!(!r.stdout.contains("align\\-import(1)") && !r.stdout.contains("align\\-report(1)"));
}
