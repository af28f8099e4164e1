//! What reaches the terminal: the same hostile titles — OSC 52 (writes the clipboard),
//! OSC 0 (the window title), `ESC c` (a terminal reset), `ESC ( 0` (line-drawing
//! characters), an 8-bit CSI, a right-to-left override — fed to every output path. None
//! may print a raw control character or direction override: tables, CSV, JSON (which
//! escapes them as `\u`), Markdown, HTML, explain, compare, check, imports' lines and
//! notes, errors and warnings.

use std::path::Path;

use crate::common::{dir_with, outcome};

/// The hostile strings, as TOML escapes and as the characters they are.
const ATTACKS: &[(&str, &str)] = &[
    ("\\u001b]52;c;SGVsbG8=\\u0007", "\u{1b}]52;c;SGVsbG8=\u{7}"),
    ("\\u001b]0;pwned\\u0007", "\u{1b}]0;pwned\u{7}"),
    ("\\u001bc", "\u{1b}c"),
    ("\\u001b(0", "\u{1b}(0"),
    ("\\u009b2J", "\u{9b}2J"),
    ("\\u202edlrow", "\u{202e}dlrow"),
];

fn hostile() -> String {
    ATTACKS
        .iter()
        .map(|(toml, _)| *toml)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A workspace whose every free-text field carries every attack.
fn workspace() -> String {
    let h = hostile();
    format!(
        "version = 1\n\n[workspace]\nname = \"Team {h}\"\nmission = \"Mission {h}\"\n\n\
         [[goals]]\nid = \"g\"\ntitle = \"Goal {h}\"\nowner = \"owner {h}\"\nstart = 2026-10-01\ndue = 2026-12-31\n\n\
         [[goals.key_results]]\nid = \"k\"\ntitle = \"KR {h}\"\nunit = \"u {h}\"\nstart = 0\ntarget = 10\n\
         checkins = [{{ date = 2026-11-20, value = 4, confidence = 0.5, note = \"note {h}\" }}]\n\n\
         [[tasks]]\nid = \"T-1\"\ntitle = \"Linked {h}\"\ngoals = [\"g/k\"]\nowner = \"me {h}\"\ntags = [\"tag {h}\"]\n\n\
         [[tasks]]\nid = \"T-2\"\ntitle = \"Busy {h}\"\nowner = \"you {h}\"\n\n\
         [[tasks]]\nid = \"T-3\"\ntitle = \"Goal words {h}\"\nsource = \"taskwarrior:u1\"\n"
    )
}

/// The first character of `text` that must not reach a terminal, if any.
fn first_unsafe(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        (c.is_control() && c != '\n' && c != '\t') || align_core::text::is_bidi_control(c)
    })
}

fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = first_unsafe(text) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(30)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what}: {c:?} at byte {at}: …{:?}…",
            &text[from..(at + 20).min(text.len())]
        );
    }
    for (_, raw) in ATTACKS {
        assert!(!text.contains(raw), "{what} printed {raw:?}");
    }
}

fn check(dir: &Path, args: &[&str], codes: &[i32]) {
    let out = outcome(dir, args);
    assert!(
        codes.contains(&out.code),
        "align {args:?} exited {}: {}",
        out.code,
        out.stderr
    );
    assert_clean(&format!("stdout of {args:?}"), &out.stdout);
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
}

#[test]
fn no_output_path_prints_a_control_sequence_from_the_file() {
    let dir = dir_with("align.toml", &workspace());
    let d = dir.path();
    let day = ["--today", "2026-11-25"];
    for args in [
        &["score"][..],
        &["score", "--format", "json"],
        &["score", "--format", "csv"],
        &["explain", "T-1"],
        &["explain", "T-2"],
        &["compare"],
        &["compare", "--format", "json"],
        &["compare", "--format", "markdown"],
        &["report"],
        &["report", "--format", "html"],
    ] {
        check(d, &[args, &day].concat(), &[0]);
    }
    check(
        d,
        &["check", "--max-busy", "0", "--today", "2026-11-25"],
        &[1],
    );
    // Messages that quote what the person typed or the file holds.
    let h = "\u{1b}]52;c;SGk=\u{7}\u{9b}2J\u{202e}";
    check(d, &["link", "T-1", &format!("nope{h}")], &[2]);
    check(d, &["explain", &format!("T-9{h}")], &[2]);
    check(d, &["-w", &format!("missing{h}.toml"), "score"], &[2]);
}

#[test]
fn json_escapes_them_and_reads_back_the_same() {
    let dir = dir_with("align.toml", &workspace());
    let out = outcome(
        dir.path(),
        &["score", "--format", "json", "--today", "2026-11-25"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\\u009b2J") && out.stdout.contains("\\u202edlrow"));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let title = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "T-2")
        .unwrap()["title"]
        .as_str()
        .unwrap()
        .to_string();
    for (_, raw) in ATTACKS {
        assert!(title.contains(raw), "the JSON reads back {raw:?}");
    }
}

#[test]
fn imports_print_titles_and_notes_safely() {
    let dir = dir_with("align.toml", &workspace());
    let h = hostile();
    // One task updated (T-3's source), one new, a project that names no goal.
    let json = format!(
        r#"[{{"uuid":"u1","description":"Updated {h}","status":"pending"}},
           {{"uuid":"u2","description":"New {h}","status":"pending","project":"nowhere{h}"}},
           {{"uuid":"u1","description":"Twice {h}","status":"pending"}}]"#
    );
    std::fs::write(dir.path().join("tw.json"), json).unwrap();
    check(
        dir.path(),
        &[
            "import",
            "taskwarrior",
            "tw.json",
            "--dry-run",
            "--today",
            "2026-11-25",
        ],
        &[0],
    );
    check(
        dir.path(),
        &["import", "taskwarrior", "tw.json", "--today", "2026-11-25"],
        &[0],
    );
}
