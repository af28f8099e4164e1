//! `align demo`: the bundled sample, scored from a scratch copy on the day its story is
//! set, never written into the current directory.

use std::fs;

use crate::common::{run, stderr_of, stdout_of};

#[test]
fn demo_scores_a_scratch_copy_of_the_sample() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(empty.path(), &["demo"], 0);
    assert!(out.contains("T-101") && out.contains("busy-work"), "{out}");
    // The bundled sample is clean: no warning on every run.
    assert_eq!(stderr_of(empty.path(), &["demo"], 0), "");
    // Every class is in it, with the README's figures.
    assert!(
        out.contains(
            "31 tasks: 12 aligned, 6 partial, 4 operational, 9 busy-work; open effort 52.3% aligned, 21.2% busy-work"
        ),
        "{out}"
    );
    assert_eq!(
        fs::read_dir(empty.path()).unwrap().count(),
        0,
        "demo wrote into the cwd"
    );
}

#[test]
fn demo_is_read_on_the_day_its_story_is_set_unless_today_says_otherwise() {
    let empty = tempfile::tempdir().unwrap();
    // No --today: the real date does not matter, the demo is read as of 2026-11-25.
    let out = stdout_of(empty.path(), &["demo"], 0);
    assert!(
        out.contains("31 tasks: 12 aligned, 6 partial, 4 operational, 9 busy-work"),
        "{out}"
    );
    // Another day, another story: weeks later some goals are past due.
    let later = stdout_of(empty.path(), &["demo", "--today", "2027-01-15"], 0);
    assert!(!later.contains("12 aligned, 6 partial"), "{later}");
}
