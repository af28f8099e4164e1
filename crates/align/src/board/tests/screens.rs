//! What the screen shows: the stored snapshots of the board, the Compare tab, the help
//! overlay and the too-small note; every size from 1×1 drawn without a panic; a resize
//! laid out again; colours on class tags and link marks; wide glyphs never breaking a
//! border.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{
    assert_screen, demo, demo_all, draw, find_cell, open_text, press, rows, screen, selected_id,
    task_row,
};
use crate::board::action::Tab;
use crate::board::keymap;

#[test]
fn snapshot_board_80x24() {
    let mut f = demo();
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests", "board_80x24", &t);
}

#[test]
fn snapshot_board_160x45() {
    let mut f = demo();
    let t = draw(&mut f.app, 160, 45);
    assert_screen("tests", "board_160x45", &t);
}

#[test]
fn snapshot_compare_80x24() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests", "compare_80x24", &t);
}

#[test]
fn snapshot_compare_160x45() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 160, 45);
    assert_screen("tests", "compare_160x45", &t);
}

#[test]
fn snapshot_help_80x24() {
    let mut f = demo();
    press(&mut f.app, "?");
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests", "help_80x24", &t);
}

#[test]
fn snapshot_too_small_30x8() {
    let mut f = demo();
    let t = draw(&mut f.app, 30, 8);
    assert_screen("tests", "too_small_30x8", &t);
    // Keys still work: q quits from the note.
    press(&mut f.app, "q");
    assert!(f.app.quit);
}

#[test]
fn every_size_from_1x1_to_200x60_draws_without_panicking() {
    let mut f = demo();
    // The last task and the last goal row selected: scroll offsets in play.
    press(&mut f.app, "G Tab G");
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=200).step_by(9) {
        for h in (1..=60).step_by(4) {
            sizes.push((w, h));
        }
    }
    // Every size around the minimum, where the layout changes.
    for w in 55..=65 {
        for h in 12..=20 {
            sizes.push((w, h));
        }
    }
    sizes.extend([(1, 1), (200, 60), (200, 1), (1, 60), (139, 30), (140, 30)]);
    for tab in ["1", "2"] {
        press(&mut f.app, tab);
        for &(w, h) in &sizes {
            let t = draw(&mut f.app, w, h);
            assert_eq!(rows(&t).len(), usize::from(h));
            if tab == "1" {
                press(&mut f.app, "?");
                draw(&mut f.app, w, h);
                press(&mut f.app, "?");
            }
        }
    }
}

#[test]
fn a_resize_lays_the_board_out_again_and_keeps_the_selection_in_view() {
    let mut f = demo_all();
    let t = draw(&mut f.app, 80, 24);
    assert!(!screen(&t).contains("STATUS"), "narrow: no status column");
    press(&mut f.app, "G");
    let last = selected_id(&f.app);
    let t = draw(&mut f.app, 80, 24);
    assert!(screen(&t).contains(&format!(" {last} ")));

    // Smaller: the selected (last) row stays on screen.
    let t = draw(&mut f.app, 80, 16);
    assert_eq!(f.app.size, (80, 16));
    assert!(screen(&t).contains(&format!(" {last} ")), "{}", screen(&t));

    // Bigger: more rows, the status and due columns appear, the pane is filled.
    let t = draw(&mut f.app, 160, 45);
    let text = screen(&t);
    assert!(text.contains("STATUS") && text.contains("DUE"), "{text}");
    assert!(text.contains(&format!(" {last} ")));
    let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, 160, 45));
    let page = usize::from(areas.tasks.height - 3);
    assert_eq!(
        f.app.tasks.offset,
        31 - page,
        "no empty rows under the last task"
    );
    // And the wide layout shows the goal's details beside the task's bill.
    assert!(text.contains("Why this score") && text.contains("┌ Goal "));
}

#[test]
fn class_tags_and_link_markers_carry_their_colour() {
    use ratatui::style::Color;
    let mut f = demo();
    let t = draw(&mut f.app, 160, 45);
    assert_eq!(selected_id(&f.app), "T-103");
    let buffer = t.backend().buffer();
    // Unselected rows, one of each class.
    for (id, class, color) in [
        ("T-104", "aligned", Color::Green),
        ("T-117", "partial", Color::Yellow),
        ("T-121", "operational", Color::Blue),
        ("T-126", "busy-work", Color::Red),
    ] {
        let y = task_row(&t, id);
        let x = find_cell(&t, y, class).unwrap_or_else(|| panic!("{class} in {id}'s row"));
        for k in 0..class.len() as u16 {
            assert_eq!(buffer[(x + k, y)].fg, color, "{class} in {id}'s row");
        }
        // The id beside it is not coloured: the colour belongs to the tag.
        let id_x = find_cell(&t, y, id).unwrap();
        assert_eq!(buffer[(id_x, y)].fg, Color::Reset);
    }

    // The selected row (T-103, focused: the cyan highlight) keeps its tag's colour.
    let y = task_row(&t, "T-103");
    let x = find_cell(&t, y, "aligned").unwrap();
    for k in 0..7 {
        assert_eq!(buffer[(x + k, y)].fg, Color::Green, "selected row's tag");
    }
    assert_eq!(
        buffer[(find_cell(&t, y, "T-103").unwrap(), y)].bg,
        Color::Cyan
    );

    // ● beside the tasks linked to the selected goal (grow-shops): T-108 and T-110.
    for id in ["T-108", "T-110"] {
        let y = task_row(&t, id);
        let x = find_cell(&t, y, "●").unwrap_or_else(|| panic!("● in {id}'s row"));
        assert_eq!(buffer[(x, y)].fg, Color::Green);
    }
    assert!(find_cell(&t, task_row(&t, "T-104"), "●").is_none());
    // ● beside the goal rows the selected task (T-103) links to: retention/kr1.
    let marked: Vec<u16> = (0..45)
        .filter(|&y| find_cell(&t, y, "●").is_some())
        .collect();
    let goal_marks: Vec<String> = marked
        .iter()
        .map(|&y| rows(&t)[usize::from(y)].clone())
        .filter(|r| r.starts_with("│●"))
        .collect();
    assert_eq!(goal_marks.len(), 1, "{goal_marks:?}");
    assert!(goal_marks[0].contains("◦ kr1 Monthly logo churn"));
    let y = marked
        .iter()
        .copied()
        .find(|&y| rows(&t)[usize::from(y)].starts_with("│●"))
        .unwrap();
    assert_eq!(buffer[(1, y)].fg, Color::Green);
}

/// Each column's visible glyph, `None` where the wide glyph before it covers the cell.
fn visible(t: &Terminal<TestBackend>, y: u16) -> Vec<Option<String>> {
    let buffer = t.backend().buffer();
    let mut out = Vec::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            out.push(Some(symbol.to_string()));
        } else {
            assert_eq!(
                symbol.trim(),
                "",
                "{symbol:?} at {x},{y} is drawn under a wide glyph and never shows"
            );
            out.push(None);
        }
        skip = skip
            .max(unicode_width::UnicodeWidthStr::width(symbol))
            .saturating_sub(1);
    }
    out
}

/// Where the help overlay sits on a `w`×`h` screen (78 columns wide, centred).
fn help_area(w: u16, h: u16) -> ratatui::layout::Rect {
    use ratatui::layout::{Constraint, Flex, Layout, Rect};
    // The keys, the legend of signs (3 rows), borders, header and footer.
    let height = (keymap::BINDINGS.len() as u16 + 3 + 5).min(h);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(Rect::new(0, 0, w, h));
    let [popup] = Layout::horizontal([Constraint::Length(78.min(w))])
        .flex(Flex::Center)
        .areas(row);
    popup
}

const WIDE: &str = r#"version = 1

[workspace]
name = "多言語チーム 🚀"
mission = "让每个小店都能像大店一样发货 🚀 写一个测试 写一个测试 写一个测试"

[[goals]]
id = "launch"
title = "🚀 launch 发布新产品 🚀 launch 发布新产品 🚀 launch 发布新产品"
weight = 5
owner = "李雷"

  [[goals.key_results]]
  id = "users"
  title = "用户 👩‍👩‍👧"
  unit = "人"
  start = 0
  target = 100
  current = 40
  checkins = [{ date = 2026-11-01, value = 20 }, { date = 2026-11-20, value = 40 }]

[[goals]]
id = "quality"
title = "品質を上げる"
weight = 3

[[tasks]]
id = "T-1"
title = "写一个测试写一个测试写一个测试写一个测试写一个测试写一个测试写一个测试"
goals = ["launch"]
impact = 5
owner = "韩梅梅"

[[tasks]]
id = "T-2"
title = "🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀 launch 🚀"
goals = ["launch/users"]
tags = ["🚀"]

[[tasks]]
id = "T-3"
title = "a日b本c語dの🚀e表f示gが🚀h崩i れj な k い l か m テ n ス o ト p"
due = 2026-11-30

[[tasks]]
id = "T-4"
title = "ＦＵＬＬＷＩＤＴＨ　ＴＩＴＬＥ　ＦＵＬＬＷＩＤＴＨ　ＴＩＴＬＥ"
goals = ["quality"]
"#;

#[test]
fn wide_characters_never_break_the_borders() {
    let mut f = open_text(WIDE);
    let borders_right = ["│", "┃", "┐", "┘", "┓", "┛", "╮", "╯"];
    // Both tabs; on the board with either pane focused (the narrow detail pane follows
    // the focus) and with the help overlay drawn over the wide titles.
    for keys in ["1", "Tab", "?", "? 2"] {
        press(&mut f.app, keys);
        let tab = if f.app.tab == Tab::Board { "1" } else { "2" };
        for w in 60..=170 {
            for h in [16, 30] {
                let t = draw(&mut f.app, w, h);
                for y in 0..h {
                    let cells = visible(&t, y);
                    let width: usize = cells
                        .iter()
                        .flatten()
                        .map(|s| unicode_width::UnicodeWidthStr::width(s.as_str()))
                        .sum();
                    assert_eq!(width, usize::from(w), "row {y} at {w}x{h}:\n{}", screen(&t));
                }
                let areas = crate::board::ui::layout(ratatui::layout::Rect::new(0, 0, w, h));
                for y in areas.body.y..areas.body.bottom() {
                    let right = visible(&t, y)[usize::from(w - 1)].clone();
                    assert!(
                        right.as_deref().is_some_and(|s| borders_right.contains(&s)),
                        "right border at row {y}, {w}x{h}: {right:?}\n{}",
                        screen(&t)
                    );
                }
                if f.app.help_open() {
                    // The overlay's side borders: a wide glyph just left of it must
                    // not cover its left edge.
                    let popup = help_area(w, h);
                    for y in popup.y..popup.bottom() {
                        let row = visible(&t, y);
                        for x in [popup.x, popup.right() - 1] {
                            let edge = row[usize::from(x)].clone();
                            assert!(
                                edge.as_deref()
                                    .is_some_and(|s| "│╭╮╰╯".contains(s) && !s.is_empty()),
                                "help border at {x},{y}, {w}x{h}: {edge:?}\n{}",
                                screen(&t)
                            );
                        }
                    }
                }
                if tab == "1" && !f.app.help_open() {
                    let x = usize::from(areas.goals.right() - 1);
                    for y in areas.goals.y..areas.goals.bottom() {
                        let edge = visible(&t, y)[x].clone();
                        assert!(
                            edge.as_deref().is_some_and(|s| borders_right.contains(&s)),
                            "goals border at row {y}, {w}x{h}: {edge:?}\n{}",
                            screen(&t)
                        );
                    }
                }
            }
        }
    }
    // The titles are really on screen, not dropped.
    press(&mut f.app, "1");
    let t = draw(&mut f.app, 160, 45);
    let text = screen(&t);
    assert!(text.contains("写一个测试"), "{text}");
    assert!(text.contains("🚀 launch"), "{text}");
    assert!(text.contains("让每个小店"), "{text}");
}

#[test]
fn no_cell_carries_a_control_sequence_or_a_direction_override_from_the_file() {
    let h = "\\u001b]52;c;SGVsbG8=\\u0007 \\u001bc \\u009b2J \\u202edlrow";
    let text = format!(
        "version = 1\n\n[workspace]\nname = \"Team {h}\"\nmission = \"Mission {h}\"\n\n\
         [[goals]]\nid = \"g\"\ntitle = \"Goal {h}\"\nowner = \"o {h}\"\n\n\
         [[goals.key_results]]\nid = \"k\"\ntitle = \"KR {h}\"\nstart = 0\ntarget = 10\n\
         checkins = [{{ date = 2026-11-20, value = 4, note = \"note {h}\" }}]\n\n\
         [[tasks]]\nid = \"T-1\"\ntitle = \"Linked {h}\"\ngoals = [\"g/k\"]\nowner = \"me {h}\"\n\n\
         [[tasks]]\nid = \"T-2\"\ntitle = \"Busy {h}\"\n"
    );
    let mut f = open_text(&text);
    for (keys, (w, h)) in [
        ("", (120, 30)),
        ("Tab", (200, 60)),
        ("2", (80, 24)),
        ("3", (160, 45)),
    ] {
        press(&mut f.app, keys);
        let t = draw(&mut f.app, w, h);
        for cell in &t.backend().buffer().content {
            assert!(
                !cell.symbol().chars().any(align_core::text::is_unsafe),
                "{keys:?} at {w}x{h}: a cell holds {:?}",
                cell.symbol()
            );
        }
        // The titles are shown, their controls as visible marks.
        if keys.is_empty() {
            assert!(rows(&t).iter().any(|r| r.contains("Busy ␛]52;c;SGVsbG8=␇")));
        }
    }
}
