//! Closing the books on a quarter: what each goal consumed against what it achieved. A
//! quarter's grades say how far each goal got; they do not say what it cost. Set beside the
//! effort of the work finished for it, a grade of 0.3 that took half the team's finished
//! effort reads differently from one that took a tenth — the seed's "strategic alignment"
//! measured at the end of a cycle, not only during it.
//!
//! The quarter reported is the calendar quarter that holds `today`, except in its first
//! four weeks, when the quarter just ended is still being closed and graded. Its goals
//! are those due within it, and goals closed (`achieved` or `missed`) without a due date.
//! A goal's effort is that of the `done` tasks linked to it or to one of its key results,
//! finished within the quarter (a task finished without a `done` date counts too: it was
//! done for the goal, when is not known).

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::model::{GoalIx, GoalStatus, TaskStatus, Workspace};
use crate::number::{round1, sum};

/// Days into a quarter during which the one before is still the one reported.
pub const CLOSING_DAYS: u64 = 28;

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4.
    pub number: u32,
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
}

impl Quarter {
    /// The calendar quarter holding `day`.
    pub fn of(day: NaiveDate) -> Quarter {
        let number = (day.month0() / 3) + 1;
        let start = NaiveDate::from_ymd_opt(day.year(), (number - 1) * 3 + 1, 1).unwrap_or(day);
        let next = if number == 4 {
            NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(day.year(), number * 3 + 1, 1)
        };
        let end = next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX);
        Quarter {
            year: day.year(),
            number,
            start,
            end,
        }
    }

    /// The quarter a report on `today` closes: today's, or in its first
    /// [`CLOSING_DAYS`] days the one before.
    pub fn reported(today: NaiveDate) -> Quarter {
        let q = Quarter::of(today);
        match q.start.checked_add_days(Days::new(CLOSING_DAYS)) {
            Some(closing_until) if today < closing_until => {
                q.start.pred_opt().map_or(q, Quarter::of)
            }
            _ => q,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// "Q4 2026".
    pub fn label(&self) -> String {
        format!("Q{} {}", self.number, self.year)
    }
}

/// One goal of the quarter: its grade and progress against the effort finished for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalEffort {
    #[serde(skip)]
    pub goal: GoalIx,
    pub id: String,
    pub title: String,
    pub status: &'static str,
    /// The grade it was closed with, if closed.
    pub grade: Option<f64>,
    /// 0..1: its key results' mean progress (as the score shows it).
    pub progress: f64,
    /// Tasks linked to it finished in the quarter, and their effort.
    pub done_tasks: usize,
    pub done_effort: f64,
}

/// The quarter's goals with what they consumed and achieved, the biggest consumers first
/// (file order among equals), and the effort of every task finished in the quarter, linked
/// or not, to set them against. `progress` is each goal's, in goal order.
pub fn grade_against_effort(
    ws: &Workspace,
    progress: &[f64],
    quarter: Quarter,
) -> (Vec<GoalEffort>, f64) {
    let finished = |t: &crate::model::Task| {
        t.status == TaskStatus::Done && t.done.is_none_or(|d| quarter.contains(d))
    };
    let mut rows: Vec<GoalEffort> = ws
        .goals_ix()
        .filter(|(_, g)| match g.due {
            Some(d) => quarter.contains(d),
            None => matches!(g.status, GoalStatus::Achieved | GoalStatus::Missed),
        })
        .map(|(gi, g)| GoalEffort {
            goal: gi,
            id: g.id.clone(),
            title: g.title.clone(),
            status: g.status.as_str(),
            grade: g.grade,
            progress: progress.get(gi.0).copied().unwrap_or(0.0),
            done_tasks: 0,
            done_effort: 0.0,
        })
        .collect();
    let mut total = Vec::new();
    for t in ws.tasks.iter().filter(|t| finished(t)) {
        total.push(t.effort);
        for row in &mut rows {
            if t.goals.iter().any(|l| l.serves(&row.id)) {
                row.done_tasks += 1;
                row.done_effort += t.effort;
            }
        }
    }
    for row in &mut rows {
        row.done_effort = round1(row.done_effort);
    }
    rows.sort_by(|a, b| b.done_effort.total_cmp(&a.done_effort));
    (rows, round1(sum(total)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn the_reported_quarter_is_the_last_one_while_it_is_being_closed() {
        let q = Quarter::reported(day("2027-01-05"));
        assert_eq!(
            (q.label(), q.start, q.end),
            ("Q4 2026".to_string(), day("2026-10-01"), day("2026-12-31"))
        );
        assert_eq!(Quarter::reported(day("2027-01-29")).label(), "Q1 2027");
        assert_eq!(Quarter::reported(day("2026-11-25")).label(), "Q4 2026");
        let q3 = Quarter::of(day("2026-09-30"));
        assert_eq!((q3.start, q3.end), (day("2026-07-01"), day("2026-09-30")));
        assert!(q3.contains(day("2026-07-01")) && !q3.contains(day("2026-10-01")));
    }

    #[test]
    fn each_goal_of_the_quarter_counts_the_work_finished_for_it() {
        let ws = load_text(
            "version = 1\n\
             [[goals]]\nid = \"a\"\ntitle = \"A\"\ndue = 2026-12-31\nstatus = \"missed\"\ngrade = 0.3\n\
             [[goals.key_results]]\nid = \"kr1\"\ntitle = \"K\"\nstart = 0\ntarget = 10\ncurrent = 3\n\
             [[goals]]\nid = \"b\"\ntitle = \"B\"\ndue = 2026-11-30\n\
             [[goals]]\nid = \"next\"\ntitle = \"Next quarter\"\ndue = 2027-03-31\n\
             [[goals]]\nid = \"undated\"\ntitle = \"Closed, no due\"\nstatus = \"achieved\"\ngrade = 1.0\n\
             [[tasks]]\nid = \"t1\"\ntitle = \"1\"\nstatus = \"done\"\ndone = 2026-11-02\neffort = 3\ngoals = [\"a/kr1\", \"a\"]\n\
             [[tasks]]\nid = \"t2\"\ntitle = \"2\"\nstatus = \"done\"\neffort = 2\ngoals = [\"a\", \"b\"]\n\
             [[tasks]]\nid = \"t3\"\ntitle = \"3\"\nstatus = \"done\"\ndone = 2026-09-30\neffort = 5\ngoals = [\"a\"]\n\
             [[tasks]]\nid = \"t4\"\ntitle = \"4\"\nstatus = \"doing\"\neffort = 5\ngoals = [\"b\"]\n\
             [[tasks]]\nid = \"t5\"\ntitle = \"5\"\nstatus = \"done\"\ndone = 2026-12-01\neffort = 4\n",
        );
        let progress = crate::scoring::goal_progresses(&ws);
        let (rows, total) =
            grade_against_effort(&ws, &progress, Quarter::reported(day("2027-01-05")));
        let got: Vec<(&str, Option<f64>, f64, usize, f64)> = rows
            .iter()
            .map(|r| {
                (
                    r.id.as_str(),
                    r.grade,
                    r.progress,
                    r.done_tasks,
                    r.done_effort,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", Some(0.3), 0.3, 2, 5.0),
                ("b", None, 0.0, 1, 2.0),
                ("undated", Some(1.0), 1.0, 0, 0.0),
            ]
        );
        // t1, t2 and the unlinked t5; not t3 (last quarter) nor the open t4.
        assert_eq!(total, 9.0);
    }
}
