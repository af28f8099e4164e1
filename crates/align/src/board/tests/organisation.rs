//! The board opened on an organisation (a copy of `tests/fixtures/org/acme`: the company,
//! payments and growth aligned to it, ops with no upstream): the Roll-up tab, the teams
//! and the whole organisation in scope, edits made in the team they are for (only its
//! files written), the company's goals read-only, and a `git pull` of the company's
//! goals read while the board is open.

use std::fs;
use std::path::{Path, PathBuf};

use align_core::session::Session;

use super::super::action::Tab;
use super::super::app::{App, Settings};
use super::super::org::Scope;
use super::*;

const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/org/acme");

pub(super) struct Org {
    _dir: TempDir,
    pub(super) root: PathBuf,
    pub(super) app: App,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub(super) fn open_org() -> Org {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme");
    copy_dir(Path::new(ACME), &root);
    let (teams, _) = align_core::org::load_teams(std::slice::from_ref(&root)).unwrap();
    let sessions = teams
        .into_iter()
        .map(|l| Session::new(l, today(), None))
        .collect();
    let app = App::organisation(sessions, "acme".to_string(), Settings::default());
    Org {
        _dir: dir,
        root,
        app,
    }
}

/// Every file of the organisation with its text.
fn files(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for team in fs::read_dir(root).unwrap() {
        for f in fs::read_dir(team.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            out.push((p.clone(), fs::read_to_string(&p).unwrap()));
        }
    }
    out.sort();
    out
}

/// The files whose text differs between two readings of [`files`].
fn changed<'a>(before: &'a [(PathBuf, String)], after: &[(PathBuf, String)]) -> Vec<&'a PathBuf> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| &b.0)
        .collect()
}

pub(super) fn scope(app: &App) -> (Scope, String) {
    let org = app.org.as_deref().unwrap();
    (org.scope, org.teams[org.active].key.clone())
}

#[test]
fn the_rollup_tab_80x24() {
    let mut o = open_org();
    assert_eq!(o.app.tab, Tab::Rollup);
    let t = draw(&mut o.app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("company:growth"), "{s}");
    assert!(s.contains("orphan: no team works on it"), "{s}");
    assert_screen("tests_org", "rollup_80x24", &t);
}

#[test]
fn the_rollup_tab_160x45() {
    let mut o = open_org();
    let t = draw(&mut o.app, 160, 45);
    let s = screen(&t);
    assert!(s.contains("payments:retention"), "{s}");
    assert!(s.contains("no line of sight to a company goal: ops"), "{s}");
    assert_screen("tests_org", "rollup_160x45", &t);
}

#[test]
fn the_organisation_lists_every_teams_tasks_named_across_teams() {
    let mut o = open_org();
    press(&mut o.app, "1");
    assert_eq!(o.app.tab, Tab::Board);
    let ids: Vec<String> = o
        .app
        .task_order
        .iter()
        .map(|&t| o.app.ws().tasks[t].id.clone())
        .collect();
    assert!(ids.contains(&"payments:T-101".to_string()), "{ids:?}");
    assert!(ids.contains(&"growth:T-101".to_string()), "{ids:?}");
    // The company's goals first, the teams' under them.
    let first = o.app.goal_rows[0].target(o.app.ws()).to_string();
    assert!(first.starts_with("company:"), "{first}");
    // team: narrows the list to one team.
    press(&mut o.app, "/");
    type_text(&mut o.app, "team:pay");
    press(&mut o.app, "Enter");
    assert!(!o.app.task_order.is_empty());
    for &t in &o.app.task_order {
        assert!(o.app.ws().tasks[t].id.starts_with("payments:"));
    }
    let t = draw(&mut o.app, 100, 30);
    assert!(screen(&t).contains("payments:T-"), "{}", screen(&t));
}

#[test]
fn t_walks_the_teams_then_the_organisation_and_o_switches_back() {
    let mut o = open_org();
    press(&mut o.app, "t");
    assert_eq!(scope(&o.app), (Scope::Team, "growth".to_string()));
    assert_eq!(o.app.ws().key, "growth");
    press(&mut o.app, "t t");
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    press(&mut o.app, "t");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    press(&mut o.app, "T");
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    press(&mut o.app, "o");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    press(&mut o.app, "o");
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    // The team: filter term turns to the team it names.
    press(&mut o.app, "/");
    type_text(&mut o.app, "team:gro");
    assert_eq!(scope(&o.app), (Scope::Team, "growth".to_string()));
}

#[test]
fn compare_and_insights_answer_for_the_team_or_the_organisation() {
    let mut o = open_org();
    press(&mut o.app, "2");
    let org_tasks = o.app.board().summary.tasks;
    press(&mut o.app, "o");
    assert_eq!(scope(&o.app).0, Scope::Team);
    let team_tasks = o.app.board().summary.tasks;
    assert!(team_tasks < org_tasks, "{team_tasks} < {org_tasks}");
    assert_eq!(o.app.tab, Tab::Compare);
    assert!(o.app.cached_comparison().is_some());
    press(&mut o.app, "3 o");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    assert_eq!(o.app.cached_insights().unwrap().open_tasks, {
        let ws = o.app.ws();
        ws.tasks.iter().filter(|t| t.status.is_open()).count()
    });
}

#[test]
fn an_edit_on_the_organisation_is_made_in_the_tasks_team_and_writes_only_its_file() {
    let mut o = open_org();
    press(&mut o.app, "1");
    let before = files(&o.root);
    select_task(&mut o.app, "payments:T-103");
    press(&mut o.app, "x");
    // The board turned to the team, and the task is now doing.
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    assert_eq!(selected_id(&o.app), "T-103");
    let after = files(&o.root);
    let changed = changed(&before, &after);
    assert_eq!(changed, [&o.root.join("payments/sam.toml")]);
    assert!(on_disk(&o.root.join("payments/sam.toml")).contains("status = \"doing\""));
    // Undone through the same team's session.
    press(&mut o.app, "o u");
    assert_eq!(files(&o.root), before);
}

#[test]
fn a_link_across_teams_is_refused_and_writes_nothing() {
    let mut o = open_org();
    press(&mut o.app, "1");
    let before = files(&o.root);
    select_goal(&mut o.app, "growth:retention");
    press(&mut o.app, "Tab");
    select_task(&mut o.app, "payments:T-103");
    press(&mut o.app, "l");
    assert!(
        message(&o.app).contains("its own team's goals"),
        "{}",
        message(&o.app)
    );
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    assert_eq!(files(&o.root), before);
}

#[test]
fn a_company_goal_is_read_only_and_the_board_says_why() {
    let mut o = open_org();
    press(&mut o.app, "t t t");
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    let before = files(&o.root);
    select_goal(&mut o.app, "company:growth/kr1");
    for key in ["c", "e", "C"] {
        press(&mut o.app, key);
        assert!(o.app.form().is_none(), "{key} opened a form");
        let m = message(&o.app);
        assert!(m.contains("read-only here"), "{key}: {m}");
        assert!(m.contains("company"), "{key}: {m}");
    }
    // A task links to the company's goal all the same (written in the team's file).
    press(&mut o.app, "Tab");
    select_task(&mut o.app, "T-103");
    press(&mut o.app, "l");
    let sam = on_disk(&o.root.join("payments/sam.toml"));
    assert!(sam.contains("company:growth/kr1"), "{sam}");
    let after = files(&o.root);
    assert_eq!(
        after
            .iter()
            .filter(|(p, _)| p.starts_with(o.root.join("company")))
            .collect::<Vec<_>>(),
        before
            .iter()
            .filter(|(p, _)| p.starts_with(o.root.join("company")))
            .collect::<Vec<_>>(),
    );
}

#[test]
fn a_pull_of_the_companys_goals_is_read_while_the_board_is_open() {
    let mut o = open_org();
    press(&mut o.app, "1");
    let company = o.root.join("company/goals.toml");
    let text = fs::read_to_string(&company).unwrap();
    fs::write(
        &company,
        text.replace("Grow paying shops to 10,000", "Grow paying shops to 12,000"),
    )
    .unwrap();
    o.app.update(super::super::Action::Tick);
    let title = |app: &App| {
        let ws = app.ws();
        ws.goals[ws.goal_by_id("company:growth").unwrap()]
            .title
            .clone()
    };
    assert_eq!(title(&o.app), "Grow paying shops to 12,000");
    assert!(
        message(&o.app).contains("reloaded from disk"),
        "{}",
        message(&o.app)
    );
    // Every team read it: each one shown in turn has it.
    for _ in 0..3 {
        press(&mut o.app, "t");
        if scope(&o.app).1 != "ops" {
            assert_eq!(title(&o.app), "Grow paying shops to 12,000");
        }
    }
}

/// `n` and `K` on the organisation's view are made in the team of the selected goal, like
/// every other edit: the new goal goes into that team's file, not into a file of whichever
/// team was shown last, and the new key result is read once.
#[test]
fn adding_a_goal_or_key_result_on_the_organisation_turns_to_its_team() {
    let mut o = open_org();
    press(&mut o.app, "1");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    let before = files(&o.root);
    select_goal(&mut o.app, "growth:retention");
    press(&mut o.app, "n");
    assert_eq!(scope(&o.app), (Scope::Team, "growth".to_string()));
    type_text(&mut o.app, "Zeta work");
    press(&mut o.app, "Enter");
    assert!(
        o.app.form().is_none(),
        "{:?}",
        o.app.form().map(|f| f.problem.clone())
    );
    let after = files(&o.root);
    let changed = changed(&before, &after);
    assert_eq!(changed, [&o.root.join("growth/workspace.toml")]);
    assert!(on_disk(&o.root.join("growth/workspace.toml")).contains("title = \"Zeta work\""));
    press(&mut o.app, "u");
    assert_eq!(files(&o.root), before);

    // A key result, from the organisation again.
    press(&mut o.app, "o");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    select_goal(&mut o.app, "growth:retention");
    press(&mut o.app, "K");
    assert_eq!(scope(&o.app), (Scope::Team, "growth".to_string()));
    type_text(&mut o.app, "Signups");
    press(&mut o.app, "Tab");
    type_text(&mut o.app, "0");
    press(&mut o.app, "Tab");
    type_text(&mut o.app, "10");
    press(&mut o.app, "Enter");
    assert!(
        o.app.form().is_none(),
        "{:?}",
        o.app.form().map(|f| f.problem.clone())
    );
    let ws = o.app.ws();
    let goal = ws.goal_by_id("retention").unwrap();
    let titles: Vec<&str> = ws.goals[goal]
        .key_results
        .iter()
        .map(|k| k.title.as_str())
        .collect();
    assert_eq!(
        titles.iter().filter(|t| **t == "Signups").count(),
        1,
        "{titles:?}"
    );
    let growth_goals: Vec<&str> = ws.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        growth_goals
            .iter()
            .filter(|g| **g == "company:growth")
            .count(),
        1,
        "{growth_goals:?}"
    );
    press(&mut o.app, "u");
    assert_eq!(files(&o.root), before);
}
