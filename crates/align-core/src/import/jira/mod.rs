//! Jira's CSV export (Jira Cloud: Filters → search → Export → "Export CSV (all fields)"
//! or "(current fields)"; Jira Data Center: Export → CSV): an issue's key, summary,
//! status, assignee, labels, due and resolution dates, and the epic, parent or fix
//! version that may name a goal, in align's terms.
//!
//! Columns read by header, in any case and any order. Jira writes the headers, like the
//! dates, in the exporting person's language: align reads English and German ones
//! (`Vorgangsschlüssel`, `Zusammenfassung`, `Status`, `Statuskategorie`, `Lösung`,
//! `Erledigt`, `Zugewiesene Person` or `Bearbeiter`, `Stichwörter`, `Fälligkeitsdatum`,
//! `Priorität`, `Vorgangstyp`, `Vorgangs-ID`, `Übergeordnet`), and German statuses,
//! categories and resolutions (Zu erledigen, In Arbeit, Fertig; Wird nicht erledigt,
//! Duplikat, Nicht reproduzierbar, Abgelehnt); an export in another language says which
//! column it lacks.
//!
//! - `Issue key` (the import's key: `jira:PAY-88`), `Summary` and `Status` — required;
//! - `Status Category` (To Do, In Progress, Done) decides the status when present, else
//!   the status's well-known name; `Resolution` Won't Do, Won't Fix, Duplicate, Cannot
//!   Reproduce, Declined, Incomplete … on a done issue makes it `dropped`;
//! - `Resolved` (else `Status Category Changed`) is the `done` date;
//! - `Assignee` → `owner`; every `Labels` column (Jira repeats it, one label a cell) →
//!   `tags`; `Due date` → `due`; `Priority` → `impact`;
//! - for the link: the parent, by `Parent`/`Parent id` (an issue id or key, looked up
//!   in the same file — an epic by its `Custom field (Epic Name)` or summary — then its
//!   parent in turn, so a sub-task reaches its story's epic) or `Parent summary`;
//!   `Custom field (Epic Link)` (an epic's key, or its name); every `Fix Version/s`
//!   (`Fix versions` in Jira Cloud);
//! - `Issue Type`: epics are not imported as tasks (their issues are, linked through
//!   them), and name their issues' goal.
//!
//! The fixtures mirror Jira Cloud's export of 2024–2025 (the `Parent`, `Parent summary`,
//! `Status Category` columns, repeated `Labels`, `Sprint`, `Comment` columns, a UTF-8
//! byte-order mark and CRLF) and Jira Data Center 9's (`Parent id`, `Custom field (Epic
//! Link)`, `Fix Version/s`). Dates: see [`dates`].

mod dates;
mod family;
mod status;

use super::input::{Tally, dedup, one_line};
use super::links::Links;
use super::rows::{Required, Row, Sheet};
use super::{ImportError, Incoming, Parsed, Tool};
use crate::model::{TaskStatus, Workspace};
use dates::jira_date;
use family::Family;
use status::{impact, status};

const REQUIRED: [Required; 3] = [
    Required {
        name: "Issue key",
        spellings: &["Issue key", "Vorgangsschlüssel"],
    },
    Required {
        name: "Summary",
        spellings: &["Summary", "Zusammenfassung"],
    },
    Required {
        name: "Status",
        spellings: &["Status"],
    },
];

const HOW: &str = "export the issues again with Filters → Export → Export CSV (all fields); Jira writes the headers in your profile's language, and align reads English and German ones";

/// Where each column Jira may export is, in this file.
struct Columns {
    key: Option<usize>,
    id: Option<usize>,
    summary: Option<usize>,
    kind: Option<usize>,
    status: Option<usize>,
    category: Option<usize>,
    category_changed: Option<usize>,
    resolution: Option<usize>,
    resolved: Option<usize>,
    assignee: Option<usize>,
    labels: Vec<usize>,
    due: Option<usize>,
    priority: Option<usize>,
    parent: Option<usize>,
    parent_summary: Option<usize>,
    epic_link: Option<usize>,
    epic_name: Option<usize>,
    versions: Vec<usize>,
}

impl Columns {
    fn of(s: &Sheet) -> Columns {
        Columns {
            key: s.column(REQUIRED[0].spellings),
            id: s.column(&["Issue id", "Vorgangs-ID"]),
            summary: s.column(REQUIRED[1].spellings),
            kind: s.column(&["Issue Type", "Vorgangstyp"]),
            status: s.column(REQUIRED[2].spellings),
            category: s.column(&["Status Category", "Statuskategorie"]),
            category_changed: s.column(&["Status Category Changed", "Statuskategorie geändert"]),
            resolution: s.column(&["Resolution", "Lösung"]),
            resolved: s.column(&["Resolved", "Erledigt"]),
            assignee: s.column(&["Assignee", "Zugewiesene Person", "Bearbeiter"]),
            labels: s.columns(&["Labels", "Stichwörter"]),
            due: s.column(&["Due date", "Fälligkeitsdatum"]),
            priority: s.column(&["Priority", "Priorität"]),
            parent: s.column(&["Parent", "Parent id", "Übergeordnet"]),
            parent_summary: s.column(&["Parent summary"]),
            epic_link: s.column(&["Custom field (Epic Link)"]),
            epic_name: s.column(&["Custom field (Epic Name)"]),
            versions: s.columns(&["Fix Version/s", "Fix versions"]),
        }
    }

    /// The cells of one row the import reads, each read (and trimmed) once.
    fn issue<'r>(&self, row: &'r Row) -> Issue<'r> {
        Issue {
            key: row.get(self.key),
            id: row.get(self.id),
            summary: row.get(self.summary),
            epic: row.get(self.kind).eq_ignore_ascii_case("epic"),
            status: row.get(self.status),
            category: row.get(self.category),
            category_changed: row.get(self.category_changed),
            resolution: row.get(self.resolution),
            resolved: row.get(self.resolved),
            assignee: row.get(self.assignee),
            row,
            due: self.due.map(|c| row.get(Some(c))),
            priority: row.get(self.priority),
            parent: row.get(self.parent),
            parent_summary: row.get(self.parent_summary),
            epic_link: row.get(self.epic_link),
            epic_name: row.get(self.epic_name),
            versions: row.all(&self.versions).collect(),
        }
    }
}

/// One issue as the export gives it (empty text: an empty cell or no such column).
struct Issue<'r> {
    key: &'r str,
    id: &'r str,
    summary: &'r str,
    epic: bool,
    status: &'r str,
    category: &'r str,
    category_changed: &'r str,
    resolution: &'r str,
    resolved: &'r str,
    assignee: &'r str,
    /// The row, for its labels (one a column, in as many columns as an issue has).
    row: &'r Row,
    /// `None`: the export has no due date column.
    due: Option<&'r str>,
    priority: &'r str,
    parent: &'r str,
    parent_summary: &'r str,
    epic_link: &'r str,
    epic_name: &'r str,
    versions: Vec<&'r str>,
}

/// A Jira issue key: a project key (a letter, then letters, digits or `_`), `-`, a number.
fn is_key(s: &str) -> bool {
    let Some((project, number)) = s.rsplit_once('-') else {
        return false;
    };
    project
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Dates that did not read, by column: how many, and the first (its issue and text).
#[derive(Default)]
struct BadDates(Vec<(&'static str, usize, String, String)>);

impl BadDates {
    fn date(&mut self, column: &'static str, key: &str, value: &str) -> Option<chrono::NaiveDate> {
        if value.is_empty() {
            return None;
        }
        let d = jira_date(value);
        if d.is_none() {
            match self.0.iter_mut().find(|b| b.0 == column) {
                Some(b) => b.1 += 1,
                None => self.0.push((column, 1, key.to_string(), value.to_string())),
            }
        }
        d
    }

    fn notes(self, label: &str, out: &mut Vec<String>) {
        for (column, n, key, value) in self.0 {
            let more = match n {
                1 => String::new(),
                2 => ", and 1 more like it".to_string(),
                _ => format!(", and {} more like it", n - 1),
            };
            out.push(format!(
                "{label}: {key}'s {column:?} is {value:?}, not a date align reads (Jira's own 03/Dec/26, 2026-12-03 or 03.12.2026); ignored{more}"
            ));
        }
    }
}

/// Read Jira's CSV export.
pub fn jira(ws: &Workspace, label: &str, input: &[u8]) -> Result<Parsed, ImportError> {
    let sheet = Sheet::read(Tool::Jira, label, input, &REQUIRED, HOW)?;
    let columns = Columns::of(&sheet);
    let issues: Vec<Issue<'_>> = sheet.rows().iter().map(|r| columns.issue(r)).collect();
    // Every issue checked first, and known by key and id: a parent or an epic may come
    // after its children.
    let line_error = |issue: &Issue<'_>, message: String| ImportError::Input {
        label: format!("{label}:{}", sheet.line(issue.row)),
        message,
    };
    for issue in &issues {
        let key = issue.key;
        if key.is_empty() {
            return Err(line_error(
                issue,
                "no \"Issue key\" in this row".to_string(),
            ));
        }
        if !is_key(key) {
            return Err(line_error(
                issue,
                format!("\"Issue key\" is {key:?}, not a Jira issue key (like PAY-88)"),
            ));
        }
        if issue.summary.is_empty() {
            return Err(line_error(issue, format!("{key} has no \"Summary\"")));
        }
        if issue.status.is_empty() && issue.category.is_empty() {
            return Err(line_error(issue, format!("{key} has no \"Status\"")));
        }
    }
    let family = Family::new(&issues);

    let mut out = Parsed::default();
    let mut links = Links::titles(ws);
    let mut bad = BadDates::default();
    let mut unknown = Tally::default();
    for (i, issue) in issues.iter().enumerate() {
        if issue.epic {
            out.skip("epics (their issues are imported, linked through them)");
            continue;
        }
        let key = issue.key;
        let status = status(
            issue.category,
            issue.status,
            issue.resolution,
            issue.resolved,
        )
        .unwrap_or_else(|| {
            unknown.add(issue.status);
            TaskStatus::Todo
        });
        let done = if status == TaskStatus::Done {
            bad.date("Resolved", key, issue.resolved)
                .or_else(|| bad.date("Status Category Changed", key, issue.category_changed))
        } else {
            None
        };
        let due = issue.due.and_then(|d| {
            if d.is_empty() {
                Some(None)
            } else {
                // A due date that does not read leaves the task's as it is.
                bad.date("Due date", key, d).map(Some)
            }
        });
        let (link, unmatched) = links.first(key, &family.names(i));
        out.tasks.push(Incoming {
            source: format!("jira:{key}"),
            title: one_line(issue.summary),
            status,
            open_only: status == TaskStatus::Todo,
            done,
            tags: (!columns.labels.is_empty())
                .then(|| dedup(issue.row.all(&columns.labels).map(str::to_string).collect())),
            due,
            owner: Some(issue.assignee)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            impact: impact(issue.priority),
            link,
            unmatched,
            depends: None,
        });
    }
    bad.notes(label, &mut out.warnings);
    for (status, n) in unknown.0 {
        let issues = if n == 1 { "issue" } else { "issues" };
        let why = if columns.category.is_some() {
            "its \"Status Category\" is empty or not To Do, In Progress or Done"
        } else {
            "the export has no \"Status Category\" column (Export CSV (all fields) has it)"
        };
        out.warnings.push(format!(
            "{label}: status {status:?} ({n} {issues}) is not one align knows and {why}; read as todo"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
