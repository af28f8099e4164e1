//! Places in the workspace's lists, as types: a task's, a goal's, a file's. An edit, a
//! score, a row on the board name an item by where it is, and a `TaskIx` cannot be passed
//! where a goal is meant. A list about tasks (the tasks themselves, their scores, the
//! board's rows) is indexed by a `TaskIx` directly: `ws.tasks[t]`, `board.tasks[t]`.

use std::ops::{Index, IndexMut};

macro_rules! place {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl<T> Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, i: $name) -> &T {
                &self[i.0]
            }
        }

        impl<T> IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, i: $name) -> &mut T {
                &mut self[i.0]
            }
        }

        impl<T> Index<$name> for [T] {
            type Output = T;
            fn index(&self, i: $name) -> &T {
                &self[i.0]
            }
        }

        impl<T> IndexMut<$name> for [T] {
            fn index_mut(&mut self, i: $name) -> &mut T {
                &mut self[i.0]
            }
        }
    };
}

place!(
    /// A task's place in [`super::Workspace::tasks`] (and in every list about tasks).
    TaskIx
);
place!(
    /// A goal's place in [`super::Workspace::goals`] (and in every list about goals).
    GoalIx
);
place!(
    /// A file's place in [`super::Workspace::files`].
    FileIx
);
