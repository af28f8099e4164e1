//! The check-in rhythm: which key results are owed a check-in, and by whom. Alignment is
//! a continuous process (the seed's fourth myth), so a key result of an active goal that
//! nobody has checked in on for `stale_after_days` — or ever, once its goal has run that
//! long — is owed one, by its own `owner`, else its goal's. `align checkins` lists them,
//! `check --max-stale` fails a weekly job when too many are owed, and the board counts
//! what the person running it owes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{GoalIx, LinkRef, Workspace};
use crate::scoring::Scoreboard;

/// A key result owed a check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Owed {
    /// Who owes it: the key result's owner, else its goal's; `None` when neither says.
    pub owner: Option<String>,
    /// `goal/kr`.
    pub key_result: LinkRef,
    pub title: String,
    #[serde(skip)]
    pub goal: GoalIx,
    #[serde(skip)]
    pub index: usize,
    /// Its newest check-in, if it has one.
    pub last_checkin: Option<NaiveDate>,
    /// The day the check-in fell due, when known.
    pub owed_since: Option<NaiveDate>,
    /// Days since it fell due (0 on the day), when known.
    pub days_overdue: Option<i64>,
}

/// Every key result owed a check-in on `board.today`: by owner (the unowned last), the
/// longest overdue first, then in file order.
pub fn owed(ws: &Workspace, board: &Scoreboard) -> Vec<Owed> {
    let mut owed: Vec<Owed> = Vec::new();
    for (gi, g) in ws.goals_ix() {
        let Some(flags) = board.goals.get(gi.0) else {
            continue;
        };
        for (ki, (k, f)) in g.key_results.iter().zip(&flags.key_results).enumerate() {
            if !f.stale {
                continue;
            }
            owed.push(Owed {
                owner: k.owner.clone().or_else(|| g.owner.clone()),
                key_result: LinkRef::key_result(&g.id, &k.id),
                title: k.title.clone(),
                goal: gi,
                index: ki,
                last_checkin: f.last_checkin,
                owed_since: f.owed_since,
                days_overdue: f.owed_since.map(|d| (board.today - d).num_days()),
            });
        }
    }
    // Stable: file order among equals.
    // Unknown (never checked in, no start date): as overdue as can be.
    let overdue = |o: &Owed| o.days_overdue.unwrap_or(i64::MAX);
    owed.sort_by(|a, b| {
        (a.owner.is_none(), &a.owner)
            .cmp(&(b.owner.is_none(), &b.owner))
            .then_with(|| overdue(b).cmp(&overdue(a)))
    });
    owed
}

/// How many of `owed` the person `me` owes (an owner named so, ignoring case).
pub fn owed_by(owed: &[Owed], me: &str) -> usize {
    owed.iter()
        .filter(|o| {
            o.owner
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(me))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;
    use crate::score_workspace;

    #[test]
    fn every_key_result_is_judged_on_its_own_and_owed_by_its_owner() {
        // kr1 checked in yesterday does not hide kr2, never checked in since October.
        let ws = load_text(
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nowner = \"dana\"\nstart = 2026-10-01\ndue = 2026-12-31\n\
             [[goals.key_results]]\nid = \"kr1\"\ntitle = \"One\"\nstart = 0\ntarget = 1\ncheckins = [{ date = 2026-11-24, value = 0.5 }]\n\
             [[goals.key_results]]\nid = \"kr2\"\ntitle = \"Two\"\nowner = \"sam\"\nstart = 0\ntarget = 1\n\
             [[goals.key_results]]\nid = \"kr3\"\ntitle = \"Three\"\nstart = 0\ntarget = 1\ncheckins = [{ date = 2026-10-20, value = 0.1 }]\n",
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let board = score_workspace(&ws, today, None);
        assert!(board.goals[0].stale);
        let owed = owed(&ws, &board);
        let got: Vec<(String, Option<&str>, Option<i64>)> = owed
            .iter()
            .map(|o| (o.key_result.to_string(), o.owner.as_deref(), o.days_overdue))
            .collect();
        assert_eq!(
            got,
            [
                ("g/kr3".to_string(), Some("dana"), Some(22)),
                ("g/kr2".to_string(), Some("sam"), Some(41)),
            ]
        );
        assert_eq!(owed_by(&owed, "SAM"), 1);
        assert_eq!(owed_by(&owed, "lee"), 0);
    }
}
