//! The goals pane: the alignment tree with weight, status, key-result progress and the
//! orphan/stale marks. A `●` marks goals the selected task is linked to. On a narrow
//! pane the bars give way to the percentages and a long name is cut with `…`, never its
//! marks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use crate::output::bar;
use align_core::model::{GoalIx, GoalKind, GoalStatus};

use super::{Naming, fit_line, goal_label, pane_block, wrap};
use crate::board::app::{App, Focus};
use crate::board::views::GoalRow;

/// A goal drawn dim: one no longer pulling work, or an upstream workspace's (the
/// company's: read-only here, shown above the team's own for their line of sight).
fn dimmed(app: &App, goal: GoalIx) -> bool {
    !app.scorer().is_active(goal) || app.ws().goals[goal].upstream.is_some()
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Goals;
    let block = pane_block(format!(" Goals ({}) ", app.ws().goals.len()), focused);
    let height = area.height.saturating_sub(2) as usize;
    let ws = app.ws();
    let start = app.goals.offset.min(app.goal_rows.len());
    let end = (start + height).min(app.goal_rows.len());
    // Marker, name, progress and their gaps: the bars go before the names get short,
    // and before the titles leave the ids' side.
    let inner = area.width.saturating_sub(2);
    let layout = |bars: bool| {
        let progress_width: u16 = if bars { 11 } else { 4 };
        let name_width = usize::from(inner.saturating_sub(1 + progress_width + 2));
        let step = indent_step(app, start..end, name_width);
        let naming = naming(app, start..end, name_width, step);
        (bars, progress_width, name_width, step, naming)
    };
    let mut chosen = layout(inner.saturating_sub(1 + 11 + 2) >= 24);
    if chosen.0 && chosen.4 != Naming::Both && layout(false).4 == Naming::Both {
        chosen = layout(false);
    }
    let (bars, progress_width, name_width, step, naming) = chosen;
    let rows: Vec<Row> = app.goal_rows[start..end]
        .iter()
        .map(|&row| {
            let marker = if app.row_linked_to_selected_task(row) {
                Span::styled("●", Style::new().fg(Color::Green).bold())
            } else {
                Span::raw(" ")
            };
            let (name, progress, dim) = match row {
                GoalRow::Goal { goal, depth } => {
                    let g = &ws.goals[goal];
                    let f = &app.board().goals[goal];
                    let marks = goal_marks(app, goal);
                    let line = goal_name(
                        " ".repeat(step * usize::from(depth)),
                        (&g.id, &g.title),
                        marks,
                        name_width,
                        naming,
                    );
                    (line, f.progress, dimmed(app, goal))
                }
                GoalRow::KeyResult {
                    goal,
                    key_result,
                    depth,
                } => {
                    let k = &ws.goals[goal].key_results[key_result];
                    let indent = step * usize::from(depth);
                    let marks = key_result_marks(app, goal, key_result);
                    let marks_width: usize = marks.iter().map(Span::width).sum();
                    let mut spans = vec![
                        Span::raw(" ".repeat(indent)),
                        Span::styled("◦ ", Style::new().fg(Color::Gray)),
                    ];
                    spans.extend(
                        goal_label(
                            &k.id,
                            &k.title,
                            name_width.saturating_sub(indent + 2 + marks_width),
                            naming,
                            Style::new(),
                        )
                        .spans,
                    );
                    spans.extend(marks);
                    let line = Line::from(spans);
                    (fit_line(line, name_width), k.progress(), dimmed(app, goal))
                }
            };
            let pct = if bars {
                format!("{} {:>3.0}%", bar(progress, 6), progress * 100.0)
            } else {
                format!("{:>3.0}%", progress * 100.0)
            };
            let row = Row::new(vec![
                Cell::from(marker),
                Cell::from(name),
                Cell::from(Span::styled(pct, Style::new().fg(Color::Cyan))),
            ]);
            if dim {
                row.style(Style::new().add_modifier(Modifier::DIM))
            } else {
                row
            }
        })
        .collect();
    let highlight = super::selection_style(focused, app.color);
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(progress_width),
        ],
    )
    .column_spacing(1)
    .block(block)
    .row_highlight_style(highlight);
    let mut state = TableState::default();
    if !app.goal_rows.is_empty() {
        state.select(Some(app.goals.selected.saturating_sub(start)));
    }
    frame.render_stateful_widget(table, area, &mut state);
    if app.goal_rows.is_empty() {
        let file = ws
            .files
            .first()
            .and_then(|f| f.path.file_name())
            .map_or("the file".to_string(), |n| n.to_string_lossy().into_owned());
        let note = match crate::board::ui::hint_key(&app.keymap.normal, "add_goal") {
            Some(k) => format!("no goals yet: press {k} to add one (or add [[goals]] to {file})"),
            None => format!("no goals yet: add [[goals]] (id, title, weight) to {file}"),
        };
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        frame.render_widget(
            Paragraph::new(wrap(
                vec![Line::from(note).italic().fg(Color::Gray)],
                inner.width,
            )),
            inner,
        );
    }
}

/// A goal's weight and marks: `w5`, `ops`, its status when not active (`ended` when
/// active past its due date), `orphan`, `stale`.
fn goal_marks(app: &App, goal: GoalIx) -> Vec<Span<'static>> {
    let g = &app.ws().goals[goal];
    let f = &app.board().goals[goal];
    let mut marks = vec![Span::styled(
        format!(" w{}", g.weight),
        Style::new().fg(Color::Gray),
    )];
    if g.kind == GoalKind::Operational {
        marks.push(Span::styled(" ops", Style::new().fg(Color::Blue)));
    }
    if g.status != GoalStatus::Active {
        marks.push(Span::styled(
            format!(" {}", g.status),
            Style::new().fg(Color::Gray).italic(),
        ));
    } else if g.is_ended(app.today) {
        // Past its due date, still active: in words, so it reads without colour too.
        marks.push(Span::styled(
            " ended",
            Style::new().fg(Color::Magenta).bold(),
        ));
    }
    if f.orphan {
        marks.push(Span::styled(
            " orphan",
            Style::new().fg(Color::Yellow).bold(),
        ));
    }
    if f.stale {
        marks.push(Span::styled(" stale", Style::new().fg(Color::Yellow)));
    }
    marks
}

/// Cells of indent per level of the tree: two where every row in view then fits whole,
/// else one, so names and marks keep the room.
fn indent_step(app: &App, rows: std::ops::Range<usize>, width: usize) -> usize {
    let ws = app.ws();
    let fits = app.goal_rows[rows].iter().all(|&row| {
        let (depth, text) = match row {
            GoalRow::Goal { goal, depth } => {
                let marks: usize = goal_marks(app, goal).iter().map(Span::width).sum();
                (depth, ws.goals[goal].id.width() + marks)
            }
            GoalRow::KeyResult {
                goal,
                key_result,
                depth,
            } => {
                let marks: usize = key_result_marks(app, goal, key_result)
                    .iter()
                    .map(Span::width)
                    .sum();
                (
                    depth,
                    2 + ws.goals[goal].key_results[key_result].id.width() + marks,
                )
            }
        };
        2 * usize::from(depth) + text <= width
    });
    if fits { 2 } else { 1 }
}

/// How the rows in view name their goals and key results: ids with titles when every
/// row keeps room for both (see [`Naming::for_rows`]), else the name the config keeps.
fn naming(app: &App, rows: std::ops::Range<usize>, width: usize, step: usize) -> Naming {
    let ws = app.ws();
    Naming::for_rows(
        app.goal_rows[rows].iter().map(|&row| match row {
            GoalRow::Goal { goal, depth } => {
                let marks: usize = goal_marks(app, goal).iter().map(Span::width).sum();
                let g = &ws.goals[goal];
                let room = width.saturating_sub(step * usize::from(depth) + marks);
                (g.id.as_str(), g.title.as_str(), room)
            }
            GoalRow::KeyResult {
                goal,
                key_result,
                depth,
            } => {
                let k = &ws.goals[goal].key_results[key_result];
                let room = width.saturating_sub(step * usize::from(depth) + 2);
                (k.id.as_str(), k.title.as_str(), room)
            }
        }),
        app.goal_names,
    )
}

/// A goal's row in the tree on `width` cells: the indent, its name ([`goal_label`]:
/// id and title where there is room, else the one the person keeps), then the weight
/// and the marks (`ops`, status, `orphan`, `stale`). When it does not fit, the name is
/// cut with `…` and the marks stay; only when not even that fits is the end cut.
fn goal_name(
    indent: String,
    (id, title): (&str, &str),
    marks: Vec<Span<'static>>,
    width: usize,
    naming: Naming,
) -> Line<'static> {
    let marks_width: usize = marks.iter().map(Span::width).sum();
    let room = width.saturating_sub(indent.width() + marks_width);
    let bold = Style::new().bold();
    let name = if room >= 2 {
        goal_label(id, title, room, naming, bold)
    } else {
        Line::from(Span::styled(id.to_string(), bold))
    };
    let mut spans = vec![Span::raw(indent)];
    spans.extend(name.spans);
    spans.extend(marks);
    fit_line(Line::from(spans), width)
}

/// A key result's marks: `no traction` when much work finished for it moved nothing.
fn key_result_marks(app: &App, goal: GoalIx, key_result: usize) -> Vec<Span<'static>> {
    if app
        .traction(goal, key_result)
        .is_some_and(align_core::traction::Traction::none)
    {
        // In words, so it reads without colour too.
        vec![Span::styled(
            " no traction",
            Style::new().fg(Color::Red).bold(),
        )]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::GoalNames;

    #[test]
    fn a_long_goal_id_is_cut_and_its_marks_stay() {
        let marks = || vec![Span::raw(" w2"), Span::raw(" orphan"), Span::raw(" stale")];
        let at = |w| {
            goal_name(
                "  ".into(),
                ("help-centre", ""),
                marks(),
                w,
                Naming::Alone(GoalNames::Id),
            )
            .to_string()
        };
        assert_eq!(at(40), "  help-centre w2 orphan stale");
        assert_eq!(at(24), "  help-… w2 orphan stale");
        assert_eq!(at(20), "  h… w2 orphan stale");
        // Far too narrow: the end is cut, never the border.
        assert!(at(8).width() <= 8);
        // Wide glyphs are never split.
        let wide = goal_name(
            String::new(),
            ("发布新产品", ""),
            vec![Span::raw(" w5")],
            9,
            Naming::Alone(GoalNames::Id),
        )
        .to_string();
        assert_eq!(wide, "发布… w5");
    }

    #[test]
    fn a_goal_shows_its_title_beside_its_id_where_there_is_room_else_the_one_kept() {
        let name = |w, keep| {
            goal_name(
                String::new(),
                ("retention", "Cut churn among small shops"),
                vec![Span::raw(" w5")],
                w,
                keep,
            )
            .to_string()
        };
        assert_eq!(
            name(60, Naming::Both),
            "retention Cut churn among small shops w5"
        );
        assert_eq!(name(30, Naming::Both), "retention Cut churn among … w5");
        // No room for both: the title alone, or the id alone, as the config says.
        assert_eq!(
            name(16, Naming::Alone(GoalNames::Title)),
            "Cut churn am… w5"
        );
        assert_eq!(name(16, Naming::Alone(GoalNames::Id)), "retention w5");
        // No title: the id, whatever is kept.
        let bare = goal_name(
            String::new(),
            ("retention", ""),
            vec![],
            16,
            Naming::Alone(GoalNames::Title),
        );
        assert_eq!(bare.to_string(), "retention");
        // The pane decides for all its rows: one row without room names each by the
        // name kept.
        let rows = [
            ("retention", "Cut churn", 30),
            ("first-label-24h", "Signups", 16),
        ];
        assert_eq!(
            Naming::for_rows(rows, GoalNames::Title),
            Naming::Alone(GoalNames::Title)
        );
        assert_eq!(
            Naming::for_rows(rows[..1].to_vec(), GoalNames::Id),
            Naming::Both
        );
    }
}
