//! The Compare tab's trends with a history handed to the board as the worker would hand
//! it (no git needed here): each figure gets a sparkline and its change since a week and
//! a month ago, in arrows and words; "history…" until it arrives, one quiet line when
//! there is none, and "history…" again for a lens the history was not read under.

use super::{assert_screen, demo, draw, press, screen};
use crate::board::Action;
use crate::board::app::App;
use crate::board::trends::{PastFigures, Trends, week_days};

/// A history for the demo: nothing for the first two weeks, then every figure of row
/// `r` at `10·r + week` on its strategy side and `50 - week` on its task side.
fn history_for(app: &App) -> PastFigures {
    let ask = app.history_ask();
    let values = |week: usize| -> Vec<[f64; 2]> {
        (0..6)
            .map(|r| [(10 * r + week) as f64, 50.0 - week as f64])
            .collect()
    };
    PastFigures {
        ask,
        weeks: week_days(ask.today)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (d, (i >= 2).then(|| values(i))))
            .collect(),
        week_ago: Some(values(11)),
        month_ago: Some(values(8)),
    }
}

#[test]
fn each_figure_shows_its_trend_once_the_history_arrives() {
    let mut f = demo();
    f.app.trends = Trends::Waiting;
    press(&mut f.app, "2");
    let waiting = screen(&draw(&mut f.app, 100, 40));
    assert!(waiting.contains("└ history… ─"), "{waiting}");
    assert!(!waiting.contains('▁'), "{waiting}");
    let past = history_for(&f.app);
    assert!(f.app.update(Action::History(Ok(past))));
    let t = draw(&mut f.app, 100, 40);
    let shown = screen(&t);
    // Aligned share now 52.3 against 11 a week ago and 8 a month ago; closed tasks now 5
    // against 39 and 42: the direction in an arrow, the amount in the figure's unit.
    assert!(shown.contains("week ↑41.3, month"), "{shown}");
    assert!(shown.contains("↑44.3"), "{shown}");
    assert!(shown.contains("week ↓34, month ↓37"), "{shown}");
    // Two weeks without a workspace are blanks (after the two cells the line hangs
    // under the figure by); ten weeks and today make the line.
    assert!(
        shown.contains("│                        ▁▁▁▁▂▂▂▂▂▂█ week"),
        "{shown}"
    );
    assert!(
        shown.contains("trends: 12 weeks to today · change since a week, a month"),
        "{shown}"
    );
    assert_screen("trends", "compare_with_history_100x40", &t);
}

#[test]
fn without_history_the_tab_says_so_quietly_and_another_lens_waits_for_its_own() {
    let mut f = demo();
    press(&mut f.app, "2");
    // No worker (not started): nothing about trends at all.
    let off = screen(&draw(&mut f.app, 100, 40));
    assert!(!off.contains("history") && !off.contains("trends"), "{off}");
    // Outside git: one line, the table as it was.
    f.app.update(Action::History(Err(
        "no trends: the workspace is not in git".into(),
    )));
    let outside = screen(&draw(&mut f.app, 100, 40));
    assert!(
        outside.contains("└ no trends: the workspace is not in git ─"),
        "{outside}"
    );
    assert_eq!(outside.matches("not in git").count(), 1);
    // History read under the strategy lens is not shown under crunch: that one is
    // asked for, and "history…" shows until it comes. News for an old ask is dropped.
    let strategy = history_for(&f.app);
    f.app.update(Action::History(Ok(strategy.clone())));
    press(&mut f.app, "m");
    let crunch = screen(&draw(&mut f.app, 100, 40));
    assert!(crunch.contains("└ history… ─"), "{crunch}");
    assert!(!crunch.contains("week ↑"), "{crunch}");
    f.app.update(Action::History(Ok(strategy)));
    assert!(screen(&draw(&mut f.app, 100, 40)).contains("└ history… ─"));
    let crunch_history = history_for(&f.app);
    f.app.update(Action::History(Ok(crunch_history)));
    assert!(screen(&draw(&mut f.app, 100, 40)).contains("week ↑"));
}

#[test]
fn the_history_is_taken_even_while_the_terminal_is_too_small() {
    let mut f = demo();
    draw(&mut f.app, 20, 5);
    let past = history_for(&f.app);
    f.app.update(Action::History(Ok(past)));
    assert!(matches!(f.app.trends, Trends::Ready(_)));
}

/// The history comes from the worker while the Board tab is shown (at the first tick
/// after the first frame, when the workspace is outside git): nothing on screen shows
/// it, so the loop draws nothing for it and the board stays quiet until a key comes.
/// The Compare tab shows it once opened.
#[test]
fn news_of_the_history_draws_nothing_on_a_tab_without_trends() {
    let mut f = demo();
    f.app.trends = Trends::Waiting;
    let before = screen(&draw(&mut f.app, 100, 40));
    assert!(!f.app.update(Action::History(Err(
        "no trends: the workspace is not in git".into(),
    ))));
    assert_eq!(screen(&draw(&mut f.app, 100, 40)), before);
    let past = history_for(&f.app);
    assert!(!f.app.update(Action::History(Ok(past))));
    assert_eq!(screen(&draw(&mut f.app, 100, 40)), before);
    press(&mut f.app, "2");
    let compare = screen(&draw(&mut f.app, 100, 40));
    assert!(compare.contains("week ↑41.3, month"), "{compare}");
    // On the Compare tab the news is drawn.
    let again = history_for(&f.app);
    assert!(f.app.update(Action::History(Ok(again))));
}
