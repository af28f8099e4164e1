//! Where a Jira issue stands, in align's four statuses: by its status category (To Do,
//! In Progress, Done) when the export has one, else by the well-known name of its status;
//! a done issue whose resolution says it was not done (Won't Do, Duplicate, …) is
//! dropped. And its priority as an impact.

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
    match category.to_lowercase().as_str() {
        "to do" | "new" | "zu erledigen" => Some(Todo),
        "in progress" | "indeterminate" | "in arbeit" => Some(Doing),
        "done" | "complete" | "fertig" => Some(Done),
        _ => None,
    }
}

/// The statuses of Jira's own workflows and templates, and the usual custom ones.
fn by_name(status: &str) -> Option<TaskStatus> {
    match status.to_lowercase().as_str() {
        "to do"
        | "todo"
        | "open"
        | "new"
        | "backlog"
        | "reopened"
        | "selected for development"
        | "ready"
        | "ready for development"
        | "triage"
        | "waiting for support"
        | "zu erledigen"
        | "offen" => Some(Todo),
        "in progress"
        | "in review"
        | "code review"
        | "review"
        | "in development"
        | "development"
        | "in qa"
        | "qa"
        | "testing"
        | "in test"
        | "under review"
        | "doing"
        | "work in progress"
        | "waiting for customer"
        | "pending"
        | "in arbeit" => Some(Doing),
        "done" | "closed" | "resolved" | "complete" | "completed" | "released" | "shipped"
        | "fixed" | "fertig" | "erledigt" | "geschlossen" => Some(Done),
        "cancelled" | "canceled" | "won't do" | "won't fix" | "rejected" | "declined"
        | "abandoned" | "obsolete" | "duplicate" => Some(Dropped),
        _ => None,
    }
}

/// Resolutions that close an issue without doing it.
fn drops(resolution: &str) -> bool {
    matches!(
        resolution.to_lowercase().replace('’', "'").as_str(),
        "won't do"
            | "won't fix"
            | "wont do"
            | "wont fix"
            | "duplicate"
            | "cannot reproduce"
            | "can't reproduce"
            | "declined"
            | "rejected"
            | "incomplete"
            | "abandoned"
            | "obsolete"
            | "cancelled"
            | "canceled"
            | "wird nicht erledigt"
            | "duplikat"
            | "nicht reproduzierbar"
            | "abgelehnt"
    )
}

pub(super) fn impact(priority: &str) -> Option<u8> {
    match priority.to_lowercase().as_str() {
        "highest" | "blocker" | "critical" | "urgent" | "höchste" => Some(5),
        "high" | "major" | "hoch" => Some(4),
        "medium" | "normal" | "mittel" => Some(3),
        "low" | "minor" | "niedrig" => Some(2),
        "lowest" | "trivial" | "niedrigste" => Some(1),
        _ => None,
    }
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
        ] {
            assert_eq!(
                status(category, name, resolution, resolved),
                want,
                "{category} {name} {resolution}"
            );
        }
    }
}
