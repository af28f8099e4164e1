//! RELIABILITY.md proves each promise by naming the tests and files that check it. A
//! citation of a file that moved or a test that was renamed proves nothing and misleads the
//! reader, so every one is checked here: the suite fails the day a citation goes stale.

use std::fs;
use std::path::Path;

/// Where a citation may point: the repository's own trees.
const ROOTS: [&str; 4] = ["crates/", "fuzz/", "benches/", ".ci/"];

/// Every `` `PATH` `` and `` `PATH::test_name` `` of `doc` outside fenced code blocks that
/// points into the repository, with its test name when there is one.
fn citations(doc: &str) -> Vec<(String, Option<String>)> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        for span in line.split('`').skip(1).step_by(2) {
            let plain = span
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_./-:".contains(c));
            if !plain || !ROOTS.iter().any(|r| span.starts_with(r)) {
                continue;
            }
            match span.split_once("::") {
                Some((path, name)) => found.push((path.to_string(), Some(name.to_string()))),
                None => found.push((span.to_string(), None)),
            }
        }
    }
    found
}

/// The problem with one citation, if it has one.
fn stale(root: &Path, path: &str, name: Option<&str>) -> Option<String> {
    let full = root.join(path);
    let Some(name) = name else {
        return (!full.exists()).then(|| format!("{path}: no such file or directory"));
    };
    let Ok(text) = fs::read_to_string(&full) else {
        return Some(format!("{path}: no such file"));
    };
    let defined = [format!("fn {name}("), format!("fn {name}<")]
        .iter()
        .any(|d| text.contains(d.as_str()));
    (!defined).then(|| format!("{path}: no fn {name}"))
}

#[test]
fn every_file_and_test_reliability_md_cites_exists() {
    let root = crate::common::crate_root().join("../..");
    let doc = fs::read_to_string(root.join("RELIABILITY.md")).unwrap();
    let cited = citations(&doc);
    assert!(
        cited.iter().filter(|(_, name)| name.is_some()).count() > 80,
        "the promises cite their tests as `path::test`: {cited:?}"
    );
    let problems: Vec<String> = (cited.iter())
        .filter_map(|(path, name)| stale(&root, path, name.as_deref()))
        .collect();
    assert!(
        problems.is_empty(),
        "RELIABILITY.md cites what is not there:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_stale_citation_is_caught() {
    let root = crate::common::crate_root().join("../..");
    let doc = "| 1 | x | `crates/align/tests/it/reliability_doc.rs::a_stale_citation_is_caught`, \
               `crates/align/tests/it/reliability_doc.rs::no_such_test`, `crates/nowhere.rs`, \
               `fuzz/corpus/load` |\n```sh\n`crates/in_a_code_block.rs`\n```\n";
    let problems: Vec<String> = (citations(doc).iter())
        .filter_map(|(path, name)| stale(&root, path, name.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            "crates/align/tests/it/reliability_doc.rs: no fn no_such_test",
            "crates/nowhere.rs: no such file or directory",
        ]
    );
}
