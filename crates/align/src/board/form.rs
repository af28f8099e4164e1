//! The small forms the board asks through — a check-in, a new task, a task's fields — each a
//! column of one-line [`TextArea`]s (cursor, Home/End, Ctrl-a/e, Backspace/Delete,
//! arrows, Ctrl-u/Ctrl-r within the field). The form only holds text: what it means is
//! worked out in [`super::app::App::update`] when it is submitted, and an answer that
//! does not make sense (a value that is not a number, an empty title) comes back as an
//! error beside the field, with the form still open.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use ratatui_textarea::TextArea;

/// What a form is for. Items are named by id, not index, so a form survives a reload
/// (after a conflict on save) and Enter can simply try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    CheckIn {
        goal: String,
        key_result: String,
    },
    /// A new task, written in `file` (its path as the workspace lists it).
    AddTask {
        file: std::path::PathBuf,
    },
    EditTask {
        task: String,
    },
    EditGoal {
        goal: String,
    },
    EditKeyResult {
        goal: String,
        key_result: String,
    },
    CloseGoal {
        goal: String,
    },
    /// A new goal, written in `file` (its path as the workspace lists it).
    AddGoal {
        file: std::path::PathBuf,
    },
    AddKeyResult {
        goal: String,
    },
}

pub struct Field {
    pub label: String,
    pub input: TextArea<'static>,
}

impl Field {
    pub(super) fn new(label: impl Into<String>, placeholder: &str, text: &str) -> Field {
        let mut input = TextArea::new(vec![text.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(Style::default());
        input.set_placeholder_text(placeholder);
        input.set_placeholder_style(Style::new().fg(Color::DarkGray));
        Field {
            label: label.into(),
            input,
        }
    }

    /// The label without its explanation (`Status` of `Status: todo, doing, done or
    /// dropped`, `Impact` of `Impact 1..5 (optional)`): where one row holds the field.
    pub fn short_label(&self) -> &str {
        let end = [": ", " (", " 0..", " 1..", " in "]
            .iter()
            .filter_map(|sep| self.label.find(sep))
            .min()
            .unwrap_or(self.label.len());
        &self.label[..end]
    }

    /// The field's text (one line).
    pub fn text(&self) -> &str {
        self.input.lines().first().map_or("", String::as_str)
    }
}

pub struct Form {
    pub kind: FormKind,
    /// The popup's title.
    pub title: String,
    /// Lines of context above the fields (what is being changed, as it stands).
    pub context: Vec<String>,
    pub fields: Vec<Field>,
    /// The field being typed in.
    pub focus: usize,
    /// A field's answer that does not make sense: which field, and why.
    pub error: Option<(usize, String)>,
    /// A problem with the whole form (the save failed): shown under the fields.
    pub problem: Option<String>,
    /// What Enter does, for the hint line: "saves", "adds".
    pub submit: &'static str,
}

impl Form {
    pub fn check_in(goal: &str, key_result: &str, context: Vec<String>, unit: &str) -> Form {
        let value_label = if unit.is_empty() {
            "Value (required)".to_string()
        } else {
            format!("Value in {unit} (required)")
        };
        Form {
            kind: FormKind::CheckIn {
                goal: goal.to_string(),
                key_result: key_result.to_string(),
            },
            title: format!("Check in on {goal}/{key_result}"),
            context,
            fields: vec![
                Field::new(value_label, "a number, e.g. 2.8", ""),
                Field::new(
                    "Confidence 0..1 (optional)",
                    "how likely the target is hit, e.g. 0.7",
                    "",
                ),
                Field::new("Note (optional)", "what moved it", ""),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "saves",
        }
        .show_cursor()
    }

    /// A new task in `file`: its title, and the links and owner it starts with (those of
    /// where it was asked for, filled in).
    pub fn add_task(
        file: std::path::PathBuf,
        goals: &str,
        owner: &str,
        context: Vec<String>,
    ) -> Form {
        Form {
            kind: FormKind::AddTask { file },
            title: "New task".to_string(),
            context,
            fields: vec![
                Field::new("Title", "what is to be done", ""),
                Field::new(
                    "Goals (optional)",
                    "goal or goal/kr, separated by commas",
                    goals,
                ),
                Field::new("Owner (optional)", "who does it", owner),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "adds",
        }
        .show_cursor()
    }

    /// Every field of task `t` a person edits, filled in as the file has them.
    pub fn edit_task(t: &align_core::model::Task, context: Vec<String>) -> Form {
        let num = |v: f64| align_core::edit::Number(v).literal();
        Form {
            kind: FormKind::EditTask { task: t.id.clone() },
            title: format!("Edit {}", t.id),
            context,
            fields: vec![
                Field::new("Title", "what is to be done", &t.title),
                Field::new(
                    "Status: todo, doing, done or dropped",
                    "todo",
                    t.status.as_str(),
                ),
                Field::new("Effort", "e.g. 3 (points or days)", &num(t.effort)),
                Field::new(
                    "Impact 1..5 (optional)",
                    "1 small … 5 large",
                    &t.impact.map(|i| i.to_string()).unwrap_or_default(),
                ),
                Field::new(
                    "Due (empty: none)",
                    "YYYY-MM-DD",
                    &t.due.map(|d| d.to_string()).unwrap_or_default(),
                ),
                Field::new(
                    "Owner (empty: none)",
                    "who does it",
                    t.owner.as_deref().unwrap_or(""),
                ),
                Field::new("Tags", "separated by commas", &t.tags.join(", ")),
                Field::new(
                    "Urgent: yes or no",
                    "no",
                    if t.urgent { "yes" } else { "no" },
                ),
                Field::new(
                    "Waits on: task ids, separated by commas",
                    "e.g. T-99",
                    &t.depends.join(", "),
                ),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "saves",
        }
        .show_cursor()
    }

    /// Close goal `goal`: its grade (the default filled in), a review, achieved or
    /// missed, and a due date to roll it over to (none: no copy).
    pub fn close_goal(goal: &str, grade: f64, context: Vec<String>) -> Form {
        Form {
            kind: FormKind::CloseGoal {
                goal: goal.to_string(),
            },
            title: format!("Close {goal}"),
            context,
            fields: vec![
                Field::new(
                    "Grade 0.0..1.0",
                    "0.6 to 0.7 is a good stretch result",
                    &format!("{grade:?}"),
                ),
                Field::new("Review (optional)", "what the team learned", ""),
                Field::new("Outcome: achieved or missed", "achieved", "achieved"),
                Field::new(
                    "Roll over to, due (optional)",
                    "YYYY-MM-DD: a copy for the next cycle, open work moved to it",
                    "",
                ),
            ],
            focus: 0,
            error: None,
            problem: None,
            submit: "closes",
        }
        .show_cursor()
    }

    pub fn text(&self, field: usize) -> &str {
        self.fields[field].text()
    }

    /// Only the field being typed in shows a cursor.
    pub(super) fn show_cursor(mut self) -> Form {
        self.sync_cursor();
        self
    }

    fn sync_cursor(&mut self) {
        for (i, f) in self.fields.iter_mut().enumerate() {
            f.input.set_cursor_style(if i == self.focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    /// Mark `field` wrong, and put the cursor there.
    pub fn fail(&mut self, field: usize, why: impl Into<String>) {
        self.focus = field;
        self.error = Some((field, why.into()));
        self.sync_cursor();
    }

    /// Text pasted into the field being typed in (already one line: [`one_line`]).
    pub fn paste(&mut self, line: &str) {
        let field = &mut self.fields[self.focus];
        if field.input.insert_str(line) && self.error.as_ref().is_some_and(|e| e.0 == self.focus) {
            self.error = None;
        }
    }

    /// A key typed while the form is open (Enter and Esc never get here: they submit
    /// and cancel). Tab / Shift-Tab and ↑ ↓ move between fields; everything else edits
    /// the field, which stays one line.
    pub fn key(&mut self, key: KeyEvent) {
        let n = self.fields.len();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % n;
                self.sync_cursor();
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + n - 1) % n;
                self.sync_cursor();
            }
            // Would break the line: Ctrl-m is Enter, and a newline typed as a character.
            KeyCode::Char('m') if ctrl => {}
            KeyCode::Char('\n' | '\r') => {}
            _ => {
                let field = &mut self.fields[self.focus];
                if field.input.input(key) && self.error.as_ref().is_some_and(|e| e.0 == self.focus)
                {
                    // The answer changed: the old complaint no longer applies.
                    self.error = None;
                }
            }
        }
    }
}

/// Pasted text as one line of a field: a final line break dropped, every other line
/// break, tab or control character a space — a paste never submits a form or reaches
/// the board as keys.
pub fn one_line(text: &str) -> String {
    text.trim_end_matches(['\r', '\n'])
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A number as people type it: `3.4`, ` 3,4 ` (a decimal comma), with `unit` (e.g. `%`)
/// after it or not. `None` when it is not a finite number.
pub fn parse_number(text: &str, unit: &str) -> Option<f64> {
    let mut s = text.trim();
    if !unit.is_empty() {
        s = s.strip_suffix(unit).unwrap_or(s).trim_end();
    }
    let owned;
    if !s.contains('.') && s.matches(',').count() == 1 {
        owned = s.replace(',', ".");
        s = &owned;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_people_type_them() {
        assert_eq!(parse_number("3.4", ""), Some(3.4));
        assert_eq!(parse_number(" 3,4 ", ""), Some(3.4));
        assert_eq!(parse_number("2.5 %", "%"), Some(2.5));
        assert_eq!(parse_number("-1", ""), Some(-1.0));
        assert_eq!(parse_number("1,000.5", ""), None);
        assert_eq!(parse_number("abc", ""), None);
        assert_eq!(parse_number("", ""), None);
        assert_eq!(parse_number("inf", ""), None);
        assert_eq!(parse_number("NaN", ""), None);
    }

    #[test]
    fn a_paste_is_one_line_of_text() {
        assert_eq!(one_line(" pasted\nx"), " pasted x");
        assert_eq!(one_line("a\r\nb\rc\td\u{1b}[A\n"), "a b c d [A");
        assert_eq!(one_line("title\r\n"), "title");
        assert_eq!(one_line(""), "");
        let t = align_core::load::load_sources(
            std::path::Path::new("."),
            vec![(
                "align.toml".into(),
                b"version = 1\n[[tasks]]\nid = \"T-1\"\ntitle = \"Old\"\n".to_vec(),
            )],
        )
        .unwrap()
        .workspace
        .tasks
        .remove(0);
        let mut f = Form::edit_task(&t, Vec::new());
        f.paste(&one_line(" pasted\nx"));
        assert_eq!(f.fields[0].input.lines(), ["Old pasted x"]);
    }

    #[test]
    fn fields_stay_one_line_and_tab_moves_between_them() {
        let mut f = Form::check_in("g", "k", Vec::new(), "");
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        f.key(k(KeyCode::Char('4')));
        f.key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        f.key(k(KeyCode::Char('\n')));
        assert_eq!(f.fields[0].input.lines(), ["4"]);
        f.key(k(KeyCode::Tab));
        assert_eq!(f.focus, 1);
        f.key(k(KeyCode::BackTab));
        f.key(k(KeyCode::Up));
        assert_eq!(f.focus, 2);
        f.key(k(KeyCode::Down));
        assert_eq!(f.focus, 0);
    }
}
