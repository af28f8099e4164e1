//! Suggested links: for a task with no goal, the goal (or key result) whose title words
//! best match the task's title. Built once per workspace as an inverted index with
//! inverse document frequency, so rare words ("dunning") count for more than common
//! ones ("improve"), and suggesting for 100,000 tasks stays cheap.

use std::cell::RefCell;

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
    /// word -> (the word's weight (idf), targets whose title holds it).
    index: FxHashMap<String, (f64, Vec<u32>)>,
}

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

/// Lower-case content words of a title, lightly stemmed so "emails" meets "email".
pub fn words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && w.chars().count() >= 3)
}

fn stem(w: &str) -> String {
    for suffix in ["ing", "ies", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !w.ends_with("ss")
        {
            return match suffix {
                "ies" => format!("{base}y"),
                _ => base.to_string(),
            };
        }
    }
    w.to_string()
}

impl Suggester {
    /// Index the titles of the goals that are active on `today`.
    pub fn new(ws: &Workspace, today: NaiveDate) -> Suggester {
        let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut targets = Vec::new();
        for (gi, g) in ws.goals.iter().enumerate() {
            if !g.is_active(today) {
                continue;
            }
            let mut add = |title: &str, target: Target| {
                let id = targets.len() as u32;
                targets.push(target);
                let mut ws: Vec<String> = words(title).collect();
                ws.sort();
                ws.dedup();
                for w in ws {
                    postings.entry(w).or_default().push(id);
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
        let index = postings
            .into_iter()
            .filter(|(_, t)| !common(t))
            .map(|(w, t)| {
                let idf = (1.0 + n / t.len() as f64).ln();
                (w, (idf, t))
            })
            .collect();
        Suggester { targets, index }
    }

    /// The best link target for a title, as written in a task's `goals`, if any word matches.
    pub fn suggest(&self, ws: &Workspace, title: &str) -> Option<LinkRef> {
        SCRATCH.with(|scratch| {
            let (scores, touched) = &mut *scratch.borrow_mut();
            if scores.len() < self.targets.len() {
                scores.resize(self.targets.len(), 0.0);
            }
            // Each word once: a set, as a hostile title may hold 30,000 distinct words.
            let mut seen: FxHashSet<String> = FxHashSet::default();
            for w in words(title) {
                if let Some((idf, posting)) = self.index.get(&w) {
                    if !seen.insert(w) {
                        continue;
                    }
                    for &t in posting {
                        let slot = &mut scores[t as usize];
                        if *slot == 0.0 {
                            touched.push(t);
                        }
                        *slot += idf;
                    }
                }
            }
            // A key result's match adds to its goal's: the more specific target wins when
            // its own words match, the goal alone otherwise. Then the heavier goal, then
            // the earlier one in the file.
            let mut best: Option<Candidate> = None;
            for &t in touched.iter() {
                let target = self.targets[t as usize];
                let score = scores[t as usize] + target.parent.map_or(0.0, |p| scores[p as usize]);
                let c = Candidate {
                    score,
                    weight: ws.goals[target.goal].weight,
                    position: (target.goal, target.key_result.map_or(0, |k| k + 1)),
                };
                if best.as_ref().is_none_or(|b| c.beats(b)) {
                    best = Some(c);
                }
            }
            for &t in touched.iter() {
                scores[t as usize] = 0.0;
            }
            touched.clear();
            best.map(|b| {
                let g = &ws.goals[b.position.0];
                match b.position.1 {
                    0 => LinkRef::goal(&g.id),
                    k => LinkRef::key_result(&g.id, &g.key_results[k - 1].id),
                }
            })
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

    #[test]
    fn short_words_keep_their_shape() {
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("stories"), "story");
    }
}
