//! Finding the workspace, the way git finds `.git`: an explicit path wins, then the
//! `ALIGN_WORKSPACE` variable, then `align.toml` in the current directory or the nearest
//! parent that has one — so `align score` works anywhere inside a repository — and last
//! the `workspace` named in the person's config file. An `align.toml` with other align
//! files beside it or below it (a directory per person) marks a split workspace: the
//! search then names its directory, which is read whole.

use std::path::{Path, PathBuf};

/// The file name align looks for.
pub const FILE_NAME: &str = "align.toml";

/// Where the workspace was found, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Flag(PathBuf),
    Env(PathBuf),
    Search(PathBuf),
    /// The `workspace` setting of the config file.
    Config(PathBuf),
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::Flag(p) | Found::Env(p) | Found::Search(p) | Found::Config(p) => p,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "no workspace: no {FILE_NAME} in {} or any parent directory ({})",
    start.display(),
    match here {
        Some(file) => format!("this directory holds align files ({file}, …): `-w .` reads them as one workspace"),
        None => "create one with `align init`, try `align demo`, or pass -w PATH".to_string(),
    }
)]
pub struct NotFound {
    pub start: PathBuf,
    /// An align file in the starting directory under another name (a team's `goals.toml`):
    /// the directory is a workspace `-w .` would read.
    pub here: Option<String>,
}

/// The first align file (by name) directly in `dir`, if any.
fn align_file_in(dir: &Path) -> Option<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    names.sort();
    names
        .into_iter()
        .find(|p| align_core::load::is_align_path(p))
        .and_then(|p| {
            p.file_name()
                .map(|n| align_core::text::safe(&n.to_string_lossy()).into_owned())
        })
}

/// Is the workspace whose `align.toml` sits in `dir` split over the directory — other
/// align files beside it or in its sub-directories (a directory per person, as the
/// directory loader reads them)? Then the directory is the workspace: loading
/// `align.toml` alone would show the team none of the tasks kept in those files.
fn split_beside(dir: &Path) -> bool {
    // `align.toml` may be a symlink to a file kept below it: that file is itself.
    let own = dir.join(FILE_NAME);
    let own_real = std::fs::canonicalize(&own).ok();
    align_core::load::listing(dir).is_ok_and(|l| {
        l.files.iter().any(|f| {
            *f != own
                && (own_real.is_none() || std::fs::canonicalize(f).ok() != own_real)
                && align_core::load::is_align_path(f)
        })
    })
}

/// Resolve the workspace: `flag`, then `env` (the value of `ALIGN_WORKSPACE`), then an
/// upward search from `cwd`.
pub fn find(flag: Option<&Path>, env: Option<&Path>, cwd: &Path) -> Result<Found, NotFound> {
    find_or(flag, env, cwd, None)
}

/// [`find`], then `config` (the config file's `workspace`) when nothing else is found.
pub fn find_or(
    flag: Option<&Path>,
    env: Option<&Path>,
    cwd: &Path,
    config: Option<&Path>,
) -> Result<Found, NotFound> {
    if let Some(p) = flag {
        return Ok(Found::Flag(p.to_path_buf()));
    }
    if let Some(p) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(Found::Env(p.to_path_buf()));
    }
    // Named relative to the current directory, as git names paths: `../align.toml`.
    cwd.ancestors()
        .enumerate()
        .find(|(_, d)| d.join(FILE_NAME).is_file())
        .map(|(up, dir)| {
            let found = if split_beside(dir) {
                match up {
                    0 => PathBuf::from("."),
                    _ => PathBuf::from("../".repeat(up).trim_end_matches('/')),
                }
            } else {
                PathBuf::from("../".repeat(up) + FILE_NAME)
            };
            Found::Search(found)
        })
        .or_else(|| config.map(|p| Found::Config(p.to_path_buf())))
        .ok_or_else(|| NotFound {
            start: cwd.to_path_buf(),
            here: align_file_in(cwd),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_search() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "version = 1\n").unwrap();
        let flag = Path::new("x.toml");
        let env = Path::new("y.toml");
        assert_eq!(
            find(Some(flag), Some(env), &nested).unwrap(),
            Found::Flag(flag.into())
        );
        assert_eq!(
            find(None, Some(env), &nested).unwrap(),
            Found::Env(env.into())
        );
        assert_eq!(
            find(None, None, &nested).unwrap(),
            Found::Search(PathBuf::from("../../align.toml"))
        );
        assert_eq!(
            find(None, Some(Path::new("")), dir.path()).unwrap(),
            Found::Search(PathBuf::from("align.toml"))
        );
    }

    #[test]
    fn the_config_workspace_is_the_last_resort() {
        let dir = tempfile::tempdir().unwrap();
        let config = Path::new("/plans/align.toml");
        assert_eq!(
            find_or(None, None, dir.path(), Some(config)).unwrap(),
            Found::Config(config.into())
        );
        let env = Path::new("y.toml");
        assert_eq!(
            find_or(None, Some(env), dir.path(), Some(config)).unwrap(),
            Found::Env(env.into())
        );
        std::fs::write(dir.path().join(FILE_NAME), "version = 1\n").unwrap();
        assert_eq!(
            find_or(None, None, dir.path(), Some(config)).unwrap(),
            Found::Search(PathBuf::from(FILE_NAME))
        );
    }

    #[test]
    fn an_align_toml_with_align_files_below_it_names_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("ana");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "version = 1\n[workspace]\n").unwrap();
        // Not an align file: the search still names align.toml.
        std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        assert_eq!(
            find(None, None, &nested).unwrap(),
            Found::Search(PathBuf::from("../align.toml"))
        );
        std::fs::write(nested.join("tasks.toml"), "[[tasks]]\nid = \"A-1\"\n").unwrap();
        assert_eq!(
            find(None, None, &nested).unwrap(),
            Found::Search(PathBuf::from(".."))
        );
        assert_eq!(
            find(None, None, dir.path()).unwrap(),
            Found::Search(PathBuf::from("."))
        );
    }

    #[test]
    fn nothing_found_names_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let err = find(None, None, dir.path()).unwrap_err();
        assert!(err.to_string().contains("align init"));
    }
}
