//! A new goal or a new key result, as the board's add forms ask for them: the goal as a
//! `[[goals]]` table after the last goal of its file (before the tasks when the file has
//! no goal yet), the key result at the end of its goal's block in the style the goal's
//! key results are already written (`[[goals.key_results]]` tables at their indentation,
//! or one more `{ … }` in an inline array). Ids follow the file's style: a key result's
//! id is scoped by its goal, so `kr1`, `kr2` under every objective; a goal's takes the
//! next number when the goals are numbered, else words of its title. Only the new lines
//! are written; one inverse takes them back byte for byte.

use chrono::NaiveDate;
use toml::de::DeValue;

use super::block::{append, append_table, last_value_end, rewrite};
use super::goal_block::GoalBlock;
use super::new_task::{Place, blank_line_before};
use super::{BlockEdit, EditError, Number, Subject, eol_at, line_start, quoted};
use crate::model::{FileIx, GoalIx, GoalKind, GoalStatus, Horizon, Workspace};
use crate::schema::{ID_HELP, is_header, valid_id};

fn rejected(why: impl Into<String>) -> EditError {
    EditError::Rejected { why: why.into() }
}

/// A goal to add, as the form gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewGoal {
    /// `None`: the next id in the file's style ([`next_goal_id`]).
    pub id: Option<String>,
    pub title: String,
    pub kind: GoalKind,
    /// 1..5.
    pub weight: u8,
    pub horizon: Option<Horizon>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    pub owner: Option<String>,
    pub parent: Option<String>,
    /// The file to write it in (default: [`default_goal_file`]).
    pub file: Option<FileIx>,
}

impl Default for NewGoal {
    fn default() -> Self {
        NewGoal {
            id: None,
            title: String::new(),
            kind: GoalKind::Objective,
            weight: 3,
            horizon: None,
            start: None,
            due: None,
            status: GoalStatus::Active,
            owner: None,
            parent: None,
            file: None,
        }
    }
}

/// A key result to add to a goal, as the form gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewKeyResult {
    /// `None`: the next id in the goal's style ([`next_key_result_id`]).
    pub id: Option<String>,
    pub title: String,
    pub start: Number,
    pub target: Number,
    pub unit: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

/// The file a new goal goes in: that of the team's last goal, else the one that holds
/// `[workspace]`, else the one new tasks go in.
pub fn default_goal_file(ws: &Workspace) -> FileIx {
    if let Some((_, g)) = ws.own_goals().last() {
        return g.origin.file;
    }
    ws.files
        .iter()
        .position(|f| {
            f.text
                .lines()
                .any(|l| l.trim_start().starts_with("[workspace]"))
        })
        .map_or_else(|| super::default_task_file(ws), FileIx)
}

/// Ids that end in a number, by prefix: how many, the highest number, the widest.
fn numbered<'a>(ids: impl Iterator<Item = &'a str>) -> Option<(String, usize, u64, usize)> {
    let mut styles: Vec<(String, usize, u64, usize)> = Vec::new();
    for id in ids {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 9 {
            continue;
        }
        let (prefix, n) = id.split_at(id.len() - digits);
        let Ok(n) = n.parse::<u64>() else { continue };
        match styles.iter_mut().find(|s| s.0 == prefix) {
            Some(s) => {
                s.1 += 1;
                s.2 = s.2.max(n);
                s.3 = s.3.max(digits);
            }
            None => styles.push((prefix.to_string(), 1, n, digits)),
        }
    }
    let mut best: Option<(String, usize, u64, usize)> = None;
    for s in styles {
        if best.as_ref().is_none_or(|b| s.1 > b.1) {
            best = Some(s);
        }
    }
    best
}

/// Up to three words of `title` as an id (`Raise SMB retention` → `raise-smb-retention`),
/// or `""` when it has no letters or digits to make one of.
fn words_of(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// `stem`, or `stem-2`, `stem-3`… : the first that `taken` does not hold.
fn free(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or_default()
}

/// The id a new goal titled `title` gets: when most of the team's goals are numbered
/// (`O1`, `O2`), the next number; else words of its title (`raise-smb-retention`), made
/// unique. `None` when the goals are not numbered and the title gives no word yet.
pub fn next_goal_id(ws: &Workspace, title: &str) -> Option<String> {
    let own: Vec<&str> = ws.own_goals().map(|(_, g)| g.id.as_str()).collect();
    let taken = |id: &str| ws.goal_by_id(id).is_some();
    if let Some((prefix, count, max, width)) = numbered(own.iter().copied())
        && count >= 2
        && count * 2 >= own.len()
    {
        return (max + 1..)
            .map(|n| format!("{prefix}{n:0width$}"))
            .find(|c| !taken(c));
    }
    let stem = words_of(title);
    (!stem.is_empty()).then(|| free(&stem, taken))
}

/// The id a new key result of goal `goal` gets, scoped by the goal: the next number in
/// the style of its key results (`kr3` after `kr1`, `kr2`); for a goal without numbered
/// key results, the style the workspace numbers them in from 1 (`kr1`; `kr1` too when no
/// goal has a key result yet), else words of its title. `None` when there is no style and
/// no title yet.
pub fn next_key_result_id(ws: &Workspace, goal: GoalIx, title: &str) -> Option<String> {
    let g = &ws.goals[goal];
    let taken = |id: &str| g.key_results.iter().any(|k| k.id == id);
    let fresh = |prefix: &str, from: u64, width: usize| {
        (from..)
            .map(|n| format!("{prefix}{n:0width$}"))
            .find(|c| !taken(c))
    };
    if let Some((prefix, _, max, width)) = numbered(g.key_results.iter().map(|k| k.id.as_str())) {
        return fresh(&prefix, max + 1, width);
    }
    if g.key_results.is_empty() {
        let all = ws
            .own_goals()
            .flat_map(|(_, g)| g.key_results.iter().map(|k| k.id.as_str()));
        let count = ws
            .own_goals()
            .map(|(_, g)| g.key_results.len())
            .sum::<usize>();
        if let Some((prefix, n, _, width)) = numbered(all)
            && n * 2 >= count
        {
            return fresh(&prefix, 1, width);
        }
        if count == 0 {
            // No style yet: as OKRs are written.
            return fresh("kr", 1, 1);
        }
    }
    let stem = words_of(title);
    (!stem.is_empty()).then(|| free(&stem, taken))
}

/// Check an id given by a person (or made up): its characters.
fn check_id(what: &str, id: &str) -> Result<(), EditError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(rejected(format!("{what} id {id:?}: {ID_HELP}")))
    }
}

/// Does the file write a top-level `key` that is not `[[key]]` tables (`goals = [ … ]`)?
fn inline_key(text: &str, key: &str) -> bool {
    toml::de::DeTable::parse(text)
        .is_ok_and(|doc| doc.get_ref().get(key).is_some_and(|v| !is_header(v, text)))
}

/// Where a line-oriented block's last line of content ends (after its line end): the
/// blank lines and comments after it belong to what follows.
fn content_end(text: &str, block: std::ops::Range<usize>) -> usize {
    let mut end = block.end;
    loop {
        let body = text[block.start..end].trim_end_matches(['\r', '\n']);
        let cut = block.start + body.len();
        let ls = line_start(text, cut).max(block.start);
        let line = text[ls..cut].trim();
        if ls > block.start && (line.is_empty() || line.starts_with('#')) {
            end = ls;
            continue;
        }
        // After the line end of the content line, when there is one.
        return match text[cut..block.end].find('\n') {
            Some(p) => cut + p + 1,
            None => cut,
        };
    }
}

/// The new goal `new`: the edit and its id.
pub fn add_goal(ws: &Workspace, new: &NewGoal) -> Result<(BlockEdit, String), EditError> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(rejected("a goal needs a title"));
    }
    if !(1..=5).contains(&new.weight) {
        return Err(rejected(format!(
            "weight {} is out of range: 1 to 5",
            new.weight
        )));
    }
    if let (Some(s), Some(d)) = (new.start, new.due)
        && d < s
    {
        return Err(rejected(format!("due {d} comes before start {s}")));
    }
    let id = match new.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => id.to_string(),
        None => next_goal_id(ws, title)
            .ok_or_else(|| rejected("give the goal an id: its title has no word to make one of"))?,
    };
    check_id("goal", &id)?;
    if ws.goal_by_id(&id).is_some() {
        return Err(rejected(format!(
            "there is a goal {id:?} already: goal ids are unique"
        )));
    }
    let parent = new
        .parent
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(p) = parent
        && ws.goal_by_id(p).is_none()
    {
        let hint = crate::diag::did_you_mean(p, ws.goals.iter().map(|g| g.id.as_str()))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return Err(rejected(format!("no goal {p:?} to be the parent{hint}")));
    }
    let file = new.file.unwrap_or_else(|| default_goal_file(ws));
    let Some(f) = ws.files.get(file.0) else {
        return Err(rejected("no such workspace file"));
    };
    let text = &f.text;
    let own: Vec<&crate::model::Goal> = ws
        .own_goals()
        .map(|(_, g)| g)
        .filter(|g| g.origin.file == file)
        .collect();
    let inline = own
        .iter()
        .any(|g| text.as_bytes().get(g.block.start) == Some(&b'{'))
        || (own.is_empty() && inline_key(text, "goals"));
    if inline {
        return Err(rejected(
            "this file writes its goals inline (goals = [ { … } ]); add the goal in your editor (E)",
        ));
    }
    let mut lines = vec![
        format!("id = {}", quoted(&id)),
        format!("title = {}", quoted(title)),
    ];
    if new.kind != GoalKind::Objective {
        lines.push(format!("kind = {}", quoted(new.kind.as_str())));
    }
    if let Some(p) = parent {
        lines.push(format!("parent = {}", quoted(p)));
    }
    lines.push(format!("weight = {}", new.weight));
    if let Some(h) = new.horizon {
        lines.push(format!("horizon = {}", quoted(h.as_str())));
    }
    if let Some(s) = new.start {
        lines.push(format!("start = {s}"));
    }
    if let Some(d) = new.due {
        lines.push(format!("due = {d}"));
    }
    lines.push(format!("status = {}", quoted(new.status.as_str())));
    if let Some(o) = new
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        lines.push(format!("owner = {}", quoted(o)));
    }
    // Tasks written inline (`tasks = [ { … } ]`) are a top-level key: a table put before
    // them would take them in, so a first goal then goes at the end of the file.
    let first_task = ws
        .tasks
        .iter()
        .filter(|t| t.origin.file == file && !t.layout.inline)
        .map(|t| t.layout.block.start)
        .min();
    let (at, lead, trail);
    if let Some(last) = own.iter().map(|g| g.block.clone()).max_by_key(|b| b.start) {
        // After the last goal's last line, before the blank lines and comments that
        // open what follows.
        at = content_end(text, last);
        lead = blank_line_before(&text[..at], eol_at(text, at.saturating_sub(1)));
        trail = "";
    } else if let Some(t) = first_task {
        // No goal in the file yet: before its tasks (and the comment lines over them).
        let mut start = line_start(text, t);
        while start > 0 {
            let prev = line_start(text, start - 1);
            if !text[prev..start].trim_start().starts_with('#') {
                break;
            }
            start = prev;
        }
        at = start;
        lead = String::new();
        trail = eol_at(text, at);
    } else {
        at = text.len();
        lead = blank_line_before(text, eol_at(text, at.saturating_sub(1)));
        trail = "";
    }
    let place = Place {
        file,
        at,
        lead,
        nl: eol_at(text, at.saturating_sub(1)),
        trail,
    };
    let edit = place.table(
        "goals",
        &lines,
        Subject::AddGoal,
        format!("added goal {id}"),
    );
    Ok((edit, id))
}

/// The new key result `new` of goal `goal`: the edit (of the goal's block) and its id.
pub fn add_key_result(
    ws: &Workspace,
    goal: GoalIx,
    new: &NewKeyResult,
) -> Result<(BlockEdit, String), EditError> {
    let goal_block = GoalBlock::read(ws, goal, None)?;
    let g = &ws.goals[goal];
    let title = new.title.trim();
    if title.is_empty() {
        return Err(rejected("a key result needs a title"));
    }
    if new.start.0 == new.target.0 {
        return Err(rejected(format!(
            "start and target are both {}: nothing would measure progress",
            new.start.literal()
        )));
    }
    let id = match new.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => id.to_string(),
        None => next_key_result_id(ws, goal, title).ok_or_else(|| {
            rejected("give the key result an id: its title has no word to make one of")
        })?,
    };
    check_id("key result", &id)?;
    if g.key_results.iter().any(|k| k.id == id) {
        return Err(rejected(format!(
            "goal {:?} has a key result {id:?} already: key-result ids are unique within their goal",
            g.id
        )));
    }
    let mut pairs = vec![
        format!("id = {}", quoted(&id)),
        format!("title = {}", quoted(title)),
    ];
    if let Some(o) = new
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        pairs.push(format!("owner = {}", quoted(o)));
    }
    if let Some(d) = new.due {
        pairs.push(format!("due = {d}"));
    }
    if let Some(u) = new.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        pairs.push(format!("unit = {}", quoted(u)));
    }
    pairs.push(format!("start = {}", new.start.literal()));
    pairs.push(format!("target = {}", new.target.literal()));

    let text = &ws.files[g.origin.file].text;
    let block = goal_block.text;
    let table = goal_block.table()?;
    let inline_element = || format!("{{ {} }}", pairs.join(", "));
    let splices = match table.table.get("key_results") {
        Some(v) if is_header(v, block) => vec![
            append_table(v, block, &pairs)
                .ok_or_else(|| rejected("the goal's key results could not be read"))?,
        ],
        Some(v) if matches!(v.get_ref(), DeValue::Array(_)) => {
            append(&table, block, "key_results", &inline_element())
                .ok_or_else(|| rejected("the goal's key results could not be read"))?
        }
        Some(_) => return Err(rejected("the goal's key_results is not a list")),
        None if table.inline => append(&table, block, "key_results", &inline_element())
            .ok_or_else(|| rejected("the goal could not be read"))?,
        None => {
            // The first: a `[[goals.key_results]]` table after the goal's last value, at
            // the indentation the file gives them elsewhere (else two spaces).
            let indent = text
                .find("[[goals.key_results]]")
                .map_or("  ", |at| &text[line_start(text, at)..at]);
            let indent = if indent.trim().is_empty() { indent } else { "" };
            let end = last_value_end(&table, block);
            let nl = eol_at(block, end);
            let at = block[end..].find('\n').map_or(block.len(), |p| end + p + 1);
            let mut t = String::new();
            if at == block.len() && !block.ends_with('\n') {
                t.push_str(nl);
            }
            t.push_str(nl);
            t.push_str(&format!("{indent}[[goals.key_results]]{nl}"));
            for p in &pairs {
                t.push_str(&format!("{indent}{p}{nl}"));
            }
            if at == block.len() && !block.ends_with('\n') {
                t.truncate(t.len() - nl.len());
            }
            vec![(at..at, t)]
        }
    };
    let inserted = rewrite(block, splices);
    let label = format!("added key result {}/{id}", g.id);
    Ok((goal_block.replaced_by(inserted, label), id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::load::load_text;

    /// OKRs as teams write them: `kr1`, `kr2` under every objective, a comment between.
    const TEAM: &str = "version = 1\n\n[[goals]]\nid = \"growth\"\ntitle = \"Grow\"\n\n[[goals]]\nid = \"retention\"\ntitle = \"Keep shops\"\nparent = \"growth\"\nweight = 4   # matters\n\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Churn\"\n  start = 4\n  target = 2\n\n  [[goals.key_results]]\n  id = \"kr2\"\n  title = \"NPS\"\n  start = 30\n  target = 50\n\n# ---- tasks ----\n\n[[tasks]]\nid = \"T-1\"\ntitle = \"Dunning\"\ngoals = [\"retention/kr1\"]\n";

    fn n(v: f64) -> Number {
        Number(v)
    }

    /// Apply, check the file loads with the new item, undo, check the bytes.
    fn applied(ws: &Workspace, edit: &BlockEdit) -> String {
        let mut after = ws.clone();
        apply(&mut after, edit).unwrap();
        let text = after.files[0].text.clone();
        let fresh = load_text(&text);
        assert_eq!(fresh.goals.len(), after.goals.len());
        assert_eq!(fresh.tasks.len(), after.tasks.len());
        for (a, b) in fresh.goals.iter().zip(&after.goals) {
            assert_eq!((&a.id, a.block.clone()), (&b.id, b.block.clone()));
            assert_eq!(a.key_results.len(), b.key_results.len());
        }
        Edit::Block(edit.clone())
            .inverse()
            .apply(&mut after)
            .unwrap();
        assert_eq!(
            after.files[0].text, ws.files[0].text,
            "undo gives the bytes back"
        );
        text
    }

    #[test]
    fn a_key_result_is_numbered_within_its_goal_and_written_as_its_siblings() {
        let ws = load_text(TEAM);
        let g = ws.goal_by_id("retention").unwrap();
        assert_eq!(next_key_result_id(&ws, g, "").as_deref(), Some("kr3"));
        // A goal without key results starts the workspace's style again at 1.
        let growth = ws.goal_by_id("growth").unwrap();
        assert_eq!(next_key_result_id(&ws, growth, "").as_deref(), Some("kr1"));
        let new = NewKeyResult {
            id: None,
            title: "Expansion revenue".to_string(),
            start: n(0.0),
            target: n(1.5),
            unit: Some("M€".to_string()),
            owner: Some("sam".to_string()),
            due: NaiveDate::from_ymd_opt(2026, 12, 31),
        };
        let (edit, id) = add_key_result(&ws, g, &new).unwrap();
        assert_eq!(id, "kr3");
        let text = applied(&ws, &edit);
        assert!(
            text.contains("  target = 50\n\n  [[goals.key_results]]\n  id = \"kr3\"\n  title = \"Expansion revenue\"\n  owner = \"sam\"\n  due = 2026-12-31\n  unit = \"M€\"\n  start = 0\n  target = 1.5\n\n# ---- tasks ----\n"),
            "{text}"
        );
        // Only lines were added: every old line is still there, in order.
        let mut new_lines = text.lines();
        assert!(TEAM.lines().all(|l| new_lines.any(|n| n == l)), "{text}");
        assert!(text.contains("weight = 4   # matters\n"));
        // The first key result of a goal: a table after the goal's last value.
        let (edit, id) = add_key_result(&ws, growth, &new).unwrap();
        assert_eq!(id, "kr1");
        let text = applied(&ws, &edit);
        assert!(
            text.contains("title = \"Grow\"\n\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Expansion revenue\"\n"),
            "{text}"
        );
        let fresh = load_text(&text);
        assert_eq!(fresh.goals[0].key_results[0].id, "kr1");
        assert_eq!(fresh.goals[1].key_results[0].id, "kr1");
    }

    #[test]
    fn a_key_result_is_refused_when_it_cannot_be_one() {
        let ws = load_text(TEAM);
        let g = ws.goal_by_id("retention").unwrap();
        let new = NewKeyResult {
            id: Some("kr2".to_string()),
            title: "Again".to_string(),
            start: n(1.0),
            target: n(2.0),
            unit: None,
            owner: None,
            due: None,
        };
        let err = add_key_result(&ws, g, &new).unwrap_err().to_string();
        assert!(err.contains("unique within their goal"), "{err}");
        let same = NewKeyResult {
            id: None,
            target: n(1.0),
            ..new.clone()
        };
        let err = add_key_result(&ws, g, &same).unwrap_err().to_string();
        assert!(err.contains("nothing would measure"), "{err}");
        let bad = NewKeyResult {
            id: Some("k r".to_string()),
            ..new
        };
        let err = add_key_result(&ws, g, &bad).unwrap_err().to_string();
        assert!(err.contains("letters, digits"), "{err}");
    }

    #[test]
    fn an_inline_key_results_array_gets_one_more_element() {
        let text = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nkey_results = [\n  { id = \"a\", title = \"A\", start = 0, target = 1 },\n]\n";
        let ws = load_text(text);
        let new = NewKeyResult {
            id: None,
            title: "Second one".to_string(),
            start: n(0.0),
            target: n(10.0),
            unit: None,
            owner: None,
            due: None,
        };
        let (edit, id) = add_key_result(&ws, GoalIx(0), &new).unwrap();
        assert_eq!(id, "second-one");
        let after = applied(&ws, &edit);
        assert!(after.ends_with("  { id = \"a\", title = \"A\", start = 0, target = 1 },\n  { id = \"second-one\", title = \"Second one\", start = 0, target = 10 },\n]\n"), "{after}");
        // An inline goal too.
        let ws = load_text("version = 1\ngoals = [{ id = \"g\", title = \"G\" }]\n");
        let (edit, _) = add_key_result(&ws, GoalIx(0), &new).unwrap();
        let after = applied(&ws, &edit);
        assert_eq!(load_text(&after).goals[0].key_results.len(), 1, "{after}");
    }

    #[test]
    fn a_goal_goes_after_the_last_goal_before_what_follows() {
        let ws = load_text(TEAM);
        assert_eq!(
            next_goal_id(&ws, "Win the mid-market!").as_deref(),
            Some("win-the-mid")
        );
        let new = NewGoal {
            title: "Win the mid-market".to_string(),
            kind: GoalKind::Objective,
            weight: 4,
            horizon: Some(Horizon::Year),
            start: NaiveDate::from_ymd_opt(2027, 1, 1),
            due: NaiveDate::from_ymd_opt(2027, 12, 31),
            owner: Some("dana".to_string()),
            parent: Some("growth".to_string()),
            ..NewGoal::default()
        };
        let (edit, id) = add_goal(&ws, &new).unwrap();
        assert_eq!(id, "win-the-mid");
        let text = applied(&ws, &edit);
        assert!(
            text.contains("  target = 50\n\n[[goals]]\nid = \"win-the-mid\"\ntitle = \"Win the mid-market\"\nparent = \"growth\"\nweight = 4\nhorizon = \"year\"\nstart = 2027-01-01\ndue = 2027-12-31\nstatus = \"active\"\nowner = \"dana\"\n\n# ---- tasks ----\n"),
            "{text}"
        );
        // The model follows: the new goal is there, links still resolve.
        let mut after = ws.clone();
        apply(&mut after, &edit).unwrap();
        assert!(after.goal_by_id("win-the-mid").is_some());
        assert!(after.resolve_link(&after.tasks[0].goals[0]).is_some());
        // Numbered goals get the next number.
        let numbered = load_text(
            "version = 1\n[[goals]]\nid = \"O1\"\ntitle = \"A\"\n[[goals]]\nid = \"O2\"\ntitle = \"B\"\n",
        );
        assert_eq!(next_goal_id(&numbered, "C").as_deref(), Some("O3"));
    }

    #[test]
    fn a_goal_is_refused_when_it_cannot_be_one() {
        let ws = load_text(TEAM);
        let base = NewGoal {
            title: "X".to_string(),
            ..NewGoal::default()
        };
        let taken = NewGoal {
            id: Some("growth".to_string()),
            ..base.clone()
        };
        assert!(
            add_goal(&ws, &taken)
                .unwrap_err()
                .to_string()
                .contains("already")
        );
        let orphan = NewGoal {
            parent: Some("growht".to_string()),
            ..base.clone()
        };
        let err = add_goal(&ws, &orphan).unwrap_err().to_string();
        assert!(err.contains("growth"), "{err}");
        let untitled = NewGoal {
            title: " ".to_string(),
            ..base.clone()
        };
        assert!(add_goal(&ws, &untitled).is_err());
        let backwards = NewGoal {
            start: NaiveDate::from_ymd_opt(2027, 1, 2),
            due: NaiveDate::from_ymd_opt(2027, 1, 1),
            ..base
        };
        assert!(
            add_goal(&ws, &backwards)
                .unwrap_err()
                .to_string()
                .contains("before")
        );
    }

    #[test]
    fn the_first_goal_of_a_file_goes_before_its_tasks() {
        let text = "version = 1\n\n# our work\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\n";
        let ws = load_text(text);
        let new = NewGoal {
            id: Some("g".to_string()),
            title: "G".to_string(),
            ..NewGoal::default()
        };
        let (edit, _) = add_goal(&ws, &new).unwrap();
        let after = applied(&ws, &edit);
        assert_eq!(
            after,
            "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nweight = 3\nstatus = \"active\"\n\n# our work\n[[tasks]]\nid = \"T-1\"\ntitle = \"A\"\n"
        );
        // Goals written inline are left to the editor.
        let inline = load_text("version = 1\ngoals = [{ id = \"a\", title = \"A\" }]\n");
        let err = add_goal(&inline, &new).unwrap_err().to_string();
        assert!(err.contains("inline"), "{err}");
    }

    /// A file whose tasks are written inline (`tasks = [ … ]`, a top-level key) gets its
    /// first goal at its end: a table before that key would take the tasks in.
    #[test]
    fn a_first_goal_goes_after_tasks_written_inline() {
        let text = "version = 1\n\n# our work\ntasks = [{ id = \"T-1\", title = \"Ship it\", effort = 2 }]\n";
        let ws = load_text(text);
        assert_eq!(ws.tasks.len(), 1);
        let new = NewGoal {
            title: "Ship faster".to_string(),
            ..NewGoal::default()
        };
        let (edit, _) = add_goal(&ws, &new).unwrap();
        let after = applied(&ws, &edit);
        assert!(after.starts_with(text), "{after}");
        let fresh = load_text(&after);
        assert_eq!((fresh.goals.len(), fresh.tasks.len()), (1, 1), "{after}");
    }
}
