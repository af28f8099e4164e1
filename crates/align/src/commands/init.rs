//! `align init`: a starter workspace, with comments on every key, written where the
//! command line or `ALIGN_WORKSPACE` says (else `./align.toml`) — never over a file
//! that is already there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::discover;
use align_core::store;

use super::Failure;
use super::context::{Context, out};
use crate::cli::Cli;

/// `align init [PATH]`.
pub(super) fn init(cli: &Cli, cx: &Context, own: Option<&Path>) -> Result<ExitCode, Failure> {
    let env = std::env::var_os("ALIGN_WORKSPACE").map(PathBuf::from);
    let target = init_target(
        own,
        cli.workspace.as_deref(),
        cli.path.as_deref(),
        env.as_deref(),
    );
    // Dated from today, so the new plan starts fresh: nothing stale, nothing past due.
    store::create_new(&target, crate::assets::starter(cx.today).as_bytes())
        .map_err(|e| Failure::Message(e.to_string()))?;
    // `align score` finds ./align.toml (or one in a parent); any other name is named.
    let found = target.file_name().is_some_and(|n| n == discover::FILE_NAME)
        && target
            .parent()
            .is_none_or(|p| p.as_os_str().is_empty() || p == Path::new("."));
    let (score, open) = if found {
        ("align score".to_string(), "align".to_string())
    } else {
        let w = target.display();
        (format!("align -w {w} score"), format!("align {w}"))
    };
    out(&format!(
        "wrote {}: a starter workspace with comments on every key.\nnext: edit it, then `{score}`, or `{open}` to open the board\n",
        target.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Where `align init` writes: its own PATH, else the workspace named by `-w` (or the
/// `PATH` before the subcommand), else `ALIGN_WORKSPACE`, else `./align.toml`. A directory
/// (one that exists, or a name ending in `/`) gets `align.toml` inside it.
fn init_target(
    own: Option<&Path>,
    flag: Option<&Path>,
    path: Option<&Path>,
    env: Option<&Path>,
) -> PathBuf {
    let Some(p) = own
        .or(flag)
        .or(path)
        .or(env.filter(|e| !e.as_os_str().is_empty()))
    else {
        return PathBuf::from(discover::FILE_NAME);
    };
    let names_dir = p
        .to_str()
        .is_some_and(|s| s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR));
    if p.is_dir() || names_dir {
        p.join(discover::FILE_NAME)
    } else {
        p.to_path_buf()
    }
}
