//! Two independent passes over a large workspace made at once, one on a second core:
//! what loading and scoring do one after the other on a single core otherwise, each
//! reading the same lists (validation beside the indexes, the summary beside the goal
//! flags). Below [`BOTH_FROM`] tasks a pass takes well under a millisecond and both run
//! here, one after the other, with no thread to start.

/// Workspaces of at least this many tasks make their two passes at once.
pub(crate) const BOTH_FROM: usize = 4096;

/// `first()` made on a second thread while `second()` runs on this one, for a workspace
/// of `tasks` tasks; both here, first then second, when it has fewer than [`BOTH_FROM`].
/// A panic in either is the caller's, as if both had run here.
pub(crate) fn both<A: Send, B>(
    tasks: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (A, B) {
    if tasks < BOTH_FROM {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(first);
        let b = second();
        let a = a
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::{BOTH_FROM, both};

    #[test]
    fn both_passes_give_their_answers_whatever_the_size() {
        for tasks in [0, BOTH_FROM - 1, BOTH_FROM, 10 * BOTH_FROM] {
            let list: Vec<usize> = (0..tasks).collect();
            let (sum, count) = both(tasks, || list.iter().sum::<usize>(), || list.len());
            assert_eq!((sum, count), (tasks * tasks.saturating_sub(1) / 2, tasks));
        }
    }
}
