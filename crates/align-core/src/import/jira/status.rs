//! Where a Jira issue stands, in align's four statuses: by its status category (To Do,
//! In Progress, Done) when the export has one, else by the well-known name of its status;
//! a done issue whose resolution says it was not done (Won't Do, Duplicate, …) is
//! dropped. And its priority as an impact.

use crate::import::input::lookup;
use crate::model::TaskStatus::{self, Doing, Done, Dropped, Todo};

/// The status of an issue: `None` when neither its category, nor its status's name,
/// nor a resolution or a resolved date tells.
pub(super) fn status(
    category: &str,
    name: &str,
    resolution: &str,
    resolved: &str,
) -> Option<TaskStatus> {
    let resolution = if resolution.eq_ignore_ascii_case("unresolved") {
        ""
    } else {
        resolution
    };
    match by_category(category).or_else(|| by_name(name)) {
        Some(Done) if drops(resolution) || by_name(name) == Some(Dropped) => Some(Dropped),
        Some(status) => Some(status),
        None if drops(resolution) => Some(Dropped),
        None if !resolution.is_empty() || !resolved.is_empty() => Some(Done),
        None => None,
    }
}

fn by_category(category: &str) -> Option<TaskStatus> {
    lookup(
        category,
        &[
            (&["to do", "new", "zu erledigen"], Todo),
            (&["in progress", "indeterminate", "in arbeit"], Doing),
            (&["done", "complete", "fertig"], Done),
        ],
    )
}

/// The statuses of Jira's own workflows and templates, and the usual custom ones.
fn by_name(status: &str) -> Option<TaskStatus> {
    lookup(
        status,
        &[
            (
                &[
                    "to do",
                    "todo",
                    "open",
                    "new",
                    "backlog",
                    "reopened",
                    "selected for development",
                    "ready",
                    "ready for development",
                    "triage",
                    "waiting for support",
                    "zu erledigen",
                    "offen",
                ],
                Todo,
            ),
            (
                &[
                    "in progress",
                    "in review",
                    "code review",
                    "review",
                    "in development",
                    "development",
                    "in qa",
                    "qa",
                    "testing",
                    "in test",
                    "under review",
                    "doing",
                    "work in progress",
                    "waiting for customer",
                    "pending",
                    "in arbeit",
                ],
                Doing,
            ),
            (
                &[
                    "done",
                    "closed",
                    "resolved",
                    "complete",
                    "completed",
                    "released",
                    "shipped",
                    "fixed",
                    "fertig",
                    "erledigt",
                    "geschlossen",
                ],
                Done,
            ),
            (
                &[
                    "cancelled",
                    "canceled",
                    "won't do",
                    "won't fix",
                    "rejected",
                    "declined",
                    "abandoned",
                    "obsolete",
                    "duplicate",
                ],
                Dropped,
            ),
        ],
    )
}

/// Resolutions that close an issue without doing it.
fn drops(resolution: &str) -> bool {
    const NOT_DONE: &[&str] = &[
        "won't do",
        "won't fix",
        "wont do",
        "wont fix",
        "duplicate",
        "cannot reproduce",
        "can't reproduce",
        "declined",
        "rejected",
        "incomplete",
        "abandoned",
        "obsolete",
        "cancelled",
        "canceled",
        "wird nicht erledigt",
        "duplikat",
        "nicht reproduzierbar",
        "abgelehnt",
    ];
    lookup(resolution, &[(NOT_DONE, ())]).is_some()
}

pub(super) fn impact(priority: &str) -> Option<u8> {
    lookup(
        priority,
        &[
            (&["highest", "blocker", "critical", "urgent", "höchste"], 5),
            (&["high", "major", "hoch"], 4),
            (&["medium", "normal", "mittel"], 3),
            (&["low", "minor", "niedrig"], 2),
            (&["lowest", "trivial", "niedrigste"], 1),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_names_and_resolutions() {
        for (category, name, resolution, resolved, want) in [
            ("To Do", "Selected for Development", "", "", Some(Todo)),
            ("In Progress", "Blocked", "", "", Some(Doing)),
            ("Done", "Closed", "Won't Fix", "20/Nov/26", Some(Dropped)),
            ("Done", "Closed", "Won’t Do", "", Some(Dropped)),
            ("Done", "Cancelled", "", "", Some(Dropped)),
            ("Done", "Done", "Done", "", Some(Done)),
            ("", "In Progress", "", "", Some(Doing)),
            ("", "Resolved", "Duplicate", "", Some(Dropped)),
            ("", "Awaiting Approval", "Fixed", "", Some(Done)),
            ("", "Awaiting Approval", "", "20/Nov/26", Some(Done)),
            ("", "Awaiting Approval", "Unresolved", "", None),
            ("", "Awaiting Approval", "", "", None),
            ("Fertig", "Fertig", "Wird nicht erledigt", "", Some(Dropped)),
            ("In Arbeit", "In Arbeit", "", "", Some(Doing)),
            ("DONE", "CLOSED", "WON’T DO", "", Some(Dropped)),
        ] {
            assert_eq!(
                status(category, name, resolution, resolved),
                want,
                "{category} {name} {resolution}"
            );
        }
    }
}
