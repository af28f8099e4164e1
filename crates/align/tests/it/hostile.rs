//! Hostile input: files and file systems built to break a loader. Each must give a clear
//! error (exit 2, `error: …`) or work — never a panic, a stack overflow, a hang or a
//! change to the file. Every case runs the real binary, both a read (`score`) and a write
//! (`link`), with a time limit.
//!
//! The million-link case runs 1,000,000 links in an optimised build
//! (`cargo test --release -p align --test it hostile::`) and 200,000 in the default debug
//! build, where a million takes about 15 s.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{self, TODAY};

const HEAD: &str = "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"The goal\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"A task\"\n";
const LINKS: usize = if cfg!(debug_assertions) {
    200_000
} else {
    1_000_000
};

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// `align ARGS --today TODAY` in `dir`: exits by itself within the limit, never panics or
/// overflows its stack, and prints no raw control character (a terminal escape) to stderr.
fn align(dir: &Path, args: &[&str]) -> Outcome {
    let start = Instant::now();
    let out = common::align(dir)
        .args(args)
        .args(["--today", TODAY])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap_or_else(|e| panic!("align {args:?} did not finish: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("align {args:?} was killed (timeout or signal): {stderr}"));
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflowed"),
        "align {args:?}: {stderr}"
    );
    assert!(
        !stderr.contains(|c: char| c.is_control() && c != '\n'),
        "align {args:?} printed a raw control character: {stderr:?}"
    );
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        elapsed: start.elapsed(),
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// A workspace file that must be refused: `score` and `link` exit 2 with `message` in
/// stderr, and nothing in the directory changes (not even a lock file appears).
fn refused(name: &str, bytes: &[u8], message: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let before = snapshot(dir.path());
    let mut last = None;
    for args in [
        vec!["-w", name, "score"],
        vec!["-w", name, "link", "T-1", "g"],
    ] {
        let o = align(dir.path(), &args);
        assert_eq!(o.code, 2, "{name} {args:?}: {}", o.stderr);
        assert!(o.stderr.contains(message), "{name} {args:?}: {}", o.stderr);
        assert!(o.stderr.starts_with("error: "), "{name}: {}", o.stderr);
        // The closing count is no `error:` line, and speaks of writing only for `link`.
        let count = o.stderr.lines().last().unwrap_or("");
        assert!(count.starts_with("align: "), "{name}: {count:?}");
        assert_eq!(
            count.ends_with("; nothing was written"),
            args[2] == "link",
            "{name} {args:?}: {count:?}"
        );
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{name} {args:?} changed the directory"
        );
        last = Some(o);
    }
    last.unwrap()
}

/// A workspace that loads: `score` works, `link` then `unlink` give back the exact bytes.
fn works(name: &str, text: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let o = align(dir.path(), &["-w", name, "score"]);
    assert_eq!(o.code, 0, "{name}: {}", o.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "score changed {name}"
    );
    let l = align(dir.path(), &["-w", name, "link", "T-1", "g"]);
    assert_eq!(l.code, 0, "{name}: {}", l.stderr);
    let u = align(dir.path(), &["-w", name, "unlink", "T-1", "g"]);
    assert_eq!(u.code, 0, "{name}: {}", u.stderr);
    assert!(
        fs::read_to_string(&path).unwrap() == text,
        "link then unlink changed {name}"
    );
    o
}

#[test]
fn empty_and_blank_files() {
    refused("empty.toml", b"", "empty workspace file");
    refused("blank.toml", b"\n\n  \t\r\n", "empty workspace file");
}

#[test]
fn invalid_utf8() {
    refused("bom16.toml", b"\xff\xfe", "1:1: file is not valid UTF-8");
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"owner = \"caf\xe9\"\n");
    let o = refused("latin1.toml", &bytes, "file is not valid UTF-8");
    assert!(o.stderr.contains("latin1.toml:10:13:"), "{}", o.stderr);
}

fn nested(depth: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "arrays",
            format!("{HEAD}goals = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "inline tables",
            format!(
                "{HEAD}x = {}1{}\n",
                "{ a = ".repeat(depth),
                " }".repeat(depth)
            ),
        ),
        (
            "dotted keys",
            format!("{HEAD}{} = 1\n", vec!["a"; depth].join(".")),
        ),
        (
            "a table header",
            format!("{HEAD}[tasks.{}]\nx = 1\n", vec!["a"; depth].join(".")),
        ),
        (
            "an array of tables header",
            format!("{HEAD}[[x.{}]]\nx = 1\n", vec!["a"; depth].join(".")),
        ),
        (
            "mixed",
            format!(
                "{HEAD}x = {}1{}\n",
                "[{ a = ".repeat(depth / 2),
                " }]".repeat(depth / 2)
            ),
        ),
    ]
}

#[test]
fn five_thousand_deep_nesting_is_refused_without_overflowing_the_stack() {
    for (what, text) in nested(5_000) {
        let o = refused("deep.toml", text.as_bytes(), "TOML syntax");
        assert!(
            o.elapsed < Duration::from_secs(30),
            "{what}: {:?}",
            o.elapsed
        );
    }
    // And far deeper than any limit.
    for (_, text) in nested(100_000) {
        refused("deeper.toml", text.as_bytes(), "TOML syntax");
    }
}

#[test]
fn multi_megabyte_strings() {
    let big = "x".repeat(5 << 20);
    let title = works("title.toml", &HEAD.replace("A task", &big));
    assert!(title.stdout.contains("T-1"));
    works("comment.toml", &format!("{HEAD}# {big}\n"));
    works("note.toml", &format!("{HEAD}note = '''\n{big}\n'''\n"));
    refused(
        "unterminated.toml",
        format!("{HEAD}note = \"{big}\n").as_bytes(),
        "TOML syntax",
    );
}

#[test]
fn a_million_links_on_one_task() {
    // Duplicates of a known goal: loads, with a warning each.
    let links = vec!["\"g\""; LINKS].join(", ");
    let text = format!("{HEAD}goals = [{links}]\n");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("many.toml"), &text).unwrap();
    let o = align(dir.path(), &["-w", "many.toml", "score"]);
    assert_eq!(o.code, 0, "{}", &o.stderr[..o.stderr.len().min(500)]);
    assert_eq!(o.stderr.matches("links \"g\" twice").count(), LINKS - 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("many.toml")).unwrap(),
        text
    );
    eprintln!(
        "{LINKS} links to one goal: loaded and scored in {:.1} s",
        o.elapsed.as_secs_f64()
    );

    // Unknown goals: an error each, exit 2.
    let links = vec!["\"nope\""; LINKS].join(", ");
    let o = refused(
        "unknown.toml",
        format!("{HEAD}goals = [{links}]\n").as_bytes(),
        &format!("\nalign: {LINKS} problems found"),
    );
    eprintln!(
        "{LINKS} unknown links: refused in {:.1} s",
        o.elapsed.as_secs_f64()
    );
}

#[test]
fn ids_and_keys_with_control_characters() {
    // Escaped in the file: a clear error, shown escaped (no terminal escape reaches stderr).
    let o = refused(
        "escaped.toml",
        HEAD.replace("\"T-1\"", "\"T\\u001b[2J-1\"").as_bytes(),
        "invalid id \"T\\u{1b}[2J-1\" in task #1: '\\u{1b}' is not allowed",
    );
    assert!(o.stderr.contains("escaped.toml:8:6:"), "{}", o.stderr);
    // Raw in the file: TOML does not allow it.
    refused(
        "raw.toml",
        HEAD.replace("\"T-1\"", "\"T\u{1b}[2J-1\"").as_bytes(),
        "TOML syntax",
    );
    let o = refused(
        "nul.toml",
        HEAD.replace("\"T-1\"", "\"T\u{0}-1\"").as_bytes(),
        "NUL byte: the file looks binary, not TOML text",
    );
    assert!(o.stderr.contains("nul.toml:8:8:"), "{}", o.stderr);
    assert!(!o.stderr.contains("must be quoted"), "{}", o.stderr);
    // An unknown key with one: kept, and warned about with the escape visible.
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEAD}\"\\u001b[31mred\" = 1\n");
    fs::write(dir.path().join("key.toml"), &text).unwrap();
    let o = align(dir.path(), &["-w", "key.toml", "score"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stderr.contains("unknown key \"\\u{1b}[31mred\""),
        "{}",
        o.stderr
    );
    // On the command line.
    let o = align(dir.path(), &["-w", "key.toml", "link", "T\u{1b}[2J", "g"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("unknown task \"T\\u{1b}[2J\""),
        "{}",
        o.stderr
    );
    let o = align(dir.path(), &["-w", "key.toml", "link", "T-1", "g\u{7}"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("unknown goal \"g\\u{7}\""),
        "{}",
        o.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("key.toml")).unwrap(),
        text
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_workspace_keeps_its_symlink() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/plan.toml");
    let link = dir.path().join("align.toml");
    fs::write(&real, HEAD).unwrap();
    std::os::unix::fs::symlink("real/plan.toml", &link).unwrap();
    let o = align(dir.path(), &["link", "T-1", "g"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/plan.toml"));
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("goals = [\"g\"]")
    );
    let o = align(dir.path(), &["unlink", "T-1", "g"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(fs::read_to_string(&real).unwrap(), HEAD);
    // Nothing but the link and the real directory next to the link.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["align.toml", "real"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_workspace_is_refused_and_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, HEAD).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(dir.path());
    let o = align(dir.path(), &["link", "T-1", "g"]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr.trim_end(),
        "error: align.toml: file is read-only; nothing was written"
    );
    assert_eq!(snapshot(dir.path()), before);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // Reading it still works.
    assert_eq!(align(dir.path(), &["score"]).code, 0);
}

#[test]
fn a_directory_without_toml_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "not a workspace").unwrap();
    fs::create_dir(dir.path().join("sub.toml")).unwrap();
    for args in [
        vec!["-w", ".", "score"],
        vec!["-w", ".", "link", "T-1", "g"],
    ] {
        let o = align(dir.path(), &args);
        assert_eq!(o.code, 2);
        assert_eq!(
            o.stderr.trim_end(),
            "error: .: no *.toml files in this directory (create one with `align init`)"
        );
    }
    let o = align(dir.path(), &["-w", "missing.toml", "score"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.starts_with("error: missing.toml: "),
        "{}",
        o.stderr
    );
}
