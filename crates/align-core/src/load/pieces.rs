//! A file of a megabyte or more is cut into pieces at top-level tables and read in
//! parallel, then joined; when a piece has an error or the pieces do not join cleanly,
//! the whole document is read again so every problem is reported exactly as it would be.
//! Reading a piece on its own means moving what it recorded to its place in the file.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::doc::Scratch;
use super::document::{Part, read_document};
use crate::diag::{Diagnostic, Severity, Sink};
use crate::model::{Goal, Task};

use rustc_hash::FxHashMap;

/// Files at least this large are read in pieces, in parallel.
pub(super) const PIECES_FROM: usize = 1 << 20;
/// About how large a piece is. Small pieces keep the load's peak memory low: a piece's
/// tokens, events and nodes take many times its text while it is read, and each core
/// reads one at a time, reusing its buffers from one piece to the next.
pub(super) const PIECE: usize = 128 * 1024;

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
        for t in &mut self.tasks {
            shift_task(t, by);
        }
        for r in self.task_spans.iter_mut().flatten() {
            shift_range(r, by);
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
            let room = self.tasks_hint.saturating_sub(part.tasks.len());
            part.tasks.reserve_exact(room);
            part.task_spans.reserve_exact(room);
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
        whole.task_spans.extend(part.task_spans);
        diags.extend(more);
        true
    }
}

/// Read a large file as pieces parsed in parallel (see [`crate::chunks`]). `None` when
/// any piece has an error or the pieces do not join cleanly: the caller then reads the
/// whole document, which reports every problem exactly.
pub(super) fn read_pieces(sink: &mut Sink, file: usize, text: &str) -> Option<Part> {
    let (starts, tasks_hint) = crate::chunks::split_speculative(text, PIECE);
    if starts.len() < 2 {
        return None;
    }
    read_split(sink, file, text, &starts, tasks_hint, None)
}

/// Files at least this large, and smaller than [`PIECES_FROM`], are read in pieces of
/// [`PIECE_HERE`] one after the other on this thread, reusing one scratch: a document's
/// tokens and events take about 20 bytes for each byte of its text (3.8 MB reserved for
/// a 160 KB file of 1,000 tasks), and a page touched for the first time costs the
/// kernel about 2 µs here. Read whole, 1,000 tasks made 1,600 page faults (1,300 more
/// than `align --version`) and 2.4 ms of system time in an 8.2 ms `score`.
pub(super) const PIECES_HERE_FROM: usize = 8 * 1024;
/// Fewer bytes than any task is written in: `{id='',title=''},` in an inline array of
/// tasks takes 17.
const SMALLEST_TASK: usize = 16;
/// About how large a piece read on this thread is: its tokens and events fit in a few
/// hundred kilobytes, touched once and reused by every piece after it.
pub(super) const PIECE_HERE: usize = 4 * 1024;

/// Read a file of [`PIECES_HERE_FROM`] bytes or more, smaller than [`PIECES_FROM`], as
/// [`read_pieces`] does but one piece after the other on this thread with `scratch`.
/// `None` as for [`read_pieces`]: the caller then reads the whole document.
pub(super) fn read_pieces_here(
    sink: &mut Sink,
    file: usize,
    text: &str,
    scratch: &mut Scratch,
) -> Option<Part> {
    let starts = crate::chunks::cuts_speculative(text, PIECE_HERE);
    if starts.len() < 2 {
        return None;
    }
    let mut joined = Joined {
        whole: None,
        // No task is written in fewer bytes, so the list never grows; the room a
        // shorter guess would save is never touched. Counting the headers instead was
        // a second search of the whole text, about a twentieth of a 300-task load.
        tasks_hint: text.len() / SMALLEST_TASK,
    };
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    scratch.make_room(
        starts
            .iter()
            .zip(ends)
            .map(|(s, e)| e - s)
            .max()
            .unwrap_or(0),
    );
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let mut piece_sink = Sink::at_base(sink.path, text, start);
        let part = read_document(&mut piece_sink, file, &text[start..end], scratch);
        let clean = !piece_sink.out.iter().any(|d| d.severity == Severity::Error);
        let piece = match part {
            Some(mut part) if clean => {
                part.shift(start);
                Some((part, piece_sink.out))
            }
            _ => None,
        };
        if !joined.join(piece) {
            return None;
        }
    }
    let (whole, diags) = joined.whole?;
    sink.out.extend(diags);
    Some(whole)
}

/// Pieces of earlier versions of one file, kept by their text as read at offset 0 — only
/// pieces read without a single diagnostic, whose part does not depend on where they sit.
/// A piece of the same text read again gives the same part, moved to its place: what
/// `align history` reuses from one version of a large file to the next.
#[derive(Default)]
pub(crate) struct Pieces {
    by_text: FxHashMap<Box<str>, Part>,
    /// How many pieces were taken from here rather than read, over every version.
    reused: usize,
}

impl Pieces {
    /// How many pieces were taken from here rather than read again.
    pub(crate) fn reused(&self) -> usize {
        self.reused
    }
}

/// Files at least this large are read in reusable pieces when read in their versions:
/// below it a file reads in a few milliseconds, about what finding its pieces costs.
pub(super) const REUSED_FROM: usize = 128 * 1024;
/// Smallest, about one header in how many, and largest: the content-defined pieces of
/// [`read_reusing`] (see [`crate::chunks::split_by_content`]). Smaller than [`PIECE`],
/// so that an edit makes only a little of the file be read again.
const REUSED_MIN: usize = 16 * 1024;
const REUSED_EVERY: u64 = 64;
const REUSED_MAX: usize = 96 * 1024;

/// Read a large file as [`read_pieces`] does, but cut where its text says (so the
/// unchanged stretches of two versions make the same pieces), taking each piece already
/// in `kept` from there, reading only the others; `kept` then holds this version's
/// pieces. `None` as for [`read_pieces`] (and `kept` is left as it was).
pub(super) fn read_reusing(
    sink: &mut Sink,
    file: usize,
    text: &str,
    kept: &mut Pieces,
) -> Option<Part> {
    let (starts, tasks_hint) =
        crate::chunks::split_by_content(text, REUSED_MIN, REUSED_EVERY, REUSED_MAX);
    if starts.len() < 2 {
        return None;
    }
    read_split(sink, file, text, &starts, tasks_hint, Some(kept))
}

/// A piece read: its part at offset 0 and what was found in it.
type Piece = Option<(Part, Vec<Diagnostic>)>;

/// Read the pieces of `text` that start at `starts`, in parallel, and join them; with
/// `kept`, the pieces found there are not read again, and `kept` is made this version's.
///
/// Each piece is joined as soon as it and those before it are read, so its lists are
/// freed while the other pieces are still being read and their memory serves the next
/// pieces: holding every piece until the end kept the whole model twice at the peak.
fn read_split(
    sink: &mut Sink,
    file: usize,
    text: &str,
    starts: &[usize],
    tasks_hint: usize,
    kept: Option<&mut Pieces>,
) -> Option<Part> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(text.len()))
        .collect();
    // The pieces already read, by their place; only the others are read now.
    let known: Vec<Option<&Part>> = ranges
        .iter()
        .map(|r| {
            kept.as_deref()
                .and_then(|p| p.by_text.get(&text[r.clone()]))
        })
        .collect();
    let unread: Vec<usize> = (0..ranges.len()).filter(|&k| known[k].is_none()).collect();
    let path = sink.path;
    let read_piece = |range: &std::ops::Range<usize>, scratch: &mut Scratch| -> Piece {
        let mut piece_sink = Sink::at_base(path, text, range.start);
        let part = read_document(&mut piece_sink, file, &text[range.clone()], scratch);
        let clean = !piece_sink.out.iter().any(|d| d.severity == Severity::Error);
        match part {
            Some(part) if clean => Some((part, piece_sink.out)),
            _ => None,
        }
    };
    // Set when a piece fails: the others need not be read.
    let failed = AtomicBool::new(false);
    let mut joined = Joined {
        whole: None,
        tasks_hint,
    };
    // This version's pieces read now, clean ones kept for the next version.
    let mut fresh: Vec<(usize, Part)> = Vec::new();
    let keep = kept.is_some();
    let mut join_at = |k: usize, piece: Piece, joined: &mut Joined| -> bool {
        let piece = piece.map(|(mut part, diags)| {
            if keep && diags.is_empty() {
                fresh.push((k, part.clone()));
            }
            part.shift(ranges[k].start);
            (part, diags)
        });
        joined.join(piece)
    };
    // The next of `unread` not yet taken: each core takes the next piece when it is done
    // with one, so a core slowed down (by another program, or by the joining) holds up
    // no share of pieces set aside for it.
    let taken = AtomicUsize::new(0);
    let complete = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let workers: Vec<_> = (0..threads.min(unread.len()))
            .map(|_| {
                let (ranges, unread, read_piece, failed, taken, tx) =
                    (&ranges, &unread, &read_piece, &failed, &taken, tx.clone());
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    let mine =
                        std::iter::from_fn(|| unread.get(taken.fetch_add(1, Ordering::Relaxed)));
                    for &k in mine {
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        let piece = read_piece(&ranges[k], &mut scratch);
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
        // Pieces arrive about in order; one that comes early waits for those before it,
        // and a piece known already is joined when its turn comes.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut take_turns = |waiting: &mut BTreeMap<usize, Piece>, next: &mut usize| -> bool {
            while *next < ranges.len() {
                let piece = match known[*next] {
                    Some(part) => {
                        let mut part = part.clone();
                        part.move_to(file);
                        Some((part, Vec::new()))
                    }
                    None => match waiting.remove(next) {
                        Some(piece) => piece,
                        None => break,
                    },
                };
                let k = *next;
                *next += 1;
                if !join_at(k, piece, &mut joined) {
                    return false;
                }
            }
            true
        };
        for (k, piece) in rx {
            if failed.load(Ordering::Relaxed) {
                continue;
            }
            waiting.insert(k, piece);
            if !take_turns(&mut waiting, &mut next) {
                failed.store(true, Ordering::Relaxed);
            }
        }
        if !failed.load(Ordering::Relaxed) && !take_turns(&mut waiting, &mut next) {
            failed.store(true, Ordering::Relaxed);
        }
        let panicked = workers.into_iter().any(|h| h.join().is_err());
        !panicked && !failed.load(Ordering::Relaxed) && next == ranges.len()
    });
    let reused: Vec<bool> = known.iter().map(Option::is_some).collect();
    drop(known);
    let (whole, diags) = joined.whole.filter(|_| complete)?;
    sink.out.extend(diags);
    if let Some(kept) = kept {
        let mut now = FxHashMap::default();
        for (k, part) in fresh {
            now.insert(Box::from(&text[ranges[k].clone()]), part);
        }
        for (k, r) in ranges.iter().enumerate() {
            if reused[k]
                && !now.contains_key(&text[r.clone()])
                && let Some((key, part)) = kept.by_text.remove_entry(&text[r.clone()])
            {
                now.insert(key, part);
            }
        }
        kept.by_text = now;
        kept.reused += reused.iter().filter(|r| **r).count();
    }
    Some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;
    use std::path::Path;

    /// A file of `tasks` tasks under a few goals with key results, comments and inline
    /// tables: what a team writes, long enough to be cut into pieces.
    fn workspace(tasks: usize) -> String {
        let mut s = String::from(
            "version = 1\n\n[workspace]\nname = \"Payments\"\nmission = \"Checkout that never loses a sale\"\n\n",
        );
        for g in 0..4 {
            let _ = write!(
                s,
                "# Objective {g}\n[[goals]]\nid = \"o{g}\"\ntitle = \"Checkout conversion up {g}\"\n\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Conversion from 61% to 68%\"\n  start = 61\n  target = 68\n  checkins = [\n    {{ date = 2026-10-02, value = 62.0, confidence = 0.7 }},\n  ]\n\n"
            );
        }
        for t in 0..tasks {
            let _ = write!(
                s,
                "[[tasks]]\nid = \"T-{t}\"\ntitle = \"Cache card BIN lookups, part {t}\"  # why: p95\ngoals = [\"o{}/kr1\"]\neffort = {}\nstatus = \"todo\"\n\n",
                t % 4,
                t % 5 + 1
            );
        }
        s
    }

    /// Read whole, and in pieces on this thread: the same goals, tasks, spans and words.
    fn whole_and_here(
        text: &str,
    ) -> (Option<Part>, Vec<Diagnostic>, Option<Part>, Vec<Diagnostic>) {
        let path = Path::new("align.toml");
        let mut scratch = Scratch::default();
        let mut whole_sink = Sink::new(path, text);
        let whole = read_document(&mut whole_sink, 0, text, &mut scratch);
        let mut here_sink = Sink::new(path, text);
        let here = read_pieces_here(&mut here_sink, 0, text, &mut scratch);
        (whole, whole_sink.out, here, here_sink.out)
    }

    #[test]
    fn a_file_read_in_pieces_here_is_the_file_read_whole() {
        for tasks in [60, 200, 1_000] {
            let text = workspace(tasks);
            assert!((PIECES_HERE_FROM..PIECES_FROM).contains(&text.len()));
            let (whole, whole_out, here, here_out) = whole_and_here(&text);
            let (whole, here) = (whole.unwrap(), here.expect("cut into pieces"));
            assert_eq!(here.tasks, whole.tasks, "{tasks} tasks");
            assert_eq!(here.task_spans, whole.task_spans);
            assert_eq!(
                here.goals.iter().map(|(g, p)| (g, *p)).collect::<Vec<_>>(),
                whole.goals.iter().map(|(g, p)| (g, *p)).collect::<Vec<_>>()
            );
            assert_eq!(here.headers, whole.headers);
            assert_eq!(here.keys, whole.keys);
            assert_eq!(here.tasks.len(), tasks);
            assert_eq!(here_out, whole_out);
        }
    }

    #[test]
    fn a_piece_with_an_error_sends_the_file_back_to_be_read_whole() {
        let mut text = workspace(200);
        let at = text.find("id = \"T-150\"").unwrap();
        text.insert_str(at, "effort = \"lots\"\n");
        let (_, whole_out, here, _) = whole_and_here(&text);
        assert!(here.is_none());
        assert!(whole_out.iter().any(|d| d.severity == Severity::Error));
    }
}
