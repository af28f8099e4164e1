//! Writes the same deterministic issues as one tool's export, to time `align import` of
//! each against the others on the workspace `gen_workspace` writes:
//!
//! ```sh
//! cargo run --release -p align-testkit --example gen_import -- --tasks 20000 --tool jira > jira.csv
//! cargo run --release -p align-testkit --example gen_import -- --tasks 20000 --tool jira-current > jira-current.csv
//! cargo run --release -p align-testkit --example gen_import -- --tasks 20000 --tool taskwarrior > tw.json
//! cargo run --release -p align-testkit --example gen_import -- --tasks 20000 --tool linear > linear.csv
//! ```
//!
//! Issue `n` is the same in every format: title, status (a third open, a sixth started,
//! a third done with a date, some dropped), two labels, a due date for one in three, a
//! priority, and a group — a goal id of the generated workspace (`g17`) for most, a name
//! that matches no goal for one in eight (so the notes are timed too). Jira's is its
//! Cloud export as the fixtures have it: the 44 columns of "Export CSV (all fields)", a
//! byte-order mark, CRLF, a description of several lines, the parent's summary naming the
//! group; `jira-current` is "Export CSV (current fields)" of a list view showing the 18
//! columns the import reads (no descriptions or comments). Linear's is its 30-column
//! export.

use std::fmt::Write as _;
use std::io::Write as _;

const VERBS: &[&str] = &[
    "Automate", "Fix", "Design", "Review", "Migrate", "Document", "Ship", "Test",
];
const OBJECTS: &[&str] = &[
    "dunning emails",
    "checkout flow",
    "onboarding checklist",
    "invoice export",
    "carrier rates",
    "churn survey",
    "pricing page",
    "search index",
];
const LABELS: &[&str] = &["billing", "growth", "infra", "support", "web", "mobile"];
const PEOPLE: &[&str] = &[
    "Ana Silva",
    "Ben Okafor",
    "Chen Wei",
    "Dana Ortiz",
    "Eli Haddad",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// One issue, in no tool's terms yet.
struct Issue {
    n: usize,
    title: String,
    /// 0 todo, 1 doing, 2 done, 3 dropped.
    stage: u8,
    /// (month, day) in 2026.
    done: (u32, u32),
    due: Option<(u32, u32)>,
    labels: [&'static str; 2],
    priority: u8,
    owner: &'static str,
    group: String,
}

fn issues(count: usize, goals: usize) -> Vec<Issue> {
    let mut rng = fastrand::Rng::with_seed(0x1A7A);
    (0..count)
        .map(|n| Issue {
            n,
            title: format!(
                "{} the {} ({n})",
                VERBS[rng.usize(..VERBS.len())],
                OBJECTS[rng.usize(..OBJECTS.len())]
            ),
            stage: [0, 0, 1, 2, 2, 3][rng.usize(..6)],
            done: (rng.u32(9..=11), rng.u32(1..=28)),
            due: (rng.u8(..3) == 0).then(|| (rng.u32(11..=12), rng.u32(1..=28))),
            labels: [
                LABELS[rng.usize(..LABELS.len())],
                LABELS[rng.usize(..LABELS.len())],
            ],
            priority: rng.u8(..5),
            owner: PEOPLE[rng.usize(..PEOPLE.len())],
            group: if rng.u8(..8) == 0 {
                format!("Side project {}", rng.usize(..50))
            } else {
                format!("g{}", rng.usize(..goals.max(1)))
            },
        })
        .collect()
}

fn taskwarrior(issues: &[Issue]) -> String {
    let mut out = String::from("[\n");
    for (i, t) in issues.iter().enumerate() {
        let status = ["pending", "pending", "completed", "deleted"][t.stage as usize];
        write!(
            out,
            "{{\"id\":{},\"description\":\"{}\",\"entry\":\"20261001T090000Z\",\"modified\":\"20261120T101500Z\",\"project\":\"{}\",\"status\":\"{status}\",\"tags\":[\"{}\",\"{}\"],\"uuid\":\"{:08x}-0b1d-4c1e-9a3b-{:012x}\",\"urgency\":4.2",
            t.n + 1,
            t.title,
            t.group,
            t.labels[0],
            t.labels[1],
            t.n,
            t.n
        )
        .unwrap();
        if t.stage == 1 {
            out.push_str(",\"start\":\"20261120T091500Z\"");
        }
        if t.stage >= 2 {
            write!(
                out,
                ",\"end\":\"2026{:02}{:02}T163000Z\"",
                t.done.0, t.done.1
            )
            .unwrap();
        }
        if let Some((m, d)) = t.due {
            write!(out, ",\"due\":\"2026{m:02}{d:02}T000000Z\"").unwrap();
        }
        out.push_str(match t.priority {
            0 => ",\"priority\":\"H\"",
            1 => ",\"priority\":\"M\"",
            2 => ",\"priority\":\"L\"",
            _ => "",
        });
        out.push('}');
        out.push_str(if i + 1 < issues.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

/// A CSV cell, quoted when it must be.
fn cell(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn row(out: &mut String, cells: &[&str], nl: &str) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c);
    }
    out.push_str(nl);
}

const JIRA_HEADER: &str = "Summary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Project type,Project lead,Project lead id,Project description,Priority,Resolution,Assignee,Assignee Id,Reporter,Reporter Id,Creator,Creator Id,Created,Updated,Last Viewed,Resolved,Fix versions,Due date,Votes,Labels,Labels,Description,Environment,Watchers,Watchers Id,Original estimate,Remaining Estimate,Time Spent,Custom field (Rank),Custom field (Story point estimate),Sprint,Comment,Comment,Parent,Parent summary,Status Category,Status Category Changed";

fn jira_date((m, d): (u32, u32), time: bool) -> String {
    let day = format!("{d:02}/{}/26", MONTHS[m as usize - 1]);
    if time { format!("{day} 4:05 PM") } else { day }
}

/// Jira Cloud's "Export CSV (current fields)" of a list view with the columns the import
/// reads.
const JIRA_CURRENT_HEADER: &str = "Issue Type,Issue key,Issue id,Summary,Assignee,Reporter,Priority,Status,Status Category,Resolution,Created,Updated,Resolved,Due date,Labels,Labels,Parent,Parent summary";

fn jira(issues: &[Issue], all_fields: bool) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(if all_fields {
        JIRA_HEADER
    } else {
        JIRA_CURRENT_HEADER
    });
    out.push_str("\r\n");
    for t in issues {
        let (status, category, resolution) = match t.stage {
            0 => ("To Do", "To Do", ""),
            1 => ("In Progress", "In Progress", ""),
            2 => ("Done", "Done", "Done"),
            _ => ("Done", "Done", "Won't Do"),
        };
        let resolved = if t.stage >= 2 {
            jira_date(t.done, true)
        } else {
            String::new()
        };
        let due = t.due.map(|d| jira_date(d, false)).unwrap_or_default();
        let priority = ["High", "Medium", "Low", "Highest", "Lowest"][t.priority as usize];
        let (key, id) = (format!("PAY-{}", t.n + 1), format!("{}", 100_000 + t.n));
        let description = format!(
            "As a shop owner I want {}.\n\nAcceptance: works for \"all\" carriers, tested on staging.",
            t.title.to_lowercase()
        );
        let rank = format!("0|i{:06}:", t.n);
        if !all_fields {
            row(
                &mut out,
                &[
                    "Story",
                    &key,
                    &id,
                    &t.title,
                    t.owner,
                    "Priya Nair",
                    priority,
                    status,
                    category,
                    resolution,
                    "02/Oct/26 9:14 AM",
                    "20/Nov/26 4:02 PM",
                    &resolved,
                    &due,
                    t.labels[0],
                    t.labels[1],
                    "10001",
                    &t.group,
                ],
                "\r\n",
            );
            continue;
        }
        row(
            &mut out,
            &[
                &t.title,
                &key,
                &id,
                "Story",
                status,
                "PAY",
                "Parcelwise",
                "software",
                "Maya Chen",
                "712020:4a1f0c2e-9b8d-4c6e-a1f2-3b4c5d6e7f80",
                "Parcelwise shipping app",
                priority,
                resolution,
                t.owner,
                "712020:5b2a1d3f-0c9e-4d7f-b2a3-4c5d6e7f8091",
                "Priya Nair",
                "5f8c9d0e1a2b3c4d5e6f7a8b",
                "Priya Nair",
                "5f8c9d0e1a2b3c4d5e6f7a8b",
                "02/Oct/26 9:14 AM",
                "20/Nov/26 4:02 PM",
                "",
                &resolved,
                "",
                &due,
                "0",
                t.labels[0],
                t.labels[1],
                &description,
                "",
                t.owner,
                "712020:5b2a1d3f-0c9e-4d7f-b2a3-4c5d6e7f8091",
                "",
                "",
                "",
                &rank,
                "3",
                "PAY Sprint 14",
                "18/Nov/26 3:30 PM;712020:4a1f0c2e-9b8d-4c6e-a1f2-3b4c5d6e7f80;Looked at it in planning.",
                "",
                "10001",
                &t.group,
                category,
                "20/Nov/26 4:02 PM",
            ],
            "\r\n",
        );
    }
    out
}

const LINEAR_HEADER: &str = "ID,Team,Title,Description,Status,Estimate,Priority,Project ID,Project,Creator,Assignee,Labels,Cycle Number,Cycle Name,Cycle Start,Cycle End,Created,Updated,Started,Triaged,Completed,Canceled,Archived,Due Date,Parent issue,Initiatives,Project Milestone ID,Project Milestone,SLA Status,Roadmaps";

fn linear(issues: &[Issue]) -> String {
    let mut out = String::from(LINEAR_HEADER);
    out.push('\n');
    for t in issues {
        let status = ["Todo", "In Progress", "Done", "Canceled"][t.stage as usize];
        let at = |(m, d): (u32, u32)| format!("2026-{m:02}-{d:02}T16:30:00.000Z");
        let started = if t.stage == 1 {
            at((11, 20))
        } else {
            String::new()
        };
        let completed = if t.stage == 2 {
            at(t.done)
        } else {
            String::new()
        };
        let canceled = if t.stage == 3 {
            at(t.done)
        } else {
            String::new()
        };
        let due = t
            .due
            .map(|(m, d)| format!("2026-{m:02}-{d:02}"))
            .unwrap_or_default();
        let priority = ["High", "Medium", "Low", "Urgent", "No priority"][t.priority as usize];
        let labels = format!("{}, {}", t.labels[0], t.labels[1]);
        row(
            &mut out,
            &[
                &format!("ENG-{}", t.n + 1),
                "Engineering",
                &t.title,
                "Queue it, then ship it.\nSee the spec.",
                status,
                "3",
                priority,
                "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                &t.group,
                "maya@parcelwise.com",
                t.owner,
                &labels,
                "14",
                "Cycle 14",
                "2026-11-16T00:00:00.000Z",
                "2026-11-30T00:00:00.000Z",
                "2026-10-02T09:14:00.000Z",
                "2026-11-20T16:02:00.000Z",
                &started,
                "",
                &completed,
                &canceled,
                "",
                &due,
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            "\n",
        );
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count = arg(&args, "--tasks")
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let goals = arg(&args, "--goals")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let issues = issues(count, goals);
    let out = match arg(&args, "--tool").unwrap_or("jira") {
        "taskwarrior" => taskwarrior(&issues),
        "jira" => jira(&issues, true),
        "jira-current" => jira(&issues, false),
        "linear" => linear(&issues),
        other => {
            eprintln!("error: --tool {other}: one of taskwarrior, jira, jira-current, linear");
            std::process::exit(2);
        }
    };
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
