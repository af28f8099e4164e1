//! `align`: the command line and the board over [`align_core`].
//!
//! Everything a person sees lives here — the command line and its commands, the board, the
//! person's config, finding the workspace, and the presentation of the domain's figures as
//! tables, JSON, CSV, Markdown and HTML — while every fact they show comes from
//! `align-core`. The binary (`main.rs`) only parses the command line and runs it.

#![forbid(unsafe_code)]

/// `eprintln!` that never panics: when stderr is closed, or is a terminal that hung up
/// (a closed window), the line is lost and the exit status still tells.
///
/// Every line goes through the one sanitiser ([`align_core::text::safe_lines`]): a message
/// or warning that quotes the team's text (a title, a file name) never carries a control
/// sequence to the terminal.
macro_rules! eprint_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", align_core::text::safe_lines(&line));
    }};
}

pub mod assets;
pub mod board;
pub mod check;
pub mod checkins;
pub mod cli;
pub mod commands;
pub mod config;
pub mod discover;
pub mod explain;
pub mod history;
pub mod json;
pub mod man;
pub mod markdown;
pub mod output;
pub mod report;
pub mod table;
