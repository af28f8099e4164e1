//! Taskwarrior's `task export`: its statuses, priorities and dotted projects in align's
//! terms. A project names a goal, a key result of it, or a sub-project of a goal.

use serde::Deserialize;

use super::input::{Zone, date_field, dedup, json_items, one_line};
use super::links::{Links, Named};
use super::{ImportError, Incoming, Parsed, Tool};
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
    #[serde(default)]
    depends: Option<Depends>,
}

/// Taskwarrior's `depends`: an array of uuids (2.6 and later) or, in older exports, one
/// string of uuids separated by commas.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Depends {
    List(Vec<String>),
    Joined(String),
}

impl Depends {
    /// The uuids as sources (`taskwarrior:<uuid>`), blanks left out, each once.
    fn sources(self) -> Vec<String> {
        let uuids: Vec<String> = match self {
            Depends::List(v) => v,
            Depends::Joined(s) => s.split(',').map(str::to_string).collect(),
        };
        dedup(
            uuids
                .iter()
                .map(|u| u.trim())
                .filter(|u| !u.is_empty())
                .map(|u| format!("taskwarrior:{u}"))
                .collect(),
        )
    }
}

/// Read `task export` JSON (Taskwarrior 2.6: an array of task objects).
pub fn taskwarrior(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let items: Vec<TwTask> = json_items(Tool::Taskwarrior, label, input)?;
    let mut out = Parsed::default();
    let mut links = Links::dotted(ws);
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
        // A due date that does not read leaves the task's as it is (the note says why).
        let due = match tw.due.as_deref() {
            None => Some(None),
            Some(d) => date_field(zone, Some(d), "due", &item, &mut out.warnings).map(Some),
        };
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
        let uuid = tw.uuid.trim();
        let short = uuid.get(..8).unwrap_or(uuid);
        let names = tw.project.as_deref().map(|name| Named {
            kind: "project",
            name,
        });
        let (link, unmatched) = links.first(&format!("task {short}"), names.as_slice());
        out.tasks.push(Incoming {
            source: format!("taskwarrior:{uuid}"),
            title,
            status,
            // Pending without a start says "not started" only as far as Taskwarrior
            // knows: a task the team moved to `doing` by hand stays so, as for GitHub.
            open_only: status == TaskStatus::Todo,
            done,
            tags: Some(dedup(tw.tags)),
            due,
            owner: None,
            impact,
            link,
            unmatched,
            depends: Some(tw.depends.map(Depends::sources).unwrap_or_default()),
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
        assert_eq!(a.link.as_deref(), Some("retention/kr1"));
        assert_eq!(
            a.tags.as_deref(),
            Some(&["email".to_string(), "billing".to_string()][..])
        );
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
    fn a_project_that_names_no_goal_is_noted_with_the_task() {
        let ws = load_text(DEMO);
        let p = tw(TW, &ws);
        assert_eq!(p.tasks[0].unmatched, None, "retention.kr1 names a goal");
        let json = r#"[{"uuid":"c0ffee00-1234","description":"Repot the plants","status":"pending","project":"home"},
                       {"uuid":"c0ffee01-1234","description":"No project","status":"pending"}]"#;
        let p = tw(json, &ws);
        assert_eq!(
            p.tasks[0].unmatched.as_deref(),
            Some("task c0ffee00: project \"home\" matches no goal")
        );
        assert_eq!(p.tasks[1].unmatched, None);
    }

    #[test]
    fn a_due_date_past_the_year_9999_is_warned_about_and_left_out() {
        // The last second of 9999 in UTC is already 10000 east of Greenwich: written as
        // it is, the workspace would not load, and the whole import was refused.
        let ws = load_text(DEMO);
        let json = r#"[{"uuid":"u","description":"d","status":"pending","due":"99991231T235959Z"},
                       {"uuid":"v","description":"e","status":"completed","end":"99991231T235959Z"}]"#;
        let kiribati = Zone::Fixed(chrono::FixedOffset::east_opt(14 * 3600).unwrap());
        let p = taskwarrior(&ws, "tw.json", json.as_bytes(), kiribati).unwrap();
        assert_eq!(p.tasks.len(), 2, "both tasks are imported");
        assert_eq!(p.tasks[0].due, None, "the due date is left as it is");
        assert_eq!(p.tasks[1].done, None);
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(p.warnings[0].contains("\"99991231T235959Z\" is not a date"));
    }

    #[test]
    fn a_due_date_that_does_not_read_is_left_alone() {
        let ws = load_text(DEMO);
        let json = r#"[{"uuid":"u","description":"d","status":"pending","due":"someday"},
                       {"uuid":"v","description":"d","status":"pending"}]"#;
        let p = tw(json, &ws);
        assert_eq!(
            p.tasks[0].due, None,
            "unreadable: the task's due date stays"
        );
        assert_eq!(p.tasks[1].due, Some(None), "none: the task's due date goes");
        assert!(
            p.warnings[0].contains("\"someday\" is not a date"),
            "{:?}",
            p.warnings
        );
    }
}
