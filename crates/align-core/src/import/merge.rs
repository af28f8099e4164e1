//! One imported task set against the task it updates (or the one it becomes): which of
//! the keys the tool owns must change, and the change written into that task's own
//! block with `toml_edit`, so its comments, spacing and every key the team owns stay.

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

use super::Incoming;
use crate::edit::eol_at;
use crate::model::{LinkRef, Task, TaskStatus};

/// One change to one key of a task.
#[derive(Debug, Clone)]
pub(super) enum Op {
    Set(&'static str, Value),
    Remove(&'static str),
    /// Add a link to `goals`.
    Link(String),
}

impl Op {
    pub(super) fn key(&self) -> &'static str {
        match self {
            Op::Set(k, _) | Op::Remove(k) => k,
            Op::Link(_) => "goals",
        }
    }
}

fn date_value(d: NaiveDate) -> Value {
    use chrono::Datelike;
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

fn strings_value(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect::<Array>())
}

/// A task already linked to `link` — or, for a goal, to one of its key results — needs
/// no new link.
fn has_link(task: &Task, link: &str) -> bool {
    let link = LinkRef::parse(link);
    task.goals
        .iter()
        .any(|g| *g == link || (link.key_result.is_none() && g.serves(&link.goal)))
}

/// The finish date a task should carry after the import.
fn done_date(inc: &Incoming, existing: Option<&Task>, today: NaiveDate) -> Option<NaiveDate> {
    if inc.status != TaskStatus::Done {
        return None;
    }
    inc.done.or(existing.and_then(|t| t.done)).or(Some(today))
}

/// What must change in `task` (or, with `None`, be written for a new one) to match `inc`.
pub(super) fn ops(inc: &Incoming, task: Option<&Task>, today: NaiveDate) -> Vec<Op> {
    let mut ops = Vec::new();
    let done = done_date(inc, task, today);
    if let Some(t) = task {
        if t.title != inc.title {
            ops.push(Op::Set("title", Value::from(inc.title.as_str())));
        }
        let kept = inc.open_only && inc.status.is_open() && t.status.is_open();
        if t.status != inc.status && !kept {
            ops.push(Op::Set("status", Value::from(inc.status.as_str())));
        }
        if let Some(l) = inc.link.as_deref().filter(|l| !has_link(t, l)) {
            ops.push(Op::Link(l.to_string()));
        }
        if let Some(i) = inc.impact.filter(|&i| t.impact != Some(i)) {
            ops.push(Op::Set("impact", Value::from(i64::from(i))));
        }
        if let Some(due) = inc.due.filter(|&d| d != t.due) {
            ops.push(due.map_or(Op::Remove("due"), |d| Op::Set("due", date_value(d))));
        }
        if t.done != done {
            ops.push(done.map_or(Op::Remove("done"), |d| Op::Set("done", date_value(d))));
        }
        if let Some(owner) = inc.owner.as_ref().filter(|&o| t.owner.as_ref() != Some(o)) {
            ops.push(Op::Set("owner", Value::from(owner.as_str())));
        }
        if let Some(tags) = inc.tags.as_ref().filter(|&tags| t.tags != *tags) {
            ops.push(if tags.is_empty() {
                Op::Remove("tags")
            } else {
                Op::Set("tags", strings_value(tags))
            });
        }
    } else {
        ops.push(Op::Set("title", Value::from(inc.title.as_str())));
        ops.push(Op::Set("status", Value::from(inc.status.as_str())));
        if let Some(l) = &inc.link {
            ops.push(Op::Link(l.clone()));
        }
        if let Some(i) = inc.impact {
            ops.push(Op::Set("impact", Value::from(i64::from(i))));
        }
        if let Some(Some(d)) = inc.due {
            ops.push(Op::Set("due", date_value(d)));
        }
        if let Some(d) = done {
            ops.push(Op::Set("done", date_value(d)));
        }
        if let Some(o) = &inc.owner {
            ops.push(Op::Set("owner", Value::from(o.as_str())));
        }
        if let Some(tags) = inc.tags.as_ref().filter(|t| !t.is_empty()) {
            ops.push(Op::Set("tags", strings_value(tags)));
        }
        ops.push(Op::Set("source", Value::from(inc.source.as_str())));
    }
    ops
}

/// Apply `ops` to a task table, keeping every other key, comment and the decoration
/// (spacing, trailing comment) of the values it replaces.
fn apply_ops(table: &mut dyn TableLike, inline: bool, ops: &[Op]) -> Result<(), String> {
    for op in ops {
        match op {
            Op::Set(key, value) => match table.get_mut(key) {
                Some(Item::Value(Value::Array(old))) if value.is_array() => {
                    let new = value.as_array().expect("checked");
                    *old = rearrange(old, new);
                }
                Some(Item::Value(old)) => {
                    let decor = old.decor().clone();
                    *old = value.clone();
                    *old.decor_mut() = decor;
                }
                Some(_) => return Err(format!("\"{key}\" is not a plain value")),
                None => append(table, inline, key, value.clone()),
            },
            Op::Remove(key) => {
                table.remove(key);
            }
            Op::Link(link) => match table.get_mut("goals") {
                Some(Item::Value(Value::Array(a))) => a.push(link.as_str()),
                Some(_) => return Err("\"goals\" is not an array".to_string()),
                None => append(
                    table,
                    inline,
                    "goals",
                    strings_value(std::slice::from_ref(link)),
                ),
            },
        }
    }
    Ok(())
}

/// `old` holding `new`'s elements in `new`'s order: an element both have keeps its own
/// spacing and the comments before it; a comment before a dropped element passes to the
/// one after it; a new element is laid out as the last one was (on its own line in a
/// multi-line array); what closes the array (its trailing comma and comment) stays.
fn rearrange(old: &Array, new: &Array) -> Array {
    let prefix = |v: &Value| {
        v.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string()
    };
    // Which old element each new one is (the first unused equal one).
    let mut reused = vec![false; old.len()];
    let sources: Vec<Option<usize>> = (new.iter())
        .map(|n| {
            let j = (old.iter().enumerate())
                .position(|(j, v)| !reused[j] && v.as_str() == n.as_str())?;
            reused[j] = true;
            Some(j)
        })
        .collect();
    // A comment before a dropped element goes to the next element that stays, else to
    // the first new one, else before the closing bracket.
    let mut comments = vec![String::new(); old.len()];
    let mut pending = String::new();
    for (j, v) in old.iter().enumerate() {
        if reused[j] {
            comments[j] = std::mem::take(&mut pending);
        } else if prefix(v).contains('#') {
            pending.push_str(prefix(v).trim_end_matches([' ', '\t']));
        }
    }
    let with_comment = |comment: &str, own: &str| {
        if comment.is_empty() {
            return own.to_string();
        }
        let own_line = own.trim_start_matches([' ', '\t']);
        format!(
            "{comment}{}",
            own_line.strip_prefix('\n').unwrap_or(own_line)
        )
    };
    // How a new element is laid out: as the last one was, on its own line in a
    // multi-line array, else after one space.
    let layout = match old.iter().last().map(&prefix) {
        Some(p) if p.contains('\n') => format!("\n{}", &p[p.rfind('\n').expect("has one") + 1..]),
        _ => " ".to_string(),
    };
    let mut out = Array::new();
    for (n, source) in new.iter().zip(sources) {
        let v = if let Some(j) = source {
            let mut v = old.get(j).expect("an index of old").clone();
            let p = with_comment(&comments[j], &prefix(&v));
            v.decor_mut().set_prefix(p);
            v
        } else {
            let mut v = n.clone();
            v.decor_mut().clear();
            let own = if out.is_empty() {
                layout.trim_start_matches(' ').to_string()
            } else {
                layout.clone()
            };
            v.decor_mut()
                .set_prefix(with_comment(&std::mem::take(&mut pending), &own));
            v
        };
        out.push_formatted(v);
    }
    // Elements of a one-line array that changed places take the places' spacing.
    let first = old.get(0).map(&prefix).unwrap_or_default();
    for (i, v) in out.iter_mut().enumerate() {
        let p = prefix(v);
        if p.contains(['\n', '#']) {
            continue;
        }
        if i == 0 && !first.contains(['\n', '#']) {
            v.decor_mut().set_prefix(first.clone());
        } else if i > 0 && p.is_empty() {
            v.decor_mut().set_prefix(layout.clone());
        }
    }
    let trailing = old.trailing().as_str().unwrap_or("");
    out.set_trailing(with_comment(&pending, trailing));
    out.set_trailing_comma(old.trailing_comma() && !out.is_empty());
    *out.decor_mut() = old.decor().clone();
    out
}

/// The spacing before the last key of a block (`\t` in a tab-indented one), for a key
/// appended after it.
fn indentation(table: &dyn TableLike) -> Option<String> {
    let (last, _) = table.iter().last()?;
    let prefix = table.key(last)?.leaf_decor().prefix()?.as_str()?;
    let indent = prefix.rsplit('\n').next().unwrap_or(prefix);
    (!indent.is_empty() && indent.chars().all(|c| c == ' ' || c == '\t'))
        .then(|| indent.to_string())
}

/// A new key after the last one, indented as that one is. In an inline table the space
/// before `}` moves along, so `{ a = 1 }` becomes `{ a = 1, b = 2 }`.
fn append(table: &mut dyn TableLike, inline: bool, key: &str, mut value: Value) {
    if !inline {
        let indent = indentation(table);
        table.insert(key, Item::Value(value));
        if let Some(indent) = indent
            && let Some(mut k) = table.key_mut(key)
        {
            k.leaf_decor_mut().set_prefix(indent);
        }
        return;
    }
    let last = table
        .iter_mut()
        .last()
        .and_then(|(_, item)| item.as_value_mut().map(toml_edit::Value::decor_mut));
    if let Some(decor) = last {
        let suffix = decor.suffix().cloned();
        decor.set_suffix("");
        value.decor_mut().set_prefix(" ");
        if let Some(s) = suffix {
            value.decor_mut().set_suffix(s);
        }
    }
    table.insert(key, Item::Value(value));
}

/// A new task's `[[tasks]]` table with the keys `ops` set (in their order; a link makes
/// the `goals` array), as [`rewrite_block`] writes them into an empty table — written
/// here directly, without a document per task, as one import may add thousands.
pub(super) fn new_block(ops: &[Op], nl: &str) -> String {
    let mut out = format!("[[tasks]]{nl}");
    let links: Vec<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Link(l) => Some(l.as_str()),
            _ => None,
        })
        .collect();
    let mut goals_written = false;
    for op in ops {
        let (key, value) = match op {
            Op::Set(key, value) => (*key, value.to_string()),
            Op::Link(_) if goals_written => continue,
            Op::Link(_) => {
                goals_written = true;
                ("goals", strings_value_of(&links).to_string())
            }
            // A new table has nothing to remove.
            Op::Remove(_) => continue,
        };
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&value);
        out.push_str(nl);
    }
    out
}

fn strings_value_of(items: &[&str]) -> Value {
    Value::Array(items.iter().copied().collect::<Array>())
}

/// The block of one task (`[[tasks]]` to the next table, or an inline `{ … }`) with
/// `ops` applied. Refuses a block `toml_edit` would not give back byte for byte.
pub(super) fn rewrite_block(block: &str, inline: bool, ops: &[Op]) -> Result<String, String> {
    // toml_edit writes new lines with "\n": edit a CRLF block as LF, then back.
    let crlf = eol_at(block, 0) == "\r\n";
    let lf;
    let block = if crlf {
        lf = block.replace("\r\n", "\n");
        lf.as_str()
    } else {
        block
    };
    let out = if inline {
        let mut v: Value = block
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        if v.to_string() != block {
            return Err("its inline table cannot be edited without reformatting it".to_string());
        }
        let t = v
            .as_inline_table_mut()
            .ok_or_else(|| "it is not a table".to_string())?;
        apply_ops(t, true, ops)?;
        v.to_string()
    } else {
        let mut doc: DocumentMut = block
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        if doc.to_string() != block {
            return Err("its table cannot be edited without reformatting it".to_string());
        }
        let table = doc
            .get_mut("tasks")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(0))
            .ok_or_else(|| "no [[tasks]] table found in its block".to_string())?;
        apply_ops(table, false, ops)?;
        doc.to_string()
    };
    Ok(if crlf { out.replace('\n', "\r\n") } else { out })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", " ", "\"", "'", "\\", "é", "🚚", "\u{7}", "\t", "#", "=", "[", "''",
                "\"\"\"",
            ]),
            0..10,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// The direct writing of a new task is the document's, byte for byte.
        #[test]
        fn a_new_block_is_what_the_document_writes(
            title in text(),
            link in prop::option::of(text()),
            tags in prop::option::of(prop::collection::vec(text(), 0..3)),
            owner in prop::option::of(text()),
            impact in prop::option::of(1u8..=5),
            due in prop::option::of((2020i32..2030, 1u32..=12, 1u32..=28)),
            done in any::<bool>(),
            crlf in any::<bool>(),
        ) {
            let inc = Incoming {
                source: format!("jira:{title}"),
                title: title.clone(),
                status: if done { TaskStatus::Done } else { TaskStatus::Todo },
                open_only: !done,
                done: None,
                tags,
                due: due.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                owner,
                impact,
                link,
                unmatched: None,
            };
            let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let mut ops = ops(&inc, None, today);
            ops.insert(0, Op::Set("id", Value::from("T-1")));
            let nl = if crlf { "\r\n" } else { "\n" };
            let expected = rewrite_block(&format!("[[tasks]]{nl}"), false, &ops).unwrap();
            prop_assert_eq!(new_block(&ops, nl), expected);
        }
    }

    fn tags(items: &[&str]) -> Vec<Op> {
        vec![Op::Set("tags", strings_value_of(items))]
    }

    #[test]
    fn rewriting_tags_keeps_the_comments_inside_the_array() {
        let block = "[[tasks]]\nid = \"T-1\"\ntags = [\n  \"billing\", # the dunning epic\n  # kept for the board\n  \"ops\",\n] # imported\n";
        // A tag added: the others and their comments stay, the new one on its own line.
        assert_eq!(
            rewrite_block(block, false, &tags(&["billing", "ops", "q4"])).unwrap(),
            "[[tasks]]\nid = \"T-1\"\ntags = [\n  \"billing\", # the dunning epic\n  # kept for the board\n  \"ops\",\n  \"q4\",\n] # imported\n"
        );
        // A tag dropped: the comment before it passes to the element after it.
        assert_eq!(
            rewrite_block(block, false, &tags(&["billing", "q4"])).unwrap(),
            "[[tasks]]\nid = \"T-1\"\ntags = [\n  \"billing\", # the dunning epic\n  # kept for the board\n  \"q4\",\n] # imported\n"
        );
        // One line stays one line, in the new order, spaced as before.
        assert_eq!(
            rewrite_block(
                "[[tasks]]\ntags = [\"a\"]\n",
                false,
                &tags(&["b", "a", "c"])
            )
            .unwrap(),
            "[[tasks]]\ntags = [\"b\", \"a\", \"c\"]\n"
        );
        assert_eq!(
            rewrite_block("[[tasks]]\ntags = []\n", false, &tags(&["a", "b"])).unwrap(),
            "[[tasks]]\ntags = [\"a\", \"b\"]\n"
        );
        assert_eq!(
            rewrite_block(
                "[[tasks]]\ntags = [\"a\", \"b\"] # two\n",
                false,
                &tags(&["b", "c"])
            )
            .unwrap(),
            "[[tasks]]\ntags = [\"b\", \"c\"] # two\n"
        );
    }

    #[test]
    fn a_key_added_to_a_tab_indented_block_is_indented_with_a_tab() {
        let block = "[[tasks]]\n\tid = \"T-1\"\n\ttitle = \"Dunning\"\n";
        let ops = [
            Op::Set("owner", Value::from("sam")),
            Op::Link("retention".into()),
        ];
        assert_eq!(
            rewrite_block(block, false, &ops).unwrap(),
            "[[tasks]]\n\tid = \"T-1\"\n\ttitle = \"Dunning\"\n\towner = \"sam\"\n\tgoals = [\"retention\"]\n"
        );
        // Unindented blocks stay unindented.
        assert_eq!(
            rewrite_block("[[tasks]]\nid = \"T-1\"\n", false, &ops).unwrap(),
            "[[tasks]]\nid = \"T-1\"\nowner = \"sam\"\ngoals = [\"retention\"]\n"
        );
    }
}
