//! A new task, written as a `[[tasks]]` table after the last task of its file (by
//! default the one that holds the newest task), with the next id in that file's own
//! style ("T-099" → "T-100", "B-7" in bob.toml).
//! An import adds its tasks the same way.

use toml::de::DeTable;

use chrono::NaiveDate;

use super::{BlockEdit, Number, Subject};
use super::{EditError, Splice, eol_at, quoted};
use crate::model::{FileIx, LinkRef, Task, Workspace};
use crate::schema::is_header;

/// A fresh task id in the workspace's own style: the most common prefix, the next
/// number, the same zero padding ("T-099" → "T-100").
pub fn next_task_id(ws: &Workspace) -> String {
    next_task_ids(ws, 1).pop().unwrap_or_default()
}

/// An id style: a prefix, how many ids have it, the highest number after it, the widest
/// number (its zero padding).
struct Style {
    prefix: String,
    count: usize,
    max: u128,
    width: usize,
}

/// The id styles of `tasks`, in the order they first appear.
fn styles<'t>(tasks: impl Iterator<Item = &'t Task>) -> Vec<Style> {
    let mut styles: Vec<Style> = Vec::new();
    for t in tasks {
        let digits = t.id.len() - t.id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            continue;
        }
        let (prefix, number) = t.id.split_at(t.id.len() - digits);
        let Ok(n) = number.parse::<u128>() else {
            continue;
        };
        match styles.iter_mut().find(|s| s.prefix == prefix) {
            Some(s) => {
                s.count += 1;
                s.max = s.max.max(n);
                s.width = s.width.max(digits);
            }
            None => styles.push(Style {
                prefix: prefix.to_string(),
                count: 1,
                max: n,
                width: digits,
            }),
        }
    }
    styles
}

/// The most common style (the first, among equals).
fn most_common(styles: Vec<Style>) -> Option<Style> {
    let mut best: Option<Style> = None;
    for s in styles {
        if best.as_ref().is_none_or(|b| s.count > b.count) {
            best = Some(s);
        }
    }
    best
}

/// `count` ids `prefix` + a number from `n` on, padded to `width`, none of them taken.
fn fresh_ids(ws: &Workspace, prefix: &str, mut n: u128, width: usize, count: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(count);
    while ids.len() < count {
        let id = format!("{prefix}{n:0width$}");
        if ws.task_by_id(&id).is_none() {
            ids.push(id);
        }
        n += 1;
    }
    ids
}

/// `count` fresh task ids in the workspace's own style, in order ("T-132", "T-133", …),
/// none of them taken: for adding several tasks at once (an import).
pub fn next_task_ids(ws: &Workspace, count: usize) -> Vec<String> {
    match most_common(styles(ws.tasks.iter())) {
        Some(s) => fresh_ids(ws, &s.prefix, s.max + 1, s.width, count),
        None => fresh_ids(ws, "T-", 1, 1, count),
    }
}

/// `count` fresh task ids in the style of the tasks of `file` (in a directory where each
/// person's file has its own prefix, "B-7" in bob.toml), numbered after the highest id of
/// that prefix anywhere in the workspace; a file without tasks takes the workspace's.
pub fn next_task_ids_in(ws: &Workspace, file: FileIx, count: usize) -> Vec<String> {
    let own = ws.tasks.iter().filter(|t| t.origin.file == file);
    let Some(style) = most_common(styles(own)) else {
        return next_task_ids(ws, count);
    };
    let max = styles(ws.tasks.iter())
        .into_iter()
        .find(|s| s.prefix == style.prefix)
        .map_or(style.max, |s| s.max);
    fresh_ids(ws, &style.prefix, max + 1, style.width, count)
}

/// A new task as `align add` and the board's `a` describe it: its title and whatever
/// else is known. A new field (dependencies) is one more member and one more line in
/// [`add_task_with`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewTask {
    pub title: String,
    pub goals: Vec<LinkRef>,
    pub owner: Option<String>,
    pub effort: Option<Number>,
    pub impact: Option<u8>,
    pub due: Option<NaiveDate>,
    pub urgent: bool,
    pub tags: Vec<String>,
    /// The file to write it in (default: the file that holds the newest task).
    pub file: Option<FileIx>,
}

/// A new task (status todo) after the last task of the file that holds the most recent
/// one, written in the `[[tasks]]` style.
pub fn add_task(ws: &Workspace, title: &str) -> Result<BlockEdit, EditError> {
    add_task_with(
        ws,
        &NewTask {
            title: title.to_string(),
            ..NewTask::default()
        },
    )
    .map(|(edit, _)| edit)
}

/// The file a new task goes in when none is named: the one that holds the newest task.
pub fn default_task_file(ws: &Workspace) -> FileIx {
    ws.tasks.last().map_or(FileIx(0), |t| t.origin.file)
}

/// The file that holds most of `owner`'s tasks (the first among equals): where a new task
/// of theirs goes when no file is named — in a directory per person, their own.
pub fn owners_file(ws: &Workspace, owner: &str) -> Option<FileIx> {
    let mut counts: Vec<(FileIx, usize)> = Vec::new();
    for t in ws
        .tasks
        .iter()
        .filter(|t| t.owner.as_deref() == Some(owner))
    {
        match counts.iter_mut().find(|(f, _)| *f == t.origin.file) {
            Some((_, n)) => *n += 1,
            None => counts.push((t.origin.file, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == most).map(|(f, _)| *f)
}

/// A new task (status todo) with the fields `new` gives, after the last task of its
/// file (by default its owner's: [`owners_file`]), with the next id in that file's style; returns the edit and the new id. Its
/// links are checked first (a bare key-result id names its `goal/kr` candidates).
pub fn add_task_with(ws: &Workspace, new: &NewTask) -> Result<(BlockEdit, String), EditError> {
    let rejected = |why: String| EditError::Rejected { why };
    let title = new.title.trim();
    if title.is_empty() {
        return Err(rejected("a task needs a title".to_string()));
    }
    // The same limits as an edit's.
    super::TaskChanges {
        effort: new.effort,
        impact: new.impact,
        owner: new.owner.clone().map(Some),
        tag: new.tags.clone(),
        ..super::TaskChanges::default()
    }
    .check()?;
    for link in &new.goals {
        super::check_target(ws, link)?;
    }
    let file = new
        .file
        .or_else(|| new.owner.as_deref().and_then(|o| owners_file(ws, o.trim())))
        .unwrap_or_else(|| default_task_file(ws));
    if file.0 >= ws.files.len() {
        return Err(rejected("no such workspace file".to_string()));
    }
    let text = &ws.files[file].text;
    let has_tasks = ws.tasks.iter().any(|t| t.origin.file == file);
    if ws
        .tasks
        .iter()
        .any(|t| t.origin.file == file && t.layout.inline)
        // No tasks yet, but an inline `tasks = []`: a `[[tasks]]` table would clash with it.
        || (!has_tasks && inline_tasks_key(text))
    {
        return Err(rejected(
            "this file writes its tasks inline (tasks = [ { … } ]); add the task in your editor"
                .to_string(),
        ));
    }
    let at = after_last_task(ws, file);
    let nl = eol_at(text, at.saturating_sub(1));
    let before = &text[..at];
    // A table after it (`[workspace]` in a directory's file): the new task sits between
    // the two as the last task sat before that table — after a blank line and before one
    // when the file separates its tables so, without when it does not.
    let table_follows = !text[at..].trim().is_empty() && before.ends_with('\n');
    let blank_style = before.ends_with(&format!("{nl}{nl}"));
    let trail = if table_follows && blank_style { nl } else { "" };
    let lead = if table_follows {
        String::new()
    } else {
        blank_line_before(before, nl)
    };
    let id = next_task_ids_in(ws, file, 1).pop().unwrap_or_default();
    let mut lines = vec![
        format!("id = {}", quoted(&id)),
        format!("title = {}", quoted(title)),
        "status = \"todo\"".to_string(),
    ];
    let mut goals: Vec<String> = Vec::new();
    for g in new.goals.iter().map(ToString::to_string) {
        if !goals.contains(&g) {
            goals.push(g);
        }
    }
    let list = |items: &[String]| {
        let q: Vec<String> = items.iter().map(|x| quoted(x)).collect();
        format!("[{}]", q.join(", "))
    };
    if !goals.is_empty() {
        lines.push(format!("goals = {}", list(&goals)));
    }
    if let Some(o) = new.owner.as_deref().map(str::trim) {
        lines.push(format!("owner = {}", quoted(o)));
    }
    if let Some(e) = new.effort {
        lines.push(format!("effort = {}", e.literal()));
    }
    if let Some(i) = new.impact {
        lines.push(format!("impact = {i}"));
    }
    if let Some(d) = new.due {
        lines.push(format!("due = {d}"));
    }
    if new.urgent {
        lines.push("urgent = true".to_string());
    }
    let mut tags: Vec<String> = Vec::new();
    for t in new.tags.iter().map(|t| t.trim().to_string()) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if !tags.is_empty() {
        lines.push(format!("tags = {}", list(&tags)));
    }
    let place = Place {
        file,
        at,
        lead,
        nl,
        trail,
    };
    let edit = place.table("tasks", &lines, Subject::AddTask, format!("added {id}"));
    Ok((edit, id))
}

/// Where a new `[[…]]` table goes: at byte `at` of `file`, after `lead` (the blank line
/// that parts it from what comes before, or nothing) and before `trail`, each of its lines
/// ended as the file ends them (`nl`). New tasks and new goals are both written so.
pub(super) struct Place<'t> {
    pub(super) file: FileIx,
    pub(super) at: usize,
    pub(super) lead: String,
    pub(super) nl: &'t str,
    pub(super) trail: &'t str,
}

impl Place<'_> {
    /// The edit that writes the table `[[header]]` of `lines` there.
    pub(super) fn table(
        &self,
        header: &str,
        lines: &[String],
        subject: Subject,
        label: String,
    ) -> BlockEdit {
        let nl = self.nl;
        let mut inserted = format!("{}[[{header}]]{nl}", self.lead);
        for l in lines {
            inserted.push_str(l);
            inserted.push_str(nl);
        }
        inserted.push_str(self.trail);
        BlockEdit {
            splice: Splice {
                file: self.file,
                at: self.at,
                removed: String::new(),
                inserted,
            },
            subject,
            label,
        }
    }
}

/// Where a new task goes in `file`: right after the block of its last task, else at the
/// end of the file.
pub(crate) fn after_last_task(ws: &Workspace, file: FileIx) -> usize {
    ws.tasks
        .iter()
        .filter(|t| t.origin.file == file)
        .map(|t| t.layout.block.end)
        .max()
        .unwrap_or(ws.files[file].text.len())
}

/// The line ends a new table needs after `before` (the text up to it, ending in `nl`
/// line ends) to stand after one blank line — none at the start of a file.
pub(crate) fn blank_line_before(before: &str, nl: &str) -> String {
    if before.is_empty() {
        String::new()
    } else if !before.ends_with('\n') {
        format!("{nl}{nl}")
    } else if !before.ends_with(&format!("{nl}{nl}")) {
        nl.to_string()
    } else {
        String::new()
    }
}

/// Does the file write a `tasks` key that is not `[[tasks]]` tables (e.g. `tasks = []`)?
fn inline_tasks_key(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|doc| {
        doc.get_ref()
            .get("tasks")
            .is_some_and(|v| !is_header(v, text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::test_support::*;
    use crate::edit::{apply, set_title};
    use crate::load::load_text;
    use crate::model::TaskIx;

    #[test]
    fn a_new_table_stands_after_one_blank_line() {
        assert_eq!(blank_line_before("", "\n"), "");
        assert_eq!(blank_line_before("a = 1", "\n"), "\n\n");
        assert_eq!(blank_line_before("a = 1\n", "\n"), "\n");
        assert_eq!(blank_line_before("a = 1\n\n", "\n"), "");
        assert_eq!(blank_line_before("a = 1\r\n", "\r\n"), "\r\n");
    }

    #[test]
    fn a_new_task_gets_the_next_id_and_goes_after_the_last() {
        let mut ws = load_text(DEMO);
        assert_eq!(next_task_id(&ws), "T-132");
        let edit = add_task(&ws, "Write the Q1 plan").unwrap();
        let before = ws.tasks.len();
        apply(&mut ws, &edit).unwrap();
        assert_eq!(ws.tasks.len(), before + 1);
        assert_eq!(ws.tasks.last().unwrap().id, "T-132");
        assert_eq!(ws.task_by_id("T-132"), Some(TaskIx(before)));
        // And it can be edited right away, then everything undone exactly.
        let renamed = set_title(&ws, TaskIx(before), "Write the Q1 plan draft").unwrap();
        apply(&mut ws, &renamed).unwrap();
        let fresh = load_text(&ws.files[0].text);
        assert_eq!(fresh.tasks.last().unwrap().title, "Write the Q1 plan draft");
        apply(&mut ws, &renamed.inverse()).unwrap();
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        assert_eq!(ws.task_by_id("T-132"), None);
    }

    #[test]
    fn ids_keep_their_padding() {
        let ws = load_text(
            "version = 1\n[[tasks]]\nid = \"A-009\"\ntitle = \"x\"\n[[tasks]]\nid = \"A-010\"\ntitle = \"y\"\n",
        );
        assert_eq!(next_task_id(&ws), "A-011");
        let empty = load_text("version = 1\n");
        assert_eq!(next_task_id(&empty), "T-1");
    }

    #[test]
    fn adding_to_a_file_without_a_final_newline_or_tasks() {
        for text in [
            "version = 1",
            "version = 1\n",
            "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"",
        ] {
            let mut ws = load_text(text);
            let after = {
                let e = add_task(&ws, "new").unwrap();
                round_trip(&mut ws, e)
            };
            assert!(
                load_text(&after).tasks.iter().any(|t| t.title == "new"),
                "{after}"
            );
        }
    }

    #[test]
    fn inline_tasks_can_be_renamed_but_not_added_to() {
        let text = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\" },\n]\n";
        let mut ws = load_text(text);
        let after = {
            let e = set_title(&ws, TaskIx(0), "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(after.contains("{ id = \"T-1\", title = \"b\" }"));
        assert!(matches!(
            add_task(&ws, "c"),
            Err(EditError::Rejected { .. })
        ));
        assert!(matches!(
            set_title(&ws, TaskIx(0), "  "),
            Err(EditError::Rejected { .. })
        ));
    }

    #[test]
    fn a_new_task_before_a_following_table_keeps_the_blank_lines() {
        // As in a directory's file that ends with its `[workspace]`.
        let blank =
            "version = 1\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n\n[workspace]\nname = \"W\"\n";
        let mut ws = load_text(blank);
        let after = {
            let e = add_task(&ws, "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.ends_with(
                "title = \"a\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\nstatus = \"todo\"\n\n[workspace]\nname = \"W\"\n"
            ),
            "{after}"
        );
        // A file that writes its tables without blank lines gets none.
        let tight =
            "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\n[workspace]\nname = \"W\"\n";
        let mut ws = load_text(tight);
        let after = {
            let e = add_task(&ws, "b").unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.contains("title = \"a\"\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\nstatus = \"todo\"\n[workspace]\n"),
            "{after}"
        );
    }

    #[test]
    fn several_fresh_ids_follow_the_style() {
        let ws = load_text(
            "version = 1\n[[tasks]]\nid = \"A-009\"\ntitle = \"x\"\n[[tasks]]\nid = \"A-011\"\ntitle = \"y\"\n",
        );
        assert_eq!(
            crate::edit::next_task_ids(&ws, 3),
            ["A-012", "A-013", "A-014"]
        );
        assert_eq!(
            crate::edit::next_task_ids(&load_text("version = 1\n"), 2),
            ["T-1", "T-2"]
        );
    }

    #[test]
    fn ids_for_a_file_follow_that_files_style() {
        use crate::load::load_sources;
        let root = std::path::PathBuf::from("team");
        let file = |name: &str, text: &str| (root.join(name), text.as_bytes().to_vec());
        let ws = load_sources(
            &root,
            vec![
                file("alice.toml", "[[tasks]]\nid = \"A-1\"\ntitle = \"a\"\n[[tasks]]\nid = \"T-0040\"\ntitle = \"x\"\n"),
                file("bob.toml", "[[tasks]]\nid = \"B-1\"\ntitle = \"b\"\n[[tasks]]\nid = \"T-0007\"\ntitle = \"y\"\n[[tasks]]\nid = \"T-0008\"\ntitle = \"z\"\n"),
                file("goals.toml", "version = 1\n"),
            ],
        )
        .unwrap()
        .workspace;
        let index = |name: &str| {
            ws.files
                .iter()
                .position(|f| f.path.ends_with(name))
                .map(FileIx)
                .unwrap()
        };
        // bob writes T-0007: the next T- id of the whole workspace, in bob's padding.
        assert_eq!(
            next_task_ids_in(&ws, index("bob.toml"), 2),
            ["T-0041", "T-0042"]
        );
        // alice's styles tie (one each): her first.
        assert_eq!(next_task_ids_in(&ws, index("alice.toml"), 1), ["A-2"]);
        // No tasks of its own: the workspace's style.
        assert_eq!(
            next_task_ids_in(&ws, index("goals.toml"), 1),
            next_task_ids(&ws, 1)
        );
    }
}

#[cfg(test)]
mod with_fields {
    use super::*;
    use crate::edit::test_support::*;
    use crate::load::load_text;

    #[test]
    fn a_new_task_carries_every_field_given() {
        let mut ws = load_text(DEMO);
        let (edit, id) = add_task_with(
            &ws,
            &NewTask {
                title: "Post the metric".into(),
                goals: vec![
                    LinkRef::parse("retention/kr1"),
                    LinkRef::parse("retention/kr1"),
                ],
                owner: Some("ana".into()),
                effort: Some(Number(2.0)),
                impact: Some(4),
                due: Some(today()),
                urgent: true,
                tags: vec!["ops".into(), "cron".into()],
                file: None,
            },
        )
        .unwrap();
        assert_eq!(id, "T-132");
        assert!(edit.splice.inserted.ends_with(
            "[[tasks]]\nid = \"T-132\"\ntitle = \"Post the metric\"\nstatus = \"todo\"\ngoals = [\"retention/kr1\"]\nowner = \"ana\"\neffort = 2\nimpact = 4\ndue = 2026-11-25\nurgent = true\ntags = [\"ops\", \"cron\"]\n"
        ), "{}", edit.splice.inserted);
        round_trip(&mut ws, edit);
        let bare = NewTask {
            title: "x".into(),
            goals: vec![LinkRef::parse("kr1")],
            ..NewTask::default()
        };
        // kr1 is under two goals: the error names both.
        let err = add_task_with(&ws, &bare).unwrap_err().to_string();
        assert!(
            err.contains("activation/kr1") && err.contains("retention/kr1"),
            "{err}"
        );
    }
}
