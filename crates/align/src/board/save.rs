//! Edits from the board reach the file through the session ([`Session`]): the board hands
//! it an [`Edit`], draws the change at once, and asks the session to save it before the
//! next key is read. What comes back is an outcome; here it becomes what the person sees —
//! the rows following the change, a message, a form opened again with the reason when the
//! edit could not be made. A workspace someone else changed is never overwritten: the
//! session refuses, and the board reloads it ([`super::disk`]; or, when it no longer
//! parses, stays read-only until it does) and says so. The board never retries an edit on
//! its own: the person sees the fresh state and decides.
//!
//! [`Session`]: align_core::session::Session

use align_core::edit::{self, BlockEdit, Edit, LinkEdit};
use align_core::model::{TaskIx, TaskStatus};
use align_core::session::{Applied, Kind, NotSaved, Refused, SaveOutcome};

use super::app::{App, Tone};
use super::form::Form;

/// What the board remembers of an edit on screen until the session has saved it.
pub(crate) struct Pending {
    /// The form it came from, opened again if the save fails.
    form: Option<Form>,
    /// The message once it is saved.
    done: String,
}

impl App {
    /// May the board write? A read-only board first tries to load the file again.
    pub(super) fn writable(&mut self) -> bool {
        if self.read_only.is_some() {
            self.reload();
        }
        self.read_only.is_none()
    }

    pub(super) fn toggle_link(&mut self) {
        if !self.writable() {
            return;
        }
        let (Some(task), Some(row)) = (self.selected_task(), self.selected_goal_row()) else {
            self.say(
                "select a task and a goal first (Tab switches panes)",
                Tone::Problem,
            );
            return;
        };
        let target = row.target(self.ws());
        match edit::toggle(self.ws(), task, &target) {
            Ok(Some(edit)) => {
                self.commit(Edit::Link(edit), None);
            }
            Ok(None) => {}
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    /// The dependency key: the first press picks the selected task, the second toggles
    /// "the picked task waits on the selected one" (the same task again lets go). The
    /// pick is held by id, so a reload or an undo in between cannot shift it onto another
    /// task.
    pub(super) fn toggle_depends(&mut self) {
        if !self.writable() {
            return;
        }
        let Some(task) = self.selected_task() else {
            self.say("select a task first", Tone::Problem);
            return;
        };
        let picked = self.depends_from.take();
        let Some(from) = picked.as_deref().and_then(|id| self.ws().task_by_id(id)) else {
            let key = super::ui::hint_key(&self.keymap.normal, "depends").unwrap_or_default();
            let id = self.ws().tasks[task].id.clone();
            self.say(
                format!("{id} waits on…: select that task and press {key} (Esc: neither)"),
                Tone::Info,
            );
            self.depends_from = Some(id);
            return;
        };
        if from == task {
            let id = &self.ws().tasks[task].id;
            let why = format!("let go of {id}: a task cannot wait on itself");
            self.say(why, Tone::Info);
            return;
        }
        match edit::toggle_depends(self.ws(), from, task) {
            Ok(Some(edit)) => {
                self.commit(Edit::Block(edit), None);
            }
            Ok(None) => {}
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    /// Link the selected task to the goal suggested for it (`→ perf/kr3?`): the same
    /// link `l` makes, without finding the goal first; `u` undoes it.
    pub(super) fn accept_suggestion(&mut self) {
        if !self.writable() {
            return;
        }
        let Some(task) = self.selected_task() else {
            self.say("select a task first", Tone::Problem);
            return;
        };
        let id = &self.ws().tasks[task].id;
        if !self.ws().tasks[task].goals.is_empty() {
            self.say(format!("{id} is linked already"), Tone::Info);
            return;
        }
        let Some(target) = self.board().tasks[task].suggested_goal.clone() else {
            self.say(
                format!("no goal suggested for {id}: select one and press l"),
                Tone::Info,
            );
            return;
        };
        match edit::link(self.ws(), task, &target) {
            Ok(Some(edit)) => {
                self.commit(Edit::Link(edit), None);
            }
            Ok(None) => {}
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    pub(super) fn undo(&mut self) {
        let made = self.session.undo();
        self.after_commit(made, None, Kind::Undo);
    }

    pub(super) fn redo(&mut self) {
        let made = self.session.redo();
        self.after_commit(made, None, Kind::Redo);
    }

    /// Make `edit` in memory and show it; the loop then calls [`App::flush`], once this
    /// state is on screen, so the change shows at once and the file is written before the
    /// next key is read. `form` is the form the edit came from, opened again (with the
    /// reason) if the edit cannot be made or saved. False when it was refused before
    /// anything changed.
    pub(super) fn commit(&mut self, edit: Edit, form: Option<Form>) -> bool {
        let made = self.session.commit(edit);
        self.after_commit(made, form, Kind::Do)
    }

    /// Show what the session made of a `kind` edit (or why it refused it).
    fn after_commit(
        &mut self,
        made: Result<Applied, Refused>,
        form: Option<Form>,
        kind: Kind,
    ) -> bool {
        let applied = match made {
            Ok(applied) => applied,
            Err(Refused::NothingToUndo) => {
                self.say("nothing to undo", Tone::Info);
                return false;
            }
            Err(Refused::NothingToRedo) => {
                self.say("nothing to redo", Tone::Info);
                return false;
            }
            Err(Refused::Moved(drift)) => {
                // The workspace on disk must still be the one the edit was made on.
                self.reload_after_conflict(
                    &format!("{drift} on disk: reloaded, nothing was saved"),
                    kind,
                );
                self.reopen(form);
                return false;
            }
            Err(Refused::Stale | Refused::Unsaved) => {
                self.say(
                    "the workspace in memory no longer matches this edit; press R to reload",
                    Tone::Problem,
                );
                self.reopen(form);
                return false;
            }
        };
        // Traction counts the links of finished tasks: a link or unlink of open work
        // leaves it as it was, and it is not worked out again over every task.
        let traction = match &applied.edit {
            Edit::Link(e)
                if self
                    .ws()
                    .tasks
                    .get(e.task.0)
                    .is_some_and(|t| t.status != TaskStatus::Done) =>
            {
                self.traction.take()
            }
            _ => None,
        };
        self.follow(applied.touched);
        if traction.is_some() {
            self.traction = traction;
        }
        // An undo names the change it takes back ("undo: linked T-103 → …"), not the
        // reverse it performs; a redo the change it makes again.
        let what = match applied.kind {
            Kind::Undo => self.describe(&applied.edit.inverse()),
            Kind::Do | Kind::Redo => self.describe(&applied.edit),
        };
        let prefix = match applied.kind {
            Kind::Do => "",
            Kind::Undo => "undo: ",
            Kind::Redo => "redo: ",
        };
        let hidden = edited_task(&applied.edit)
            .and_then(|t| self.hidden_note(t))
            .unwrap_or_default();
        let done = format!("{prefix}{what} · saved{hidden}");
        self.say(format!("{prefix}{what} · saving…"), Tone::Info);
        self.pending = Some(Pending { form, done });
        true
    }

    /// Save the edit on screen, if there is one: on failure the session has put memory
    /// back, and the board follows it back and says why. Says whether there was anything
    /// to save (and so something new to draw).
    pub fn flush(&mut self) -> bool {
        let Some(outcome) = self.session.flush() else {
            return false;
        };
        let Pending { form, done } = self.pending.take().unwrap_or(Pending {
            form: None,
            done: "saved".to_string(),
        });
        match outcome {
            SaveOutcome::Saved { .. } => self.say(done, Tone::Done),
            SaveOutcome::NotSaved { kind, touched, why } => {
                self.follow(touched);
                match why {
                    NotSaved::Moved(_) => self.reload_after_conflict(
                        "the file changed on disk: reloaded it, nothing was overwritten",
                        kind,
                    ),
                    NotSaved::Partial { saved, error } => {
                        let names: Vec<String> =
                            saved.iter().map(|p| p.display().to_string()).collect();
                        self.reload();
                        self.say(
                            format!("not all saved: {error}; saved only {}", names.join(", ")),
                            Tone::Problem,
                        );
                    }
                    NotSaved::Store(e) => self.say(format!("not saved: {e}"), Tone::Problem),
                }
                self.reopen(form);
            }
        }
        self.prepare_view();
        true
    }

    fn describe(&self, edit: &Edit) -> String {
        match edit {
            Edit::Link(e) => self.describe_link(e),
            // The label of an inverse is "undo " + label: the change's own words.
            Edit::Block(BlockEdit { label, .. }) => {
                let mut base = label.as_str();
                while let Some(rest) = base.strip_prefix("undo ") {
                    base = rest;
                }
                base.to_string()
            }
            Edit::Batch(b) => match b.edits.first() {
                Some(first) => {
                    let mut base = first.label.as_str();
                    while let Some(rest) = base.strip_prefix("undo ") {
                        base = rest;
                    }
                    match b.edits.len() {
                        1 => base.to_string(),
                        n => format!("{base} (+{} more)", n - 1),
                    }
                }
                None => "nothing".to_string(),
            },
        }
    }

    fn describe_link(&self, edit: &LinkEdit) -> String {
        let t = &self.ws().tasks[edit.task];
        let added = edit
            .goals_after
            .iter()
            .find(|g| !edit.goals_before.contains(g));
        let removed = edit
            .goals_before
            .iter()
            .find(|g| !edit.goals_after.contains(g));
        match (added, removed) {
            (Some(g), _) => format!("linked {} → {g}", t.id),
            (None, Some(g)) => format!("unlinked {} ↛ {g}", t.id),
            _ => format!("changed {}", t.id),
        }
    }

    /// Someone else changed the workspace before a `kind` edit could be saved: read it
    /// again and say `what` happened, whether the history survived the reload (only if its
    /// files did not change), and whether trying again makes sense.
    fn reload_after_conflict(&mut self, what: &str, kind: Kind) {
        if let Some(outcome) = self.reload() {
            let again = if kind == Kind::Do || !outcome.history_cleared {
                "; try again"
            } else {
                ""
            };
            let cleared = if outcome.history_cleared {
                "; undo history cleared"
            } else {
                ""
            };
            self.say(format!("{what}{cleared}{again}"), Tone::Problem);
        }
    }

    /// A form whose edit was not made opens again as it was, with the reason below it,
    /// so nothing typed is lost.
    fn reopen(&mut self, form: Option<Form>) {
        if let Some(mut form) = form {
            form.problem = self.message.as_ref().map(|m| m.0.clone());
            self.open_form(form);
        }
    }

    /// Why the filters now hide `task`, when they do: " · now aligned, hidden by the
    /// busy-work filter (f shows all)".
    fn hidden_note(&self, task: TaskIx) -> Option<String> {
        if task.0 >= self.ws().tasks.len() || self.task_order.contains(&task) {
            return None;
        }
        let class = self.board().tasks[task].class;
        if !self.ws().tasks[task].status.is_open()
            && !self.show_finished
            && !self.query.names_status()
        {
            let key = super::ui::hint_key(&self.keymap.normal, "show_finished")
                .map(|k| format!(" ({k} shows all)"))
                .unwrap_or_default();
            return Some(format!(" · off the list of open work{key}"));
        }
        Some(match self.class_filter {
            Some(shown) if shown != class => {
                format!(" · now {class}, hidden by the {shown} filter (f shows all)")
            }
            _ => format!(
                " · no longer matches the filter /{} (Esc clears it)",
                self.filter
            ),
        })
    }
}

/// The task an edit changed in place, if it is one.
fn edited_task(edit: &Edit) -> Option<TaskIx> {
    match edit {
        Edit::Link(e) => Some(e.task),
        Edit::Block(BlockEdit {
            subject: edit::Subject::Task(i),
            ..
        }) => Some(*i),
        Edit::Block(_) | Edit::Batch(_) => None,
    }
}
