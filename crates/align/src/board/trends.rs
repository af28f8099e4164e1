//! The Compare tab's trends: each row's figures as they stood over the last weeks, read
//! from the workspace's git history. Reading history takes a moment (a second over ten
//! thousand tasks), so it never happens in the loop: a worker thread started when the
//! board opens reads it and sends it back as an [`Action::History`], which the loop
//! picks up with a `try_recv` each turn. Until it arrives the tab says "history…";
//! outside a git repository it says so in one quiet line.
//!
//! When it is read again: the past points are commits, not the files on disk, so a save
//! changes none of them (the "now" end of each trend is the live figure, which follows
//! every edit at once). The worker reads the history again only when HEAD moves (a
//! commit, a pull, a checkout: it looks every few seconds) or the board asks under
//! another lens.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use align_core::compare::compare;
use align_core::history::{self, HistoryError};
use align_core::model::Lens;
use align_core::scoring::score_workspace;
use chrono::{Days, Months, NaiveDate};

use super::action::Action;
use super::app::App;

/// Weeks of history before today in a sparkline.
pub const WEEKS: u64 = 12;

/// How often the worker looks whether HEAD moved.
const HEAD_EVERY: Duration = Duration::from_secs(3);

/// What the history is read for: the figures as of `today` under `lens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    pub today: NaiveDate,
    pub lens: Lens,
}

/// The Compare table's headline values (`[strategy, task]` per row) on past days.
#[derive(Debug, Clone, PartialEq)]
pub struct PastFigures {
    pub ask: Ask,
    /// A point every week back from today, oldest first (`None`: the workspace did not
    /// exist yet, or did not load, then).
    pub weeks: Vec<(NaiveDate, Option<Vec<[f64; 2]>>)>,
    /// A week and a month before today.
    pub week_ago: Option<Vec<[f64; 2]>>,
    pub month_ago: Option<Vec<[f64; 2]>>,
}

// The values are rounded figures, never NaN, so equality is an equivalence.
impl Eq for PastFigures {}

/// What the worker found: the past figures, or why there are none.
pub type News = Result<PastFigures, String>;

/// The history as the board has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Trends {
    /// Not asked for (no worker: a test, or before the board opened).
    #[default]
    Off,
    /// Asked for and not here yet.
    Waiting,
    /// Here, for the ask it carries.
    Ready(PastFigures),
    /// None to show, and why in a few words (not in git, no git).
    Unavailable(String),
}

/// What the Compare tab shows of the trends now.
#[derive(Debug, Clone, Copy)]
pub enum TrendView<'a> {
    Off,
    Waiting,
    Ready(&'a PastFigures),
    Unavailable(&'a str),
}

/// The worker: asked over one channel, answering over the other. Dropping it (the board
/// closing) ends the thread at its next look.
pub struct Worker {
    asks: Sender<Ask>,
    news: Receiver<News>,
}

impl Worker {
    /// Start reading the history of the workspace at `path` for `ask`.
    pub fn start(path: PathBuf, ask: Ask) -> Worker {
        let (ask_tx, ask_rx) = mpsc::channel();
        let (news_tx, news_rx) = mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("align-history".into())
            .spawn(move || work(&path, ask, &ask_rx, &news_tx));
        Worker {
            asks: ask_tx,
            news: news_rx,
        }
    }

    fn ask(&self, ask: Ask) {
        let _ = self.asks.send(ask);
    }

    /// What the worker sent since last asked, if anything, as the action that delivers it.
    fn poll(&self) -> Option<Action> {
        self.news.try_recv().ok().map(Action::History)
    }
}

/// The worker's loop: read, send, then wait for another ask or a new HEAD.
fn work(path: &Path, first: Ask, asks: &Receiver<Ask>, news: &Sender<News>) {
    let mut ask = first;
    let mut read: Option<(Ask, Option<String>)> = None;
    loop {
        let head = match history::head(path) {
            Ok(head) => head,
            Err(e) => {
                let _ = news.send(Err(why(&e)));
                return;
            }
        };
        if read.as_ref() != Some(&(ask, head.clone())) {
            let found = past_figures(path, ask).map_err(|e| why(&e));
            if news.send(found).is_err() {
                return;
            }
            read = Some((ask, head));
        }
        match asks.recv_timeout(HEAD_EVERY) {
            Ok(newer) => ask = asks.try_iter().last().unwrap_or(newer),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Why there are no trends, in the few words the tab has room for.
fn why(e: &HistoryError) -> String {
    match e {
        HistoryError::NotARepository(_) => "no trends: the workspace is not in git".to_string(),
        HistoryError::NoGit(_) => "no trends: git is not installed".to_string(),
        other => format!("no trends: {other}"),
    }
}

/// The days a trend samples: a week apart back from `today`, oldest first.
pub fn week_days(today: NaiveDate) -> Vec<NaiveDate> {
    (1..=WEEKS)
        .rev()
        .filter_map(|k| today.checked_sub_days(Days::new(7 * k)))
        .collect()
}

/// The Compare table's values on each week's day, a week and a month ago, read from git.
pub fn past_figures(path: &Path, ask: Ask) -> Result<PastFigures, HistoryError> {
    let weeks = week_days(ask.today);
    let month = ask.today.checked_sub_months(Months::new(1));
    let mut days = weeks.clone();
    days.extend(month);
    days.sort();
    days.dedup();
    let points = history::on_days(path, &days, |ws, day| {
        let cmp = compare(ws, &score_workspace(ws, day, Some(ask.lens)));
        cmp.rows
            .iter()
            .map(|r| [r.strategy.value, r.task.value])
            .collect::<Vec<_>>()
    })?;
    let on = |day: Option<NaiveDate>| {
        points
            .iter()
            .find(|p| Some(p.date) == day)
            .and_then(|p| p.figures.clone().ok())
    };
    Ok(PastFigures {
        ask,
        weeks: weeks.iter().map(|&d| (d, on(Some(d)))).collect(),
        week_ago: on(ask.today.checked_sub_days(Days::new(7))),
        month_ago: on(month),
    })
}

impl App {
    /// Start reading the history in the background (the board opened on a workspace).
    pub fn start_history(&mut self) {
        let worker = Worker::start(self.session.root().to_path_buf(), self.history_ask());
        self.history_worker = Some(worker);
        self.trends = Trends::Waiting;
    }

    /// What the history is wanted for now.
    pub fn history_ask(&self) -> Ask {
        Ask {
            today: self.today,
            lens: self.lens(),
        }
    }

    /// News from the worker, if it sent any: the loop hands it to [`App::update`].
    pub fn background_news(&self) -> Option<Action> {
        self.history_worker.as_ref().and_then(Worker::poll)
    }

    /// Take the worker's news: past figures for what is wanted now, or why there are none.
    pub(super) fn take_history(&mut self, news: News) {
        self.trends = match news {
            Ok(past) if past.ask == self.history_ask() => Trends::Ready(past),
            // For an earlier ask (the lens changed meanwhile): the next news is for now.
            Ok(_) => return,
            Err(why) => Trends::Unavailable(why),
        };
    }

    /// The lens changed: ask the worker for the history under it.
    pub(super) fn ask_history_again(&mut self) {
        if let Some(worker) = &self.history_worker {
            worker.ask(self.history_ask());
        }
    }

    /// What the Compare tab shows of the trends now.
    pub fn trend_view(&self) -> TrendView<'_> {
        match &self.trends {
            Trends::Off => TrendView::Off,
            Trends::Ready(past) if past.ask == self.history_ask() => TrendView::Ready(past),
            Trends::Ready(_) | Trends::Waiting => TrendView::Waiting,
            Trends::Unavailable(why) => TrendView::Unavailable(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str], date: &str) -> bool {
        let stamp = format!("{date}T12:00:00+00:00");
        Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp)
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn workspace(linked: bool) -> String {
        let goals = if linked { "[\"g\"]" } else { "[]" };
        format!(
            "version = 1\n[[goals]]\nid = \"g\"\ntitle = \"Grow\"\n\n\
             [[tasks]]\nid = \"T-1\"\ntitle = \"Ship\"\neffort = 3\ngoals = {goals}\n\n\
             [[tasks]]\nid = \"T-2\"\ntitle = \"Tidy\"\neffort = 1\n"
        )
    }

    #[test]
    fn the_worker_reads_each_day_from_its_last_commit_and_answers_outside_git() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let ask = Ask {
            today,
            lens: Lens::Strategy,
        };
        // Outside git the worker says so, once, and ends.
        let worker = Worker::start(dir.path().to_path_buf(), ask);
        let news = worker.news.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(
            news,
            Err("no trends: the workspace is not in git".to_string())
        );
        if !git(dir.path(), &["init", "-q"], "2026-10-01") {
            eprintln!("note: git is not installed: the worker's git test is skipped");
            return;
        }
        let file = dir.path().join("align.toml");
        std::fs::write(&file, workspace(false)).unwrap();
        assert!(git(dir.path(), &["add", "-A"], "2026-10-20"));
        assert!(git(dir.path(), &["commit", "-qm", "a"], "2026-10-20"));
        std::fs::write(&file, workspace(true)).unwrap();
        assert!(git(dir.path(), &["commit", "-qam", "b"], "2026-11-18"));
        let worker = Worker::start(file.clone(), ask);
        let Ok(past) = worker.news.recv_timeout(Duration::from_secs(30)).unwrap() else {
            panic!("no history");
        };
        // The busy-work share (the Risk factor row's task side): a week ago (11-18) the
        // linked commit's 25%; a month ago (10-25) the unlinked one's 100%; before 10-20
        // there was no workspace.
        let busy = |rows: &Vec<[f64; 2]>| rows[4][1];
        assert_eq!(past.ask, ask);
        assert_eq!(past.week_ago.as_ref().map(busy), Some(25.0));
        assert_eq!(past.month_ago.as_ref().map(busy), Some(100.0));
        let weekly: Vec<Option<f64>> = past
            .weeks
            .iter()
            .map(|(_, v)| v.as_ref().map(busy))
            .collect();
        let mut expected = vec![None; 7];
        expected.extend([Some(100.0); 4]);
        expected.push(Some(25.0));
        assert_eq!(weekly, expected);
        // Another lens is read when asked for.
        let crunch = Ask {
            lens: Lens::Crunch,
            ..ask
        };
        worker.ask(crunch);
        let again = worker.news.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(again.map(|p| p.ask), Ok(crunch));
    }
}
