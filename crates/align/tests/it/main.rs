//! The command line and the board as a person meets them, one binary: each subcommand's
//! output and exit status, bad input, fixtures, races between writers, crashes mid-save,
//! and the real binary on a pseudo-terminal.

mod cli;
mod concurrency;
#[cfg(unix)]
mod crash;
#[cfg(unix)]
mod e2e_pty;
mod fixtures;
mod hostile;
mod import_csv;
mod import_report;
mod usage;
