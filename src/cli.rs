//! The command line as clap sees it (SPEC §3). Kept apart from what the commands do so
//! completions and the man page come from the same definition.

use std::path::PathBuf;

use align::model::Lens;
use align::scoring::Class;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "align",
    version,
    about = "A terminal alignment board: is what we are doing moving what matters?",
    long_about = "align keeps a team's mission, goals, key results and tasks in one plain TOML file, \
scores every task for how much it moves a goal (aligned, partial, operational or busy-work), \
and sets strategic alignment against task completion with live figures.\n\n\
Run `align demo` to try it, `align init` to start a workspace.",
    after_help = "Exit codes: 0 success, 1 a check that failed, 2 bad usage or bad input."
)]
pub struct Cli {
    /// Workspace file or directory to open (default: the workspace found as for -w)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Workspace file or directory [default: $ALIGN_WORKSPACE, else the nearest align.toml upwards]
    #[arg(short = 'w', long = "workspace", value_name = "PATH", global = true)]
    pub workspace: Option<PathBuf>,

    /// Score as of this date, for reproducible output
    #[arg(long, value_name = "YYYY-MM-DD", global = true, value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Score under this lens instead of the workspace's own
    #[arg(long, value_enum, global = true)]
    pub lens: Option<LensArg>,

    /// Never print colour (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    pub no_color: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the bundled sample workspace (a scratch copy, so edits work)
    Demo,
    /// Write a commented starter workspace (default ./align.toml); never overwrites
    Init {
        /// File to write, or a directory to write align.toml into
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Score every task: table, JSON or CSV
    Score {
        #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
        /// Only tasks of this class
        #[arg(long, value_parser = parse_class)]
        class: Option<Class>,
    },
    /// Show the factors behind one task's score
    Explain {
        /// Task id, e.g. T-101
        task: String,
    },
    /// The strategy-vs-task table with this workspace's figures
    Compare {
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
    },
    /// Exit 1 when busy-work is more than PCT% of open effort (for CI or a git hook)
    Check {
        /// Highest acceptable busy-work share of open effort, in percent
        #[arg(long, value_name = "PCT", value_parser = parse_pct)]
        max_busy: f64,
    },
    /// Link a task to a goal or key result (GOAL or GOAL/KR)
    Link { task: String, goal: String },
    /// Remove a task's link to a goal or key result
    Unlink { task: String, goal: String },
    /// Import tasks from Taskwarrior or GitHub issues; importing again updates them
    #[command(
        after_help = "Pipe in:\n  task export | align import taskwarrior -\n  gh issue list --state all --json number,title,state,labels,milestone,assignees,url \\\n    | align import github -"
    )]
    Import {
        /// What made the JSON: `task export` or `gh issue list --json …`
        #[arg(value_enum)]
        from: ImportFrom,
        /// The JSON file, or - to read standard input
        #[arg(value_name = "FILE|-")]
        file: PathBuf,
        /// Show what would change, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// A weekly alignment report to paste in a team channel (Markdown or HTML)
    Report {
        /// markdown to paste in a channel; html for a self-contained page
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    Taskwarrior,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LensArg {
    Strategy,
    Crunch,
}

impl From<LensArg> for Lens {
    fn from(l: LensArg) -> Lens {
        match l {
            LensArg::Strategy => Lens::Strategy,
            LensArg::Crunch => Lens::Crunch,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{e}; expected YYYY-MM-DD"))
}

fn parse_class(s: &str) -> Result<Class, String> {
    let s = if s == "busy_work" || s == "busy" {
        "busy-work"
    } else {
        s
    };
    Class::parse(s).ok_or_else(|| "allowed: aligned, partial, operational, busy-work".to_string())
}

fn parse_pct(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err("must be 0..100".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn workspace_flag_works_before_and_after_the_subcommand() {
        let a = Cli::try_parse_from(["align", "-w", "x.toml", "score"]).unwrap();
        let b = Cli::try_parse_from(["align", "score", "-w", "x.toml"]).unwrap();
        assert_eq!(a.workspace, b.workspace);
        assert_eq!(a.workspace.as_deref(), Some(std::path::Path::new("x.toml")));
    }
}
