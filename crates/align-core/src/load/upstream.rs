//! Upstream workspaces: the cascade from a team to its company. A team's `[workspace]`
//! may say `upstream = ["../company"]`; the company's goals then load beside the team's,
//! read-only and named with the company's `key` (`company:growth`), so a team goal can
//! have `parent = "company:growth"` and a task can link `company:growth/kr1`. Git is the
//! sync engine: the upstream is a sibling checkout or a submodule, read from disk on
//! every load.
//!
//! Here each `upstream` entry is found (relative to the file that names it), loaded with
//! its own upstreams in turn (a cycle is refused at the entry that closes it, so loading
//! never loops), and flattened into the workspace's list of [`Upstream`]s and their goals,
//! each upstream once however many paths lead to it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, LoadError, Sink};
use crate::model::{Goal, SourceFile, Upstream, Workspace};
use crate::schema::{ID_HELP, valid_id};

/// The separator between an upstream's key and its goal's id: `company:growth`.
pub const KEY_SEPARATOR: char = ':';

/// `[workspace] key`, when it is a valid key (an id: it is written before `:` in links).
pub(crate) fn checked_key(sink: &mut Sink, key: String, at: usize) -> Option<String> {
    if valid_id(&key) {
        Some(key)
    } else {
        sink.error_help(
            at,
            format!("[workspace] key {key:?} is not a valid key"),
            format!("{ID_HELP}: other workspaces link its goals as \"KEY:goal\""),
        );
        None
    }
}

/// A workspace's key when `[workspace]` names none: the stem of its file or directory.
pub(crate) fn default_key(root: &Path) -> String {
    let named = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && s != "." && s != "..")
    };
    named(root)
        .or_else(|| std::fs::canonicalize(root).ok().and_then(|p| named(&p)))
        .unwrap_or_else(|| "workspace".to_string())
}

/// The canonical form of `path` for telling workspaces apart (as given when it has none).
pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The `upstream` entries of the file `file`, resolved and loaded: the upstreams to keep
/// (each once, theirs included) and their goals, named `key:id`. Problems are added to
/// `diags` at the entry they come from; `chain` holds the workspaces being loaded, the
/// innermost last, so a cycle is an error and not a loop.
pub(crate) fn resolve(
    file: &SourceFile,
    entries: &[(String, Range<usize>)],
    chain: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Resolved {
    let mut joined = Joined::default();
    let mut complete = true;
    let base = file.path.parent().unwrap_or(Path::new(""));
    for (written, span) in entries {
        let mut sink = Sink::new(&file.path, &file.text);
        let path = if base.as_os_str().is_empty() || base == Path::new(".") {
            PathBuf::from(written)
        } else {
            base.join(written)
        };
        if !path.exists() {
            sink.error_help(
                span.start,
                format!("upstream {written:?} not found: {} does not exist", path.display()),
                "the path is relative to this file: check the upstream's repository out there (a sibling clone or a git submodule), or fix the path".to_string(),
            );
        } else if chain.contains(&canonical(&path)) {
            sink.error_help(
                span.start,
                format!(
                    "upstream {written:?} leads back to {}, which is being loaded: upstreams form a cycle",
                    path.display()
                ),
                "upstreams form a tree, from teams up to the company: remove the entry that points back down".to_string(),
            );
        } else {
            let mut inner = chain.to_vec();
            inner.push(canonical(&path));
            match super::load_chained(&path, &inner) {
                Ok(loaded) => joined.add(&mut sink, span.start, written, loaded.workspace),
                Err(LoadError::Invalid { errors, .. }) => {
                    sink.error_help(
                        span.start,
                        format!(
                            "upstream {written:?} does not load: {} in it",
                            match errors.len() {
                                1 => "1 error".to_string(),
                                n => format!("{n} errors"),
                            }
                        ),
                        "fix them in the upstream workspace: they are listed with its files"
                            .to_string(),
                    );
                    diags.extend(errors);
                }
                Err(e) => sink.error(span.start, format!("upstream {written:?}: {e}")),
            }
        }
        complete &= sink.out.is_empty();
        diags.extend(sink.out);
    }
    Resolved {
        upstreams: joined.upstreams,
        goals: joined.goals,
        complete,
    }
}

/// The upstreams of a workspace, loaded.
#[derive(Default)]
pub(crate) struct Resolved {
    pub(crate) upstreams: Vec<Upstream>,
    /// Their goals, named `key:id`.
    pub(crate) goals: Vec<Goal>,
    /// Every entry loaded: when one did not, links to `key:goal` are not judged (the
    /// entry's error says why they cannot be).
    pub(crate) complete: bool,
}

/// The upstreams found so far, each once, and their goals.
#[derive(Default)]
struct Joined {
    upstreams: Vec<Upstream>,
    /// Each upstream's canonical root, in `upstreams`' order.
    roots: Vec<PathBuf>,
    goals: Vec<Goal>,
    /// The ids of `goals`.
    ids: rustc_hash::FxHashSet<String>,
}

impl Joined {
    /// The upstream loaded as `ws` (from the entry at `at`, written `written`), and its own
    /// upstreams before it.
    fn add(&mut self, sink: &mut Sink, at: usize, written: &str, ws: Workspace) {
        let Workspace {
            key,
            name,
            mission,
            root,
            files,
            goals,
            upstreams,
            ..
        } = ws;
        // Its upstreams first: its goals' `upstream` indexes are theirs.
        let theirs: Vec<Option<usize>> = upstreams
            .into_iter()
            .map(|u| self.place(sink, at, written, u))
            .collect();
        let own = Upstream {
            key: key.clone(),
            name,
            mission,
            root,
            files,
        };
        let Some(u) = self.place(sink, at, written, own) else {
            return;
        };
        if self.goals.iter().any(|g| g.upstream == Some(u)) {
            return; // Reached by another path already.
        }
        for mut g in goals {
            match g.upstream {
                None => {
                    g.id = format!("{key}{KEY_SEPARATOR}{}", g.id);
                    g.parent = g.parent.map(|p| qualified(&key, p));
                    g.upstream = Some(u);
                }
                Some(j) => match theirs.get(j).copied().flatten() {
                    Some(v) if !self.ids.contains(&g.id) => g.upstream = Some(v),
                    _ => continue,
                },
            }
            self.ids.insert(g.id.clone());
            self.goals.push(g);
        }
    }

    /// Where `u` is in the list (added when new); `None` when its key is taken by another.
    fn place(&mut self, sink: &mut Sink, at: usize, written: &str, u: Upstream) -> Option<usize> {
        let root = canonical(&u.root);
        if let Some(i) = self.roots.iter().position(|r| *r == root) {
            return Some(i);
        }
        if let Some(other) = self.upstreams.iter().find(|o| o.key == u.key) {
            sink.error_help(
                at,
                format!(
                    "upstream key {:?} of {} (from {written:?}) is already the key of {}",
                    u.key,
                    u.root.display(),
                    other.root.display()
                ),
                "keys name upstream goals (\"KEY:goal\"): give one of them its own [workspace] key"
                    .to_string(),
            );
            return None;
        }
        self.roots.push(root);
        self.upstreams.push(u);
        Some(self.upstreams.len() - 1)
    }
}

/// A parent as an upstream goal writes it, named from the team's side: its own goals get
/// the upstream's key, its upstreams' goals already carry theirs.
fn qualified(key: &str, parent: String) -> String {
    if parent.contains(KEY_SEPARATOR) {
        parent
    } else {
        format!("{key}{KEY_SEPARATOR}{parent}")
    }
}
