//! Cross-checks that need the whole workspace: unique ids, links that resolve, a goal
//! tree without cycles, and dependencies between tasks (`depends::check`). Each problem
//! names both places involved, so a person merging two teams' files sees at once where
//! the clash is. Each link is resolved as it is checked and the workspace keeps what it
//! names; the duplicate task ids come from the index of the tasks' ids made on another
//! core meanwhile, and are said in their place ([`Checked::finish`]).

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::diag::{Diagnostic, Sink, closest, did_you_mean};
use crate::model::{FileIx, Goal, GoalIx, LinkRef, Origin, Resolved, SourceFile, Task, TaskIx};

fn sink_for(files: &[SourceFile], file: FileIx) -> Sink<'_> {
    Sink::new(&files[file].path, &files[file].text)
}

fn place(files: &[SourceFile], o: &Origin) -> String {
    let s = sink_for(files, o.file);
    let (line, col) = s.at(o.span.start);
    format!("{}:{line}:{col}", files[o.file].path.display())
}

/// The goals of the upstream workspaces, which links and parents may name.
pub(crate) struct Known<'a> {
    pub(crate) upstream_goals: &'a [Goal],
    /// Every upstream loaded (else names of their goals are not judged).
    pub(crate) complete: bool,
}

/// What [`check`] found, waiting for the duplicate task ids: those are found by the
/// index of the tasks' ids made beside it ([`crate::model::TaskIndex`]), so the ids are
/// hashed once, and are said in their place among the other problems of each file.
pub(crate) struct Checked<'a> {
    files: &'a [SourceFile],
    sinks: Vec<Sink<'a>>,
    /// How many problems each file's sink held when the duplicate task ids were due.
    marks: Vec<usize>,
    /// Every task's links as resolved while they were checked.
    pub(crate) resolved: Resolved,
}

impl Checked<'_> {
    /// Say which tasks repeat an id (`repeated`: each such task with the first to have
    /// it, in task order), and hand every problem found to `diags`.
    pub(crate) fn finish(
        mut self,
        tasks: &[Task],
        repeated: &[(TaskIx, TaskIx)],
        diags: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let mut due: Vec<Vec<Diagnostic>> = vec![Vec::new(); self.sinks.len()];
        for &(t, first) in repeated {
            let (t, first) = (&tasks[t], &tasks[first]);
            let sink = &mut self.sinks[t.origin.file.0];
            let held = sink.out.len();
            sink.error(
                t.origin.span.start,
                format!(
                    "duplicate task id {:?}: already used by the task at {}",
                    t.id,
                    place(self.files, &first.origin)
                ),
            );
            due[t.origin.file.0].extend(sink.out.drain(held..));
        }
        for ((sink, mark), due) in self.sinks.iter_mut().zip(self.marks).zip(due) {
            sink.out.splice(mark..mark, due);
        }
        for s in self.sinks {
            diags.extend(s.out);
        }
        self.resolved
    }
}

/// Up to this many key results, a goal's are checked for a repeated id by comparing each
/// with those before it.
const FEW_KEY_RESULTS: usize = 32;

/// Every cross-check but the duplicate task ids, which [`Checked::finish`] adds.
///
/// `all_goals` are the workspace's goals then the upstreams' (`goals` and
/// `upstream`'s, one after the other), indexed by id in `goal_index`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check<'a>(
    files: &'a [SourceFile],
    goals: &[Goal],
    upstream: Known<'_>,
    all_goals: &[Goal],
    goal_index: &HashMap<String, GoalIx>,
    tasks: &[Task],
    link_spans: &[Vec<Range<usize>>],
    parent_spans: &[Option<usize>],
) -> Checked<'a> {
    let mut sinks: Vec<Sink> = (0..files.len())
        .map(|f| sink_for(files, FileIx(f)))
        .collect();

    // Ids: goals are unique among goals; a key result's id only within its goal (`kr1`
    // under every objective is how OKRs are written: links say `goal/kr1`); tasks apart.
    let mut seen: HashMap<&str, &Origin> =
        HashMap::with_capacity_and_hasher(goals.len(), Default::default());
    for g in goals {
        if let Some(first) = seen.get(g.id.as_str()) {
            sinks[g.origin.file.0].error(
                g.origin.span.start,
                format!(
                    "duplicate goal id {:?}: already used by the goal at {}",
                    g.id,
                    place(files, first)
                ),
            );
        } else {
            seen.insert(&g.id, &g.origin);
        }
        // A goal has a few key results: each is compared with those before it, without
        // a map made for every one of 10,000 goals; a map for a goal with many.
        let mut own: HashMap<&str, &Origin> = HashMap::default();
        for (n, k) in g.key_results.iter().enumerate() {
            let first = if g.key_results.len() <= FEW_KEY_RESULTS {
                g.key_results[..n]
                    .iter()
                    .find(|e| e.id == k.id)
                    .map(|e| &e.origin)
            } else {
                let first = own.get(k.id.as_str()).copied();
                own.entry(&k.id).or_insert(&k.origin);
                first
            };
            if let Some(first) = first {
                sinks[k.origin.file.0].error(
                    k.origin.span.start,
                    format!(
                        "duplicate key result id {:?} in goal {:?}: already used at {}",
                        k.id,
                        g.id,
                        place(files, first)
                    ),
                );
            }
        }
    }
    // The duplicate task ids are said here, once the index beside has found them.
    let marks = sinks.iter().map(|s| s.out.len()).collect();

    // Upstream goals are known (links and parents may name them); they were checked
    // when their own workspace loaded.
    let known: Vec<&Goal> = goals.iter().chain(upstream.upstream_goals).collect();
    // An upstream that did not load has its own error: what names its goals is not judged.
    let judged = |id: &str| upstream.complete || !id.contains(crate::load::upstream::KEY_SEPARATOR);
    let by_id: HashMap<&str, &Goal> = known.iter().map(|g| (g.id.as_str(), *g)).collect();
    // Every goal id and `goal/kr`, for did-you-mean: made the first time a link does not
    // resolve (with 10,000 goals, 30,000 strings a valid workspace never needs).
    let targets = std::cell::LazyCell::new(|| -> Vec<String> {
        known
            .iter()
            .copied()
            .flat_map(|g| {
                std::iter::once(g.id.clone()).chain(
                    g.key_results
                        .iter()
                        .map(move |k| LinkRef::key_result(&g.id, &k.id).to_string()),
                )
            })
            .collect()
    });

    // Links, each resolved as it is checked: what the workspace keeps of them
    // ([`Resolved`]), so that they are looked up once.
    let mut starts = Vec::with_capacity(tasks.len() + 1);
    let mut resolved = Vec::with_capacity(tasks.iter().map(|t| t.goals.len()).sum());
    starts.push(0);
    for (t, spans) in tasks.iter().zip(link_spans) {
        // The `goals` entries' spans come first; `depends` entries' follow.
        let mut linked: rustc_hash::FxHashSet<&LinkRef> = Default::default();
        for (n, link) in t.goals.iter().enumerate() {
            let found = crate::model::resolve_in(goal_index, all_goals, link);
            resolved.push(found);
            let Some(span) = spans.get(n) else { continue };
            if !judged(&link.goal) {
                continue;
            }
            let sink = &mut sinks[t.origin.file.0];
            if found.is_none() {
                // Why it names nothing (it does not resolve, so there is a problem).
                if let Some(problem) =
                    unknown_link(link, |id| by_id.get(id).copied(), goals, || &targets)
                {
                    sink.error_help(
                        span.start,
                        format!("{} in task {:?}", problem.what, t.id),
                        problem.help,
                    );
                }
            } else if t.goals.len() > 1 && !linked.insert(link) {
                sink.warning(
                    span.start,
                    format!("task {:?} links \"{link}\" twice", t.id),
                    None,
                );
            }
        }
        starts.push(resolved.len());
    }

    // Dependencies: known tasks, none on itself, no cycles.
    crate::depends::check::check(files, tasks, link_spans, &mut sinks);

    // Parents: known, and no cycles. Problems point at the "parent" value.
    let goal_ids: Vec<&str> = known.iter().map(|g| g.id.as_str()).collect();
    let parent_at = |i: usize| parent_spans.get(i).copied().flatten();
    for (i, g) in goals.iter().enumerate() {
        if let Some(p) = &g.parent
            && !by_id.contains_key(p.as_str())
            && judged(p)
        {
            let help =
                did_you_mean(p, goal_ids.iter().copied()).unwrap_or_else(|| known_goals(goals));
            sinks[g.origin.file.0].error_help(
                parent_at(i).unwrap_or(g.origin.span.start),
                format!("goal {:?} has unknown parent {p:?}", g.id),
                help,
            );
        }
    }
    let index: HashMap<&str, usize> = goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; goals.len()];
    for start in 0..goals.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cycle: Vec<&str> = path[from..]
                        .iter()
                        .chain(std::iter::once(&i))
                        .map(|&p| goals[p].id.as_str())
                        .collect();
                    let first_index = path[from..].iter().copied().min().unwrap_or(i);
                    let first = &goals[first_index];
                    let at = parent_at(first_index).unwrap_or(first.origin.span.start);
                    let (message, help) = if cycle.len() == 2 {
                        (
                            format!("goal {:?} is its own parent", first.id),
                            "parent must be another goal's id, or left out",
                        )
                    } else {
                        (
                            format!("goal parents form a cycle: {}", cycle.join(" → ")),
                            "remove one \"parent\" so the goals form a tree",
                        )
                    };
                    sinks[first.origin.file.0].error_help(at, message, help.to_string());
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    cur = goals[i]
                        .parent
                        .as_deref()
                        .and_then(|p| index.get(p).copied());
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }

    Checked {
        files,
        sinks,
        marks,
        resolved: Resolved::from_lists(starts, resolved),
    }
}

/// What is wrong with a link that does not resolve, and the fix.
pub(crate) struct LinkProblem {
    /// `unknown goal "retension"`, `unknown key result "nokr" of goal "g1"`, …
    pub(crate) what: String,
    pub(crate) help: String,
}

/// Why `link` (`goal` or `goal/kr`) names nothing, or `None` when it resolves. `find`
/// looks a goal up by id; `targets` gives every goal id and `goal/kr`, for did-you-mean
/// (asked only when the link does not resolve). Shared by loading (a link in the file)
/// and `align link` (one on the command line).
pub(crate) fn unknown_link<'g, 't>(
    link: &LinkRef,
    find: impl Fn(&str) -> Option<&'g Goal>,
    goals: &[Goal],
    targets: impl FnOnce() -> &'t [String],
) -> Option<LinkProblem> {
    let Some(g) = find(&link.goal) else {
        let written = link.to_string();
        // A key result's own id alone (`kr1`, `churn`): it is only unique within its goal.
        if link.key_result.is_none() {
            let candidates: Vec<String> = goals
                .iter()
                .flat_map(|g| {
                    g.key_results
                        .iter()
                        .filter(|k| k.id == link.goal)
                        .map(move |k| {
                            format!("{:?}", LinkRef::key_result(&g.id, &k.id).to_string())
                        })
                })
                .collect();
            if !candidates.is_empty() {
                let which = match candidates.as_slice() {
                    [one] => one.clone(),
                    [init @ .., last] => format!("{} or {last}", init.join(", ")),
                    [] => String::new(),
                };
                return Some(LinkProblem {
                    what: format!("bare key result {written:?}"),
                    help: format!("a key result is linked with its goal: did you mean {which}?"),
                });
            }
        }
        let help = did_you_mean(&written, targets().iter().map(String::as_str))
            .unwrap_or_else(|| known_goals(goals));
        let what = if link.key_result.is_some() {
            "goal in link"
        } else {
            "goal"
        };
        return Some(LinkProblem {
            what: format!("unknown {what} {written:?}"),
            help,
        });
    };
    let k = link.key_result.as_deref()?;
    if g.key_results.iter().any(|kr| kr.id == k) {
        return None;
    }
    let written = link.to_string();
    if k.is_empty() {
        return Some(LinkProblem {
            what: format!("empty key result in link {written:?}"),
            help: format!("did you mean {:?}?", g.id),
        });
    }
    let own: Vec<String> = g
        .key_results
        .iter()
        .map(|kr| LinkRef::key_result(&g.id, &kr.id).to_string())
        .collect();
    // Matched on the key result's id alone: the shared "goal/" would make any look close.
    let near = closest(k, g.key_results.iter().map(|kr| kr.id.as_str()))
        .map(|id| format!("did you mean \"{}/{id}\"?", g.id));
    let help = near.unwrap_or_else(|| {
        if own.is_empty() {
            format!("goal {:?} has no key results; link the goal itself", g.id)
        } else {
            format!("its key results: {}", own.join(", "))
        }
    });
    Some(LinkProblem {
        what: format!("unknown key result {k:?} of goal {:?}", g.id),
        help,
    })
}

/// The fix for an unknown goal when no id is close: the ids there are (each once, even
/// when a duplicate id is itself an error), or a few of them.
fn known_goals(goals: &[Goal]) -> String {
    const SHOWN: usize = 8;
    let mut ids: Vec<&str> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    for g in goals {
        if seen.insert(g.id.as_str()) {
            ids.push(g.id.as_str());
        }
    }
    let n = ids.len();
    ids.truncate(SHOWN);
    match n {
        0 => "the workspace has no goals yet; add a [[goals]] table".to_string(),
        n if n > SHOWN => format!("goals: {}, … ({n} in all)", ids.join(", ")),
        _ => format!("goals: {}", ids.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::LoadError;
    use crate::load::load_sources;

    /// The messages of the errors loading `text` gives.
    fn errors(text: &str) -> Vec<String> {
        let path = PathBuf::from("align.toml");
        match load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())]) {
            Err(LoadError::Invalid { errors, .. }) => {
                errors.into_iter().map(|d| d.message).collect()
            }
            Ok(_) => panic!("loaded"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_repeated_key_result_id_is_said_against_its_first_use_however_many_there_are() {
        for count in [4, super::FEW_KEY_RESULTS + 8] {
            let mut text = String::from("version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n");
            for k in 0..count {
                // The first, the one before last and the last are `kr1`; the first's id
                // is on line 6.
                let id = if k == 0 || k + 2 >= count {
                    "kr1".to_string()
                } else {
                    format!("k{k}")
                };
                text.push_str(&format!(
                    "[[goals.key_results]]\nid = \"{id}\"\ntitle = \"K\"\ntarget = 1\n"
                ));
            }
            let said = errors(&text);
            assert_eq!(said.len(), 2, "{count} key results: {said:?}");
            for message in said {
                assert!(
                    message.starts_with("duplicate key result id \"kr1\" in goal \"g\": already used at align.toml:6:"),
                    "{count} key results: {message}"
                );
            }
        }
    }
}
