//! Closing a goal from the board (`C`): the form's answers checked — a grade from 0.0 to
//! 1.0, an outcome of achieved or missed, a roll-over date that comes after the goal's
//! due — and made into the same edit `align close` makes, committed like every edit so
//! `u` takes it back whole.

use align_core::edit::{self, Closing, Edit};
use align_core::model::GoalStatus;

use super::app::{App, Tone};
use super::form::{Form, parse_number};

impl App {
    /// The edit the close form's answers ask for; `Err` when an answer is wrong (the form
    /// says which), `Ok(None)` when there is nothing to do.
    pub(super) fn close_goal_edit(
        &mut self,
        form: &mut Form,
        goal: &str,
    ) -> Result<Option<Edit>, ()> {
        let Some(g) = self.found_goal(goal) else {
            return Ok(None);
        };
        let grade_text = form.text(0).trim().to_string();
        let grade = match parse_number(&grade_text, "") {
            Some(g) if (0.0..=1.0).contains(&g) => g,
            Some(g) if (1.0..=100.0).contains(&g) && grade_text.ends_with('%') => g / 100.0,
            _ => {
                form.fail(
                    0,
                    format!("{grade_text:?} is not a grade from 0.0 to 1.0 (0.7 is a good stretch result)"),
                );
                return Err(());
            }
        };
        let review = form.text(1).trim().to_string();
        let status = match form.text(2).trim().to_lowercase().as_str() {
            "" | "achieved" | "a" => GoalStatus::Achieved,
            "missed" | "m" => GoalStatus::Missed,
            other => {
                form.fail(2, format!("{other:?}: type achieved or missed"));
                return Err(());
            }
        };
        let roll_text = form.text(3).trim().to_string();
        let roll_over = if roll_text.is_empty() {
            None
        } else if let Ok(d) = chrono::NaiveDate::parse_from_str(&roll_text, "%Y-%m-%d") {
            Some(d)
        } else {
            form.fail(3, format!("{roll_text:?} is not a date like 2027-03-31"));
            return Err(());
        };
        let closing = Closing {
            grade,
            review: (!review.is_empty()).then_some(review),
            status,
            roll_over,
        };
        match edit::close_goal(self.ws(), g, &closing, self.today) {
            Ok((edit, _)) => Ok(Some(edit)),
            Err(e) if roll_over.is_some() && e.to_string().contains("must come after") => {
                form.fail(
                    3,
                    e.to_string()
                        .trim_end_matches("; nothing was written")
                        .to_string(),
                );
                Err(())
            }
            Err(e) => {
                self.say(format!("not closed: {e}"), Tone::Problem);
                Ok(None)
            }
        }
    }
}
