//! Numbers as align adds them up and shows them: effort totals, shares, progress.
//!
//! Floats have a negative zero, and Rust prints it as `-0`: an empty `Iterator::sum` of
//! `f64` is `-0.0`, and so is a share of it. "0 tasks closed (-0 effort)" reads like a bug,
//! so every total starts from `+0.0` ([`sum`]) and every rounding folds `-0` into `0`
//! ([`round1`], [`display`]). Shared by the scoring, the comparison, the insights and the
//! report, so they cannot disagree.

/// A count with its noun: "1 task", "3 tasks".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A count of days in words: "1 day", "3 days".
pub fn days(n: impl Into<i64>) -> String {
    match n.into() {
        1 | -1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// The sum of `values`, `0` (never `-0`) when there are none.
pub fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |total, v| total + v)
}

/// `-0.0` as `0.0`; every other value as it is.
pub fn unsigned_zero(x: f64) -> f64 {
    // IEEE: -0 + 0 is +0, and adding +0 changes no other value.
    x + 0.0
}

/// Rounded to one decimal, as shares and totals are shown (`28.8`), never `-0`.
pub fn round1(x: f64) -> f64 {
    unsigned_zero((x * 10.0).round() / 10.0)
}

/// A value as the team wrote it (1780, 3.8, 99.86), without float noise, never `-0`.
pub fn display(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    // Huge values overflow the scaling; they have no noise worth removing.
    let shown = if rounded.is_finite() { rounded } else { v };
    format!("{}", unsigned_zero(shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_in_words() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(14u32), "14 days");
    }

    #[test]
    fn an_empty_sum_is_zero_not_negative_zero() {
        let none: [f64; 0] = [];
        assert!(sum(none).is_sign_positive());
        assert_eq!(format!("{}", sum(none)), "0");
        // What the standard library does, and why this module exists.
        assert!(none.iter().sum::<f64>().is_sign_negative());
        assert_eq!(sum([1.5, 2.0]), 3.5);
    }

    #[test]
    fn rounding_and_display_never_show_negative_zero() {
        assert_eq!(format!("{}", round1(-0.0)), "0");
        assert_eq!(format!("{}", round1(-0.04)), "0");
        assert_eq!(round1(28.78787), 28.8);
        assert_eq!(round1(-1.26), -1.3);
        assert_eq!(display(-0.0), "0");
        assert_eq!(display(-0.0000001), "0");
        assert_eq!(display(3.8000000001), "3.8");
        assert_eq!(display(1780.0), "1780");
        assert_eq!(display(-2.5), "-2.5");
        assert_eq!(display(1e308), format!("{}", 1e308));
    }
}
