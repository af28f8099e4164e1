//! Did the work move the result, and what did the quarter cost? On a team's workspace (goals
//! in one file, each person's tasks in their own): a key result with much work finished and
//! no movement in the check-ins since is flagged *no traction* in the score's JSON and
//! table and in the report, until a check-in shows it moving; and the report closes the
//! quarter with its closed goals' grades against the effort each goal consumed.

use std::path::Path;

use serde_json::Value;

/// The team's goals (shared with the board's traction tests).
const GOALS: &str = include_str!("../fixtures/traction/goals.toml");

const DANA: &str = r#"[[tasks]]
id = "D-1"
title = "Dunning emails"
status = "done"
done = 2026-11-03
effort = 3
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-2"
title = "Card updater"
status = "done"
done = 2026-11-10
effort = 2
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-3"
title = "Cancel flow survey"
status = "done"
done = 2026-11-18
effort = 2
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-4"
title = "Win-back offer"
status = "doing"
effort = 3
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-5"
title = "Support macros"
status = "done"
done = 2026-11-12
effort = 2
goals = ["retention/kr2"]
owner = "dana"
"#;

const SAM: &str = r#"[[tasks]]
id = "S-1"
title = "Pricing page copy"
status = "done"
done = 2026-10-20
effort = 3
goals = ["pricing/kr1"]
owner = "sam"

[[tasks]]
id = "S-2"
title = "Referral programme"
status = "done"
done = 2026-11-05
effort = 5
goals = ["growth/kr1"]
owner = "sam"

[[tasks]]
id = "S-3"
title = "Refactor build scripts"
status = "done"
done = 2026-11-15
effort = 4
owner = "sam"

[[tasks]]
id = "S-4"
title = "Trial onboarding emails"
status = "todo"
effort = 2
goals = ["growth/kr2"]
"#;

/// A scratch directory holding the team's workspace as `team/`.
fn team() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    for (name, text) in [
        ("goals.toml", GOALS),
        ("dana.toml", DANA),
        ("sam.toml", SAM),
    ] {
        std::fs::write(team.join(name), text).unwrap();
    }
    dir
}

fn score_json(dir: &Path) -> Value {
    let out = crate::common::run(dir, &["-w", "team", "score", "--format", "json"], 0);
    serde_json::from_str(&out).unwrap()
}

/// `goal/kr` → its JSON in `score --format json`.
fn key_result<'a>(v: &'a Value, goal: &str, kr: &str) -> &'a Value {
    v["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == goal)
        .and_then(|g| {
            g["key_results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["id"] == kr)
        })
        .unwrap_or_else(|| panic!("{goal}/{kr} not in {v}"))
}

#[test]
fn much_work_and_no_movement_is_no_traction_until_a_checkin_moves_it() {
    let dir = team();
    let d = dir.path();
    let v = score_json(d);
    let churn = key_result(&v, "retention", "kr1");
    assert_eq!(churn["traction"], "none", "{churn}");
    let f = &churn["traction_figures"];
    assert_eq!(
        (
            f["window_days"].as_u64(),
            f["since"].as_str(),
            f["finished_tasks"].as_u64(),
            f["finished_effort"].as_f64(),
            f["checkins_since"].as_u64(),
            f["progress_change"].as_f64(),
        ),
        (
            Some(28),
            Some("2026-10-28"),
            Some(3),
            Some(7.0),
            Some(1),
            Some(0.0)
        )
    );
    assert_eq!(f["baseline"]["date"], "2026-10-20");
    assert_eq!(f["latest"]["date"], "2026-11-23");
    // The keys the contract fixes are still there beside it.
    assert!(churn["progress"].is_number() && churn["confidence"].is_number());
    assert_eq!(key_result(&v, "retention", "kr2")["traction"], "moving");
    // Sam's referral work (5 effort, one task) is too little to judge; nothing was
    // finished for trial conversion; pricing's work was before the window.
    assert_eq!(key_result(&v, "growth", "kr1")["traction"], "unmeasured");
    assert_eq!(key_result(&v, "growth", "kr2")["traction"], "no-work");
    assert_eq!(key_result(&v, "pricing", "kr1")["traction"], "no-work");

    // The score table flags the goal, in words.
    let table = crate::common::run(d, &["-w", "team", "score"], 0);
    let row = table.lines().find(|l| l.starts_with("retention")).unwrap();
    assert!(row.contains("no-traction"), "{table}");
    assert!(
        !table
            .lines()
            .any(|l| l.starts_with("growth") && l.contains("no-traction"))
    );

    // Churn moves at last: a check-in says so, and the flag goes.
    let moved = GOALS.replace(
        "note = \"no change yet\" }]",
        "note = \"no change yet\" }, { date = 2026-11-25, value = 3.6 }]",
    );
    assert_ne!(moved, GOALS);
    std::fs::write(d.join("team/goals.toml"), moved).unwrap();
    let v = score_json(d);
    let churn = key_result(&v, "retention", "kr1");
    assert_eq!(churn["traction"], "moving", "{churn}");
    assert_eq!(
        churn["traction_figures"]["progress_change"].as_f64(),
        Some(15.0)
    );
}

#[test]
fn the_report_names_key_results_without_traction_and_the_window_is_the_teams() {
    let dir = team();
    let d = dir.path();
    let report = crate::common::run(d, &["-w", "team", "report"], 0);
    assert!(
        report.contains("- **No traction:** 1 key result (much work finished, no movement)"),
        "{report}"
    );
    assert!(
        report.contains("## Key results without traction"),
        "{report}"
    );
    assert!(
        report.contains("- `retention/kr1` Churn to 2% (dana) — 3 tasks done (effort 7) since 2026-10-28; 3.9% (2026-10-20) → 3.9% (2026-11-23), ±0 pts"),
        "{report}"
    );
    let html = crate::common::run(d, &["-w", "team", "report", "--format", "html"], 0);
    assert!(html.contains("<h2>Key results without traction</h2>"));
    assert!(html.contains("<code>retention/kr1</code>"), "{html}");

    // A team that weighs one week of work: Dana's tasks finished before it.
    let goals = GOALS.replace(
        "mission = \"Make getting paid effortless\"\n",
        "mission = \"Make getting paid effortless\"\ntraction_window_days = 7\n",
    );
    assert_ne!(goals, GOALS);
    std::fs::write(d.join("team/goals.toml"), goals).unwrap();
    let v = score_json(d);
    let churn = key_result(&v, "retention", "kr1");
    assert_eq!(churn["traction"], "no-work", "{churn}");
    assert_eq!(churn["traction_figures"]["window_days"].as_u64(), Some(7));
    let report = crate::common::run(d, &["-w", "team", "report"], 0);
    assert!(
        report.contains("None: no key result had much work finished in the last 7 days (at least 5 effort in at least 3 tasks) without moving."),
        "{report}"
    );
}

#[test]
fn the_report_closes_the_quarter_with_grades_against_effort() {
    let dir = team();
    let d = dir.path();
    // Early January: Q4 is the quarter being closed. Growth is closed as missed first.
    let close = [
        "-w",
        "team",
        "close",
        "growth",
        "--grade",
        "0.2",
        "--missed",
        "--review",
        "referrals came late",
        "--today",
        "2027-01-05",
    ];
    crate::common::stdout_of(d, &close, 0);
    let report = crate::common::stdout_of(d, &["-w", "team", "report", "--today", "2027-01-05"], 0);
    let section = report
        .split("## Closed goals and grade against effort, Q4 2026\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no quarter section: {report}"));
    let expected = "
- `growth` Win new shops (sam) — missed, grade 0.2: referrals came late
- `pricing` Launch the pricing page (sam) — missed, grade 0.4: shipped late, conversion unchanged

| Goal | Status | Grade | Progress | Tasks done | Effort | Share |
|---|---|---:|---:|---:|---:|---:|
| `retention` Keep the shops we have | active | — | 23% | 4 | 9 | 43% |
| `growth` Win new shops | missed | 0.2 | 20% | 1 | 5 | 24% |
| `pricing` Launch the pricing page | missed | 0.4 | 40% | 1 | 3 | 14% |

Q4 2026 runs 2026-10-01 to 2026-12-31; 21 effort was finished in it, for any goal or none, and Share is each goal's part of it.";
    assert!(section.starts_with(expected), "{section}");
    // From February the report looks at Q1, where nothing is due yet.
    let later = crate::common::stdout_of(d, &["-w", "team", "report", "--today", "2027-02-01"], 0);
    assert!(
        later.contains("No goal is due in Q1 2027 (2027-01-01 to 2027-03-31)."),
        "{later}"
    );
}
