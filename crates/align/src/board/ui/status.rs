//! The status bar: workspace, lens, open tasks by class, the aligned and busy-work
//! shares of open effort, and below them the last message (or the filter being typed,
//! or the keys that matter here). Both lines give way by priority on a narrow terminal:
//! the lens and the two shares always show, the counts get compact, the workspace name
//! shortens, and the key hints drop the least useful first, keeping `? help` and
//! `q quit`. The hints name the keys as the user's config maps them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use align_core::Class;
use align_core::model::Lens;
use align_core::scoring::Summary;

use super::{class_style, fit, fit_line, hint_key};
use crate::board::action::Tab;
use crate::board::app::{App, Tone};
use crate::board::keymap::Keymap;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let (name, summary) = app.status_of();
    let mut top = summary_line(
        &align_core::text::safe(name),
        app.lens(),
        summary,
        usize::from(area.width),
    );
    // What the person running the board owes, when they are one of the owners.
    if let Some(me) = &app.me {
        let owed = align_core::checkins::owed(app.ws(), app.board());
        let n = align_core::checkins::owed_by(&owed, me);
        if n > 0 {
            let owes = format!(" · you owe {n} check-in{}", if n == 1 { "" } else { "s" });
            if top.width() + owes.width() <= usize::from(area.width) {
                top.push_span(Span::styled(owes, Style::new().fg(Color::Yellow).bold()));
            }
        }
    }
    let top = top.style(Style::new().bg(Color::Black));
    frame.render_widget(top, Rect::new(area.x, area.y, area.width, 1));
    if area.height > 1 {
        let second = fit_line(second_line(app, area), usize::from(area.width));
        frame.render_widget(second, Rect::new(area.x, area.y + 1, area.width, 1));
    }
}

/// How the open tasks by class are written, fullest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    /// `open: 12 aligned 5 partial 4 operational 8 busy-work`
    Full,
    /// `open: 12 aligned 5 part 4 ops 8 busy`
    Short,
    /// `open 12a 5p 4o 8b`
    Compact,
    Hidden,
}

/// How much of the workspace name a way of writing the top line keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Full,
    /// Cut with `…` to the room left, if that is at least this many cells.
    AtLeast(usize),
    Dropped,
}

/// The ways the top line can be written, in order of preference: how the counts read,
/// whether the shares keep their `effort` label and the lens its `lens` word, and how
/// much of the workspace name stays.
const FORMS: [(Counts, bool, bool, Name); 10] = [
    (Counts::Full, true, true, Name::Full),
    (Counts::Short, true, true, Name::Full),
    (Counts::Short, true, true, Name::AtLeast(12)),
    (Counts::Compact, true, true, Name::AtLeast(12)),
    (Counts::Compact, true, true, Name::AtLeast(8)),
    (Counts::Compact, true, true, Name::Dropped),
    (Counts::Hidden, true, true, Name::AtLeast(8)),
    (Counts::Hidden, true, true, Name::Dropped),
    (Counts::Hidden, false, true, Name::Dropped),
    (Counts::Hidden, false, false, Name::Dropped),
];

/// The top line on `width` cells: the first of [`FORMS`] that fits.
pub fn summary_line(name: &str, lens: Lens, s: &Summary, width: usize) -> Line<'static> {
    let sep = || Span::raw(" · ");
    for (counts, effort_word, lens_word, keep) in FORMS {
        let mut rest = lens_spans(lens, lens_word);
        if counts != Counts::Hidden {
            rest.push(sep());
            rest.extend(count_spans(s, counts));
        }
        rest.push(sep());
        rest.extend(effort_spans(s, effort_word));
        let rest_width: usize = rest.iter().map(Span::width).sum();
        // A cell of margin on the left, and the separator after the name.
        let room = width.saturating_sub(rest_width + 1 + 3);
        let shown = match keep {
            Name::Full if name.width() <= room => Some(name.to_string()),
            Name::AtLeast(min) if room >= min.min(name.width()).max(1) => Some(fit(name, room)),
            Name::Dropped => None,
            _ => continue,
        };
        let mut spans = vec![Span::raw(" ")];
        if let Some(shown) = shown.filter(|n| !n.is_empty()) {
            spans.push(Span::styled(shown, Style::new().bold()));
            spans.push(sep());
        }
        spans.extend(rest);
        let line = Line::from(spans);
        if line.width() <= width {
            return line;
        }
    }
    let mut spans = vec![Span::raw(" ")];
    spans.extend(effort_spans(s, false));
    fit_line(Line::from(spans), width)
}

fn lens_spans(lens: Lens, word: bool) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(
        lens.as_str(),
        Style::new().fg(Color::Magenta).bold(),
    )];
    if word {
        spans.push(Span::raw(" lens"));
    }
    spans
}

fn count_spans(s: &Summary, form: Counts) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(if form == Counts::Compact {
        "open "
    } else {
        "open: "
    })];
    for (i, class) in Class::ALL.into_iter().enumerate() {
        let n = s.open(class);
        let text = match form {
            Counts::Full => format!("{n} {class}"),
            Counts::Short => format!("{n} {}", short_name(class)),
            _ => format!("{n}{}", &short_name(class)[..1]),
        };
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(text, class_style(class)));
    }
    spans
}

/// The short class names the owners' bars use too.
fn short_name(class: Class) -> &'static str {
    match class {
        Class::Aligned => "aligned",
        Class::Partial => "part",
        Class::Operational => "ops",
        Class::BusyWork => "busy",
    }
}

fn effort_spans(s: &Summary, word: bool) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if word {
        spans.push(Span::raw("effort "));
    }
    spans.extend([
        Span::styled(
            format!("{}% aligned", s.aligned_effort_pct),
            class_style(Class::Aligned),
        ),
        Span::raw(" / "),
        Span::styled(
            format!("{}% busy", s.busy_effort_pct),
            class_style(Class::BusyWork),
        ),
    ]);
    spans
}

fn second_line(app: &App, area: Rect) -> Line<'static> {
    if app.editing_filter() {
        return Line::from(vec![
            Span::styled(" filter /", Style::new().fg(Color::Cyan).bold()),
            Span::raw(app.filter.clone()),
            Span::styled("▏", Style::new().fg(Color::Cyan)),
            Span::styled("  Enter keeps · Esc clears", Style::new().fg(Color::Gray)),
        ]);
    }
    let mut spans = Vec::new();
    if app.read_only.is_some() {
        spans.push(Span::styled(
            " READ-ONLY ",
            Style::new().bg(Color::Red).fg(Color::White).bold(),
        ));
    }
    let width = usize::from(area.width).saturating_sub(Line::from(spans.clone()).width());
    if let Some((text, tone)) = &app.message {
        let color = match tone {
            Tone::Info => Color::Gray,
            Tone::Done => Color::Green,
            Tone::Problem => Color::Red,
        };
        spans.push(Span::styled(format!(" {text}"), Style::new().fg(color)));
    } else {
        let scrolls = app.tab == Tab::Compare
            && app.cached_comparison().is_some_and(|cmp| {
                let body = super::layout(area_of(app)).body;
                super::compare::scroll_range(body, cmp, app.trend_view(), &app.keymap).0 > 0
            });
        let mut shown = hints(&app.keymap, app.tab, scrolls);
        if app.org.is_some() && app.tab != Tab::Rollup {
            // An organisation's board: the keys that change what it shows come first.
            let team = hint_key(&app.keymap.normal, "next_team");
            let scope = hint_key(&app.keymap.normal, "scope");
            let at = shown.len().min(2);
            for (keys, what) in [(scope, "org"), (team, "team")] {
                if let Some(keys) = keys {
                    shown.insert(
                        at,
                        Hint {
                            keys,
                            what,
                            keep: 6,
                        },
                    );
                }
            }
        }
        let line = hint_line(&shown, width);
        spans.push(Span::styled(line, Style::new().fg(Color::Gray)));
    }
    Line::from(spans)
}

/// The whole screen, as the app last saw it.
fn area_of(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

/// One key hint: the keys, what they do, and how long it stays when room runs out
/// (higher stays longer; [`ALWAYS`] never goes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub what: &'static str,
    pub keep: u8,
}

const ALWAYS: u8 = u8::MAX;

/// The hints for a tab, in the order they are shown, with the keys as remapped.
pub fn hints(keymap: &Keymap, tab: Tab, compare_scrolls: bool) -> Vec<Hint> {
    // Insights keys first on that tab, as the keymap looks them up there.
    let key = |name: &str| -> Option<String> {
        if tab == Tab::Insights {
            hint_key(&keymap.insights, name).or_else(|| hint_key(&keymap.normal, name))
        } else {
            hint_key(&keymap.normal, name)
        }
    };
    let pair = |a: &str, b: &str| -> Option<String> { Some(format!("{}/{}", key(a)?, key(b)?)) };
    let quadrant = || -> Option<String> {
        let keys: Vec<String> = ["left", "down", "up", "right"]
            .iter()
            .map(|n| key(n))
            .collect::<Option<_>>()?;
        let defaults = ["left", "down", "up", "right"].iter().all(|n| {
            keymap
                .insights
                .iter()
                .zip(crate::board::keymap::INSIGHTS_BINDINGS)
                .any(|(b, d)| b.name == *n && b.label == d.label)
        });
        Some(if keys.iter().all(|k| k.chars().count() == 1) {
            let plain = keys.concat();
            if defaults {
                format!("←↓↑→ {plain}")
            } else {
                plain
            }
        } else {
            keys.join("/")
        })
    };
    let list: Vec<(Option<String>, &'static str, u8)> = match tab {
        Tab::Board => vec![
            (key("focus_next"), "pane", 4),
            (pair("down", "up"), "move", 6),
            (key("link"), "link", 9),
            (key("undo"), "undo", 8),
            (key("filter"), "filter", 7),
            (key("sort"), "sort", 3),
            (key("class_filter"), "class", 2),
            (key("lens"), "lens", 5),
            (key("tab_compare"), "compare", 1),
            (key("help"), "help", ALWAYS),
            (key("quit"), "quit", ALWAYS),
        ],
        Tab::Compare => vec![
            (
                compare_scrolls.then(|| pair("down", "up")).flatten(),
                "scroll",
                5,
            ),
            (key("lens"), "lens", 4),
            (key("tab_board"), "board", 3),
            (key("tab_insights"), "insights", 1),
            (key("help"), "help", ALWAYS),
            (key("quit"), "quit", ALWAYS),
        ],
        Tab::Rollup => vec![
            (pair("down", "up"), "scroll", 4),
            (key("next_team"), "team", 6),
            (key("scope"), "organisation", 5),
            (key("tab_board"), "board", 3),
            (key("tab_compare"), "compare", 2),
            (key("help"), "help", ALWAYS),
            (key("quit"), "quit", ALWAYS),
        ],
        Tab::Insights => vec![
            (quadrant(), "quadrant", 3),
            (key("focus_next"), "lists", 2),
            (key("show_on_board"), "show on Board", 1),
            (key("help"), "help", ALWAYS),
            (key("quit"), "quit", ALWAYS),
        ],
    };
    list.into_iter()
        .filter_map(|(keys, what, keep)| keys.map(|keys| Hint { keys, what, keep }))
        .collect()
}

/// The hints that fit `width` cells, the least useful dropped first.
pub fn hint_line(hints: &[Hint], width: usize) -> String {
    let text = |shown: &[&Hint]| -> String {
        let parts: Vec<String> = shown
            .iter()
            .map(|h| format!("{} {}", h.keys, h.what))
            .collect();
        format!(" {}", parts.join(" · "))
    };
    let mut shown: Vec<&Hint> = hints.iter().collect();
    while text(&shown).width() > width {
        let Some(least) = shown
            .iter()
            .enumerate()
            .filter(|(_, h)| h.keep != ALWAYS)
            .min_by_key(|(_, h)| h.keep)
            .map(|(i, _)| i)
        else {
            break;
        };
        shown.remove(least);
    }
    fit(&text(&shown), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        Summary {
            tasks: 31,
            aligned: 12,
            partial: 5,
            operational: 4,
            busy_work: 10,
            aligned_effort_pct: 52.3,
            busy_effort_pct: 28.8,
            open: [8, 4, 4, 8],
            open_effort: 66.0,
            aligned_effort: 34.5,
            busy_effort: 19.0,
        }
    }

    #[test]
    fn the_top_line_keeps_the_lens_and_both_shares_at_every_width() {
        for width in 40..200 {
            let line = summary_line("Parcelwise Q4 2026", Lens::Strategy, &summary(), width);
            let text = line.to_string();
            assert!(line.width() <= width, "{width}: {text}");
            assert!(text.contains("strategy"), "{width}: {text}");
            if width >= 60 {
                assert!(
                    text.contains("52.3% aligned / 28.8% busy"),
                    "{width}: {text}"
                );
                assert!(text.contains("lens"), "{width}: {text}");
            }
            if width >= 72 {
                assert!(text.contains("open"), "{width}: {text}");
            }
        }
    }

    #[test]
    fn the_top_line_degrades_counts_first_then_the_name() {
        let at = |w| summary_line("Parcelwise Q4 2026", Lens::Strategy, &summary(), w).to_string();
        assert_eq!(
            at(160),
            " Parcelwise Q4 2026 · strategy lens · open: 8 aligned 4 partial 4 operational 8 busy-work · effort 52.3% aligned / 28.8% busy"
        );
        assert_eq!(
            at(120),
            " Parcelwise Q4 2026 · strategy lens · open: 8 aligned 4 part 4 ops 8 busy · effort 52.3% aligned / 28.8% busy"
        );
        assert_eq!(
            at(100),
            " Parcelwise Q4 2026 · strategy lens · open 8a 4p 4o 8b · effort 52.3% aligned / 28.8% busy"
        );
        assert_eq!(
            at(85),
            " Parcelwise Q… · strategy lens · open 8a 4p 4o 8b · effort 52.3% aligned / 28.8% busy"
        );
        assert_eq!(
            at(80),
            " Parcelw… · strategy lens · open 8a 4p 4o 8b · effort 52.3% aligned / 28.8% busy"
        );
        // With bigger counts, the name goes before the lens or a share would.
        let big = Summary {
            open: [12, 5, 4, 10],
            ..summary()
        };
        assert_eq!(
            summary_line("Parcelwise Q4 2026", Lens::Strategy, &big, 80).to_string(),
            " strategy lens · open 12a 5p 4o 10b · effort 52.3% aligned / 28.8% busy"
        );
        assert_eq!(at(60), " strategy lens · effort 52.3% aligned / 28.8% busy");
    }

    #[test]
    fn the_hints_drop_the_least_useful_first_and_keep_help_and_quit() {
        let hints = hints(&Keymap::default(), Tab::Board, false);
        let full = hint_line(&hints, 200);
        assert_eq!(
            full,
            " Tab pane · j/k move · l link · u undo · / filter · s sort · f class · m lens · 2 compare · ? help · q quit"
        );
        for width in 20..200 {
            let line = hint_line(&hints, width);
            assert!(line.width() <= width, "{width}: {line}");
            if width >= 16 {
                assert!(line.ends_with("? help · q quit"), "{width}: {line}");
            }
        }
        let at80 = hint_line(&hints, 80);
        assert!(at80.contains("l link") && at80.contains("u undo"), "{at80}");
        assert!(!at80.contains("compare"), "{at80}");
        let narrow = hint_line(&hints, 30);
        assert_eq!(narrow, " l link · ? help · q quit");
    }

    #[test]
    fn the_hints_name_the_keys_as_remapped() {
        let keys = [
            ("link", "ctrl-l"),
            ("down", "n"),
            ("help", "F2"),
            ("left", "a"),
        ]
        .iter()
        .map(|(name, k)| {
            let spec = crate::config::KeySpec::parse(k).unwrap();
            (name.to_string(), vec![spec])
        })
        .collect::<Vec<_>>();
        let (map, _) = Keymap::with_remaps(&keys);
        let line = hint_line(&hints(&map, Tab::Board, false), 200);
        assert!(line.contains("Ctrl-l link"), "{line}");
        assert!(line.contains("n/k move"), "{line}");
        assert!(line.contains("F2 help"), "{line}");
        assert!(!line.contains(" l link"), "{line}");
        let insights = hint_line(&hints(&map, Tab::Insights, false), 200);
        assert!(insights.starts_with(" ankl quadrant"), "{insights}");
        let default = hint_line(&hints(&Keymap::default(), Tab::Insights, false), 200);
        assert!(default.starts_with(" ←↓↑→ hjkl quadrant"), "{default}");
    }
}
