//! The whole import worked out before a byte is written: every matched task's block
//! rewritten, new tasks appended after the last task of their file, each file's new
//! text, and the check that the result loads and holds exactly what was imported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use toml_edit::Value;

use super::merge::{Op, new_block, ops, rewrite_block};
use super::{ImportError, Incoming, Parsed, Tool, rejected};
use crate::edit;
use crate::edit::{BlockEdit, Splice, Subject, eol_at};
use crate::model::{FileIx, LinkRef, Task, TaskIx, TaskStatus, Workspace};

/// A task the import adds or changes, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub title: String,
    /// The keys that change (empty for a new task).
    pub fields: Vec<&'static str>,
}

/// Everything an import would do, before it is written.
#[derive(Debug, Clone)]
pub struct Plan {
    pub tool: Tool,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    pub unchanged: usize,
    pub skipped: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    /// The edits that make the import: each changed task's block rewritten, the new
    /// tasks after the last task of their file. Worked out on the workspace as it was,
    /// applied together as one [`crate::edit::Batch`].
    pub edits: Vec<BlockEdit>,
    /// The tasks as imported, each with the ids of the tasks it waits on, to check the
    /// result against.
    expected: Vec<(Incoming, Option<Vec<String>>)>,
    /// How many tasks the workspace had when the plan was made.
    tasks_before: usize,
    today: NaiveDate,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// The file `path` names among the workspace's files (`--file`): new tasks go there.
pub fn file_of(ws: &Workspace, path: &Path) -> Result<FileIx, ImportError> {
    let wanted = path.canonicalize().ok();
    ws.files
        .iter()
        .position(|f| f.path == path || (wanted.is_some() && f.path.canonicalize().ok() == wanted))
        .map(FileIx)
        .ok_or_else(|| {
            let files: Vec<String> = ws.files.iter().map(|f| f.path.display().to_string()).collect();
            rejected(format!(
                "--file {} is not a file of this workspace (its files: {}); new tasks go to one of them",
                path.display(),
                files.join(", ")
            ))
        })
}

/// The file new tasks go to: where earlier imports of this input went, else where the
/// newest task is, else the first file.
fn target_file(ws: &Workspace, matched: &[TaskIx]) -> FileIx {
    matched
        .iter()
        .max()
        .map(|&i| ws.tasks[i].origin.file)
        .or_else(|| ws.tasks.last().map(|t| t.origin.file))
        .unwrap_or_default()
}

/// Work out the new file texts for an import into `ws`; new tasks go to file `into`
/// when given (`--file`), else where [`target_file`] says.
pub fn plan(
    ws: &Workspace,
    tool: Tool,
    parsed: Parsed,
    today: NaiveDate,
    into: Option<FileIx>,
) -> Result<Plan, ImportError> {
    let Parsed {
        tasks,
        mut skipped,
        mut warnings,
    } = parsed;
    // Existing imported tasks by source; the first wins when the file repeats one.
    let mut by_source: HashMap<&str, TaskIx> = HashMap::new();
    for (i, t) in ws.tasks_ix() {
        if let Some(s) = t.source.as_deref() {
            if let Some(&first) = by_source.get(s) {
                warnings.push(format!(
                    "tasks {:?} and {:?} both have source {s:?}; only {:?} is updated",
                    ws.tasks[first].id, t.id, ws.tasks[first].id
                ));
            } else {
                by_source.insert(s, i);
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut matched: Vec<(TaskIx, Incoming)> = Vec::new();
    let mut fresh: Vec<Incoming> = Vec::new();
    for inc in tasks {
        if !seen.insert(inc.source.clone()) {
            warnings.push(format!(
                "{} appears twice in the input; the first is used",
                inc.source
            ));
            continue;
        }
        let linked = inc.link.is_some()
            || by_source
                .get(inc.source.as_str())
                .is_some_and(|&i| !ws.tasks[i].goals.is_empty());
        if let Some(note) = inc
            .unmatched
            .as_ref()
            .filter(|_| !linked && inc.status != TaskStatus::Dropped)
        {
            warnings.push(note.clone());
        }
        match by_source.get(inc.source.as_str()) {
            Some(&i) => matched.push((i, inc)),
            None if inc.status == TaskStatus::Dropped => {
                let why = match tool {
                    Tool::Taskwarrior => "deleted tasks never imported before",
                    Tool::Github => "issues closed as not planned, never imported before",
                    Tool::Linear => "canceled issues never imported before",
                    Tool::Jira => {
                        "issues closed as won't do, duplicate or cancelled, never imported before"
                    }
                };
                *skipped.entry(why.to_string()).or_default() += 1;
            }
            None => fresh.push(inc),
        }
    }

    // The new tasks' ids first: a task may wait on one imported alongside it.
    let into = if fresh.is_empty() {
        None
    } else {
        let ixs: Vec<TaskIx> = matched.iter().map(|(i, _)| *i).collect();
        Some(into.unwrap_or_else(|| target_file(ws, &ixs)))
    };
    let fresh_ids = into.map_or_else(Vec::new, |f| edit::next_task_ids_in(ws, f, fresh.len()));
    let id_of: HashMap<&str, &str> = by_source
        .iter()
        .map(|(&s, &i)| (s, ws.tasks[i].id.as_str()))
        .chain(
            fresh
                .iter()
                .zip(&fresh_ids)
                .map(|(inc, id)| (inc.source.as_str(), id.as_str())),
        )
        .collect();
    let mut waits = |inc: &Incoming, own: &str| -> Option<Vec<String>> {
        let sources = inc.depends.as_ref()?;
        let mut ids = Vec::with_capacity(sources.len());
        for s in sources {
            match id_of.get(s.as_str()) {
                Some(&id) if id != own => ids.push(id.to_string()),
                Some(_) => {}
                None => warnings.push(format!(
                    "{}: waits on {s}, which is neither in the workspace nor imported; left out",
                    inc.source
                )),
            }
        }
        Some(ids)
    };
    let mut expected = Vec::new();
    let mut updates: Vec<(TaskIx, Vec<Op>, String)> = Vec::new();
    let mut unchanged = 0;
    for (i, inc) in &matched {
        let w = waits(inc, &ws.tasks[*i].id);
        let ops = ops(inc, Some(&ws.tasks[*i]), today, w.as_deref());
        if ops.is_empty() {
            unchanged += 1;
        } else {
            updates.push((*i, ops, inc.title.clone()));
        }
        expected.push((inc.clone(), w));
    }
    let mut news: Vec<(Incoming, Vec<Op>)> = Vec::new();
    for (inc, id) in fresh.iter().zip(&fresh_ids) {
        let w = waits(inc, id);
        let ops = ops(inc, None, today, w.as_deref());
        news.push((inc.clone(), ops));
        expected.push((inc.clone(), w));
    }

    let mut edits = Vec::new();
    let mut updated = Vec::new();
    for (i, ops, title) in updates {
        let t = &ws.tasks[i];
        let file = t.origin.file;
        let range = t.layout.block.clone();
        let failed = |why: String| {
            rejected(format!(
                "{}: task {:?} could not be updated: {why}",
                ws.files[file].path.display(),
                t.id
            ))
        };
        // A new link goes through `align link`'s splice, which copies the array's own
        // separators and leaves comments where they are; the rest through toml_edit.
        let mut block = ws.files[file].text[range.clone()].to_string();
        let mut rest = Vec::with_capacity(ops.len());
        for op in &ops {
            match op {
                Op::Link(target) => {
                    let edit = edit::link(ws, i, &LinkRef::parse(target))
                        .map_err(|e| failed(e.to_string()))?;
                    if let Some(e) = edit {
                        let at = e.splice.at - range.start;
                        block.replace_range(at..at + e.splice.removed.len(), &e.splice.inserted);
                    }
                }
                other => rest.push(other.clone()),
            }
        }
        let new = if rest.is_empty() {
            block
        } else {
            rewrite_block(&block, t.layout.inline, &rest).map_err(failed)?
        };
        let mut fields: Vec<&'static str> = ops.iter().map(Op::key).collect();
        fields.dedup();
        // The title as it will be: the summary shows what the task is now called.
        updated.push(Change {
            id: t.id.clone(),
            title,
            fields,
        });
        edits.push(BlockEdit {
            splice: Splice {
                file,
                at: range.start,
                removed: ws.files[file].text[range].to_string(),
                inserted: new,
            },
            subject: Subject::Task(i),
            label: format!("updated {}", t.id),
        });
    }

    let mut added = Vec::new();
    if let Some(file) = into {
        let path = ws.files[file].path.display();
        if ws
            .tasks
            .iter()
            .any(|t| t.origin.file == file && t.layout.inline)
        {
            return Err(rejected(format!(
                "{path} writes its tasks inline (tasks = [ {{ … }} ]); new tasks are added as [[tasks]] tables, which cannot follow it — convert the tasks to [[tasks]] tables first"
            )));
        }
        let text = &ws.files[file].text;
        let at = edit::after_last_task(ws, file);
        let nl = eol_at(text, at.saturating_sub(1));
        let mut inserted = edit::blank_line_before(&text[..at], nl);
        for (n, ((inc, mut ops), id)) in news.into_iter().zip(fresh_ids).enumerate() {
            ops.insert(0, Op::Set("id", Value::from(id.as_str())));
            let block = new_block(&ops, nl);
            if n > 0 {
                inserted.push_str(nl);
            }
            inserted.push_str(&block);
            added.push(Change {
                id,
                title: inc.title,
                fields: Vec::new(),
            });
        }
        if at < text.len() {
            // A table follows: keep a blank line before it.
            inserted.push_str(nl);
        }
        edits.push(BlockEdit {
            splice: Splice {
                file,
                at,
                removed: String::new(),
                inserted,
            },
            subject: Subject::AddTask,
            label: format!("imported {} new tasks", added.len()),
        });
    }

    Ok(Plan {
        tool,
        added,
        updated,
        unchanged,
        skipped,
        warnings,
        edits,
        expected,
        tasks_before: ws.tasks.len(),
        today,
    })
}

/// `after` is the workspace the plan was made on with the plan's edits: every imported
/// task must be there exactly once, holding what was imported.
pub(super) fn verify(after: &Workspace, plan: &Plan) -> Result<(), ImportError> {
    if after.tasks.len() != plan.tasks_before + plan.added.len() {
        return Err(rejected(format!(
            "internal check failed: expected {} tasks after the import, found {}",
            plan.tasks_before + plan.added.len(),
            after.tasks.len()
        )));
    }
    let mut by_source: HashMap<&str, Vec<&Task>> = HashMap::new();
    for t in &after.tasks {
        if let Some(s) = t.source.as_deref() {
            by_source.entry(s).or_default().push(t);
        }
    }
    for (inc, waits) in &plan.expected {
        let found = by_source.get(inc.source.as_str()).and_then(|v| v.first());
        let Some(t) = found else {
            return Err(rejected(format!(
                "internal check failed: {} is missing after the import",
                inc.source
            )));
        };
        if !ops(inc, Some(t), plan.today, waits.as_deref()).is_empty() {
            return Err(rejected(format!(
                "internal check failed: task {:?} ({}) does not hold what was imported",
                t.id, inc.source
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Batch, Edit};
    use crate::import::test_support::*;

    #[test]
    fn new_tasks_are_appended_with_fresh_ids_and_reimport_is_a_no_op() {
        let ws = load_text(DEMO);
        let plan1 = plan(&ws, Tool::Taskwarrior, tw(TW, &ws), today(), None).unwrap();
        let ids: Vec<&str> = plan1.added.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["T-132", "T-133", "T-134"]);
        assert_eq!(plan1.skipped.values().sum::<usize>(), 2);
        let after = applied(&ws, &plan1);
        assert!(
            after.starts_with(DEMO),
            "everything before is kept byte for byte"
        );
        let tail = &after[DEMO.len()..];
        assert!(tail.contains(
            "[[tasks]]\nid = \"T-132\"\ntitle = \"Win-back emails for churned shops\"\nstatus = \"todo\"\ngoals = [\"retention/kr1\"]\nimpact = 4\ndue = 2026-11-30\ntags = [\"email\", \"billing\"]\nsource = \"taskwarrior:a1\"\n"
        ), "{tail}");
        assert!(tail.contains("done = 2026-11-24"));
        checked(&ws, &plan1);

        let ws2 = load_text(&after);
        let plan2 = plan(&ws2, Tool::Taskwarrior, tw(TW, &ws2), today(), None).unwrap();
        assert!(plan2.is_empty(), "{:?}", plan2.updated);
        assert_eq!(plan2.unchanged, 3);
        assert!(plan2.added.is_empty());
    }

    #[test]
    fn updates_touch_only_owned_keys_and_keep_comments() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Old\"   # the old name\nstatus = \"todo\"\n# effort is ours\neffort = 3\ndue = 2026-12-01   # soon\ntags = [\"a\"]\nsource = \"taskwarrior:u1\"\n\n# trailing comment\n[[tasks]]\nid = \"T-2\"\ntitle = \"Mine\"\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u1","description":"New","status":"completed","end":"20261120T120000Z","project":"g","due":"20261205T120000Z"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today(), None).unwrap();
        assert_eq!(p.updated.len(), 1);
        assert_eq!(
            p.updated[0].fields,
            ["title", "status", "goals", "due", "done", "tags"]
        );
        let after = applied(&ws, &p);
        assert_eq!(
            after,
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"New\"   # the old name\nstatus = \"done\"\ngoals = [\"g\"]\n# effort is ours\neffort = 3\ndue = 2026-12-05   # soon\nsource = \"taskwarrior:u1\"\ndone = 2026-11-20\n\n# trailing comment\n[[tasks]]\nid = \"T-2\"\ntitle = \"Mine\"\n"
        );
        checked(&ws, &p);
    }

    #[test]
    fn taskwarrior_depends_become_task_ids_on_first_import_and_on_updates() {
        let text = "version = 1\n\n[[tasks]]\nid = \"T-7\"\ntitle = \"Ship\"\nsource = \"taskwarrior:aa\"\n\n[[tasks]]\nid = \"T-8\"\ntitle = \"Mine\"\n";
        let ws = load_text(text);
        // The array form on a task already imported, naming one imported alongside it;
        // the old comma-separated string on a new one, naming another new one, a blank,
        // and a uuid nobody knows.
        let json = r#"[{"uuid":"aa","description":"Ship","status":"pending","depends":["bb"]},
                       {"uuid":"bb","description":"Migrate","status":"pending","depends":"cc, ,zz"},
                       {"uuid":"cc","description":"Back up","status":"pending"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        assert!(
            after.contains(
                "id = \"T-7\"\ntitle = \"Ship\"\nsource = \"taskwarrior:aa\"\ndepends = [\"T-9\"]\n"
            ),
            "{after}"
        );
        assert!(
            after.contains(
                "id = \"T-9\"\ntitle = \"Migrate\"\nstatus = \"todo\"\ndepends = [\"T-10\"]\n"
            ),
            "{after}"
        );
        assert_eq!(
            p.warnings,
            [
                "taskwarrior:bb: waits on taskwarrior:zz, which is neither in the workspace nor imported; left out"
            ]
        );
        checked(&ws, &p);
        // T-7 and T-9 waiting on each other: the result would not load, nothing is made.
        let cycle = r#"[{"uuid":"aa","description":"Ship","status":"pending","depends":["bb"]},
                        {"uuid":"bb","description":"Migrate","status":"pending","depends":["aa"]}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(cycle, &ws), today(), None).unwrap();
        let mut w = ws.clone();
        let err = Edit::Batch(Batch::new(p.edits.clone()).unwrap())
            .apply(&mut w)
            .unwrap_err();
        assert!(err.to_string().contains("cycle"), "{err}");

        // A dependency added by hand stays, importing again changes nothing, and a new
        // uuid is added beside the hand-made one.
        let json = r#"[{"uuid":"aa","description":"Ship","status":"pending","depends":"bb"},
                       {"uuid":"bb","description":"Migrate","status":"pending"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        checked(&ws, &p);
        let by_hand = after.replace("depends = [\"T-9\"]", "depends = [\"T-8\", \"T-9\"]");
        let ws2 = load_text(&by_hand);
        let again = plan(&ws2, Tool::Taskwarrior, tw(json, &ws2), today(), None).unwrap();
        assert!(again.is_empty(), "{:?}", again.updated);
        let json3 = r#"[{"uuid":"aa","description":"Ship","status":"pending","depends":"bb,cc"},
                        {"uuid":"bb","description":"Migrate","status":"pending"},
                        {"uuid":"cc","description":"Back up","status":"pending"}]"#;
        let p3 = plan(&ws2, Tool::Taskwarrior, tw(json3, &ws2), today(), None).unwrap();
        let after3 = applied(&ws2, &p3);
        assert!(
            after3.contains("depends = [\"T-8\", \"T-9\", \"T-10\"]"),
            "{after3}"
        );
        checked(&ws2, &p3);
    }

    #[test]
    fn links_are_added_never_removed() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n[[goals.key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 1\n[[goals]]\nid = \"h\"\ntitle = \"H\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\"g/k\"]\nsource = \"taskwarrior:u1\"\n";
        let ws = load_text(text);
        // Linked to a key result of g already: the project g needs no new link.
        let same = r#"[{"uuid":"u1","description":"A","status":"pending","project":"g"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(same, &ws), today(), None).unwrap();
        assert!(p.is_empty());
        let moved = r#"[{"uuid":"u1","description":"A","status":"pending","project":"h"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(moved, &ws), today(), None).unwrap();
        assert!(applied(&ws, &p).contains("goals = [\"g/k\", \"h\"]"));
    }

    #[test]
    fn a_link_joins_a_multi_line_goals_array() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n[[goals]]\nid = \"h\"\ntitle = \"H\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\ngoals = [\n  \"g\",   # first\n]\nsource = \"taskwarrior:u1\"\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u1","description":"A","status":"pending","project":"h"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        // The same splice as `align link`: one element a line, the comment kept on the
        // element it was written beside.
        assert!(
            after.contains("goals = [\n  \"g\",   # first\n  \"h\",\n]\n"),
            "{after}"
        );
        assert_eq!(load_text(&after).tasks[0].goals, ["g", "h"]);
    }

    #[test]
    fn inline_tasks_are_updated_in_place_but_not_appended_to() {
        let text = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\", source = \"https://x/issues/1\" },\n]\n";
        let ws = load_text(text);
        let json = r#"[{"number":1,"title":"b","state":"OPEN","url":"https://x/issues/1","assignees":[{"login":"sam"}]}]"#;
        let p = plan(&ws, Tool::Github, gh(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        assert!(
            after.contains(
                "{ id = \"T-1\", title = \"b\", source = \"https://x/issues/1\", owner = \"sam\" }"
            ),
            "{after}"
        );
        checked(&ws, &p);
        let json = r#"[{"number":2,"title":"c","state":"OPEN","url":"https://x/issues/2"}]"#;
        let err = plan(&ws, Tool::Github, gh(json, &ws), today(), None).unwrap_err();
        assert!(err.to_string().contains("inline"), "{err}");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "version = 1\r\n\r\n[[tasks]]\r\nid = \"T-1\"\r\ntitle = \"a\"\r\nsource = \"taskwarrior:u\"\r\n";
        let ws = load_text(text);
        let json = r#"[{"uuid":"u","description":"b","status":"pending","tags":["x"]},{"uuid":"v","description":"c","status":"pending"}]"#;
        let p = plan(&ws, Tool::Taskwarrior, tw(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        assert!(!after.replace("\r\n", "").contains('\n'), "{after:?}");
        checked(&ws, &p);
    }

    #[test]
    fn a_done_task_keeps_its_date_when_the_tool_gives_none() {
        let text = "version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\nstatus = \"done\"\ndone = 2026-11-01\nsource = \"https://x/issues/1\"\n";
        let ws = load_text(text);
        let json = r#"[{"number":1,"title":"a","state":"CLOSED","url":"https://x/issues/1"}]"#;
        let p = plan(&ws, Tool::Github, gh(json, &ws), today(), None).unwrap();
        assert!(p.is_empty(), "{:?}", p.updated);
        // Open keeps a task the team moved to doing.
        let doing = text.replace(
            "status = \"done\"\ndone = 2026-11-01\n",
            "status = \"doing\"\n",
        );
        let ws_doing = load_text(&doing);
        let json_open = r#"[{"number":1,"title":"a","state":"OPEN","url":"https://x/issues/1"}]"#;
        let p = plan(
            &ws_doing,
            Tool::Github,
            gh(json_open, &ws_doing),
            today(),
            None,
        )
        .unwrap();
        assert!(p.is_empty(), "{:?}", p.updated);
        // Reopened: status back to todo, the done date goes.
        let json = r#"[{"number":1,"title":"a","state":"OPEN","url":"https://x/issues/1"}]"#;
        let p = plan(&ws, Tool::Github, gh(json, &ws), today(), None).unwrap();
        let after = applied(&ws, &p);
        assert!(
            after.contains("status = \"todo\"") && !after.contains("done ="),
            "{after}"
        );
    }
}
