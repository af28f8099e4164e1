//! `E` opens the selected task's, goal's or key result's file in the person's own editor
//! at its line, as lazygit and taskwarrior-tui do: for what no form asks (a comment, a
//! key result's check-in history, a field align does not know yet) the editor is the
//! form. The board only asks for it ([`App::open_in_editor`] leaves an
//! [`EditorRequest`]); the loop hands the terminal over, waits for the editor, takes the
//! terminal back, and the board reloads what changed ([`App::back_from_editor`]).
//!
//! The editor is `$VISUAL`, then `$EDITOR`, then `vi`, run by `sh` as git runs it (so
//! `EDITOR="code -w"` works), with `+LINE` before the file, which vi, vim, neovim, nano,
//! emacs, micro and kakoune understand.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::app::{App, Focus, Tone};
use super::views::GoalRow;

/// A file to open at a line, and what is there (for the message after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// The id of what was selected: `T-12`, `growth`, `growth/kr1`.
    pub what: String,
}

/// The editor a person chose: `$VISUAL`, then `$EDITOR` (either when not blank), then `vi`.
pub fn chosen_editor(visual: Option<OsString>, editor: Option<OsString>) -> OsString {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.to_string_lossy().trim().is_empty())
        .unwrap_or_else(|| OsString::from("vi"))
}

/// The command that opens `path` at `line` in `editor`: `sh -c '<editor> "$@"'` with
/// `+LINE PATH` as its arguments, so an editor given with its own options or a path
/// with spaces works, and the file's name is never read by the shell.
pub fn editor_command(editor: &OsString, path: &Path, line: usize) -> Command {
    let mut script = editor.clone();
    script.push(" \"$@\"");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(script)
        .arg(editor)
        .arg(format!("+{line}"))
        .arg(path);
    command
}

/// The 1-based line of byte `at` in `text`.
fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

impl App {
    /// `E`: ask for the editor at the selected task (the tasks pane has focus) or the
    /// selected goal or key result (the goals pane has).
    pub(super) fn open_in_editor(&mut self) {
        let ws = self.ws();
        let found = match self.focus {
            Focus::Tasks => self
                .selected_task()
                .map(|t| (ws.tasks[t].origin.clone(), ws.tasks[t].id.clone())),
            Focus::Goals => self.selected_goal_row().map(|row| match row {
                GoalRow::Goal { goal, .. } => {
                    (ws.goals[goal].origin.clone(), ws.goals[goal].id.clone())
                }
                GoalRow::KeyResult {
                    goal, key_result, ..
                } => {
                    let kr = &ws.goals[goal].key_results[key_result];
                    (kr.origin.clone(), row.target(ws).to_string())
                }
            }),
        };
        let Some((origin, what)) = found else {
            let empty = match self.focus {
                Focus::Tasks => "no task selected: nothing to open in the editor",
                Focus::Goals => "no goal selected: nothing to open in the editor",
            };
            self.say(empty, Tone::Problem);
            return;
        };
        let Some(file) = ws.files.get(origin.file.0) else {
            return;
        };
        self.editor_request = Some(EditorRequest {
            path: file.path.clone(),
            line: line_at(&file.text, origin.span.start),
            what,
        });
    }

    /// The editor asked for, if any: the loop runs it.
    pub fn take_editor_request(&mut self) -> Option<EditorRequest> {
        self.editor_request.take()
    }

    /// The editor has exited (`Ok(true)`: with success) or could not be started: reload
    /// what changed and say so.
    pub fn back_from_editor(&mut self, request: &EditorRequest, result: std::io::Result<bool>) {
        let name = request.path.file_name().map_or_else(
            || request.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let name = align_core::text::safe(&name).into_owned();
        if let Err(e) = result {
            self.say(
                format!("could not start the editor ($VISUAL, $EDITOR or vi): {e}"),
                Tone::Problem,
            );
            return;
        }
        if !self.session.moved_on_disk() {
            let failed = if result.is_ok_and(|ok| !ok) {
                " (the editor reported a failure)"
            } else {
                ""
            };
            self.say(
                format!("back from the editor: {name} unchanged{failed}"),
                Tone::Info,
            );
            return;
        }
        if self.reload().is_some()
            && let Some((text, _)) = &self.message
        {
            // The person changed it, through the board: not "outside align".
            let said = "changed outside align";
            let text = match text.find(said) {
                Some(at) if text.starts_with("reloaded from disk: ") => {
                    format!("{name} reloaded{}", &text[at + said.len()..])
                }
                _ => text.clone(),
            };
            self.say(format!("{} edited: {text}", request.what), Tone::Done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_vi() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(chosen_editor(os("nvim"), os("nano")), "nvim");
        assert_eq!(chosen_editor(None, os("nano")), "nano");
        assert_eq!(chosen_editor(os("  "), os("nano")), "nano");
        assert_eq!(chosen_editor(None, None), "vi");
        assert_eq!(chosen_editor(os(""), os("")), "vi");
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 4), 3);
        assert_eq!(line_at("a\n", 99), 2);
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_gets_the_line_then_the_file_and_its_own_options() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let path = dir.path().join("my tasks; $(x).toml");
        // An "editor" with an option of its own that writes the arguments it got.
        let editor = OsString::from(format!(
            "printf '%s|' --opt >'{}'; printf '%s|' >>'{}'",
            out.display(),
            out.display()
        ));
        let status = editor_command(&editor, &path, 12).status().unwrap();
        assert!(status.success());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            format!("--opt|+12|{}|", path.display())
        );
    }
}
