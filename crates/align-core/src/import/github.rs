//! GitHub's `gh issue list --json …`: an issue's state, labels, milestone and first
//! assignee in align's terms. A milestone names a goal, a `goal/kr`, or a goal's title.

use serde::Deserialize;

use super::input::{Zone, date_field, dedup, json_items, one_line};
use super::links::{Links, Named};
use super::{ImportError, Incoming, Parsed, Tool};
use crate::model::{TaskStatus, Workspace};

#[derive(Debug, Deserialize)]
struct GhIssue {
    number: u64,
    title: String,
    state: String,
    /// Absent when `--json` did not ask for labels: the tags are then left as they are.
    #[serde(default)]
    labels: Option<Vec<GhLabel>>,
    #[serde(default)]
    milestone: Option<GhMilestone>,
    #[serde(default)]
    assignees: Vec<GhUser>,
    url: String,
    #[serde(default, rename = "closedAt")]
    closed_at: Option<String>,
    #[serde(default, rename = "stateReason")]
    state_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GhLabel {
    name: String,
}

#[derive(Debug, Deserialize)]
struct GhMilestone {
    #[serde(default)]
    title: String,
}

#[derive(Debug, Deserialize)]
struct GhUser {
    login: String,
}

/// Read `gh issue list --json number,title,state,labels,milestone,assignees,url`
/// (`closedAt` and `stateReason` are used when present).
pub fn github(
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let items: Vec<GhIssue> = json_items(Tool::Github, label, input)?;
    let mut out = Parsed::default();
    let mut links = Links::titles(ws);
    for gh in items {
        let item = format!("{label}: issue #{}", gh.number);
        let not_planned = gh
            .state_reason
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("not_planned"));
        let status = match gh.state.to_ascii_uppercase().as_str() {
            "OPEN" => TaskStatus::Todo,
            "CLOSED" if not_planned => TaskStatus::Dropped,
            "CLOSED" | "MERGED" => TaskStatus::Done,
            other => {
                out.warnings
                    .push(format!("{item}: unknown state {other:?}; skipped"));
                out.skip("issues with an unknown state");
                continue;
            }
        };
        let title = one_line(&gh.title);
        if title.is_empty() || gh.url.trim().is_empty() {
            out.skip("issues without a title or url");
            continue;
        }
        let done = if status == TaskStatus::Done {
            date_field(
                zone,
                gh.closed_at.as_deref(),
                "closedAt",
                &item,
                &mut out.warnings,
            )
        } else {
            None
        };
        let names = gh.milestone.as_ref().map(|m| Named {
            kind: "milestone",
            name: &m.title,
        });
        let (link, unmatched) = links.first(&format!("issue #{}", gh.number), names.as_slice());
        out.tasks.push(Incoming {
            source: gh.url.trim().to_string(),
            title,
            status,
            open_only: true,
            done,
            tags: gh
                .labels
                .map(|labels| dedup(labels.into_iter().map(|l| l.name).collect())),
            due: None,
            // An issue without an assignee says nothing about who owns the task: an owner
            // set by hand (and its comment) stays.
            owner: gh
                .assignees
                .into_iter()
                .map(|a| a.login)
                .find(|l| !l.is_empty()),
            impact: None,
            link,
            unmatched,
            depends: None,
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
    fn github_fields_map_to_align() {
        let ws = load_text(DEMO);
        let json = r#"[
          {"number":7,"title":"Fix <b>label</b> crash","state":"OPEN","labels":[{"name":"bug"}],
           "milestone":{"title":"Activation"},"assignees":[{"login":"leo"},{"login":"tom"}],
           "url":"https://github.com/p/app/issues/7"},
          {"number":8,"title":"Done thing","state":"closed","labels":[],"milestone":null,
           "assignees":[],"url":"https://github.com/p/app/issues/8","closedAt":"2026-11-20T10:00:00Z"},
          {"number":9,"title":"Won't do","state":"CLOSED","stateReason":"NOT_PLANNED",
           "url":"https://github.com/p/app/issues/9"}
        ]"#;
        let p = github(&ws, "gh.json", json.as_bytes(), utc()).unwrap();
        let a = &p.tasks[0];
        assert_eq!(a.link.as_deref(), Some("activation"));
        assert_eq!(a.owner.as_deref(), Some("leo"));
        assert_eq!(a.tags, Some(vec!["bug".to_string()]));
        assert_eq!(a.status, TaskStatus::Todo);
        assert_eq!(p.tasks[1].status, TaskStatus::Done);
        assert_eq!(p.tasks[1].done, NaiveDate::from_ymd_opt(2026, 11, 20));
        // No assignee: the tool says nothing of the owner, so it is left alone.
        assert_eq!(p.tasks[1].owner, None);
        assert_eq!(p.tasks[2].status, TaskStatus::Dropped);
    }

    #[test]
    fn a_milestone_that_names_no_goal_is_noted_and_missing_labels_leave_tags() {
        let ws = load_text(DEMO);
        let json = r#"[{"number":3,"title":"t","state":"OPEN","milestone":{"title":"v2.0"},
                        "url":"https://github.com/p/app/issues/3"}]"#;
        let p = github(&ws, "g", json.as_bytes(), utc()).unwrap();
        assert_eq!(
            p.tasks[0].unmatched.as_deref(),
            Some("issue #3: milestone \"v2.0\" matches no goal")
        );
        assert_eq!(
            p.tasks[0].tags, None,
            "no labels asked for: tags are left alone"
        );
    }
}
