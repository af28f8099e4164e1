//! `align history`: the workspace re-scored at each point of its git history, as a table,
//! JSON or CSV (README "History").

use std::process::ExitCode;

use align_core::history::{self, Since};
use chrono::NaiveDate;

use super::Failure;
use super::context::{Context, out, workspace_path};
use crate::cli::{Cli, EveryArg, ScoreFormat};

pub(super) fn history(
    cli: &Cli,
    cx: &Context,
    since: Option<&str>,
    every: EveryArg,
    format: ScoreFormat,
) -> Result<ExitCode, Failure> {
    let path = workspace_path(cli, &cx.config)?;
    let since = since.map(|s| match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => Since::Date(d),
        Err(_) => Since::Revision(s.to_string()),
    });
    let points = history::history(&path, since.as_ref(), every.into(), cx.lens)
        .map_err(|e| Failure::Message(e.to_string()))?;
    out(&match format {
        ScoreFormat::Table => crate::history::table(&points, cx.width, cx.color),
        ScoreFormat::Json => crate::history::json(&points, every),
        ScoreFormat::Csv => crate::history::csv(&points),
    })?;
    Ok(ExitCode::SUCCESS)
}
