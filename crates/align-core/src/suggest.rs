//! Suggested links: for a task with no goal, the goal (or key result) whose title words
//! best match the task's title. Built once per workspace as an inverted index with
//! inverse document frequency, so rare words ("dunning") count for more than common
//! ones ("improve"), and suggesting for 100,000 tasks stays cheap.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

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
        let index = postings
            .into_iter()
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
            let mut seen: Vec<String> = Vec::new();
            for w in words(title) {
                if seen.contains(&w) {
                    continue;
                }
                if let Some((idf, posting)) = self.index.get(&w) {
                    for &t in posting {
                        let slot = &mut scores[t as usize];
                        if *slot == 0.0 {
                            touched.push(t);
                        }
                        *slot += idf;
                    }
                }
                seen.push(w);
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

    #[test]
    fn short_words_keep_their_shape() {
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("stories"), "story");
    }
}
