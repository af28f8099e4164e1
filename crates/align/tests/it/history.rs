//! `align history` on real git repositories built here, commit by commit with fixed dates:
//! every point it prints equals `align score --today DATE` run on that commit's files,
//! for a team's directory and for a single file, by commit, day and week; outside a
//! repository it says so in one line. And `align report` in such a repository says how
//! its summary moved since the workspace as committed a week before. Skipped, with a
//! note, only where `git` is absent.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::common::{outcome, stdout_of};

fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: git is not installed: the history tests are skipped");
    }
    ok
}

/// `git ARGS` in `dir` with no config of the person's and the commit dated `date`.
fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let stamp = format!("{date}T12:00:00+00:00");
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Write `files` (path, text; empty text removes) under `repo` and commit them on `date`.
fn commit(repo: &Path, date: &str, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = repo.join(path);
        if text.is_empty() {
            let _ = std::fs::remove_file(&p);
        } else {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
        }
    }
    git(repo, &["add", "-A"], date);
    git(repo, &["commit", "-q", "-m", date], date);
}

fn goals(current: &str, checkins: &str, status: &str) -> String {
    format!(
        "version = 1\n[workspace]\nname = \"Team\"\nstale_after_days = 8\n\n\
         [[goals]]\nid = \"growth\"\ntitle = \"Grow\"\nstart = 2026-10-01\ndue = 2026-11-20\nstatus = \"{status}\"\n\n\
         [[goals.key_results]]\nid = \"kr1\"\ntitle = \"Signups\"\nstart = 0\ntarget = 100\ncurrent = {current}\n\
         checkins = [{checkins}]\n\n\
         [[goals]]\nid = \"ops\"\ntitle = \"Keep it running\"\nkind = \"operational\"\n\n\
         [[goals]]\nid = \"quality\"\ntitle = \"Fewer bugs\"\nstart = 2026-10-01\ndue = 2026-12-31\n\n\
         [[goals.key_results]]\nid = \"kr1\"\ntitle = \"Bugs\"\nstart = 40\ntarget = 10\ncurrent = 40\n"
    )
}

fn tasks(list: &[(&str, &str, &str)]) -> String {
    list.iter()
        .map(|(id, status, link)| {
            let done = if *status == "done" {
                "done = 2026-11-03\n"
            } else {
                ""
            };
            let goals = if link.is_empty() {
                String::new()
            } else {
                format!("goals = [\"{link}\"]\n")
            };
            format!("[[tasks]]\nid = \"{id}\"\ntitle = \"Task {id}\"\nstatus = \"{status}\"\n{done}{goals}effort = 2\n\n")
        })
        .collect()
}

/// A team's directory `team/` over six weeks: people's files, check-ins with confidence,
/// a goal closed with a grade, a commit elsewhere, another tool's `Cargo.toml`, and one
/// week in which the workspace did not load.
fn team_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2026-10-05");
    let g0 = goals("0", "", "active");
    commit(
        repo,
        "2026-10-05",
        &[("team/goals.toml", &g0), ("README.md", "hi\n")],
    );
    let dana1 = tasks(&[("T-1", "todo", "growth/kr1"), ("T-2", "doing", "")]);
    commit(repo, "2026-10-07", &[("team/dana.toml", &dana1)]);
    let sam1 = tasks(&[("T-3", "todo", "ops"), ("T-4", "todo", "quality")]);
    commit(
        repo,
        "2026-10-07",
        &[
            ("team/sam.toml", &sam1),
            ("team/Cargo.toml", "[package]\nname = \"x\"\n"),
        ],
    );
    commit(repo, "2026-10-13", &[("README.md", "hello\n")]);
    let g1 = goals(
        "30",
        "{ date = 2026-10-14, value = 30, confidence = 0.6 }",
        "active",
    );
    commit(repo, "2026-10-14", &[("team/goals.toml", &g1)]);
    commit(
        repo,
        "2026-10-21",
        &[("team/sam.toml", "[[tasks]\nid = broken\n")],
    );
    let sam2 = tasks(&[
        ("T-3", "done", "ops"),
        ("T-4", "doing", "quality"),
        ("T-5", "todo", ""),
    ]);
    commit(repo, "2026-10-28", &[("team/sam.toml", &sam2)]);
    let dana2 = tasks(&[("T-1", "done", "growth/kr1"), ("T-2", "todo", "growth")]);
    commit(repo, "2026-11-04", &[("team/dana.toml", &dana2)]);
    let g2 = goals(
        "70",
        "{ date = 2026-10-14, value = 30, confidence = 0.6 }, { date = 2026-11-05, value = 70, confidence = 0.8 }",
        "active",
    );
    commit(repo, "2026-11-05", &[("team/goals.toml", &g2)]);
    let g3 = g2.replace(
        "status = \"active\"",
        "status = \"achieved\"\ngrade = 0.7\nreview = \"good\"",
    );
    commit(
        repo,
        "2026-11-25",
        &[("team/goals.toml", &g3), ("team/Cargo.toml", "")],
    );
    dir
}

/// The figures of `align score --format json` as history prints a point's.
fn score_figures(score: &Value) -> Value {
    let tasks = score["tasks"].as_array().unwrap();
    let goals = score["goals"].as_array().unwrap();
    let open = tasks
        .iter()
        .filter(|t| t["status"] == "todo" || t["status"] == "doing")
        .count();
    let count = |flag: &str| goals.iter().filter(|g| g[flag] == true).count();
    let key_results: Vec<Value> = goals
        .iter()
        .flat_map(|g| {
            g["key_results"].as_array().unwrap().iter().map(move |k| {
                json!({
                    "id": format!("{}/{}", g["id"].as_str().unwrap(), k["id"].as_str().unwrap()),
                    "progress": k["progress"],
                    "confidence": k["confidence"],
                })
            })
        })
        .collect();
    json!({
        "open_tasks": open,
        "aligned_effort_pct": score["summary"]["aligned_effort_pct"],
        "busy_effort_pct": score["summary"]["busy_effort_pct"],
        "orphan_goals": count("orphan"),
        "stale_goals": count("stale"),
        "key_results": key_results,
    })
}

/// Check every point of `align history --every EVERY` on the workspace `ws` (relative to
/// `repo`) against `align score` on a copy of that commit's files; the points' dates.
fn check_points(repo: &Path, ws: &str, every: &str) -> Vec<String> {
    let out = stdout_of(
        repo,
        &["history", "-w", ws, "--every", every, "--format", "json"],
        0,
    );
    let history: Value = serde_json::from_str(&out).unwrap();
    let points = history["points"].as_array().unwrap();
    assert!(!points.is_empty());
    let mut dates = Vec::new();
    for p in points {
        let (commit, date) = (p["commit"].as_str().unwrap(), p["date"].as_str().unwrap());
        dates.push(date.to_string());
        let copy = tempfile::tempdir().unwrap();
        for path in git(repo, &["ls-tree", "-r", "--name-only", commit], date).lines() {
            let text = git(repo, &["show", &format!("{commit}:{path}")], date);
            let to = copy.path().join(path);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, text).unwrap();
        }
        let args = ["score", "-w", ws, "--format", "json", "--today", date];
        let run = outcome(copy.path(), &args);
        if let Some(error) = p.get("error") {
            assert_eq!(run.code, 2, "{p}");
            let first = run.stderr.lines().next().unwrap();
            assert!(
                first.ends_with(error.as_str().unwrap()),
                "{first} / {error}"
            );
            continue;
        }
        assert_eq!(run.code, 0, "{}", run.stderr);
        let score: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut point = p.clone();
        let obj = point.as_object_mut().unwrap();
        for key in ["date", "commit", "closed_goals"] {
            obj.remove(key);
        }
        assert_eq!(point, score_figures(&score), "at {commit} ({every} {date})");
    }
    dates
}

#[test]
fn every_point_is_what_score_says_of_that_commit_on_that_day() {
    if !have_git() {
        return;
    }
    let dir = team_repo();
    let repo = dir.path();
    // Every commit that touched team/ (not the README-only one).
    let commits = check_points(repo, "team", "commit");
    assert_eq!(commits.len(), 9, "{commits:?}");
    let days = check_points(repo, "team", "day");
    assert_eq!(days.len(), 8, "{days:?}");
    let weeks = check_points(repo, "team", "week");
    assert_eq!(
        weeks,
        [
            "2026-10-11",
            "2026-10-18",
            "2026-10-25",
            "2026-11-01",
            "2026-11-08",
            "2026-11-29"
        ]
    );
    let text = stdout_of(repo, &["history", "-w", "team", "--format", "json"], 0);
    let history: Value = serde_json::from_str(&text).unwrap();
    let points = history["points"].as_array().unwrap();
    assert!(points[2]["error"].as_str().unwrap().contains("sam.toml"));
    assert_eq!(
        points[5]["closed_goals"],
        // T-1 (effort 2) was done for it.
        json!([{ "id": "growth", "status": "achieved", "grade": 0.7, "done_tasks": 1, "done_effort": 2.0 }])
    );
    assert_eq!(points[4]["key_results"][0]["confidence"], 0.8);
    // The table says the same in words: the grade beside the effort it took.
    let wide = crate::common::align(repo)
        .args(["history", "-w", "team"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let table = String::from_utf8(wide.stdout).unwrap();
    assert!(table.contains("growth achieved 0.7 (effort 2)"), "{table}");
    // From a date or a revision on.
    let since = stdout_of(
        repo,
        &[
            "history",
            "-w",
            "team",
            "--since",
            "2026-11-01",
            "--format",
            "csv",
        ],
        0,
    );
    assert_eq!(since.lines().count(), 4, "{since}");
    assert!(since.starts_with("date,commit,open_tasks,"), "{since}");
    let first = git(repo, &["rev-list", "--max-parents=0", "HEAD"], "2026-10-05");
    let all = stdout_of(
        repo,
        &[
            "history",
            "-w",
            "team",
            "--since",
            first.trim(),
            "--every",
            "commit",
            "--format",
            "csv",
        ],
        0,
    );
    assert_eq!(all.lines().count(), 10, "{all}");
}

#[test]
fn a_single_file_has_its_history_too() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2026-10-05");
    let g = goals("10", "", "active");
    commit(
        repo,
        "2026-10-05",
        &[(
            "align.toml",
            &format!("{g}{}", tasks(&[("T-1", "todo", "growth")])),
        )],
    );
    commit(repo, "2026-10-06", &[("other.toml", "version = 1\n")]);
    let g = goals(
        "40",
        "{ date = 2026-10-20, value = 40, confidence = 0.5 }",
        "active",
    );
    commit(
        repo,
        "2026-10-20",
        &[(
            "align.toml",
            &format!(
                "{g}{}",
                tasks(&[("T-1", "done", "growth"), ("T-2", "todo", "")])
            ),
        )],
    );
    assert_eq!(
        check_points(repo, "align.toml", "commit"),
        ["2026-10-05", "2026-10-20"]
    );
    assert_eq!(check_points(repo, "align.toml", "week").len(), 2);
    let table = stdout_of(
        repo,
        &["history", "-w", "align.toml", "--today", "2026-10-20"],
        0,
    );
    assert!(table.contains("growth/kr1 40% c0.5"), "{table}");
    assert!(table.contains("2 points"), "{table}");
}

/// A team with a directory per person, as the loader reads one: each person's folder is
/// part of every point, a hidden folder and another team's workspace inside are not.
#[test]
fn a_directory_per_person_is_in_every_point() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2026-10-05");
    let other = "version = 1\n[workspace]\nname = \"Other team\"\n\n[[tasks]]\nid = \"O-1\"\ntitle = \"Theirs\"\n";
    commit(
        repo,
        "2026-10-05",
        &[
            ("team/goals.toml", &goals("0", "", "active")),
            (
                "team/ana/tasks.toml",
                &tasks(&[("A-1", "todo", "growth/kr1")]),
            ),
            (
                "team/.drafts/x.toml",
                "[[tasks]]\nid = \"X-1\"\ntitle = \"Draft\"\n",
            ),
            ("team/payments/workspace.toml", other),
        ],
    );
    commit(
        repo,
        "2026-10-13",
        &[(
            "team/bo/week/tasks.toml",
            &tasks(&[("B-1", "todo", ""), ("B-2", "doing", "quality")]),
        )],
    );
    commit(
        repo,
        "2026-10-20",
        &[(
            "team/ana/tasks.toml",
            &tasks(&[("A-1", "done", "growth/kr1")]),
        )],
    );
    assert_eq!(check_points(repo, "team", "commit").len(), 3);
    let text = stdout_of(repo, &["history", "-w", "team", "--format", "json"], 0);
    let history: Value = serde_json::from_str(&text).unwrap();
    let open: Vec<&Value> = history["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["open_tasks"])
        .collect();
    assert_eq!(open, [&json!(1), &json!(3), &json!(2)]);
    // Too narrow for the columns, each point is a record: its figures say what they are.
    let narrow = crate::common::align(repo)
        .args(["history", "-w", "team", "--today", "2026-10-25"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let table = String::from_utf8(narrow.stdout).unwrap();
    assert!(
        table.contains("  open 3  aligned 33.3%  busy 33.3%"),
        "{table}"
    );
    assert!(table.contains("orphan 2  stale 2"), "{table}");
}

/// A one-file workspace large enough to be read in pieces reused from one version to
/// the next: a check-in near the top (every later piece moves), a task finished in the
/// middle, a week the file is broken in the middle, a warning in one task, a task added
/// at the end — each point still what `score` says of that commit.
#[test]
fn a_large_single_file_reusing_its_pieces_is_scored_as_score_scores_it() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2026-10-05");
    let ids: Vec<String> = (0..2500).map(|i| format!("T-{i}")).collect();
    let list = |done: usize| -> Vec<(&str, &str, &str)> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                let status = if i < done { "done" } else { "todo" };
                let link = ["growth/kr1", "quality", "", "ops"][i % 4];
                (id.as_str(), status, link)
            })
            .collect()
    };
    let file = |g: &str, t: String| format!("{g}\n{t}");
    let g0 = goals("0", "", "active");
    let v1 = file(&g0, tasks(&list(0)));
    assert!(v1.len() > 200_000, "{}", v1.len());
    commit(repo, "2026-10-05", &[("align.toml", &v1)]);
    let g1 = goals(
        "30",
        "{ date = 2026-10-14, value = 30, confidence = 0.6 }",
        "active",
    );
    let v2 = file(&g1, tasks(&list(1300)));
    commit(repo, "2026-10-14", &[("align.toml", &v2)]);
    let middle = v2.find("id = \"T-1800\"").unwrap();
    let broken = format!("{}[[tasks]\nid = broken\n{}", &v2[..middle], &v2[middle..]);
    commit(repo, "2026-10-21", &[("align.toml", &broken)]);
    let warned = v2.replacen("id = \"T-1900\"", "id = \"T-1900\"\ncolour = \"red\"", 1);
    commit(repo, "2026-10-28", &[("align.toml", &warned)]);
    let longer = format!("{warned}{}", tasks(&[("T-NEW", "doing", "growth/kr1")]));
    commit(repo, "2026-11-04", &[("align.toml", &longer)]);
    let dates = check_points(repo, "align.toml", "commit");
    assert_eq!(dates.len(), 5, "{dates:?}");
    let text = stdout_of(
        repo,
        &["history", "-w", "align.toml", "--format", "json"],
        0,
    );
    let history: Value = serde_json::from_str(&text).unwrap();
    let points = history["points"].as_array().unwrap();
    assert!(points[2]["error"].is_string(), "{}", points[2]);
    assert_eq!(points[1]["open_tasks"], 1200);
    assert_eq!(points[4]["open_tasks"], 1201);
}

#[test]
fn outside_a_repository_history_says_so_in_one_line() {
    if !have_git() {
        return;
    }
    let dir = crate::common::dir_with("align.toml", "version = 1\n");
    let run = outcome(dir.path(), &["history"]).exited(2, &["history"]);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    git(dir.path(), &["init", "-q"], "2026-10-05");
    let run = outcome(dir.path(), &["history", "--since", "nope"]).exited(2, &[]);
    assert!(run.stderr.contains("neither a date"), "{}", run.stderr);
}

/// `(aligned_effort_pct, busy_effort_pct)` of `align score` on `text` as of `day`,
/// outside any repository.
fn shares(text: &str, day: &str) -> (f64, f64) {
    let dir = crate::common::dir_with("align.toml", text);
    let out = stdout_of(
        dir.path(),
        &["score", "--format", "json", "--today", day],
        0,
    );
    let score: Value = serde_json::from_str(&out).unwrap();
    let pct = |k: &str| score["summary"][k].as_f64().unwrap();
    (pct("aligned_effort_pct"), pct("busy_effort_pct"))
}

/// A change as the report says it: an arrow and the points, one decimal at most.
fn points(now: f64, then: f64) -> String {
    let d = ((now - then) * 10.0).round() / 10.0;
    match d {
        d if d > 0.0 => format!("↑{d} pts"),
        d if d < 0.0 => format!("↓{} pts", -d),
        _ => "±0 pts".to_string(),
    }
}

#[test]
fn the_report_says_how_its_summary_moved_since_last_week_from_git() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2026-11-02");
    let g = goals("0", "", "active");
    let before = format!(
        "{g}\n{}",
        tasks(&[
            ("T-1", "todo", ""),
            ("T-2", "todo", ""),
            ("T-3", "todo", "quality/kr1")
        ])
    );
    commit(repo, "2026-11-02", &[("align.toml", &before)]);
    let first = git(repo, &["rev-parse", "HEAD"], "2026-11-02");
    let after = format!(
        "{g}\n{}",
        tasks(&[
            ("T-1", "todo", "quality/kr1"),
            ("T-2", "todo", ""),
            ("T-3", "todo", "quality/kr1"),
            ("T-4", "todo", ""),
        ])
    );
    commit(repo, "2026-11-20", &[("align.toml", &after)]);
    // A week before 2026-11-25 is 2026-11-18: the first commit is the workspace then.
    let then = shares(&before, "2026-11-18");
    let now = shares(&after, "2026-11-25");
    assert_ne!(then, now, "the test needs the shares to move");
    let report = stdout_of(repo, &["report", "--today", "2026-11-25"], 0);
    for said in [
        "· since last week: tasks ↑1, effort ↑2".to_string(),
        format!(
            "· since last week: aligned {}, busy-work {}",
            points(now.0, then.0),
            points(now.1, then.1)
        ),
        // The growth goal ended on 2026-11-20: no longer stale nor orphan, but ended.
        "· since last week: stale ↓1, orphans ↓1, ended ↑1".to_string(),
        format!(
            "against the workspace as committed on or before 2026-11-18 (commit {}), scored as of 2026-11-18",
            &first[..8]
        ),
    ] {
        assert!(report.contains(&said), "{said}\n{report}");
    }
    let html = stdout_of(
        repo,
        &["report", "--format", "html", "--today", "2026-11-25"],
        0,
    );
    assert!(html.contains("since last week: tasks ↑1"), "{html}");
    // Before the first commit is a week old: said in one line, no changes.
    let early = stdout_of(repo, &["report", "--today", "2026-11-05"], 0);
    assert!(
        early.contains("Since last week (2026-10-29): nothing to compare with: no commit of the workspace is that old yet."),
        "{early}"
    );
    assert!(!early.contains("· since last week"), "{early}");
    // Outside git the report says nothing of last week.
    let outside = crate::common::dir_with("align.toml", &after);
    let plain = stdout_of(outside.path(), &["report", "--today", "2026-11-25"], 0);
    assert!(!plain.to_lowercase().contains("since last week"), "{plain}");
}
