//! The shape of a crate's integration-test binary. Each crate's tests are one binary,
//! `tests/it/main.rs`, and every other file under `tests/it` is one of its modules. A file
//! that no `mod` line names is never compiled: its tests silently never run. The guard
//! test of each binary calls [`undeclared_test_files`] so that such a file fails the
//! suite instead.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (a `tests/it` directory, rooted at `main.rs`) that is not
/// reached through `mod NAME;` lines from `main.rs`, relative to `dir` and sorted. A `mod NAME;` in `main.rs`
/// or in a `mod.rs` names `NAME.rs` or `NAME/mod.rs` beside it; in any other `X.rs` it
/// names `X/NAME.rs` or `X/NAME/mod.rs`. A `#[path]` attribute is not followed: the file
/// it points at is reported, which is the safe side of a guard.
pub fn undeclared_test_files(dir: &Path) -> Vec<PathBuf> {
    let mut reached = vec![dir.join("main.rs")];
    let mut next = 0;
    while let Some(file) = reached.get(next).cloned() {
        next += 1;
        let text =
            fs::read_to_string(&file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        let own_dir = match file.file_name().and_then(|n| n.to_str()) {
            Some("main.rs" | "mod.rs") => file.parent().map(Path::to_path_buf),
            _ => Some(file.with_extension("")),
        };
        let Some(own_dir) = own_dir else { continue };
        for name in declared_modules(&text) {
            let candidates = [
                own_dir.join(format!("{name}.rs")),
                own_dir.join(&name).join("mod.rs"),
            ];
            if let Some(found) = candidates.into_iter().find(|p| p.is_file())
                && !reached.contains(&found)
            {
                reached.push(found);
            }
        }
    }
    let mut all = Vec::new();
    rust_files(dir, &mut all);
    let mut undeclared: Vec<PathBuf> = all
        .into_iter()
        .filter(|f| !reached.contains(f))
        .map(|f| {
            f.strip_prefix(dir)
                .map_or_else(|_| f.clone(), Path::to_path_buf)
        })
        .collect();
    undeclared.sort();
    undeclared
}

/// The names in `mod NAME;` lines (with any `pub` and attributes before them); inline
/// modules (`mod NAME {`) and commented-out lines are no file and are skipped.
pub fn declared_modules(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let mut rest = line.trim();
            // Attributes written on the same line: `#[cfg(unix)] mod crash;`.
            while rest.starts_with("#[") {
                rest = rest[rest.find(']')? + 1..].trim_start();
            }
            for visibility in ["pub(crate) ", "pub(super) ", "pub "] {
                if let Some(r) = rest.strip_prefix(visibility) {
                    rest = r.trim_start();
                }
            }
            let name = rest.strip_prefix("mod ")?.trim().strip_suffix(';')?.trim();
            let name = name.strip_prefix("r#").unwrap_or(name);
            (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .then(|| name.to_string())
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod_lines_are_read_with_their_attributes_and_visibility() {
        let text = "//! doc\n\nmod cli;\n#[cfg(unix)]\nmod crash;\n#[cfg(unix)] mod e2e_pty;\npub mod common;\npub(crate) mod r#match;\n// mod old;\nmod inline {\n}\nuse x::mod_y;\n";
        assert_eq!(
            declared_modules(text),
            ["cli", "crash", "e2e_pty", "common", "match"]
        );
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn files_no_mod_line_reaches_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "main.rs", "mod common;\nmod score;\nmod import;\n");
        write(root, "common/mod.rs", "mod pty;\n");
        write(root, "common/pty.rs", "");
        write(root, "common/stray.rs", "");
        write(root, "score.rs", "mod json;\n");
        write(root, "score/json.rs", "");
        write(root, "score/csv.rs", "");
        write(root, "import/mod.rs", "");
        write(root, "forgotten.rs", "");
        // Named, but from the wrong place: `mod json;` in main.rs would mean ./json.rs.
        write(root, "json.rs", "");
        write(root, "notes.txt", "mod notes;");
        let rel: Vec<String> = undeclared_test_files(root)
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            rel,
            ["common/stray.rs", "forgotten.rs", "json.rs", "score/csv.rs"]
        );
    }

    #[test]
    fn a_binary_whose_files_are_all_declared_has_nothing_to_report() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "main.rs", "mod a;\n");
        write(dir.path(), "a.rs", "");
        assert!(undeclared_test_files(dir.path()).is_empty());
    }
}
