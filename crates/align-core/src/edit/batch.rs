//! Several block edits made as one: what an import is. Each edit was worked out on the
//! workspace as it stood before any of them (a task's block rewritten, new tasks after the
//! last task of a file), and no two overlap, so they can be worked out independently and
//! applied together. Applying a batch splices every file and reads the workspace again
//! from the new text — one parse, which is also the check that the result loads — rather
//! than moving every recorded position once per edit, which at 20,000 imported tasks would
//! cost more than the parse. The inverse is a batch too, so one undo takes a whole import
//! back.

use std::collections::BTreeMap;

use super::{BlockEdit, EditError, Splice};
use crate::load::load_sources;
use crate::model::{FileIx, Workspace};

/// Edits applied together; see the module's opening words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub edits: Vec<BlockEdit>,
}

impl Batch {
    /// A batch of `edits`, each worked out on the same workspace. Fails when two of them
    /// touch the same bytes.
    pub fn new(edits: Vec<BlockEdit>) -> Result<Batch, EditError> {
        let batch = Batch { edits };
        for (file, splices) in batch.by_file() {
            for pair in splices.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if a.at + a.removed.len() > b.at {
                    return Err(EditError::Rejected {
                        why: format!(
                            "two changes of file {} overlap at byte {} (an internal error)",
                            file.0, b.at
                        ),
                    });
                }
            }
        }
        Ok(batch)
    }

    /// The files the batch changes, in order, each once.
    pub fn files(&self) -> Vec<FileIx> {
        self.by_file().into_keys().collect()
    }

    /// Each file's splices in the order of their place in the file (insertions at the
    /// same place in the batch's order).
    fn by_file(&self) -> BTreeMap<FileIx, Vec<&Splice>> {
        let mut files: BTreeMap<FileIx, Vec<&Splice>> = BTreeMap::new();
        for e in &self.edits {
            files.entry(e.splice.file).or_default().push(&e.splice);
        }
        for splices in files.values_mut() {
            // Stable: insertions at one place keep the batch's order.
            splices.sort_by_key(|s| s.at);
        }
        files
    }

    /// The batch that takes this one back: each edit's inverse, at its place in the text
    /// as this batch leaves it (moved by every splice in front of it in its file).
    pub fn inverse(&self) -> Batch {
        let mut order: Vec<usize> = (0..self.edits.len()).collect();
        // Stable: insertions at one place keep the batch's order, as `apply` writes them.
        order.sort_by_key(|&i| (self.edits[i].splice.file, self.edits[i].splice.at));
        let mut edits: Vec<BlockEdit> = self.edits.iter().map(BlockEdit::inverse).collect();
        let (mut file, mut delta) = (None, 0isize);
        for i in order {
            let s = &self.edits[i].splice;
            if file != Some(s.file) {
                (file, delta) = (Some(s.file), 0);
            }
            edits[i].splice.at = s.at.saturating_add_signed(delta);
            delta += s.inserted.len() as isize - s.removed.len() as isize;
        }
        Batch { edits }
    }

    /// Splice every file and read the workspace again. On failure (the text no longer
    /// holds what an edit replaces, or the result does not load) nothing changed.
    pub(super) fn apply(&self, ws: &mut Workspace) -> Result<(), EditError> {
        let mut texts: BTreeMap<FileIx, String> = BTreeMap::new();
        for (file, splices) in self.by_file() {
            let Some(f) = ws.files.get(file.0) else {
                return Err(EditError::Rejected {
                    why: format!("no file {} in the workspace", file.0),
                });
            };
            let mut text = f.text.clone();
            // From the end, so each splice's place is still where it was worked out;
            // insertions at one place in reverse, so they end up in the batch's order.
            for s in splices.iter().rev() {
                if !s.apply_to(&mut text) {
                    return Err(EditError::Stale {
                        path: f.path.clone(),
                    });
                }
            }
            texts.insert(file, text);
        }
        let sources = ws
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let text = texts.get(&FileIx(i)).unwrap_or(&f.text);
                (f.path.clone(), text.clone().into_bytes())
            })
            .collect();
        let fresh = load_sources(&ws.root, sources).map_err(|e| EditError::Rejected {
            why: match &e {
                crate::diag::LoadError::Invalid { errors, .. } => errors.first().map_or_else(
                    || e.to_string(),
                    |d| format!("the result would not load: {d}"),
                ),
                other => other.to_string(),
            },
        })?;
        *ws = fresh.workspace;
        Ok(())
    }
}
