//! The selected key result in words, drawn under a staffing table that shows every row:
//! its plan and where it stands, its latest confidence, every check-in with the latest
//! note, and who works on it — the tasks linked straight to it and those via its goal.

use align_core::insights::KeyResultInsight;
use align_core::model::TaskIx;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::num;
use super::staffing::state;
use crate::board::app::App;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The selected key result in words: plan, confidence, check-ins, who works on it.
pub(super) fn lines(app: &App, k: &KeyResultInsight) -> Vec<Line<'static>> {
    let kr = &app.ws().goals[k.goal].key_results[k.key_result];
    let unit = kr
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let gray = Style::new().fg(Color::Gray);
    let mut plan = vec![Span::raw(format!(
        "{} → {}{unit}, now {} · {} done",
        kr.start,
        kr.target,
        kr.current,
        pct(k.progress)
    ))];
    if let Some(e) = k.expected {
        plan.push(Span::raw(format!(", {} of the time gone", pct(e))));
    }
    if let Some(c) = kr.latest_checkin()
        && let Some(conf) = c.confidence
    {
        plan.push(Span::raw(format!(" · confidence {conf} on {}", c.date)));
    }
    plan.push(Span::raw(" · "));
    plan.push(state(k, false));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("◦ {}", k.target), Style::new().bold()),
            Span::styled(format!(" · {}", k.title), Style::new().bold()),
        ]),
        Line::from(plan),
    ];
    if k.checkins.is_empty() {
        lines.push(Line::from(Span::styled("no check-ins yet", gray)));
    } else {
        let history: Vec<String> = k
            .checkins
            .iter()
            .map(|c| format!("{} {}", c.date, c.value))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("check-ins ", gray),
            Span::raw(history.join(" · ")),
        ]));
        if let Some(note) = kr
            .latest_checkin()
            .and_then(|c| c.note.as_deref())
            .filter(|n| !n.is_empty())
        {
            lines.push(Line::from(Span::styled(
                format!("latest note: “{note}”"),
                gray.italic(),
            )));
        }
    }
    let ids = |list: &[TaskIx]| -> String {
        list.iter()
            .map(|&i| {
                let t = &app.ws().tasks[i];
                format!("{} ({})", t.id, num(t.effort))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut staff = vec![Span::styled("linked straight: ", gray)];
    if k.tasks.is_empty() {
        staff.push(Span::styled("nobody", Style::new().fg(Color::Red)));
    } else {
        staff.push(Span::raw(ids(&k.tasks)));
    }
    if !k.via_goal.is_empty() {
        staff.push(Span::styled(" · via the goal: ", gray));
        staff.push(Span::raw(ids(&k.via_goal)));
    }
    lines.push(Line::from(staff));
    lines
}
