//! Key-result staffing: is anybody working on the key results that are slipping, and is
//! effort piling up on the ones that are fine? Each key result of an active goal with its
//! track, the open work linked straight to it (goal-level work shown apart), its flag,
//! and its check-ins in date order for a trend line.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{GoalIx, Link, LinkRef, TaskIx, Workspace};
use crate::number;
use crate::scoring::{Scoreboard, pace_today};

/// Confidence below this makes a key result off track, whatever its progress.
pub const LOW_CONFIDENCE: f64 = 0.5;
/// Open effort above this many times the median of staffed key results is over-staffed.
pub const OVER_STAFFED_FACTOR: f64 = 2.0;

/// Where a key result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    OnTrack,
    OffTrack,
    /// No plan to measure against (its goal lacks a start or due date) and no low confidence.
    Unplanned,
}

impl Track {
    pub fn as_str(self) -> &'static str {
        match self {
            Track::OnTrack => "on track",
            Track::OffTrack => "off track",
            Track::Unplanned => "unplanned",
        }
    }
}

/// A key result's staffing problem, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StaffingFlag {
    /// Off track, and no open task is linked straight to it.
    OffTrackUnstaffed,
    /// On track, with more than twice the median open effort of staffed key results.
    OverStaffed,
}

impl StaffingFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffingFlag::OffTrackUnstaffed => "off track, unstaffed",
            StaffingFlag::OverStaffed => "on track, over-staffed",
        }
    }
}

/// One check-in, for a trend line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrendPoint {
    pub date: NaiveDate,
    pub value: f64,
    /// The value as progress towards the target (not clamped): rises when the key result
    /// improves, also when lower is better.
    pub progress: f64,
}

/// One key result of an active goal: progress against plan, confidence, who works on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyResultInsight {
    #[serde(skip)]
    pub goal: GoalIx,
    #[serde(skip)]
    pub key_result: usize,
    /// How tasks link to it: `goal/kr`.
    pub target: LinkRef,
    pub title: String,
    pub unit: Option<String>,
    /// 0..1.
    pub progress: f64,
    /// Share of the goal's start..due gone, when it has both dates.
    pub expected: Option<f64>,
    pub behind: bool,
    /// The newest check-in's confidence.
    pub confidence: Option<f64>,
    /// The confidence given before it (by the newest earlier check-in that gave one):
    /// with `confidence`, which way the team's belief in the result moved.
    pub previous_confidence: Option<f64>,
    pub track: Track,
    /// Open tasks (and their effort) linked straight to this key result.
    pub open_tasks: usize,
    pub open_effort: f64,
    /// Open tasks (and their effort) linked to the goal as a whole and not to this key
    /// result: shown apart, they do not staff it.
    pub goal_tasks: usize,
    pub goal_effort: f64,
    /// The open tasks linked straight to it, in file order.
    #[serde(skip)]
    pub tasks: Vec<TaskIx>,
    /// The open tasks linked to its goal as a whole (not straight to it), in file order.
    #[serde(skip)]
    pub via_goal: Vec<TaskIx>,
    pub flag: Option<StaffingFlag>,
    /// Check-ins in date order.
    pub checkins: Vec<TrendPoint>,
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Which open tasks link to what: per goal, per key result, the open tasks linked
/// straight to it; per goal, those linked to it as a whole. Each list in file order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Staff {
    pub(super) direct: Vec<Vec<Vec<TaskIx>>>,
    pub(super) whole: Vec<Vec<TaskIx>>,
}

impl Staff {
    /// Who staffs what, from the open tasks `open` (in file order).
    pub(super) fn new(ws: &Workspace, open: &[TaskIx]) -> Staff {
        let mut staff = Staff {
            direct: ws
                .goals
                .iter()
                .map(|g| vec![Vec::new(); g.key_results.len()])
                .collect(),
            whole: vec![Vec::new(); ws.goals.len()],
        };
        for &i in open {
            for l in links_of(ws, i) {
                staff.list(l).push(i);
            }
        }
        staff
    }

    fn list(&mut self, l: Link) -> &mut Vec<TaskIx> {
        match l.key_result {
            Some(k) => &mut self.direct[l.goal][k],
            None => &mut self.whole[l.goal],
        }
    }

    /// Take task `i` off every list (it was edited, closed or removed).
    pub(super) fn take_off(&mut self, i: TaskIx) {
        let lists = self.direct.iter_mut().flatten().chain(&mut self.whole);
        for list in lists {
            if let Ok(at) = list.binary_search(&i) {
                list.remove(at);
            }
        }
    }

    /// Put open task `i` on the lists of what it links to.
    pub(super) fn put_on(&mut self, ws: &Workspace, i: TaskIx) {
        for l in links_of(ws, i) {
            let list = self.list(l);
            if let Err(at) = list.binary_search(&i) {
                list.insert(at, i);
            }
        }
    }
}

/// A task's links, each once, in (goal, key result) order.
fn links_of(ws: &Workspace, i: TaskIx) -> Vec<Link> {
    let mut links = ws.links(&ws.tasks[i]);
    links.sort_by_key(|l| (l.goal, l.key_result));
    links.dedup();
    links
}

/// The key results of active goals, off track and unstaffed first, then over-staffed,
/// then the rest (each in file order), and the median open effort of the staffed ones.
pub(super) fn key_results(
    ws: &Workspace,
    board: &Scoreboard,
    staff: &Staff,
) -> (Vec<KeyResultInsight>, Option<f64>) {
    let today = board.today;
    let mut key_results = Vec::new();
    for (gi, g) in ws.goals_ix() {
        if !g.is_active(today) {
            continue;
        }
        for (ki, k) in g.key_results.iter().enumerate() {
            let pace = pace_today(g, ki, today);
            let confidence = k.latest_checkin().and_then(|c| c.confidence);
            let behind = pace.behind();
            let track = if behind || confidence.is_some_and(|c| c < LOW_CONFIDENCE) {
                Track::OffTrack
            } else if pace.expected.is_some() || pace.progress >= 1.0 {
                Track::OnTrack
            } else {
                Track::Unplanned
            };
            // Goal-level tasks that also link straight here count as direct only.
            let target = LinkRef::key_result(&g.id, &k.id);
            let tasks = staff.direct[gi][ki].clone();
            let via_goal: Vec<TaskIx> = staff.whole[gi]
                .iter()
                .copied()
                .filter(|i| tasks.binary_search(i).is_err())
                .collect();
            let effort = |list: &[TaskIx]| number::sum(list.iter().map(|&i| ws.tasks[i].effort));
            let mut checkins: Vec<TrendPoint> = k
                .checkins
                .iter()
                .map(|c| TrendPoint {
                    date: c.date,
                    value: c.value,
                    progress: k.progress_at(c.value),
                })
                .collect();
            checkins.sort_by_key(|c| c.date);
            let previous_confidence = confidence.and_then(|_| {
                let latest = k.latest_checkin()?;
                let mut earlier: Vec<_> = k
                    .checkins
                    .iter()
                    .filter(|c| !std::ptr::eq(*c, latest) && c.date <= latest.date)
                    .filter_map(|c| Some((c.date, c.confidence?)))
                    .collect();
                earlier.sort_by_key(|(date, _)| *date);
                earlier.last().map(|(_, c)| *c)
            });
            key_results.push(KeyResultInsight {
                goal: gi,
                key_result: ki,
                target,
                title: k.title.clone(),
                unit: k.unit.clone(),
                progress: pace.progress,
                expected: pace.expected,
                behind,
                confidence,
                previous_confidence,
                track,
                open_tasks: tasks.len(),
                open_effort: effort(&tasks),
                goal_tasks: via_goal.len(),
                goal_effort: effort(&via_goal),
                tasks,
                via_goal,
                flag: None,
                checkins,
            });
        }
    }
    let mut staffed: Vec<f64> = key_results
        .iter()
        .map(|k| k.open_effort)
        .filter(|&e| e > 0.0)
        .collect();
    let staffed_median = median(&mut staffed);
    for k in &mut key_results {
        k.flag = if k.track == Track::OffTrack && k.open_effort <= 0.0 {
            Some(StaffingFlag::OffTrackUnstaffed)
        } else if k.track == Track::OnTrack
            && staffed_median.is_some_and(|m| k.open_effort > OVER_STAFFED_FACTOR * m + 1e-9)
        {
            Some(StaffingFlag::OverStaffed)
        } else {
            None
        };
    }
    key_results.sort_by_key(|k| match k.flag {
        Some(StaffingFlag::OffTrackUnstaffed) => 0,
        Some(StaffingFlag::OverStaffed) => 1,
        None => 2,
    });
    (key_results, staffed_median)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::test_support::*;

    #[test]
    fn key_results_are_tracked_against_plan_and_confidence() {
        let (_ws, ins) = build(&[HEAD, KRS].concat());
        let targets: Vec<String> = ins
            .key_results
            .iter()
            .map(|k| k.target.to_string())
            .collect();
        // Only active goals; the two unstaffed off-track ones first.
        assert_eq!(
            targets,
            ["g/behind", "g/unsure", "g/fine", "g/fine2", "nodates/k"]
        );
        let b = kr(&ins, "g/behind");
        assert!(b.behind);
        assert_eq!(b.track, Track::OffTrack);
        assert_eq!(
            b.confidence,
            Some(0.9),
            "the newest check-in's, not the last written"
        );
        // Its trend: the confidence given before the newest one (written after it).
        assert_eq!(b.previous_confidence, Some(0.8));
        assert!((b.expected.unwrap() - 55.0 / 122.0).abs() < 1e-9);
        assert_eq!(b.flag, Some(StaffingFlag::OffTrackUnstaffed));
        let u = kr(&ins, "g/unsure");
        assert!(!u.behind);
        assert_eq!(u.track, Track::OffTrack, "confidence 0.3 < 0.5");
        assert_eq!(u.previous_confidence, None, "one check-in: no trend");
        assert_eq!(kr(&ins, "g/fine").track, Track::OnTrack);
        assert_eq!(kr(&ins, "g/fine").confidence, None);
        assert_eq!(kr(&ins, "nodates/k").track, Track::Unplanned);
        assert_eq!(kr(&ins, "nodates/k").expected, None);
        assert_eq!(kr(&ins, "nodates/k").flag, None);
    }

    #[test]
    fn check_ins_come_in_date_order_with_progress_that_rises_when_better() {
        let (_ws, ins) = build(&[HEAD, KRS].concat());
        let b = kr(&ins, "g/behind");
        let values: Vec<f64> = b.checkins.iter().map(|c| c.value).collect();
        assert_eq!(values, [5.0, 10.0]);
        // Lower is better: 60 then 10 is progress 0.4 then 0.9.
        let f = kr(&ins, "g/fine2");
        let progress: Vec<f64> = f.checkins.iter().map(|c| c.progress).collect();
        assert_eq!(progress, [0.4, 0.9]);
        // No check-ins: an empty trend, no confidence.
        assert!(kr(&ins, "g/fine").checkins.is_empty());
    }

    #[test]
    fn staffing_counts_direct_links_and_shows_goal_links_apart() {
        let text = [
            HEAD,
            KRS,
            // Direct: 1 + 1 on fine, 8 on fine2 (one task links it twice: counted once).
            &task("A", "goals = [\"g/fine\"]"),
            &task("B", "goals = [\"g/fine\", \"g\"]"),
            &task("C", "goals = [\"g/fine2\", \"g/fine2\"]\neffort = 8"),
            // Goal-level only.
            &task("D", "goals = [\"g\"]\neffort = 2"),
            // Closed work staffs nothing.
            &task("E", "goals = [\"g/behind\"]\nstatus = \"done\""),
            // Staffs the unsure one: off track but staffed, so no flag.
            &task("F", "goals = [\"g/unsure\"]\neffort = 3"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        let fine = kr(&ins, "g/fine");
        assert_eq!((fine.open_tasks, fine.open_effort), (2, 2.0));
        assert_eq!(ids(&ws, &fine.tasks), ["A", "B"]);
        assert_eq!(ids(&ws, &fine.via_goal), ["D"]);
        // B links the goal too, but it links this key result straight: counted once.
        assert_eq!((fine.goal_tasks, fine.goal_effort), (1, 2.0));
        let fine2 = kr(&ins, "g/fine2");
        assert_eq!((fine2.open_tasks, fine2.open_effort), (1, 8.0));
        assert_eq!((fine2.goal_tasks, fine2.goal_effort), (2, 3.0));
        let behind = kr(&ins, "g/behind");
        assert_eq!(behind.open_effort, 0.0);
        assert_eq!(
            behind.goal_effort, 3.0,
            "goal links shown, yet it is unstaffed"
        );
        assert_eq!(behind.flag, Some(StaffingFlag::OffTrackUnstaffed));
        assert_eq!(kr(&ins, "g/unsure").flag, None);
        // Staffed: 2, 8, 3: median 3; fine2 (8 > 6) is over-staffed, fine is not.
        assert_eq!(ins.staffed_median, Some(3.0));
        assert_eq!(fine2.flag, Some(StaffingFlag::OverStaffed));
        assert_eq!(fine.flag, None);
        let targets: Vec<String> = ins
            .key_results
            .iter()
            .map(|k| k.target.to_string())
            .collect();
        assert_eq!(
            targets,
            ["g/behind", "g/fine2", "g/unsure", "g/fine", "nodates/k"]
        );
    }

    #[test]
    fn over_staffing_needs_more_than_twice_the_median_and_a_plan() {
        let text = [
            HEAD,
            KRS,
            &task("A", "goals = [\"g/fine\"]\neffort = 2"),
            // Exactly twice the median of (2, 4): 3 * 2 = 6 > 4, not over.
            &task("B", "goals = [\"g/fine2\"]\neffort = 4"),
            // Unplanned key results are never over-staffed.
            &task("C", "goals = [\"nodates/k\"]\neffort = 40"),
        ]
        .concat();
        let (_ws, ins) = build(&text);
        assert_eq!(ins.staffed_median, Some(4.0));
        assert_eq!(kr(&ins, "g/fine2").flag, None);
        assert_eq!(kr(&ins, "nodates/k").flag, None);
        assert_eq!(kr(&ins, "nodates/k").track, Track::Unplanned);
        // A single staffed key result is its own median: never over-staffed.
        let (_ws, ins) =
            build(&[HEAD, KRS, &task("A", "goals = [\"g/fine\"]\neffort = 9")].concat());
        assert_eq!(ins.staffed_median, Some(9.0));
        assert_eq!(kr(&ins, "g/fine").flag, None);
    }
}
