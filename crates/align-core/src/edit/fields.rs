//! Any of a task's own fields changed at once — title, status, effort, impact, due,
//! owner, tags, urgent — as `align edit` and the board's edit form ask: one edit of the
//! task's block touching only the values that change, so one undo gives it all back.
//! [`TaskChanges`] is the one description of such a change; a new field (dependencies)
//! is one more member and one more arm here, and every caller gets it.

use chrono::NaiveDate;
use toml::de::DeValue;

use super::block::{LocalSplice, append, merge_insertions, remove_key, set_key};
use super::task::edit_task;
use super::{BlockEdit, EditError, quoted, separator};
use crate::model::{TaskIx, TaskStatus, Workspace};

/// A number as the file will show it: an integer when it is one (`1650`, not
/// `1650.0`), else the shortest float that reads back the same (`3.4`, `1e20`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Number {
    /// The TOML literal: integers up to 2^53 as integers, the rest as floats.
    pub fn literal(self) -> String {
        let v = crate::number::unsigned_zero(self.0);
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            format!("{}", v as i64)
        } else {
            format!("{v:?}")
        }
    }

    /// A finite number typed as text (`3`, `3.4`, `-1e3`).
    pub fn parse(text: &str) -> Option<Number> {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Number)
    }
}

/// What to change in a task; `None` (or empty) leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskChanges {
    pub title: Option<String>,
    pub status: Option<TaskStatus>,
    pub effort: Option<Number>,
    pub impact: Option<u8>,
    /// `Some(None)` removes the due date.
    pub due: Option<Option<NaiveDate>>,
    /// `Some(None)` removes the owner.
    pub owner: Option<Option<String>>,
    /// Tags to add (those it has already are kept once).
    pub tag: Vec<String>,
    /// Tags to take away.
    pub untag: Vec<String>,
    pub urgent: Option<bool>,
}

fn rejected(why: impl Into<String>) -> EditError {
    EditError::Rejected { why: why.into() }
}

impl TaskChanges {
    /// The answers that cannot be written, whatever the task: an empty title, effort
    /// out of range, impact outside 1..5.
    pub fn check(&self) -> Result<(), EditError> {
        if self.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
            return Err(rejected("a task needs a title"));
        }
        if let Some(Number(e)) = self.effort
            && !(e > 0.0 && e <= 1_000_000.0)
        {
            return Err(rejected(format!(
                "effort {} is out of range: greater than 0 and at most 1000000",
                Number(e).literal()
            )));
        }
        if let Some(i) = self.impact
            && !(1..=5).contains(&i)
        {
            return Err(rejected(format!(
                "impact {i} is out of range: 1 (small) to 5 (large)"
            )));
        }
        if let Some(Some(o)) = &self.owner
            && o.trim().is_empty()
        {
            return Err(rejected("an owner needs a name (or none to remove it)"));
        }
        if self
            .tag
            .iter()
            .chain(&self.untag)
            .any(|t| t.trim().is_empty())
        {
            return Err(rejected("a tag needs a name"));
        }
        Ok(())
    }
}

/// Change task `task` as `changes` says, on `today` (the day a task moved to done is
/// recorded as done); reopening a done task removes its `done` date. `Ok(None)` when the
/// task already is as asked.
pub fn edit_fields(
    ws: &Workspace,
    task: TaskIx,
    changes: &TaskChanges,
    today: NaiveDate,
) -> Result<Option<BlockEdit>, EditError> {
    changes.check()?;
    let t = &ws.tasks[task];
    let mut said: Vec<String> = Vec::new();
    let title = changes
        .title
        .as_deref()
        .map(str::trim)
        .filter(|x| *x != t.title);
    if let Some(x) = title {
        said.push(format!("title {x:?}"));
    }
    let status = changes.status.filter(|&s| s != t.status);
    if let Some(s) = status {
        said.push(format!("status {s}"));
    }
    let effort = changes.effort.filter(|e| e.0 != t.effort);
    if let Some(e) = effort {
        said.push(format!("effort {}", e.literal()));
    }
    let impact = changes.impact.filter(|&i| t.impact != Some(i));
    if let Some(i) = impact {
        said.push(format!("impact {i}"));
    }
    let due = changes.due.filter(|&d| d != t.due);
    if let Some(d) = due {
        said.push(d.map_or("no due date".to_string(), |d| format!("due {d}")));
    }
    let owner = changes
        .owner
        .as_ref()
        .map(|o| o.as_deref().map(str::trim))
        .filter(|o| *o != t.owner.as_deref());
    if let Some(o) = owner {
        said.push(o.map_or("no owner".to_string(), |o| format!("owner {o}")));
    }
    let urgent = changes.urgent.filter(|&u| u != t.urgent);
    if let Some(u) = urgent {
        said.push(if u { "urgent" } else { "not urgent" }.to_string());
    }
    let mut tags: Vec<String> = t
        .tags
        .iter()
        .filter(|x| !changes.untag.iter().any(|u| u.trim() == x.as_str()))
        .cloned()
        .collect();
    let removed_tags = tags.len() != t.tags.len();
    let mut added: Vec<String> = Vec::new();
    for x in changes.tag.iter().map(|x| x.trim()) {
        if !tags.iter().any(|y| y == x) {
            tags.push(x.to_string());
            added.push(x.to_string());
        }
    }
    for x in &added {
        said.push(format!("+{x}"));
    }
    for x in t.tags.iter().filter(|x| !tags.contains(x)) {
        said.push(format!("-{x}"));
    }
    // Moving to done records the day; leaving done forgets it.
    let done = match status {
        Some(TaskStatus::Done) => Some(Some(today)),
        Some(_) if t.done.is_some() => Some(None),
        _ => None,
    };
    if said.is_empty() {
        return Ok(None);
    }
    // One change says it as the single edits always have.
    let label = match (said.len(), title, status) {
        (1, Some(_), _) => format!("renamed {}", t.id),
        (1, _, Some(s)) => format!("{} → {s}", t.id),
        _ => format!("{}: {}", t.id, said.join(", ")),
    };
    let edit = edit_task(ws, task, label, |table, block| {
        let mut splices: Vec<LocalSplice> = Vec::new();
        let mut set = |key: &str, literal: Option<String>| match literal {
            Some(l) => splices.push(set_key(table, block, key, &l)),
            None => splices.extend(remove_key(table, block, key)),
        };
        if let Some(x) = title {
            set("title", Some(quoted(x)));
        }
        if let Some(s) = status {
            set("status", Some(quoted(s.as_str())));
        }
        if let Some(d) = done {
            set("done", d.map(|d| d.to_string()));
        }
        if let Some(e) = effort {
            set("effort", Some(e.literal()));
        }
        if let Some(i) = impact {
            set("impact", Some(i.to_string()));
        }
        if let Some(d) = due {
            set("due", d.map(|d| d.to_string()));
        }
        if let Some(o) = owner {
            set("owner", o.map(quoted));
        }
        if let Some(u) = urgent {
            set("urgent", Some(u.to_string()));
        }
        if removed_tags {
            set("tags", tags_literal(table, block, &tags));
        } else if !added.is_empty() {
            let quoted_tags: Vec<String> = added.iter().map(|x| quoted(x)).collect();
            let sep = tags_separator(table, block);
            splices.extend(
                append(table, block, "tags", &quoted_tags.join(&sep)).unwrap_or_else(|| {
                    // Not an array: written afresh.
                    vec![set_key(
                        table,
                        block,
                        "tags",
                        &format!("[{}]", quoted_tags.join(", ")),
                    )]
                }),
            );
        }
        merge_insertions(splices)
    })?;
    Ok(Some(edit))
}

/// The separator between a task's tags, as its array writes it (`", "` on one line).
fn tags_separator(table: &super::block::TableRef, block: &str) -> String {
    match table.table.get("tags") {
        Some(v) => match v.get_ref() {
            DeValue::Array(items) => {
                let spans: Vec<_> = items.iter().map(toml::Spanned::span).collect();
                let sep = separator(block, &v.span(), &spans);
                if sep.is_empty() || sep.contains('\n') {
                    ", ".to_string()
                } else {
                    sep
                }
            }
            _ => ", ".to_string(),
        },
        None => ", ".to_string(),
    }
}

/// `tags` written afresh with what is left, or no `tags` line when nothing is.
fn tags_literal(table: &super::block::TableRef, block: &str, tags: &[String]) -> Option<String> {
    if tags.is_empty() {
        return None;
    }
    let quoted_tags: Vec<String> = tags.iter().map(|x| quoted(x)).collect();
    Some(format!(
        "[{}]",
        quoted_tags.join(&tags_separator(table, block))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::test_support::*;
    use crate::load::load_text;

    const ONE: &str = "version = 1\n\n[[tasks]]\nid = \"T-1\"  # the first\ntitle = \"Ship it\"\nstatus = \"done\"\ndone = 2026-11-01\neffort = 2\ndue = 2026-12-01  # hard date\nowner = \"ana\"\ntags = [\"a\", \"b\"]\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Other\"\n";

    fn edited(text: &str, changes: &TaskChanges) -> String {
        let mut ws = load_text(text);
        let e = edit_fields(&ws, TaskIx(0), changes, today())
            .unwrap()
            .unwrap();
        round_trip(&mut ws, e)
    }

    #[test]
    fn reopening_removes_done_and_clearing_removes_lines() {
        let after = edited(
            ONE,
            &TaskChanges {
                status: Some(TaskStatus::Todo),
                due: Some(None),
                owner: Some(None),
                untag: vec!["a".into()],
                tag: vec!["c".into()],
                effort: Some(Number(3.0)),
                ..TaskChanges::default()
            },
        );
        assert_eq!(
            after,
            "version = 1\n\n[[tasks]]\nid = \"T-1\"  # the first\ntitle = \"Ship it\"\nstatus = \"todo\"\neffort = 3\ntags = [\"b\", \"c\"]\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Other\"\n"
        );
    }

    #[test]
    fn new_fields_are_added_after_the_last_and_nothing_asked_is_none() {
        let after = edited(
            ONE,
            &TaskChanges {
                impact: Some(4),
                urgent: Some(true),
                tag: vec!["z".into(), "a".into()],
                ..TaskChanges::default()
            },
        );
        assert!(
            after.contains("tags = [\"a\", \"b\", \"z\"]\nimpact = 4\nurgent = true\n\n"),
            "{after}"
        );
        assert_eq!(changed_lines(ONE, &after).len(), 3);
        let ws = load_text(ONE);
        let same = TaskChanges {
            owner: Some(Some("ana".into())),
            tag: vec!["a".into()],
            ..TaskChanges::default()
        };
        assert_eq!(edit_fields(&ws, TaskIx(0), &same, today()).unwrap(), None);
    }

    #[test]
    fn done_records_the_day_and_inline_tasks_are_edited_in_place() {
        let text = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\", due = 2026-12-01, owner = \"x\" },\n]\n";
        let after = edited(
            text,
            &TaskChanges {
                status: Some(TaskStatus::Done),
                due: Some(None),
                ..TaskChanges::default()
            },
        );
        assert!(
            after.contains(
                "{ id = \"T-1\", title = \"a\", owner = \"x\", status = \"done\", done = 2026-11-25 }"
            ),
            "{after}"
        );
    }

    #[test]
    fn wrong_answers_are_refused() {
        let ws = load_text(ONE);
        for c in [
            TaskChanges {
                title: Some(" ".into()),
                ..TaskChanges::default()
            },
            TaskChanges {
                impact: Some(6),
                ..TaskChanges::default()
            },
            TaskChanges {
                effort: Some(Number(0.0)),
                ..TaskChanges::default()
            },
        ] {
            assert!(edit_fields(&ws, TaskIx(0), &c, today()).is_err());
        }
    }

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(Number(1650.0).literal(), "1650");
        assert_eq!(Number(3.4).literal(), "3.4");
        assert_eq!(Number(-0.0).literal(), "0");
        assert_eq!(Number(1e20).literal(), "1e20");
        assert_eq!(Number::parse(" 2.5 "), Some(Number(2.5)));
        assert_eq!(Number::parse("inf"), None);
    }
}
