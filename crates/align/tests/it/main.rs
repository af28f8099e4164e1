//! The command line and the board as a person meets them, one binary: each subcommand's
//! output and exit status, the environment it reads, bad input, fixtures, races between
//! writers, crashes mid-save, and the real binary on a pseudo-terminal. Every run of the
//! binary goes through `common`, which gives it an environment of its own.

mod common;

mod check;
mod compare;
mod concurrency;
#[cfg(unix)]
mod crash;
mod demo;
#[cfg(unix)]
mod e2e_pty;
mod environment;
mod explain;
mod fixtures;
mod help;
mod history;
mod hostile;
mod hostile_output;
mod import_csv;
mod import_report;
mod init;
mod link;
mod output;
mod over_time;
#[cfg(unix)]
mod permissions;
mod score;
mod workspace;

/// A test file that no `mod` line names is never compiled, and its tests never run.
#[test]
fn every_test_file_is_part_of_the_binary() {
    let dir = common::crate_root().join("tests/it");
    let undeclared = align_testkit::test_layout::undeclared_test_files(&dir);
    assert!(
        undeclared.is_empty(),
        "not part of the test binary (add a `mod` line for each): {undeclared:#?}"
    );
}
