//! The mouse: a click selects the row under it and focuses its pane, the wheel scrolls
//! the pane under the pointer, and over the help overlay a click only closes it.

use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::{
    demo, demo_all, draw, find_cell, message, mouse, press, rows, screen, selected_id, task_row,
    type_text,
};
use crate::board::action::Tab;
use crate::board::app::Focus;

#[test]
fn a_click_on_a_task_row_selects_it_and_focuses_the_tasks_pane() {
    let mut f = demo();
    draw(&mut f.app, 100, 30);
    press(&mut f.app, "Tab");
    assert_eq!(f.app.focus, Focus::Goals);
    let t = draw(&mut f.app, 100, 30);
    let y = task_row(&t, "T-108");
    let x = find_cell(&t, y, "T-108").unwrap();
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x + 20,
        y,
    );
    assert_eq!(f.app.focus, Focus::Tasks);
    assert_eq!(selected_id(&f.app), "T-108");
    // The header row and the border select nothing.
    let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x,
        areas.tasks.y + 1,
    );
    assert_eq!(selected_id(&f.app), "T-108");
    // Below the last row of a short list: nothing.
    press(&mut f.app, "/");
    type_text(&mut f.app, "churn");
    press(&mut f.app, "Enter");
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        x,
        areas.tasks.bottom() - 2,
    );
    assert!(f.app.selected_task().is_some());
    assert!(f.app.tasks.selected < f.app.task_order.len());
}

#[test]
fn a_click_on_the_goals_pane_focuses_it_and_selects_the_goal() {
    let mut f = demo();
    let t = draw(&mut f.app, 100, 30);
    assert_eq!(f.app.focus, Focus::Tasks);
    let y = rows(&t)
        .iter()
        .position(|r| r.contains("Cut churn among") && r.contains(" w5"))
        .unwrap() as u16;
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 10, y);
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(
        f.app.selected_goal_row().unwrap().target(f.app.ws()),
        "retention"
    );
    // Then l links the (unchanged) selected task to it.
    press(&mut f.app, "l");
    assert_eq!(message(&f.app), "linked T-103 → retention · saved");
    // A click on the tabs line switches tabs.
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 12, 0);
    assert_eq!(f.app.tab, Tab::Compare);
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 2, 0);
    assert_eq!(f.app.tab, Tab::Board);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut f = demo_all();
    draw(&mut f.app, 100, 30);
    let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, 100, 30));
    let (tx, ty) = (areas.tasks.x + 5, areas.tasks.y + 4);
    mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    assert_eq!(f.app.tasks.selected, 3);
    mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    assert_eq!(f.app.tasks.selected, 6);
    mouse(&mut f.app, MouseEventKind::ScrollUp, tx, ty);
    assert_eq!(f.app.tasks.selected, 3);
    for _ in 0..20 {
        mouse(&mut f.app, MouseEventKind::ScrollDown, tx, ty);
    }
    assert_eq!(f.app.tasks.selected, 30, "the wheel stops at the last task");
    let t = draw(&mut f.app, 100, 30);
    assert!(screen(&t).contains(&format!(" {} ", selected_id(&f.app))));

    // Over the goals pane: it takes the focus and its selection moves.
    mouse(&mut f.app, MouseEventKind::ScrollDown, 5, areas.goals.y + 3);
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(f.app.goals.selected, 3);
    assert_eq!(f.app.tasks.selected, 30);
    // Moving the mouse or releasing a button does nothing.
    mouse(&mut f.app, MouseEventKind::Moved, tx, ty);
    mouse(&mut f.app, MouseEventKind::Up(MouseButton::Left), tx, ty);
    assert_eq!(f.app.focus, Focus::Goals);
}

#[test]
fn over_the_help_overlay_a_click_closes_it_and_selects_nothing() {
    let mut f = demo();
    let t = draw(&mut f.app, 100, 30);
    let y = task_row(&t, "T-108");
    press(&mut f.app, "?");
    mouse(&mut f.app, MouseEventKind::ScrollDown, 60, y);
    assert!(f.app.help_open(), "the wheel leaves the overlay open");
    mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), 60, y);
    assert!(!f.app.help_open());
    assert_eq!(selected_id(&f.app), "T-103", "nothing hidden was selected");
    assert_eq!(f.app.tasks.selected, 0);
}
