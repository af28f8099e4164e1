//! Every file's part joined into one [`Workspace`]: the version each file must carry,
//! the one `[workspace]` and `[scoring]` table, each goal's and task's block stretched to
//! the next top-level table, then the cross-checks of ids, links and parents.

use std::path::{Path, PathBuf};

use super::VERSION;
use super::document::{Part, Settings};
use crate::diag::{Diagnostic, Severity, Sink};
use crate::model::{Coefficients, Lens, Parts, SourceFile, Task, Workspace};

/// A `[[goals]]` or `[[tasks]]` element owns the bytes up to the next top-level header.
fn stretch_blocks(part: &mut Part, text: &str) {
    part.headers.sort_unstable();
    let headers = &part.headers;
    let end_of = |start: usize| {
        let next = headers.partition_point(|&h| h <= start);
        headers.get(next).copied().unwrap_or(text.len())
    };
    let is_header = |at: usize| text.as_bytes().get(at) == Some(&b'[');
    for (g, _) in &mut part.goals {
        if is_header(g.block.start) {
            g.block.end = end_of(g.block.start);
        }
    }
    for (t, _) in &mut part.tasks {
        if is_header(t.layout.block.start) {
            t.layout.block.end = end_of(t.layout.block.start);
        }
    }
}

pub(super) fn assemble(
    root: &Path,
    files: Vec<SourceFile>,
    parts: Vec<Part>,
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
    let (mut goals, mut tasks) = if parts.len() > 1 {
        (
            Vec::with_capacity(parts.iter().map(|p| p.goals.len()).sum()),
            Vec::with_capacity(parts.iter().map(|p| p.tasks.len()).sum()),
        )
    } else {
        (Vec::new(), Vec::new())
    };
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
        if goals.capacity() == 0 {
            goals = part.goals;
        } else {
            goals.extend(part.goals);
        }
        if tasks.capacity() == 0 {
            tasks = part.tasks;
        } else {
            tasks.extend(part.tasks);
        }
    }
    // Taken apart in place: the tasks keep their list's memory, the spans are moved out.
    let link_spans: Vec<_> = tasks.iter_mut().map(|(_, s)| std::mem::take(s)).collect();
    let tasks: Vec<Task> = tasks.into_iter().map(|(t, _)| t).collect();
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
    crate::validate::check(
        &files,
        &goals,
        crate::validate::Known {
            upstream_goals: &upstream_goals,
            complete,
        },
        &tasks,
        &link_spans,
        &parent_spans,
        diags,
    );
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
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
    // The upstreams' goals after the team's own: the team's keep their places.
    goals.extend(upstream_goals);
    Some(Workspace::new(Parts {
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
    }))
}
