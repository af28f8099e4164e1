//! What each subcommand does, in terms of the library. Every path that fails returns a
//! [`Failure`]; `main` prints it as `error: …` and exits 2. Output goes to stdout,
//! problems and warnings to stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use align::config::{self, Config};
use align::diag::{Diagnostic, LoadError};
use align::model::Workspace;
use align::{Loaded, Scoreboard, compare, discover, output, store, writeback};
use chrono::NaiveDate;
use clap::CommandFactory;

use crate::cli::{Cli, Command, CompareFormat, ImportFrom, ReportFormat, ScoreFormat};

/// Why a command could not do its work.
pub enum Failure {
    Load(LoadError),
    /// The config file has mistakes.
    Config(LoadError),
    Message(String),
}

impl Failure {
    /// Print the failure on stderr. Every `error:` line of a workspace that does not load
    /// is `FILE:LINE:COL: message`, for editors and scripts to parse; the closing count is
    /// an `align:` line, and says nothing was written only when the command writes.
    pub fn report(&self, writes: bool) {
        match self {
            Failure::Load(LoadError::Invalid { errors, warnings }) => {
                print_warnings(warnings);
                for e in errors {
                    eprintln!("error: {e}");
                }
                eprintln!("{}", problem_count(errors.len(), writes));
            }
            Failure::Load(e) => eprintln!("error: {e}"),
            Failure::Config(LoadError::Invalid { errors, warnings }) => {
                print_warnings(warnings);
                for e in errors {
                    eprintln!("error: {e}");
                }
                eprintln!(
                    "align: fix the config file, or point ALIGN_CONFIG at another (an empty file is all defaults)"
                );
            }
            Failure::Config(e) => eprintln!("error: config: {e}"),
            Failure::Message(m) => eprintln!("error: {m}"),
        }
    }
}

/// The line closing a list of problems: `align: 3 problems found`, and for a command that
/// would have written, `; nothing was written`.
pub fn problem_count(n: usize, writes: bool) -> String {
    format!(
        "align: {n} problem{} found{}",
        if n == 1 { "" } else { "s" },
        if writes { "; nothing was written" } else { "" }
    )
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Load(e)
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Settings shared by every command.
struct Context {
    today: NaiveDate,
    lens: Option<align::Lens>,
    color: bool,
    width: Option<usize>,
    /// stdout is a terminal: a person is reading.
    terminal: bool,
    /// The person's settings (defaults when there is no config file).
    config: Config,
    /// What was wrong but usable in the config file (already printed; the board shows it).
    config_warnings: Vec<Diagnostic>,
}

impl Context {
    fn new(cli: &Cli, config: Config) -> Context {
        let stdout = std::io::stdout();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !cli.no_color
            && !no_color_env
            && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        let width = if stdout.is_terminal() {
            terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
        } else {
            std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
        };
        Context {
            today: cli
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            lens: cli.lens.map(Into::into),
            color,
            width: usable_width(width),
            terminal: stdout.is_terminal(),
            config,
            config_warnings: Vec::new(),
        }
    }

    fn score(&self, ws: &Workspace) -> Scoreboard {
        align::score_workspace(ws, self.today, self.lens)
    }
}

/// The width tables fit: any terminal or `COLUMNS` width, at least [`MIN_WIDTH`] (below
/// that nothing reads well, and a narrower layout would only be longer); `0` means unknown.
fn usable_width(width: Option<usize>) -> Option<usize> {
    width.filter(|&w| w > 0).map(|w| w.max(MIN_WIDTH))
}

/// The narrowest width the tables are laid out for.
const MIN_WIDTH: usize = 20;

/// The config file, read once: a mistake in it stops the command (exit 2), warnings are
/// printed (and returned, for the board to show) and the rest of it is used.
fn load_config() -> Result<(Config, Vec<Diagnostic>), Failure> {
    let Some(path) = config::default_path() else {
        return Ok((Config::default(), Vec::new()));
    };
    let (config, warnings) = config::load(&path).map_err(Failure::Config)?;
    print_warnings(&warnings);
    Ok((config, warnings))
}

/// SPEC §3's order: `-w`/PATH, `ALIGN_WORKSPACE`, the nearest `align.toml` upwards, and
/// last the config file's `workspace`.
fn workspace_path(cli: &Cli, config: &Config) -> Result<PathBuf, Failure> {
    let flag = cli.workspace.as_deref().or(cli.path.as_deref());
    let env = std::env::var_os("ALIGN_WORKSPACE").map(PathBuf::from);
    let cwd = std::env::current_dir().map_err(|e| Failure::Message(e.to_string()))?;
    discover::find_or(flag, env.as_deref(), &cwd, config.workspace.as_deref())
        .map(|f| f.path().to_path_buf())
        .map_err(|e| Failure::Message(e.to_string()))
}

fn load(path: &Path) -> Result<Loaded, Failure> {
    let loaded = align::load(path)?;
    print_warnings(&loaded.warnings);
    Ok(loaded)
}

fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`align score | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Message(format!("writing output: {e}"))),
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    // `man` and `completions` need no settings, and a broken config must not stop them.
    let (config, config_warnings) = match &cli.command {
        Some(Command::Man | Command::Completions { .. }) => (Config::default(), Vec::new()),
        _ => load_config()?,
    };
    let mut cx = Context::new(&cli, config);
    cx.config_warnings = config_warnings;
    let ok = Ok(ExitCode::SUCCESS);
    match &cli.command {
        None => {
            let path = workspace_path(&cli, &cx.config).map_err(|_| {
                Failure::Message(
                    "no align.toml here or in any parent directory.\n  start one:       align init\n  try the sample:  align demo\n  or name one:     align PATH  (a file or a directory of *.toml)"
                        .to_string(),
                )
            })?;
            let loaded = load(&path)?;
            open_board(&cx, loaded, None)
        }
        Some(Command::Demo) => {
            let dir = tempfile::tempdir().map_err(|e| Failure::Message(e.to_string()))?;
            let path = dir.path().join(discover::FILE_NAME);
            std::fs::write(&path, align::assets::DEMO)
                .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
            let loaded = load(&path)?;
            let note = format!(
                "demo: a scratch copy at {} — edits are saved there, the bundled file is never touched",
                path.display()
            );
            // `dir` lives until the board closes; then the scratch copy is removed.
            let result = open_board(&cx, loaded, Some(note));
            drop(dir);
            result
        }
        Some(Command::Init { path }) => {
            let env = std::env::var_os("ALIGN_WORKSPACE").map(PathBuf::from);
            let target = init_target(
                path.as_deref(),
                cli.workspace.as_deref(),
                cli.path.as_deref(),
                env.as_deref(),
            );
            store::create_new(&target, align::assets::STARTER.as_bytes())
                .map_err(|e| Failure::Message(e.to_string()))?;
            out(&format!(
                "wrote {}: a starter workspace with comments on every key.\nnext: edit it, then `align score`, or `align` to open the board\n",
                target.display()
            ))?;
            ok
        }
        Some(Command::Score { format, class }) => {
            let loaded = load(&workspace_path(&cli, &cx.config)?)?;
            let ws = &loaded.workspace;
            let board = cx.score(ws);
            out(&match format {
                ScoreFormat::Table => output::score_table(ws, &board, *class, cx.width, cx.color),
                ScoreFormat::Json => {
                    let mut w =
                        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                    let written = output::write_score_json(&mut w, ws, &board, *class, cx.terminal)
                        .and_then(|_| w.flush());
                    return match written {
                        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                            Err(Failure::Message(format!("writing output: {e}")))
                        }
                        _ => ok,
                    };
                }
                ScoreFormat::Csv => output::score_csv(ws, &board, *class),
            })?;
            ok
        }
        Some(Command::Explain { task }) => {
            let loaded = load(&workspace_path(&cli, &cx.config)?)?;
            let ws = &loaded.workspace;
            let i = writeback::find_task(ws, task).map_err(|e| located(ws, e))?;
            let board = cx.score(ws);
            out(&align::explain::bill(ws, &board, i, cx.width, cx.color))?;
            ok
        }
        Some(Command::Compare { format }) => {
            let loaded = load(&workspace_path(&cli, &cx.config)?)?;
            let ws = &loaded.workspace;
            let board = cx.score(ws);
            let cmp = compare::compare(ws, &board);
            out(&match format {
                CompareFormat::Table => output::compare_table(&cmp, cx.width, cx.color),
                CompareFormat::Json => output::compare_json(&cmp),
                CompareFormat::Markdown => output::compare_markdown(&cmp),
            })?;
            ok
        }
        Some(Command::Check { max_busy }) => {
            let loaded = load(&workspace_path(&cli, &cx.config)?)?;
            let ws = &loaded.workspace;
            let board = cx.score(ws);
            let (pass, text) = align::check::check(ws, &board, *max_busy);
            out(&text)?;
            Ok(if pass {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Link { task, goal }) => edit_link(&cli, &cx, task, goal, true),
        Some(Command::Unlink { task, goal }) => edit_link(&cli, &cx, task, goal, false),
        Some(Command::Import {
            from,
            file,
            dry_run,
        }) => import(&cli, &cx, *from, file, *dry_run),
        Some(Command::Report { format }) => {
            let loaded = load(&workspace_path(&cli, &cx.config)?)?;
            let ws = &loaded.workspace;
            let report = align::report::build(ws, &cx.score(ws));
            out(&match format {
                ReportFormat::Markdown => align::report::markdown(&report),
                ReportFormat::Html => align::report::html(&report),
            })?;
            ok
        }
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "align", &mut buf);
            out(&String::from_utf8_lossy(&buf))?;
            ok
        }
        Some(Command::Man) => {
            let buf =
                crate::man::render(Cli::command()).map_err(|e| Failure::Message(e.to_string()))?;
            out(&String::from_utf8_lossy(&buf))?;
            ok
        }
    }
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

/// The board when there is a terminal to draw on; the score table otherwise (in a pipe,
/// in CI), so `align` is always useful.
fn open_board(cx: &Context, loaded: Loaded, note: Option<String>) -> Result<ExitCode, Failure> {
    let ws = loaded.workspace;
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !interactive {
        let board = cx.score(&ws);
        out(&output::score_table(&ws, &board, None, cx.width, cx.color))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut app = crate::board::App::new(ws, cx.today, cx.lens);
    let (keymap, key_warnings) = crate::board::keymap::Keymap::with_remaps(&cx.config.keys);
    let config_path = cx
        .config
        .path
        .as_ref()
        .map_or_else(String::new, |p| format!("{}: ", p.display()));
    for w in &key_warnings {
        eprintln!("warning: {config_path}{w}");
    }
    app.keymap = keymap;
    app.theme = cx.config.theme;
    app.color = cx.color;
    if let Some(note) = note {
        app.message = Some((note, crate::board::app::Tone::Info));
    }
    // Everything printed before the board opened is hidden behind it until it closes:
    // the board says so too, with the count.
    let config_warnings: Vec<String> = cx
        .config_warnings
        .iter()
        .map(|d| d.to_string())
        .chain(key_warnings.iter().map(|w| format!("config: {w}")))
        .collect();
    app.show_start_warnings(&config_warnings, &loaded.warnings);
    match crate::board::open(app).map_err(|e| Failure::Message(format!("terminal: {e}")))? {
        crate::board::Ending::Quit => Ok(ExitCode::SUCCESS),
        // Killed (SIGTERM, a closed terminal): the terminal is restored, and the exit
        // status says which signal, as a shell reports it.
        crate::board::Ending::Signal(n) => Ok(ExitCode::from(128u8.saturating_add(n as u8))),
    }
}

/// `align import`: read the JSON (a file or stdin), import it into the workspace.
fn import(
    cli: &Cli,
    cx: &Context,
    from: ImportFrom,
    file: &Path,
    dry_run: bool,
) -> Result<ExitCode, Failure> {
    use align::import::{ImportError, Tool};
    let loaded = load(&workspace_path(cli, &cx.config)?)?;
    let (label, input) = if file == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Failure::Message(format!("<stdin>: {e}")))?;
        ("<stdin>".to_string(), buf)
    } else {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
        (file.display().to_string(), bytes)
    };
    let tool = match from {
        ImportFrom::Taskwarrior => Tool::Taskwarrior,
        ImportFrom::Github => Tool::Github,
    };
    let outcome = align::import::import(&loaded.workspace, tool, &label, &input, cx.today, dry_run)
        .map_err(|e| match &e {
            ImportError::Invalid(LoadError::Invalid { errors, .. }) => {
                let lines: Vec<String> = errors.iter().map(|d| format!("  {d}")).collect();
                Failure::Message(format!("{e}:\n{}", lines.join("\n")))
            }
            _ => Failure::Message(e.to_string()),
        })?;
    for note in outcome.notes() {
        eprintln!("note: {note}");
    }
    out(&outcome.report())?;
    Ok(ExitCode::SUCCESS)
}

/// An edit error about the workspace, prefixed with the workspace's path.
fn located(ws: &Workspace, e: writeback::EditError) -> Failure {
    match e {
        writeback::EditError::Store(s) => Failure::Message(s.to_string()),
        e => Failure::Message(format!("{}: {e}", ws.root.display())),
    }
}

fn edit_link(
    cli: &Cli,
    cx: &Context,
    task: &str,
    goal: &str,
    link: bool,
) -> Result<ExitCode, Failure> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let path = workspace_path(cli, &cx.config)?;
        // Warnings once, not again on a retry.
        let mut loaded = if attempt == 1 {
            load(&path)?
        } else {
            align::load(&path)?
        };
        let ws = &mut loaded.workspace;
        let i = writeback::find_task(ws, task).map_err(|e| located(ws, e))?;
        let edit = if link {
            writeback::link(ws, i, goal)
        } else {
            writeback::check_target(ws, goal).and_then(|_| writeback::unlink(ws, i, goal))
        }
        .map_err(|e| located(ws, e))?;
        let Some(edit) = edit else {
            out(&format!(
                "{task} {} {goal}; nothing to do\n",
                if link {
                    "is already linked to"
                } else {
                    "is not linked to"
                }
            ))?;
            return Ok(ExitCode::SUCCESS);
        };
        let file = edit.splice.file;
        let on_disk = ws.files[file].text.clone();
        if !writeback::apply(ws, &edit) {
            return Err(Failure::Message(format!(
                "{}: could not apply the edit; nothing was written",
                ws.files[file].path.display()
            )));
        }
        match writeback::save(ws, file, &on_disk) {
            // Another writer (a second `align link`, the board) saved since this read: nothing
            // was written. A command-line edit shows nobody a stale view, so read the file
            // again and redo it.
            Err(writeback::EditError::Store(store::StoreError::Changed { .. })) if attempt < 50 => {
                continue;
            }
            saved => saved.map_err(|e| located(ws, e))?,
        }
        let t = &ws.tasks[i];
        out(&format!(
            "{} {task} {} {goal} · saved {}\n",
            if link { "linked" } else { "unlinked" },
            if link { "→" } else { "↛" },
            ws.files[file].path.display()
        ))?;
        let _ = t;
        return Ok(ExitCode::SUCCESS);
    }
}
