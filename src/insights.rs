//! Insights: where the team's open effort really goes, read three ways.
//!
//! The score says how much one task moves a goal; a lead also needs the view from above.
//! This module answers three questions from a scored workspace, with one function
//! ([`insights`]) that the board's Insights tab draws (and a report can print), so both
//! always say the same thing:
//!
//! - **Urgency × alignment** ([`Quadrant`]): is the pressing work the work that matters?
//!   Open tasks fall into *do now*, *schedule*, the *busy-work trap* (the seed's "busy but
//!   not impactful") or *drop or question*.
//! - **Key-result staffing** ([`KeyResultInsight`]): is anybody working on the key results
//!   that are slipping, and is effort piling up on the ones that are fine?
//! - **Trends**: each key result's check-ins in date order, and open effort by class per
//!   owner ([`OwnerLoad`]): who is carrying the busy-work.
//!
//! The definitions, stated once here and in the README:
//!
//! - A task is **urgent** (pressing) when it is open and marked `urgent`, overdue, or due
//!   within `due_soon_days` (the scoring coefficient, 7 by default) — the same "due soon"
//!   the scoring uses. A task with no due date is urgent only when marked so.
//! - A task counts as **aligned** when its class is `aligned` or `operational`.
//!   Operational work (keep-the-lights-on) is necessary, not strategic: an urgent patch is
//!   *do now*, not a trap. `partial` and `busy-work` tasks are not aligned. Classes follow
//!   the lens in force, as everywhere else.
//! - A key result is **off track** when it is behind plan (progress below the share of
//!   its goal's start..due already gone) or its latest check-in's confidence is below
//!   0.5; **on track** when it is not off track and either has a plan (its goal has both
//!   dates) or has reached its target; otherwise it is **unplanned**.
//! - A key result's **open effort** is the effort of open tasks linked straight to it.
//!   Tasks linked only to its goal as a whole are counted apart (`goal_effort`): they may
//!   serve any of the goal's key results, so they neither staff it nor leave it bare.
//! - **Off track and unstaffed**: off track with no open effort linked to it.
//!   **On track but over-staffed**: on track with open effort above twice the median
//!   open effort of the staffed key results (those with any open effort).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Task, Workspace};
use crate::number::{self, round1};
use crate::scoring::{Class, Scoreboard, Scorer};

/// Confidence below this makes a key result off track, whatever its progress.
pub const LOW_CONFIDENCE: f64 = 0.5;
/// Open effort above this many times the median of staffed key results is over-staffed.
pub const OVER_STAFFED_FACTOR: f64 = 2.0;
/// How owner-less tasks are grouped.
pub const NOBODY: &str = "(nobody)";

/// A cell of the urgency × alignment grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Urgent and aligned.
    DoNow,
    /// Aligned, not urgent.
    Schedule,
    /// Urgent, not aligned: busy, but not impactful.
    BusyWorkTrap,
    /// Neither urgent nor aligned.
    DropOrQuestion,
}

impl Quadrant {
    /// The grid in reading order: aligned row (urgent, not urgent), then the other row.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::DoNow,
        Quadrant::Schedule,
        Quadrant::BusyWorkTrap,
        Quadrant::DropOrQuestion,
    ];

    pub fn of(urgent: bool, aligned: bool) -> Quadrant {
        match (urgent, aligned) {
            (true, true) => Quadrant::DoNow,
            (false, true) => Quadrant::Schedule,
            (true, false) => Quadrant::BusyWorkTrap,
            (false, false) => Quadrant::DropOrQuestion,
        }
    }

    pub fn urgent(self) -> bool {
        matches!(self, Quadrant::DoNow | Quadrant::BusyWorkTrap)
    }

    pub fn aligned(self) -> bool {
        matches!(self, Quadrant::DoNow | Quadrant::Schedule)
    }

    /// Position in [`Quadrant::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::DoNow => "do now",
            Quadrant::Schedule => "schedule",
            Quadrant::BusyWorkTrap => "busy-work trap",
            Quadrant::DropOrQuestion => "drop or question",
        }
    }

    /// What the quadrant holds and what to do about it, in a few words.
    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::DoNow => "urgent and aligned: finish these first",
            Quadrant::Schedule => "aligned, not urgent: plan them in before they turn urgent",
            Quadrant::BusyWorkTrap => {
                "urgent, not aligned: busy but not impactful; link to a goal, hand off or say no"
            }
            Quadrant::DropOrQuestion => "neither urgent nor aligned: drop them or ask why",
        }
    }
}

impl std::fmt::Display for Quadrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The open tasks in one quadrant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadrantCell {
    pub quadrant: Quadrant,
    /// Indices into `Workspace::tasks`: highest score first, then earliest due date
    /// (undated last), then id.
    pub tasks: Vec<usize>,
    pub effort: f64,
    /// Share of all open effort, 0..100, one decimal.
    pub effort_pct: f64,
}

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
    pub goal: usize,
    #[serde(skip)]
    pub key_result: usize,
    /// How tasks link to it: `goal/kr`.
    pub target: String,
    pub title: String,
    pub unit: Option<String>,
    /// 0..1.
    pub progress: f64,
    /// Share of the goal's start..due gone, when it has both dates.
    pub expected: Option<f64>,
    pub behind: bool,
    /// The newest check-in's confidence.
    pub confidence: Option<f64>,
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
    pub tasks: Vec<usize>,
    /// The open tasks linked to its goal as a whole (not straight to it), in file order.
    #[serde(skip)]
    pub via_goal: Vec<usize>,
    pub flag: Option<StaffingFlag>,
    /// Check-ins in date order.
    pub checkins: Vec<TrendPoint>,
}

/// Open effort split by class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClassEffort {
    pub aligned: f64,
    pub partial: f64,
    pub operational: f64,
    pub busy_work: f64,
}

impl ClassEffort {
    pub fn get(&self, class: Class) -> f64 {
        match class {
            Class::Aligned => self.aligned,
            Class::Partial => self.partial,
            Class::Operational => self.operational,
            Class::BusyWork => self.busy_work,
        }
    }

    fn add(&mut self, class: Class, effort: f64) {
        match class {
            Class::Aligned => self.aligned += effort,
            Class::Partial => self.partial += effort,
            Class::Operational => self.operational += effort,
            Class::BusyWork => self.busy_work += effort,
        }
    }

    pub fn total(&self) -> f64 {
        self.aligned + self.partial + self.operational + self.busy_work
    }
}

/// One owner's open effort by class. `owner` is `None` for tasks nobody owns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerLoad {
    pub owner: Option<String>,
    pub open_tasks: usize,
    pub effort: ClassEffort,
}

impl OwnerLoad {
    /// The owner's name, or [`NOBODY`].
    pub fn name(&self) -> &str {
        self.owner.as_deref().unwrap_or(NOBODY)
    }
}

/// The three views at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub today: NaiveDate,
    /// Days ahead that count as due soon (the `due_soon_days` coefficient).
    pub due_soon_days: i64,
    pub open_tasks: usize,
    pub open_effort: f64,
    /// In [`Quadrant::ALL`] order.
    pub quadrants: Vec<QuadrantCell>,
    /// Key results of active goals: off track and unstaffed first, then over-staffed,
    /// then the rest, each in file order.
    pub key_results: Vec<KeyResultInsight>,
    /// The median open effort of key results with any open effort.
    pub staffed_median: Option<f64>,
    /// Owners by busy-work effort, most first (then by open effort, then by name);
    /// owner-less tasks grouped as [`NOBODY`].
    pub owners: Vec<OwnerLoad>,
}

impl Insights {
    pub fn quadrant(&self, q: Quadrant) -> &QuadrantCell {
        &self.quadrants[q.index()]
    }

    /// The quadrant an open task is in.
    pub fn quadrant_of(&self, task: usize) -> Option<Quadrant> {
        self.quadrants
            .iter()
            .find(|c| c.tasks.contains(&task))
            .map(|c| c.quadrant)
    }
}

/// Is an open task pressing: marked urgent, overdue, or due within `due_soon_days`?
pub fn is_urgent(task: &Task, today: NaiveDate, due_soon_days: i64) -> bool {
    task.status.is_open()
        && (task.urgent
            || task
                .due
                .is_some_and(|d| (d - today).num_days() <= due_soon_days))
}

/// Does a class count as aligned on the grid? Aligned and operational work do.
pub fn counts_as_aligned(class: Class) -> bool {
    matches!(class, Class::Aligned | Class::Operational)
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

/// Build the insights from a scored workspace (as of `board.today`, under `board.lens`).
pub fn insights(ws: &Workspace, board: &Scoreboard) -> Insights {
    let today = board.today;
    let soon = ws.coefficients.due_soon_days;
    let open: Vec<usize> = (0..ws.tasks.len())
        .filter(|&i| ws.tasks[i].status.is_open())
        .collect();
    let open_effort = number::sum(open.iter().map(|&i| ws.tasks[i].effort));

    // Urgency × alignment.
    let mut quadrants: Vec<QuadrantCell> = Quadrant::ALL
        .iter()
        .map(|&quadrant| QuadrantCell {
            quadrant,
            tasks: Vec::new(),
            effort: 0.0,
            effort_pct: 0.0,
        })
        .collect();
    for &i in &open {
        let t = &ws.tasks[i];
        let q = Quadrant::of(
            is_urgent(t, today, soon),
            counts_as_aligned(board.tasks[i].class),
        );
        let cell = &mut quadrants[q.index()];
        cell.tasks.push(i);
        cell.effort += t.effort;
    }
    for cell in &mut quadrants {
        cell.tasks.sort_by(|&a, &b| {
            let (ta, tb) = (&ws.tasks[a], &ws.tasks[b]);
            board.tasks[b]
                .points
                .cmp(&board.tasks[a].points)
                .then_with(|| match (ta.due, tb.due) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| ta.id.cmp(&tb.id))
        });
        cell.effort_pct = if open_effort > 0.0 {
            round1(cell.effort / open_effort * 100.0)
        } else {
            0.0
        };
    }

    // Key-result staffing: direct links and goal-level links, each open task once.
    let scorer = Scorer::new(ws, today, board.lens);
    let mut direct: Vec<Vec<Vec<usize>>> = ws
        .goals
        .iter()
        .map(|g| vec![Vec::new(); g.key_results.len()])
        .collect();
    // Per goal, the open tasks linked to the goal as a whole.
    let mut whole: Vec<Vec<usize>> = vec![Vec::new(); ws.goals.len()];
    for &i in &open {
        let t = &ws.tasks[i];
        let mut links = ws.links(t);
        links.sort_by_key(|l| (l.goal, l.key_result));
        links.dedup();
        for l in links {
            match l.key_result {
                Some(k) => direct[l.goal][k].push(i),
                None => whole[l.goal].push(i),
            }
        }
    }
    let mut key_results = Vec::new();
    for (gi, g) in ws.goals.iter().enumerate() {
        if !scorer.is_active(gi) {
            continue;
        }
        for (ki, k) in g.key_results.iter().enumerate() {
            let pace = scorer.pace(gi, ki);
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
            let target = format!("{}/{}", g.id, k.id);
            let tasks = std::mem::take(&mut direct[gi][ki]);
            let via_goal: Vec<usize> = whole[gi]
                .iter()
                .copied()
                .filter(|i| tasks.binary_search(i).is_err())
                .collect();
            let effort = |list: &[usize]| number::sum(list.iter().map(|&i| ws.tasks[i].effort));
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

    // Open effort by class, per owner.
    let mut owners: Vec<OwnerLoad> = Vec::new();
    for &i in &open {
        let t = &ws.tasks[i];
        let pos = match owners.iter().position(|o| o.owner == t.owner) {
            Some(p) => p,
            None => {
                owners.push(OwnerLoad {
                    owner: t.owner.clone(),
                    open_tasks: 0,
                    effort: ClassEffort::default(),
                });
                owners.len() - 1
            }
        };
        owners[pos].open_tasks += 1;
        owners[pos].effort.add(board.tasks[i].class, t.effort);
    }
    owners.sort_by(|a, b| {
        b.effort
            .busy_work
            .total_cmp(&a.effort.busy_work)
            .then_with(|| b.effort.total().total_cmp(&a.effort.total()))
            .then_with(|| match (&a.owner, &b.owner) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });

    Insights {
        today,
        due_soon_days: soon,
        open_tasks: open.len(),
        open_effort,
        quadrants,
        key_results,
        staffed_median,
        owners,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score_workspace;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn load(text: &str) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("align.toml");
        std::fs::write(&path, text).unwrap();
        let ws = crate::load(&path).unwrap().workspace;
        (dir, ws)
    }

    fn build(text: &str) -> (Workspace, Insights) {
        let (_dir, ws) = load(text);
        let board = score_workspace(&ws, today(), None);
        let ins = insights(&ws, &board);
        (ws, ins)
    }

    fn ids(ws: &Workspace, tasks: &[usize]) -> Vec<String> {
        tasks.iter().map(|&i| ws.tasks[i].id.clone()).collect()
    }

    const HEAD: &str = "version = 1\n[workspace]\nname = \"T\"\n";

    /// One heavy objective with a key result, one operational goal.
    const GOALS: &str = r#"
[[goals]]
id = "grow"
title = "Grow"
weight = 5
start = 2026-10-01
due = 2026-12-31

  [[goals.key_results]]
  id = "kr"
  title = "Signups"
  start = 0
  target = 100
  current = 50

[[goals]]
id = "ops"
title = "Keep the lights on"
kind = "operational"
"#;

    fn task(id: &str, extra: &str) -> String {
        format!("\n[[tasks]]\nid = \"{id}\"\ntitle = \"Task {id}\"\n{extra}\n")
    }

    #[test]
    fn each_open_task_lands_in_the_quadrant_of_its_pressure_and_class() {
        let text = [
            HEAD,
            GOALS,
            // aligned, urgent by flag
            &task("A", "goals = [\"grow/kr\"]\nurgent = true\neffort = 2"),
            // aligned, due in 7 days: still "due soon"
            &task("B", "goals = [\"grow/kr\"]\ndue = 2026-12-02"),
            // aligned, due in 8 days: not urgent
            &task("C", "goals = [\"grow/kr\"]\ndue = 2026-12-03\neffort = 3"),
            // operational and overdue: do now, never a trap
            &task("D", "goals = [\"ops\"]\ndue = 2026-11-20"),
            // operational, no due date: schedule
            &task("E", "goals = [\"ops\"]"),
            // unlinked and overdue: the trap
            &task("F", "due = 2026-11-01\neffort = 4"),
            // unlinked, no due date, not urgent: drop or question
            &task("G", "effort = 0.5"),
            // done: not on the grid at all, however urgent
            &task("H", "status = \"done\"\nurgent = true"),
            // dropped
            &task("I", "status = \"dropped\""),
        ]
        .concat();
        let (ws, ins) = build(&text);
        let cell = |q| ids(&ws, &ins.quadrant(q).tasks);
        // A and B score the same; B has a due date, so it comes first.
        assert_eq!(cell(Quadrant::DoNow), ["B", "A", "D"]);
        assert_eq!(cell(Quadrant::Schedule), ["C", "E"]);
        assert_eq!(cell(Quadrant::BusyWorkTrap), ["F"]);
        assert_eq!(cell(Quadrant::DropOrQuestion), ["G"]);
        assert_eq!(ins.open_tasks, 7);
        assert_eq!(ins.open_effort, 2.0 + 1.0 + 3.0 + 1.0 + 1.0 + 4.0 + 0.5);
        assert_eq!(ins.quadrant(Quadrant::DoNow).effort, 4.0);
        assert_eq!(ins.quadrant(Quadrant::BusyWorkTrap).effort, 4.0);
        assert_eq!(ins.quadrant(Quadrant::BusyWorkTrap).effort_pct, 32.0);
        let total: usize = ins.quadrants.iter().map(|c| c.tasks.len()).sum();
        assert_eq!(total, ins.open_tasks);
        assert_eq!(
            ins.quadrant_of(ws.task_by_id("F").unwrap()),
            Some(Quadrant::BusyWorkTrap)
        );
        assert_eq!(ins.quadrant_of(ws.task_by_id("H").unwrap()), None);
    }

    #[test]
    fn a_partial_task_is_not_aligned_and_an_urgent_one_is_a_trap() {
        // A link to a paused goal: partial, never aligned.
        let text = [
            HEAD,
            "[[goals]]\nid = \"old\"\ntitle = \"Old\"\nstatus = \"paused\"\n",
            &task("P", "goals = [\"old\"]\nurgent = true"),
            &task("Q", "goals = [\"old\"]"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks), ["P"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["Q"]
        );
    }

    #[test]
    fn quadrant_tasks_are_sorted_by_score_then_due_then_id() {
        let text = [
            HEAD,
            GOALS,
            // Same score (unlinked, no impact), different due dates, all overdue.
            &task("Z", "due = 2026-11-20"),
            &task("Y", "due = 2026-11-10"),
            &task("X", "urgent = true"),
            &task("W", "urgent = true"),
            // Higher score: impact 5 adds points even unlinked... still busy-work.
            &task("V", "urgent = true\nimpact = 5"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        // V scores highest; then the dated ones by date; then the undated by id.
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks),
            ["V", "Y", "Z", "W", "X"]
        );
    }

    #[test]
    fn without_due_dates_only_the_urgent_flag_makes_work_urgent() {
        let text = [
            HEAD,
            GOALS,
            &task("A", "goals = [\"grow/kr\"]"),
            &task("B", ""),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert!(ins.quadrant(Quadrant::DoNow).tasks.is_empty());
        assert!(ins.quadrant(Quadrant::BusyWorkTrap).tasks.is_empty());
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::Schedule).tasks), ["A"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["B"]
        );
    }

    #[test]
    fn due_soon_follows_the_coefficient() {
        let text = [
            HEAD,
            "[scoring]\ndue_soon_days = 0\n",
            &task("A", "due = 2026-11-26"),
            &task("B", "due = 2026-11-25"),
        ]
        .concat();
        let (ws, ins) = build(&text);
        assert_eq!(ins.due_soon_days, 0);
        assert_eq!(ids(&ws, &ins.quadrant(Quadrant::BusyWorkTrap).tasks), ["B"]);
        assert_eq!(
            ids(&ws, &ins.quadrant(Quadrant::DropOrQuestion).tasks),
            ["A"]
        );
    }

    /// Key results with plans: the goal runs 2026-10-01..2027-01-31 (today is 45% of it).
    const KRS: &str = r#"
[[goals]]
id = "g"
title = "Goal"
start = 2026-10-01
due = 2027-01-31

  [[goals.key_results]]
  id = "behind"
  title = "Behind plan"
  start = 0
  target = 100
  current = 10
  checkins = [
    { date = 2026-11-20, value = 10, confidence = 0.9 },
    { date = 2026-10-15, value = 5, confidence = 0.8 },
  ]

  [[goals.key_results]]
  id = "unsure"
  title = "Ahead but unsure"
  start = 0
  target = 100
  current = 80
  checkins = [{ date = 2026-11-20, value = 80, confidence = 0.3 }]

  [[goals.key_results]]
  id = "fine"
  title = "Ahead and sure"
  start = 0
  target = 100
  current = 90

  [[goals.key_results]]
  id = "fine2"
  title = "Also ahead"
  start = 100
  target = 0
  current = 10
  checkins = [
    { date = 2026-10-10, value = 60 },
    { date = 2026-11-10, value = 10 },
  ]

[[goals]]
id = "nodates"
title = "No dates"

  [[goals.key_results]]
  id = "k"
  title = "Unplanned"
  start = 0
  target = 10
  current = 2

[[goals]]
id = "done"
title = "Achieved"
status = "achieved"

  [[goals.key_results]]
  id = "k2"
  title = "Not listed"
  start = 0
  target = 1
  current = 1
"#;

    fn kr<'a>(ins: &'a Insights, target: &str) -> &'a KeyResultInsight {
        ins.key_results
            .iter()
            .find(|k| k.target == target)
            .unwrap_or_else(|| panic!("{target} listed"))
    }

    #[test]
    fn key_results_are_tracked_against_plan_and_confidence() {
        let (_ws, ins) = build(&[HEAD, KRS].concat());
        let targets: Vec<&str> = ins.key_results.iter().map(|k| k.target.as_str()).collect();
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
        assert!((b.expected.unwrap() - 55.0 / 122.0).abs() < 1e-9);
        assert_eq!(b.flag, Some(StaffingFlag::OffTrackUnstaffed));
        let u = kr(&ins, "g/unsure");
        assert!(!u.behind);
        assert_eq!(u.track, Track::OffTrack, "confidence 0.3 < 0.5");
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
        let targets: Vec<&str> = ins.key_results.iter().map(|k| k.target.as_str()).collect();
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

    #[test]
    fn owners_are_ranked_by_busy_work_and_nobody_is_grouped() {
        let text = [
            HEAD,
            GOALS,
            &task("A", "owner = \"ann\"\ngoals = [\"grow/kr\"]\neffort = 5"),
            &task("B", "owner = \"ann\"\neffort = 1"),
            &task("C", "owner = \"bob\"\neffort = 3"),
            &task("D", "owner = \"bob\"\ngoals = [\"ops\"]\neffort = 2"),
            &task("E", "effort = 2"),
            &task("F", "effort = 1.5\ngoals = [\"grow\"]"),
            &task("G", "owner = \"cat\"\ngoals = [\"grow/kr\"]"),
            // Closed work carries nothing.
            &task("H", "owner = \"dan\"\nstatus = \"done\"\neffort = 9"),
        ]
        .concat();
        let (_ws, ins) = build(&text);
        let names: Vec<&str> = ins.owners.iter().map(|o| o.name()).collect();
        assert_eq!(names, ["bob", NOBODY, "ann", "cat"]);
        let bob = &ins.owners[0];
        assert_eq!(bob.effort.busy_work, 3.0);
        assert_eq!(bob.effort.operational, 2.0);
        assert_eq!(bob.effort.total(), 5.0);
        assert_eq!(bob.open_tasks, 2);
        let nobody = &ins.owners[1];
        assert_eq!(nobody.owner, None);
        assert_eq!(nobody.effort.busy_work, 2.0);
        assert_eq!(nobody.effort.get(Class::Aligned), 1.5);
        assert_eq!(ins.owners[2].effort.aligned, 5.0);
    }

    #[test]
    fn an_empty_or_finished_workspace_has_empty_insights() {
        let (_ws, ins) = build(HEAD);
        assert_eq!(ins.open_tasks, 0);
        assert_eq!(ins.open_effort, 0.0);
        assert_eq!(ins.quadrants.len(), 4);
        assert!(
            ins.quadrants
                .iter()
                .all(|c| c.tasks.is_empty() && c.effort_pct == 0.0)
        );
        assert!(ins.key_results.is_empty());
        assert_eq!(ins.staffed_median, None);
        assert!(ins.owners.is_empty());

        // Goals but only closed work: every off-track key result is unstaffed,
        // percentages stay finite.
        let (_ws, ins) = build(
            &[
                HEAD,
                KRS,
                &task("A", "status = \"done\"\ngoals = [\"g/fine\"]"),
            ]
            .concat(),
        );
        assert_eq!(ins.open_effort, 0.0);
        assert!(ins.owners.is_empty());
        assert_eq!(ins.staffed_median, None);
        assert_eq!(
            kr(&ins, "g/behind").flag,
            Some(StaffingFlag::OffTrackUnstaffed)
        );
        assert_eq!(kr(&ins, "g/fine").flag, None);
        assert!(ins.quadrants.iter().all(|c| c.effort_pct == 0.0));
    }

    #[test]
    fn the_demo_reads_sensibly() {
        let (_dir, ws) = load(crate::assets::DEMO);
        let board = score_workspace(&ws, today(), None);
        let ins = insights(&ws, &board);
        let cell = |q| ids(&ws, &ins.quadrant(q).tasks);
        // Urgent operational work is done now, not a trap.
        assert!(cell(Quadrant::DoNow).contains(&"T-119".to_string()));
        // Urgent unlinked work is the trap.
        for id in ["T-123", "T-126", "T-129", "T-125"] {
            assert!(
                cell(Quadrant::BusyWorkTrap).contains(&id.to_string()),
                "{id}"
            );
        }
        let total: f64 = ins.quadrants.iter().map(|c| c.effort).sum();
        assert!((total - ins.open_effort).abs() < 1e-9);
        assert!(ins.owners.iter().all(|o| o.owner.is_some()));
    }
}
