//! The board opened on an organisation: many teams, each its own workspace and its own
//! [`Session`] (so an edit of a team's task goes through that team's one save path and
//! writes only that team's file), and the company goals they align to. The board shows
//! one *scope* at a time: a team (its goals under the company's, its tasks, editable),
//! or the whole organisation (every team's goals and tasks, named `team:T-101`, read
//! through [`OrgView`], so Compare and Insights answer for the organisation). The
//! Roll-up tab shows the company goals with the teams under them.
//!
//! An edit asked for on the organisation's view is made in the team the selected task
//! (or goal) belongs to: the board turns to that team first, so what is written and
//! where is always in view.

mod scope;

use align_core::model::LinkRef;
use align_core::org::view::OrgView;
use align_core::org::{Rollup, TeamView, rollup_of};
use align_core::query::team_matches;
use align_core::session::{Session, set_lens_of_all};

use super::action::{Action, Tab};
use super::app::{App, Focus, Settings, Tone};
use super::views::GoalRow;

/// Why the Compare tab shows no trends on an organisation (the table's lower border).
pub const ORG_TRENDS: &str = "no trends here: a team's own board (align TEAM) shows them";

/// What the board shows of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One team: the board's session.
    Team,
    /// Every team at once, read-only (edits turn to the team first).
    Organisation,
}

/// One team of the organisation.
pub struct TeamSlot {
    pub key: String,
    /// The team's session while another team's is the board's; `None` for the team shown.
    pub(super) session: Option<Session>,
}

/// The organisation behind the board.
pub struct OrgBoard {
    /// The organisation's name (its directory's).
    pub name: String,
    pub teams: Vec<TeamSlot>,
    /// The team whose session is the board's.
    pub active: usize,
    pub scope: Scope,
    /// The roll-up, worked out when the Roll-up tab is shown after a change.
    pub(super) rollup: Option<Rollup>,
    /// The organisation as one workspace: made the first time its scope is shown, then
    /// kept (also while a team is shown) and brought up to date team by team.
    pub(super) view: Option<OrgView>,
    /// Each team's [`Session::revision`] the view was last brought up to date with.
    pub(super) seen: Vec<u64>,
    /// What the organisation's scope listed, kept while a team is shown.
    pub(super) rows: Option<scope::Rows>,
    /// The Roll-up tab's first line shown.
    pub rollup_scroll: usize,
    /// Every team's summary added up, for the status bar while the organisation is shown.
    pub(super) summary: Option<align_core::scoring::Summary>,
}

impl App {
    /// The board on an organisation of `teams` (at least one), named `name`: it opens on
    /// the Roll-up tab, the whole organisation in scope.
    pub fn organisation(mut teams: Vec<Session>, name: String, settings: Settings) -> App {
        let keys: Vec<String> = teams.iter().map(|s| s.workspace().key.clone()).collect();
        let first = teams.remove(0);
        let mut app = App::new(first, settings);
        let mut slots: Vec<TeamSlot> = vec![TeamSlot {
            key: keys[0].clone(),
            session: None,
        }];
        slots.extend(teams.into_iter().zip(&keys[1..]).map(|(s, k)| TeamSlot {
            key: k.clone(),
            session: Some(s),
        }));
        app.org = Some(Box::new(OrgBoard {
            name,
            teams: slots,
            active: 0,
            scope: Scope::Organisation,
            rollup: None,
            view: None,
            seen: Vec::new(),
            rows: None,
            rollup_scroll: 0,
            summary: None,
        }));
        app.tab = Tab::Rollup;
        // The Compare tab's trends are read from one repository's history; an
        // organisation's teams each keep theirs in their own: say so, not nothing.
        app.trends = super::trends::Trends::Unavailable(ORG_TRENDS.to_string());
        app.prepare_view();
        app
    }

    /// The organisation's view, when the whole organisation is shown.
    pub fn org_view(&self) -> Option<&OrgView> {
        let org = self.org.as_deref()?;
        match org.scope {
            Scope::Organisation => org.view.as_ref(),
            Scope::Team => None,
        }
    }

    /// What the status bar names and sums up: the organisation (every team's summary
    /// added up) while it is shown, else the workspace shown.
    pub fn status_of(&self) -> (&str, &align_core::scoring::Summary) {
        if let Some(org) = self.org.as_deref()
            && org.scope == Scope::Organisation
            && let Some(summary) = &org.summary
        {
            return (&org.name, summary);
        }
        (&self.ws().name, &self.board().summary)
    }

    /// The mission over the tabs: the company's while the organisation is shown (its
    /// view may not be worked out yet on the Roll-up tab), else the workspace's.
    pub fn mission(&self) -> Option<&str> {
        if let Some(org) = self.org.as_deref()
            && org.scope == Scope::Organisation
        {
            let company = self.session.workspace().upstreams.first();
            if let Some(m) = company.and_then(|u| u.mission.as_deref()) {
                return Some(m);
            }
        }
        self.ws().mission.as_deref()
    }

    /// The roll-up, once worked out for the Roll-up tab.
    pub fn rollup(&self) -> Option<&Rollup> {
        self.org.as_deref()?.rollup.as_ref()
    }

    /// What the board shows, for the tabs line: `payments 1/3`, or the organisation's name.
    pub fn scope_label(&self) -> Option<String> {
        let org = self.org.as_deref()?;
        Some(match org.scope {
            Scope::Team => format!(
                "{} {}/{}",
                org.teams[org.active].key,
                org.active + 1,
                org.teams.len()
            ),
            Scope::Organisation => org.name.clone(),
        })
    }

    /// Every team as the roll-up and the organisation's view read it.
    pub(in crate::board) fn team_views(&self) -> Vec<TeamView<'_>> {
        match self.org.as_deref() {
            Some(org) => team_views(&org.teams, &self.session),
            None => Vec::new(),
        }
    }

    /// Work out what the organisation's tabs need: the roll-up for its tab, the
    /// organisation's view while it is in scope (then the panes list it).
    pub(super) fn prepare_org(&mut self) {
        let Some(org) = self.org.as_deref() else {
            return;
        };
        if org.summary.is_none() {
            let summary =
                align_core::scoring::combined(self.team_views().iter().map(|t| &t.scores.summary));
            if let Some(org) = self.org.as_deref_mut() {
                org.summary = Some(summary);
            }
        }
        let org = self.org.as_deref().expect("checked above");
        if self.tab == Tab::Rollup && org.rollup.is_none() {
            let rollup = rollup_of(self.today, &self.team_views());
            if let Some(org) = self.org.as_deref_mut() {
                org.rollup = Some(rollup);
            }
        }
        if self.tab != Tab::Rollup && self.org_view_stale() {
            self.stash_rows();
            self.follow_org_view();
        }
    }

    /// A change to any team: the roll-up is worked out again, the organisation's view
    /// brought up to date with it — at once while it is shown, so the panes list what it
    /// holds; else when it is next shown.
    pub(super) fn invalidate_org(&mut self) {
        let Some(org) = self.org.as_deref_mut() else {
            return;
        };
        org.rollup = None;
        org.summary = None;
        if org.scope == Scope::Organisation && self.tab != Tab::Rollup {
            self.stash_rows();
            self.follow_org_view();
        }
    }

    /// The selection on the organisation's view, as team `team` names it: its task (by
    /// index in the team) when the selected task is the team's, the selected goal row's
    /// link when it is the team's or the company's.
    fn selection_in_team(&self, team: usize) -> Option<(Option<usize>, Option<LinkRef>)> {
        let view = self.org_view()?;
        let key = &self.org.as_deref()?.teams.get(team)?.key;
        let task = self
            .selected_task()
            .and_then(|t| view.origin.get(t.0))
            .filter(|(n, _)| *n == team)
            .map(|(_, ix)| ix.0);
        let row = self
            .selected_goal_row()
            .and_then(|r| team_link(&view.workspace, r, key));
        Some((task, row))
    }

    /// Before an edit on the organisation's view: turn to the team the edit is for (the
    /// selected task's; on the goals pane, the selected goal's) and say so. `false` when
    /// the edit cannot be made there (a link across teams), said why.
    pub(super) fn turn_to_team_for(&mut self, action: &Action) -> bool {
        let Some(view) = self.org_view() else {
            return true;
        };
        let org = self.org.as_deref().expect("a view is an organisation's");
        let task_team = self
            .selected_task()
            .and_then(|t| view.origin.get(t.0))
            .map(|(n, _)| *n);
        let goal_team = self.selected_goal_row().and_then(|r| {
            let id = &view.workspace.goals[r.goal()].id;
            org.teams
                .iter()
                .position(|t| id.starts_with(&format!("{}:", t.key)))
        });
        let team = match (action, self.focus) {
            (Action::Undo | Action::Redo, _) => Some(org.active),
            (Action::ToggleLink, _) => task_team,
            (_, Focus::Goals) => goal_team.or(task_team),
            (_, Focus::Tasks) => task_team.or(goal_team),
        };
        let Some(team) = team else {
            // Nothing of a team's selected (no task, a company goal): the edit would have
            // no team to be made in.
            let why = self.upstream_refusal().unwrap_or_else(|| {
                "select a team's task or goal first (t walks the teams)".to_string()
            });
            self.say(why, Tone::Problem);
            return false;
        };
        let key = org.teams[team].key.clone();
        if *action == Action::ToggleLink
            && let Some(row) = self.selected_goal_row()
            && team_link(&view.workspace, row, &key).is_none()
        {
            let goal = view.workspace.goals[row.goal()].id.clone();
            self.say(
                format!(
                    "a task of team {key} links to its own team's goals and the company's, not {goal}: select one of those"
                ),
                Tone::Problem,
            );
            return false;
        }
        let keep = self.selection_in_team(team);
        self.show_team(team, keep);
        true
    }

    /// The `team:` filter term on one team's board: turn to the first team it names when
    /// the team shown is not one of them. Says whether it turned.
    pub(super) fn follow_team_term(&mut self) -> bool {
        let Some(org) = self.org.as_deref() else {
            return false;
        };
        let Some(values) = self.query.teams() else {
            return false;
        };
        if org.scope != Scope::Team
            || values.iter().all(String::is_empty)
            || team_matches(&org.teams[org.active].key, values)
        {
            return false;
        }
        match org.teams.iter().position(|t| team_matches(&t.key, values)) {
            Some(i) => {
                self.show_team(i, None);
                true
            }
            None => false,
        }
    }

    /// A tick: reload every other team whose files (or the company's) changed on disk.
    /// Says whether any did.
    pub(super) fn tick_other_teams(&mut self) -> bool {
        let Some(org) = self.org.as_deref_mut() else {
            return false;
        };
        let mut reloaded = Vec::new();
        for slot in &mut org.teams {
            if let Some(s) = slot.session.as_mut()
                && s.moved_on_disk()
                && s.reload().is_ok()
            {
                reloaded.push(slot.key.clone());
            }
        }
        if reloaded.is_empty() {
            return false;
        }
        // The organisation's view follows the teams reloaded alone.
        self.invalidate();
        self.say(
            format!("reloaded from disk: {}", reloaded.join(", ")),
            Tone::Info,
        );
        true
    }

    /// Set `lens` on the board's session and every other team's. The organisation's
    /// view, when it was up to date with every team, follows the lens alone
    /// ([`OrgView::follow_lens`]: each task's score taken from its team) rather than
    /// being made again: says whether it did, so that what is kept of it may stay.
    pub(super) fn set_lens_of_teams(&mut self, lens: align_core::model::Lens) -> bool {
        let current = self.org_view_current();
        let Some(org) = self.org.as_deref_mut() else {
            self.session.set_lens(lens);
            return false;
        };
        let others = org.teams.iter_mut().filter_map(|t| t.session.as_mut());
        set_lens_of_all(
            std::iter::once(&mut self.session).chain(others).collect(),
            lens,
        );
        if !current {
            return false;
        }
        let teams = team_views(&org.teams, &self.session);
        if let Some(view) = org.view.as_mut() {
            view.follow_lens(lens, &teams);
        }
        org.seen = org
            .teams
            .iter()
            .map(|slot| slot.session.as_ref().unwrap_or(&self.session).revision())
            .collect();
        true
    }

    /// Is the organisation's view made and up to date with every team?
    fn org_view_current(&self) -> bool {
        self.org.as_deref().is_some_and(|org| {
            org.view.is_some()
                && org.seen.len() == org.teams.len()
                && org.teams.iter().zip(&org.seen).all(|(slot, &seen)| {
                    slot.session.as_ref().unwrap_or(&self.session).revision() == seen
                })
        })
    }

    /// The Roll-up tab scrolled by `delta` lines.
    pub(super) fn scroll_rollup(&mut self, delta: isize) {
        let lines: usize = self.rollup().map_or(0, super::ui::rollup::line_count);
        if let Some(org) = self.org.as_deref_mut() {
            org.rollup_scroll = org
                .rollup_scroll
                .saturating_add_signed(delta)
                .min(lines.saturating_sub(1));
        }
    }

    /// Why the selected goal row cannot be changed here: it is an upstream workspace's
    /// (the company's), which align never writes.
    pub(super) fn upstream_refusal(&self) -> Option<String> {
        let row = self.selected_goal_row()?;
        let ws = self.ws();
        let up = ws.upstream_of(row.goal())?;
        Some(format!(
            "{} is {}'s, read-only here: align never writes an upstream (change it in {})",
            row.target(ws),
            up.key,
            up.root.display()
        ))
    }
}

/// The goal row `row` of the organisation's view as team `key` names it: its own goal
/// without the team's prefix, the company's as it is; `None` for another team's goal.
fn team_link(ws: &align_core::Workspace, row: GoalRow, key: &str) -> Option<LinkRef> {
    let mut link = row.target(ws);
    if ws.goals[row.goal()].upstream.is_some() {
        return Some(link);
    }
    link.goal = link.goal.strip_prefix(&format!("{key}:"))?.to_string();
    Some(link)
}

/// Every team of `teams` as the roll-up and the organisation's view read it; `shown` the
/// session of the team whose slot holds none (the board's).
fn team_views<'a>(teams: &'a [TeamSlot], shown: &'a Session) -> Vec<TeamView<'a>> {
    teams
        .iter()
        .map(|slot| {
            let s = slot.session.as_ref().unwrap_or(shown);
            TeamView {
                key: &slot.key,
                workspace: s.workspace(),
                scores: s.scoreboard(),
            }
        })
        .collect()
}
