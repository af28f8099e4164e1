//! The workspace's git history, read with the `git` command: the commits that touched its
//! files (`git log`), and each commit's files through one `git cat-file --batch` process
//! for the whole run — the directory's tree (and its sub-directories'), then only the
//! blobs not read before. The
//! `git` command rather than a git library: it adds no dependency tree to a small tool,
//! every machine with a repository has it, and the work it does here (one log, one
//! stream of objects) costs a few milliseconds of process start (ARCHITECTURE.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use super::HistoryError;

/// Where the workspace sits in its repository.
pub(super) struct Repo {
    /// The directory git runs in (the workspace's directory).
    pub(super) dir: PathBuf,
    /// The workspace's directory relative to the repository's top, with a trailing `/`
    /// (empty at the top).
    pub(super) prefix: String,
    /// The workspace file's name, for a one-file workspace.
    pub(super) file: Option<String>,
}

/// One commit that touched the workspace: its id and the day it was committed (in the
/// committer's own time zone, so the day does not depend on where align runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub date: NaiveDate,
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir).env("GIT_TERMINAL_PROMPT", "0");
    c
}

/// Run git, its stdout as text, or why not.
fn run(dir: &Path, args: &[&str]) -> Result<Result<String, String>, HistoryError> {
    let out = git(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| HistoryError::NoGit(e.to_string()))?;
    if out.status.success() {
        Ok(Ok(String::from_utf8_lossy(&out.stdout).into_owned()))
    } else {
        Ok(Err(String::from_utf8_lossy(&out.stderr).trim().to_string()))
    }
}

impl Repo {
    /// The repository holding the workspace at `path` (a file or a directory).
    pub(super) fn find(path: &Path) -> Result<Repo, HistoryError> {
        let (dir, file) = if path.is_dir() {
            (path.to_path_buf(), None)
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            (dir, name)
        };
        match run(&dir, &["rev-parse", "--show-prefix"])? {
            Ok(prefix) => Ok(Repo {
                dir,
                prefix: prefix.trim_end_matches('\n').to_string(),
                file,
            }),
            Err(_) => Err(HistoryError::NotARepository(path.to_path_buf())),
        }
    }

    /// The workspace's path as git's pathspec, from the workspace's directory.
    fn pathspec(&self) -> String {
        match &self.file {
            Some(f) => format!(":(literal){f}"),
            None => ".".to_string(),
        }
    }

    /// The commit a revision names, with its date.
    pub(super) fn resolve(&self, rev: &str) -> Result<Commit, HistoryError> {
        let spec = format!("{rev}^{{commit}}");
        match run(
            &self.dir,
            &["log", "-1", "--no-walk", "--format=%H %cI", &spec, "--"],
        )? {
            Ok(text) => parse_log(&text)
                .pop()
                .ok_or_else(|| HistoryError::UnknownRevision(rev.to_string())),
            Err(_) => Err(HistoryError::UnknownRevision(rev.to_string())),
        }
    }

    /// The commit HEAD names, or `None` before the first commit.
    pub(super) fn head(&self) -> Result<Option<String>, HistoryError> {
        match run(&self.dir, &["rev-parse", "--verify", "--quiet", "HEAD"])? {
            Ok(id) => Ok(Some(id.trim().to_string())),
            Err(_) => Ok(None),
        }
    }

    /// The commits of the current branch's first-parent line that changed the workspace,
    /// oldest first; after `since` only, when given.
    pub(super) fn commits(&self, since: Option<&Commit>) -> Result<Vec<Commit>, HistoryError> {
        let range = since.map_or_else(|| "HEAD".to_string(), |c| format!("{}..HEAD", c.id));
        let pathspec = self.pathspec();
        let args = [
            "log",
            "--first-parent",
            "--format=%H %cI",
            &range,
            "--",
            &pathspec,
        ];
        match run(&self.dir, &args)? {
            Ok(text) => {
                let mut commits = parse_log(&text);
                commits.reverse();
                Ok(commits)
            }
            // A repository without commits yet has no history.
            Err(e) if e.contains("does not have any commits") || e.contains("bad revision") => {
                Ok(Vec::new())
            }
            Err(e) => Err(HistoryError::Git(e)),
        }
    }
}

fn parse_log(text: &str) -> Vec<Commit> {
    text.lines()
        .filter_map(|line| {
            let (id, when) = line.split_once(' ')?;
            let date = NaiveDate::parse_from_str(when.get(..10)?, "%Y-%m-%d").ok()?;
            Some(Commit {
                id: id.to_string(),
                date,
            })
        })
        .collect()
}

/// One `git cat-file --batch` process, asked for one object at a time.
pub(super) struct Objects {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    /// Sub-directories listed, by tree id (see [`Objects::walk`]).
    subtrees: HashMap<String, Option<Vec<Entry>>>,
}

/// One entry of a tree object: a regular file (not a link or submodule), a directory,
/// or neither.
struct TreeEntry {
    name: String,
    id: String,
    file: bool,
    dir: bool,
}

/// The entries of a tree object whose names are UTF-8.
fn tree_entries(tree: &[u8], oid_len: usize) -> Vec<TreeEntry> {
    let mut entries = Vec::new();
    let mut rest = tree;
    while let Some(space) = rest.iter().position(|&b| b == b' ') {
        let mode = &rest[..space];
        let Some(nul) = rest[space..].iter().position(|&b| b == 0) else {
            break;
        };
        let name = &rest[space + 1..space + nul];
        let oid_at = space + nul + 1;
        let Some(oid) = rest.get(oid_at..oid_at + oid_len) else {
            break;
        };
        rest = &rest[oid_at + oid_len..];
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        entries.push(TreeEntry {
            name: name.to_string(),
            id: oid.iter().map(|b| format!("{b:02x}")).collect(),
            // Regular files (100644, 100755), directories (40000).
            file: mode.starts_with(b"100"),
            dir: mode == b"40000",
        });
    }
    entries
}

/// A file of the workspace's directory at a commit: its path in the directory (with `/`)
/// and blob id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) blob: String,
}

impl Objects {
    pub(super) fn start(repo: &Repo) -> Result<Objects, HistoryError> {
        let mut child = git(&repo.dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| HistoryError::NoGit(e.to_string()))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(HistoryError::Git("git cat-file gave no pipes".into()));
        };
        Ok(Objects {
            child,
            input,
            output: BufReader::new(output),
            subtrees: HashMap::default(),
        })
    }

    /// The object `name` names: its type and bytes, or `None` when it does not exist.
    fn get(&mut self, name: &str) -> Result<Option<(String, Vec<u8>)>, HistoryError> {
        let broken = |e: std::io::Error| HistoryError::Git(format!("git cat-file: {e}"));
        if name.contains('\n') {
            return Ok(None);
        }
        self.input
            .write_all(format!("{name}\n").as_bytes())
            .and_then(|()| self.input.flush())
            .map_err(broken)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(broken)?;
        let mut words = header.split_whitespace();
        let (Some(_), Some(kind), Some(size)) = (words.next(), words.next(), words.next()) else {
            return Ok(None); // "<name> missing"
        };
        let size: usize = size
            .parse()
            .map_err(|_| HistoryError::Git(format!("git cat-file: header {header:?}")))?;
        let mut bytes = vec![0; size + 1];
        self.output.read_exact(&mut bytes).map_err(broken)?;
        bytes.pop();
        Ok(Some((kind.to_string(), bytes)))
    }

    /// The workspace's files at `commit`: the directory's `*.toml` blobs, those of its
    /// sub-directories included as the loader reads them (a directory per person; not
    /// hidden or build directories, nor one holding a `[workspace]` of its own), by path
    /// as the loader orders them — or the one file. `None` when the workspace did not
    /// exist then.
    pub(super) fn files_at(
        &mut self,
        repo: &Repo,
        commit: &str,
    ) -> Result<Option<Vec<Entry>>, HistoryError> {
        let dir = repo.prefix.trim_end_matches('/');
        let Some((kind, tree)) = self.get(&format!("{commit}:{dir}"))? else {
            return Ok(None);
        };
        if kind != "tree" {
            return Ok(None);
        }
        let oid_len = if commit.len() == 64 { 32 } else { 20 };
        let mut entries = Vec::new();
        match &repo.file {
            Some(f) => entries.extend(
                tree_entries(&tree, oid_len)
                    .into_iter()
                    .filter(|e| e.file && e.name == *f)
                    .map(|e| Entry {
                        name: e.name,
                        blob: e.id,
                    }),
            ),
            None => self.walk(&tree, oid_len, "", &mut entries)?,
        }
        if repo.file.is_some() && entries.is_empty() {
            return Ok(None);
        }
        entries.sort_by(|a, b| Path::new(&a.name).cmp(Path::new(&b.name)));
        Ok(Some(entries))
    }

    /// The `*.toml` files of a tree and of its sub-trees, under `prefix`; a sub-tree's
    /// listing is kept by its id, so a person's unchanged folder is listed once.
    fn walk(
        &mut self,
        tree: &[u8],
        oid_len: usize,
        prefix: &str,
        out: &mut Vec<Entry>,
    ) -> Result<(), HistoryError> {
        for e in tree_entries(tree, oid_len) {
            if e.file {
                if e.name.ends_with(".toml") {
                    out.push(Entry {
                        name: format!("{prefix}{}", e.name),
                        blob: e.id,
                    });
                }
                continue;
            }
            if !e.dir || crate::load::passed_over_dir_name(&e.name) {
                continue;
            }
            let listed = if let Some(listed) = self.subtrees.get(&e.id) {
                listed.clone()
            } else {
                let listed = self.list_subtree(&e.id, oid_len)?;
                self.subtrees.insert(e.id.clone(), listed.clone());
                listed
            };
            // A sub-directory with a `[workspace]` of its own is another team's.
            if let Some(files) = listed {
                let under = format!("{prefix}{}/", e.name);
                out.extend(files.into_iter().map(|f| Entry {
                    name: format!("{under}{}", f.name),
                    blob: f.blob,
                }));
            }
        }
        Ok(())
    }

    /// A sub-directory's files relative to it, or `None` when it holds a workspace of its
    /// own (a `*.toml` directly in it with a `[workspace]` table).
    fn list_subtree(
        &mut self,
        id: &str,
        oid_len: usize,
    ) -> Result<Option<Vec<Entry>>, HistoryError> {
        let Some((_, tree)) = self.get(id)? else {
            return Ok(Some(Vec::new()));
        };
        for e in tree_entries(&tree, oid_len) {
            if e.file && e.name.ends_with(".toml") {
                let bytes = self.blob(&e.id)?;
                if std::str::from_utf8(&bytes).is_ok_and(crate::load::declares_workspace) {
                    return Ok(None);
                }
            }
        }
        let mut files = Vec::new();
        self.walk(&tree, oid_len, "", &mut files)?;
        Ok(Some(files))
    }

    /// A blob's bytes.
    pub(super) fn blob(&mut self, id: &str) -> Result<Vec<u8>, HistoryError> {
        match self.get(id)? {
            Some((_, bytes)) => Ok(bytes),
            None => Err(HistoryError::Git(format!("blob {id} is missing"))),
        }
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        // Closing its input ends cat-file; wait so no zombie is left.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
