//! A generated organisation, for the benchmarks and tests of `align rollup` and the board
//! on an organisation (BENCHMARKS.md "Teams"): `company/goals.toml` holds 20 company
//! goals with `kr1` and `kr2`; each `teamN/` holds `workspace.toml`
//! (`upstream = ["../company"]`, 20 goals with `kr1` and `kr2`, each under a company goal)
//! and ten people's files sharing the team's tasks: most linked to a team key result,
//! some straight to a company key result, one in ten unlinked, a quarter done.
//! Deterministic: the same arguments give the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const GOALS: usize = 20;
const PEOPLE: usize = 10;

fn key_results(s: &mut String, g: usize) {
    for k in 1..=2 {
        let _ = write!(
            s,
            "  [[goals.key_results]]\n  id = \"kr{k}\"\n  title = \"Measure {k} of goal {g}\"\n  start = 0\n  target = 100\n  current = {}\n",
            (g * 7 + k * 13) % 100
        );
    }
}

/// The organisation's files (paths relative to its directory) and their text: `teams`
/// teams of `tasks` tasks each.
pub fn files(teams: usize, tasks: usize) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
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
    files.push((PathBuf::from("company/goals.toml"), company));
    for t in 0..teams {
        let team = PathBuf::from(format!("team{t}"));
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
        files.push((team.join("workspace.toml"), ws));
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
            files.push((team.join(format!("person{p}.toml")), s));
        }
    }
    files
}

/// Write the organisation of [`files`] under `root`.
pub fn write(root: &Path, teams: usize, tasks: usize) -> std::io::Result<()> {
    for (path, text) in files(teams, tasks) {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
