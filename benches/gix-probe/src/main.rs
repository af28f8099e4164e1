//! What `align history` does with the repository, done twice — with gitoxide's `gix`
//! (default features off, `sha1` only) and with the `git` command as align does it
//! (`git log` and one `git cat-file --batch`) — so the two can be timed against each
//! other on the same repository (benches/history.sh makes it; BENCHMARKS.md "History").
//! The probe is its own Cargo workspace: it is not part of align's build.
//!
//! Both paths: the first-parent commits that changed the workspace (a directory or one
//! file), the last of each week (Monday to Sunday, in the committer's time zone), and at
//! each such point the workspace's `*.toml` blobs (or the one file), each blob read once.
//! Neither parses or scores: this is the reading align's history pays before it does.
//!
//! ```sh
//! cargo run --release -- gix  REPO team        # a directory workspace
//! cargo run --release -- git  REPO align.toml  # a one-file workspace
//! ```
//!
//! BENCHMARKS.md also times a build with gix's pack caches (add `pack-cache-lru-static`
//! and `pack-cache-lru-dynamic` to the features), and records the compile time, the
//! crates it brings and the duplicates `cargo tree -d` would gain in align.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A commit that changed the workspace: its id (hex) and its day (days since 1970-01-01,
/// in the committer's time zone).
struct Commit {
    id: String,
    day: i64,
}

/// What a run read, printed so both paths can be seen to do the same work.
#[derive(Default, Debug)]
struct Reading {
    commits: usize,
    points: usize,
    blobs: usize,
    bytes: usize,
}

/// The day a week's point is scored as of: its Sunday (1970-01-01 was a Thursday).
fn week_of(day: i64) -> i64 {
    let monday_based = (day + 3).rem_euclid(7);
    day - monday_based + 6
}

/// The last commit of each week, oldest first.
fn weekly(commits: &[Commit]) -> Vec<&Commit> {
    let mut points: Vec<&Commit> = Vec::new();
    for c in commits {
        match points.last_mut() {
            Some(last) if week_of(last.day) == week_of(c.day) => *last = c,
            _ => points.push(c),
        }
    }
    points
}

/// The workspace's directory in the repository and, for a one-file workspace, its name:
/// a path ending in `.toml` is a file.
fn split(path: &str) -> (&str, Option<&str>) {
    if !path.ends_with(".toml") {
        return (path.trim_end_matches('/'), None);
    }
    match path.rsplit_once('/') {
        Some((dir, name)) => (dir, Some(name)),
        None => ("", Some(path)),
    }
}

/// A file of the workspace: the one file, or any `*.toml` of the directory.
fn wanted(name: &gix::bstr::BStr, file: Option<&str>) -> bool {
    match file {
        Some(f) => name == f.as_bytes(),
        None => name.ends_with(b".toml"),
    }
}

fn with_gix(repo: &str, path: &str) -> Res<Reading> {
    let repo = gix::open(repo)?;
    let mut read = Reading::default();
    // The first-parent line from HEAD, keeping the commits whose workspace entry differs
    // from their parent's (what `git log --first-parent -- PATH` lists).
    let entry_id = |tree: gix::Tree<'_>| -> Res<Option<gix::ObjectId>> {
        Ok(tree.lookup_entry_by_path(path)?.map(|e| e.object_id()))
    };
    let mut commits = Vec::new();
    let mut at = Some(repo.head_commit()?);
    while let Some(commit) = at {
        let mine = entry_id(commit.tree()?)?;
        let parent = match commit.parent_ids().next() {
            Some(p) => Some(p.object()?.into_commit()),
            None => None,
        };
        let before = match &parent {
            Some(p) => entry_id(p.tree()?)?,
            None => None,
        };
        if mine.is_some() && mine != before {
            let t = commit.time()?;
            commits.push(Commit {
                id: commit.id.to_string(),
                day: (t.seconds + i64::from(t.offset)).div_euclid(86_400),
            });
        }
        at = parent;
    }
    commits.reverse();
    read.commits = commits.len();
    let mut seen = HashSet::new();
    for c in weekly(&commits) {
        read.points += 1;
        let id = gix::ObjectId::from_hex(c.id.as_bytes())?;
        let root = repo.find_commit(id)?.tree()?;
        let (dir, file) = split(path);
        let tree = if dir.is_empty() {
            root
        } else {
            match root.lookup_entry_by_path(dir)? {
                Some(e) if e.mode().is_tree() => e.object()?.into_tree(),
                _ => continue,
            }
        };
        let decoded = tree.decode()?;
        let blobs: Vec<gix::ObjectId> = decoded
            .entries
            .iter()
            .filter(|e| e.mode.is_blob() && wanted(e.filename, file))
            .map(|e| e.oid.to_owned())
            .collect();
        for b in blobs {
            if seen.insert(b) {
                let blob = repo.find_object(b)?;
                read.blobs += 1;
                read.bytes += blob.data.len();
            }
        }
    }
    Ok(read)
}

/// `git cat-file --batch`, one object at a time: its type and bytes.
struct Batch {
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
    child: std::process::Child,
}

impl Batch {
    fn get(&mut self, name: &str) -> Res<Option<(String, Vec<u8>)>> {
        writeln!(self.input, "{name}")?;
        self.input.flush()?;
        let mut header = String::new();
        self.output.read_line(&mut header)?;
        let words: Vec<&str> = header.split_whitespace().collect();
        let [_, kind, size] = words[..] else {
            return Ok(None);
        };
        let mut bytes = vec![0; size.parse::<usize>()? + 1];
        self.output.read_exact(&mut bytes)?;
        bytes.pop();
        Ok(Some((kind.to_string(), bytes)))
    }
}

fn with_git(repo: &str, path: &str) -> Res<Reading> {
    let mut read = Reading::default();
    let log = Command::new("git")
        .args([
            "-C",
            repo,
            "log",
            "--first-parent",
            "--format=%H %ct %ci",
            "HEAD",
            "--",
            path,
        ])
        .output()?;
    let mut commits: Vec<Commit> = String::from_utf8(log.stdout)?
        .lines()
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let (id, secs, zone) = (w.first()?, w.get(1)?, w.get(4)?);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let hh: i64 = zone.get(1..3)?.parse().ok()?;
            let mm: i64 = zone.get(3..5)?.parse().ok()?;
            let secs: i64 = secs.parse().ok()?;
            Some(Commit {
                id: (*id).to_string(),
                day: (secs + sign * (hh * 3600 + mm * 60)).div_euclid(86_400),
            })
        })
        .collect();
    commits.reverse();
    read.commits = commits.len();
    let mut child = Command::new("git")
        .args(["-C", repo, "cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut batch = Batch {
        input: child.stdin.take().ok_or("no stdin")?,
        output: BufReader::new(child.stdout.take().ok_or("no stdout")?),
        child,
    };
    let mut seen = HashSet::new();
    for c in weekly(&commits) {
        read.points += 1;
        let (dir, file) = split(path);
        let Some((kind, data)) = batch.get(&format!("{}:{dir}", c.id))? else {
            continue;
        };
        if kind != "tree" {
            continue;
        }
        let mut blobs = Vec::new();
        let mut rest = data.as_slice();
        while let Some(space) = rest.iter().position(|&b| b == b' ') {
            let nul = space + rest[space..].iter().position(|&b| b == 0).ok_or("tree")?;
            let (mode, name) = (&rest[..space], &rest[space + 1..nul]);
            let oid = &rest[nul + 1..nul + 21];
            if mode.starts_with(b"100") && wanted(name.into(), file) {
                blobs.push(oid.iter().map(|b| format!("{b:02x}")).collect::<String>());
            }
            rest = &rest[nul + 21..];
        }
        for b in blobs {
            if seen.insert(b.clone()) {
                let (_, blob) = batch.get(&b)?.ok_or("missing blob")?;
                read.blobs += 1;
                read.bytes += blob.len();
            }
        }
    }
    drop(batch.input);
    batch.child.wait()?;
    Ok(read)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, how, repo, path] = &args[..] else {
        return Err("usage: gix-probe gix|git REPO PATH".into());
    };
    let start = std::time::Instant::now();
    let read = match how.as_str() {
        "gix" => with_gix(repo, path)?,
        "git" => with_git(repo, path)?,
        _ => return Err("gix or git".into()),
    };
    eprintln!("{how}: {read:?} in {:.3} s", start.elapsed().as_secs_f64());
    Ok(())
}
