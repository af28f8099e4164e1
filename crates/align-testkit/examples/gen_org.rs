//! Writes an organisation for benchmarks of `align rollup` (BENCHMARKS.md "Teams"):
//!
//! ```sh
//! cargo run --release -p align-testkit --example gen_org -- --teams 50 --tasks 2000 org
//! align rollup org
//! ```
//!
//! `org/company/goals.toml` holds 20 company goals with `kr1` and `kr2`; each
//! `org/teamN/` holds `workspace.toml` (`upstream = ["../company"]`, 20 goals with `kr1`
//! and `kr2`, each under a company goal) and ten people's files sharing `--tasks` tasks:
//! most linked to a team key result, some straight to a company key result, one in ten
//! unlinked, a quarter done. Deterministic: the same arguments write the same files.

use std::path::Path;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let teams = arg(&args, "--teams", 50);
    let tasks = arg(&args, "--tasks", 2000);
    let Some(dir) = args
        .iter()
        .skip(1)
        .rev()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
    else {
        eprintln!("usage: gen_org [--teams N] [--tasks N] DIR");
        std::process::exit(2);
    };
    if let Err(e) = align_testkit::organisation::write(Path::new(dir), teams, tasks) {
        eprintln!("error: {dir}: {e}");
        std::process::exit(2);
    }
}
