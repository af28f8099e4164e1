//! A goal's or a key result's own fields changed at once, as the board's goal and
//! key-result forms ask: one edit of the goal's block touching only the values that
//! change (comments, check-ins and unknown keys stay as written), so one undo gives it
//! all back. Check-ins have their own edit ([`super::checkin()`]), closing a goal its own
//! ([`super::close_goal`]).

use chrono::NaiveDate;

use super::block::{LocalSplice, merge_insertions, remove_key, rewrite, set_key};
use super::goal_block::GoalBlock;
use super::{BlockEdit, EditError, Number, quoted};
use crate::model::{GoalIx, GoalKind, GoalStatus, Horizon, Workspace};

fn rejected(why: impl Into<String>) -> EditError {
    EditError::Rejected { why: why.into() }
}

/// What to change in a goal; `None` leaves a field as it is, `Some(None)` removes an
/// optional one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoalChanges {
    pub title: Option<String>,
    pub kind: Option<GoalKind>,
    /// 1..5.
    pub weight: Option<u8>,
    pub horizon: Option<Option<Horizon>>,
    pub start: Option<Option<NaiveDate>>,
    pub due: Option<Option<NaiveDate>>,
    pub status: Option<GoalStatus>,
    pub owner: Option<Option<String>>,
    /// Another goal's id: no goal may end up its own ancestor.
    pub parent: Option<Option<String>>,
}

/// What to change in a key result, as [`GoalChanges`] does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyResultChanges {
    pub title: Option<String>,
    pub start: Option<Number>,
    pub target: Option<Number>,
    pub unit: Option<Option<String>>,
    pub owner: Option<Option<String>>,
    pub due: Option<Option<NaiveDate>>,
}

/// The changes that differ from what is there, each as the key, its new literal (`None`:
/// remove the key) and the words for the status bar.
type Sets = Vec<(&'static str, Option<String>, String)>;

fn text_change(sets: &mut Sets, key: &'static str, new: Option<&str>, old: &str) {
    if let Some(x) = new.map(str::trim).filter(|x| *x != old) {
        sets.push((key, Some(quoted(x)), format!("{key} {x:?}")));
    }
}

fn optional_text(
    sets: &mut Sets,
    key: &'static str,
    new: Option<&Option<String>>,
    old: Option<&str>,
) {
    let Some(new) = new else { return };
    let new = new.as_deref().map(str::trim).filter(|x| !x.is_empty());
    if new != old {
        let said = new.map_or(format!("no {key}"), |x| format!("{key} {x}"));
        sets.push((key, new.map(quoted), said));
    }
}

fn optional_date(
    sets: &mut Sets,
    key: &'static str,
    new: Option<Option<NaiveDate>>,
    old: Option<NaiveDate>,
) {
    if let Some(new) = new.filter(|d| *d != old) {
        let said = new.map_or(format!("no {key} date"), |d| format!("{key} {d}"));
        sets.push((key, new.map(|d| d.to_string()), said));
    }
}

/// The label: one change said as the single edits are, several listed.
fn label(of: &str, sets: &Sets) -> String {
    match sets.as_slice() {
        [("title", ..)] => format!("renamed {of}"),
        _ => format!(
            "{of}: {}",
            sets.iter()
                .map(|(_, _, said)| said.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Write `sets` into goal `goal`'s table, or its key result `key_result`'s.
fn edit_block(
    ws: &Workspace,
    goal: GoalIx,
    key_result: Option<usize>,
    sets: &Sets,
    label: String,
) -> Result<BlockEdit, EditError> {
    let goal_block = GoalBlock::read(ws, goal, key_result)?;
    let block = goal_block.text;
    let table = goal_block.table()?;
    let mut splices: Vec<LocalSplice> = Vec::new();
    for (key, literal, _) in sets {
        match literal {
            Some(l) => splices.push(set_key(&table, block, key, l)),
            None => splices.extend(remove_key(&table, block, key)),
        }
    }
    let new = rewrite(block, merge_insertions(splices));
    Ok(goal_block.replaced_by(new, label))
}

/// Change goal `goal` as `changes` says. `Ok(None)` when it already is as asked.
pub fn edit_goal(
    ws: &Workspace,
    goal: GoalIx,
    changes: &GoalChanges,
) -> Result<Option<BlockEdit>, EditError> {
    let g = &ws.goals[goal];
    if changes.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        return Err(rejected("a goal needs a title"));
    }
    if let Some(w) = changes.weight
        && !(1..=5).contains(&w)
    {
        return Err(rejected(format!("weight {w} is out of range: 1 to 5")));
    }
    let mut sets: Sets = Vec::new();
    text_change(&mut sets, "title", changes.title.as_deref(), &g.title);
    if let Some(k) = changes.kind.filter(|&k| k != g.kind) {
        sets.push(("kind", Some(quoted(k.as_str())), format!("kind {k}")));
    }
    if let Some(w) = changes.weight.filter(|&w| w != g.weight) {
        sets.push(("weight", Some(w.to_string()), format!("weight {w}")));
    }
    if let Some(h) = changes.horizon.filter(|&h| h != g.horizon) {
        let said = h.map_or("no horizon".to_string(), |h| format!("horizon {h}"));
        sets.push(("horizon", h.map(|h| quoted(h.as_str())), said));
    }
    optional_date(&mut sets, "start", changes.start, g.start);
    optional_date(&mut sets, "due", changes.due, g.due);
    let (start, due) = (
        changes.start.unwrap_or(g.start),
        changes.due.unwrap_or(g.due),
    );
    if let (Some(s), Some(d)) = (start, due)
        && d < s
    {
        return Err(rejected(format!("due {d} comes before start {s}")));
    }
    if let Some(s) = changes.status.filter(|&s| s != g.status) {
        sets.push(("status", Some(quoted(s.as_str())), format!("status {s}")));
    }
    optional_text(
        &mut sets,
        "owner",
        changes.owner.as_ref(),
        g.owner.as_deref(),
    );
    if let Some(Some(p)) = &changes.parent {
        check_parent(ws, goal, p.trim())?;
    }
    optional_text(
        &mut sets,
        "parent",
        changes.parent.as_ref(),
        g.parent.as_deref(),
    );
    if sets.is_empty() {
        return Ok(None);
    }
    let label = label(&g.id, &sets);
    edit_block(ws, goal, None, &sets, label).map(Some)
}

/// `parent` may be goal `goal`'s parent: an existing goal that is neither it nor one of
/// its descendants.
fn check_parent(ws: &Workspace, goal: GoalIx, parent: &str) -> Result<(), EditError> {
    let id = &ws.goals[goal].id;
    let Some(mut at) = ws.goal_by_id(parent) else {
        let hint = crate::diag::did_you_mean(parent, ws.goals.iter().map(|g| g.id.as_str()))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(rejected(format!(
            "no goal {parent:?} to be the parent{hint}"
        )));
    };
    // Up from the new parent: meeting the goal itself would close a loop.
    for _ in 0..=ws.goals.len() {
        if at == goal {
            return Err(rejected(format!(
                "{parent:?} cannot be the parent of {id:?}: {}",
                if parent == id {
                    "a goal is not its own parent".to_string()
                } else {
                    format!("{parent:?} sits under {id:?} already")
                }
            )));
        }
        match ws.goals[at]
            .parent
            .as_deref()
            .and_then(|p| ws.goal_by_id(p))
        {
            Some(up) => at = up,
            None => return Ok(()),
        }
    }
    Ok(())
}

/// Change key result `key_result` of goal `goal` as `changes` says. `Ok(None)` when it
/// already is as asked.
pub fn edit_key_result(
    ws: &Workspace,
    goal: GoalIx,
    key_result: usize,
    changes: &KeyResultChanges,
) -> Result<Option<BlockEdit>, EditError> {
    let g = &ws.goals[goal];
    let kr = &g.key_results[key_result];
    if changes.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        return Err(rejected("a key result needs a title"));
    }
    let mut sets: Sets = Vec::new();
    text_change(&mut sets, "title", changes.title.as_deref(), &kr.title);
    for (key, new, old) in [
        ("start", changes.start, kr.start),
        ("target", changes.target, kr.target),
    ] {
        if let Some(n) = new.filter(|n| n.0 != old) {
            sets.push((key, Some(n.literal()), format!("{key} {}", n.literal())));
        }
    }
    let (start, target) = (
        changes.start.map_or(kr.start, |n| n.0),
        changes.target.map_or(kr.target, |n| n.0),
    );
    if start == target {
        return Err(rejected(format!(
            "start and target are both {}: nothing would measure progress",
            Number(start).literal()
        )));
    }
    optional_text(&mut sets, "unit", changes.unit.as_ref(), kr.unit.as_deref());
    optional_text(
        &mut sets,
        "owner",
        changes.owner.as_ref(),
        kr.owner.as_deref(),
    );
    optional_date(&mut sets, "due", changes.due, kr.due);
    if sets.is_empty() {
        return Ok(None);
    }
    let label = label(&format!("{}/{}", g.id, kr.id), &sets);
    edit_block(ws, goal, Some(key_result), &sets, label).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::edit::test_support::*;
    use crate::load::load_text;

    /// The lines of `before` gone from `after`, and those new in it, in order (counted:
    /// `weight = 5` of another goal is not this one's).
    fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let only = |x: &str, y: &str| {
            let mut rest: Vec<&str> = y.lines().collect();
            let mut out = Vec::new();
            for l in x.lines() {
                match rest.iter().position(|r| *r == l) {
                    Some(i) => {
                        rest.remove(i);
                    }
                    None => out.push(l.to_string()),
                }
            }
            out
        };
        (only(before, after), only(after, before))
    }

    #[test]
    fn a_goals_fields_change_in_place_and_one_inverse_gives_them_back() {
        let mut ws = load_text(DEMO);
        let g = ws.goal_by_id("retention").unwrap();
        let changes = GoalChanges {
            title: Some("Keep small shops".to_string()),
            weight: Some(4),
            horizon: Some(None),
            due: Some(Some(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap())),
            owner: Some(Some("sam".to_string())),
            kind: Some(GoalKind::Objective),
            status: Some(GoalStatus::Active),
            ..GoalChanges::default()
        };
        let edit = edit_goal(&ws, g, &changes).unwrap().unwrap();
        assert_eq!(
            edit.label,
            "retention: title \"Keep small shops\", weight 4, no horizon, due 2027-03-31, owner sam"
        );
        apply(&mut ws, &edit).unwrap();
        let (gone, new) = diff(DEMO, &ws.files[0].text);
        assert_eq!(
            gone,
            [
                "title = \"Cut churn among small shops\"",
                "weight = 5",
                "due = 2027-06-30",
                "horizon = \"year\"",
                "owner = \"maya\""
            ]
        );
        assert_eq!(
            new,
            [
                "title = \"Keep small shops\"",
                "weight = 4",
                "due = 2027-03-31",
                "owner = \"sam\""
            ]
        );
        let goal = &ws.goals[ws.goal_by_id("retention").unwrap()];
        assert_eq!((goal.weight, goal.horizon), (4, None));
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        // Asked for what it already is: nothing to write.
        let same = GoalChanges {
            title: Some("Cut churn among small shops".to_string()),
            weight: Some(5),
            ..GoalChanges::default()
        };
        assert_eq!(edit_goal(&ws, g, &same).unwrap(), None);
    }

    #[test]
    fn a_parent_must_exist_and_never_close_a_loop() {
        let ws = load_text(DEMO);
        let g = ws.goal_by_id("grow-shops").unwrap();
        let parent = |p: &str| GoalChanges {
            parent: Some(Some(p.to_string())),
            ..GoalChanges::default()
        };
        let err = |c: &GoalChanges| edit_goal(&ws, g, c).unwrap_err().to_string();
        assert!(
            err(&parent("retention")).contains("\"retention\" sits under \"grow-shops\" already"),
            "{}",
            err(&parent("retention"))
        );
        assert!(err(&parent("grow-shops")).contains("a goal is not its own parent"));
        assert!(err(&parent("retentoin")).contains("no goal \"retentoin\" to be the parent"));
        assert!(edit_goal(&ws, g, &parent("reliability")).unwrap().is_some());
        let weight = GoalChanges {
            weight: Some(9),
            ..GoalChanges::default()
        };
        assert!(err(&weight).contains("weight 9 is out of range: 1 to 5"));
        // Removing a parent removes its line.
        let r = ws.goal_by_id("retention").unwrap();
        let orphan = GoalChanges {
            parent: Some(None),
            ..GoalChanges::default()
        };
        let edit = edit_goal(&ws, r, &orphan).unwrap().unwrap();
        assert_eq!(edit.label, "retention: no parent");
        assert!(!edit.splice.inserted.contains("parent ="));
    }

    #[test]
    fn a_key_results_fields_change_in_its_own_table_and_keep_its_checkins() {
        let mut ws = load_text(DEMO);
        let g = ws.goal_by_id("retention").unwrap();
        let k = ws.goals[g]
            .key_results
            .iter()
            .position(|k| k.id == "kr1")
            .unwrap();
        let changes = KeyResultChanges {
            title: Some("Monthly logo churn, small shops".to_string()),
            target: Some(Number(2.0)),
            owner: Some(Some("sam".to_string())),
            due: Some(Some(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap())),
            unit: Some(Some("%".to_string())),
            ..KeyResultChanges::default()
        };
        let edit = edit_key_result(&ws, g, k, &changes).unwrap().unwrap();
        apply(&mut ws, &edit).unwrap();
        let (gone, new) = diff(DEMO, &ws.files[0].text);
        assert_eq!(
            gone,
            [
                "  title = \"Monthly logo churn\"",
                "  target = 2.5                  # lower-is-better",
            ]
        );
        assert_eq!(
            new,
            [
                "  title = \"Monthly logo churn, small shops\"",
                "  target = 2                  # lower-is-better",
                "  owner = \"sam\"",
                "  due = 2027-01-31",
            ]
        );
        let kr = &ws.goals[g].key_results[k];
        assert_eq!((kr.target, kr.owner.as_deref()), (2.0, Some("sam")));
        assert_eq!(kr.checkins.len(), 3, "the check-ins stay");
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        let flat = KeyResultChanges {
            target: Some(Number(4.2)),
            ..KeyResultChanges::default()
        };
        assert!(
            edit_key_result(&ws, g, k, &flat)
                .unwrap_err()
                .to_string()
                .contains("start and target are both 4.2")
        );
    }
}
