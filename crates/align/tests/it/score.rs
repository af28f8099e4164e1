//! `align score` (README "Commands"): the table, JSON and CSV with every key the spec names, the
//! class filter and the lens, and the bare `align` that prints the same table when no
//! terminal is there to open the board on.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{TODAY, align, crate_root, demo_dir, demo_workspace, outcome, run, task_ids};

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
    assert!(row("T-128").contains(" busy-work "));
    // The migration the top task waits on: enabling work, not busy-work.
    assert!(row("T-127").contains(" partial "));
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
    // Dependencies: the top task waits on the open migration, which waits on nothing.
    let t103 = tasks.iter().find(|t| t["id"] == "T-103").unwrap();
    assert_eq!(t103["depends"], serde_json::json!(["T-127"]));
    assert_eq!(t103["blocked"], true);
    let t127 = tasks.iter().find(|t| t["id"] == "T-127").unwrap();
    assert_eq!(t127["depends"], serde_json::json!([]));
    assert_eq!(t127["blocked"], false);
    assert_eq!(
        t127["path"],
        serde_json::json!(["T-103", "retention/kr1", "retention", "grow-shops"])
    );
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

    align(dir.path())
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

#[test]
fn extreme_finite_numbers_give_finite_progress_and_even_shares() {
    let r = outcome(
        crate_root(),
        &[
            "-w",
            "tests/fixtures/valid/extreme_key_result.toml",
            "--today",
            TODAY,
            "score",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["goals"][0]["progress"], 0.5);
    assert_eq!(json["summary"]["aligned_effort_pct"], 50.0);
    assert_eq!(json["summary"]["busy_effort_pct"], 50.0);
    let table = outcome(
        crate_root(),
        &[
            "-w",
            "tests/fixtures/valid/extreme_key_result.toml",
            "score",
        ],
    );
    assert!(!table.stdout.contains("NaN"), "{}", table.stdout);
    assert!(table.stdout.contains(" 50%"), "{}", table.stdout);
}

/// The ids `score --format json` lists with these flags.
fn listed(dir: &std::path::Path, flags: &[&str]) -> Vec<String> {
    let mut args = vec!["score", "--format", "json"];
    args.extend(flags);
    let doc: Value = serde_json::from_str(&run(dir, &args, 0)).unwrap();
    doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn score_status_owner_and_goal_flags_keep_only_those_tasks() {
    let dir = demo_dir();
    let ws = demo_workspace();
    let ids = |pred: &dyn Fn(&align_core::Task) -> bool| -> Vec<String> {
        ws.tasks
            .iter()
            .filter(|t| pred(t))
            .map(|t| t.id.clone())
            .collect()
    };
    use align_core::model::TaskStatus;
    // Default: every status.
    assert_eq!(listed(dir.path(), &[]), task_ids());
    let done = ids(&|t| t.status == TaskStatus::Done);
    assert!(!done.is_empty());
    assert_eq!(listed(dir.path(), &["--status", "done"]), done);
    // Repeatable: either status.
    let open = ids(&|t| t.status.is_open());
    assert_eq!(
        listed(dir.path(), &["--status", "todo", "--status", "doing"]),
        open
    );
    // Comma-separated, as the board's filter takes `status:todo,doing`: the same.
    assert_eq!(listed(dir.path(), &["--status", "todo,doing"]), open);
    assert_eq!(listed(dir.path(), &["--status=todo,doing"]), open);
    let maya = ids(&|t| t.owner.as_deref() == Some("maya"));
    assert!(!maya.is_empty() && maya.len() < task_ids().len());
    // Several owners (or goals): any of them, commas or the flag again.
    let maya_or_leo = ids(&|t| matches!(t.owner.as_deref(), Some("maya" | "leo")));
    assert!(maya_or_leo.len() > maya.len());
    assert_eq!(listed(dir.path(), &["--owner", "maya,leo"]), maya_or_leo);
    assert_eq!(
        listed(dir.path(), &["--owner", "maya", "--owner", "leo"]),
        maya_or_leo
    );
    let either = ids(&|t| {
        t.goals
            .iter()
            .any(|l| l.goal == "retention" || l.goal == "reliability")
    });
    assert_eq!(
        listed(dir.path(), &["--goal", "retention,reliability"]),
        either
    );
    assert_eq!(listed(dir.path(), &["--owner", "maya"]), maya);
    // Flags together: every one must hold.
    assert_eq!(
        listed(dir.path(), &["--owner", "maya", "--status", "done"]),
        ids(&|t| t.owner.as_deref() == Some("maya") && t.status == TaskStatus::Done)
    );
    // A goal: its own links, its key results' and its child goals'.
    let parent = ws
        .goals
        .iter()
        .find(|g| ws.goals.iter().any(|c| c.parent.as_deref() == Some(&g.id)))
        .unwrap();
    let under = align_core::query::goal_and_children(&ws, &parent.id);
    let expected = ids(&|t| t.goals.iter().any(|l| under.contains(&l.goal)));
    let direct = ids(&|t| t.goals.iter().any(|l| l.goal == parent.id));
    assert!(expected.len() > direct.len(), "children's tasks count too");
    assert_eq!(listed(dir.path(), &["--goal", &parent.id]), expected);
    // A key result: only its own links.
    let (g, k) = ws
        .goals
        .iter()
        .find_map(|g| g.key_results.first().map(|k| (g, k)))
        .unwrap();
    let kr = format!("{}/{}", g.id, k.id);
    assert_eq!(
        listed(dir.path(), &["--goal", &kr]),
        ids(&|t| t.goals.iter().any(|l| *l == kr))
    );
    // The table and CSV list the same tasks.
    let csv = run(
        dir.path(),
        &["score", "--format", "csv", "--owner", "maya"],
        0,
    );
    assert_eq!(csv.lines().count(), maya.len() + 1, "{csv}");
    let table = run(dir.path(), &["score", "--status", "done"], 0);
    for id in task_ids() {
        let row = table.lines().any(|l| l.starts_with(&format!("{id} ")));
        assert_eq!(row, done.contains(&id), "{id}:\n{table}");
    }
}

#[test]
fn score_flags_with_unknown_values_are_usage_errors() {
    let dir = demo_dir();
    let err = outcome(dir.path(), &["score", "--status", "finished"]);
    assert_eq!(err.code, 2, "{}", err.stderr);
    assert!(
        err.stderr.contains("todo, doing, done, dropped"),
        "{}",
        err.stderr
    );
    let err = outcome(dir.path(), &["score", "--goal", "retension"]);
    assert_eq!(err.code, 2, "{}", err.stderr);
    assert!(err.stderr.contains("retention"), "{}", err.stderr);
    // One wrong value among commas is as wrong as alone.
    let err = outcome(dir.path(), &["score", "--status", "todo,finished"]);
    assert_eq!(err.code, 2, "{}", err.stderr);
    assert!(err.stderr.contains("finished"), "{}", err.stderr);
    let err = outcome(dir.path(), &["score", "--goal", "retention,retension"]);
    assert_eq!(err.code, 2, "{}", err.stderr);
    assert!(err.stderr.contains("did you mean"), "{}", err.stderr);
}

#[test]
fn score_json_carries_owner_effort_due_and_parent() {
    let dir = demo_dir();
    let doc: Value =
        serde_json::from_str(&run(dir.path(), &["score", "--format", "json"], 0)).unwrap();
    let ws = demo_workspace();
    for (t, j) in ws.tasks.iter().zip(doc["tasks"].as_array().unwrap()) {
        assert_eq!(j["owner"].as_str(), t.owner.as_deref(), "{j}");
        assert_eq!(j["effort"].as_f64(), Some(t.effort), "{j}");
        assert_eq!(j["due"].as_str(), t.due.map(|d| d.to_string()).as_deref());
    }
    for (g, j) in ws.goals.iter().zip(doc["goals"].as_array().unwrap()) {
        assert_eq!(j["parent"].as_str(), g.parent.as_deref(), "{j}");
    }
    assert!(ws.goals.iter().any(|g| g.parent.is_some()));
}
