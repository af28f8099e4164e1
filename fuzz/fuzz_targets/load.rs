//! Arbitrary bytes as a workspace: loading (and validation) must never panic, overflow the
//! stack or hang; a workspace that loads must score (both lenses), compare and give its
//! insights without panicking. (The output formats are the `align` crate's; its tests feed
//! them hostile input.) Every input is also loaded by the loader the current one replaced
//! (`align_core::load::reference`, parsing into `toml`'s `DeTable`), and the two must give
//! the same model and messages, or differ only as `align_testkit::differential` allows.
//!
//! Input: one file; or, when the first byte is odd, two files of a directory workspace
//! split at the first NUL byte; or, when it is 2 mod 4, a differential test of the loader's
//! parallel path for large files (`crates/align-core/src/chunks.rs`): the rest, after a
//! 1 MB comment line that makes it large, must load exactly as it does alone (same model
//! with every span moved by the comment's length, same messages).

#![no_main]

use std::path::{Path, PathBuf};

use align_core::model::Lens;
use align_core::{compare, insights, score_workspace};
use align_testkit::differential;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

/// Every span of the model moved back by `by` bytes.
fn unshift(ws: &mut align_core::Workspace, by: usize) {
    let back = |r: &mut std::ops::Range<usize>| {
        r.start -= by;
        r.end -= by;
    };
    for t in &mut ws.tasks {
        back(&mut t.origin.span);
        back(&mut t.layout.block);
        t.layout.last_value_end -= by;
        if let Some(r) = &mut t.layout.goals_value {
            back(r);
        }
    }
    for g in &mut ws.goals {
        back(&mut g.origin.span);
        back(&mut g.block);
        for k in &mut g.key_results {
            back(&mut k.origin.span);
        }
    }
}

/// `ws/align.toml:LINE:COL` in a message (pointing at another place) as `ws/align.toml:_`.
fn without_places(message: &str) -> String {
    let key = "ws/align.toml:";
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find(key) {
        out.push_str(&rest[..at + key.len()]);
        out.push('_');
        rest = rest[at + key.len()..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
    }
    out.push_str(rest);
    out
}

/// What a load gave, positions aside: the model, or the messages.
fn outcome(r: Result<align_core::Loaded, align_core::LoadError>, by: usize) -> String {
    let messages = |ds: &[align_core::Diagnostic]| {
        let mut m: Vec<String> = ds
            .iter()
            .map(|d| format!("{} {}", d.severity, without_places(&d.message)))
            .collect();
        m.sort();
        m
    };
    match r {
        Ok(mut l) => {
            unshift(&mut l.workspace, by);
            let w = &l.workspace;
            format!(
                "{:?} {:?} {:?} {} {:?}\n{:#?}\n{:#?}\n{:?}",
                w.name,
                w.mission,
                w.lens,
                w.stale_after_days,
                w.coefficients,
                w.goals,
                w.tasks,
                messages(&l.warnings)
            )
        }
        Err(align_core::LoadError::Invalid { errors, warnings }) => {
            format!("{:?}\n{:?}", messages(&errors), messages(&warnings))
        }
        Err(e) => e.to_string(),
    }
}

fn pieces_agree(text: &str) {
    if text.trim().is_empty() || text.starts_with('\u{feff}') {
        return;
    }
    let pad = format!("#{}\n", "x".repeat(1 << 20));
    let root = Path::new("ws");
    let path = PathBuf::from("ws/align.toml");
    let alone =
        align_core::load::load_sources(root, vec![(path.clone(), text.as_bytes().to_vec())]);
    let padded =
        align_core::load::load_sources(root, vec![(path, format!("{pad}{text}").into_bytes())]);
    let (a, b) = (outcome(alone, 0), outcome(padded, pad.len()));
    assert!(a == b, "a large file loads differently:\n{a}\n---\n{b}");
}

/// The loader and the reference loader agree on `sources`.
fn loaders_agree(sources: &[(PathBuf, Vec<u8>)]) {
    if let Err(e) = differential::compare(Path::new("ws"), sources) {
        panic!("{e}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some((mode, rest)) = data.split_first()
        && mode % 4 == 2
    {
        if let Ok(text) = std::str::from_utf8(rest) {
            pieces_agree(text);
        }
        loaders_agree(&[(PathBuf::from("ws/align.toml"), rest.to_vec())]);
        return;
    }
    let sources = match data.split_first() {
        Some((mode, rest)) if mode % 2 == 1 => {
            let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            let second = rest.get(cut + 1..).unwrap_or_default();
            vec![
                (PathBuf::from("ws/a.toml"), rest[..cut].to_vec()),
                (PathBuf::from("ws/b.toml"), second.to_vec()),
            ]
        }
        _ => vec![(PathBuf::from("ws/align.toml"), data.to_vec())],
    };
    loaders_agree(&sources);
    let loaded = match align_core::load::load_sources(Path::new("ws"), sources) {
        Ok(loaded) => loaded,
        Err(e) => {
            // Every message renders.
            let mut text = e.to_string();
            if let align_core::LoadError::Invalid { errors, warnings } = &e {
                for d in errors.iter().chain(warnings) {
                    text.push_str(&d.to_string());
                }
            }
            std::hint::black_box(text);
            return;
        }
    };
    let ws = &loaded.workspace;
    for d in &loaded.warnings {
        std::hint::black_box(d.to_string());
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    for lens in [None, Some(Lens::Crunch)] {
        let board = score_workspace(ws, today, lens);
        std::hint::black_box(compare::compare(ws, &board));
        std::hint::black_box(insights::insights(ws, &board));
    }
});
