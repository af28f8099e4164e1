//! `n` and `K`: a new goal and a new key result, from the board. `n` asks for every
//! field the goal form has (title, kind, weight, horizon, start, due, status, owner,
//! parent) and an id, the goal beside the selected one — the same parent, in the same
//! file; `K` asks for a key result of the selected goal (start, target, unit, owner, due)
//! with the next id in that goal's style (`kr3` after `kr1`, `kr2`: ids are scoped by
//! goal). The answers are read as the edit forms read them, and the new lines are one
//! [`Edit`] through the session: saved at once, one `u` away.

use align_core::edit::{self, Edit, NewGoal, NewKeyResult};
use align_core::model::FileIx;

use super::app::{App, Tone};
use super::form::{Field, Form, FormKind};
use super::goal_forms::{read_goal_form, read_key_result_form};
use super::views::GoalRow;

/// The add-goal form's id field (after the fields it shares with the edit form).
const GOAL_ID_FIELD: usize = 9;
/// The add-key-result form's id field.
const KEY_RESULT_ID_FIELD: usize = 6;

impl Form {
    /// A new goal written in `file`, its parent (`parent`) and id (`id`, empty: made from
    /// the title) filled in.
    pub fn add_goal(
        file: std::path::PathBuf,
        id: &str,
        parent: &str,
        context: Vec<String>,
    ) -> Form {
        Form {
            kind: FormKind::AddGoal { file },
            title: "New goal".to_string(),
            context,
            fields: vec![
                Field::new("Title", "what the team wants", ""),
                Field::new("Kind: objective or operational", "objective", "objective"),
                Field::new("Weight 1..5", "3", "3"),
                Field::new(
                    "Horizon: sprint, quarter, year, multi-year or empty",
                    "none",
                    "",
                ),
                Field::new("Start (empty: none)", "YYYY-MM-DD", ""),
                Field::new("Due (empty: none)", "YYYY-MM-DD", ""),
                Field::new(
                    "Status: active, paused, achieved, missed or dropped",
                    "active",
                    "active",
                ),
                Field::new("Owner (empty: none)", "who answers for it", ""),
                Field::new("Parent goal (empty: none)", "the goal it serves", parent),
                Field::new("Id (empty: from the title)", "words of the title", id),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "adds",
        }
        .show_cursor()
    }

    /// A new key result of goal `goal`, its id (`id`: the next in the goal's style) and
    /// owner (the goal's, as the default it would take anyway: left empty) filled in.
    pub fn add_key_result(goal: &str, id: &str, context: Vec<String>) -> Form {
        Form {
            kind: FormKind::AddKeyResult {
                goal: goal.to_string(),
            },
            title: format!("New key result of {goal}"),
            context,
            fields: vec![
                Field::new("Title", "what is measured", ""),
                Field::new("Start value", "where it begins, e.g. 4", ""),
                Field::new("Target value", "where it should end, e.g. 2", ""),
                Field::new("Unit (empty: none)", "%, shops, points…", ""),
                Field::new("Owner (empty: the goal's)", "who checks in on it", ""),
                Field::new("Due (empty: the goal's)", "YYYY-MM-DD", ""),
                Field::new("Id (unique within the goal)", "words of the title", id),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "adds",
        }
        .show_cursor()
    }
}

/// A workspace file as a form's context line names it: its path in the workspace's
/// directory (`ben/tasks.toml`: in a directory per person every file may be
/// `tasks.toml`), else its name.
pub(super) fn shown_path(ws: &align_core::Workspace, path: &std::path::Path) -> String {
    match path.strip_prefix(&ws.root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    }
}

impl App {
    /// `n`: a new goal beside the selected one (its parent, its file), or the first.
    pub(super) fn open_add_goal(&mut self) {
        if !self.writable() {
            return;
        }
        let ws = self.ws();
        let selected = self.selected_goal_row().map(|r| r.goal());
        let (file, parent) = match selected {
            // An upstream goal is read-only here: the new goal goes under it.
            Some(g) if ws.upstream_of(g).is_some() => {
                (edit::default_goal_file(ws), ws.goals[g].id.clone())
            }
            Some(g) => (
                ws.goals[g].origin.file,
                ws.goals[g].parent.clone().unwrap_or_default(),
            ),
            None => (edit::default_goal_file(ws), String::new()),
        };
        let Some(f) = ws.files.get(file.0) else {
            return;
        };
        let path = f.path.clone();
        // Numbered goals show the next number; words are made from the title on Enter.
        let id = edit::next_goal_id(ws, "").unwrap_or_default();
        let beside = if parent.is_empty() {
            "a top-level goal".to_string()
        } else {
            format!("under {parent}")
        };
        let context = vec![
            align_core::text::safe(&format!(
                "{beside} · written after the last goal in {}",
                shown_path(ws, &path)
            ))
            .into_owned(),
            "key results have their own form: K on the new goal".to_string(),
        ];
        self.open_form(Form::add_goal(path, &id, &parent, context));
    }

    /// `K`: a new key result of the selected goal (or of the selected key result's goal).
    pub(super) fn open_add_key_result(&mut self) {
        let Some(row) = self.selected_goal_row() else {
            self.say(
                "no goals yet: add one with n, then its key results with K",
                Tone::Problem,
            );
            return;
        };
        let g = row.goal();
        if let Err(e) = edit::own_goal(self.ws(), g) {
            self.say(format!("not here: {e}"), Tone::Problem);
            return;
        }
        if !self.writable() {
            return;
        }
        let ws = self.ws();
        let goal = &ws.goals[g];
        let id = edit::next_key_result_id(ws, g, "").unwrap_or_default();
        let mut context =
            vec![align_core::text::safe(&format!("{} · {}", goal.id, goal.title)).into_owned()];
        context.push(match goal.key_results.len() {
            0 => "its first key result: the goal's progress is measured by it".to_string(),
            n => format!(
                "after its {n} key result{}: {}",
                if n == 1 { "" } else { "s" },
                goal.key_results
                    .iter()
                    .map(|k| k.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        let form = Form::add_key_result(&goal.id, &id, context);
        self.open_form(form);
    }

    /// The new goal the add form asks for.
    pub(super) fn add_goal_edit(
        &mut self,
        form: &mut Form,
        file: &std::path::Path,
    ) -> Result<Option<Edit>, ()> {
        let changes = read_goal_form(form).map_err(|(field, why)| form.fail(field, why))?;
        let ws = self.ws();
        let file = ws
            .files
            .iter()
            .position(|f| f.path == file)
            .map_or_else(|| edit::default_goal_file(ws), FileIx);
        let id = form.text(GOAL_ID_FIELD).trim().to_string();
        let new = NewGoal {
            id: (!id.is_empty()).then_some(id),
            title: changes.title.unwrap_or_default(),
            kind: changes
                .kind
                .unwrap_or(align_core::model::GoalKind::Objective),
            weight: changes.weight.unwrap_or(3),
            horizon: changes.horizon.flatten(),
            start: changes.start.flatten(),
            due: changes.due.flatten(),
            status: changes
                .status
                .unwrap_or(align_core::model::GoalStatus::Active),
            owner: changes.owner.flatten(),
            parent: changes.parent.flatten(),
            file: Some(file),
        };
        match edit::add_goal(ws, &new) {
            Ok((e, id)) => {
                self.select_after_add = Some((id, None));
                Ok(Some(Edit::Block(e)))
            }
            Err(e) => {
                let field = problem_field(&e.to_string(), GOAL_ID_FIELD, 8);
                form.fail(field, e.to_string());
                Err(())
            }
        }
    }

    /// The new key result the add form asks for.
    pub(super) fn add_key_result_edit(
        &mut self,
        form: &mut Form,
        goal: &str,
    ) -> Result<Option<Edit>, ()> {
        let Some(g) = self.ws().goal_by_id(goal) else {
            self.say(
                format!("{goal} is no longer in the file: nothing saved"),
                Tone::Problem,
            );
            return Ok(None);
        };
        let unit = form.text(3).trim().to_string();
        let changes =
            read_key_result_form(form, &unit).map_err(|(field, why)| form.fail(field, why))?;
        let id = form.text(KEY_RESULT_ID_FIELD).trim().to_string();
        let (Some(start), Some(target)) = (changes.start, changes.target) else {
            return Ok(None);
        };
        let new = NewKeyResult {
            id: (!id.is_empty()).then_some(id),
            title: changes.title.unwrap_or_default(),
            start,
            target,
            unit: changes.unit.flatten(),
            owner: changes.owner.flatten(),
            due: changes.due.flatten(),
        };
        match edit::add_key_result(self.ws(), g, &new) {
            Ok((e, id)) => {
                self.select_after_add = Some((goal.to_string(), Some(id)));
                Ok(Some(Edit::Block(e)))
            }
            Err(e) => {
                let field = problem_field(&e.to_string(), KEY_RESULT_ID_FIELD, 0);
                form.fail(field, e.to_string());
                Err(())
            }
        }
    }

    /// After a goal or key result was added: select its row in the goals pane.
    pub(super) fn select_added(&mut self) {
        let Some((goal, key_result)) = self.select_after_add.take() else {
            return;
        };
        let ws = self.ws();
        let Some(g) = ws.goal_by_id(&goal) else {
            return;
        };
        let k = key_result.and_then(|k| ws.goals[g].key_results.iter().position(|x| x.id == k));
        let row = self.goal_rows.iter().position(|r| match (*r, k) {
            (GoalRow::Goal { goal, .. }, None) => goal == g,
            (
                GoalRow::KeyResult {
                    goal, key_result, ..
                },
                Some(k),
            ) => goal == g && key_result == k,
            _ => false,
        });
        if let Some(i) = row {
            self.goals.selected = i;
            self.fit_views();
        }
    }
}

/// Which field a refusal is about: the id's when it names an id, the parent's when it
/// names one, else `other`.
fn problem_field(why: &str, id_field: usize, parent_field: usize) -> usize {
    if why.contains(" id ") || why.contains("already") || why.contains("give the") {
        id_field
    } else if why.contains("parent") {
        parent_field
    } else {
        0
    }
}
