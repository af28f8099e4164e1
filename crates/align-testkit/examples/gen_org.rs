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

use std::fmt::Write as _;
use std::path::Path;

const GOALS: usize = 20;
const PEOPLE: usize = 10;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn key_results(s: &mut String, g: usize) {
    for k in 1..=2 {
        let _ = write!(
            s,
            "  [[goals.key_results]]\n  id = \"kr{k}\"\n  title = \"Measure {k} of goal {g}\"\n  start = 0\n  target = 100\n  current = {}\n",
            (g * 7 + k * 13) % 100
        );
    }
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
        .and_then(|()| std::fs::write(path, text))
    {
        eprintln!("error: {}: {e}", path.display());
        std::process::exit(2);
    }
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
    let root = Path::new(dir);
    let mut company = String::from(
        "version = 1\n\n[workspace]\nname = \"Generated company\"\nkey = \"company\"\nmission = \"Benchmark align on an organisation\"\n",
    );
    for g in 0..GOALS {
        let _ = write!(
            company,
            "\n[[goals]]\nid = \"g{g}\"\ntitle = \"Company goal {g}\"\nweight = {}\n",
            1 + g % 5
        );
        key_results(&mut company, g);
    }
    write(&root.join("company/goals.toml"), &company);
    for t in 0..teams {
        let team = root.join(format!("team{t}"));
        let mut ws = format!(
            "version = 1\n\n[workspace]\nname = \"Team {t}\"\nupstream = [\"../company\"]\n"
        );
        for g in 0..GOALS {
            let _ = write!(
                ws,
                "\n[[goals]]\nid = \"t{g}\"\ntitle = \"Team {t} goal {g}\"\nparent = \"company:g{}\"\n",
                (g + t) % GOALS
            );
            key_results(&mut ws, g);
        }
        write(&team.join("workspace.toml"), &ws);
        for p in 0..PEOPLE {
            let mut s = String::new();
            for i in (p..tasks).step_by(PEOPLE) {
                let link = match i % 10 {
                    0 => String::new(),
                    1 => format!("goals = [\"company:g{}/kr1\"]\n", i % GOALS),
                    _ => format!("goals = [\"t{}/kr{}\"]\n", i % GOALS, 1 + i % 2),
                };
                let status = if i % 4 == 0 {
                    "status = \"done\"\ndone = 2026-10-15\n"
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task {i} of team {t}\"\neffort = {}\nowner = \"person{p}\"\n{status}{link}\n",
                    1 + i % 5
                );
            }
            write(&team.join(format!("person{p}.toml")), &s);
        }
    }
}
