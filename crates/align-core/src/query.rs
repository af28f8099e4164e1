//! Which tasks a person asks to see. The board's filter (`/`) and `align score`'s
//! `--status`, `--owner` and `--goal` ask the same questions, so they share one matcher
//! here: a [`Query`] is parsed once from what was typed (or built from the flags), its
//! goal terms are resolved against the workspace once ([`Query::matcher`]), and then
//! every task is asked in turn, without allocating, so a keystroke stays cheap at
//! 100,000 tasks.
//!
//! Filter text is words: `owner:O`, `status:S`, `tag:T`, `goal:LINK`, `class:C` and
//! `team:K` terms, and free text matched against each task's id, title, links (and the
//! titles of the goals and key results they name), owner and tags.
//! Every word must match (AND); a term's values separated by commas are alternatives
//! (`status:todo,doing`). Case does not matter. `owner:` and `goal:` with no value ask
//! for unowned and unlinked tasks. A status or class value may be cut short
//! (`status:do` is doing and done, `class:busy` is busy-work; `status:open` is todo and
//! doing); owners and tags are matched whole. `goal:retention` is every task linked to
//! that goal, its key results or its child goals (at any depth); `goal:retention/churn`
//! those linked to that key result; a goal that does not exist (yet: the filter is live)
//! matches links that begin with what was typed. `team:pay` is the tasks of a team whose
//! key begins with `pay`: on an organisation's view a task's team is the key its id is
//! written with (`payments:T-101`), on one team's workspace that workspace's key.

use crate::model::{LinkRef, Task, TaskIx, TaskStatus, Workspace};
use crate::scoring::Class;

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Free text: a substring of the task's search text ([`haystack_of`]).
    Text(String),
    /// `owner:a,b`: one of these owners; an empty value is "no owner".
    Owner(Vec<String>),
    /// `status:…`: a status beginning with one of these (`open`: todo or doing).
    Status(Vec<String>),
    /// `tag:a,b`: carries one of these tags.
    Tag(Vec<String>),
    /// `goal:…`: linked to one of these goals (with their key results and child goals)
    /// or key results; an empty value is "no link".
    Goal(Vec<String>),
    /// `class:…`: a class beginning with one of these.
    Class(Vec<String>),
    /// `team:…`: of a team whose key begins with one of these.
    Team(Vec<String>),
}

impl Term {
    /// Does every task this term lets through also pass `self`? (`narrower` is what the
    /// term became when the person typed on: `status:d` → `status:do`, `lab` → `label`.)
    fn narrowed_by(&self, narrower: &Term) -> bool {
        match (self, narrower) {
            (Term::Text(a), Term::Text(b)) => b.contains(a.as_str()),
            (Term::Team(a), Term::Team(b)) => b
                .iter()
                .all(|v| a.iter().any(|w| v.starts_with(w.as_str()))),
            (Term::Status(a), Term::Status(b)) | (Term::Class(a), Term::Class(b)) => {
                // Each value of the narrower term begins with one of the wider's values
                // (`open` is no status's beginning: it must have been there already).
                b.iter().all(|v| {
                    a.contains(v) || (v != "open" && a.iter().any(|w| v.starts_with(w.as_str())))
                })
            }
            _ => self == narrower,
        }
    }
}

/// What a person asked to see: every term must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// The term keys the filter understands, for help texts.
pub const TERM_KEYS: [&str; 6] = ["owner", "status", "tag", "goal", "class", "team"];

fn values(v: &str) -> Vec<String> {
    v.split(',').map(str::to_lowercase).collect()
}

impl Query {
    /// Parse filter text. Never fails: a word that is no known term is free text.
    pub fn parse(text: &str) -> Query {
        let terms = text
            .split_whitespace()
            .map(|word| {
                let Some((key, value)) = word.split_once(':') else {
                    return Term::Text(word.to_lowercase());
                };
                match key.to_lowercase().as_str() {
                    "owner" => Term::Owner(values(value)),
                    "status" => Term::Status(values(value)),
                    "tag" => Term::Tag(values(value)),
                    "goal" => Term::Goal(values(value)),
                    "class" => Term::Class(values(value)),
                    "team" => Term::Team(values(value)),
                    _ => Term::Text(word.to_lowercase()),
                }
            })
            .collect();
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Does the query say which statuses it wants? (Then a board showing open work
    /// only shows what it asks for instead.)
    pub fn names_status(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Term::Status(_)))
    }

    /// Has the query free words, matched against the tasks' search text
    /// ([`haystack_of`])? Only then does a matcher read that text.
    pub fn has_words(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Term::Text(_)))
    }

    /// Does every task `self` lets through also pass `wider`? True when `self` is
    /// `wider` typed on: its terms with more after them, the last one perhaps longer.
    /// The board then keeps the rows it has that still match, in their order, instead
    /// of listing every task again.
    pub fn narrows(&self, wider: &Query) -> bool {
        let n = wider.terms.len();
        if n > self.terms.len() {
            return false;
        }
        wider
            .terms
            .iter()
            .zip(&self.terms)
            .enumerate()
            .all(|(i, (w, s))| w == s || (i + 1 == n && w.narrowed_by(s)))
    }

    /// The query ready to ask of each task of `ws`: its goal terms resolved once.
    pub fn matcher<'a>(&'a self, ws: &'a Workspace) -> Matcher<'a> {
        let goals = self
            .terms
            .iter()
            .map(|t| match t {
                Term::Goal(vs) => vs.iter().map(|v| GoalScope::of(ws, v)).collect(),
                _ => Vec::new(),
            })
            .collect();
        Matcher {
            query: self,
            goals,
            key: &ws.key,
        }
    }

    /// The `team:` values asked for, if the query has such a term.
    pub fn teams(&self) -> Option<&[String]> {
        self.terms.iter().find_map(|t| match t {
            Term::Team(vs) => Some(vs.as_slice()),
            _ => None,
        })
    }
}

/// Does the team key `key` answer one of a `team:` term's values (the key begins with it)?
pub fn team_matches(key: &str, values: &[String]) -> bool {
    values.iter().any(|v| {
        key.len() >= v.len()
            && key.is_char_boundary(v.len())
            && key[..v.len()].eq_ignore_ascii_case(v)
    })
}

/// What a `goal:` value stands for in a workspace.
#[derive(Debug, Clone)]
enum GoalScope {
    /// No link at all (`goal:` with no value).
    Unlinked,
    /// A goal and every goal under it, by id.
    Goals(Vec<String>),
    /// One key result: `goal/kr`, as written.
    KeyResult(LinkRef),
    /// Not (yet) a goal: links that begin with this text.
    Prefix(String),
}

impl GoalScope {
    fn of(ws: &Workspace, value: &str) -> GoalScope {
        if value.is_empty() {
            return GoalScope::Unlinked;
        }
        let link = LinkRef::parse(value);
        let found = ws
            .goals
            .iter()
            .find(|g| g.id.eq_ignore_ascii_case(&link.goal));
        match (found, &link.key_result) {
            (Some(g), None) => GoalScope::Goals(goal_and_children(ws, &g.id)),
            (Some(g), Some(kr)) => {
                match g.key_results.iter().find(|k| k.id.eq_ignore_ascii_case(kr)) {
                    Some(k) => GoalScope::KeyResult(LinkRef::key_result(&g.id, &k.id)),
                    None => GoalScope::Prefix(value.to_string()),
                }
            }
            (None, _) => GoalScope::Prefix(value.to_string()),
        }
    }

    fn matches(&self, task: &Task) -> bool {
        match self {
            GoalScope::Unlinked => task.goals.is_empty(),
            GoalScope::Goals(ids) => task.goals.iter().any(|l| ids.contains(&l.goal)),
            GoalScope::KeyResult(link) => task.goals.contains(link),
            GoalScope::Prefix(p) => task.goals.iter().any(|l| {
                let text = l.to_string();
                text.len() >= p.len()
                    && text.is_char_boundary(p.len())
                    && text[..p.len()].eq_ignore_ascii_case(p)
            }),
        }
    }
}

/// The ids of goal `id` and of every goal under it, at any depth (a cycle in `parent`
/// is reported by validation; here it only stops the walk).
pub fn goal_and_children(ws: &Workspace, id: &str) -> Vec<String> {
    let mut ids = vec![id.to_string()];
    let mut at = 0;
    while at < ids.len() {
        for g in &ws.goals {
            if g.parent.as_deref() == Some(ids[at].as_str()) && !ids.contains(&g.id) {
                ids.push(g.id.clone());
            }
        }
        at += 1;
    }
    ids
}

/// A [`Query`] resolved against a workspace, asked of one task at a time.
pub struct Matcher<'a> {
    query: &'a Query,
    /// Per term: what its `goal:` values stand for (empty for other terms).
    goals: Vec<Vec<GoalScope>>,
    /// The workspace's own key: the team of a task whose id names none.
    key: &'a str,
}

impl Matcher<'_> {
    /// Does `task` (scored `class`, with search text `haystack`, lower-cased) match
    /// every term?
    pub fn matches(&self, task: &Task, class: Class, haystack: &str) -> bool {
        self.query
            .terms
            .iter()
            .zip(&self.goals)
            .all(|(term, scopes)| match term {
                Term::Text(t) => haystack.contains(t.as_str()),
                Term::Owner(vs) => vs.iter().any(|v| match &task.owner {
                    None => v.is_empty(),
                    Some(o) => o.eq_ignore_ascii_case(v),
                }),
                Term::Status(vs) => vs.iter().any(|v| status_matches(task.status, v)),
                Term::Tag(vs) => vs
                    .iter()
                    .any(|v| task.tags.iter().any(|t| t.eq_ignore_ascii_case(v))),
                Term::Goal(_) => scopes.iter().any(|s| s.matches(task)),
                Term::Class(vs) => vs.iter().any(|v| class.as_str().starts_with(v.as_str())),
                Term::Team(vs) => {
                    let team = task.id.split_once(':').map_or(self.key, |(team, _)| team);
                    team_matches(team, vs)
                }
            })
    }
}

fn status_matches(status: TaskStatus, value: &str) -> bool {
    if value == "open" {
        return status.is_open();
    }
    status.as_str().starts_with(value)
}

/// Lower-cased text free words are looked for in: id, title, links (as written, and the
/// title of the goal or key result each names: `retention/kr1` is found by "churn"),
/// owner, tags.
pub fn haystack_of(ws: &Workspace, task: TaskIx) -> String {
    let t = &ws.tasks[task];
    let mut s = format!("{} {}", t.id, t.title);
    for (link, resolved) in t.goals.iter().zip(ws.resolved(task)) {
        s.push(' ');
        s.push_str(&link.to_string());
        if let Some(l) = resolved {
            let g = &ws.goals[l.goal];
            s.push(' ');
            s.push_str(l.key_result.map_or(&g.title, |k| &g.key_results[k].title));
        }
    }
    for extra in t.owner.iter().chain(&t.tags) {
        s.push(' ');
        s.push_str(extra);
    }
    s.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Workspace {
        let text = include_str!("../../../assets/demo.toml");
        let path = std::path::PathBuf::from("demo.toml");
        crate::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .unwrap()
            .workspace
    }

    /// The ids of the demo's tasks a query lets through.
    fn ids(ws: &Workspace, text: &str) -> Vec<String> {
        let board = crate::score_workspace(
            ws,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            None,
        );
        let q = Query::parse(text);
        let m = q.matcher(ws);
        ws.tasks_ix()
            .filter(|&(i, t)| m.matches(t, board.tasks[i].class, &haystack_of(ws, i)))
            .map(|(_, t)| t.id.clone())
            .collect()
    }

    #[test]
    fn words_and_terms_are_parsed_and_lower_cased() {
        let q = Query::parse("Owner:Maya  label status:todo,DOING http://x goal:");
        assert_eq!(
            q.terms,
            [
                Term::Owner(vec!["maya".into()]),
                Term::Text("label".into()),
                Term::Status(vec!["todo".into(), "doing".into()]),
                Term::Text("http://x".into()),
                Term::Goal(vec![String::new()]),
            ]
        );
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn only_free_words_read_the_search_text() {
        assert!(!Query::parse("").has_words());
        assert!(!Query::parse("owner:maya status:todo goal:growth").has_words());
        assert!(Query::parse("owner:maya invoice").has_words());
        assert!(
            Query::parse("nokey:x").has_words(),
            "an unknown key is a word"
        );
    }

    #[test]
    fn each_term_asks_its_own_question() {
        let ws = demo();
        let all = ws.tasks.len();
        let owner = |o: &str| {
            ws.tasks
                .iter()
                .filter(|t| t.owner.as_deref() == Some(o))
                .count()
        };
        let maya = ids(&ws, "owner:MAYA");
        assert!(!maya.is_empty() && maya.len() == owner("maya"));
        assert_eq!(
            ids(&ws, "owner:maya,priya").len(),
            owner("maya") + owner("priya")
        );
        assert_eq!(ids(&ws, "owner:ma").len(), 0, "owners are matched whole");
        let unowned = ws.tasks.iter().filter(|t| t.owner.is_none()).count();
        assert_eq!(ids(&ws, "owner:").len(), unowned);

        let done = ws
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count();
        assert!(done > 0);
        assert_eq!(ids(&ws, "status:done").len(), done);
        let open = ws.tasks.iter().filter(|t| t.status.is_open()).count();
        assert_eq!(ids(&ws, "status:open").len(), open);
        assert_eq!(ids(&ws, "status:todo,doing").len(), open);

        let unlinked = ws.tasks.iter().filter(|t| t.goals.is_empty()).count();
        assert_eq!(ids(&ws, "goal:").len(), unlinked);
        assert_eq!(
            ids(&ws, "class:busy").len(),
            ids(&ws, "class:busy-work").len()
        );
        assert!(ids(&ws, "class:busy").contains(&"T-128".to_string()));
        assert_eq!(ids(&ws, "").len(), all);
        // Terms and words together: every one must match.
        for t in ids(&ws, "owner:maya status:todo") {
            let t = &ws.tasks[ws.task_by_id(&t).unwrap()];
            assert_eq!(
                (t.owner.as_deref(), t.status),
                (Some("maya"), TaskStatus::Todo)
            );
        }
        let tagged = ws.tasks.iter().find(|t| !t.tags.is_empty()).unwrap();
        let tag = tagged.tags[0].to_uppercase();
        assert!(ids(&ws, &format!("tag:{tag}")).contains(&tagged.id));
    }

    #[test]
    fn a_goal_term_takes_in_key_results_and_child_goals() {
        let ws = demo();
        // A parent goal: its children's tasks are its own.
        let parent = ws
            .goals
            .iter()
            .find(|g| ws.goals.iter().any(|c| c.parent.as_deref() == Some(&g.id)))
            .unwrap();
        let under = goal_and_children(&ws, &parent.id);
        assert!(under.len() > 1);
        let expected: Vec<String> = ws
            .tasks
            .iter()
            .filter(|t| t.goals.iter().any(|l| under.contains(&l.goal)))
            .map(|t| t.id.clone())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(ids(&ws, &format!("goal:{}", parent.id)), expected);
        // A key result: only the tasks linked to it.
        let (g, k) = ws
            .goals
            .iter()
            .find_map(|g| g.key_results.first().map(|k| (g, k)))
            .unwrap();
        let kr = LinkRef::key_result(&g.id, &k.id);
        let linked: Vec<String> = ws
            .tasks
            .iter()
            .filter(|t| t.goals.contains(&kr))
            .map(|t| t.id.clone())
            .collect();
        assert_eq!(ids(&ws, &format!("goal:{kr}")), linked);
        // Half typed: links that begin with it.
        let half = &g.id[..2];
        assert!(ids(&ws, &format!("goal:{half}")).len() >= linked.len());
    }

    #[test]
    fn typing_on_narrows_and_changing_a_term_does_not() {
        let narrows = |wide: &str, narrow: &str| Query::parse(narrow).narrows(&Query::parse(wide));
        assert!(narrows("", "l"));
        assert!(narrows("la", "lab"));
        assert!(narrows("label", "label owner:maya"));
        assert!(narrows("status:d", "status:do"));
        assert!(narrows("class:b", "class:busy"));
        assert!(
            !narrows("owner:ma", "owner:may"),
            "owners are matched whole"
        );
        assert!(!narrows("label", "lab"));
        assert!(!narrows("status:do", "status:d"));
        assert!(!narrows("la bel", "lab bel"));
        assert!(narrows("status:", "status:d"));
        assert!(
            !narrows("status:o", "status:open"),
            "open is todo and doing"
        );
    }

    #[test]
    fn a_team_term_asks_the_key_an_id_is_written_with_else_the_workspaces() {
        let mut ws = demo();
        let n = ws.tasks.len();
        let q = Query::parse("team:pay");
        assert_eq!(q.teams(), Some(&["pay".to_string()][..]));
        let matched = |ws: &Workspace| {
            let m = q.matcher(ws);
            ws.tasks
                .iter()
                .filter(|t| m.matches(t, Class::Aligned, ""))
                .count()
        };
        ws.key = "payments".to_string();
        assert_eq!(matched(&ws), n, "one team's workspace: its own key");
        ws.key = "growth".to_string();
        assert_eq!(matched(&ws), 0);
        ws.tasks[0].id = format!("payments:{}", ws.tasks[0].id);
        assert_eq!(matched(&ws), 1, "an organisation's view: the id's team");
        assert!(Query::parse("team:p").narrows(&Query::parse("team:")));
        assert!(Query::parse("team:pay").narrows(&Query::parse("team:p")));
        assert!(!Query::parse("team:p").narrows(&Query::parse("team:pay")));
    }
}
