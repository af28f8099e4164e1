//! What the command line prints: the score table, CSV and JSON (the README "Commands" contract)
//! and the comparison as a table, JSON or Markdown (`explain` and `check` have modules
//! of their own).
//! Plain strings with optional ANSI styles, so tests can read them and the board never
//! needs them.

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::table::{Cell, Column, display_text, grid_if_fits, render, styled};
use align_core::compare::Comparison;
use align_core::model::{GoalIx, LinkRef, Task, TaskIx, Workspace};
use align_core::scoring::{Class, Factor, Scoreboard, Summary};
use align_core::text::safe;
use align_core::traction::{Rule, Traction, Verdict, traction};

/// Wrap prose to `width` cells (when given) at word boundaries.
fn fill(text: &str, width: Option<usize>) -> String {
    match width {
        Some(w) => crate::table::wrap(text, w),
        None => text.to_string(),
    }
}

/// Render a table, dropping columns in `drop` order (the least needed first) while they
/// do not fit `width` side by side: on a narrow terminal fewer columns beat wrapped
/// lines. When even the fewest do not fit, the table is printed as records.
fn render_fitting(
    columns: &[Column],
    rows: &[Vec<Cell>],
    drop: &[usize],
    width: Option<usize>,
    color: bool,
) -> String {
    let mut keep: Vec<usize> = (0..columns.len()).collect();
    let mut drop = drop.iter();
    loop {
        // Every column kept (always so when the output is not a terminal): the rows as
        // they are, not a copy of every cell.
        let narrowed;
        let (cols, cells): (&[Column], &[Vec<Cell>]) = if keep.len() == columns.len() {
            (columns, rows)
        } else {
            narrowed = (
                keep.iter().map(|&i| columns[i]).collect::<Vec<Column>>(),
                rows.iter()
                    .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
                    .collect::<Vec<Vec<Cell>>>(),
            );
            (&narrowed.0, &narrowed.1)
        };
        match drop.next() {
            Some(&d) => match grid_if_fits(cols, cells, width, color) {
                Some(table) => return table,
                None => keep.retain(|&i| i != d),
            },
            None => return render(cols, cells, width, color),
        }
    }
}

/// The colour of a class, everywhere: green moves a goal, red does not.
pub fn class_style(class: Class) -> Style {
    let color = match class {
        Class::Aligned => AnsiColor::Green,
        Class::Partial => AnsiColor::Yellow,
        Class::Operational => AnsiColor::Blue,
        Class::BusyWork => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

#[derive(Serialize)]
struct JsonScore<'a> {
    workspace: &'a str,
    today: String,
    lens: &'a str,
    summary: &'a Summary,
    tasks: JsonTasks<'a>,
    goals: Vec<JsonGoal<'a>>,
}

/// The `tasks` of `score --format json`, each made as it is written: 100,000 rows held
/// at once would be tens of megabytes more at the command's peak.
struct JsonTasks<'a> {
    ws: &'a Workspace,
    board: &'a Scoreboard,
    shown: &'a Shown<'a>,
    paths: &'a Paths<'a>,
}

impl Serialize for JsonTasks<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((0..self.ws.tasks.len()).filter_map(|ix| self.row(ix)))
    }
}

impl<'a> JsonTasks<'a> {
    /// Task `ix` as the JSON shows it, when shown.
    fn row(&self, ix: usize) -> Option<JsonTask<'a>> {
        let (ws, board, paths) = (self.ws, self.board, self.paths);
        let (t, s) = (&ws.tasks[ix], &board.tasks[ix]);
        self.shown.task(t, s).then(|| JsonTask {
            id: &t.id,
            title: &t.title,
            status: t.status.as_str(),
            class: s.class,
            score: s.points,
            goals: &t.goals,
            factors: &s.factors,
            suggested_goal: s.suggested_goal.as_ref(),
            path: paths.of(board, ix),
            owner: t.owner.as_deref(),
            effort: t.effort,
            due: t.due.map(|d| d.to_string()),
            depends: &t.depends,
            blocked: t.status.is_open()
                && t.depends.iter().any(|d| {
                    ws.task_by_id(d)
                        .is_some_and(|b| ws.tasks[b].status.is_open())
                }),
        })
    }
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: &'a str,
    title: &'a str,
    status: &'a str,
    class: Class,
    score: u8,
    goals: &'a [LinkRef],
    factors: &'a [Factor],
    suggested_goal: Option<&'a LinkRef>,
    /// The line of sight as ids, from the first link up to the top goal.
    path: Vec<&'a str>,
    owner: Option<&'a str>,
    effort: f64,
    due: Option<String>,
    /// The tasks it waits on, as written.
    depends: &'a [String],
    /// Waiting on open work.
    blocked: bool,
}

#[derive(Serialize)]
struct JsonGoal<'a> {
    id: &'a str,
    title: &'a str,
    status: &'a str,
    progress: f64,
    open_tasks: usize,
    orphan: bool,
    stale: bool,
    /// Active past its due date: to be closed or rolled over.
    ended: bool,
    parent: Option<&'a str>,
    /// Each key result's progress and newest confidence, as `align history` shows them.
    key_results: Vec<JsonKeyResult<'a>>,
}

#[derive(Serialize)]
struct JsonKeyResult<'a> {
    id: &'a str,
    progress: f64,
    confidence: Option<f64>,
    /// Did the work move it: "moving", "none" (no traction), "unmeasured",
    /// "little-work", "reached" or "no-work" (see `align_core::traction`).
    traction: Verdict,
    /// The figures behind `traction`: the window, the work finished in it, the values
    /// before and since.
    traction_figures: &'a Traction,
}

/// Every goal's id and parent, and every key result's `goal/kr`, worked out once for all
/// the tasks that share them.
struct Paths<'a> {
    ws: &'a Workspace,
    /// Per goal: its id.
    ids: Vec<&'a str>,
    /// Per goal: its parent, when the workspace has that goal.
    parents: Vec<Option<GoalIx>>,
    /// Every key result's `goal/kr`, goal after goal in one text (goal `g`'s key
    /// results from `first_key_result[g]` in `key_result_ends`): the paths of 100,000
    /// tasks linked all over 10,000 goals are read from one place, not from a list and
    /// a string of each goal's.
    key_results: String,
    key_result_ends: Vec<u32>,
    first_key_result: Vec<u32>,
}

impl<'a> Paths<'a> {
    fn new(ws: &'a Workspace) -> Paths<'a> {
        let ids = ws.goals.iter().map(|g| g.id.as_str()).collect();
        let parents = ws
            .goals
            .iter()
            .map(|g| g.parent.as_deref().and_then(|p| ws.goal_by_id(p)))
            .collect();
        let (mut key_results, mut key_result_ends) = (String::new(), vec![0]);
        let mut first_key_result = Vec::with_capacity(ws.goals.len());
        for g in &ws.goals {
            first_key_result.push(key_result_ends.len() as u32 - 1);
            for k in &g.key_results {
                // As `LinkRef` writes it, without its two copies of the ids.
                for part in [g.id.as_str(), "/", k.id.as_str()] {
                    key_results.push_str(part);
                }
                key_result_ends.push(key_results.len() as u32);
            }
        }
        Paths {
            ws,
            ids,
            parents,
            key_results,
            key_result_ends,
            first_key_result,
        }
    }

    /// Key result `k` of goal `g` as `goal/kr`.
    fn key_result(&self, g: GoalIx, k: usize) -> &str {
        let at = self.first_key_result[g.0] as usize + k;
        let (start, end) = (self.key_result_ends[at], self.key_result_ends[at + 1]);
        &self.key_results[start as usize..end as usize]
    }

    /// A task's path: its first link that resolves, then its goal's chain; for enabling
    /// work without a link, the tasks it unblocks up to the linked one, then that one's.
    fn of(&'a self, board: &Scoreboard, ix: usize) -> Vec<&'a str> {
        let Some(link) = self.ws.task_links(TaskIx(ix)).next() else {
            let chain = align_core::sight::unblocks_chain(&board.tasks, TaskIx(ix));
            let Some(&last) = chain.last() else {
                return Vec::new();
            };
            let mut path: Vec<&str> = chain
                .iter()
                .map(|&d| self.ws.tasks[d].id.as_str())
                .collect();
            if !self.ws.tasks[last].goals.is_empty() {
                path.extend(self.of(board, last.0));
            }
            return path;
        };
        let mut path = Vec::new();
        if let Some(k) = link.key_result {
            path.push(self.key_result(link.goal, k));
        }
        self.climb(link.goal, &mut path);
        path
    }

    /// Goal `start`'s id and its parents', up to the top. Each goal keeps only its
    /// parent, so a chain 10,000 goals deep takes no more room than 10,000 goals (kept
    /// whole for every goal, the chains took room and time growing with the square of
    /// the depth). The parents of a loaded workspace form no cycle; a walk longer than
    /// there are goals would be one, and ends there.
    fn climb(&self, start: GoalIx, path: &mut Vec<&'a str>) {
        let mut cur = Some(start);
        for _ in 0..self.ids.len() {
            let Some(g) = cur else { break };
            path.push(self.ids[g.0]);
            cur = self.parents[g.0];
        }
    }
}

/// Tasks in display order: highest score first, file order among equals, optionally
/// only one class.
pub fn ranked(board: &Scoreboard, class: Option<Class>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..board.tasks.len())
        .filter(|&i| class.is_none_or(|c| board.tasks[i].class == c))
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(board.tasks[i].points));
    order
}

/// Which tasks `score` lists: one class (`--class`), and the `--status`, `--owner` and
/// `--goal` terms, asked through the same matcher as the board's filter.
#[derive(Default)]
pub struct Shown<'a> {
    pub class: Option<Class>,
    pub matcher: Option<align_core::query::Matcher<'a>>,
}

impl Shown<'_> {
    /// Every task.
    pub fn all() -> Self {
        Shown::default()
    }

    /// Is every task shown (and so the goals table and summary describe what is listed)?
    fn everything(&self) -> bool {
        self.class.is_none() && self.matcher.is_none()
    }

    fn task(&self, t: &Task, s: &align_core::Score) -> bool {
        self.class.is_none_or(|c| s.class == c)
            && self
                .matcher
                .as_ref()
                .is_none_or(|m| m.matches(t, s.class, ""))
    }

    /// The tasks shown, ranked as [`ranked`] ranks them.
    fn ranked(&self, ws: &Workspace, board: &Scoreboard) -> Vec<usize> {
        let mut order = ranked(board, self.class);
        if self.matcher.is_some() {
            order.retain(|&i| self.task(&ws.tasks[i], &board.tasks[i]));
        }
        order
    }
}

/// `score --format json`: one object, tasks in file order (filtered by class), written
/// straight to `out` (100,000 tasks make tens of megabytes: no need to hold them).
/// Indented when `pretty` (a person at a terminal), compact otherwise.
pub fn write_score_json(
    out: &mut impl std::io::Write,
    ws: &Workspace,
    board: &Scoreboard,
    shown: &Shown,
    pretty: bool,
) -> std::io::Result<()> {
    let paths = Paths::new(ws);
    let traction = traction(ws, board.today, Rule::of(ws));
    let doc = JsonScore {
        workspace: &ws.name,
        today: board.today.to_string(),
        lens: board.lens.as_str(),
        summary: &board.summary,
        tasks: JsonTasks {
            ws,
            board,
            shown,
            paths: &paths,
        },
        goals: if pretty {
            (0..ws.goals.len())
                .map(|g| json_goal(ws, board, &traction, g))
                .collect()
        } else {
            Vec::new()
        },
    };
    if pretty {
        crate::json::write(&mut *out, &doc, true)?;
    } else {
        // The same bytes as the whole document written at once, with the tasks and the
        // goals (nearly all of it) made on every core.
        out.write_all(b"{\"workspace\":")?;
        crate::json::write(&mut *out, doc.workspace, false)?;
        out.write_all(b",\"today\":")?;
        crate::json::write(&mut *out, &doc.today, false)?;
        out.write_all(b",\"lens\":")?;
        crate::json::write(&mut *out, doc.lens, false)?;
        out.write_all(b",\"summary\":")?;
        crate::json::write(&mut *out, doc.summary, false)?;
        out.write_all(b",\"tasks\":")?;
        let tasks = &doc.tasks;
        crate::json::write_rows(&mut *out, ws.tasks.len(), |ix| tasks.row(ix))?;
        out.write_all(b",\"goals\":")?;
        // 10,000 goals with their key results make megabytes too: on every core as well.
        crate::json::write_rows(&mut *out, ws.goals.len(), |g| {
            Some(json_goal(ws, board, &traction, g))
        })?;
        out.write_all(b"}")?;
    }
    out.write_all(b"\n")
}

/// Goal `g` as `score --format json` shows it, with its key results' `traction` (what
/// [`traction`] gives for the workspace).
fn json_goal<'a>(
    ws: &'a Workspace,
    board: &'a Scoreboard,
    traction: &'a [Vec<Traction>],
    g: usize,
) -> JsonGoal<'a> {
    let (goal, flags) = (&ws.goals[g], &board.goals[g]);
    JsonGoal {
        id: &goal.id,
        title: &goal.title,
        status: goal.status.as_str(),
        progress: (flags.progress * 1000.0).round() / 1000.0,
        open_tasks: flags.open_tasks,
        orphan: flags.orphan,
        stale: flags.stale,
        ended: goal.is_ended(board.today),
        parent: goal.parent.as_deref(),
        key_results: goal
            .key_results
            .iter()
            .zip(&traction[g])
            .map(|(k, t)| JsonKeyResult {
                id: &k.id,
                progress: align_core::history::round3(k.progress()),
                confidence: k.newest_confidence(),
                traction: t.verdict,
                traction_figures: t,
            })
            .collect(),
    }
}

/// `score --format csv`: one row per task, ranked.
pub fn score_csv(ws: &Workspace, board: &Scoreboard, shown: &Shown) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "title",
        "status",
        "class",
        "score",
        "goals",
        "suggested_goal",
        "due",
        "owner",
        "effort",
    ]);
    for i in shown.ranked(ws, board) {
        let (t, s) = (&ws.tasks[i], &board.tasks[i]);
        let suggested = s
            .suggested_goal
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let _ = w.write_record([
            safe(&t.id).as_ref(),
            &safe(&t.title),
            t.status.as_str(),
            s.class.as_str(),
            &s.points.to_string(),
            &safe(&t.links_joined(" ")),
            &safe(&suggested),
            &t.due.map(|d| d.to_string()).unwrap_or_default(),
            &safe(t.owner.as_deref().unwrap_or("")),
            &t.effort.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The one-line summary under tables and in `check`.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} tasks: {} aligned, {} partial, {} operational, {} busy-work; open effort {}% aligned, {}% busy-work",
        s.tasks,
        s.aligned,
        s.partial,
        s.operational,
        s.busy_work,
        s.aligned_effort_pct,
        s.busy_effort_pct
    )
}

/// A 10-cell progress bar, readable without colour.
pub fn bar(progress: f64, cells: usize) -> String {
    let filled = ((progress.clamp(0.0, 1.0) * cells as f64).round()) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
}

/// `score` as a table: tasks ranked, then goals with their flags, then the summary.
pub fn score_table(
    ws: &Workspace,
    board: &Scoreboard,
    shown: &Shown,
    width: Option<usize>,
    color: bool,
) -> String {
    let columns = [
        Column::keep("ID"),
        Column::number("SCORE"),
        Column::keep("CLASS"),
        Column::keep("STATUS"),
        Column::keep("DUE"),
        Column::truncate("TITLE"),
        Column::truncate("GOALS"),
    ];
    let dim = Style::new().dimmed();
    let rows: Vec<Vec<Cell>> = shown
        .ranked(ws, board)
        .into_iter()
        .map(|i| {
            let (t, s) = (&ws.tasks[i], &board.tasks[i]);
            let goals = if t.goals.is_empty() {
                match &s.suggested_goal {
                    Some(g) => styled(format!("→ {g}?"), dim),
                    None => styled("—", dim),
                }
            } else {
                Cell::from(t.links_joined(", "))
            };
            let due = match t.due {
                Some(d) if t.status.is_open() && d < board.today => styled(
                    d.to_string(),
                    Style::new().fg_color(Some(AnsiColor::Red.into())),
                ),
                Some(d) => Cell::from(d.to_string()),
                None => Cell::from(""),
            };
            vec![
                Cell::from(t.id.as_str()),
                Cell::from(s.points.to_string()),
                styled(s.class.as_str(), class_style(s.class)),
                Cell::from(t.status.as_str()),
                due,
                Cell::from(t.title.as_str()),
                goals,
            ]
        })
        .collect();
    // Narrow terminal: drop DUE, then STATUS, then GOALS.
    let mut out = render_fitting(&columns, &rows, &[4, 3, 6], width, color);
    if shown.everything() && !ws.goals.is_empty() {
        out.push('\n');
        out.push_str(&goal_table(ws, board, width, color));
    }
    out.push('\n');
    out.push_str(&fill(&summary_line(&board.summary), width));
    out.push('\n');
    out
}

fn goal_table(ws: &Workspace, board: &Scoreboard, width: Option<usize>, color: bool) -> String {
    let columns = [
        Column::keep("GOAL"),
        Column::keep("KIND"),
        Column::number("W"),
        Column::keep("STATUS"),
        Column::keep("PROGRESS"),
        Column::number("OPEN"),
        Column::keep("FLAGS"),
        Column::truncate("TITLE"),
    ];
    let warn = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let traction = traction(ws, board.today, Rule::of(ws));
    let rows: Vec<Vec<Cell>> = ws
        .goals
        .iter()
        .zip(&board.goals)
        .zip(&traction)
        .map(|((g, f), tr)| {
            let mut flags = Vec::new();
            if f.orphan {
                flags.push("orphan");
            }
            if f.stale {
                flags.push("stale");
            }
            if g.is_ended(board.today) {
                flags.push("ended");
            }
            if tr.iter().any(Traction::none) {
                flags.push("no-traction");
            }
            vec![
                Cell::from(g.id.as_str()),
                Cell::from(g.kind.as_str()),
                Cell::from(g.weight.to_string()),
                Cell::from(g.status.as_str()),
                Cell::from(format!(
                    "{} {:>3.0}%",
                    bar(f.progress, 10),
                    f.progress * 100.0
                )),
                Cell::from(f.open_tasks.to_string()),
                styled(flags.join(" "), warn),
                Cell::from(g.title.as_str()),
            ]
        })
        .collect();
    // Narrow terminal: drop KIND, W, OPEN, STATUS, then PROGRESS.
    render_fitting(&columns, &rows, &[1, 2, 5, 3, 4], width, color)
}

/// `compare` as a three-column table with the verdict and advice.
pub fn compare_table(cmp: &Comparison, width: Option<usize>, color: bool) -> String {
    let columns = |strategy: &'static str, task: &'static str| {
        [
            Column::keep("FEATURE"),
            Column::wrap(strategy),
            Column::wrap(task),
        ]
    };
    let rows: Vec<Vec<Cell>> = cmp
        .rows
        .iter()
        .map(|r| {
            vec![
                styled(r.feature, Style::new().bold()),
                Cell::from(format!("{}\n→ {}\n", r.strategy.seed, r.strategy.figure)),
                Cell::from(format!("{}\n→ {}\n", r.task.seed, r.task.figure)),
            ]
        })
        .collect();
    let title = format!("{} — {}", display_text(&cmp.workspace), cmp.today);
    let mut out = format!("{}\n\n", fill(&title, width));
    // A wrapped column is never narrower than its header: shorter ones on a narrow terminal.
    let table = grid_if_fits(
        &columns("STRATEGIC ALIGNMENT", "TASK COMPLETION MINDSET"),
        &rows,
        width,
        color,
    )
    .unwrap_or_else(|| render(&columns("STRATEGY", "TASK COMPLETION"), &rows, width, color));
    out.push_str(&table);
    out.push('\n');
    let wrap = |s: &str| fill(s, width);
    out.push_str(&wrap(&cmp.verdict));
    out.push_str("\n\n");
    out.push_str(&wrap(cmp.advice.strategy_when));
    out.push('\n');
    out.push_str(&wrap(cmp.advice.task_when));
    out.push('\n');
    out.push_str(&wrap(&cmp.advice.lens_note));
    out.push('\n');
    out
}

pub fn compare_json(cmp: &Comparison) -> String {
    crate::json::pretty(cmp)
}

pub fn compare_markdown(cmp: &Comparison) -> String {
    let esc = crate::markdown::text;
    let mut out = format!(
        "## {} — strategy vs. task completion ({})\n\n",
        esc(&cmp.workspace),
        cmp.today
    );
    out.push_str(&crate::markdown::comparison_table(cmp));
    out.push_str(&format!(
        "\n**Verdict:** {}\n\n- {}\n- {}\n- {}\n",
        esc(&cmp.verdict),
        esc(cmp.advice.strategy_when),
        esc(cmp.advice.task_when),
        esc(&cmp.advice.lens_note)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-file workspace `text`, loaded and scored as of 2026-11-25.
    fn scored(text: String) -> (Workspace, Scoreboard) {
        let path = std::path::PathBuf::from("align.toml");
        let ws = align_core::load::load_sources(&path, vec![(path.clone(), text.into_bytes())])
            .unwrap()
            .workspace;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let board = align_core::score_workspace(&ws, today, None);
        (ws, board)
    }

    /// Compact JSON (tasks and goals made on every core, in blocks of rows) says what the
    /// indented JSON says, with more goals than fit one block.
    #[test]
    fn compact_score_json_is_the_indented_document() {
        let text = align_testkit::generate::generate(3000, 2500);
        let (ws, board) = scored(text);
        let json = |pretty| {
            let mut out = Vec::new();
            write_score_json(&mut out, &ws, &board, &Shown::all(), pretty).unwrap();
            serde_json::from_slice::<serde_json::Value>(&out).unwrap()
        };
        let compact = json(false);
        assert_eq!(compact["goals"].as_array().map(Vec::len), Some(2500));
        assert_eq!(compact["goals"][2499]["id"], ws.goals[2499].id.as_str());
        assert_eq!(compact, json(true));
    }

    /// A task's path is its key result, its goal and every parent up to the top, however
    /// deep the chain and in whatever order the goals are written (here deepest first).
    #[test]
    fn a_path_climbs_every_parent_of_a_deep_chain() {
        let depth = 3_000;
        let last = depth - 1;
        let (ws, board) = scored(align_testkit::generate::goal_chain(depth));
        let paths = Paths::new(&ws);
        let got = paths.of(&board, 0);
        let kr = format!("g{last}/kr1");
        let goals: Vec<String> = (0..depth).rev().map(|i| format!("g{i}")).collect();
        let want: Vec<&str> = std::iter::once(kr.as_str())
            .chain(goals.iter().map(String::as_str))
            .collect();
        assert_eq!(got, want);
    }

    /// Every key result of every goal, read from the one text the paths keep, is the
    /// `goal/kr` its link would write: goals with one key result and with several, in
    /// a generated workspace of a thousand goals.
    #[test]
    fn each_key_result_path_is_its_link_as_written() {
        let (ws, _) = scored(align_testkit::generate::generate(200, 1000));
        let paths = Paths::new(&ws);
        let mut seen = 0;
        for (g, goal) in ws.goals.iter().enumerate() {
            for (k, kr) in goal.key_results.iter().enumerate() {
                let written = align_core::model::LinkRef::key_result(&goal.id, &kr.id);
                assert_eq!(paths.key_result(GoalIx(g), k), written.to_string());
                seen += 1;
            }
        }
        assert!(seen > ws.goals.len(), "some goals have several key results");
    }
}
