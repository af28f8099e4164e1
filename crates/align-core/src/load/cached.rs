//! Loading the same files again and again, as the history of a workspace does: from one
//! week to the next most files of a directory have not changed, and parsing a file is
//! most of the cost of loading it. So each file is read once per version (the caller
//! names a version by a key: git's blob id and the path), kept, and joined with the
//! others into a workspace as often as asked — the same checks as [`super::load`] makes,
//! so a workspace loaded from here is the workspace `load` gives for the same bytes.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use super::doc::Scratch;
use super::pieces::Pieces;
use super::{FileRead, Loaded, document, join, read_one};
use crate::diag::LoadError;

/// Files read once and kept by key.
#[derive(Default)]
pub struct ParsedFiles {
    reads: HashMap<String, FileRead>,
    scratch: Scratch,
    /// The pieces of the newest version read of each large file, by its path: the next
    /// version of a large file (one file changed by every commit) reads only the pieces
    /// that changed.
    pieces: HashMap<PathBuf, Pieces>,
}

impl ParsedFiles {
    /// Has the file with this key been read?
    pub fn contains(&self, key: &str) -> bool {
        self.reads.contains_key(key)
    }

    /// How many file versions are kept.
    pub fn len(&self) -> usize {
        self.reads.len()
    }

    /// Nothing kept yet?
    pub fn is_empty(&self) -> bool {
        self.reads.is_empty()
    }

    /// Read the file at `path` with these bytes, kept under `key`.
    pub fn insert(&mut self, key: String, path: PathBuf, bytes: Vec<u8>) {
        let scratch = &mut self.scratch;
        let kept = self.pieces.entry(path.clone()).or_default();
        let read = read_one(path, bytes, |sink, text| {
            document::read_file_reusing(sink, 0, text, scratch, kept)
        });
        self.reads.insert(key, read);
    }

    /// How many pieces of large files were taken from an earlier version rather than
    /// read again.
    pub fn pieces_reused(&self) -> usize {
        self.pieces.values().map(Pieces::reused).sum()
    }

    /// Forget every file not named in `keep` (a long history need not hold every version).
    pub fn retain(&mut self, keep: &[&str]) {
        self.reads.retain(|k, _| keep.contains(&k.as_str()));
    }

    /// The workspace at `root` made of the files with these keys, in this order (by path,
    /// as a directory is listed); its upstreams, if it names any, are read from disk. A key
    /// never inserted is an error of the caller's: it is reported as a file that could not
    /// be read.
    pub fn load(&self, root: &Path, keys: &[&str]) -> Result<Loaded, LoadError> {
        let mut reads = Vec::with_capacity(keys.len());
        for key in keys {
            match self.reads.get(*key) {
                Some(read) => reads.push(read.clone()),
                None => return Err(not_read(root, key)),
            }
        }
        // Upstreams are read from disk as they stand now (a team's history is its own).
        join(root, reads, &[super::upstream::canonical(root)])
    }

    /// [`ParsedFiles::load`] when the files with the keys in `last` will not be asked for
    /// again: they are handed over rather than copied, and forgotten.
    pub fn load_last(
        &mut self,
        root: &Path,
        keys: &[&str],
        last: &[&str],
    ) -> Result<Loaded, LoadError> {
        let mut reads = Vec::with_capacity(keys.len());
        for key in keys {
            let read = if last.contains(key) {
                self.reads.remove(*key)
            } else {
                self.reads.get(*key).cloned()
            };
            match read {
                Some(read) => reads.push(read),
                None => return Err(not_read(root, key)),
            }
        }
        // Upstreams are read from disk as they stand now (a team's history is its own).
        join(root, reads, &[super::upstream::canonical(root)])
    }
}

/// A key never inserted (or handed over already): the caller's error, reported as a file
/// that could not be read.
fn not_read(root: &Path, key: &str) -> LoadError {
    LoadError::Io {
        path: root.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("file version {key} was not read"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOALS: &str =
        "version = 1\n[workspace]\nname = \"t\"\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n";
    const TASKS: &str = "[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\ngoals = [\"g\"]\n";

    #[test]
    fn a_kept_file_loads_as_the_loader_reads_it_whatever_its_place() {
        let dir = PathBuf::from("ws");
        let mut cache = ParsedFiles::default();
        cache.insert("b1".into(), dir.join("b.toml"), TASKS.as_bytes().to_vec());
        cache.insert("a1".into(), dir.join("a.toml"), GOALS.as_bytes().to_vec());
        let cached = cache.load(&dir, &["a1", "b1"]).unwrap().workspace;
        let direct = super::super::load_sources(
            &dir,
            vec![
                (dir.join("a.toml"), GOALS.as_bytes().to_vec()),
                (dir.join("b.toml"), TASKS.as_bytes().to_vec()),
            ],
        )
        .unwrap()
        .workspace;
        // The task read first (as file 0) now says it is in the second file.
        assert_eq!(cached.tasks[0].origin, direct.tasks[0].origin);
        assert_eq!(cached.tasks[0].origin.file.0, 1);
        assert_eq!(cached.goals[0].origin, direct.goals[0].origin);
        assert_eq!(cached.files.len(), 2);
        assert!(cache.load(&dir, &["a1", "zz"]).is_err());
        cache.retain(&["a1"]);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_broken_file_is_an_error_each_time_it_is_joined() {
        let dir = PathBuf::from("ws");
        let mut cache = ParsedFiles::default();
        cache.insert(
            "a".into(),
            dir.join("a.toml"),
            b"version = 1\n[[tasks]\n".to_vec(),
        );
        cache.insert("u".into(), dir.join("u.toml"), vec![0xff, 0xfe]);
        for _ in 0..2 {
            let Err(LoadError::Invalid { errors, .. }) = cache.load(&dir, &["a", "u"]) else {
                panic!("loaded")
            };
            assert_eq!(errors.len(), 2, "{errors:?}");
        }
    }
}
