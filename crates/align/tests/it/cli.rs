//! The command line as a user meets it (SPEC §3): every subcommand, its exit codes and
//! output formats, workspace discovery, colour and width. Each test runs the real binary
//! in a scratch directory holding a copy of the bundled demo as `align.toml`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// The date the demo is written for.
const TODAY: &str = "2026-11-25";

fn demo_text() -> String {
    align::assets::DEMO.to_string()
}

/// A scratch directory with the demo as `align.toml`.
fn demo_dir() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("align.toml"), demo_text()).unwrap();
    dir
}

/// `align` run in `dir`, without colour, a workspace variable or a terminal width.
fn align_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("align").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("ALIGN_WORKSPACE")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS");
    cmd
}

/// Run with `args` (plus `--today`), expect `code`, return stdout.
fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let out = align_in(dir)
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(code)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

/// Stdout of `align ARGS` exiting with `code`, without the fixed `--today` of [`run`].
fn stdout_as_given(dir: &Path, args: &[&str], code: i32) -> String {
    let out = align_in(dir)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

fn stderr_of(dir: &Path, args: &[&str], code: i32) -> String {
    let out = align_in(dir)
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(code)
        .get_output()
        .clone();
    String::from_utf8(out.stderr).unwrap()
}

/// The demo loaded through the library, for the figures the CLI must agree with.
fn demo_workspace() -> align_core::Workspace {
    let dir = demo_dir();
    align_core::load(&dir.path().join("align.toml"))
        .unwrap()
        .workspace
}

fn task_ids() -> Vec<String> {
    demo_workspace()
        .tasks
        .iter()
        .map(|t| t.id.clone())
        .collect()
}

fn file(dir: &Path) -> Vec<u8> {
    fs::read(dir.join("align.toml")).unwrap()
}

/// `a` and `b` differ in exactly one line: one line changed, added or removed.
fn one_line_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_inclusive('\n').collect(),
        b.split_inclusive('\n').collect(),
    );
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let (changed_a, changed_b) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
    matches!((changed_a, changed_b), (1 | 0, 1) | (1, 0))
}

const FEATURES: [&str; 6] = [
    "Primary objective",
    "Success metric",
    "Decision basis",
    "Employee autonomy",
    "Risk factor",
    "Time horizon",
];

/// The seed's words, strategy side then task side, row by row.
const SEED_WORDS: [(&str, &str); 6] = [
    ("Organizational impact", "Operational output"),
    (
        "KPI growth and vision milestones",
        "Ticket resolution and deadline adherence",
    ),
    (
        "Value to the long-term mission",
        "Immediate urgency and priority lists",
    ),
    (
        "High; empowered to pivot for better results",
        "Moderate; focused on following the plan",
    ),
    (
        "Analysis paralysis or slow movement",
        "Burnout and 'busy work' without progress",
    ),
    (
        "Quarterly, yearly, or multi-year",
        "Daily, weekly, or sprint-based",
    ),
];

// --- score ---------------------------------------------------------------------------

#[test]
fn score_table_lists_every_task_with_its_class_and_the_summary() {
    let dir = demo_dir();
    let out = run(dir.path(), &["score"], 0);
    for id in task_ids() {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id} "))),
            "no row for {id}:\n{out}"
        );
    }
    for word in ["aligned", "partial", "operational", "busy-work"] {
        assert!(
            out.contains(&format!("  {word}  ")),
            "no {word} tag:\n{out}"
        );
    }
    let row = |id: &str| out.lines().find(|l| l.starts_with(id)).unwrap().to_string();
    assert!(row("T-103").contains(" aligned "));
    assert!(row("T-119").contains(" operational "));
    assert!(row("T-127").contains(" busy-work "));
    assert!(row("T-116").contains(" partial "));
    // The summary line, with the demo's figures.
    let summary = out.lines().last().unwrap();
    assert!(summary.starts_with("31 tasks: "), "{summary}");
    assert!(
        summary.contains("aligned")
            && summary.contains("busy-work")
            && summary.contains("open effort")
    );
    // Goals with their flags below the tasks.
    assert!(out.contains("orphan") && out.contains("stale"), "{out}");
}

#[test]
fn bare_align_and_a_path_print_the_table_when_not_on_a_terminal() {
    let dir = demo_dir();
    let table = run(dir.path(), &["score"], 0);
    assert_eq!(run(dir.path(), &[], 0), table);
    let elsewhere = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    assert_eq!(run(elsewhere.path(), &[path.to_str().unwrap()], 0), table);
}

#[test]
fn demo_scores_a_scratch_copy_of_the_sample() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(empty.path(), &["demo"], 0);
    assert!(out.contains("T-101") && out.contains("busy-work"), "{out}");
    // The bundled sample is clean: no warning on every run.
    assert_eq!(stderr_of(empty.path(), &["demo"], 0), "");
    // Every class is in it, with the README's figures.
    assert!(
        out.contains(
            "31 tasks: 12 aligned, 5 partial, 4 operational, 10 busy-work; open effort 52.3% aligned, 28.8% busy-work"
        ),
        "{out}"
    );
    assert_eq!(
        fs::read_dir(empty.path()).unwrap().count(),
        0,
        "demo wrote into the cwd"
    );
}

#[test]
fn score_json_has_every_key_of_the_spec() {
    let dir = demo_dir();
    let out = run(dir.path(), &["score", "--format", "json"], 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["workspace"], "Parcelwise Q4 2026");
    assert_eq!(doc["today"], TODAY);
    assert_eq!(doc["lens"], "strategy");

    let s = &doc["summary"];
    for key in ["tasks", "aligned", "partial", "operational", "busy_work"] {
        assert!(s[key].is_u64(), "summary.{key}: {}", s[key]);
    }
    for key in ["aligned_effort_pct", "busy_effort_pct"] {
        assert!(s[key].is_number(), "summary.{key}: {}", s[key]);
        let pct = s[key].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&pct));
    }
    let count = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        count("aligned") + count("partial") + count("operational") + count("busy_work"),
        count("tasks")
    );

    let tasks = doc["tasks"].as_array().unwrap();
    assert_eq!(tasks.len() as u64, count("tasks"));
    let ids: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, task_ids(), "tasks in file order");
    for t in tasks {
        for key in ["id", "title", "status", "class"] {
            assert!(t[key].is_string(), "task.{key}: {t}");
        }
        assert!(t["score"].as_u64().is_some_and(|s| s <= 100), "{t}");
        assert!(
            ["aligned", "partial", "operational", "busy-work"]
                .contains(&t["class"].as_str().unwrap())
        );
        assert!(t["goals"].as_array().unwrap().iter().all(Value::is_string));
        let factors = t["factors"].as_array().unwrap();
        assert!(!factors.is_empty());
        let mut sum = 0;
        for f in factors {
            assert!(f["name"].is_string() && f["detail"].is_string(), "{f}");
            sum += f["points"].as_i64().unwrap();
        }
        assert_eq!(t["score"].as_i64().unwrap(), sum.clamp(0, 100), "{t}");
        let suggested = &t["suggested_goal"];
        assert!(suggested.is_null() || suggested.is_string(), "{t}");
        if !t["goals"].as_array().unwrap().is_empty() {
            assert!(suggested.is_null(), "a linked task gets no suggestion: {t}");
        }
    }
    let t123 = tasks.iter().find(|t| t["id"] == "T-123").unwrap();
    assert_eq!(t123["class"], "busy-work");
    assert!(t123["suggested_goal"].is_string());

    let goals = doc["goals"].as_array().unwrap();
    assert_eq!(goals.len(), demo_workspace().goals.len());
    for g in goals {
        for key in ["id", "title", "status"] {
            assert!(g[key].is_string(), "goal.{key}: {g}");
        }
        assert!(
            g["progress"]
                .as_f64()
                .is_some_and(|p| (0.0..=1.0).contains(&p)),
            "{g}"
        );
        assert!(g["open_tasks"].is_u64());
        assert!(g["orphan"].is_boolean() && g["stale"].is_boolean());
    }
    let flag = |id: &str, key: &str| goals.iter().find(|g| g["id"] == id).unwrap()[key].clone();
    assert_eq!(flag("help-centre", "orphan"), true);
    assert_eq!(flag("carriers", "stale"), true);

    // Percentages are over open (todo + doing) effort.
    let ws = demo_workspace();
    let effort = |pred: &dyn Fn(&Value) -> bool| -> f64 {
        ws.tasks
            .iter()
            .zip(tasks)
            .filter(|(t, j)| t.status.is_open() && pred(j))
            .map(|(t, _)| t.effort)
            .sum()
    };
    let open = effort(&|_| true);
    let share = |class: &str| (effort(&|j| j["class"] == class) / open * 1000.0).round() / 10.0;
    assert_eq!(s["aligned_effort_pct"].as_f64().unwrap(), share("aligned"));
    assert_eq!(s["busy_effort_pct"].as_f64().unwrap(), share("busy-work"));
}

#[test]
fn score_csv_has_a_header_and_one_row_per_task() {
    let dir = demo_dir();
    let out = run(dir.path(), &["score", "--format", "csv"], 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..5], ["id", "title", "status", "class", "score"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut ids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    let mut expected = task_ids();
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
    for r in &rows {
        assert_eq!(r.len(), header.len());
        assert!(r[4].parse::<u8>().is_ok_and(|s| s <= 100));
    }
    // Ranked: highest score first.
    let scores: Vec<u8> = rows.iter().map(|r| r[4].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn score_class_filter_keeps_only_that_class() {
    let dir = demo_dir();
    let all: Value =
        serde_json::from_str(&run(dir.path(), &["score", "--format", "json"], 0)).unwrap();
    let busy: Vec<&str> = all["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["class"] == "busy-work")
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(!busy.is_empty());

    let table = run(dir.path(), &["score", "--class", "busy-work"], 0);
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("T-")).collect();
    assert_eq!(rows.len(), busy.len(), "{table}");
    for r in &rows {
        assert!(r.contains(" busy-work "), "{r}");
    }
    for id in &busy {
        assert!(
            rows.iter().any(|r| r.starts_with(&format!("{id} "))),
            "{id} missing"
        );
    }

    let json: Value = serde_json::from_str(&run(
        dir.path(),
        &["score", "--class", "busy-work", "--format", "json"],
        0,
    ))
    .unwrap();
    let ids: Vec<&str> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, busy);

    let csv = run(
        dir.path(),
        &["score", "--class", "aligned", "--format", "csv"],
        0,
    );
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",aligned,")),
        "{csv}"
    );

    align_in(dir.path())
        .args(["score", "--class", "nonsense"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("busy-work"));
}

#[test]
fn lens_flag_switches_to_crunch() {
    let dir = demo_dir();
    let doc: Value = serde_json::from_str(&run(
        dir.path(),
        &["score", "--format", "json", "--lens", "crunch"],
        0,
    ))
    .unwrap();
    assert_eq!(doc["lens"], "crunch");
}

// --- explain -------------------------------------------------------------------------

#[test]
fn explain_shows_the_factors_the_score_and_the_suggestion() {
    let dir = demo_dir();
    let out = run(dir.path(), &["explain", "T-123"], 0);
    assert!(out.contains("T-123  Churn survey follow-ups"), "{out}");
    for factor in ["unlinked", "impact", "due_soon", "urgent"] {
        assert!(
            out.lines().any(|l| l.starts_with(factor)),
            "no {factor} line:\n{out}"
        );
    }
    let score = out
        .lines()
        .find(|l| l.starts_with("score "))
        .expect("a score line");
    assert!(
        score.contains("sum of factors") && score.contains("busy-work"),
        "{score}"
    );
    assert!(out.contains("class     busy-work"), "{out}");
    assert!(
        out.contains("suggest   align link T-123 retention/churn"),
        "{out}"
    );

    let linked = run(dir.path(), &["explain", "T-101"], 0);
    for factor in ["link", "weight", "key_result", "behind_plan", "impact"] {
        assert!(
            linked.lines().any(|l| l.starts_with(&format!("{factor} "))),
            "{factor}:\n{linked}"
        );
    }
    assert!(!linked.contains("suggest"), "{linked}");
}

#[test]
fn explain_counts_days_in_words() {
    let dir = demo_dir();
    // T-103 is due 2026-11-30.
    for (today, words) in [
        ("2026-11-29", "due 2026-11-30, in 1 day"),
        ("2026-11-30", "due 2026-11-30, today"),
        ("2026-12-01", "overdue since 2026-11-30 (1 day)"),
        ("2026-12-03", "overdue since 2026-11-30 (3 days)"),
    ] {
        let out = stdout_as_given(dir.path(), &["explain", "T-103", "--today", today], 0);
        assert!(out.contains(words), "{today}: {out}");
    }
}

#[test]
fn explain_an_unknown_task_exits_2_with_a_suggestion() {
    let dir = demo_dir();
    align_in(dir.path())
        .args(["explain", "T-1233", "--today", TODAY])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("error: ").and(predicate::str::contains(
                "unknown task \"T-1233\" (did you mean \"T-123\"?)",
            )),
        );
}

// --- compare -------------------------------------------------------------------------

#[test]
fn compare_table_has_the_six_rows_and_the_seed_words() {
    let dir = demo_dir();
    let out = run(dir.path(), &["compare"], 0);
    let rows: Vec<&str> = out
        .lines()
        .filter_map(|l| FEATURES.iter().find(|f| l.starts_with(**f)).copied())
        .collect();
    assert_eq!(rows, FEATURES, "{out}");
    for (strategy, task) in SEED_WORDS {
        assert!(
            out.contains(strategy) && out.contains(task),
            "{strategy} / {task}:\n{out}"
        );
    }
    assert!(out.contains("STRATEGIC ALIGNMENT") && out.contains("TASK COMPLETION MINDSET"));
}

#[test]
fn compare_json_has_the_six_rows_with_seed_words_and_figures() {
    let dir = demo_dir();
    let doc: Value =
        serde_json::from_str(&run(dir.path(), &["compare", "--format", "json"], 0)).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    let features: Vec<&str> = rows
        .iter()
        .map(|r| r["feature"].as_str().unwrap())
        .collect();
    assert_eq!(features, FEATURES);
    for (row, (strategy, task)) in rows.iter().zip(SEED_WORDS) {
        assert_eq!(row["strategy"]["seed"], strategy);
        assert_eq!(row["task"]["seed"], task);
        for side in ["strategy", "task"] {
            assert!(row[side]["figure"].as_str().is_some_and(|f| !f.is_empty()));
            assert!(row[side]["value"].is_number());
        }
    }
    assert_eq!(doc["today"], TODAY);
    assert!(doc["verdict"].is_string());
}

#[test]
fn compare_markdown_has_the_six_rows_with_seed_words() {
    let dir = demo_dir();
    let out = run(dir.path(), &["compare", "--format", "markdown"], 0);
    assert!(
        out.contains("| Feature | Strategic Alignment | Task Completion Mindset |"),
        "{out}"
    );
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Feature"))
        .collect();
    assert_eq!(rows.len(), 6, "{out}");
    for ((row, feature), (strategy, task)) in rows.iter().zip(FEATURES).zip(SEED_WORDS) {
        assert!(row.starts_with(&format!("| {feature} | ")), "{row}");
        assert!(row.contains(strategy) && row.contains(task), "{row}");
    }
}

// --- check ---------------------------------------------------------------------------

#[test]
fn check_passes_under_a_generous_limit() {
    let dir = demo_dir();
    let out = run(dir.path(), &["check", "--max-busy", "90"], 0);
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_fails_with_exit_1_and_lists_the_busy_work() {
    let dir = demo_dir();
    let out = run(dir.path(), &["check", "--max-busy", "5"], 1);
    assert!(out.starts_with("FAIL: "), "{out}");
    let ws = demo_workspace();
    let board = align_core::score_workspace(&ws, TODAY.parse().unwrap(), None);
    for (t, s) in ws.tasks.iter().zip(&board.tasks) {
        let listed = out
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{}  ", t.id)));
        let open_busy = s.class == align_core::Class::BusyWork && t.status.is_open();
        assert_eq!(listed, open_busy, "{}:\n{out}", t.id);
    }
    assert!(out.contains("(align link T-123 retention/churn)"), "{out}");
}

#[test]
fn check_rejects_a_limit_over_100() {
    let dir = demo_dir();
    for limit in ["150", "-5"] {
        align_in(dir.path())
            .args(["check", "--max-busy", limit])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("must be 0..100"));
    }
}

// --- link / unlink -------------------------------------------------------------------

#[test]
fn link_adds_one_line_and_unlink_restores_the_file_exactly() {
    let dir = demo_dir();
    let original = demo_text();
    // T-123 has no goals: a goals line is added.
    let out = run(dir.path(), &["link", "T-123", "retention"], 0);
    assert!(out.contains("linked T-123"), "{out}");
    let linked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(&original, &linked), "{linked}");
    assert_eq!(linked.lines().count(), original.lines().count() + 1);
    assert!(linked.contains("goals = [\"retention\"]"));
    let json: Value =
        serde_json::from_str(&run(dir.path(), &["score", "--format", "json"], 0)).unwrap();
    let t = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "T-123")
        .unwrap();
    assert_eq!(t["goals"], serde_json::json!(["retention"]));
    assert_ne!(t["class"], "busy-work");

    run(dir.path(), &["unlink", "T-123", "retention"], 0);
    assert_eq!(file(dir.path()), original.as_bytes());
}

#[test]
fn link_into_an_existing_array_changes_that_line_only() {
    let dir = demo_dir();
    let original = demo_text();
    run(dir.path(), &["link", "T-101", "activation"], 0);
    let linked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(&original, &linked));
    assert_eq!(linked.lines().count(), original.lines().count());
    assert!(linked.contains("goals = [\"activation/first-label-24h\", \"activation\"]"));
    run(dir.path(), &["unlink", "T-101", "activation"], 0);
    assert_eq!(file(dir.path()), original.as_bytes());

    // Unlinking an original link changes one line too.
    run(dir.path(), &["unlink", "T-108", "grow-shops"], 0);
    let unlinked = String::from_utf8(file(dir.path())).unwrap();
    assert!(one_line_apart(&original, &unlinked));
    assert!(unlinked.contains("goals = [\"retention/nps\"]"));
    run(dir.path(), &["link", "T-108", "grow-shops"], 0);
    assert!(align_core::load(&dir.path().join("align.toml")).is_ok());
}

#[test]
fn linking_an_already_linked_goal_is_a_no_op() {
    let dir = demo_dir();
    let before = file(dir.path());
    let out = run(
        dir.path(),
        &["link", "T-101", "activation/first-label-24h"],
        0,
    );
    assert!(out.contains("already linked"), "{out}");
    assert_eq!(file(dir.path()), before);
    let out = run(dir.path(), &["unlink", "T-123", "retention"], 0);
    assert!(out.contains("not linked"), "{out}");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn unknown_goal_or_task_exits_2_and_leaves_the_file_alone() {
    let dir = demo_dir();
    let before = file(dir.path());
    let err = stderr_of(dir.path(), &["link", "T-123", "retension"], 2);
    assert!(
        err.contains("unknown goal \"retension\" (did you mean \"retention\"?)"),
        "{err}"
    );
    let err = stderr_of(dir.path(), &["unlink", "T-101", "activaton"], 2);
    assert!(err.contains("did you mean \"activation\"?"), "{err}");
    let err = stderr_of(dir.path(), &["link", "T-1234", "retention"], 2);
    assert!(err.contains("unknown task \"T-1234\""), "{err}");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn a_workspace_with_an_error_is_never_written() {
    let dir = demo_dir();
    let broken = format!(
        "{}\n[[tasks]]\nid = \"T-999\"\ntitle = \"Typo\"\ngoals = [\"retension\"]\n",
        demo_text()
    );
    fs::write(dir.path().join("align.toml"), &broken).unwrap();
    let err = stderr_of(dir.path(), &["link", "T-123", "retention"], 2);
    assert!(err.contains("error: align.toml:"), "{err}");
    assert!(err.contains("did you mean \"retention\"?"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    stderr_of(
        dir.path(),
        &["unlink", "T-101", "activation/first-label-24h"],
        2,
    );
    assert_eq!(file(dir.path()), broken.as_bytes());
}

// --- init ----------------------------------------------------------------------------

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"], 0);
    assert!(out.contains("align.toml"), "{out}");
    let path = dir.path().join("align.toml");
    let written = fs::read(&path).unwrap();
    assert!(align_core::load(&path).is_ok());
    run(dir.path(), &["score"], 0);

    fs::write(&path, b"# mine\n").unwrap();
    let err = stderr_of(dir.path(), &["init"], 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"# mine\n");
    assert!(!written.is_empty());
}

#[test]
fn demo_is_read_on_the_day_its_story_is_set_unless_today_says_otherwise() {
    let empty = tempfile::tempdir().unwrap();
    // No --today: the real date does not matter, the demo is read as of 2026-11-25.
    let out = stdout_as_given(empty.path(), &["demo"], 0);
    assert!(
        out.contains("31 tasks: 12 aligned, 5 partial, 4 operational, 10 busy-work"),
        "{out}"
    );
    // Another day, another story: weeks later some goals are past due.
    let later = stdout_as_given(empty.path(), &["demo", "--today", "2027-01-15"], 0);
    assert!(!later.contains("12 aligned, 5 partial"), "{later}");
}

#[test]
fn init_dates_the_starter_from_today_so_nothing_starts_stale() {
    let dir = tempfile::tempdir().unwrap();
    for today in ["2026-11-25", "2029-07-04"] {
        let path = dir.path().join(format!("{today}.toml"));
        let out = stdout_as_given(
            dir.path(),
            &["init", path.to_str().unwrap(), "--today", today],
            0,
        );
        // Not ./align.toml: `align score` would not find it, so the next step names it.
        assert!(
            out.contains(&format!("`align -w {} score`", path.display())),
            "{out}"
        );
        let json = stdout_as_given(
            dir.path(),
            &[
                "-w",
                path.to_str().unwrap(),
                "--today",
                today,
                "score",
                "--format",
                "json",
            ],
            0,
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        for g in v["goals"].as_array().unwrap() {
            assert_eq!(g["stale"], false, "{today}: {g}");
        }
        let classes: Vec<&str> = v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["class"].as_str().unwrap())
            .collect();
        assert_eq!(
            classes.iter().filter(|c| **c == "aligned").count(),
            2,
            "{today}: {classes:?}"
        );
    }
    // In the current directory, under the name `align score` finds, it says just that.
    let out = run(dir.path(), &["init"], 0);
    assert!(out.contains("`align score`"), "{out}");
}

#[test]
fn init_into_a_directory_writes_align_toml_there() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("team")).unwrap();
    run(dir.path(), &["init", "team"], 0);
    let path = dir.path().join("team/align.toml");
    assert!(align_core::load(&path).is_ok());
    assert!(!dir.path().join("align.toml").exists());
    let before = fs::read(&path).unwrap();
    stderr_of(dir.path(), &["init", "team"], 2);
    assert_eq!(fs::read(&path).unwrap(), before);
}

// --- completions, man, version, help -------------------------------------------------

#[test]
fn completions_for_every_shell() {
    let dir = demo_dir();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(dir.path(), &["completions", shell], 0);
        assert!(out.contains("align"), "{shell}");
        for sub in ["score", "explain", "compare", "check", "link", "unlink"] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
    }
    align_in(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff() {
    let dir = demo_dir();
    let out = run(dir.path(), &["man"], 0);
    assert!(out.contains(".TH align"), "{out}");
    assert!(out.contains("workspace"));
}

#[test]
fn version_and_help() {
    let dir = demo_dir();
    align_in(dir.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("align {}\n", env!("CARGO_PKG_VERSION")));
    let help = align_in(dir.path())
        .arg("--help")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).unwrap();
    for word in [
        "demo",
        "init",
        "score",
        "explain",
        "compare",
        "check",
        "link",
        "unlink",
        "completions",
        "--workspace",
        "--today",
        "--no-color",
        "Exit codes",
    ] {
        assert!(help.contains(word), "help lacks {word}:\n{help}");
    }
    align_in(dir.path()).arg("--nonsense").assert().code(2);
}

// --- workspace discovery -------------------------------------------------------------

#[test]
fn workspace_flag_works_before_and_after_the_subcommand() {
    let dir = demo_dir();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    let path = path.to_str().unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    assert_eq!(
        run(
            elsewhere.path(),
            &["-w", path, "score", "--format", "json"],
            0
        ),
        expected
    );
    assert_eq!(
        run(
            elsewhere.path(),
            &["score", "--format", "json", "-w", path],
            0
        ),
        expected
    );
    assert_eq!(
        run(
            elsewhere.path(),
            &["score", "--format", "json", "--workspace", path],
            0
        ),
        expected
    );
}

#[test]
fn align_workspace_variable_names_the_workspace() {
    let dir = demo_dir();
    let elsewhere = tempfile::tempdir().unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    let out = align_in(elsewhere.path())
        .env("ALIGN_WORKSPACE", dir.path().join("align.toml"))
        .args(["score", "--format", "json", "--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn a_nested_directory_finds_the_nearest_align_toml_upwards() {
    let dir = demo_dir();
    let nested: PathBuf = dir.path().join("src/deep");
    fs::create_dir_all(&nested).unwrap();
    let expected = run(dir.path(), &["score", "--format", "json"], 0);
    assert_eq!(run(&nested, &["score", "--format", "json"], 0), expected);
    // Edits from below land in the same file.
    run(&nested, &["link", "T-123", "retention"], 0);
    assert!(
        String::from_utf8(file(dir.path()))
            .unwrap()
            .contains("goals = [\"retention\"]")
    );
}

#[test]
fn no_workspace_exits_2_and_points_at_align_init() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["score"][..], &["explain", "T-1"], &["compare"], &[]] {
        let err = stderr_of(empty.path(), args, 2);
        assert!(err.contains("align init"), "{args:?}: {err}");
    }
}

// --- determinism, colour, width ------------------------------------------------------

#[test]
fn today_makes_the_output_reproducible() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["score", "--format", "json"],
        &["score", "--format", "csv"],
        &["explain", "T-101"],
        &["compare"],
        &["compare", "--format", "json"],
        &["check", "--max-busy", "50"],
    ] {
        let a = run(dir.path(), args, 0);
        let b = run(dir.path(), args, 0);
        assert_eq!(a, b, "{args:?}");
    }
    let later = align_in(dir.path())
        .args(["score", "--format", "json", "--today", "2027-01-15"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_ne!(
        String::from_utf8(later).unwrap(),
        run(dir.path(), &["score", "--format", "json"], 0)
    );
}

fn colored(dir: &Path, args: &[&str], no_color_env: bool) -> String {
    let mut cmd = align_in(dir);
    cmd.env("CLICOLOR_FORCE", "1").env("COLUMNS", "200");
    if !no_color_env {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn no_color_flag_and_variable_print_no_escapes() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["explain", "T-123"],
        &["compare"],
        &["check", "--max-busy", "90"],
    ] {
        let flagged: Vec<&str> = args.iter().copied().chain(["--no-color"]).collect();
        assert!(
            !colored(dir.path(), &flagged, false).contains('\x1b'),
            "--no-color {args:?}"
        );
        assert!(
            !colored(dir.path(), args, true).contains('\x1b'),
            "NO_COLOR {args:?}"
        );
    }
}

#[test]
fn colour_carries_the_class() {
    let dir = demo_dir();
    let out = colored(dir.path(), &["score"], false);
    // Bold plus the class's colour, as anstyle renders it: green moves a goal, red does not.
    let expected = [
        ("T-103", "aligned", "\x1b[1m\x1b[32m"),
        ("T-116", "partial", "\x1b[1m\x1b[33m"),
        ("T-119", "operational", "\x1b[1m\x1b[34m"),
        ("T-127", "busy-work", "\x1b[1m\x1b[31m"),
    ];
    for (id, class, esc) in expected {
        let style = align::output::class_style(align_core::Class::parse(class).unwrap());
        assert_eq!(style.render().to_string(), esc);
        let row = out.lines().find(|l| l.starts_with(id)).unwrap();
        assert!(row.contains(&format!("{esc}{class}")), "{id}: {row:?}");
        assert!(row.contains("\x1b[0m"), "{row:?}");
    }
    let explain = colored(dir.path(), &["explain", "T-123"], false);
    assert!(
        explain.contains("\x1b[1m\x1b[31mbusy-work\x1b[0m"),
        "{explain:?}"
    );
}

fn assert_fits(out: &str, width: usize, what: &str) {
    for line in out.lines() {
        assert!(
            line.width() <= width,
            "{what}: {} cells > {width}: {line:?}",
            line.width()
        );
    }
}

#[test]
fn tables_fit_a_60_column_terminal() {
    let dir = demo_dir();
    for args in [
        &["score"][..],
        &["score", "--class", "busy-work"],
        &["score", "--class", "aligned"],
        &["compare"],
    ] {
        let out = align_in(dir.path())
            .env("COLUMNS", "60")
            .args(args)
            .args(["--today", TODAY])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert_fits(&out, 60, &format!("{args:?}"));
        // Still every task and row, still tagged.
        if args[0] == "score" && args.len() == 1 {
            for id in task_ids() {
                assert!(out.contains(&format!("{id} ")), "{id} lost at 60 columns");
            }
            assert!(out.contains("busy-work") && out.contains("aligned"));
        }
        if args[0] == "compare" {
            for f in FEATURES {
                assert!(out.contains(f), "{f} lost at 60 columns");
            }
        }
    }
    // Wide terminals keep every column.
    let wide = align_in(dir.path())
        .env("COLUMNS", "200")
        .args(["score", "--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let wide = String::from_utf8(wide).unwrap();
    assert!(wide.lines().next().unwrap().contains("DUE"));
    assert_fits(&wide, 200, "score at 200");
}

/// Output at `width` columns (COLUMNS, as in a pipe).
fn at_width(dir: &Path, width: usize, args: &[&str]) -> String {
    let out = align_in(dir)
        .env("COLUMNS", width.to_string())
        .args(args)
        .args(["--today", TODAY])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn narrow_terminals_down_to_20_columns_get_whole_words_and_every_row() {
    let dir = demo_dir();
    for width in [40, 30, 20] {
        for args in [
            &["score"][..],
            &["compare"],
            &["explain", "T-103"],
            &["explain", "T-124"],
        ] {
            let out = at_width(dir.path(), width, args);
            assert_fits(&out, width, &format!("{args:?} at {width}"));
            // Words are wrapped whole, never split: the seed's words stay intact.
            if args[0] == "compare" {
                for word in ["Organizational", "Operational", "milestones"] {
                    assert!(out.contains(word), "{word} split at {width}:\n{out}");
                }
                assert!(
                    out.lines()
                        .all(|l| !l.trim_start().starts_with("al impact")),
                    "{out}"
                );
                for f in FEATURES {
                    assert!(out.contains(f), "{f} lost at {width}");
                }
            }
        }
        let score = at_width(dir.path(), width, &["score"]);
        for id in task_ids() {
            assert!(score.contains(&format!("{id} ")), "{id} lost at {width}");
        }
        // A title too long for the line is wrapped in full, not cut.
        let words = score.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Dunning emails for failed card payments"),
            "{score}"
        );
        let explain = at_width(dir.path(), width, &["explain", "T-103"]);
        let words = explain.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words
                .contains("linked to active objective \"retention\" (Cut churn among small shops)"),
            "{explain}"
        );
    }
    // Below 20 the tables are laid out for 20, not for an unlimited width.
    let tiny = at_width(dir.path(), 10, &["score"]);
    assert_fits(&tiny, 20, "score at COLUMNS=10");
}
