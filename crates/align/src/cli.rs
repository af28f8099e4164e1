//! The command line as clap sees it (README "Commands"). Kept apart from what the commands do so
//! completions and the man page come from the same definition.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use align_core::model::{Lens, TaskStatus};
use align_core::scoring::Class;
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{ColorChoice, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

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

/// Parse the process's arguments, exiting with clap's message (exit 2) on bad usage.
///
/// Two checks clap cannot make: a `PATH` that does not exist and reads like a mistyped
/// subcommand (`align -w x.toml scroe` must not quietly open `x.toml`), and a workspace
/// given twice, as `-w` and as `PATH`, naming different places.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = Cli::command().color(color_choice(&args));
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => e.format(&mut command).exit(),
    };
    if let Err((kind, message)) = cli.check_path() {
        command.error(kind, message).exit();
    }
    cli
}

/// Colour for clap's own help and errors: never when `--no-color` is among the options
/// (before a `--`), otherwise as the terminal and `NO_COLOR` say. Decided before parsing,
/// because clap prints its help and usage errors while it parses.
pub fn color_choice(args: &[OsString]) -> ColorChoice {
    let no_color = args
        .iter()
        .skip(1)
        .take_while(|a| a.as_os_str() != "--")
        .any(|a| a.as_os_str() == "--no-color");
    if no_color {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    }
}

/// The subcommand `word` is a likely typo of, if any.
pub fn similar_subcommand(word: &str) -> Option<String> {
    let command = Cli::command();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(std::iter::once("help".to_string()))
        .collect();
    let word = word.to_lowercase();
    names
        .into_iter()
        .map(|n| (strsim::jaro_winkler(&word, &n), n))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Do two spellings of a workspace name the same place?
fn same_place(a: &Path, b: &Path) -> bool {
    a == b
        || match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

impl Cli {
    /// The `PATH` argument's mistakes: a mistyped subcommand, or a second workspace.
    pub fn check_path(&self) -> Result<(), (ErrorKind, String)> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if !path.exists() {
            // A bare word (no directory, no extension) was more likely meant as a command.
            let word = path.to_str().filter(|w| !w.contains(['/', '\\', '.']));
            if let Some(word) = word
                && let Some(near) = similar_subcommand(word)
            {
                return Err((
                    ErrorKind::InvalidSubcommand,
                    format!("unrecognized subcommand '{word}' (did you mean '{near}'?)"),
                ));
            }
        }
        if let Some(flag) = &self.workspace
            && !same_place(flag, path)
        {
            return Err((
                ErrorKind::ArgumentConflict,
                format!(
                    "the workspace is given twice, as -w {} and as PATH {}; give it once",
                    flag.display(),
                    path.display()
                ),
            ));
        }
        Ok(())
    }

    /// Does this command write to the workspace? Its failures then say nothing was written.
    pub fn writes(&self) -> bool {
        matches!(
            self.command,
            Some(
                Command::Link { .. }
                    | Command::Unlink { .. }
                    | Command::Init { .. }
                    | Command::Import { dry_run: false, .. }
                    | Command::Close { dry_run: false, .. }
                    | Command::Add { .. }
                    | Command::Edit { .. }
                    | Command::Done { .. }
                    | Command::Checkin { .. }
            )
        )
    }
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
        #[command(flatten)]
        only: ScoreOnly,
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
    /// Exit 1 when busy-work is more than PCT% of open effort, or more than N key results
    /// are owed a check-in (for CI, a weekly job or a git hook)
    #[command(group(clap::ArgGroup::new("limit").required(true).multiple(true).args(["max_busy", "max_stale"])))]
    Check {
        /// Highest acceptable busy-work share of open effort, in percent
        #[arg(long, value_name = "PCT", value_parser = parse_pct, allow_negative_numbers = true)]
        max_busy: Option<f64>,
        /// Most key results that may be owed a check-in (see `align checkins`)
        #[arg(long, value_name = "N")]
        max_stale: Option<usize>,
    },
    /// The key results owed a check-in, by owner, with the last check-in and how overdue
    Checkins {
        #[arg(long, value_enum, default_value_t = CheckinsFormat::Table)]
        format: CheckinsFormat,
    },
    /// The workspace re-scored at each point of its git history: open tasks, aligned and
    /// busy-work shares, orphan and stale goals, key results' progress and confidence
    History {
        /// Start at this date (YYYY-MM-DD) or revision (a commit, tag or branch)
        #[arg(long, value_name = "DATE|REV")]
        since: Option<String>,
        /// One point a day, a week (the last commit of each, scored on its Sunday) or a commit
        #[arg(long, value_enum, default_value_t = EveryArg::Week)]
        every: EveryArg,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
    },
    /// Close a goal at the end of its cycle: grade it, review it, mark it achieved or
    /// missed, and optionally roll it over to the next cycle
    Close {
        /// Goal id, e.g. retention
        goal: String,
        /// Grade 0.0..1.0, as Google grades OKRs (0.6-0.7 is a good result for a stretch
        /// goal); default: the mean key-result progress
        #[arg(long, value_name = "G", value_parser = parse_grade)]
        grade: Option<f64>,
        /// What the team learned, kept with the goal
        #[arg(long, value_name = "TEXT")]
        review: Option<String>,
        /// Close it as missed (default: achieved)
        #[arg(long)]
        missed: bool,
        /// Also write a copy for the next cycle, due on DUE, and move the open tasks' links to it
        #[arg(long, value_name = "DUE")]
        roll_over: Option<chrono::NaiveDate>,
        /// Show the change, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a task; prints its id (and nothing else) for scripts
    Add {
        /// What is to be done
        title: String,
        /// Link it to a goal or key result (GOAL or GOAL/KR); repeatable
        #[arg(long = "goal", value_name = "LINK")]
        goals: Vec<String>,
        /// Who does it
        #[arg(long, value_name = "O")]
        owner: Option<String>,
        #[command(flatten)]
        size: SizeArgs,
        /// Due date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        due: Option<NaiveDate>,
        /// Mark it urgent
        #[arg(long)]
        urgent: bool,
        /// A tag; repeatable
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        /// A task it waits on (it cannot start before that one is done); repeatable
        #[arg(long = "depends", value_name = "TASK")]
        depends: Vec<String>,
        /// The workspace file to write it in (default: the file of the newest task)
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Change a task's fields: only the values that change are written
    Edit {
        /// Task id, e.g. T-101
        task: String,
        #[command(flatten)]
        fields: EditArgs,
    },
    /// Mark a task done, with today's date (or --today's) as its done date
    Done {
        /// Task id, e.g. T-101
        task: String,
    },
    /// Record a key result's value (for a person, a script or a cron job)
    Checkin {
        /// The key result, as GOAL/KR (e.g. retention/kr1)
        key_result: String,
        /// Its value now, as you would write it (1650, 3.4)
        #[arg(allow_negative_numbers = true)]
        value: String,
        /// How likely the target is hit, 0..1
        #[arg(long, value_name = "C", value_parser = parse_confidence)]
        confidence: Option<f64>,
        /// What moved it
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day the value was measured (default: today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Link a task to a goal or key result (GOAL or GOAL/KR)
    Link {
        /// Task id, e.g. T-101
        task: String,
        /// Goal id (retention) or goal/key-result (retention/kr1)
        goal: String,
    },
    /// Remove a task's link to a goal or key result
    Unlink {
        /// Task id, e.g. T-101
        task: String,
        /// The link to remove, as the task's goals list writes it
        goal: String,
    },
    /// Import tasks from Taskwarrior, GitHub issues, Linear or Jira; importing again updates them
    #[command(
        after_help = "Pipe in or name the file:\n  task export | align import taskwarrior -\n  gh issue list --state all --json number,title,state,labels,milestone,assignees,url \\\n    | align import github -\n  align import linear issues.csv\n      (Linear: Settings → Administration → Import / Export → Export CSV)\n  align import jira issues.csv\n      (Jira: Filters → search → Export → Export CSV (all fields))"
    )]
    Import {
        /// What made the input: `task export`, `gh issue list --json …`, or Linear's or Jira's CSV export
        #[arg(value_enum)]
        from: ImportFrom,
        /// The export (JSON or CSV), or - to read standard input
        #[arg(value_name = "FILE|-")]
        file: PathBuf,
        /// Show what would change, write nothing
        #[arg(long)]
        dry_run: bool,
        /// The workspace file new tasks are added to (default: where earlier imports went, else the file of the newest task)
        #[arg(long = "file", value_name = "FILE")]
        into: Option<PathBuf>,
    },
    /// The organisation: per company goal, each team's goals under it, their progress and
    /// the open effort aligned to it; orphan company goals; each team's shares
    #[command(
        after_help = "DIR is an organisation directory (its sub-directories are the teams' workspaces, and the company's), or name the teams' workspaces one by one; default: -w, else the current directory.\nA team aligns to the company with [workspace] upstream = [\"../company\"].\n  align rollup ~/src/acme\n  align rollup payments growth --format markdown"
    )]
    Rollup {
        /// Organisation directory, or team workspaces
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = RollupFormat::Table)]
        format: RollupFormat,
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
    /// Print the workspace's ids of one kind, one a line (for the shell completions)
    #[command(hide = true)]
    CompleteIds {
        #[arg(value_enum)]
        kind: IdKind,
    },
}

/// Which ids `align complete-ids` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IdKind {
    /// Task ids
    Tasks,
    /// Goal ids
    Goals,
    /// Goal ids and goal/key-result links
    Links,
}

impl IdKind {
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Tasks => "tasks",
            IdKind::Goals => "goals",
            IdKind::Links => "links",
        }
    }
}

/// Which tasks `align score` lists (every task by default).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ScoreOnly {
    /// Only tasks of this class
    #[arg(long, value_parser = parse_class)]
    pub class: Option<Class>,
    /// Only tasks with this status: todo, doing, done or dropped (repeatable, or
    /// comma-separated as the board's filter takes them: todo,doing; default every status)
    #[arg(long, value_name = "S", value_parser = parse_status, value_delimiter = ',')]
    pub status: Vec<TaskStatus>,
    /// Only tasks this person owns (repeatable, or comma-separated: any of them)
    #[arg(long, value_name = "O", value_delimiter = ',')]
    pub owner: Vec<String>,
    /// Only tasks linked to this goal, its key results or its child goals (GOAL or GOAL/KR;
    /// repeatable, or comma-separated: any of them)
    #[arg(long, value_name = "LINK", value_delimiter = ',')]
    pub goal: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    Day,
    Week,
    Commit,
}

impl From<EveryArg> for align_core::history::Every {
    fn from(e: EveryArg) -> Self {
        match e {
            EveryArg::Day => Self::Day,
            EveryArg::Week => Self::Week,
            EveryArg::Commit => Self::Commit,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RollupFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckinsFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// `task export` (JSON)
    Taskwarrior,
    /// `gh issue list --json …` (JSON)
    Github,
    /// Linear's CSV export
    Linear,
    /// Jira's CSV export
    Jira,
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

/// Effort and impact, as `add` and `edit` both take them.
#[derive(Debug, Clone, clap::Args)]
pub struct SizeArgs {
    /// Effort, in the team's unit (points, days), greater than 0
    #[arg(long, value_name = "N", value_parser = parse_effort)]
    pub effort: Option<align_core::edit::Number>,
    /// Impact, 1 (small) to 5 (large)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub impact: Option<u8>,
}

/// What `align edit` may change; every field left out stays as it is.
#[derive(Debug, Clone, clap::Args)]
pub struct EditArgs {
    /// New title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// todo, doing, done or dropped (done records the date; leaving done forgets it)
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Option<align_core::model::TaskStatus>,
    #[command(flatten)]
    pub size: SizeArgs,
    /// Due date, or none to remove it
    #[arg(long, value_name = "DATE|none", value_parser = parse_due)]
    pub due: Option<Cleared<NaiveDate>>,
    /// Owner, or none to remove it
    #[arg(long, value_name = "O|none", value_parser = parse_owner)]
    pub owner: Option<Cleared<String>>,
    /// Add a tag; repeatable
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Remove a tag; repeatable
    #[arg(long = "untag", value_name = "T")]
    pub untags: Vec<String>,
    /// Urgent or not
    #[arg(long, value_name = "true|false")]
    pub urgent: Option<bool>,
    /// Wait on a task (this one cannot start before it is done); repeatable
    #[arg(long = "depends", value_name = "TASK")]
    pub depends: Vec<String>,
    /// Stop waiting on a task; repeatable
    #[arg(long = "undepend", value_name = "TASK")]
    pub undepends: Vec<String>,
}

impl EditArgs {
    /// The change the flags ask for.
    pub fn changes(&self) -> align_core::edit::TaskChanges {
        align_core::edit::TaskChanges {
            title: self.title.clone(),
            status: self.status,
            effort: self.size.effort,
            impact: self.size.impact,
            due: self.due.clone().map(|c| c.0),
            owner: self.owner.clone().map(|c| c.0),
            tag: self.tags.clone(),
            untag: self.untags.clone(),
            urgent: self.urgent,
        }
    }
}

/// A value, or `none` (`None`): the field removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleared<T>(pub Option<T>);

fn parse_due(s: &str) -> Result<Cleared<NaiveDate>, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Cleared(None));
    }
    parse_date(s)
        .map(|d| Cleared(Some(d)))
        .map_err(|e| format!("{e}, or none"))
}

fn parse_owner(s: &str) -> Result<Cleared<String>, String> {
    let s = s.trim();
    match s {
        "" => Err("an owner needs a name, or none to remove it".to_string()),
        "none" => Ok(Cleared(None)),
        s => Ok(Cleared(Some(s.to_string()))),
    }
}

fn parse_status(s: &str) -> Result<align_core::model::TaskStatus, String> {
    use align_core::model::TaskStatus;
    TaskStatus::parse(s).ok_or_else(|| format!("allowed: {}", TaskStatus::ALL.join(", ")))
}

fn parse_effort(s: &str) -> Result<align_core::edit::Number, String> {
    match align_core::edit::Number::parse(s) {
        Some(n) if n.0 > 0.0 && n.0 <= 1_000_000.0 => Ok(n),
        Some(_) => Err(format!(
            "{s} is out of range: effort is greater than 0 and at most 1000000"
        )),
        None => Err(format!("{s:?} is not a number")),
    }
}

fn parse_confidence(s: &str) -> Result<f64, String> {
    let c: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number from 0 to 1"))?;
    if (0.0..=1.0).contains(&c) {
        Ok(c)
    } else if (1.0..=10.0).contains(&c) {
        Err(format!(
            "{s} is out of range: 0 (no chance) to 1 (sure); did you mean {}?",
            c / 10.0
        ))
    } else {
        Err(format!("{s} is out of range: 0 (no chance) to 1 (sure)"))
    }
}

fn parse_class(s: &str) -> Result<Class, String> {
    let s = if s == "busy_work" || s == "busy" {
        "busy-work"
    } else {
        s
    };
    Class::parse(s).ok_or_else(|| "allowed: aligned, partial, operational, busy-work".to_string())
}

fn parse_grade(s: &str) -> Result<f64, String> {
    let g: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number: a grade runs from 0.0 to 1.0"))?;
    if (0.0..=1.0).contains(&g) {
        Ok(g)
    } else {
        Err(format!(
            "{s} is out of range: a grade runs from 0.0 to 1.0 (0.6 to 0.7 is a good result for a stretch goal)"
        ))
    }
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

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn no_color_reaches_clap_before_it_parses() {
        assert_eq!(
            color_choice(&args(&["align", "--no-color", "--help"])),
            ColorChoice::Never
        );
        assert_eq!(
            color_choice(&args(&["align", "score", "--class", "bogus", "--no-color"])),
            ColorChoice::Never
        );
        assert_eq!(color_choice(&args(&["align", "--help"])), ColorChoice::Auto);
        // After `--` it is a value, not the option; the program name is not an option.
        assert_eq!(
            color_choice(&args(&["align", "link", "--", "--no-color", "g"])),
            ColorChoice::Auto
        );
        assert_eq!(color_choice(&args(&["--no-color"])), ColorChoice::Auto);
    }

    #[test]
    fn a_mistyped_subcommand_is_not_taken_for_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("scroe");
        assert_eq!(similar_subcommand("scroe").as_deref(), Some("score"));
        assert_eq!(similar_subcommand("SCORE").as_deref(), Some("score"));
        assert_eq!(similar_subcommand("expalin").as_deref(), Some("explain"));
        assert_eq!(similar_subcommand("zzzz"), None);
        let cli = Cli::try_parse_from(["align", "-w", "demo.toml", "scroe"]).unwrap();
        let (kind, message) = cli.check_path().unwrap_err();
        assert_eq!(kind, ErrorKind::InvalidSubcommand);
        assert_eq!(
            message,
            "unrecognized subcommand 'scroe' (did you mean 'score'?)"
        );
        // A path with a directory or an extension is a path, whatever it looks like.
        let cli = Cli::try_parse_from([OsString::from("align"), missing.into_os_string()]).unwrap();
        assert!(cli.check_path().is_ok());
    }

    #[test]
    fn the_workspace_is_given_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "version = 1\n").unwrap();
        let f = file.to_str().unwrap();
        let twice = Cli::try_parse_from(["align", "-w", "b.toml", f, "score"]).unwrap();
        let (kind, message) = twice.check_path().unwrap_err();
        assert_eq!(kind, ErrorKind::ArgumentConflict);
        assert!(message.contains("give it once"), "{message}");
        // The same place twice is no conflict, nor is PATH then the subcommand.
        let same = format!("{}/./a.toml", dir.path().display());
        let cli = Cli::try_parse_from(["align", "-w", &same, f, "score"]).unwrap();
        assert!(cli.check_path().is_ok());
        let cli = Cli::try_parse_from(["align", f, "score"]).unwrap();
        assert!(cli.check_path().is_ok());
        assert!(matches!(cli.command, Some(Command::Score { .. })));
    }

    #[test]
    fn workspace_flag_works_before_and_after_the_subcommand() {
        let a = Cli::try_parse_from(["align", "-w", "x.toml", "score"]).unwrap();
        let b = Cli::try_parse_from(["align", "score", "-w", "x.toml"]).unwrap();
        assert_eq!(a.workspace, b.workspace);
        assert_eq!(a.workspace.as_deref(), Some(std::path::Path::new("x.toml")));
    }
}
