//! The Compare tab at the sizes people use: at 80×24 its figures wrap and the verdict
//! stays while the table scrolls; at 120×40 every figure shows whole.

use super::{demo, draw, press, screen};

#[test]
fn the_compare_tab_wraps_its_figures_keeps_the_verdict_and_scrolls_the_rest_at_80x24() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 80, 24);
    let first = screen(&t);
    // The verdict and the advice for the lens in force stay in view, the box closed.
    assert!(
        first.contains("Effort leans to strategic alignment"),
        "{first}"
    );
    assert!(first.contains("▶ Use strategic alignment"), "{first}");
    assert!(
        first.contains("└─────"),
        "the verdict's box is closed\n{first}"
    );
    // The figures wrap rather than lose their numbers.
    assert!(first.contains("(3 of 4"), "{first}");
    assert!(
        first.contains("↓ 16 more · j/k PgDn/PgUp scroll"),
        "{first}"
    );
    // j scrolls the table: the last rows come into view, the verdict stays.
    press(&mut f.app, "G");
    let t = draw(&mut f.app, 80, 24);
    let last = screen(&t);
    for figure in [
        "→ 1 orphan goal (no open",
        "work), 1 stale goal (no",
        "→ 22% of open effort due",
        "multi-year, 2 year, 2",
    ] {
        assert!(last.contains(figure), "{figure}\n{last}");
    }
    assert!(last.contains("↑ 16 above"), "{last}");
    assert!(
        last.contains("Effort leans to strategic alignment"),
        "{last}"
    );
    press(&mut f.app, "k");
    assert_eq!(f.app.compare_scroll, 15);
    press(&mut f.app, "g");
    assert_eq!(f.app.compare_scroll, 0);
    // Every row and feature is reachable by scrolling, one line at a time.
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&screen(&draw(&mut f.app, 80, 24)));
        press(&mut f.app, "j");
    }
    for feature in [
        "Primary objective",
        "Success metric",
        "Decision basis",
        "Employee autonomy",
        "Risk factor",
        "Time horizon",
    ] {
        assert!(seen.contains(feature), "{feature}");
    }
    // Under the crunch lens its advice is the one kept, with the pointer.
    press(&mut f.app, "m");
    let t = draw(&mut f.app, 80, 24);
    let crunch = screen(&t);
    assert!(
        crunch.contains("▶ Revert to a task completion mindset"),
        "{crunch}"
    );
    assert!(!crunch.contains("Use strategic alignment"), "{crunch}");
}

#[test]
fn at_120x40_the_compare_tab_shows_every_figure_whole_without_scrolling() {
    let mut f = demo();
    press(&mut f.app, "2");
    let t = draw(&mut f.app, 120, 40);
    let text = screen(&t);
    let cmp = f.app.cached_comparison().unwrap().clone();
    // Each figure whole, across its wrapped lines.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in &cmp.rows {
        for side in [&r.strategy, &r.task] {
            for word in side.figure.split_whitespace() {
                assert!(flat.contains(word), "{word} of {:?}\n{text}", side.figure);
            }
        }
    }
    assert!(!text.contains("scroll"), "{text}");
    assert!(text.contains("(m switches the lens)"), "{text}");
    assert!(
        text.contains("  Revert to a task completion mindset"),
        "{text}"
    );
    // Nothing to scroll: j changes nothing.
    press(&mut f.app, "j");
    assert_eq!(f.app.compare_scroll, 0);
}
