//! The weekly alignment report: one page to paste in a team channel (Markdown) or to
//! open in a browser and mail round (a self-contained HTML page).
//!
//! Why it exists: alignment is a continuous process, not a one-time meeting. Once a week
//! the team should see, without opening the board, where its open effort went, which
//! busy-work to question, which goals nobody serves or checks in on, and how each key
//! result moved since the check-in before. [`build`] gathers those facts from a scored
//! workspace and the [`align_core::compare`] table; [`mod@markdown`] and [`mod@html`] only lay them
//! out, so both say the same thing. Everything derives from the file and `--today`, so
//! the report is deterministic.
//!
//! In a git repository the summary also says how its figures moved since last week:
//! [`since_last_week`] reads the workspace as committed a week before `--today`
//! ([`align_core::history::on_days`]) and gathers the same figures from it.
//!
//! Here the facts are gathered; `layout` walks the report's sections once over a layout,
//! `words` holds the phrases the sections say, and `markdown` and `html` are the two
//! layouts.

mod html;
mod layout;
mod markdown;
mod organisation;
mod words;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use align_core::compare::{self, Comparison};
use align_core::model::{KeyResult, Lens, LinkRef, Workspace};
use align_core::number::{self, round1};
use align_core::quarter::{GoalEffort, Quarter, grade_against_effort};
use align_core::scoring::{Class, Scoreboard, Summary};
use align_core::traction::{Rule, Traction, flagged, traction};

pub use html::html;
pub use markdown::markdown;

/// Days that count as "this week".
const WEEK: u64 = 7;

/// An open busy-work task, with the goal it might serve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusyTask {
    pub id: String,
    pub title: String,
    pub status: String,
    pub owner: Option<String>,
    pub effort: f64,
    pub due: Option<NaiveDate>,
    /// A suggested link (`goal` or `goal/kr`) and what it names.
    pub suggested: Option<(String, String)>,
    /// Links it has (busy-work may be linked, to inactive goals only), each with the
    /// goal's status when that is why it earns nothing ("achieved", "past due").
    pub linked: Vec<(String, Option<String>)>,
}

/// A goal flagged stale or orphan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalNote {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    /// Percent, 0..100.
    pub progress: f64,
    pub last_checkin: Option<NaiveDate>,
    /// Days since the newest check-in (stale goals).
    pub days_since: Option<i64>,
}

/// A key result's value at one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// `None` for the start value of a key result without a dated start.
    pub date: Option<NaiveDate>,
    pub value: f64,
    /// Progress at this value, percent 0..100.
    pub progress: f64,
    /// The key result's start value rather than a check-in.
    pub is_start: bool,
}

/// How a key result moved between its two newest check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    /// `goal/kr`.
    pub link: String,
    pub title: String,
    pub unit: Option<String>,
    /// The check-in before the newest one, or the start value.
    pub previous: Option<Point>,
    /// The newest check-in; `None` when there is none.
    pub latest: Option<Point>,
    /// Change in progress points from `previous` to `latest`.
    pub change: Option<f64>,
    pub confidence: Option<f64>,
    pub note: Option<String>,
    /// The newest check-in is from the last seven days.
    pub this_week: bool,
}

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub workspace: String,
    pub mission: Option<String>,
    pub today: NaiveDate,
    pub lens: Lens,
    pub summary: Summary,
    pub open_tasks: usize,
    pub open_effort: f64,
    pub stale_after_days: u32,
    /// Days of finished work weighed for traction.
    pub traction_window_days: u32,
    pub comparison: Comparison,
    pub busy: Vec<BusyTask>,
    pub stale: Vec<GoalNote>,
    pub orphans: Vec<GoalNote>,
    /// Active goals past their due date: to be closed or rolled over.
    pub ended: Vec<EndedGoal>,
    pub movement: Vec<Movement>,
    /// Key results with much work finished and no movement (see `align_core::traction`).
    pub no_traction: Vec<NoTraction>,
    /// The quarter being closed: its closed goals, and grade against effort.
    pub quarter: QuarterBooks,
    /// The summary's figures a week before, when the workspace is in git.
    pub last_week: Option<LastWeek>,
    /// On an organisation: its teams against the company goals (the roll-up).
    pub organisation: Option<align_core::org::Rollup>,
}

/// A key result flagged *no traction*: the work finished for it and how little it moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoTraction {
    /// `goal/kr`.
    pub link: String,
    pub title: String,
    /// The key result's owner, else its goal's.
    pub owner: Option<String>,
    pub unit: Option<String>,
    pub figures: Traction,
}

/// A closed goal of the quarter with its grade and review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosedGoal {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub status: &'static str,
    pub grade: Option<f64>,
    pub review: Option<String>,
}

/// The quarter a report closes ([`Quarter::reported`]): its goals that were closed, and
/// what every goal due in it consumed against what it achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterBooks {
    pub quarter: Quarter,
    pub closed: Vec<ClosedGoal>,
    pub goals: Vec<GoalEffort>,
    /// Effort of every task finished in the quarter, linked to a goal or not.
    pub finished_effort: f64,
}

/// The figures the summary shows, to say how they moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryFigures {
    pub open_tasks: usize,
    pub open_effort: f64,
    pub aligned_effort_pct: f64,
    pub busy_effort_pct: f64,
    pub stale: usize,
    pub orphans: usize,
    pub ended: usize,
}

impl SummaryFigures {
    pub fn of(r: &Report) -> SummaryFigures {
        SummaryFigures {
            open_tasks: r.open_tasks,
            open_effort: r.open_effort,
            aligned_effort_pct: r.summary.aligned_effort_pct,
            busy_effort_pct: r.summary.busy_effort_pct,
            stale: r.stale.len(),
            orphans: r.orphans.len(),
            ended: r.ended.len(),
        }
    }
}

/// What "since last week" compares with: the workspace as committed a week before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LastWeek {
    /// Its last commit on or before that day, scored as of that day.
    Found {
        date: NaiveDate,
        commit: String,
        figures: SummaryFigures,
    },
    /// In git, but no commit of the workspace is that old (or it did not load then).
    Missing { date: NaiveDate, why: String },
}

/// The summary's figures a week before `today`, read from the git history of the
/// workspace at `path`; `None` outside git (the report then says nothing of it).
pub fn since_last_week(
    path: &std::path::Path,
    today: NaiveDate,
    lens: Option<Lens>,
) -> Option<LastWeek> {
    let date = today.checked_sub_days(Days::new(WEEK))?;
    let points = align_core::history::on_days(path, &[date], |ws, day| {
        SummaryFigures::of(&build(ws, &align_core::score_workspace(ws, day, lens)))
    })
    .ok()?;
    Some(match points.into_iter().next() {
        Some(p) => match p.figures {
            Ok(figures) => LastWeek::Found {
                date,
                commit: p.commit.id,
                figures,
            },
            Err(e) => LastWeek::Missing {
                date,
                why: format!("the workspace did not load then ({e})"),
            },
        },
        None => LastWeek::Missing {
            date,
            why: "no commit of the workspace is that old yet".to_string(),
        },
    })
}

/// An active goal past its due date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndedGoal {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: NaiveDate,
    /// Percent, 0..100.
    pub progress: f64,
    /// Open tasks still linked to it.
    pub open_tasks: usize,
}

fn progress_at(kr: &KeyResult, value: f64) -> f64 {
    round1(kr.progress_at(value).clamp(0.0, 1.0) * 100.0)
}

/// Gather the report from a scored workspace.
pub fn build(ws: &Workspace, board: &Scoreboard) -> Report {
    let today = board.today;
    let week_ago = today.checked_sub_days(Days::new(WEEK)).unwrap_or(today);
    let comparison = compare::compare(ws, board);

    let open: Vec<usize> = (0..ws.tasks.len())
        .filter(|&i| ws.tasks[i].status.is_open())
        .collect();
    let open_effort = round1(number::sum(open.iter().map(|&i| ws.tasks[i].effort)));

    let mut busy: Vec<BusyTask> = open
        .iter()
        .filter(|&&i| board.tasks[i].class == Class::BusyWork)
        .map(|&i| {
            let t = &ws.tasks[i];
            let suggested = board.tasks[i].suggested_goal.as_ref().map(|link| {
                let what = ws
                    .resolve_link(link)
                    .map(|l| {
                        let g = &ws.goals[l.goal];
                        l.key_result
                            .map_or(g.title.clone(), |k| g.key_results[k].title.clone())
                    })
                    .unwrap_or_default();
                (link.to_string(), what)
            });
            let linked = t
                .goals
                .iter()
                .map(|link| {
                    let why = ws.resolve_link(link).and_then(|l| {
                        let g = &ws.goals[l.goal];
                        if g.status != align_core::model::GoalStatus::Active {
                            Some(g.status.to_string())
                        } else if !g.is_active(today) {
                            Some("past due".to_string())
                        } else {
                            None
                        }
                    });
                    (link.to_string(), why)
                })
                .collect();
            BusyTask {
                linked,
                id: t.id.clone(),
                title: t.title.clone(),
                status: t.status.to_string(),
                owner: t.owner.clone(),
                effort: t.effort,
                due: t.due,
                suggested,
            }
        })
        .collect();
    // The biggest drains first; file order among equals.
    busy.sort_by(|a, b| b.effort.total_cmp(&a.effort));

    let note = |gi: usize| {
        let g = &ws.goals[gi];
        let f = &board.goals[gi];
        GoalNote {
            id: g.id.clone(),
            title: g.title.clone(),
            owner: g.owner.clone(),
            progress: round1(f.progress * 100.0),
            last_checkin: f.last_checkin,
            days_since: f.last_checkin.map(|d| (today - d).num_days()),
        }
    };
    let ended = ws
        .goals_ix()
        .filter(|(_, g)| g.is_ended(today))
        .map(|(gi, g)| EndedGoal {
            id: g.id.clone(),
            title: g.title.clone(),
            owner: g.owner.clone(),
            due: g.due.unwrap_or(today),
            progress: round1(board.goals[gi].progress * 100.0),
            open_tasks: board.goals[gi].open_tasks,
        })
        .collect();
    let stale = (0..ws.goals.len())
        .filter(|&g| board.goals[g].stale)
        .map(note)
        .collect();
    let orphans = (0..ws.goals.len())
        .filter(|&g| board.goals[g].orphan)
        .map(note)
        .collect();

    let mut movement = Vec::new();
    for g in &ws.goals {
        for kr in &g.key_results {
            let mut checkins: Vec<_> = kr.checkins.iter().collect();
            checkins.sort_by_key(|c| c.date);
            let newest = checkins.last().copied();
            let this_week = newest.is_some_and(|c| c.date > week_ago && c.date <= today);
            if !g.is_active(today) && !this_week {
                continue;
            }
            let point = |date, value, is_start| Point {
                date,
                value,
                progress: progress_at(kr, value),
                is_start,
            };
            let latest = newest.map(|c| point(Some(c.date), c.value, false));
            let previous = match checkins.len() {
                0 => None,
                1 => Some(point(g.start, kr.start, true)),
                n => Some(point(
                    Some(checkins[n - 2].date),
                    checkins[n - 2].value,
                    false,
                )),
            };
            let change = match (&previous, &latest) {
                (Some(p), Some(l)) => Some(round1(l.progress - p.progress)),
                _ => None,
            };
            movement.push(Movement {
                link: LinkRef::key_result(&g.id, &kr.id).to_string(),
                title: kr.title.clone(),
                unit: kr.unit.clone(),
                previous,
                latest,
                change,
                confidence: newest.and_then(|c| c.confidence),
                note: newest
                    .and_then(|c| c.note.clone())
                    .filter(|n| !n.trim().is_empty()),
                this_week,
            });
        }
    }

    let all = traction(ws, today, Rule::of(ws));
    let no_traction = flagged(ws, &all)
        .map(|(g, k, link, t)| NoTraction {
            link: link.to_string(),
            title: k.title.clone(),
            owner: k.owner.clone().or_else(|| g.owner.clone()),
            unit: k.unit.clone(),
            figures: t.clone(),
        })
        .collect();
    let quarter = Quarter::reported(today);
    let progress: Vec<f64> = board.goals.iter().map(|f| f.progress).collect();
    let (goals, finished_effort) = grade_against_effort(ws, &progress, quarter);
    // In file order, as the team wrote them.
    let mut of_quarter: Vec<_> = goals.iter().map(|e| e.goal).collect();
    of_quarter.sort_unstable();
    let closed = of_quarter
        .into_iter()
        .map(|gi| &ws.goals[gi])
        .filter(|g| {
            matches!(
                g.status,
                align_core::model::GoalStatus::Achieved | align_core::model::GoalStatus::Missed
            )
        })
        .map(|g| ClosedGoal {
            id: g.id.clone(),
            title: g.title.clone(),
            owner: g.owner.clone(),
            status: g.status.as_str(),
            grade: g.grade,
            review: g.review.clone().filter(|r| !r.trim().is_empty()),
        })
        .collect();

    Report {
        no_traction,
        quarter: QuarterBooks {
            quarter,
            closed,
            goals,
            finished_effort,
        },
        workspace: ws.name.clone(),
        mission: ws.mission.clone(),
        today,
        lens: board.lens,
        summary: board.summary.clone(),
        open_tasks: open.len(),
        open_effort,
        stale_after_days: ws.stale_after_days,
        traction_window_days: ws.traction_window_days,
        comparison,
        busy,
        stale,
        orphans,
        ended,
        movement,
        last_week: None,
        organisation: None,
    }
}

#[cfg(test)]
mod tests {
    use super::words::{EMPTY_BUSY, EMPTY_GOALS, EMPTY_MOVEMENT};
    use super::*;
    use align_testkit::load_text;

    const DEMO: &str = include_str!("../../../../assets/demo.toml");

    pub(super) fn report_of(text: &str) -> Report {
        let ws = load_text(text);
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let board = align_core::score_workspace(&ws, today, None);
        build(&ws, &board)
    }

    #[test]
    fn the_demo_report_has_its_facts() {
        let r = report_of(DEMO);
        assert_eq!(r.summary.tasks, 31);
        // Busy-work: open, unlinked; the biggest first.
        assert_eq!(r.busy.first().map(|b| b.id.as_str()), Some("T-123"));
        assert!(
            r.busy.iter().all(|b| b.id != "T-130"),
            "done work is not questioned"
        );
        let t123 = r.busy.iter().find(|b| b.id == "T-123").unwrap();
        assert!(
            t123.suggested
                .as_ref()
                .is_some_and(|(l, _)| l.starts_with("retention"))
        );
        assert_eq!(
            r.stale.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            ["carriers"]
        );
        assert_eq!(r.stale[0].days_since, Some(36));
        assert_eq!(
            r.orphans.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            ["help-centre"]
        );
        let churn = r
            .movement
            .iter()
            .find(|m| m.link == "retention/kr1")
            .unwrap();
        let prev = churn.previous.as_ref().unwrap();
        let latest = churn.latest.as_ref().unwrap();
        assert_eq!((prev.value, latest.value), (3.9, 3.8));
        assert_eq!(prev.date, NaiveDate::from_ymd_opt(2026, 10, 29));
        assert_eq!(churn.change, Some(5.9));
        assert!(churn.this_week);
        // The achieved pricing page had no check-in this week: left out.
        assert!(
            r.movement
                .iter()
                .all(|m| !m.link.starts_with("pricing-page"))
        );
    }

    #[test]
    fn a_single_checkin_moves_from_the_start_value() {
        let text = "version = 1\n[workspace]\nname = \"W\"\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nstart = 2026-10-01\n[[goals.key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 10\ncheckins = [{ date = 2026-11-20, value = 4 }]\n[[goals.key_results]]\nid = \"none\"\ntitle = \"Never\"\nstart = 0\ntarget = 1\n";
        let r = report_of(text);
        let k = &r.movement[0];
        let p = k.previous.as_ref().unwrap();
        assert!(p.is_start);
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 10, 1));
        assert_eq!(k.change, Some(40.0));
        let never = &r.movement[1];
        assert!(never.latest.is_none() && never.change.is_none());
        let md = markdown(&r);
        assert!(md.contains("0 (start, 2026-10-01)"), "{md}");
        assert!(md.contains("no check-in yet"));
    }

    #[test]
    fn both_layouts_carry_every_section_and_escape_text() {
        let text = DEMO.replace(
            "Confetti animation after the first label",
            "<script>alert(1)</script> | & co",
        );
        let r = report_of(&text);
        let md = markdown(&r);
        let html = html(&r);
        for section in [
            "Summary",
            "Strategy vs. task completion",
            "Busy-work to question",
            "Stale and orphan goals",
            "Key-result movement since the previous check-in",
            "Key results without traction",
            "Closed goals and grade against effort, Q4 2026",
        ] {
            assert!(
                md.contains(&format!("## {section}")),
                "markdown lacks {section}"
            );
            assert!(
                html.contains(&format!("<h2>{section}</h2>")),
                "html lacks {section}"
            );
        }
        assert!(
            !md.contains("<script>")
                && md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| &amp; co")
        );
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | &amp; co"));
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(!html.contains("http"), "self-contained: no links out");
    }

    #[test]
    fn an_empty_workspace_reports_calmly() {
        let r = report_of("version = 1\n");
        let md = markdown(&r);
        assert!(md.contains(EMPTY_BUSY) && md.contains(EMPTY_GOALS) && md.contains(EMPTY_MOVEMENT));
        assert!(html(&r).contains(EMPTY_MOVEMENT));
    }
}
