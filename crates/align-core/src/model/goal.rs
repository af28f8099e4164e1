//! Goals as a team writes them: what it wants (title, kind, weight, horizon, dates,
//! status, owner), where it sits in the alignment tree (`parent`), and how it is measured
//! — key results with a start, a target and check-ins over time. A key result's progress
//! is worked out here, once, so nothing else divides by a span that may be zero.

use std::ops::Range;

use chrono::NaiveDate;

use super::{GoalKind, GoalStatus, Horizon, Origin};

#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub kind: GoalKind,
    pub parent: Option<String>,
    pub weight: u8,
    pub horizon: Option<Horizon>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    pub owner: Option<String>,
    /// The grade it was closed with, 0.0..1.0 (Google's OKR grading).
    pub grade: Option<f64>,
    /// What the team said when closing it.
    pub review: Option<String>,
    pub key_results: Vec<KeyResult>,
    /// `Some(u)` for a goal of the upstream workspace `Workspace::upstreams[u]`: read-only
    /// here, its id written `key:id`, its `origin` in that workspace's files.
    pub upstream: Option<usize>,
    pub origin: Origin,
    /// The bytes of the goal in its file: from its `[[goals]]` header (with its key
    /// results) to the next top-level table, or its inline `{ … }`.
    pub block: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    pub id: String,
    pub title: String,
    /// Who checks in on it (else the goal's owner).
    pub owner: Option<String>,
    /// When it is due (else the goal's due date).
    pub due: Option<NaiveDate>,
    pub unit: Option<String>,
    pub start: f64,
    pub target: f64,
    pub current: f64,
    pub checkins: Vec<Checkin>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

impl Goal {
    /// A goal past its due date no longer pulls work towards it.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.status == GoalStatus::Active && self.due.is_none_or(|d| d >= today)
    }

    /// Was the goal live on `day` — not past its due date, and not paused or dropped (a
    /// goal since closed as achieved or missed was live until it was closed)? What a task
    /// finished that day is scored against.
    pub fn was_active(&self, day: NaiveDate) -> bool {
        matches!(
            self.status,
            GoalStatus::Active | GoalStatus::Achieved | GoalStatus::Missed
        ) && self.due.is_none_or(|d| d >= day)
    }

    /// An `active` goal past its due date has ended: it needs closing (`align close`) or
    /// rolling over to the next cycle.
    pub fn is_ended(&self, today: NaiveDate) -> bool {
        self.status == GoalStatus::Active && self.due.is_some_and(|d| d < today)
    }
}

impl KeyResult {
    /// `(current - start) / (target - start)`, clamped to 0..1.
    pub fn progress(&self) -> f64 {
        self.progress_at(self.current).clamp(0.0, 1.0)
    }

    /// How far `value` is from start to target: 0 at the start, 1 at the target, beyond
    /// either end outside 0..1 (not clamped). Values so large that their differences
    /// overflow (a start of -1.79e308 and a target of 1.79e308) are worked out again
    /// scaled down by the largest of the three: the answer is always a finite number,
    /// 0 when the file holds no usable range.
    pub fn progress_at(&self, value: f64) -> f64 {
        // The share, or NaN when a difference overflowed.
        fn share(start: f64, target: f64, value: f64) -> f64 {
            let (span, moved) = (target - start, value - start);
            if !span.is_finite() || !moved.is_finite() {
                f64::NAN
            } else if span == 0.0 {
                if value == target { 1.0 } else { 0.0 }
            } else {
                moved / span
            }
        }
        let mut p = share(self.start, self.target, value);
        if !p.is_finite() {
            let scale = self.start.abs().max(self.target.abs()).max(value.abs());
            p = if scale.is_finite() && scale > 0.0 {
                share(self.start / scale, self.target / scale, value / scale)
            } else {
                0.0
            };
        }
        // `+ 0.0`: a lower-is-better key result still at its start is 0, not -0.
        if p.is_finite() { p + 0.0 } else { 0.0 }
    }

    pub fn latest_checkin(&self) -> Option<&Checkin> {
        self.checkins.iter().max_by_key(|c| c.date)
    }

    /// The confidence of its newest check-in that gives one.
    pub fn newest_confidence(&self) -> Option<f64> {
        self.checkins
            .iter()
            .filter(|c| c.confidence.is_some())
            .max_by_key(|c| c.date)
            .and_then(|c| c.confidence)
    }

    /// Its value as known on `day`: the newest check-in on or before it, else the start.
    pub fn value_on(&self, day: NaiveDate) -> f64 {
        self.checkins
            .iter()
            .filter(|c| c.date <= day)
            .max_by_key(|c| c.date)
            .map_or(self.start, |c| c.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(start: f64, target: f64, current: f64) -> KeyResult {
        KeyResult {
            id: "k".into(),
            title: "K".into(),
            owner: None,
            due: None,
            unit: None,
            start,
            target,
            current,
            checkins: Vec::new(),
            origin: Origin {
                file: crate::model::FileIx(0),
                span: 0..0,
            },
        }
    }

    #[test]
    fn progress_is_the_share_of_the_way_clamped() {
        assert_eq!(kr(0.0, 10.0, 4.0).progress(), 0.4);
        assert_eq!(kr(4.0, 2.0, 3.0).progress(), 0.5);
        assert_eq!(kr(0.0, 10.0, 12.0).progress(), 1.0);
        assert_eq!(kr(0.0, 10.0, 12.0).progress_at(12.0), 1.2);
        assert_eq!(kr(0.0, 10.0, -5.0).progress(), 0.0);
    }

    #[test]
    fn progress_never_overflows_near_the_largest_float() {
        let wide = kr(-1.79e308, 1.79e308, 0.0);
        assert_eq!(wide.progress(), 0.5);
        assert_eq!(kr(-1.79e308, 1.79e308, 1.79e308).progress(), 1.0);
        assert_eq!(kr(1.79e308, -1.79e308, 1.79e308).progress(), 0.0);
        assert!(
            kr(-f64::MAX, f64::MAX, f64::MAX)
                .progress_at(-f64::MAX)
                .is_finite()
        );
        // Lower is better, still at the start: 0, never -0 (which prints as "-0%").
        let p = kr(4.0, 2.0, 4.0).progress();
        assert!(p == 0.0 && p.is_sign_positive());
    }

    #[test]
    fn progress_at_rises_as_the_key_result_improves_also_when_lower_is_better() {
        let churn = kr(4.0, 2.0, 3.0);
        assert_eq!(churn.progress_at(4.0), 0.0);
        assert_eq!(churn.progress_at(3.0), 0.5);
        assert_eq!(churn.progress_at(2.0), 1.0);
        // Not clamped: a trend line shows overshooting and sliding back.
        assert_eq!(churn.progress_at(5.0), -0.5);
        assert_eq!(churn.progress(), 0.5);
        let flat = kr(3.0, 3.0, 3.0);
        assert_eq!(flat.progress_at(3.0), 1.0);
        assert_eq!(flat.progress_at(2.0), 0.0);
    }
}
