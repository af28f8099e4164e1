//! Editing on the board beyond links: `c` check in on a key result, `a` add a task where
//! it belongs, `e` edit every field of one, `x` advance its status, `d` drop it. Keys that need words open a
//! [`Form`]; its answers are checked here when it is submitted, and every change is
//! one [`Edit`] committed through the same atomic, conflict-checked path as a link, so
//! `u` and `Ctrl-r` undo and redo it.

use align_core::edit::{self, Edit};
use align_core::model::{GoalIx, TaskIx, TaskStatus};

use super::app::{App, Focus, Tone};
use super::form::{Form, FormKind, parse_number};
use super::views::GoalRow;

/// A number as the file would show it: `2`, `2.5`.
fn num(v: f64) -> String {
    format!("{v}")
}

impl App {
    /// The selected task, or a word on what to do when there is none.
    fn task_for_edit(&mut self) -> Option<TaskIx> {
        let task = self.selected_task();
        if task.is_none() {
            self.say("no task selected: add one with a", Tone::Problem);
        }
        task
    }

    pub(super) fn open_check_in(&mut self) {
        let Some(row) = self.selected_goal_row() else {
            self.say(
                "no goals yet: n adds a goal, K its key results; then c checks in",
                Tone::Problem,
            );
            return;
        };
        let GoalRow::KeyResult {
            goal, key_result, ..
        } = row
        else {
            let g = &self.ws().goals[row.goal()];
            let why = if g.key_results.is_empty() {
                format!(
                    "goal {} has no key results to check in on: K adds one",
                    g.id
                )
            } else {
                format!(
                    "check-ins are on key results: select one (◦) under {} in the goals pane, then c",
                    g.id
                )
            };
            self.say(why, Tone::Problem);
            return;
        };
        if !self.writable() {
            return;
        }
        let g = &self.ws().goals[goal];
        let k = &g.key_results[key_result];
        let unit = k.unit.as_deref().unwrap_or("");
        let pace = self.scorer().pace(goal, key_result);
        // `target 2.5 %`, or `target 10` with no unit (and no double space).
        let spaced = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        let mut context = vec![
            k.title.clone(),
            format!(
                "start {} → target {}{spaced} · now {} ({:.0}% of the way)",
                num(k.start),
                num(k.target),
                num(k.current),
                pace.progress * 100.0
            ),
        ];
        context.push(match k.latest_checkin() {
            Some(c) => {
                let mut s = format!("last check-in {}: {}", c.date, num(c.value));
                if let Some(conf) = c.confidence {
                    s.push_str(&format!(", confidence {}", num(conf)));
                }
                if let Some(n) = &c.note {
                    s.push_str(&format!(" — {n}"));
                }
                s
            }
            None => "no check-ins yet".to_string(),
        });
        let mut form = Form::check_in(&g.id, &k.id, context, unit);
        // The date the check-in is recorded under, in plain sight.
        form.title = format!("{} · {}", form.title, self.today);
        self.open_form(form);
    }

    /// `a`: a new task where it belongs — in the selected task's file (with that file's
    /// id style), owned by its owner, and linked to the selected goal or key result when
    /// the goals pane has focus.
    pub(super) fn open_add_task(&mut self) {
        if !self.writable() {
            return;
        }
        let selected = self.selected_task();
        let ws = self.ws();
        let file =
            selected.map_or_else(|| edit::default_task_file(ws), |t| ws.tasks[t].origin.file);
        let owner = selected
            .and_then(|t| ws.tasks[t].owner.clone())
            .unwrap_or_default();
        let goal = match (self.focus, self.selected_goal_row()) {
            (Focus::Goals, Some(row)) => row.target(ws).to_string(),
            _ => String::new(),
        };
        let id = edit::next_task_ids_in(ws, file, 1)
            .pop()
            .unwrap_or_default();
        let Some(f) = ws.files.get(file.0) else {
            return;
        };
        let name = super::goal_adding::shown_path(ws, &f.path);
        let path = f.path.clone();
        let context = vec![
            align_core::text::safe(&format!(
                "{id} · status todo · written after the last task in {name}"
            ))
            .into_owned(),
        ];
        self.open_form(Form::add_task(path, &goal, &owner, context));
    }

    /// `e`: every field of the selected task in one form — or, on the goals pane, of the
    /// selected goal or key result.
    pub(super) fn open_edit_task(&mut self) {
        if self.focus == Focus::Goals {
            self.open_edit_goal_row();
            return;
        }
        let Some(task) = self.task_for_edit() else {
            return;
        };
        if !self.writable() {
            return;
        }
        let t = &self.ws().tasks[task];
        let mut context =
            vec![align_core::text::safe(&format!("{} · {}", t.id, t.title)).into_owned()];
        if let Some(d) = t.done {
            context.push(format!("done on {d}: a status other than done reopens it"));
        }
        let form = Form::edit_task(t, context);
        self.open_form(form);
    }

    /// Goal `goal` as a submitted form names it, or a word that it has gone (someone
    /// changed the file while the form was open) and `None`.
    pub(super) fn found_goal(&mut self, goal: &str) -> Option<GoalIx> {
        let found = self.ws().goal_by_id(goal);
        if found.is_none() {
            self.gone(goal);
        }
        found
    }

    /// Key result `goal/key_result` as a submitted form names it (see [`App::found_goal`]).
    pub(super) fn found_key_result(
        &mut self,
        goal: &str,
        key_result: &str,
    ) -> Option<(GoalIx, usize)> {
        let ws = self.ws();
        let found = ws.goal_by_id(goal).and_then(|g| {
            let k = ws.goals[g]
                .key_results
                .iter()
                .position(|k| k.id == key_result)?;
            Some((g, k))
        });
        if found.is_none() {
            self.gone(&format!("{goal}/{key_result}"));
        }
        found
    }

    /// Task `task` as a submitted form names it (see [`App::found_goal`]).
    pub(super) fn found_task(&mut self, task: &str) -> Option<TaskIx> {
        let found = self.ws().task_by_id(task);
        if found.is_none() {
            self.gone(task);
        }
        found
    }

    fn gone(&mut self, what: &str) {
        self.say(
            format!("{what} is no longer in the file: nothing saved"),
            Tone::Problem,
        );
    }

    /// `x`: todo → doing → done; done records today's date.
    pub(super) fn advance_task(&mut self) {
        let Some(task) = self.task_for_edit() else {
            return;
        };
        let t = &self.ws().tasks[task];
        let Some(next) = edit::advance(t.status) else {
            let why = match (t.status, t.done) {
                (TaskStatus::Done, Some(d)) => {
                    format!("{} is already done (on {d}): nothing to advance", t.id)
                }
                (status, _) => format!("{} is already {status}: nothing to advance", t.id),
            };
            self.say(why, Tone::Info);
            return;
        };
        self.set_status(task, next);
    }

    /// `d`: drop the task. No question asked: `u` brings it back, byte for byte.
    pub(super) fn drop_task(&mut self) {
        let Some(task) = self.task_for_edit() else {
            return;
        };
        let t = &self.ws().tasks[task];
        if matches!(t.status, TaskStatus::Dropped | TaskStatus::Done) {
            self.say(
                format!("{} is already {}: nothing to drop", t.id, t.status),
                Tone::Info,
            );
            return;
        }
        self.set_status(task, TaskStatus::Dropped);
    }

    fn set_status(&mut self, task: TaskIx, status: TaskStatus) {
        if !self.writable() {
            return;
        }
        let id = self.ws().tasks[task].id.clone();
        match edit::set_status(self.ws(), task, status, self.today) {
            Ok(mut e) => {
                e.label = match status {
                    TaskStatus::Done => format!("{id} → done, done = {}", self.today),
                    TaskStatus::Dropped => format!("{id} → dropped (u undoes)"),
                    _ => e.label,
                };
                self.commit(Edit::Block(e), None);
            }
            Err(e) => self.say(format!("not changed: {e}"), Tone::Problem),
        }
    }

    /// `C`: close the selected goal — a form with its grade (by default its progress),
    /// review, outcome and roll-over date.
    pub(super) fn open_close_goal(&mut self) {
        let Some(row) = self.selected_goal_row() else {
            self.say("no goals yet: n adds one", Tone::Problem);
            return;
        };
        let gi = row.goal();
        let g = &self.ws().goals[gi];
        if g.status != align_core::model::GoalStatus::Active {
            let why = format!(
                "{} is {} already: only an active goal is closed",
                g.id, g.status
            );
            self.say(why, Tone::Info);
            return;
        }
        if !self.writable() {
            return;
        }
        let g = &self.ws().goals[gi];
        let progress = self.board().goals[gi].progress;
        let when = match g.due {
            Some(d) if g.is_ended(self.today) => format!("due {d}, ended"),
            Some(d) => format!("due {d}"),
            None => "no due date".to_string(),
        };
        let open = self.board().goals[gi].open_tasks;
        let context = vec![
            align_core::text::safe(&g.title).into_owned(),
            format!(
                "{:.0}% of the way · {when} · {open} open task{} linked",
                progress * 100.0,
                if open == 1 { "" } else { "s" }
            ),
            "Grades run 0.0 to 1.0, as Google grades OKRs:".to_string(),
            "0.6 to 0.7 is a good result for a stretch goal".to_string(),
        ];
        let form = Form::close_goal(&g.id, edit::default_grade(progress), context);
        self.open_form(form);
    }

    /// Enter in a form: check each answer, then save; a wrong answer keeps the form
    /// open with the reason beside the field, a failed save with the reason below.
    pub(super) fn submit_form(&mut self) {
        let Some(mut form) = self.take_form() else {
            return;
        };
        form.problem = None;
        // A read-only board loads the file again first, so the edit is made on what
        // is on disk now.
        let edit = match self.writable().then(|| self.form_edit(&mut form)) {
            Some(Ok(Some(edit))) => edit,
            Some(Ok(None)) => return,
            Some(Err(())) => {
                self.open_form(form);
                return;
            }
            None => {
                form.problem = self.message.as_ref().map(|m| m.0.clone());
                self.open_form(form);
                return;
            }
        };
        // Opened again, with the reason, if the edit cannot be made or saved.
        if self.commit(edit, Some(form)) {
            self.select_added();
        } else {
            self.select_after_add = None;
        }
    }

    /// The edit a form's answers ask for. `Err` when an answer is wrong (the form says
    /// which); `Ok(None)` when there is nothing to do (and the form is closed).
    fn form_edit(&mut self, form: &mut Form) -> Result<Option<Edit>, ()> {
        let result = match form.kind.clone() {
            FormKind::CloseGoal { goal } => return self.close_goal_edit(form, &goal),
            FormKind::CheckIn { goal, key_result } => {
                let Some((g, k)) = self.found_key_result(&goal, &key_result) else {
                    return Ok(None);
                };
                let unit = self.ws().goals[g].key_results[k]
                    .unit
                    .clone()
                    .unwrap_or_default();
                let value_text = form.text(0).trim().to_string();
                let Some(value) = parse_number(&value_text, &unit) else {
                    let why = if value_text.is_empty() {
                        "required: type the key result's value now, e.g. 2.8".to_string()
                    } else {
                        format!("{value_text:?} is not a number")
                    };
                    form.fail(0, why);
                    return Err(());
                };
                let conf_text = form.text(1).trim().to_string();
                let confidence = if conf_text.is_empty() {
                    None
                } else {
                    match parse_number(&conf_text, "%") {
                        // "70%" means 0.7.
                        Some(c) if conf_text.ends_with('%') => Some(c / 100.0),
                        Some(c) => Some(c),
                        None => {
                            form.fail(1, format!("{conf_text:?} is not a number from 0 to 1"));
                            return Err(());
                        }
                    }
                };
                if let Some(c) = confidence
                    && !(0.0..=1.0).contains(&c)
                {
                    form.fail(
                        1,
                        format!("{} is out of range: 0 (no chance) to 1 (sure)", num(c)),
                    );
                    return Err(());
                }
                let note = form.text(2).trim().to_string();
                let note = (!note.is_empty()).then_some(note);
                edit::checkin(
                    self.ws(),
                    g,
                    k,
                    value,
                    confidence,
                    note.as_deref(),
                    self.today,
                )
            }
            FormKind::AddTask { file } => return self.add_task_edit(form, &file),
            FormKind::AddGoal { file } => return self.add_goal_edit(form, &file),
            FormKind::AddKeyResult { goal } => return self.add_key_result_edit(form, &goal),
            FormKind::EditTask { task } => return self.edit_task_edit(form, &task),
            FormKind::EditGoal { goal } => return self.edit_goal_edit(form, &goal),
            FormKind::EditKeyResult { goal, key_result } => {
                return self.edit_key_result_edit(form, &goal, &key_result);
            }
        };
        match result {
            Ok(edit) => Ok(Some(Edit::Block(edit))),
            Err(e) => {
                self.say(format!("not saved: {e}"), Tone::Problem);
                Ok(None)
            }
        }
    }
}
