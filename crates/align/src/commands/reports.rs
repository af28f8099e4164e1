//! The commands that read the workspace and write nothing: `score` (table, JSON, CSV),
//! `explain` (one task's score as a bill), `compare` (the strategy-vs-task table with
//! this workspace's figures), `check` (a gate for CI: exit 1 over the busy-work share),
//! `report` (Markdown or HTML) and `rollup` (an organisation's teams against the company
//! goals). Each loads, scores and prints one thing.

use std::io::Write;
use std::process::ExitCode;

use crate::output;
use align_core::{compare as comparison, edit};

use super::context::{Context, left_to_exit, out, written};
use super::{Failure, located};
use crate::cli::{
    CheckinsFormat, Cli, CompareFormat, ReportFormat, RollupFormat, ScoreFormat, ScoreOnly,
};
use align_core::model::LinkRef;
use align_core::query::{Query, Term};

/// `align score`: every task's score, or those `only` asks for.
pub(super) fn score(
    cli: &Cli,
    cx: &Context,
    format: ScoreFormat,
    only: &ScoreOnly,
) -> Result<ExitCode, Failure> {
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    for goal in &only.goal {
        edit::check_target(ws, &LinkRef::parse(goal)).map_err(|e| located(ws, e))?;
    }
    let query = score_query(only);
    let shown = output::Shown {
        class: only.class,
        matcher: (!query.is_empty()).then(|| query.matcher(ws)),
    };
    let board = cx.score(ws);
    match format {
        ScoreFormat::Table => out(&output::score_table(ws, &board, &shown, cx.width, cx.color))?,
        ScoreFormat::Json => {
            // Streamed: 100,000 tasks of JSON need not be one string first.
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            written(
                output::write_score_json(&mut w, ws, &board, &shown, cx.terminal)
                    .and_then(|_| w.flush()),
            )?;
        }
        ScoreFormat::Csv => out(&output::score_csv(ws, &board, &shown))?,
    }
    drop(shown);
    left_to_exit((board, loaded));
    Ok(ExitCode::SUCCESS)
}

/// `--status`, `--owner` and `--goal` as the terms the board's filter would write.
fn score_query(only: &ScoreOnly) -> Query {
    let mut terms = Vec::new();
    if !only.status.is_empty() {
        terms.push(Term::Status(
            only.status.iter().map(|s| s.as_str().to_string()).collect(),
        ));
    }
    // Several values of one flag are alternatives, as `owner:a,b` is on the board.
    if !only.owner.is_empty() {
        terms.push(Term::Owner(
            only.owner.iter().map(|o| o.trim().to_lowercase()).collect(),
        ));
    }
    if !only.goal.is_empty() {
        terms.push(Term::Goal(
            only.goal.iter().map(|g| g.trim().to_lowercase()).collect(),
        ));
    }
    Query { terms }
}

/// `align explain TASK`: the factors behind one task's score.
pub(super) fn explain(cli: &Cli, cx: &Context, task: &str) -> Result<ExitCode, Failure> {
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let i = edit::find_task(ws, task).map_err(|e| located(ws, e))?;
    let board = cx.score(ws);
    out(&crate::explain::bill(ws, &board, i, cx.width, cx.color))?;
    Ok(ExitCode::SUCCESS)
}

/// `align compare`: strategic alignment against the task completion mindset.
pub(super) fn compare(cli: &Cli, cx: &Context, format: CompareFormat) -> Result<ExitCode, Failure> {
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let board = cx.score(ws);
    let cmp = comparison::compare(ws, &board);
    out(&match format {
        CompareFormat::Table => output::compare_table(&cmp, cx.width, cx.color),
        CompareFormat::Json => output::compare_json(&cmp),
        CompareFormat::Markdown => output::compare_markdown(&cmp),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `align check`: exit 1 when the busy-work share of open effort is over `max_busy`.
pub(super) fn check(
    cli: &Cli,
    cx: &Context,
    max_busy: Option<f64>,
    max_stale: Option<usize>,
) -> Result<ExitCode, Failure> {
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let board = cx.score(ws);
    let mut pass = true;
    let mut text = String::new();
    if let Some(max_busy) = max_busy {
        let (ok, said) = crate::check::check(ws, &board, max_busy);
        pass &= ok;
        text.push_str(&said);
    }
    if let Some(max_stale) = max_stale {
        let owed = align_core::checkins::owed(ws, &board);
        let (ok, said) = crate::check::check_stale(ws, &owed, max_stale, cx.width);
        pass &= ok;
        text.push_str(&said);
    }
    out(&text)?;
    Ok(if pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `align checkins`: the key results owed a check-in, by owner.
pub(super) fn checkins(
    cli: &Cli,
    cx: &Context,
    format: CheckinsFormat,
) -> Result<ExitCode, Failure> {
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let board = cx.score(ws);
    let owed = align_core::checkins::owed(ws, &board);
    out(&match format {
        CheckinsFormat::Table => crate::checkins::table(ws, &board, &owed, cx.width, cx.color),
        CheckinsFormat::Json => crate::checkins::json(ws, &board, &owed),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `align report`: the whole picture as a document to share.
pub(super) fn report(cli: &Cli, cx: &Context, format: ReportFormat) -> Result<ExitCode, Failure> {
    if let Ok(path) = super::context::workspace_path(cli, &cx.config)
        && align_core::org::is_organisation(&path)
    {
        return organisation_report(cx, &path, format);
    }
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let mut report = crate::report::build(ws, &cx.score(ws));
    report.last_week = crate::report::since_last_week(&ws.root, cx.today, cx.lens);
    out(&match format {
        ReportFormat::Markdown => crate::report::markdown(&report),
        ReportFormat::Html => crate::report::html(&report),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `align report` on an organisation: the week's report of every team's work as one
/// (ids across teams as `team:T-101`, each task scored by its own team), with the
/// organisation section — the roll-up — after the summary. Last week's figures are each
/// team's repository's own, so the organisation's report goes without them.
fn organisation_report(
    cx: &Context,
    path: &std::path::Path,
    format: ReportFormat,
) -> Result<ExitCode, Failure> {
    let org = align_core::org::Organisation::load(&[path.to_path_buf()], cx.today, cx.lens)?;
    super::print_warnings(&org.warnings);
    let name = path
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string());
    let lens = cx
        .lens
        .or_else(|| org.teams.first().map(|t| t.workspace.lens))
        .unwrap_or(align_core::model::Lens::Strategy);
    let view = align_core::org::view::merged(&name, cx.today, lens, &org.views());
    let mut report = crate::report::build(&view.workspace, &view.scores);
    report.organisation = Some(org.rollup());
    out(&match format {
        ReportFormat::Markdown => crate::report::markdown(&report),
        ReportFormat::Html => crate::report::html(&report),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `align rollup DIR...`: the organisation's teams against the company goals.
pub(super) fn rollup(
    cli: &Cli,
    cx: &Context,
    dirs: &[std::path::PathBuf],
    format: RollupFormat,
) -> Result<ExitCode, Failure> {
    let dirs = if dirs.is_empty() {
        let here = cli.workspace.clone().or_else(|| cli.path.clone());
        vec![here.unwrap_or_else(|| std::path::PathBuf::from("."))]
    } else {
        dirs.to_vec()
    };
    let org = align_core::org::Organisation::load(&dirs, cx.today, cx.lens)?;
    super::print_warnings(&org.warnings);
    let rollup = org.rollup();
    out(&match format {
        RollupFormat::Table => crate::rollup::table(&rollup, cx.width, cx.color),
        RollupFormat::Json => crate::rollup::json(&rollup),
        RollupFormat::Markdown => crate::rollup::markdown(&rollup),
    })?;
    Ok(ExitCode::SUCCESS)
}
