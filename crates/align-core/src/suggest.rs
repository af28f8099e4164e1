//! Suggested links: for a task with no goal, the goal (or key result) whose title words
//! best match the task's title. Built once per workspace as an inverted index with
//! inverse document frequency, so rare words ("dunning") count for more than common
//! ones ("improve"), and suggesting for 100,000 tasks stays cheap.
//!
//! A suggestion depends on nothing but the indexed words of the title, in the order they
//! first appear: each such sequence is scored once and its answer kept for every title
//! that has it ("Fix the checkout flow" in three teams' files, or the same task scored
//! again under another lens). With 10,000 goals a word's posting list runs to a thousand
//! targets, so scoring a title is what costs; looking its words up does not.

use std::cell::RefCell;
use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::NaiveDate;

use crate::model::{LinkRef, Workspace};

/// A link target that may be suggested: a goal, or one of its key results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    goal: usize,
    key_result: Option<usize>,
    /// For a key result: the target index of its goal.
    parent: Option<u32>,
}

pub struct Suggester {
    /// Every suggestable target; postings refer to them by index.
    targets: Vec<Target>,
    /// word -> its number in `postings`.
    index: FxHashMap<String, u32>,
    /// Per word number: the word's weight (idf) and the targets whose title holds it.
    postings: Vec<(f64, Vec<u32>)>,
    /// The best target (if any) for each sequence of word numbers scored so far.
    known: Mutex<FxHashMap<Box<[u32]>, Option<u32>>>,
}

/// At most this many answers are kept: a workspace of that many distinct unlinked titles
/// scores the rest as it goes, instead of growing the table without end.
const KNOWN_AT_MOST: usize = 1 << 17;

thread_local! {
    /// Per-thread score accumulator: one slot per target, and the slots touched.
    static SCRATCH: RefCell<(Vec<f64>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "onto", "our", "your", "their", "this", "that",
    "these", "those", "all", "any", "per", "via", "new", "get", "make", "more", "less", "than",
    "out", "off", "over", "under", "about", "its", "are", "was", "were", "been", "being", "has",
    "have", "had", "not", "but", "can", "will", "should", "would", "could", "use", "using",
];

/// A word in more targets than this, and in more than one in [`COMMON_SHARE`] of them,
/// is too common to tell goals apart ("improve" across 10,000 goals): it is left out of
/// the index, so one such word in a title does not cost a pass over thousands of
/// targets for every task. Workspaces of fewer targets than this never lose a word.
const COMMON_FLOOR: usize = 256;
const COMMON_SHARE: usize = 20;

/// Lower-case content words of a title, lightly stemmed so "emails" meets "email": the
/// words the index is made of, as a test states them.
#[cfg(test)]
pub fn words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && w.chars().count() >= 3)
}

/// Each content word of `title` (what `words` gives), lent to `f` in turn from the one
/// buffer `word`.
#[cfg(test)]
fn each_word(title: &str, word: &mut String, mut f: impl FnMut(&str)) {
    each_stem(title, word, |w| {
        if is_content_word(w) {
            f(w);
        }
    });
}

/// Each word of `title` of at least 3 characters, lower-cased and stemmed, lent to `f`
/// in turn from the one buffer `word`: the content words, and with them the stop words
/// and short stems, which the index never holds, so a title's words are looked up
/// without asking which they are. Indexing 30,000 goal and key-result titles, or
/// matching 100,000 task titles, then allocates nothing for a word already seen.
fn each_stem(title: &str, word: &mut String, mut f: impl FnMut(&str)) {
    for w in title.split(|c: char| !c.is_alphanumeric()) {
        // A word of fewer than 3 bytes has fewer than 3 characters.
        if w.len() < 3 {
            continue;
        }
        word.clear();
        if w.is_ascii() {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else if w.chars().count() >= 3 {
            // `to_lowercase`, not a character at a time: a final sigma depends on its place.
            word.push_str(&w.to_lowercase());
        } else {
            continue;
        }
        stem_in_place(word);
        f(word);
    }
}

/// Is a stem a content word: no stop word, at least 3 characters?
fn is_content_word(w: &str) -> bool {
    !STOPWORDS.contains(&w) && w.chars().count() >= 3
}

#[cfg(test)]
fn stem(w: &str) -> String {
    let mut w = w.to_string();
    stem_in_place(&mut w);
    w
}

/// `w` without its first suffix that leaves at least 3 characters ("-ies" becoming
/// "-y"); a word ending in "ss" ("class") keeps its shape.
fn stem_in_place(w: &mut String) {
    if w.ends_with("ss") {
        return;
    }
    for suffix in ["ing", "ies", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            w.truncate(base.len());
            if suffix == "ies" {
                w.push('y');
            }
            return;
        }
    }
}

impl Suggester {
    /// Index the titles of the goals that are active on `today`.
    pub fn new(ws: &Workspace, today: NaiveDate) -> Suggester {
        // Each word is numbered as first met, and its targets listed under its number;
        // a stem that is no content word is numbered too, as none, so it is judged once.
        const NONE: u32 = u32::MAX;
        let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut targets = Vec::new();
        let (mut word, mut held) = (String::new(), Vec::new());
        for (gi, g) in ws.goals.iter().enumerate() {
            if !g.is_active(today) {
                continue;
            }
            let mut add = |title: &str, target: Target| {
                let id = targets.len() as u32;
                targets.push(target);
                held.clear();
                each_stem(title, &mut word, |w| {
                    let n = match numbers.get(w) {
                        Some(&n) => n,
                        None if !is_content_word(w) => {
                            numbers.insert(w.to_string(), NONE);
                            NONE
                        }
                        None => {
                            let n = postings.len() as u32;
                            numbers.insert(w.to_string(), n);
                            postings.push(Vec::new());
                            n
                        }
                    };
                    if n != NONE {
                        held.push(n);
                    }
                });
                held.sort_unstable();
                held.dedup();
                for &n in &held {
                    postings[n as usize].push(id);
                }
                id
            };
            let parent = add(
                &g.title,
                Target {
                    goal: gi,
                    key_result: None,
                    parent: None,
                },
            );
            for (ki, k) in g.key_results.iter().enumerate() {
                add(
                    &k.title,
                    Target {
                        goal: gi,
                        key_result: Some(ki),
                        parent: Some(parent),
                    },
                );
            }
        }
        let n = targets.len().max(1) as f64;
        let common = |t: &[u32]| t.len() > COMMON_FLOOR && t.len() * COMMON_SHARE > targets.len();
        let mut index = FxHashMap::default();
        let mut kept = Vec::new();
        for (w, number) in numbers.into_iter().filter(|&(_, n)| n != NONE) {
            let t = std::mem::take(&mut postings[number as usize]);
            if common(&t) {
                continue;
            }
            let idf = (1.0 + n / t.len() as f64).ln();
            index.insert(w, kept.len() as u32);
            kept.push((idf, t));
        }
        Suggester {
            targets,
            index,
            postings: kept,
            known: Mutex::default(),
        }
    }

    /// The numbers of the indexed words of a title, each once, in the order they first
    /// appear (the order their weights are added in, so an answer kept is the answer
    /// scoring gives).
    fn word_numbers(&self, title: &str) -> Vec<u32> {
        // A set, as a hostile title may hold 30,000 distinct words.
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut numbers = Vec::new();
        each_stem(title, &mut String::new(), |w| {
            if let Some(&n) = self.index.get(w)
                && seen.insert(n)
            {
                numbers.push(n);
            }
        });
        numbers
    }

    /// The best link target for a title, as written in a task's `goals`, if any word matches.
    pub fn suggest(&self, ws: &Workspace, title: &str) -> Option<LinkRef> {
        let numbers = self.word_numbers(title);
        if numbers.is_empty() {
            return None;
        }
        let lock = || {
            self.known
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let known = lock().get(numbers.as_slice()).copied();
        let best = if let Some(best) = known {
            best
        } else {
            let best = self.best(ws, &numbers);
            let mut known = lock();
            if known.len() < KNOWN_AT_MOST {
                known.insert(numbers.into_boxed_slice(), best);
            }
            best
        };
        best.map(|t| self.link(ws, t))
    }

    /// The link a target is written as.
    fn link(&self, ws: &Workspace, t: u32) -> LinkRef {
        let target = self.targets[t as usize];
        let g = &ws.goals[target.goal];
        match target.key_result {
            None => LinkRef::goal(&g.id),
            Some(k) => LinkRef::key_result(&g.id, &g.key_results[k].id),
        }
    }

    /// Score every target holding one of the words `numbers` and pick the best.
    fn best(&self, ws: &Workspace, numbers: &[u32]) -> Option<u32> {
        SCRATCH.with(|scratch| {
            let (scores, touched) = &mut *scratch.borrow_mut();
            if scores.len() < self.targets.len() {
                scores.resize(self.targets.len(), 0.0);
            }
            for &n in numbers {
                let (idf, posting) = &self.postings[n as usize];
                for &t in posting {
                    let slot = &mut scores[t as usize];
                    if *slot == 0.0 {
                        touched.push(t);
                    }
                    *slot += idf;
                }
            }
            // A key result's match adds to its goal's: the more specific target wins when
            // its own words match, the goal alone otherwise. Then the heavier goal, then
            // the earlier one in the file.
            let mut best: Option<(Candidate, u32)> = None;
            for &t in touched.iter() {
                let target = self.targets[t as usize];
                let score = scores[t as usize] + target.parent.map_or(0.0, |p| scores[p as usize]);
                let c = Candidate {
                    score,
                    weight: ws.goals[target.goal].weight,
                    position: (target.goal, target.key_result.map_or(0, |k| k + 1)),
                };
                if best.as_ref().is_none_or(|(b, _)| c.beats(b)) {
                    best = Some((c, t));
                }
            }
            for &t in touched.iter() {
                scores[t as usize] = 0.0;
            }
            touched.clear();
            best.map(|(_, t)| t)
        })
    }
}

struct Candidate {
    score: f64,
    weight: u8,
    /// (goal index, 0 for the goal itself or 1 + key-result index)
    position: (usize, usize),
}

impl Candidate {
    fn beats(&self, other: &Candidate) -> bool {
        const EPS: f64 = 1e-12;
        if (self.score - other.score).abs() > EPS {
            return self.score > other.score;
        }
        (self.weight, std::cmp::Reverse(self.position))
            > (other.weight, std::cmp::Reverse(other.position))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_lowercased_stemmed_and_filtered() {
        let w: Vec<_> = words("Automate the dunning Emails for failed payments").collect();
        assert_eq!(w, ["automate", "dunn", "email", "fail", "payment"]);
    }

    fn workspace(goals: &[&str]) -> Workspace {
        let mut text = String::from("version = 1\n");
        for (i, title) in goals.iter().enumerate() {
            text.push_str(&format!("[[goals]]\nid = \"g{i}\"\ntitle = \"{title}\"\n"));
        }
        crate::load::load_text(&text)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn a_word_repeated_in_a_title_counts_once() {
        let ws = workspace(&["Dunning emails", "Onboarding checklist"]);
        let s = Suggester::new(&ws, today());
        // "onboarding" thirty thousand times weighs what it weighs once: less than two
        // words of the other goal.
        let title = format!("{} dunning emails", "onboarding ".repeat(30_000));
        assert_eq!(s.suggest(&ws, &title), Some(LinkRef::goal("g0")));
        assert_eq!(
            s.suggest(&ws, "onboarding checklist dunning"),
            Some(LinkRef::goal("g1"))
        );
    }

    #[test]
    fn a_word_on_most_of_thousands_of_goals_is_left_out_of_the_index() {
        let mut titles: Vec<String> = (0..1_000).map(|i| format!("Improve area{i}")).collect();
        titles.push("Improve dunning".to_string());
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let ws = workspace(&titles);
        let s = Suggester::new(&ws, today());
        assert!(
            !s.index.contains_key("improve"),
            "on every goal: it tells none apart"
        );
        assert!(s.index.contains_key("dunn"));
        assert_eq!(
            s.suggest(&ws, "Improve dunning"),
            Some(LinkRef::goal("g1000"))
        );
        assert_eq!(s.suggest(&ws, "Improve everything"), None);
        // A small workspace keeps its common words: one goal of two still matches.
        let small = workspace(&["Improve retention", "Improve onboarding"]);
        let s = Suggester::new(&small, today());
        assert_eq!(
            s.suggest(&small, "Improve things"),
            Some(LinkRef::goal("g0"))
        );
    }

    /// The answer scoring every target one by one gives: each goal's and key result's own
    /// words (weighted as the index weighs them) plus, for a key result, its goal's; then
    /// the best by [`Candidate::beats`], in the order targets are indexed.
    fn scored_one_by_one(s: &Suggester, ws: &Workspace, title: &str) -> Option<LinkRef> {
        let mut seen = Vec::new();
        let words: Vec<(f64, u32)> = words(title)
            .filter_map(|w| s.index.get(&w).copied())
            .filter(|n| {
                let new = !seen.contains(n);
                seen.push(*n);
                new
            })
            .map(|n| (s.postings[n as usize].0, n))
            .collect();
        let own = |t: u32| -> f64 {
            let title = match s.targets[t as usize] {
                Target {
                    goal,
                    key_result: None,
                    ..
                } => &ws.goals[goal].title,
                Target {
                    goal,
                    key_result: Some(k),
                    ..
                } => &ws.goals[goal].key_results[k].title,
            };
            let holds: Vec<u32> = super::words(title)
                .filter_map(|w| s.index.get(&w).copied())
                .collect();
            words
                .iter()
                .filter(|(_, n)| holds.contains(n))
                .map(|(idf, _)| idf)
                .sum()
        };
        let mut best: Option<(Candidate, u32)> = None;
        for t in 0..s.targets.len() as u32 {
            let target = s.targets[t as usize];
            if own(t) == 0.0 {
                continue;
            }
            let c = Candidate {
                score: own(t) + target.parent.map_or(0.0, own),
                weight: ws.goals[target.goal].weight,
                position: (target.goal, target.key_result.map_or(0, |k| k + 1)),
            };
            if best.as_ref().is_none_or(|(b, _)| c.beats(b)) {
                best = Some((c, t));
            }
        }
        best.map(|(_, t)| s.link(ws, t))
    }

    const VOCABULARY: &[&str] = &[
        "dunning",
        "emails",
        "checkout",
        "flow",
        "churn",
        "survey",
        "pricing",
        "page",
        "the",
        "invoice",
        "export",
        "Onboarding",
    ];

    fn phrase() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(VOCABULARY), 0..5)
            .prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Answers kept and reused are the answers scoring gives: every title asked twice,
        /// in two orders, against targets scored one by one.
        #[test]
        fn kept_answers_are_what_scoring_gives(
            goals in proptest::collection::vec((phrase(), 1u8..=5, proptest::collection::vec(phrase(), 0..3)), 1..12),
            titles in proptest::collection::vec(phrase(), 1..24),
        ) {
            let mut text = String::from("version = 1\n");
            for (i, (title, weight, krs)) in goals.iter().enumerate() {
                text.push_str(&format!("[[goals]]\nid = \"g{i}\"\ntitle = \"{title}\"\nweight = {weight}\n"));
                for (k, kr) in krs.iter().enumerate() {
                    text.push_str(&format!("[[goals.key_results]]\nid = \"k{k}\"\ntitle = \"{kr}\"\nstart = 0\ntarget = 1\n"));
                }
            }
            let ws = crate::load::load_text(&text);
            let s = Suggester::new(&ws, today());
            for title in titles.iter().chain(titles.iter().rev()) {
                prop_assert_eq!(s.suggest(&ws, title), scored_one_by_one(&s, &ws, title), "{}", title);
            }
        }
    }

    #[test]
    fn a_title_of_30000_distinct_words_is_scored_once_per_word() {
        let ws = workspace(&["Dunning emails", "Onboarding checklist"]);
        let s = Suggester::new(&ws, today());
        let title: String = (0..30_000).map(|i| format!("w{i}x ")).collect::<String>() + "dunning";
        assert_eq!(
            s.word_numbers(&title).len(),
            1,
            "only indexed words are kept"
        );
        let title = "onboarding dunning ".repeat(15_000);
        assert_eq!(s.word_numbers(&title).len(), 2, "each word once");
    }

    proptest! {
        /// The words lent one by one from a buffer are the words of a title.
        #[test]
        fn each_word_is_a_word_of_the_title(title in "[a-zA-Z0-9 ,.ÉéßΣσςİı\\-]{0,60}") {
            let mut lent = Vec::new();
            each_word(&title, &mut String::new(), |w| lent.push(w.to_string()));
            prop_assert_eq!(lent, words(&title).collect::<Vec<_>>());
        }
    }

    #[test]
    fn short_words_keep_their_shape() {
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("stories"), "story");
    }
}
