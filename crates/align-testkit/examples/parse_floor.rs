//! The floor for benchmarks: a bare typed `toml::from_str` of a workspace file into
//! plain serde structs — the least work any TOML-based tool must do to read it.
//! `cargo run --release -p align-testkit --example parse_floor -- big.toml`

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    version: i64,
    workspace: Option<toml::Table>,
    #[serde(default)]
    goals: Vec<Goal>,
    #[serde(default)]
    tasks: Vec<Task>,
}

#[derive(Deserialize)]
struct Goal {
    id: String,
    title: String,
    kind: Option<String>,
    parent: Option<String>,
    weight: Option<i64>,
    horizon: Option<String>,
    start: Option<toml::value::Datetime>,
    due: Option<toml::value::Datetime>,
    status: Option<String>,
    owner: Option<String>,
    #[serde(default)]
    key_results: Vec<KeyResult>,
}

#[derive(Deserialize)]
struct KeyResult {
    id: String,
    title: String,
    unit: Option<String>,
    start: Option<f64>,
    target: f64,
    current: Option<f64>,
    #[serde(default)]
    checkins: Vec<Checkin>,
}

#[derive(Deserialize)]
struct Checkin {
    date: toml::value::Datetime,
    value: f64,
    confidence: Option<f64>,
    note: Option<String>,
}

#[derive(Deserialize)]
struct Task {
    id: String,
    title: String,
    status: Option<String>,
    #[serde(default)]
    goals: Vec<String>,
    impact: Option<i64>,
    effort: Option<f64>,
    due: Option<toml::value::Datetime>,
    done: Option<toml::value::Datetime>,
    urgent: Option<bool>,
    owner: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: Option<String>,
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_floor FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let file: File = toml::from_str(&text).expect("valid workspace");
    println!("{} goals, {} tasks", file.goals.len(), file.tasks.len());
}
