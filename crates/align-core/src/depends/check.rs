//! What loading refuses in `depends`: an id that names no task (with the nearest id
//! offered), a task waiting on itself, and tasks waiting on each other in a cycle —
//! work that can never start. A cycle is printed whole, each task with the place of the
//! `depends` entry that continues it, so the person sees every entry they could remove,
//! across the files of a directory workspace.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Sink, did_you_mean};
use crate::model::{SourceFile, Task};

/// Check every task's `depends`. `spans[t]` are task `t`'s value spans: its `goals`
/// entries, then its `depends` entries.
pub(crate) fn check(
    files: &[SourceFile],
    tasks: &[Task],
    spans: &[Vec<Range<usize>>],
    sinks: &mut [Sink<'_>],
) {
    if tasks.iter().all(|t| t.depends.is_empty()) {
        return;
    }
    let mut index: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(tasks.len(), Default::default());
    for (i, t) in tasks.iter().enumerate() {
        index.entry(t.id.as_str()).or_insert(i);
    }
    let entry_at = |t: usize, n: usize| -> usize {
        spans
            .get(t)
            .and_then(|s| s.get(tasks[t].goals.len() + n))
            .map_or(tasks[t].origin.span.start, |r| r.start)
    };
    // Each task's blockers that resolve, with the entry naming each.
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); tasks.len()];
    for (i, t) in tasks.iter().enumerate() {
        let sink = &mut sinks[t.origin.file.0];
        for (n, id) in t.depends.iter().enumerate() {
            let at = entry_at(i, n);
            match index.get(id.as_str()) {
                None => {
                    let help = did_you_mean(id, tasks.iter().map(|t| t.id.as_str()))
                        .unwrap_or_else(|| {
                            "\"depends\" names the ids of tasks in this workspace".to_string()
                        });
                    sink.error_help(
                        at,
                        format!("unknown task {id:?} in \"depends\" of task {:?}", t.id),
                        help,
                    );
                }
                Some(_) if *id == t.id => sink.error_help(
                    at,
                    format!("task {:?} depends on itself", t.id),
                    format!("remove {id:?} from its \"depends\""),
                ),
                Some(&b) => {
                    if edges[i].iter().any(|&(o, _)| o == b) {
                        sink.warning(at, format!("task {:?} depends on {id:?} twice", t.id), None);
                    } else {
                        edges[i].push((b, n));
                    }
                }
            }
        }
    }
    // Cycles: a depth-first walk without recursion; an edge back to a task on the
    // current path closes a cycle. 0 = not seen, 1 = on the path, 2 = done.
    let mut state = vec![0u8; tasks.len()];
    for start in 0..tasks.len() {
        if state[start] != 0 || edges[start].is_empty() {
            continue;
        }
        // (task, next edge to follow)
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (t, ref mut next)) = path.last_mut() {
            let Some(&(b, _)) = edges[t].get(*next) else {
                state[t] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state[b] {
                0 => {
                    state[b] = 1;
                    path.push((b, 0));
                }
                1 => report_cycle(files, tasks, &edges, &path, b, &entry_at, sinks),
                _ => {}
            }
        }
    }
}

/// Report the cycle closed by an edge from the end of `path` back to `to`.
fn report_cycle(
    files: &[SourceFile],
    tasks: &[Task],
    edges: &[Vec<(usize, usize)>],
    path: &[(usize, usize)],
    to: usize,
    entry_at: &dyn Fn(usize, usize) -> usize,
    sinks: &mut [Sink<'_>],
) {
    let from = path.iter().position(|&(t, _)| t == to).unwrap_or(0);
    let members = &path[from..];
    // Each member's entry that names the next member (`next` is one past it).
    let place = |&(t, next): &(usize, usize)| {
        let entry = edges[t][next - 1].1;
        let at = entry_at(t, entry);
        let file = tasks[t].origin.file;
        let (line, col) = sinks[file.0].at(at);
        (at, format!("{}:{line}:{col}", files[file.0].path.display()))
    };
    let mut chain: Vec<String> = members
        .iter()
        .map(|m| format!("{:?} ({})", tasks[m.0].id, place(m).1))
        .collect();
    chain.push(format!("{:?}", tasks[to].id));
    let (at, _) = place(&members[0]);
    let first = &tasks[members[0].0];
    sinks[first.origin.file.0].error_help(
        at,
        format!("tasks wait on each other in a cycle: {}", chain.join(" → ")),
        "remove one of these \"depends\" entries so the work can start".to_string(),
    );
}
