//! An organisation: many teams' workspaces, each in its own repository, whose goals
//! ladder up to the company's through `[workspace] upstream`. One team's board answers
//! "is what *we* are doing moving what matters?"; the organisation asks it of every team
//! at once — per company goal, which teams work on it and how much, which company goals
//! nobody serves, and how much of each team's effort is aligned or busy-work.
//!
//! Here the teams are found and loaded ([`Organisation::load`]); `rollup` turns them into
//! the roll-up that `align rollup` prints and the board's organisation view shows.

mod rollup;
#[cfg(test)]
mod tests;
pub mod view;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diag::{Diagnostic, LoadError, Severity};
use crate::load::upstream::canonical;
use crate::load::{Loaded, is_align_path, load};
use crate::model::{Lens, Workspace};
use crate::scoring::{Scoreboard, score_workspace};

pub use rollup::{Rollup, RollupGoal, TeamGoal, TeamSummary, TeamUnder, TeamView, rollup_of};

/// One team's workspace, loaded and scored.
#[derive(Debug)]
pub struct Team {
    /// Its key: how the organisation names its goals and tasks (`payments:T-101`).
    pub key: String,
    pub workspace: Workspace,
    pub scores: Scoreboard,
}

impl Team {
    /// The team as the roll-up reads it.
    pub fn view(&self) -> TeamView<'_> {
        TeamView {
            key: &self.key,
            workspace: &self.workspace,
            scores: &self.scores,
        }
    }
}

/// The teams of an organisation, and the workspaces they align to.
#[derive(Debug)]
pub struct Organisation {
    pub today: NaiveDate,
    pub teams: Vec<Team>,
    /// Warnings of every workspace loaded.
    pub warnings: Vec<Diagnostic>,
}

/// The separator between a team's key and its ids across teams: `payments:T-101`.
pub fn qualified(team: &str, id: &str) -> String {
    format!("{team}{}{id}", crate::load::upstream::KEY_SEPARATOR)
}

/// The workspaces named by `paths`: each path that is a workspace itself (a file, or a
/// directory with align files), else each of its sub-directories that holds `*.toml`
/// files (an organisation's directory: `company/`, `payments/`, `growth/`), by name.
pub fn workspaces_in(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() || has_toml(path) {
            out.push(path.clone());
            continue;
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_dir() && !hidden(p) && has_toml(p))
                    .collect()
            })
            .unwrap_or_default();
        subs.sort();
        if subs.is_empty() {
            out.push(path.clone()); // Loading it says what is wrong.
        }
        out.extend(subs);
    }
    out
}

/// Is `path` a directory an organisation's board opens on: no align file of its own,
/// and sub-directories that are workspaces?
pub fn is_organisation(path: &Path) -> bool {
    path.is_dir()
        && !has_toml(path)
        && workspaces_in(&[path.to_path_buf()])
            .first()
            .is_some_and(|w| w != path)
}

/// Does `dir` hold an align file of its own (not merely a `Cargo.toml`)?
fn has_toml(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.filter_map(Result::ok).any(|e| {
            let p = e.path();
            p.extension().is_some_and(|x| x == "toml") && p.is_file() && is_align_path(&p)
        })
    })
}

/// Is this a directory an organisation's listing passes over (`.git`, `.github`)?
fn hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

impl Organisation {
    /// Load every workspace of `paths` ([`workspaces_in`]) and score it as of `today`
    /// (under `lens`, else each team's own).
    /// A workspace that is another's upstream (the company's) is not a team: its goals
    /// are the ones the teams align to. Every error of every workspace is returned.
    pub fn load(
        paths: &[PathBuf],
        today: NaiveDate,
        lens: Option<Lens>,
    ) -> Result<Organisation, LoadError> {
        let (loaded, warnings) = load_teams(paths)?;
        let teams = loaded
            .into_iter()
            .map(|l| {
                let ws = l.workspace;
                Team {
                    key: ws.key.clone(),
                    scores: score_workspace(&ws, today, lens),
                    workspace: ws,
                }
            })
            .collect();
        Ok(Organisation {
            today,
            teams,
            warnings,
        })
    }

    /// The roll-up of the organisation's teams against the goals they align to.
    pub fn rollup(&self) -> Rollup {
        rollup_of(self.today, &self.views())
    }

    /// Every team as the roll-up reads it.
    pub fn views(&self) -> Vec<TeamView<'_>> {
        self.teams.iter().map(Team::view).collect()
    }
}

/// Load every team workspace of `paths` ([`workspaces_in`]), unscored (a board gives each
/// its own session), with the warnings of every workspace loaded. A workspace that is
/// another's upstream (the company's) is not a team: its goals are the ones the teams
/// align to. Every error of every workspace is returned.
pub fn load_teams(paths: &[PathBuf]) -> Result<(Vec<Loaded>, Vec<Diagnostic>), LoadError> {
    let mut loaded: Vec<(PathBuf, Loaded)> = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for path in workspaces_in(paths) {
        match load(&path) {
                Ok(l) => loaded.push((path, l)),
                Err(LoadError::Invalid {
                    errors: e,
                    warnings: w,
                }) => {
                    errors.extend(e);
                    warnings.extend(w);
                }
                Err(LoadError::EmptyDirectory { .. }) => errors.push(at_start(
                    &path,
                    "no team workspace here: an organisation is a directory of team workspaces (each a directory of *.toml files) beside the company's, or name the teams' workspaces themselves".to_string(),
                )),
                Err(e) => {
                    let said = e.to_string();
                    let prefix = format!("{}: ", path.display());
                    let message = said.strip_prefix(&prefix).unwrap_or(&said).to_string();
                    errors.push(at_start(&path, message));
                }
            }
    }
    let upstream_roots: Vec<PathBuf> = loaded
        .iter()
        .flat_map(|(_, l)| l.workspace.upstreams.iter().map(|u| canonical(&u.root)))
        .collect();
    let mut teams: Vec<Loaded> = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    for (path, l) in loaded {
        warnings.extend(l.warnings);
        let root = canonical(&path);
        if upstream_roots.contains(&root) || roots.contains(&root) {
            continue;
        }
        let ws = &l.workspace;
        if let Some(other) = teams.iter().map(|t| &t.workspace).find(|o| o.key == ws.key) {
            // Said at the one that writes `key =` (a copied [workspace]), else the later.
            let (mut clash, explicit) = key_place(ws);
            let (theirs, their_explicit) = key_place(other);
            let (this, that) = if their_explicit && !explicit {
                clash = theirs;
                (&other.root, &ws.root)
            } else {
                (&ws.root, &other.root)
            };
            clash.message = format!(
                "team key {:?} of {} is already the key of {}",
                ws.key,
                this.display(),
                that.display()
            );
            clash.help = Some(format!(
                "ids across teams are written \"{}\": give one of them its own [workspace] key",
                qualified(&ws.key, "T-101")
            ));
            errors.push(clash);
            continue;
        }
        roots.push(root);
        teams.push(Loaded {
            workspace: l.workspace,
            warnings: Vec::new(),
            passed_over: l.passed_over,
        });
    }
    if teams.is_empty() && errors.is_empty() {
        let first = paths.first().cloned().unwrap_or_default();
        errors.push(at_start(
                &first,
                "no team workspace here, only the workspaces teams align to: name the teams' workspaces, or the directory that holds them beside the company's".to_string(),
            ));
    }
    // A broken company is reported by every team that names it, and by itself.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e: &Diagnostic| {
        seen.insert((canonical(&e.file), e.line, e.column, e.message.clone()))
    });
    if errors.is_empty() {
        Ok((teams, warnings))
    } else {
        Err(LoadError::Invalid { errors, warnings })
    }
}

/// Where a workspace's key is said (`key =` in its `[workspace]`), else that table's
/// header, else its first file's start: an error about the key points there. With it,
/// whether the key is written (not its directory's name).
fn key_place(ws: &Workspace) -> (Diagnostic, bool) {
    for file in &ws.files {
        let mut header = None;
        for (n, line) in file.text.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with('[') {
                if header.is_some() {
                    break;
                }
                if line.starts_with("[workspace]") {
                    header = Some(n + 1);
                }
            } else if header.is_some()
                && line
                    .strip_prefix("key")
                    .is_some_and(|r| r.trim_start().starts_with('='))
            {
                let mut d = at_start(&file.path, String::new());
                d.line = n + 1;
                return (d, true);
            }
        }
        if let Some(line) = header {
            let mut d = at_start(&file.path, String::new());
            d.line = line;
            return (d, false);
        }
    }
    let first = ws.files.first().map_or(&ws.root, |f| &f.path);
    (at_start(first, String::new()), false)
}

/// An error about a path as a whole (FILE:1:1).
fn at_start(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
        help: None,
    }
}
