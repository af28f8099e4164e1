//! The board as a person reads it at 80×24, 120×40 and 60×16: what gives way when room
//! runs out (and what never does), cut text marked with `…`, the status on every task,
//! the class colour kept on the selected row, clicks on borders, and the empty states.
//! Keys go through the real keymap and frames are drawn on a `TestBackend`.

use crate::config::KeySpec;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::style::Color;

use crate::board::app::Focus;
use crate::board::keymap::Keymap;
use crate::board::tests::{
    demo, draw, mouse, open_text, press, rows, screen, select_goal, select_task, selected_id,
};
use crate::board::ui::layout;
use ratatui::layout::Rect;

fn status_rows(t: &Terminal<TestBackend>) -> (String, String) {
    let r = rows(t);
    (r[r.len() - 2].clone(), r[r.len() - 1].clone())
}

fn remapped(pairs: &[(&str, &str)]) -> Keymap {
    let keys = pairs
        .iter()
        .map(|(name, k)| (name.to_string(), vec![KeySpec::parse(k).unwrap()]))
        .collect::<Vec<_>>();
    let (map, warnings) = Keymap::with_remaps(&keys);
    assert!(warnings.is_empty(), "{warnings:?}");
    map
}

#[test]
fn the_status_bar_keeps_the_lens_and_both_shares_and_counts_open_tasks() {
    let mut f = demo();
    for (w, h) in [(60, 16), (80, 24), (100, 30), (120, 40), (160, 45)] {
        let (top, hints) = status_rows(&draw(&mut f.app, w, h));
        assert!(top.contains("strategy lens"), "{w}: {top}");
        assert!(top.contains("52.3% aligned / 21.2% busy"), "{w}: {top}");
        assert!(
            hints.trim_end().ends_with("? help · q quit"),
            "{w}: {hints}"
        );
    }
    // The counts are of open tasks, labelled so, and agree with the Compare tab.
    let (top, _) = status_rows(&draw(&mut f.app, 80, 24));
    assert!(top.contains("open 9a 4p 4o 8b"), "{top}");
    let (top, _) = status_rows(&draw(&mut f.app, 160, 45));
    assert!(
        top.contains("open: 9 aligned 4 partial 4 operational 8 busy-work"),
        "{top}"
    );
    press(&mut f.app, "2");
    draw(&mut f.app, 160, 45);
    let note = &f.app.cached_comparison().unwrap().advice.lens_note;
    assert!(note.contains("8 open busy-work tasks"), "{note}");
    let open_busy = f
        .app
        .ws()
        .tasks
        .iter()
        .zip(&f.app.board().tasks)
        .filter(|(t, s)| t.status.is_open() && s.class == align_core::Class::BusyWork)
        .count();
    assert_eq!(open_busy, 8);
}

#[test]
fn the_key_hints_show_the_keys_as_the_config_maps_them() {
    let mut f = demo();
    f.app.keymap = remapped(&[("link", "ctrl-l"), ("undo", "alt-z"), ("quit", "F10")]);
    let (_, hints) = status_rows(&draw(&mut f.app, 120, 40));
    assert!(hints.contains("Ctrl-l link"), "{hints}");
    assert!(hints.contains("Alt-z undo"), "{hints}");
    assert!(hints.trim_end().ends_with("F10 quit"), "{hints}");
    assert!(!hints.contains(" l link"), "{hints}");
    // At 80 columns too, where the least useful hints have gone.
    let (_, hints) = status_rows(&draw(&mut f.app, 80, 24));
    assert!(hints.contains("Ctrl-l link"), "{hints}");
    assert!(!hints.contains("compare"), "{hints}");
}

#[test]
fn at_80x24_the_goals_tree_cuts_names_and_keeps_every_mark() {
    let mut f = demo();
    // Ids kept where titles do not fit beside them (the config's `goal_names = "id"`).
    f.app.goal_names = crate::config::GoalNames::Id;
    press(&mut f.app, "Tab");
    let t = draw(&mut f.app, 80, 24);
    let text = screen(&t);
    assert!(text.contains("help-cen… w2 orphan"), "{text}");
    assert!(text.contains("retention w5"), "{text}");
    // Further down the tree.
    press(&mut f.app, "G");
    let text = screen(&draw(&mut f.app, 80, 24));
    for mark in [
        "carriers w3 stale",
        "pricing… w1 achieved",
        "reliability w3 ops",
    ] {
        assert!(text.contains(mark), "{mark}\n{text}");
    }
}

/// Titles where people think in them: beside the ids at 120 columns (the progress bars
/// give way), and at 80 the title alone (by default) or the id alone
/// (`goal_names = "id"`); at 200 both beside the bars. The tasks pane's GOALS column
/// follows.
#[test]
fn goals_show_their_titles_beside_their_ids_where_there_is_room() {
    let mut f = demo();
    let text = screen(&draw(&mut f.app, 120, 40));
    assert!(text.contains("retention Cut churn"), "{text}");
    assert!(text.contains("◦ kr1 Monthly"), "{text}");
    // The GOALS column has no room for ids and titles both: titles alone.
    let row = text.lines().find(|l| l.contains("T-103 100")).unwrap();
    assert!(row.contains("Monthly logo churn"), "{row}");
    assert!(!row.contains("retention/kr1"), "{row}");
    let wide = screen(&draw(&mut f.app, 200, 50));
    assert!(wide.contains("██"), "the bars are back: {wide}");
    assert!(
        wide.contains("retention Cut churn among small shops w5"),
        "{wide}"
    );
    let narrow = screen(&draw(&mut f.app, 80, 24));
    assert!(narrow.contains("Cut churn"), "{narrow}");
    assert!(!narrow.contains("retention w5"), "{narrow}");
    f.app.goal_names = crate::config::GoalNames::Id;
    let narrow = screen(&draw(&mut f.app, 80, 24));
    assert!(narrow.contains("retention w5"), "{narrow}");
    let tree_row = |l: &&str| l.contains("Cut churn") && l.contains(" w5");
    assert!(!narrow.lines().any(|l| tree_row(&l)), "{narrow}");
}

/// The tasks listed in the tasks pane, each with its row.
fn task_rows(
    app: &crate::board::App,
    t: &Terminal<TestBackend>,
) -> Vec<(align_core::model::TaskIx, String)> {
    let area = t.backend().buffer().area;
    let tasks = layout(area).tasks;
    rows(t)
        .into_iter()
        .skip(usize::from(tasks.y + 2))
        .take(usize::from(tasks.height.saturating_sub(3)))
        .filter_map(|r| {
            let id = r
                .split_whitespace()
                .find(|w| w.starts_with("T-"))?
                .to_string();
            let task = app.ws().task_by_id(&id)?;
            Some((task, r))
        })
        .collect()
}

#[test]
fn every_task_row_shows_its_status_and_sorting_by_due_shows_the_dates() {
    let mut f = demo();
    // 80 columns: a glyph per status (the legend is in the ? overlay).
    let t = draw(&mut f.app, 80, 24);
    let listed = task_rows(&f.app, &t);
    assert!(listed.len() >= 8);
    for (task, row) in &listed {
        let glyph = super::tasks::STATUS_GLYPHS
            .iter()
            .find(|(s, _)| *s == f.app.ws().tasks[*task].status)
            .unwrap()
            .1;
        // The class in five cells, so the title keeps the room.
        let class = super::tasks::short_class(f.app.board().tasks[*task].class);
        assert!(row.contains(&format!("{class} ")), "{row}");
        assert!(
            row.split(class)
                .nth(1)
                .unwrap()
                .trim_start()
                .starts_with(glyph),
            "{glyph} in {row}"
        );
    }
    // 120 columns: the status in words.
    let t = draw(&mut f.app, 120, 40);
    let listed = task_rows(&f.app, &t);
    assert!(rows(&t)[2].contains("STATUS"), "{}", rows(&t)[2]);
    for (task, row) in &listed {
        let status = match f.app.ws().tasks[*task].status.as_str() {
            "dropped" => "drop",
            s => s,
        };
        assert!(row.contains(&format!(" {status} ")), "{status} in {row}");
    }
    assert!(
        !rows(&t)[2].contains("DUE"),
        "sorted by score: no due column at 120"
    );
    // Sorted by due, the dates show at every width, the nearest first.
    press(&mut f.app, "s g");
    for (w, h, date) in [(80, 24, "11-20"), (120, 40, "2026-11-20")] {
        let t = draw(&mut f.app, w, h);
        let text = screen(&t);
        assert!(rows(&t)[2].contains("DUE"), "{w}: {}", rows(&t)[2]);
        let first = &task_rows(&f.app, &t)[0].1;
        assert!(first.contains(date), "{w}: {first}");
        assert!(text.contains("by due"), "{text}");
    }
}

#[test]
fn the_factor_bill_shows_every_factor_or_counts_those_it_cannot() {
    let mut f = demo();
    assert_eq!(selected_id(&f.app), "T-103");
    let names: Vec<&str> = f.app.board().tasks[f.app.selected_task().unwrap()]
        .factors
        .iter()
        .map(|x| x.name)
        .collect();
    assert_eq!(names.len(), 7);
    // 80×24: one line each, all seven, the score and class on the border.
    let text = screen(&draw(&mut f.app, 80, 24));
    for name in &names {
        assert!(text.contains(&format!(" {name} ")), "{name}\n{text}");
    }
    assert!(
        text.contains("Why this score · T-103 · 100 · aligned · doing"),
        "{text}"
    );
    // 60×16: what does not fit is counted, not dropped in silence.
    let text = screen(&draw(&mut f.app, 60, 16));
    assert!(
        text.contains("+3 more (+5 impact, +5 due_soon, +5 urgent)"),
        "{text}"
    );
    assert!(text.contains("T-103 · 100 · aligned"), "{text}");
    // Roomy: in full, wrapped, with the title.
    let text = screen(&draw(&mut f.app, 160, 45));
    assert!(text.contains("T-103 Dunning emails for failed card payments"));
    assert!(!text.contains("more ("), "{text}");
}

#[test]
fn a_click_on_a_border_selects_nothing() {
    let mut f = demo();
    draw(&mut f.app, 120, 40);
    let a = layout(Rect::new(0, 0, 120, 40));
    let before = (f.app.tasks.selected, f.app.tasks.offset);
    // The tasks pane's bottom border, left and right borders, its header.
    for (x, y) in [
        (a.tasks.x + 10, a.tasks.bottom() - 1),
        (a.tasks.x, a.tasks.y + 5),
        (a.tasks.right() - 1, a.tasks.y + 5),
        (a.tasks.x + 10, a.tasks.y),
        (a.tasks.x + 10, a.tasks.y + 1),
    ] {
        mouse(&mut f.app, MouseEventKind::Down(MouseButton::Left), x, y);
        assert_eq!(
            (f.app.tasks.selected, f.app.tasks.offset),
            before,
            "click at {x},{y}"
        );
        assert_eq!(f.app.focus, Focus::Tasks);
    }
    // The last row inside still selects.
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        a.tasks.x + 10,
        a.tasks.bottom() - 2,
    );
    assert_eq!(f.app.tasks.selected, usize::from(a.tasks.height) - 4);
    // The goals pane's bottom border: focus, but the selection stays.
    let goal = f.app.goals.selected;
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        a.goals.x + 5,
        a.goals.bottom() - 1,
    );
    assert_eq!(f.app.focus, Focus::Goals);
    assert_eq!(f.app.goals.selected, goal);

    // On the Insights tab, the list's bottom border.
    press(&mut f.app, "3 Tab");
    draw(&mut f.app, 120, 40);
    let ia = super::insights::layout(a.body);
    let selected = f.app.insight.tasks;
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        ia.tasks.x + 5,
        ia.tasks.bottom() - 1,
    );
    assert_eq!(f.app.insight.tasks, selected);
    let kr = f.app.insight.key_results;
    mouse(
        &mut f.app,
        MouseEventKind::Down(MouseButton::Left),
        ia.key_results.x + 5,
        ia.key_results.bottom() - 1,
    );
    assert_eq!(f.app.insight.key_results, kr);
}

/// The cells of `word` on row `y`, if it is there.
fn cells_of(t: &Terminal<TestBackend>, y: u16, word: &str) -> Option<Vec<(u16, u16)>> {
    let buffer = t.backend().buffer();
    let chars: Vec<String> = word.chars().map(String::from).collect();
    let w = buffer.area.width;
    let x = (0..w).find(|&x| {
        chars.iter().enumerate().all(|(k, c)| {
            let cx = x + k as u16;
            cx < w && buffer[(cx, y)].symbol() == c
        })
    })?;
    Some((0..chars.len() as u16).map(|k| (x + k, y)).collect())
}

#[test]
fn the_selected_rows_class_tag_keeps_its_colour() {
    for (id, class, color) in [
        ("T-103", "aligned", Color::Green),
        ("T-117", "partial", Color::Yellow),
        ("T-121", "operational", Color::Blue),
        ("T-126", "busy-work", Color::Red),
    ] {
        let mut f = demo();
        select_task(&mut f.app, id);
        // Focused (the cyan highlight) and unfocused (reversed).
        for focus in ["", "Tab"] {
            press(&mut f.app, focus);
            let t = draw(&mut f.app, 160, 45);
            let y = rows(&t)
                .iter()
                .position(|r| r.contains(&format!(" {id} ")))
                .unwrap() as u16;
            let buffer = t.backend().buffer();
            for (x, y) in cells_of(&t, y, class).unwrap() {
                assert_eq!(buffer[(x, y)].fg, color, "{class} of selected {id} {focus}");
                assert_ne!(buffer[(x, y)].bg, color, "{class} stays readable");
            }
            // The rest of the selected row is highlighted as before.
            let (x, _) = cells_of(&t, y, id).unwrap()[0];
            if focus.is_empty() {
                assert_eq!(buffer[(x, y)].bg, Color::Cyan);
            }
        }
    }
    // On the Insights tab's list too.
    let mut f = demo();
    press(&mut f.app, "3 Tab");
    let t = draw(&mut f.app, 160, 45);
    let id = &f.app.ws().tasks[f.app.selected_insight_task().unwrap()].id;
    let y = rows(&t)
        .iter()
        .position(|r| r.contains(&format!("{id} ")) && r.contains("busy-work"))
        .unwrap() as u16;
    for (x, y) in cells_of(&t, y, "busy-work").unwrap() {
        assert_eq!(t.backend().buffer()[(x, y)].fg, Color::Red);
    }
}

#[test]
fn cut_text_ends_in_an_ellipsis() {
    let mut f = demo();
    let t = draw(&mut f.app, 80, 24);
    let row = &task_rows(&f.app, &t)[0].1;
    // The top task waits on a migration: `blocked` before its title, cut too.
    assert!(row.contains("blocked Dunnin… Monthly l…"), "{row}");
    // The ? overlay on a 60-column terminal.
    press(&mut f.app, "?");
    let text = screen(&draw(&mut f.app, 60, 40));
    let link = text.lines().find(|l| l.contains("link / unlink")).unwrap();
    assert!(link.trim_end().ends_with("…│"), "{link}");
}

#[test]
fn the_goal_detail_draws_a_lower_is_better_key_result_rising_as_it_improves() {
    let mut f = demo();
    select_goal(&mut f.app, "retention");
    let text = screen(&draw(&mut f.app, 160, 45));
    let churn = text
        .lines()
        .find(|l| l.contains("◦ kr1 ") && l.contains("4.2 → 2.5 %"))
        .unwrap_or_else(|| panic!("{text}"));
    // Churn fell from 4.2 towards 2.5: progress, drawn rising, as on the Insights tab.
    let goal = f.app.ws().goal_by_id("retention").unwrap();
    let kr = &f.app.ws().goals[goal].key_results[0];
    let mut points: Vec<_> = kr.checkins.iter().map(|c| (c.date, c.value)).collect();
    points.sort_by_key(|p| p.0);
    assert!(
        points.first().unwrap().1 > points.last().unwrap().1,
        "falling values"
    );
    let progress: Vec<f64> = points.iter().map(|p| kr.progress_at(p.1)).collect();
    let trend = super::sparkline(&progress);
    assert!(trend.starts_with('▁') && trend.ends_with('█'), "{trend}");
    assert!(churn.contains(&trend), "{trend} in {churn}");
    // The Insights tab draws the same line for it.
    let insights = f.app.insights().clone();
    let k = insights
        .key_results
        .iter()
        .find(|k| k.target == "retention/kr1")
        .unwrap();
    let series: Vec<f64> = k.checkins.iter().map(|c| c.progress).collect();
    assert_eq!(super::sparkline(&series), trend);
}

#[test]
fn at_60x16_the_insights_list_shows_titles() {
    let mut f = demo();
    press(&mut f.app, "3");
    let t = draw(&mut f.app, 60, 16);
    let ia = super::insights::layout(layout(Rect::new(0, 0, 60, 16)).body);
    let header = &rows(&t)[usize::from(ia.tasks.y + 1)];
    assert!(header.contains("TITLE"), "{header}\n{}", screen(&t));
    let first = &rows(&t)[usize::from(ia.tasks.y + 2)];
    assert!(first.contains("Weekly"), "{first}");
}

const UNITLESS: &str = r#"version = 1

[workspace]
name = "Plain"

[[goals]]
id = "ship"
title = "Ship it"
weight = 3

  [[goals.key_results]]
  id = "releases"
  title = "Releases out"
  start = 0
  target = 10
  current = 2

[[tasks]]
id = "T-1"
title = "Cut a release"
goals = ["ship/releases"]
"#;

#[test]
fn a_key_result_without_a_unit_reads_without_a_double_space() {
    let mut f = open_text(UNITLESS);
    select_goal(&mut f.app, "ship/releases");
    press(&mut f.app, "c");
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains("start 0 → target 10 · now 2"), "{text}");
    assert!(!text.contains("  · now"), "{text}");
    press(&mut f.app, "Esc");
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains("0 → 10, now 2"), "{text}");
    // One open task is one, not "1 open tasks".
    select_goal(&mut f.app, "ship");
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains(" · 1 open task"), "{text}");
    assert!(!text.contains("1 open tasks"), "{text}");
}

#[test]
fn empty_panes_say_how_to_fill_them() {
    let mut f = open_text("version = 1\n[workspace]\nname = \"Empty\"\n");
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains("no tasks yet: press a to add one"), "{text}");
    assert!(text.contains("no goals yet: press n to add"), "{text}");
    // The key named is the one in force.
    f.app.keymap = remapped(&[("add_task", "n"), ("add_goal", "y")]);
    let text = screen(&draw(&mut f.app, 80, 24));
    assert!(text.contains("no tasks yet: press n to add one"), "{text}");
    assert!(text.contains("no goals yet: press y to add"), "{text}");
}

/// The goal pane counts a goal's open tasks in words that agree with the count.
#[test]
fn the_goal_pane_says_one_open_task_in_the_singular() {
    let mut f = open_text(
        "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"Grow\"\n[[tasks]]\nid = \"T-1\"\ntitle = \"Ship\"\ngoals = [\"g\"]\n[[tasks]]\nid = \"T-2\"\ntitle = \"Shipped\"\nstatus = \"done\"\ngoals = [\"g\"]\n",
    );
    select_goal(&mut f.app, "g");
    let text = screen(&draw(&mut f.app, 100, 30));
    assert!(text.contains("· 1 open task "), "{text}");
    assert!(!text.contains("1 open tasks"), "{text}");
}
