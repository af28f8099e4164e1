//! How every test here runs `align`: with an environment that says only what the test
//! says. A developer's own `~/.config/align/config.toml` (naming a `workspace`, a theme,
//! remapped keys), `ALIGN_WORKSPACE`, `NO_COLOR`, `CLICOLOR_FORCE`, `COLUMNS`, `TZ` or a
//! terminal on stdin must not change what a test sees, so each command starts from an
//! empty environment ([`isolate`]) and the test adds what it means to set. The small
//! helpers every file wants — run and read stdout or stderr, a scratch copy of the demo,
//! the file's bytes — are here once.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{self, Stdio};
use std::sync::OnceLock;

use tempfile::TempDir;

/// The date the demo is written for; most runs pass it as `--today`.
pub const TODAY: &str = "2026-11-25";

/// The bundled demo workspace.
pub const DEMO: &str = align::assets::DEMO;

/// What align reads from its environment, directly or through a library, and so what
/// [`isolate`] takes away (everything else goes too):
///
/// - `ALIGN_WORKSPACE` (the workspace), `ALIGN_CONFIG` (the config file) and, in debug
///   builds, `ALIGN_TEST_PANIC`;
/// - `HOME` and `XDG_CONFIG_HOME`: where the config file is, and `~` in its `workspace`;
/// - `TZ`: today's date when `--today` is not given, and the dates `align import` reads;
/// - `NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, `TERM`, `COLORTERM`, `CI`: colour (align
///   and anstream);
/// - `COLUMNS`, `LINES`: the width of tables and of clap's help when not on a terminal;
/// - `EDITOR`, `VISUAL`, `USER`: not read today, and not passed on either.
pub const READ_BY_ALIGN: &[&str] = &[
    "ALIGN_WORKSPACE",
    "ALIGN_CONFIG",
    "ALIGN_TEST_PANIC",
    "HOME",
    "XDG_CONFIG_HOME",
    "TZ",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "COLORTERM",
    "CI",
    "COLUMNS",
    "LINES",
    "EDITOR",
    "VISUAL",
    "USER",
];

/// Passed on unchanged: how to find programs, where scratch files go (the demo's copy),
/// where a coverage run collects the child's profile, and what Windows needs to start a
/// process at all. None of them changes what align prints.
pub const PASSED_ON: &[&str] = &[
    "PATH",
    "TMPDIR",
    "LLVM_PROFILE_FILE",
    "SystemRoot",
    "TEMP",
    "TMP",
];

/// An empty directory for `HOME` and `XDG_CONFIG_HOME`: no config file, nothing for `~`.
/// One per build directory, shared by every test and every run; align never writes
/// there, and a run that finds something in it stops rather than read it.
pub fn empty_home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("align-it-empty-home");
        fs::create_dir_all(&home).unwrap_or_else(|e| panic!("creating {}: {e}", home.display()));
        let found: Vec<OsString> = fs::read_dir(&home)
            .unwrap_or_else(|e| panic!("reading {}: {e}", home.display()))
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            found.is_empty(),
            "the tests' HOME {} must be empty, it holds {found:?}: something wrote there; \
             remove the directory",
            home.display()
        );
        home
    })
}

/// Give `cmd` an environment of its own: nothing inherited but [`PASSED_ON`], `HOME` and
/// `XDG_CONFIG_HOME` an empty directory, `TZ=UTC`, and stdin no terminal. A test that
/// means to set a variable (`NO_COLOR`, `COLUMNS`, `TZ`, …) sets it after this.
pub fn isolate(cmd: &mut process::Command) -> &mut process::Command {
    cmd.env_clear();
    for name in PASSED_ON {
        if let Some(value) = std::env::var_os(name) {
            cmd.env(name, value);
        }
    }
    let home = empty_home();
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    // Elsewhere the config directory comes from the system, not the environment.
    if !cfg!(unix) {
        cmd.env("ALIGN_CONFIG", home.join("config.toml"));
    }
    cmd
}

/// The `align` binary in `dir`, isolated, as a `std::process::Command`: for tests that
/// spawn it themselves (on a pty, several at once).
pub fn align_process(dir: &Path) -> process::Command {
    let mut cmd = process::Command::new(env!("CARGO_BIN_EXE_align"));
    isolate(&mut cmd).current_dir(dir);
    cmd
}

/// The `align` binary in `dir`, isolated, for `assert_cmd`.
pub fn align(dir: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(align_process(dir))
}

/// The crate's directory (`crates/align`), where `tests/fixtures` is.
pub fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// This run, after checking it exited with `code`.
    #[track_caller]
    pub fn exited(self, code: i32, args: &[&str]) -> Run {
        assert_eq!(
            self.code, code,
            "align {args:?} exited {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// `align ARGS` in `dir`, exactly as given (no `--today`), whatever it exits with.
#[track_caller]
pub fn outcome(dir: &Path, args: &[&str]) -> Run {
    let out = align(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("align {args:?} did not run: {e}"));
    let text = |bytes: Vec<u8>, what: &str| {
        String::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("align {args:?}: {what} is not UTF-8: {e}"))
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: text(out.stdout, "stdout"),
        stderr: text(out.stderr, "stderr"),
    }
}

/// `args` then `--today TODAY`.
fn on_the_demo_day<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [args, &["--today", TODAY]].concat()
}

/// Stdout of `align ARGS --today TODAY` in `dir`, which must exit with `code`.
#[track_caller]
pub fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let args = on_the_demo_day(args);
    outcome(dir, &args).exited(code, &args).stdout
}

/// Stderr of `align ARGS --today TODAY` in `dir`, which must exit with `code`.
#[track_caller]
pub fn stderr_of(dir: &Path, args: &[&str], code: i32) -> String {
    let args = on_the_demo_day(args);
    outcome(dir, &args).exited(code, &args).stderr
}

/// Stdout of `align ARGS` exiting with `code`, without the fixed `--today` of [`run`].
#[track_caller]
pub fn stdout_of(dir: &Path, args: &[&str], code: i32) -> String {
    outcome(dir, args).exited(code, args).stdout
}

/// A scratch directory holding `text` as `name`.
pub fn dir_with(name: &str, text: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

/// A scratch directory with the demo as `align.toml`.
pub fn demo_dir() -> TempDir {
    dir_with("align.toml", DEMO)
}

/// The bytes of `align.toml` in `dir`.
pub fn file(dir: &Path) -> Vec<u8> {
    fs::read(dir.join("align.toml")).unwrap()
}

/// The demo loaded through the library, for the figures the command line must agree with.
pub fn demo_workspace() -> align_core::Workspace {
    let dir = demo_dir();
    align_core::load(&dir.path().join("align.toml"))
        .unwrap()
        .workspace
}

/// The demo's task ids, in file order.
pub fn task_ids() -> Vec<String> {
    demo_workspace()
        .tasks
        .iter()
        .map(|t| t.id.clone())
        .collect()
}
