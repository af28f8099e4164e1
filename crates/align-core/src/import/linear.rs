//! Linear's CSV export (Settings → Administration → Import / Export → Export CSV): an
//! issue's ID, title, status and the moments it started, completed or was canceled, its
//! assignee, labels, due date, priority, and the project, project milestone and
//! initiatives that may name a goal, in align's terms.
//!
//! Columns read, by header, in any case and any order (the export has 30 to 34 columns:
//! `ID, Team, Title, Description, Status, Estimate, Priority, Project ID, Project,
//! Creator, Assignee, Labels, Cycle Number, Cycle Name, Cycle Start, Cycle End, Created,
//! Updated, Started, Triaged, Completed, Canceled, Archived, Due Date, Parent issue,
//! Initiatives, Project Milestone ID, Project Milestone, SLA Status, Roadmaps`, then
//! `UUID, Time in status (minutes), Related to, Blocked by, Duplicate of` in newer ones):
//!
//! - `ID` (the import's key: `linear:ENG-123`), `Title` and `Status` — required;
//! - `Canceled` set → `dropped`; `Completed` set → `done`, on that day; else the status
//!   by its name (Linear's own Backlog, Todo, In Progress, In Review, Done, Canceled,
//!   Duplicate, Triage), and a status of the team's own is `doing` once `Started` is set,
//!   `todo` before;
//! - `Assignee` → `owner` (as Linear writes it: a name or an email); `Labels` (one cell,
//!   comma-separated) → `tags`; `Due Date` → `due`; `Priority` Urgent, High, Medium, Low
//!   → `impact` 5, 4, 3, 2;
//! - for the link: `Project Milestone`, `Project`, then each of `Initiatives`. A project
//!   that names a goal and a milestone that names one of its key results (by id or title)
//!   link the key result (`Retention` + `Monthly logo churn` → `retention/kr1`).
//!
//! Timestamps are ISO 8601 instants (`2026-11-20T16:06:19.000Z`), read as dates in the
//! local time zone as Linear shows them; a due date is a plain day. The leading `'`
//! Linear puts before a cell that a spreadsheet would read as a formula (`'=x`, `'-1`)
//! is removed. The fixtures mirror the 30-column export of 2024–2025, including its rows
//! one cell short (an empty `Roadmaps` left off).

use super::input::{Tally, Zone, dedup, lookup, one_line};
use super::links::{Links, Named};
use super::rows::{Required, Row, Sheet};
use super::{ImportError, Incoming, Parsed, Tool};
use crate::import::input::key_result_named;
use crate::model::{TaskStatus, Workspace};

const REQUIRED: [Required; 3] = [
    Required {
        name: "ID",
        spellings: &["ID"],
    },
    Required {
        name: "Title",
        spellings: &["Title"],
    },
    Required {
        name: "Status",
        spellings: &["Status"],
    },
];

const HOW: &str =
    "export the issues again with Settings → Administration → Import / Export → Export CSV";

struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    status: Option<usize>,
    started: Option<usize>,
    completed: Option<usize>,
    canceled: Option<usize>,
    assignee: Option<usize>,
    labels: Option<usize>,
    due: Option<usize>,
    priority: Option<usize>,
    project: Option<usize>,
    milestone: Option<usize>,
    initiatives: Option<usize>,
}

/// A cell without the `'` Linear adds before text a spreadsheet would run as a formula.
fn cell(row: &Row, column: Option<usize>) -> &str {
    let s = row.get(column);
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}

/// A Linear issue ID: a team key, `-`, a number.
fn is_id(s: &str) -> bool {
    let Some((team, number)) = s.rsplit_once('-') else {
        return false;
    };
    !team.is_empty()
        && team.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Linear's default workflow states, and the usual renamed ones.
fn by_name(status: &str) -> Option<TaskStatus> {
    lookup(
        status,
        &[
            (
                &[
                    "backlog",
                    "todo",
                    "to do",
                    "triage",
                    "unstarted",
                    "planned",
                    "ready",
                    "icebox",
                ],
                TaskStatus::Todo,
            ),
            (
                &[
                    "in progress",
                    "in review",
                    "started",
                    "review",
                    "in qa",
                    "qa",
                    "testing",
                    "doing",
                ],
                TaskStatus::Doing,
            ),
            (
                &[
                    "done",
                    "completed",
                    "closed",
                    "merged",
                    "released",
                    "shipped",
                ],
                TaskStatus::Done,
            ),
            (
                &[
                    "canceled",
                    "cancelled",
                    "duplicate",
                    "won't do",
                    "won't fix",
                ],
                TaskStatus::Dropped,
            ),
        ],
    )
}

fn impact(priority: &str) -> Option<u8> {
    lookup(
        priority,
        &[
            (&["urgent"], 5),
            (&["high"], 4),
            (&["medium"], 3),
            (&["low"], 2),
        ],
    )
}

/// Read Linear's CSV export.
pub fn linear(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let sheet = Sheet::read(Tool::Linear, label, input, &REQUIRED, HOW)?;
    let c = Columns {
        id: sheet.column(&["ID"]),
        title: sheet.column(&["Title"]),
        status: sheet.column(&["Status"]),
        started: sheet.column(&["Started"]),
        completed: sheet.column(&["Completed"]),
        canceled: sheet.column(&["Canceled", "Cancelled"]),
        assignee: sheet.column(&["Assignee"]),
        labels: sheet.column(&["Labels"]),
        due: sheet.column(&["Due Date"]),
        priority: sheet.column(&["Priority"]),
        project: sheet.column(&["Project"]),
        milestone: sheet.column(&["Project Milestone", "Milestone"]),
        initiatives: sheet.column(&["Initiatives"]),
    };
    let mut out = Parsed::default();
    let mut links = Links::titles(ws);
    let mut unknown = Tally::default();
    for row in sheet.rows() {
        let line_error = |message: String| ImportError::Input {
            label: format!("{label}:{}", sheet.line(row)),
            message,
        };
        let id = row.get(c.id);
        if id.is_empty() {
            return Err(line_error("no \"ID\" in this row".to_string()));
        }
        if !is_id(id) {
            return Err(line_error(format!(
                "\"ID\" is {id:?}, not a Linear issue ID (like ENG-123)"
            )));
        }
        let title = one_line(cell(row, c.title));
        if title.is_empty() {
            return Err(line_error(format!("{id} has no \"Title\"")));
        }
        let mut date = |what: &str, value: &str| -> Option<chrono::NaiveDate> {
            if value.is_empty() {
                return None;
            }
            let d = zone.parse(value);
            if d.is_none() {
                out.warnings.push(format!(
                    "{label}: {id}'s {what:?} is {value:?}, not a date; ignored"
                ));
            }
            d
        };
        let status_name = cell(row, c.status);
        let (status, done) = if !row.get(c.canceled).is_empty() {
            (TaskStatus::Dropped, None)
        } else if !row.get(c.completed).is_empty() {
            (TaskStatus::Done, date("Completed", row.get(c.completed)))
        } else {
            let status = by_name(status_name).unwrap_or_else(|| {
                if !row.get(c.started).is_empty() {
                    TaskStatus::Doing
                } else {
                    if c.started.is_none() {
                        unknown.add(status_name);
                    }
                    TaskStatus::Todo
                }
            });
            (status, None)
        };
        let due = c.due.map(|_| row.get(c.due)).and_then(|d| {
            if d.is_empty() {
                Some(None)
            } else {
                date("Due Date", d).map(Some)
            }
        });
        let (link, unmatched) = link(&mut links, id, row, &c);
        out.tasks.push(Incoming {
            source: format!("linear:{id}"),
            title,
            status,
            open_only: status == TaskStatus::Todo,
            done,
            tags: c.labels.map(|_| {
                dedup(
                    cell(row, c.labels)
                        .split(',')
                        .map(|l| l.trim().to_string())
                        .collect(),
                )
            }),
            due,
            owner: Some(cell(row, c.assignee))
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            impact: impact(row.get(c.priority)),
            link,
            unmatched,
            depends: None,
        });
    }
    for (status, n) in unknown.0 {
        let issues = if n == 1 { "issue" } else { "issues" };
        out.warnings.push(format!(
            "{label}: status {status:?} ({n} {issues}) is not one align knows and the export has no \"Started\" column to tell; read as todo"
        ));
    }
    Ok(out)
}

/// The link an issue's milestone, project or initiatives name, and the note when none
/// does.
fn link(
    links: &mut Links<'_>,
    id: &str,
    row: &Row,
    c: &Columns,
) -> (Option<String>, Option<String>) {
    let project = cell(row, c.project);
    let milestone = cell(row, c.milestone);
    let ws = links.workspace();
    if !milestone.is_empty()
        && let Some(goal) = links.link(project).and_then(|l| ws.goal_by_id(&l))
        && let Some(kr) = key_result_named(ws, goal, milestone)
    {
        return (Some(kr), None);
    }
    let initiatives: Vec<Named<'_>> = cell(row, c.initiatives)
        .split(',')
        .map(|name| Named {
            kind: "initiative",
            name: name.trim(),
        })
        .filter(|n| !n.name.is_empty())
        .collect();
    let by_specificity = [
        Named {
            kind: "milestone",
            name: milestone,
        },
        Named {
            kind: "project",
            name: project,
        },
    ];
    for n in by_specificity.iter().chain(&initiatives) {
        if let Some(l) = links.link(n.name) {
            return (Some(l), None);
        }
    }
    let mut listed = vec![by_specificity[1], by_specificity[0]];
    listed.extend(initiatives);
    (None, links.unmatched(id, &listed))
}

#[cfg(test)]
mod tests;
