use super::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(std::string::ToString::to_string).collect()
}

#[test]
fn save_replaces_content() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "old\n").unwrap();
    let before = read(&p).unwrap();
    save(&p, &before, b"new\n").unwrap();
    assert_eq!(read(&p).unwrap(), b"new\n");
    // A second save from the fresh read works too (the lock was released).
    save(&p, b"new\n", b"newer\n").unwrap();
    assert_eq!(read(&p).unwrap(), b"newer\n");
}

#[test]
fn changed_on_disk_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "v1\n").unwrap();
    let before = read(&p).unwrap();
    fs::write(&p, "edited elsewhere\n").unwrap();
    let err = save(&p, &before, b"mine\n").unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("changed on disk since it was read")
    );
    assert!(err.to_string().starts_with(&p.display().to_string()));
    assert_eq!(read(&p).unwrap(), b"edited elsewhere\n");
}

#[cfg(unix)]
#[test]
fn holds_compares_every_byte_and_the_length() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    // Larger than one piece of the comparison, with the difference in a later piece.
    let text: Vec<u8> = (0..700_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    fs::write(&path, &text).unwrap();
    assert!(holds(&path, &[&text]).unwrap());
    let mut other = text.clone();
    other[600_000] = b'#';
    assert!(!holds(&path, &[&other]).unwrap());
    assert!(!holds(&path, &[&text[..text.len() - 1]]).unwrap());
    let mut longer = text.clone();
    longer.push(b'\n');
    assert!(!holds(&path, &[&longer]).unwrap());
    // The same bytes in pieces (a session's text around an edit): cut anywhere, empty
    // pieces included, they are the file; a piece one byte off is not.
    for cut in [0, 1, 262_143, 262_144, 600_000, 699_999, 700_000] {
        let (a, b) = text.split_at(cut);
        assert!(holds(&path, &[a, b"", b]).unwrap(), "cut at {cut}");
        assert!(!holds(&path, &[a, b"x", b]).unwrap(), "cut at {cut}");
        assert!(!holds(&path, &[a, &b[b.len().min(1)..]]).unwrap() || b.is_empty());
    }
    let (a, rest) = text.split_at(300_000);
    let (b, c) = rest.split_at(5);
    assert!(holds(&path, &[a, b, c]).unwrap());
    assert!(!holds(&path, &[a, &other[300_000..300_005], &other[300_005..]]).unwrap());
    fs::write(&path, b"").unwrap();
    assert!(holds(&path, &[]).unwrap());
    assert!(holds(&path, &[b""]).unwrap());
    assert!(!holds(&path, &[b"x"]).unwrap());
}

#[test]
fn read_only_is_refused_and_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "keep\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    // Checked by mode bits, so this holds even when running as root.
    let err = save(&p, b"keep\n", b"clobber\n").unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(
        err.to_string()
            .ends_with("file is read-only; nothing was written")
    );
    assert_eq!(read(&p).unwrap(), b"keep\n");
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn symlink_is_preserved_and_target_updated() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = dir.path().join("align.toml");
    fs::write(&real, "old\n").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save(&link, b"old\n", b"new\n").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), real);
    assert_eq!(fs::read(&real).unwrap(), b"new\n");
    // Nothing is left beside them: the lock is the directory's own.
    assert_eq!(names(dir.path()), set(&["real.toml", "align.toml"]));
}

#[cfg(unix)]
#[test]
fn permissions_are_preserved() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "old\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    save(&p, b"old\n", b"new\n").unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn no_stray_temp_files_after_success_or_changed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "a\n").unwrap();
    save(&p, b"a\n", b"b\n").unwrap();
    let expected = set(&["align.toml"]);
    assert_eq!(names(dir.path()), expected);
    let err = save(&p, b"a\n", b"c\n").unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err:?}");
    assert_eq!(names(dir.path()), expected);
}

#[test]
fn save_waits_for_a_briefly_held_lock() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "old\n").unwrap();
    // Another writer holds the workspace lock: the directory's.
    let held = File::open(dir.path()).unwrap();
    held.try_lock().unwrap();
    let releaser = thread::spawn(move || {
        thread::sleep(Duration::from_millis(200));
        drop(held);
    });
    let start = Instant::now();
    save(&p, b"old\n", b"new\n").unwrap();
    assert!(start.elapsed() >= Duration::from_millis(150));
    assert_eq!(read(&p).unwrap(), b"new\n");
    releaser.join().unwrap();
}

#[test]
fn locked_message_names_the_locked_directory() {
    let err = StoreError::Locked {
        path: PathBuf::from("align.toml"),
        dir: PathBuf::from("/home/dana/okrs"),
    };
    assert_eq!(
        err.to_string(),
        "align.toml: another align is writing this workspace (it held the lock on /home/dana/okrs for 5 s); nothing was written"
    );
}

#[test]
fn concurrent_savers_lose_no_update() {
    const THREADS: usize = 8;
    const PER_THREAD: usize = 10;
    let dir = tempfile::tempdir().unwrap();
    let p = Arc::new(dir.path().join("align.toml"));
    fs::write(&*p, "").unwrap();
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let p = Arc::clone(&p);
            thread::spawn(move || {
                for i in 0..PER_THREAD {
                    loop {
                        let before = read(&p).unwrap();
                        let mut after = before.clone();
                        after.extend_from_slice(format!("t{t}-{i}\n").as_bytes());
                        match save(&p, &before, &after) {
                            Ok(()) => break,
                            Err(StoreError::Changed { .. } | StoreError::Locked { .. }) => {}
                            Err(e) => panic!("{e}"),
                        }
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let text = String::from_utf8(read(&p).unwrap()).unwrap();
    let lines: BTreeSet<&str> = text.lines().collect();
    assert_eq!(text.lines().count(), THREADS * PER_THREAD);
    for t in 0..THREADS {
        for i in 0..PER_THREAD {
            assert!(
                lines.contains(format!("t{t}-{i}").as_str()),
                "lost t{t}-{i}"
            );
        }
    }
    assert_eq!(names(dir.path()), set(&["align.toml"]));
}

#[test]
fn create_new_writes_and_refuses_existing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    create_new(&p, b"fresh\n").unwrap();
    assert_eq!(read(&p).unwrap(), b"fresh\n");
    let err = create_new(&p, b"other\n").unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("align init never overwrites a file")
    );
    assert_eq!(read(&p).unwrap(), b"fresh\n");
    assert_eq!(names(dir.path()), set(&["align.toml"]));
}

#[test]
fn create_new_does_not_clobber_a_racing_creator() {
    // Several creators may all pass the existence pre-check; persist_noclobber lets one win.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    let barrier = Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (p, barrier) = (p.clone(), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                create_new(&p, format!("creator {t}\n").as_bytes()).is_ok()
            })
        })
        .collect();
    let winners = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(winners, 1);
    assert!(read(&p).unwrap().starts_with(b"creator "));
    assert_eq!(names(dir.path()), set(&["align.toml"]));
}

#[test]
fn io_error_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("missing.toml");
    let err = save(&p, b"", b"x").unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&p.display().to_string()));
    assert!(read(&p).is_err());
}

#[test]
fn a_save_of_several_files_checks_them_all_before_writing_any() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    fs::write(&a, "a1\n").unwrap();
    fs::write(&b, "b1\n").unwrap();
    let lock = lock_workspace(dir.path()).unwrap();
    // The second file changed since it was read: the first is not written either.
    fs::write(&b, "b-elsewhere\n").unwrap();
    let err = replace_all(
        &lock,
        &[
            Replacement {
                path: &a,
                expected: &[b"a1\n"],
                new: b"a2\n",
            },
            Replacement {
                path: &b,
                expected: &[b"b1\n"],
                new: b"b2\n",
            },
        ],
    )
    .unwrap_err();
    assert!(matches!(err.error, StoreError::Changed { .. }), "{err}");
    assert!(err.saved.is_empty());
    assert_eq!(read(&a).unwrap(), b"a1\n");
    assert_eq!(read(&b).unwrap(), b"b-elsewhere\n");
    assert_eq!(names(dir.path()), set(&["a.toml", "b.toml"]));
    // Both as read: both written.
    replace_all(
        &lock,
        &[
            Replacement {
                path: &a,
                expected: &[b"a1\n"],
                new: b"a2\n",
            },
            Replacement {
                path: &b,
                expected: &[b"b-elsewhere\n"],
                new: b"b2\n",
            },
        ],
    )
    .unwrap();
    assert_eq!(
        (read(&a).unwrap(), read(&b).unwrap()),
        (b"a2\n".to_vec(), b"b2\n".to_vec())
    );
}

#[cfg(unix)]
#[test]
fn a_full_disk_names_the_file_once_and_says_nothing_was_written() {
    let err = StoreError::Write {
        path: PathBuf::from("team/align.toml"),
        source: io::Error::from_raw_os_error(28),
    };
    let text = err.to_string();
    assert!(
        text.starts_with("team/align.toml: No space left on device"),
        "{text}"
    );
    assert!(text.ends_with("; nothing was written"), "{text}");
    assert!(!text.contains(".align-tmp"), "{text}");
}

#[test]
fn a_temp_file_that_cannot_be_made_is_not_named_in_the_error() {
    // A full disk fails the temp file's creation, and tempfile's error names the temp file
    // (then `StoreError::Write` named the workspace file too: two names, one of them
    // meaningless to the user). Only the system's error stays.
    let dir = tempfile::tempdir().unwrap();
    let e = super::temp::temp_builder(".align-tmp.align.toml.")
        .tempfile_in(dir.path().join("missing"))
        .unwrap_err();
    assert!(e.to_string().contains(".align-tmp"), "{e}");
    let e = super::temp::without_temp_name(e);
    assert_eq!(e.kind(), io::ErrorKind::NotFound, "{e}");
    assert!(!e.to_string().contains(".align-tmp"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_stamp_sees_a_same_size_same_time_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("align.toml");
    fs::write(&p, "aaaa\n").unwrap();
    let before = stamp(&p).unwrap();
    let other = dir.path().join("other");
    fs::write(&other, "bbbb\n").unwrap();
    let f = File::options().write(true).open(&other).unwrap();
    f.set_modified(fs::metadata(&p).unwrap().modified().unwrap())
        .unwrap();
    drop(f);
    fs::rename(&other, &p).unwrap();
    assert_ne!(stamp(&p).unwrap(), before);
    assert_eq!(stamp(&p), stamp(&p));
}
