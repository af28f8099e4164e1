//! Import: tasks from Taskwarrior (`task export`), GitHub issues (`gh issue list --json
//! …`), Linear's CSV export and Jira's CSV export into the workspace — as often as you
//! like.
//!
//! Why it exists: a team should not have to keep align and its ticket tool in step by
//! hand. Each imported task remembers where it came from in its `source` key
//! (`taskwarrior:<uuid>`, the issue's URL, `linear:ENG-123`, `jira:PAY-88`), so importing
//! again updates those tasks — only the fields the tool owns — instead of adding
//! duplicates, and a second import of the same export changes nothing at all.
//!
//! Writes follow the rules of the rest of align. A workspace with any error is never
//! written. Only the blocks of imported tasks change: each is edited with `toml_edit`, so
//! its comments and layout stay, and every byte outside it stays too (the block is
//! spliced back into the file); new tasks are appended as `[[tasks]]` tables after the
//! last task of their file (or of the file `--file` names), with ids in that file's
//! style. The result is loaded again in memory — and checked to hold exactly what was
//! imported — before anything is saved, then saved through [`crate::store::save`]
//! (atomic, locked, refusing a file that changed meanwhile) and loaded once more from
//! disk.
//!
//! Mapping (also in the README):
//!
//! | align | Taskwarrior | GitHub | Linear | Jira |
//! |---|---|---|---|---|
//! | `title` | `description` | `title` | `Title` | `Summary` |
//! | `status` | pending/waiting → todo (a task already `doing` stays so), pending with `start` → doing, completed → done, deleted → dropped; recurring templates skipped | OPEN → todo (a task already `doing` stays so), CLOSED/MERGED → done (`stateReason` NOT_PLANNED → dropped) | `Canceled` set → dropped, `Completed` set → done, else by `Status` (Backlog/Todo/Triage → todo, as GitHub's OPEN; In Progress/In Review → doing; a team's own status: doing once `Started` is set) | `Status Category` To Do → todo (as GitHub's OPEN), In Progress → doing, Done → done or, resolved as Won't Do/Duplicate/…, dropped; without a category, the status's name; epics skipped |
//! | `done` | the `end` date | `closedAt` if given, else the date of the import | the `Completed` date | the `Resolved` date, else `Status Category Changed`, else the date of the import |
//! | `goals` | a `project` naming a goal (`retention`), a key result (`retention.churn` → `retention/churn`) or a sub-project of a goal (`retention.emails` → `retention`) | a `milestone` whose title is a goal id, a `goal/kr`, or a goal's title (any case) | `Project Milestone`, `Project` or an `Initiatives` name, as GitHub's milestone; a project naming a goal and a milestone naming its key result → `goal/kr` | the parent or epic (up to the epic of a sub-task's story), then a `Fix Version/s`, as GitHub's milestone |
//! | `tags` | `tags` | label names | `Labels` | every `Labels` column |
//! | `due` | `due` | — | `Due Date` | `Due date` |
//! | `owner` | — | the first assignee's login (no assignee: left as it is) | `Assignee` | `Assignee` |
//! | `impact` | `priority` H → 4, M → 3, L → 2 | — | `Priority` Urgent → 5, High → 4, Medium → 3, Low → 2 | `Priority` Highest → 5 … Lowest → 1 |
//!
//! Fields marked — are the team's: an import never sets or clears them, nor a column the
//! export left out. Links are only ever added: a link may have been made by hand on the
//! board, and align cannot tell one from the other, so a task whose project or milestone
//! changes gains the new link and keeps the old (`align unlink` removes it). A task left
//! without any link whose project, milestone or epic names no goal gets a note saying so,
//! with the nearest goal as a hint.
//!
//! The parts: `input` is what the tools' exports share (dates, titles, JSON), `rows` reads
//! a CSV export, `sniff` tells one tool's export from another's, `links` resolves the
//! names of projects, milestones and epics to goals; `taskwarrior`, `github`, `linear`
//! and `jira` read one tool each into [`Incoming`] tasks, `merge` says what must change
//! in one task and writes it into the task's own block, and `plan` works out every file's
//! new text and checks it; saving is done here.

mod github;
mod input;
mod jira;
mod linear;
mod links;
mod merge;
mod plan;
#[cfg(test)]
mod props;
mod rows;
mod sniff;
mod taskwarrior;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diag::LoadError;
use crate::load::load;
use crate::model::{TaskStatus, Workspace};
use crate::store::{self, StoreError};

pub use github::github;
pub use input::Zone;
pub use jira::jira;
pub use linear::linear;
pub use links::{milestone_link, project_link};
pub use plan::{Change, Plan, file_of, plan};
pub use taskwarrior::taskwarrior;

/// The tool an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Taskwarrior,
    Github,
    Linear,
    Jira,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Taskwarrior => "taskwarrior",
            Tool::Github => "github",
            Tool::Linear => "linear",
            Tool::Jira => "jira",
        }
    }
}

/// A task as the other tool describes it, in align's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Where it came from: `taskwarrior:<uuid>` or the issue's URL. The import's key.
    pub source: String,
    pub title: String,
    pub status: TaskStatus,
    /// The tool says only "open", not whether work has started (GitHub; Taskwarrior
    /// without a `start`): an open item leaves a task the team marked `doing` as it is.
    pub open_only: bool,
    /// The finish date the tool knows, for a done task.
    pub done: Option<NaiveDate>,
    /// `Some` when the tool owns the tags (the export has them).
    pub tags: Option<Vec<String>>,
    /// `Some` when the tool owns the due date (`Some(None)`: it has none).
    pub due: Option<Option<NaiveDate>>,
    /// `Some` when the tool names an owner; `None` leaves the task's as it is (an import
    /// never clears an owner: no assignee is not "nobody").
    pub owner: Option<String>,
    /// `Some` when the tool says how much the task matters.
    pub impact: Option<u8>,
    /// The link its project or milestone names, when it names a goal.
    pub link: Option<String>,
    /// When it has a project, milestone or epic that names no goal: the note saying so
    /// (`ENG-12: project "Mobile app" matches no goal (did you mean "mobile"?)`), given
    /// when the task ends up with no link at all.
    pub unmatched: Option<String>,
}

/// What an input holds: the tasks to import, and what was left out (reason → count).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub tasks: Vec<Incoming>,
    pub skipped: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
}

impl Parsed {
    fn skip(&mut self, why: &str) {
        *self.skipped.entry(why.to_string()).or_default() += 1;
    }
}

/// Why an import did not happen. Nothing was written in any case but `Reload`.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not what the tool exports.
    #[error("{label}: {message}")]
    Input { label: String, message: String },
    /// The import cannot be written into this workspace.
    #[error("{why}; nothing was written")]
    Rejected { why: String },
    /// The workspace with the import would not load.
    #[error("the workspace would not load after this import; nothing was written")]
    Invalid(LoadError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Saved, but the saved workspace did not load again (someone changed it meanwhile?).
    #[error("saved, but the workspace no longer loads: {0}")]
    Reload(LoadError),
}

fn rejected(why: impl Into<String>) -> ImportError {
    ImportError::Rejected { why: why.into() }
}

/// Read an input of `tool`.
pub fn parse(
    tool: Tool,
    ws: &Workspace,
    label: &str,
    input: &[u8],
    zone: Zone,
) -> Result<Parsed, ImportError> {
    match tool {
        Tool::Taskwarrior => taskwarrior(ws, label, input, zone),
        Tool::Github => github(ws, label, input, zone),
        Tool::Linear => linear(ws, label, input, zone),
        Tool::Jira => jira(ws, label, input),
    }
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub plan: Plan,
    /// The files written (none when nothing changed or on a dry run).
    pub saved: Vec<PathBuf>,
    pub dry_run: bool,
}

impl Outcome {
    /// `imported 2 new, updated 1, unchanged 3 (taskwarrior) · saved align.toml`
    pub fn summary(&self) -> String {
        let p = &self.plan;
        let skipped: usize = p.skipped.values().sum();
        let mut s = format!(
            "imported {} new, updated {}, unchanged {}",
            p.added.len(),
            p.updated.len(),
            p.unchanged
        );
        if skipped > 0 {
            s.push_str(&format!(", skipped {skipped}"));
        }
        s.push_str(&format!(" ({})", p.tool.name()));
        if self.dry_run {
            s.push_str(if p.is_empty() {
                " · dry run: nothing would change"
            } else {
                " · dry run: nothing was written"
            });
        } else if self.saved.is_empty() {
            s.push_str(" · nothing to save");
        } else {
            let names: Vec<String> = self.saved.iter().map(|p| p.display().to_string()).collect();
            s.push_str(&format!(" · saved {}", names.join(", ")));
        }
        s
    }

    /// One line per new or changed task, then the summary.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for c in &self.plan.added {
            out.push_str(&format!("  new      {}  {}\n", c.id, c.title));
        }
        for c in &self.plan.updated {
            out.push_str(&format!(
                "  updated  {}  {} ({})\n",
                c.id,
                c.title,
                c.fields.join(", ")
            ));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// Notes for stderr: what was skipped and why, and anything odd in the input.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = self.plan.warnings.clone();
        for (why, n) in &self.plan.skipped {
            notes.push(format!("skipped {n}: {why}"));
        }
        notes
    }
}

/// Import `input` (the export of `tool`, named `label` in messages) into `ws`, which must
/// be the workspace as loaded from disk; new tasks go to file `into` when given (see
/// [`file_of`]). Writes nothing on a dry run, when nothing changes, or on any error.
pub fn import(
    ws: &Workspace,
    tool: Tool,
    label: &str,
    input: &[u8],
    today: NaiveDate,
    dry_run: bool,
    into: Option<usize>,
) -> Result<Outcome, ImportError> {
    import_in(ws, tool, label, input, today, dry_run, into, Zone::Local)
}

/// [`import`] with dates read in `zone`.
#[allow(clippy::too_many_arguments)]
pub fn import_in(
    ws: &Workspace,
    tool: Tool,
    label: &str,
    input: &[u8],
    today: NaiveDate,
    dry_run: bool,
    into: Option<usize>,
    zone: Zone,
) -> Result<Outcome, ImportError> {
    let parsed = parse(tool, ws, label, input, zone)?;
    let plan = plan(ws, tool, parsed, today, into)?;
    if plan.is_empty() {
        return Ok(Outcome {
            plan,
            saved: Vec::new(),
            dry_run,
        });
    }
    plan::verify(ws, &plan)?;
    if dry_run {
        return Ok(Outcome {
            plan,
            saved: Vec::new(),
            dry_run,
        });
    }
    let mut saved = Vec::new();
    for (file, text) in &plan.files {
        let f = &ws.files[*file];
        store::save(&f.path, f.text.as_bytes(), text.as_bytes())?;
        saved.push(f.path.clone());
    }
    load(&ws.root).map_err(ImportError::Reload)?;
    Ok(Outcome {
        plan,
        saved,
        dry_run,
    })
}

#[cfg(test)]
mod test_support {
    use chrono::{FixedOffset, NaiveDate};

    use super::{Parsed, Plan, Zone, github, taskwarrior};
    use crate::model::Workspace;

    pub(super) use crate::load::load_text;

    pub(super) const DEMO: &str = include_str!("../../../../assets/demo.toml");

    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    pub(super) fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).unwrap())
    }

    pub(super) fn tw(json: &str, ws: &Workspace) -> Parsed {
        taskwarrior(ws, "tw.json", json.as_bytes(), utc()).unwrap()
    }

    pub(super) fn gh(json: &str, ws: &Workspace) -> Parsed {
        github(ws, "g", json.as_bytes(), utc()).unwrap()
    }

    /// Apply a plan's texts in memory.
    pub(super) fn applied(ws: &Workspace, plan: &Plan) -> String {
        assert!(plan.files.len() <= 1);
        plan.files
            .first()
            .map_or(ws.files[0].text.clone(), |(_, t)| t.clone())
    }

    pub(super) const TW: &str = r#"[
      {"uuid":"a1","description":"Win-back emails for churned shops","status":"pending",
       "project":"retention.churn","tags":["email","billing"],"due":"20261130T120000Z",
       "priority":"H","entry":"20261101T090000Z","urgency":8.1},
      {"uuid":"b2","description":"Tidy the office","status":"completed","end":"20261124T170000Z"},
      {"uuid":"c3","description":"Weekly standup notes","status":"recurring","recur":"weekly"},
      {"uuid":"d4","description":"Old idea","status":"deleted","end":"20261101T100000Z"},
      {"uuid":"e5","description":"Carrier docs","status":"pending","start":"20261120T100000Z",
       "project":"carriers.docs.q4"}
    ]"#;
}
