//! `align man`: one self-contained manual page, align(1).
//!
//! clap_mangen writes the name, synopsis, description and options from the same clap
//! definition as `--help`, so they never drift. Its subcommand list points at pages like
//! align-import(1) that nothing installs, so this module writes the subcommands into the
//! one page instead — each with its arguments and options — and adds what a manual page
//! owes its reader and `--help` leaves out: the environment, the files align reads and
//! writes, and the exit status.

use std::io::{self, Write};

use clap::Command;

/// Text safe in roff: backslashes, hyphens (as minus signs, so they copy and search) and
/// a leading `.` or `'` that would start a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

fn bold(text: &str) -> String {
    format!("\\fB{}\\fR", roff(text))
}

fn italic(text: &str) -> String {
    format!("\\fI{}\\fR", roff(text))
}

/// One argument as the synopsis writes it: `[--format <FORMAT>]`, `<TASK>`, `[PATH]`.
fn usage_of(arg: &clap::Arg) -> String {
    let value = arg.get_value_names().and_then(|v| v.first()).map_or_else(
        || arg.get_id().as_str().to_uppercase(),
        std::string::ToString::to_string,
    );
    let takes_value = arg.get_action().takes_values();
    let text = match (arg.get_long(), arg.get_short()) {
        (Some(long), _) if takes_value => {
            format!("{} {}", bold(&format!("--{long}")), italic(&value))
        }
        (Some(long), _) => bold(&format!("--{long}")),
        (None, Some(short)) => bold(&format!("-{short}")),
        (None, None) => italic(&value),
    };
    if arg.is_required_set() {
        text
    } else {
        format!("[{text}]")
    }
}

/// The arguments of a subcommand that are its own (not the global options, not help).
fn own_args(sub: &Command) -> impl Iterator<Item = &clap::Arg> {
    sub.get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
}

fn help_of(arg: &clap::Arg) -> String {
    let mut help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(std::string::ToString::to_string)
        .unwrap_or_default();
    let values = if arg.get_action().takes_values() {
        arg.get_possible_values()
    } else {
        Vec::new()
    };
    let values: Vec<String> = values
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() {
        if !help.is_empty() {
            help.push_str("; ");
        }
        help.push_str(&format!("one of: {}", values.join(", ")));
    }
    if let Some(default) = arg
        .get_default_values()
        .first()
        .filter(|_| arg.get_action().takes_values())
    {
        help.push_str(&format!(" (default: {})", default.to_string_lossy()));
    }
    help
}

fn commands_section(cmd: &Command, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, ".SH COMMANDS")?;
    writeln!(
        out,
        "Without a command, align opens the board on the workspace (in a pipe or CI it prints \
         the score table instead). The global options above work before or after a command."
    )?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let args: Vec<String> = own_args(sub).map(usage_of).collect();
        writeln!(out, ".TP")?;
        writeln!(
            out,
            "{} {}",
            bold(&format!("align {}", sub.get_name())),
            args.join(" ")
        )?;
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(std::string::ToString::to_string)
            .unwrap_or_default();
        writeln!(out, "{}", roff(&about))?;
        let described: Vec<(&clap::Arg, String)> = own_args(sub)
            .map(|a| (a, help_of(a)))
            .filter(|(_, help)| !help.is_empty())
            .collect();
        if described.is_empty() {
            continue;
        }
        writeln!(out, ".RS")?;
        for (arg, help) in described {
            writeln!(out, ".TP")?;
            writeln!(out, "{}", usage_of(arg).trim_matches(['[', ']']))?;
            writeln!(out, "{}", roff(&help))?;
        }
        writeln!(out, ".RE")?;
    }
    Ok(())
}

/// `(name, meaning)` pairs as a tagged list.
fn tagged(out: &mut impl Write, items: &[(&str, &str)]) -> io::Result<()> {
    for (name, meaning) in items {
        writeln!(out, ".TP")?;
        writeln!(out, "{}", bold(name))?;
        writeln!(out, "{}", roff(meaning))?;
    }
    Ok(())
}

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "ALIGN_WORKSPACE",
        "The workspace file or directory when no -w or PATH is given; before the nearest align.toml upwards. Also where align init writes when it is given no PATH.",
    ),
    (
        "ALIGN_CONFIG",
        "Your settings file, instead of the platform's default (see FILES).",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour anywhere, as with --no-color; the board draws with bold and reverse only.",
    ),
    (
        "COLUMNS",
        "The width tables fit when standard output is not a terminal (at least 20; on a terminal its own width is used).",
    ),
    (
        "TZ",
        "The time zone of today's date (when --today is not given) and of the dates read by align import.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "align.toml",
        "The workspace: found in the current directory or its nearest parent that has one. A directory workspace loads every *.toml in it.",
    ),
    (
        "$XDG_CONFIG_HOME/align/config.toml",
        "Your settings on Linux and the BSDs (usually ~/.config/align/config.toml): default workspace, theme, key remaps.",
    ),
    (
        "~/Library/Application Support/align/config.toml",
        "Your settings on macOS.",
    ),
    (
        "%APPDATA%\\align\\config\\config.toml",
        "Your settings on Windows.",
    ),
    (
        ".align-tmp.NAME.XXXXXX",
        "The temporary file of a save in progress, renamed over NAME when complete. One left by a killed writer is removed by the next save. Writers lock the workspace's own directory while they check and save; no lock file is created.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "A check that failed: align check found more busy-work than --max-busy allows, or more key results owed a check-in than --max-stale allows.",
    ),
    (
        "2",
        "Bad usage or bad input. Each problem in a workspace is printed as error: FILE:LINE:COL: message (fix), then a line align: N problems found.",
    ),
];

/// The whole page, as roff.
pub fn render(cmd: Command) -> io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    commands_section(&cmd, &mut out)?;
    writeln!(out, ".SH ENVIRONMENT")?;
    tagged(&mut out, ENVIRONMENT)?;
    writeln!(out, ".SH FILES")?;
    tagged(&mut out, FILES)?;
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    tagged(&mut out, EXIT_STATUS)?;
    man.render_version_section(&mut out)?;
    Ok(once_preamble(&out))
}

/// Each of clap_mangen's sections starts with the same two lines defining `\*(Aq`; the
/// page needs them once, at the top.
fn once_preamble(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut seen = Vec::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble && seen.contains(&line) {
            continue;
        }
        if preamble {
            seen.push(line);
        }
        out.push_str(line);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn page() -> String {
        String::from_utf8(render(crate::cli::Cli::command()).unwrap()).unwrap()
    }

    #[test]
    fn the_page_has_environment_files_and_exit_status() {
        let page = page();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH OPTIONS",
            ".SH COMMANDS",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH \"EXIT STATUS\"",
        ] {
            assert!(page.contains(section), "no {section}");
        }
        for name in [
            "ALIGN_WORKSPACE",
            "ALIGN_CONFIG",
            "NO_COLOR",
            "COLUMNS",
            "TZ",
        ] {
            assert!(
                page.contains(&format!("\\fB{name}\\fR")),
                "ENVIRONMENT lacks {name}"
            );
        }
        assert!(page.contains("config.toml") && page.contains(".align\\-tmp.NAME.XXXXXX"));
        assert_eq!(page.matches(".ds Aq \\(aq").count(), 1, "{page}");
    }

    #[test]
    fn every_subcommand_is_described_here_not_in_pages_nobody_installs() {
        let page = page();
        // Hidden ones (`complete-ids`, for the completion scripts) are not for people.
        for sub in crate::cli::Cli::command()
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
        {
            let name = sub.get_name();
            assert!(
                !page.contains(&format!("align\\-{}(1)", roff(name))),
                "refers to a page align-{name}(1) that nothing installs"
            );
            assert!(
                page.contains(&format!("\\fBalign {}\\fR", roff(name))),
                "no entry for align {name}"
            );
        }
        // With their arguments and options.
        assert!(
            page.contains("\\fBalign check\\fR [\\fB\\-\\-max\\-busy\\fR \\fIPCT\\fR] [\\fB\\-\\-max\\-stale\\fR \\fIN\\fR]"),
            "{page}"
        );
        assert!(page.contains("one of: table, json, csv"), "{page}");
    }

    #[test]
    fn roff_requests_and_escapes_cannot_leak_from_text() {
        assert_eq!(roff(".hidden"), "\\&.hidden");
        assert_eq!(roff("a\\b-c"), "a\\eb\\-c");
    }
}
