//! The workspace changing on disk under the board — a `git pull`, an editor, another
//! `align`. A tick asks the session whether anything moved (cheaply: stamps and the
//! directory's listing) and reloads when it did; a reload keeps the selection, keeps the
//! undo history when the session can prove it still applies, and says what happened.
//! A workspace that no longer loads leaves the board showing what it had, read-only,
//! until it loads again.

use align_core::session::Reloaded;

use super::app::{App, Overlay, Tone, warning_key};
use super::views::GoalRow;

impl App {
    /// A tick of the clock: reload when the workspace changed on disk — unless a form or
    /// the filter is being typed; then the first tick after it closes does. Says whether
    /// it reloaded: a quiet tick changes nothing on screen.
    pub(super) fn tick(&mut self) -> bool {
        if !matches!(self.overlay, Overlay::None | Overlay::Help { .. }) {
            return false;
        }
        if !self.session.moved_on_disk() {
            return false;
        }
        self.reload();
        true
    }

    /// Read the workspace from disk again, keeping the selection and, when every entry
    /// still applies, the undo history. On failure the board keeps what it shows and
    /// becomes read-only until the workspace loads again.
    pub(super) fn reload(&mut self) -> Option<Reloaded> {
        let task_id = self.selected_task().map(|t| self.ws().tasks[t].id.clone());
        let row = self.selected_goal_row().map(|r| r.target(self.ws()));
        let outcome = match self.session.reload() {
            Ok(outcome) => outcome,
            Err(e) => {
                let reason = match &e {
                    align_core::LoadError::Invalid { errors, .. } => errors
                        .first()
                        .map_or_else(|| e.to_string(), std::string::ToString::to_string),
                    other => other.to_string(),
                };
                self.say(
                    format!("read-only: the file on disk does not load: {reason}"),
                    Tone::Problem,
                );
                self.read_only = Some(reason);
                return None;
            }
        };
        self.pending = None;
        self.read_only = None;
        self.follow_everything();
        if let Some(target) = row
            && let Some(i) = self
                .goal_rows
                .iter()
                .position(|r: &GoalRow| r.target(self.ws()) == target)
        {
            self.goals.selected = i;
        }
        let keep = task_id.and_then(|id| self.ws().task_by_id(&id));
        // A task that was selected and is gone: the row that took its place.
        self.refresh_order(keep);
        let mut text = if !outcome.changed {
            "reloaded from disk: nothing had changed".to_string()
        } else {
            format!(
                "reloaded from disk: {}{}",
                self.what_changed(&outcome),
                if outcome.history_cleared {
                    "; undo history cleared"
                } else {
                    ""
                }
            )
        };
        // Warnings the board has not shown yet (someone added an unknown key).
        let fresh: Vec<&align_core::Diagnostic> = outcome
            .warnings
            .iter()
            .filter(|d| !self.warned.contains(&warning_key(d)))
            .collect();
        if let Some(first) = fresh.first() {
            match fresh.len() {
                1 => text.push_str(&format!(" · 1 new warning: {first}")),
                n => text.push_str(&format!(" · {n} new warnings, the first: {first}")),
            }
        }
        self.warned = outcome.warnings.iter().map(warning_key).collect();
        self.say(text, Tone::Info);
        Some(outcome)
    }

    /// The files a reload found changed, by their paths in the workspace:
    /// `ben/tasks.toml changed outside align`, `goals.toml, ben/tasks.toml changed …`,
    /// `4 files changed …`, and those that went.
    fn what_changed(&self, outcome: &Reloaded) -> String {
        let ws = self.ws();
        let names = |paths: &[std::path::PathBuf]| -> String {
            let shown: Vec<String> = paths
                .iter()
                .map(|p| {
                    align_core::text::safe(&super::goal_adding::shown_path(ws, p)).into_owned()
                })
                .collect();
            match shown.len() {
                1..=3 => shown.join(", "),
                n => format!("{n} files"),
            }
        };
        let mut parts = Vec::new();
        if !outcome.changed_files.is_empty() {
            parts.push(format!(
                "{} changed outside align",
                names(&outcome.changed_files)
            ));
        }
        if !outcome.gone_files.is_empty() {
            parts.push(format!("{} went", names(&outcome.gone_files)));
        }
        if parts.is_empty() {
            "changed outside align".to_string()
        } else {
            parts.join(", ")
        }
    }
}
