//! Switching the board between one team and the whole organisation (`t`, `o`), and
//! keeping the organisation's side of it current across the switches. The
//! organisation's view of 100,000 tasks costs a tenth of a second to make and its rows
//! (search text, order) most of another: so it is made once, kept while a team is shown,
//! and when the organisation is shown again only the teams whose session changed since
//! ([`Session::revision`]) are put in it again ([`OrgView::update`]), their tasks'
//! search text made again and their rows merged into the order kept
//! ([`Listing::relist`]).
//!
//! [`Session::revision`]: align_core::session::Session::revision
//! [`OrgView::update`]: align_core::org::view::OrgView::update
//! [`Listing::relist`]: super::super::views::Listing::relist

use align_core::Class;
use align_core::compare::Comparison;
use align_core::insights::KeptInsights;
use align_core::model::{LinkRef, TaskIx};
use align_core::org::view::{Spliced, merged};
use align_core::traction::Traction;

use super::super::action::Tab;
use super::super::app::{App, ListState, Tone};
use super::super::views::{Listing, SearchText, SortKey, goal_tree, moved_to};
use super::{Scope, team_views};

/// What the organisation's scope lists, kept while a team is shown.
pub struct Rows {
    haystack: SearchText,
    order: Vec<TaskIx>,
    tasks: ListState,
    listed: Listed,
    traction: Option<Vec<Vec<Traction>>>,
    /// The Compare and Insights tabs' figures, if worked out.
    comparison: Option<Comparison>,
    insights: Option<KeptInsights>,
}

/// What the rows were listed under: the filter, the class filter, finished work or not,
/// the sort.
#[derive(PartialEq)]
struct Listed {
    filter: String,
    class: Option<Class>,
    finished: bool,
    sort: SortKey,
}

impl App {
    /// `t` / `T`: the next (or previous) team, the whole organisation after the last.
    pub(in crate::board) fn cycle_team(&mut self, forward: bool) {
        let Some(org) = self.org.as_deref() else {
            self.say(
                "one team's workspace: open align on the organisation's directory to see every team",
                Tone::Info,
            );
            return;
        };
        let n = org.teams.len();
        // Positions 0..n are the teams, n the organisation.
        let at = match org.scope {
            Scope::Team => org.active,
            Scope::Organisation => n,
        };
        let next = if forward {
            (at + 1) % (n + 1)
        } else {
            (at + n) % (n + 1)
        };
        if next == n {
            self.show_organisation();
        } else {
            self.show_team(next, None);
        }
    }

    /// `o`: the whole organisation, or back to the team shown last.
    pub(in crate::board) fn toggle_scope(&mut self) {
        let Some(org) = self.org.as_deref() else {
            self.say(
                "one team's workspace: open align on the organisation's directory to see every team",
                Tone::Info,
            );
            return;
        };
        match org.scope {
            Scope::Team => self.show_organisation(),
            Scope::Organisation => {
                let active = org.active;
                let keep = self.selection_in_team(active);
                self.show_team(active, keep);
            }
        }
    }

    /// The whole organisation in scope: every team's goals and tasks.
    fn show_organisation(&mut self) {
        let task = self.selected_task().map(|t| self.ws().tasks[t].id.clone());
        let task = task.map(|id| match self.org_view() {
            Some(_) => id,
            None => align_core::org::qualified(&self.ws().key, &id),
        });
        if let Some(org) = self.org.as_deref_mut() {
            org.scope = Scope::Organisation;
        }
        if self.tab == Tab::Rollup {
            self.tab = Tab::Board;
        }
        self.follow_org_view();
        let keep = task.and_then(|id| self.ws().task_by_id(&id));
        self.keep_selected(keep);
        self.goals.selected = 0;
        self.fit_views();
        let n = self.org.as_deref().map_or(0, |o| o.teams.len());
        self.say(
            format!("the whole organisation: {n} teams' goals and tasks (t: one team, e edits in the task's team)"),
            Tone::Info,
        );
    }

    /// Team `i` in scope, its session the board's; `keep` the selection to keep in it
    /// (a task's index, a goal row's link), as the team names them.
    pub(in crate::board) fn show_team(
        &mut self,
        i: usize,
        keep: Option<(Option<usize>, Option<LinkRef>)>,
    ) {
        if self.org.as_deref().is_none_or(|o| i >= o.teams.len()) {
            return;
        }
        self.stash_rows();
        let Some(org) = self.org.as_deref_mut() else {
            return;
        };
        if i != org.active
            && let Some(incoming) = org.teams[i].session.take()
        {
            let outgoing = std::mem::replace(&mut self.session, incoming);
            org.teams[org.active].session = Some(outgoing);
            org.active = i;
        }
        org.scope = Scope::Team;
        let key = org.teams[i].key.clone();
        let n = org.teams.len();
        if self.tab == Tab::Rollup {
            self.tab = Tab::Board;
        }
        self.read_only = None;
        self.follow_everything();
        let (task, row) = keep.unwrap_or((None, None));
        self.refresh_order(task.map(align_core::model::TaskIx));
        self.goals.selected = row
            .and_then(|target| {
                self.goal_rows
                    .iter()
                    .position(|r| r.target(self.ws()) == target)
            })
            .unwrap_or(0);
        self.fit_views();
        self.say(
            format!(
                "team {key} ({}/{n}): its goals under the company's, its tasks (t: next team, o: the whole organisation)",
                i + 1
            ),
            Tone::Info,
        );
    }

    fn listed(&self) -> Listed {
        Listed {
            filter: self.filter.clone(),
            class: self.class_filter,
            finished: self.show_finished,
            sort: self.sort,
        }
    }

    /// Keep what the organisation's scope lists, while it is shown, for when it is next.
    pub(super) fn stash_rows(&mut self) {
        if self.org_view().is_none() {
            return;
        }
        let rows = Rows {
            haystack: std::mem::take(&mut self.haystack),
            order: std::mem::take(&mut self.task_order),
            tasks: self.tasks,
            listed: self.listed(),
            traction: self.traction.take(),
            comparison: self.comparison.take(),
            // Kept only when up to date with the view they were worked out of.
            insights: self.insights.take().filter(|_| !self.insights_stale),
        };
        if let Some(org) = self.org.as_deref_mut() {
            org.rows = Some(rows);
        }
    }

    /// On the loop's first tick (a quarter of a second after it opens), make the
    /// organisation's view and its rows before the first `o` asks for them (a tenth of a
    /// second, which would otherwise be that key's): listed live while the organisation
    /// is in scope, kept for the first `o` while a team is shown. Once it is made, a
    /// tick does nothing here.
    pub(in crate::board) fn make_org_view_ahead(&mut self) {
        let Some(org) = self.org.as_deref() else {
            return;
        };
        if org.view.is_some() {
            return;
        }
        if org.scope == Scope::Organisation {
            self.follow_org_view();
            return;
        }
        self.update_view();
        let Some(view) = self.org.as_deref().and_then(|o| o.view.as_ref()) else {
            return;
        };
        let mut haystack = SearchText::default();
        if self.query.has_words() {
            haystack.make(&view.workspace);
        }
        let order = Listing::new(
            &view.workspace,
            &view.scores,
            haystack.made().unwrap_or_default(),
            &self.query,
            self.class_filter,
            self.show_finished,
            self.sort,
        )
        .rows();
        let rows = Rows {
            haystack,
            order,
            tasks: ListState::default(),
            listed: self.listed(),
            traction: None,
            comparison: None,
            insights: None,
        };
        if let Some(org) = self.org.as_deref_mut() {
            org.rows = Some(rows);
        }
    }

    /// Has a team changed since the organisation's view was brought up to date (or has
    /// it never been made), while the organisation is in scope?
    pub(super) fn org_view_stale(&self) -> bool {
        let Some(org) = self.org.as_deref() else {
            return false;
        };
        org.scope == Scope::Organisation
            && (org.view.is_none()
                || org.teams.iter().zip(&org.seen).any(|(slot, &seen)| {
                    slot.session.as_ref().unwrap_or(&self.session).revision() != seen
                }))
    }

    /// Bring the organisation's view up to date with every team (made the first time):
    /// what moved in it ([`Spliced`]).
    fn update_view(&mut self) -> Spliced {
        let (today, lens) = (self.today, self.session.lens());
        let org = self.org.as_deref_mut()?;
        let teams = team_views(&org.teams, &self.session);
        let now: Vec<u64> = org
            .teams
            .iter()
            .map(|slot| slot.session.as_ref().unwrap_or(&self.session).revision())
            .collect();
        let moved = match org.view.as_mut() {
            Some(view) if org.seen.len() == now.len() => {
                let changed: Vec<usize> =
                    (0..now.len()).filter(|&n| now[n] != org.seen[n]).collect();
                view.update(today, lens, &teams, &changed)
            }
            _ => {
                org.view = Some(merged(&org.name, today, lens, &teams));
                None
            }
        };
        org.seen = now;
        moved
    }

    /// The organisation in scope: its view brought up to date, and the panes' rows of it
    /// — those kept ([`App::stash_rows`]) followed for the teams that changed alone, when
    /// they were listed under the filters and sort in force now; else listed again.
    pub(super) fn follow_org_view(&mut self) {
        let moved = self.update_view();
        let rows = self.org.as_deref_mut().and_then(|o| o.rows.take());
        self.comparison = None;
        self.insights = None;
        self.task_order.clear();
        self.goal_rows = goal_tree(self.ws());
        let Some((rows, moved)) = rows.zip(moved) else {
            self.haystack.forget();
            self.traction = None;
            self.refresh_order(None);
            return;
        };
        let mut texts = rows.haystack;
        texts.tasks_moved(self.ws(), &moved);
        self.haystack = texts;
        // What is worked out of the whole view holds while nothing in it moved.
        let kept = moved.is_empty();
        self.traction = rows.traction.filter(|_| kept);
        self.comparison = rows.comparison.filter(|_| kept);
        // The Insights follow the teams' tasks that moved, while each kept its place
        // (an edit that added or removed no task): as after an edit on one team's board.
        let in_place = moved
            .iter()
            .all(|(old, new)| old.start == new.start && old.len() == new.len());
        self.insights = rows.insights.filter(|_| in_place);
        self.insights_edited.clear();
        self.insights_stale = !kept && self.insights.is_some();
        if self.insights_stale
            && let Some(view) = self.org_view()
        {
            let edited = view.edited().to_vec();
            self.insights_edited = edited;
        }
        if rows.listed != self.listed() {
            self.refresh_order(None);
            return;
        }
        let selected = rows
            .order
            .get(rows.tasks.selected)
            .and_then(|&t| moved_to(&moved, t));
        let mut order = rows.order;
        self.listing().relist(&mut order, &Some(moved));
        self.task_order = order;
        self.tasks = rows.tasks;
        self.keep_selected(selected);
    }
}
