use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;
use crate::diag::LoadError;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const COMPANY: &str = r#"version = 1
[workspace]
name = "Acme"
key = "company"
mission = "Make getting paid effortless"

[[goals]]
id = "growth"
title = "Grow paying shops"
weight = 5
  [[goals.key_results]]
  id = "kr1"
  title = "Paying shops"
  start = 0
  target = 100
  current = 40

[[goals]]
id = "margin"
title = "Gross margin above 60%"

[[goals]]
id = "hiring"
title = "Hire ten engineers"
  [[goals.key_results]]
  id = "kr1"
  title = "Engineers hired"
  start = 0
  target = 10
  current = 5
"#;

/// A company, two teams aligned to it and one that is not.
fn organisation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "company/goals.toml", COMPANY);
    write(
        root,
        "payments/workspace.toml",
        r#"version = 1
[workspace]
name = "Payments"
upstream = ["../company"]

[[goals]]
id = "retention"
title = "Keep shops"
parent = "company:growth"
  [[goals.key_results]]
  id = "kr1"
  title = "Churn"
  start = 4.0
  target = 2.0
  current = 3.0

[[goals]]
id = "fees"
title = "Cheaper card fees"
parent = "company:margin"
weight = 1
  [[goals.key_results]]
  id = "kr1"
  title = "Fee"
  start = 10
  target = 0
  current = 10
"#,
    );
    write(
        root,
        "payments/sam.toml",
        r#"[[tasks]]
id = "T-1"
title = "Dunning emails"
goals = ["retention/kr1"]
effort = 3

[[tasks]]
id = "T-2"
title = "Upgrade page"
goals = ["company:growth/kr1"]
effort = 2

[[tasks]]
id = "T-3"
title = "Rename the wiki"

[[tasks]]
id = "T-4"
title = "Shipped"
goals = ["fees"]
status = "done"
done = 2026-10-20
"#,
    );
    write(
        root,
        "growth/workspace.toml",
        r#"version = 1
[workspace]
name = "Growth"
upstream = ["../company"]

[[goals]]
id = "retention"
title = "Onboard faster"
parent = "company:margin"
weight = 3
  [[goals.key_results]]
  id = "kr1"
  title = "Days to first invoice"
  start = 10
  target = 2
  current = 2

[[tasks]]
id = "T-1"
title = "Onboarding checklist"
goals = ["retention"]
effort = 5
"#,
    );
    write(
        root,
        "ops/ops.toml",
        r#"version = 1
[workspace]
name = "Ops"

[[goals]]
id = "uptime"
title = "Four nines"

[[tasks]]
id = "T-1"
title = "Rotate certificates"
goals = ["uptime"]
"#,
    );
    // Not a workspace: passed over.
    write(root, "tools/Cargo.toml", "[package]\nname = \"x\"\n");
    write(root, ".github/x.toml", "version = 1\n");
    dir
}

fn load_org(paths: &[PathBuf]) -> Organisation {
    Organisation::load(paths, day(), None).unwrap()
}

#[test]
fn an_organisation_directory_lists_its_teams_and_not_the_company() {
    let dir = organisation();
    let org = load_org(&[dir.path().to_path_buf()]);
    let keys: Vec<&str> = org.teams.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["growth", "ops", "payments"]);
    assert!(is_organisation(dir.path()));
    assert!(!is_organisation(&dir.path().join("payments")));
    // Named one by one, the teams are the same.
    let named = load_org(&[dir.path().join("payments"), dir.path().join("growth")]);
    let keys: Vec<&str> = named.teams.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["payments", "growth"]);
}

#[test]
fn each_company_goal_shows_the_teams_under_it_and_their_open_effort() {
    let dir = organisation();
    let rollup = load_org(&[dir.path().to_path_buf()]).rollup();
    let ids: Vec<&str> = rollup.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["company:growth", "company:margin", "company:hiring"]);

    let growth = &rollup.goals[0];
    assert_eq!(growth.teams.len(), 1);
    let payments = &growth.teams[0];
    assert_eq!(payments.team, "payments");
    assert_eq!(payments.goals[0].id, "payments:retention");
    assert_eq!(payments.goals[0].parent, "company:growth");
    assert!((payments.goals[0].progress - 0.5).abs() < 1e-9);
    // Through the team's goal, and straight to the company's key result.
    assert_eq!(payments.open_tasks, ["payments:T-1", "payments:T-2"]);
    assert!((payments.open_effort - 5.0).abs() < 1e-9);
    assert!((growth.open_effort - 5.0).abs() < 1e-9);
    assert!((growth.progress - 0.4).abs() < 1e-9);
    assert!(!growth.orphan);

    // Ids need only be unique within a team: both have a "retention" and a "T-1".
    let margin = &rollup.goals[1];
    let teams: Vec<&str> = margin.teams.iter().map(|t| t.team.as_str()).collect();
    assert_eq!(teams, ["growth", "payments"]);
    assert_eq!(margin.teams[0].open_tasks, ["growth:T-1"]);
    assert_eq!(margin.teams[0].goals[0].id, "growth:retention");
    // Payments' goal is under it with no open work (T-4 is done).
    assert!(margin.teams[1].open_tasks.is_empty());
    assert!((margin.open_effort - 5.0).abs() < 1e-9);
    // No key results: its teams' goals by weight (1.0 × 3 and 0.0 × 1).
    assert!((margin.progress - 0.75).abs() < 1e-9);

    let hiring = &rollup.goals[2];
    assert!(hiring.teams.is_empty());
    assert!(hiring.orphan, "no team works on it");
    assert!((hiring.progress - 0.5).abs() < 1e-9);
}

#[test]
fn each_team_has_its_shares_and_whether_it_sees_the_company() {
    let dir = organisation();
    let rollup = load_org(&[dir.path().to_path_buf()]).rollup();
    let payments = rollup.teams.iter().find(|t| t.key == "payments").unwrap();
    assert_eq!((payments.tasks, payments.open_tasks), (4, 3));
    assert!((payments.cascaded_effort - 5.0).abs() < 1e-9);
    assert!((payments.unlinked_effort - 1.0).abs() < 1e-9);
    assert!((payments.own_goals_effort).abs() < 1e-9);
    assert!(payments.busy_effort_pct > 0.0 && payments.aligned_effort_pct > 0.0);
    assert!(payments.line_of_sight);
    let ops = rollup.teams.iter().find(|t| t.key == "ops").unwrap();
    assert!(!ops.line_of_sight);
    assert!((ops.own_goals_effort - 1.0).abs() < 1e-9);
    assert_eq!(rollup.teams_without_line_of_sight, ["ops"]);
}

fn errors_of(paths: &[PathBuf]) -> Vec<String> {
    match Organisation::load(paths, day(), None) {
        Err(LoadError::Invalid { errors, .. }) => errors.iter().map(ToString::to_string).collect(),
        other => panic!("expected errors, got {other:?}"),
    }
}

#[test]
fn two_teams_with_one_key_are_an_error_at_the_second_key() {
    let dir = organisation();
    write(
        dir.path(),
        "zeta/zeta.toml",
        "version = 1\n[workspace]\nname = \"Z\"\nkey = \"payments\"\n",
    );
    let errors = errors_of(&[dir.path().to_path_buf()]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("zeta.toml:4:1: team key \"payments\" of"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("payments:T-101"), "{}", errors[0]);
}

#[test]
fn a_directory_without_teams_or_only_the_company_is_an_error() {
    let empty = tempfile::tempdir().unwrap();
    let errors = errors_of(&[empty.path().to_path_buf()]);
    assert!(errors[0].contains("no team workspace here"), "{errors:?}");
    let dir = organisation();
    // The company alone is a team: nothing names it upstream.
    let alone = load_org(&[dir.path().join("company")]);
    assert_eq!(alone.teams.len(), 1);
    let missing = errors_of(&[dir.path().join("nowhere")]);
    assert!(missing[0].contains("nowhere:1:1: "), "{missing:?}");
}

#[test]
fn a_broken_company_is_reported_once() {
    let dir = organisation();
    write(
        dir.path(),
        "company/goals.toml",
        &COMPANY.replace("weight = 5", "weight = 9"),
    );
    let errors = errors_of(&[dir.path().to_path_buf()]);
    let weight: Vec<&String> = errors.iter().filter(|e| e.contains("weight")).collect();
    assert_eq!(weight.len(), 1, "{errors:?}");
}
