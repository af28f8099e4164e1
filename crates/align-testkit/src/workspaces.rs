//! Random valid workspaces written in many styles, random edit sequences over them, and the
//! checker that runs a sequence and proves every promise of the write path after each step.
//!
//! Shared by `tests/edit_props.rs` (proptest) and `fuzz/fuzz_targets/edits.rs` (cargo-fuzz):
//! both drive the same generator with a stream of choices ([`Choices`]), so a failure found by
//! one can be replayed by the other, and both check exactly the same things.
//!
//! The workspaces vary everything a person might write: one file or a directory of two, LF or
//! CRLF, a final newline or not, `[[tasks]]` blocks or inline `tasks = [ { … } ]` (one line or,
//! TOML 1.1, several), keys in any order and indentation, comments between and after keys,
//! dotted keys and `[tasks.extra]` sub-tables, every style of `goals` array, titles in basic,
//! literal and multi-line strings with quotes, backslashes, `#` and non-ASCII, goals as
//! `[[goals]]` or inline, key results as `[[goals.key_results]]` or inline, and check-ins as an
//! inline array (empty, one line, one a line with comments) or as
//! `[[goals.key_results.checkins]]` tables.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use align_core::edit::EditError;
use align_core::edit::{self, BlockEdit, Edit, Subject};
use align_core::model::{FileIx, GoalIx, LinkRef, TaskIx, TaskStatus, Workspace};
use align_core::session::{Refused, SaveOutcome, Session};
use chrono::NaiveDate;

/// A source of choices: proptest's random vectors, or the fuzzer's bytes.
pub trait Choices {
    /// A number in `0..n` (`n >= 1`); 0 once the source runs out, so every stream is valid.
    fn below(&mut self, n: usize) -> usize;

    fn flag(&mut self) -> bool {
        self.below(2) == 1
    }

    /// True about once in `n` times.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Choices read from a list of numbers (proptest shrinks these towards 0 = the simplest).
pub struct Stream<'a> {
    pub numbers: &'a [u32],
    pub at: usize,
}

impl Choices for Stream<'_> {
    fn below(&mut self, n: usize) -> usize {
        let v = self.numbers.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        v as usize % n.max(1)
    }
}

/// One step of a session on the board or the command line. Indices are taken modulo what
/// exists when the step runs.
#[derive(Debug, Clone)]
pub enum Op {
    Link {
        task: usize,
        target: usize,
    },
    /// `target` picks among the task's own links (or any target when it has none).
    Unlink {
        task: usize,
        target: usize,
    },
    SetTitle {
        task: usize,
        title: String,
    },
    SetStatus {
        task: usize,
        status: usize,
    },
    AddTask {
        title: String,
    },
    Checkin {
        goal: usize,
        key_result: usize,
        value: f64,
        confidence: Option<f64>,
        note: Option<String>,
    },
    Undo,
    Redo,
}

/// A generated workspace: its files (path, text) and the session to run on it.
#[derive(Debug, Clone)]
pub struct Case {
    pub files: Vec<(PathBuf, String)>,
    pub ops: Vec<Op>,
}

pub const GOAL_IDS: &[&str] = &["alpha", "beta.x", "gamma_2", "delta-3"];
const KR_IDS: &[&str] = &["k1", "k-2", "k_3"];
const OWNERS: &[&str] = &["sam", "dana", "li"];

/// Characters titles and notes are made of: the ones quoting must get right.
const CHARS: &[&str] = &[
    "a", "b", "Z", "7", " ", " ", "\"", "\\", "'", "#", "é", "日", "😀", "\t", "\n", "=", "[", "]",
    "{", "}", ",", "\r", "\u{7f}", "\u{1}",
];

pub fn text(c: &mut impl Choices, max: usize) -> String {
    let n = c.below(max + 1);
    (0..n).map(|_| c.pick(CHARS)).collect()
}

/// A title that loads: anything, possibly all blanks.
fn title(c: &mut impl Choices) -> String {
    let mut t = text(c, 10);
    if c.flag() {
        t.insert_str(0, "Task ");
    }
    t
}

/// `s` as a TOML basic string.
pub fn basic(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` in one of the string styles TOML allows for it.
fn any_string(c: &mut impl Choices, s: &str) -> String {
    let literal_ok = !s.contains('\'') && !s.chars().any(|ch| ch.is_control() && ch != '\t');
    match c.below(4) {
        1 if literal_ok => format!("'{s}'"),
        2 => {
            // Multi-line basic, starting with a (trimmed) newline; quotes stay escaped.
            let inner = basic(s);
            format!("\"\"\"\n{}\"\"\"", &inner[1..inner.len() - 1])
        }
        3 if literal_ok && !s.ends_with('\'') => format!("'''{s}'''"),
        _ => basic(s),
    }
}

/// How a list value is written.
fn array(c: &mut impl Choices, items: &[String], pad: &str, may_span_lines: bool) -> String {
    let style = if may_span_lines {
        c.below(6)
    } else {
        c.below(3)
    };
    let comma = if c.flag() && !items.is_empty() {
        ","
    } else {
        ""
    };
    match style {
        0 => format!("[{}{comma}]", items.join(", ")),
        1 => format!("[{}]", items.join(",")),
        2 => format!("[ {} ]", items.join(" , ")),
        3 => {
            // One a line.
            let mut s = "[\n".to_string();
            for (i, e) in items.iter().enumerate() {
                let sep = if i + 1 < items.len() { "," } else { comma };
                let _ = writeln!(s, "{pad}  {e}{sep}");
            }
            format!("{s}{pad}]")
        }
        4 => {
            // With comments between and after the elements.
            let mut s = "[ # list\n".to_string();
            for (i, e) in items.iter().enumerate() {
                let sep = if i + 1 < items.len() { "," } else { comma };
                let _ = writeln!(s, "{pad}    # why {i}\n{pad}    {e}{sep} # note {i}");
            }
            format!("{s}{pad}]")
        }
        _ => {
            // The first element on the `[` line, the rest below.
            match items.split_first() {
                None => format!("[\n{pad}]"),
                Some((first, rest)) => {
                    let mut s = format!("[{first}");
                    for e in rest {
                        let _ = write!(s, ",\n{pad}  {e}");
                    }
                    format!("{s}{comma}\n{pad}]")
                }
            }
        }
    }
}

/// Pick a sub-list of `items`, in a shuffled order.
fn some_of(c: &mut impl Choices, items: &[String], max: usize) -> Vec<String> {
    let mut pool: Vec<String> = items.to_vec();
    let n = c.below(max.min(pool.len()) + 1);
    (0..n)
        .map(|_| {
            let i = c.below(pool.len());
            pool.remove(i)
        })
        .collect()
}

fn shuffle<T>(c: &mut impl Choices, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = c.below(i + 1);
        items.swap(i, j);
    }
}

fn number(c: &mut impl Choices, v: i32) -> String {
    if c.flag() {
        format!("{v}")
    } else {
        format!("{v}.0")
    }
}

struct GoalSpec {
    id: &'static str,
    /// Unique across the workspace: goals and key results share one namespace.
    krs: Vec<String>,
}

/// A key result as `key = value` pairs, and its check-ins (each an inline table's pairs).
fn key_result(c: &mut impl Choices, id: &str) -> (Vec<String>, Option<Vec<Vec<String>>>) {
    let start = c.below(5) as i32;
    let target = start + 1 + c.below(9) as i32;
    let (start, target) = if c.flag() {
        (target, start)
    } else {
        (start, target)
    };
    let mut keys = vec![
        format!("id = {}", basic(id)),
        format!("title = {}", basic(&format!("Measure {id}"))),
        format!("start = {}", number(c, start)),
        format!("target = {}", number(c, target)),
    ];
    if c.flag() {
        keys.push(format!("current = {}", number(c, start)));
    }
    if c.flag() {
        keys.push("unit = \"%\"".to_string());
    }
    shuffle(c, &mut keys[1..]);
    let checkins = c.flag().then(|| {
        (0..c.below(3))
            .map(|k| {
                let mut pairs = vec![
                    format!("date = 2026-10-{:02}", k + 1),
                    format!("value = {}", number(c, start + k as i32)),
                ];
                if c.flag() {
                    pairs.push("confidence = 0.5".to_string());
                }
                if c.one_in(3) {
                    let note = text(c, 6);
                    pairs.push(format!("note = {}", basic(&note)));
                }
                pairs
            })
            .collect()
    });
    (keys, checkins)
}

fn inline_table(pairs: &[String]) -> String {
    format!("{{ {} }}", pairs.join(", "))
}

/// A goal written under `[[goals]]`, with its key results below it.
fn goal_block(c: &mut impl Choices, g: &GoalSpec, ind: &str, nl_pad: &str) -> String {
    let mut keys = vec![
        format!("id = {}", basic(g.id)),
        format!("title = {}", any_string(c, &format!("Goal {}", g.id))),
    ];
    if c.flag() {
        keys.push(format!("weight = {}", 1 + c.below(5)));
    }
    if c.one_in(4) {
        keys.push("kind = \"operational\"".to_string());
    }
    shuffle(c, &mut keys[1..]);
    let inline_krs = !g.krs.is_empty() && c.one_in(3);
    let mut s = String::from("[[goals]]\n");
    for k in &keys {
        let _ = writeln!(s, "{ind}{k}");
    }
    if inline_krs {
        let items: Vec<String> = g
            .krs
            .iter()
            .map(|id| {
                let (mut pairs, checkins) = key_result(c, id);
                if let Some(list) = checkins {
                    let items: Vec<String> = list.iter().map(|p| inline_table(p)).collect();
                    pairs.push(format!("checkins = [{}]", items.join(", ")));
                }
                inline_table(&pairs)
            })
            .collect();
        let _ = writeln!(s, "{ind}key_results = {}", array(c, &items, ind, true));
        return s;
    }
    for id in &g.krs {
        let kind = c.below(4);
        let (pairs, checkins) = key_result(c, id);
        s.push_str(nl_pad);
        let _ = writeln!(s, "{ind}  [[goals.key_results]]");
        for p in &pairs {
            let _ = writeln!(s, "{ind}  {p}");
        }
        if let Some(list) = checkins {
            if kind == 0 && !list.is_empty() {
                // Check-ins as tables of their own.
                for pairs in &list {
                    let _ = writeln!(s, "\n{ind}    [[goals.key_results.checkins]]");
                    for p in pairs {
                        let _ = writeln!(s, "{ind}    {p}");
                    }
                }
            } else {
                let items: Vec<String> = list.iter().map(|p| inline_table(p)).collect();
                let _ = writeln!(
                    s,
                    "{ind}  checkins = {}",
                    array(c, &items, &format!("{ind}  "), true)
                );
            }
        }
        if c.one_in(4) {
            let _ = writeln!(s, "{ind}  # end of {id}");
        }
    }
    s
}

/// A goal as an inline table (with inline key results).
fn goal_inline(c: &mut impl Choices, g: &GoalSpec) -> String {
    let mut pairs = vec![
        format!("id = {}", basic(g.id)),
        format!("title = {}", basic(&format!("Goal {}", g.id))),
    ];
    if !g.krs.is_empty() {
        let items: Vec<String> = g
            .krs
            .iter()
            .map(|id| {
                let (mut p, checkins) = key_result(c, id);
                if let Some(list) = checkins {
                    let items: Vec<String> = list.iter().map(|p| inline_table(p)).collect();
                    p.push(format!("checkins = [{}]", items.join(", ")));
                }
                inline_table(&p)
            })
            .collect();
        pairs.push(format!("key_results = [{}]", items.join(", ")));
    }
    inline_table(&pairs)
}

/// A task's keys, each a `key = value` line (the value may span lines).
fn task_keys(c: &mut impl Choices, n: usize, targets: &[String], inline: bool) -> Vec<String> {
    let pad = "";
    let name = title(c);
    let mut keys = vec![
        format!("id = {}", basic(&format!("T-{n}"))),
        format!("title = {}", any_string(c, &name)),
    ];
    if c.flag() {
        let s = c.pick(TaskStatus::ALL);
        keys.push(format!("status = {}", basic(s)));
    }
    if !c.one_in(3) {
        let links: Vec<String> = some_of(c, targets, 3).iter().map(|t| basic(t)).collect();
        keys.push(format!("goals = {}", array(c, &links, pad, !inline)));
    }
    if c.one_in(3) {
        keys.push("done = 2026-11-01".to_string());
    }
    if c.one_in(3) {
        keys.push(format!("owner = {}", basic(c.pick(OWNERS))));
    }
    if c.one_in(4) {
        keys.push("tags = [\"a\", \"b\"]".to_string());
    }
    if c.one_in(5) {
        keys.push("effort = 2".to_string());
    }
    if c.one_in(6) {
        // A dotted key: an unknown sub-table, kept.
        keys.push("meta.note = \"kept\"".to_string());
    }
    shuffle(c, &mut keys);
    keys
}

fn task_block(c: &mut impl Choices, n: usize, targets: &[String]) -> String {
    let ind = c.pick(&["", "", "  ", "\t"]);
    let mut s = String::from("[[tasks]]");
    if c.one_in(4) {
        s.push_str("  # a task");
    }
    s.push('\n');
    for k in task_keys(c, n, targets, false) {
        // Continuation lines of multi-line arrays keep the key's indentation.
        let k = k.replace('\n', &format!("\n{ind}"));
        let _ = write!(s, "{ind}{k}");
        if c.one_in(5) {
            s.push_str(" # why");
        }
        s.push('\n');
        if c.one_in(6) {
            let _ = writeln!(s, "{ind}# a comment between keys");
        }
    }
    if c.one_in(5) {
        let _ = writeln!(s, "{ind}[tasks.extra]\n{ind}note = \"kept\"");
    }
    s
}

fn task_inline(c: &mut impl Choices, n: usize, targets: &[String]) -> String {
    let keys = task_keys(c, n, targets, true);
    if c.one_in(5) {
        // TOML 1.1: an inline table over several lines, with a trailing comma.
        let mut s = "{\n".to_string();
        for k in keys {
            let _ = writeln!(s, "    {k},");
        }
        s.push_str("  }");
        s
    } else {
        format!("{{ {} }}", keys.join(", "))
    }
}

/// A file's text from its top-level pairs and its header blocks.
fn file_text(c: &mut impl Choices, pairs: &[String], blocks: &[String]) -> String {
    let mut s = String::new();
    for p in pairs {
        s.push_str(p);
        s.push('\n');
    }
    for b in blocks {
        if !s.is_empty() {
            s.push_str(c.pick(&["\n", "\n", "", "\n\n", "\n# ---\n\n"]));
        }
        s.push_str(b);
    }
    if c.one_in(4) {
        while s.ends_with('\n') {
            s.pop();
        }
    }
    if c.one_in(3) {
        s = s.replace('\n', "\r\n");
    }
    s
}

/// A random valid workspace and a random session on it.
pub fn case(c: &mut impl Choices) -> Case {
    let goals: Vec<GoalSpec> = (0..1 + c.below(GOAL_IDS.len()))
        .map(|i| GoalSpec {
            id: GOAL_IDS[i],
            krs: KR_IDS[..c.below(KR_IDS.len() + 1)]
                .iter()
                .map(|k| format!("{k}{}", "abcd".as_bytes()[i] as char))
                .collect(),
        })
        .collect();
    let targets: Vec<String> = goals
        .iter()
        .flat_map(|g| {
            std::iter::once(g.id.to_string()).chain(g.krs.iter().map(|k| format!("{}/{k}", g.id)))
        })
        .collect();
    let split = c.one_in(3);
    let n_tasks = c.below(5) + usize::from(split);
    let goals_inline = c.one_in(4);
    let tasks_inline = c.one_in(3);

    let mut pairs = vec!["version = 1".to_string()];
    let mut blocks = Vec::new();
    if c.flag() {
        blocks.push(format!(
            "[workspace]\nname = {}\n",
            basic(&format!("Props {}", text(c, 4)))
        ));
    }
    if goals_inline {
        let items: Vec<String> = goals.iter().map(|g| goal_inline(c, g)).collect();
        pairs.push(format!("goals = {}", array(c, &items, "", true)));
    } else {
        let ind = c.pick(&["", "  "]);
        let nl_pad = c.pick(&["", "\n"]);
        for g in &goals {
            blocks.push(goal_block(c, g, ind, nl_pad));
        }
    }
    let mut task_pairs = Vec::new();
    let mut task_blocks = Vec::new();
    if tasks_inline {
        let items: Vec<String> = (1..=n_tasks).map(|n| task_inline(c, n, &targets)).collect();
        let mut s = "tasks = [\n".to_string();
        for i in items {
            let _ = writeln!(s, "  {i},");
        }
        s.push(']');
        task_pairs.push(s);
    } else {
        for n in 1..=n_tasks {
            task_blocks.push(task_block(c, n, &targets));
        }
    }
    let files = if split {
        vec![
            (PathBuf::from("ws/a.toml"), file_text(c, &pairs, &blocks)),
            (
                PathBuf::from("ws/b.toml"),
                file_text(c, &task_pairs, &task_blocks),
            ),
        ]
    } else {
        pairs.extend(task_pairs);
        if c.flag() {
            // Tasks before the goals.
            task_blocks.extend(blocks);
            blocks = task_blocks;
        } else {
            blocks.extend(task_blocks);
        }
        vec![(
            PathBuf::from("ws/align.toml"),
            file_text(c, &pairs, &blocks),
        )]
    };
    let ops = (0..c.below(24)).map(|_| op(c)).collect();
    Case { files, ops }
}

pub fn op(c: &mut impl Choices) -> Op {
    let any = 1 << 16;
    match c.below(10) {
        0 | 1 => Op::Link {
            task: c.below(any),
            target: c.below(any),
        },
        2 => Op::Unlink {
            task: c.below(any),
            target: c.below(any),
        },
        3 => Op::SetTitle {
            task: c.below(any),
            title: title(c),
        },
        4 => Op::SetStatus {
            task: c.below(any),
            status: c.below(4),
        },
        5 => Op::AddTask { title: title(c) },
        6 => Op::Checkin {
            goal: c.below(any),
            key_result: c.below(any),
            value: c.pick(&[0.0, 1.5, -3.25, 1e20, 12_345_678.9, 0.1, 7.0, -0.0]),
            confidence: c.pick(&[None, Some(0.0), Some(0.25), Some(1.0)]),
            note: c.flag().then(|| text(c, 8)),
        },
        7 | 8 => Op::Undo,
        _ => Op::Redo,
    }
}

/// The day edits are made on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date")
}

pub fn load(files: &[(PathBuf, String)]) -> Result<Workspace, String> {
    let sources = files
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes().to_vec()))
        .collect();
    align_core::load::load_sources(Path::new("ws"), sources)
        .map(|l| l.workspace)
        .map_err(|e| match e {
            align_core::LoadError::Invalid { errors, .. } => errors
                .iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            e => e.to_string(),
        })
}

fn texts(ws: &Workspace) -> Vec<(PathBuf, String)> {
    ws.files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
}

/// The in-memory model after edits must be what a fresh load of its text gives: the
/// board keeps using it (and its byte positions) for the next edit.
pub fn same_model(mem: &Workspace, fresh: &Workspace) -> Result<(), String> {
    if mem.tasks.len() != fresh.tasks.len() || mem.goals.len() != fresh.goals.len() {
        return Err(format!(
            "{} tasks and {} goals in memory, {} and {} on reload",
            mem.tasks.len(),
            mem.goals.len(),
            fresh.tasks.len(),
            fresh.goals.len()
        ));
    }
    for (a, b) in mem.tasks.iter().zip(&fresh.tasks) {
        let left = (
            &a.id, &a.title, a.status, &a.goals, a.done, &a.origin, &a.layout,
        );
        let right = (
            &b.id, &b.title, b.status, &b.goals, b.done, &b.origin, &b.layout,
        );
        if left != right {
            return Err(format!(
                "task {} in memory differs from a reload:\n  memory {left:?}\n  reload {right:?}",
                b.id
            ));
        }
        if mem.task_by_id(&a.id).map(|i| &mem.tasks[i].id) != Some(&a.id) {
            return Err(format!("task {} is not found by its id in memory", a.id));
        }
    }
    for (a, b) in mem.goals.iter().zip(&fresh.goals) {
        if (&a.id, &a.origin, &a.block) != (&b.id, &b.origin, &b.block) {
            return Err(format!(
                "goal {} in memory differs from a reload: {:?} {:?} vs {:?} {:?}",
                b.id, a.origin, a.block, b.origin, b.block
            ));
        }
        if a.key_results.len() != b.key_results.len() {
            return Err(format!("goal {}: key results differ", b.id));
        }
        for (x, y) in a.key_results.iter().zip(&b.key_results) {
            let left = (&x.id, x.current.to_bits(), &x.checkins, &x.origin);
            let right = (&y.id, y.current.to_bits(), &y.checkins, &y.origin);
            if left != right {
                return Err(format!(
                    "key result {}/{} in memory differs from a reload:\n  memory {left:?}\n  reload {right:?}",
                    b.id, y.id
                ));
            }
        }
    }
    Ok(())
}

/// The bytes an edit rewrites must lie inside the block of the item it edits (before and
/// after), every other file must be untouched, and a CRLF file must get no bare LF.
fn only_the_block(before: &Workspace, after: &Workspace, edit: &Edit) -> Result<(), String> {
    let splice = match edit {
        Edit::Link(e) => &e.splice,
        Edit::Block(e) => &e.splice,
        // A batch (an import) is checked as a whole by its own tests: here, only that the
        // files it does not name are untouched.
        Edit::Batch(b) => {
            let files = b.files();
            return match before
                .files
                .iter()
                .zip(&after.files)
                .enumerate()
                .find(|(i, (a, b))| !files.contains(&FileIx(*i)) && a.text != b.text)
            {
                Some((_, (_, b))) => Err(format!(
                    "file {} changed by a batch of others",
                    b.path.display()
                )),
                None => Ok(()),
            };
        }
    };
    let file = splice.file;
    for (i, (a, b)) in before.files.iter().zip(&after.files).enumerate() {
        if FileIx(i) != file && a.text != b.text {
            return Err(format!(
                "file {} changed by an edit of another",
                b.path.display()
            ));
        }
    }
    let (old, new) = (&before.files[file].text, &after.files[file].text);
    let removed = splice.at..splice.at + splice.removed.len();
    let inserted = splice.at..splice.at + splice.inserted.len();
    let expected = format!(
        "{}{}{}",
        &old[..removed.start],
        splice.inserted,
        &old[removed.end..]
    );
    if &expected != new {
        return Err("the text is not the old text with the splice applied".to_string());
    }
    let inside = |r: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
        b.start <= r.start && r.end <= b.end
    };
    let (old_block, new_block) = match edit {
        Edit::Batch(_) => return Ok(()),
        Edit::Link(e) => (
            before.tasks[e.task].layout.block.clone(),
            after.tasks[e.task].layout.block.clone(),
        ),
        Edit::Block(BlockEdit { subject, .. }) => match *subject {
            Subject::Task(i) => (
                before.tasks[i].layout.block.clone(),
                after.tasks[i].layout.block.clone(),
            ),
            Subject::Goal(i) => (before.goals[i].block.clone(), after.goals[i].block.clone()),
            Subject::AddTask => {
                // Inserted after the last task of its file (blank lines before the new
                // header go to the block above, as a fresh load gives them).
                let new = after.tasks.last().expect("the new task");
                let last_end = before
                    .tasks
                    .iter()
                    .filter(|t| t.origin.file == file)
                    .map(|t| t.layout.block.end)
                    .max();
                if last_end.is_some_and(|e| e != splice.at) {
                    return Err(format!(
                        "a new task went in at {}, not after the last task ({last_end:?})",
                        splice.at
                    ));
                }
                (splice.at..splice.at, splice.at..new.layout.block.end)
            }
            Subject::RemoveTask => {
                let gone = before.tasks.last().expect("the removed task");
                (splice.at..gone.layout.block.end, splice.at..splice.at)
            }
            // A goal added or taken away: the one goal on one side only.
            Subject::AddGoal => {
                let new = after
                    .goals
                    .iter()
                    .find(|g| before.goal_by_id(&g.id).is_none())
                    .ok_or("no new goal")?;
                (splice.at..splice.at, splice.at..new.block.end)
            }
            Subject::RemoveGoal => {
                let gone = before
                    .goals
                    .iter()
                    .find(|g| after.goal_by_id(&g.id).is_none())
                    .ok_or("no goal went")?;
                (splice.at..gone.block.end, splice.at..splice.at)
            }
        },
    };
    if !inside(&removed, &old_block) || !inside(&inserted, &new_block) {
        return Err(format!(
            "the edit rewrote {removed:?} (now {inserted:?}) outside the item's block {old_block:?} (now {new_block:?})"
        ));
    }
    if old.contains("\r\n") && old.matches('\n').count() == old.matches("\r\n").count() {
        let lf = new.matches('\n').count();
        if lf != new.matches("\r\n").count() {
            return Err("a CRLF file got a bare LF".to_string());
        }
    }
    Ok(())
}

/// What a session did, for the figures.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub applied: usize,
    pub rejected: usize,
}

/// The edit an operation makes on `ws`, `None` when there is nothing to do, or the reason
/// it was refused.
fn make(ws: &Workspace, op: &Op) -> Result<Option<Edit>, EditError> {
    let task = |i: usize| TaskIx(i % ws.tasks.len());
    let targets: Vec<LinkRef> = ws.link_targets().collect();
    Ok(match op {
        Op::Undo | Op::Redo => None,
        Op::Link { .. } | Op::Unlink { .. } | Op::SetTitle { .. } | Op::SetStatus { .. }
            if ws.tasks.is_empty() =>
        {
            None
        }
        Op::Link { .. } if targets.is_empty() => None,
        Op::Link { task: i, target } => {
            edit::link(ws, task(*i), &targets[target % targets.len()])?.map(Edit::Link)
        }
        Op::Unlink { task: i, target } => {
            let t = &ws.tasks[task(*i)];
            let target = match t.goals.len() {
                0 if targets.is_empty() => return Ok(None),
                0 => targets[target % targets.len()].clone(),
                n => t.goals[target % n].clone(),
            };
            edit::unlink(ws, task(*i), &target)?.map(Edit::Link)
        }
        Op::SetTitle { task: i, title } => Some(Edit::Block(edit::set_title(ws, task(*i), title)?)),
        Op::SetStatus { task: i, status } => {
            let status = TaskStatus::parse(TaskStatus::ALL[*status % 4]).expect("a status");
            Some(Edit::Block(edit::set_status(
                ws,
                task(*i),
                status,
                today(),
            )?))
        }
        Op::AddTask { title } => Some(Edit::Block(edit::add_task(ws, title)?)),
        Op::Checkin {
            goal,
            key_result,
            value,
            confidence,
            note,
        } => {
            let with_krs: Vec<usize> = (0..ws.goals.len())
                .filter(|&g| !ws.goals[g].key_results.is_empty())
                .collect();
            if with_krs.is_empty() {
                return Ok(None);
            }
            let g = GoalIx(with_krs[goal % with_krs.len()]);
            let k = key_result % ws.goals[g].key_results.len();
            Some(Edit::Block(edit::checkin(
                ws,
                g,
                k,
                *value,
                *confidence,
                note.as_deref(),
                today(),
            )?))
        }
    })
}

/// Refusals that are the edit's own rules, not failures of the write path.
fn expected_refusal(op: &Op, ws: &Workspace, e: &EditError) -> bool {
    let EditError::Rejected { why } = e else {
        return false;
    };
    match op {
        Op::SetTitle { title, .. } | Op::AddTask { title } if title.trim().is_empty() => {
            why == "a task needs a title"
        }
        Op::AddTask { .. } => {
            let file = ws.tasks.last().map_or(FileIx(0), |t| t.origin.file);
            ws.files[file].text.contains("tasks = [") && why.contains("writes its tasks inline")
        }
        _ => false,
    }
}

/// Apply one edit and check everything; returns the fresh load of the new text.
fn step(ws: &mut Workspace, edit: &Edit, what: &str) -> Result<(), String> {
    let before = ws.clone();
    edit.apply(ws)
        .map_err(|e| format!("{what}: the edit does not apply: {e}"))?;
    let fresh = load(&texts(ws)).map_err(|e| {
        format!(
            "{what}: the file no longer loads:\n{e}\n--- text\n{}",
            texts(ws)
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join("\n--- next file\n")
        )
    })?;
    only_the_block(&before, ws, edit).map_err(|e| format!("{what}: {e}"))?;
    same_model(ws, &fresh).map_err(|e| format!("{what}: {e}"))?;
    Ok(())
}

/// Run a session like the board does (new edits clear the redo list), checking after every
/// step; then undo everything and compare with the original bytes.
///
/// `strict`: the workspace is one of ours, so an edit may be refused only for its own rules
/// (an empty title, a new task in an inline file). Otherwise (any text that loads) an edit
/// may also be refused, or fail to apply, as long as nothing changed.
pub fn run(case: &Case, strict: bool) -> Result<Tally, String> {
    let mut ws =
        load(&case.files).map_err(|e| format!("the generated workspace does not load:\n{e}"))?;
    let mut undo: Vec<Edit> = Vec::new();
    let mut redo: Vec<Edit> = Vec::new();
    let mut tally = Tally::default();
    for (n, op) in case.ops.iter().enumerate() {
        let what = format!("step {n} ({op:?})");
        match op {
            Op::Undo => {
                if let Some(e) = undo.pop() {
                    let inverse = e.inverse();
                    step(&mut ws, &inverse, &what)?;
                    redo.push(e);
                    tally.applied += 1;
                }
            }
            Op::Redo => {
                if let Some(e) = redo.pop() {
                    step(&mut ws, &e, &what)?;
                    undo.push(e);
                    tally.applied += 1;
                }
            }
            _ => match make(&ws, op) {
                Ok(None) => {}
                Ok(Some(e)) => {
                    if !strict {
                        let mut trial = ws.clone();
                        if e.apply(&mut trial).is_err() {
                            let same = trial
                                .files
                                .iter()
                                .zip(&ws.files)
                                .all(|(a, b)| a.text == b.text);
                            if !same {
                                return Err(format!("{what}: a failed edit changed the text"));
                            }
                            tally.rejected += 1;
                            continue;
                        }
                    }
                    step(&mut ws, &e, &what)?;
                    undo.push(e);
                    redo.clear();
                    tally.applied += 1;
                }
                Err(e) if !strict || expected_refusal(op, &ws, &e) => tally.rejected += 1,
                Err(e) => return Err(format!("{what}: refused: {e}")),
            },
        }
    }
    while let Some(e) = undo.pop() {
        step(&mut ws, &e.inverse(), "undoing everything")?;
    }
    for ((path, original), now) in case.files.iter().zip(&ws.files) {
        if original != &now.text {
            return Err(format!(
                "undoing everything did not give back {}:\n{original:?}\n!=\n{:?}",
                path.display(),
                now.text
            ));
        }
    }
    Ok(tally)
}

/// Run a case's session through a real [`Session`] on the case's files written to a
/// temporary directory, as the board and the command line do: each edit committed and
/// saved, undo and redo through the session's history. After every step the session's
/// scores must equal a fresh scoring of its workspace (the incremental re-scoring is
/// exact), its workspace must be what a fresh load of the files on disk gives, and at the
/// end undoing everything must give back the original bytes on disk.
pub fn run_session(case: &Case) -> Result<Tally, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut written = Vec::new();
    for (path, text) in &case.files {
        let name = path.file_name().ok_or("a case file has a name")?;
        let on_disk = dir.path().join(name);
        std::fs::write(&on_disk, text).map_err(|e| e.to_string())?;
        written.push(on_disk);
    }
    let root = match written.as_slice() {
        [one] => one.clone(),
        _ => dir.path().to_path_buf(),
    };
    let (mut session, _) = Session::open(&root, today(), None)
        .map_err(|e| format!("the generated workspace does not load: {e}"))?;
    let mut tally = Tally::default();
    for (n, op) in case.ops.iter().enumerate() {
        let what = format!("step {n} ({op:?})");
        let made = match op {
            Op::Undo => session.undo(),
            Op::Redo => session.redo(),
            _ => match make(session.workspace(), op) {
                Ok(None) => continue,
                Ok(Some(e)) => session.commit(e),
                Err(e) if expected_refusal(op, session.workspace(), &e) => {
                    tally.rejected += 1;
                    continue;
                }
                Err(e) => return Err(format!("{what}: refused: {e}")),
            },
        };
        match made {
            Ok(_) => {}
            Err(Refused::NothingToUndo | Refused::NothingToRedo) => continue,
            Err(other) => return Err(format!("{what}: the session refused: {other:?}")),
        }
        match session.flush() {
            Some(SaveOutcome::Saved { .. }) => tally.applied += 1,
            other => return Err(format!("{what}: not saved: {other:?}")),
        }
        session_agrees(&session, &root).map_err(|e| format!("{what}: {e}"))?;
    }
    while session.history_len().0 > 0 {
        session
            .undo()
            .map_err(|e| format!("undoing everything: {e:?}"))?;
        session.flush();
    }
    for ((path, original), on_disk) in case.files.iter().zip(&written) {
        let now = std::fs::read_to_string(on_disk).map_err(|e| e.to_string())?;
        if *original != now {
            return Err(format!(
                "undoing everything did not give back {}:\n{original:?}\n!=\n{now:?}",
                path.display()
            ));
        }
    }
    Ok(tally)
}

/// The session's workspace is what a fresh load of the files on disk gives, and its
/// scores what a fresh scoring of that gives.
fn session_agrees(session: &Session, root: &Path) -> Result<(), String> {
    let fresh = align_core::load(root)
        .map_err(|e| format!("the files on disk no longer load: {e}"))?
        .workspace;
    same_model(session.workspace(), &fresh)?;
    let expected = align_core::score_workspace(&fresh, session.today(), Some(session.lens()));
    let got = session.scoreboard();
    if got.tasks != expected.tasks {
        let i = got
            .tasks
            .iter()
            .zip(&expected.tasks)
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        return Err(format!(
            "incremental scores differ from a fresh scoring at task {}: {:?} != {:?}",
            i,
            got.tasks.get(i),
            expected.tasks.get(i)
        ));
    }
    if got.goals != expected.goals {
        return Err(format!(
            "goal flags differ from a fresh scoring: {:?} != {:?}",
            got.goals, expected.goals
        ));
    }
    if got.summary != expected.summary {
        return Err(format!(
            "the summary differs from a fresh scoring: {:?} != {:?}",
            got.summary, expected.summary
        ));
    }
    if *session.dependencies() != align_core::depends::Dependencies::new(&fresh) {
        return Err("the session's depends graph differs from a fresh one".to_string());
    }
    Ok(())
}

/// A readable dump of a case, for failure messages.
pub fn describe(case: &Case) -> String {
    let mut s = String::new();
    for (p, t) in &case.files {
        let _ = writeln!(s, "--- {}\n{t}", p.display());
    }
    let _ = writeln!(s, "--- ops");
    for op in &case.ops {
        let _ = writeln!(s, "{op:?}");
    }
    s
}
