//! Whose file it is: a save replaces the file by renaming a new one over it, which needs
//! only the directory's permission, so align checks for itself what the rename would not —
//! that this user may write the file, that it has no other hard links, that it is a regular
//! file at all — and gives the new file the old one's owner, group, mode and extended
//! attributes. The tests that need two users run as root and drop to `nobody` with
//! `setpriv` (util-linux), as a shared machine would have it.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{align, isolate};

const WS: &str = "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"Grow\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"One\"\n";
const NOBODY: u32 = 65534;

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A scratch directory anyone may enter and write, as a shared project directory is.
fn shared_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

fn chown(path: &Path, uid: u32, gid: u32) {
    rustix::fs::chown(
        path,
        Some(rustix::fs::Uid::from_raw(uid)),
        Some(rustix::fs::Gid::from_raw(gid)),
    )
    .unwrap();
}

/// `align ARGS` in `dir` as user `nobody`.
fn align_as_nobody(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("setpriv");
    isolate(&mut cmd);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_align"))
        .args(args)
        .current_dir(dir);
    cmd.output().expect("setpriv runs")
}

#[test]
fn a_user_who_may_not_write_the_file_is_refused_and_it_stays_its_owners() {
    if !is_root() {
        eprintln!("skipped: needs root to make a file another user owns");
        return;
    }
    let dir = shared_dir();
    let path = dir.path().join("align.toml");
    fs::write(&path, WS).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    // nobody may write the directory but not the file: a rename would still work.
    let out = align_as_nobody(dir.path(), &["link", "T-1", "g"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("you may not write this file (it belongs to user 0); nothing was written"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), WS);
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (0, 0o644));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temp file left");
}

#[test]
fn a_save_by_root_keeps_the_owner_group_mode_and_extended_attributes() {
    if !is_root() {
        eprintln!("skipped: needs root to save another user's file");
        return;
    }
    let dir = shared_dir();
    let path = dir.path().join("align.toml");
    fs::write(&path, WS).unwrap();
    chown(&path, NOBODY, NOBODY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    rustix::fs::setxattr(
        &path,
        "user.origin",
        b"team-okrs",
        rustix::fs::XattrFlags::empty(),
    )
    .unwrap();
    align(dir.path())
        .args(["link", "T-1", "g"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("goals = [\"g\"]")
    );
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o7777),
        (NOBODY, NOBODY, 0o600),
        "owner, group and mode kept"
    );
    let mut value = [0u8; 64];
    let n = rustix::fs::getxattr(&path, "user.origin", &mut value[..]).expect("xattr kept");
    assert_eq!(&value[..n], b"team-okrs");
    // And nobody, its owner, can still edit it.
    let out = align_as_nobody(dir.path(), &["unlink", "T-1", "g"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), WS);
}

#[test]
fn a_file_with_other_hard_links_is_refused_not_split() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    let other = dir.path().join("other-name.toml.bak");
    fs::write(&path, WS).unwrap();
    fs::hard_link(&path, &other).unwrap();
    let out = align(dir.path())
        .args(["link", "T-1", "g"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("the file has 2 hard links"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), WS);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2, "still one file");
}

/// Run `align ARGS` in `dir`, giving up (and failing) after five seconds.
fn within_five_seconds(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_align"));
    isolate(&mut cmd);
    let mut child = cmd
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.code(), stderr);
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("align {args:?} still running after 5 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_fifo_or_a_device_as_the_workspace_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .unwrap();
    for target in [fifo.to_str().unwrap(), "/dev/zero", "/dev/null"] {
        let (code, stderr) = within_five_seconds(dir.path(), &["-w", target, "score"]);
        assert_eq!(code, Some(2), "{target}: {stderr}");
        assert!(
            stderr
                .contains("not a regular file (a workspace is a TOML file or a directory of them)"),
            "{target}: {stderr}"
        );
    }
}

#[test]
fn a_symlink_loop_in_a_directory_is_named_not_passed_over_in_silence() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("align.toml"), WS).unwrap();
    std::os::unix::fs::symlink("loop.toml", dir.path().join("loop.toml")).unwrap();
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("dangling.toml")).unwrap();
    let (code, stderr) = within_five_seconds(dir.path(), &["-w", ".", "score"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("loop.toml:1:1: skipped: a symlink loop, not a workspace file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dangling.toml:1:1: skipped: a symlink to nothing, or unreadable"),
        "{stderr}"
    );
}
