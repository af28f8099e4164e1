//! Saving the edit a commit made in memory. Under the workspace lock the session looks at
//! every file of the workspace, not only the ones it writes: the directory must list the
//! files it read, each file it does not write must still hold the bytes it read (its stamp
//! says so cheaply; a moved stamp means its bytes are compared), and each file it writes is
//! compared byte for byte as it is replaced ([`crate::store::replace_all`]). Any difference
//! means another writer got there first: nothing is written, memory is put back, and the
//! caller is told to reload. A save that fails for any other reason (a read-only file, a
//! full disk) also puts memory back.

use std::path::PathBuf;

use super::disk::{Disk, Drift};
use super::{Kind, Pending, Session, Touched};
use crate::edit::Edit;
use crate::model::FileIx;
use crate::store::{self, Replacement, StoreError};

/// What [`Session::flush`] did.
#[derive(Debug)]
pub enum SaveOutcome {
    /// Written: the files it replaced. The history took the edit.
    Saved { kind: Kind, files: Vec<PathBuf> },
    /// Not written; memory is as it was before the edit (which `touched` what it says,
    /// for views to follow back) and the history too, so the edit can be tried again.
    NotSaved {
        kind: Kind,
        touched: Touched,
        why: NotSaved,
    },
}

/// Why a save was not made.
#[derive(Debug)]
pub enum NotSaved {
    /// Another writer changed the workspace on disk since it was read: reload it
    /// ([`Session::reload`]).
    Moved(Drift),
    /// The files could not be written (read-only, locked, a full disk…).
    Store(StoreError),
    /// A save of several files failed between two renames: these files were saved, the
    /// others not. Memory no longer matches the disk: reload it.
    Partial {
        saved: Vec<PathBuf>,
        error: StoreError,
    },
}

impl Session {
    /// Save the edit [`Session::commit`] (or undo, redo) made in memory, if there is one.
    /// On success the history takes it; otherwise memory, scores and history are put back
    /// as they were, so nothing shows a change the files do not have.
    pub fn flush(&mut self) -> Option<SaveOutcome> {
        let Pending { edit, kind } = self.pending.take()?;
        let files = edit.files();
        let undo = edit.inverse();
        match self.save_files(&files, &undo) {
            Ok(paths) => {
                for &f in &files {
                    // The model's text is what is on disk now.
                    self.disk.texts[f] = None;
                    self.disk.stamps[f] = store::stamp(&self.ws.files[f].path);
                }
                match kind {
                    Kind::Do => {
                        self.undo.push(edit);
                        self.redo.clear();
                    }
                    Kind::Undo => self.redo.push(edit.inverse()),
                    Kind::Redo => self.undo.push(edit),
                }
                Some(SaveOutcome::Saved { kind, files: paths })
            }
            Err(why) => {
                let touched = match &why {
                    // Some files hold the edit and others do not: only a reload can say
                    // what the workspace is now; memory keeps the edit until then, and
                    // the files not saved are what the edit took back.
                    NotSaved::Partial { saved, .. } => {
                        self.keep_unsaved(&files, saved, &undo);
                        Touched::Everything
                    }
                    _ => self.apply(&edit.inverse()).unwrap_or(Touched::Everything),
                };
                // The history as it was: the edit can be tried again.
                self.put_back(edit, kind);
                Some(SaveOutcome::NotSaved { kind, touched, why })
            }
        }
    }

    /// After a save that failed half-way, note what each file of the edit not saved holds
    /// on disk: its text before the edit, which memory no longer has.
    fn keep_unsaved(&mut self, files: &[FileIx], saved: &[PathBuf], undo: &Edit) {
        for &f in files {
            if saved.contains(&self.ws.files[f].path) {
                self.disk.texts[f] = None;
                continue;
            }
            let old = self
                .disk
                .pieces(&self.ws, Some(undo), f)
                .map(|p| p.concat());
            if let Some(bytes) = old {
                self.disk.texts[f] = Some(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }

    /// Write `files` (by index) of the workspace, after checking under the lock that the
    /// workspace on disk is still the one the session read (`undo` takes the model's text
    /// back to it).
    fn save_files(&mut self, files: &[FileIx], undo: &Edit) -> Result<Vec<PathBuf>, NotSaved> {
        let lock = store::lock_workspace(&self.ws.root).map_err(NotSaved::Store)?;
        if let Some(drift) = Disk::listing_drift(&self.ws)
            .or_else(|| self.disk.bytes_drift(&self.ws, Some(undo), files))
        {
            return Err(NotSaved::Moved(drift));
        }
        let mut expected = Vec::with_capacity(files.len());
        for &f in files {
            let Some(pieces) = self.disk.pieces(&self.ws, Some(undo), f) else {
                return Err(NotSaved::Moved(Drift::Changed(
                    self.ws.files[f].path.clone(),
                )));
            };
            expected.push(pieces);
        }
        let replacements: Vec<Replacement<'_>> = files
            .iter()
            .zip(&expected)
            .map(|(&f, pieces)| Replacement {
                path: &self.ws.files[f].path,
                expected: pieces,
                new: self.ws.files[f].text.as_bytes(),
            })
            .collect();
        match store::replace_all(&lock, &replacements) {
            Ok(()) => Ok(files
                .iter()
                .map(|&f| self.ws.files[f].path.clone())
                .collect()),
            Err(e) if !e.saved.is_empty() => Err(NotSaved::Partial {
                saved: e.saved,
                error: e.error,
            }),
            Err(e) => match e.error {
                StoreError::Changed { path } => Err(NotSaved::Moved(Drift::Changed(path))),
                other => Err(NotSaved::Store(other)),
            },
        }
    }
}
