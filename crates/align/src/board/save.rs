//! Edits from the board reach the file here: apply in memory, save through the
//! library's atomic, locked write path, and on any failure put memory back as it was so
//! the board never shows a change the file does not have. Every kind of edit — a link, a
//! check-in, a new task, a title, a status — is an [`Edit`] and takes this one path, so
//! undo and redo cover them all. A file changed by someone else is never overwritten:
//! the board reloads it ([`super::disk`]; or, when it no longer parses, stays read-only
//! until it does).

use align_core::edit::{BlockEdit, Edit, Subject};
use align_core::scoring::counted_goals;
use align_core::store::StoreError;
use align_core::writeback::{self, EditError, LinkEdit};

use super::app::{App, Tone};
use super::form::Form;

/// An edit made in memory and on screen, waiting for [`App::flush`] to save it.
pub(crate) struct Pending {
    edit: Edit,
    kind: Kind,
    /// The form it came from, opened again if the save fails.
    form: Option<Form>,
    /// The message once it is saved.
    done: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Do,
    Undo,
    Redo,
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
        let target = row.target(&self.ws);
        match writeback::toggle(&self.ws, task, &target) {
            Ok(Some(edit)) => {
                self.commit(Edit::Link(edit), Kind::Do, None);
            }
            Ok(None) => {}
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    pub(super) fn undo(&mut self) {
        match self.undo.pop() {
            Some(edit) => {
                self.commit(edit.inverse(), Kind::Undo, None);
            }
            None => self.say("nothing to undo", Tone::Info),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.redo.pop() {
            Some(edit) => {
                self.commit(edit, Kind::Redo, None);
            }
            None => self.say("nothing to redo", Tone::Info),
        }
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
        }
    }

    fn describe_link(&self, edit: &LinkEdit) -> String {
        let t = &self.ws.tasks[edit.task];
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

    /// Apply `edit` in memory and bring the board up to date, then leave the save to
    /// [`App::flush`], which the loop calls once this state is on screen: the change
    /// shows at once, and the file is written before the next key is read. `form` is the
    /// form the edit came from, opened again (with the reason) if the edit cannot be
    /// made or saved. False when the edit was refused before anything changed.
    pub(super) fn commit(&mut self, edit: Edit, kind: Kind, form: Option<Form>) -> bool {
        // The workspace on disk must still be the one the edit was made on: a file
        // that appeared (a `git pull`) may hold the id a new task is about to get, or
        // no longer have the goal a link names.
        if let Some(what) = self.moved_on_disk() {
            self.put_back(edit, kind);
            self.reload_after_conflict(
                &format!("{what} on disk: reloaded, nothing was saved"),
                kind,
            );
            self.reopen(form);
            return false;
        }
        if !self.fits(&edit) || !self.apply(&edit) {
            self.say(
                "the workspace in memory no longer matches this edit; press R to reload",
                Tone::Problem,
            );
            self.reopen(form);
            return false;
        }
        // An undo names the change it takes back ("undo: linked T-103 → …"), not the
        // reverse it performs; a redo the change it makes again.
        let what = match kind {
            Kind::Undo => self.describe(&edit.inverse()),
            Kind::Do | Kind::Redo => self.describe(&edit),
        };
        let prefix = match kind {
            Kind::Do => "",
            Kind::Undo => "undo: ",
            Kind::Redo => "redo: ",
        };
        let hidden = self
            .edited_task(&edit)
            .and_then(|t| self.hidden_note(t))
            .unwrap_or_default();
        let done = format!("{prefix}{what} · saved{hidden}");
        self.say(format!("{prefix}{what} · saving…"), Tone::Info);
        self.pending = Some(Pending {
            edit,
            kind,
            form,
            done,
        });
        true
    }

    /// Save the edit [`App::commit`] made in memory, if there is one: on success the
    /// history takes it; on any failure memory, scores, rows and history are put back as
    /// they were, so the board never shows a change the file does not have. Says whether
    /// there was anything to save (and so something new to draw).
    pub fn flush(&mut self) -> bool {
        let Some(Pending {
            edit,
            kind,
            form,
            done,
        }) = self.pending.take()
        else {
            return false;
        };
        let file = edit.file();
        match writeback::save(&self.ws, file, &self.on_disk[file]) {
            Ok(()) => {
                // `clone_from` reuses the copy's buffer: no fresh allocation per save.
                self.on_disk[file].clone_from(&self.ws.files[file].text);
                self.restamp();
                self.say(done, Tone::Done);
                match kind {
                    Kind::Do => {
                        self.undo.push(edit);
                        self.redo.clear();
                    }
                    Kind::Undo => self.redo.push(edit.inverse()),
                    Kind::Redo => self.undo.push(edit),
                }
            }
            Err(e) => {
                // Put memory back: the file was not written.
                self.apply(&edit.inverse());
                let changed = matches!(e, EditError::Store(StoreError::Changed { .. }));
                // Put the history back too: the edit can be tried again.
                self.put_back(edit, kind);
                if changed {
                    self.reload_after_conflict(
                        "the file changed on disk: reloaded it, nothing was overwritten",
                        kind,
                    );
                } else {
                    self.say(format!("not saved: {e}"), Tone::Problem);
                }
                self.reopen(form);
            }
        }
        true
    }

    /// Someone else changed the workspace before a `kind` edit could be saved: read it
    /// again and say `what` happened, whether the history survived the reload (only if
    /// its files did not change), and whether trying again makes sense.
    fn reload_after_conflict(&mut self, what: &str, kind: Kind) {
        if let Some(outcome) = self.reload() {
            let again = if kind == Kind::Do || !outcome.history_cleared {
                "; try again"
            } else {
                ""
            };
            self.say(
                format!("{what}{}{again}", outcome.cleared_note()),
                Tone::Problem,
            );
        }
    }

    /// A form whose edit was not made opens again as it was, with the reason below it,
    /// so nothing typed is lost.
    fn reopen(&mut self, form: Option<Form>) {
        if let Some(mut form) = form {
            form.problem = self.message.as_ref().map(|m| m.0.clone());
            self.form = Some(form);
        }
    }

    /// An edit that was not made goes back where it came from: an undo to the undo
    /// history (as the entry it was), a redo to the redo history.
    fn put_back(&mut self, edit: Edit, kind: Kind) {
        match kind {
            Kind::Undo => self.undo.push(edit.inverse()),
            Kind::Redo => self.redo.push(edit),
            Kind::Do => {}
        }
    }

    /// Does the edit name a file, task and goal the workspace has? (An entry that does
    /// not is refused, never applied to whatever is at that place now.)
    fn fits(&self, edit: &Edit) -> bool {
        let ws = &self.ws;
        let file_ok = edit.file() < ws.files.len();
        let item_ok = match edit {
            Edit::Link(e) => e.task < ws.tasks.len(),
            Edit::Block(b) => match b.subject {
                Subject::Task(i) => i < ws.tasks.len(),
                Subject::Goal(g) => g < ws.goals.len(),
                Subject::AddTask => true,
                Subject::RemoveTask => !ws.tasks.is_empty(),
            },
        };
        file_ok && item_ok
    }

    /// Apply `edit` to the workspace in memory and bring scores and rows up to date
    /// ([`App::after_edit`]). False, with nothing changed, when it does not apply.
    fn apply(&mut self, edit: &Edit) -> bool {
        let counted_before = self
            .edited_task(edit)
            .map(|t| counted_goals(&self.ws, &self.ws.tasks[t]))
            .unwrap_or_default();
        if edit.apply(&mut self.ws).is_err() {
            return false;
        }
        self.after_edit(edit, &counted_before);
        true
    }

    /// Bring scores and rows up to date with an edit now in memory: a task
    /// edit re-scores that task only; a check-in the tasks linked to its goal; a new or
    /// removed task lists the tasks again, the new one selected. Then the sort and the
    /// filters apply again, the edited task still selected — or, when the filters now
    /// hide it, the row that took its place (as lazygit does when a filtered item leaves
    /// the list).
    fn after_edit(&mut self, edit: &Edit, counted_before: &[usize]) {
        match edit {
            Edit::Link(e) => {
                self.rescore(e.task, counted_before);
                self.refresh_task(e.task);
            }
            Edit::Block(b) => match b.subject {
                Subject::Task(i) => {
                    self.rescore(i, counted_before);
                    self.refresh_task(i);
                }
                Subject::Goal(g) => {
                    self.rescore_goal(g);
                    self.refresh_order(None);
                }
                Subject::AddTask => self.resize_tasks(self.ws.tasks.len().checked_sub(1)),
                Subject::RemoveTask => self.resize_tasks(None),
            },
        }
    }

    /// The task an edit changed, if it changed one that is still there.
    fn edited_task(&self, edit: &Edit) -> Option<usize> {
        let task = match edit {
            Edit::Link(e) => e.task,
            Edit::Block(BlockEdit {
                subject: Subject::Task(i),
                ..
            }) => *i,
            Edit::Block(_) => return None,
        };
        (task < self.ws.tasks.len()).then_some(task)
    }

    /// Why the filters now hide `task`, when they do: " · now aligned, hidden by the
    /// busy-work filter (f shows all)".
    fn hidden_note(&self, task: usize) -> Option<String> {
        if self.task_order.contains(&task) {
            return None;
        }
        let class = self.board.tasks[task].class;
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
