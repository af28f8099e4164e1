//! The task's two forms read back: `a` adds a task where it belongs, `e` changes every
//! field of one (its dependencies included) in one edit. Each answer is checked as the
//! file would take it, and a wrong one is marked on the form with the reason instead of
//! being written; the forms themselves are built in [`super::form`].

use align_core::edit::{self, Edit, TaskChanges};
use align_core::model::{FileIx, LinkRef, Task, TaskStatus};

use super::app::{App, Tone};
use super::form::{Form, parse_number};

impl App {
    /// The new task the add form asks for.
    pub(super) fn add_task_edit(
        &mut self,
        form: &mut Form,
        file: &std::path::Path,
    ) -> Result<Option<Edit>, ()> {
        let title = form.text(0).trim().to_string();
        if title.is_empty() {
            form.fail(0, "a task needs a title");
            return Err(());
        }
        let goals: Vec<LinkRef> = split_list(form.text(1))
            .iter()
            .map(|g| LinkRef::parse(g))
            .collect();
        for g in &goals {
            if let Err(e) = edit::check_target(self.ws(), g) {
                form.fail(1, e.to_string());
                return Err(());
            }
        }
        let owner = form.text(2).trim().to_string();
        let ws = self.ws();
        let file = ws
            .files
            .iter()
            .position(|f| f.path == file)
            .map_or_else(|| edit::default_task_file(ws), FileIx);
        let new = edit::NewTask {
            title,
            goals,
            owner: (!owner.is_empty()).then_some(owner),
            file: Some(file),
            ..edit::NewTask::default()
        };
        match edit::add_task_with(ws, &new) {
            Ok((e, _)) => Ok(Some(Edit::Block(e))),
            Err(e) => {
                self.say(format!("not saved: {e}"), Tone::Problem);
                Ok(None)
            }
        }
    }

    /// The change the edit form asks for: each field read as the file would take it, a
    /// wrong one marked with the reason.
    pub(super) fn edit_task_edit(
        &mut self,
        form: &mut Form,
        task: &str,
    ) -> Result<Option<Edit>, ()> {
        let Some(t) = self.found_task(task) else {
            return Ok(None);
        };
        let changes = match read_task_form(form, &self.ws().tasks[t]) {
            Ok(c) => c,
            Err((field, why)) => {
                form.fail(field, why);
                return Err(());
            }
        };
        // The tasks it waits on, as the form lists them against the file's.
        let waits_on = split_list(form.text(DEPENDS_FIELD));
        let was = &self.ws().tasks[t].depends;
        let add: Vec<String> = waits_on
            .iter()
            .filter(|d| !was.contains(d))
            .cloned()
            .collect();
        let remove: Vec<String> = was
            .iter()
            .filter(|d| !waits_on.contains(d))
            .cloned()
            .collect();
        let made = edit::edit_fields(self.ws(), t, &changes, self.today).and_then(|e| match e {
            Some(fields) if add.is_empty() && remove.is_empty() => Ok(Some(fields)),
            Some(fields) => edit::and_then(self.ws(), fields, |w| {
                edit::change_depends(w, t, &add, &remove)
            })
            .map(Some),
            None => edit::change_depends(self.ws(), t, &add, &remove),
        });
        match made {
            Ok(Some(e)) => Ok(Some(Edit::Block(e))),
            Ok(None) => {
                self.say(
                    format!("{task}: nothing changed, nothing saved"),
                    Tone::Info,
                );
                Ok(None)
            }
            Err(e) => {
                form.problem = Some(e.to_string());
                Err(())
            }
        }
    }
}

/// The edit form's field listing the tasks the task waits on.
const DEPENDS_FIELD: usize = 8;

/// `a, b ,c` as `["a", "b", "c"]`, empty items left out.
fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The edit form's fields as a change to `t`: `Err((field, why))` for an answer that
/// cannot be written.
fn read_task_form(form: &Form, t: &Task) -> Result<TaskChanges, (usize, String)> {
    let text = |i: usize| form.text(i).trim().to_string();
    let title = text(0);
    if title.is_empty() {
        return Err((0, "a task needs a title".to_string()));
    }
    let status = TaskStatus::parse(&text(1).to_lowercase())
        .ok_or_else(|| (1, format!("{:?}: todo, doing, done or dropped", text(1))))?;
    let effort = match text(2) {
        e if e.is_empty() => None,
        e => match parse_number(&e, "") {
            Some(v) if v > 0.0 && v <= 1_000_000.0 => Some(edit::Number(v)),
            _ => return Err((2, format!("{e:?}: a number greater than 0"))),
        },
    };
    let impact = match text(3) {
        i if i.is_empty() => None,
        i => match i.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => return Err((3, format!("{i:?}: 1 (small) to 5 (large), or empty"))),
        },
    };
    let due = match text(4) {
        d if d.is_empty() || d.eq_ignore_ascii_case("none") => None,
        d => match chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => return Err((4, format!("{d:?}: a date, YYYY-MM-DD, or empty"))),
        },
    };
    let owner = Some(text(5)).filter(|o| !o.is_empty() && o != "none");
    let tags = split_list(form.text(6));
    let urgent = match text(7).to_lowercase().as_str() {
        "yes" | "y" | "true" => true,
        "no" | "n" | "false" | "" => false,
        other => return Err((7, format!("{other:?}: yes or no"))),
    };
    Ok(TaskChanges {
        title: Some(title),
        status: Some(status),
        effort,
        impact,
        due: Some(due),
        owner: Some(owner),
        tag: tags.clone(),
        untag: t
            .tags
            .iter()
            .filter(|x| !tags.contains(x))
            .cloned()
            .collect(),
        urgent: Some(urgent),
    })
}
