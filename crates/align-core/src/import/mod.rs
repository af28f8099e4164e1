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
//! | `goals` | a `project` naming a goal (`retention`), a key result (`retention.kr1` → `retention/kr1`) or a sub-project of a goal (`retention.emails` → `retention`) | a `milestone` whose title is a goal id, a `goal/kr`, or a goal's title (any case) | `Project Milestone`, `Project` or an `Initiatives` name, as GitHub's milestone; a project naming a goal and a milestone naming its key result → `goal/kr` | the parent or epic (up to the epic of a sub-task's story), then a `Fix Version/s`, as GitHub's milestone |
//! | `tags` | `tags` | label names | `Labels` | every `Labels` column |
//! | `due` | `due` | — | `Due Date` | `Due date` |
//! | `owner` | — | the first assignee's login (no assignee: left as it is) | `Assignee` | `Assignee` |
//! | `impact` | `priority` H → 4, M → 3, L → 2 | — | `Priority` Urgent → 5, High → 4, Medium → 3, Low → 2 | `Priority` Highest → 5 … Lowest → 1 |
//! | `depends` | `depends` (uuids, as an array or the older comma-separated string) → the ids of those tasks, added, never removed | — | — | — |
//!
//! Fields marked — are the team's: an import never sets or clears them, nor a column the
//! export left out. Links are only ever added: a link may have been made by hand on the
//! board, and align cannot tell one from the other, so a task whose project or milestone
//! changes gains the new link and keeps the old (`align unlink` removes it); so are
//! dependencies, for the same reason. A task left
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
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::edit::{Batch, Edit, EditError};
use crate::model::{TaskStatus, Workspace};
use crate::session::{Session, WriteError};
use crate::text::safe;

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
    /// The sources of the tasks it waits on (Taskwarrior's `depends`, as
    /// `taskwarrior:<uuid>`), `None` when the tool says nothing of dependencies. The plan
    /// turns them into task ids: dependencies are only ever added, as links are.
    pub depends: Option<Vec<String>>,
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

/// Why an import did not happen. Nothing was written, but for a `Write` error that says
/// which files of a several-file import were saved.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not what the tool exports.
    #[error("{label}: {message}")]
    Input { label: String, message: String },
    /// The import cannot be written into this workspace.
    #[error("{why}; nothing was written")]
    Rejected { why: String },
    /// The save through the session failed (another writer, the disk).
    #[error(transparent)]
    Write(WriteError),
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
            out.push_str(&format!("  new      {}  {}\n", safe(&c.id), safe(&c.title)));
        }
        for c in &self.plan.updated {
            out.push_str(&format!(
                "  updated  {}  {} ({})\n",
                safe(&c.id),
                safe(&c.title),
                c.fields.join(", ")
            ));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// Notes for stderr: what was skipped and why, and anything odd in the input.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self
            .plan
            .warnings
            .iter()
            .map(|w| safe(w).into_owned())
            .collect();
        for (why, n) in &self.plan.skipped {
            notes.push(format!("skipped {n}: {}", safe(why)));
        }
        notes
    }
}

/// An import worked out on `ws`: the plan, and the edit that makes it (`None` when
/// nothing changes). The edit is one [`Batch`] — one undo takes the whole import back —
/// and [`check`] proves on the workspace it gives that every imported task is there,
/// holding what was imported. New tasks go to the workspace file `into` when given
/// (`--file`, see [`file_of`]).
pub fn prepare(
    ws: &Workspace,
    tool: Tool,
    label: &str,
    input: &[u8],
    into: Option<&Path>,
    today: NaiveDate,
    zone: Zone,
) -> Result<(Plan, Option<Edit>), ImportError> {
    let into = into.map(|p| file_of(ws, p)).transpose()?;
    let parsed = parse(tool, ws, label, input, zone)?;
    let plan = plan(ws, tool, parsed, today, into)?;
    if plan.is_empty() {
        return Ok((plan, None));
    }
    let batch = Batch::new(plan.edits.clone()).map_err(|e| rejected(e.to_string()))?;
    Ok((plan, Some(Edit::Batch(batch))))
}

/// Does `after` (the workspace the plan was worked out on, with the plan's edit) hold
/// exactly what was imported?
pub fn check(after: &Workspace, plan: &Plan) -> Result<(), ImportError> {
    plan::verify(after, plan)
}

/// Import `input` (what `tool` exports, named `label` in messages) through `session`, or
/// only work it out on a dry run. Made again on a fresh read when another writer saved
/// first; nothing is written on any error. New tasks go to the workspace file `into`
/// when given.
pub fn import(
    session: &mut Session,
    tool: Tool,
    label: &str,
    input: &[u8],
    into: Option<&Path>,
    dry_run: bool,
    zone: Zone,
) -> Result<Outcome, ImportError> {
    let today = session.today();
    if dry_run {
        let ws = session.workspace();
        let (plan, edit) = prepare(ws, tool, label, input, into, today, zone)?;
        if let Some(edit) = edit {
            let mut after = ws.clone();
            edit.apply(&mut after)
                .map_err(|e| rejected(e.to_string()))?;
            check(&after, &plan)?;
        }
        return Ok(Outcome {
            plan,
            saved: Vec::new(),
            dry_run,
        });
    }
    // The plan of the last attempt (one is made again after another writer's save), and
    // why it failed, when it did.
    let mut planned: Option<Plan> = None;
    let mut failure: Option<ImportError> = None;
    let written = session.write_checked(
        |ws| match prepare(ws, tool, label, input, into, today, zone) {
            Ok((plan, edit)) => {
                let made = edit.map(|e| (e, plan.clone()));
                planned = Some(plan);
                Ok(made)
            }
            Err(e) => {
                let why = e.to_string();
                failure = Some(e);
                Err(EditError::Rejected { why })
            }
        },
        |after, plan| check(after, plan).map_err(|e| EditError::Rejected { why: e.to_string() }),
    );
    match written {
        Ok(Some(w)) => Ok(Outcome {
            plan: w.value,
            saved: w.files,
            dry_run,
        }),
        Ok(None) => planned
            .map(|plan| Outcome {
                plan,
                saved: Vec::new(),
                dry_run,
            })
            .ok_or_else(|| rejected("the import made no plan (an internal error)")),
        Err(e) => Err(failure.unwrap_or(ImportError::Write(e))),
    }
}

#[cfg(test)]
mod test_support {
    use chrono::{FixedOffset, NaiveDate};

    use super::{Batch, Edit, Parsed, Plan, Zone, github, taskwarrior};
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

    /// The workspace with a plan's edits, in memory.
    pub(super) fn after(ws: &Workspace, plan: &Plan) -> Workspace {
        let mut after = ws.clone();
        if !plan.is_empty() {
            let batch = Batch::new(plan.edits.clone()).unwrap();
            Edit::Batch(batch).apply(&mut after).unwrap();
        }
        after
    }

    /// The text of the (one-file) workspace with a plan's edits.
    pub(super) fn applied(ws: &Workspace, plan: &Plan) -> String {
        after(ws, plan).files[0].text.clone()
    }

    /// The plan's edits applied, and the result holds what was imported.
    pub(super) fn checked(ws: &Workspace, plan: &Plan) {
        super::check(&after(ws, plan), plan).unwrap();
    }

    pub(super) const TW: &str = r#"[
      {"uuid":"a1","description":"Win-back emails for churned shops","status":"pending",
       "project":"retention.kr1","tags":["email","billing"],"due":"20261130T120000Z",
       "priority":"H","entry":"20261101T090000Z","urgency":8.1},
      {"uuid":"b2","description":"Tidy the office","status":"completed","end":"20261124T170000Z"},
      {"uuid":"c3","description":"Weekly standup notes","status":"recurring","recur":"weekly"},
      {"uuid":"d4","description":"Old idea","status":"deleted","end":"20261101T100000Z"},
      {"uuid":"e5","description":"Carrier docs","status":"pending","start":"20261120T100000Z",
       "project":"carriers.docs.q4"}
    ]"#;
}
