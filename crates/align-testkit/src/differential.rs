//! The loader against the one it replaced: every input loaded by both —
//! `align_core::load::load_sources` (the spans of `toml_parser`'s events) and
//! `align_core::load::reference::load_sources` (`toml`'s `DeTable` tree) — must give the
//! same workspace, every field and span of it, or the same errors and warnings, text,
//! line and column.
//!
//! Except where the loader is meant to be stricter: TOML requires an integer to have
//! digits and to fit in 64 bits, and the reference let `0x`, `0b`, `0o`, an integer
//! ending in an Arabic-Indic digit and `2^64` through (under keys align does not read,
//! they loaded). Those inputs are listed in [`STRICTER`]; on them the loader must fail,
//! for one of those reasons (shown, or found by its TOML layer when the 20 problems
//! shown leave it out), and say nothing the reference did not say of the workspace, or of
//! the workspace without the files refused (beyond a second message on a line the
//! reference reported on: see [`compare`]).
//!
//! Shared by `align-core`'s tests (the fuzz corpus, generated workspaces and the
//! fixtures) and the `load` fuzz target.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use align_core::{Diagnostic, LoadError, Loaded};

/// The messages only the loader gives, each with why the reference was wrong to accept
/// the document.
pub const STRICTER: &[(&str, &str)] = &[
    (
        "TOML syntax: invalid integer number, expected digits 0-9",
        "a decimal integer with a character that is not an ASCII digit, such as an \
         Arabic-Indic zero: TOML integers are ASCII digits (toml-test \
         invalid/integer/arabic-zero-*)",
    ),
    (
        "TOML syntax: invalid hexadecimal number, expected digits 0-9 and a-f",
        "`0x` with no digits after it (toml-test invalid/integer/incomplete-hex)",
    ),
    (
        "TOML syntax: invalid octal number, expected digits 0-7",
        "`0o` with no digits after it (toml-test invalid/integer/incomplete-oct)",
    ),
    (
        "TOML syntax: invalid binary number, expected digits 0 and 1",
        "`0b` with no digits after it (toml-test invalid/integer/incomplete-bin)",
    ),
    (
        "TOML syntax: integer out of range, TOML integers are 64-bit \
         (-9223372036854775808 to 9223372036854775807)",
        "an integer beyond 64 bits: TOML 1.1 says \"if an integer cannot be represented \
         losslessly, an error must be thrown\"",
    ),
];

/// How the two loaders compared on one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    /// The same outcome, byte for byte.
    Same,
    /// The loader refused, as it must, a document the reference accepted: which of the
    /// [`STRICTER`] messages it gave.
    Stricter(&'static str),
}

fn diagnostics(out: &mut String, label: &str, ds: &[Diagnostic]) {
    for d in ds {
        let _ = writeln!(out, "{label} {} {d}", d.severity);
    }
}

/// Everything a load gave, as text: the model with every field and span, or the
/// messages with their places.
pub fn outcome(r: &Result<Loaded, LoadError>) -> String {
    let mut out = String::new();
    match r {
        Ok(l) => {
            let w = &l.workspace;
            let _ = writeln!(
                out,
                "ok {:?} {:?} {:?} {} {} {:?} {:?}",
                w.name,
                w.mission,
                w.lens,
                w.stale_after_days,
                w.traction_window_days,
                w.coefficients,
                w.root
            );
            let _ = writeln!(out, "key {:?}", w.key);
            for u in &w.upstreams {
                let _ = writeln!(
                    out,
                    "upstream {:?} {:?} {:?} {:?} {} files",
                    u.key,
                    u.name,
                    u.mission,
                    u.root,
                    u.files.len()
                );
            }
            for f in &w.files {
                let _ = writeln!(out, "file {:?} {} bytes", f.path, f.text.len());
            }
            let _ = writeln!(out, "{:#?}\n{:#?}", w.goals, w.tasks);
            diagnostics(&mut out, "warning", &l.warnings);
        }
        Err(LoadError::Invalid { errors, warnings }) => {
            diagnostics(&mut out, "error", errors);
            diagnostics(&mut out, "warning", warnings);
        }
        Err(e) => {
            let _ = writeln!(out, "failed {e}");
        }
    }
    out
}

fn stricter(message: &str) -> Option<&'static str> {
    STRICTER
        .iter()
        .find(|(m, _)| *m == message)
        .map(|(m, _)| *m)
}

/// The [`STRICTER`] message the TOML layer gives for each file, if any. It may not be
/// among the messages shown: at most 20 TOML problems are shown, one a line, and a
/// stricter one can take the place of another or be the second on its line.
fn stricter_in(sources: &[(PathBuf, Vec<u8>)]) -> Vec<Option<&'static str>> {
    let mut scratch = align_core::load::doc::Scratch::default();
    sources
        .iter()
        .map(|(_, bytes)| {
            let text = std::str::from_utf8(bytes).ok()?;
            let errors = align_core::load::doc::Doc::parse(text, &mut scratch).err()?;
            errors
                .iter()
                .find_map(|e| stricter(&format!("TOML syntax: {}", e.message)))
        })
        .collect()
}

/// The errors and warnings of a load (none for a workspace that loaded).
fn messages(r: &Result<Loaded, LoadError>) -> Option<(Vec<Diagnostic>, Vec<Diagnostic>)> {
    match r {
        Ok(l) => Some((Vec::new(), l.warnings.clone())),
        Err(LoadError::Invalid { errors, warnings }) => Some((errors.clone(), warnings.clone())),
        Err(_) => None,
    }
}

/// Load `sources` with both loaders and compare; `Err` says how they differ.
pub fn compare(root: &Path, sources: &[(PathBuf, Vec<u8>)]) -> Result<Agreement, String> {
    let new = align_core::load::load_sources(root, sources.to_vec());
    let old = align_core::load::reference::load_sources(root, sources.to_vec());
    let (a, b) = (outcome(&new), outcome(&old));
    if a == b {
        return Ok(Agreement::Same);
    }
    let differ = || format!("the loaders differ\n--- loader:\n{a}--- reference:\n{b}");
    // The one difference allowed: the loader refuses a document for a [`STRICTER`]
    // reason, and everything else it says, the reference said too.
    let Err(LoadError::Invalid { errors, warnings }) = &new else {
        return Err(differ());
    };
    let refused = stricter_in(sources);
    let shown = errors.iter().find_map(|e| stricter(&e.message));
    let Some(reason) = shown.or_else(|| refused.iter().flatten().next().copied()) else {
        return Err(differ());
    };
    let Some((mut old_errors, mut old_warnings)) = messages(&old) else {
        return Err(differ());
    };
    // A file refused as TOML adds nothing to the workspace, so the other files are
    // checked as they are without it (the one file left must then carry `version`):
    // what the reference says of the workspace without the refused files is explained.
    if sources.len() > 1 && refused.iter().any(Option::is_some) {
        let rest: Vec<_> = sources
            .iter()
            .zip(&refused)
            .filter(|(_, r)| r.is_none())
            .map(|(s, _)| s.clone())
            .collect();
        if !rest.is_empty()
            && let Some((e, w)) = messages(&align_core::load::reference::load_sources(root, rest))
        {
            old_errors.extend(e);
            old_warnings.extend(w);
        }
    }
    // Problems are reported one a line, the first found; a stricter message found
    // between two on one line lets the second through, so an error on a line the
    // reference reported on is explained too.
    let reported = |e: &Diagnostic| {
        old_errors
            .iter()
            .any(|o| o == e || (o.file == e.file && o.line == e.line))
    };
    let unexplained = errors
        .iter()
        .filter(|e| stricter(&e.message).is_none())
        .any(|e| !reported(e))
        || warnings.iter().any(|w| !old_warnings.contains(w));
    if unexplained {
        return Err(differ());
    }
    Ok(Agreement::Stricter(reason))
}

/// A workspace to load: its root and its files' bytes.
pub type Sources = (PathBuf, Vec<(PathBuf, Vec<u8>)>);

/// The workspaces the `load` fuzz target makes of one input: one file; the input after
/// its first byte as one file; and two files of a directory cut at the first NUL byte
/// after the first byte.
pub fn sources_of(data: &[u8]) -> Vec<Sources> {
    let mut sets = vec![(
        PathBuf::from("ws"),
        vec![(PathBuf::from("ws/align.toml"), data.to_vec())],
    )];
    if let Some((_, rest)) = data.split_first() {
        sets.push((
            PathBuf::from("ws"),
            vec![(PathBuf::from("ws/align.toml"), rest.to_vec())],
        ));
        let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let second = rest.get(cut + 1..).unwrap_or_default();
        sets.push((
            PathBuf::from("ws"),
            vec![
                (PathBuf::from("ws/a.toml"), rest[..cut].to_vec()),
                (PathBuf::from("ws/b.toml"), second.to_vec()),
            ],
        ));
    }
    sets
}

/// The input after its first byte, made large enough (by a 1 MB comment line in front)
/// to be read in parallel pieces, as the fuzz target's third mode does.
pub fn large_of(data: &[u8]) -> Option<Sources> {
    let (_, rest) = data.split_first()?;
    let mut padded = format!("#{}\n", "x".repeat(1 << 20)).into_bytes();
    padded.extend_from_slice(rest);
    Some((
        PathBuf::from("ws"),
        vec![(PathBuf::from("ws/align.toml"), padded)],
    ))
}
