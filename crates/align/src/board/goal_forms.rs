//! `e` on the goals pane: a form with every field of the selected goal (title, kind,
//! weight, horizon, start, due, status, owner, parent) or key result (title, start,
//! target, unit, owner, due), filled in as the file has them. Each answer is read as the
//! file would take it — a wrong one marked with the reason — and the change is one
//! [`Edit`] of the goal's block, through the same save and undo as every other.

use align_core::edit::{self, Edit, GoalChanges, KeyResultChanges, Number};
use align_core::model::{Goal, GoalKind, GoalStatus, Horizon, KeyResult};
use chrono::NaiveDate;

use super::app::{App, Tone};
use super::form::{Field, Form, FormKind, parse_number};
use super::views::GoalRow;

/// A field's answer that cannot be written: which field, and why.
type Wrong = (usize, String);

/// `word` as one of `allowed` (any case), else the reason naming them.
fn choice<T>(
    field: usize,
    word: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Result<T, Wrong> {
    parse(&word.to_lowercase()).ok_or_else(|| (field, format!("{word:?}: {}", allowed.join(", "))))
}

/// A date, or none for an empty answer (or `none`).
fn date(field: usize, text: &str) -> Result<Option<NaiveDate>, Wrong> {
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| (field, format!("{text:?}: a date, YYYY-MM-DD, or empty")))
}

/// A name, or none for an empty answer (or `none`).
fn name(text: &str) -> Option<String> {
    Some(text.to_string()).filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("none"))
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Form {
    /// Every field of goal `g` a person edits.
    pub fn edit_goal(g: &Goal, context: Vec<String>) -> Form {
        Form {
            kind: FormKind::EditGoal { goal: g.id.clone() },
            title: format!("Edit goal {}", g.id),
            context,
            fields: vec![
                Field::new("Title", "what the team wants", &g.title),
                Field::new(
                    "Kind: objective or operational",
                    "objective",
                    g.kind.as_str(),
                ),
                Field::new("Weight 1..5", "3", &g.weight.to_string()),
                Field::new(
                    "Horizon: sprint, quarter, year, multi-year or empty",
                    "none",
                    g.horizon.map_or("", Horizon::as_str),
                ),
                Field::new("Start (empty: none)", "YYYY-MM-DD", &date_text(g.start)),
                Field::new("Due (empty: none)", "YYYY-MM-DD", &date_text(g.due)),
                Field::new(
                    "Status: active, paused, achieved, missed or dropped",
                    "active",
                    g.status.as_str(),
                ),
                Field::new(
                    "Owner (empty: none)",
                    "who answers for it",
                    g.owner.as_deref().unwrap_or(""),
                ),
                Field::new(
                    "Parent goal (empty: none)",
                    "the goal it serves",
                    g.parent.as_deref().unwrap_or(""),
                ),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "saves",
        }
        .show_cursor()
    }

    /// Every field of key result `kr` of goal `goal` a person edits (check-ins have `c`).
    pub fn edit_key_result(goal: &str, kr: &KeyResult, context: Vec<String>) -> Form {
        let num = |v: f64| Number(v).literal();
        Form {
            kind: FormKind::EditKeyResult {
                goal: goal.to_string(),
                key_result: kr.id.clone(),
            },
            title: format!("Edit key result {goal}/{}", kr.id),
            context,
            fields: vec![
                Field::new("Title", "what is measured", &kr.title),
                Field::new("Start value", "where it began", &num(kr.start)),
                Field::new("Target value", "where it should end", &num(kr.target)),
                Field::new(
                    "Unit (empty: none)",
                    "%, shops, points…",
                    kr.unit.as_deref().unwrap_or(""),
                ),
                Field::new(
                    "Owner (empty: the goal's)",
                    "who checks in on it",
                    kr.owner.as_deref().unwrap_or(""),
                ),
                Field::new("Due (empty: the goal's)", "YYYY-MM-DD", &date_text(kr.due)),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "saves",
        }
        .show_cursor()
    }
}

/// The goal form's answers as a change.
pub(super) fn read_goal_form(form: &Form) -> Result<GoalChanges, Wrong> {
    let text = |i: usize| form.text(i).trim().to_string();
    if text(0).is_empty() {
        return Err((0, "a goal needs a title".to_string()));
    }
    let kind = choice(1, &text(1), GoalKind::parse, GoalKind::ALL)?;
    let weight = match text(2).parse::<u8>() {
        Ok(w) if (1..=5).contains(&w) => w,
        _ => return Err((2, format!("{:?}: 1 to 5", text(2)))),
    };
    let horizon = match text(3) {
        h if h.is_empty() || h.eq_ignore_ascii_case("none") => None,
        h => Some(choice(3, &h, Horizon::parse, Horizon::ALL)?),
    };
    let start = date(4, &text(4))?;
    let due = date(5, &text(5))?;
    if let (Some(s), Some(d)) = (start, due)
        && d < s
    {
        return Err((5, format!("{d} comes before the start, {s}")));
    }
    let status = choice(6, &text(6), GoalStatus::parse, GoalStatus::ALL)?;
    Ok(GoalChanges {
        title: Some(text(0)),
        kind: Some(kind),
        weight: Some(weight),
        horizon: Some(horizon),
        start: Some(start),
        due: Some(due),
        status: Some(status),
        owner: Some(name(&text(7))),
        parent: Some(name(&text(8))),
    })
}

/// The key-result form's answers as a change; `unit` is what a value may end with.
pub(super) fn read_key_result_form(form: &Form, unit: &str) -> Result<KeyResultChanges, Wrong> {
    let text = |i: usize| form.text(i).trim().to_string();
    if text(0).is_empty() {
        return Err((0, "a key result needs a title".to_string()));
    }
    let number = |i: usize| {
        parse_number(&text(i), unit)
            .map(Number)
            .ok_or_else(|| (i, format!("{:?}: a number, e.g. 2.5", text(i))))
    };
    let (start, target) = (number(1)?, number(2)?);
    if start == target {
        return Err((
            2,
            format!(
                "the same as the start ({}): nothing to measure",
                start.literal()
            ),
        ));
    }
    Ok(KeyResultChanges {
        title: Some(text(0)),
        start: Some(start),
        target: Some(target),
        unit: Some(name(&text(3))),
        owner: Some(name(&text(4))),
        due: Some(date(5, &text(5))?),
    })
}

impl App {
    /// `e` on the goals pane: the selected goal's or key result's form.
    pub(super) fn open_edit_goal_row(&mut self) {
        let Some(row) = self.selected_goal_row() else {
            self.say(
                "no goals yet: n adds one (E opens the file in your editor)",
                Tone::Problem,
            );
            return;
        };
        if !self.writable() {
            return;
        }
        let ws = self.ws();
        let form = match row {
            GoalRow::Goal { goal, .. } => {
                let g = &ws.goals[goal];
                let context = vec![
                    align_core::text::safe(&format!("{} · {}", g.id, g.title)).into_owned(),
                    "key results have their own form: select one and press e".to_string(),
                ];
                Form::edit_goal(g, context)
            }
            GoalRow::KeyResult {
                goal, key_result, ..
            } => {
                let g = &ws.goals[goal];
                let kr = &g.key_results[key_result];
                let context = vec![
                    align_core::text::safe(&format!(
                        "{}/{} · now {}{} · check-ins have c",
                        g.id,
                        kr.id,
                        Number(kr.current).literal(),
                        kr.unit
                            .as_deref()
                            .map(|u| format!(" {u}"))
                            .unwrap_or_default()
                    ))
                    .into_owned(),
                ];
                Form::edit_key_result(&g.id, kr, context)
            }
        };
        self.open_form(form);
    }

    /// The change the goal form asks for.
    pub(super) fn edit_goal_edit(
        &mut self,
        form: &mut Form,
        goal: &str,
    ) -> Result<Option<Edit>, ()> {
        let Some(g) = self.found_goal(goal) else {
            return Ok(None);
        };
        let changes = read_goal_form(form).map_err(|(field, why)| form.fail(field, why))?;
        let result = edit::edit_goal(self.ws(), g, &changes);
        self.form_result(form, goal, result)
    }

    /// The change the key-result form asks for.
    pub(super) fn edit_key_result_edit(
        &mut self,
        form: &mut Form,
        goal: &str,
        key_result: &str,
    ) -> Result<Option<Edit>, ()> {
        let Some((g, k)) = self.found_key_result(goal, key_result) else {
            return Ok(None);
        };
        let ws = self.ws();
        let unit = ws.goals[g].key_results[k].unit.clone().unwrap_or_default();
        let changes =
            read_key_result_form(form, &unit).map_err(|(field, why)| form.fail(field, why))?;
        let result = edit::edit_key_result(self.ws(), g, k, &changes);
        self.form_result(form, &format!("{goal}/{key_result}"), result)
    }

    /// An edit the form asked for; nothing to do said as such, a refusal shown on the form.
    fn form_result(
        &mut self,
        form: &mut Form,
        what: &str,
        result: Result<Option<edit::BlockEdit>, edit::EditError>,
    ) -> Result<Option<Edit>, ()> {
        match result {
            Ok(Some(e)) => Ok(Some(Edit::Block(e))),
            Ok(None) => {
                self.say(
                    format!("{what}: nothing changed, nothing saved"),
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
