//! After a splice, every byte offset the model recorded past it moves by the change in
//! length — goals, key results, tasks, their blocks and `goals` values — so the board
//! keeps editing without reloading the file. Which block a splice at its very end grows
//! is decided here.

use std::ops::Range;

use crate::model::{FileIx, GoalIx, Origin, TaskIx, Workspace};

pub(super) fn shift(offset: &mut usize, from: usize, delta: isize) {
    if *offset >= from {
        *offset = offset.saturating_add_signed(delta);
    }
}

pub(super) fn shift_origin(o: &mut Origin, file: FileIx, from: usize, delta: isize) {
    if o.file == file && o.span.start >= from {
        shift(&mut o.span.start, from, delta);
        shift(&mut o.span.end, from, delta);
    }
}

/// What [`shift_positions`] leaves alone: the item an edit re-reads or sets itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Except {
    Task(TaskIx),
    Goal(GoalIx),
    Nothing,
}

/// A block holding the edit grows or shrinks with it. `boundary_grows`: text inserted
/// exactly at a block's end belongs to that block (a new last line of a task) rather
/// than to what follows (a new task appended after it).
pub(super) fn shift_block(
    block: &mut Range<usize>,
    at: usize,
    from: usize,
    delta: isize,
    boundary_grows: bool,
) {
    if block.end > at && block.end < from {
        // The block ended inside removed text: it now ends where the removal was.
        block.end = at;
    } else if block.start >= from {
        shift(&mut block.start, from, delta);
        shift(&mut block.end, from, delta);
    } else if block.end > from || (block.end == from && boundary_grows) {
        shift(&mut block.end, from, delta);
    }
}

/// Move every recorded position in `file` at or after `from` by `delta` bytes.
pub(crate) fn shift_positions(
    ws: &mut Workspace,
    file: FileIx,
    at: usize,
    from: usize,
    delta: isize,
    except: Except,
    boundary_grows: bool,
) {
    for (i, g) in ws.goals.iter_mut().enumerate() {
        // An upstream goal's origin is in its own workspace's files, not this one's.
        if g.origin.file != file || g.upstream.is_some() || except == Except::Goal(GoalIx(i)) {
            continue;
        }
        shift_origin(&mut g.origin, file, from, delta);
        shift_block(&mut g.block, at, from, delta, boundary_grows);
        for k in &mut g.key_results {
            shift_origin(&mut k.origin, file, from, delta);
        }
    }
    for (i, t) in ws.tasks.iter_mut().enumerate() {
        if t.origin.file != file || except == Except::Task(TaskIx(i)) {
            continue;
        }
        // An end exactly where text is inserted stays: the new text comes after it.
        if t.layout.last_value_end > from || (t.layout.last_value_end == from && from > at) {
            shift(&mut t.layout.last_value_end, from, delta);
        }
        for r in [&mut t.layout.goals_value, &mut t.layout.depends_value]
            .into_iter()
            .flatten()
        {
            shift(&mut r.start, from, delta);
            // Text inserted right after the value (a new task at the end of a file without
            // a final newline) is not part of it.
            if r.end > from || (r.end == from && from > at) {
                shift(&mut r.end, from, delta);
            }
        }
        shift_block(&mut t.layout.block, at, from, delta, boundary_grows);
        shift_origin(&mut t.origin, file, from, delta);
    }
}
