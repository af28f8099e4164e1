//! `align explain TASK`: the factors that make a task's score, the class, days counted in
//! words, the suggested link, and an unknown task answered with the nearest id.

use predicates::prelude::*;

use crate::common::{TODAY, align, demo_dir, run, stdout_of};

#[test]
fn explain_shows_the_factors_the_score_and_the_suggestion() {
    let dir = demo_dir();
    let out = run(dir.path(), &["explain", "T-123"], 0);
    assert!(out.contains("T-123  Churn survey follow-ups"), "{out}");
    for factor in ["unlinked", "impact", "due_soon", "urgent"] {
        assert!(
            out.lines().any(|l| l.starts_with(factor)),
            "no {factor} line:\n{out}"
        );
    }
    let score = out
        .lines()
        .find(|l| l.starts_with("score "))
        .expect("a score line");
    assert!(
        score.contains("sum of factors") && score.contains("busy-work"),
        "{score}"
    );
    assert!(out.contains("class     busy-work"), "{out}");
    assert!(
        out.contains("suggest   align link T-123 retention/kr1"),
        "{out}"
    );

    let linked = run(dir.path(), &["explain", "T-101"], 0);
    for factor in ["link", "weight", "key_result", "behind_plan", "impact"] {
        assert!(
            linked.lines().any(|l| l.starts_with(&format!("{factor} "))),
            "{factor}:\n{linked}"
        );
    }
    assert!(!linked.contains("suggest"), "{linked}");
}

#[test]
fn explain_counts_days_in_words() {
    let dir = demo_dir();
    // T-103 is due 2026-11-30.
    for (today, words) in [
        ("2026-11-29", "due 2026-11-30, in 1 day"),
        ("2026-11-30", "due 2026-11-30, today"),
        ("2026-12-01", "overdue since 2026-11-30 (1 day)"),
        ("2026-12-03", "overdue since 2026-11-30 (3 days)"),
    ] {
        let out = stdout_of(dir.path(), &["explain", "T-103", "--today", today], 0);
        assert!(out.contains(words), "{today}: {out}");
    }
}

#[test]
fn explain_an_unknown_task_exits_2_with_a_suggestion() {
    let dir = demo_dir();
    align(dir.path())
        .args(["explain", "T-1233", "--today", TODAY])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("error: ").and(predicate::str::contains(
                "unknown task \"T-1233\" (did you mean \"T-123\"?)",
            )),
        );
}
