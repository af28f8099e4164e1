//! The picked quadrant's tasks beside the grid: id, class and title always, then when the
//! task presses (late, due soon, marked urgent), and score, effort and owner as room
//! allows. Only the rows in view are built.

use align_core::insights::{Insights, Quadrant};
use align_core::model::TaskIx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};
use unicode_width::UnicodeWidthStr;

use super::{
    empty_note, list_height, list_selection, list_table, num, plural, quadrant_color, title_case,
};
use crate::board::app::App;
use crate::board::insights::InsightFocus;
use crate::board::ui::tasks::{id_width, selected_tag_style};
use crate::board::ui::{class_span, column_widths, fit, fit_line, titled_pane};

/// When a task presses: `! 3d late`, `! in 2d`, `today`, `urgent`, or its due date.
fn when(app: &App, ins: &Insights, task: TaskIx) -> Span<'static> {
    let t = &app.ws().tasks[task];
    let due = t.due.map(|d| (d, (d - app.today).num_days()));
    let (text, color) = match due {
        Some((_, days)) if days < 0 => (format!("{}d late", -days), Color::Red),
        Some((_, 0)) => ("today".to_string(), Color::Red),
        Some((_, days)) if days <= ins.due_soon_days => (format!("in {days}d"), Color::Yellow),
        Some((d, _)) => (d.to_string(), Color::Gray),
        None if t.urgent => ("urgent".to_string(), Color::Yellow),
        None => (String::new(), Color::Gray),
    };
    let text = if t.urgent && due.is_some() {
        format!("! {text}")
    } else {
        text
    };
    Span::styled(text, Style::new().fg(color))
}

pub(super) fn render(frame: &mut Frame, app: &App, ins: &Insights, area: Rect) {
    let q = app.insight.quadrant;
    let cell = ins.quadrant(q);
    let focused = app.insight.focus == InsightFocus::Tasks;
    let color = quadrant_color(q);
    let title = Line::from(vec![
        Span::raw(" "),
        Span::styled(title_case(q), Style::new().fg(color).bold()),
        Span::styled(
            format!(
                " · {} · {} effort ",
                plural(cell.tasks.len(), "task", "tasks"),
                num(cell.effort)
            ),
            Style::new().bold(),
        ),
    ]);
    let inner_width = area.width.saturating_sub(2);
    let mut block = titled_pane(fit_line(title, usize::from(inner_width)), focused);
    let legend = format!(
        " urgent: ! marked, late or due within {}d ",
        ins.due_soon_days
    );
    if usize::from(inner_width) >= legend.width() + 4 {
        block = block.title_bottom(Line::from(legend).fg(Color::DarkGray).right_aligned());
    }
    let height = list_height(area);
    let start = app.insight.tasks.offset.min(cell.tasks.len());
    let end = (start + height).min(cell.tasks.len());
    let visible = &cell.tasks[start..end];
    let ws = app.ws();
    let id_width = id_width(ws, visible);
    let owner_width = visible
        .iter()
        .filter_map(|&i| ws.tasks[i].owner.as_deref())
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .clamp(5, 10) as u16;
    // Always: id, class and the title. Then when it presses, if the title keeps 12
    // cells; then score, effort, owner as room allows.
    let base = id_width + 11 + 10 + 12 + 3;
    let show_when = inner_width >= base;
    let mut room = inner_width.saturating_sub(base);
    let mut take = |w: u16| {
        if room > w {
            room -= w + 1;
            true
        } else {
            false
        }
    };
    let (score, effort, owner) = (take(5), take(6), take(owner_width));
    let mut header = vec!["ID"];
    let mut widths = vec![Constraint::Length(id_width)];
    if score {
        header.push("SCORE");
        widths.push(Constraint::Length(5));
    }
    let class_column = header.len();
    header.push("CLASS");
    widths.push(Constraint::Length(11));
    if show_when {
        header.push("WHEN");
        widths.push(Constraint::Length(10));
    }
    if effort {
        header.push("EFFORT");
        widths.push(Constraint::Length(6));
    }
    if owner {
        header.push("OWNER");
        widths.push(Constraint::Length(owner_width));
    }
    header.push("TITLE");
    widths.push(Constraint::Fill(1));
    let title_width = usize::from(*column_widths(&widths, inner_width, 1).last().unwrap_or(&0));
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let t = &ws.tasks[i];
            let s = &app.board().tasks[i];
            let mut cells = vec![Cell::from(t.id.clone())];
            if score {
                cells.push(Cell::from(format!("{:>3}", s.points)));
            }
            cells.push(Cell::from(class_span(s.class)));
            if show_when {
                cells.push(Cell::from(when(app, ins, i)));
            }
            if effort {
                cells.push(Cell::from(format!("{:>5}", num(t.effort))));
            }
            if owner {
                let who = t.owner.as_deref().unwrap_or("—");
                cells.push(Cell::from(fit(who, usize::from(owner_width))));
            }
            cells.push(Cell::from(fit(&t.title, title_width)));
            Row::new(cells)
        })
        .collect();
    let mut table = list_table(rows, widths, header, block, focused);
    let mut state = list_selection(app.insight.tasks.selected, start, !visible.is_empty());
    // The selected row's class tag keeps its colour over the focused highlight.
    if !visible.is_empty()
        && focused
        && let Some(task) = app.selected_insight_task()
    {
        state.select_column(Some(class_column));
        table = table.cell_highlight_style(selected_tag_style(app.board().tasks[task].class));
    }
    frame.render_stateful_widget(table, area, &mut state);
    if cell.tasks.is_empty() {
        let note = if ins.open_tasks == 0 {
            "no open tasks"
        } else {
            match q {
                Quadrant::DoNow => "nothing urgent and aligned",
                Quadrant::Schedule => "no aligned work waiting",
                Quadrant::BusyWorkTrap => "no urgent work outside your goals: good",
                Quadrant::DropOrQuestion => "nothing to question",
            }
        };
        empty_note(frame, area, note);
    }
}
