//! The board at the ends of the scale: a hundred thousand tasks drawn, moved through,
//! linked and edited (each change one small splice of the file), and an empty workspace
//! on which every key is harmless.

use std::fs;

use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::{
    changed_lines, draw, first_ids, line_diff, message, mouse, on_disk, open_text, press, screen,
    select_goal, selected_id, task, type_text,
};
use crate::board::app::App;

/// The workspace "Big": `goals`, then `n` tasks `T-0`… titled `Task number …`, every
/// third linked to `link(i)`, each with `extra(i)` after its fields.
fn big_workspace(
    goals: &str,
    n: usize,
    link: impl Fn(usize) -> String,
    extra: impl Fn(usize) -> &'static str,
) -> String {
    use std::fmt::Write as _;
    let mut text = format!("version = 1\n\n[workspace]\nname = \"Big\"\n\n{goals}");
    for i in 0..n {
        let _ = write!(
            text,
            "[[tasks]]\nid = \"T-{i}\"\ntitle = \"Task number {i}\"\n"
        );
        if i % 3 == 0 {
            let _ = writeln!(text, "goals = [\"{}\"]", link(i));
        }
        text.push_str(extra(i));
        text.push('\n');
    }
    text
}

#[test]
fn a_hundred_thousand_tasks_draw_move_and_link() {
    const N: usize = 100_000;
    let text = big_workspace(
        "[[goals]]\nid = \"g0\"\ntitle = \"Goal zero\"\nweight = 5\n\n\
         [[goals]]\nid = \"g1\"\ntitle = \"Goal one\"\nweight = 2\n\n",
        N,
        |i| format!("g{}", i % 2),
        |i| {
            if i % 7 == 0 {
                "status = \"doing\"\n"
            } else {
                ""
            }
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("align.toml");
    fs::write(&path, &text).unwrap();
    let loaded =
        align_core::load::load_sources(&path, vec![(path.clone(), text.clone().into_bytes())])
            .unwrap();
    let mut app = super::app_of(loaded);
    assert_eq!(app.task_order.len(), N);

    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains("Tasks (100000 open) · by score"));
    press(&mut app, "G");
    assert_eq!(app.tasks.selected, N - 1);
    let last = selected_id(&app);
    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains(&format!(" {last} ")));
    press(&mut app, "PgUp k g");
    assert_eq!(app.tasks.selected, 0);

    press(&mut app, "s s s");
    assert_eq!(first_ids(&app, 3), ["T-0", "T-1", "T-2"]);
    press(&mut app, "/");
    type_text(&mut app, "T-99998");
    press(&mut app, "Enter");
    assert_eq!(first_ids(&app, 9), ["T-99998"]);
    press(&mut app, "Tab g l");
    assert_eq!(message(&app), "linked T-99998 → g0 · saved");
    let (removed, added) = line_diff(&text, &on_disk(&path));
    assert!(removed.is_empty());
    assert_eq!(added, ["goals = [\"g0\"]\n"]);
    let t = draw(&mut app, 160, 45);
    assert!(screen(&t).contains("● T-99998"));
    press(&mut app, "u");
    assert_eq!(on_disk(&path), text);
}

#[test]
fn edits_at_a_hundred_thousand_tasks() {
    const N: usize = 100_000;
    // Every third task linked: to g0's key result, or to g1 (which has none).
    let text = big_workspace(
        "[[goals]]\nid = \"g0\"\ntitle = \"Goal zero\"\nweight = 5\nstart = 2026-01-01\ndue = 2027-12-31\n\n\
         \x20 [[goals.key_results]]\n  id = \"k\"\n  title = \"Key\"\n  start = 0\n  target = 100\n\n\
         [[goals]]\nid = \"g1\"\ntitle = \"Goal one\"\nweight = 2\n\n",
        N,
        |i| {
            if i % 2 == 0 {
                "g0/k".to_string()
            } else {
                "g1".to_string()
            }
        },
        |_| "",
    );
    let mut f = open_text(&text);
    assert_eq!(f.app.task_order.len(), N);
    let draw_ok = |app: &mut App| {
        let t = draw(app, 160, 45);
        assert!(screen(&t).contains("Tasks ("));
    };

    // x on a task in the middle.
    press(&mut f.app, "s s s /");
    type_text(&mut f.app, "T-50001");
    press(&mut f.app, "Enter");
    assert_eq!(selected_id(&f.app), "T-50001");
    press(&mut f.app, "x");
    assert_eq!(message(&f.app), "T-50001 → doing · saved");
    draw_ok(&mut f.app);

    // e renames it.
    press(&mut f.app, "e");
    type_text(&mut f.app, " renamed");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "renamed T-50001 · saved");

    // a adds T-100000 at the end, selected.
    press(&mut f.app, "a");
    type_text(&mut f.app, "One more");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "added T-100000 · saved");
    assert_eq!(selected_id(&f.app), "T-100000");
    assert_eq!(f.app.task_order.len(), N + 1);
    draw_ok(&mut f.app);

    // c checks in on g0/k; the tasks linked to it are scored again.
    select_goal(&mut f.app, "g0/k");
    press(&mut f.app, "c");
    type_text(&mut f.app, "50");
    press(&mut f.app, "Enter");
    assert_eq!(message(&f.app), "checked in g0/k at 50 · saved");
    let linked = task(&f.app, "T-0");
    let fresh = f.app.scorer().score(f.app.ws(), &f.app.ws().tasks[linked]);
    assert_eq!(f.app.board().tasks[linked], fresh);
    draw_ok(&mut f.app);

    let after = on_disk(&f.path);
    let (removed, added) = changed_lines(&text, &after);
    assert_eq!(removed, ["title = \"Task number 50001\"\n"]);
    assert_eq!(
        added,
        [
            "  checkins = [{ date = 2026-11-25, value = 50 }]\n",
            "  current = 50\n",
            "[[tasks]]\n",
            "id = \"T-100000\"\n",
            "status = \"doing\"\n",
            "status = \"todo\"\n",
            "title = \"One more\"\n",
            "title = \"Task number 50001 renamed\"\n",
        ]
    );

    press(&mut f.app, "u u u u");
    assert_eq!(on_disk(&f.path), text, "all undone, byte for byte");
    assert_eq!(f.app.task_order.len(), N);
    press(&mut f.app, "C-r C-r C-r C-r");
    assert_eq!(on_disk(&f.path), after);
}

#[test]
fn an_empty_workspace_draws_and_every_key_is_harmless() {
    let text = "version = 1\n[workspace]\nname = \"Empty\"\n";
    let mut f = open_text(text);
    for keys in [
        "j k g G PgDn PgUp",
        "Tab j G",
        "l u C-r",
        "s f m",
        "/ x Enter",
        "Esc R 2 1",
    ] {
        press(&mut f.app, keys);
        for (w, h) in [(80, 24), (160, 45), (60, 16)] {
            let t = draw(&mut f.app, w, h);
            mouse(
                &mut f.app,
                MouseEventKind::Down(MouseButton::Left),
                w / 2,
                h / 3,
            );
            mouse(&mut f.app, MouseEventKind::ScrollDown, w / 2, h / 3);
            let _ = screen(&t);
        }
    }
    assert_eq!(on_disk(&f.path), text);
    press(&mut f.app, "Esc 1 Tab");
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains("no tasks yet"), "{}", screen(&t));
}
