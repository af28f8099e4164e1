//! The files align ships inside its binary: the demo workspace that `align demo` opens
//! and the commented starter that `align init` writes. Both are plans with dates in
//! them, and a plan read long after its dates tells another story (goals past due, every
//! check-in stale): the demo is read on the day its story is set, and the starter's
//! dates are moved to the day it is written.

use chrono::{Days, NaiveDate};

/// A realistic sample workspace showing every class of task.
pub const DEMO: &str = include_str!("../../../assets/demo.toml");

/// The commented starter written by `align init`, with its dates as of [`starter_day`].
pub const STARTER: &str = include_str!("../../../assets/starter.toml");

/// The day the demo's story is set on (its opening comment says so): `align demo` reads
/// it as of this day unless `--today` says otherwise, so it shows every class of task
/// whenever it is opened.
pub fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a valid date")
}

/// The day [`STARTER`]'s dates were written for: its goal started a few weeks before,
/// its one check-in was five days before, its first task is due in under a month.
fn starter_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date")
}

/// The starter as of `today`: every date in it moved by the days from [`starter_day`]
/// to `today`, so a new workspace starts fresh (nothing stale, nothing past due).
pub fn starter(today: NaiveDate) -> String {
    let days = (today - starter_day()).num_days();
    shift_dates(STARTER, days)
}

/// `text` with every `YYYY-MM-DD` date moved by `days` (a date that would leave the
/// calendar stays as it is).
fn shift_dates(text: &str, days: i64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let digit = |k: usize| bytes[i + k].is_ascii_digit();
        let shape = (0..10).all(|k| {
            if k == 4 || k == 7 {
                bytes[i + k] == b'-'
            } else {
                digit(k)
            }
        });
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        let moved = (shape && alone)
            .then(|| NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d").ok())
            .flatten()
            .and_then(|d| {
                if days >= 0 {
                    d.checked_add_days(Days::new(days.unsigned_abs()))
                } else {
                    d.checked_sub_days(Days::new(days.unsigned_abs()))
                }
            });
        match moved {
            Some(d) => {
                out.push_str(&text[copied..i]);
                out.push_str(&d.format("%Y-%m-%d").to_string());
                i += 10;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_move_and_nothing_else_does() {
        let text = "start = 2026-10-01   # YYYY-MM-DD\nid = \"T-2026-10-01x\"\nn = 12026-10-011\n";
        assert_eq!(
            shift_dates(text, 10),
            "start = 2026-10-11   # YYYY-MM-DD\nid = \"T-2026-10-11x\"\nn = 12026-10-011\n"
        );
        assert_eq!(shift_dates("due = 2027-01-05", -10), "due = 2026-12-26");
        assert_eq!(
            shift_dates("x = 2026-02-30", 1),
            "x = 2026-02-30",
            "not a date"
        );
        assert_eq!(shift_dates(text, 0), text);
    }

    #[test]
    fn the_starter_written_today_is_fresh_and_loads() {
        for today in ["2026-11-20", "2027-06-01", "2031-02-28"] {
            let today = day(today);
            let text = starter(today);
            let path = std::path::PathBuf::from("align.toml");
            let ws = align_core::load::load_sources(&path, vec![(path.clone(), text.into_bytes())])
                .unwrap()
                .workspace;
            let board = align_core::score_workspace(&ws, today, None);
            assert!(
                board.goals.iter().all(|g| !g.stale),
                "{today}: nothing stale"
            );
            let customers = ws.goal_by_id("customers").unwrap();
            assert!(
                ws.goals[customers].due.is_some_and(|d| d > today),
                "{today}: not past due"
            );
            assert!(ws.goals[customers].start.is_some_and(|d| d < today));
        }
        assert_eq!(starter(starter_day()), STARTER);
    }

    #[test]
    fn the_demo_is_read_on_the_day_its_comment_names() {
        assert!(DEMO.contains(&format!("read as of {}", demo_day())));
    }
}
