//! Write-back under many ways of writing a task's `goals`: every edit keeps the file
//! loadable, touches nothing outside the task's goals (or the goals line it adds or
//! removes), and is undone byte for byte by its inverse.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::model::{FileIx, LinkRef, TaskIx};

/// A task's place, as the tests have it: a number or a `TaskIx`.
trait Place {
    fn ix(self) -> TaskIx;
}

impl Place for usize {
    fn ix(self) -> TaskIx {
        TaskIx(self)
    }
}

impl Place for TaskIx {
    fn ix(self) -> TaskIx {
        self
    }
}

// The tests name links as written.
fn link(ws: &Workspace, task: impl Place, target: &str) -> Result<Option<LinkEdit>, EditError> {
    super::link(ws, task.ix(), &LinkRef::parse(target))
}

fn unlink(ws: &Workspace, task: impl Place, target: &str) -> Result<Option<LinkEdit>, EditError> {
    super::unlink(ws, task.ix(), &LinkRef::parse(target))
}

fn toggle(ws: &Workspace, task: impl Place, target: &str) -> Result<Option<LinkEdit>, EditError> {
    super::toggle(ws, task.ix(), &LinkRef::parse(target))
}
use crate::load::load_sources;
use crate::model::Task;

/// Link targets the generated workspaces offer (goal ids and `goal/kr`).
const TARGETS: &[&str] = &[
    "alpha", "beta", "gamma.x", "delta_y", "alpha/k1", "beta/k-2",
];

const GOALS_FILE: &str = "\
[workspace]
name = \"Props\"

# Goals first, tasks below or in other files.
[[goals]]
id = \"alpha\"
title = \"Alpha goal\"

  [[goals.key_results]]
  id = \"k1\"
  title = \"Alpha measure\"
  start = 0
  target = 10

[[goals]]
id = \"beta\"
title = \"Beta goal\"
weight = 5

  [[goals.key_results]]
  id = \"k-2\"
  title = \"Beta measure\"
  start = 10
  target = 2

[[goals]]
id = \"gamma.x\"
title = \"Gamma goal\"

[[goals]]
id = \"delta_y\"
title = \"Delta goal\"
kind = \"operational\"
";

/// How a task writes its `goals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Absent,
    /// `goals = []`
    Empty,
    /// `goals = [ ]`
    EmptySpaced,
    /// `goals = [` newline `]`
    EmptyMultiLine,
    /// `goals = ["a"]`
    One,
    /// `goals = ["a", "b"]`
    Several,
    /// `goals = ["a","b"]`
    NoSpaces,
    /// One element a line, indented, optional trailing comma.
    MultiLine,
    /// Multi-line with comments between the elements.
    Commented,
    /// Multi-line, the first element on the `[` line: `goals = ["a", # why`.
    OpenLine,
}

impl Style {
    fn single_line(self) -> bool {
        matches!(
            self,
            Style::Absent
                | Style::Empty
                | Style::EmptySpaced
                | Style::One
                | Style::Several
                | Style::NoSpaces
        )
    }

    fn empty(self) -> bool {
        matches!(
            self,
            Style::Absent | Style::Empty | Style::EmptySpaced | Style::EmptyMultiLine
        )
    }
}

#[derive(Debug, Clone)]
struct TaskSpec {
    style: Style,
    goals: Vec<String>,
    /// 0: right after `id`, 1: after `title`, 2: last.
    position: u8,
    /// `# note` after the goals value.
    trailing_comment: bool,
    /// A `[tasks.extra]` sub-table after the task's keys (`[[tasks]]` files only).
    subtable: bool,
    /// Indentation of the elements of multi-line arrays.
    elem_indent: &'static str,
    trailing_comma: bool,
}

#[derive(Debug, Clone)]
struct FileSpec {
    /// Tasks as inline tables in `tasks = [...]` rather than `[[tasks]]`.
    inline: bool,
    crlf: bool,
    final_newline: bool,
    /// Indentation of the keys under `[[tasks]]`.
    indent: &'static str,
    tasks: Vec<TaskSpec>,
}

#[derive(Debug, Clone)]
struct WsSpec {
    /// The first task file also holds `version`, `[workspace]` and the goals.
    shared: bool,
    files: Vec<FileSpec>,
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::Absent),
        Just(Style::Empty),
        Just(Style::EmptySpaced),
        Just(Style::EmptyMultiLine),
        Just(Style::One),
        Just(Style::Several),
        Just(Style::NoSpaces),
        Just(Style::MultiLine),
        Just(Style::Commented),
        Just(Style::OpenLine),
    ]
}

fn task_spec(inline: bool) -> impl Strategy<Value = TaskSpec> {
    (
        style(),
        Just(TARGETS.to_vec()).prop_shuffle(),
        0u8..3,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just("  "), Just("    "), Just("\t")],
        any::<bool>(),
        1usize..=3,
    )
        .prop_map(
            move |(style, targets, position, comment, subtable, elem_indent, comma, n)| {
                let style = if inline && !style.single_line() {
                    Style::Several
                } else {
                    style
                };
                let n = match style {
                    s if s.empty() => 0,
                    Style::One | Style::OpenLine => 1,
                    Style::Several | Style::NoSpaces | Style::Commented => n.max(2),
                    _ => n,
                };
                TaskSpec {
                    style,
                    goals: targets[..n]
                        .iter()
                        .map(std::string::ToString::to_string)
                        .collect(),
                    position,
                    trailing_comment: comment && !inline && style != Style::Absent,
                    subtable: subtable && !inline,
                    elem_indent,
                    trailing_comma: comma,
                }
            },
        )
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    any::<bool>().prop_flat_map(|inline| {
        (
            Just(inline),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(""), Just("  ")],
            prop::collection::vec(task_spec(inline), 1..=4),
        )
            .prop_map(|(inline, crlf, final_newline, indent, tasks)| FileSpec {
                inline,
                crlf,
                final_newline,
                indent,
                tasks,
            })
    })
}

fn ws_spec() -> impl Strategy<Value = WsSpec> {
    (any::<bool>(), prop::collection::vec(file_spec(), 1..=2))
        .prop_map(|(shared, files)| WsSpec { shared, files })
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

/// The `goals` value as the style writes it; `pad` prefixes continuation lines.
fn goals_value(t: &TaskSpec, pad: &str) -> String {
    let q: Vec<String> = t.goals.iter().map(|g| quote(g)).collect();
    let ind = format!("{pad}{}", t.elem_indent);
    let comma = if t.trailing_comma { "," } else { "" };
    match t.style {
        Style::Absent => unreachable!(),
        Style::Empty => "[]".to_string(),
        Style::EmptySpaced => "[ ]".to_string(),
        Style::EmptyMultiLine => format!("[\n{pad}]"),
        Style::One | Style::Several => format!("[{}]", q.join(", ")),
        Style::NoSpaces => format!("[{}]", q.join(",")),
        Style::MultiLine => {
            let mut s = "[\n".to_string();
            for (i, e) in q.iter().enumerate() {
                let sep = if i + 1 < q.len() { "," } else { comma };
                let _ = writeln!(s, "{ind}{e}{sep}");
            }
            format!("{s}{pad}]")
        }
        Style::Commented => {
            let mut s = "[\n".to_string();
            for (i, e) in q.iter().enumerate() {
                let sep = if i + 1 < q.len() { "," } else { comma };
                let _ = writeln!(s, "{ind}# why {i}\n{ind}{e}{sep} # link {i}");
            }
            format!("{s}{pad}]")
        }
        Style::OpenLine => format!("[{}{comma} # the one that matters\n{pad}]", q[0]),
    }
}

fn render_file(f: &FileSpec, first_task: usize, header: Option<&str>) -> String {
    let mut s = String::new();
    if header.is_some() {
        s.push_str("version = 1\n\n");
    }
    if f.inline {
        s.push_str("tasks = [\n");
        for (k, t) in f.tasks.iter().enumerate() {
            let n = first_task + k;
            let mut keys = vec![
                format!("id = \"T-{n}\""),
                format!("title = \"Task number {n}\""),
            ];
            if t.style != Style::Absent {
                let at = usize::from(t.position).min(keys.len());
                keys.insert(at, format!("goals = {}", goals_value(t, "")));
            }
            let _ = writeln!(s, "  {{ {} }},", keys.join(", "));
        }
        s.push_str("]\n");
        if let Some(h) = header {
            s.push('\n');
            s.push_str(h);
        }
    } else {
        if let Some(h) = header {
            s.push_str(h);
            s.push('\n');
        }
        let ind = f.indent;
        for (k, t) in f.tasks.iter().enumerate() {
            let n = first_task + k;
            let mut lines = vec![
                format!("{ind}id = \"T-{n}\""),
                format!("{ind}title = \"Task number {n}\" # what it is"),
                format!("{ind}status = \"todo\""),
            ];
            if t.style != Style::Absent {
                let at = match t.position {
                    0 => 1,
                    1 => 2,
                    _ => lines.len(),
                };
                let comment = if t.trailing_comment { "  # links" } else { "" };
                lines.insert(at, format!("{ind}goals = {}{comment}", goals_value(t, ind)));
            }
            if k > 0 {
                s.push_str("\n# ---\n\n");
            }
            s.push_str("[[tasks]]\n");
            for l in lines {
                s.push_str(&l);
                s.push('\n');
            }
            if t.subtable {
                let _ = write!(s, "{ind}[tasks.extra]\n{ind}note = \"kept\"\n");
            }
        }
    }
    if !f.final_newline {
        while s.ends_with('\n') {
            s.pop();
        }
    }
    if f.crlf {
        s = s.replace('\n', "\r\n");
    }
    s
}

/// File paths and texts, as `load_sources` takes them.
type Texts = Vec<(PathBuf, String)>;

/// The files of a workspace and the links every task starts with.
fn render(ws: &WsSpec) -> (Texts, HashMap<String, Vec<String>>) {
    let mut files = Vec::new();
    let mut links = HashMap::new();
    if !ws.shared {
        files.push((
            PathBuf::from("ws/goals.toml"),
            format!("version = 1\n\n{GOALS_FILE}"),
        ));
    }
    let mut n = 1;
    for (i, f) in ws.files.iter().enumerate() {
        let header = (ws.shared && i == 0).then_some(GOALS_FILE);
        files.push((
            PathBuf::from(format!("ws/tasks-{i}.toml")),
            render_file(f, n, header),
        ));
        for t in &f.tasks {
            links.insert(format!("T-{n}"), t.goals.clone());
            n += 1;
        }
    }
    (files, links)
}

fn load_texts(texts: &[(PathBuf, String)]) -> Workspace {
    let sources = texts
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes().to_vec()))
        .collect();
    match load_sources(Path::new("ws"), sources) {
        Ok(l) => l.workspace,
        Err(e) => {
            let mut msg = format!("{e}\n");
            if let crate::LoadError::Invalid { errors, .. } = &e {
                for d in errors {
                    let _ = writeln!(msg, "  {d}");
                }
            }
            for (p, t) in texts {
                let _ = writeln!(msg, "--- {}\n{t}", p.display());
            }
            panic!("workspace does not load: {msg}");
        }
    }
}

fn texts_of(ws: &Workspace) -> Vec<(PathBuf, String)> {
    ws.files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
}

/// Bytes that belong to a task's `goals`: the array value when `whole_key` is false,
/// else the whole `goals = [...]` entry: its line (with line ending) under `[[tasks]]`,
/// or `, goals = [...]` in an inline table.
fn goals_region(text: &str, task: &Task, whole_key: bool) -> Option<Range<usize>> {
    let v = task.layout.goals_value.clone()?;
    if !whole_key {
        return Some(v);
    }
    let b = text.as_bytes();
    let mut start = text[..v.start].rfind("goals").expect("the goals key");
    while start > 0 && matches!(b[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    if task.layout.inline {
        if start > 0 && b[start - 1] == b',' {
            start -= 1;
        }
        return Some(start..v.end);
    }
    if let Some(nl) = text[v.end..].find('\n') {
        Some(start..v.end + nl + 1)
    } else {
        if text[..start].ends_with("\r\n") {
            start -= 2;
        } else if text[..start].ends_with('\n') {
            start -= 1;
        }
        Some(start..text.len())
    }
}

/// The text with `region` cut out (nothing cut when `None`).
fn without(text: &str, region: Option<&Range<usize>>) -> String {
    match region {
        Some(r) => format!("{}{}", &text[..r.start], &text[r.end..]),
        None => text.to_string(),
    }
}

/// Everything a step must keep: the edit changed only the task's goals and the
/// in-memory workspace agrees with a fresh load of its text.
fn check_step(
    before: &Workspace,
    after: &Workspace,
    task_id: &str,
    expected: &HashMap<String, Vec<String>>,
) -> Workspace {
    let fresh = load_texts(&texts_of(after));
    for t in &fresh.tasks {
        assert_eq!(t.goals, expected[&t.id], "goals of {} after reload", t.id);
        let mem = &after.tasks[after.task_by_id(&t.id).unwrap()];
        assert_eq!(mem.goals, t.goals, "in-memory goals of {}", t.id);
        assert_eq!(mem.origin, t.origin, "in-memory origin of {}", t.id);
        assert_eq!(
            mem.layout.goals_value, t.layout.goals_value,
            "in-memory goals span of {}",
            t.id
        );
    }
    for (g, f) in after.goals.iter().zip(&fresh.goals) {
        assert_eq!(g.origin, f.origin, "origin of goal {}", g.id);
        for (k, fk) in g.key_results.iter().zip(&f.key_results) {
            assert_eq!(k.origin, fk.origin, "origin of key result {}", k.id);
        }
    }
    let tb = &before.tasks[before.task_by_id(task_id).unwrap()];
    let ta = &fresh.tasks[fresh.task_by_id(task_id).unwrap()];
    for (i, (fb, fa)) in before.files.iter().zip(&fresh.files).enumerate() {
        if FileIx(i) != tb.origin.file {
            assert_eq!(fb.text, fa.text, "another file changed");
            continue;
        }
        // Cut out the task's goals from both texts: what is left must be equal.
        let whole = tb.layout.goals_value.is_some() != ta.layout.goals_value.is_some();
        let rb = goals_region(&fb.text, tb, whole);
        let ra = goals_region(&fa.text, ta, whole);
        let (cut_b, cut_a) = (
            without(&fb.text, rb.as_ref()),
            without(&fa.text, ra.as_ref()),
        );
        if fb.text.contains("\r\n") {
            assert_eq!(
                fa.text.matches('\n').count(),
                fa.text.matches("\r\n").count(),
                "a CRLF file got a bare LF:\n{:?}",
                fa.text
            );
        }
        let same_start = match (&rb, &ra) {
            (Some(b), Some(a)) => b.start == a.start,
            _ => true,
        };
        assert!(
            cut_b == cut_a && same_start,
            "bytes outside the goals of {task_id} changed:\n{:?}\n=>\n{:?}\n(goals at {rb:?}, then {ra:?})",
            fb.text,
            fa.text
        );
    }
    fresh
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Toggle,
    Link,
    Unlink,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![Just(Op::Toggle), Just(Op::Link), Just(Op::Unlink)]
}

/// The rule of [`keeps_empty_goals`], from the spec: does unlinking task `k` of file
/// `fi` (linked once, by `link` when it had no key) keep `goals = []`?
fn keeps_empty_style(ws: &WsSpec, fi: usize, k: usize) -> bool {
    let t = &ws.files[fi].tasks[k];
    // 1. A key where `link` never writes it (last, after `status`, is where it does).
    if t.style != Style::Absent && t.position != 2 {
        return true;
    }
    // 2, 3. Unlinked others: those writing `goals = []` against those without the key.
    let count = |same_file: bool| {
        let mut counts = (0, 0);
        for (f, file) in ws.files.iter().enumerate() {
            for (j, o) in file.tasks.iter().enumerate() {
                if (f == fi) != same_file || (f == fi && j == k) || !o.style.empty() {
                    continue;
                }
                if o.style == Style::Absent {
                    counts.1 += 1;
                } else {
                    counts.0 += 1;
                }
            }
        }
        counts
    };
    let (empty, absent) = match count(true) {
        (0, 0) => count(false),
        here => here,
    };
    empty > absent
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_the_file_and_undo_exactly(
        spec in ws_spec(),
        ops in prop::collection::vec((any::<prop::sample::Index>(), 0..TARGETS.len(), op()), 1..12),
    ) {
        let (files, mut expected) = render(&spec);
        let mut ws = load_texts(&files);
        for t in &ws.tasks {
            prop_assert_eq!(&t.goals, &expected[&t.id]);
        }
        let mut fresh = ws.clone();
        let mut edits = Vec::new();
        for (which, target, op) in ops {
            let i = which.index(ws.tasks.len());
            let target = TARGETS[target];
            let id = ws.tasks[i].id.clone();
            let had = expected[&id].iter().any(|g| g == target);
            let edit = match op {
                Op::Toggle => toggle(&ws, i, target),
                Op::Link => link(&ws, i, target),
                Op::Unlink => unlink(&ws, i, target),
            }
            .expect("a known task and target");
            let want = expected.get_mut(&id).unwrap();
            match (op, had) {
                (Op::Toggle | Op::Unlink, true) => want.retain(|g| g != target),
                (Op::Toggle | Op::Link, false) => want.push(target.to_string()),
                _ => {}
            }
            let Some(edit) = edit else {
                prop_assert!(matches!((op, had), (Op::Link, true) | (Op::Unlink, false)));
                continue;
            };
            prop_assert_eq!(&edit.goals_after, &expected[&id]);
            let before = ws.clone();
            prop_assert!(apply_link(&mut ws, &edit), "the edit applies");
            fresh = check_step(&before, &ws, &id, &expected);
            edits.push(edit);
        }
        let _ = fresh;
        for edit in edits.iter().rev() {
            prop_assert!(apply_link(&mut ws, &edit.inverse()), "the inverse applies");
        }
        for ((_, original), f) in files.iter().zip(&ws.files) {
            prop_assert_eq!(original, &f.text);
        }
        let back = load_texts(&texts_of(&ws));
        for (t, m) in back.tasks.iter().zip(&ws.tasks) {
            prop_assert_eq!(&t.goals, &m.goals);
            prop_assert_eq!(&t.layout.goals_value, &m.layout.goals_value);
        }
    }

    #[test]
    fn link_then_unlink_gives_back_the_original(spec in ws_spec(), pick in 0..TARGETS.len()) {
        let (files, _) = render(&spec);
        let ws = load_texts(&files);
        let specs: Vec<(usize, usize, &TaskSpec)> = spec
            .files
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| f.tasks.iter().enumerate().map(move |(k, t)| (fi, k, t)))
            .collect();
        for (i, (fi, k, t)) in specs.into_iter().enumerate() {
            let target = (0..TARGETS.len())
                .map(|d| TARGETS[(pick + d) % TARGETS.len()])
                .find(|g| !t.goals.iter().any(|h| h == g))
                .expect("a target the task is not linked to");
            let edit = link(&ws, i, target).unwrap().expect("a new link");
            let mut linked = ws.clone();
            prop_assert!(apply_link(&mut linked, &edit));
            let mut expected: HashMap<String, Vec<String>> =
                ws.tasks
                    .iter()
                    .map(|t| (t.id.clone(), t.goals.iter().map(ToString::to_string).collect()))
                    .collect();
            expected.get_mut(&ws.tasks[i].id).unwrap().push(target.to_string());
            let reloaded = check_step(&ws, &linked, &ws.tasks[i].id, &expected);

            // Unlink in memory (as the board does) and from a fresh load (as the CLI does).
            for mut state in [linked, reloaded] {
                let edit = unlink(&state, i, target).unwrap().expect("linked now");
                prop_assert!(apply_link(&mut state, &edit));
                let inline = spec.files[fi].inline;
                let keeps = keeps_empty_style(&spec, fi, k);
                let exact = match t.style {
                    Style::Absent => !keeps,
                    // The key goes with its last link unless the file keeps `goals = []`
                    // or the key cannot go alone (a comment after it, first in `{ }`).
                    s if s.empty() => {
                        keeps || (inline && t.position == 0) || (!inline && t.trailing_comment)
                    }
                    _ => true,
                };
                let file = ws.tasks[i].origin.file;
                if exact {
                    prop_assert_eq!(&state.files[file].text, &ws.files[file].text);
                } else {
                    let back = load_texts(&texts_of(&state));
                    prop_assert_eq!(&back.tasks[i].goals, &ws.tasks[i].goals);
                }
            }
        }
    }
}

#[test]
fn apply_keeps_every_other_task_pointing_at_its_id() {
    let text = "version = 1\n\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n\n[[goals]]\nid = \"h\"\ntitle = \"H\"\n\n\
[[tasks]]\nid = \"T-1\"\ntitle = \"one\"\n\n\
[[tasks]]\nid = \"T-2\"\ntitle = \"two\"\ngoals = [\"g\"]\n\n\
[[tasks]]\nid = \"T-3\"\ntitle = \"three\"\ngoals = [\"g\", \"h\"]\n\n\
[[tasks]]\nid = \"T-4\"\ntitle = \"four\"\n";
    let mut ws = load_texts(&[(PathBuf::from("ws/align.toml"), text.to_string())]);
    let steps = [
        ("T-1", "g"),
        ("T-2", "h"),
        ("T-3", "g"),
        ("T-2", "g"),
        ("T-2", "h"),
        ("T-4", "h"),
        ("T-1", "g"),
        ("T-1", "h"),
    ];
    for (id, target) in steps {
        let i = ws.task_by_id(id).unwrap();
        let edit = toggle(&ws, i, target).unwrap().unwrap();
        assert!(apply_link(&mut ws, &edit));
        for t in ws.tasks.iter().filter(|t| t.id != id) {
            let text = &ws.files[t.origin.file].text;
            assert_eq!(
                text[t.origin.span.clone()],
                quote(&t.id),
                "after {id} {target}"
            );
        }
        for g in &ws.goals {
            assert_eq!(ws.files[0].text[g.origin.span.clone()], quote(&g.id));
        }
    }
}

/// Link then unlink as the command line does: each from a fresh load of the text.
fn cli_link_unlink(texts: &[(PathBuf, String)], id: &str, target: &str) -> Vec<String> {
    let mut ws = load_texts(texts);
    let i = ws.task_by_id(id).unwrap();
    let e = link(&ws, i, target).unwrap().unwrap();
    assert!(apply_link(&mut ws, &e));
    let mut ws = load_texts(&texts_of(&ws));
    let e = unlink(&ws, i, target).unwrap().unwrap();
    assert!(apply_link(&mut ws, &e));
    ws.files.iter().map(|f| f.text.clone()).collect()
}

fn one(text: &str) -> Vec<(PathBuf, String)> {
    vec![(PathBuf::from("ws/align.toml"), text.to_string())]
}

const G: &str = "version = 1\n[[goals]]\nid = \"g1\"\ntitle = \"G\"\n\n";

#[test]
fn a_new_goals_line_goes_after_status_else_title_else_id() {
    let text = format!(
        "{G}[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\nstatus = \"todo\"\nimpact = 4\ntags = [\"x\"]\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\" # why\nowner = \"sam\"\n"
    );
    let mut ws = load_texts(&one(&text));
    for id in ["T-1", "T-2"] {
        let i = ws.task_by_id(id).unwrap();
        let e = link(&ws, i, "g1").unwrap().unwrap();
        assert!(apply_link(&mut ws, &e));
    }
    let after = &ws.files[0].text;
    assert!(
        after.contains("status = \"todo\"\ngoals = [\"g1\"]\nimpact = 4\n"),
        "{after}"
    );
    assert!(
        after.contains("title = \"b\" # why\ngoals = [\"g1\"]\nowner = \"sam\"\n"),
        "{after}"
    );
    assert_eq!(load_texts(&texts_of(&ws)).tasks[1].goals, ["g1"]);
}

#[test]
fn unlink_then_link_of_a_task_in_spec_order_gives_back_the_file() {
    let text = format!(
        "{G}[[tasks]]\nid = \"T-1\"\ntitle = \"a\"\nstatus = \"done\"\ngoals = [\"g1\"]\nimpact = 4\nowner = \"maya\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"b\"\n"
    );
    let mut ws = load_texts(&one(&text));
    let e = unlink(&ws, 0, "g1").unwrap().unwrap();
    assert!(apply_link(&mut ws, &e));
    assert!(
        !ws.files[0].text.contains("goals = "),
        "the key went with its last link"
    );
    let mut ws = load_texts(&texts_of(&ws));
    let e = link(&ws, 0, "g1").unwrap().unwrap();
    assert!(apply_link(&mut ws, &e));
    assert_eq!(ws.files[0].text, text);
}

#[test]
fn an_empty_goals_array_stays_when_the_style_says_so() {
    // Written by a person where `link` never writes: kept whatever else the file does.
    let before_status = format!(
        "{G}[[tasks]]\nid = \"T-2\"\ntitle = \"x\"\ngoals = []\nstatus = \"todo\"\n\n[[tasks]]\nid = \"T-3\"\ntitle = \"y\"\n"
    );
    assert_eq!(
        cli_link_unlink(&one(&before_status), "T-2", "g1"),
        [before_status]
    );
    // Another unlinked task writes `goals = []`, in this file or (none here) another.
    let styled = format!(
        "{G}[[tasks]]\nid = \"T-1\"\ntitle = \"w\"\ngoals = []\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"x\"\ngoals = []\n"
    );
    assert_eq!(cli_link_unlink(&one(&styled), "T-2", "g1"), [styled]);
    let split = vec![
        (
            PathBuf::from("ws/a.toml"),
            format!("{G}[[tasks]]\nid = \"T-1\"\ntitle = \"w\"\ngoals = []\n"),
        ),
        (
            PathBuf::from("ws/b.toml"),
            "[[tasks]]\nid = \"T-2\"\ntitle = \"x\"\ngoals = []\n".to_string(),
        ),
    ];
    let texts: Vec<String> = split.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(cli_link_unlink(&split, "T-2", "g1"), texts);
    // More unlinked tasks without the key: the file's style is to leave it out.
    let absent = format!(
        "{G}[[tasks]]\nid = \"T-1\"\ntitle = \"w\"\n\n[[tasks]]\nid = \"T-2\"\ntitle = \"x\"\n\n[[tasks]]\nid = \"T-3\"\ntitle = \"y\"\ngoals = []\n"
    );
    assert_eq!(cli_link_unlink(&one(&absent), "T-2", "g1"), [absent]);
    // No evidence at all: the task without a key (what align writes) comes back exactly.
    let alone = format!("{G}[[tasks]]\nid = \"T-2\"\ntitle = \"x\"\n");
    assert_eq!(cli_link_unlink(&one(&alone), "T-2", "g1"), [alone]);
}
