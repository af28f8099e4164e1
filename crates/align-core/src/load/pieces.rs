//! A file of a megabyte or more is cut into pieces at top-level tables and read in
//! parallel, then joined; when a piece has an error or the pieces do not join cleanly,
//! the whole document is read again so every problem is reported exactly as it would be.
//! Reading a piece on its own means moving what it recorded to its place in the file.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use super::doc::Scratch;
use super::document::{Part, read_document};
use crate::diag::{Diagnostic, Severity, Sink};
use crate::model::{Goal, Task};

/// Files at least this large are read in pieces, in parallel.
pub(super) const PIECES_FROM: usize = 1 << 20;
/// About how large a piece is. Small pieces keep the load's peak memory low: a piece's
/// tokens, events and nodes take many times its text while it is read, and each core
/// reads one at a time, reusing its buffers from one piece to the next.
pub(super) const PIECE: usize = 256 * 1024;

fn shift_range(r: &mut std::ops::Range<usize>, by: usize) {
    r.start += by;
    r.end += by;
}

pub(super) fn shift_goal(g: &mut Goal, by: usize) {
    shift_range(&mut g.origin.span, by);
    shift_range(&mut g.block, by);
    for k in &mut g.key_results {
        shift_range(&mut k.origin.span, by);
    }
}

pub(super) fn shift_task(t: &mut Task, by: usize) {
    shift_range(&mut t.origin.span, by);
    shift_range(&mut t.layout.block, by);
    t.layout.last_value_end += by;
    if let Some(r) = &mut t.layout.goals_value {
        shift_range(r, by);
    }
    if let Some(r) = &mut t.layout.depends_value {
        shift_range(r, by);
    }
}
impl Part {
    /// Move every recorded position by `by` bytes: a piece read on its own to its place
    /// in the file.
    pub(super) fn shift(&mut self, by: usize) {
        if let Some((_, at)) = &mut self.version {
            *at += by;
        }
        if let Some(s) = &mut self.settings {
            s.at += by;
            for (_, r) in &mut s.upstream {
                shift_range(r, by);
            }
        }
        if let Some((at, _)) = &mut self.scoring {
            *at += by;
        }
        for h in &mut self.headers {
            *h += by;
        }
        for (g, parent) in &mut self.goals {
            shift_goal(g, by);
            if let Some(p) = parent {
                *p += by;
            }
        }
        for (t, links) in &mut self.tasks {
            shift_task(t, by);
            for r in links {
                shift_range(r, by);
            }
        }
    }
}

/// The pieces read so far, joined in order.
struct Joined {
    whole: Option<(Part, Vec<Diagnostic>)>,
    /// About how many tasks the file holds, to size the list once.
    tasks_hint: usize,
}

impl Joined {
    /// Add the next piece; false when it cannot be joined (it had an error, or holds
    /// something only the first piece may: then the whole document is read instead).
    fn join(&mut self, piece: Option<(Part, Vec<Diagnostic>)>) -> bool {
        let Some((mut part, more)) = piece else {
            return false;
        };
        let Some((whole, diags)) = &mut self.whole else {
            part.tasks
                .reserve_exact(self.tasks_hint.saturating_sub(part.tasks.len()));
            self.whole = Some((part, more));
            return true;
        };
        for (key, array) in &part.keys {
            let joins = *array
                && matches!(key.as_str(), "goals" | "tasks")
                && whole.keys.iter().all(|(k, a)| k != key || *a);
            if whole.keys.iter().any(|(k, _)| k == key) && !joins {
                return false;
            }
            if !whole.keys.iter().any(|(k, _)| k == key) {
                whole.keys.push((key.clone(), *array));
            }
        }
        if part.version.is_some() || part.settings.is_some() || part.scoring.is_some() {
            return false;
        }
        whole.headers.extend(part.headers);
        whole.goals.extend(part.goals);
        whole.tasks.extend(part.tasks);
        diags.extend(more);
        true
    }
}

/// Read a large file as pieces parsed in parallel (see [`crate::chunks`]). `None` when
/// any piece has an error or the pieces do not join cleanly: the caller then reads the
/// whole document, which reports every problem exactly.
///
/// Each piece is joined as soon as it and those before it are read, so its lists are
/// freed while the other pieces are still being read and their memory serves the next
/// pieces: holding every piece until the end kept the whole model twice at the peak.
pub(super) fn read_pieces(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let (starts, tasks_hint) = crate::chunks::split_counting(text, PIECE);
    if starts.len() < 2 {
        return None;
    }
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(text.len()))
        .collect();
    let path = sink.path;
    let read_piece = |range: &std::ops::Range<usize>, scratch: &mut Scratch| {
        let mut piece_sink = Sink::at_base(path, text, range.start);
        let part = read_document(&mut piece_sink, file, &text[range.clone()], scratch);
        let clean = !piece_sink.out.iter().any(|d| d.severity == Severity::Error);
        match part {
            Some(mut part) if clean => {
                part.shift(range.start);
                Some((part, piece_sink.out))
            }
            _ => None,
        }
    };
    // Set when a piece fails: the others need not be read.
    let failed = AtomicBool::new(false);
    let mut joined = Joined {
        whole: None,
        tasks_hint,
    };
    let complete = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let workers: Vec<_> = (0..threads.min(ranges.len()))
            .map(|w| {
                let (ranges, read_piece, failed, tx) = (&ranges, &read_piece, &failed, tx.clone());
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    let mine = ranges.iter().enumerate().filter(|(k, _)| k % threads == w);
                    for (k, range) in mine {
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        let piece = read_piece(range, &mut scratch);
                        if piece.is_none() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        if tx.send((k, piece)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        // Pieces arrive about in order; one that comes early waits for those before it.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (k, piece) in rx {
            if failed.load(Ordering::Relaxed) {
                continue;
            }
            waiting.insert(k, piece);
            while let Some(piece) = waiting.remove(&next) {
                next += 1;
                if !joined.join(piece) {
                    failed.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
        let panicked = workers.into_iter().any(|h| h.join().is_err());
        !panicked && !failed.load(Ordering::Relaxed) && next == ranges.len()
    });
    let (whole, diags) = joined.whole.filter(|_| complete)?;
    sink.out.extend(diags);
    Some(whole)
}
