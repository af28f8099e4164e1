//! `align check --max-busy PCT`: exit 0 or 1 on the exact busy-work share, the open
//! busy-work listed with the link that would fix it, and a limit outside 0..100 refused.

use predicates::prelude::*;

use crate::common::{DEMO, TODAY, align, demo_dir, demo_workspace, dir_with, outcome, run};

#[test]
fn check_passes_under_a_generous_limit() {
    let dir = demo_dir();
    let out = run(dir.path(), &["check", "--max-busy", "90"], 0);
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_fails_with_exit_1_and_lists_the_busy_work() {
    let dir = demo_dir();
    let out = run(dir.path(), &["check", "--max-busy", "5"], 1);
    assert!(out.starts_with("FAIL: "), "{out}");
    let ws = demo_workspace();
    let board = align_core::score_workspace(&ws, TODAY.parse().unwrap(), None);
    for (t, s) in ws.tasks.iter().zip(&board.tasks) {
        let listed = out
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{}  ", t.id)));
        let open_busy = s.class == align_core::Class::BusyWork && t.status.is_open();
        assert_eq!(listed, open_busy, "{}:\n{out}", t.id);
    }
    assert!(out.contains("(align link T-123 retention/kr1)"), "{out}");
}

#[test]
fn check_rejects_a_limit_over_100() {
    let dir = demo_dir();
    for limit in ["150", "-5"] {
        align(dir.path())
            .args(["check", "--max-busy", limit])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("must be 0..100"));
    }
}

#[test]
fn check_compares_the_exact_share_not_the_rounded_one() {
    let dir = dir_with("demo.toml", DEMO);
    // The demo's busy-work is 14 of 66 open effort: 21.2121…%, shown as 21.2.
    let pass = outcome(
        dir.path(),
        &[
            "-w",
            "demo.toml",
            "check",
            "--max-busy",
            "21.22",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(pass.code, 0, "{}", pass.stdout);
    assert!(
        pass.stdout
            .starts_with("ok: busy-work is 21.2% of open effort (limit 21.22%)"),
        "{}",
        pass.stdout
    );
    // Over the limit by less than the rounding: said with the digits that show it.
    for (limit, shown) in [("21.2", "21.21%"), ("21.21", "21.212%")] {
        let fail = outcome(
            dir.path(),
            &[
                "-w",
                "demo.toml",
                "check",
                "--max-busy",
                limit,
                "--today",
                TODAY,
            ],
        );
        assert_eq!(fail.code, 1);
        assert!(
            fail.stdout.starts_with(&format!(
                "FAIL: busy-work is {shown} of open effort (limit {limit}%)"
            )),
            "{}",
            fail.stdout
        );
    }
}

#[test]
fn check_says_a_task_linked_to_an_achieved_goal_has_inactive_goals() {
    let dir = dir_with("demo.toml", DEMO);
    let r = outcome(
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
