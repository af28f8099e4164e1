//! `align import linear` and `align import jira` as a user meets them, on fixtures shaped
//! like the real exports (`tests/fixtures/import/`): `jira.csv` and `jira-v2.csv`, Jira
//! Cloud's "Export CSV (all fields)" a week apart (UTF-8 byte-order mark, CRLF, repeated
//! `Labels` and `Comment` columns, epics, a sub-task, quoted cells with commas, quotes and
//! line breaks, non-ASCII); `jira-dc.csv`, Jira Data Center's shape (`Parent id`, `Epic
//! Link`, `Fix Version/s`, no `Status Category`); `jira-de.csv`, an export in German;
//! `linear.csv` and `linear-v2.csv`, Linear's 30-column export (a row one cell short,
//! `Completed`/`Canceled` timestamps, a formula-guarded title). Each is imported twice
//! (the second leaves the file byte-identical), then updated; bad input of every kind is
//! refused naming the file, the line or the column, with nothing written. The notes of
//! the Taskwarrior and GitHub importers are here too, being the same notes.

use std::fs;
use std::path::Path;

use super::common::{DEMO, Run, TODAY, align, demo_dir};
use super::import_report::{
    assert_untouched_tasks, fixture, imported_blocks, last_line, outside, run, text, workspace,
    workspace_of,
};

fn demo_text() -> String {
    DEMO.to_string()
}

/// `align --today TODAY` in `dir`, for a run that reads stdin.
fn align_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = align(dir);
    cmd.args(["--today", TODAY]);
    cmd
}

fn import(dir: &Path, tool: &str, file: &str, code: i32) -> Run {
    let path = fixture(file);
    run(dir, &["import", tool, path.to_str().unwrap()], code)
}

fn is_jira(s: &str) -> bool {
    s.starts_with("jira:")
}

fn is_linear(s: &str) -> bool {
    s.starts_with("linear:")
}

/// The notes an import printed, without their `note: ` prefix.
fn notes(r: &Run) -> Vec<&str> {
    r.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("note: "))
        .collect()
}

/// The one `error: ` line of a refusal.
fn error(r: &Run) -> &str {
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    errors[0]
}

// --- Jira ----------------------------------------------------------------------------------

#[test]
fn jira_import_appends_its_issues_and_a_second_import_changes_nothing() {
    let dir = demo_dir();
    let demo = demo_text();
    let first = import(dir.path(), "jira", "jira.csv", 0);
    assert_eq!(
        last_line(&first.stdout),
        "imported 9 new, updated 0, unchanged 0, skipped 4 (jira) · saved align.toml"
    );
    assert!(
        first.stdout.contains(
            "  new      T-133  Cancellation flow: offer \"pause\", not just \"cancel\"\n"
        )
    );
    assert_eq!(
        notes(&first),
        [
            "PAY-94: epic \"Mobile app\" matches no goal",
            "PAY-96: parent \"Make the label editor faster\" matches no goal",
            "skipped 3: epics (their issues are imported, linked through them)",
            "skipped 1: issues closed as won't do, duplicate or cancelled, never imported before",
        ]
    );
    let after = text(dir.path());
    assert!(after.starts_with(&demo), "the demo is kept byte for byte");
    assert!(after[demo.len()..].contains(
        "[[tasks]]\nid = \"T-132\"\ntitle = \"Retry failed card payments, then e-mail the shop owner\"\nstatus = \"doing\"\ngoals = [\"retention\"]\nimpact = 4\ndue = 2026-12-04\nowner = \"Maya Chen\"\ntags = [\"billing\", \"emails\"]\nsource = \"jira:PAY-88\"\n"
    ));

    let ws = workspace(dir.path());
    let by_key = |key: &str| {
        let source = format!("jira:{key}");
        ws.tasks
            .iter()
            .find(|t| t.source.as_deref() == Some(source.as_str()))
            .unwrap_or_else(|| panic!("{key} not imported"))
    };
    let sub = by_key("PAY-90");
    assert_eq!(
        (sub.status.as_str(), sub.done.map(|d| d.to_string())),
        ("done", Some("2026-11-24".to_string()))
    );
    assert_eq!(
        sub.goals,
        ["retention"],
        "a sub-task links through its story's epic"
    );
    assert_eq!(
        sub.title,
        "E-mail copy in German and French (Käufer, clients)"
    );
    let bug = by_key("PAY-91");
    assert_eq!((bug.status.as_str(), bug.impact), ("doing", Some(5)));
    assert_eq!(
        bug.goals,
        ["carriers"],
        "epic Carriers names the goal carriers"
    );
    assert_eq!(bug.tags, ["carriers"], "an empty Labels cell adds nothing");
    assert_eq!(
        by_key("PAY-93").goals,
        ["reliability/uptime"],
        "by its fix version"
    );
    assert_eq!(
        by_key("PAY-95").status.as_str(),
        "doing",
        "Blocked, in progress"
    );
    assert!(by_key("PAY-94").goals.is_empty());
    assert!(
        !ws.tasks
            .iter()
            .any(|t| t.source.as_deref() == Some("jira:PAY-10")),
        "epics are not tasks"
    );

    let second = import(dir.path(), "jira", "jira.csv", 0);
    assert_eq!(
        last_line(&second.stdout),
        "imported 0 new, updated 0, unchanged 9, skipped 4 (jira) · nothing to save"
    );
    assert_eq!(text(dir.path()), after, "not a byte changes");
}

#[test]
fn jira_reimport_updates_only_the_keys_jira_owns() {
    let dir = demo_dir();
    import(dir.path(), "jira", "jira.csv", 0);
    let v1 = text(dir.path());
    let blocks_v1 = imported_blocks(&workspace(dir.path()), is_jira);
    // The team sizes a task by hand and comments on it; Jira knows nothing of that.
    let edited = v1.replacen(
        "impact = 3\ntags = [\"retention\"]\nsource = \"jira:PAY-89\"\n",
        "impact = 3\neffort = 5   # sized at planning\ntags = [\"retention\"]\nsource = \"jira:PAY-89\"\n",
        1,
    );
    assert_ne!(edited, v1);
    fs::write(dir.path().join("align.toml"), &edited).unwrap();

    let second = import(dir.path(), "jira", "jira-v2.csv", 0).stdout;
    assert_eq!(
        second,
        "  new      T-141  Pause reminder e-mail one week before a paused shop resumes\n  updated  T-132  Retry failed card payments, then e-mail the shop owner (status, done)\n  updated  T-133  Cancellation flow: offer \"pause for 3 months\", not just \"cancel\" (title, tags)\n  updated  T-135  DHL customs form: umlauts (ü, ß) break the PDF (status)\nimported 1 new, updated 3, unchanged 6, skipped 4 (jira) · saved align.toml\n"
    );
    let v2 = text(dir.path());
    let ws = workspace(dir.path());
    let t = |id: &str| &ws.tasks[ws.task_by_id(id).unwrap()];
    assert_eq!(
        (
            t("T-132").status.as_str(),
            t("T-132").done.unwrap().to_string()
        ),
        ("done", "2026-11-26".to_string()),
        "done on the day Jira resolved it, not the day of the import"
    );
    assert_eq!(t("T-135").status.as_str(), "dropped", "Won't Do");
    assert_eq!(t("T-135").done, None);
    assert_eq!(t("T-133").tags, ["retention", "ux"]);
    assert!(
        v2.contains("effort = 5   # sized at planning\n"),
        "the team's key and comment stay"
    );
    assert_eq!(t("T-141").goals, ["retention"]);

    // Outside Jira's tasks, the file is the demo as it was.
    let blocks_v2 = imported_blocks(&ws, is_jira);
    assert_eq!(outside(&v1, &blocks_v1), outside(&v2, &blocks_v2));
    assert_eq!(outside(&v2, &blocks_v2), demo_text().trim_end());
    assert_untouched_tasks(&demo_text(), &v2, is_jira);

    let third = import(dir.path(), "jira", "jira-v2.csv", 0);
    assert!(last_line(&third.stdout).starts_with("imported 0 new, updated 0, unchanged 10"));
    assert_eq!(text(dir.path()), v2);
}

#[test]
fn jira_data_center_and_german_exports() {
    let dir = demo_dir();
    let dc = import(dir.path(), "jira", "jira-dc.csv", 0);
    assert_eq!(
        last_line(&dc.stdout),
        "imported 4 new, updated 0, unchanged 0, skipped 1 (jira) · saved align.toml"
    );
    assert!(notes(&dc)[0].ends_with(
        "jira-dc.csv: status \"Awaiting Approval\" (1 issue) is not one align knows and the export has no \"Status Category\" column (Export CSV (all fields) has it); read as todo"
    ));
    let de = import(dir.path(), "jira", "jira-de.csv", 0);
    assert_eq!(
        last_line(&de.stdout),
        "imported 3 new, updated 0, unchanged 0, skipped 1 (jira) · saved align.toml"
    );
    let ws = workspace(dir.path());
    let by_key = |key: &str| {
        let source = format!("jira:{key}");
        ws.tasks
            .iter()
            .find(|t| t.source.as_deref() == Some(source.as_str()))
            .unwrap()
    };
    let print = by_key("OPS-2");
    assert_eq!(
        print.goals,
        ["carriers"],
        "the epic's Epic Name names the goal"
    );
    assert_eq!((print.status.as_str(), print.impact), ("doing", Some(5)));
    assert_eq!(print.tags, ["carriers", "dhl"], "three Labels columns");
    assert_eq!(
        by_key("OPS-3").goals,
        ["carriers"],
        "a sub-task reaches the epic"
    );
    assert_eq!(by_key("OPS-3").status.as_str(), "done");
    assert_eq!(
        by_key("OPS-4").goals,
        ["reliability"],
        "the fix version that names a goal"
    );
    let pause = by_key("RET-7");
    assert_eq!(
        (pause.status.as_str(), pause.due.unwrap().to_string()),
        ("doing", "2026-12-04".to_string()),
        "In Arbeit, due 04/Dez./26"
    );
    assert_eq!(pause.goals, ["retention"]);
    assert_eq!(by_key("RET-8").done.unwrap().to_string(), "2026-11-20");
    assert_eq!(by_key("RET-10").due.unwrap().to_string(), "2027-01-15");
}

// --- Linear --------------------------------------------------------------------------------

#[test]
fn linear_import_maps_issues_and_is_idempotent() {
    let dir = demo_dir();
    let demo = demo_text();
    let first = import(dir.path(), "linear", "linear.csv", 0);
    assert_eq!(
        last_line(&first.stdout),
        "imported 7 new, updated 0, unchanged 0, skipped 2 (linear) · saved align.toml"
    );
    assert_eq!(
        notes(&first),
        [
            "ENG-12: project \"Mobile app\" matches no goal",
            "ENG-105: project \"Pricing page\" matches no goal (did you mean \"pricing-page\"?)",
            "skipped 2: canceled issues never imported before",
        ]
    );
    let after = text(dir.path());
    assert!(after.starts_with(&demo));
    assert!(after[demo.len()..].contains(
        "[[tasks]]\nid = \"T-133\"\ntitle = \"Win-back e-mail for shops that cancelled\"\nstatus = \"doing\"\ngoals = [\"retention/kr1\"]\nimpact = 4\ndue = 2026-12-04\nowner = \"maya@parcelwise.com\"\ntags = [\"email\", \"billing\"]\nsource = \"linear:ENG-101\"\n"
    ));
    let ws = workspace(dir.path());
    let t = |id: &str| &ws.tasks[ws.task_by_id(id).unwrap()];
    assert_eq!(t("T-134").done.unwrap().to_string(), "2026-11-20");
    assert_eq!(
        t("T-134").goals,
        ["retention"],
        "a project named by the goal's title"
    );
    assert_eq!(
        t("T-135").tags,
        ["carriers", "ux"],
        "labels without repeats"
    );
    assert_eq!(
        t("T-136").title,
        "-50% shipping promo banner on the pricing page"
    );
    assert_eq!(t("T-137").goals, ["reliability"], "by its initiative");
    assert_eq!(
        t("T-138").title,
        "Ship the Österreich carrier list (Post.at, DPD Österreich)",
        "a row one cell short"
    );

    let second = import(dir.path(), "linear", "linear.csv", 0);
    assert!(
        last_line(&second.stdout).ends_with("unchanged 7, skipped 2 (linear) · nothing to save")
    );
    assert_eq!(text(dir.path()), after);

    let third = import(dir.path(), "linear", "linear-v2.csv", 0);
    assert_eq!(
        last_line(&third.stdout),
        "imported 0 new, updated 2, unchanged 5, skipped 2 (linear) · saved align.toml"
    );
    let ws = workspace(dir.path());
    let t = |id: &str| &ws.tasks[ws.task_by_id(id).unwrap()];
    assert_eq!(
        (
            t("T-133").status.as_str(),
            t("T-133").done.unwrap().to_string()
        ),
        ("done", "2026-11-26".to_string())
    );
    assert_eq!(
        t("T-133").title,
        "Win-back e-mail series (3 mails) for shops that cancelled"
    );
    assert_eq!(
        t("T-136").status.as_str(),
        "dropped",
        "canceled after it was imported"
    );
    let v2 = text(dir.path());
    assert_untouched_tasks(&demo, &v2, is_linear);
    assert_eq!(
        outside(&v2, &imported_blocks(&ws, is_linear)),
        outside(&demo, &imported_blocks(&workspace_of(&demo), is_linear))
    );
}

#[test]
fn a_note_is_only_for_a_task_left_without_a_link() {
    let dir = demo_dir();
    import(dir.path(), "linear", "linear.csv", 0);
    // The team links ENG-12's task by hand: its project still names no goal, but the
    // task is linked, so there is nothing to say.
    let r = run(dir.path(), &["link", "T-132", "activation"], 0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let again = import(dir.path(), "linear", "linear.csv", 0);
    assert_eq!(
        notes(&again),
        [
            "ENG-105: project \"Pricing page\" matches no goal (did you mean \"pricing-page\"?)",
            "skipped 2: canceled issues never imported before",
        ]
    );
}

#[test]
fn stdin_dry_run_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    let split = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/split");
    for f in ["workspace.toml", "alice.toml", "bob.toml"] {
        fs::copy(split.join(f), team.join(f)).unwrap();
    }
    let read = |f: &str| fs::read_to_string(team.join(f)).unwrap();
    let before: Vec<String> = ["workspace.toml", "alice.toml", "bob.toml"]
        .iter()
        .map(|f| read(f))
        .collect();
    let csv = fs::read(fixture("linear.csv")).unwrap();

    // A dry run says where the tasks would go, in that file's id style, and writes nothing.
    let out = align_in(dir.path())
        .args(["-w", "team", "import", "linear", "-", "--dry-run"])
        .write_stdin(csv.clone())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  new      B-2  Offline label queue for the mobile app\n"),
        "{stdout}"
    );
    assert!(last_line(&stdout).ends_with("(linear) · dry run: nothing was written"));

    // --file picks the file; ids follow its style.
    let out = align_in(dir.path())
        .args([
            "-w",
            "team",
            "import",
            "linear",
            "-",
            "--file",
            "team/alice.toml",
        ])
        .write_stdin(csv.clone())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  new      A-2  Offline label queue for the mobile app\n"),
        "{stdout}"
    );
    assert!(
        last_line(&stdout).ends_with("· saved team/alice.toml"),
        "{stdout}"
    );
    assert_eq!(read("workspace.toml"), before[0]);
    assert_eq!(read("bob.toml"), before[2]);
    assert!(read("alice.toml").starts_with(&before[1]));

    // A file outside the workspace is refused, naming the workspace's files.
    let alice = read("alice.toml");
    let r = run(
        dir.path(),
        &[
            "-w",
            "team",
            "import",
            "jira",
            fixture("jira.csv").to_str().unwrap(),
            "--file",
            "team/carol.toml",
        ],
        2,
    );
    assert_eq!(
        error(&r),
        "error: --file team/carol.toml is not a file of this workspace (its files: team/alice.toml, team/bob.toml, team/workspace.toml); new tasks go to one of them; nothing was written"
    );
    assert_eq!(read("alice.toml"), alice);
    assert_eq!(read("bob.toml"), before[2]);

    // --file works for every tool, and later imports of the same input update in place.
    let r = run(
        dir.path(),
        &[
            "-w",
            "team",
            "import",
            "taskwarrior",
            fixture("taskwarrior.json").to_str().unwrap(),
            "--file",
            "team/bob.toml",
        ],
        0,
    );
    assert!(
        r.stdout
            .contains("  new      B-2  Win-back email series for churned shops\n"),
        "{}",
        r.stdout
    );
    assert!(last_line(&r.stdout).ends_with("· saved team/bob.toml"));
}

// --- Bad input -----------------------------------------------------------------------------

#[test]
fn the_wrong_tools_export_is_named_and_nothing_is_written() {
    let dir = demo_dir();
    for (tool, file, names) in [
        (
            "jira",
            "linear.csv",
            "Linear's CSV export; use `align import linear`",
        ),
        (
            "linear",
            "jira.csv",
            "Jira's CSV export; use `align import jira`",
        ),
        (
            "jira",
            "github.json",
            "GitHub's issue JSON (`gh issue list --json …`); use `align import github`",
        ),
        (
            "linear",
            "taskwarrior.json",
            "Taskwarrior's JSON (`task export`); use `align import taskwarrior`",
        ),
        (
            "taskwarrior",
            "jira-dc.csv",
            "Jira's CSV export; use `align import jira`",
        ),
        (
            "github",
            "linear.csv",
            "Linear's CSV export; use `align import linear`",
        ),
        (
            "taskwarrior",
            "github.json",
            "GitHub's issue JSON (`gh issue list --json …`); use `align import github`",
        ),
    ] {
        let r = import(dir.path(), tool, file, 2);
        assert_eq!(
            error(&r),
            format!(
                "error: {}: this looks like {names}",
                fixture(file).display()
            ),
            "{tool} {file}"
        );
        assert!(r.stdout.is_empty());
    }
    assert_eq!(text(dir.path()), demo_text());
}

#[test]
fn a_missing_column_or_a_malformed_row_is_named_and_nothing_is_written() {
    let dir = demo_dir();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let jira = fs::read_to_string(fixture("jira.csv")).unwrap();
    let cases = [
        (
            "jira",
            write("no-key.csv", &jira.replacen("Issue key", "Key", 1)),
            ":1: no \"Issue key\" column, which Jira's CSV export always has; export the issues again with Filters → Export → Export CSV (all fields); Jira writes the headers in your profile's language, and align reads English and German ones",
        ),
        (
            "linear",
            write(
                "no-title.csv",
                &fs::read_to_string(fixture("linear.csv"))
                    .unwrap()
                    .replacen(",Title,", ",Name,", 1),
            ),
            ":1: no \"Title\" column, which Linear's CSV export always has; export the issues again with Settings → Administration → Import / Export → Export CSV",
        ),
        (
            "jira",
            // A quote opened in PAY-93's summary and never closed: every row after it would
            // be one cell.
            write(
                "open-quote.csv",
                &jira.replacen("Investigate flaky", "\"Investigate flaky", 1),
            ),
            ":14: a quoted cell that starts on this line is never closed (a \" is missing)",
        ),
        (
            "jira",
            // An unquoted comma in a summary: one cell too many.
            write(
                "extra-cell.csv",
                &jira.replacen("Quarterly access review", "Quarterly access, review", 1),
            ),
            ":16: this row has 45 cells but the header has 44 columns, so its cells cannot be told apart (a cell with a , that is not quoted?)",
        ),
        (
            "jira",
            write("bad-key.csv", &jira.replacen(",PAY-95,", ",PAY 95,", 1)),
            ":16: \"Issue key\" is \"PAY 95\", not a Jira issue key (like PAY-88)",
        ),
        (
            "linear",
            write(
                "bad-id.csv",
                "ID,Title,Status\r\nENG-1,A,Todo\r\n,B,Todo\r\n",
            ),
            ":3: no \"ID\" in this row",
        ),
    ];
    for (tool, path, want) in &cases {
        let r = run(dir.path(), &["import", tool, path], 2);
        assert_eq!(error(&r), format!("error: {path}{want}"), "{path}");
        assert!(r.stdout.is_empty());
    }
    // Not UTF-8 (a spreadsheet saved it as Latin-1): the line is named.
    let latin1 = dir.path().join("latin1.csv");
    fs::write(
        &latin1,
        b"Summary,Issue key,Status\nA,PAY-1,Done\nK\xfcndigung,PAY-2,Done\n",
    )
    .unwrap();
    let r = run(dir.path(), &["import", "jira", latin1.to_str().unwrap()], 2);
    assert_eq!(
        error(&r),
        format!(
            "error: {}:3: not UTF-8; save the export as \"CSV UTF-8\" (or export it again) and import that",
            latin1.display()
        )
    );
    assert_eq!(text(dir.path()), demo_text(), "nothing was written");
}

#[test]
fn what_the_importers_print_has_no_control_characters() {
    let dir = demo_dir();
    let csv = "ID,Title,Status,Project\nENG-1,\"Clear \u{1b}[2Jthe screen\",Todo,\"Evil \u{1b}]0;title\u{7} project\"\n";
    let out = align_in(dir.path())
        .args(["import", "linear", "-"])
        .write_stdin(csv)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    for s in [&stdout, &stderr] {
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    }
    assert!(
        stdout.contains("  new      T-132  Clear ␛[2Jthe screen\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("ENG-1: project \"Evil \\u{1b}]0;title\\u{7} project\" matches no goal"),
        "{stderr}"
    );
}

// --- The same notes from the JSON importers -----------------------------------------------

#[test]
fn taskwarrior_and_github_note_a_project_or_milestone_that_names_no_goal() {
    let dir = demo_dir();
    let tw = import(dir.path(), "taskwarrior", "taskwarrior.json", 0);
    assert_eq!(
        notes(&tw)[0],
        "task c0ffee00: project \"home\" matches no goal",
        "{}",
        tw.stderr
    );
    let gh = r#"[{"number":501,"title":"Tablet layout","state":"OPEN","labels":[],"assignees":[],
        "milestone":{"title":"Retension"},"url":"https://github.com/parcelwise/app/issues/501"}]"#;
    let out = align_in(dir.path())
        .args(["import", "github", "-"])
        .write_stdin(gh)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "note: issue #501: milestone \"Retension\" matches no goal (did you mean \"retention\"?)\n"
    );
}
