//! The names the other tools give a group of work — a Taskwarrior project, a GitHub
//! milestone, a Linear project, milestone or initiative, a Jira epic or fix version —
//! resolved to the goal or key result they name, each distinct name once (an import of
//! 20,000 issues has a few dozen of them), and the note for a task none of whose names
//! matches a goal, with the nearest goal as a hint.

use rustc_hash::FxHashMap as HashMap;

use super::input::{goal_named, key_result_named};
use crate::diag::SIMILAR;
use crate::model::{LinkRef, Workspace};

/// The goal whose lowercase id or title is nearest `wanted` (lowercase), if one is near
/// enough: [`crate::diag::closest`]'s rule, on names lowered once.
fn closest_lowercase(wanted: &str, goals: &[[String; 2]]) -> Option<usize> {
    goals
        .iter()
        .enumerate()
        .flat_map(|(i, texts)| {
            texts
                .iter()
                .map(move |t| (strsim::jaro_winkler(wanted, t), i))
        })
        .filter(|(s, _)| *s > SIMILAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

/// The link a GitHub milestone (or a Linear project, a Jira epic…) names: a goal id or
/// `goal/kr`, or a goal's title, in any case.
pub fn milestone_link(ws: &Workspace, title: &str) -> Option<String> {
    let t = title.trim();
    if t.is_empty() {
        return None;
    }
    let named = LinkRef::parse(t);
    if let Some(kr) = &named.key_result
        && let Some(g) = goal_named(ws, &named.goal)
    {
        return key_result_named(ws, g, kr);
    }
    goal_named(ws, t)
        .or_else(|| {
            let lower = (!t.is_ascii()).then(|| t.to_lowercase());
            ws.goals_ix()
                .find(|(_, g)| {
                    let title = g.title.trim();
                    match &lower {
                        None => title.eq_ignore_ascii_case(t),
                        Some(lower) => title.to_lowercase() == *lower,
                    }
                })
                .map(|(i, _)| i)
        })
        .map(|g| ws.goals[g].id.clone())
}

/// The link a Taskwarrior project names: the longest dotted prefix that is a goal, or a
/// key result of it when the next part names one (`retention.kr1` →
/// `retention/kr1`, `retention.emails.q4` → `retention`).
pub fn project_link(ws: &Workspace, project: &str) -> Option<String> {
    let project = project.trim();
    // Only a prefix no longer than the longest goal id can name a goal: trying each
    // prefix of a 100,000-part project would be quadratic.
    let longest = ws.goals.iter().map(|g| g.id.len()).max()?;
    for end in prefix_ends(project, longest).into_iter().rev() {
        let Some(g) = goal_named(ws, &project[..end]) else {
            continue;
        };
        let next = project[end..]
            .strip_prefix('.')
            .map(|rest| match rest.find('.') {
                Some(dot) => &rest[..dot],
                None => rest,
            });
        if let Some(kr) = next.and_then(|p| key_result_named(ws, g, p)) {
            return Some(kr);
        }
        return Some(ws.goals[g].id.clone());
    }
    None
}

/// Where the dotted prefixes of `project` that could be a goal id end: those no longer
/// than `longest`, the longest goal id. A 100,000-part project has only a few of them.
fn prefix_ends(project: &str, longest: usize) -> Vec<usize> {
    (project.match_indices('.').map(|(i, _)| i))
        .chain([project.len()])
        .take_while(|&end| end <= longest)
        .collect()
}

/// How much of a name [`Links::unmatched`] compares with the goals' ids and titles.
const HINT_CHARS: usize = 200;

/// What a task's group is called in its tool, for notes: `project "Mobile app"`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Named<'a> {
    pub kind: &'static str,
    pub name: &'a str,
}

/// Names resolved to links, remembered.
pub(super) struct Links<'w> {
    ws: &'w Workspace,
    /// How a name resolves: `milestone_link`'s rules, or Taskwarrior's dotted projects.
    dotted: bool,
    found: HashMap<String, Option<String>>,
    hints: HashMap<String, Option<String>>,
    /// Each goal's id and title in lowercase, by goal, for hints: made once, when the
    /// first name matches no goal.
    lowercase: Vec<[String; 2]>,
}

impl<'w> Links<'w> {
    /// Names read as milestones are (a goal id, `goal/kr`, or a goal's title).
    pub fn titles(ws: &'w Workspace) -> Self {
        Self::new(ws, false)
    }

    /// Names read as Taskwarrior's dotted projects.
    pub fn dotted(ws: &'w Workspace) -> Self {
        Self::new(ws, true)
    }

    fn new(ws: &'w Workspace, dotted: bool) -> Self {
        Links {
            ws,
            dotted,
            found: HashMap::default(),
            hints: HashMap::default(),
            lowercase: Vec::new(),
        }
    }

    pub fn workspace(&self) -> &'w Workspace {
        self.ws
    }

    /// The link `name` gives, if it names a goal.
    pub fn link(&mut self, name: &str) -> Option<String> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(hit) = self.found.get(name) {
            return hit.clone();
        }
        let hit = if self.dotted {
            project_link(self.ws, name)
        } else {
            milestone_link(self.ws, name)
        };
        self.found.insert(name.to_string(), hit.clone());
        hit
    }

    /// The first of `names` that names a goal, else the note for a task (`item`) whose
    /// names match none. No names: neither.
    pub fn first(&mut self, item: &str, names: &[Named<'_>]) -> (Option<String>, Option<String>) {
        for n in names {
            if let Some(link) = self.link(n.name) {
                return (Some(link), None);
            }
        }
        (None, self.unmatched(item, names))
    }

    /// `ENG-12: project "Mobile app" matches no goal (did you mean "mobile"?)`.
    pub fn unmatched(&mut self, item: &str, names: &[Named<'_>]) -> Option<String> {
        let mut listed: Vec<&Named<'_>> = Vec::with_capacity(names.len());
        for n in names.iter().filter(|n| !n.name.trim().is_empty()) {
            if !listed.iter().any(|l| l.name.trim() == n.name.trim()) {
                listed.push(n);
            }
        }
        if listed.is_empty() {
            return None;
        }
        let what: Vec<String> = listed
            .iter()
            .map(|n| format!("{} {:?}", n.kind, n.name.trim()))
            .collect();
        let verb = if listed.len() == 1 {
            "matches"
        } else {
            "match"
        };
        let hint = listed.iter().find_map(|n| self.hint(n.name.trim()));
        let mut note = format!("{item}: {} {verb} no goal", what.join(", "));
        if let Some(h) = hint {
            note.push_str(&format!(" (did you mean {h:?}?)"));
        }
        Some(note)
    }

    /// The goal whose id or title is nearest to `name`, by its id.
    fn hint(&mut self, name: &str) -> Option<String> {
        if let Some(h) = self.hints.get(name) {
            return h.clone();
        }
        // A dotted project is judged by its first part, the one that would name a goal.
        let wanted = if self.dotted {
            name.split('.').next().unwrap_or(name)
        } else {
            name
        };
        if self.lowercase.is_empty() {
            self.lowercase = (self.ws.goals.iter())
                .map(|g| [g.id.to_lowercase(), g.title.to_lowercase()])
                .collect();
        }
        // A name far longer than any goal's cannot be near one; its first characters
        // are enough to judge (and keep a 100,000-character name from costing seconds).
        let wanted: String = wanted
            .chars()
            .take(HINT_CHARS)
            .collect::<String>()
            .to_lowercase();
        let hit = closest_lowercase(&wanted, &self.lowercase).map(|g| self.ws.goals[g].id.clone());
        self.hints.insert(name.to_string(), hit.clone());
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::*;

    #[test]
    fn milestones_resolve_to_links() {
        let ws = load_text(DEMO);
        assert_eq!(
            milestone_link(&ws, "RETENTION").as_deref(),
            Some("retention")
        );
        assert_eq!(
            milestone_link(&ws, "cut churn among small shops").as_deref(),
            Some("retention")
        );
        assert_eq!(
            milestone_link(&ws, "retention/kr1").as_deref(),
            Some("retention/kr1")
        );
        assert_eq!(milestone_link(&ws, "v2.0"), None);
        assert_eq!(milestone_link(&ws, ""), None);
        let accented = load_text(
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"Étendre la Suisse\"\n[[goals]]\nid = \"h\"\ntitle = \"Cut churn\"\n",
        );
        assert_eq!(
            milestone_link(&accented, "étendre la suisse").as_deref(),
            Some("g")
        );
        assert_eq!(milestone_link(&accented, "CUT CHURN").as_deref(), Some("h"));
        assert_eq!(milestone_link(&accented, "Cut chürn"), None);
    }

    #[test]
    fn projects_resolve_to_links() {
        let ws = load_text(DEMO);
        assert_eq!(project_link(&ws, "retention").as_deref(), Some("retention"));
        assert_eq!(project_link(&ws, "Retention").as_deref(), Some("retention"));
        assert_eq!(
            project_link(&ws, "retention.kr2").as_deref(),
            Some("retention/kr2")
        );
        assert_eq!(
            project_link(&ws, "retention.x.y").as_deref(),
            Some("retention")
        );
        assert_eq!(project_link(&ws, "home"), None);
    }

    #[test]
    fn only_the_prefixes_as_long_as_a_goal_id_are_tried() {
        // Linear time without a clock: a 25,000-part project is looked up by the few
        // prefixes a goal id as long as `retention` could be, not by each of its 25,000.
        let mut long = String::from("retention.kr2");
        for i in 0..25_000 {
            long.push_str(&format!(".p{i}"));
        }
        assert_eq!(super::prefix_ends(&long, "retention".len()), [9]);
        assert_eq!(
            super::prefix_ends(&long, "retention.kr2.p0".len()),
            [9, 13, 16]
        );
        assert_eq!(super::prefix_ends("a.b", 10), [1, 3]);
    }

    #[test]
    fn a_project_of_25000_parts_resolves_by_its_prefix_in_linear_time() {
        // Each prefix of this project used to be joined and looked up: 26 s for 100,000
        // parts in a release build. Only prefixes as long as a goal id are tried now.
        let ws = load_text(DEMO);
        let mut long = String::from("retention.kr2");
        for i in 0..25_000 {
            long.push_str(&format!(".p{i}"));
        }
        assert_eq!(project_link(&ws, &long).as_deref(), Some("retention/kr2"));
        assert_eq!(
            project_link(&ws, &long[10..]),
            None,
            "starts with kr2: no goal"
        );
        let mut links = Links::dotted(&ws);
        let (link, note) = links.first(
            "T-1",
            &[Named {
                kind: "project",
                name: &long[10..],
            }],
        );
        assert_eq!(link, None);
        assert!(note.is_some_and(|n| n.contains("matches no goal")));
        // A goal id with dots in it is still found whole.
        let dotted = load_text(
            "version = 1\n[[goals]]\nid = \"q4.retention\"\ntitle = \"R\"\n[[goals.key_results]]\nid = \"kr1\"\ntitle = \"K\"\ntarget = 1\n",
        );
        assert_eq!(
            project_link(&dotted, "q4.retention.kr1.extra").as_deref(),
            Some("q4.retention/kr1")
        );
        assert_eq!(project_link(&dotted, "q4").as_deref(), None);
    }

    #[test]
    fn a_name_that_matches_no_goal_gets_a_note_with_the_nearest_goal() {
        let ws = load_text(DEMO);
        let mut links = Links::titles(&ws);
        let (link, note) = links.first(
            "ENG-12",
            &[Named {
                kind: "project",
                name: "Retentoin",
            }],
        );
        assert_eq!(link, None);
        assert_eq!(
            note.as_deref(),
            Some("ENG-12: project \"Retentoin\" matches no goal (did you mean \"retention\"?)")
        );
        // Two names, one of them repeated: both listed once; no hint for nonsense.
        let names = [
            Named {
                kind: "epic",
                name: "zzz qqq",
            },
            Named {
                kind: "fix version",
                name: "2.4",
            },
            Named {
                kind: "parent",
                name: "zzz qqq",
            },
        ];
        assert_eq!(
            links.first("PAY-1", &names).1.as_deref(),
            Some("PAY-1: epic \"zzz qqq\", fix version \"2.4\" match no goal")
        );
        // The first name that matches wins, and no note.
        let names = [
            Named {
                kind: "milestone",
                name: "2.4",
            },
            Named {
                kind: "project",
                name: "Activation",
            },
        ];
        assert_eq!(
            links.first("ENG-1", &names),
            (Some("activation".to_string()), None)
        );
        assert_eq!(links.first("ENG-2", &[]), (None, None));
    }

    #[test]
    fn dotted_projects_are_hinted_by_their_first_part() {
        let ws = load_text(DEMO);
        let mut links = Links::dotted(&ws);
        let (link, note) = links.first(
            "task 1",
            &[Named {
                kind: "project",
                name: "retension.emails",
            }],
        );
        assert_eq!(link, None);
        assert!(
            note.unwrap().ends_with("(did you mean \"retention\"?)"),
            "the hint is the goal the first part was meant to name"
        );
    }
}
