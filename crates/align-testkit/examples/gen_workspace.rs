//! Writes a large, realistic, deterministic workspace for benchmarks:
//! `cargo run --release -p align-testkit --example gen_workspace -- --tasks 100000 --goals 1000 > big.toml`

use align_testkit::generate;

use std::io::Write as _;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let tasks = arg(&args, "--tasks", 10_000);
    let goals = arg(&args, "--goals", (tasks / 100).max(1));
    let out = generate::generate(tasks, goals);
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
