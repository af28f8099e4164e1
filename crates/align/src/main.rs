//! The `align` binary: parse the command line and run one command. Everything else is in
//! the `align` library (the command line and the board) over `align-core` (the domain).

use std::process::ExitCode;

/// A faster allocator: loading 100,000 tasks is mostly small allocations. Built without
/// transparent huge pages (`no_thp` in the workspace's Cargo.toml): less memory touched.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    align::commands::main()
}
