//! `align rollup`: an organisation's teams against the company goals they align to, on
//! the organisation in `tests/fixtures/org/acme` (a company, two aligned teams with ids in
//! common, a team with no upstream) and on a generated one; and each organisation in
//! `tests/fixtures/org/invalid/NAME/` against `NAME.stderr`, its exact stderr (exit 2,
//! nothing on stdout). Regenerate those with
//! `UPDATE_FIXTURES=1 cargo test -p align --test it rollup::` and review the diff.

use std::path::Path;

use serde_json::Value;

use crate::common::{TODAY, crate_root, outcome, stdout_of};

const ACME: &str = "tests/fixtures/org/acme";

fn rollup(args: &[&str]) -> String {
    let mut all = vec!["rollup"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--today", TODAY]);
    stdout_of(crate_root(), &all, 0)
}

#[test]
fn the_table_shows_each_company_goal_with_its_teams_and_the_teams_shares() {
    let out = rollup(&[ACME]);
    let lines: Vec<&str> = out.lines().collect();
    // The row whose first words are `start`'s, as words.
    let row = |start: &str| {
        let first: Vec<&str> = start.split_whitespace().collect();
        lines
            .iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|w| w.starts_with(&first))
            .unwrap_or_else(|| panic!("no row {start:?} in\n{out}"))
    };
    assert_eq!(
        row("company:growth"),
        [
            "company:growth",
            "Grow",
            "paying",
            "shops",
            "to",
            "10,000",
            "███░░░░░░░",
            "32%",
            "12",
            "4"
        ]
    );
    assert_eq!(
        row("growth growth:retention"),
        ["growth", "growth:retention", "35%", "7", "2"]
    );
    assert_eq!(
        row("payments payments:retention"),
        ["payments", "payments:retention", "50%", "5", "2"]
    );
    assert_eq!(
        row("payments payments:fees"),
        ["payments", "payments:fees", "20%", "5", "1"]
    );
    assert!(out.contains("orphan: no team works on it"), "{out}");
    assert_eq!(
        row("payments Payments"),
        ["payments", "Payments", "4", "11", "10", "90.9%", "9.1%"]
    );
    assert_eq!(row("ops Ops"), ["ops", "Ops", "1", "2", "0", "0%", "0%"]);
    assert!(
        out.contains("3 teams, 3 company goals (1 orphan), as of 2026-11-25"),
        "{out}"
    );
    assert!(
        out.contains("no line of sight to a company goal: ops"),
        "{out}"
    );
}

#[test]
fn json_names_ids_across_teams_and_adds_up() {
    let json: Value = serde_json::from_str(&rollup(&[ACME, "--format", "json"])).unwrap();
    assert_eq!(json["today"], TODAY);
    let goals = json["goals"].as_array().unwrap();
    let ids: Vec<&str> = goals.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["company:growth", "company:margin", "company:trust"]);
    assert_eq!(goals[2]["orphan"], true);
    assert_eq!(goals[0]["orphan"], false);
    let growth_teams = goals[0]["teams"].as_array().unwrap();
    assert_eq!(growth_teams[0]["team"], "growth");
    assert_eq!(
        growth_teams[0]["open_tasks"],
        serde_json::json!(["growth:T-101", "growth:T-102"])
    );
    assert_eq!(
        growth_teams[1]["open_tasks"],
        serde_json::json!(["payments:T-101", "payments:T-102"])
    );
    assert_eq!(growth_teams[1]["goals"][0]["id"], "payments:retention");
    assert_eq!(growth_teams[1]["goals"][0]["parent"], "company:growth");
    // Every team's effort to the company is under exactly one company goal.
    let to_company: f64 = json["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["cascaded_effort"].as_f64().unwrap())
        .sum();
    let under: f64 = goals
        .iter()
        .map(|g| g["open_effort"].as_f64().unwrap())
        .sum();
    assert!((to_company - under).abs() < 1e-9 && under > 0.0);
    assert_eq!(
        json["teams_without_line_of_sight"],
        serde_json::json!(["ops"])
    );
}

#[test]
fn markdown_is_a_pasteable_section() {
    let md = rollup(&[ACME, "--format", "markdown"]);
    assert!(
        md.starts_with("## Organisation roll-up (2026-11-25)\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "| | payments | `payments:retention` Raise SMB retention to 95% (50%) | | 5 |\n"
        ),
        "{md}"
    );
    assert!(md.contains("| `ops` Ops | 1 | 2 | 0 | 0% | 0% |"), "{md}");
    assert!(
        md.contains("No line of sight to a company goal: `ops`."),
        "{md}"
    );
}

#[test]
fn teams_named_one_by_one_or_the_board_in_a_pipe_give_the_same_figures() {
    let whole = rollup(&[ACME, "--format", "json"]);
    let named = rollup(&[
        "tests/fixtures/org/acme/growth",
        "tests/fixtures/org/acme/ops",
        "tests/fixtures/org/acme/payments",
        "--format",
        "json",
    ]);
    assert_eq!(whole, named);
    // `align ORG` without a terminal prints the roll-up, as `align` prints the scores.
    let board = stdout_of(crate_root(), &[ACME, "--today", TODAY], 0);
    assert_eq!(board, rollup(&[ACME]));
    // -w names the organisation too.
    assert_eq!(rollup(&["-w", ACME]), rollup(&[ACME]));
}

/// A generated organisation: a company with `goals` goals, `teams` teams each with a goal
/// under a company goal and `tasks` tasks, one in five unlinked.
fn generate(root: &Path, goals: usize, teams: usize, tasks: usize) {
    let mut company = String::from("version = 1\n[workspace]\nname = \"Co\"\nkey = \"co\"\n");
    for g in 0..goals {
        company.push_str(&format!(
            "\n[[goals]]\nid = \"g{g}\"\ntitle = \"Company goal {g}\"\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Measure\"\n  start = 0\n  target = 10\n  current = {g}\n"
        ));
    }
    std::fs::create_dir_all(root.join("co")).unwrap();
    std::fs::write(root.join("co/goals.toml"), company).unwrap();
    for t in 0..teams {
        let dir = root.join(format!("team{t}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = format!(
            "version = 1\n[workspace]\nname = \"Team {t}\"\nupstream = [\"../co\"]\n\n[[goals]]\nid = \"ours\"\ntitle = \"Our part\"\nparent = \"co:g{}\"\n",
            t % goals
        );
        for i in 0..tasks {
            let link = match i % 5 {
                0 => String::new(),
                1 => format!("goals = [\"co:g{}/kr1\"]\n", (t + 1) % goals),
                _ => "goals = [\"ours\"]\n".to_string(),
            };
            text.push_str(&format!(
                "\n[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task {i}\"\neffort = {}\n{link}",
                1 + i % 3
            ));
        }
        std::fs::write(dir.join("workspace.toml"), text).unwrap();
    }
}

#[test]
fn a_generated_organisation_adds_up_across_teams() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 4, 6, 40);
    let out = stdout_of(
        dir.path(),
        &["rollup", ".", "--format", "json", "--today", TODAY],
        0,
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    let teams = json["teams"].as_array().unwrap();
    assert_eq!(teams.len(), 6);
    for t in teams {
        let sum = t["cascaded_effort"].as_f64().unwrap()
            + t["own_goals_effort"].as_f64().unwrap()
            + t["unlinked_effort"].as_f64().unwrap();
        assert!(
            (sum - t["open_effort"].as_f64().unwrap()).abs() < 1e-9,
            "{t}"
        );
        assert_eq!(t["open_tasks"], 40);
        assert_eq!(t["line_of_sight"], true);
    }
    let goals = json["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 4);
    // Team t's goal sits under g(t mod 4): g0 and g1 have two teams' goals, g2 and g3 one.
    let under: Vec<usize> = goals
        .iter()
        .map(|g| {
            g["teams"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| !t["goals"].as_array().unwrap().is_empty())
                .count()
        })
        .collect();
    assert_eq!(under, [2, 2, 1, 1]);
    let tasks: usize = goals
        .iter()
        .flat_map(|g| g["teams"].as_array().unwrap())
        .map(|t| t["open_tasks"].as_array().unwrap().len())
        .sum();
    assert_eq!(tasks, 6 * 32, "every linked open task counted once");
}

#[test]
fn invalid_organisations_fail_with_their_exact_errors() {
    let base = crate_root().join("tests/fixtures/org/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    let updating = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| !v.is_empty() && v != "0");
    for name in names {
        let path = format!("tests/fixtures/org/invalid/{name}");
        let mut run = outcome(crate_root(), &["rollup", &path, "--today", TODAY]);
        if cfg!(windows) {
            run.stderr = run.stderr.replace('\\', "/");
        }
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{name}");
        let expected = base.join(format!("{name}.stderr"));
        if updating {
            std::fs::write(&expected, &run.stderr).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected)
            .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        assert_eq!(run.stderr, want, "{name}");
        for line in run.stderr.lines().filter(|l| l.starts_with("error: ")) {
            assert!(line.contains(":1:") || line.contains(".toml:"), "{line}");
        }
    }
}

#[test]
fn the_report_on_a_generated_organisation_has_its_organisation_section() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 4, 3, 10);
    let md = stdout_of(dir.path(), &["report", "-w", ".", "--today", TODAY], 0);
    assert!(md.starts_with("# Weekly alignment report — "), "{md}");
    let section = md
        .split("## Organisation\n")
        .nth(1)
        .expect("an organisation section")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        section.contains("3 teams aligned to 4 company goals"),
        "{section}"
    );
    // Team t's goal sits under g(t mod 4), its key-result links under g(t+1): g3 has
    // no team's goal but team2's linked tasks; every goal has work, none is orphan.
    assert!(
        section.contains("every active company goal has a team working on it"),
        "{section}"
    );
    for t in 0..3 {
        assert!(
            section.contains(&format!("| `team{t}` | Team {t} |")),
            "{section}"
        );
        assert!(section.contains(&format!("`team{t}:ours`")), "{section}");
    }
    // The report's tasks are every team's, named across teams.
    assert!(md.contains("`team1:T-0`"), "{md}");
    let html = stdout_of(
        dir.path(),
        &["report", "-w", ".", "--format", "html", "--today", TODAY],
        0,
    );
    assert!(html.contains("<h2>Organisation</h2>"), "{html}");
    // One team's report has no such section.
    let team = stdout_of(dir.path(), &["report", "-w", "team0", "--today", TODAY], 0);
    assert!(!team.contains("## Organisation"), "{team}");
}
