//! `align compare`: the six rows of strategy against task completion, with the seed's
//! words and the workspace's figures, as a table, JSON and Markdown.

use serde_json::Value;

use crate::common::{TODAY, demo_dir, run};

pub const FEATURES: [&str; 6] = [
    "Primary objective",
    "Success metric",
    "Decision basis",
    "Employee autonomy",
    "Risk factor",
    "Time horizon",
];

/// The seed's words, strategy side then task side, row by row.
pub const SEED_WORDS: [(&str, &str); 6] = [
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
