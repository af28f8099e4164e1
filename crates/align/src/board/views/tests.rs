//! The listing's promises: ids in natural order, the class filter's cycle, and the
//! rows kept up to date (one row moved, moved ranges merged in) equal to a full listing.

use super::*;

#[test]
fn ids_sort_naturally() {
    let mut ids = vec!["T-10", "T-9", "T-100", "A-1"];
    ids.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(ids, ["A-1", "T-9", "T-10", "T-100"]);
}

#[test]
fn class_filter_cycles_through_all_classes_and_back() {
    let mut c = None;
    let mut seen = Vec::new();
    for _ in 0..5 {
        c = next_class(c);
        seen.push(c);
    }
    assert_eq!(seen.last(), Some(&None));
    assert_eq!(seen.len(), 5);
}

use proptest::prelude::*;

/// A change to one task: its score, its class, its due date, its status.
fn change() -> impl Strategy<Value = (usize, u8, usize, Option<u32>, usize)> {
    (
        0..31usize,
        0..=100u8,
        0..4usize,
        proptest::option::of(1..60u32),
        0..4usize,
    )
}

/// Ranges of tasks put in place by others: where (0..31), how many go, how many come,
/// and the score and status those that come have.
fn splice() -> impl Strategy<Value = (usize, usize, usize, u8, usize)> {
    (0..31usize, 0..4usize, 0..4usize, 0..=100u8, 0..4usize)
}

proptest! {
    /// Merging the rows of the tasks put in place into the rows kept gives exactly the
    /// rows a full listing gives, under every sort, with and without the filters.
    #[test]
    fn relisting_the_moved_ranges_lists_what_sorting_all_lists(
        splices in proptest::collection::vec(splice(), 0..5),
        sort in 0..4usize,
        class in proptest::option::of(0..4usize),
        filter in prop::sample::select(vec!["", "t-1", "label", "owner:maya"]),
        finished: bool,
    ) {
        let text = include_str!("../../../../../assets/demo.toml");
        let path = std::path::PathBuf::from("demo.toml");
        let ws = align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .unwrap()
            .workspace;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let board = align_core::score_workspace(&ws, today, None);
        let sort = [SortKey::Score, SortKey::Due, SortKey::Status, SortKey::Id][sort];
        let class = class.map(|c| Class::ALL[c]);
        let query = Query::parse(filter);
        let hay = haystack(&ws);
        let mut order = Listing::new(&ws, &board, &hay, &query, class, finished, sort).rows();
        // Non-overlapping ranges in ascending order, put in place one after the other.
        let mut splices = splices;
        splices.sort_by_key(|s| s.0);
        let (mut new_ws, mut new_board) = (ws.clone(), board.clone());
        let (mut moved, mut end, mut shift) = (Vec::new(), 0usize, 0isize);
        for (start, gone, come, points, status) in splices {
            let old = start.max(end)..(start.max(end) + gone).min(ws.tasks.len());
            end = old.end;
            let at = old.start.saturating_add_signed(shift);
            let n = ws.tasks.len();
            let (tasks, scores): (Vec<_>, Vec<_>) = (0..come)
                .map(|j| {
                    let from = (old.start + j * 7) % n;
                    let mut t = ws.tasks[from].clone();
                    t.status = [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Done, TaskStatus::Dropped][status];
                    let mut s = board.tasks[from].clone();
                    s.points = points;
                    (t, s)
                })
                .unzip();
            new_ws.splice_tasks(at..at + old.len(), tasks);
            new_board.tasks.splice(at..at + old.len(), scores);
            moved.push((old.clone(), at..at + come));
            shift += come as isize - old.len() as isize;
        }
        let hay = haystack(&new_ws);
        let listing = Listing::new(&new_ws, &new_board, &hay, &query, class, finished, sort);
        listing.relist(&mut order, &Some(moved));
        prop_assert_eq!(order, listing.rows());
    }
}

proptest! {
    /// Moving the one changed row gives exactly the rows a full listing gives, under
    /// every sort, with and without the filters.
    #[test]
    fn moving_one_row_lists_what_sorting_all_lists(
        changes in proptest::collection::vec(change(), 1..12),
        sort in 0..4usize,
        class in proptest::option::of(0..4usize),
        filter in prop::sample::select(vec!["", "t-1", "label", "zzz", "owner:maya", "status:done t-1"]),
        finished: bool,
    ) {
        let text = include_str!("../../../../../assets/demo.toml");
        let path = std::path::PathBuf::from("demo.toml");
        let mut ws = align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
            .unwrap()
            .workspace;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut board = align_core::score_workspace(&ws, today, None);
        let hay = haystack(&ws);
        let sort = [SortKey::Score, SortKey::Due, SortKey::Status, SortKey::Id][sort];
        let class = class.map(|c| Class::ALL[c]);
        let query = Query::parse(filter);
        let mut order = Listing::new(&ws, &board, &hay, &query, class, finished, sort).rows();
        for (task, points, class_of, due, status) in changes {
            board.tasks[task].points = points;
            board.tasks[task].class = Class::ALL[class_of];
            ws.tasks[task].due = due.map(|d| today + chrono::Days::new(u64::from(d)));
            ws.tasks[task].status = [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Done, TaskStatus::Dropped][status];
            let listing = Listing::new(&ws, &board, &hay, &query, class, finished, sort);
            listing.reposition(&mut order, TaskIx(task));
            prop_assert_eq!(&order, &listing.rows());
        }
    }
}
