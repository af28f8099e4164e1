//! The `align` binary: parse the command line, find the workspace, run one command.
//! All domain work happens in the library; this file only wires it to a terminal.

/// `eprintln!` that never panics: when stderr is closed, or is a terminal that hung up
/// (a closed window), the line is lost and the exit status still tells.
macro_rules! eprint_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod board;
mod cli;
mod commands;
mod man;

use std::process::ExitCode;

/// A faster allocator: loading 100,000 tasks is mostly small allocations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::parse();
    let writes = cli.writes();
    match commands::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            failure.report(writes);
            ExitCode::from(2)
        }
    }
}
