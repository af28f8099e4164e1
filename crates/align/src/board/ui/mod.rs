//! Drawing: where each pane goes ([`layout`]) and how the board looks ([`render`]).
//! Widgets here read the [`App`] and draw it; they own no state and change nothing.
//! Only rows in view are built, so a frame costs the same at 30 tasks or 100,000.

mod compare;
mod detail;
mod form;
mod goals;
mod help;
pub mod insights;
pub mod rollup;
mod status;
mod tasks;
pub mod theme;

#[cfg(test)]
mod tests_drawing;

use align_core::Class;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::action::Tab;
use super::app::{App, Overlay};
use super::keymap::Bound;
use crate::config::GoalNames;
use unicode_width::UnicodeWidthStr;

pub use compare::scroll_range as compare_scroll_range;
pub use help::max_scroll as help_max_scroll;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    pub goals: Rect,
    pub tasks: Rect,
    /// The selected task's bill (and, on narrow screens, the selected goal's details).
    pub detail: Rect,
    /// On wide screens, the selected goal's details beside the task's bill.
    pub detail_goal: Option<Rect>,
    pub status: Rect,
}

pub fn layout(area: Rect) -> Areas {
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    // A third of the body, but at least 9 rows (a bill of seven factors on one line
    // each, under its border) while the panes above keep 6, and at most 14.
    let detail_height = (body.height / 3)
        .max(9)
        .min(body.height.saturating_sub(6))
        .min(14);
    let [top, detail_all] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(detail_height)]).areas(body);
    let goals_width = (top.width * 38 / 100).max(30).min(top.width);
    let [goals, tasks] =
        Layout::horizontal([Constraint::Length(goals_width), Constraint::Min(0)]).areas(top);
    let (detail, detail_goal) = if area.width >= 140 {
        let [d, g] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(detail_all);
        (d, Some(g))
    } else {
        (detail_all, None)
    };
    Areas {
        tabs,
        body,
        goals,
        tasks,
        detail,
        detail_goal,
        status,
    }
}

const TABS: [(Tab, &str); 4] = [
    (Tab::Board, " 1 Board "),
    (Tab::Compare, " 2 Compare "),
    (Tab::Insights, " 3 Insights "),
    (Tab::Rollup, " 4 Roll-up "),
];

/// The tabs the board has: the Roll-up only on an organisation's.
fn tabs_of(app: &App) -> &'static [(Tab, &'static str)] {
    if app.org.is_some() { &TABS } else { &TABS[..3] }
}

/// Which tab title is under a column of the tabs line.
pub fn tab_at(app: &App, tabs: Rect, column: u16) -> Option<Tab> {
    let mut x = tabs.x;
    for &(tab, label) in tabs_of(app) {
        let w = label.chars().count() as u16;
        if column >= x && column < x + w {
            return Some(tab);
        }
        x += w;
    }
    None
}

/// A class's colour: the same meaning as on the command line.
pub fn class_style(class: Class) -> Style {
    Style::from(crate::output::class_style(class))
}

pub fn class_span(class: Class) -> Span<'static> {
    Span::styled(class.as_str(), class_style(class))
}

pub fn pane_block(title: String, focused: bool) -> Block<'static> {
    titled_pane(Line::from(title).bold(), focused)
}

/// A pane's frame with a styled title (a class tag in its colour, say).
pub fn titled_pane(title: Line<'static>, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(Style::new().fg(Color::Cyan))
    } else {
        block.border_style(Style::new().fg(Color::DarkGray))
    }
}

/// Titles beside ids keep at least this many cells, else the name is one or the other.
const TITLE_MIN: usize = 8;

/// How a pane names goals and key results: the id with the title beside it, or one of
/// them alone (the config's `goal_names`). A pane decides once for all its rows in
/// view, so a name never reads as an id on one row and a title on the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    Both,
    Alone(GoalNames),
}

impl Naming {
    /// [`Naming::Both`] when every `(id, title, width)` given keeps [`TITLE_MIN`] cells
    /// of its title (or all of a shorter one) beside its id, else the name kept.
    pub fn for_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, &'a str, usize)>,
        keep: GoalNames,
    ) -> Naming {
        let fits = rows.into_iter().all(|(id, title, width)| {
            title.is_empty() || id.width() + 1 + title.width().min(TITLE_MIN) <= width
        });
        if fits {
            Naming::Both
        } else {
            Naming::Alone(keep)
        }
    }
}

/// A goal's or key result's name on `width` cells: its id and, in gray, its title
/// (cut with `…`), or the one name `naming` keeps, cut to fit. A goal without a title
/// is named by its id.
pub fn goal_label(
    id: &str,
    title: &str,
    width: usize,
    naming: Naming,
    id_style: Style,
) -> Line<'static> {
    let (id, title) = (align_core::text::safe(id), align_core::text::safe(title));
    if title.is_empty() {
        return fit_line(Line::from(Span::styled(id.into_owned(), id_style)), width);
    }
    match naming {
        Naming::Both => fit_line(
            Line::from(vec![
                Span::styled(id.into_owned(), id_style),
                Span::raw(" "),
                Span::styled(title.into_owned(), Style::new().fg(Color::Gray)),
            ]),
            width,
        ),
        Naming::Alone(GoalNames::Title) => fit_line(
            Line::from(Span::styled(title.into_owned(), id_style)),
            width,
        ),
        Naming::Alone(GoalNames::Id) => {
            fit_line(Line::from(Span::styled(id.into_owned(), id_style)), width)
        }
    }
}

/// The title of what a link names (a goal's or a key result's), or `""`.
pub fn link_title<'w>(ws: &'w align_core::Workspace, link: &align_core::model::LinkRef) -> &'w str {
    ws.resolve_link(link).map_or("", |r| {
        let g = &ws.goals[r.goal];
        r.key_result
            .map_or(g.title.as_str(), |k| g.key_results[k].title.as_str())
    })
}

/// How the tasks pane's GOALS column names the links of the rows in view on `width`
/// cells: ids with titles when every row's fit (a lone link: when its title keeps
/// [`TITLE_MIN`] cells), else the name kept.
pub fn links_naming(
    ws: &align_core::Workspace,
    tasks: &[align_core::model::TaskIx],
    width: usize,
    keep: GoalNames,
) -> Naming {
    let fits = tasks.iter().all(|&t| match ws.tasks[t].goals.as_slice() {
        [] => true,
        [one] => {
            Naming::for_rows(
                [(one.to_string().as_str(), link_title(ws, one), width)],
                keep,
            ) == Naming::Both
        }
        links => links_label(ws, links, usize::MAX, Naming::Both).width() <= width,
    });
    if fits {
        Naming::Both
    } else {
        Naming::Alone(keep)
    }
}

/// A task's links on `width` cells, each named as [`goal_label`] names it, joined by
/// `, `.
pub fn links_label(
    ws: &align_core::Workspace,
    links: &[align_core::model::LinkRef],
    width: usize,
    naming: Naming,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (n, l) in links.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(", "));
        }
        spans.extend(
            goal_label(
                &l.to_string(),
                link_title(ws, l),
                usize::MAX,
                naming,
                Style::new(),
            )
            .spans,
        );
    }
    fit_line(Line::from(spans), width)
}

/// The selected row of a list: the accent background in the focused pane, reverse
/// video in the other. Without colour (`NO_COLOR`) the background is gone, so the
/// focused pane's row is reversed and bold: the selection is seen either way.
pub fn selection_style(focused: bool, color: bool) -> Style {
    match (focused, color) {
        (true, true) => Style::new().bg(Color::Cyan).fg(Color::Black),
        (true, false) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        (false, _) => Style::new().add_modifier(Modifier::REVERSED),
    }
}

/// Wrap styled lines to `width` cells: after a space where one is on the line, inside a
/// word only when the word is wider than the line. Used instead of ratatui's `Wrap`, which
/// can overflow by one cell when a wide glyph (CJK, emoji) meets the edge and so draws
/// over the pane's border (ratatui#2679).
pub fn wrap(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in &lines {
        let mut row: Vec<(String, Style, usize)> = Vec::new();
        let mut used = 0;
        // Where the row may break: just after its last space.
        let mut after_space: Option<usize> = None;
        for g in line.styled_graphemes(Style::default()) {
            let w = unicode_width::UnicodeWidthStr::width(g.symbol);
            if w == 0 || w > width {
                continue;
            }
            let space = g.is_whitespace();
            if used + w > width {
                let rest = match after_space {
                    Some(i) if !space => row.split_off(i),
                    _ => Vec::new(),
                };
                out.push(styled_line(std::mem::take(&mut row)));
                row = rest;
                used = row.iter().map(|c| c.2).sum();
                after_space = None;
                if space {
                    continue;
                }
            }
            row.push((g.symbol.to_string(), g.style, w));
            used += w;
            if space {
                after_space = Some(row.len());
            }
        }
        out.push(styled_line(row));
    }
    out
}

/// Cut `text` to `width` cells, ending in `…` when it is cut. Grapheme- and width-aware:
/// a wide glyph (CJK, emoji) is never split, and the result never overflows `width`.
pub fn fit(text: &str, width: usize) -> String {
    fit_line(Line::from(align_core::text::safe(text)), width).to_string()
}

/// The last word on what reaches the terminal: a cell whose symbol holds a control
/// character or a direction override (text the widgets were given without going through
/// [`align_core::text::safe`]) shows `�` in its place. Cheap: one look at each cell.
pub fn sanitize(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(align_core::text::is_unsafe) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|&c| !align_core::text::is_unsafe(c))
                .collect();
            cell.set_symbol(if kept.is_empty() { "\u{fffd}" } else { &kept });
        }
    }
}

/// A styled line cut to `width` cells, ending in `…` (styled as the text it follows)
/// when it is cut.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'static> {
    let graphemes: Vec<(String, Style, usize)> = line
        .styled_graphemes(Style::default())
        .map(|g| (g.symbol.to_string(), g.style, g.symbol.width()))
        .collect();
    let total: usize = graphemes.iter().map(|g| g.2).sum();
    let mut cells = Vec::new();
    if total <= width {
        cells = graphemes;
    } else if width > 0 {
        let mut used = 0;
        let mut style = line.style;
        for g in graphemes {
            if used + g.2 > width - 1 {
                break;
            }
            used += g.2;
            style = g.1;
            cells.push(g);
        }
        cells.push(("…".to_string(), style, 1));
    }
    let mut out = styled_line(cells);
    out.alignment = line.alignment;
    out
}

/// The widths a table (spacing `spacing`, ratatui's default flex) gives its columns on
/// `width` cells, so cells can be cut with `…` to exactly what they get.
pub fn column_widths(widths: &[Constraint], width: u16, spacing: u16) -> Vec<u16> {
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(spacing)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// Which row of a bordered list (with `header` rows under its top border) a click at
/// `column`, `row` lands on, counted from the first row shown; `None` on the borders
/// and the header, so a click there selects nothing.
pub fn list_row_at(area: Rect, header: u16, column: u16, row: u16) -> Option<usize> {
    let inner = area.inner(Margin::new(1, 1));
    let first = inner.y.saturating_add(header);
    let inside = column >= inner.x && column < inner.right() && row < inner.bottom();
    (inside && row >= first).then(|| usize::from(row - first))
}

/// The key a hint names for an action, as the user's config maps it: its first plain
/// key where it has one (`j` of `↓ j`, `l` of `l Space`), else its first key (`Tab`,
/// `Ctrl-l`). `None` when the action has no key.
pub fn hint_key(table: &[Bound], name: &str) -> Option<String> {
    let bound = table.iter().find(|b| b.name == name)?;
    let mut keys = bound.label.split_whitespace();
    let plain = bound
        .label
        .split_whitespace()
        .find(|k| k.len() == 1 && k.chars().all(|c| c.is_ascii_graphic()));
    plain.or_else(|| keys.next()).map(str::to_string)
}

/// Graphemes back into a line, one span per run of the same style.
fn styled_line(cells: Vec<(String, Style, usize)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (symbol, style, _) in cells {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&symbol),
            _ => spans.push(Span::styled(symbol, style)),
        }
    }
    Line::from(spans)
}

/// A text sparkline of check-in values.
pub fn sparkline(values: &[f64]) -> String {
    let values: Vec<Option<f64>> = values.iter().copied().map(Some).collect();
    crate::trend::sparkline(&values)
}

/// Draw the whole board.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let note = Paragraph::new(vec![
            Line::from("terminal too small").bold(),
            Line::from(format!(
                "{}×{}: align needs {MIN_WIDTH}×{MIN_HEIGHT}",
                area.width, area.height
            )),
            Line::from("q quits"),
        ])
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
        frame.render_widget(note, area);
        return;
    }
    let areas = layout(area);
    render_tabs(frame, app, areas.tabs);
    match app.tab {
        Tab::Board => {
            goals::render(frame, app, areas.goals);
            tasks::render(frame, app, areas.tasks);
            match areas.detail_goal {
                Some(g) => {
                    detail::render_task(frame, app, areas.detail);
                    detail::render_goal(frame, app, g);
                }
                None => match app.focus {
                    super::app::Focus::Goals => detail::render_goal(frame, app, areas.detail),
                    super::app::Focus::Tasks => detail::render_task(frame, app, areas.detail),
                },
            }
        }
        Tab::Compare => compare::render(frame, app, areas.body),
        Tab::Insights => insights::render(frame, app, areas.body),
        Tab::Rollup => rollup::render(frame, app, areas.body),
    }
    status::render(frame, app, areas.status);
    match &app.overlay {
        Overlay::Form(f) => form::render(frame, area, f),
        Overlay::Help { scroll } => {
            help::render(frame, area, &app.keymap, *scroll, app.tab == Tab::Insights);
        }
        Overlay::None | Overlay::Filter => {}
    }
}

fn render_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let right = Line::from(format!(" {} · ? help ", app.today)).alignment(Alignment::Right);
    let right_width = right.width() as u16;
    let mut spans = Vec::new();
    for &(tab, label) in tabs_of(app) {
        spans.push(if tab == app.tab {
            Span::styled(label, Style::new().bg(Color::Cyan).fg(Color::Black).bold())
        } else {
            Span::styled(label, Style::new().fg(Color::Gray))
        });
    }
    if let Some(scope) = app.scope_label() {
        spans.push(Span::styled(
            format!(" ◆ {}", align_core::text::safe(&scope)),
            Style::new().fg(Color::Cyan).bold(),
        ));
    }
    if let Some(m) = app.mission() {
        let used: usize = spans.iter().map(ratatui::prelude::Span::width).sum();
        let room = usize::from(area.width.saturating_sub(right_width)).saturating_sub(used + 3);
        spans.push(Span::styled(
            format!(
                "  {}",
                crate::table::truncate(&align_core::text::safe(m), room)
            ),
            Style::new().add_modifier(Modifier::ITALIC).fg(Color::Gray),
        ));
    }
    frame.render_widget(Line::from(spans), area);
    if area.width > right_width + 30 {
        frame.render_widget(
            right,
            Rect::new(area.right() - right_width, area.y, right_width, 1),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_spans_the_range() {
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▁▅█");
        assert_eq!(sparkline(&[2.0, 2.0]), "▄▄");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn wrap_breaks_after_spaces_and_never_overflows_with_wide_glyphs() {
        let text = |lines: Vec<Line>| -> Vec<String> {
            lines.iter().map(std::string::ToString::to_string).collect()
        };
        assert_eq!(
            text(wrap(vec![Line::from("one two three")], 8)),
            ["one two ", "three"]
        );
        assert_eq!(
            text(wrap(vec![Line::from("abcdefghij")], 4)),
            ["abcd", "efgh", "ij"]
        );
        // A wide glyph that does not fit the last cell moves to the next line.
        assert_eq!(text(wrap(vec![Line::from("abc发布")], 4)), ["abc", "发布"]);
        for w in 1..12 {
            for l in wrap(vec![Line::from("launch 🚀 发布新产品 🚀 a发b布")], w) {
                assert!(l.width() <= usize::from(w), "{l} in {w}");
            }
        }
        // Styles stay with their text.
        let lines = wrap(
            vec![Line::from(vec![
                Span::raw("ab "),
                Span::styled("cd", Style::new().bold()),
            ])],
            3,
        );
        assert_eq!(lines[1].spans[0].style, Style::new().bold());
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_by_cells_and_never_splits_a_wide_glyph() {
        assert_eq!(fit("retention/churn", 20), "retention/churn");
        assert_eq!(fit("retention/churn", 8), "retenti…");
        assert_eq!(fit("retention", 1), "…");
        assert_eq!(fit("retention", 0), "");
        // Wide glyphs: the cut falls before a glyph that would cross the edge.
        assert_eq!(fit("发布新产品", 6), "发布…");
        assert_eq!(fit("发布新产品", 5), "发布…");
        // A family emoji is one grapheme, two cells: kept whole or left out whole.
        assert_eq!(
            fit("ab👩\u{200d}👩\u{200d}👧cd", 5),
            "ab👩\u{200d}👩\u{200d}👧…"
        );
        assert_eq!(fit("ab👩\u{200d}👩\u{200d}👧cd", 4), "ab…");
        for w in 0..30 {
            let cut = fit("launch 🚀 发布新产品 🚀 ＦＵＬＬ", w);
            assert!(Line::from(cut.as_str()).width() <= w, "{cut} in {w}");
        }
        // Styles stay with their text; the ellipsis takes the style it follows.
        let line = fit_line(
            Line::from(vec![
                Span::raw("ab "),
                Span::styled("cdef", Style::new().bold()),
            ]),
            5,
        );
        assert_eq!(line.to_string(), "ab c…");
        assert_eq!(line.spans.last().unwrap().style, Style::new().bold());
    }

    #[test]
    fn a_click_lands_on_a_row_only_inside_the_borders_and_under_the_header() {
        let area = Rect::new(10, 5, 20, 10);
        assert_eq!(list_row_at(area, 1, 15, 7), Some(0));
        assert_eq!(list_row_at(area, 1, 15, 13), Some(6));
        assert_eq!(list_row_at(area, 0, 15, 6), Some(0));
        for (x, y) in [
            (15, 5),
            (15, 6),
            (15, 14),
            (10, 8),
            (29, 8),
            (30, 8),
            (15, 15),
        ] {
            assert_eq!(list_row_at(area, 1, x, y), None, "{x},{y}");
        }
    }

    #[test]
    fn layout_keeps_every_pane_inside_the_screen() {
        for (w, h) in [(60, 16), (80, 24), (160, 45), (300, 100)] {
            let area = Rect::new(0, 0, w, h);
            let a = layout(area);
            for r in [a.tabs, a.goals, a.tasks, a.detail, a.status] {
                assert!(area.contains(r.as_position()), "{r:?} in {w}x{h}");
                assert!(r.right() <= w && r.bottom() <= h, "{r:?} in {w}x{h}");
            }
        }
    }
}
