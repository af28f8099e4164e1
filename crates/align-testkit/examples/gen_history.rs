//! Writes a year of a team's workspace history as a `git fast-import` stream, to time
//! `align history` (benches/history.sh):
//!
//! ```sh
//! git init -q repo && cd repo
//! cargo run --release -p align-testkit --example gen_history -- --tasks 10000 | git fast-import --quiet
//! git checkout -q main && align history -w team
//! ```
//!
//! The directory `team/` holds `goals.toml` (the workspace, 20 goals with two key results
//! each) and ten people's files sharing `--tasks` tasks. Each of 52 weeks has three
//! commits: the goals' weekly check-ins, then two people's files with the tasks finished
//! that week (so most files are unchanged from one week to the next, as in a real team).
//! `--single` writes everything as one `align.toml` instead, changed by every commit.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::{Days, NaiveDate};

const PEOPLE: usize = 10;
const GOALS: usize = 20;
const WEEKS: u64 = 52;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default()
}

fn goals(week: u64) -> String {
    let mut s = String::from(
        "version = 1\n\n[workspace]\nname = \"Generated team\"\nstale_after_days = 14\n",
    );
    for g in 0..GOALS {
        let _ = write!(
            s,
            "\n[[goals]]\nid = \"g{g}\"\ntitle = \"Goal {g}: grow the business\"\nweight = {}\nstart = 2025-12-01\ndue = 2026-11-30\n",
            1 + g % 5
        );
        for k in 1..=2 {
            let now = week as f64 * 1.5 + g as f64 % 7.0;
            let _ = write!(
                s,
                "\n[[goals.key_results]]\nid = \"kr{k}\"\ntitle = \"Key result {k} of goal {g}\"\nstart = 0\ntarget = 100\ncurrent = {now}\ncheckins = [\n"
            );
            for w in 0..=week {
                let day = start() + Days::new(w * 7 + 1);
                let _ = writeln!(
                    s,
                    "  {{ date = {day}, value = {}, confidence = 0.{} }},",
                    w as f64 * 1.5 + g as f64 % 7.0,
                    5 + (w + g as u64) % 4
                );
            }
            s.push_str("]\n");
        }
    }
    s
}

fn tasks(person: usize, per: usize, week: u64) -> String {
    let mut s = String::new();
    for i in 0..per {
        let finished_in = ((i * 7919 + person * 31) % per) as u64 * WEEKS * 3 / 2 / per as u64;
        let status = if finished_in <= week {
            "done"
        } else if i % 5 == 0 {
            "doing"
        } else {
            "todo"
        };
        let _ = write!(
            s,
            "[[tasks]]\nid = \"T-{person}-{i}\"\ntitle = \"Task {i} of person {person}: ship the next step\"\nstatus = \"{status}\"\neffort = {}\nowner = \"p{person}\"\n",
            1 + i % 5
        );
        if status == "done" {
            let _ = writeln!(s, "done = {}", start() + Days::new(finished_in * 7 + 2));
        }
        if i % 5 < 3 {
            let _ = writeln!(s, "goals = [\"g{}/kr{}\"]", i % GOALS, 1 + i % 2);
        }
        s.push('\n');
    }
    s
}

fn file(out: &mut Vec<u8>, path: &str, text: &str) {
    let _ = write!(out, "M 100644 inline {path}\ndata {}\n", text.len());
    out.extend_from_slice(text.as_bytes());
    out.push(b'\n');
}

fn commit(out: &mut Vec<u8>, when: NaiveDate, message: &str, files: &[(String, String)]) {
    let stamp = when
        .and_hms_opt(12, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    let _ = write!(
        out,
        "commit refs/heads/main\ncommitter Gen <gen@localhost> {stamp} +0000\ndata {}\n{message}\n",
        message.len()
    );
    for (path, text) in files {
        file(out, path, text);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let tasks_total: usize = args
        .iter()
        .position(|a| a == "--tasks")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let single = args.iter().any(|a| a == "--single");
    let per = tasks_total.div_ceil(PEOPLE);
    let mut seen = [0u64; PEOPLE];
    let mut out = Vec::new();
    for week in 0..WEEKS {
        let monday = start() + Days::new(week * 7);
        let changed = [
            (week as usize * 2) % PEOPLE,
            (week as usize * 2 + 1) % PEOPLE,
        ];
        for p in changed {
            seen[p] = week;
        }
        if single {
            let mut text = goals(week);
            for (p, w) in seen.iter().enumerate() {
                text.push('\n');
                text.push_str(&tasks(p, per, *w));
            }
            for (n, day) in [1, 2, 3].into_iter().enumerate() {
                let files = [("align.toml".to_string(), text.clone())];
                commit(
                    &mut out,
                    monday + Days::new(day),
                    &format!("week {week} part {n}"),
                    &files,
                );
            }
            continue;
        }
        let mut first = vec![("team/goals.toml".to_string(), goals(week))];
        if week == 0 {
            for p in 0..PEOPLE {
                first.push((format!("team/p{p}.toml"), tasks(p, per, 0)));
            }
        }
        commit(
            &mut out,
            monday + Days::new(1),
            &format!("week {week}: check-ins"),
            &first,
        );
        for (n, p) in changed.into_iter().enumerate() {
            let files = [(format!("team/p{p}.toml"), tasks(p, per, week))];
            commit(
                &mut out,
                monday + Days::new(2 + n as u64),
                &format!("week {week}: p{p}"),
                &files,
            );
        }
    }
    let _ = std::io::stdout().write_all(&out);
}
