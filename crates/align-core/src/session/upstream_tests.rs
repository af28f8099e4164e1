//! A `git pull` that changes the company's goals while a team's board is open: the
//! session sees the upstream move as it sees its own files move, and a reload reads it.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::Session;

const COMPANY: &str = "version = 1\n\n[workspace]\nname = \"Acme\"\nkey = \"company\"\n\n[[goals]]\nid = \"growth\"\ntitle = \"Grow revenue\"\n\n[[goals.key_results]]\nid = \"kr1\"\ntitle = \"ARR\"\nstart = 0\ntarget = 10\ncurrent = 2\n";
const TEAM: &str = "version = 1\n\n[workspace]\nname = \"Payments\"\nupstream = [\"../company\"]\n\n[[goals]]\nid = \"retention\"\ntitle = \"Keep customers\"\nparent = \"company:growth\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Dunning\"\ngoals = [\"company:growth/kr1\"]\n";

fn organisation() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("company")).unwrap();
    fs::create_dir(dir.path().join("payments")).unwrap();
    fs::write(dir.path().join("company/goals.toml"), COMPANY).unwrap();
    fs::write(dir.path().join("payments/align.toml"), TEAM).unwrap();
    let team = dir.path().join("payments");
    (dir, team)
}

fn open(root: &Path) -> Session {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    Session::open(root, today, None).unwrap().0
}

fn title_of(s: &Session, id: &str) -> String {
    let ws = s.workspace();
    ws.goals[ws.goal_by_id(id).unwrap()].title.clone()
}

#[test]
fn the_companys_goals_changing_on_disk_move_the_teams_workspace_and_reload() {
    let (dir, team) = organisation();
    let mut s = open(&team);
    assert!(!s.moved_on_disk());
    // The same bytes written again (a checkout that changed nothing) are no move.
    fs::write(dir.path().join("company/goals.toml"), COMPANY).unwrap();
    assert!(!s.moved_on_disk());
    let pulled = COMPANY.replace("Grow revenue", "Grow revenue to 10M");
    fs::write(dir.path().join("company/goals.toml"), pulled).unwrap();
    assert!(s.moved_on_disk());
    let reloaded = s.reload().unwrap();
    assert!(reloaded.changed);
    assert_eq!(title_of(&s, "company:growth"), "Grow revenue to 10M");
    assert!(!s.moved_on_disk());
}

#[test]
fn a_file_added_to_the_company_is_a_move_and_its_goals_load() {
    let (dir, team) = organisation();
    let mut s = open(&team);
    fs::write(
        dir.path().join("company/more.toml"),
        "[[goals]]\nid = \"trust\"\ntitle = \"Be trusted\"\n",
    )
    .unwrap();
    assert!(s.moved_on_disk());
    assert!(s.reload().unwrap().changed);
    assert_eq!(title_of(&s, "company:trust"), "Be trusted");
    assert!(!s.moved_on_disk());
    fs::remove_file(dir.path().join("company/more.toml")).unwrap();
    assert!(s.moved_on_disk());
}

#[test]
fn an_edit_in_the_teams_file_leaves_the_companys_goals_where_they_are_in_theirs() {
    let (dir, team) = organisation();
    // The company's goals far down their file, past where the team's edits are made.
    let company = format!(
        "{}{COMPANY}",
        "# The company's goals, kept by the leadership team.\n".repeat(20)
    );
    fs::write(dir.path().join("company/goals.toml"), &company).unwrap();
    let mut s = open(&team);
    let at = |s: &Session| {
        let ws = s.workspace();
        let g = &ws.goals[ws.goal_by_id("company:growth").unwrap()];
        (
            g.origin.clone(),
            g.block.clone(),
            g.key_results[0].origin.clone(),
        )
    };
    let before = at(&s);
    // The team's file and the company's are both file 0 of their workspaces: a task
    // added and a link written before the company goal's place in its file move nothing
    // of it.
    let e = crate::edit::add_task(s.workspace(), "Chase late invoices").unwrap();
    s.commit(crate::edit::Edit::Block(e)).unwrap();
    s.flush();
    let ws = s.workspace();
    let t = ws.task_by_id("T-1").unwrap();
    let e = crate::edit::link(ws, t, &crate::model::LinkRef::goal("retention"))
        .unwrap()
        .unwrap();
    s.commit(crate::edit::Edit::Link(e)).unwrap();
    s.flush();
    assert_eq!(at(&s), before);
    let g = &s.workspace().goals[s.workspace().goal_by_id("company:growth").unwrap()];
    assert!(company[g.block.clone()].starts_with("[[goals]]\nid = \"growth\""));
}
