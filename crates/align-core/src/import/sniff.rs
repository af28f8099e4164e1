//! What an input is, told from its shape: each tool's export, so that feeding one tool's
//! file to another's importer names the file and the command that reads it, instead of
//! a parse error about a missing field. Only asked once an input has failed to read (or,
//! for a CSV importer, when the input is JSON or lacks a column), so a good import never
//! pays for it.

use serde_json::Value;

use super::rows::header_of;
use super::{ImportError, Tool};

/// The exports align knows by sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Export {
    /// `task export`.
    TaskwarriorJson,
    /// `gh issue list --json …`.
    GithubJson,
    /// GitHub's REST API (`gh api repos/…/issues`): `html_url`, not `url`.
    GithubRestJson,
    /// A GitHub Projects view saved as CSV ("Export view data").
    GithubProjectsCsv,
    LinearCsv,
    JiraCsv,
}

impl Export {
    fn describe(self) -> &'static str {
        match self {
            Export::TaskwarriorJson => "Taskwarrior's JSON (`task export`)",
            Export::GithubJson => "GitHub's issue JSON (`gh issue list --json …`)",
            Export::GithubRestJson => "GitHub's REST API issue JSON",
            Export::GithubProjectsCsv => "a GitHub Projects CSV export",
            Export::LinearCsv => "Linear's CSV export",
            Export::JiraCsv => "Jira's CSV export",
        }
    }

    /// The tool whose importer reads it as it is.
    fn tool(self) -> Option<Tool> {
        match self {
            Export::TaskwarriorJson => Some(Tool::Taskwarrior),
            Export::GithubJson => Some(Tool::Github),
            Export::LinearCsv => Some(Tool::Linear),
            Export::JiraCsv => Some(Tool::Jira),
            Export::GithubRestJson | Export::GithubProjectsCsv => None,
        }
    }

    /// What to tell someone who gave this to `wanted`'s importer; `None` when it is
    /// `wanted`'s own.
    pub fn advice(self, wanted: Tool) -> Option<String> {
        match self.tool() {
            Some(t) if t == wanted => None,
            Some(t) => Some(format!(
                "this looks like {}; use `align import {}`",
                self.describe(),
                t.name()
            )),
            None => Some(format!(
                "this looks like {}; align reads GitHub issues from `gh issue list --json number,title,state,labels,milestone,assignees,url,closedAt,stateReason` (`align import github`)",
                self.describe()
            )),
        }
    }
}

/// The error for an input that is another tool's export, if it is one.
pub(super) fn wrong_tool(wanted: Tool, label: &str, input: &[u8]) -> Option<ImportError> {
    recognise(input)
        .and_then(|e| e.advice(wanted))
        .map(|message| ImportError::Input {
            label: label.to_string(),
            message,
        })
}

/// What `input` is, if it is an export align knows.
pub(super) fn recognise(input: &[u8]) -> Option<Export> {
    let text = String::from_utf8_lossy(input);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('[') || text.starts_with('{') {
        json_kind(text)
    } else {
        csv_kind(&header_of(text.as_bytes())?)
    }
}

/// A CSV export's tool, from its header.
pub(super) fn csv_kind(header: &[String]) -> Option<Export> {
    let has = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has("Issue key") && has("Summary") {
        return Some(Export::JiraCsv);
    }
    let linear_only = [
        "Team",
        "Cycle Number",
        "Project Milestone",
        "Triaged",
        "Canceled",
    ];
    if has("ID") && has("Title") && linear_only.iter().any(|c| has(c)) {
        return Some(Export::LinearCsv);
    }
    if has("Title")
        && has("URL")
        && ["Assignees", "Repository", "Linked pull requests"]
            .iter()
            .any(|c| has(c))
    {
        return Some(Export::GithubProjectsCsv);
    }
    None
}

/// A JSON export's tool, from its first object.
fn json_kind(text: &str) -> Option<Export> {
    let first: Value = if text.starts_with('[') {
        serde_json::from_str::<Vec<Value>>(text)
            .ok()?
            .into_iter()
            .next()?
    } else {
        // One object a line (older `task export`), or a single object.
        serde_json::Deserializer::from_str(text)
            .into_iter::<Value>()
            .next()?
            .ok()?
    };
    let o = first.as_object()?;
    let has = |k: &str| o.contains_key(k);
    if has("uuid") && (has("description") || has("status") || has("entry")) {
        Some(Export::TaskwarriorJson)
    } else if has("html_url") && has("number") {
        Some(Export::GithubRestJson)
    } else if has("number") && (has("url") || has("state") || has("title")) {
        Some(Export::GithubJson)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_export_is_known_by_its_shape() {
        let tw = br#"[{"uuid":"a","description":"d","status":"pending"}]"#;
        let gh =
            br#"[{"number":1,"title":"t","state":"OPEN","url":"https://github.com/a/b/issues/1"}]"#;
        let rest = br#"[{"number":1,"title":"t","state":"open","html_url":"https://github.com/a/b/issues/1"}]"#;
        let linear = b"ID,Team,Title,Status\nENG-1,Eng,t,Todo\n";
        let jira = b"\xef\xbb\xbfSummary,Issue key,Issue id,Status\r\nt,PAY-1,1,Done\r\n";
        let jira_semicolons = b"Summary;Issue key;Status\nt;PAY-1;Done\n";
        let projects = b"Title,URL,Assignees,Status\nt,https://github.com/a/b/issues/1,,Todo\n";
        let lines =
            b"{\"uuid\":\"a\",\"status\":\"pending\"}\n{\"uuid\":\"b\",\"status\":\"pending\"}\n";
        for (input, want) in [
            (&tw[..], Some(Export::TaskwarriorJson)),
            (&lines[..], Some(Export::TaskwarriorJson)),
            (&gh[..], Some(Export::GithubJson)),
            (&rest[..], Some(Export::GithubRestJson)),
            (&linear[..], Some(Export::LinearCsv)),
            (&jira[..], Some(Export::JiraCsv)),
            (&jira_semicolons[..], Some(Export::JiraCsv)),
            (&projects[..], Some(Export::GithubProjectsCsv)),
            (b"[]", None),
            (b"a,b,c\n1,2,3\n", None),
            (b"", None),
            (b"\xff\xfe", None),
        ] {
            assert_eq!(recognise(input), want, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn advice_names_the_command_that_reads_it() {
        assert_eq!(Export::JiraCsv.advice(Tool::Jira), None);
        assert_eq!(
            Export::LinearCsv.advice(Tool::Jira).unwrap(),
            "this looks like Linear's CSV export; use `align import linear`"
        );
        assert_eq!(
            Export::GithubJson.advice(Tool::Taskwarrior).unwrap(),
            "this looks like GitHub's issue JSON (`gh issue list --json …`); use `align import github`"
        );
        assert!(
            Export::GithubProjectsCsv
                .advice(Tool::Linear)
                .unwrap()
                .contains("gh issue list --json")
        );
    }
}
