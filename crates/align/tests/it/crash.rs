//! Crash safety (README "Your file is safe"): a writer killed with SIGKILL at any point of a
//! save leaves the workspace file exactly as it was or exactly as it was to become — never
//! torn — and at most its own temp file, which the next save removes.
//!
//! The writer is this test binary run again as a child (`writer_child`, enabled by an
//! environment variable): it saves a 20,000-task workspace (about 2 MB) through
//! `align_core::store::save` — the path `align link` and the board use — in a loop, alternating
//! between the file without and with one link. The parent kills it with SIGKILL after a
//! random delay, many times, and checks the directory after each kill.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use align_core::store;

use crate::common::isolate;

const CHILD_ENV: &str = "ALIGN_CRASH_CHILD";
const TASKS: usize = 20_000;
const TRIALS: usize = 150;

/// The workspace before (`old`) and after (`new`) linking one task in the middle.
fn candidates() -> (String, String) {
    let mut text = String::from(
        "version = 1\n\n[workspace]\nname = \"Crash\"\n\n[[goals]]\nid = \"g1\"\ntitle = \"First goal\"\n\n[[goals]]\nid = \"g2\"\ntitle = \"Second goal\"\n",
    );
    for n in 0..TASKS {
        text.push_str(&format!(
            "\n[[tasks]]\nid = \"T-{n:05}\"\ntitle = \"Task number {n} of the crash test workspace\"\nstatus = \"todo\"\ngoals = [\"g1\"]\n"
        ));
    }
    let path = PathBuf::from("crash/align.toml");
    let load = |text: &str| {
        align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .map(|l| l.workspace)
            .unwrap_or_else(|e| panic!("the workspace loads: {e}"))
    };
    let mut ws = load(&text);
    let task = ws.task_by_id("T-10000").unwrap();
    let edit = align_core::edit::link(&ws, task, &align_core::model::LinkRef::goal("g2"))
        .unwrap()
        .unwrap();
    align_core::edit::Edit::Link(edit).apply(&mut ws).unwrap();
    let new = ws.files[0].text.clone();
    assert_eq!(load(&new).tasks[task].goals, ["g1", "g2"]);
    (text, new)
}

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn is_temp(name: &str) -> bool {
    name.strip_prefix(".align-tmp.align.toml.")
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Not a test of its own: the writer the parent kills. Saves in a loop until killed.
#[test]
fn writer_child() {
    let Some(side) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let side = PathBuf::from(side);
    let old = fs::read(side.join("old")).unwrap();
    let new = fs::read(side.join("new")).unwrap();
    let path = PathBuf::from(fs::read_to_string(side.join("path")).unwrap());
    // The file is one of the two; start from whichever it is.
    let mut current = fs::read(&path).unwrap();
    fs::write(side.join("ready"), b"").unwrap();
    // Never outlive a parent that failed to kill us.
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let next = if current == old { &new } else { &old };
        store::save(&path, &current, next).expect("the only writer saves");
        current = next.clone();
    }
}

#[test]
fn sigkill_during_saves_never_tears_the_file() {
    let start = Instant::now();
    let (old, new) = candidates();
    let side = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, &old).unwrap();
    fs::write(side.path().join("old"), &old).unwrap();
    fs::write(side.path().join("new"), &new).unwrap();
    fs::write(side.path().join("path"), path.to_str().unwrap()).unwrap();

    let (mut saw_old, mut saw_new, mut left_temp) = (0, 0, 0);
    for trial in 0..TRIALS {
        // Counted before the writer starts (its temp file of the moment is not a leftover).
        let temps_before = names(dir.path()).iter().filter(|n| is_temp(n)).count();
        let ready = side.path().join("ready");
        let _ = fs::remove_file(&ready);
        let mut child = isolate(&mut Command::new(std::env::current_exe().unwrap()))
            .args(["--exact", "crash::writer_child", "--test-threads=1"])
            .env(CHILD_ENV, side.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let waiting = Instant::now();
        while !ready.exists() {
            if waiting.elapsed() > Duration::from_secs(20) || child.try_wait().unwrap().is_some() {
                let _ = child.kill();
                panic!("trial {trial}: the writer did not start");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // Anywhere in the first few saves, including before the first one begins.
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..60_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let bytes = fs::read(&path).unwrap();
        if bytes == old.as_bytes() {
            saw_old += 1;
        } else if bytes == new.as_bytes() {
            saw_new += 1;
        } else {
            panic!("trial {trial}: the file is neither the old nor the new version");
        }
        let now = names(dir.path());
        let temps = now.iter().filter(|n| is_temp(n)).count();
        for name in &now {
            assert!(
                name == "align.toml" || is_temp(name),
                "trial {trial}: a stray file {name:?}"
            );
        }
        assert!(
            temps <= temps_before + 1,
            "trial {trial}: one killed writer left {} temp files",
            temps - temps_before
        );
        left_temp += temps - temps_before;
    }
    // Both outcomes happened: the kills landed at different points of the saves.
    assert!(saw_old > 0 && saw_new > 0, "old {saw_old}, new {saw_new}");

    // The next save removes what killed writers left, once it is a minute old.
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in names(dir.path()).iter().filter(|n| is_temp(n)) {
        let f = fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .unwrap();
        f.set_modified(an_hour_ago).unwrap();
    }
    let current = fs::read(&path).unwrap();
    let next = if current == old.as_bytes() {
        &new
    } else {
        &old
    };
    store::save(&path, &current, next.as_bytes()).unwrap();
    assert_eq!(
        names(dir.path()),
        BTreeSet::from(["align.toml".to_string()])
    );
    eprintln!(
        "{TRIALS} SIGKILL trials in {:.1} s: {saw_old} old, {saw_new} new, {left_temp} temp files left (all removed by the next save)",
        start.elapsed().as_secs_f64()
    );
}

/// Only this file's own leftovers go, and only once they are a minute old: a live writer's
/// temp file (on a file system where the lock is not honoured) and other files are kept.
#[test]
fn the_next_save_removes_only_stale_temp_files_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, "old\n").unwrap();
    let old_enough = SystemTime::now() - Duration::from_secs(120);
    let make = |name: &str, stale: bool| {
        let f = fs::File::create(dir.path().join(name)).unwrap();
        if stale {
            f.set_modified(old_enough).unwrap();
        }
    };
    make(".align-tmp.align.toml.Ab12Cd", true); // ours, stale: removed
    make(".align-tmp.align.toml.Xy34Zw", false); // ours, fresh: kept
    make(".align-tmp.other.toml.Ab12Cd", true); // another file's: kept
    make(".align-tmp.align.toml.x.Ab12Cd", true); // "align.toml.x"'s: kept
    make(".tmpAb12Cd", true); // not align's: kept
    make("notes.txt", true);
    store::save(&path, b"old\n", b"new\n").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new\n");
    let expected: BTreeSet<String> = [
        "align.toml",
        ".align-tmp.align.toml.Xy34Zw",
        ".align-tmp.other.toml.Ab12Cd",
        ".align-tmp.align.toml.x.Ab12Cd",
        ".tmpAb12Cd",
        "notes.txt",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(names(dir.path()), expected);
}

/// A failed save (the file changed under it) leaves no temp file either.
#[test]
fn temp_files_are_named_for_the_file_and_never_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, "version = 1\n").unwrap();
    // A leftover never counts as a workspace file: it does not end in .toml.
    fs::write(dir.path().join(".align-tmp.align.toml.Ab12Cd"), "garbage [").unwrap();
    let files = align_core::load::workspace_files(dir.path()).unwrap();
    assert_eq!(files, vec![path.clone()]);
    let err = store::save(&path, b"something else\n", b"x\n").unwrap_err();
    assert!(matches!(err, store::StoreError::Changed { .. }), "{err}");
    // The workspace file and the old leftover: no lock file, no new temp file.
    assert_eq!(names(dir.path()).len(), 2);
}
