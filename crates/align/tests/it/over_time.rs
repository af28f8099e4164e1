//! Alignment over time, as a user meets it: a quarter that ended keeps the credit of the
//! work done in it, its goals are marked ended (in JSON, the report and the board's words)
//! until they are closed or rolled over.

use serde_json::Value;

use crate::common::dir_with;

/// A Q4 workspace: one objective due at the end of the year, work done in it and open.
const Q4: &str = "version = 1\n[workspace]\nname = \"Q4\"\n\n\
    [[goals]]\nid = \"retention\"\ntitle = \"Keep the shops we have\"\nowner = \"dana\"\nstart = 2026-10-01\ndue = 2026-12-31\n\n\
    [[goals.key_results]]\nid = \"kr1\"\ntitle = \"Churn to 2%\"\nstart = 4\ntarget = 2\n\
    checkins = [{ date = 2026-11-15, value = 3 }]\n\n\
    [[tasks]]\nid = \"T-1\"\ntitle = \"Dunning emails\"\nstatus = \"done\"\ndone = 2026-11-20\ngoals = [\"retention/kr1\"]\n\n\
    [[tasks]]\nid = \"T-2\"\ntitle = \"Win-back offer\"\ngoals = [\"retention\"]\n";

fn json(dir: &std::path::Path, today: &str) -> Value {
    let out = crate::common::stdout_of(dir, &["score", "--format", "json", "--today", today], 0);
    serde_json::from_str(&out).unwrap()
}

#[test]
fn work_done_in_a_quarter_keeps_its_credit_after_it_ends() {
    let dir = dir_with("align.toml", Q4);
    let during = json(dir.path(), "2026-12-01");
    let after = json(dir.path(), "2027-01-05");
    let t1 = |v: &Value| {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "T-1")
            .cloned()
            .unwrap()
    };
    assert_eq!(t1(&during)["class"], "aligned");
    assert_eq!(t1(&after)["class"], "aligned", "{}", t1(&after));
    assert_eq!(t1(&during)["score"], t1(&after)["score"]);
    let link = t1(&after)["factors"][0]["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        link.contains("live when this was done on 2026-11-20"),
        "{link}"
    );
    // The goal has ended: in JSON, and the report says what to do.
    assert_eq!(during["goals"][0]["ended"], false);
    assert_eq!(after["goals"][0]["ended"], true);
    let report = crate::common::stdout_of(dir.path(), &["report", "--today", "2027-01-05"], 0);
    assert!(
        report.contains("## Goals that ended: close or roll over"),
        "{report}"
    );
    assert!(
        report.contains("- `retention` Keep the shops we have (dana) — due 2026-12-31, 50% done, 1 task still open: `align close retention`"),
        "{report}"
    );
    assert!(
        report.contains("**Goals to look at:** 0 stale, 0 orphans, 1 ended"),
        "{report}"
    );
    let before = crate::common::stdout_of(dir.path(), &["report", "--today", "2026-12-01"], 0);
    assert!(
        before.contains("None: no active goal is past its due date."),
        "{before}"
    );
}

#[test]
fn checkins_lists_what_is_owed_by_owner_and_check_fails_past_the_limit() {
    let dir = dir_with("align.toml", Q4);
    let d = dir.path();
    // On 2026-12-01 kr1 (checked in 2026-11-15) is two days past its fortnight.
    let table = crate::common::stdout_of(d, &["checkins", "--today", "2026-12-01"], 0);
    assert!(
        table.contains("dana   retention/kr1  Churn to 2%  2026-11-15     2 days"),
        "{table}"
    );
    assert!(
        table.contains("1 key result is owed a check-in (stale after 14 days)"),
        "{table}"
    );
    let json: Value = serde_json::from_str(&crate::common::stdout_of(
        d,
        &["checkins", "--format", "json", "--today", "2026-12-01"],
        0,
    ))
    .unwrap();
    let owed = &json["owed"][0];
    assert_eq!(
        (
            owed["owner"].as_str(),
            owed["key_result"].as_str(),
            owed["days_overdue"].as_i64()
        ),
        (Some("dana"), Some("retention/kr1"), Some(2))
    );
    assert_eq!(owed["owed_since"], "2026-11-29");
    let ok = crate::common::stdout_of(
        d,
        &["check", "--max-stale", "1", "--today", "2026-12-01"],
        0,
    );
    assert!(
        ok.starts_with("ok: 1 key result is owed a check-in (limit 1"),
        "{ok}"
    );
    let fail = crate::common::stdout_of(
        d,
        &["check", "--max-stale", "0", "--today", "2026-12-01"],
        1,
    );
    assert!(
        fail.starts_with("FAIL: 1 key result is owed a check-in (limit 0"),
        "{fail}"
    );
    assert!(fail.contains("retention/kr1"), "{fail}");
    // Nothing owed on the day after the check-in.
    let none = crate::common::stdout_of(d, &["checkins", "--today", "2026-11-16"], 0);
    assert!(
        none.starts_with("no key result is owed a check-in"),
        "{none}"
    );
}

#[test]
fn close_grades_a_goal_and_rolls_it_over_writing_only_those_blocks() {
    let dir = dir_with("align.toml", Q4);
    let d = dir.path();
    let path = d.join("align.toml");
    // A dry run shows the change and writes nothing.
    let dry = crate::common::stdout_of(
        d,
        &[
            "close",
            "retention",
            "--roll-over",
            "2027-03-31",
            "--dry-run",
            "--today",
            "2027-01-05",
        ],
        0,
    );
    assert!(
        dry.contains("+status = \"achieved\"\n+grade = 0.5\n"),
        "{dry}"
    );
    assert!(dry.contains("+id = \"retention-2\""), "{dry}");
    assert!(
        dry.contains("-goals = [\"retention\"]\n+goals = [\"retention-2\"]\n"),
        "{dry}"
    );
    assert!(
        dry.ends_with("open task moved: T-2 · dry run: nothing was written\n"),
        "{dry}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), Q4);
    let said = crate::common::stdout_of(
        d,
        &[
            "close",
            "retention",
            "--roll-over",
            "2027-03-31",
            "--grade",
            "0.6",
            "--review",
            "dunning worked",
            "--today",
            "2027-01-05",
        ],
        0,
    );
    assert!(said.starts_with("closed retention as achieved (grade 0.6); rolled over to retention-2, due 2027-03-31, open task moved: T-2 · saved"), "{said}");
    let after = std::fs::read_to_string(&path).unwrap();
    // Every byte outside the goal's block and the moved task's goals array is as it was.
    let goal_end = Q4.find("\n\n[[tasks]]").unwrap();
    let kr_start = Q4.find("\n\n[[goals.key_results]]").unwrap();
    assert!(after.starts_with(&Q4[..Q4.find("owner = \"dana\"\n").unwrap() + 15]));
    assert!(after.contains(&Q4[kr_start..goal_end]));
    assert!(after.contains("status = \"achieved\"\ngrade = 0.6\nreview = \"dunning worked\"\n"));
    assert!(
        after.contains(
            "[[tasks]]\nid = \"T-2\"\ntitle = \"Win-back offer\"\ngoals = [\"retention-2\"]\n"
        ),
        "{after}"
    );
    assert!(
        after.contains("status = \"done\"\ndone = 2026-11-20\ngoals = [\"retention/kr1\"]\n"),
        "{after}"
    );
    let v = json(d, "2027-01-05");
    let goals: Vec<(&str, &str, bool)> = v["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap(),
                g["status"].as_str().unwrap(),
                g["ended"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        goals,
        [
            ("retention", "achieved", false),
            ("retention-2", "active", false)
        ]
    );
    // Closing it again is refused; so is a goal that is not there.
    let again = crate::common::stderr_of(d, &["close", "retention"], 2);
    assert!(
        again.contains("goal \"retention\" is achieved already"),
        "{again}"
    );
    assert!(again.contains("nothing was written"), "{again}");
}
