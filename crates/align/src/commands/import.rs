//! `align import`: tasks from Taskwarrior's `task export`, GitHub's `gh issue list --json
//! …`, or Linear's or Jira's CSV export, read from a file or stdin, added to the
//! workspace (to `--file` when given) or updated there (a dry run only says what it would
//! do). The notes go to stderr, the report to stdout — every line of them, and of an
//! error, made safe to print first: titles and names come from another tool's export,
//! and a control character in one must not reach the terminal.

use std::path::Path;
use std::process::ExitCode;

use align_core::diag::LoadError;

use super::Failure;
use super::context::{Context, out};
use crate::cli::{Cli, ImportFrom};
use crate::table::display_text;

/// Each line of `text` made safe to print, the line breaks kept.
fn printable(text: &str) -> String {
    text.split('\n')
        .map(|l| display_text(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `align import`: read the export (a file or stdin), import it into the workspace.
pub(super) fn import(
    cli: &Cli,
    cx: &Context,
    from: ImportFrom,
    file: &Path,
    dry_run: bool,
    into: Option<&Path>,
) -> Result<ExitCode, Failure> {
    use align_core::import::{ImportError, Tool, file_of};
    let loaded = cx.load_workspace(cli)?;
    let ws = &loaded.workspace;
    let failed = |e: ImportError| match &e {
        ImportError::Invalid(LoadError::Invalid { errors, .. }) => {
            let lines: Vec<String> = errors.iter().map(|d| format!("  {d}")).collect();
            Failure::Message(printable(&format!("{e}:\n{}", lines.join("\n"))))
        }
        _ => Failure::Message(printable(&e.to_string())),
    };
    let into = into.map(|p| file_of(ws, p)).transpose().map_err(failed)?;
    let (label, input) = if file == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Failure::Message(format!("<stdin>: {e}")))?;
        ("<stdin>".to_string(), buf)
    } else {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure::Message(printable(&format!("{}: {e}", file.display()))))?;
        (file.display().to_string(), bytes)
    };
    let tool = match from {
        ImportFrom::Taskwarrior => Tool::Taskwarrior,
        ImportFrom::Github => Tool::Github,
        ImportFrom::Linear => Tool::Linear,
        ImportFrom::Jira => Tool::Jira,
    };
    let outcome = align_core::import::import(ws, tool, &label, &input, cx.today, dry_run, into)
        .map_err(failed)?;
    for note in outcome.notes() {
        eprint_line!("note: {}", printable(&note));
    }
    out(&printable(&outcome.report()))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn what_an_import_prints_has_no_control_characters() {
        assert_eq!(
            printable("  new      T-1  \u{1b}[2Jgone\u{7}\nimported 1 new"),
            "  new      T-1  \u{241b}[2Jgone\u{2407}\nimported 1 new"
        );
        assert_eq!(printable("a\u{202e}b"), "a\u{fffd}b");
    }
}
