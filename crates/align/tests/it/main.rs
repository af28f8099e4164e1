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
mod hostile;
mod import_report;
mod init;
mod link;
mod output;
mod score;
mod workspace;
