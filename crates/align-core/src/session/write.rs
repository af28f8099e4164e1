//! An edit made and saved at once, as a command (a script, a cron job) makes it. Nobody
//! is looking at a stale picture, so when another writer changed the workspace first the
//! session reads it again and makes the edit again on what is there now — a link whose
//! goal was just removed then fails as an unknown goal; an import picks the next free
//! task id. The board does not retry: it shows the person the fresh state instead.

use std::path::PathBuf;

use super::{NotSaved, Refused, SaveOutcome, Session};
use crate::diag::LoadError;
use crate::edit::{Edit, EditError};
use crate::model::Workspace;
use crate::store::StoreError;

/// How many times an edit is made again because another writer got there first.
const ATTEMPTS: usize = 50;

/// An edit saved by [`Session::write`]: what the edit's maker returned beside it, and the
/// files written.
#[derive(Debug)]
pub struct Written<T> {
    pub value: T,
    pub files: Vec<PathBuf>,
}

/// Why [`Session::write`] saved nothing (but for `Partial`).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The edit cannot be made on the workspace as it is.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// Another writer changed the workspace, and now it does not load.
    #[error("the workspace changed on disk and no longer loads; nothing was written")]
    Load(LoadError),
    #[error(transparent)]
    Store(StoreError),
    /// Some files of a several-file save were written before a rename failed.
    #[error("{error}; only {} of the files were saved: {}", saved.len(), names(saved))]
    Partial {
        saved: Vec<PathBuf>,
        error: StoreError,
    },
    /// Other writers kept changing the workspace for every attempt.
    #[error(
        "the workspace kept changing on disk while this edit was being saved ({ATTEMPTS} tries); nothing was written"
    )]
    Busy,
}

fn names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

impl Session {
    /// Make the edit `make` works out on the workspace and save it; when another writer
    /// changed the workspace first, read it again and make the edit again. `Ok(None)` when
    /// `make` finds nothing to do. The history keeps the edit, as the board's does.
    pub fn write<T>(
        &mut self,
        make: impl FnMut(&Workspace) -> Result<Option<(Edit, T)>, EditError>,
    ) -> Result<Option<Written<T>>, WriteError> {
        self.write_checked(make, |_, _| Ok(()))
    }

    /// [`Session::write`], with `check` asked of the workspace the edit gives before it is
    /// saved (an import proves it holds what was imported): when it says no, the edit is
    /// taken back and nothing is written.
    pub fn write_checked<T>(
        &mut self,
        mut make: impl FnMut(&Workspace) -> Result<Option<(Edit, T)>, EditError>,
        mut check: impl FnMut(&Workspace, &T) -> Result<(), EditError>,
    ) -> Result<Option<Written<T>>, WriteError> {
        for _ in 0..ATTEMPTS {
            let Some((edit, value)) = make(&self.ws)? else {
                return Ok(None);
            };
            let internal = || {
                WriteError::Edit(EditError::Rejected {
                    why: "the edit does not apply to the workspace as read (an internal error)"
                        .to_string(),
                })
            };
            match self.commit(edit) {
                Ok(_) => {}
                Err(Refused::Moved(_)) => {
                    self.reload().map_err(WriteError::Load)?;
                    continue;
                }
                Err(_) => return Err(internal()),
            }
            if let Err(e) = check(&self.ws, &value) {
                self.discard();
                return Err(WriteError::Edit(e));
            }
            match self.flush().ok_or_else(internal)? {
                SaveOutcome::Saved { files, .. } => return Ok(Some(Written { value, files })),
                SaveOutcome::NotSaved { why, .. } => match why {
                    NotSaved::Moved(_) => {
                        self.reload().map_err(WriteError::Load)?;
                    }
                    NotSaved::Store(e) => return Err(WriteError::Store(e)),
                    NotSaved::Partial { saved, error } => {
                        return Err(WriteError::Partial { saved, error });
                    }
                },
            }
        }
        Err(WriteError::Busy)
    }
}
