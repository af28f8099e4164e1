//! `E`: the selected task or goal opened in the person's editor at its line, and the
//! board reloading what the editor changed. The loop runs the editor through its
//! [`Console`]: here one that records where it was asked to open and edits the file as
//! a person would.

use std::cell::RefCell;
use std::fs;
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;

use super::{DEMO, demo, key, message, on_disk, press, select_goal, select_task, selected_id};
use crate::board::editor::EditorRequest;
use crate::board::{Console, Input};

/// A console that presses `E` then quits, and whose "editor" runs `edit` on the file.
struct Scripted {
    inputs: std::vec::IntoIter<Input>,
    asked: Rc<RefCell<Vec<(String, usize, String)>>>,
    edit: fn(&str) -> Option<String>,
}

impl Console for Scripted {
    fn next_input(&mut self) -> std::io::Result<Option<Input>> {
        Ok(self.inputs.next())
    }
    fn edit(&mut self, request: &EditorRequest) -> std::io::Result<bool> {
        let name = request
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        self.asked
            .borrow_mut()
            .push((name, request.line, request.what.clone()));
        let text = fs::read_to_string(&request.path)?;
        if let Some(new) = (self.edit)(&text) {
            fs::write(&request.path, new)?;
        }
        Ok(true)
    }
}

fn run_e(
    app: &mut crate::board::App,
    edit: fn(&str) -> Option<String>,
) -> Vec<(String, usize, String)> {
    let asked = Rc::new(RefCell::new(Vec::new()));
    let console = Scripted {
        inputs: vec![
            Input::Event(Event::Key(key("E"))),
            Input::Event(Event::Key(key("C-c"))),
        ]
        .into_iter(),
        asked: Rc::clone(&asked),
        edit,
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    crate::board::run(&mut terminal, app, console).unwrap();
    asked.take()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn e_opens_the_selected_task_at_its_line_and_reloads_what_the_editor_changed() {
    let mut f = demo();
    // T-105 is done: `A` brings done and dropped work into the list.
    press(&mut f.app, "A");
    select_task(&mut f.app, "T-105");
    let asked = run_e(&mut f.app, |text| {
        Some(text.replace(
            "title = \"Interview eight churned shops about why they left\"",
            "title = \"Interview ten churned shops\" # more shops",
        ))
    });
    assert_eq!(
        asked,
        [(
            "align.toml".to_string(),
            line_of(DEMO, "id = \"T-105\""),
            "T-105".to_string()
        )]
    );
    assert!(
        message(&f.app).starts_with("T-105 edited: align.toml reloaded"),
        "{}",
        message(&f.app)
    );
    let t = f.app.ws().task_by_id("T-105").unwrap();
    assert_eq!(f.app.ws().tasks[t].title, "Interview ten churned shops");
    assert_eq!(selected_id(&f.app), "T-105", "the selection is kept");
}

#[test]
fn e_on_the_goals_pane_opens_the_key_result_and_an_editor_that_changed_nothing_is_said() {
    let mut f = demo();
    select_goal(&mut f.app, "retention/kr1");
    let asked = run_e(&mut f.app, |_| None);
    assert_eq!(
        asked,
        [(
            "align.toml".to_string(),
            line_of(DEMO, "title = \"Monthly logo churn\"") - 1,
            "retention/kr1".to_string()
        )]
    );
    assert_eq!(
        message(&f.app),
        "back from the editor: align.toml unchanged"
    );
    assert_eq!(on_disk(&f.path), DEMO);
}

#[test]
fn without_a_terminal_for_it_the_editor_is_refused_with_the_reason() {
    let mut f = demo();
    select_goal(&mut f.app, "retention");
    // The plain closure console has no editor to run.
    let mut inputs = vec![
        Input::Event(Event::Key(key("E"))),
        Input::Event(Event::Key(key("C-c"))),
    ]
    .into_iter();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    crate::board::run(&mut terminal, &mut f.app, || Ok(inputs.next())).unwrap();
    assert!(
        message(&f.app).starts_with("could not start the editor ($VISUAL, $EDITOR or vi): "),
        "{}",
        message(&f.app)
    );
    // On another tab E says where it works.
    press(&mut f.app, "2 E");
    assert_eq!(
        message(&f.app),
        "E opens the task or goal selected on the Board tab: press 1"
    );
}
