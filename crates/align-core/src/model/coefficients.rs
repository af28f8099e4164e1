//! The scoring coefficients a workspace is scored with: the defaults, overridden by its
//! `[scoring]` table. The table of names, defaults, ranges and meanings is the scorer's
//! ([`crate::scoring::COEFFICIENTS`]); this is only the numbers in force.

/// The scoring coefficients in force (defaults, overridden by `[scoring]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coefficients {
    pub aligned_at: i64,
    pub busy_below: i64,
    pub link: i64,
    pub operational_link: i64,
    pub weight_step: i64,
    pub key_result: i64,
    pub behind_plan: i64,
    pub impact_step: i64,
    pub due_soon_days: i64,
    pub due_soon: i64,
    pub overdue: i64,
    pub urgent: i64,
    pub crunch_due_soon: i64,
    pub crunch_overdue: i64,
    pub crunch_urgent: i64,
    pub unblocks: i64,
}
