//! The organisation's view kept across `o`: each change made in a team shows when the
//! organisation is shown again, and what the board lists of it is what a fresh start
//! would list (the view made again from every team, every task's search text, the rows
//! under the filters and sort in force).

use align_core::model::TaskStatus;
use align_core::org::view::merged;

use super::super::org::Scope;
use super::super::views::haystack;
use super::organisation::{open_org, scope};
use super::*;

/// The organisation is shown, and all the board holds of it is as made from the start.
fn assert_current(app: &mut App) {
    assert_eq!(scope(app).0, Scope::Organisation);
    let view = app.org_view().expect("the organisation's view");
    let fresh = merged("acme", app.today, app.lens(), &app.team_views());
    assert_eq!(view.workspace.tasks, fresh.workspace.tasks);
    assert_eq!(view.workspace.goals, fresh.workspace.goals);
    assert_eq!(view.scores, fresh.scores);
    assert_eq!(view.origin, fresh.origin);
    if let Some(texts) = app.haystack.made() {
        assert_eq!(texts, haystack(app.ws()));
    }
    let rows = app.listing().rows();
    assert_eq!(app.task_order, rows);
}

/// The tasks' search text made now (as the first filter with words would), so that the
/// tests see it kept through every `o`.
fn make_search_text(app: &mut App) {
    let mut texts = std::mem::take(&mut app.haystack);
    texts.make(app.ws());
    app.haystack = texts;
}

fn status(app: &App, id: &str) -> TaskStatus {
    let ws = app.ws();
    ws.tasks[ws.task_by_id(id).expect("the task is in the view")].status
}

#[test]
fn each_change_in_a_team_shows_in_the_organisation_at_the_next_o() {
    let mut o = open_org();
    press(&mut o.app, "1");
    make_search_text(&mut o.app);
    assert_current(&mut o.app);
    // An edit on the organisation turns to the task's team; `o` shows it in the view.
    select_task(&mut o.app, "payments:T-103");
    press(&mut o.app, "x");
    assert_eq!(scope(&o.app), (Scope::Team, "payments".to_string()));
    press(&mut o.app, "o");
    assert_eq!(status(&o.app, "payments:T-103"), TaskStatus::Doing);
    assert_eq!(selected_id(&o.app), "payments:T-103");
    assert_current(&mut o.app);
    // Again, on the view kept: done, then taken back in the team.
    press(&mut o.app, "x o");
    assert_eq!(status(&o.app, "payments:T-103"), TaskStatus::Done);
    assert_current(&mut o.app);
    press(&mut o.app, "o u o");
    assert_eq!(status(&o.app, "payments:T-103"), TaskStatus::Doing);
    assert_current(&mut o.app);
    // Nothing changed: the rows kept are the rows.
    press(&mut o.app, "o o");
    assert_current(&mut o.app);
    assert!(o.app.haystack.made().is_some(), "the search text kept");
}

#[test]
fn a_task_added_and_linked_in_the_first_team_moves_every_team_after_it() {
    let mut o = open_org();
    press(&mut o.app, "1");
    make_search_text(&mut o.app);
    select_task(&mut o.app, "growth:T-101");
    press(&mut o.app, "x");
    assert_eq!(scope(&o.app), (Scope::Team, "growth".to_string()));
    let tasks = o.app.ws().tasks.len();
    if let Some(searched) = o.app.haystack.made() {
        assert_eq!(tasks, searched.len());
    }
    // A new task (selected once added), linked to the first goal row: its score and
    // search text change, and every later team's tasks move one place down.
    press(&mut o.app, "a");
    type_text(&mut o.app, "Tidy the onboarding emails");
    press(&mut o.app, "Enter");
    let id = selected_id(&o.app);
    press(&mut o.app, "l");
    assert_eq!(o.app.ws().tasks.len(), tasks + 1);
    let org_tasks = o
        .app
        .org
        .as_deref()
        .unwrap()
        .view
        .as_ref()
        .unwrap()
        .workspace
        .tasks
        .len();
    press(&mut o.app, "o");
    let id = format!("growth:{id}");
    assert_eq!(o.app.ws().tasks.len(), org_tasks + 1);
    let t = o
        .app
        .ws()
        .task_by_id(&id)
        .expect("the new task is in the view");
    assert!(!o.app.ws().tasks[t].goals.is_empty());
    assert!(o.app.haystack.made().unwrap()[t.0].contains("onboarding"));
    assert_eq!(status(&o.app, "growth:T-101"), TaskStatus::Doing);
    assert_current(&mut o.app);
    // Another team's edit while the sort changed: everything is listed again.
    press(&mut o.app, "t t");
    assert_ne!(scope(&o.app).1, "growth");
    press(&mut o.app, "x s o");
    assert_current(&mut o.app);
    press(&mut o.app, "o u o");
    assert_current(&mut o.app);
}

/// A tick before the first `o` makes the organisation's view and its rows: `o` then
/// finds them made, and what it shows is current.
#[test]
fn a_tick_makes_the_view_before_the_first_o() {
    let mut o = open_org();
    press(&mut o.app, "t");
    assert_eq!(scope(&o.app).0, Scope::Team);
    assert!(o.app.org.as_deref().unwrap().view.is_none());
    o.app.update(super::super::Action::Tick);
    let org = o.app.org.as_deref().unwrap();
    assert!(org.view.is_some() && org.rows.is_some());
    assert_eq!(scope(&o.app).0, Scope::Team);
    press(&mut o.app, "o");
    assert!(
        o.app.org.as_deref().unwrap().rows.is_none(),
        "the rows made ahead are shown"
    );
    assert_current(&mut o.app);
    // On the Roll-up tab, the organisation in scope: listed live, then shown by `1`.
    let mut o = open_org();
    o.app.update(super::super::Action::Tick);
    assert!(o.app.org_view().is_some());
    press(&mut o.app, "1");
    assert_current(&mut o.app);
}

/// Compare for the organisation and for a team of it: the figures of what is in scope,
/// and in place of the trends (read from git on a team's own board, not here) a line
/// that says so rather than nothing.
#[test]
fn compare_on_an_organisation_says_why_it_shows_no_trends() {
    let mut o = open_org();
    press(&mut o.app, "2");
    let org = o.app.cached_comparison().cloned().expect("the comparison");
    let s = screen(&draw(&mut o.app, 160, 45));
    assert!(s.contains(super::super::org::ORG_TRENDS), "{s}");
    press(&mut o.app, "o");
    assert_eq!(scope(&o.app).0, Scope::Team);
    let team = o
        .app
        .cached_comparison()
        .cloned()
        .expect("the team's comparison");
    assert_ne!(org, team);
    let s = screen(&draw(&mut o.app, 160, 45));
    assert!(s.contains(super::super::org::ORG_TRENDS), "{s}");
}

/// The organisation's Compare figures are kept across `o` while nothing changed, and
/// worked out again when a team's edit changed the view.
#[test]
fn the_organisations_comparison_follows_a_teams_edit() {
    let mut o = open_org();
    press(&mut o.app, "2");
    let before = o.app.cached_comparison().cloned().expect("the comparison");
    press(&mut o.app, "o o");
    assert_eq!(o.app.cached_comparison(), Some(&before));
    press(&mut o.app, "o 1");
    select_task(&mut o.app, "T-101");
    let team = scope(&o.app).1;
    // Doing, then done today: the work closed this week changes.
    press(&mut o.app, "x x 2 o");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    let after = o.app.cached_comparison().cloned().expect("the comparison");
    assert_ne!(after, before, "the edit in {team} shows");
    let fresh = align_core::compare::compare(o.app.ws(), o.app.board());
    assert_eq!(after, fresh);
}

/// The organisation's Insights follow a team's edit that added or removed no task (the
/// team's tasks moved in place), and are worked out afresh when one did: either way
/// they are what a fresh computation over the view gives.
#[test]
fn the_organisations_insights_follow_a_teams_edit() {
    let mut o = open_org();
    press(&mut o.app, "3");
    let before = o.app.cached_insights().cloned().expect("the insights");
    press(&mut o.app, "o o");
    assert_eq!(o.app.cached_insights(), Some(&before));
    press(&mut o.app, "o 1");
    select_task(&mut o.app, "T-101");
    press(&mut o.app, "x x o");
    assert_eq!(scope(&o.app).0, Scope::Organisation);
    assert!(o.app.insights.is_some(), "kept, to follow the edit");
    press(&mut o.app, "3");
    let after = o.app.cached_insights().cloned().expect("the insights");
    assert_ne!(after, before, "the task closed shows");
    let fresh = align_core::insights::insights(o.app.ws(), o.app.board());
    assert_eq!(after, fresh);
    // A task added in a team: the places move, the figures are worked out again.
    press(&mut o.app, "o 1 a");
    type_text(&mut o.app, "Tidy the onboarding emails");
    press(&mut o.app, "Enter o");
    assert!(o.app.insights.is_none(), "started over");
    press(&mut o.app, "3");
    let fresh = align_core::insights::insights(o.app.ws(), o.app.board());
    assert_eq!(o.app.cached_insights(), Some(&fresh));
}

/// `m` on the organisation switches every team's lens, and says so (not what "the file"
/// says: the organisation's view is no file); on a team it names the team's file.
#[test]
fn the_lens_switch_says_what_it_switched() {
    let mut o = open_org();
    press(&mut o.app, "1 m");
    assert_eq!(o.app.lens().as_str(), "crunch");
    assert_eq!(
        message(&o.app),
        "lens: crunch, for every team (for this session; the files are not changed)"
    );
    press(&mut o.app, "o m");
    assert_eq!(scope(&o.app).0, Scope::Team);
    assert_eq!(message(&o.app), "lens: strategy, as the file says");
}

/// `m` on the organisation: the view follows every team's new lens (what it lists and
/// its Insights are what a fresh start under that lens gives), and back again.
#[test]
fn the_organisation_follows_a_lens_switch() {
    let mut o = open_org();
    press(&mut o.app, "3");
    assert!(o.app.cached_insights().is_some());
    for lens in ["crunch", "strategy", "crunch"] {
        press(&mut o.app, "m");
        assert_eq!(o.app.lens().as_str(), lens);
        press(&mut o.app, "1");
        assert_current(&mut o.app);
        press(&mut o.app, "3");
        let fresh = align_core::insights::insights(o.app.ws(), o.app.board());
        assert_eq!(o.app.cached_insights(), Some(&fresh));
    }
    // Each team reads its own scores under the lens too.
    press(&mut o.app, "o 3");
    assert_eq!(scope(&o.app).0, Scope::Team);
    let fresh = align_core::insights::insights(o.app.ws(), o.app.board());
    assert_eq!(o.app.cached_insights(), Some(&fresh));
}
