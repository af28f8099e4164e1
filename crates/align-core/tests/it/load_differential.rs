//! The loader against the reference loader it replaced (`align_testkit::differential`):
//! on every input of the `load` fuzz corpus (read as the fuzz target reads it), on
//! generated workspaces of every style and size, on the same with bytes changed at
//! random (so broken documents, and their messages, are compared too), and on the command
//! line's fixtures — the same model and the same messages, except where the loader is
//! meant to be stricter (`differential::STRICTER`, each with its reason).

use std::path::{Path, PathBuf};

use align_testkit::differential::{Agreement, STRICTER, compare, large_of, sources_of};
use align_testkit::generate::generate;
use align_testkit::workspaces::{self, Stream};

/// How many inputs compared, and how many of them the loader refused as it must.
#[derive(Default, Debug)]
struct Tally {
    same: usize,
    stricter: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, what: &str, root: &Path, sources: &[(PathBuf, Vec<u8>)]) {
        match compare(root, sources) {
            Ok(Agreement::Same) => self.same += 1,
            Ok(Agreement::Stricter(_)) => self.stricter += 1,
            Err(e) if self.failures.len() < 5 => self.failures.push(format!("{what}: {e}")),
            Err(_) => self.failures.push(what.to_string()),
        }
    }

    fn assert_agreed(&self, at_least: usize) {
        assert!(
            self.failures.is_empty(),
            "{} of {} inputs load differently; the first:\n{}",
            self.failures.len(),
            self.same + self.stricter + self.failures.len(),
            self.failures.join("\n\n")
        );
        assert!(
            self.same >= at_least,
            "only {} inputs compared the same: {self:?}",
            self.same
        );
    }
}

/// A small deterministic random source (xorshift), for choices and changed bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn numbers(&mut self, n: usize) -> Vec<u32> {
        (0..n).map(|_| self.next() as u32).collect()
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = manifest().join("../../fuzz/corpus/load");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let data = std::fs::read(&p).expect("a corpus file");
            (p, data)
        })
        .collect()
}

/// Whether a large file made of `data` is cut into pieces at all: only at `[[goals]]`
/// or `[[tasks]]` lines.
fn has_array_header(data: &[u8]) -> bool {
    data.windows(2).any(|w| w == b"[[")
}

#[test]
fn the_fuzz_corpus_loads_the_same() {
    let corpus = corpus();
    let mut tally = Tally::default();
    for (path, data) in &corpus {
        for (root, sources) in sources_of(data) {
            tally.check(&path.display().to_string(), &root, &sources);
        }
    }
    // Made large, a sample: a 1 MB file takes a while in a debug build. The fuzz target
    // compares every input this way, and the ignored test below does too.
    for (path, data) in corpus.iter().step_by(8) {
        if let Some((root, sources)) = large_of(data).filter(|_| has_array_header(data)) {
            tally.check(&format!("{} (large)", path.display()), &root, &sources);
        }
    }
    tally.assert_agreed(corpus.len() * 2);
}

/// `cargo test --release -p align-core --test it -- --ignored whole_fuzz_corpus`
#[test]
#[ignore = "every corpus input made 1 MB large: minutes in a debug build"]
fn the_whole_fuzz_corpus_made_large_loads_the_same() {
    let corpus = corpus();
    let mut tally = Tally::default();
    for (path, data) in &corpus {
        if let Some((root, sources)) = large_of(data) {
            tally.check(&format!("{} (large)", path.display()), &root, &sources);
        }
    }
    tally.assert_agreed(corpus.len() / 2);
}

#[test]
fn generated_workspaces_of_every_style_load_the_same() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut tally = Tally::default();
    for n in 0..3000 {
        let numbers = rng.numbers(400);
        let case = workspaces::case(&mut Stream {
            numbers: &numbers,
            at: 0,
        });
        let sources: Vec<_> = case
            .files
            .iter()
            .map(|(p, t)| (p.clone(), t.as_bytes().to_vec()))
            .collect();
        tally.check(&format!("case {n}"), Path::new("ws"), &sources);
    }
    tally.assert_agreed(3000);
    assert_eq!(tally.stricter, 0, "generated workspaces are valid TOML");
}

/// Bytes that matter to TOML, to break a document in the places a parser can trip.
const BREAKERS: &[&[u8]] = &[
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"=",
    b",",
    b".",
    b"\"",
    b"'",
    b"\"\"\"",
    b"#",
    b"\n",
    b"\r",
    b"\t",
    b" ",
    b"\\",
    b"\\u",
    b"0x",
    b"0b",
    b"1e",
    b"_",
    b"-",
    b"+",
    b"inf",
    b"nan",
    b"2026-13-01",
    b"T",
    b":",
    b"x",
    b"tasks",
    b"goals",
    b"\x01",
    b"\xe2\x80\x8b",
    b"\xd9\xa0",
];

#[test]
fn generated_workspaces_with_bytes_changed_load_the_same() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut tally = Tally::default();
    for n in 0..3000 {
        let numbers = rng.numbers(400);
        let case = workspaces::case(&mut Stream {
            numbers: &numbers,
            at: 0,
        });
        let mut sources: Vec<_> = case
            .files
            .iter()
            .map(|(p, t)| (p.clone(), t.as_bytes().to_vec()))
            .collect();
        for _ in 0..1 + rng.below(3) {
            let file = rng.below(sources.len());
            let bytes = &mut sources[file].1;
            let at = rng.below(bytes.len() + 1);
            let cut = rng.below(4).min(bytes.len() - at);
            let with = BREAKERS[rng.below(BREAKERS.len())];
            bytes.splice(at..at + cut, with.iter().copied());
        }
        tally.check(&format!("changed case {n}"), Path::new("ws"), &sources);
    }
    tally.assert_agreed(2000);
}

#[test]
fn large_generated_workspaces_read_in_pieces_load_the_same() {
    let mut tally = Tally::default();
    // 10,000 tasks is about 1.6 MB: read in parallel pieces.
    for (tasks, goals) in [(0, 1), (10, 3), (1000, 50), (10_000, 200)] {
        let text = generate(tasks, goals);
        let path = PathBuf::from("big.toml");
        tally.check(
            &format!("{tasks} tasks"),
            &path,
            &[(path.clone(), text.into_bytes())],
        );
    }
    // Lines that look like the headers pieces are cut at, inside multi-line strings:
    // a cut there must fall back to reading the whole file, with the same result.
    let mut fooling = String::new();
    for (k, part) in generate(10_000, 200).split("\n[[tasks]]\n").enumerate() {
        if k > 0 {
            fooling.push_str(&format!(
                "\n[[tasks]]\nid = \"fool-{k}\"\ntitle = \"\"\"\n[[tasks]]\n\"\"\"\n[[tasks]]\n"
            ));
        }
        fooling.push_str(part);
    }
    let path = PathBuf::from("big.toml");
    tally.check(
        "header lines in strings",
        &path,
        &[(path.clone(), fooling.into_bytes())],
    );
    tally.assert_agreed(5);
}

/// `align history` reads each version of a large file in pieces cut by their content,
/// taking the pieces an earlier version had rather than reading them again
/// (`ParsedFiles`): each version must load exactly as a fresh load of its bytes — the
/// model, its byte positions and every message — whether the change shifts the rest of
/// the file, breaks a piece, or leaves a warning in one.
#[test]
fn versions_of_a_large_file_load_the_same_reusing_their_unchanged_pieces() {
    let base = generate(3000, 60);
    let path = PathBuf::from("big.toml");
    let middle = base.len() / 2 + base[base.len() / 2..].find("[[tasks]]").unwrap();
    let end_of = |at: usize| at + 9 + base[at + 9..].find("[[tasks]]").unwrap();
    let next = end_of(middle);
    let versions = [
        base.clone(),
        // A new task near the top: every later piece moves.
        base.replacen(
            "[[tasks]]",
            "[[tasks]]\nid = \"NEW-1\"\ntitle = \"First\"\n\n[[tasks]]",
            1,
        ),
        // A task in the middle broken: the version is refused with the loader's messages.
        format!(
            "{}[[tasks]\nid = broken\n{}",
            &base[..middle],
            &base[next..]
        ),
        // An unknown key in one task: a warning, at its line in the whole file.
        format!(
            "{}[[tasks]]\ncolour = \"red\"\n{}",
            &base[..middle],
            &base[middle + 9..]
        ),
        // The middle task gone, and one added at the end.
        format!(
            "{}{}\n[[tasks]]\nid = \"LAST-1\"\ntitle = \"Last\"\n",
            &base[..middle],
            &base[next..]
        ),
        base.clone(),
    ];
    let mut parsed = align_core::load::ParsedFiles::default();
    for (n, text) in versions.iter().enumerate() {
        let key = format!("v{n}");
        parsed.insert(key.clone(), path.clone(), text.clone().into_bytes());
        let reused = align_testkit::differential::outcome(&parsed.load(&path, &[&key]));
        let fresh = align_testkit::differential::outcome(&align_core::load::load_sources(
            &path,
            vec![(path.clone(), text.clone().into_bytes())],
        ));
        assert!(
            reused == fresh,
            "version {n} loads differently:\n{reused}\n---\n{fresh}"
        );
    }
    // Most pieces of each version after the first were taken, not read again.
    assert!(
        parsed.pieces_reused() > 4 * 10,
        "{}",
        parsed.pieces_reused()
    );
}

/// A fixture as the command line loads it: a file, or a directory's `*.toml` files.
fn fixture_sources(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    align_core::load::workspace_files(path)
        .expect("fixture files")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).expect("a fixture");
            (f, bytes)
        })
        .collect()
}

#[test]
fn the_command_lines_fixtures_load_the_same() {
    let mut tally = Tally::default();
    let mut count = 0;
    for kind in ["valid", "invalid"] {
        let dir = manifest().join("../align/tests/fixtures").join(kind);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a fixture").path())
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
            .collect();
        entries.sort();
        for path in entries {
            tally.check(&path.display().to_string(), &path, &fixture_sources(&path));
            count += 1;
        }
    }
    assert!(count >= 50, "only {count} fixtures found");
    tally.assert_agreed(count);
}

#[test]
fn the_stricter_cases_are_refused_and_explained() {
    let base = "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"G\"\n";
    let cases = [
        ("extra = 1_0\u{660}\n", 0),
        ("extra = 0x\n", 1),
        ("extra = 0o\n", 2),
        ("extra = 0b\n", 3),
        ("extra = 99999999999999999999\n", 4),
        ("weight = 0xffffffffffffffff\n", 4),
    ];
    for (line, expected) in cases {
        let text = format!("{base}{line}");
        let path = PathBuf::from("align.toml");
        let sources = [(path.clone(), text.clone().into_bytes())];
        assert_eq!(
            compare(&path, &sources),
            Ok(Agreement::Stricter(STRICTER[expected].0)),
            "{text}"
        );
    }
    for (message, reason) in STRICTER {
        assert!(message.starts_with("TOML syntax: ") && !reason.is_empty());
    }
}

/// A workspace large enough that its tasks' ids are indexed on a second core while the
/// other checks run (`cores::both`): the duplicate ids that index finds and the unknown
/// links the checks find, each said once, in file order.
#[test]
fn a_large_workspace_says_its_duplicate_ids_and_bad_links() {
    let text = generate(10_000, 200)
        .replacen("id = \"T-9\"\n", "id = \"T-3\"\n", 1)
        .replacen("id = \"T-7000\"\n", "id = \"T-3\"\n", 1)
        .replacen("goals = [\"", "goals = [\"nope\", \"", 2);
    let first = text.find("goals = [\"nope\", \"").expect("a link changed");
    let (head, tail) = text.split_at(first + "goals = [".len());
    let text = format!("{head}\"nope\", {tail}");
    let path = PathBuf::from("big.toml");
    let Err(align_core::diag::LoadError::Invalid { errors, warnings }) =
        align_core::load::load_sources(&path, vec![(path.clone(), text.clone().into_bytes())])
    else {
        panic!("the workspace loaded");
    };
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    let dup = messages
        .iter()
        .filter(|m| m.starts_with("duplicate task id \"T-3\""))
        .count();
    let nope = messages
        .iter()
        .filter(|m| m.starts_with("unknown goal \"nope\""))
        .count();
    assert_eq!((dup, nope, errors.len()), (2, 3, 5), "{messages:#?}");
    assert!(warnings.is_empty(), "{warnings:#?}");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert!(lines.is_sorted(), "{lines:?}");
    // The same problems as the reference loader says.
    assert!(matches!(
        compare(&path, &[(path.clone(), text.into_bytes())]),
        Ok(Agreement::Same)
    ));
}

/// A directory's files, as split from one generated workspace: the head (version,
/// `[workspace]`, goals) and `files` files of tasks, each with its own `version`.
fn split_into_files(text: &str, files: usize) -> Vec<(String, String)> {
    let at = text.find("[[tasks]]").unwrap_or(text.len());
    let tasks: Vec<&str> = text[at..].split_inclusive("\n\n").collect();
    let per = tasks.len().div_ceil(files.max(1)).max(1);
    let mut out = vec![("goals.toml".to_string(), text[..at].to_string())];
    for (k, chunk) in tasks.chunks(per).enumerate() {
        out.push((
            format!("p{k:03}.toml"),
            format!("version = 1\n\n{}", chunk.concat()),
        ));
    }
    out
}

/// A directory written to disk: `load` of it against `load_sources` of the files it
/// reads as align files (in memory, joined after reading), compared whole.
fn directory_loads_as_in_memory(
    what: &str,
    files: &[(String, Vec<u8>)],
) -> Option<align_core::Workspace> {
    let dir = tempfile::tempdir().unwrap();
    let mut sources = Vec::new();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        // A directory's file that is UTF-8 but not an align file is passed over.
        if std::str::from_utf8(bytes).is_ok_and(|t| !align_core::load::is_align_file(t)) {
            continue;
        }
        sources.push((path, bytes.clone()));
    }
    sources.sort();
    let from_disk = align_core::load::load(dir.path());
    let in_memory = align_core::load::load_sources(dir.path(), sources);
    assert_eq!(
        align_testkit::differential::outcome(&from_disk),
        align_testkit::differential::outcome(&in_memory),
        "{what}"
    );
    from_disk.ok().map(|l| l.workspace)
}

/// A directory read from disk has its tasks joined while its files are still being read
/// (each file's list freed as soon as it is taken); files given in memory are joined
/// afterwards. Both must give the same workspace, byte positions and messages: for
/// directories of many files, valid and with bytes changed; with a file of another
/// tool's and one with only a version among the task files; with a file that is not
/// UTF-8; with the goals' file sorting first or last; with one align file, no tasks, or
/// a file large enough to be read in pieces.
#[test]
fn a_directory_read_from_disk_loads_as_its_files_given_in_memory() {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let text = generate(3000, 40);
    let mut loaded = 0;
    for n in 0..32 {
        let mut files: Vec<(String, Vec<u8>)> = split_into_files(&text, 1 + rng.below(40))
            .into_iter()
            .map(|(name, t)| (name, t.into_bytes()))
            .collect();
        if n % 2 == 1 {
            files[0].0 = "zz-goals.toml".to_string();
        }
        match n % 4 {
            1 => {
                for _ in 0..1 + rng.below(3) {
                    let file = rng.below(files.len());
                    let bytes = &mut files[file].1;
                    let at = rng.below(bytes.len() + 1);
                    let with = BREAKERS[rng.below(BREAKERS.len())];
                    bytes.splice(at..at, with.iter().copied());
                }
            }
            2 => {
                // Among the task files: one of another tool's, one with only a version.
                let k = rng.below(files.len());
                files.push((
                    format!("p{k:03}-other.toml"),
                    b"[tool]\nname = \"x\"\n".to_vec(),
                ));
                let k = rng.below(files.len());
                files.push((format!("p{k:03}-empty.toml"), b"version = 1\n".to_vec()));
            }
            3 => {
                let k = rng.below(files.len());
                files[k].1.extend_from_slice(b"\n# \xff\n");
            }
            _ => {}
        }
        let ws = directory_loads_as_in_memory(&format!("directory {n}"), &files);
        loaded += usize::from(ws.is_some_and(|w| !w.tasks.is_empty()));
    }
    assert!(loaded >= 12, "only {loaded} directories loaded");

    let head = &text[..text.find("[[tasks]]").unwrap()];
    let tasks = &text[text.find("[[tasks]]").unwrap()..];
    // One align file beside another tool's: its tasks, and no more room than it had.
    let ws = directory_loads_as_in_memory(
        "one align file",
        &[
            ("align.toml".to_string(), text.clone().into_bytes()),
            (
                "Cargo.toml".to_string(),
                b"[package]\nname = \"x\"\n".repeat(50_000),
            ),
        ],
    )
    .expect("loads");
    assert_eq!(ws.tasks.len(), 3000);
    // No tasks at all.
    let ws = directory_loads_as_in_memory(
        "no tasks",
        &[
            ("goals.toml".to_string(), head.as_bytes().to_vec()),
            ("people/empty.toml".to_string(), b"version = 1\n".to_vec()),
        ],
    )
    .expect("loads");
    assert!(ws.tasks.is_empty());
    // A file of 1 MiB or more, read in pieces, before and after small ones.
    let big = generate(10_000, 40);
    let big_tasks = &big[big.find("[[tasks]]").unwrap()..];
    // Ten tasks of the smaller workspace, under ids of their own.
    let first = tasks
        .split_inclusive("\n\n")
        .take(10)
        .collect::<String>()
        .replace("id = \"T-", "id = \"A-");
    let ws = directory_loads_as_in_memory(
        "a large file among small ones",
        &[
            ("goals.toml".to_string(), head.as_bytes().to_vec()),
            (
                "a.toml".to_string(),
                format!("version = 1\n\n{first}").into_bytes(),
            ),
            (
                "b.toml".to_string(),
                format!("version = 1\n\n{big_tasks}").into_bytes(),
            ),
        ],
    )
    .expect("loads");
    assert!(ws.tasks.len() > 10_000);
    // The lists are sized from the first file with tasks: a large file of another
    // tool's after it must not make them hold room for millions.
    let small: String = (0..200)
        .map(|k| format!("[[tasks]]\nid = \"T{k}\"\ntitle = \"x\"\n\n"))
        .collect();
    let ws = directory_loads_as_in_memory(
        "a small align file and a large other file",
        &[
            (
                "a.toml".to_string(),
                format!("version = 1\n\n{small}").into_bytes(),
            ),
            (
                "z.toml".to_string(),
                b"[package]\nname = \"x\"\n".repeat(400_000),
            ),
        ],
    )
    .expect("loads");
    assert_eq!(ws.tasks.len(), 200);
    assert!(
        ws.tasks.capacity() <= 2000,
        "room for {}",
        ws.tasks.capacity()
    );
}
