//! The one table of scoring coefficients: each number's name, default, allowed range
//! and meaning, written once. The defaults, the `[scoring]` overrides and their range
//! checks, and the README's table (a test keeps it true) all come from it, so nobody
//! has to read code to know what a coefficient does.

use crate::model::Coefficients;

/// One tunable number of the scoring, with its default and documentation.
pub struct Coefficient {
    pub name: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
    pub doc: &'static str,
    field: fn(&mut Coefficients) -> &mut i64,
}

macro_rules! coefficients {
    ($($name:ident = $default:literal, $min:literal..=$max:literal, $doc:literal;)+) => {
        /// The one table of coefficients: name, default, allowed range, meaning.
        pub const COEFFICIENTS: &[Coefficient] = &[$(Coefficient {
            name: stringify!($name),
            default: $default,
            min: $min,
            max: $max,
            doc: $doc,
            field: |c| &mut c.$name,
        }),+];
        impl Default for Coefficients {
            fn default() -> Self {
                Coefficients { $($name: $default),+ }
            }
        }
    };
}

coefficients! {
    aligned_at = 60, 1..=100, "score at or above this: aligned";
    busy_below = 30, 0..=100, "score below this: busy-work";
    link = 45, 1..=100, "linked to an active objective goal (or one of its key results)";
    operational_link = 25, 1..=100, "linked only to active operational goals";
    weight_step = 5, 0..=25, "per weight step above 1 of the heaviest active linked goal";
    key_result = 10, 0..=50, "linked straight to a key result of an active goal";
    behind_plan = 10, 0..=50, "that key result is behind plan (progress < elapsed time share)";
    impact_step = 5, 0..=25, "per impact step away from 3 (impact 5: +10, impact 1: -10)";
    due_soon_days = 7, 0..=365, "days ahead that count as due soon";
    due_soon = 5, 0..=100, "strategy lens: due within due_soon_days";
    overdue = 5, 0..=100, "strategy lens: past its due date";
    urgent = 5, 0..=100, "strategy lens: marked urgent";
    crunch_due_soon = 20, 0..=100, "crunch lens: due within due_soon_days";
    crunch_overdue = 25, 0..=100, "crunch lens: past its due date";
    crunch_urgent = 20, 0..=100, "crunch lens: marked urgent";
    unblocks = 80, 0..=100, "an open task open linked work waits on scores at least this % of the best-scoring task it unblocks";
}

impl Coefficients {
    /// Set a coefficient by its name in `[scoring]`; `None` when the name is unknown.
    pub fn set(&mut self, name: &str, value: i64) -> Option<&'static Coefficient> {
        let spec = COEFFICIENTS.iter().find(|c| c.name == name)?;
        *(spec.field)(self) = value;
        Some(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_documents_every_coefficient_with_its_default() {
        let readme = include_str!("../../../../README.md");
        for c in COEFFICIENTS {
            let row = format!(
                "| `{}` | {} | {}..{} | {} |",
                c.name, c.default, c.min, c.max, c.doc
            );
            assert!(readme.contains(&row), "README lacks the row: {row}");
        }
    }

    #[test]
    fn overrides_are_found_by_name() {
        let mut c = Coefficients::default();
        assert!(c.set("aligned_at", 70).is_some());
        assert_eq!(c.aligned_at, 70);
        assert!(c.set("nope", 1).is_none());
    }
}
