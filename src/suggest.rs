//! Suggested links: for a task with no goal, the goal (or key result) whose title words
//! best match the task's title. Built once per workspace as an inverted index with
//! inverse document frequency, so rare words ("dunning") count for more than common
//! ones ("improve"), and suggesting for 100,000 tasks stays cheap.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::Workspace;

/// A link target that may be suggested: a goal, or one of its key results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    goal: usize,
    key_result: Option<usize>,
}

pub struct Suggester {
    /// word -> targets whose title holds it, with the word's weight (idf).
    index: HashMap<String, (f64, Vec<Target>)>,
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
        let mut postings: HashMap<String, Vec<Target>> = HashMap::new();
        let mut documents = 0usize;
        for (gi, g) in ws.goals.iter().enumerate() {
            if !g.is_active(today) {
                continue;
            }
            let mut add = |title: &str, target: Target| {
                documents += 1;
                let mut ws: Vec<String> = words(title).collect();
                ws.sort();
                ws.dedup();
                for w in ws {
                    postings.entry(w).or_default().push(target);
                }
            };
            add(
                &g.title,
                Target {
                    goal: gi,
                    key_result: None,
                },
            );
            for (ki, k) in g.key_results.iter().enumerate() {
                add(
                    &k.title,
                    Target {
                        goal: gi,
                        key_result: Some(ki),
                    },
                );
            }
        }
        let n = documents.max(1) as f64;
        let index = postings
            .into_iter()
            .map(|(w, t)| {
                let idf = (1.0 + n / t.len() as f64).ln();
                (w, (idf, t))
            })
            .collect();
        Suggester { index }
    }

    /// The best link target for a title, as written in a task's `goals`, if any word matches.
    pub fn suggest(&self, ws: &Workspace, title: &str) -> Option<String> {
        let mut goal_score: HashMap<usize, f64> = HashMap::new();
        let mut kr_score: HashMap<(usize, usize), f64> = HashMap::new();
        let mut seen: Vec<String> = Vec::new();
        for w in words(title) {
            if seen.contains(&w) {
                continue;
            }
            if let Some((idf, targets)) = self.index.get(&w) {
                for t in targets {
                    match t.key_result {
                        None => *goal_score.entry(t.goal).or_default() += idf,
                        Some(k) => *kr_score.entry((t.goal, k)).or_default() += idf,
                    }
                }
            }
            seen.push(w);
        }
        // A key result's match adds to its goal's: the more specific target wins when its
        // own words match, the goal alone otherwise.
        // Highest score wins; then the heavier goal; then the earlier one in the file.
        let mut best: Option<Candidate> = None;
        let mut consider = |score: f64, goal: usize, kr: Option<usize>| {
            let g = &ws.goals[goal];
            let c = Candidate {
                score,
                weight: g.weight,
                position: (goal, kr.map_or(0, |k| k + 1)),
            };
            if best.as_ref().is_none_or(|b| c.beats(b)) {
                best = Some(c);
            }
        };
        for (&g, &s) in &goal_score {
            consider(s, g, None);
        }
        for (&(g, k), &s) in &kr_score {
            consider(s + goal_score.get(&g).copied().unwrap_or(0.0), g, Some(k));
        }
        best.map(|b| {
            let g = &ws.goals[b.position.0];
            match b.position.1 {
                0 => g.id.clone(),
                k => format!("{}/{}", g.id, g.key_results[k - 1].id),
            }
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
