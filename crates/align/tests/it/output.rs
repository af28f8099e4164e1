//! What every command's output promises whatever the workspace: the same bytes for the
//! same `--today`, colour only when asked and carrying the class, tables that fit the
//! width down to 20 columns with whole words, no negative zero, and no raw control
//! character from a title.

use std::fs;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::common::{TODAY, align, crate_root, demo_dir, outcome, run, task_ids};
use crate::compare::FEATURES;

#[test]
fn today_makes_the_output_reproducible() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["score", "--format", "json"],
        &["score", "--format", "csv"],
        &["explain", "T-101"],
        &["compare"],
        &["compare", "--format", "json"],
        &["check", "--max-busy", "50"],
    ] {
        let a = run(dir.path(), args, 0);
        let b = run(dir.path(), args, 0);
        assert_eq!(a, b, "{args:?}");
    }
    let later = align(dir.path())
        .args(["score", "--format", "json", "--today", "2027-01-15"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_ne!(
        String::from_utf8(later).unwrap(),
        run(dir.path(), &["score", "--format", "json"], 0)
    );
}

/// Output with colour forced (`CLICOLOR_FORCE`, as in a pipe to `less -R`), and with
/// `NO_COLOR=1` as well when `no_color_env`.
fn colored(dir: &Path, args: &[&str], no_color_env: bool) -> String {
    let mut cmd = align(dir);
    cmd.env("CLICOLOR_FORCE", "1").env("COLUMNS", "200");
    if no_color_env {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn no_color_flag_and_variable_print_no_escapes() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["explain", "T-123"],
        &["compare"],
        &["check", "--max-busy", "90"],
    ] {
        let flagged: Vec<&str> = args.iter().copied().chain(["--no-color"]).collect();
        assert!(
            !colored(dir.path(), &flagged, false).contains('\x1b'),
            "--no-color {args:?}"
        );
        assert!(
            !colored(dir.path(), args, true).contains('\x1b'),
            "NO_COLOR {args:?}"
        );
    }
}

#[test]
fn colour_carries_the_class() {
    let dir = demo_dir();
    let out = colored(dir.path(), &["score"], false);
    // Bold plus the class's colour, as anstyle renders it: green moves a goal, red does not.
    let expected = [
        ("T-103", "aligned", "\x1b[1m\x1b[32m"),
        ("T-116", "partial", "\x1b[1m\x1b[33m"),
        ("T-119", "operational", "\x1b[1m\x1b[34m"),
        ("T-128", "busy-work", "\x1b[1m\x1b[31m"),
    ];
    for (id, class, esc) in expected {
        let style = align::output::class_style(align_core::Class::parse(class).unwrap());
        assert_eq!(style.render().to_string(), esc);
        let row = out.lines().find(|l| l.starts_with(id)).unwrap();
        assert!(row.contains(&format!("{esc}{class}")), "{id}: {row:?}");
        assert!(row.contains("\x1b[0m"), "{row:?}");
    }
    let explain = colored(dir.path(), &["explain", "T-123"], false);
    assert!(
        explain.contains("\x1b[1m\x1b[31mbusy-work\x1b[0m"),
        "{explain:?}"
    );
}

fn assert_fits(out: &str, width: usize, what: &str) {
    for line in out.lines() {
        assert!(
            line.width() <= width,
            "{what}: {} cells > {width}: {line:?}",
            line.width()
        );
    }
}

#[test]
fn tables_fit_a_60_column_terminal() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["score", "--class", "busy-work"],
        &["score", "--class", "aligned"],
        &["compare"],
    ] {
        let out = align(dir.path())
            .env("COLUMNS", "60")
            .args(args)
            .args(["--today", TODAY])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert_fits(&out, 60, &format!("{args:?}"));
        // Still every task and row, still tagged.
        if args[0] == "score" && args.len() == 1 {
            for id in task_ids() {
                assert!(out.contains(&format!("{id} ")), "{id} lost at 60 columns");
            }
            assert!(out.contains("busy-work") && out.contains("aligned"));
        }
        if args[0] == "compare" {
            for f in FEATURES {
                assert!(out.contains(f), "{f} lost at 60 columns");
            }
        }
    }
    // Wide terminals keep every column.
    let wide = align(dir.path())
        .env("COLUMNS", "200")
        .args(["score", "--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let wide = String::from_utf8(wide).unwrap();
    assert!(wide.lines().next().unwrap().contains("DUE"));
    assert_fits(&wide, 200, "score at 200");
}

/// Output at `width` columns (COLUMNS, as in a pipe).
fn at_width(dir: &Path, width: usize, args: &[&str]) -> String {
    let out = align(dir)
        .env("COLUMNS", width.to_string())
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn narrow_terminals_down_to_20_columns_get_whole_words_and_every_row() {
    let dir = demo_dir();
    for width in [40, 30, 20] {
        for args in [
            &["score"][..],
            &["compare"],
            &["explain", "T-103"],
            &["explain", "T-124"],
        ] {
            let out = at_width(dir.path(), width, args);
            assert_fits(&out, width, &format!("{args:?} at {width}"));
            // Words are wrapped whole, never split: the seed's words stay intact.
            if args[0] == "compare" {
                for word in ["Organizational", "Operational", "milestones"] {
                    assert!(out.contains(word), "{word} split at {width}:\n{out}");
                }
                assert!(
                    out.lines()
                        .all(|l| !l.trim_start().starts_with("al impact")),
                    "{out}"
                );
                for f in FEATURES {
                    assert!(out.contains(f), "{f} lost at {width}");
                }
            }
        }
        let score = at_width(dir.path(), width, &["score"]);
        for id in task_ids() {
            assert!(score.contains(&format!("{id} ")), "{id} lost at {width}");
        }
        // A title too long for the line is wrapped in full, not cut.
        let words = score.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Dunning emails for failed card payments"),
            "{score}"
        );
        let explain = at_width(dir.path(), width, &["explain", "T-103"]);
        let words = explain.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words
                .contains("linked to active objective \"retention\" (Cut churn among small shops)"),
            "{explain}"
        );
    }
    // Below 20 the tables are laid out for 20, not for an unlimited width.
    let tiny = at_width(dir.path(), 10, &["score"]);
    assert_fits(&tiny, 20, "score at COLUMNS=10");
}

#[test]
fn nothing_prints_negative_zero() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        crate_root().join("../../assets/starter.toml"),
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
            let r = outcome(
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
    let r = outcome(dir.path(), &["-w", "done.toml", "--today", TODAY, "report"]);
    assert!(
        r.stdout.contains("**Open work:** 0 tasks (effort 0)"),
        "{}",
        r.stdout
    );
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
        let r = outcome(dir.path(), args);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\t')
                && !r.stdout.contains('\u{202e}')
                && !r.stdout.contains('\x1b'),
            "{args:?}: {:?}",
            r.stdout
        );
    }
    let r = outcome(dir.path(), &["score"]);
    assert!(r.stdout.contains("tab here"), "{}", r.stdout);
    // The file keeps what was written.
    assert_eq!(
        fs::read_to_string(dir.path().join("align.toml")).unwrap(),
        text
    );
}
