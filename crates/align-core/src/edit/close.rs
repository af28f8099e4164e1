//! Closing a quarter: a goal graded and closed — `grade` (0.0..1.0, as Google grades
//! OKRs), `review`, `status` achieved or missed — in its own block, every other byte kept;
//! and, rolled over, its copy for the next cycle written after it (a new id, starting at
//! the old due date, each key result starting where it stands now) with the open tasks'
//! links moved to the copy. Done work keeps its links to the closed goal, and so its
//! credit. One edit, so one undo takes it all back.

use chrono::NaiveDate;

use super::block::{merge_insertions, rewrite, set_key};
use super::goal_block::GoalBlock;
use super::new_task::blank_line_before;
use super::text::{elements, eol_at, line_start, quoted};
use super::{Batch, BlockEdit, Edit, EditError, Splice, Subject};
use crate::model::{GoalIx, GoalStatus, LinkRef, Workspace};

/// How a goal is closed.
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    /// 0.0..1.0.
    pub grade: f64,
    pub review: Option<String>,
    /// `Achieved` or `Missed`.
    pub status: GoalStatus,
    /// The due date of a copy for the next cycle, when the goal rolls over.
    pub roll_over: Option<NaiveDate>,
}

/// What closing did besides the goal itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// The copy's id, when the goal rolled over.
    pub copy: Option<String>,
    /// The open tasks whose links moved to the copy.
    pub moved: Vec<String>,
}

/// The grade a goal gets when none is given: its progress (the mean of its key results'),
/// to two decimals.
pub fn default_grade(progress: f64) -> f64 {
    (progress.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

fn rejected(why: impl Into<String>) -> EditError {
    EditError::Rejected { why: why.into() }
}

/// A number as a TOML literal, as short as it reads: `0.7`, `1.0`, `0.0`.
fn grade_literal(g: f64) -> String {
    format!("{g:?}")
}

/// Close goal `goal` as `closing` says.
pub fn close_goal(
    ws: &Workspace,
    goal: GoalIx,
    closing: &Closing,
    today: NaiveDate,
) -> Result<(Edit, Closed), EditError> {
    let g = &ws.goals[goal];
    if g.status != GoalStatus::Active {
        return Err(rejected(format!(
            "goal {:?} is {} already: only an active goal is closed",
            g.id, g.status
        )));
    }
    if !(0.0..=1.0).contains(&closing.grade) || !closing.grade.is_finite() {
        return Err(rejected(format!(
            "a grade runs from 0.0 to 1.0 (0.6 to 0.7 is a good result for a stretch goal), not {}",
            closing.grade
        )));
    }
    if !matches!(closing.status, GoalStatus::Achieved | GoalStatus::Missed) {
        return Err(rejected("a goal is closed as achieved or missed"));
    }
    let goal_block = GoalBlock::read(ws, goal, None)?;
    let (file, range) = (g.origin.file, g.block.clone());
    let block = goal_block.text;
    let table = goal_block.table()?;
    let mut splices = vec![
        set_key(&table, block, "status", &quoted(closing.status.as_str())),
        set_key(&table, block, "grade", &grade_literal(closing.grade)),
    ];
    if let Some(review) = closing
        .review
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        splices.push(set_key(&table, block, "review", &quoted(review)));
    }
    let mut closed_block = rewrite(block, merge_insertions(splices));
    let label = format!(
        "closed {} as {} (grade {})",
        g.id,
        closing.status,
        grade_literal(closing.grade)
    );
    let Some(due) = closing.roll_over else {
        let edit = goal_block.replaced_by(closed_block, label);
        return Ok((
            Edit::Block(edit),
            Closed {
                copy: None,
                moved: Vec::new(),
            },
        ));
    };
    if table.inline {
        return Err(rejected(format!(
            "goal {:?} is written inline (goals = [ {{ … }} ]); a copy for the next cycle is added as a [[goals]] table, which cannot follow it",
            g.id
        )));
    }
    let start = g.due.unwrap_or(today);
    if due <= start {
        return Err(rejected(format!(
            "the next cycle starts at {start} (the goal's due date): its due date must come after that, not {due}"
        )));
    }
    let copy = next_id(ws, &g.id);
    let text = &ws.files[file].text;
    let nl = eol_at(text, range.start);
    closed_block.push_str(&blank_line_before(&closed_block, nl));
    closed_block.push_str(&copy_text(ws, goal, &copy, start, due, nl, block));
    if range.end < text.len() && !closed_block.ends_with(&format!("{nl}{nl}")) {
        // A table follows: keep a blank line before it.
        closed_block.push_str(nl);
    }
    let mut edits = vec![goal_block.replaced_by(closed_block, label)];
    let mut moved = Vec::new();
    for (ti, t) in ws.tasks_ix() {
        if !t.status.is_open() || !t.goals.iter().any(|l| l.serves(&g.id)) {
            continue;
        }
        let Some(span) = t.layout.goals_value.clone() else {
            continue;
        };
        let ftext = &ws.files[t.origin.file].text;
        let elems =
            elements(ftext, &span).ok_or_else(|| EditError::Unreadable { task: t.id.clone() })?;
        let mut array = ftext[span.clone()].to_string();
        // From the last, so earlier places stay where they are.
        for (written, at) in elems.iter().rev() {
            let link = LinkRef::parse(written);
            if link.serves(&g.id) {
                let renamed = LinkRef {
                    goal: copy.clone(),
                    key_result: link.key_result.clone(),
                };
                array.replace_range(
                    at.start - span.start..at.end - span.start,
                    &quoted(&renamed.to_string()),
                );
            }
        }
        edits.push(BlockEdit {
            splice: Splice {
                file: t.origin.file,
                at: span.start,
                removed: ftext[span.clone()].to_string(),
                inserted: array,
            },
            subject: Subject::Task(ti),
            label: format!("moved {} to {copy}", t.id),
        });
        moved.push(t.id.clone());
    }
    Ok((
        Edit::Batch(Batch::new(edits)?),
        Closed {
            copy: Some(copy),
            moved,
        },
    ))
}

/// The id of a goal's copy for the next cycle: its id with a number after it (`growth-2`;
/// `growth-2` becomes `growth-3`), the first that no goal has.
pub fn next_id(ws: &Workspace, id: &str) -> String {
    let (stem, n) = match id.rsplit_once('-') {
        Some((stem, n)) if !stem.is_empty() && n.parse::<u32>().is_ok() => {
            (stem, n.parse::<u32>().unwrap_or(1))
        }
        _ => (id, 1),
    };
    (n + 1..)
        .map(|k| format!("{stem}-{k}"))
        .find(|candidate| ws.goal_by_id(candidate).is_none())
        .unwrap_or_else(|| format!("{id}-next"))
}

/// The text of goal `goal`'s copy for the next cycle, as `[[goals]]` with its key results
/// as `[[goals.key_results]]`, indented as the goal's own block indents them.
fn copy_text(
    ws: &Workspace,
    goal: GoalIx,
    id: &str,
    start: NaiveDate,
    due: NaiveDate,
    nl: &str,
    block: &str,
) -> String {
    let g = &ws.goals[goal];
    // How the goal's block indents its key results' headers and keys.
    let kr_indent = block
        .find("[[goals.key_results]]")
        .map(|at| block[line_start(block, at)..at].to_string())
        .unwrap_or_else(|| "  ".to_string());
    let mut out = format!("[[goals]]{nl}");
    let mut key = |k: &str, v: String| out.push_str(&format!("{k} = {v}{nl}"));
    key("id", quoted(id));
    key("title", quoted(&g.title));
    if g.kind != crate::model::GoalKind::Objective {
        key("kind", quoted(g.kind.as_str()));
    }
    if let Some(p) = &g.parent {
        key("parent", quoted(p));
    }
    key("weight", g.weight.to_string());
    if let Some(h) = g.horizon {
        key("horizon", quoted(h.as_str()));
    }
    key("start", start.to_string());
    key("due", due.to_string());
    key("status", quoted("active"));
    if let Some(o) = &g.owner {
        key("owner", quoted(o));
    }
    for k in &g.key_results {
        out.push_str(&format!("{nl}{kr_indent}[[goals.key_results]]{nl}"));
        let mut key = |name: &str, v: String| out.push_str(&format!("{kr_indent}{name} = {v}{nl}"));
        key("id", quoted(&k.id));
        key("title", quoted(&k.title));
        if let Some(o) = &k.owner {
            key("owner", quoted(o));
        }
        if let Some(u) = &k.unit {
            key("unit", quoted(u));
        }
        key("start", number(k.current));
        key("target", number(k.target));
    }
    out
}

/// A number as a TOML literal: an integer when it is a whole number that fits, else a
/// float.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    const Q4: &str = "version = 1\n\n[[goals]]\nid = \"retention\"\ntitle = \"Keep shops\"\nweight = 4\nstart = 2026-10-01\ndue = 2026-12-31   # end of Q4\nowner = \"dana\"\n\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Churn to 2%\"\n  unit = \"%\"\n  start = 4\n  target = 2\n  checkins = [{ date = 2026-11-15, value = 3 }]\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Done\"\nstatus = \"done\"\ngoals = [\"retention/kr1\"]\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"Open\"\ngoals = [\"retention\", \"retention/kr1\"]   # both\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
    }

    #[test]
    fn closing_writes_only_the_goals_block_and_undoes_exactly() {
        let ws = load_text(Q4);
        let g = ws.goal_by_id("retention").unwrap();
        let closing = Closing {
            grade: 0.5,
            review: Some("dunning helped; win-back did not".to_string()),
            status: GoalStatus::Missed,
            roll_over: None,
        };
        let (edit, closed) = close_goal(&ws, g, &closing, today()).unwrap();
        assert_eq!(
            closed,
            Closed {
                copy: None,
                moved: vec![]
            }
        );
        let mut after = ws.clone();
        edit.apply(&mut after).unwrap();
        let text = &after.files[0].text;
        assert!(text.starts_with("version = 1\n\n[[goals]]\nid = \"retention\"\ntitle = \"Keep shops\"\nweight = 4\nstart = 2026-10-01\ndue = 2026-12-31   # end of Q4\nowner = \"dana\"\nstatus = \"missed\"\ngrade = 0.5\nreview = \"dunning helped; win-back did not\"\n\n  [[goals.key_results]]"), "{text}");
        assert!(text.ends_with(&Q4[Q4.find("  [[goals.key_results]]").unwrap()..]));
        let fresh = load_text(text);
        assert_eq!(fresh.goals[0].grade, Some(0.5));
        assert_eq!(fresh.goals[0].status, GoalStatus::Missed);
        edit.inverse().apply(&mut after).unwrap();
        assert_eq!(after.files[0].text, Q4);
        // A closed goal is not closed again.
        let err = close_goal(&fresh, GoalIx(0), &closing, today()).unwrap_err();
        assert!(err.to_string().contains("is missed already"), "{err}");
    }

    #[test]
    fn rolling_over_writes_the_next_cycle_and_moves_only_open_work() {
        let ws = load_text(Q4);
        let g = ws.goal_by_id("retention").unwrap();
        let closing = Closing {
            grade: default_grade(0.5),
            review: None,
            status: GoalStatus::Achieved,
            roll_over: NaiveDate::from_ymd_opt(2027, 3, 31),
        };
        let (edit, closed) = close_goal(&ws, g, &closing, today()).unwrap();
        assert_eq!(closed.copy.as_deref(), Some("retention-2"));
        assert_eq!(closed.moved, ["T-2"]);
        let mut after = ws.clone();
        edit.apply(&mut after).unwrap();
        let text = after.files[0].text.clone();
        assert!(
            text.contains(
                "status = \"achieved\"\ngrade = 0.5\n\n  [[goals.key_results]]\n  id = \"kr1\""
            ),
            "{text}"
        );
        assert!(text.contains("\n[[goals]]\nid = \"retention-2\"\ntitle = \"Keep shops\"\nweight = 4\nstart = 2026-12-31\ndue = 2027-03-31\nstatus = \"active\"\nowner = \"dana\"\n\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Churn to 2%\"\n  unit = \"%\"\n  start = 3\n  target = 2\n\n[[tasks]]"), "{text}");
        // The done task keeps its link (and its credit); the open one moved, comment kept.
        assert!(
            text.contains("status = \"done\"\ngoals = [\"retention/kr1\"]\n"),
            "{text}"
        );
        assert!(
            text.contains("goals = [\"retention-2\", \"retention-2/kr1\"]   # both\n"),
            "{text}"
        );
        let fresh = load_text(&text);
        assert_eq!(fresh.goals.len(), 2);
        edit.inverse().apply(&mut after).unwrap();
        assert_eq!(after.files[0].text, Q4);
        // The next cycle must end after it starts.
        let early = Closing {
            roll_over: NaiveDate::from_ymd_opt(2026, 12, 1),
            ..closing
        };
        assert!(
            close_goal(&ws, g, &early, today())
                .unwrap_err()
                .to_string()
                .contains("must come after")
        );
    }

    #[test]
    fn a_copy_takes_the_next_free_number() {
        let ws = load_text(
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n[[goals]]\nid = \"g-2\"\ntitle = \"G\"\n[[goals]]\nid = \"h-7\"\ntitle = \"H\"\n",
        );
        assert_eq!(next_id(&ws, "g"), "g-3");
        assert_eq!(next_id(&ws, "h-7"), "h-8");
        assert_eq!(next_id(&ws, "g-2"), "g-3");
    }
}
