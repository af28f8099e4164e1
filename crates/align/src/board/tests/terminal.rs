//! The board meeting a real terminal's ways: a window too small to show it, text pasted
//! into it, the loop told to stop by a signal, a suspend. Keys go through the one
//! keymap into [`App::update`](crate::board::App::update) as in every suite; the file
//! on disk is checked after each.

use ratatui::crossterm::event::Event;

use super::{
    DEMO, demo, demo_all, draw, message, on_disk, press, screen, select_goal, select_task,
    selected_id, send, task,
};
use crate::board::action::Action;

#[test]
fn below_the_smallest_size_keys_do_nothing_but_quit_help_and_resize() {
    let mut f = demo_all();
    select_task(&mut f.app, "T-123");
    let text = screen(&draw(&mut f.app, 40, 10));
    assert!(text.contains("terminal too small"), "{text}");
    let (focus, tasks, goals) = (f.app.focus, f.app.tasks, f.app.goals);
    // The user cannot see the board: moving, linking, advancing and dropping would act
    // on rows they never saw.
    press(&mut f.app, "j l x d Tab a e c / s f m 2 u C-r R");
    assert_eq!(on_disk(&f.path), DEMO, "nothing was written");
    assert!((f.app.session.history_len().0 == 0));
    assert_eq!(
        (f.app.focus, f.app.tasks, f.app.goals),
        (focus, tasks, goals)
    );
    assert!(f.app.form().is_none() && !f.app.editing_filter());
    assert_eq!(f.app.tab, crate::board::action::Tab::Board);
    assert_eq!(f.app.sort.label(), "score");
    assert!(f.app.class_filter.is_none());
    // An ignored key asks for no frame: the note stays as it is.
    assert!(!f.app.update(Action::AdvanceStatus));
    assert!(!f.app.update(Action::Click { column: 1, row: 1 }));
    // Help opens and closes; a resize brings the board back, keys act again.
    press(&mut f.app, "?");
    assert!(f.app.help_open());
    press(&mut f.app, "?");
    assert!(!f.app.help_open());
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains("Tasks ("), "{text}");
    press(&mut f.app, "x");
    assert!(message(&f.app).contains("saved"), "{}", message(&f.app));
    assert_eq!(selected_id(&f.app), "T-123");
    // Shrunk again while a form is open: typing and Enter do not submit it.
    press(&mut f.app, "u e");
    assert!(f.app.form().is_some());
    draw(&mut f.app, 59, 30);
    press(&mut f.app, "z Enter");
    assert!(f.app.form().is_some());
    assert_eq!(on_disk(&f.path), DEMO);
    draw(&mut f.app, 60, 16);
    press(&mut f.app, "Esc");
    assert!(f.app.form().is_none());
    // And q quits from the note.
    draw(&mut f.app, 40, 10);
    send(&mut f.app, Event::Paste("x".into()));
    f.app.update(Action::Quit);
    assert!(f.app.quit);
}

fn paste(app: &mut crate::board::App, text: &str) {
    send(app, Event::Paste(text.to_string()));
}

#[test]
fn a_paste_into_a_form_is_one_line_of_text_and_never_submits_it() {
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    let title = f.app.ws().tasks[task(&f.app, "T-124")].title.clone();
    press(&mut f.app, "e");
    paste(&mut f.app, " pasted\nx");
    let form = f.app.form().expect("the form is still open");
    assert_eq!(form.text(0), format!("{title} pasted x"));
    assert_eq!(on_disk(&f.path), DEMO, "nothing saved yet");
    assert!((f.app.session.history_len().0 == 0));
    // Line breaks, tabs and escapes in the paste are spaces; a final line break goes.
    paste(&mut f.app, "\ta\r\nb\u{1b}c\n");
    assert_eq!(
        f.app.form().unwrap().text(0),
        format!("{title} pasted x a b c")
    );
    press(&mut f.app, "Enter");
    assert!(f.app.form().is_none());
    assert_eq!(
        f.app.ws().tasks[task(&f.app, "T-124")].title,
        format!("{title} pasted x a b c")
    );
    // A paste into a check-in's second field goes there.
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "c Tab");
    paste(&mut f.app, "0.7\n");
    let form = f.app.form().unwrap();
    assert_eq!((form.text(0), form.text(1)), ("", "0.7"));
}

#[test]
fn a_paste_into_the_filter_filters_and_elsewhere_does_nothing() {
    let mut f = demo();
    press(&mut f.app, "/");
    paste(&mut f.app, "confetti\n");
    assert_eq!(f.app.filter, "confetti");
    assert!(
        f.app.editing_filter(),
        "the line break did not end the filter"
    );
    assert_eq!(f.app.task_order.len(), 1);
    press(&mut f.app, "Esc");
    // On the board, over help and on the Insights tab a paste is not keys: `x` and
    // `d` in it edit nothing, `q` does not quit.
    select_task(&mut f.app, "T-124");
    let order = f.app.task_order.clone();
    for mode_keys in ["", "?", "3"] {
        press(&mut f.app, mode_keys);
        paste(&mut f.app, "xdlq\n");
        assert!(!f.app.quit);
        press(&mut f.app, if mode_keys == "?" { "?" } else { "1" });
    }
    assert!(f.app.message.is_none(), "{}", message(&f.app));
    assert_eq!(on_disk(&f.path), DEMO);
    assert_eq!(f.app.task_order, order);
    assert_eq!(selected_id(&f.app), "T-124");
    assert_eq!(
        crate::board::keymap::action_for(
            &Event::Paste("x".into()),
            crate::board::keymap::Mode::Normal
        ),
        None
    );
}

/// `Ctrl-z` suspends from anywhere — the board, help, the filter, a form, the Insights
/// tab — and changes nothing on the board: the loop asks its console to suspend, and
/// once the board runs again ([`Input::Resumed`](crate::board::Input::Resumed)) it
/// goes on where it was, the half-typed form included.
#[test]
fn ctrl_z_suspends_from_every_mode_and_the_board_goes_on_as_it_was() {
    use std::cell::Cell;
    use std::rc::Rc;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::key;
    use crate::board::keymap::{Mode, action_for};
    use crate::board::{Console, Input};

    let ctrl_z = Event::Key(key("C-z"));
    for mode in [
        Mode::Normal,
        Mode::Insights,
        Mode::Help,
        Mode::Filter,
        Mode::Form,
    ] {
        assert_eq!(action_for(&ctrl_z, mode), Some(Action::Suspend), "{mode:?}");
    }

    struct Scripted {
        inputs: std::vec::IntoIter<Input>,
        suspended: Rc<Cell<usize>>,
    }
    impl Console for Scripted {
        fn next_input(&mut self) -> std::io::Result<Option<Input>> {
            Ok(self.inputs.next())
        }
        fn suspend(&mut self) -> std::io::Result<()> {
            self.suspended.set(self.suspended.get() + 1);
            Ok(())
        }
    }
    let mut f = demo();
    select_task(&mut f.app, "T-124");
    press(&mut f.app, "e");
    let title = f.app.form().expect("the rename form").text(0).to_string();
    let suspended = Rc::new(Cell::new(0));
    let console = Scripted {
        inputs: vec![
            Input::Event(ctrl_z.clone()),
            Input::Resumed,
            Input::Event(Event::Key(key("!"))),
            Input::Event(Event::Key(key("C-c"))),
        ]
        .into_iter(),
        suspended: Rc::clone(&suspended),
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    crate::board::run(&mut terminal, &mut f.app, console).unwrap();
    assert_eq!(suspended.get(), 1);
    assert!(f.app.quit);
    assert_eq!(
        f.app.form().expect("still open").text(0),
        format!("{title}!")
    );
    assert!(screen(&terminal).contains(&format!("{title}!")));
    assert_eq!(on_disk(&f.path), DEMO);
}
