//! `l` links the selected task to the selected goal or key result (and unlinks it), and
//! the file on disk changes in exactly the task's `goals` line, saved at once.

use super::{
    DEMO, demo, draw, line_diff, message, on_disk, open_text, press, rows, screen, select_goal,
    select_task, task,
};

#[test]
fn l_links_the_selected_task_to_the_selected_goal_and_saves() {
    let mut f = demo();
    select_task(&mut f.app, "T-123"); // "Churn survey follow-ups", linked to nothing
    let t = task(&f.app, "T-123");
    assert!(f.app.ws().tasks[t].goals.is_empty());
    let before = f.app.board().tasks[t].clone();
    assert_eq!(before.class.as_str(), "busy-work");
    assert_eq!(
        before
            .suggested_goal
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("retention/kr1")
    );

    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "l");

    assert_eq!(f.app.ws().tasks[t].goals, ["retention/kr1"]);
    let after = f.app.board().tasks[t].clone();
    assert!(
        after.points > before.points,
        "{} → {}",
        before.points,
        after.points
    );
    assert_ne!(after.class, before.class);
    assert_eq!(
        message(&f.app),
        "linked T-123 → retention/kr1 · saved",
        "{:?}",
        f.app.message
    );
    // On disk: exactly one line more, the new link, inside T-123's table.
    let disk = on_disk(&f.path);
    let (removed, added) = line_diff(DEMO, &disk);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added, ["goals = [\"retention/kr1\"]\n"]);
    let t123 = disk.find("id = \"T-123\"").unwrap();
    let t124 = disk.find("id = \"T-124\"").unwrap();
    assert!(disk[t123..t124].contains("\ngoals = [\"retention/kr1\"]\n"));
    // What is on disk loads, and scores the same as the board shows.
    let reloaded = align_core::load(&f.path).unwrap().workspace;
    assert_eq!(reloaded.tasks[t].goals, ["retention/kr1"]);

    // The board shows it: ● beside the task (linked to the selected goal) and the new
    // class in its row; the counts in the status bar moved.
    let term = draw(&mut f.app, 160, 45);
    let text = screen(&term);
    let row = rows(&term)
        .into_iter()
        .find(|r| r.contains("T-123 "))
        .unwrap();
    assert!(row.contains("● T-123"), "{row}");
    assert!(row.contains(after.class.as_str()), "{row}");
    // Open tasks only, as the shares and the Compare tab count them: 8 open busy-work
    // tasks before (T-127, which the top task waits on, is enabling work), 7 now.
    assert!(text.contains("open: 10 aligned"), "{text}");
    assert!(text.contains(" 7 busy-work · effort"), "{text}");

    // l again unlinks: the file is back to the original, byte for byte.
    press(&mut f.app, "l");
    assert!(f.app.ws().tasks[t].goals.is_empty());
    assert_eq!(f.app.board().tasks[t].points, before.points);
    assert_eq!(f.app.board().tasks[t].class, before.class);
    assert_eq!(message(&f.app), "unlinked T-123 ↛ retention/kr1 · saved");
    assert_eq!(on_disk(&f.path), DEMO);
    // Undoing the unlink names the unlink.
    press(&mut f.app, "u");
    assert_eq!(
        message(&f.app),
        "undo: unlinked T-123 ↛ retention/kr1 · saved"
    );
    assert_eq!(f.app.ws().tasks[t].goals, ["retention/kr1"]);
}

#[test]
fn linking_a_task_that_has_links_changes_its_goals_line_only() {
    let mut f = demo();
    select_task(&mut f.app, "T-116"); // goals = ["carriers"]
    select_goal(&mut f.app, "activation/kr1");
    press(&mut f.app, "l");
    let (removed, added) = line_diff(DEMO, &on_disk(&f.path));
    assert_eq!(removed, ["goals = [\"carriers\"]\n"]);
    assert_eq!(added, ["goals = [\"carriers\", \"activation/kr1\"]\n"]);
    // The comment on the next line and everything else are untouched.
    let text = on_disk(&f.path);
    assert!(text.contains(
        "goals = [\"carriers\", \"activation/kr1\"]\nimpact = 1                      # linked, but barely moves the goal\n"
    ));
}

#[test]
fn l_without_a_goal_says_what_to_do() {
    let mut f = open_text(
        "version = 1\n[workspace]\nname = \"No goals\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Alone\"\n",
    );
    press(&mut f.app, "l");
    assert!(message(&f.app).starts_with("select a task and a goal first"));
    assert_eq!(
        on_disk(&f.path),
        "version = 1\n[workspace]\nname = \"No goals\"\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Alone\"\n"
    );
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("no goals yet") || screen(&t).contains("Goals (0)"));
}
