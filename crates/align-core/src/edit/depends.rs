//! A task's `depends` changed by one id: added in the array's own style (the same
//! splicing as a task's `goals`, `link::array`), or removed — and a `depends` line
//! written after the task's last value when it had none. Refused when the id names no
//! task, the task itself, or a task that already waits on this one (a cycle: work that
//! could never start), so what the board and `align edit` write always loads.

use super::block::insert_key;
use super::link::array;
use super::task::edit_task;
use super::{BlockEdit, EditError, find_task, quoted};
use crate::depends::Dependencies;
use crate::model::{TaskIx, Workspace};

/// Does `task` wait on `on`, as written?
pub fn waits_on(ws: &Workspace, task: TaskIx, on: TaskIx) -> bool {
    let id = &ws.tasks[on].id;
    ws.tasks[task].depends.iter().any(|d| d == id)
}

/// Make `task` wait on the task `on` (an id), or `None` when it already does.
pub fn depend(ws: &Workspace, task: TaskIx, on: &str) -> Result<Option<BlockEdit>, EditError> {
    let b = find_task(ws, on)?;
    let t = &ws.tasks[task];
    if b == task {
        return Err(EditError::Rejected {
            why: format!("task {:?} cannot wait on itself", t.id),
        });
    }
    if waits_on(ws, task, b) {
        return Ok(None);
    }
    if Dependencies::new(ws).all_blockers(b).contains(&task) {
        return Err(EditError::Rejected {
            why: format!(
                "{:?} already waits on {:?} (directly or through other tasks): waiting on it too would be a cycle",
                ws.tasks[b].id, t.id
            ),
        });
    }
    let id = ws.tasks[b].id.clone();
    let q = quoted(&id);
    let label = format!("{} waits on {id}", t.id);
    let mut unreadable = false;
    let edit = edit_task(ws, task, label, |table, block| {
        match table.table.get("depends") {
            Some(v) if matches!(v.get_ref(), toml::de::DeValue::Array(_)) => {
                if let Some(s) = array::append(block, &v.span(), &q) {
                    vec![s]
                } else {
                    unreadable = true;
                    Vec::new()
                }
            }
            _ => vec![insert_key(table, block, "depends", &format!("[{q}]"))],
        }
    })?;
    if unreadable {
        return Err(EditError::Rejected {
            why: format!("the depends array of task {:?} could not be read", t.id),
        });
    }
    Ok(Some(edit))
}

/// Stop `task` waiting on `on` (an id as written), or `None` when it does not.
pub fn undepend(ws: &Workspace, task: TaskIx, on: &str) -> Result<Option<BlockEdit>, EditError> {
    let t = &ws.tasks[task];
    if !t.depends.iter().any(|d| d == on) {
        return Ok(None);
    }
    let label = format!("{} no longer waits on {on}", t.id);
    let mut unreadable = false;
    let edit = edit_task(ws, task, label, |table, block| {
        let Some(v) = table.table.get("depends") else {
            unreadable = true;
            return Vec::new();
        };
        let span = v.span();
        if let Some(new) = array::remove_all(&block[span.clone()], |s| s == on) {
            vec![(span, new)]
        } else {
            unreadable = true;
            Vec::new()
        }
    })?;
    if unreadable {
        return Err(EditError::Rejected {
            why: format!("the depends array of task {:?} could not be read", t.id),
        });
    }
    Ok(Some(edit))
}

/// Toggle: `task` waits on `on` afterwards when it did not before, and the other way.
pub fn toggle_depends(
    ws: &Workspace,
    task: TaskIx,
    on: TaskIx,
) -> Result<Option<BlockEdit>, EditError> {
    let id = ws.tasks[on].id.clone();
    if waits_on(ws, task, on) {
        undepend(ws, task, &id)
    } else {
        depend(ws, task, &id)
    }
}

/// Several dependencies of one task changed in one edit (`align edit TASK --depends A
/// --undepend B`): each id in `add` waited on, each in `remove` no longer, in that order,
/// as one splice of the task's block with a label naming them all. `None` when the task
/// already is as asked. The same refusals as [`depend`].
pub fn change_depends(
    ws: &Workspace,
    task: TaskIx,
    add: &[String],
    remove: &[String],
) -> Result<Option<BlockEdit>, EditError> {
    let mut scratch: Option<Workspace> = None;
    let mut labels = Vec::new();
    for (on, adding) in add
        .iter()
        .map(|a| (a, true))
        .chain(remove.iter().map(|r| (r, false)))
    {
        let now = scratch.as_ref().unwrap_or(ws);
        let edit = if adding {
            depend(now, task, on)?
        } else {
            undepend(now, task, on)?
        };
        if let Some(e) = edit {
            labels.push(e.label.clone());
            let w = scratch.get_or_insert_with(|| ws.clone());
            super::apply(w, &e)?;
        }
    }
    let Some(after) = scratch else {
        return Ok(None);
    };
    let (t, file) = (&ws.tasks[task], ws.tasks[task].origin.file);
    let before = t.layout.block.clone();
    let now = after.tasks[task].layout.block.clone();
    Ok(Some(BlockEdit {
        splice: super::Splice {
            file,
            at: before.start,
            removed: ws.files[file.0].text[before].to_string(),
            inserted: after.files[file.0].text[now].to_string(),
        },
        subject: super::Subject::Task(task),
        label: labels.join(", "),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::edit::test_support::round_trip;
    use crate::load::load_text;

    /// The edit checked both ways (`round_trip`), then made.
    fn step(ws: &mut Workspace, edit: BlockEdit) -> String {
        round_trip(ws, edit.clone());
        apply(ws, &edit).unwrap();
        ws.files[0].text.clone()
    }

    const TEXT: &str = "version = 1\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Ship\"  # the top task\nstatus = \"todo\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Migrate\"\ndepends = [ \"T-3\" ]   # first\n\n[[tasks]]\nid = \"T-3\"\ntitle = \"Back up\"\n";

    #[test]
    fn a_dependency_is_added_and_removed_byte_for_byte() {
        let mut ws = load_text(TEXT);
        let t1 = ws.task_by_id("T-1").unwrap();
        let t2 = ws.task_by_id("T-2").unwrap();
        let e = toggle_depends(&ws, t1, t2).unwrap().unwrap();
        let text = step(&mut ws, e);
        assert!(
            text.contains("status = \"todo\"\ndepends = [\"T-2\"]\n\n[[tasks]]"),
            "{text}"
        );
        assert_eq!(ws.tasks[t1].depends, ["T-2"]);
        let e = toggle_depends(&ws, t1, t2).unwrap().unwrap();
        let text = step(&mut ws, e);
        assert!(text.contains("status = \"todo\"\ndepends = []\n"), "{text}");

        let t3 = ws.task_by_id("T-3").unwrap();
        let e = depend(&ws, t2, "T-1").unwrap().unwrap();
        let text = step(&mut ws, e);
        assert!(
            text.contains("depends = [ \"T-3\", \"T-1\" ]   # first\n"),
            "{text}"
        );
        let e = undepend(&ws, t2, "T-3").unwrap().unwrap();
        let text = step(&mut ws, e);
        assert!(text.contains("depends = [ \"T-1\" ]   # first\n"), "{text}");
        assert!(undepend(&ws, t3, "T-1").unwrap().is_none());
    }

    #[test]
    fn several_dependencies_change_in_one_edit() {
        let mut ws = load_text(TEXT);
        let t2 = ws.task_by_id("T-2").unwrap();
        let add = ["T-1".to_string(), "T-3".to_string()];
        let remove = ["T-3".to_string()];
        let e = change_depends(&ws, t2, &add[..1], &remove)
            .unwrap()
            .unwrap();
        assert_eq!(e.label, "T-2 waits on T-1, T-2 no longer waits on T-3");
        let text = step(&mut ws, e);
        assert!(text.contains("depends = [ \"T-1\" ]   # first\n"), "{text}");
        assert!(
            change_depends(&ws, t2, &add[..1], &remove)
                .unwrap()
                .is_none()
        );
        // A refusal anywhere refuses the whole edit.
        let t1 = ws.task_by_id("T-1").unwrap();
        let e = change_depends(&ws, t1, &add, &[]).unwrap_err().to_string();
        assert!(e.contains("itself"), "{e}");
    }

    #[test]
    fn a_cycle_an_unknown_task_and_waiting_on_itself_are_refused() {
        let ws = load_text(TEXT);
        let t2 = ws.task_by_id("T-2").unwrap();
        let t3 = ws.task_by_id("T-3").unwrap();
        let e = depend(&ws, t3, "T-2").unwrap_err().to_string();
        assert!(e.contains("would be a cycle"), "{e}");
        assert!(
            depend(&ws, t2, "T-2")
                .unwrap_err()
                .to_string()
                .contains("itself")
        );
        let e = depend(&ws, t2, "T-4").unwrap_err().to_string();
        assert!(e.contains("unknown task \"T-4\""), "{e}");
        assert!(
            depend(&ws, t2, "T-3").unwrap().is_none(),
            "already waits on it"
        );
    }
}
