//! `align` with no command, and `align demo`: the board on the workspace found, or on a
//! scratch copy of the bundled demo (removed when the board closes). Without a terminal
//! to draw on (a pipe, CI) the score table is printed instead, so `align` is always
//! useful. The board is given the config's keys, theme and colour, and the warnings
//! printed before it opened, which it would otherwise hide.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::{discover, output};
use align_core::Loaded;
use align_core::session::Session;

use crate::board::app::Settings;

use super::Failure;
use super::context::{Context, load, out, workspace_path};
use crate::cli::Cli;

/// `align`: the board on the workspace the command line names or finds.
pub(super) fn board(cli: &Cli, cx: &Context) -> Result<ExitCode, Failure> {
    let path = workspace_path(cli, &cx.config).map_err(|_| {
        Failure::Message(
            "no align.toml here or in any parent directory.\n  start one:       align init\n  try the sample:  align demo\n  or name one:     align PATH  (a file or a directory of *.toml)"
                .to_string(),
        )
    })?;
    if align_core::org::is_organisation(&path) {
        return organisation(cx, &path);
    }
    let loaded = load(&path)?;
    open_board(cx, loaded, None)
}

/// `align ORG` on an organisation directory (teams' workspaces beside the company's, no
/// workspace of its own): the organisation's board, each team in its own session; the
/// roll-up in a pipe.
fn organisation(cx: &Context, path: &std::path::Path) -> Result<ExitCode, Failure> {
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !interactive {
        let org = align_core::org::Organisation::load(&[path.to_path_buf()], cx.today, cx.lens)?;
        super::print_warnings(&org.warnings);
        out(&crate::rollup::table(&org.rollup(), cx.width, cx.color))?;
        return Ok(ExitCode::SUCCESS);
    }
    let (teams, warnings) = align_core::org::load_teams(&[path.to_path_buf()])?;
    let sessions: Vec<Session> = teams
        .into_iter()
        .map(|loaded| Session::new(loaded, cx.today, cx.lens))
        .collect();
    if sessions.is_empty() {
        return Err(Failure::Message(format!(
            "{}: no team workspace here",
            path.display()
        )));
    }
    let name = path
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string());
    let (settings, key_warnings) = settings(cx);
    let app = crate::board::App::organisation(sessions, name, settings);
    run_app(cx, app, &key_warnings, &warnings, false)
}

/// `align demo`: the board on a scratch copy of the bundled demo, read on the day its
/// story is set (unless `--today` names another), so it always shows every class.
pub(super) fn demo(cli: &Cli, cx: &mut Context) -> Result<ExitCode, Failure> {
    if cli.today.is_none() {
        cx.today = crate::assets::demo_day();
    }
    let dir = tempfile::tempdir().map_err(|e| Failure::Message(e.to_string()))?;
    let path = dir.path().join(discover::FILE_NAME);
    std::fs::write(&path, crate::assets::DEMO)
        .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
    let loaded = load(&path)?;
    let note = format!(
        "demo: as of {} (--today for another day), a scratch copy at {} — edits are saved there",
        cx.today,
        path.display()
    );
    // `dir` lives until the board closes; then the scratch copy is removed.
    let result = open_board(cx, loaded, Some(note));
    drop(dir);
    result
}

/// The board when there is a terminal to draw on; the score table otherwise (in a pipe,
/// in CI), so `align` is always useful.
fn open_board(cx: &Context, loaded: Loaded, note: Option<String>) -> Result<ExitCode, Failure> {
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !interactive {
        let ws = &loaded.workspace;
        let board = cx.score(ws);
        out(&output::score_table(
            ws,
            &board,
            &output::Shown::all(),
            cx.width,
            cx.color,
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let warnings = loaded.warnings.clone();
    let session = Session::new(loaded, cx.today, cx.lens);
    let (settings, key_warnings) = settings(cx);
    let mut app = crate::board::App::new(session, settings);
    if let Some(note) = note {
        app.message = Some((note, crate::board::app::Tone::Info));
    }
    run_app(cx, app, &key_warnings, &warnings, true)
}

/// The board's settings from the config (keys, theme, colour, who runs it), and the
/// warnings about its keys, printed now.
fn settings(cx: &Context) -> (Settings, Vec<String>) {
    let (keymap, key_warnings) = crate::board::keymap::Keymap::with_remaps(&cx.config.keys);
    let config_path = cx
        .config
        .path
        .as_ref()
        .map_or_else(String::new, |p| format!("{}: ", p.display()));
    for w in &key_warnings {
        eprint_line!("warning: {config_path}{w}");
    }
    let settings = Settings {
        keymap,
        theme: cx.config.theme,
        color: cx.color,
        me: cx
            .config
            .me
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|me| !me.is_empty()),
        goal_names: cx.config.goal_names,
    };
    (settings, key_warnings)
}

/// Run `app` in the terminal until it quits: the warnings printed before it opened are
/// counted on it; `history`: the Compare tab's trends are read from git.
fn run_app(
    cx: &Context,
    mut app: crate::board::App,
    key_warnings: &[String],
    warnings: &[align_core::Diagnostic],
    history: bool,
) -> Result<ExitCode, Failure> {
    // Everything printed before the board opened is hidden behind it until it closes:
    // the board says so too, with the count.
    let config_warnings: Vec<String> = cx
        .config_warnings
        .iter()
        .map(std::string::ToString::to_string)
        .chain(key_warnings.iter().map(|w| format!("config: {w}")))
        .collect();
    app.show_start_warnings(&config_warnings, warnings);
    // The Compare tab's trends are read from git in the background; the board opens at
    // once. (Not on an organisation: its teams may each be a repository of their own, or
    // share one; the Compare tab says to open a team's own board for its trends.)
    if history {
        app.start_history();
    }
    match crate::board::open(app).map_err(|e| Failure::Message(format!("terminal: {e}")))? {
        crate::board::Ending::Quit => Ok(ExitCode::SUCCESS),
        // Killed (SIGTERM, a closed terminal): the terminal is restored, and the exit
        // status says which signal, as a shell reports it.
        crate::board::Ending::Signal(n) => Ok(ExitCode::from(128u8.saturating_add(n as u8))),
        // The terminal is gone, as after SIGHUP: the status a shell reports for that.
        crate::board::Ending::HungUp => Ok(ExitCode::from(129)),
    }
}
