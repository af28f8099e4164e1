//! The temporary files a save writes beside its target before renaming them into place:
//! how they are named (never `*.toml`, so a directory workspace never loads one), and the
//! removal of the ones a writer killed mid-save left behind.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

/// A leftover temp file (of a writer killed mid-save) older than this is removed by the next
/// save under the lock. Under the lock no live align writes one; the age is a second guard
/// for file systems where the lock is not honoured.
const STALE_TEMP: Duration = Duration::from_secs(60);
/// Random characters at the end of a temp file's name.
const TEMP_RANDOM: usize = 6;

/// An error from creating or persisting a temp file, without the temp file's name that
/// `tempfile` adds ("… at path \".align-tmp.x.toml.QqVw5O\""): it means nothing to the
/// person, who is told the file they named instead.
pub(super) fn without_temp_name(e: io::Error) -> io::Error {
    let os = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<io::Error>())
        .and_then(io::Error::raw_os_error);
    match (e.raw_os_error(), os) {
        (Some(_), _) => e,
        (None, Some(code)) => io::Error::from_raw_os_error(code),
        (None, None) if e.get_ref().is_some() => io::Error::from(e.kind()),
        _ => e,
    }
}

/// `.align-tmp.{file_name}.`, how this file's temp files start (then [`TEMP_RANDOM`]
/// characters). Never `*.toml`, so a directory workspace never loads one.
pub(super) fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    format!(".align-tmp.{}.", name.to_string_lossy())
}

/// A temp file builder for names starting with `prefix` (see [`temp_prefix`]).
pub(super) fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).rand_bytes(TEMP_RANDOM);
    builder
}

/// Remove temp files of `target` left by a writer killed mid-save (SIGKILL, power loss: it
/// could not clean up), once they are [`STALE_TEMP`] old. Call only under the lock. Best
/// effort: a leftover that cannot be removed harms nothing.
pub(super) fn remove_stale_temps(dir: &Path, target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let ours = rest.len() == TEMP_RANDOM && rest.bytes().all(|b| b.is_ascii_alphanumeric());
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}
