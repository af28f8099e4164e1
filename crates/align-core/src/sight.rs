//! Line of sight: how a task reaches the mission. The seed's first myth is that alignment
//! is for executives; it is for the newest hire too, who should see at a glance that the
//! dunning email they write moves monthly churn, which serves retention, which serves
//! growing the shop base, which serves the mission. The chain is the task's first link
//! that names something in the workspace — a key result, then its goal, or a goal — and
//! then each parent goal up to a goal without one, and the mission; every level with its
//! title and, for key results and goals, its progress. Enabling work with no link of its
//! own sees the mission through the work it unblocks: blocker → the task waiting on it
//! (→ …) → key result → goal → mission ([`line_of_sight_scored`]). Across a cascade the chain goes
//! on into the upstream's goals, and ends with the mission of the workspace whose goal
//! tops it: a team's task sees the company's mission.

use crate::model::{LinkRef, Task, TaskIx, Workspace};
use crate::scoring::{GoalFlags, Score, Scoreboard};

/// What a level of the chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// A task waiting on the one before it (enabling work's chain).
    Task,
    KeyResult,
    Goal,
    Mission,
}

/// One level of a task's line of sight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    pub level: Level,
    /// `goal/kr` for a key result, the goal's id, or `mission`.
    pub id: String,
    pub title: String,
    /// 0..1, for a key result or a goal.
    pub progress: Option<f64>,
}

/// The task's line of sight, from its first link that resolves up to the mission (when
/// the workspace states one). Empty for a task linked to nothing the workspace has.
pub fn line_of_sight(ws: &Workspace, goals: &[GoalFlags], task: &Task) -> Vec<Step> {
    let Some(resolved) = ws.links_of(task).next() else {
        return Vec::new();
    };
    let mut steps = Vec::new();
    let goal = &ws.goals[resolved.goal];
    if let Some(k) = resolved.key_result {
        let kr = &goal.key_results[k];
        steps.push(Step {
            level: Level::KeyResult,
            id: LinkRef::key_result(&goal.id, &kr.id).to_string(),
            title: kr.title.clone(),
            progress: Some(kr.progress()),
        });
    }
    // The goal and its parents. Validation refuses a cycle; a walk of more steps than
    // there are goals would be one, and ends there — without searching the steps so far
    // at each, which drawn on every frame cost the square of a 10,000-deep chain.
    let mut cur = Some(resolved.goal);
    let mut top = None;
    for _ in 0..ws.goals.len() {
        let Some(g) = cur else { break };
        let goal = &ws.goals[g];
        top = Some(g);
        steps.push(Step {
            level: Level::Goal,
            id: goal.id.clone(),
            title: goal.title.clone(),
            progress: goals.get(g.0).map(|f| f.progress),
        });
        cur = goal.parent.as_deref().and_then(|p| ws.goal_by_id(p));
    }
    // The mission of the workspace whose goal tops the chain: through an upstream goal,
    // the company's.
    let top = top.and_then(|g| ws.upstream_of(g));
    let mission = match top {
        Some(u) => u
            .mission
            .as_ref()
            .map(|m| (format!("{}:mission", u.key), m)),
        None => None,
    };
    if let Some((id, mission)) =
        mission.or_else(|| ws.mission.as_ref().map(|m| ("mission".to_string(), m)))
    {
        steps.push(Step {
            level: Level::Mission,
            id,
            title: mission.clone(),
            progress: None,
        });
    }
    steps
}

/// The line of sight of task `t` as scored: its own when it links to something, else,
/// for enabling work, each task of the chain it earns its `unblocks` factor through, then
/// the line of sight of the linked task the chain ends at.
pub fn line_of_sight_scored(ws: &Workspace, board: &Scoreboard, t: TaskIx) -> Vec<Step> {
    let task = &ws.tasks[t];
    let own = line_of_sight(ws, &board.goals, task);
    if !own.is_empty() {
        return own;
    }
    let chain = unblocks_chain(&board.tasks, t);
    let Some(&last) = chain.last() else {
        return own;
    };
    let mut steps: Vec<Step> = chain
        .iter()
        .map(|&d| Step {
            level: Level::Task,
            id: ws.tasks[d].id.clone(),
            title: ws.tasks[d].title.clone(),
            progress: None,
        })
        .collect();
    steps.extend(line_of_sight(ws, &board.goals, &ws.tasks[last]));
    steps
}

/// The tasks enabling work `t` earns through, nearest first: the task it unblocks, the
/// one that task unblocks, … up to the linked one. Empty when it earns nothing; each task
/// once (a cycle, which loading refuses, ends it).
pub fn unblocks_chain(scores: &[Score], t: TaskIx) -> Vec<TaskIx> {
    let mut chain = Vec::new();
    let mut cur = t;
    while let Some(u) = scores.get(cur.0).and_then(|s| s.unblocks) {
        if u.task == t || chain.contains(&u.task) {
            break;
        }
        chain.push(u.task);
        if u.task == u.linked {
            break;
        }
        cur = u.task;
    }
    chain
}

/// The line of sight as ids, from the task's first link (or, for enabling work, the task
/// it unblocks) up to the top goal (the mission left out): the JSON's `path`.
pub fn path(steps: &[Step]) -> Vec<&str> {
    steps
        .iter()
        .filter(|s| s.level != Level::Mission)
        .map(|s| s.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;
    use crate::score_workspace;
    use chrono::NaiveDate;

    const TEXT: &str = "version = 1\n[workspace]\nmission = \"Ship like a big one\"\n\
        [[goals]]\nid = \"growth\"\ntitle = \"Grow\"\n\
        [[goals]]\nid = \"retention\"\ntitle = \"Keep shops\"\nparent = \"growth\"\nweight = 4\n\
        [[goals.key_results]]\nid = \"kr1\"\ntitle = \"Churn\"\nstart = 4\ntarget = 2\ncurrent = 3\n\
        [[goals]]\nid = \"activation\"\ntitle = \"First label\"\nparent = \"growth\"\nweight = 2\n\
        [[goals.key_results]]\nid = \"kr1\"\ntitle = \"Labels in 24h\"\nstart = 0\ntarget = 100\ncurrent = 20\n\
        [[tasks]]\nid = \"T-1\"\ntitle = \"Dunning\"\ngoals = [\"retention/kr1\", \"activation\"]\n\
        [[tasks]]\nid = \"T-2\"\ntitle = \"Alone\"\n";

    #[test]
    fn a_task_sees_the_mission_through_its_key_result_and_goals() {
        let ws = load_text(TEXT);
        let board = score_workspace(&ws, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), None);
        let steps = line_of_sight(&ws, &board.goals, &ws.tasks[0]);
        let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["retention/kr1", "retention", "growth", "mission"]);
        assert_eq!(steps[0].title, "Churn");
        assert_eq!(steps[0].progress, Some(0.5));
        assert_eq!(steps[1].progress, Some(0.5));
        // growth has no key results: its children rolled up by weight (0.5×4 + 0.2×2)/6.
        assert!((steps[2].progress.unwrap() - 0.4).abs() < 1e-9);
        assert_eq!(steps[3].title, "Ship like a big one");
        assert_eq!(path(&steps), ["retention/kr1", "retention", "growth"]);
        assert!(line_of_sight(&ws, &board.goals, &ws.tasks[1]).is_empty());
    }

    #[test]
    fn a_deep_chain_is_seen_whole_up_to_the_mission() {
        let depth = 3_000;
        let ws = load_text(&align_testkit::generate::goal_chain(depth));
        let board = score_workspace(&ws, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), None);
        let ids: Vec<String> = line_of_sight(&ws, &board.goals, &ws.tasks[0])
            .into_iter()
            .map(|s| s.id)
            .collect();
        let want: Vec<String> = std::iter::once(format!("g{}/kr1", depth - 1))
            .chain((0..depth).rev().map(|i| format!("g{i}")))
            .chain(["mission".to_string()])
            .collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn enabling_work_sees_the_mission_through_the_work_it_unblocks() {
        // T-1 (linked) waits on T-3, which waits on T-4.
        let text = TEXT.replace(
            "title = \"Dunning\"\n",
            "title = \"Dunning\"\ndepends = [\"T-3\"]\n",
        ) + "[[tasks]]\nid = \"T-3\"\ntitle = \"Prepare\"\ndepends = [\"T-4\"]\n\
             [[tasks]]\nid = \"T-4\"\ntitle = \"Before that\"\n";
        let ws = load_text(&text);
        let board = score_workspace(&ws, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), None);
        let t4 = ws.task_by_id("T-4").unwrap();
        let steps = line_of_sight_scored(&ws, &board, t4);
        let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "T-3",
                "T-1",
                "retention/kr1",
                "retention",
                "growth",
                "mission"
            ]
        );
        assert_eq!(steps[0].level, Level::Task);
        assert_eq!(path(&steps)[..2], ["T-3", "T-1"]);
        let t2 = ws.task_by_id("T-2").unwrap();
        assert!(line_of_sight_scored(&ws, &board, t2).is_empty());
    }
}
