//! A task's own fields changed in place: its title, and its status (todo → doing →
//! done, with the date it was done).

use chrono::NaiveDate;

use super::block::{LocalSplice, TableRef, item, merge_insertions, rewrite, set_key, table_ref};
use super::{BlockEdit, Subject};
use super::{EditError, Splice, quoted};
use crate::model::{TaskIx, TaskStatus, Workspace};

/// Rewrite task `task`'s block with `change`, which returns local splices.
pub(super) fn edit_task(
    ws: &Workspace,
    task: TaskIx,
    label: String,
    change: impl FnOnce(&TableRef, &str) -> Vec<LocalSplice>,
) -> Result<BlockEdit, EditError> {
    let t = &ws.tasks[task];
    let file = t.origin.file;
    let range = t.layout.block.clone();
    let block = &ws.files[file].text[range.clone()];
    let value = item(block, "tasks")?.ok_or_else(|| EditError::Rejected {
        why: format!("task {:?} could not be found in its file", t.id),
    })?;
    let table = table_ref(&value, block).ok_or_else(|| EditError::Rejected {
        why: format!("task {:?} is not a table", t.id),
    })?;
    let new = rewrite(block, change(&table, block));
    Ok(BlockEdit {
        splice: Splice {
            file,
            at: range.start,
            removed: block.to_string(),
            inserted: new,
        },
        subject: Subject::Task(task),
        label,
    })
}

/// Rename a task.
pub fn set_title(ws: &Workspace, task: TaskIx, title: &str) -> Result<BlockEdit, EditError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(EditError::Rejected {
            why: "a task needs a title".to_string(),
        });
    }
    let literal = quoted(title);
    let label = format!("renamed {}", ws.tasks[task].id);
    edit_task(ws, task, label, |t, block| {
        vec![set_key(t, block, "title", &literal)]
    })
}

/// Set a task's status; moving to `done` records today in `done`.
pub fn set_status(
    ws: &Workspace,
    task: TaskIx,
    status: TaskStatus,
    today: NaiveDate,
) -> Result<BlockEdit, EditError> {
    let label = format!("{} → {status}", ws.tasks[task].id);
    edit_task(ws, task, label, |t, block| {
        let mut splices = vec![set_key(t, block, "status", &quoted(status.as_str()))];
        if status == TaskStatus::Done {
            splices.push(set_key(t, block, "done", &today.to_string()));
        }
        merge_insertions(splices)
    })
}

/// The next status of `x`: todo → doing → done.
pub fn advance(status: TaskStatus) -> Option<TaskStatus> {
    match status {
        TaskStatus::Todo => Some(TaskStatus::Doing),
        TaskStatus::Doing => Some(TaskStatus::Done),
        TaskStatus::Done | TaskStatus::Dropped => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::test_support::*;
    use crate::load::load_text;

    #[test]
    fn renaming_changes_only_the_title_value() {
        let mut ws = load_text(DEMO);
        let i = ws.task_by_id("T-123").unwrap();
        let edit = set_title(&ws, i, "Reply to churn survey \"why\" comments").unwrap();
        let after = round_trip(&mut ws, edit);
        assert_eq!(changed_lines(DEMO, &after).len(), 1);
        let fresh = load_text(&after);
        assert_eq!(
            fresh.tasks[i].title,
            "Reply to churn survey \"why\" comments"
        );
    }

    #[test]
    fn finishing_a_task_sets_status_and_done_date() {
        let mut ws = load_text(DEMO);
        let i = ws.task_by_id("T-101").unwrap();
        let after = {
            let e = set_status(&ws, i, TaskStatus::Done, today()).unwrap();
            round_trip(&mut ws, e)
        };
        let fresh = load_text(&after);
        assert_eq!(fresh.tasks[i].status, TaskStatus::Done);
        assert_eq!(fresh.tasks[i].done, Some(today()));
        let diff = DEMO
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            after.lines().count(),
            DEMO.lines().count() + 1,
            "one line added"
        );
        assert!(diff >= 1);
        assert_eq!(advance(TaskStatus::Todo), Some(TaskStatus::Doing));
        assert_eq!(advance(TaskStatus::Done), None);
    }
}
