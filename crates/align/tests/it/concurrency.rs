//! Concurrency (README "The board": "a file changed by someone else since it was read is never
//! overwritten blindly"): several `align link` processes on one file at once lose no update,
//! and a board holding a stale copy of the file is refused rather than overwriting a change
//! made under it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use align_core::edit::{self, Edit};
use align_core::model::{LinkRef, TaskIx};
use align_core::session::{Drift, Refused, SaveOutcome, Session};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

use crate::common::align_process;

const TASKS: usize = 6;

fn workspace() -> String {
    let mut s = String::from(
        "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"The goal\"\n\n[[goals]]\nid = \"h\"\ntitle = \"Another goal\"\n",
    );
    for n in 1..=TASKS {
        s.push_str(&format!(
            "\n# task {n}\n[[tasks]]\nid = \"T-{n}\"\ntitle = \"Task {n}\"\ngoals = [\"h\"]\n"
        ));
    }
    s
}

fn align(dir: &Path, args: &[&str]) -> Child {
    align_process(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) {
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "align failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn links(path: &Path) -> Vec<Vec<String>> {
    align_core::load(path)
        .unwrap()
        .workspace
        .tasks
        .iter()
        .map(|t| t.goals.iter().map(ToString::to_string).collect())
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every task linked (then unlinked) by its own process, all at once, many rounds: each
/// command succeeds and every change is in the file at the end of the round.
#[test]
fn simultaneous_cli_links_lose_no_update() {
    const ROUNDS: usize = 8;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    let original = workspace();
    fs::write(&path, &original).unwrap();
    for round in 0..ROUNDS {
        let children: Vec<Child> = (1..=TASKS)
            .map(|n| align(dir.path(), &["link", &format!("T-{n}"), "g"]))
            .collect();
        children.into_iter().for_each(finish);
        for (n, goals) in links(&path).iter().enumerate() {
            assert_eq!(
                goals,
                &["h", "g"],
                "round {round}: task T-{} lost its link",
                n + 1
            );
        }
        let children: Vec<Child> = (1..=TASKS)
            .map(|n| align(dir.path(), &["unlink", &format!("T-{n}"), "g"]))
            .collect();
        children.into_iter().for_each(finish);
        // Every link and unlink landed: the file is back byte for byte.
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            original,
            "round {round}"
        );
    }
    assert_eq!(entries(dir.path()), ["align.toml"]);
}

/// The board's write path (a session: load once, edit in memory, save what it read) after
/// a CLI link changed the file: refused, and the file keeps the CLI's change.
#[test]
fn a_board_with_a_stale_copy_never_overwrites_a_cli_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, workspace()).unwrap();
    let (mut board, _) = Session::open(&path, today(), None).unwrap();

    finish(align(dir.path(), &["link", "T-1", "g"]));
    let after_cli = fs::read(&path).unwrap();

    let edit = edit::link(board.workspace(), TaskIx(1), &LinkRef::goal("g"))
        .unwrap()
        .unwrap();
    // The session sees the change before it even applies the edit.
    let refused = board.commit(Edit::Link(edit)).unwrap_err();
    assert!(
        matches!(refused, Refused::Moved(Drift::Changed(_))),
        "{refused:?}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        after_cli,
        "the file keeps the CLI's change"
    );
    let goals = links(&path);
    assert_eq!(goals[0], ["h", "g"]);
    assert_eq!(goals[1], ["h"]);
    assert_eq!(entries(dir.path()), ["align.toml"]);
}

/// The board and the CLI saving at the same moment, many rounds: the CLI's link is always
/// in the file; the board's is there exactly when its save succeeded; a refused board save
/// is always `Changed` and writes nothing.
#[test]
fn a_board_and_the_cli_racing_never_lose_or_clobber() {
    const ROUNDS: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("align.toml");
    let (mut board_won, mut board_refused) = (0, 0);
    for round in 0..ROUNDS {
        fs::write(&path, workspace()).unwrap();
        let (mut board, _) = Session::open(&path, today(), None).unwrap();
        let cli = align(dir.path(), &["link", "T-1", "g"]);
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..40_000)));
        let edit = edit::link(board.workspace(), TaskIx(1), &LinkRef::goal("g"))
            .unwrap()
            .unwrap();
        let saved = match board.commit(Edit::Link(edit)) {
            Ok(_) => match board.flush() {
                Some(SaveOutcome::Saved { .. }) => Ok(()),
                Some(SaveOutcome::NotSaved { why, .. }) => Err(format!("{why:?}")),
                None => panic!("a commit leaves an edit to save"),
            },
            Err(refused) => Err(format!("{refused:?}")),
        };
        finish(cli);
        let goals = links(&path);
        assert_eq!(
            goals[0],
            ["h", "g"],
            "round {round}: the CLI's link was lost"
        );
        match saved {
            Ok(()) => {
                board_won += 1;
                assert_eq!(goals[1], ["h", "g"], "round {round}: the board's link");
            }
            Err(why) if why.starts_with("Moved") => {
                board_refused += 1;
                assert_eq!(goals[1], ["h"], "round {round}: a refused save wrote");
            }
            Err(e) => panic!("round {round}: {e}"),
        }
    }
    eprintln!(
        "{ROUNDS} races: the board saved first {board_won} times, was refused {board_refused} times"
    );
}

/// Imports at once into a directory workspace, many rounds: every new task gets an id of
/// its own (none of them takes the same `T-…` as another import's), every import's tasks
/// are there, and the workspace always loads. Each import's input names tasks of its own.
#[test]
fn simultaneous_imports_into_a_directory_never_take_the_same_id() {
    const IMPORTS: usize = 4;
    const ROUNDS: usize = 6;
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    fs::create_dir(&ws).unwrap();
    fs::write(
        ws.join("goals.toml"),
        "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n",
    )
    .unwrap();
    fs::write(
        ws.join("tasks.toml"),
        "[[tasks]]\nid = \"T-1\"\ntitle = \"One\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Two\"\n",
    )
    .unwrap();
    let mut expected = 2;
    for round in 0..ROUNDS {
        let children: Vec<Child> = (0..IMPORTS)
            .map(|n| {
                let input = dir.path().join(format!("import-{round}-{n}.json"));
                fs::write(
                    &input,
                    format!(
                        r#"[{{"uuid":"r{round}i{n}a","description":"Round {round} import {n} a","status":"pending"}},
                           {{"uuid":"r{round}i{n}b","description":"Round {round} import {n} b","status":"pending"}}]"#
                    ),
                )
                .unwrap();
                align(
                    dir.path(),
                    &["-w", "ws", "import", "taskwarrior", input.to_str().unwrap()],
                )
            })
            .collect();
        children.into_iter().for_each(finish);
        expected += 2 * IMPORTS;
        let loaded = align_core::load(&ws).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let ids: Vec<&str> = loaded
            .workspace
            .tasks
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            ids.len(),
            "round {round}: a duplicate id in {ids:?}"
        );
        assert_eq!(ids.len(), expected, "round {round}: {ids:?}");
    }
}
