//! Two changes of one task made as one edit: `align edit T-1 --status doing --depends
//! T-2` and `align add … --depends T-2` are one save and one undo, though a task's fields
//! and its dependencies are worked out by different functions. The second change is
//! worked out on the workspace as the first leaves it, must lie inside the first's new
//! text (the same block), and the two become one splice at the first's place.

use super::{BlockEdit, EditError, Splice};
use crate::model::Workspace;

/// `first`, then what `second` asks of the workspace `first` leaves, as one edit whose
/// label names both. `first` alone when `second` has nothing to do; refused as a whole
/// when `second` is.
pub fn and_then(
    ws: &Workspace,
    first: BlockEdit,
    second: impl FnOnce(&Workspace) -> Result<Option<BlockEdit>, EditError>,
) -> Result<BlockEdit, EditError> {
    let mut after = ws.clone();
    super::apply(&mut after, &first)?;
    let Some(next) = second(&after)? else {
        return Ok(first);
    };
    let (a, b) = (&first.splice, &next.splice);
    let local = b.at.wrapping_sub(a.at);
    let end = local.saturating_add(b.removed.len());
    let mut inserted = a.inserted.clone();
    if b.file != a.file || b.at < a.at || inserted.get(local..end) != Some(b.removed.as_str()) {
        return Err(EditError::Rejected {
            why: "two changes of one task could not be made as one (an internal error)".to_string(),
        });
    }
    inserted.replace_range(local..end, &b.inserted);
    Ok(BlockEdit {
        splice: Splice {
            file: a.file,
            at: a.at,
            removed: a.removed.clone(),
            inserted,
        },
        subject: first.subject,
        label: format!("{}, {}", first.label, next.label),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::test_support::{round_trip, today};
    use crate::edit::{NewTask, TaskChanges, add_task_with, apply, change_depends, edit_fields};
    use crate::load::load_text;

    const TEXT: &str = "version = 1\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Ship\"  # the top task\nstatus = \"todo\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Migrate\"\n";

    #[test]
    fn fields_and_dependencies_change_in_one_splice() {
        let mut ws = load_text(TEXT);
        let t1 = ws.task_by_id("T-1").unwrap();
        let changes = TaskChanges {
            owner: Some(Some("maya".to_string())),
            ..TaskChanges::default()
        };
        let first = edit_fields(&ws, t1, &changes, today()).unwrap().unwrap();
        let add = ["T-2".to_string()];
        let e = and_then(&ws, first, |w| change_depends(w, t1, &add, &[])).unwrap();
        assert!(e.label.ends_with(", T-1 waits on T-2"), "{}", e.label);
        round_trip(&mut ws, e.clone());
        apply(&mut ws, &e).unwrap();
        assert_eq!(ws.tasks[t1].depends, ["T-2"]);
        assert_eq!(ws.tasks[t1].owner.as_deref(), Some("maya"));
        assert!(ws.files[0].text.contains("# the top task\n"));
    }

    #[test]
    fn a_new_task_waits_on_another_and_a_refusal_refuses_both() {
        let mut ws = load_text(TEXT);
        let new = NewTask {
            title: "Back up".to_string(),
            ..NewTask::default()
        };
        let (first, id) = add_task_with(&ws, &new).unwrap();
        let add = ["T-2".to_string()];
        let e = and_then(&ws, first.clone(), |w| {
            let i = crate::edit::find_task(w, &id)?;
            change_depends(w, i, &add, &[])
        })
        .unwrap();
        round_trip(&mut ws, e.clone());
        let bad = ["T-9".to_string()];
        let err = and_then(&ws, first, |w| {
            let i = crate::edit::find_task(w, &id)?;
            change_depends(w, i, &bad, &[])
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown task \"T-9\""), "{err}");
        apply(&mut ws, &e).unwrap();
        let t = ws.task_by_id(&id).unwrap();
        assert_eq!(ws.tasks[t].depends, ["T-2"]);
    }
}
