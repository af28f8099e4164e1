//! Alignment over time: the workspace re-scored as it stood at each point of its git
//! history. Alignment is continuous, not a one-time meeting, and a team's files already
//! live in git: their history answers "are we more aligned than last month?" without
//! anyone having kept a log.
//!
//! A point is a commit — the last of its week (by default), of its day, or every one —
//! scored as `align score` scores that commit's files with `--today` the point's day (a
//! week's end, the day itself, the commit's day). Only the files that changed between
//! points are read and parsed again ([`crate::load::ParsedFiles`]). Here the points are
//! chosen and figured; `git` reads the repository, `figures` says what one point shows.
//!
//! The same walk answers "what did it look like a week ago?" for the report and the
//! board's trends ([`on_days`]): any figure of the workspace as it stood on given days.

mod figures;
mod git;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use chrono::{Datelike, Days, NaiveDate};
use rustc_hash::FxHashMap as HashMap;

use crate::diag::LoadError;
use crate::load::{ParsedFiles, is_align_file};
use crate::model::{Lens, Workspace};

pub use figures::{ClosedGoal, Figures, KeyResultFigure, round3};
pub use git::Commit;

/// Why there is no history to show.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "{}: not in a git repository: align history reads the workspace's git history (git init, then commit the workspace)",
        .0.display()
    )]
    NotARepository(PathBuf),
    #[error("cannot run git ({0}): align history needs the git command")]
    NoGit(String),
    #[error("--since {0:?}: neither a date (YYYY-MM-DD) nor a revision of this repository")]
    UnknownRevision(String),
    #[error("git: {0}")]
    Git(String),
}

/// How far apart the points are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Every {
    Day,
    #[default]
    Week,
    Commit,
}

/// Where the history starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    Date(NaiveDate),
    /// A revision (a commit id, tag or branch): the history from it on, itself included.
    Revision(String),
}

/// The workspace at one point of its history: [`Figures`] for `align history`, any
/// other figure for [`on_days`].
#[derive(Debug, Clone, PartialEq)]
pub struct Point<F = Figures> {
    /// The day it is scored as of (`--today`).
    pub date: NaiveDate,
    pub commit: Commit,
    /// Its figures, or the first problem when the workspace did not load at that commit.
    pub figures: Result<F, String>,
}

/// The commits that make the points, oldest first: the last of each day or week (a
/// week runs Monday to Sunday), or every one; each with the day it is scored as of.
pub fn choose(commits: &[Commit], every: Every) -> Vec<(NaiveDate, Commit)> {
    let scored_on = |c: &Commit| match every {
        Every::Commit | Every::Day => c.date,
        Every::Week => {
            let back = u64::from(c.date.weekday().num_days_from_monday());
            c.date
                .checked_sub_days(Days::new(back))
                .and_then(|monday| monday.checked_add_days(Days::new(6)))
                .unwrap_or(c.date)
        }
    };
    let mut points: Vec<(NaiveDate, Commit)> = Vec::new();
    for c in commits {
        let day = scored_on(c);
        match points.last_mut() {
            Some(last) if every != Every::Commit && last.0 == day => *last = (day, c.clone()),
            _ => points.push((day, c.clone())),
        }
    }
    points
}

/// The history of the workspace at `path` (a file or a directory), re-scored at each
/// point under `lens` (else the workspace's own at that point).
pub fn history(
    path: &Path,
    since: Option<&Since>,
    every: Every,
    lens: Option<Lens>,
) -> Result<Vec<Point>, HistoryError> {
    let repo = git::Repo::find(path)?;
    let (from, first) = match since {
        Some(Since::Revision(rev)) => {
            let c = repo.resolve(rev)?;
            (None, Some(c))
        }
        Some(Since::Date(d)) => (Some(*d), None),
        None => (None, None),
    };
    let mut commits = repo.commits(first.as_ref())?;
    if let Some(c) = first {
        commits.insert(0, c);
    }
    let mut chosen = choose(&commits, every);
    if let Some(from) = from {
        chosen.retain(|(day, _)| *day >= from);
    }
    figure_points(path, &repo, chosen, |ws, day| Figures::of(ws, day, lens))
}

/// The workspace at `path` as it stood on each of `days` — its last commit on or before
/// the day (on the current branch's first-parent line), scored as of that day — with
/// `figure` worked out from it: what `align score --today DAY` on that commit shows.
/// A day before the workspace's first commit, or when it had no files, has no point;
/// the points come in the order of `days`.
pub fn on_days<F: Send>(
    path: &Path,
    days: &[NaiveDate],
    figure: impl FnMut(&Workspace, NaiveDate) -> F + Send,
) -> Result<Vec<Point<F>>, HistoryError> {
    let repo = git::Repo::find(path)?;
    let commits = repo.commits(None)?;
    let chosen = days
        .iter()
        .filter_map(|&day| {
            let c = commits.iter().rev().find(|c| c.date <= day)?;
            Some((day, c.clone()))
        })
        .collect();
    figure_points(path, &repo, chosen, figure)
}

/// The commit HEAD names now, or `None` in a repository without commits: a change says
/// the history may have changed (a commit, a pull, a checkout).
pub fn head(path: &Path) -> Result<Option<String>, HistoryError> {
    git::Repo::find(path)?.head()
}

/// Each chosen commit's files loaded (each version parsed once) and figured as of its day.
///
/// The points' lists of files are read first (one small tree object each), so a file
/// version's last point is known: there its parsed form is handed to the workspace rather
/// than copied — in a one-file workspace changed by every commit, every time. A point is
/// figured (scored) on a second thread while the next one is read and loaded, which also
/// frees each workspace there.
fn figure_points<F: Send>(
    path: &Path,
    repo: &git::Repo,
    chosen: Vec<(NaiveDate, Commit)>,
    mut figure: impl FnMut(&Workspace, NaiveDate) -> F + Send,
) -> Result<Vec<Point<F>>, HistoryError> {
    let mut objects = git::Objects::start(repo)?;
    let mut listed = Vec::with_capacity(chosen.len());
    for (day, commit) in chosen {
        if let Some(entries) = objects.files_at(repo, &commit.id)? {
            let keys: Vec<String> = entries
                .iter()
                .map(|e| format!("{} {}", e.blob, e.name))
                .collect();
            listed.push((day, commit, entries, keys));
        }
    }
    let mut last_use: HashMap<&str, usize> = HashMap::default();
    for (n, (.., keys)) in listed.iter().enumerate() {
        for key in keys {
            last_use.insert(key, n);
        }
    }
    std::thread::scope(|scope| {
        // One point waits while the next is loaded: two workspaces at most in memory.
        let (tx, rx) = mpsc::sync_channel::<(NaiveDate, Result<Workspace, String>)>(1);
        let figurer = scope.spawn(move || {
            rx.into_iter()
                .map(|(day, ws)| ws.map(|ws| figure(&ws, day)))
                .collect::<Vec<_>>()
        });
        let mut parsed = ParsedFiles::default();
        for (n, (day, _, entries, keys)) in listed.iter().enumerate() {
            let mut used = Vec::with_capacity(entries.len());
            for (e, key) in entries.iter().zip(keys) {
                if !parsed.contains(key) {
                    let bytes = objects.blob(&e.blob)?;
                    // In a directory, another tool's *.toml (Cargo.toml) is passed over,
                    // as the loader passes it over.
                    let other = repo.file.is_none()
                        && std::str::from_utf8(&bytes).is_ok_and(|t| !is_align_file(t));
                    if other {
                        continue;
                    }
                    parsed.insert(key.clone(), path_of(path, repo, &e.name), bytes);
                }
                used.push(key.as_str());
            }
            let last: Vec<&str> = used
                .iter()
                .copied()
                .filter(|k| last_use.get(k) == Some(&n))
                .collect();
            let workspace = if used.is_empty() {
                Err(format!("{}: no align files at this commit", path.display()))
            } else {
                parsed
                    .load_last(path, &used, &last)
                    .map(|loaded| loaded.workspace)
                    .map_err(|e| first_problem(&e))
            };
            parsed.retain(&used);
            if tx.send((*day, workspace)).is_err() {
                break;
            }
        }
        drop(tx);
        let figures = match figurer.join() {
            Ok(figures) => figures,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok(listed
            .iter()
            .zip(figures)
            .map(|((day, commit, ..), figures)| Point {
                date: *day,
                commit: commit.clone(),
                figures,
            })
            .collect())
    })
}

/// Where a file of the workspace is on disk (what its problems are reported against).
fn path_of(path: &Path, repo: &git::Repo, name: &str) -> PathBuf {
    match &repo.file {
        Some(_) => path.to_path_buf(),
        None => path.join(name),
    }
}

fn first_problem(e: &LoadError) -> String {
    match e {
        LoadError::Invalid { errors, .. } => errors
            .first()
            .map_or_else(|| e.to_string(), ToString::to_string),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, date: &str) -> Commit {
        Commit {
            id: id.into(),
            date: date.parse().unwrap(),
        }
    }

    #[test]
    fn a_week_is_its_last_commit_scored_on_its_sunday() {
        // 2026-11-02 is a Monday.
        let commits = [
            c("a", "2026-11-02"),
            c("b", "2026-11-08"),
            c("c", "2026-11-09"),
            c("d", "2026-11-09"),
        ];
        let weeks = choose(&commits, Every::Week);
        let got: Vec<_> = weeks
            .iter()
            .map(|(d, c)| (d.to_string(), c.id.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-11-08".to_string(), "b"),
                ("2026-11-15".to_string(), "d")
            ]
        );
        let days = choose(&commits, Every::Day);
        assert_eq!(days.len(), 3);
        assert_eq!(days[2].1.id, "d");
        assert_eq!(choose(&commits, Every::Commit).len(), 4);
        assert!(choose(&[], Every::Week).is_empty());
    }
}
