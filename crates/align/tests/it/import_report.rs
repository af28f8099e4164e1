//! `align import` and `align report` as a user meets them: imports into a copy of the
//! bundled demo from the fixtures in `tests/fixtures/import/` (Taskwarrior 2.6 `task
//! export` JSON and `gh issue list --json …` JSON), imported twice to prove they are
//! idempotent and never touch what was not imported, and the weekly report in both
//! formats. The helpers that run an import and compare files are shared with
//! `import_csv`, the same for Linear's and Jira's CSV exports.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::common::{DEMO, Run, TODAY, align, crate_root, demo_dir, outcome};

pub(crate) fn fixture(name: &str) -> PathBuf {
    crate_root().join("tests/fixtures/import").join(name)
}

/// `align --today TODAY ARGS` in `dir`, which must exit with `code`. Dates in the input
/// are read in UTC, the zone every run of align in these tests starts with.
pub(crate) fn run(dir: &Path, args: &[&str], code: i32) -> Run {
    let args = [&["--today", TODAY][..], args].concat();
    outcome(dir, &args).exited(code, &args)
}

fn import(dir: &Path, tool: &str, file: &str, code: i32) -> Run {
    let path = fixture(file);
    run(dir, &["import", tool, path.to_str().unwrap()], code)
}

pub(crate) fn text(dir: &Path) -> String {
    fs::read_to_string(dir.join("align.toml")).unwrap()
}

pub(crate) fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or_default()
}

pub(crate) fn workspace(dir: &Path) -> align_core::Workspace {
    align_core::load(&dir.join("align.toml")).unwrap().workspace
}

/// Byte ranges of the blocks of tasks whose source `imported` accepts.
pub(crate) fn imported_blocks(
    ws: &align_core::Workspace,
    imported: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let mut r: Vec<Range<usize>> = ws
        .tasks
        .iter()
        .filter(|t| t.source.as_deref().is_some_and(&imported))
        .map(|t| t.layout.block.clone())
        .collect();
    r.sort_by_key(|r| r.start);
    r
}

/// The text with those blocks cut out, trailing blank lines trimmed (an appended task
/// brings the blank line that separates it).
pub(crate) fn outside(text: &str, blocks: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for b in blocks {
        out.push_str(&text[at..b.start]);
        at = b.end;
    }
    out.push_str(&text[at..]);
    out.trim_end().to_string()
}

/// Every task without an imported source keeps its block byte for byte.
pub(crate) fn assert_untouched_tasks(
    before: &str,
    after: &str,
    imported: impl Fn(&str) -> bool + Copy,
) {
    let path = PathBuf::from("align.toml");
    let load = |t: &str| {
        align_core::load::load_sources(&path, vec![(path.clone(), t.as_bytes().to_vec())])
            .unwrap()
            .workspace
    };
    let (a, b) = (load(before), load(after));
    for t in a
        .tasks
        .iter()
        .filter(|t| !t.source.as_deref().is_some_and(imported))
    {
        let u = &b.tasks[b.task_by_id(&t.id).expect("task kept")];
        let (x, y) = (
            &before[t.layout.block.clone()],
            &after[u.layout.block.clone()],
        );
        // The last block of the file may gain the blank line before appended tasks.
        assert_eq!(x.trim_end(), y.trim_end(), "task {} changed", t.id);
    }
    // Every comment line is still there, in order.
    let comments = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains('#'))
            .map(str::to_string)
            .collect()
    };
    let kept = comments(after);
    let mut it = kept.iter();
    for c in comments(before) {
        assert!(it.any(|k| *k == c), "comment lost or moved: {c}");
    }
}

fn is_tw(s: &str) -> bool {
    s.starts_with("taskwarrior:")
}

fn is_gh(s: &str) -> bool {
    s.starts_with("https://github.com/")
}

// --- Taskwarrior -------------------------------------------------------------------------

#[test]
fn taskwarrior_import_appends_new_tasks_and_a_second_import_changes_nothing() {
    let dir = demo_dir();
    let demo = DEMO;
    let first = import(dir.path(), "taskwarrior", "taskwarrior.json", 0);
    assert_eq!(
        last_line(&first.stdout),
        "imported 5 new, updated 0, unchanged 0, skipped 2 (taskwarrior) · saved align.toml"
    );
    assert!(
        first
            .stdout
            .contains("  new      T-132  Win-back email series for churned shops")
    );
    assert!(
        first
            .stderr
            .contains("note: skipped 1: recurring templates"),
        "{}",
        first.stderr
    );
    let after = text(dir.path());
    assert!(
        after.starts_with(demo),
        "the demo is kept byte for byte; tasks are appended"
    );
    assert!(after[demo.len()..].contains(
        "[[tasks]]\nid = \"T-132\"\ntitle = \"Win-back email series for churned shops\"\nstatus = \"todo\"\ngoals = [\"retention/kr1\"]\nimpact = 4\ndue = 2026-12-04\ntags = [\"email\", \"billing\"]\nsource = \"taskwarrior:5f1c2a9e-0b1d-4c1e-9a3b-1d2e3f4a5b6c\"\n"
    ));

    let ws = workspace(dir.path());
    let by_source = |uuid: &str| {
        ws.tasks
            .iter()
            .find(|t| t.source.as_deref() == Some(&format!("taskwarrior:{uuid}")))
            .unwrap_or_else(|| panic!("{uuid} not imported"))
    };
    let video = by_source("8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d");
    assert_eq!(
        (video.status.as_str(), video.goals.clone()),
        (
            "doing",
            vec![align_core::model::LinkRef::goal("activation")]
        )
    );
    let plant = by_source("c0ffee00-1234-4abc-9def-0123456789ab");
    assert!(plant.goals.is_empty(), "project home names no goal");
    assert_eq!(plant.impact, Some(2));
    let dhl = by_source("d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6");
    assert_eq!(dhl.status.as_str(), "done");
    assert_eq!(dhl.done.unwrap().to_string(), "2026-11-24");
    assert_eq!(
        dhl.goals,
        ["carriers"],
        "sub-project carriers.dhl links its goal"
    );
    let ups = by_source("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    assert_eq!(ups.status.as_str(), "todo", "waiting is todo");
    assert_eq!(ws.tasks.len(), 36);

    // Again: nothing changes, not a byte.
    let second = import(dir.path(), "taskwarrior", "taskwarrior.json", 0);
    assert_eq!(
        last_line(&second.stdout),
        "imported 0 new, updated 0, unchanged 5, skipped 2 (taskwarrior) · nothing to save"
    );
    assert_eq!(text(dir.path()), after);
}

#[test]
fn taskwarrior_reimport_updates_imported_tasks_only() {
    let dir = demo_dir();
    import(dir.path(), "taskwarrior", "taskwarrior.json", 0);
    let v1 = text(dir.path());
    let blocks_v1 = imported_blocks(&workspace(dir.path()), is_tw);

    let second = import(dir.path(), "taskwarrior", "taskwarrior-v2.json", 0);
    assert_eq!(
        last_line(&second.stdout),
        "imported 1 new, updated 4, unchanged 1, skipped 2 (taskwarrior) · saved align.toml"
    );
    assert!(
        second.stdout.contains(
            "  updated  T-132  Win-back email series for churned shops (3 emails) (title, due, tags)"
        ),
        "{}",
        second.stdout
    );
    let v2 = text(dir.path());
    let ws = workspace(dir.path());
    assert_eq!(ws.tasks.len(), 37, "no duplicates");
    let t = |id: &str| &ws.tasks[ws.task_by_id(id).unwrap()];
    assert_eq!(
        t("T-132").title,
        "Win-back email series for churned shops (3 emails)"
    );
    assert_eq!(t("T-132").tags, ["email", "billing", "q4"]);
    assert_eq!(t("T-132").due.unwrap().to_string(), "2026-12-11");
    assert_eq!(t("T-133").status.as_str(), "done");
    assert_eq!(t("T-133").done.unwrap().to_string(), "2026-11-26");
    assert_eq!(t("T-134").status.as_str(), "dropped");
    assert_eq!(
        t("T-136").goals,
        ["carriers", "retention"],
        "links are added, never removed"
    );
    assert_eq!(t("T-137").goals, ["reliability/uptime"]);

    // Outside the imported blocks, the file is what it was.
    let blocks_v2 = imported_blocks(&ws, is_tw);
    assert_eq!(outside(&v1, &blocks_v1), outside(&v2, &blocks_v2));
    assert_eq!(outside(&v2, &blocks_v2), DEMO.trim_end());
    assert_untouched_tasks(DEMO, &v2, is_tw);

    // And the same input again leaves the file byte-identical.
    let third = import(dir.path(), "taskwarrior", "taskwarrior-v2.json", 0);
    assert!(last_line(&third.stdout).contains("imported 0 new, updated 0, unchanged 6"));
    assert_eq!(text(dir.path()), v2);
}

#[test]
fn hand_edits_inside_an_imported_task_survive_a_reimport() {
    let dir = demo_dir();
    import(dir.path(), "taskwarrior", "taskwarrior.json", 0);
    // The team links T-132 to a second goal, sizes it and comments on it.
    let demo_len = DEMO.len();
    let imported = text(dir.path());
    let (demo, tail) = imported.split_at(demo_len);
    let edited = format!(
        "{demo}{}",
        tail.replacen(
            "goals = [\"retention/kr1\"]\nimpact = 4\n",
            "goals = [\"retention/kr1\", \"grow-shops\"]   # also growth\nimpact = 4\neffort = 3   # sized in planning\n",
            1,
        )
    );
    assert_ne!(edited, imported);
    fs::write(dir.path().join("align.toml"), &edited).unwrap();
    import(dir.path(), "taskwarrior", "taskwarrior-v2.json", 0);
    let after = text(dir.path());
    assert!(after.contains("goals = [\"retention/kr1\", \"grow-shops\"]   # also growth\n"));
    assert!(after.contains("effort = 3   # sized in planning\n"));
    assert!(after.contains("title = \"Win-back email series for churned shops (3 emails)\"\n"));
}

#[test]
fn stdin_and_dry_run() {
    let dir = demo_dir();
    let json = fs::read(fixture("taskwarrior.json")).unwrap();
    let out = align(dir.path())
        .args(["--today", TODAY, "import", "taskwarrior", "-", "--dry-run"])
        .write_stdin(json.clone())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        last_line(&stdout).ends_with("(taskwarrior) · dry run: nothing was written"),
        "{stdout}"
    );
    assert!(stdout.contains("  new      T-132"));
    assert_eq!(text(dir.path()), DEMO);

    let out = align(dir.path())
        .args(["--today", TODAY, "import", "taskwarrior", "-"])
        .write_stdin(json)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(last_line(&stdout).starts_with("imported 5 new"), "{stdout}");
}

// --- GitHub --------------------------------------------------------------------------------

#[test]
fn github_import_maps_issues_and_is_idempotent() {
    let dir = demo_dir();
    let demo = DEMO;
    let first = import(dir.path(), "github", "github.json", 0);
    // #412 is T-103's source already: updated (a new label), not added again.
    assert_eq!(
        last_line(&first.stdout),
        "imported 3 new, updated 1, unchanged 0, skipped 1 (github) · saved align.toml"
    );
    assert!(
        first
            .stdout
            .contains("  updated  T-103  Dunning emails for failed card payments (tags)")
    );
    let after = text(dir.path());
    let ws = workspace(dir.path());
    let t = |id: &str| &ws.tasks[ws.task_by_id(id).unwrap()];
    let t103 = t("T-103");
    assert_eq!(
        t103.status.as_str(),
        "doing",
        "an open issue leaves doing as it is"
    );
    assert_eq!(t103.tags, ["billing", "payments"]);
    assert_eq!(
        t103.goals,
        ["retention/kr1"],
        "already linked below the milestone's goal"
    );
    assert!(
        t103.urgent && t103.impact == Some(4),
        "keys GitHub does not own stay"
    );
    let tracking = t("T-132");
    assert_eq!(
        tracking.goals,
        ["retention"],
        "milestone named by the goal's title"
    );
    assert_eq!(tracking.owner.as_deref(), Some("leo"));
    assert_eq!(tracking.tags, ["ui"]);
    let script = t("T-133");
    assert!(script.goals.is_empty() && script.owner.is_none());
    let customs = t("T-134");
    assert_eq!(customs.status.as_str(), "done");
    assert_eq!(customs.done.unwrap().to_string(), "2026-11-22");
    assert_eq!(
        customs.goals,
        ["carriers"],
        "milestone CARRIERS matches the id in any case"
    );
    assert_eq!(
        customs.source.as_deref(),
        Some("https://github.com/parcelwise/app/issues/420")
    );

    // Outside GitHub's tasks, nothing moved.
    assert_eq!(
        outside(demo, &imported_blocks(&workspace_of(demo), is_gh)),
        outside(&after, &imported_blocks(&ws, is_gh))
    );
    assert_untouched_tasks(demo, &after, is_gh);

    let second = import(dir.path(), "github", "github.json", 0);
    assert_eq!(
        last_line(&second.stdout),
        "imported 0 new, updated 0, unchanged 4, skipped 1 (github) · nothing to save"
    );
    assert_eq!(text(dir.path()), after);

    // Closing and relabelling upstream updates the same tasks.
    let changed = fs::read_to_string(fixture("github.json")).unwrap().replacen(
        "\"number\": 431,\n    \"state\": \"OPEN\",",
        "\"number\": 431,\n    \"state\": \"closed\",\n    \"closedAt\": \"2026-11-24T09:00:00Z\",",
        1,
    );
    let out = align(dir.path())
        .args(["--today", TODAY, "import", "github", "-"])
        .write_stdin(changed)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        last_line(&stdout).starts_with("imported 0 new, updated 1, unchanged 3"),
        "{stdout}"
    );
    let ws = workspace(dir.path());
    let t132 = &ws.tasks[ws.task_by_id("T-132").unwrap()];
    assert_eq!(
        (t132.status.as_str(), t132.done.unwrap().to_string()),
        ("done", "2026-11-24".to_string())
    );
    assert_eq!(ws.tasks.len(), 34);
}

pub(crate) fn workspace_of(text: &str) -> align_core::Workspace {
    let path = PathBuf::from("align.toml");
    align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
        .unwrap()
        .workspace
}

#[test]
fn a_directory_workspace_gets_new_tasks_in_one_file_and_the_others_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    let split = crate_root().join("tests/fixtures/valid/split");
    for f in ["workspace.toml", "alice.toml", "bob.toml"] {
        fs::copy(split.join(f), team.join(f)).unwrap();
    }
    let read = |f: &str| fs::read_to_string(team.join(f)).unwrap();
    let (ws_before, alice_before, bob_before) =
        (read("workspace.toml"), read("alice.toml"), read("bob.toml"));
    let gh = fixture("github.json");
    let args = ["-w", "team", "import", "github", gh.to_str().unwrap()];
    let first = run(dir.path(), &args, 0);
    assert_eq!(
        last_line(&first.stdout),
        "imported 4 new, updated 0, unchanged 0, skipped 1 (github) · saved team/bob.toml"
    );
    assert_eq!(read("workspace.toml"), ws_before);
    assert_eq!(read("alice.toml"), alice_before);
    let bob = read("bob.toml");
    assert!(bob.starts_with(&bob_before));
    assert!(
        bob.contains("goals = [\"retention\"]\nowner = \"maya\""),
        "{bob}"
    );
    let second = run(dir.path(), &args, 0);
    assert!(last_line(&second.stdout).ends_with("· nothing to save"));
    assert_eq!(read("bob.toml"), bob);
}

/// A directory workspace whose imported tasks live in two files, and a Taskwarrior export
/// that renames both: the import must save both files or neither.
#[cfg(unix)]
fn two_files_with_imported_tasks() -> (TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    fs::write(
        team.join("goals.toml"),
        "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"Grow\"\n",
    )
    .unwrap();
    for (file, id, uuid) in [("alice.toml", "A-1", "a1"), ("bob.toml", "B-1", "b1")] {
        fs::write(
            team.join(file),
            format!(
                "[[tasks]]\nid = \"{id}\"\ntitle = \"Old {uuid}\"\nsource = \"taskwarrior:{uuid}\"\n"
            ),
        )
        .unwrap();
    }
    let json = dir.path().join("renamed.json");
    fs::write(
        &json,
        r#"[{"uuid":"a1","description":"New a1","status":"pending"},
           {"uuid":"b1","description":"New b1","status":"pending"}]"#,
    )
    .unwrap();
    (dir, team, json)
}

#[cfg(unix)]
#[test]
fn an_import_into_two_files_that_cannot_save_one_saves_neither() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, team, json) = two_files_with_imported_tasks();
    let read = |f: &str| fs::read_to_string(team.join(f)).unwrap();
    let (alice, bob) = (read("alice.toml"), read("bob.toml"));
    let args = [
        "-w",
        "team",
        "import",
        "taskwarrior",
        json.to_str().unwrap(),
    ];
    // The second file is read-only: every check is made before the first rename.
    fs::set_permissions(team.join("bob.toml"), fs::Permissions::from_mode(0o444)).unwrap();
    let refused = run(dir.path(), &args, 2);
    assert_eq!(
        refused.stderr,
        "error: team/bob.toml: file is read-only; nothing was written\n"
    );
    assert_eq!((read("alice.toml"), read("bob.toml")), (alice, bob));
    let names: Vec<_> = fs::read_dir(&team).unwrap().collect();
    assert_eq!(names.len(), 3, "no temp file left");
    // Writable again: both saved, and the summary names both.
    fs::set_permissions(team.join("bob.toml"), fs::Permissions::from_mode(0o644)).unwrap();
    let saved = run(dir.path(), &args, 0);
    assert_eq!(
        last_line(&saved.stdout),
        "imported 0 new, updated 2, unchanged 0 (taskwarrior) · saved team/alice.toml, team/bob.toml"
    );
    assert!(read("alice.toml").contains("title = \"New a1\""));
    assert!(read("bob.toml").contains("title = \"New b1\""));
}

/// `gh … | align import github -` may wait on the network for a long time: the workspace
/// is read after the input, so it is the workspace as it is then, not as it was when the
/// pipe opened. Here the workspace does not even load until the input is written.
#[cfg(target_os = "linux")]
#[test]
fn stdin_is_read_before_the_workspace() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, "version = 1\n[[goals]]\nid = \"g\"\ntitle = \n").unwrap();
    let mut child = crate::common::align_process(dir.path())
        .args(["--today", TODAY, "import", "taskwarrior", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until align sits in read(0, …) (`/proc/PID/syscall` starts with the call's
    // number, 0, and its first argument, fd 0). Reading the workspace first, it would
    // have failed on it and exited instead.
    let syscall = format!("/proc/{}/syscall", child.id());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "align ended ({status}) before reading its input:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if fs::read_to_string(&syscall).is_ok_and(|s| s.starts_with("0 0x0 ")) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "align never read stdin"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Meanwhile the workspace is mended (a `git pull`, another writer).
    fs::write(
        &path,
        "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"Grow\"\n",
    )
    .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(br#"[{"uuid":"u1","description":"Piped in","status":"pending","project":"g"}]"#)
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(last_line(&stdout).starts_with("imported 1 new"), "{stdout}");
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("title = \"Piped in\"")
    );
}

// --- Refusals ------------------------------------------------------------------------------

#[test]
fn bad_json_is_refused_with_the_file_untouched() {
    let dir = demo_dir();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "[{\"uuid\": \"x\", \"description\": \"a\",").unwrap();
    let r = run(
        dir.path(),
        &["import", "taskwarrior", bad.to_str().unwrap()],
        2,
    );
    let error = |stderr: &str| {
        stderr
            .lines()
            .find(|l| l.starts_with("error: "))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        error(&r.stderr).starts_with(&format!("error: {}: not valid JSON", bad.display())),
        "{}",
        r.stderr
    );
    assert_eq!(text(dir.path()), DEMO);

    // The wrong tool's JSON is named, and an empty stdin is bad input.
    let r = import(dir.path(), "github", "taskwarrior.json", 2);
    assert!(
        error(&r.stderr).ends_with(
            "taskwarrior.json: this looks like Taskwarrior's JSON (`task export`); use `align import taskwarrior`"
        ),
        "{}",
        r.stderr
    );
    let out = align(dir.path())
        .args(["--today", TODAY, "import", "github", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(error(&String::from_utf8(out.stderr).unwrap()).starts_with("error: <stdin>: "));
    assert_eq!(text(dir.path()), DEMO);
}

#[test]
fn a_workspace_with_an_error_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let broken = DEMO.replace(
        "goals = [\"activation/kr1\"]\nimpact = 5",
        "goals = [\"activaton\"]\nimpact = 5",
    );
    assert_ne!(broken, DEMO);
    fs::write(dir.path().join("align.toml"), &broken).unwrap();
    let r = import(dir.path(), "taskwarrior", "taskwarrior.json", 2);
    assert!(
        r.stderr.contains("unknown goal \"activaton\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was written"));
    assert_eq!(text(dir.path()), broken);
    let r = import(dir.path(), "github", "github.json", 2);
    assert!(r.stderr.contains("nothing was written"));
    assert_eq!(text(dir.path()), broken);
}

#[test]
fn a_file_with_inline_tasks_is_not_appended_to() {
    let dir = tempfile::tempdir().unwrap();
    let text_in = "version = 1\ntasks = [\n  { id = \"T-1\", title = \"a\" },\n]\n\n[[goals]]\nid = \"retention\"\ntitle = \"Retention\"\n";
    fs::write(dir.path().join("align.toml"), text_in).unwrap();
    let r = import(dir.path(), "taskwarrior", "taskwarrior.json", 2);
    assert!(r.stderr.contains("inline"), "{}", r.stderr);
    assert_eq!(text(dir.path()), text_in);
}

// --- Report --------------------------------------------------------------------------------

const SECTIONS: [&str; 5] = [
    "Summary",
    "Strategy vs. task completion",
    "Busy-work to question",
    "Stale and orphan goals",
    "Key-result movement since the previous check-in",
];

#[test]
fn report_markdown_has_every_section_and_is_deterministic() {
    let dir = demo_dir();
    let a = run(dir.path(), &["report"], 0).stdout;
    let b = run(dir.path(), &["report", "--format", "markdown"], 0).stdout;
    assert_eq!(a, b);
    assert!(a.starts_with("# Weekly alignment report — Parcelwise Q4 2026\n"));
    for s in SECTIONS {
        assert!(a.contains(&format!("\n## {s}\n")), "lacks {s}");
    }
    assert!(a.contains("- **Open effort:** 52.3% aligned, 21.2% busy-work"));
    assert!(a.contains("| Primary objective |"));
    assert!(a.contains("`align link T-123 retention/kr1`"));
    assert!(a.contains(
        "- `carriers` Add DHL and UPS label printing (leo) — last check-in 2026-10-20, 36 days ago"
    ));
    assert!(a.contains("- `help-centre`"));
    assert!(a.contains("| `retention/kr1` Monthly logo churn | 3.9% (2026-10-29) | 3.8% (2026-11-24) ★ | +5.9 pts | 23.5% |"));
    // Another day, another report.
    let later = align(dir.path())
        .args(["report", "--today", "2026-12-02"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_ne!(String::from_utf8(later).unwrap(), a);
}

#[test]
fn report_html_is_a_page_with_escaped_text() {
    let dir = demo_dir();
    import(dir.path(), "github", "github.json", 0);
    let a = run(dir.path(), &["report", "--format", "html"], 0).stdout;
    assert_eq!(
        a,
        run(dir.path(), &["report", "--format", "html"], 0).stdout
    );
    assert!(a.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(a.contains("<style>") && a.trim_end().ends_with("</html>"));
    for s in SECTIONS {
        assert!(a.contains(&format!("<h2>{s}</h2>")), "lacks {s}");
    }
    assert!(!a.contains("<script"), "no script gets in");
    assert!(a.contains("&lt;script&gt;alert('x')&lt;/script&gt; shows in the label preview"));
    // And the markdown of the same workspace escapes it too.
    let md = run(dir.path(), &["report"], 0).stdout;
    assert!(!md.contains("<script>") && md.contains("&lt;script&gt;"));
}

// --- Re-imports keep what the team set by hand ------------------------------------------------

/// A scratch workspace with one goal, and `json` written as `in.json` beside it.
fn small_dir(json: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("align.toml"),
        "version = 1\n\n[[goals]]\nid = \"retention\"\ntitle = \"Cut churn\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("in.json"), json).unwrap();
    dir
}

fn import_in(dir: &Path, tool: &str) -> Run {
    run(dir, &["import", tool, "in.json"], 0)
}

#[test]
fn the_updated_line_shows_the_new_title() {
    let dir = small_dir(r#"[{"uuid":"u-1","description":"Old wording","status":"pending"}]"#);
    import_in(dir.path(), "taskwarrior");
    fs::write(
        dir.path().join("in.json"),
        r#"[{"uuid":"u-1","description":"New wording","status":"pending"}]"#,
    )
    .unwrap();
    let r = import_in(dir.path(), "taskwarrior");
    let line = r.stdout.lines().find(|l| l.contains("updated")).unwrap();
    assert!(line.contains("New wording (title)"), "{line}");
    assert!(!line.contains("Old wording"), "{line}");
}

#[test]
fn a_taskwarrior_reimport_keeps_a_hand_set_doing() {
    let dir = small_dir(r#"[{"uuid":"u-1","description":"Write the survey","status":"pending"}]"#);
    import_in(dir.path(), "taskwarrior");
    let doing = text(dir.path()).replace("status = \"todo\"", "status = \"doing\"");
    fs::write(dir.path().join("align.toml"), &doing).unwrap();
    let r = import_in(dir.path(), "taskwarrior");
    assert_eq!(text(dir.path()), doing, "{}", r.stdout);
    assert!(r.stdout.contains("unchanged 1"), "{}", r.stdout);
    // Started in Taskwarrior: doing; finished: done, whatever the file said.
    fs::write(
        dir.path().join("in.json"),
        r#"[{"uuid":"u-1","description":"Write the survey","status":"completed","end":"20261120T100000Z"}]"#,
    )
    .unwrap();
    import_in(dir.path(), "taskwarrior");
    assert!(text(dir.path()).contains("status = \"done\""));
}

#[test]
fn a_github_reimport_never_clears_a_hand_set_owner() {
    let issue = |assignees: &str| {
        format!(
            r#"[{{"number":7,"title":"Fix the label crash","state":"OPEN","labels":[],"assignees":[{assignees}],"url":"https://github.com/p/app/issues/7"}}]"#
        )
    };
    let dir = small_dir(&issue(""));
    import_in(dir.path(), "github");
    assert!(!text(dir.path()).contains("owner"));
    let owned = text(dir.path()).replace(
        "source = ",
        "# Leo took it at the stand-up.\nowner = \"leo\"\nsource = ",
    );
    fs::write(dir.path().join("align.toml"), &owned).unwrap();
    let r = import_in(dir.path(), "github");
    assert_eq!(text(dir.path()), owned, "{}", r.stdout);
    // An assignee in GitHub does set it.
    fs::write(dir.path().join("in.json"), issue(r#"{"login":"tom"}"#)).unwrap();
    import_in(dir.path(), "github");
    let after = text(dir.path());
    assert!(after.contains("owner = \"tom\""), "{after}");
    assert!(
        after.contains("# Leo took it at the stand-up.\n"),
        "{after}"
    );
}
