//! Taskwarrior's `task export`: its statuses, priorities and dotted projects in align's
//! terms. A project names a goal, a key result of it, or a sub-project of a goal.

use serde::Deserialize;

use super::input::{Zone, date_field, dedup, goal_named, json_items, key_result_named, one_line};
use super::{ImportError, Incoming, Parsed};
use crate::model::{TaskStatus, Workspace};

#[derive(Debug, Deserialize)]
struct TwTask {
    uuid: String,
    #[serde(default)]
    description: Option<String>,
    status: String,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    priority: Option<String>,
}

/// The link a Taskwarrior project names: the longest dotted prefix that is a goal, or a
/// key result of it when the next part names one (`retention.churn` →
/// `retention/churn`, `retention.emails.q4` → `retention`).
pub fn project_link(ws: &Workspace, project: &str) -> Option<String> {
    let parts: Vec<&str> = project.trim().split('.').collect();
    for k in (1..=parts.len()).rev() {
        let prefix = parts[..k].join(".");
        let Some(g) = goal_named(ws, &prefix) else {
            continue;
        };
        if let Some(kr) = parts.get(k).and_then(|p| key_result_named(ws, g, p)) {
            return Some(kr);
        }
        return Some(ws.goals[g].id.clone());
    }
    None
}

/// Read `task export` JSON (Taskwarrior 2.6: an array of task objects).
pub fn taskwarrior(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let items: Vec<TwTask> = json_items(label, input)?;
    let mut out = Parsed::default();
    for tw in items {
        let item = format!("{label}: task {}", tw.uuid);
        let status = match tw.status.as_str() {
            "recurring" => {
                out.skip("recurring templates (their instances are imported)");
                continue;
            }
            "pending" | "waiting" if tw.start.is_some() => TaskStatus::Doing,
            "pending" | "waiting" => TaskStatus::Todo,
            "completed" => TaskStatus::Done,
            "deleted" => TaskStatus::Dropped,
            other => {
                out.warnings
                    .push(format!("{item}: unknown status {other:?}; skipped"));
                out.skip("tasks with an unknown status");
                continue;
            }
        };
        let title = one_line(tw.description.as_deref().unwrap_or_default());
        if title.is_empty() || tw.uuid.trim().is_empty() {
            out.skip("tasks without a description or uuid");
            continue;
        }
        let due = date_field(zone, tw.due.as_deref(), "due", &item, &mut out.warnings);
        let done = if status == TaskStatus::Done {
            date_field(zone, tw.end.as_deref(), "end", &item, &mut out.warnings)
        } else {
            None
        };
        let impact = match tw.priority.as_deref().map(str::trim) {
            Some("H") => Some(4),
            Some("M") => Some(3),
            Some("L") => Some(2),
            _ => None,
        };
        out.tasks.push(Incoming {
            source: format!("taskwarrior:{}", tw.uuid.trim()),
            title,
            status,
            // Pending without a start says "not started" only as far as Taskwarrior
            // knows: a task the team moved to `doing` by hand stays so, as for GitHub.
            open_only: status == TaskStatus::Todo,
            done,
            tags: dedup(tw.tags),
            due: Some(due),
            owner: None,
            impact,
            link: tw.project.as_deref().and_then(|p| project_link(ws, p)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::*;
    use chrono::NaiveDate;

    #[test]
    fn taskwarrior_fields_map_to_align() {
        let ws = load_text(DEMO);
        let p = tw(TW, &ws);
        assert_eq!(p.tasks.len(), 4);
        let a = &p.tasks[0];
        assert_eq!(a.source, "taskwarrior:a1");
        assert_eq!(a.status, TaskStatus::Todo);
        assert_eq!(a.link.as_deref(), Some("retention/churn"));
        assert_eq!(a.tags, ["email", "billing"]);
        assert_eq!(a.due, Some(NaiveDate::from_ymd_opt(2026, 11, 30)));
        assert_eq!(a.impact, Some(4));
        let b = &p.tasks[1];
        assert_eq!(b.status, TaskStatus::Done);
        assert_eq!(b.done, NaiveDate::from_ymd_opt(2026, 11, 24));
        assert_eq!(b.link, None);
        assert_eq!(p.tasks[2].status, TaskStatus::Dropped);
        let e = &p.tasks[3];
        assert_eq!(e.status, TaskStatus::Doing);
        assert_eq!(e.link.as_deref(), Some("carriers"));
        assert_eq!(
            p.skipped.values().sum::<usize>(),
            1,
            "the recurring template"
        );
    }

    #[test]
    fn projects_resolve_to_links() {
        let ws = load_text(DEMO);
        assert_eq!(project_link(&ws, "retention").as_deref(), Some("retention"));
        assert_eq!(project_link(&ws, "Retention").as_deref(), Some("retention"));
        assert_eq!(
            project_link(&ws, "retention.nps").as_deref(),
            Some("retention/nps")
        );
        assert_eq!(
            project_link(&ws, "retention.x.y").as_deref(),
            Some("retention")
        );
        assert_eq!(project_link(&ws, "home"), None);
    }
}
