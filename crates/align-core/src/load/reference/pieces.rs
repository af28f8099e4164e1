//! A file of a megabyte or more cut into pieces at top-level tables, each parsed into a
//! `DeTable` in parallel and joined (the loader as it was); when a piece has an error or
//! the pieces do not join cleanly, the whole document is read again.

use super::document::read_document;
use crate::diag::{Diagnostic, Severity, Sink};
use crate::load::document::Part;
use crate::load::pieces::PIECE;

/// Read a large file as pieces parsed in parallel (see [`crate::chunks`]). `None` when
/// any piece has an error or the pieces do not join cleanly: the caller then reads the
/// whole document, which reports every problem exactly.
pub(super) fn read_pieces(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let target = PIECE;
    let starts = crate::chunks::split(text, target);
    if starts.len() < 2 {
        return None;
    }
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(text.len()))
        .collect();
    let path = sink.path;
    let read_piece = |range: &std::ops::Range<usize>| {
        let mut piece_sink = Sink::at_base(path, text, range.start);
        let part = read_document(&mut piece_sink, file, &text[range.clone()]);
        let clean = !piece_sink.out.iter().any(|d| d.severity == Severity::Error);
        match part {
            Some(mut part) if clean => {
                part.shift(range.start);
                Some((part, piece_sink.out))
            }
            _ => None,
        }
    };
    let pieces: Vec<Option<(Part, Vec<Diagnostic>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(ranges.len()))
            .map(|w| {
                let ranges = &ranges;
                let read_piece = &read_piece;
                scope.spawn(move || {
                    ranges
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| k % threads == w)
                        .map(|(k, r)| (k, read_piece(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<_> = workers
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        all.sort_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, p)| p).collect()
    });
    if pieces.len() != ranges.len() {
        return None;
    }
    // Room for every piece's goals and tasks at once: growing the first piece's lists
    // piece by piece would copy them again and again, at the peak of the load.
    let count = |of: fn(&Part) -> usize| -> usize {
        pieces.iter().flatten().map(|(part, _)| of(part)).sum()
    };
    let (all_goals, all_tasks) = (count(|p| p.goals.len()), count(|p| p.tasks.len()));
    let mut pieces = pieces.into_iter();
    let (mut whole, mut diags) = pieces.next()??;
    whole.goals.reserve_exact(all_goals - whole.goals.len());
    whole.tasks.reserve_exact(all_tasks - whole.tasks.len());
    whole
        .task_spans
        .reserve_exact(all_tasks - whole.task_spans.len());
    for piece in pieces {
        let (part, more) = piece?;
        for (key, array) in &part.keys {
            let joins = *array
                && matches!(key.as_str(), "goals" | "tasks")
                && whole.keys.iter().all(|(k, a)| k != key || *a);
            if whole.keys.iter().any(|(k, _)| k == key) && !joins {
                return None;
            }
            if !whole.keys.iter().any(|(k, _)| k == key) {
                whole.keys.push((key.clone(), *array));
            }
        }
        if part.version.is_some() || part.settings.is_some() || part.scoring.is_some() {
            return None;
        }
        whole.headers.extend(part.headers);
        whole.goals.extend(part.goals);
        whole.tasks.extend(part.tasks);
        whole.task_spans.extend(part.task_spans);
        diags.extend(more);
    }
    sink.out.extend(diags);
    Some(whole)
}
