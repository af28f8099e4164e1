//! Every file's part joined into one [`Workspace`]: the version each file must carry,
//! the one `[workspace]` and `[scoring]` table, each goal's and task's block stretched to
//! the next top-level table, then the cross-checks of ids, links and parents.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::VERSION;
use super::document::{Part, Settings};
use crate::diag::{Diagnostic, Severity, Sink};
use crate::model::{
    Coefficients, Indexes, Lens, Parts, SourceFile, Task, TaskIndex, Workspace, goal_index,
};

/// A `[[goals]]` or `[[tasks]]` element owns the bytes up to the next top-level header.
fn stretch_blocks(part: &mut Part, text: &str) {
    // A stable sort: the headers come as a few runs already in order (each piece's goals,
    // then its tasks), which it merges in linear time.
    part.headers.sort();
    let mut ends = Ends {
        headers: &part.headers,
        next: 0,
        len: text.len(),
    };
    let is_header = |at: usize| text.as_bytes().get(at) == Some(&b'[');
    for (g, _) in &mut part.goals {
        if is_header(g.block.start) {
            g.block.end = ends.of(g.block.start);
        }
    }
    ends.next = 0;
    for t in &mut part.tasks {
        if is_header(t.layout.block.start) {
            t.layout.block.end = ends.of(t.layout.block.start);
        }
    }
}

/// Where blocks end: at the first header after their start, or at the end of the text.
/// Blocks asked for in the file's order (as a file's goals and tasks are) are answered
/// by walking the sorted headers once; one that starts before the last asked for is
/// searched for.
struct Ends<'a> {
    headers: &'a [usize],
    /// `headers[..next]` start at or before the block asked for last.
    next: usize,
    /// The length of the text.
    len: usize,
}

impl Ends<'_> {
    fn of(&mut self, start: usize) -> usize {
        if self.next > 0 && self.headers[self.next - 1] > start {
            self.next = self.headers.partition_point(|&h| h <= start);
        }
        while self.headers.get(self.next).is_some_and(|&h| h <= start) {
            self.next += 1;
        }
        self.headers.get(self.next).copied().unwrap_or(self.len)
    }
}

/// A directory's tasks joined into one list while its files are read: each file's list
/// is moved here (in the files' order) as soon as it and the files before it are read,
/// and freed, so the files read after it reuse that memory. Joined afterwards, 500
/// people's lists would all be held until a second list of every task had been filled:
/// at 100,000 tasks about 30 MB more at the peak, and as many fresh pages for the kernel
/// to zero, on one core after the others had finished.
pub(super) struct Gathered {
    tasks: Vec<Task>,
    task_spans: Vec<Vec<Range<usize>>>,
    /// Files with text so far: the place the next one takes in the workspace's list.
    files: usize,
    /// The listed files and their bytes, and those seen so far: to size the lists.
    listed: usize,
    bytes: u64,
    seen: (usize, u64),
}

impl Gathered {
    /// For the files of `listing`, in its order.
    pub(super) fn new(listing: &super::Listing) -> Gathered {
        Gathered {
            tasks: Vec::new(),
            task_spans: Vec::new(),
            files: 0,
            listed: listing.files.len(),
            bytes: listing.bytes,
            seen: (0, 0),
        }
    }

    /// Take the next file's tasks (the files come in order): its part is moved to its
    /// place in the workspace's list of files, as [`super::join`] would, and its blocks
    /// stretched, as [`assemble`] would; both do the same again without effect.
    pub(super) fn take(&mut self, read: &mut super::FileRead) {
        let Some(source) = &read.source else { return };
        let file = self.files;
        self.files += 1;
        let len = source.text.len() as u64;
        // What is still to come, this file included (as listed: passed-over files too).
        let left_bytes = self.bytes.saturating_sub(self.seen.1).max(len);
        let left_files = self.listed.saturating_sub(self.seen.0).max(1) as u64;
        self.seen = (self.seen.0 + 1, self.seen.1 + len);
        let Some(part) = &mut read.part else { return };
        part.move_to(file);
        stretch_blocks(part, &source.text);
        if part.tasks.is_empty() {
            return;
        }
        if self.tasks.capacity() == 0 {
            // The first file with tasks: its lists are taken as they are (a directory
            // with one align file copies nothing), with room for the rest, sized once:
            // as many tasks per byte in the files still to come, a quarter more, and no
            // more than twice this file's tasks for each of them. A wrong guess only costs
            // a copy (too few) or room never touched (too many).
            let here = part.tasks.len() as u64;
            let per_byte = here as f64 / len.max(1) as f64;
            let by_bytes = (per_byte * left_bytes as f64 * 1.25) as u64;
            let room = by_bytes.min(here.saturating_mul(2 * left_files)).max(here);
            let more = usize::try_from(room - here).unwrap_or(usize::MAX);
            self.tasks = std::mem::take(&mut part.tasks);
            self.task_spans = std::mem::take(&mut part.task_spans);
            if self.tasks.try_reserve_exact(more).is_ok() {
                let _ = self.task_spans.try_reserve_exact(more);
            }
            return;
        }
        // Taken, not appended: the part's own lists are freed here, now.
        self.tasks.extend(std::mem::take(&mut part.tasks));
        self.task_spans.extend(std::mem::take(&mut part.task_spans));
    }
}

pub(super) fn assemble(
    root: &Path,
    files: Vec<SourceFile>,
    parts: Vec<Part>,
    gathered: Option<Gathered>,
    chain: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Option<Workspace> {
    let mut settings: Option<(usize, Settings)> = None;
    let mut first_settings: Option<usize> = None;
    for part in &parts {
        let file = &files[part.file];
        let mut sink = Sink::new(&file.path, &file.text);
        let holds_workspace = part.settings.is_some() || parts.len() == 1;
        match part.version {
            Some((Ok(VERSION), _)) => {}
            Some((Ok(v), at)) => sink.error_help(
                at,
                format!("unsupported version {v}"),
                format!("this align reads format version {VERSION}"),
            ),
            Some((Err(found), at)) => sink.error_help(
                at,
                format!("\"version\" must be the integer {VERSION}, found {found}"),
                format!("write `version = {VERSION}`, without quotes or decimals"),
            ),
            None if holds_workspace => sink.error_help(
                0,
                "missing \"version\"",
                format!("add `version = {VERSION}` at the top of the file"),
            ),
            None => {}
        }
        if let Some(s) = &part.settings {
            match first_settings {
                Some(first) => sink.error(
                    s.at,
                    format!(
                        "a second [workspace] table; the first is in {}",
                        files[first].path.display()
                    ),
                ),
                None => first_settings = Some(part.file),
            }
        }
        diags.extend(sink.out);
    }
    // Several files' lists are joined into lists sized once; one file's are taken as
    // they are, not copied: for one large file a copy would be made at the peak of the load.
    // The tasks a directory's files gave while they were read are there already (their
    // parts hold none).
    let (mut goals, mut tasks, mut link_spans) = match gathered {
        Some(g) => (Vec::new(), g.tasks, g.task_spans),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    if parts.len() > 1 {
        let more: usize = parts.iter().map(|p| p.tasks.len()).sum();
        goals.reserve_exact(parts.iter().map(|p| p.goals.len()).sum());
        if more > 0 {
            tasks.reserve_exact(more);
            link_spans.reserve_exact(more);
        }
    }
    let mut scoring: Option<(usize, Coefficients)> = None;
    for mut part in parts {
        let file = part.file;
        stretch_blocks(&mut part, &files[file].text);
        if let Some((at, c)) = part.scoring {
            if let Some((first, _)) = &scoring {
                let file = &files[part.file];
                let mut sink = Sink::new(&file.path, &file.text);
                sink.error(
                    at,
                    format!(
                        "a second [scoring] table; the first is in {}",
                        files[*first].path.display()
                    ),
                );
                diags.extend(sink.out);
            } else {
                scoring = Some((part.file, c));
            }
        }
        if let Some(s) = part.settings
            && settings.is_none()
        {
            settings = Some((part.file, s));
        }
        taken_or_joined(&mut goals, part.goals);
        taken_or_joined(&mut tasks, part.tasks);
        taken_or_joined(&mut link_spans, part.task_spans);
    }
    let (mut goals, parent_spans): (Vec<_>, Vec<_>) = goals.into_iter().unzip();
    let resolved = match &settings {
        Some((file, s)) if !s.upstream.is_empty() => {
            super::upstream::resolve(&files[*file], &s.upstream, chain, diags)
        }
        _ => super::upstream::Resolved {
            complete: true,
            ..Default::default()
        },
    };
    let super::upstream::Resolved {
        upstreams,
        goals: upstream_goals,
        complete,
    } = resolved;
    // The upstreams' goals after the team's own: the team's keep their places.
    let own = goals.len();
    goals.extend(upstream_goals);
    // The tasks' ids are indexed on a core of their own while the other checks run; the
    // duplicates the index finds are said among them, and the rest of the indexes (the
    // goals', every link resolved) follows.
    let goal_index = goal_index(&goals);
    let (tasks_ix, checked) = crate::cores::both(
        tasks.len(),
        || TaskIndex::of(&tasks),
        || {
            crate::validate::check(
                &files,
                &goals[..own],
                crate::validate::Known {
                    upstream_goals: &goals[own..],
                    complete,
                },
                &goals,
                &goal_index,
                &tasks,
                &link_spans,
                &parent_spans,
            )
        },
    );
    let resolved = checked.finish(&tasks, &tasks_ix.repeated, diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let indexes = Indexes::made(goal_index, tasks_ix, resolved);
    let settings = settings.map(|s| s.1);
    let default_name = || {
        root.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "workspace".to_string())
    };
    let coefficients = scoring.map(|s| s.1).unwrap_or_default();
    let (name, mission, lens, stale_after_days, key, traction_window_days) = match settings {
        Some(s) => (
            s.name.unwrap_or_else(default_name),
            s.mission,
            s.lens,
            s.stale_after_days,
            s.key,
            s.traction_window_days,
        ),
        None => (
            default_name(),
            None,
            Lens::Strategy,
            14,
            None,
            crate::traction::DEFAULT_WINDOW_DAYS,
        ),
    };
    let key = key.unwrap_or_else(|| super::upstream::default_key(root));
    Some(Workspace::indexed(
        Parts {
            name,
            mission,
            lens,
            stale_after_days,
            traction_window_days,
            coefficients,
            goals,
            tasks,
            files,
            root: root.to_path_buf(),
            key,
            upstreams,
        },
        indexes,
    ))
}

/// `part` after the lists already in `list`: taken as it is when `list` was made with no
/// room (the one file's list), else joined.
fn taken_or_joined<T>(list: &mut Vec<T>, part: Vec<T>) {
    if list.capacity() == 0 {
        *list = part;
    } else {
        list.extend(part);
    }
}

#[cfg(test)]
mod tests {
    use super::Ends;
    use proptest::prelude::*;

    proptest! {
        /// Asked in any order, a block ends where a search of the headers says.
        #[test]
        fn a_block_ends_at_the_next_header(
            mut headers in proptest::collection::vec(0usize..200, 0..20),
            starts in proptest::collection::vec(0usize..220, 0..30),
        ) {
            headers.sort_unstable();
            let mut ends = Ends { headers: &headers, next: 0, len: 220 };
            for start in starts {
                let next = headers.partition_point(|&h| h <= start);
                prop_assert_eq!(ends.of(start), headers.get(next).copied().unwrap_or(220));
            }
        }
    }
}
