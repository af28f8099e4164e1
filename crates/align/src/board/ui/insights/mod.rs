//! The Insights tab: the urgency × alignment grid (counts and effort per quadrant, in the
//! quadrant's colour) beside the picked quadrant's tasks; below, the key-result staffing
//! table with check-in sparklines, and open effort by class per owner as stacked bars.
//! The figures come from [`align_core::insights`]; this only draws what fits. Here: where
//! the four parts go and the words and frames they share; each part is a module.

mod key_result;
mod owners;
mod quadrant_tasks;
mod quadrants;
mod staffing;

use align_core::insights::Quadrant;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::wrap;
use crate::board::app::App;
use align_core::number::plural;

/// Where the parts of the tab go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsightAreas {
    /// The grid's cells in [`Quadrant::ALL`] order: aligned row on top, urgent column left.
    pub cells: [Rect; 4],
    pub tasks: Rect,
    pub key_results: Rect,
    pub owners: Rect,
}

pub fn layout(body: Rect) -> InsightAreas {
    let top_height = (body.height * 2 / 5).clamp(8, 16).min(body.height);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(body);
    let grid_width = (top.width * 45 / 100).clamp(32, 64).min(top.width);
    let [grid, tasks] =
        Layout::horizontal([Constraint::Length(grid_width), Constraint::Min(0)]).areas(top);
    let [upper, lower] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(grid);
    let halves = |r: Rect| -> [Rect; 2] {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(r)
    };
    let [do_now, schedule] = halves(upper);
    let [trap, drop] = halves(lower);
    let owners_width = (bottom.width * 7 / 20).clamp(24, 60).min(bottom.width);
    let [key_results, owners] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(owners_width)]).areas(bottom);
    InsightAreas {
        cells: [do_now, schedule, trap, drop],
        tasks,
        key_results,
        owners,
    }
}

/// Rows a bordered table with a header shows.
pub fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(3) as usize
}

/// The quadrant's colour: do now green, schedule cyan, the trap red, the rest gray.
pub fn quadrant_color(q: Quadrant) -> Color {
    match q {
        Quadrant::DoNow => Color::Green,
        Quadrant::Schedule => Color::Cyan,
        Quadrant::BusyWorkTrap => Color::Red,
        Quadrant::DropOrQuestion => Color::Gray,
    }
}

fn title_case(q: Quadrant) -> &'static str {
    match q {
        Quadrant::DoNow => "Do now",
        Quadrant::Schedule => "Schedule",
        Quadrant::BusyWorkTrap => "Busy-work trap",
        Quadrant::DropOrQuestion => "Drop or question",
    }
}

/// A number as people write effort: `6`, `6.5`.
fn num(x: f64) -> String {
    format!("{}", (x * 10.0).round() / 10.0)
}

/// The first of `options` that fits `width` cells (else the last one).
fn first_fitting(options: Vec<String>, width: usize) -> String {
    let last = options.last().cloned().unwrap_or_default();
    options
        .into_iter()
        .find(|o| o.width() <= width)
        .unwrap_or(last)
}

fn highlight(focused: bool) -> Style {
    if focused {
        Style::new().bg(Color::Cyan).fg(Color::Black)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// One of the tab's two lists: a table with its underlined header, in its pane, the
/// selected row highlighted as the focus says.
fn list_table<'a>(
    rows: Vec<Row<'a>>,
    widths: Vec<Constraint>,
    header: Vec<&'a str>,
    block: Block<'a>,
    focused: bool,
) -> Table<'a> {
    Table::new(rows, widths)
        .header(Row::new(header).style(Style::new().bold().underlined()))
        .column_spacing(1)
        .block(block)
        .row_highlight_style(highlight(focused))
}

/// The list's selection as the table draws it: `selected` counted from the first row
/// shown, `start`; none when no row is shown.
fn list_selection(selected: usize, start: usize, shown: bool) -> TableState {
    let mut state = TableState::default();
    if shown {
        state.select(Some(selected.saturating_sub(start)));
    }
    state
}

/// What an empty list says, inside its pane.
fn empty_note(frame: &mut Frame, area: Rect, note: &'static str) {
    let inner = area.inner(Margin::new(2, 2));
    frame.render_widget(
        Paragraph::new(wrap(
            vec![Line::from(note).italic().fg(Color::Gray)],
            inner.width,
        )),
        inner,
    );
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(ins) = app.cached_insights() else {
        return;
    };
    let a = layout(area);
    for (q, cell) in Quadrant::ALL.into_iter().zip(a.cells) {
        quadrants::render_cell(frame, app, ins, q, cell);
    }
    quadrant_tasks::render(frame, app, ins, a.tasks);
    staffing::render(frame, app, ins, a.key_results);
    owners::render(frame, ins, a.owners);
}
