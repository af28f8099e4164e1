//! A key-result check-in: appended to its `checkins` (as the array or the
//! `[[…checkins]]` tables already write them; in an array written one check-in a line,
//! one new line) with its date, and `current` moved to the value, in one edit of the
//! goal's block. Values are written as typed: `1650`, not `1650.0`.

use chrono::NaiveDate;

use super::block::{append, append_table, merge_insertions, rewrite, set_key};
use super::goal_block::GoalBlock;
use super::{BlockEdit, EditError, Number, quoted};
use crate::model::{GoalIx, Workspace};
use crate::schema::is_header;

/// A value as the team would type it: `1650`, `3.4` (see [`Number::literal`]).
fn float(v: f64) -> String {
    Number(v).literal()
}

/// Record a check-in on a key result: appended to its `checkins` with today's date, and
/// `current` set to the value.
pub fn checkin(
    ws: &Workspace,
    goal: GoalIx,
    key_result: usize,
    value: f64,
    confidence: Option<f64>,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<BlockEdit, EditError> {
    let rejected = |why: &str| EditError::Rejected {
        why: why.to_string(),
    };
    if !value.is_finite() {
        return Err(rejected("the value must be a number"));
    }
    if confidence.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
        return Err(rejected("confidence must be between 0 and 1"));
    }
    let g = &ws.goals[goal];
    let kr = &g.key_results[key_result];
    let goal_block = GoalBlock::read(ws, goal, Some(key_result))?;
    let block = goal_block.text;
    let table = goal_block.table()?;
    let mut pairs = vec![
        format!("date = {today}"),
        format!("value = {}", float(value)),
    ];
    if let Some(c) = confidence {
        pairs.push(format!("confidence = {}", float(c)));
    }
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        pairs.push(format!("note = {}", quoted(n)));
    }
    let added = match table.table.get("checkins") {
        // Check-ins written as `[[goals.key_results.checkins]]` tables: one more of those.
        Some(v) if is_header(v, block) => append_table(v, block, &pairs).map(|s| vec![s]),
        _ => append(
            &table,
            block,
            "checkins",
            &format!("{{ {} }}", pairs.join(", ")),
        ),
    }
    .ok_or_else(|| rejected("\"checkins\" of the key result is not an array"))?;
    let current = set_key(&table, block, "current", &float(value));
    let mut splices = vec![current];
    splices.extend(added);
    let new = rewrite(block, merge_insertions(splices));
    Ok(goal_block.replaced_by(
        new,
        format!("checked in {}/{} at {}", g.id, kr.id, float(value)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::edit::test_support::*;
    use crate::load::load_text;

    #[test]
    fn a_checkin_appends_and_moves_current() {
        let mut ws = load_text(DEMO);
        let g = ws.goal_by_id("retention").unwrap();
        let k = ws.goals[g]
            .key_results
            .iter()
            .position(|k| k.id == "kr1")
            .unwrap();
        let n = ws.goals[g].key_results[k].checkins.len();
        let edit = checkin(
            &ws,
            g,
            k,
            3.4,
            Some(0.6),
            Some("win-back emails live"),
            today(),
        )
        .unwrap();
        apply(&mut ws, &edit).unwrap();
        let kr = &ws.goals[g].key_results[k];
        assert_eq!(kr.checkins.len(), n + 1);
        assert_eq!(kr.current, 3.4);
        assert_eq!(
            kr.latest_checkin().unwrap().note.as_deref(),
            Some("win-back emails live")
        );
        apply(&mut ws, &edit.inverse()).unwrap();
        assert_eq!(ws.files[0].text, DEMO);
        let after = round_trip(&mut ws, edit);
        assert!(after.contains(
            "{ date = 2026-11-25, value = 3.4, confidence = 0.6, note = \"win-back emails live\" }"
        ));
    }

    #[test]
    fn a_first_checkin_creates_the_array() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"t\"\n";
        let mut ws = load_text(text);
        let after = {
            let e = checkin(&ws, GoalIx(0), 0, 4.0, None, None, today()).unwrap();
            round_trip(&mut ws, e)
        };
        assert!(
            after.contains("  current = 4\n  checkins = [{ date = 2026-11-25, value = 4 }]\n"),
            "{after}"
        );
    }

    #[test]
    fn a_checkin_into_a_multi_line_array_is_one_new_line() {
        let kr = |checkins: &str| {
            format!(
                "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n  [[goals.key_results]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n  current = 3\n  checkins = [\n{checkins}  ]\n"
            )
        };
        let cases = [
            // A comment after the last check-in stays on its line.
            (
                "    { date = 2026-11-01, value = 2 },\n    { date = 2026-11-10, value = 3 },  # pilot\n",
                "    { date = 2026-11-01, value = 2 },\n    { date = 2026-11-10, value = 3 },  # pilot\n    { date = 2026-11-25, value = 4 },\n",
            ),
            // One check-in, no trailing comma: a comma after it, none after the new one.
            (
                "    { date = 2026-11-10, value = 3 }\n",
                "    { date = 2026-11-10, value = 3 },\n    { date = 2026-11-25, value = 4 }\n",
            ),
        ];
        for (before, after_lines) in cases {
            let text = kr(before);
            let mut ws = load_text(&text);
            let after = {
                let e = checkin(&ws, GoalIx(0), 0, 4.0, None, None, today()).unwrap();
                round_trip(&mut ws, e)
            };
            assert_eq!(after, kr(after_lines).replace("current = 3", "current = 4"));
            assert_eq!(after.lines().count(), text.lines().count() + 1);
        }
    }
}
