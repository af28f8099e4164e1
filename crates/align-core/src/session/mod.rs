//! The session: one loaded workspace and everything about changing it, shared by every
//! writer — the board, `link`, `unlink`, `import` and the commands after them.
//!
//! A change is an [`Edit`]. The session applies it in memory and re-scores what it touched
//! ([`Session::commit`]), then saves it ([`Session::flush`]): under the workspace lock it
//! checks that *every* file of the workspace is still the one it read (a file another
//! writer saved, a file that appeared with the next task id in it, a file that went), and
//! only then replaces the files the edit changed. A save that cannot be made puts memory
//! back as it was, so nothing ever shows a change the files do not have. The history of
//! saved edits is the session's too: [`Session::undo`] and [`Session::redo`] take the same
//! path, and [`Session::reload`] keeps the history when it can prove every entry still
//! applies.
//!
//! Methods return outcomes, never messages: [`Applied`] or [`Refused`] for a commit,
//! [`SaveOutcome`] for a save, [`Reloaded`] for a reload. What to tell the person — and
//! whether to try again — is the caller's: a script's edit is made again on a fresh read
//! ([`Session::write`]), a person's is shown the fresh state and left to them.
//!
//! Scores are worked out the first time something asks for them: a command that only edits
//! (`link`, `unlink`) never scores the workspace, and an edit made before then leaves
//! nothing to bring up to date (a fresh scoring is what the incremental one always equals).
//!
//! Here: the session's state, its construction and the commit; `disk` is the workspace on
//! disk against the session's copy, `save` the flush, `reload` reading the workspace again,
//! `scores` the incremental re-scoring, `write` the edit-and-save of a command.

mod disk;
mod reload;
mod save;
mod scores;
mod write;

#[cfg(test)]
mod revision_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod upstream_tests;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diag::{Diagnostic, LoadError};
use crate::edit::{Edit, Subject};
use crate::load::{Loaded, load};
use crate::model::{GoalIx, Lens, TaskIx, Workspace};
use crate::scoring::{Scoreboard, Scorer};

use disk::Disk;
pub use disk::Drift;
pub use reload::Reloaded;
pub use save::{NotSaved, SaveOutcome};
use scores::Scores;
pub use write::{WriteError, Written};

/// Which way an edit goes through the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A new edit: once saved it goes on the undo history and the redo history is cleared.
    Do,
    /// The inverse of the newest saved edit.
    Undo,
    /// An undone edit made again.
    Redo,
}

/// What an edit changed in the model, for a caller that keeps views of it (the board's
/// rows): a task's fields, a goal's (its key results' check-ins), a task added or removed
/// (the tasks after it moved up or down one place), or anything at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    Task(TaskIx),
    Goal(GoalIx),
    TaskAdded(TaskIx),
    TaskRemoved(TaskIx),
    Everything,
}

/// An edit made in memory and re-scored, waiting for [`Session::flush`].
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub kind: Kind,
    /// The edit as performed (for an undo: the inverse of the history's entry).
    pub edit: Edit,
    pub touched: Touched,
}

/// Why an edit was not made. Nothing changed, in memory or on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The workspace on disk is no longer the one the session read: reload it first
    /// ([`Session::reload`]); the edit may no longer make sense there.
    Moved(Drift),
    /// The edit does not apply to the workspace in memory (an entry made for other text).
    Stale,
    /// There is no saved edit to undo, or none undone to redo.
    NothingToUndo,
    NothingToRedo,
    /// An edit is still waiting to be saved ([`Session::flush`] first).
    Unsaved,
}

/// An edit applied in memory, not yet saved.
#[derive(Debug)]
struct Pending {
    edit: Edit,
    kind: Kind,
}

/// One loaded workspace, scored, with its history of saved edits.
pub struct Session {
    ws: Workspace,
    disk: Disk,
    today: NaiveDate,
    lens: Lens,
    /// Every score, once something asked for them (see the module's opening words).
    scores: OnceCell<Scores>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    pending: Option<Pending>,
    /// How many times the workspace or its scores changed (see [`Session::revision`]).
    revision: u64,
}

impl Session {
    /// Load the workspace at `root` (a file or a directory) and score it as of `today`
    /// under `lens` (the workspace's own when `None`). The warnings come back beside it.
    pub fn open(
        root: &Path,
        today: NaiveDate,
        lens: Option<Lens>,
    ) -> Result<(Session, Vec<Diagnostic>), LoadError> {
        let loaded = load(root)?;
        let warnings = loaded.warnings.clone();
        Ok((Session::new(loaded, today, lens), warnings))
    }

    /// A session over a workspace already loaded from disk (its files' texts are taken to
    /// be what is on disk now).
    pub fn new(loaded: Loaded, today: NaiveDate, lens: Option<Lens>) -> Session {
        let ws = loaded.workspace;
        let lens = lens.unwrap_or(ws.lens);
        let disk = Disk::new(&ws);
        Session {
            ws,
            disk,
            today,
            lens,
            scores: OnceCell::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            pending: None,
            revision: 0,
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The scores, worked out now if nothing asked for them before.
    fn scores(&self) -> &Scores {
        self.scores
            .get_or_init(|| Scores::new(&self.ws, self.today, self.lens))
    }

    /// Every task scored, the goal flags and the summary, up to date with every edit.
    pub fn scoreboard(&self) -> &Scoreboard {
        &self.scores().board
    }

    pub fn scorer(&self) -> &Scorer {
        &self.scores().scorer
    }

    /// Which tasks wait on which, up to date with every edit as the scores are.
    pub fn dependencies(&self) -> &crate::depends::Dependencies {
        &self.scores().dependencies
    }

    /// A number that changes whenever the workspace or its scores do (an edit, one taken
    /// back, a reload, another lens): what is derived from them and remembers the number
    /// it was derived at knows whether it is still current.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn lens(&self) -> Lens {
        self.lens
    }

    /// The path the workspace was loaded from (a file or a directory).
    pub fn root(&self) -> &Path {
        &self.ws.root
    }

    /// Score everything again under `lens`. What does not depend on the lens — the
    /// suggested goal of each unlinked task, the goal flags — is kept, not worked out again.
    pub fn set_lens(&mut self, lens: Lens) {
        self.revision += 1;
        self.lens = lens;
        if let Some(scores) = self.scores.get_mut() {
            scores.set_lens(&self.ws, lens);
        }
    }

    /// Saved edits that [`Session::undo`] can take back, and undone ones to redo.
    pub fn history_len(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Forget the history (the caller made a change the entries cannot follow).
    pub fn clear_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// The files of the workspace, as paths.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.ws.files.iter().map(|f| &f.path)
    }

    /// Make `edit` in memory and re-score what it touched; [`Session::flush`] saves it.
    /// Refused, with nothing changed, when the workspace on disk moved since it was read
    /// (a `git pull` may have brought a file holding the id a new task is about to get,
    /// or taken the goal a link names), or when the edit does not fit the workspace.
    pub fn commit(&mut self, edit: Edit) -> Result<Applied, Refused> {
        self.make(edit, Kind::Do)
    }

    /// Take back the newest saved edit (in memory; [`Session::flush`] saves it).
    pub fn undo(&mut self) -> Result<Applied, Refused> {
        let entry = self.undo.pop().ok_or(Refused::NothingToUndo)?;
        self.make(entry.inverse(), Kind::Undo).inspect_err(|_| {
            self.undo.push(entry);
        })
    }

    /// Make the newest undone edit again (in memory; [`Session::flush`] saves it).
    pub fn redo(&mut self) -> Result<Applied, Refused> {
        let entry = self.redo.pop().ok_or(Refused::NothingToRedo)?;
        self.make(entry.clone(), Kind::Redo).inspect_err(|_| {
            self.redo.push(entry);
        })
    }

    /// Take back the edit waiting to be saved, as if it had never been made.
    pub fn discard(&mut self) {
        if let Some(Pending { edit, kind }) = self.pending.take() {
            self.apply(&edit.inverse());
            self.put_back(edit, kind);
        }
    }

    /// An edit that was not saved goes back where it came from: an undo to the undo
    /// history (as the entry it was), a redo to the redo history; a new edit nowhere.
    fn put_back(&mut self, edit: Edit, kind: Kind) {
        match kind {
            Kind::Undo => self.undo.push(edit.inverse()),
            Kind::Redo => self.redo.push(edit),
            Kind::Do => {}
        }
    }

    /// The inverse of the edit waiting to be saved: what takes the model's text back to
    /// the bytes on disk.
    fn undo_of_pending(&self) -> Option<Edit> {
        self.pending.as_ref().map(|p| p.edit.inverse())
    }

    /// Is an edit waiting to be saved?
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    fn make(&mut self, edit: Edit, kind: Kind) -> Result<Applied, Refused> {
        if self.pending.is_some() {
            return Err(Refused::Unsaved);
        }
        if let Some(drift) = self.disk.drift(&self.ws, None) {
            return Err(Refused::Moved(drift));
        }
        let touched = self.apply(&edit).ok_or(Refused::Stale)?;
        self.pending = Some(Pending {
            edit: edit.clone(),
            kind,
        });
        Ok(Applied {
            kind,
            edit,
            touched,
        })
    }

    /// Apply `edit` to the model and re-score; `None`, with nothing changed, when it does
    /// not apply.
    fn apply(&mut self, edit: &Edit) -> Option<Touched> {
        if !fits(&self.ws, edit) {
            return None;
        }
        let before = Scores::before(&self.ws, edit);
        // Counted before: an edit that fails half-way may have changed something.
        self.revision += 1;
        edit.apply(&mut self.ws).ok()?;
        let touched = scores::touched(&self.ws, edit, &before);
        if let Some(scores) = self.scores.get_mut() {
            scores.after(&self.ws, touched, &before);
        }
        Some(touched)
    }
}

/// Does the edit name a file, task and goal the workspace has? (An entry that does not is
/// refused, never applied to whatever is at that place now.)
fn fits(ws: &Workspace, edit: &Edit) -> bool {
    let files_ok = edit.files().iter().all(|f| f.0 < ws.files.len());
    let item_ok = |e: &Edit| match e {
        Edit::Link(e) => e.task.0 < ws.tasks.len(),
        Edit::Block(b) => match b.subject {
            Subject::Task(i) => i.0 < ws.tasks.len(),
            Subject::Goal(g) => g.0 < ws.goals.len(),
            Subject::AddTask => true,
            Subject::RemoveTask => !ws.tasks.is_empty(),
            Subject::AddGoal => true,
            Subject::RemoveGoal => !ws.goals.is_empty(),
        },
        Edit::Batch(_) => true,
    };
    files_ok && item_ok(edit)
}

/// Many sessions — an organisation's teams — under one `lens`, each as
/// [`Session::set_lens`] does it. Each session's scores are its own, so the teams are
/// shared among the cores when there is enough work to share (an organisation of 50
/// teams × 2,000 tasks: `m` on its board re-weighs 100,000 scores).
pub fn set_lens_of_all(sessions: Vec<&mut Session>, lens: Lens) {
    let tasks: usize = sessions.iter().map(|s| s.ws.tasks.len()).sum();
    let cores = match tasks {
        0..16_384 => 1,
        _ => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    };
    set_lens_on(sessions, lens, cores);
}

/// [`set_lens_of_all`] on `cores` cores.
pub(crate) fn set_lens_on(sessions: Vec<&mut Session>, lens: Lens, cores: usize) {
    let tasks: usize = sessions.iter().map(|s| s.ws.tasks.len()).sum();
    if cores < 2 || sessions.len() < 2 {
        for s in sessions {
            s.set_lens(lens);
        }
        return;
    }
    // Shares of about equal tasks, in order: a share ends once it holds its part.
    let per = tasks.div_ceil(cores);
    let mut shares: Vec<Vec<&mut Session>> = vec![Vec::new()];
    let mut held = 0;
    for s in sessions {
        if held >= per {
            shares.push(Vec::new());
            held = 0;
        }
        held += s.ws.tasks.len();
        if let Some(share) = shares.last_mut() {
            share.push(s);
        }
    }
    std::thread::scope(|scope| {
        let mut shares = shares.into_iter();
        let first = shares.next();
        let others: Vec<_> = shares
            .map(|share| {
                scope.spawn(move || {
                    for s in share {
                        s.set_lens(lens);
                    }
                })
            })
            .collect();
        for s in first.into_iter().flatten() {
            s.set_lens(lens);
        }
        for share in others {
            if let Err(panic) = share.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}
