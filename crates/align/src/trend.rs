//! A figure against what it was, in words and glyphs that read without colour: a change
//! as an arrow and an amount (`↑3.1 pts`, `↓2`, `±0`), a series as a sparkline
//! (`▁▃▅█`). The board's Compare tab, the report's "since last week" and the Insights
//! confidence column all say a change the same way, so a reader learns it once.

use align_core::compare::Unit;
use align_core::number::{display, round1};

/// The change from `then` to `now` as an arrow and an amount: `↑3.1 pts` for a
/// percentage (in percentage points), `↓2` for a count, `±0` when it did not move.
pub fn change(now: f64, then: f64, unit: Unit) -> String {
    let suffix = if unit == Unit::Percent { " pts" } else { "" };
    format!("{}{suffix}", change_short(now, then, unit))
}

/// [`change`] without the unit, where the figure beside it says it (`↑3.1`).
pub fn change_short(now: f64, then: f64, unit: Unit) -> String {
    let delta = match unit {
        Unit::Count => (now - then).round(),
        Unit::Percent | Unit::Score => round1(now - then),
    };
    let amount = display(delta.abs());
    if delta > 0.0 {
        format!("↑{amount}")
    } else if delta < 0.0 {
        format!("↓{amount}")
    } else {
        "±0".to_string()
    }
}

/// The series as a sparkline from its lowest (`▁`) to its highest (`█`) value; a flat
/// series is a flat line at mid height, and a point with no value (the workspace did
/// not exist or did not load then) is a blank.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if hi <= lo => BARS[3],
            Some(v) => BARS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_says_its_direction_in_an_arrow_and_its_amount() {
        assert_eq!(change(62.5, 59.4, Unit::Percent), "↑3.1 pts");
        assert_eq!(change(3.0, 5.0, Unit::Count), "↓2");
        assert_eq!(change(40.0, 40.0, Unit::Score), "±0");
        assert_eq!(change(40.0, 40.0, Unit::Percent), "±0 pts");
        assert_eq!(change_short(62.5, 59.4, Unit::Percent), "↑3.1");
        // Float noise is no change, and never "-0".
        assert_eq!(change(0.3, 0.1 + 0.2, Unit::Percent), "±0 pts");
    }

    #[test]
    fn a_sparkline_spans_the_range_and_leaves_gaps_blank() {
        assert_eq!(sparkline(&[Some(1.0), Some(2.0), Some(3.0)]), "▁▅█");
        assert_eq!(sparkline(&[None, Some(2.0), Some(2.0)]), " ▄▄");
        assert_eq!(sparkline(&[None]), " ");
        assert_eq!(sparkline(&[]), "");
    }
}
