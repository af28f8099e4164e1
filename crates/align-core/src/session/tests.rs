//! The session's promises, each on real files: what is saved and what is refused, the
//! cross-file checks under the lock, memory put back after a failed save, the history
//! kept or dropped by a reload, and a command's edit made again after another writer's.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;
use crate::edit::{self, Edit, EditError};
use crate::model::{LinkRef, TaskIx};
use crate::score_workspace;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

const GOALS: &str = "version = 1\n\n[[goals]]\nid = \"g1\"\ntitle = \"Grow\"\n\n[[goals]]\nid = \"g2\"\ntitle = \"Keep\"\n";
pub(super) const TASKS: &str = "[[tasks]]\nid = \"T-1\"\ntitle = \"One\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Two\"\ngoals = [\"g1\"]\n";

/// A directory workspace: goals in `goals.toml`, tasks in `tasks.toml`.
pub(super) fn directory() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("goals.toml"), GOALS).unwrap();
    fs::write(dir.path().join("tasks.toml"), TASKS).unwrap();
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// A session whose scores were asked for at once, as the board asks: every edit after
/// that goes through the incremental re-scoring.
pub(super) fn open(root: &Path) -> Session {
    let s = Session::open(root, today(), None).unwrap().0;
    s.scoreboard();
    s
}

pub(super) fn link(s: &Session, task: &str, target: &str) -> Edit {
    let ws = s.workspace();
    let t = ws.task_by_id(task).unwrap();
    Edit::Link(edit::link(ws, t, &LinkRef::parse(target)).unwrap().unwrap())
}

/// The session's scores are a fresh scoring of its workspace.
fn scores_fresh(s: &Session) {
    let fresh = score_workspace(s.workspace(), s.today(), Some(s.lens()));
    assert_eq!(*s.scoreboard(), fresh);
}

#[test]
fn a_commit_shows_at_once_and_a_flush_saves_it_into_the_history() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    let applied = s.commit(link(&s, "T-1", "g2")).unwrap();
    assert_eq!(applied.kind, Kind::Do);
    assert_eq!(applied.touched, Touched::Task(TaskIx(0)));
    assert_eq!(s.workspace().tasks[0].goals, ["g2"]);
    assert_eq!(
        fs::read_to_string(root.join("tasks.toml")).unwrap(),
        TASKS,
        "not yet"
    );
    assert!(matches!(
        s.commit(link(&s, "T-2", "g2")),
        Err(Refused::Unsaved)
    ));
    let Some(SaveOutcome::Saved { files, .. }) = s.flush() else {
        panic!("saved")
    };
    assert_eq!(files, [root.join("tasks.toml")]);
    assert!(
        fs::read_to_string(root.join("tasks.toml"))
            .unwrap()
            .contains("goals = [\"g2\"]")
    );
    assert_eq!(s.history_len(), (1, 0));
    scores_fresh(&s);
    s.undo().unwrap();
    s.flush();
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
    assert_eq!(s.history_len(), (0, 1));
    assert!(matches!(s.undo(), Err(Refused::NothingToUndo)));
    assert_eq!(s.history_len(), (0, 1), "a refused undo loses nothing");
    s.redo().unwrap();
    s.flush();
    assert_eq!(s.history_len(), (1, 0));
    // Nothing is left in the directory but the workspace: the lock is the directory's.
    let mut names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["goals.toml", "tasks.toml"]);
}

#[test]
fn a_link_whose_goal_another_file_just_lost_is_refused_and_the_workspace_still_loads() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    let edit = link(&s, "T-1", "g2");
    // Another writer removes g2 from goals.toml: the edit is in tasks.toml, but the
    // workspace it was made on is gone.
    let without = GOALS.replace("\n[[goals]]\nid = \"g2\"\ntitle = \"Keep\"\n", "");
    fs::write(root.join("goals.toml"), &without).unwrap();
    let refused = s.commit(edit).unwrap_err();
    assert_eq!(
        refused,
        Refused::Moved(Drift::Changed(root.join("goals.toml")))
    );
    assert_eq!(
        s.workspace().tasks[0].goals.len(),
        0,
        "nothing changed in memory"
    );
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
    crate::load(&root).unwrap();
}

#[test]
fn a_change_to_another_file_between_commit_and_save_is_caught_under_the_lock() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    s.commit(link(&s, "T-1", "g2")).unwrap();
    let without = GOALS.replace("\n[[goals]]\nid = \"g2\"\ntitle = \"Keep\"\n", "");
    fs::write(root.join("goals.toml"), &without).unwrap();
    let Some(SaveOutcome::NotSaved { kind, touched, why }) = s.flush() else {
        panic!("not saved")
    };
    assert_eq!((kind, touched), (Kind::Do, Touched::Task(TaskIx(0))));
    assert!(matches!(why, NotSaved::Moved(Drift::Changed(ref p)) if *p == root.join("goals.toml")));
    // Memory put back, scores too; nothing written; the workspace on disk loads.
    assert!(s.workspace().tasks[0].goals.is_empty());
    assert_eq!(s.workspace().files[1].text, TASKS);
    scores_fresh(&s);
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
    crate::load(&root).unwrap();
    assert_eq!(s.history_len(), (0, 0));
}

#[test]
fn a_file_that_appears_or_goes_is_a_move_of_the_workspace() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    fs::write(
        root.join("more.toml"),
        "[[tasks]]\nid = \"T-3\"\ntitle = \"Three\"\n",
    )
    .unwrap();
    let refused = s.commit(link(&s, "T-1", "g2")).unwrap_err();
    assert_eq!(
        refused,
        Refused::Moved(Drift::Added(root.join("more.toml")))
    );
    assert!(s.moved_on_disk());
    let reloaded = s.reload().unwrap();
    assert!(reloaded.changed);
    assert_eq!(s.workspace().tasks.len(), 3);
    assert!(!s.moved_on_disk());
    fs::remove_file(root.join("more.toml")).unwrap();
    let refused = s.commit(link(&s, "T-1", "g2")).unwrap_err();
    assert_eq!(
        refused,
        Refused::Moved(Drift::Removed(root.join("more.toml")))
    );
}

#[test]
fn another_tools_file_beside_the_workspace_is_no_move_until_it_becomes_an_align_file() {
    let (_dir, root) = directory();
    let cargo = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n";
    fs::write(root.join("Cargo.toml"), cargo).unwrap();
    let loaded = crate::load(&root).unwrap();
    assert_eq!(loaded.passed_over, [root.join("Cargo.toml")]);
    let mut s = Session::new(loaded, today(), None);
    assert!(
        !s.moved_on_disk(),
        "Cargo.toml is passed over, not a new file"
    );
    s.commit(link(&s, "T-1", "g2")).unwrap();
    assert!(matches!(s.flush(), Some(SaveOutcome::Saved { .. })));
    // Someone writes tasks into a passed-over file: now it is part of the workspace.
    fs::write(
        root.join("Cargo.toml"),
        format!("{cargo}\n[[tasks]]\nid = \"T-9\"\ntitle = \"Nine\"\n"),
    )
    .unwrap();
    assert!(s.moved_on_disk());
    let reloaded = s.reload().unwrap();
    assert!(s.workspace().task_by_id("T-9").is_some());
    // Its [package] table is then a key of an align file, warned about as any other.
    assert!(
        reloaded
            .warnings
            .iter()
            .any(|w| w.message.contains("\"package\"")),
        "{:?}",
        reloaded.warnings
    );
}

#[cfg(unix)]
#[test]
fn a_save_that_fails_puts_memory_scores_and_history_back() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, root) = directory();
    let mut s = open(&root);
    s.commit(link(&s, "T-1", "g2")).unwrap();
    s.flush();
    let tasks = root.join("tasks.toml");
    let saved = fs::read_to_string(&tasks).unwrap();
    fs::set_permissions(&tasks, fs::Permissions::from_mode(0o444)).unwrap();
    // An undo that cannot be saved goes back on the undo history.
    s.undo().unwrap();
    let Some(SaveOutcome::NotSaved { kind, why, .. }) = s.flush() else {
        panic!("not saved")
    };
    assert_eq!(kind, Kind::Undo);
    assert!(matches!(
        why,
        NotSaved::Store(crate::store::StoreError::ReadOnly { .. })
    ));
    assert_eq!(s.workspace().tasks[0].goals, ["g2"]);
    assert_eq!(s.history_len(), (1, 0));
    scores_fresh(&s);
    assert_eq!(fs::read_to_string(&tasks).unwrap(), saved);
    fs::set_permissions(&tasks, fs::Permissions::from_mode(0o644)).unwrap();
    s.undo().unwrap();
    assert!(matches!(s.flush(), Some(SaveOutcome::Saved { .. })));
    assert_eq!(fs::read_to_string(&tasks).unwrap(), TASKS);
}

#[test]
fn a_reload_keeps_the_history_only_when_it_still_applies() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    s.commit(link(&s, "T-1", "g2")).unwrap();
    s.flush();
    // goals.toml comes before tasks.toml, but a new title there moves no task or goal.
    fs::write(root.join("goals.toml"), GOALS.replace("Grow", "Grow more")).unwrap();
    let r = s.reload().unwrap();
    assert!(r.changed && !r.history_cleared);
    s.undo().unwrap();
    assert!(matches!(s.flush(), Some(SaveOutcome::Saved { .. })));
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
    // A change inside the file the history touched drops it.
    s.redo().unwrap();
    s.flush();
    let text = fs::read_to_string(root.join("tasks.toml")).unwrap();
    fs::write(root.join("tasks.toml"), text.replace("One", "Uno")).unwrap();
    let r = s.reload().unwrap();
    assert!(r.changed && r.history_cleared);
    assert_eq!(s.history_len(), (0, 0));
}

#[test]
fn a_command_makes_its_edit_again_on_what_another_writer_saved() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    // Another writer adds T-3 after this session read the workspace.
    let more = format!("{TASKS}\n[[tasks]]\nid = \"T-3\"\ntitle = \"Three\"\n");
    fs::write(root.join("tasks.toml"), &more).unwrap();
    let mut attempts = 0;
    let written = s
        .write(|ws| {
            attempts += 1;
            let e = edit::add_task(ws, "Four")?;
            let id = e.label.clone();
            Ok(Some((Edit::Block(e), id)))
        })
        .unwrap()
        .unwrap();
    assert_eq!(attempts, 2, "made again after the reload");
    assert_eq!(written.files, [root.join("tasks.toml")]);
    let ws = crate::load(&root).unwrap().workspace;
    let ids: Vec<&str> = ws.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["T-1", "T-2", "T-3", "T-4"]);
}

#[test]
fn a_command_whose_goal_went_meanwhile_fails_as_an_unknown_goal() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    let without = GOALS.replace("\n[[goals]]\nid = \"g2\"\ntitle = \"Keep\"\n", "");
    fs::write(root.join("goals.toml"), &without).unwrap();
    let err = s
        .write(|ws| {
            let t = edit::find_task(ws, "T-1")?;
            Ok(edit::link(ws, t, &LinkRef::goal("g2"))?.map(|e| (Edit::Link(e), ())))
        })
        .unwrap_err();
    assert!(
        matches!(err, WriteError::Edit(EditError::UnknownTarget { .. })),
        "{err:?}"
    );
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
}

#[test]
fn two_sessions_adding_tasks_to_a_directory_never_take_the_same_id() {
    let (_dir, root) = directory();
    let (mut a, mut b) = (open(&root), open(&root));
    let add = |s: &mut Session, title: &str| {
        s.write(|ws| Ok(Some((Edit::Block(edit::add_task(ws, title)?), ()))))
            .unwrap()
            .unwrap();
    };
    add(&mut a, "From a");
    // b read the workspace before a saved: it must not take T-3 too.
    add(&mut b, "From b");
    let ws = crate::load(&root).unwrap().workspace;
    let ids: Vec<&str> = ws.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["T-1", "T-2", "T-3", "T-4"]);
}

#[test]
fn a_check_that_fails_takes_the_edit_back_and_writes_nothing() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    let err = s
        .write_checked(
            |ws| {
                let t = edit::find_task(ws, "T-1")?;
                Ok(edit::link(ws, t, &LinkRef::goal("g2"))?.map(|e| (Edit::Link(e), ())))
            },
            |_, ()| {
                Err(EditError::Rejected {
                    why: "not what was promised".to_string(),
                })
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("not what was promised"), "{err}");
    assert!(s.workspace().tasks[0].goals.is_empty());
    assert!(!s.is_pending());
    scores_fresh(&s);
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
}

#[test]
fn a_workspace_another_writer_broke_names_its_problems_and_nothing_is_written() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    // Another writer saves goals.toml with an error after this session read it.
    let broken = GOALS.replace("title = \"Keep\"", "title = ");
    fs::write(root.join("goals.toml"), &broken).unwrap();
    let err = s
        .write(|ws| {
            let t = edit::find_task(ws, "T-1")?;
            Ok(edit::link(ws, t, &LinkRef::goal("g1"))?.map(|e| (Edit::Link(e), ())))
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the workspace changed on disk and no longer loads; nothing was written"
    );
    let WriteError::Load(crate::diag::LoadError::Invalid { errors, .. }) = err else {
        panic!("not a load failure with its problems: {err:?}");
    };
    // The problem itself, where it is, for the command to print under that line.
    let first = &errors[0];
    assert_eq!(
        (&first.file, first.line, first.column),
        (&root.join("goals.toml"), 9, 9),
        "{errors:?}"
    );
    assert!(first.message.starts_with("TOML syntax: "), "{first}");
    assert_eq!(fs::read_to_string(root.join("tasks.toml")).unwrap(), TASKS);
}

#[test]
fn a_save_cut_short_between_two_renames_names_the_files_it_saved() {
    let err = WriteError::Partial {
        saved: vec![PathBuf::from("team/alice.toml")],
        error: crate::store::StoreError::Io {
            path: PathBuf::from("team/bob.toml"),
            source: std::io::Error::from_raw_os_error(5),
        },
    };
    let text = err.to_string();
    assert!(
        text.starts_with("team/bob.toml: ")
            && text.ends_with("; only 1 of the files were saved: team/alice.toml"),
        "{text}"
    );
}

#[test]
fn a_goals_own_fields_rescore_every_task_even_unlinked_ones() {
    let (_dir, root) = directory();
    let mut s = open(&root);
    assert_eq!(s.scoreboard().tasks[0].suggested_goal, None);
    // g2 renamed after what T-1 (unlinked, "One") is about: T-1's suggestion follows,
    // though T-1 links to nothing.
    let g2 = s.workspace().goal_by_id("g2").unwrap();
    let changes = edit::GoalChanges {
        title: Some("One thing to keep".to_string()),
        parent: Some(Some("g1".to_string())),
        ..edit::GoalChanges::default()
    };
    let e = edit::edit_goal(s.workspace(), g2, &changes)
        .unwrap()
        .unwrap();
    let applied = s.commit(Edit::Block(e)).unwrap();
    assert_eq!(applied.touched, Touched::Everything);
    assert_eq!(
        s.scoreboard().tasks[0].suggested_goal,
        Some(LinkRef::goal("g2"))
    );
    scores_fresh(&s);
    assert!(matches!(s.flush(), Some(SaveOutcome::Saved { .. })));
    scores_fresh(&s);
}

#[test]
fn a_session_nobody_asked_for_scores_scores_what_its_edits_left_when_asked() {
    let (_dir, root) = directory();
    let mut s = Session::open(&root, today(), None).unwrap().0;
    s.commit(link(&s, "T-1", "g2")).unwrap();
    assert!(matches!(s.flush(), Some(SaveOutcome::Saved { .. })));
    s.set_lens(Lens::Crunch);
    scores_fresh(&s);
    assert_eq!(s.scoreboard().lens, Lens::Crunch);
}

#[test]
fn a_new_lens_scores_every_task_again_and_keeps_the_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    // T-1 is unlinked and about what g2 is about: it has a suggestion to keep.
    let tasks = "[[tasks]]\nid = \"T-1\"\ntitle = \"Keep the lights on\"\ndue = 2026-11-26\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Two\"\ngoals = [\"g1\"]\nurgent = true\n";
    fs::write(dir.path().join("goals.toml"), GOALS).unwrap();
    fs::write(dir.path().join("tasks.toml"), tasks).unwrap();
    let mut s = open(dir.path());
    let strategy = s.scoreboard().clone();
    assert_eq!(strategy.tasks[0].suggested_goal, Some(LinkRef::goal("g2")));
    s.set_lens(Lens::Crunch);
    scores_fresh(&s);
    assert_ne!(
        s.scoreboard().tasks,
        strategy.tasks,
        "crunch scores otherwise"
    );
    assert_eq!(
        s.scoreboard().tasks[0].suggested_goal,
        Some(LinkRef::goal("g2"))
    );
    s.set_lens(Lens::Strategy);
    assert_eq!(*s.scoreboard(), strategy);
}
